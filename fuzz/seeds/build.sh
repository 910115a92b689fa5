#!/usr/bin/env bash
# Rebuilds the seed corpus of every fuzz target (fuzz/seeds/<target>/) from the apps whose
# configuration the repository already holds: examples/notes, examples/acl-showcase,
# tests/e2e/app, and the built-in plugin manifests every app is resolved with; their pages
# (dist/*.html) for the page reader. A few seeds that no app spells (an origin wildcard, a URL
# query, a user-dirs.dirs file, the doors' requests, pages that break the policy, policies) are
# written here.
#
# Run from anywhere: fuzz/seeds/build.sh. The seeds are committed; cargo fuzz writes what it
# finds to fuzz/corpus/<target>/ (ignored by git), so run a target with both folders:
#   cargo +nightly fuzz run <target> fuzz/corpus/<target> fuzz/seeds/<target>
set -euo pipefail
cd "$(dirname "$0")/../.."

apps=(examples/notes examples/acl-showcase tests/e2e/app tests/e2e/csp tests/e2e/guard tests/e2e/lockdown tests/e2e/fs tests/e2e/asset tests/e2e/shell tests/e2e/isolation examples/isolation)
seeds=fuzz/seeds
rm -rf "${seeds:?}"/*/
mkdir -p "$seeds"/{config_files,resolve,path_pattern,url_pattern,origin_pattern,shell_program,user_dirs,json_depth,ipc_request,csp_page,csp_policy,framed_body,sealed_call}

# The configuration files of an app, as rampart reads them (Rampart.toml first, then by name).
config_files() {
  local app=$1
  echo Rampart.toml
  (cd "$app" && ls permissions/*.toml capabilities/*.toml capabilities/*.json 2>/dev/null | sort)
}

# A value of `key = "value"` (TOML) or `"key": "value"` (JSON) in the files given, one a line.
values() {
  local key=$1
  shift
  grep -ho "\(\b$key = \|\"$key\": *\)\"[^\"]*\"" "$@" | sed 's/.*"\([^"]*\)"$/\1/' | sort -u
}

# A path or URL that a pattern matches, more or less: `**` and `*` become plain names.
instance() {
  sed 's#\*\*#a/b#g; s#\*#x#g; s#\[\([^]]\)[^]]*\]#\1#g'
}

plugins=(crates/rampart-core/plugins/*.toml)
# Permission, capability and plugin files: where scope patterns are written.
all_files=("${plugins[@]}")
for app in "${apps[@]}"; do
  name=$(basename "$app")
  # resolve: the whole app, `<name>\n<contents>` parts separated by NUL bytes.
  first=1
  while read -r file; do
    [ "$first" = 1 ] || printf '\0'
    first=0
    printf '%s\n' "$file"
    cat "$app/$file"
    [ "$file" = Rampart.toml ] || all_files+=("$app/$file")
    # config_files: each file on its own.
    cp "$app/$file" "$seeds/config_files/$name-$(echo "$file" | tr / -)"
  done < <(config_files "$app") > "$seeds/resolve/$name"
done
for plugin in "${plugins[@]}"; do
  cp "$plugin" "$seeds/config_files/plugin-$(basename "$plugin")"
done

# A manifest with every key of [security] and [[window]], written here.
cat > "$seeds/config_files/written-every-key.toml" <<'TOML'
[app]
identifier = "com.example.every"
commands = ["a"]

[security]
sandbox = false
[security.csp]
img-src = ["'self'", "https://img.example.com"]
script-src = "'self' 'unsafe-eval'"

[[window]]
label = "main"
url = "index.html"
navigation = ["https://docs.example.com", "https://*.example.org"]
new-windows = "browser"
external-links = "opener"
downloads = true
drag-drop = true
permissions = ["camera", "microphone", "clipboard-read", "fullscreen"]

[[window]]
label = "docs"
url = "https://docs.example.com:8443/start"
create = false
TOML

# Patterns, each with something to match it against.
i=0
while read -r pattern; do
  printf '%s\n%s' "$pattern" "$(echo "$pattern" | instance)" > "$seeds/path_pattern/$i"
  i=$((i + 1))
done < <(values path "${all_files[@]}")
i=0
while read -r pattern; do
  printf '%s\n%s' "$pattern" "$(echo "$pattern" | instance)" > "$seeds/url_pattern/$i"
  i=$((i + 1))
done < <(values url "${all_files[@]}"; printf '%s\n' 'https://*.example.com:8443/api/*?id=*' 'mailto:*')
i=0
while read -r origin; do
  printf '%s\n%s' "$origin" "$(echo "$origin" | instance)" > "$seeds/origin_pattern/$i"
  i=$((i + 1))
done < <(grep -ho 'https://[^"/]*' "${all_files[@]}" | sort -u; echo 'https://*.example.com')

# shell_program: name, program, one validator a line (L literal, R regex, P path), `--`, the
# arguments: the two programs of examples/acl-showcase.
printf 'count-lines\n/usr/bin/wc\nL-l\nP$APPDATA/notes/*.md\n--\n-l\n$APPDATA/notes/today.md' \
  > "$seeds/shell_program/count-lines"
printf 'git-status\n/usr/bin/git\nLstatus\nR--(short|long)\n--\nstatus\n--short' \
  > "$seeds/shell_program/git-status"

# user_dirs: what xdg-user-dirs writes.
cat > "$seeds/user_dirs/user-dirs.dirs" <<'EOF'
# This file is written by xdg-user-dirs-update
XDG_DESKTOP_DIR="$HOME/Desktop"
XDG_DOWNLOAD_DIR="$HOME/Downloads"
XDG_TEMPLATES_DIR="$HOME/Templates"
XDG_PUBLICSHARE_DIR="$HOME/Public"
XDG_DOCUMENTS_DIR="$HOME/Documents"
XDG_MUSIC_DIR="$HOME/Music"
XDG_PICTURES_DIR="/data/pictures"
XDG_VIDEOS_DIR="$HOME/"
EOF

# json_depth: a depth limit byte, then JSON: the JSON capability of examples/acl-showcase.
for limit in 1 2 32; do
  { printf "\\x$(printf %02x "$limit")"; cat examples/acl-showcase/capabilities/settings.json; } \
    > "$seeds/json_depth/settings-$limit"
done

# ipc_request: door, method, path or command, Origin, Content-Type, a declared local origin:
# calls the pages of tests/e2e/app make, through each door, from each kind of origin.
printf 'ipc\nPOST\n/read_note\napp://localhost\napplication/json' > "$seeds/ipc_request/app"
printf 'ipc\nPOST\n/secret\napp://localhost\napplication/octet-stream' > "$seeds/ipc_request/denied"
printf 'ipc\nPOST\n/plugin%%3Aevent%%7Clisten\nhttps://docs.example.com\napplication/json' \
  > "$seeds/ipc_request/remote-plugin"
printf 'ipc\nPOST\n/read_note\nhttp://localhost:5173\napplication/json\nhttp://localhost:5173' \
  > "$seeds/ipc_request/dev-server"
printf 'ipc\nGET\n/read_note\nnull' > "$seeds/ipc_request/get-null"
printf 'ipc\nPOST\n/..%%2Fsecret\napp://localhost.evil.com\ntext/plain' > "$seeds/ipc_request/tricks"
printf 'message\n\nsave_note\napp://localhost' > "$seeds/ipc_request/message"
printf 'message\n\nplugin:event|listen\nnull' > "$seeds/ipc_request/message-null"
printf 'message\n\nsave_note\napp://localhost\nsealed' > "$seeds/ipc_request/message-sealed"

# csp_page: the apps' pages, and pages with what the page reader looks for: inline code to
# hash (CR LF inside), external code to nonce, foreign code with and without integrity, inline
# handlers, `javascript:` URLs in disguise, style attributes, a placeholder already there.
for app in "${apps[@]}"; do
  for page in "$app"/dist/*.html; do
    [ -f "$page" ] && cp "$page" "$seeds/csp_page/$(basename "$app")-$(basename "$page")"
  done
done
printf '<!doctype html>\r\n<html><head><style>\r\nbody { margin: 0 }\r\n</style>\r\n<script>\r\nlet a = 1;\r\nconsole.log(a)\r\n</script></head>\r\n<body><p>crlf</p></body></html>\r\n' \
  > "$seeds/csp_page/inline-crlf.html"
cat > "$seeds/csp_page/external.html" <<'PAGE'
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<link rel="stylesheet" href="style.css">
<link rel="preload stylesheet" as="style" href="/css/more.css">
<link rel="icon" href="icon.png">
<script src="app.js" defer></script>
<script type="module" src="./main.mjs"></script>
<script src="https://cdn.example.com/lib.js" integrity="sha384-oqVuAfXRKap7fdgcCY5uykM6+R9GqQ8K/uxy9rx7HNQlGYl1kPzQho1wx4JwY8wC" crossorigin="anonymous"></script>
<script src="app://localhost/z.js"></script>
<script nonce="RAMPART_NONCE_PLACEHOL" src="already.js"></script>
</head>
<body><template><script src="later.js"></script></template></body>
</html>
PAGE
cat > "$seeds/csp_page/findings.html" <<'PAGE'
<!doctype html>
<html>
<head>
<script src="//cdn.example.com/x.js"></script>
<link rel=stylesheet href=https://cdn.example.com/x.css>
<script>document.title = "inline";</script>
<style>p { color: red }</style>
</head>
<body onload="init()">
<button onclick="go()" style="color: red">go</button>
<a href="javascript:go()">a</a>
<a href=" JaVa	ScRiPt:go()">b</a>
<a href="&#106;avascript:x">c</a>
<a href="&#x6A;ava&Tab;script&colon;x">d</a>
<form action="java&#x09;script:x"><input formaction="&#0000106avascript:x"></form>
<iframe src="&NewLine;javascript:x" srcdoc="<script>alert(1)</script>"></iframe>
<svg><script>alert(2)</script><a xlink:href="javascript:x"><text>s</text></a></svg>
<noscript><p style="display:none">x</p></noscript>
<a href="/javascript:x">fine</a>
</body>
</html>
PAGE
printf '<script>\x00</script><style>\xff\xfe</style><script src=a.js></scr' > "$seeds/csp_page/broken.html"

# csp_policy: `[security] csp` strings (and, starting with `[`, TOML written as is).
i=0
while IFS= read -r policy; do
  printf '%s' "$policy" > "$seeds/csp_policy/$i"
  i=$((i + 1))
done <<'POLICIES'
default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' asset: data:; connect-src 'self' ipc:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'
img-src 'self' https://img.example.com; font-src 'self' data:
script-src 'self' 'unsafe-eval' 'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='; style-src 'unsafe-inline'
connect-src 'self' ipc: ws://localhost:5173 http://localhost:5173; img-src http://img.example.com
IMG-SRC *; Img-Src https:; script-src data: blob:; worker-src blob:
img-scr 'self';; ;sandbox allow-scripts; upgrade-insecure-requests; report-uri /csp
script-src 'nonce-abc' 'strict-dynamic' https: 'report-sample'; require-trusted-types-for 'script'; trusted-types default
POLICIES
cat > "$seeds/csp_policy/table" <<'TOML'
[security.csp]
img-src = ["'self'", "https://img.example.com"]
font-src = "'self' data:"
script-src = ["'self'", "'unsafe-eval'"]
TOML
cat > "$seeds/csp_policy/inline-table" <<'TOML'
[security]
csp = { connect-src = ["'self'", "wss://api.example.com", "http://localhost:5173"], style-src = "'self' 'unsafe-inline'", img-scr = [] }
TOML

# framed_body: the bodies @rampart/api/fs sends (write_file, append_file, write), and broken ones.
frame() { # head, data
  printf "\\x$(printf %02x $(( ${#1} >> 24 & 255 )))\\x$(printf %02x $(( ${#1} >> 16 & 255 )))"
  printf "\\x$(printf %02x $(( ${#1} >> 8 & 255 )))\\x$(printf %02x $(( ${#1} & 255 )))"
  printf '%s%s' "$1" "$2"
}
frame '{"path":"$APPDATA/notes/a.md","options":{"append":false,"create":true}}' 'hello' \
  > "$seeds/framed_body/write_file"
frame '{"path":"$APPDATA/notes/a.md"}' '' > "$seeds/framed_body/append_empty"
frame '{"rid":"0123456789abcdef0123456789abcdef"}' 'chunk' > "$seeds/framed_body/write"
printf '\xff\xff\xff\xff{}' > "$seeds/framed_body/length_past_end"
printf '\x00\x00' > "$seeds/framed_body/short"

# sealed_call: plaintexts the isolation frame seals (JSON arguments, bytes, none) and broken ones.
frame '{"command":"greet","webview":"main","session":1,"counter":1,"time":1800000000000,"args":{"name":"ada"}}' '' > "$seeds/sealed_call/json"
frame '{"command":"greet","webview":"main","session":1,"counter":2,"time":1800000000000,"bytes":true}' 'raw bytes' > "$seeds/sealed_call/bytes"
frame '{"command":"greet","webview":"main","session":1,"counter":3,"time":1800000000000}' '' > "$seeds/sealed_call/empty"
frame '{"command":"greet","webview":"settings","session":1,"counter":4,"time":1800000000000,"args":{}}' '' > "$seeds/sealed_call/elsewhere"

for dir in "$seeds"/*/; do
  echo "$(ls "$dir" | wc -l) seeds in $dir"
done
