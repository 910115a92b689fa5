//! The shell plugin through the mock door: only the programs the scope names run, at their
//! fixed paths, with exactly the validated arguments, never through a shell, with a cleared
//! environment, a working directory only where the rule allows it, bounded output and time; a
//! spawned process streams through a channel and belongs to its webview and page.

use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rampart::Builder;
use rampart::mock::MockApp;
use rampart::plugins::shell;
use serde_json::{Value, json};

use crate::support;

/// A scratch folder of its own for the test `name`: `work/` (where `pwd` may run, with a link
/// out) and `outside/`.
fn folder(name: &str) -> PathBuf {
    let folder = std::env::temp_dir().join(format!("rampart-shell-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&folder);
    std::fs::create_dir_all(folder.join("work/repo")).expect("work");
    std::fs::create_dir_all(folder.join("outside")).expect("outside");
    let folder = std::fs::canonicalize(&folder).expect("canonical");
    symlink(folder.join("outside"), folder.join("work/out")).expect("symlink");
    folder
}

fn app(folder: &Path) -> MockApp {
    let work = folder.join("work").display().to_string();
    let main = format!(
        r#"identifier = "programs"
windows = ["main"]
permissions = ["channel:default", "shell:default", "shell:allow-spawn", {{ identifier = "shell:allow-execute", allow = [
  {{ name = "echo", cmd = "/usr/bin/echo", args = [{{ validator = "[a-z ]+" }}] }},
  {{ name = "echo-any", cmd = "/usr/bin/echo", args = [{{ validator = ".*" }}] }},
  {{ name = "env", cmd = "/usr/bin/env", env = ["PATH", "RAMPART_NOT_SET"] }},
  {{ name = "pwd", cmd = "/usr/bin/pwd", cwd = "{work}/**" }},
  {{ name = "sleep", cmd = "/usr/bin/sleep", args = ["5"] }},
  {{ name = "flood", cmd = "/usr/bin/head", args = ["-c", "3000000", "/dev/zero"] }},
  {{ name = "cat", cmd = "/usr/bin/cat" }},
], deny = [{{ name = "echo", cmd = "/usr/bin/echo", args = ["forbidden"] }}] }},
  {{ identifier = "shell:allow-spawn", allow = [{{ name = "cat", cmd = "/usr/bin/cat" }}] }},
]
"#
    );
    let settings = "identifier = \"other\"\nwindows = [\"settings\"]\npermissions = [\"channel:default\", \"shell:default\"]\n";
    let context = support::fixture_with(
        "shell",
        "",
        &[
            ("capabilities/programs.toml", &main),
            ("capabilities/other.toml", settings),
        ],
    );
    let builder = Builder::new().plugin(shell::plugin());
    MockApp::new(support::with_placeholders(builder, &[]), context)
        .unwrap_or_else(|e| panic!("{e}"))
}

fn call(
    app: &MockApp,
    webview: &str,
    command: &str,
    args: Value,
) -> Result<Value, (String, String)> {
    let response = app.invoke(webview, &format!("plugin:shell|{command}"), args);
    match response.error_code() {
        None => Ok(response.json()),
        Some(code) => Err((
            code,
            response.json()["message"]
                .as_str()
                .unwrap_or_default()
                .into(),
        )),
    }
}

fn execute(app: &MockApp, args: Value) -> Result<Value, (String, String)> {
    call(app, "main", "execute", args)
}

#[test]
fn only_named_programs_run_with_validated_arguments_never_through_a_shell() {
    let folder = folder("programs");
    let app = app(&folder);
    let ran = execute(&app, json!({ "program": "echo", "args": ["hello world"] })).expect("echo");
    assert_eq!(
        (ran["stdout"].clone(), ran["code"].clone()),
        (json!("hello world\n"), json!(0))
    );

    // Shell syntax is an argument like any other: nothing interprets it.
    let literal = execute(
        &app,
        json!({ "program": "echo-any", "args": ["$(id); rm -rf / `x` 'q' \"d\""] }),
    )
    .expect("echo-any");
    assert_eq!(literal["stdout"], "$(id); rm -rf / `x` 'q' \"d\"\n");

    for (program, args) in [
        ("echo", json!(["Hello"])),            // the regex refuses capitals
        ("echo", json!(["-n"])),               // a leading dash the regex refuses
        ("echo", json!(["a", "b"])),           // one argument too many
        ("echo", json!([])),                   // one too few
        ("echo", json!(["forbidden"])),        // a deny rule
        ("echo-any", json!(["two\nlines"])),   // `.` never matches a newline
        ("echo-any", json!(["nul\u{0}byte"])), // no program argument carries NUL
        ("sh", json!(["-c", "id"])),           // not in the scope
        ("/usr/bin/echo", json!(["hi"])),      // a path is not a name
        ("sleep", json!(["1"])),               // not the literal
    ] {
        let (code, message) =
            execute(&app, json!({ "program": program, "args": args })).expect_err(program);
        assert_eq!(code, "denied", "{program} {args}: {message}");
        // It names what the page sent, nothing of the scope.
        assert!(
            program.starts_with('/') || !message.contains("/usr/bin"),
            "{message}"
        );
    }
    // Another window's capability grants nothing here.
    let other = call(
        &app,
        "settings",
        "execute",
        json!({ "program": "echo", "args": ["hi"] }),
    );
    assert_eq!(other.map_err(|e| e.0), Err("denied".into()));
}

#[test]
fn the_environment_is_cleared_and_the_working_directory_is_the_rules() {
    let folder = folder("cwd");
    let app = app(&folder);
    let env = execute(&app, json!({ "program": "env" })).expect("env");
    let lines: Vec<&str> = env["stdout"].as_str().unwrap_or_default().lines().collect();
    assert!(lines.iter().all(|l| l.starts_with("PATH=")), "{lines:?}");

    let pwd = |cwd: Option<String>| {
        let mut args = json!({ "program": "pwd" });
        if let Some(cwd) = cwd {
            args["cwd"] = json!(cwd);
        }
        execute(&app, args)
    };
    assert_eq!(pwd(None).expect("pwd")["stdout"], "/\n");
    let repo = folder.join("work/repo").display().to_string();
    assert_eq!(
        pwd(Some(repo.clone())).expect("pwd")["stdout"],
        format!("{repo}\n")
    );
    for cwd in [
        folder.join("outside").display().to_string(),
        folder.join("work/out").display().to_string(),
        format!("{repo}/../../outside"),
        "/".to_string(),
    ] {
        let refused = pwd(Some(cwd.clone())).expect_err(&cwd);
        assert_eq!(refused.0, "denied", "{cwd}: {}", refused.1);
    }
    // A program without a `cwd` rule cannot be moved.
    let moved = execute(
        &app,
        json!({ "program": "echo", "args": ["hi"], "cwd": repo }),
    );
    assert_eq!(moved.map_err(|e| e.0), Err("denied".into()));
}

#[test]
fn output_time_and_input_are_bounded() {
    let folder = folder("bounds");
    let app = app(&folder);
    let started = Instant::now();
    let slow = execute(
        &app,
        json!({ "program": "sleep", "args": ["5"], "timeoutMs": 200 }),
    )
    .expect("sleep");
    assert_eq!(
        (slow["timedOut"].clone(), slow["signal"].clone()),
        (json!(true), json!(9))
    );
    assert!(started.elapsed() < Duration::from_secs(4));

    let flood = execute(
        &app,
        json!({ "program": "flood", "args": ["-c", "3000000", "/dev/zero"] }),
    )
    .expect("flood");
    assert_eq!(flood["stdoutTruncated"], true);
    assert_eq!(flood["code"], 0);
    assert_eq!(
        flood["stdout"].as_str().map(str::len),
        Some(shell::MAX_OUTPUT)
    );

    let echoed = execute(&app, json!({ "program": "cat", "stdin": "piped\ntext" })).expect("cat");
    assert_eq!(echoed["stdout"], "piped\ntext");
    let big = "x".repeat(1024 * 1024 + 1);
    let refused = execute(&app, json!({ "program": "cat", "stdin": big }));
    assert_eq!(refused.map_err(|e| e.0), Err("too_large".into()));
    for bad in [
        json!({ "args": [] }),
        json!({ "program": "cat", "shell": true }),
        json!({ "program": 1 }),
    ] {
        assert_eq!(
            execute(&app, bad.clone()).map_err(|e| e.0),
            Err("bad_request".into()),
            "{bad}"
        );
    }
}

fn open_channel(app: &MockApp, webview: &str) -> String {
    let opened = app.invoke(webview, "plugin:channel|open", json!({}));
    opened.json()["id"].as_str().unwrap_or_default().to_string()
}

/// Pulls until the channel closes: every event.
fn drain(app: &MockApp, id: &str) -> Vec<Value> {
    let mut values = Vec::new();
    loop {
        let batch = app
            .invoke("main", "plugin:channel|next", json!({ "id": id }))
            .json();
        values.extend(batch["values"].as_array().cloned().unwrap_or_default());
        if batch["closed"] != false {
            return values;
        }
    }
}

#[test]
fn a_spawned_process_streams_and_belongs_to_its_page() {
    let folder = folder("spawn");
    let app = app(&folder);
    let spawn = |channel: &str| {
        call(
            &app,
            "main",
            "spawn",
            json!({ "program": "cat", "onEvent": { "__rampartChannel": channel } }),
        )
    };
    let channel = open_channel(&app, "main");
    let pid = spawn(&channel).expect("spawned");
    let pid = pid.as_str().expect("an id").to_string();
    assert_eq!(pid.len(), 32);
    assert_eq!(
        call(
            &app,
            "main",
            "write",
            json!({ "pid": pid, "data": "héllo\n" })
        ),
        Ok(Value::Null)
    );
    // Another webview can neither write to nor kill it.
    for command in ["write", "kill"] {
        let mut args = json!({ "pid": pid });
        if command == "write" {
            args["data"] = json!("x");
        }
        assert_eq!(
            call(&app, "settings", command, args).map_err(|e| e.0),
            Err("not_found".into())
        );
    }
    // Its echo arrives before it is killed (a pull waits for values).
    let mut events = Vec::new();
    while events.is_empty() {
        let batch = app
            .invoke("main", "plugin:channel|next", json!({ "id": channel }))
            .json();
        events.extend(batch["values"].as_array().cloned().unwrap_or_default());
    }
    assert_eq!(
        call(&app, "main", "kill", json!({ "pid": pid })),
        Ok(Value::Null)
    );
    events.extend(drain(&app, &channel));
    assert_eq!(
        events.first(),
        Some(&json!({ "event": "stdout", "data": "héllo\n" })),
        "{events:?}"
    );
    assert_eq!(
        events.last().map(|e| e["event"].clone()),
        Some(json!("exit")),
        "{events:?}"
    );
    assert_eq!(events.last().map(|e| e["signal"].clone()), Some(json!(9)));

    // The page going away kills what it started.
    let channel = open_channel(&app, "main");
    let pid = spawn(&channel).expect("spawned");
    app.page_unload("main");
    let events = drain(&app, &channel);
    assert_eq!(
        events.last().map(|e| e["signal"].clone()),
        Some(json!(9)),
        "{events:?}"
    );
    assert_eq!(
        call(&app, "main", "kill", json!({ "pid": pid })).map_err(|e| e.0),
        Err("not_found".into())
    );

    // At most MAX_PROCESSES per webview.
    let mut channels = Vec::new();
    for _ in 0..shell::MAX_PROCESSES {
        let channel = open_channel(&app, "main");
        spawn(&channel).expect("spawned");
        channels.push(channel);
    }
    let over = spawn(&open_channel(&app, "main"));
    assert_eq!(over.map_err(|e| e.0), Err("busy".into()));
    app.page_unload("main");
    // Spawning needs its own grant: the shell scope of `execute` does not reach it.
    let echo = call(
        &app,
        "main",
        "spawn",
        json!({ "program": "echo", "args": ["hi"], "onEvent": { "__rampartChannel": open_channel(&app, "main") } }),
    );
    assert_eq!(echo.map_err(|e| e.0), Err("denied".into()));
}
