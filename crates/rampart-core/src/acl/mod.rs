//! Access control: the configuration model, its loading and validation, resolution into an
//! [`Authority`], and the decision for each call.
//!
//! Reading order: [`model`] (what authors write), [`parse`] (strict parsing), [`resolve`]
//! (names checked, sets expanded, scopes parsed), [`Authority::decide`] (the decision),
//! [`explain`](Authority::explain) (why).

#[cfg(feature = "app-dir")]
mod app_dir;
mod authority;
mod explain;
#[cfg(feature = "app-dir")]
pub(crate) mod files;
pub mod identifier;
mod json;
mod label;
mod listing;
pub mod manifest;
pub mod model;
pub mod parse;
mod resolve;
pub mod schema;
mod scope_rule;
mod sources;
mod toml_depth;

#[cfg(feature = "app-dir")]
pub use app_dir::{load_app_dir, read_app_dir, resolve_with_env};
pub use authority::{
    Authority, Denial, DenialReason, Effect, Facts, Grant, Origin, PICKED_BY_USER, Scope,
    ScopeRuleRef, ScopeVerdict,
};
pub use explain::{CapabilityReport, Explanation, ScopeCheck, ScopeCheckOutcome, ScopeQuery};
#[cfg(feature = "app-dir")]
pub use files::list_app_files;
pub use listing::{CapabilityListing, Listing, PermissionListing};
pub use resolve::{AppConfig, ResolveOptions, resolve};
pub use scope_rule::ScopeRule;
pub use sources::{APP_MANIFEST, app_config};
