//! `#[rampart::command]`: a plain function becomes a Rampart command.
//!
//! The function stays as written and callable. Beside it the macro adds a braced struct of the
//! same name (types and functions live in different namespaces) implementing
//! `rampart::Command`, which `rampart::commands![...]` collects. The macro does little: each
//! parameter is either extracted by type (`State<T>`, `AppHandle`, `&Invocation`), a
//! `Channel<T>` the page passed under the parameter's name, or deserialized by name from the
//! JSON arguments (camelCase in JS, snake_case in Rust); the
//! return value is turned into a response by its type (`Result<T, E>`, `Response`, or any
//! `T: Serialize`).

use proc_macro::TokenStream;
use proc_macro2::Span;
use quote::{format_ident, quote};
use syn::{FnArg, Ident, ItemFn, Pat, ReturnType, Type, parse_macro_input};

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
    match expand(&function) {
        Ok(tokens) => tokens.into(),
        Err(error) => error.to_compile_error().into(),
    }
}

/// How one parameter gets its value.
enum Param {
    /// Extracted from the invocation by its type.
    Extracted(Type),
    /// The invocation itself (`&Invocation`).
    Invocation,
    /// Deserialized from the JSON arguments under its own name.
    Argument(Ident, Type),
    /// A channel the page passed under this name, attached for this call's webview.
    Channel(Ident, Type),
}

fn expand(function: &ItemFn) -> syn::Result<proc_macro2::TokenStream> {
    let name = &function.sig.ident;
    let visibility = &function.vis;
    if !function.sig.generics.params.is_empty() {
        return Err(syn::Error::new_spanned(
            &function.sig.generics,
            "a command cannot be generic",
        ));
    }
    let params = function
        .sig
        .inputs
        .iter()
        .map(param)
        .collect::<syn::Result<Vec<Param>>>()?;
    let fields = params.iter().filter_map(|p| match p {
        Param::Argument(ident, ty) => Some(quote! { #ident: #ty }),
        Param::Channel(ident, _) => Some(quote! { #ident: ::rampart::ChannelRef }),
        _ => None,
    });
    let values = params.iter().map(|p| match p {
        Param::Extracted(ty) => {
            quote! { <#ty as ::rampart::FromInvocation>::from_invocation(&__call)? }
        }
        Param::Invocation => quote! { &__call },
        Param::Argument(ident, _) => quote! { __args.#ident },
        Param::Channel(ident, ty) => quote! { <#ty>::attach(&__call, __args.#ident)? },
    });
    let args_struct = format_ident!("__RampartArgs");
    let is_async = function.sig.asyncness.is_some();
    let call = if is_async {
        quote! { #name(#(#values),*).await }
    } else {
        quote! { #name(#(#values),*) }
    };
    let respond = match &function.sig.output {
        ReturnType::Default => quote! { { #call; Ok(::rampart::Response::empty()) } },
        ReturnType::Type(_, ty) if last_segment_is(ty, "Result") => {
            quote! { ::rampart::__private::result_response(#call) }
        }
        ReturnType::Type(_, ty) if last_segment_is(ty, "Response") => quote! { Ok(#call) },
        ReturnType::Type(..) => quote! { ::rampart::Response::json(&#call) },
    };
    let body = quote! {
        #[derive(::rampart::__private::serde::Deserialize)]
        #[serde(crate = "::rampart::__private::serde", rename_all = "camelCase", deny_unknown_fields)]
        struct #args_struct { #(#fields),* }
        let __args: #args_struct = __call.args()?;
        #respond
    };
    let registration = if is_async {
        quote! {
            ::rampart::Registration::asynchronous(stringify!(#name), |__call: ::rampart::Invocation| async move {
                #body
            })
        }
    } else {
        quote! {
            ::rampart::Registration::blocking(stringify!(#name), |__call: ::rampart::Invocation| {
                #body
            })
        }
    };
    Ok(quote! {
        #function

        #[allow(non_camel_case_types)]
        #[doc(hidden)]
        #visibility struct #name {}

        impl ::rampart::Command for #name {
            fn registration() -> ::rampart::Registration {
                #registration
            }
        }
    })
}

fn param(input: &FnArg) -> syn::Result<Param> {
    let FnArg::Typed(typed) = input else {
        return Err(syn::Error::new_spanned(
            input,
            "a command is a free function, not a method",
        ));
    };
    let ty = (*typed.ty).clone();
    if let Type::Reference(reference) = &ty {
        if last_segment_is(&reference.elem, "Invocation") {
            return Ok(Param::Invocation);
        }
        return Err(syn::Error::new_spanned(
            &ty,
            "command arguments are owned values (use String, not &str); only &Invocation is borrowed",
        ));
    }
    if ["State", "AppHandle"]
        .iter()
        .any(|name| last_segment_is(&ty, name))
    {
        return Ok(Param::Extracted(ty));
    }
    match &*typed.pat {
        Pat::Ident(ident) if last_segment_is(&ty, "Channel") => {
            Ok(Param::Channel(ident.ident.clone(), ty))
        }
        Pat::Ident(ident) => Ok(Param::Argument(ident.ident.clone(), ty)),
        other => Err(syn::Error::new_spanned(
            other,
            "command arguments need plain names: they are the JSON keys",
        )),
    }
}

fn last_segment_is(ty: &Type, name: &str) -> bool {
    match ty {
        Type::Path(path) => path.path.segments.last().is_some_and(|s| s.ident == name),
        _ => false,
    }
}
