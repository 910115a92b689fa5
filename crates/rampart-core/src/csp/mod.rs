//! Content security: the Content-Security-Policy of the app's pages.
//!
//! [`policy`] holds the strict default, lays the author's `[security] csp` over it and checks
//! it; [`page`] (feature `html`) reads one HTML page for what its policy must add (the hashes of
//! its inline scripts and styles, a nonce on its external ones) and for what the policy would
//! block. Both run at compile time (`generate_context!`), when an app starts from a folder, and
//! in `rampart csp`, so the header a page is served with is the one the author can print.

pub mod config;
mod frames;
pub mod nonce;
#[cfg(feature = "html")]
pub mod page;
pub mod policy;

pub use policy::{Policy, PolicyFindings, STRICT_DEFAULT, WrittenDirective, WrittenSource};

/// What one page's policy adds to the app's: hashes of its inline scripts and styles (base64
/// SHA-256), and whether it has elements that carry the launch's nonce.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PageSources {
    /// Hashes of its inline `<script>`s, for `script-src`.
    pub script_hashes: Vec<String>,
    /// Hashes of its inline `<style>`s, for `style-src`.
    pub style_hashes: Vec<String>,
    /// Whether its external scripts or stylesheets carry the nonce.
    pub nonced: bool,
}
