//! How each parameter of a command gets its value: the classification rule, in one place.

use syn::{Attribute, FnArg, Ident, Pat, Type};

/// Type names (last path segment) extracted from the invocation by `FromInvocation`.
const EXTRACTED: [&str; 5] = ["State", "AppHandle", "Webview", "Window", "CallScope"];

/// How one parameter gets its value.
pub enum Param {
    /// Extracted from the invocation by its type (`FromInvocation`).
    Extracted(Type),
    /// The invocation itself (`&Invocation`).
    Invocation,
    /// The raw request body (`Bytes`), moved out of the invocation.
    Body,
    /// Deserialized from the JSON arguments under its own name.
    Argument(Ident, Type),
    /// A channel the page passed under this name, attached for this call's webview.
    Channel(Ident, Type),
}

/// Which marker attribute, if any, a parameter carries.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Marker {
    None,
    /// `#[arg]`: a JSON argument, whatever its type is called.
    Arg,
    /// `#[extract]`: a `FromInvocation` extractor, whatever its type is called.
    Extract,
}

/// Classifies `input` and removes the `#[arg]`/`#[extract]` markers from it (they are not
/// attributes the compiler knows).
pub fn classify(input: &mut FnArg) -> syn::Result<Param> {
    let FnArg::Typed(typed) = input else {
        return Err(syn::Error::new_spanned(
            input,
            "a command is a free function, not a method",
        ));
    };
    let marker = take_marker(&mut typed.attrs)?;
    let ty = (*typed.ty).clone();
    if let Type::Reference(reference) = &ty {
        if marker == Marker::None && last_segment_is(&reference.elem, "Invocation") {
            return Ok(Param::Invocation);
        }
        return Err(syn::Error::new_spanned(
            &ty,
            "command arguments are owned values (use String, not &str); only &Invocation is borrowed",
        ));
    }
    match marker {
        Marker::Extract => return Ok(Param::Extracted(ty)),
        Marker::None if EXTRACTED.iter().any(|name| last_segment_is(&ty, name)) => {
            return Ok(Param::Extracted(ty));
        }
        Marker::None if last_segment_is(&ty, "Bytes") => return Ok(Param::Body),
        Marker::None | Marker::Arg => {}
    }
    match &*typed.pat {
        Pat::Ident(ident) if marker == Marker::None && last_segment_is(&ty, "Channel") => {
            Ok(Param::Channel(ident.ident.clone(), ty))
        }
        Pat::Ident(ident) => Ok(Param::Argument(ident.ident.clone(), ty)),
        other => Err(syn::Error::new_spanned(
            other,
            "command arguments need plain names: they are the JSON keys",
        )),
    }
}

/// Removes and returns the parameter's marker; two markers are an error.
fn take_marker(attrs: &mut Vec<Attribute>) -> syn::Result<Marker> {
    let mut marker = Marker::None;
    let mut result = Ok(());
    attrs.retain(|attr| {
        let found = if attr.path().is_ident("arg") {
            Marker::Arg
        } else if attr.path().is_ident("extract") {
            Marker::Extract
        } else {
            return true;
        };
        if let Err(error) = attr.meta.require_path_only() {
            result = Err(error);
        } else if marker != Marker::None {
            result = Err(syn::Error::new_spanned(
                attr,
                "a parameter is either #[arg] or #[extract], once",
            ));
        }
        marker = found;
        false
    });
    result.map(|()| marker)
}

/// Whether `ty` is a path whose last segment is `name` (`rampart::State<T>` is `State`).
pub fn last_segment_is(ty: &Type, name: &str) -> bool {
    match ty {
        Type::Path(path) => path.path.segments.last().is_some_and(|s| s.ident == name),
        _ => false,
    }
}
