//! `generate_context!()`: the app's configuration and pages, checked and embedded at compile
//! time.
//!
//! The macro reads the app's root (the calling crate's folder, or a folder relative to it),
//! loads and resolves its configuration exactly as the runtime will, and turns any error into a
//! compile error naming the file, line and key. It then embeds every configuration file and
//! every file of `dist/` with `include_str!`/`include_bytes!`, so editing one of them rebuilds
//! the app. (A file *added* to `dist/` is seen on the next build of the crate: touch a source
//! file, or add a `build.rs` with `cargo:rerun-if-changed=dist`.)

use std::fs;
use std::path::{Path, PathBuf};

use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::LitStr;

/// Files of `dist/` larger than this are refused: embedding is for an app's pages.
const MAX_ASSET_BYTES: u64 = 64 << 20;

/// The expansion of `generate_context!(path?)`.
pub fn expand(path: Option<LitStr>) -> syn::Result<TokenStream> {
    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR")
        .map_err(|_| error("CARGO_MANIFEST_DIR is not set: build with cargo"))?;
    let root = match &path {
        Some(path) => Path::new(&manifest_dir).join(path.value()),
        None => PathBuf::from(&manifest_dir),
    };
    check(&root).map_err(|message| {
        let span = path.as_ref().map_or_else(Span::call_site, LitStr::span);
        syn::Error::new(span, message)
    })?;
    let names = rampart_core::acl::list_app_files(&root).map_err(|e| error(&render(&e)))?;
    let config = names.iter().map(|name| {
        let file = root.join(name).display().to_string();
        quote! { (#name, include_str!(#file)) }
    });
    let dist = root.join("dist");
    let mut assets = Vec::new();
    collect_assets(&dist, &dist, &mut assets).map_err(|message| error(&message))?;
    assets.sort();
    let assets = assets.iter().map(|relative| {
        let file = dist.join(relative).display().to_string();
        quote! { (#relative, include_bytes!(#file) as &[u8]) }
    });
    Ok(quote! {
        {
            static APP: ::rampart::__private::EmbeddedApp = ::rampart::__private::EmbeddedApp {
                config: &[#(#config),*],
                assets: &[#(#assets),*],
            };
            ::rampart::Context::embedded(&APP)
        }
    })
}

/// Loads the app under `root` as the runtime will, with this machine's directories.
fn check(root: &Path) -> Result<(), String> {
    let config = rampart_core::acl::read_app_dir(root).map_err(|e| render(&e))?;
    rampart_core::acl::resolve_with_env(root, &config).map_err(|e| render(&e))?;
    rampart_core::app::app_info(&config.manifest).map_err(|e| render(&e))?;
    if !root.join("dist").is_dir() {
        return Err(format!(
            "the app's pages folder {} does not exist: put index.html and the other pages in dist/ beside Rampart.toml",
            root.join("dist").display()
        ));
    }
    Ok(())
}

/// Every error of `errors`, one per line, with its file, line and help.
fn render(errors: &rampart_core::diagnostic::ConfigErrors) -> String {
    let mut text = format!("invalid Rampart configuration: {errors}");
    for error in &errors.errors {
        text.push_str(&format!("\n  {error}"));
        if let Some(help) = &error.help {
            text.push_str(&format!(" (help: {help})"));
        }
    }
    text
}

/// The plain files under `dir` (hidden ones skipped), relative to `dist`, with `/` separators.
fn collect_assets(dist: &Path, dir: &Path, found: &mut Vec<String>) -> Result<(), String> {
    let entries = fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let path = entry.path();
        let kind = entry
            .file_type()
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        if kind.is_dir() {
            collect_assets(dist, &path, found)?;
        } else if kind.is_file() {
            let size = entry.metadata().map(|m| m.len()).unwrap_or(0);
            if size > MAX_ASSET_BYTES {
                return Err(format!(
                    "{} is larger than {} MiB: keep large files out of dist/",
                    path.display(),
                    MAX_ASSET_BYTES >> 20
                ));
            }
            let relative = path
                .strip_prefix(dist)
                .map_err(|_| format!("{} is outside dist/", path.display()))?;
            let relative = relative
                .to_str()
                .ok_or_else(|| format!("{} is not a UTF-8 path", path.display()))?;
            found.push(relative.replace('\\', "/"));
        }
    }
    Ok(())
}

fn error(message: &str) -> syn::Error {
    syn::Error::new(Span::call_site(), message)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn app(name: &str, capability: &str) -> PathBuf {
        let root =
            std::env::temp_dir().join(format!("rampart-context-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        fs::create_dir_all(root.join("capabilities")).expect("temp dir");
        fs::create_dir_all(root.join("dist/css")).expect("temp dir");
        let manifest = "[app]\nidentifier = \"com.example.t\"\ncommands = [\"read_note\"]\n";
        fs::write(root.join("Rampart.toml"), manifest).expect("write");
        fs::write(root.join("capabilities/main.toml"), capability).expect("write");
        fs::write(root.join("dist/index.html"), "<p>hi</p>").expect("write");
        fs::write(root.join("dist/css/app.css"), "p {}").expect("write");
        fs::write(root.join("dist/.hidden"), "no").expect("write");
        root
    }

    #[test]
    fn a_configuration_error_names_file_line_and_fix() {
        let root = app(
            "bad",
            "identifier = \"main\"\nwindows = [\"main\"]\npermissions = [\"allow-red-note\"]\n",
        );
        let message = check(&root).expect_err("the typo is caught");
        assert!(message.contains("capabilities/main.toml:3:16"), "{message}");
        assert!(
            message.contains("did you mean `allow-read-note`?"),
            "{message}"
        );
    }

    #[test]
    fn every_visible_page_is_embedded_with_a_relative_path() {
        let root = app(
            "good",
            "identifier = \"main\"\nwindows = [\"main\"]\npermissions = [\"allow-read-note\"]\n",
        );
        check(&root).expect("valid");
        let dist = root.join("dist");
        let mut found = Vec::new();
        collect_assets(&dist, &dist, &mut found).expect("readable");
        found.sort();
        assert_eq!(found, ["css/app.css", "index.html"]);
    }
}
