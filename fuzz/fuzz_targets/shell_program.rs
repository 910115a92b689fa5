//! Shell programs. Input lines: the name, the program path, then one validator per line
//! (`L` literal, `R` regex, `P` path pattern, followed by its text) up to a line `--`, then one
//! argument per line.

#![no_main]

use libfuzzer_sys::fuzz_target;
use rampart_core::scope::{BaseDir, BaseDirs, ShellArgSpec, ShellMismatch, ShellProgram};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut lines = text.split('\n');
    let name = lines.next().unwrap_or_default();
    let cmd = lines.next().unwrap_or_default();
    let mut specs = Vec::new();
    for line in lines.by_ref() {
        if line == "--" {
            break;
        }
        let (kind, rest) = line.split_at(line.char_indices().nth(1).map_or(line.len(), |(i, _)| i));
        specs.push(match kind {
            "L" => ShellArgSpec::Literal(rest),
            "R" => ShellArgSpec::Regex(rest),
            _ => ShellArgSpec::Path(rest),
        });
    }
    let args: Vec<&str> = lines.collect();
    let dirs = BaseDirs::default().with(BaseDir::Home, "/home/u");
    let Ok(program) = ShellProgram::new(name, cmd, &specs, &dirs) else {
        return;
    };
    assert!(program.cmd().is_absolute());
    match program.check_args(&args, &dirs) {
        Err(ShellMismatch::WrongCount { expected, given }) => {
            assert_eq!((expected, given), (specs.len(), args.len()));
            assert_ne!(expected, given);
        }
        Ok(()) => assert_eq!(specs.len(), args.len()),
        Err(ShellMismatch::Argument { index, .. }) => assert!(index < args.len()),
    }
});
