//! A command's parameter as the macro sees it: a name (the page's key, in camelCase) and a type.
//! How its value is made is the type's business (`rampart::FromCall`), not the macro's.

use syn::ext::IdentExt;
use syn::{FnArg, Pat, Type};

/// One parameter: the name the page writes, and the type that extracts its value.
pub struct Param {
    /// The parameter's name in camelCase, as serde's `rename_all = "camelCase"` spells it.
    pub key: String,
    /// The parameter's type.
    pub ty: Type,
}

/// The parameter `input`: a plain name and a type.
pub fn param(input: &FnArg) -> syn::Result<Param> {
    let FnArg::Typed(typed) = input else {
        return Err(syn::Error::new_spanned(
            input,
            "a command is a free function, not a method",
        ));
    };
    let Pat::Ident(ident) = &*typed.pat else {
        return Err(syn::Error::new_spanned(
            &typed.pat,
            "command parameters need plain names: they are the keys of the page's arguments",
        ));
    };
    if let Type::Reference(reference) = &*typed.ty
        && borrows_text_or_slice(&reference.elem)
    {
        return Err(syn::Error::new_spanned(
            &typed.ty,
            "command arguments are owned values: use String (or Vec<T>), not a borrowed str or slice",
        ));
    }
    Ok(Param {
        key: camel_case(&ident.ident.unraw().to_string()),
        ty: (*typed.ty).clone(),
    })
}

/// `str` or a slice: what a page's argument cannot be borrowed as (the usual mistake).
fn borrows_text_or_slice(ty: &Type) -> bool {
    match ty {
        Type::Slice(_) => true,
        Type::Path(path) => path.path.is_ident("str"),
        _ => false,
    }
}

/// `snake_case` → `camelCase`, as serde renames fields.
fn camel_case(snake: &str) -> String {
    let mut camel = String::with_capacity(snake.len());
    let mut capitalize = false;
    for c in snake.chars() {
        if c == '_' {
            capitalize = !camel.is_empty();
        } else if capitalize {
            camel.push(c.to_ascii_uppercase());
            capitalize = false;
        } else {
            camel.push(c);
        }
    }
    camel
}

#[cfg(test)]
mod tests {
    use super::camel_case;

    #[test]
    fn names_are_camel_cased_as_serde_does() {
        assert_eq!(camel_case("note_id"), "noteId");
        assert_eq!(camel_case("first_name"), "firstName");
        assert_eq!(camel_case("id"), "id");
        assert_eq!(camel_case("a_b_c"), "aBC");
        assert_eq!(camel_case("page_2"), "page2");
        assert_eq!(camel_case("_unused"), "unused");
    }
}
