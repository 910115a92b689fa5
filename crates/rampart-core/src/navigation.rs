//! What a window's page may do beyond calling commands: where it may navigate, and whether it
//! may open windows, download, receive dropped files or hold web permissions. Pure: the
//! runtime asks [`WindowGuard::destination`] for every navigation the engine is about to make.

use url::Url;

pub use crate::acl::model::{ExternalLinks, NewWindows, WebPermission};
use crate::csp::Policy;
use crate::ipc::same_origin;
use crate::scope::OriginPattern;

/// A window's rules, from its `[[window]]` table.
#[derive(Clone, Debug, Default)]
pub struct WindowGuard {
    /// Remote origins the page may navigate to at top level.
    pub navigation: Vec<OriginPattern>,
    /// What `window.open` and `target=_blank` do.
    pub new_windows: NewWindows,
    /// What a refused top-level navigation does.
    pub external_links: ExternalLinks,
    /// Whether downloads are allowed.
    pub downloads: bool,
    /// Whether dropped files and links reach the page.
    pub drag_drop: bool,
    /// The web permissions granted.
    pub permissions: Vec<WebPermission>,
}

/// Where a navigation leads, for the window that makes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Destination {
    /// One of the app's own pages (`app://localhost`, or a debug build's dev server).
    Own,
    /// A document made by the page itself (`about:blank`, `about:srcdoc`, `blob:`, `data:`):
    /// it has the page's origin or an opaque one, never a new one.
    Local,
    /// A remote origin the window may navigate to.
    Allowed,
    /// Not for the top level, but the policy lets a frame load it: the engine's policy decides
    /// for frames; the top level refuses it when its response arrives.
    FrameOnly,
    /// Nowhere the window may go.
    Refused,
}

impl Destination {
    /// Whether the window's top-level document may be this.
    pub fn top_level(self) -> bool {
        matches!(
            self,
            Destination::Own | Destination::Local | Destination::Allowed
        )
    }
}

impl WindowGuard {
    /// Where `url` leads for this window; `own` lists the app's own origins (serialized, such as
    /// `app://localhost`), `policy` is the pages' Content-Security-Policy.
    pub fn destination(&self, url: &str, own: &[impl AsRef<str>], policy: &Policy) -> Destination {
        let Ok(url) = Url::parse(url) else {
            return Destination::Refused;
        };
        match url.scheme() {
            "about" => {
                return if matches!(url.path(), "blank" | "srcdoc") {
                    Destination::Local
                } else {
                    Destination::Refused
                };
            }
            "blob" | "data" => return Destination::Local,
            _ => {}
        }
        // Compared as parsed origins (custom schemes included, whose `Url::origin` is opaque);
        // a URL carrying a user name or password is never the app's.
        let own_page = url.username().is_empty()
            && url.password().is_none()
            && own
                .iter()
                .filter_map(|own| Url::parse(own.as_ref()).ok())
                .any(|own| same_origin(&own, &url));
        if own_page {
            Destination::Own
        } else if self.navigation.iter().any(|p| p.matches(&url)) {
            Destination::Allowed
        } else if policy.allows_frame(&url) {
            Destination::FrameOnly
        } else {
            Destination::Refused
        }
    }

    /// Whether the page may hold `permission`.
    pub fn grants(&self, permission: WebPermission) -> bool {
        self.permissions.contains(&permission)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const OWN: &[&str] = &["app://localhost", "http://localhost:5173"];

    fn guard(navigation: &[&str]) -> WindowGuard {
        WindowGuard {
            navigation: navigation
                .iter()
                .map(|p| OriginPattern::parse(p).expect("a pattern"))
                .collect(),
            ..WindowGuard::default()
        }
    }

    #[test]
    fn the_apps_own_pages_and_local_documents_are_always_reachable() {
        let guard = guard(&[]);
        let policy = Policy::default();
        for (url, expected) in [
            ("app://localhost/index.html", Destination::Own),
            ("app://localhost/a/b.html?x#y", Destination::Own),
            ("http://localhost:5173/", Destination::Own),
            ("about:blank", Destination::Local),
            ("about:srcdoc", Destination::Local),
            ("data:text/html,x", Destination::Local),
            ("blob:app://localhost/1234", Destination::Local),
            ("app://evil/index.html", Destination::Refused),
            ("app://user@localhost/", Destination::Refused),
            ("app://localhost:8080/", Destination::Refused),
            ("http://localhost:5174/", Destination::Refused),
            ("https://example.com/", Destination::Refused),
            ("file:///etc/passwd", Destination::Refused),
            ("about:config", Destination::Refused),
            ("not a url", Destination::Refused),
        ] {
            assert_eq!(guard.destination(url, OWN, &policy), expected, "{url}");
        }
    }

    #[test]
    fn listed_origins_are_allowed_at_top_level_and_frames_only_as_frames() {
        let guard = guard(&["https://docs.example.com"]);
        let file = crate::diagnostic::SourceFile::new("Rampart.toml", "");
        let frames = [crate::csp::WrittenDirective {
            name: "frame-src".into(),
            span: 0..0,
            sources: vec![crate::csp::WrittenSource {
                text: "https://www.youtube.com".into(),
                span: 0..0,
            }],
        }];
        let (policy, _) = Policy::from_written(&file, &frames, None);
        let at = |url| guard.destination(url, OWN, &policy);
        assert_eq!(at("https://docs.example.com/guide"), Destination::Allowed);
        assert!(at("https://docs.example.com/guide").top_level());
        assert_eq!(
            at("https://www.youtube.com/embed/x"),
            Destination::FrameOnly
        );
        assert!(!at("https://www.youtube.com/embed/x").top_level());
        assert_eq!(
            at("https://docs.example.com.evil.com/"),
            Destination::Refused
        );
        assert_eq!(at("http://docs.example.com/"), Destination::Refused);
    }
}
