//! The sans-IO security core of Rampart.
//!
//! Everything that decides whether a page may reach the system lives here and does no I/O of its
//! own: [`acl`] turns an app's capability and permission files into an [`acl::Authority`] that
//! decides each call, and [`scope`] holds the matchers for paths, URLs, programs and openers that
//! a granted call carries.

pub mod acl;
pub mod app;
pub mod csp;
pub mod diagnostic;
#[cfg(feature = "app-dir")]
pub mod dist;
pub mod ipc;
pub mod navigation;
pub mod scope;
