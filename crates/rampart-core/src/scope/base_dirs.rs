//! Base-directory variables (`$APPDATA`, `$HOME`, ...) and their resolution.
//!
//! A variable may only be the first component of a path or pattern (`$APPDATA/notes/**`); a `$`
//! anywhere else is an ordinary character. Directories are resolved the way the XDG base
//! directory specification and `xdg-user-dirs` describe, from values the caller read: this module
//! reads neither the environment nor any file.

use std::ffi::OsString;
use std::path::{Component, Path, PathBuf};

use super::PatternError;

pub use super::user_dirs::parse_user_dirs;

/// A base directory that a path pattern may start with, written `$NAME`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BaseDir {
    /// `$APPDATA`: `$DATA/<identifier>`.
    AppData,
    /// `$APPCONFIG`: `$CONFIG/<identifier>`.
    AppConfig,
    /// `$APPLOCALDATA`: `$LOCALDATA/<identifier>`.
    AppLocalData,
    /// `$APPCACHE`: `$CACHE/<identifier>`.
    AppCache,
    /// `$APPLOG`: `$DATA/<identifier>/logs`.
    AppLog,
    /// `$HOME`: the `HOME` environment variable.
    Home,
    /// `$DATA`: `$XDG_DATA_HOME`, or `$HOME/.local/share`.
    Data,
    /// `$CONFIG`: `$XDG_CONFIG_HOME`, or `$HOME/.config`.
    Config,
    /// `$CACHE`: `$XDG_CACHE_HOME`, or `$HOME/.cache`.
    Cache,
    /// `$LOCALDATA`: the same directory as `$DATA` on Linux.
    LocalData,
    /// `$DOCUMENT`: `XDG_DOCUMENTS_DIR` of `user-dirs.dirs`, or `$HOME/Documents`.
    Document,
    /// `$DOWNLOAD`: `XDG_DOWNLOAD_DIR`, or `$HOME/Downloads`.
    Download,
    /// `$DESKTOP`: `XDG_DESKTOP_DIR`, or `$HOME/Desktop`.
    Desktop,
    /// `$PICTURE`: `XDG_PICTURES_DIR`, or `$HOME/Pictures`.
    Picture,
    /// `$VIDEO`: `XDG_VIDEOS_DIR`, or `$HOME/Videos`.
    Video,
    /// `$AUDIO`: `XDG_MUSIC_DIR`, or `$HOME/Music`.
    Audio,
    /// `$PUBLIC`: `XDG_PUBLICSHARE_DIR`, or `$HOME/Public`.
    Public,
    /// `$TEMPLATE`: `XDG_TEMPLATES_DIR`, or `$HOME/Templates`.
    Template,
    /// `$FONT`: `$DATA/fonts`.
    Font,
    /// `$TEMP`: `$TMPDIR`, or `/tmp`.
    Temp,
    /// `$RUNTIME`: `$XDG_RUNTIME_DIR`; unknown when it is not set.
    Runtime,
    /// `$RESOURCE`: the app's bundled resources, as given by the runtime.
    Resource,
}

impl BaseDir {
    /// Every base directory, in declaration order.
    pub const ALL: &'static [BaseDir] = &[
        BaseDir::AppData,
        BaseDir::AppConfig,
        BaseDir::AppLocalData,
        BaseDir::AppCache,
        BaseDir::AppLog,
        BaseDir::Home,
        BaseDir::Data,
        BaseDir::Config,
        BaseDir::Cache,
        BaseDir::LocalData,
        BaseDir::Document,
        BaseDir::Download,
        BaseDir::Desktop,
        BaseDir::Picture,
        BaseDir::Video,
        BaseDir::Audio,
        BaseDir::Public,
        BaseDir::Template,
        BaseDir::Font,
        BaseDir::Temp,
        BaseDir::Runtime,
        BaseDir::Resource,
    ];

    /// The variable as written in patterns, such as `"$APPDATA"`.
    pub fn variable(self) -> &'static str {
        match self {
            BaseDir::AppData => "$APPDATA",
            BaseDir::AppConfig => "$APPCONFIG",
            BaseDir::AppLocalData => "$APPLOCALDATA",
            BaseDir::AppCache => "$APPCACHE",
            BaseDir::AppLog => "$APPLOG",
            BaseDir::Home => "$HOME",
            BaseDir::Data => "$DATA",
            BaseDir::Config => "$CONFIG",
            BaseDir::Cache => "$CACHE",
            BaseDir::LocalData => "$LOCALDATA",
            BaseDir::Document => "$DOCUMENT",
            BaseDir::Download => "$DOWNLOAD",
            BaseDir::Desktop => "$DESKTOP",
            BaseDir::Picture => "$PICTURE",
            BaseDir::Video => "$VIDEO",
            BaseDir::Audio => "$AUDIO",
            BaseDir::Public => "$PUBLIC",
            BaseDir::Template => "$TEMPLATE",
            BaseDir::Font => "$FONT",
            BaseDir::Temp => "$TEMP",
            BaseDir::Runtime => "$RUNTIME",
            BaseDir::Resource => "$RESOURCE",
        }
    }

    /// The base directory named by `name`, written `"$APPDATA"` (or `"APPDATA"`). Exact and
    /// case-sensitive.
    pub fn from_variable(name: &str) -> Option<BaseDir> {
        let name = name.strip_prefix('$').unwrap_or(name);
        BaseDir::ALL
            .iter()
            .copied()
            .find(|dir| dir.variable().get(1..) == Some(name))
    }

    /// Where the directory comes from, for the error when it cannot be resolved.
    fn source(self) -> &'static str {
        match self {
            BaseDir::AppData | BaseDir::AppLocalData | BaseDir::AppLog => {
                "XDG_DATA_HOME (or HOME) and the app identifier"
            }
            BaseDir::AppConfig => "XDG_CONFIG_HOME (or HOME) and the app identifier",
            BaseDir::AppCache => "XDG_CACHE_HOME (or HOME) and the app identifier",
            BaseDir::Home => "the HOME environment variable",
            BaseDir::Data | BaseDir::LocalData | BaseDir::Font => "XDG_DATA_HOME (or HOME)",
            BaseDir::Config => "XDG_CONFIG_HOME (or HOME)",
            BaseDir::Cache => "XDG_CACHE_HOME (or HOME)",
            BaseDir::Document
            | BaseDir::Download
            | BaseDir::Desktop
            | BaseDir::Picture
            | BaseDir::Video
            | BaseDir::Audio
            | BaseDir::Public
            | BaseDir::Template => {
                "~/.config/user-dirs.dirs (or HOME); a directory set to HOME itself is disabled"
            }
            BaseDir::Temp => "TMPDIR (or /tmp)",
            BaseDir::Runtime => "XDG_RUNTIME_DIR",
            BaseDir::Resource => "the app's resource directory",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// The user directories of `user-dirs.dirs`: variable, key in the file, default under `$HOME`.
const USER_DIRS: [(BaseDir, &str, &str); 8] = [
    (BaseDir::Desktop, "XDG_DESKTOP_DIR", "Desktop"),
    (BaseDir::Download, "XDG_DOWNLOAD_DIR", "Downloads"),
    (BaseDir::Template, "XDG_TEMPLATES_DIR", "Templates"),
    (BaseDir::Public, "XDG_PUBLICSHARE_DIR", "Public"),
    (BaseDir::Document, "XDG_DOCUMENTS_DIR", "Documents"),
    (BaseDir::Audio, "XDG_MUSIC_DIR", "Music"),
    (BaseDir::Picture, "XDG_PICTURES_DIR", "Pictures"),
    (BaseDir::Video, "XDG_VIDEOS_DIR", "Videos"),
];

/// The resolved base directories. [`Default`] knows none of them.
///
/// Directories are stored without repeated or trailing separators and without `.` components.
#[derive(Clone, Debug, Default)]
pub struct BaseDirs {
    dirs: [Option<PathBuf>; 22],
}

impl BaseDirs {
    /// Resolves every base directory from an environment lookup, the contents of
    /// `~/.config/user-dirs.dirs` (if the caller could read it) and the app's resource directory.
    ///
    /// Environment values that are not absolute, or that contain a `..` component, are ignored:
    /// an XDG variable then falls back to its default under `HOME`, and `HOME`, `XDG_RUNTIME_DIR`
    /// stay unknown. A user directory that `user-dirs.dirs` sets to `$HOME` itself is disabled
    /// (unknown, never the whole home). The `$APP*` directories are unknown when the identifier
    /// could not be a single path component.
    pub fn from_env(
        app_identifier: &str,
        env: impl Fn(&str) -> Option<OsString>,
        user_dirs: Option<&str>,
        resource_dir: Option<PathBuf>,
    ) -> BaseDirs {
        let var = |name: &str| env_path(&env, name);
        let home = var("HOME");
        let under_home = |var_name: &str, fallback: &str| xdg_dir(&env, var_name, fallback);
        let data = under_home("XDG_DATA_HOME", ".local/share");
        let config = under_home("XDG_CONFIG_HOME", ".config");
        let cache = under_home("XDG_CACHE_HOME", ".cache");
        let id = valid_identifier(app_identifier);
        let app = |base: &Option<PathBuf>| Some(base.as_ref()?.join(id?));

        let mut dirs = BaseDirs::default();
        dirs.set(BaseDir::AppData, app(&data));
        dirs.set(BaseDir::AppLocalData, app(&data));
        dirs.set(BaseDir::AppConfig, app(&config));
        dirs.set(BaseDir::AppCache, app(&cache));
        dirs.set(BaseDir::AppLog, app(&data).map(|d| d.join("logs")));
        dirs.set(BaseDir::Font, data.as_ref().map(|d| d.join("fonts")));
        dirs.set(BaseDir::LocalData, data.clone());
        dirs.set(BaseDir::Data, data);
        dirs.set(BaseDir::Config, config);
        dirs.set(BaseDir::Cache, cache);
        let entries = user_dirs.map(parse_user_dirs).unwrap_or_default();
        for (dir, key, default) in USER_DIRS {
            let written = entries.iter().rev().find_map(|(k, v)| {
                (k == key)
                    .then(|| user_dir_value(v, home.as_deref()))
                    .flatten()
            });
            let resolved = match written {
                Some(value) => value,
                None => home.as_ref().map(|h| h.join(default)),
            };
            dirs.set(dir, resolved.filter(|p| Some(p) != home.as_ref()));
        }
        dirs.set(
            BaseDir::Temp,
            var("TMPDIR").or_else(|| Some(PathBuf::from("/tmp"))),
        );
        dirs.set(BaseDir::Runtime, var("XDG_RUNTIME_DIR"));
        dirs.set(BaseDir::Resource, resource_dir.and_then(clean_absolute));
        dirs.set(BaseDir::Home, home);
        dirs
    }

    /// Sets one directory (builder style, for tests and callers that know better).
    ///
    /// The path is used as given, minus repeated and trailing separators and `.` components; a
    /// path that is not absolute makes every pattern that uses the variable an error.
    pub fn with(mut self, dir: BaseDir, path: impl Into<PathBuf>) -> BaseDirs {
        let path: PathBuf = path.into();
        self.set(dir, Some(path.components().collect()));
        self
    }

    /// The directory, if it is known.
    pub fn get(&self, dir: BaseDir) -> Option<&Path> {
        self.dirs[dir.index()].as_deref()
    }

    /// Replaces a leading `$VARIABLE` component with its directory: `"$APPDATA/x"` becomes
    /// `"/home/u/.local/share/<identifier>/x"`. Input that does not start with `$` is returned
    /// unchanged. Plain text substitution: the result is not normalised or checked.
    ///
    /// An unknown variable is an error that suggests the nearest known one; a known variable whose
    /// directory is unknown, or not valid UTF-8, is an error too (a rule is never skipped).
    pub fn expand(&self, input: &str) -> Result<String, PatternError> {
        self.expand_with(input, false)
    }

    /// Like [`BaseDirs::expand`], but the directory is escaped for `glob`, so that a directory
    /// named `a[1]` or `*` stays a literal inside a pattern.
    pub(crate) fn expand_glob(&self, input: &str) -> Result<String, PatternError> {
        self.expand_with(input, true)
    }

    fn expand_with(&self, input: &str, escape: bool) -> Result<String, PatternError> {
        if !input.starts_with('$') {
            return Ok(input.to_owned());
        }
        let (variable, rest) = input.split_at(input.find('/').unwrap_or(input.len()));
        let dir =
            BaseDir::from_variable(variable).ok_or_else(|| unknown_variable(variable, input))?;
        let path = self.get(dir).ok_or_else(|| {
            PatternError::new(format!(
                "`{input}` uses `{}`, which is unknown on this system",
                dir.variable()
            ))
            .help(format!(
                "`{}` comes from {}; a rule that uses it is refused rather than skipped",
                dir.variable(),
                dir.source()
            ))
        })?;
        let base = path.to_str().ok_or_else(|| {
            PatternError::new(format!(
                "`{input}` uses `{}`, whose directory is not valid UTF-8",
                dir.variable()
            ))
        })?;
        let mut out = if escape {
            glob::Pattern::escape(base)
        } else {
            base.to_owned()
        };
        if out.ends_with('/') && rest.starts_with('/') {
            out.pop();
        }
        out.push_str(rest);
        Ok(out)
    }

    fn set(&mut self, dir: BaseDir, path: Option<PathBuf>) {
        self.dirs[dir.index()] = path;
    }
}

/// The error for an unknown `$VARIABLE`, with the nearest known name when there is one.
fn unknown_variable(variable: &str, input: &str) -> PatternError {
    let known: Vec<&str> = BaseDir::ALL.iter().map(|d| d.variable()).collect();
    let known = known.join(", ");
    let error = PatternError::new(format!(
        "`{input}` starts with `{variable}`, which is not a base directory"
    ));
    match suggest(variable) {
        Some(dir) => error.help(format!(
            "did you mean `{}`? The base directories are {known}",
            dir.variable()
        )),
        None => error.help(format!(
            "a `$` at the start of a path names a base directory: one of {known}"
        )),
    }
}

/// The known variable nearest to `variable`, if it is near enough to be a typo.
fn suggest(variable: &str) -> Option<BaseDir> {
    let name = variable.trim_start_matches('$').to_ascii_uppercase();
    let limit = (name.chars().count() / 3).max(2);
    BaseDir::ALL
        .iter()
        .map(|&dir| (strsim::levenshtein(&name, &dir.variable()[1..]), dir))
        .filter(|&(distance, _)| distance <= limit)
        .min_by_key(|&(distance, _)| distance)
        .map(|(_, dir)| dir)
}

/// The app identifier, if it can be used as one path component.
/// The runtime's own state of the app `app_identifier`: `$XDG_STATE_HOME/<identifier>`, or
/// `$HOME/.local/state/<identifier>`, the environment read as [`BaseDirs::from_env`] reads it.
/// Deliberately not a [`BaseDir`]: no scope can name it, so what the runtime keeps there (the
/// engine's cookies and cache) is out of every plugin's reach. `None` when neither variable is
/// usable or the identifier could not be a single path component.
pub fn app_state_dir(
    app_identifier: &str,
    env: impl Fn(&str) -> Option<OsString>,
) -> Option<PathBuf> {
    let state = xdg_dir(&env, "XDG_STATE_HOME", ".local/state")?;
    Some(state.join(valid_identifier(app_identifier)?))
}

/// The environment variable `name` as a clean absolute path (see [`clean_absolute`]).
fn env_path(env: &impl Fn(&str) -> Option<OsString>, name: &str) -> Option<PathBuf> {
    env(name).map(PathBuf::from).and_then(clean_absolute)
}

/// The XDG directory of `var_name`, or `fallback` under `HOME`.
fn xdg_dir(
    env: &impl Fn(&str) -> Option<OsString>,
    var_name: &str,
    fallback: &str,
) -> Option<PathBuf> {
    env_path(env, var_name).or_else(|| Some(env_path(env, "HOME")?.join(fallback)))
}

fn valid_identifier(id: &str) -> Option<&str> {
    let ok = !id.is_empty() && id != "." && id != ".." && !id.contains(['/', '\0']);
    ok.then_some(id)
}

/// An absolute path without `..` or NUL, with repeated/trailing separators and `.` removed.
fn clean_absolute(path: PathBuf) -> Option<PathBuf> {
    let clean = path.is_absolute()
        && !path.components().any(|c| c == Component::ParentDir)
        && !path.as_os_str().as_encoded_bytes().contains(&0);
    clean.then(|| path.components().collect())
}

/// Interprets one `user-dirs.dirs` value: `$HOME/...` or an absolute path. `None` for values in
/// any other form (the line is ignored); `Some(None)` for a well-formed value that resolves to no
/// usable directory (so the directory is unknown, not defaulted).
fn user_dir_value(value: &str, home: Option<&Path>) -> Option<Option<PathBuf>> {
    if let Some(rest) = value.strip_prefix("$HOME") {
        if !(rest.is_empty() || rest.starts_with('/')) {
            return None;
        }
        let joined = home.map(|h| h.join(rest.trim_start_matches('/')));
        Some(joined.and_then(clean_absolute))
    } else if value.starts_with('/') {
        Some(clean_absolute(PathBuf::from(value)))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env_of<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<OsString> + 'a {
        move |name| {
            vars.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| OsString::from(v))
        }
    }

    #[test]
    fn the_app_state_dir_is_read_as_the_base_dirs_are() {
        let at = |vars: &[(&str, &str)]| app_state_dir("com.example.notes", env_of(vars));
        let state = [("XDG_STATE_HOME", "/s"), ("HOME", "/h")];
        assert_eq!(at(&state), Some(PathBuf::from("/s/com.example.notes")));
        // A relative XDG_STATE_HOME, or one that climbs, is ignored, as the XDG specification
        // says: HOME's default instead.
        for ignored in ["s", "/s/../etc"] {
            let vars = [("XDG_STATE_HOME", ignored), ("HOME", "/h")];
            assert_eq!(
                at(&vars),
                Some(PathBuf::from("/h/.local/state/com.example.notes")),
                "{ignored}"
            );
        }
        assert_eq!(at(&[("HOME", "h")]), None);
        assert_eq!(at(&[]), None);
        for id in ["", ".", "..", "a/b"] {
            assert_eq!(app_state_dir(id, env_of(&state)), None, "{id:?}");
        }
    }

    fn dirs_for(vars: &[(&str, &str)], user_dirs: Option<&str>) -> BaseDirs {
        BaseDirs::from_env("com.example.notes", env_of(vars), user_dirs, None)
    }

    fn get(dirs: &BaseDirs, dir: BaseDir) -> Option<&str> {
        dirs.get(dir).and_then(Path::to_str)
    }

    #[test]
    fn all_is_in_index_order_and_variables_round_trip() {
        assert_eq!(BaseDir::ALL.len(), 22);
        for (i, &dir) in BaseDir::ALL.iter().enumerate() {
            assert_eq!(dir.index(), i);
            assert_eq!(BaseDir::from_variable(dir.variable()), Some(dir));
            assert_eq!(BaseDir::from_variable(&dir.variable()[1..]), Some(dir));
        }
        assert_eq!(BaseDir::from_variable("$appdata"), None);
        assert_eq!(BaseDir::from_variable("$"), None);
        assert_eq!(BaseDir::from_variable(""), None);
    }

    #[test]
    fn xdg_defaults_under_home() {
        let dirs = dirs_for(&[("HOME", "/home/u")], None);
        let expected = [
            (BaseDir::Home, "/home/u"),
            (BaseDir::Data, "/home/u/.local/share"),
            (BaseDir::LocalData, "/home/u/.local/share"),
            (BaseDir::Config, "/home/u/.config"),
            (BaseDir::Cache, "/home/u/.cache"),
            (BaseDir::AppData, "/home/u/.local/share/com.example.notes"),
            (
                BaseDir::AppLocalData,
                "/home/u/.local/share/com.example.notes",
            ),
            (BaseDir::AppConfig, "/home/u/.config/com.example.notes"),
            (BaseDir::AppCache, "/home/u/.cache/com.example.notes"),
            (
                BaseDir::AppLog,
                "/home/u/.local/share/com.example.notes/logs",
            ),
            (BaseDir::Font, "/home/u/.local/share/fonts"),
            (BaseDir::Document, "/home/u/Documents"),
            (BaseDir::Download, "/home/u/Downloads"),
            (BaseDir::Desktop, "/home/u/Desktop"),
            (BaseDir::Picture, "/home/u/Pictures"),
            (BaseDir::Video, "/home/u/Videos"),
            (BaseDir::Audio, "/home/u/Music"),
            (BaseDir::Public, "/home/u/Public"),
            (BaseDir::Template, "/home/u/Templates"),
            (BaseDir::Temp, "/tmp"),
        ];
        for (dir, path) in expected {
            assert_eq!(get(&dirs, dir), Some(path), "{}", dir.variable());
        }
        assert_eq!(dirs.get(BaseDir::Runtime), None);
        assert_eq!(dirs.get(BaseDir::Resource), None);
    }

    #[test]
    fn xdg_variables_override_and_are_cleaned() {
        let dirs = dirs_for(
            &[
                ("HOME", "/home/u/"),
                ("XDG_DATA_HOME", "/data//share/"),
                ("XDG_CONFIG_HOME", "/cfg/./x"),
                ("XDG_CACHE_HOME", "/c"),
                ("XDG_RUNTIME_DIR", "/run/user/1000"),
                ("TMPDIR", "/var/tmp"),
            ],
            None,
        );
        assert_eq!(get(&dirs, BaseDir::Home), Some("/home/u"));
        assert_eq!(get(&dirs, BaseDir::Data), Some("/data/share"));
        assert_eq!(
            get(&dirs, BaseDir::AppData),
            Some("/data/share/com.example.notes")
        );
        assert_eq!(get(&dirs, BaseDir::Config), Some("/cfg/x"));
        assert_eq!(get(&dirs, BaseDir::AppCache), Some("/c/com.example.notes"));
        assert_eq!(get(&dirs, BaseDir::Runtime), Some("/run/user/1000"));
        assert_eq!(get(&dirs, BaseDir::Temp), Some("/var/tmp"));
    }

    #[test]
    fn relative_or_dotdot_env_values_are_ignored() {
        let dirs = dirs_for(
            &[
                ("HOME", "/home/u"),
                ("XDG_DATA_HOME", "relative/share"),
                ("XDG_CONFIG_HOME", ""),
                ("XDG_CACHE_HOME", "/home/u/../../etc"),
                ("XDG_RUNTIME_DIR", "run"),
                ("TMPDIR", "tmp"),
            ],
            None,
        );
        assert_eq!(get(&dirs, BaseDir::Data), Some("/home/u/.local/share"));
        assert_eq!(get(&dirs, BaseDir::Config), Some("/home/u/.config"));
        assert_eq!(get(&dirs, BaseDir::Cache), Some("/home/u/.cache"));
        assert_eq!(dirs.get(BaseDir::Runtime), None);
        assert_eq!(get(&dirs, BaseDir::Temp), Some("/tmp"));
    }

    #[test]
    fn no_home_means_unknown_not_root() {
        let dirs = dirs_for(&[("HOME", "home/u")], None);
        for dir in [
            BaseDir::Home,
            BaseDir::Data,
            BaseDir::AppData,
            BaseDir::Document,
            BaseDir::Font,
        ] {
            assert_eq!(dirs.get(dir), None, "{}", dir.variable());
        }
        assert_eq!(get(&dirs, BaseDir::Temp), Some("/tmp"));
        let dirs = dirs_for(&[("XDG_DATA_HOME", "/d")], None);
        assert_eq!(get(&dirs, BaseDir::AppData), Some("/d/com.example.notes"));
        assert_eq!(dirs.get(BaseDir::AppConfig), None);
    }

    #[test]
    fn bad_identifiers_leave_app_dirs_unknown() {
        for id in ["", ".", "..", "a/b", "../x", "/etc", "a\0b"] {
            let dirs = BaseDirs::from_env(id, env_of(&[("HOME", "/home/u")]), None, None);
            for dir in [
                BaseDir::AppData,
                BaseDir::AppConfig,
                BaseDir::AppCache,
                BaseDir::AppLog,
                BaseDir::AppLocalData,
            ] {
                assert_eq!(dirs.get(dir), None, "{id:?} {}", dir.variable());
            }
            assert_eq!(get(&dirs, BaseDir::Data), Some("/home/u/.local/share"));
        }
    }

    #[test]
    fn user_dirs_file_is_honoured() {
        let file = "XDG_DOCUMENTS_DIR=\"$HOME/Dokumente\"\n\
                    XDG_DOWNLOAD_DIR=\"/mnt/dl/\"\n\
                    XDG_MUSIC_DIR=\"$HOME/\"\n\
                    XDG_VIDEOS_DIR=\"$HOME\"\n\
                    XDG_PICTURES_DIR=\"$HOME/../../etc\"\n\
                    XDG_DESKTOP_DIR=\"Desktop\"\n\
                    XDG_PUBLICSHARE_DIR=\"/a\"\n\
                    XDG_PUBLICSHARE_DIR=\"/b\"\n\
                    XDG_TEMPLATES_DIR=\"$HOMEX/t\"\n";
        let dirs = dirs_for(&[("HOME", "/home/u")], Some(file));
        assert_eq!(get(&dirs, BaseDir::Document), Some("/home/u/Dokumente"));
        assert_eq!(get(&dirs, BaseDir::Download), Some("/mnt/dl"));
        // Set to $HOME: disabled, never the whole home directory.
        assert_eq!(dirs.get(BaseDir::Audio), None);
        assert_eq!(dirs.get(BaseDir::Video), None);
        // A `..` value is unusable: unknown rather than defaulted.
        assert_eq!(dirs.get(BaseDir::Picture), None);
        // Malformed values are ignored, as if the line were missing.
        assert_eq!(get(&dirs, BaseDir::Desktop), Some("/home/u/Desktop"));
        assert_eq!(get(&dirs, BaseDir::Template), Some("/home/u/Templates"));
        // The last line wins.
        assert_eq!(get(&dirs, BaseDir::Public), Some("/b"));
    }

    #[test]
    fn user_dirs_without_home() {
        let file = "XDG_DOCUMENTS_DIR=\"$HOME/Documents\"\nXDG_DOWNLOAD_DIR=\"/dl\"\n";
        let dirs = dirs_for(&[], Some(file));
        assert_eq!(dirs.get(BaseDir::Document), None);
        assert_eq!(get(&dirs, BaseDir::Download), Some("/dl"));
        assert_eq!(dirs.get(BaseDir::Desktop), None);
    }

    #[test]
    fn resource_dir_must_be_absolute() {
        let env = env_of(&[]);
        let dirs = BaseDirs::from_env("id", &env, None, Some(PathBuf::from("/opt/app/res/")));
        assert_eq!(get(&dirs, BaseDir::Resource), Some("/opt/app/res"));
        let dirs = BaseDirs::from_env("id", &env, None, Some(PathBuf::from("res")));
        assert_eq!(dirs.get(BaseDir::Resource), None);
    }

    #[test]
    fn expand_replaces_only_a_leading_variable() {
        let dirs = BaseDirs::default()
            .with(BaseDir::AppData, "/home/u/.local/share/id")
            .with(BaseDir::Home, "/");
        assert_eq!(
            dirs.expand("$APPDATA/x").as_deref(),
            Ok("/home/u/.local/share/id/x")
        );
        assert_eq!(
            dirs.expand("$APPDATA").as_deref(),
            Ok("/home/u/.local/share/id")
        );
        assert_eq!(dirs.expand("$HOME/x").as_deref(), Ok("/x"));
        assert_eq!(dirs.expand("$HOME").as_deref(), Ok("/"));
        assert_eq!(dirs.expand("/a/$APPDATA").as_deref(), Ok("/a/$APPDATA"));
        assert_eq!(dirs.expand("relative").as_deref(), Ok("relative"));
    }

    #[test]
    fn unknown_variable_is_an_error_with_a_suggestion() {
        let dirs = BaseDirs::default().with(BaseDir::AppData, "/d");
        for (typo, suggestion) in [
            ("$APPDAT/x", "$APPDATA"),
            ("$appdata/x", "$APPDATA"),
            ("$APP_DATA", "$APPDATA"),
            ("$DOCUMENTS/**", "$DOCUMENT"),
            ("$TMP/x", "$TEMP"),
        ] {
            let e = dirs.expand(typo).expect_err(typo);
            let help = e.help.unwrap_or_default();
            assert!(
                help.contains(&format!("did you mean `{suggestion}`?")),
                "{typo}: {help}"
            );
        }
        let e = dirs.expand("$NOPE_AT_ALL/x").expect_err("unknown");
        assert!(e.message.contains("`$NOPE_AT_ALL`"), "{}", e.message);
        let help = e.help.unwrap_or_default();
        assert!(!help.contains("did you mean"), "{help}");
        assert!(
            help.contains("$APPDATA") && help.contains("$RESOURCE"),
            "{help}"
        );
        assert!(dirs.expand("$/x").is_err());
        assert!(dirs.expand("$").is_err());
        assert!(dirs.expand("$$APPDATA/x").is_err());
    }

    #[test]
    fn unresolvable_variable_is_an_error_not_a_skip() {
        let dirs = BaseDirs::default();
        let e = dirs.expand("$RUNTIME/sock").expect_err("unknown dir");
        assert!(e.message.contains("`$RUNTIME`"), "{}", e.message);
        assert!(e.help.unwrap_or_default().contains("XDG_RUNTIME_DIR"));
    }

    #[test]
    fn glob_expansion_escapes_the_directory() {
        let dirs = BaseDirs::default().with(BaseDir::Home, "/home/a[1]*?");
        assert_eq!(dirs.expand("$HOME/x").as_deref(), Ok("/home/a[1]*?/x"));
        assert_eq!(
            dirs.expand_glob("$HOME/*").as_deref(),
            Ok("/home/a[[]1[]][*][?]/*")
        );
    }

    #[cfg(unix)]
    #[test]
    fn non_utf8_directory_is_an_error() {
        use std::os::unix::ffi::OsStringExt;
        let raw = OsString::from_vec(b"/home/\xff".to_vec());
        let dirs = BaseDirs::from_env("id", |n| (n == "HOME").then(|| raw.clone()), None, None);
        assert!(dirs.get(BaseDir::Home).is_some());
        assert!(dirs.expand("$HOME/x").is_err());
    }
}
