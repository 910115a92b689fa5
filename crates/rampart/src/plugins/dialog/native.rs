//! GTK's dialogs, shown on the GTK thread while the command waits.

use gtk::prelude::*;

use super::{Buttons, Choice, Dialog, MessageKind};
use crate::app_handle::AppHandle;

/// Shows `dialog` on the GTK thread and waits for the person.
pub(super) fn show_on_main(app: &AppHandle, dialog: Dialog) -> Choice {
    app.on_main(move || show(&dialog))
        .recv()
        .unwrap_or(Choice::Dismissed)
}

fn show(dialog: &Dialog) -> Choice {
    match dialog {
        Dialog::Open {
            title,
            directory,
            multiple,
            filters,
            default_path,
        } => {
            let action = if *directory {
                gtk::FileChooserAction::SelectFolder
            } else {
                gtk::FileChooserAction::Open
            };
            let chooser = chooser(title.as_deref(), action, filters);
            chooser.set_select_multiple(*multiple);
            if let Some(path) = default_path {
                chooser.set_current_folder(path);
            }
            picked(&chooser)
        }
        Dialog::Save {
            title,
            filters,
            default_path,
        } => {
            let chooser = chooser(title.as_deref(), gtk::FileChooserAction::Save, filters);
            chooser.set_do_overwrite_confirmation(true);
            if let Some(path) = default_path {
                if path.is_dir() {
                    chooser.set_current_folder(path);
                } else {
                    if let Some(folder) = path.parent() {
                        chooser.set_current_folder(folder);
                    }
                    if let Some(name) = path.file_name().and_then(|n| n.to_str()) {
                        chooser.set_current_name(name);
                    }
                }
            }
            picked(&chooser)
        }
        Dialog::Message {
            title,
            message,
            kind,
            buttons,
        } => {
            let message_type = match kind {
                MessageKind::Info => gtk::MessageType::Info,
                MessageKind::Warning => gtk::MessageType::Warning,
                MessageKind::Error => gtk::MessageType::Error,
            };
            let buttons_type = match buttons {
                Buttons::Ok => gtk::ButtonsType::Ok,
                Buttons::YesNo => gtk::ButtonsType::YesNo,
                Buttons::OkCancel => gtk::ButtonsType::OkCancel,
            };
            let dialog = gtk::MessageDialog::new(
                None::<&gtk::Window>,
                gtk::DialogFlags::MODAL,
                message_type,
                buttons_type,
                message,
            );
            if let Some(title) = title {
                dialog.set_title(title);
            }
            let response = dialog.run();
            dialog.close();
            Choice::Answer(matches!(
                response,
                gtk::ResponseType::Ok | gtk::ResponseType::Yes
            ))
        }
    }
}

fn chooser(
    title: Option<&str>,
    action: gtk::FileChooserAction,
    filters: &[super::Filter],
) -> gtk::FileChooserNative {
    let chooser = gtk::FileChooserNative::new(title, None::<&gtk::Window>, action, None, None);
    for filter in filters {
        let gtk_filter = gtk::FileFilter::new();
        gtk_filter.set_name(Some(&filter.name));
        for extension in &filter.extensions {
            gtk_filter.add_pattern(&format!("*.{extension}"));
        }
        chooser.add_filter(gtk_filter);
    }
    chooser
}

fn picked(chooser: &gtk::FileChooserNative) -> Choice {
    if chooser.run() == gtk::ResponseType::Accept {
        Choice::Paths(chooser.filenames())
    } else {
        Choice::Dismissed
    }
}
