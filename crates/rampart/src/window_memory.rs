//! Window state remembered across runs, for the windows that ask (`[[window]]
//! remember-state = true`): size, position and maximized, saved in
//! `$APPCONFIG/window-state.json` when such a window closes or the app exits, and restored when
//! it opens. A missing, unreadable or malformed file is a fresh start (with a warning), never a
//! failure; values out of bounds are ignored, and a position on no monitor (one unplugged
//! since) is not restored.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::PathBuf;

use rampart_core::app::{WindowSpec, declares};
use rampart_core::scope::{BaseDir, BaseDirs};
use serde::{Deserialize, Serialize};
use tao::dpi::{LogicalPosition, LogicalSize};
use tao::event_loop::EventLoopWindowTarget;
use tao::window::WindowBuilder;

use crate::window_control::WindowState;

/// The file, under `$APPCONFIG`.
const FILE: &str = "window-state.json";

/// The largest file read: far more than any app's windows need.
const MAX_FILE: u64 = 1024 * 1024;

/// One window's remembered state, in logical pixels.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Serialize)]
struct Saved {
    width: f64,
    height: f64,
    x: f64,
    y: f64,
    maximized: bool,
}

impl Saved {
    /// Whether every value is one a window can take.
    fn is_sane(&self) -> bool {
        let size = |v: f64| v.is_finite() && (1.0..=16384.0).contains(&v);
        let position = |v: f64| v.is_finite() && v.abs() <= 65536.0;
        size(self.width) && size(self.height) && position(self.x) && position(self.y)
    }
}

/// The remembered states, by window label.
pub(crate) struct WindowMemory {
    file: Option<PathBuf>,
    /// The labels (and templates) of the windows that remember their state.
    remembering: Vec<String>,
    saved: BTreeMap<String, Saved>,
}

impl WindowMemory {
    /// Reads the file under the app's `$APPCONFIG`, if any window remembers its state.
    pub(crate) fn load(windows: &[WindowSpec], dirs: &BaseDirs) -> WindowMemory {
        let remembering: Vec<String> = windows
            .iter()
            .filter(|w| w.remember_state)
            .map(|w| w.label.clone())
            .collect();
        let file = match dirs.get(BaseDir::AppConfig) {
            Some(dir) if !remembering.is_empty() => Some(dir.join(FILE)),
            Some(_) => None,
            None => {
                if !remembering.is_empty() {
                    tracing::warn!("the windows' state is not remembered: there is no $APPCONFIG");
                }
                None
            }
        };
        let saved = file.as_ref().map(read).unwrap_or_default();
        WindowMemory {
            file,
            remembering,
            saved,
        }
    }

    /// `builder` with `spec`'s remembered size, position (if it is on a monitor of `target`)
    /// and maximized state.
    pub(crate) fn restore<T: 'static>(
        &self,
        spec: &WindowSpec,
        target: &EventLoopWindowTarget<T>,
        builder: WindowBuilder,
    ) -> WindowBuilder {
        let Some(saved) = self.saved.get(&spec.label) else {
            return builder;
        };
        let on_a_monitor = target.available_monitors().any(|monitor| {
            let scale = monitor.scale_factor();
            let at = monitor.position().to_logical::<f64>(scale);
            let size = monitor.size().to_logical::<f64>(scale);
            (at.x..at.x + size.width).contains(&saved.x)
                && (at.y..at.y + size.height).contains(&saved.y)
        });
        let builder = builder
            .with_inner_size(LogicalSize::new(saved.width, saved.height))
            .with_maximized(saved.maximized);
        if on_a_monitor {
            builder.with_position(LogicalPosition::new(saved.x, saved.y))
        } else {
            builder
        }
    }

    /// Notes `state`, the window `label`'s now, if it remembers its state. A maximized window
    /// keeps the size and position it had before, to go back to.
    pub(crate) fn remember(&mut self, label: &str, state: &WindowState) {
        let remembers = self.remembering.iter().any(|w| declares(w, label));
        if !remembers || self.file.is_none() {
            return;
        }
        let now = Saved {
            width: state.width,
            height: state.height,
            x: state.x,
            y: state.y,
            maximized: state.maximized,
        };
        let kept = match self.saved.get(label) {
            Some(before) if state.maximized => Saved {
                maximized: true,
                ..*before
            },
            _ => now,
        };
        if kept.is_sane() {
            self.saved.insert(label.to_string(), kept);
        }
    }

    /// Writes the file (a temporary file renamed over it), if any window remembers its state.
    pub(crate) fn save(&self) {
        let Some(file) = &self.file else {
            return;
        };
        if let Err(error) = write(file, &self.saved) {
            tracing::warn!(file = %file.display(), %error, "cannot save the windows' state");
        }
    }
}

/// The states in `file`: none when it is missing; none, with a warning, when it cannot be
/// read or parsed; only the sane ones.
fn read(file: &PathBuf) -> BTreeMap<String, Saved> {
    let parsed = std::fs::File::open(file).and_then(|f| {
        let mut text = String::new();
        f.take(MAX_FILE).read_to_string(&mut text)?;
        serde_json::from_str::<BTreeMap<String, Saved>>(&text).map_err(std::io::Error::other)
    });
    match parsed {
        Ok(saved) => saved.into_iter().filter(|(_, s)| s.is_sane()).collect(),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => BTreeMap::new(),
        Err(error) => {
            tracing::warn!(file = %file.display(), %error, "the windows' saved state is ignored");
            BTreeMap::new()
        }
    }
}

fn write(file: &PathBuf, saved: &BTreeMap<String, Saved>) -> std::io::Result<()> {
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let text = serde_json::to_vec_pretty(saved).map_err(std::io::Error::other)?;
    let partial = file.with_extension("json.partial");
    std::fs::write(&partial, text)?;
    std::fs::rename(&partial, file)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn saved(width: f64) -> Saved {
        Saved {
            width,
            height: 400.0,
            x: 10.0,
            y: 20.0,
            maximized: false,
        }
    }

    #[test]
    fn the_file_round_trips_and_insane_or_malformed_state_is_dropped() {
        let dir = std::env::temp_dir().join(format!("rampart-memory-{}", std::process::id()));
        let file = dir.join(FILE);
        let mut states = BTreeMap::new();
        states.insert("main".to_string(), saved(500.0));
        states.insert("huge".to_string(), saved(1e9));
        write(&file, &states).expect("write");
        let read_back = read(&file);
        assert_eq!(read_back.len(), 1, "{read_back:?}");
        assert_eq!(read_back["main"], saved(500.0));
        std::fs::write(&file, "{ not json").expect("write");
        assert!(read(&file).is_empty());
        std::fs::write(&file, vec![b' '; 2 * MAX_FILE as usize]).expect("write");
        assert!(read(&file).is_empty());
        assert!(read(&dir.join("missing.json")).is_empty());
        assert!(!saved(f64::NAN).is_sane() && !saved(0.0).is_sane() && saved(1.0).is_sane());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
