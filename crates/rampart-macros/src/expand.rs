//! The code `#[rampart::command]` generates: an argument struct, the extraction of each
//! parameter, the call, and the answer chosen by the return type.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::{ItemFn, ReturnType};

use crate::param::{Param, param};

/// The function, unchanged, and its `IntoCommand` struct.
pub fn expand(function: ItemFn) -> syn::Result<TokenStream> {
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
    let name = &function.sig.ident;
    let visibility = &function.vis;
    let types: Vec<_> = params.iter().map(|p| &p.ty).collect();
    let bindings: Vec<_> = (0..params.len())
        .map(|i| format_ident!("__param{i}"))
        .collect();
    let keys = params.iter().map(|p| &p.key);
    let extract = quote! {
        let __body = __call.take_body();
        let mut __input = ::rampart::CallInput::new(&__call, __body);
        #(let #bindings = <#types as ::rampart::FromCall<'_>>::from_call(&mut __input, #keys)?;)*
        __input.finish()?;
    };
    let is_async = function.sig.asyncness.is_some();
    let call = if is_async {
        quote! { #name(#(#bindings),*).await }
    } else {
        quote! { #name(#(#bindings),*) }
    };
    let respond = match &function.sig.output {
        ReturnType::Default => quote! { #call; Ok(::rampart::Reply::empty()) },
        ReturnType::Type(..) => quote! {
            let __value = #call;
            #[allow(unused_imports)]
            use ::rampart::__private::{
                ReplyIpcError as _, ReplySerializeError as _, ReplyValue as _,
            };
            (&&&::rampart::__private::wrap(__value)).__rampart_reply()
        },
    };
    let body = quote! { #extract #respond };
    let command = if is_async {
        quote! {
            ::rampart::Command::asynchronous(stringify!(#name), |mut __call: ::rampart::Invocation| async move {
                #body
            })
        }
    } else {
        quote! {
            ::rampart::Command::blocking(stringify!(#name), |mut __call: ::rampart::Invocation| {
                #body
            })
        }
    };
    let check = quote! {
        const _: () = ::std::assert!(
            ::rampart::__private::valid_parameters(&[
                #(<#types as ::rampart::FromCall<'static>>::TAKES),*
            ]),
            "a command takes the raw body (`Bytes`) once, and then no JSON arguments or channels: the body is the bytes",
        );
    };
    Ok(quote! {
        #function

        #[allow(non_camel_case_types)]
        #[doc(hidden)]
        #visibility struct #name {}

        impl ::rampart::IntoCommand for #name {
            // `(&&&wrap(value))` picks the answer by type: the borrows are not needless.
            #[allow(clippy::needless_borrow)]
            fn command() -> ::rampart::Command {
                #check
                #command
            }
        }
    })
}
