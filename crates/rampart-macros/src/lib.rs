//! `#[rampart::command]`: a plain function becomes a Rampart command.
//!
//! The function stays as written and callable. Beside it the macro adds a braced struct of the
//! same name (types and functions live in different namespaces) implementing
//! `rampart::Command`, which `rampart::commands![...]` collects. The function may be `async`;
//! it runs on the app's tokio runtime then, otherwise on its blocking pool.
//!
//! # Parameters
//!
//! Each parameter gets its value by the first rule that applies:
//!
//! 1. `#[extract] name: T` — extracted by `T: rampart::FromInvocation` (an app's own
//!    extractors).
//! 2. `#[arg] name: T` — the JSON argument `name`, whatever `T` is called (for an argument type
//!    whose name is also an extractor's, such as an app's own `Window`).
//! 3. `&Invocation` — the invocation itself.
//! 4. A type named `State<T>`, `AppHandle`, `Webview`, `Window` or `CallScope` (the last path
//!    segment counts: `rampart::State<T>` too) — extracted by type.
//! 5. A type named `Bytes` — the raw request body the page sent as a `Uint8Array`; the call is a
//!    `bad_request` if the page sent JSON. A command has at most one `Bytes` parameter, and then
//!    no JSON arguments or channels.
//! 6. A type named `Channel<T>` — the channel the page passed under the parameter's name,
//!    attached for this call's webview.
//! 7. Anything else — deserialized from the JSON arguments under the parameter's name (camelCase
//!    in JS, snake_case in Rust). Unknown, missing and mistyped arguments are `bad_request`.
//!
//! # Return value
//!
//! Chosen by type where the macro expands, so type aliases count: nothing or `T: Serialize` →
//! JSON; `rampart::Bytes` → raw bytes (a `Uint8Array` in the page); `rampart::Response` → as
//! is; `Result<T, E>` → `T` as above on `Ok`, and on `Err` an `E: Into<IpcError>` becomes that
//! error, otherwise an `E: Serialize` reaches the page as
//! `{"code": "internal", "message": <E if it is a string>, "data": <E as JSON>}`.

mod context;
mod expand;
mod param;

use proc_macro::TokenStream;
use proc_macro2::Span;
use syn::{ItemFn, parse_macro_input};

/// Makes a function a Rampart command named after it. See the crate documentation.
#[proc_macro_attribute]
pub fn command(attr: TokenStream, item: TokenStream) -> TokenStream {
    if !attr.is_empty() {
        let message =
            "#[rampart::command] takes no arguments: the command is named after the function";
        return syn::Error::new(Span::call_site(), message)
            .to_compile_error()
            .into();
    }
    let function = parse_macro_input!(item as ItemFn);
    match expand::expand(function) {
        Ok(tokens) => tokens.into(),
        Err(error) => error.to_compile_error().into(),
    }
}

/// The app's configuration and pages, checked and embedded at compile time: evaluates to
/// `Result<rampart::Context, ConfigErrors>`. `generate_context!()` reads the calling crate's
/// folder; `generate_context!("app")` a folder relative to it. An invalid configuration is a
/// compile error naming the file, line and key.
#[proc_macro]
pub fn generate_context(input: TokenStream) -> TokenStream {
    let path = if input.is_empty() {
        None
    } else {
        Some(parse_macro_input!(input as syn::LitStr))
    };
    match context::expand(path) {
        Ok(tokens) => tokens.into(),
        Err(error) => error.to_compile_error().into(),
    }
}
