//! Shell scope: named programs at fixed paths, with one validator per argument.
//!
//! Nothing here is ever interpreted by a shell: the runtime executes `cmd` directly with the
//! checked arguments, so quoting, globbing and variables do not exist. A program is never looked
//! up through `PATH`. A call must give exactly as many arguments as the program has validators,
//! and each argument must satisfy its validator as a whole.

use std::path::{Path, PathBuf};

use regex::Regex;

use super::components::{Malformed, join_absolute, split_absolute};
use super::{BaseDirs, CheckedPath, PathPattern, PatternError, shown};

/// One argument validator as the app author wrote it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShellArgSpec<'a> {
    /// The argument must be exactly this text.
    Literal(&'a str),
    /// The whole argument must match this regular expression (it is anchored at both ends).
    Regex(&'a str),
    /// The argument must be an absolute path, already in normal form, that this path pattern
    /// matches.
    Path(&'a str),
}

/// A program that the shell scope allows, with its argument validators.
#[derive(Clone, Debug)]
pub struct ShellProgram {
    name: String,
    cmd: PathBuf,
    args: Vec<Validator>,
    env: Vec<String>,
    cwd: Option<PathPattern>,
}

/// The longest environment variable name a program may be given.
const MAX_ENV_NAME_LEN: usize = 128;

#[derive(Clone, Debug)]
enum Validator {
    Literal(String),
    Regex(Regex),
    Path(PathPattern),
}

/// Why a call does not fit a [`ShellProgram`]. The messages never repeat the arguments or the
/// configuration.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ShellMismatch {
    /// The call gives more or fewer arguments than the program has validators.
    #[error("the program takes exactly {expected} argument(s) but {given} were given")]
    WrongCount {
        /// How many arguments the program takes.
        expected: usize,
        /// How many the call gave.
        given: usize,
    },
    /// One argument is refused by its validator.
    #[error("argument {index} (counting from 0) is refused: {reason}")]
    Argument {
        /// The position of the argument, from 0 (the program itself is not counted).
        index: usize,
        /// What is wrong with it.
        reason: ArgRejection,
    },
}

/// Why one argument is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ArgRejection {
    /// It contains a NUL character, which no program argument can carry.
    #[error("it contains a NUL character")]
    Nul,
    /// It is not the literal text the validator requires.
    #[error("it is not the text the scope requires")]
    NotLiteral,
    /// The regular expression does not match the whole argument.
    #[error("it does not match the scope's regular expression as a whole")]
    RegexMismatch,
    /// It is not an absolute path (arguments are never expanded: `$HOME/x` is not absolute).
    #[error("it is not an absolute path")]
    NotAbsolute,
    /// It is an absolute path but not in normal form (`.`, `..`, `//` or a trailing `/`): the
    /// program would resolve `..` through symlinks, not lexically, so it is never normalised.
    #[error("it is not a path in normal form (no `.`, `..`, `//` or trailing `/`)")]
    NotNormal,
    /// It is a path in normal form that the validator's path pattern does not match.
    #[error("the path is outside the scope")]
    OutOfScope,
}

impl ShellProgram {
    /// Builds a program from its configuration: a name (`[A-Za-z0-9_-]`, 1 to 64 characters), an
    /// absolute path in normal form (a leading base-directory variable is expanded), and one
    /// validator per argument.
    ///
    /// A regex validator is compiled as `\A(?:...)\z`, so that it must match the whole argument;
    /// it must also compile on its own, so that it cannot close the group and escape the anchors.
    pub fn new(
        name: &str,
        cmd: &str,
        args: &[ShellArgSpec<'_>],
        dirs: &BaseDirs,
    ) -> Result<ShellProgram, PatternError> {
        check_name(name)?;
        let cmd = parse_cmd(name, cmd, dirs)?;
        let args = args
            .iter()
            .enumerate()
            .map(|(index, spec)| {
                parse_validator(spec, dirs).map_err(|e| PatternError {
                    message: format!("argument {index} of program `{name}`: {}", e.message),
                    help: e.help,
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(ShellProgram {
            name: name.to_owned(),
            cmd,
            args,
            env: Vec::new(),
            cwd: None,
        })
    }

    /// The program, receiving these variables of the app's environment (and no other): each a
    /// name of letters, digits and `_`, not starting with a digit.
    pub fn with_env<S: AsRef<str>>(mut self, names: &[S]) -> Result<ShellProgram, PatternError> {
        for name in names {
            let name = name.as_ref();
            let valid = !name.is_empty()
                && name.len() <= MAX_ENV_NAME_LEN
                && !name.starts_with(|c: char| c.is_ascii_digit())
                && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
            if !valid {
                return Err(PatternError::new(format!(
                    "program `{}`: `{}` is not an environment variable name",
                    self.name,
                    shown(name)
                ))
                .help("write names such as `LANG` or `GIT_DIR`: letters, digits and `_`"));
            }
            if !self.env.iter().any(|known| known == name) {
                self.env.push(name.to_owned());
            }
        }
        Ok(self)
    }

    /// The program, which may run in a working directory `pattern` matches.
    pub fn with_cwd(mut self, pattern: PathPattern) -> ShellProgram {
        self.cwd = Some(pattern);
        self
    }

    /// The variables of the app's environment the program receives.
    pub fn env(&self) -> &[String] {
        &self.env
    }

    /// Whether the program may run in `dir` (a normalised absolute path); never without a
    /// `cwd` rule.
    pub fn allows_cwd(&self, dir: &CheckedPath) -> bool {
        self.cwd
            .as_ref()
            .is_some_and(|pattern| pattern.matches(dir))
    }

    /// The program's name, by which commands refer to it.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The absolute path of the program.
    pub fn cmd(&self) -> &Path {
        &self.cmd
    }

    /// Checks a call's arguments: exactly one per validator, each satisfying its validator.
    ///
    /// Arguments are never expanded or normalised: a path argument must already be absolute and
    /// in normal form. `dirs` is only used to read path arguments.
    pub fn check_args<S: AsRef<str>>(
        &self,
        args: &[S],
        dirs: &BaseDirs,
    ) -> Result<(), ShellMismatch> {
        if args.len() != self.args.len() {
            return Err(ShellMismatch::WrongCount {
                expected: self.args.len(),
                given: args.len(),
            });
        }
        for (index, (arg, validator)) in args.iter().zip(&self.args).enumerate() {
            check_arg(arg.as_ref(), validator, dirs)
                .map_err(|reason| ShellMismatch::Argument { index, reason })?;
        }
        Ok(())
    }
}

fn check_arg(arg: &str, validator: &Validator, dirs: &BaseDirs) -> Result<(), ArgRejection> {
    if arg.contains('\0') {
        return Err(ArgRejection::Nul);
    }
    match validator {
        Validator::Literal(literal) if arg == literal => Ok(()),
        Validator::Literal(_) => Err(ArgRejection::NotLiteral),
        Validator::Regex(regex) if regex.is_match(arg) => Ok(()),
        Validator::Regex(_) => Err(ArgRejection::RegexMismatch),
        Validator::Path(pattern) => {
            if !arg.starts_with('/') {
                return Err(ArgRejection::NotAbsolute);
            }
            let checked = CheckedPath::new(arg, dirs).map_err(|_| ArgRejection::NotNormal)?;
            if checked.as_str() != arg {
                return Err(ArgRejection::NotNormal);
            }
            if pattern.matches(&checked) {
                Ok(())
            } else {
                Err(ArgRejection::OutOfScope)
            }
        }
    }
}

fn check_name(name: &str) -> Result<(), PatternError> {
    let valid = (1..=64).contains(&name.len())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if valid {
        Ok(())
    } else {
        Err(
            PatternError::new(format!("`{}` is not a valid program name", shown(name))).help(
                "a program name is 1 to 64 characters among `A-Z`, `a-z`, `0-9`, `_` and `-`",
            ),
        )
    }
}

/// The program's path: absolute after expansion and already in normal form.
fn parse_cmd(name: &str, cmd: &str, dirs: &BaseDirs) -> Result<PathBuf, PatternError> {
    let error =
        |what: &str| PatternError::new(format!("program `{name}`: `{}` {what}", shown(cmd)));
    if cmd.contains('\0') {
        return Err(error("contains a NUL character"));
    }
    let expanded = dirs.expand(cmd)?;
    let parts = split_absolute(&expanded).map_err(|problem| {
        let help = match problem {
            Malformed::NotAbsolute => Some(
                "programs are never looked up through PATH: write the full path, such as \
                 `/usr/bin/git` or `$RESOURCE/bin/tool`",
            ),
            _ => problem.help(),
        };
        PatternError {
            help: help.map(str::to_owned),
            ..error(problem.describe())
        }
    })?;
    if parts.is_empty() {
        return Err(error("is not a program"));
    }
    if parts.iter().any(|c| *c == "." || *c == "..") || join_absolute(parts) != expanded {
        return Err(error("is not in normal form").help(
            "write the path without `.`, `..` or a trailing `/`: it is resolved once, as written",
        ));
    }
    Ok(PathBuf::from(expanded))
}

fn parse_validator(spec: &ShellArgSpec<'_>, dirs: &BaseDirs) -> Result<Validator, PatternError> {
    match *spec {
        ShellArgSpec::Literal(text) if text.contains('\0') => Err(PatternError::new(
            "the literal contains a NUL character, which no argument can carry",
        )),
        ShellArgSpec::Literal(text) => Ok(Validator::Literal(text.to_owned())),
        ShellArgSpec::Regex(source) => compile_anchored(source).map(Validator::Regex),
        ShellArgSpec::Path(pattern) => PathPattern::parse(pattern, dirs).map(Validator::Path),
    }
}

/// Compiles `source` so that it must match a whole argument.
fn compile_anchored(source: &str) -> Result<Regex, PatternError> {
    Regex::new(source).map_err(|e| {
        PatternError::new(format!(
            "invalid regular expression `{}`: {e}",
            shown(source)
        ))
        .help("the syntax is that of the Rust `regex` crate")
    })?;
    Regex::new(&format!(r"\A(?:{source})\z")).map_err(|_| {
        PatternError::new(format!(
            "regular expression `{}` cannot be anchored to the whole argument",
            shown(source)
        ))
        .help("it must not end inside a comment (`#` with the `x` flag)")
    })
}

#[cfg(test)]
mod tests {
    use super::super::BaseDir;
    use super::*;

    fn dirs() -> BaseDirs {
        BaseDirs::default()
            .with(BaseDir::Home, "/home/u")
            .with(BaseDir::Resource, "/opt/app")
    }

    fn program(args: &[ShellArgSpec<'_>]) -> ShellProgram {
        ShellProgram::new("tool", "/usr/bin/tool", args, &dirs())
            .unwrap_or_else(|e| panic!("{e:?}"))
    }

    fn check(program: &ShellProgram, args: &[&str]) -> Result<(), ShellMismatch> {
        program.check_args(args, &dirs())
    }

    fn rejected(program: &ShellProgram, args: &[&str], index: usize, reason: ArgRejection) {
        assert_eq!(
            check(program, args),
            Err(ShellMismatch::Argument { index, reason }),
            "{args:?}"
        );
    }

    #[test]
    fn environment_names_are_checked_and_the_working_directory_needs_a_rule() {
        let p = program(&[])
            .with_env(&["LANG", "GIT_DIR", "LANG"])
            .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(p.env(), ["LANG", "GIT_DIR"]);
        for bad in ["", "1X", "A-B", "A=B", "PATH\0", "É"] {
            assert!(program(&[]).with_env(&[bad]).is_err(), "{bad:?}");
        }
        assert!(program(&[]).with_env(&["X".repeat(129)]).is_err());

        let dir = |text: &str| CheckedPath::new(text, &dirs()).unwrap_or_else(|e| panic!("{e:?}"));
        assert!(!p.allows_cwd(&dir("/home/u/repo")));
        let pattern =
            PathPattern::parse("$HOME/repos/*", &dirs()).unwrap_or_else(|e| panic!("{e:?}"));
        let p = p.with_cwd(pattern);
        assert!(p.allows_cwd(&dir("/home/u/repos/app")));
        assert!(!p.allows_cwd(&dir("/home/u/repos/app/../../.ssh")));
        assert!(!p.allows_cwd(&dir("/home/u")));
    }

    #[test]
    fn regexes_must_match_the_whole_argument() {
        let p = program(&[ShellArgSpec::Regex("[a-z]+")]);
        assert_eq!(check(&p, &["abc"]), Ok(()));
        for attack in [
            "abc;rm -rf /",
            "rm -rf /;abc",
            "abc\n",
            "\nabc",
            "abc\nrm",
            "ABC",
            "",
        ] {
            rejected(&p, &[attack], 0, ArgRejection::RegexMismatch);
        }
    }

    #[test]
    fn alternations_stay_anchored() {
        let p = program(&[ShellArgSpec::Regex("a|ab")]);
        assert_eq!(check(&p, &["ab"]), Ok(()));
        assert_eq!(check(&p, &["a"]), Ok(()));
        rejected(&p, &["abc"], 0, ArgRejection::RegexMismatch);
        rejected(&p, &["xab"], 0, ArgRejection::RegexMismatch);
    }

    #[test]
    fn multi_line_flag_cannot_unanchor() {
        let p = program(&[ShellArgSpec::Regex("(?m)^[a-z]+$")]);
        assert_eq!(check(&p, &["abc"]), Ok(()));
        rejected(&p, &["abc\nrm -rf /"], 0, ArgRejection::RegexMismatch);
        rejected(&p, &["rm -rf /\nabc"], 0, ArgRejection::RegexMismatch);
    }

    #[test]
    fn regexes_cannot_escape_the_anchoring_group() {
        for source in ["[a-z]+)|(.*", ".*)|(", "a)(b", "(?x)[a-z]+#"] {
            let result = ShellProgram::new(
                "tool",
                "/usr/bin/tool",
                &[ShellArgSpec::Regex(source)],
                &dirs(),
            );
            assert!(result.is_err(), "{source}");
        }
        let e = ShellProgram::new("t", "/bin/t", &[ShellArgSpec::Regex("[a-z")], &dirs())
            .expect_err("invalid");
        assert!(
            e.message.contains("argument 0 of program `t`"),
            "{}",
            e.message
        );
        assert!(
            e.message.contains("unclosed character class"),
            "{}",
            e.message
        );
    }

    #[test]
    fn exactly_one_argument_per_validator() {
        let p = program(&[
            ShellArgSpec::Literal("status"),
            ShellArgSpec::Regex("[0-9]+"),
        ]);
        assert_eq!(check(&p, &["status", "12"]), Ok(()));
        assert_eq!(
            check(&p, &["status", "12", "--exec=sh"]),
            Err(ShellMismatch::WrongCount {
                expected: 2,
                given: 3
            })
        );
        assert_eq!(
            check(&p, &["status"]),
            Err(ShellMismatch::WrongCount {
                expected: 2,
                given: 1
            })
        );
        assert!(check(&p, &[]).is_err());
        let none = program(&[]);
        assert_eq!(check(&none, &[]), Ok(()));
        assert!(check(&none, &[""]).is_err());
    }

    #[test]
    fn literals_are_exact() {
        let p = program(&[ShellArgSpec::Literal("--version")]);
        assert_eq!(check(&p, &["--version"]), Ok(()));
        for attack in ["--version ", "--VERSION", "--version;id", "--versio", ""] {
            rejected(&p, &[attack], 0, ArgRejection::NotLiteral);
        }
        rejected(&p, &["--version\0"], 0, ArgRejection::Nul);
    }

    #[test]
    fn path_arguments_must_be_normal_and_in_scope() {
        let p = program(&[ShellArgSpec::Path("$HOME/docs/**")]);
        assert_eq!(check(&p, &["/home/u/docs/a.txt"]), Ok(()));
        rejected(
            &p,
            &["/home/u/docs/../.ssh/id_rsa"],
            0,
            ArgRejection::NotNormal,
        );
        rejected(&p, &["/home/u/docs/x/.."], 0, ArgRejection::NotNormal);
        rejected(&p, &["/home/u/docs/./a.txt"], 0, ArgRejection::NotNormal);
        rejected(&p, &["/home/u/docs//a.txt"], 0, ArgRejection::NotNormal);
        rejected(&p, &["/home/u/docs/a/"], 0, ArgRejection::NotNormal);
        rejected(
            &p,
            &["/home/u/docs/../../../etc/passwd"],
            0,
            ArgRejection::NotNormal,
        );
        rejected(&p, &["/../home/u/docs/a"], 0, ArgRejection::NotNormal);
        rejected(&p, &["$HOME/docs/a.txt"], 0, ArgRejection::NotAbsolute);
        rejected(&p, &["docs/a.txt"], 0, ArgRejection::NotAbsolute);
        rejected(&p, &["-rf"], 0, ArgRejection::NotAbsolute);
        rejected(&p, &["/home/u/other"], 0, ArgRejection::OutOfScope);
        rejected(&p, &["/home/u/docs/.hidden"], 0, ArgRejection::OutOfScope);
        rejected(&p, &["/home/u/docs/a\0"], 0, ArgRejection::Nul);
    }

    #[test]
    fn programs_have_fixed_absolute_paths() {
        for cmd in [
            "git",
            "./git",
            "bin/git",
            "",
            "/",
            "/usr/bin/../bin/git",
            "/usr/./bin/git",
            "/usr//bin/git",
            "/usr/bin/git/",
            "/usr/bin/git\0",
            "$NOPE/git",
            "$RUNTIME/git",
            "~/bin/git",
        ] {
            assert!(
                ShellProgram::new("git", cmd, &[], &dirs()).is_err(),
                "{cmd:?}"
            );
        }
        let e = ShellProgram::new("git", "git", &[], &dirs()).expect_err("bare");
        assert!(e.help.unwrap_or_default().contains("PATH"));
        let p = ShellProgram::new("tool", "$RESOURCE/bin/tool", &[], &dirs()).expect("expands");
        assert_eq!(p.cmd(), Path::new("/opt/app/bin/tool"));
        assert_eq!(p.name(), "tool");
    }

    #[test]
    fn names_are_validated() {
        for name in ["", "a b", "a/b", "a.b", "é", "a;b", &"x".repeat(65)] {
            assert!(
                ShellProgram::new(name, "/bin/true", &[], &dirs()).is_err(),
                "{name}"
            );
        }
        for name in ["git", "my-tool_2", "A", &"x".repeat(64)] {
            assert!(
                ShellProgram::new(name, "/bin/true", &[], &dirs()).is_ok(),
                "{name}"
            );
        }
    }

    #[test]
    fn invalid_validators_are_errors() {
        for spec in [
            ShellArgSpec::Literal("a\0"),
            ShellArgSpec::Path("relative/**"),
            ShellArgSpec::Path("$HOME/../**"),
            ShellArgSpec::Regex("("),
        ] {
            assert!(
                ShellProgram::new("t", "/bin/t", &[spec], &dirs()).is_err(),
                "{spec:?}"
            );
        }
    }

    #[test]
    fn mismatch_messages_do_not_echo_arguments() {
        let p = program(&[ShellArgSpec::Literal("secret-literal")]);
        let e = check(&p, &["attacker-text"]).expect_err("refused");
        let text = e.to_string();
        assert!(
            !text.contains("secret-literal") && !text.contains("attacker-text"),
            "{text}"
        );
    }
}
