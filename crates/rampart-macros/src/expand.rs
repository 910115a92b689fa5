//! The code `#[rampart::command]` generates: an argument struct, the extraction of each
//! parameter, the call, and the answer chosen by the return type.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::{ItemFn, ReturnType};

use crate::param::{Param, classify};

/// The function, unchanged but for the parameter markers, and its `Command` struct.
pub fn expand(mut function: ItemFn) -> syn::Result<TokenStream> {
    if !function.sig.generics.params.is_empty() {
        return Err(syn::Error::new_spanned(
            &function.sig.generics,
            "a command cannot be generic",
        ));
    }
    let params = function
        .sig
        .inputs
        .iter_mut()
        .map(classify)
        .collect::<syn::Result<Vec<Param>>>()?;
    check_body(&function, &params)?;
    let name = &function.sig.ident;
    let visibility = &function.vis;
    let takes_body = params.iter().any(|p| matches!(p, Param::Body));
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
        Param::Body => quote! { __body },
        Param::Argument(ident, _) => quote! { __args.#ident },
        Param::Channel(ident, ty) => quote! { <#ty>::attach(&__call, __args.#ident)? },
    });
    let is_async = function.sig.asyncness.is_some();
    let call = if is_async {
        quote! { #name(#(#values),*).await }
    } else {
        quote! { #name(#(#values),*) }
    };
    let respond = match &function.sig.output {
        ReturnType::Default => quote! { #call; Ok(::rampart::Response::empty()) },
        ReturnType::Type(..) => quote! {
            let __value = #call;
            #[allow(unused_imports)]
            use ::rampart::__private::{
                ReplyIpcError as _, ReplySerializeError as _, ReplyValue as _,
            };
            (&&&::rampart::__private::wrap(__value)).__rampart_reply()
        },
    };
    let args_struct = format_ident!("__RampartArgs");
    let input = if takes_body {
        quote! { let __body = __call.take_bytes()?; }
    } else {
        quote! {
            #[derive(::rampart::__private::serde::Deserialize)]
            #[serde(crate = "::rampart::__private::serde", rename_all = "camelCase", deny_unknown_fields)]
            struct #args_struct { #(#fields),* }
            let __args: #args_struct = __call.args()?;
        }
    };
    let call_param = if takes_body {
        quote! { mut __call }
    } else {
        quote! { __call }
    };
    let body = quote! { #input #respond };
    let registration = if is_async {
        quote! {
            ::rampart::Registration::asynchronous(stringify!(#name), |#call_param: ::rampart::Invocation| async move {
                #body
            })
        }
    } else {
        quote! {
            ::rampart::Registration::blocking(stringify!(#name), |#call_param: ::rampart::Invocation| {
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
            // `(&&&wrap(value))` picks the answer by type: the borrows are not needless.
            #[allow(clippy::needless_borrow)]
            fn registration() -> ::rampart::Registration {
                #registration
            }
        }
    })
}

/// A command takes raw bytes once, and then no JSON arguments: the body is the bytes.
fn check_body(function: &ItemFn, params: &[Param]) -> syn::Result<()> {
    let bodies = params.iter().filter(|p| matches!(p, Param::Body)).count();
    let arguments = params
        .iter()
        .any(|p| matches!(p, Param::Argument(..) | Param::Channel(..)));
    let problem = match (bodies, arguments) {
        (0, _) | (1, false) => return Ok(()),
        (1, true) => {
            "a command that takes raw bytes (`Bytes`) has no JSON arguments or channels: the body is the bytes"
        }
        _ => "a command takes the raw body (`Bytes`) once",
    };
    Err(syn::Error::new_spanned(&function.sig.inputs, problem))
}
