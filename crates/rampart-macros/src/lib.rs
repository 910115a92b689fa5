//! `#[rampart::command]`: a plain function becomes a Rampart command.
//!
//! The function stays as written and callable. Beside it the macro adds a braced struct of the
//! same name (types and functions live in different namespaces) implementing
//! `rampart::Command`, which `rampart::commands![...]` collects. The function may be `async`;
//! it runs on the app's tokio runtime then, otherwise on its blocking pool.
//!
//! # Parameters
//!
//! Each parameter's value comes from its type, through `rampart::FromCall`: the macro only
//! passes the parameter's name, in camelCase (`note_id` is the page's `noteId`).
//!
//! - Any owned `T: serde::Deserialize` is a JSON argument of that name (`Option<T>` may be
//!   left out); a `Channel<T>` is the channel the page passed under that name, attached for
//!   this call's webview.
//! - `State<T>`, `AppHandle`, `Webview`, `Window`, `CallScope` and `&Invocation` are read from
//!   the call, whatever their names; so is an app's own type implementing `FromCall`.
//! - `Bytes` is the raw request body the page sent as bytes; the call is a `bad_request` if the
//!   page sent JSON. A command takes it at most once, and then no JSON arguments or channels
//!   (a compile error).
//!
//! The JSON body is parsed once; arguments the command has no parameter for, missing and
//! mistyped ones are `bad_request`, before the function runs.
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
///
/// `generate_context!(commands: [read_note, save_note])` also registers those
/// `#[rampart::command]` functions, and checks at compile time that `[app] commands` lists
/// exactly them.
#[proc_macro]
pub fn generate_context(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as context::Input);
    match context::expand(input) {
        Ok(tokens) => tokens.into(),
        Err(error) => error.to_compile_error().into(),
    }
}
