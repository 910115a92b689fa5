//! `[security] csp` as the author wrote it, turned into directives whose every name and source
//! knows its byte in `Rampart.toml`, so that a finding points at it.

use std::ops::Range;

use toml::Spanned;

use super::policy::{WrittenDirective, WrittenSource};
use crate::acl::model::{CspSetting, CspSources};
use crate::diagnostic::SourceFile;

/// The directives of `setting`, with their spans in `file`.
pub fn written_directives(
    file: &SourceFile,
    setting: &Spanned<CspSetting>,
) -> Vec<WrittenDirective> {
    match setting.get_ref() {
        CspSetting::Text(text) => {
            let base = string_base(file, setting.span(), text);
            let mut directives = Vec::new();
            let mut start = 0;
            for part in text.split(';') {
                let words = words(part, start, base, setting.span());
                start += part.len() + 1;
                let mut words = words.into_iter();
                if let Some(name) = words.next() {
                    directives.push(WrittenDirective {
                        name: name.text,
                        span: name.span,
                        sources: words.collect(),
                    });
                }
            }
            directives
        }
        CspSetting::Directives(table) => table
            .iter()
            .map(|(name, sources)| WrittenDirective {
                name: name.get_ref().clone(),
                span: name.span(),
                sources: match sources.get_ref() {
                    CspSources::Text(text) => {
                        let base = string_base(file, sources.span(), text);
                        words(text, 0, base, sources.span())
                    }
                    CspSources::List(list) => list
                        .iter()
                        .map(|source| WrittenSource {
                            text: source.get_ref().clone(),
                            span: source.span(),
                        })
                        .collect(),
                },
            })
            .collect(),
    }
}

/// Where the text of the string at `span` starts in `file`, when it is written without escapes
/// (so each character of the value is one of the file); otherwise none.
fn string_base(file: &SourceFile, span: Range<usize>, value: &str) -> Option<usize> {
    let inner = file.text().get(span.start + 1..span.end.checked_sub(1)?)?;
    (inner == value).then_some(span.start + 1)
}

/// The space-separated words of `part` (which starts at byte `offset` of the value), each with
/// its span: exact when the value starts at `base` in the file, else the whole value's `span`.
fn words(part: &str, offset: usize, base: Option<usize>, span: Range<usize>) -> Vec<WrittenSource> {
    let mut found = Vec::new();
    let mut rest = part;
    let mut at = offset;
    loop {
        let trimmed = rest.trim_start_matches(|c: char| c.is_ascii_whitespace());
        at += rest.len() - trimmed.len();
        if trimmed.is_empty() {
            return found;
        }
        let end = trimmed
            .find(|c: char| c.is_ascii_whitespace())
            .unwrap_or(trimmed.len());
        found.push(WrittenSource {
            text: trimmed[..end].to_string(),
            span: base.map_or_else(|| span.clone(), |b| b + at..b + at + end),
        });
        rest = &trimmed[end..];
        at += end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::acl::model::SecuritySection;

    fn directives(text: &str) -> (SourceFile, Vec<WrittenDirective>) {
        #[derive(serde::Deserialize)]
        struct Manifest {
            security: SecuritySection,
        }
        let file = SourceFile::new("Rampart.toml", text);
        let manifest: Manifest = toml::from_str(text).expect("valid");
        let setting = manifest.security.csp.expect("a csp");
        let written = written_directives(&file, &setting);
        (file, written)
    }

    fn at(file: &SourceFile, span: &Range<usize>) -> String {
        file.location(span).to_string()
    }

    #[test]
    fn a_policy_string_points_at_each_word() {
        let (file, written) =
            directives("[security]\ncsp = \"img-src 'self'  https://x.example;font-src data:\"\n");
        assert_eq!(written.len(), 2);
        assert_eq!(written[0].name, "img-src");
        assert_eq!(at(&file, &written[0].span), "Rampart.toml:2:8");
        assert_eq!(written[0].sources[1].text, "https://x.example");
        assert_eq!(at(&file, &written[0].sources[1].span), "Rampart.toml:2:24");
        assert_eq!(written[1].name, "font-src");
        assert_eq!(at(&file, &written[1].sources[0].span), "Rampart.toml:2:51");
    }

    #[test]
    fn a_table_points_at_each_name_and_source() {
        let (file, written) = directives(
            "[security.csp]\nimg-src = [\"'self'\", \"https://x.example\"]\nfont-src = \"'self' data:\"\n",
        );
        assert_eq!(written.len(), 2);
        let named = |name: &str| written.iter().find(|d| d.name == name).expect(name);
        assert_eq!(at(&file, &named("img-src").span), "Rampart.toml:2:1");
        assert_eq!(
            at(&file, &named("img-src").sources[1].span),
            "Rampart.toml:2:22"
        );
        assert_eq!(named("font-src").sources[1].text, "data:");
        assert_eq!(
            at(&file, &named("font-src").sources[1].span),
            "Rampart.toml:3:20"
        );
    }

    #[test]
    fn an_escaped_string_points_at_the_whole_value() {
        let (file, written) = directives("[security]\ncsp = \"img-src \\u0027self\\u0027\"\n");
        assert_eq!(written[0].sources[0].text, "'self'");
        assert_eq!(at(&file, &written[0].sources[0].span), "Rampart.toml:2:7");
    }
}
