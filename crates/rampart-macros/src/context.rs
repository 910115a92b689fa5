//! `generate_context!()`: the app's configuration and pages, checked and embedded at compile
//! time.
//!
//! The macro reads the app's root (the calling crate's folder, or a folder relative to it),
//! loads and resolves its configuration exactly as the runtime will, and turns any error into a
//! compile error naming the file, line and key. It reads every HTML page of `dist/` for its
//! Content-Security-Policy ([`rampart_core::csp::page`]): an error in a page (an inline event
//! handler, a `javascript:` URL, a foreign script without `integrity`) is a compile error with
//! its line; a warning (a weakened policy, an inline `style`) is a compiler warning. Each file of
//! `dist/` is embedded brotli-compressed (unless that does not make it smaller), with its `ETag`
//! and, for a page, the hashes its policy adds.
//!
//! Every configuration file and every file of `dist/` is also named in an `include_str!` /
//! `include_bytes!` the compiler drops, so editing one of them rebuilds the app. (A file *added*,
//! removed or renamed is seen only with a `build.rs` that calls `rampart_build::track_app()`.)

use std::io::Write as _;
use std::path::{Path, PathBuf};

use proc_macro2::{Literal, Span, TokenStream};
use quote::quote;
use rampart_core::app::AppInfo;
use rampart_core::csp::page;
use rampart_core::diagnostic::ConfigError;
use rampart_core::dist;
use sha2::{Digest, Sha256};
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{LitStr, Token};

/// Brotli quality for files up to [`BEST_UP_TO`] bytes (the best), and above (fast enough to
/// keep builds quick).
const BEST_QUALITY: u32 = 11;
const LARGE_QUALITY: u32 = 5;
const BEST_UP_TO: usize = 1 << 20;

/// What `generate_context!` is given: the app's folder, and the commands it registers.
pub struct Input {
    path: Option<LitStr>,
    commands: Option<Vec<syn::Path>>,
}

impl Parse for Input {
    /// `()`, `("app")`, `(commands: [a, b])` or `("app", commands: [a, b])`.
    fn parse(input: ParseStream) -> syn::Result<Input> {
        let mut path = None;
        let mut commands = None;
        if input.peek(LitStr) {
            path = Some(input.parse()?);
            if !input.is_empty() {
                input.parse::<Token![,]>()?;
            }
        }
        if !input.is_empty() {
            let key: syn::Ident = input.parse()?;
            if key != "commands" {
                return Err(syn::Error::new(
                    key.span(),
                    "generate_context! takes the app's folder and `commands: [...]`, the functions made commands with #[rampart::command]",
                ));
            }
            input.parse::<Token![:]>()?;
            let list;
            syn::bracketed!(list in input);
            let paths = Punctuated::<syn::Path, Token![,]>::parse_terminated(&list)?;
            commands = Some(paths.into_iter().collect());
            if !input.is_empty() {
                input.parse::<Token![,]>()?;
            }
        }
        Ok(Input { path, commands })
    }
}

/// The command a `#[rampart::command]` function is: its name (`r#` dropped).
fn command_name(path: &syn::Path) -> String {
    path.segments.last().map_or_else(String::new, |segment| {
        let name = segment.ident.to_string();
        name.strip_prefix("r#").map_or(name.clone(), str::to_string)
    })
}

/// The expansion of `generate_context!(path?, commands: [...]?)`.
pub fn expand(Input { path, commands }: Input) -> syn::Result<TokenStream> {
    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR")
        .map_err(|_| error("CARGO_MANIFEST_DIR is not set: build with cargo"))?;
    let root = match &path {
        Some(path) => Path::new(&manifest_dir).join(path.value()),
        None => PathBuf::from(&manifest_dir),
    };
    let span = path.as_ref().map_or_else(Span::call_site, LitStr::span);
    let handlers: Option<Vec<String>> = commands
        .as_ref()
        .map(|paths| paths.iter().map(command_name).collect());
    let info =
        check(&root, handlers.as_deref()).map_err(|message| syn::Error::new(span, message))?;
    let names = rampart_core::acl::list_app_files(&root).map_err(|e| error(&render_all(&e)))?;
    let config = names.iter().map(|name| {
        let file = root.join(name).display().to_string();
        quote! { (#name, include_str!(#file)) }
    });
    let dist = root.join("dist");
    let files = dist::list(&dist).map_err(|message| error(&message))?;
    let mut warnings: Vec<ConfigError> = info.warnings;
    let mut errors = Vec::new();
    let mut assets = Vec::new();
    for relative in &files {
        match embed(&dist, relative) {
            Ok((asset, found)) => {
                assets.push(asset);
                warnings.extend(found);
            }
            Err(found) => errors.extend(found),
        }
    }
    if !errors.is_empty() {
        return Err(syn::Error::new(
            span,
            format!(
                "the app's pages would not work under their Content-Security-Policy:{}",
                render(&errors)
            ),
        ));
    }
    let tracked = files.iter().map(|relative| {
        let file = dist.join(relative).display().to_string();
        quote! { const _: &[u8] = include_bytes!(#file); }
    });
    let isolation = match &info.isolation {
        None => Vec::new(),
        Some(isolation) => {
            let folder = root.join(&isolation.dir);
            let files = dist::list(&folder).map_err(|message| error(&message))?;
            if !files.iter().any(|f| f == "index.html") {
                return Err(syn::Error::new(
                    span,
                    format!(
                        "the isolation application's folder {} has no index.html",
                        folder.display()
                    ),
                ));
            }
            files
                .iter()
                .map(|relative| {
                    let file = folder.join(relative).display().to_string();
                    quote! { (#relative, include_bytes!(#file) as &[u8]) }
                })
                .collect()
        }
    };
    let warnings = warnings
        .iter()
        .map(|warning| compiler_warning(&warning_text(warning)));
    let registered = commands.map(|paths| {
        quote! {
            .map(|context| context.with_commands([
                #(<#paths as ::rampart::IntoCommand>::command()),*
            ]))
        }
    });
    Ok(quote! {
        {
            #(#tracked)*
            #(#warnings)*
            static APP: ::rampart::__private::EmbeddedApp = ::rampart::__private::EmbeddedApp {
                config: &[#(#config),*],
                assets: &[#(#assets),*],
                isolation: &[#(#isolation),*],
            };
            ::rampart::Context::embedded(&APP) #registered
        }
    })
}

/// Loads the app under `root` as the runtime will, with this machine's directories; with the
/// names of the commands `generate_context!` registers, checks `[app] commands` lists exactly
/// them.
fn check(root: &Path, handlers: Option<&[String]>) -> Result<AppInfo, String> {
    let config = rampart_core::acl::read_app_dir(root).map_err(|e| render_all(&e))?;
    if let Some(handlers) = handlers {
        rampart_core::app::check_command_handlers(&config.manifest, handlers)
            .map_err(|e| render_all(&e))?;
    }
    rampart_core::acl::resolve_with_env(root, &config).map_err(|e| render_all(&e))?;
    let info = rampart_core::app::app_info(&config.manifest).map_err(|e| render_all(&e))?;
    if !root.join("dist").is_dir() {
        return Err(format!(
            "the app's pages folder {} does not exist: put index.html and the other pages in dist/ beside Rampart.toml",
            root.join("dist").display()
        ));
    }
    let pages = dist::list(&root.join("dist"))?;
    rampart_core::app::check_window_pages(&config.manifest, &pages).map_err(|e| render_all(&e))?;
    Ok(info)
}

/// One file of `dist`, as an `EmbeddedAsset`; its page's warnings, or its errors.
fn embed(dist: &Path, relative: &str) -> Result<(TokenStream, Vec<ConfigError>), Vec<ConfigError>> {
    let bytes = dist::read(dist, relative).map_err(|e| {
        vec![ConfigError::at(
            rampart_core::diagnostic::Location {
                file: format!("dist/{relative}").into(),
                line: 1,
                column: 1,
            },
            format!("cannot read the file: {e}"),
            None,
        )]
    })?;
    let (stored, page, warnings) = if dist::is_page(relative) {
        let scan = page::scan(&format!("dist/{relative}"), &bytes);
        if !scan.errors.is_empty() {
            return Err(scan.errors);
        }
        let sources = scan.sources;
        let (scripts, styles, nonced) = (
            &sources.script_hashes,
            &sources.style_hashes,
            sources.nonced,
        );
        let page = quote! {
            ::core::option::Option::Some(::rampart::__private::EmbeddedPage {
                script_hashes: &[#(#scripts),*],
                style_hashes: &[#(#styles),*],
                nonced: #nonced,
            })
        };
        (scan.html, page, scan.warnings)
    } else {
        (bytes, quote! { ::core::option::Option::None }, Vec::new())
    };
    let etag = etag_of(&stored);
    let compressed = compress(&stored);
    let (body, is_compressed) = match compressed {
        Some(smaller) => (smaller, true),
        None => (stored, false),
    };
    let body = Literal::byte_string(&body);
    let asset = quote! {
        ::rampart::__private::EmbeddedAsset {
            path: #relative,
            bytes: #body,
            compressed: #is_compressed,
            etag: #etag,
            page: #page,
        }
    };
    Ok((asset, warnings))
}

/// The `ETag` of `bytes`: their SHA-256, 16 bytes of it in hex, quoted.
fn etag_of(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let hex: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
    format!("\"{hex}\"")
}

/// `bytes` brotli-compressed, when that saves at least a twentieth of them.
fn compress(bytes: &[u8]) -> Option<Vec<u8>> {
    let quality = if bytes.len() <= BEST_UP_TO {
        BEST_QUALITY
    } else {
        LARGE_QUALITY
    };
    let mut out = Vec::new();
    {
        let mut writer = brotli::CompressorWriter::new(&mut out, 4096, quality, 22);
        writer.write_all(bytes).ok()?;
    }
    (out.len() < bytes.len() - bytes.len() / 20).then_some(out)
}

/// A warning the compiler prints where `generate_context!` is called (stable Rust has no other
/// way for a macro to warn): the use of an item deprecated with `text` as its note.
fn compiler_warning(text: &str) -> TokenStream {
    quote! {
        const _: () = {
            #[deprecated(note = #text)]
            struct RampartWarning;
            let _ = RampartWarning;
        };
    }
}

/// A warning as the compiler shows it: where, what, what to do.
fn warning_text(warning: &ConfigError) -> String {
    match &warning.help {
        Some(help) => format!("Rampart: {warning} (help: {help})"),
        None => format!("Rampart: {warning}"),
    }
}

/// Every error of `errors`, with its help.
fn render_all(errors: &rampart_core::diagnostic::ConfigErrors) -> String {
    // The source snippets `rampart acl` prints, without colour (rustc shows the text as is).
    let handler =
        miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
            .with_width(100);
    let mut snippets = String::new();
    match handler.render_report(&mut snippets, errors) {
        Ok(()) => format!("invalid Rampart configuration:\n{snippets}"),
        Err(_) => format!(
            "invalid Rampart configuration: {errors}{}",
            render(&errors.errors)
        ),
    }
}

/// Each error of `errors` on its own line, with its file, line and help.
fn render(errors: &[ConfigError]) -> String {
    let mut text = String::new();
    for error in errors {
        text.push_str(&format!("\n  {error}"));
        if let Some(help) = &error.help {
            text.push_str(&format!(" (help: {help})"));
        }
    }
    text
}

fn error(message: &str) -> syn::Error {
    syn::Error::new(Span::call_site(), message)
}

#[cfg(test)]
mod tests {
    use std::fs;

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
        fs::write(
            root.join("dist/index.html"),
            "<p>hi</p><script>go()</script>",
        )
        .expect("write");
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
        let message = check(&root, None).expect_err("the typo is caught");
        assert!(
            message.starts_with("invalid Rampart configuration"),
            "{message}"
        );
        assert!(message.contains("capabilities/main.toml:3:16"), "{message}");
        assert!(
            message.contains("did you mean `allow-read-note`?"),
            "{message}"
        );
        // The snippet `rampart acl` shows: the line, and a pointer under the key.
        assert!(
            message.contains("3 │ permissions = [\"allow-red-note\"]"),
            "{message}"
        );
        assert!(message.contains("────┬───"), "{message}");
    }

    #[test]
    fn the_commands_registered_must_be_the_commands_listed() {
        let root = app(
            "commands",
            "identifier = \"main\"\nwindows = [\"main\"]\npermissions = [\"allow-read-note\"]\n",
        );
        let names = |list: &[&str]| list.iter().map(|n| n.to_string()).collect::<Vec<_>>();
        check(&root, Some(&names(&["read_note"]))).expect("the same list");
        let message =
            check(&root, Some(&names(&["read_note", "save_note"]))).expect_err("unlisted");
        assert!(
            message.contains("generate_context! registers `save_note`"),
            "{message}"
        );
        assert!(message.contains("Rampart.toml:3:13"), "{message}");
        let message = check(&root, Some(&[])).expect_err("no handler");
        assert!(
            message.contains("command `read_note` is listed"),
            "{message}"
        );

        let input: Input =
            syn::parse_str("\"app\", commands: [read_note, notes::r#type,]").expect("parses");
        let listed: Vec<String> = input.commands.iter().flatten().map(command_name).collect();
        assert_eq!(listed, ["read_note", "type"]);
        assert!(syn::parse_str::<Input>("handlers: [read_note]").is_err());
    }

    #[test]
    fn every_visible_page_is_embedded_with_a_relative_path() {
        let root = app(
            "good",
            "identifier = \"main\"\nwindows = [\"main\"]\npermissions = [\"allow-read-note\"]\n",
        );
        check(&root, None).expect("valid");
        let dist = root.join("dist");
        assert_eq!(
            dist::list(&dist).expect("readable"),
            ["css/app.css", "index.html"]
        );
        let (asset, warnings) = embed(&dist, "index.html").expect("a clean page");
        assert!(warnings.is_empty());
        let asset = asset.to_string();
        assert!(asset.contains("path : \"index.html\""), "{asset}");
        assert!(asset.contains("EmbeddedPage"), "{asset}");
    }
}

#[cfg(test)]
mod page_tests {
    use super::*;

    fn dist_with(page: &str) -> PathBuf {
        let dist = std::env::temp_dir().join(format!(
            "rampart-context-page-{}-{}",
            std::process::id(),
            page.len()
        ));
        let _ = std::fs::remove_dir_all(&dist);
        std::fs::create_dir_all(&dist).expect("temp dir");
        std::fs::write(dist.join("index.html"), page).expect("write");
        dist
    }

    #[test]
    fn a_page_error_names_the_page_and_line() {
        let dist = dist_with("<p>\n<button onclick=\"go()\">x</button>");
        let errors = embed(&dist, "index.html").expect_err("an inline handler");
        assert_eq!(errors[0].location.to_string(), "dist/index.html:2:9");
    }

    #[test]
    fn pages_are_compressed_when_it_pays_and_warnings_reach_the_compiler() {
        let page = format!(
            "<p style=\"color: red\">{}</p>",
            "compressible ".repeat(100)
        );
        let dist = dist_with(&page);
        let (asset, warnings) = embed(&dist, "index.html").expect("a page");
        assert!(asset.to_string().contains("compressed : true"));
        assert_eq!(warnings.len(), 1);
        let warning = compiler_warning(&warning_text(&warnings[0])).to_string();
        assert!(
            warning.contains("deprecated") && warning.contains("dist/index.html:1:4"),
            "{warning}"
        );
        assert_eq!(compress(b"tiny"), None);
        assert!(etag_of(b"x").len() == 34 && etag_of(b"x") != etag_of(b"y"));
    }
}
