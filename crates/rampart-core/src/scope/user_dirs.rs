//! Parser for `~/.config/user-dirs.dirs`, the file `xdg-user-dirs-update` writes.
//!
//! The file is shell-like but is never run through a shell. Each meaningful line reads
//! `XDG_DOCUMENTS_DIR="$HOME/Documents"`: a name, `=`, and a double-quoted value in which a
//! backslash escapes the next character. Blank lines, `#` comments and anything malformed are
//! skipped, as `xdg-user-dir-lookup` skips them. Interpreting the values is up to
//! [`BaseDirs::from_env`](super::BaseDirs::from_env).

/// Parses the contents of a `user-dirs.dirs` file into raw `(name, value)` pairs, in file order.
///
/// Values are unquoted and unescaped but otherwise as written (`$HOME` is not expanded). A line
/// without a closing quote is skipped. Never panics, whatever the input.
pub fn parse_user_dirs(contents: &str) -> Vec<(String, String)> {
    contents.lines().filter_map(parse_line).collect()
}

/// One `NAME="value"` line, or `None` for anything else.
fn parse_line(line: &str) -> Option<(String, String)> {
    let line = line.trim_start_matches([' ', '\t']);
    let name_len = line
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(line.len());
    if name_len == 0 {
        return None;
    }
    let (name, rest) = line.split_at(name_len);
    let rest = rest.trim_start_matches([' ', '\t']).strip_prefix('=')?;
    let rest = rest.trim_start_matches([' ', '\t']).strip_prefix('"')?;
    let value = unquote(rest)?;
    Some((name.to_owned(), value))
}

/// Reads up to the closing `"`, dropping each escaping backslash. `None` without a closing quote.
fn unquote(rest: &str) -> Option<String> {
    let mut value = String::new();
    let mut chars = rest.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => return Some(value),
            '\\' => value.push(chars.next()?),
            c => value.push(c),
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(name: &str, value: &str) -> (String, String) {
        (name.to_owned(), value.to_owned())
    }

    #[test]
    fn parses_the_file_xdg_user_dirs_writes() {
        let file = "# This file is written by xdg-user-dirs-update\n\
                    # If you want to change or add directories, just edit the line you're\n\
                    XDG_DESKTOP_DIR=\"$HOME/Desktop\"\n\
                    XDG_DOWNLOAD_DIR=\"$HOME/Downloads\"\n\
                    XDG_DOCUMENTS_DIR=\"/data/docs\"\r\n";
        assert_eq!(
            parse_user_dirs(file),
            vec![
                pair("XDG_DESKTOP_DIR", "$HOME/Desktop"),
                pair("XDG_DOWNLOAD_DIR", "$HOME/Downloads"),
                pair("XDG_DOCUMENTS_DIR", "/data/docs"),
            ]
        );
    }

    #[test]
    fn tolerates_blanks_and_unescapes() {
        assert_eq!(
            parse_user_dirs("  \tXDG_MUSIC_DIR = \"$HOME/My \\\"Music\\\\\" # note"),
            vec![pair("XDG_MUSIC_DIR", "$HOME/My \"Music\\")]
        );
    }

    #[test]
    fn skips_malformed_lines() {
        for line in [
            "XDG_MUSIC_DIR",
            "XDG_MUSIC_DIR=$HOME/Music",
            "XDG_MUSIC_DIR=\"$HOME/Music",
            "XDG_MUSIC_DIR=\"$HOME/Music\\",
            "=\"x\"",
            "export XDG_MUSIC_DIR=\"x\"",
            "#XDG_MUSIC_DIR=\"x\"",
            "\"",
            "\\",
            "",
        ] {
            assert_eq!(parse_user_dirs(line), vec![], "{line:?}");
        }
    }

    #[test]
    fn never_panics_on_odd_input() {
        for input in [
            "X=\"\u{0}\"",
            "é=\"x\"",
            "X=\"é\\é\"",
            "X=\"\\",
            "\u{feff}X=\"a\"",
        ] {
            let _ = parse_user_dirs(input);
        }
        assert_eq!(parse_user_dirs("X=\"\\é\""), vec![pair("X", "é")]);
    }
}
