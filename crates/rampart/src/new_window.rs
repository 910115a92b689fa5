//! Windows built at run time under labels `Rampart.toml` does not declare
//! ([`AppHandle::create_window`](crate::AppHandle::create_window)). Declared windows and
//! templates are the usual way; a built window is for what the app decides alone (a preview, a
//! help page) and, by default, gets no capability: one whose label a capability names is
//! refused unless the app says the window may have it ([`NewWindow::with_capabilities`]).

use rampart_core::acl::Authority;
use rampart_core::app::{WINDOW_SIDE, WindowSpec};
use rampart_core::ipc::IpcError;

/// A window to build at run time.
#[derive(Clone, Debug)]
pub struct NewWindow {
    label: String,
    url: String,
    title: Option<String>,
    size: Option<(f64, f64)>,
    claims_capabilities: bool,
}

impl NewWindow {
    /// The window `label` showing `url`: a page of the app (`preview.html?id=7`) or a remote
    /// https page, read as a `[[window]]`'s `url`.
    pub fn new(label: impl Into<String>, url: impl Into<String>) -> NewWindow {
        NewWindow {
            label: label.into(),
            url: url.into(),
            title: None,
            size: None,
            claims_capabilities: false,
        }
    }

    /// Its title (default: its label).
    pub fn title(mut self, title: impl Into<String>) -> NewWindow {
        self.title = Some(title.into());
        self
    }

    /// Its inner size in logical pixels, 100 to 16384 each way (default 800 × 600).
    pub fn size(mut self, width: f64, height: f64) -> NewWindow {
        self.size = Some((width, height));
        self
    }

    /// Lets the window have the capabilities whose `windows` or `webviews` name its label.
    /// Without it, building a window under such a label is refused: a label is how a window
    /// gets its rights, and only the app may decide to hand them out.
    pub fn with_capabilities(mut self) -> NewWindow {
        self.claims_capabilities = true;
        self
    }

    /// The window's label.
    pub fn label(&self) -> &str {
        &self.label
    }

    /// The window as the event loop opens it, checked: its label and page (`bad_request`), its
    /// size (`bad_request`), and a capability naming its label without
    /// [`NewWindow::with_capabilities`] (`denied`).
    pub(crate) fn spec(self, authority: &Authority) -> Result<WindowSpec, IpcError> {
        let mut spec = WindowSpec::built(&self.label, &self.url).map_err(|message| {
            IpcError::bad_request(format!("window `{}`: {message}", self.label))
        })?;
        if let Some((width, height)) = self.size {
            if !WINDOW_SIDE.contains(&width) || !WINDOW_SIDE.contains(&height) {
                return Err(IpcError::bad_request(format!(
                    "window `{}`: a size is 100 to 16384 logical pixels each way",
                    self.label
                )));
            }
            (spec.width, spec.height) = (width, height);
        }
        if let Some(title) = self.title {
            spec.title = title;
        }
        if authority.names_window(&self.label) && !self.claims_capabilities {
            return Err(IpcError::denied(format!(
                "a capability names the window `{}`: build it with `.with_capabilities()` if it should have what that capability grants, or choose another label",
                self.label
            )));
        }
        Ok(spec)
    }
}
