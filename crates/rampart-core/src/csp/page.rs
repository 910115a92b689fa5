//! Reading one HTML page of the app for its policy, with a streaming HTML rewriter (lol_html):
//! the hashes of its inline scripts and styles, a nonce placeholder on its external scripts and
//! stylesheets, and what in it the policy would block or should not allow.

use std::cell::RefCell;
use std::ops::Range;

use base64::Engine as _;
use lol_html::html_content::{Element, TextChunk};
use lol_html::{HtmlRewriter, Settings, element, text};
use sha2::{Digest, Sha256};

use super::PageSources;
use super::nonce::NONCE_PLACEHOLDER;
use crate::diagnostic::{ConfigError, SourceFile};
use crate::ipc::APP_ORIGIN;

/// A page, read: the same page with nonce placeholders, what its policy must add, and what it
/// does that the policy blocks or that is unsafe.
#[derive(Debug)]
pub struct PageScan {
    /// The page with `nonce` attributes holding [`NONCE_PLACEHOLDER`].
    pub html: Vec<u8>,
    /// What the page's policy adds to `script-src` and `style-src`.
    pub sources: PageSources,
    /// Errors: the page would not work as written under its policy, or loads code it cannot
    /// check. The app does not build (or start, from a folder) with one.
    pub errors: Vec<ConfigError>,
    /// Warnings: the page works, but something in it is blocked or weak.
    pub warnings: Vec<ConfigError>,
}

/// What the handlers gather while the page streams through.
#[derive(Default)]
struct Found {
    sources: PageSources,
    /// The text of the inline script or style being read.
    inline: Vec<u8>,
    errors: Vec<(Range<usize>, String, &'static str)>,
    warnings: Vec<(Range<usize>, String, &'static str)>,
}

/// Reads the page `html`, named `name` (relative to `dist/`) in what it reports.
pub fn scan(name: &str, html: &[u8]) -> PageScan {
    let found = RefCell::new(Found::default());
    let mut output = Vec::with_capacity(html.len() + 64);
    let result = {
        let settings = Settings::new()
            .append_element_content_handler(element!("script[src], link[href]", |el| {
                nonce_external(el, &mut found.borrow_mut());
                Ok(())
            }))
            .append_element_content_handler(text!("script:not([src]), style", |chunk| {
                inline_text(chunk, &mut found.borrow_mut());
                Ok(())
            }))
            .append_element_content_handler(element!("*", |el| {
                attributes(el, &mut found.borrow_mut());
                Ok(())
            }));
        let mut rewriter =
            HtmlRewriter::new(settings, |bytes: &[u8]| output.extend_from_slice(bytes));
        rewriter.write(html).and_then(|()| rewriter.end())
    };
    let mut found = found.into_inner();
    let placeholder = NONCE_PLACEHOLDER.as_bytes();
    if let Some(at) = html
        .windows(placeholder.len())
        .position(|w| w == placeholder)
    {
        found.errors.push((
            at..at + placeholder.len(),
            format!("the page contains `{NONCE_PLACEHOLDER}`, which Rampart replaces with each launch's nonce"),
            "change that text: it is reserved for the nonce Rampart writes on external scripts and stylesheets",
        ));
    }
    let file = SourceFile::new(name, String::from_utf8_lossy(html).into_owned());
    let report = |list: Vec<(Range<usize>, String, &str)>| -> Vec<ConfigError> {
        list.into_iter()
            .map(|(span, message, help)| file.error(span, message, Some(help.into())))
            .collect()
    };
    let mut errors = report(found.errors);
    if let Err(error) = result {
        errors.push(file.file_error(
            format!("the page cannot be read as HTML: {error}"),
            Some("fix the page's markup".into()),
        ));
    }
    PageScan {
        html: output,
        sources: found.sources,
        errors,
        warnings: report(found.warnings),
    }
}

/// An external script or stylesheet: a nonce placeholder, and `integrity` required when it comes
/// from another origin.
fn nonce_external(el: &mut Element, found: &mut Found) {
    let (attribute, what) = match el.tag_name().as_str() {
        "script" => ("src", "script"),
        "link" if is_stylesheet(el) => ("href", "stylesheet"),
        _ => return,
    };
    let location = el.source_location().bytes();
    let url = el.get_attribute(attribute).unwrap_or_default();
    if is_foreign(&url) && !el.has_attribute("integrity") {
        found.errors.push((
            location,
            format!("the {what} `{url}` comes from another origin without an `integrity` attribute: whoever serves it could run anything in the app"),
            "add `integrity=\"sha384-…\"` (the file's hash) and `crossorigin=\"anonymous\"`, and list its origin in the policy; or ship the file in dist/",
        ));
    }
    // The rewriter writes the attributes back as written, one space apart: an attribute named
    // `=…` (a stray `=`, as in `<script src/=x>`) would then become the previous one's value.
    if let Some(stray) = el.attributes().iter().find(|a| a.name().starts_with('=')) {
        found.errors.push((
            el.source_location().bytes(),
            format!("the {what} tag has a stray `=` (read as an attribute `{}`): the tag would change meaning when the nonce is added", stray.name()),
            "remove the stray `=` from the tag",
        ));
        return;
    }
    if el.set_attribute("nonce", NONCE_PLACEHOLDER).is_ok() {
        found.sources.nonced = true;
    }
}

/// Whether `el` is a `<link>` whose `rel` lists `stylesheet`.
fn is_stylesheet(el: &Element) -> bool {
    el.get_attribute("rel").is_some_and(|rel| {
        rel.split_ascii_whitespace()
            .any(|r| r.eq_ignore_ascii_case("stylesheet"))
    })
}

/// Whether `url` (as written in `src` or `href`) leaves the app's own origin.
fn is_foreign(url: &str) -> bool {
    let url = url.trim();
    if url.starts_with("//") || url.starts_with("\\\\") {
        return true;
    }
    match url.split_once(':') {
        Some((scheme, _)) if !scheme.contains(['/', '?', '#']) => {
            let lower = url.to_ascii_lowercase();
            // A script or stylesheet from anywhere but the app's origin needs `integrity`.
            lower != APP_ORIGIN
                && !lower
                    .strip_prefix(APP_ORIGIN)
                    .is_some_and(|rest| rest.starts_with('/'))
        }
        _ => false,
    }
}

/// A chunk of an inline script's or style's text; hashed once the element's text is whole.
fn inline_text(chunk: &mut TextChunk, found: &mut Found) {
    found.inline.extend_from_slice(chunk.as_str().as_bytes());
    if !chunk.last_in_text_node() {
        return;
    }
    let hash = hash_of(&std::mem::take(&mut found.inline));
    let is_style = matches!(chunk.text_type(), lol_html::html_content::TextType::RawText);
    let list = if is_style {
        &mut found.sources.style_hashes
    } else {
        &mut found.sources.script_hashes
    };
    if !list.contains(&hash) {
        list.push(hash);
    }
}

/// The base64 SHA-256 of an inline element's text as the engine hashes it: after the HTML
/// parser turned each CR LF and lone CR into LF.
pub fn hash_of(text: &[u8]) -> String {
    let mut normalized = Vec::with_capacity(text.len());
    let mut bytes = text.iter().peekable();
    while let Some(&byte) = bytes.next() {
        if byte == b'\r' {
            normalized.push(b'\n');
            if bytes.peek() == Some(&&b'\n') {
                bytes.next();
            }
        } else {
            normalized.push(byte);
        }
    }
    base64::engine::general_purpose::STANDARD.encode(Sha256::digest(&normalized))
}

/// Inline event handlers, `javascript:` URLs and `style` attributes: the policy blocks each.
fn attributes(el: &mut Element, found: &mut Found) {
    for attribute in el.attributes() {
        let name = attribute.name();
        let span = attribute
            .name_source_location()
            .map_or_else(|| el.source_location().bytes(), |l| l.bytes());
        if name.len() > 2 && name.starts_with("on") {
            found.errors.push((
                span,
                format!("the inline event handler `{name}` never runs: the policy blocks inline scripts"),
                "give the element an id and attach the handler from a script file with addEventListener",
            ));
        } else if is_javascript_url(&attribute.value()) {
            found.errors.push((
                span,
                format!(
                    "the `javascript:` URL in `{name}` never runs: the policy blocks inline scripts"
                ),
                "use a button and attach the action from a script file with addEventListener",
            ));
        } else if name == "style" {
            found.warnings.push((
                span,
                "this inline `style` attribute is blocked by the policy".into(),
                "move the rule to a stylesheet in dist/",
            ));
        }
    }
}

/// Whether an attribute value is a `javascript:` URL as the engine reads it: character
/// references decoded, tabs and newlines removed, leading spaces and controls trimmed.
fn is_javascript_url(raw: &str) -> bool {
    let decoded = decode_references(raw);
    let cleaned: String = decoded
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .take(11)
        .collect();
    cleaned.eq_ignore_ascii_case("javascript:")
}

/// `text` with numeric character references and the named ones that can spell a scheme
/// (`&colon;`, `&Tab;`, `&NewLine;`) decoded; enough to see through a disguised `javascript:`.
fn decode_references(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let (decoded, used) = reference(rest).unwrap_or(('&', 1));
        out.push(decoded);
        rest = &rest[used..];
        if out.len() > 64 {
            break;
        }
    }
    out.push_str(rest);
    out
}

/// The character a reference at the start of `text` stands for, and its length.
fn reference(text: &str) -> Option<(char, usize)> {
    let body = text.get(1..)?;
    for (name, c) in [("colon", ':'), ("tab", '\t'), ("newline", '\n')] {
        // `get`: the name's length may end inside a character of `body`.
        if body
            .get(..name.len())
            .is_some_and(|start| start.eq_ignore_ascii_case(name))
        {
            let used = 1 + name.len() + usize::from(body[name.len()..].starts_with(';'));
            return Some((c, used));
        }
    }
    let body = body.strip_prefix('#')?;
    let (radix, digits_at) = match body.as_bytes().first() {
        Some(b'x' | b'X') => (16, 1),
        _ => (10, 0),
    };
    let digits: String = body[digits_at..]
        .chars()
        .take_while(|c| c.is_digit(radix))
        .take(8)
        .collect();
    let code = u32::from_str_radix(&digits, radix).ok()?;
    let used = 2 + digits_at + digits.len();
    let used = used + usize::from(text[used..].starts_with(';'));
    Some((char::from_u32(code).unwrap_or('\u{fffd}'), used))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(list: &[ConfigError]) -> Vec<String> {
        list.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn inline_scripts_and_styles_are_hashed_as_the_engine_hashes_them() {
        let page = scan(
            "index.html",
            b"<!doctype html><style>p{}</style><script>a()\r\nb()</script><script>a()\nb()</script>",
        );
        assert!(page.errors.is_empty(), "{:?}", messages(&page.errors));
        assert_eq!(page.sources.style_hashes, [hash_of(b"p{}")]);
        // CR LF is hashed as LF, so both scripts have one hash.
        assert_eq!(page.sources.script_hashes, [hash_of(b"a()\nb()")]);
        assert!(!page.sources.nonced);
        // `echo -n 'alert(1)' | openssl sha256 -binary | base64`
        assert_eq!(
            hash_of(b"alert(1)"),
            "bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI="
        );
    }

    #[test]
    fn external_scripts_and_stylesheets_get_the_nonce_placeholder() {
        let page = scan(
            "index.html",
            b"<script src=app.js></script><link rel=\"preload stylesheet\" href=a.css><link rel=icon href=i.png>",
        );
        let html = String::from_utf8(page.html.clone()).expect("utf-8");
        assert_eq!(html.matches(NONCE_PLACEHOLDER).count(), 2, "{html}");
        assert!(!html.contains("icon\" nonce"), "{html}");
        assert!(page.sources.nonced);
        let mut filled = page.html.clone();
        crate::csp::nonce::fill_nonce(&mut filled, &"n".repeat(NONCE_PLACEHOLDER.len()));
        let filled = String::from_utf8(filled).expect("utf-8");
        assert_eq!(filled.matches("nonce=\"nnnn").count(), 2);
    }

    #[test]
    fn foreign_code_without_integrity_is_an_error_with_its_line() {
        let page = scan(
            "pages/a.html",
            b"<p>\n<script src=\"https://cdn.example.com/x.js\"></script>\n<link rel=stylesheet href=//cdn.example.com/x.css>\n<script src=https://cdn.example.com/y.js integrity=sha384-x crossorigin=anonymous></script><script src=app://localhost/z.js></script><script src=/w.js></script>",
        );
        let errors = messages(&page.errors);
        assert_eq!(errors.len(), 2, "{errors:#?}");
        assert!(
            errors[0].starts_with("pages/a.html:2:1: the script `https://cdn.example.com/x.js`"),
            "{errors:#?}"
        );
        assert!(
            errors[1].starts_with("pages/a.html:3:1: the stylesheet"),
            "{errors:#?}"
        );
    }

    #[test]
    fn inline_handlers_and_javascript_urls_are_errors_in_every_disguise() {
        let page = scan(
            "index.html",
            b"<button onclick=\"go()\">x</button>\n<a href=\"javascript:go()\">a</a><a href=\" JaVa\tScRiPt:go()\">b</a><a href=\"&#106;avascript:x\">c</a><a href=\"javascript&colon;x\">d</a><form action=\"&#x6A;avascript:x\"></form><iframe src=\"java&#x09;script:x\"></iframe><a href=\"/javascript:x\">fine</a>",
        );
        let errors = messages(&page.errors);
        assert_eq!(errors.len(), 7, "{errors:#?}");
        assert!(
            errors[0].starts_with("index.html:1:9: the inline event handler `onclick`"),
            "{errors:#?}"
        );
        assert!(
            errors[1].starts_with("index.html:2:4: the `javascript:` URL in `href`"),
            "{errors:#?}"
        );
    }

    #[test]
    fn a_stray_equals_sign_in_a_tag_to_nonce_is_an_error() {
        let page = scan("index.html", b"<p>\n<script src/=x></script>");
        assert_eq!(page.errors.len(), 1);
        assert!(
            page.errors[0]
                .to_string()
                .starts_with("index.html:2:1: the script tag has a stray `=`"),
            "{:?}",
            messages(&page.errors)
        );
        assert!(!page.sources.nonced);
        assert_eq!(page.html, b"<p>\n<script src/=x></script>");
    }

    #[test]
    fn the_placeholder_text_is_reserved() {
        let page = scan(
            "index.html",
            format!("<p>\n<script>x = \"{NONCE_PLACEHOLDER}\"</script>").as_bytes(),
        );
        assert_eq!(page.errors.len(), 1);
        assert_eq!(page.errors[0].location.to_string(), "index.html:2:14");
    }

    #[test]
    fn style_attributes_are_warnings() {
        let page = scan("index.html", b"<p style=\"color: red\">x</p>");
        assert!(page.errors.is_empty());
        assert_eq!(page.warnings.len(), 1);
    }

    #[test]
    fn a_page_that_is_not_html_still_gets_an_answer() {
        for bytes in [
            &b"\xff\xfe<script>\x00</script"[..],
            b"<script>",
            b"<<<>>>",
            b"",
            "<a href=\"&co\u{e9}\u{e9}\">".as_bytes(),
            b"<a href=\"&co\xff\xfelon;x\">",
        ] {
            let page = scan("x.html", bytes);
            assert!(page.html.len() >= bytes.len() / 2);
        }
    }
}
