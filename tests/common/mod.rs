//! The CLI test builder: runs the real `prescreen` binary and checks status, stdout and
//! stderr together, printing all three when an expectation fails.
#![allow(dead_code)] // each test file uses a different part of it

pub mod bookings;
pub mod page;
pub mod pty;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The screening date every CLI test uses unless it says otherwise.
pub const DAY: &str = "2026-11-23";

/// The screening questions of the built-in rule file, in order.
pub const SCREENING_QUESTIONS: [&str; 7] = [
    "pregnant",
    "eczema",
    "psoriasis",
    "other_skin_disease",
    "open_wounds",
    "scarring_history",
    "radiation_therapy",
];

pub struct Test {
    command: Command,
    stdin: Vec<u8>,
}

/// `prescreen ARGS`, with a clean environment: no colour settings, no locale (so the
/// rule file's first language), UTC, no terminal.
pub fn prescreen<I, S>(args: I) -> Test
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    Test {
        command: command(args),
        stdin: Vec::new(),
    }
}

/// The `prescreen ARGS` command itself, in the same clean environment, for tests that
/// need the child (to kill it, or to run many at once).
pub fn command<I, S>(args: I) -> Command
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let mut command = Command::new(env!("CARGO_BIN_EXE_prescreen"));
    command
        .args(args)
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .env("TZ", "UTC")
        .env("TERM", "xterm");
    command
}

/// Starts `prescreen ARGS` with `stdin` written to it and its output discarded, for a
/// test that kills it or waits for it.
pub fn spawn<I, S>(args: I, stdin: &[u8]) -> std::process::Child
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let mut child = command(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the prescreen binary starts");
    let mut input = child.stdin.take().expect("stdin is piped");
    // It may stop reading early; that is not the test's failure.
    let _ = input.write_all(stdin);
    child
}

/// Whether a test that needs root (mounting a small file system, owning files as
/// another user) can run. CI runs as root, so there (CI=true) a missing root fails the
/// test instead of skipping it; elsewhere the skip is said on stderr, never silent.
#[track_caller]
pub fn needs_root(test: &str) -> bool {
    if rustix::process::geteuid().is_root() {
        return true;
    }
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "{test} needs root, and CI runs as root: run the tests as root"
    );
    eprintln!("SKIPPED {test}: needs root (CI runs it as root)");
    false
}

impl Test {
    pub fn stdin(mut self, input: impl Into<Vec<u8>>) -> Test {
        self.stdin = input.into();
        self
    }

    pub fn arg(mut self, arg: impl AsRef<std::ffi::OsStr>) -> Test {
        self.command.arg(arg);
        self
    }

    pub fn args<I, S>(mut self, args: I) -> Test
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        self.command.args(args);
        self
    }

    pub fn env(mut self, key: &str, value: &str) -> Test {
        self.command.env(key, value);
        self
    }

    pub fn current_dir(mut self, dir: &Path) -> Test {
        self.command.current_dir(dir);
        self
    }

    pub fn run(mut self) -> Outcome {
        let mut child = self
            .command
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the prescreen binary starts");
        let mut stdin = child.stdin.take().expect("stdin is piped");
        let input = std::mem::take(&mut self.stdin);
        let writer = std::thread::spawn(move || {
            // The program may stop reading early (bad input); that is not the test's failure.
            let _ = stdin.write_all(&input);
        });
        let output = child.wait_with_output().expect("prescreen runs to the end");
        let _ = writer.join();
        Outcome {
            status: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
        }
    }
}

#[derive(Debug)]
pub struct Outcome {
    pub status: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Outcome {
    fn context(&self) -> String {
        format!(
            "status: {}\n--- stdout ---\n{}\n--- stderr ---\n{}",
            self.status, self.stdout, self.stderr
        )
    }

    #[track_caller]
    pub fn status(self, code: i32) -> Outcome {
        assert_eq!(
            self.status,
            code,
            "unexpected exit status\n{}",
            self.context()
        );
        self
    }

    #[track_caller]
    pub fn stdout(self, exact: &str) -> Outcome {
        assert_eq!(self.stdout, exact, "unexpected stdout\n{}", self.context());
        self
    }

    #[track_caller]
    pub fn stdout_has(self, part: &str) -> Outcome {
        assert!(
            self.stdout.contains(part),
            "stdout lacks {part:?}\n{}",
            self.context()
        );
        self
    }

    #[track_caller]
    pub fn stdout_lacks(self, part: &str) -> Outcome {
        assert!(
            !self.stdout.contains(part),
            "stdout has {part:?}\n{}",
            self.context()
        );
        self
    }

    #[track_caller]
    pub fn stderr(self, exact: &str) -> Outcome {
        assert_eq!(self.stderr, exact, "unexpected stderr\n{}", self.context());
        self
    }

    #[track_caller]
    pub fn stderr_has(self, part: &str) -> Outcome {
        assert!(
            self.stderr.contains(part),
            "stderr lacks {part:?}\n{}",
            self.context()
        );
        self
    }

    #[track_caller]
    pub fn stderr_lacks(self, part: &str) -> Outcome {
        assert!(
            !self.stderr.contains(part),
            "stderr has {part:?}\n{}",
            self.context()
        );
        self
    }

    #[track_caller]
    pub fn stderr_empty(self) -> Outcome {
        assert!(
            self.stderr.is_empty(),
            "stderr is not empty\n{}",
            self.context()
        );
        self
    }

    /// stdout parsed as one JSON document.
    #[track_caller]
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e})\n{}", self.context()))
    }
}

/// The repository root (for `rules/` and its examples).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every screening answer "no", tailoring answered, with `overrides` on top.
pub fn candidate(overrides: serde_json::Value) -> serde_json::Value {
    let mut doc = serde_json::json!({
        "pregnant": false, "eczema": false, "psoriasis": false, "other_skin_disease": false,
        "open_wounds": false, "scarring_history": false, "radiation_therapy": false,
        "procedure_time": "2026-11-23T14:00:00+01:00", "treatment_area": "face",
        "wears_makeup": false, "outdoors_next_24h": false, "uses_alcohol_based_products": false
    });
    if let (Some(base), Some(extra)) = (doc.as_object_mut(), overrides.as_object()) {
        for (k, v) in extra {
            if v.as_str() == Some("<remove>") {
                base.remove(k);
            } else {
                base.insert(k.clone(), v.clone());
            }
        }
    }
    doc
}

/// A file in a fresh temporary directory that lives as long as the returned guard.
pub fn temp_file(name: &str, contents: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join(name);
    std::fs::write(&path, contents).expect("the temporary file is written");
    (dir, path)
}

/// The SHA-256 of `bytes`, computed independently of the binary with `sha256sum`.
pub fn sha256sum(bytes: &[u8]) -> String {
    let (_dir, path) = temp_file("data", bytes);
    let out = Command::new("sha256sum")
        .arg(&path)
        .output()
        .expect("sha256sum runs");
    String::from_utf8(out.stdout)
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .to_string()
}

/// The `key` field of every object in a JSON array, as strings (e.g. the ids of
/// `doc["aftercare"]`, the rules of `doc["reasons"]`).
pub fn pluck(array: &serde_json::Value, key: &str) -> Vec<String> {
    array
        .as_array()
        .unwrap_or_else(|| panic!("not an array: {array}"))
        .iter()
        .map(|item| {
            item[key]
                .as_str()
                .unwrap_or_else(|| panic!("no string `{key}` in {item}"))
                .to_string()
        })
        .collect()
}

/// The outputs with a schema, `rules/<name>.schema.json` (`rules schema --output NAME`).
pub const OUTPUT_SCHEMAS: [&str; 7] = [
    "result",
    "aftercare",
    "record",
    "batch-line",
    "batch-summary",
    "error",
    "records",
];

/// Real outputs of every kind that has a schema, from the binary: (schema name, what it
/// is, the document). The schema tests validate each against `rules/<name>.schema.json`.
pub fn sample_outputs() -> Vec<(&'static str, String, serde_json::Value)> {
    use serde_json::json;
    let mut out = Vec::new();
    let dir = tempfile::tempdir().expect("a temporary directory");
    let record = dir.path().join("record.jsonl");
    let summary = dir.path().join("summary.json");
    let record_arg = record.to_str().expect("a UTF-8 path");
    let big_id = candidate(json!({})).to_string().replacen(
        '{',
        "{\"id\": 123456789012345678901234567890, ",
        1,
    );
    let screens: [(&[&str], String); 7] = [
        (&[], candidate(json!({"id": "c-1"})).to_string()),
        (
            &["--reference", "Ann \"A\" Lee", "--staff", "JD"],
            candidate(json!({"pregnant": true})).to_string(),
        ),
        (
            &["--explain"],
            candidate(json!({"pregnant": null})).to_string(),
        ),
        (
            &[],
            candidate(json!({"procedure_time": "<remove>"})).to_string(),
        ),
        (
            &[],
            candidate(json!({"eczema": true, "id": null})).to_string(),
        ),
        (
            &[],
            candidate(json!({"radiation_therapy": true, "radiation_end_date": "2026-06-01"}))
                .to_string(),
        ),
        (&[], big_id.clone()),
    ];
    for (extra, input) in screens {
        let run = prescreen([
            "screen", "--date", DAY, "--format", "json", "--record", record_arg,
        ])
        .args(extra)
        .stdin(input)
        .run();
        out.push(("result", format!("screen {extra:?}"), run.json()));
    }
    let aftercare: [(&[&str], serde_json::Value, &str); 3] = [
        (&[], candidate(json!({})), "aftercare"),
        (
            &["--go-ahead-by", "AB", "--reference", "B-1042"],
            candidate(json!({"pregnant": null})),
            "aftercare",
        ),
        (&[], candidate(json!({"pregnant": true})), "result"),
    ];
    for (extra, input, schema) in aftercare {
        let run = prescreen([
            "aftercare",
            "--date",
            DAY,
            "--format",
            "json",
            "--record",
            record_arg,
        ])
        .args(extra)
        .stdin(input.to_string())
        .run();
        out.push((schema, format!("aftercare {extra:?}"), run.json()));
    }
    let lines = std::fs::read_to_string(&record).expect("the record file");
    for (i, line) in lines.lines().enumerate() {
        let doc = serde_json::from_str(line).expect("a record line is JSON");
        out.push(("record", format!("record line {}", i + 1), doc));
    }
    for extra in [&[][..], &["--due=2027-12-31"][..]] {
        let run = prescreen(["records", "--format", "json", record_arg])
            .args(extra)
            .run();
        out.push(("records", format!("records {extra:?}"), run.json()));
    }
    let batch_input = [
        candidate(json!({"id": 1})).to_string(),
        r#"{"id": "x", "pregant": true, "eczma": false, "HIV positive": 1}"#.to_string(),
        candidate(json!({"pregnant": true})).to_string(),
        "[1, 2]".to_string(),
        "{\"pregnant\": tru".to_string(),
        big_id,
    ]
    .join("\n");
    for extra in [&[][..], &["--aftercare"][..]] {
        let run = prescreen(["batch", "--date", DAY, "--summary-file"])
            .arg(&summary)
            .args(extra)
            .stdin(batch_input.clone())
            .run();
        for (i, line) in run.stdout.lines().enumerate() {
            let doc = serde_json::from_str(line).expect("a batch line is JSON");
            out.push(("batch-line", format!("batch {extra:?} line {}", i + 1), doc));
        }
        let doc = serde_json::from_slice(&std::fs::read(&summary).expect("the summary"))
            .expect("the summary is JSON");
        out.push(("batch-summary", format!("summary {extra:?}"), doc));
    }
    let bad_rules = root().join("tests/lint/unknown-question.json");
    let errors: [(Vec<&str>, &str); 4] = [
        (
            vec!["screen", "--format", "json"],
            r#"{"pregant": true, "eczma": 1}"#,
        ),
        (vec!["screen", "--format", "json"], "[]"),
        (
            vec![
                "--rules",
                bad_rules.to_str().expect("UTF-8"),
                "screen",
                "--format",
                "json",
            ],
            "{}",
        ),
        (
            vec![
                "aftercare",
                "--format",
                "json",
                "--answers",
                "/nonexistent/a.json",
            ],
            "",
        ),
    ];
    for (args, input) in errors {
        let run = prescreen(&args).stdin(input).run();
        out.push(("error", format!("{args:?}"), run.json()));
    }
    out
}

/// A fake print command in `dir`: it records its arguments, copies its last one (the
/// sheet) to `dir/got.html` with that file's mode in `dir/mode`, then exits with `status`.
pub fn fake_printer(dir: &Path, status: i32) -> PathBuf {
    let script = dir.join("fake-print");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nprintf '%s\\n' \"$@\" > \"{d}/args\"\nfor last; do :; done\n\
             cp \"$last\" \"{d}/got.html\"\nstat -c %a \"$last\" > \"{d}/mode\"\n\
             stat -c %a \"$(dirname \"$last\")\" > \"{d}/dir-mode\"\nexit {status}\n",
            d = dir.display()
        ),
    )
    .unwrap();
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o700)).unwrap();
    }
    script
}
