//! The configuration files as an author writes them: `Rampart.toml`, permission files and
//! capability files.
//!
//! These types only describe shape. Every struct refuses unknown keys, so a misspelled `deny` or
//! a misplaced table is an error, never silently dropped. Meaning (identifiers, commands,
//! scopes) is checked when the files are resolved into an [`Authority`](super::Authority).

use std::fmt;

use schemars::JsonSchema;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::scope::ScopeKind;

/// `Rampart.toml`: the app's identity and its own commands.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AppManifest {
    /// The app's identity and commands.
    pub app: AppSection,
    /// The windows created when the app starts.
    #[serde(default)]
    pub window: Vec<WindowSection>,
    /// Development settings, honoured by debug builds only.
    pub dev: Option<DevSection>,
    /// What the app's pages may load and do: their Content-Security-Policy.
    pub security: Option<SecuritySection>,
}

/// The `[security]` table of `Rampart.toml`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SecuritySection {
    /// The Content-Security-Policy of the app's pages, laid over the strict default: a policy
    /// (`"img-src 'self' https://img.example.com; font-src 'self'"`) or a table of directives,
    /// each a string or a list of sources. Each directive written replaces the default's; the
    /// others keep their default.
    #[schemars(with = "Option<CspSchema>")]
    pub csp: Option<Spanned<CspSetting>>,
    /// Whether the WebKit web process runs in its bubblewrap sandbox (default `true`). Turning
    /// it off is reported as a warning: a page that exploits the engine then has the app's
    /// rights over the user's files.
    #[schemars(with = "Option<bool>")]
    pub sandbox: Option<Spanned<bool>>,
    /// The isolation pattern: every call of the app's own pages passes through the isolation
    /// application in `dir` (a folder beside `dist/`), which may refuse or rewrite it, and is
    /// sealed there; the app accepts from its own pages no call it did not seal.
    pub isolation: Option<IsolationSection>,
}

/// `[security.isolation]`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IsolationSection {
    /// The isolation application's folder, relative to `Rampart.toml` (`isolation-dist`): its
    /// `index.html` and the scripts it loads (inline scripts are blocked there).
    #[schemars(with = "String")]
    pub dir: Spanned<String>,
    /// The windows it applies to (default: every window of the app's own pages).
    #[serde(default)]
    #[schemars(with = "Option<Vec<String>>")]
    pub windows: Option<Vec<Spanned<String>>>,
}

/// `[security] csp` as written.
#[derive(Debug)]
pub enum CspSetting {
    /// A policy string: directives separated by `;`.
    Text(String),
    /// A table: directive name → its sources.
    Directives(Vec<(Spanned<String>, Spanned<CspSources>)>),
}

/// The sources of one directive of a `csp` table.
#[derive(Debug)]
pub enum CspSources {
    /// One string of sources separated by spaces.
    Text(String),
    /// One source per entry.
    List(Vec<Spanned<String>>),
}

/// What `csp` may be, for the schema only.
#[derive(JsonSchema)]
#[serde(untagged)]
#[allow(
    dead_code,
    reason = "describes `csp` for the schema; CspSetting reads it"
)]
enum CspSchema {
    Text(String),
    Directives(std::collections::BTreeMap<String, CspSourcesSchema>),
}

/// What a directive of a `csp` table may be, for the schema only.
#[derive(JsonSchema)]
#[serde(untagged)]
#[allow(
    dead_code,
    reason = "describes `csp` for the schema; CspSources reads it"
)]
enum CspSourcesSchema {
    Text(String),
    List(Vec<String>),
}

impl<'de> Deserialize<'de> for CspSetting {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Setting;
        impl<'de> Visitor<'de> for Setting {
            type Value = CspSetting;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a policy string or a table of directives")
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<CspSetting, E> {
                Ok(CspSetting::Text(text.to_string()))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<CspSetting, A::Error> {
                let mut directives = Vec::new();
                while let Some(name) = map.next_key::<Spanned<String>>()? {
                    directives.push((name, map.next_value()?));
                }
                Ok(CspSetting::Directives(directives))
            }
        }
        deserializer.deserialize_any(Setting)
    }
}

impl<'de> Deserialize<'de> for CspSources {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Sources;
        impl<'de> Visitor<'de> for Sources {
            type Value = CspSources;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string of sources or a list of sources")
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<CspSources, E> {
                Ok(CspSources::Text(text.to_string()))
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<CspSources, A::Error> {
                let mut list = Vec::new();
                while let Some(source) = seq.next_element()? {
                    list.push(source);
                }
                Ok(CspSources::List(list))
            }
        }
        deserializer.deserialize_any(Sources)
    }
}

/// The `[dev]` table of `Rampart.toml`: honoured by debug builds only.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DevSection {
    /// A development server on this machine (`http://localhost:5173`). Debug builds load the
    /// windows' pages from it and treat its origin as the app's own; release builds ignore it
    /// and refuse its origin.
    #[schemars(with = "String")]
    pub url: Spanned<String>,
}

/// A `[[window]]` of `Rampart.toml`: a window and its webview, created at start-up.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WindowSection {
    /// The window's label (also its webview's): what capabilities name in `windows`.
    /// Letters, digits, `_`, `/`, `:` and `-`; at most 128 characters.
    #[schemars(with = "String")]
    pub label: Spanned<String>,
    /// The window's title.
    pub title: Option<String>,
    /// Width in logical pixels (default 800).
    pub width: Option<f64>,
    /// Height in logical pixels (default 600).
    pub height: Option<f64>,
    /// The page to load: a path of the app's own scheme (default `index.html`).
    #[schemars(with = "Option<String>")]
    pub url: Option<Spanned<String>>,
    /// Whether the window opens when the app starts (default true). With `false` it opens when
    /// the app calls `AppHandle::open_window` with its label.
    pub create: Option<bool>,
    /// Whether the window's size, position and maximized state are saved when it closes (or
    /// the app exits) and restored when it opens again (default false); they are kept in
    /// `$APPCONFIG/window-state.json`.
    #[serde(rename = "remember-state")]
    pub remember_state: Option<bool>,
    /// Remote origins (https) the window's page may navigate to at top level, besides the app's
    /// own pages, such as `https://docs.example.com`. Any other navigation is refused.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub navigation: Vec<Spanned<String>>,
    /// What `window.open` and links with `target=_blank` do: `"refuse"` (the default) or
    /// `"browser"` (an https URL the user asked for, by a click or a key, opens in the user's
    /// browser; anything else is refused).
    #[serde(rename = "new-windows")]
    pub new_windows: Option<NewWindows>,
    /// What happens to a top-level navigation the window refuses (a link to another site):
    /// `"refuse"` (the default), or `"opener"`: it is handed to the opener plugin as if the
    /// page had called `plugin:opener|open_url`, so it opens only where the window's
    /// capabilities grant that command and its URL scope allow it.
    #[serde(rename = "external-links")]
    pub external_links: Option<ExternalLinks>,
    /// Whether the page may download files (into the user's downloads folder; default false).
    pub downloads: Option<bool>,
    /// Whether files and links dropped on the window reach the page (default false).
    #[serde(rename = "drag-drop")]
    pub drag_drop: Option<bool>,
    /// The web permissions the page may have; every other request is denied.
    #[serde(default)]
    pub permissions: Vec<WebPermission>,
}

/// What a window does with a page's request for a new window.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum NewWindows {
    /// Refused, and reported.
    #[default]
    Refuse,
    /// An https URL the user asked for opens in the user's browser; anything else is refused.
    Browser,
}

/// What a window does with a top-level navigation it refuses.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ExternalLinks {
    /// Refused, and reported.
    #[default]
    Refuse,
    /// Handed to the opener plugin, within the window's grants.
    Opener,
}

/// A web permission a page may request of the engine.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum WebPermission {
    /// The camera (`getUserMedia` with video).
    Camera,
    /// The microphone (`getUserMedia` with audio).
    Microphone,
    /// The screen (`getDisplayMedia`).
    DisplayCapture,
    /// The location (`navigator.geolocation`).
    Geolocation,
    /// Desktop notifications.
    Notifications,
    /// Reading the clipboard from script.
    ClipboardRead,
    /// Full screen (`requestFullscreen`).
    Fullscreen,
    /// Locking the pointer (`requestPointerLock`).
    PointerLock,
    /// Listing media devices with their labels.
    DeviceInfo,
    /// Encrypted media (EME key systems).
    MediaKeys,
    /// Storage access for embedded third parties.
    WebsiteData,
}

impl WebPermission {
    /// The name written in `permissions`.
    pub fn name(self) -> &'static str {
        match self {
            WebPermission::Camera => "camera",
            WebPermission::Microphone => "microphone",
            WebPermission::DisplayCapture => "display-capture",
            WebPermission::Geolocation => "geolocation",
            WebPermission::Notifications => "notifications",
            WebPermission::ClipboardRead => "clipboard-read",
            WebPermission::Fullscreen => "fullscreen",
            WebPermission::PointerLock => "pointer-lock",
            WebPermission::DeviceInfo => "device-info",
            WebPermission::MediaKeys => "media-keys",
            WebPermission::WebsiteData => "website-data",
        }
    }
}

/// The `[app]` table of `Rampart.toml`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct AppSection {
    /// Reverse-DNS identifier, e.g. `com.example.notes`. Names the app's data directories.
    #[schemars(with = "String")]
    pub identifier: Spanned<String>,
    /// The app's own commands (snake_case Rust function names). Each gets `allow-<command>` and
    /// `deny-<command>` permissions without writing them.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub commands: Vec<Spanned<String>>,
    /// The kind of scope the app's own commands take (`none` unless set).
    #[serde(default)]
    #[schemars(with = "Option<ScopeKind>")]
    pub scope_kind: Option<Spanned<ScopeKind>>,
}

/// A permission file (`permissions/*.toml`).
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PermissionFile {
    /// The JSON Schema an editor validates the file with (Tauri's files have one): ignored.
    #[serde(rename = "$schema", default, skip_serializing)]
    pub schema: Option<String>,
    /// The owner's `default` permission set.
    pub default: Option<DefaultPermission>,
    /// Named sets of permissions.
    #[serde(default)]
    pub set: Vec<PermissionSet>,
    /// Permissions: commands to allow or deny, and scope rules.
    #[serde(default)]
    pub permission: Vec<Permission>,
}

/// The `[default]` table: what `<owner>:default` (or bare `default` for the app) grants.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DefaultPermission {
    /// What the default grants, for people.
    pub description: Option<String>,
    /// Identifiers of the permissions and sets it includes.
    #[schemars(with = "Vec<String>")]
    pub permissions: Vec<Spanned<String>>,
}

/// A `[[set]]`: a named group of permissions.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PermissionSet {
    /// The set's identifier (lowercase letters, digits and `-`).
    #[schemars(with = "String")]
    pub identifier: Spanned<String>,
    /// What the set grants, for people.
    pub description: Option<String>,
    /// Identifiers of the permissions and sets it includes.
    #[schemars(with = "Vec<String>")]
    pub permissions: Vec<Spanned<String>>,
}

/// A `[[permission]]`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Permission {
    /// The permission's identifier (lowercase letters, digits and `-`).
    #[schemars(with = "String")]
    pub identifier: Spanned<String>,
    /// What the permission grants, for people.
    pub description: Option<String>,
    /// Commands this permission allows or denies.
    #[serde(default)]
    pub commands: CommandRules,
    /// Scope rules. Without commands, the permission is scope-only: its rules apply to all of
    /// its owner's commands in the capabilities that include it.
    #[serde(default)]
    pub scope: ScopeRules,
    /// The platforms this permission exists on (all when absent).
    #[schemars(with = "Option<Vec<Platform>>")]
    pub platforms: Option<Vec<Spanned<Platform>>>,
}

/// `commands.allow` and `commands.deny` of a permission.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CommandRules {
    /// Commands allowed.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub allow: Vec<Spanned<String>>,
    /// Commands denied. A deny beats every allow.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub deny: Vec<Spanned<String>>,
}

/// `scope.allow` and `scope.deny` of a permission.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScopeRules {
    /// What the scope allows. An empty list allows nothing.
    #[serde(default)]
    #[schemars(with = "Vec<ScopeEntry>")]
    pub allow: Vec<Spanned<ScopeEntry>>,
    /// What the scope denies. A deny beats every allow.
    #[serde(default)]
    #[schemars(with = "Vec<ScopeEntry>")]
    pub deny: Vec<Spanned<ScopeEntry>>,
}

/// One scope rule. Which keys it takes depends on the kind of scope of the owner's commands:
/// path (`path`), URL (`url`, `local-network`), shell (`name`, `cmd`, `args`, `env`, `cwd`), opener (`scheme`, `url` or `path`),
/// event (`event`) or window (`window`).
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScopeEntry {
    /// A path glob; may start with a base directory such as `$APPDATA`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// A URL pattern, matched component by component.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// For the http plugin's URL rules: whether the URLs this rule allows may also reach
    /// loopback, private and link-local addresses (default `false`: only public addresses are
    /// connected to, whatever a host name resolves to).
    #[serde(rename = "local-network", skip_serializing_if = "Option::is_none")]
    pub local_network: Option<bool>,
    /// An opener rule allowing every URL of one scheme (e.g. `mailto`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scheme: Option<String>,
    /// The name a shell program is called by.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The absolute path of a shell program.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cmd: Option<String>,
    /// A shell program's argument validators, one per argument.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub args: Option<Vec<ShellArg>>,
    /// The environment variables a shell program receives from the app's (every other one is
    /// cleared), by name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub env: Option<Vec<String>>,
    /// Where a shell program may run: a path glob the working directory the page asks for
    /// must match (without it, the program runs in `/` and the page cannot choose).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cwd: Option<String>,
    /// An event-name pattern (`note-*`) a webview may listen to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event: Option<String>,
    /// A window label pattern (`settings`, `note-*`): other windows a page may act on or open.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub window: Option<String>,
}

/// One argument validator of a shell program.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum ShellArg {
    /// The argument must be exactly this text.
    Literal(String),
    /// The whole argument must match a regex, or be a path inside a path scope.
    Rule(ShellArgRule),
}

/// `{ validator = "regex" }` or `{ path = "glob" }`.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ShellArgRule {
    /// A regex the whole argument must match (it is anchored for you).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub validator: Option<String>,
    /// A path glob the argument must match.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
}

/// The platforms a permission or capability can be limited to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize, JsonSchema)]
pub enum Platform {
    /// Linux.
    #[serde(rename = "linux")]
    Linux,
    /// macOS.
    #[serde(rename = "macOS")]
    MacOs,
    /// Windows.
    #[serde(rename = "windows")]
    Windows,
    /// Android.
    #[serde(rename = "android")]
    Android,
    /// iOS.
    #[serde(rename = "iOS")]
    Ios,
}

impl Platform {
    /// The platform this code was compiled for.
    pub fn current() -> Platform {
        match std::env::consts::OS {
            "macos" => Platform::MacOs,
            "windows" => Platform::Windows,
            "android" => Platform::Android,
            "ios" => Platform::Ios,
            _ => Platform::Linux,
        }
    }
}

/// A capability: which windows, webviews and origins get which permissions.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Capability {
    /// The JSON Schema an editor validates the file with (Tauri's files have one): ignored.
    #[serde(rename = "$schema", default, skip_serializing)]
    pub schema: Option<String>,
    /// The capability's identifier.
    #[schemars(with = "String")]
    pub identifier: Spanned<String>,
    /// What the capability is for, for people.
    pub description: Option<String>,
    /// Window labels (globs) this capability applies to.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub windows: Vec<Spanned<String>>,
    /// Webview labels (globs) this capability applies to.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub webviews: Vec<Spanned<String>>,
    /// Whether pages from the app's own origin get it (default true).
    #[serde(default = "default_local")]
    pub local: bool,
    /// Remote origins that get it.
    pub remote: Option<Remote>,
    /// The platforms this capability exists on (all when absent).
    #[schemars(with = "Option<Vec<Platform>>")]
    pub platforms: Option<Vec<Spanned<Platform>>>,
    /// The permissions granted: identifiers, or `{ identifier, allow, deny }` with scope rules
    /// that apply within this capability only.
    #[schemars(with = "Vec<PermissionEntry>")]
    pub permissions: Vec<Spanned<PermissionEntry>>,
}

fn default_local() -> bool {
    true
}

/// `remote = { urls = [...] }` of a capability.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Remote {
    /// https origin patterns, e.g. `https://*.example.com`.
    #[schemars(with = "Vec<String>")]
    pub urls: Vec<Spanned<String>>,
}

/// `{ capabilities = [...] }`: several capabilities in one file.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CapabilityList {
    /// The JSON Schema an editor validates the file with (Tauri's files have one): ignored.
    #[serde(rename = "$schema", default, skip_serializing)]
    pub schema: Option<String>,
    /// The capabilities.
    pub capabilities: Vec<Capability>,
}

/// A permission named by a capability.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum PermissionEntry {
    /// Just the identifier.
    Identifier(String),
    /// The identifier with scope rules for this capability only.
    Scoped(ScopedPermission),
}

/// `{ identifier, allow, deny }`.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScopedPermission {
    /// The permission's identifier.
    pub identifier: String,
    /// Scope rules to allow, within this capability.
    #[serde(default)]
    #[schemars(with = "Vec<ScopeEntry>")]
    pub allow: Vec<Spanned<ScopeEntry>>,
    /// Scope rules to deny, within this capability.
    #[serde(default)]
    #[schemars(with = "Vec<ScopeEntry>")]
    pub deny: Vec<Spanned<ScopeEntry>>,
}

impl PermissionEntry {
    /// The permission identifier, as written.
    pub fn identifier(&self) -> &str {
        match self {
            PermissionEntry::Identifier(id) => id,
            PermissionEntry::Scoped(scoped) => &scoped.identifier,
        }
    }
}

/// Deserializes a string as itself and a table through `T`, keeping `T`'s own error messages
/// (serde's untagged enums would replace them with "did not match any variant").
struct StringOrTable<T> {
    expecting: &'static str,
    marker: std::marker::PhantomData<T>,
}

impl<'de, T: Deserialize<'de>> Visitor<'de> for StringOrTable<T> {
    type Value = Result<String, T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.expecting)
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Self::Value, E> {
        Ok(Ok(value.to_string()))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        T::deserialize(de::value::MapAccessDeserializer::new(map)).map(Err)
    }
}

fn string_or_table<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    deserializer: D,
    expecting: &'static str,
) -> Result<Result<String, T>, D::Error> {
    deserializer.deserialize_any(StringOrTable {
        expecting,
        marker: std::marker::PhantomData,
    })
}

impl<'de> Deserialize<'de> for PermissionEntry {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let expecting = "a permission identifier or a table `{ identifier, allow, deny }`";
        Ok(match string_or_table(deserializer, expecting)? {
            Ok(id) => PermissionEntry::Identifier(id),
            Err(scoped) => PermissionEntry::Scoped(scoped),
        })
    }
}

impl<'de> Deserialize<'de> for ShellArg {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let expecting = "a literal argument, `{ validator = \"regex\" }` or `{ path = \"glob\" }`";
        Ok(match string_or_table(deserializer, expecting)? {
            Ok(literal) => ShellArg::Literal(literal),
            Err(rule) => ShellArg::Rule(rule),
        })
    }
}
