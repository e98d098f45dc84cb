//! Output files (`--out`, `--ics`, `batch --output`): private, whole or not at all, no
//! stray files even after `kill -9`, and never in place of what they must not replace.

mod common;

use std::fs;
use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{DAY, candidate, command, prescreen, spawn};

/// The names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
}

fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

const A_RECORD: &str = "{\"schema_version\":1,\"recorded_at\":\"2026-11-23T10:00:00+00:00\"}\n";

/// `screen` with `args`: refused with status `status` and `says` on one line of stderr,
/// nothing on stdout.
#[track_caller]
fn refused(args: &[&std::ffi::OsStr], status: i32, says: &str) {
    let outcome = prescreen(["screen", "--date", DAY])
        .args(args)
        .stdin(candidate(serde_json::json!({})).to_string())
        .run()
        .status(status)
        .stdout("")
        .stderr_has(says);
    if status != 2 {
        assert_eq!(outcome.stderr.lines().count(), 1, "{}", outcome.stderr);
    }
}

#[test]
fn outputs_never_replace_what_they_must_not() {
    let dir = tempfile::tempdir().unwrap();
    // A name `--out` accepts, so it is the content that refuses it.
    let record = dir.path().join("screenings.json");
    fs::write(&record, A_RECORD).unwrap();
    let fifo = dir.path().join("fifo");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let link = dir.path().join("link.md");
    std::os::unix::fs::symlink(&record, &link).unwrap();
    let sub = dir.path().join("sub");
    fs::create_dir(&sub).unwrap();
    let cases: [(&Path, &str); 5] = [
        (
            &record,
            "it is a record file (from --record), which an output never replaces",
        ),
        (
            Path::new("/dev/null"),
            "it is a device, which an output never replaces",
        ),
        (&fifo, "it is a FIFO, which an output never replaces"),
        (&sub, "it is a directory, which an output never replaces"),
        (
            &link,
            "it is a symbolic link, which an output never replaces",
        ),
    ];
    for (path, says) in cases {
        let says = format!("cannot write `{}`: {says}", path.display());
        for flag in ["--out", "--ics"] {
            refused(&[flag.as_ref(), path.as_os_str()], 74, &says);
        }
    }
    assert_eq!(fs::read_to_string(&record).unwrap(), A_RECORD);
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(
        names(dir.path()),
        ["fifo", "link.md", "screenings.json", "sub"]
    );
    assert_eq!(names(&sub), Vec::<String>::new());
}

#[test]
fn one_file_for_two_outputs_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("result.md");
    let same = dir.path().join(".").join("result.md");
    let pairs = [
        ("--out", "--record", &same),
        ("--out", "--ics", &same),
        ("--record", "--ics", &same),
        ("--out", "--record", &file),
    ];
    for (first, second, other) in pairs {
        refused(
            &[
                first.as_ref(),
                file.as_os_str(),
                second.as_ref(),
                other.as_os_str(),
            ],
            2,
            &format!(
                "is given for both {}",
                [first, second]
                    .iter()
                    .min_by_key(|f| flag_order(f))
                    .unwrap()
            ),
        );
    }
    // The same file under two names (a hard link) too.
    fs::write(&file, "old").unwrap();
    let hard = dir.path().join("hard.md");
    fs::hard_link(&file, &hard).unwrap();
    refused(
        &[
            "--out".as_ref(),
            file.as_os_str(),
            "--ics".as_ref(),
            hard.as_os_str(),
        ],
        2,
        "each output needs its own file",
    );
    assert_eq!(fs::read_to_string(&file).unwrap(), "old");
    for flag in ["--out", "--ics", "--record"] {
        refused(&[flag.as_ref(), "-".as_ref()], 2, "needs a file path");
    }
}

/// The order outputs are named in messages: --record, --out, --ics.
fn flag_order(flag: &str) -> usize {
    ["--record", "--out", "--ics"]
        .iter()
        .position(|f| *f == flag)
        .unwrap()
}

#[test]
fn outputs_are_private_whole_and_take_any_valid_name() {
    let dir = tempfile::tempdir().unwrap();
    let long = dir.path().join(format!("{}.md", "h".repeat(250)));
    let ics = dir.path().join("reminders.ics");
    fs::write(&ics, "old").unwrap();
    fs::set_permissions(&ics, fs::Permissions::from_mode(0o644)).unwrap();
    prescreen(["screen", "--date", DAY, "--out"])
        .arg(&long)
        .arg("--ics")
        .arg(&ics)
        .stdin(candidate(serde_json::json!({})).to_string())
        .run()
        .status(0);
    assert!(fs::read_to_string(&long).unwrap().starts_with('#'));
    assert!(
        fs::read_to_string(&ics)
            .unwrap()
            .ends_with("END:VCALENDAR\r\n")
    );
    assert_eq!(mode(&long), 0o600);
    assert_eq!(mode(&ics), 0o600, "a replaced file is private too");
    assert_eq!(names(dir.path()).len(), 2, "{:?}", names(dir.path()));
}

#[test]
fn kill_9_during_out_and_ics_leaves_no_stray_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("handout.md");
    let ics = dir.path().join("reminders.ics");
    let answers = candidate(serde_json::json!({})).to_string();
    let args = [
        "screen".as_ref(),
        "--date".as_ref(),
        DAY.as_ref(),
        "--out".as_ref(),
        out.as_os_str(),
        "--ics".as_ref(),
        ics.as_os_str(),
    ];
    let begin = Instant::now();
    assert_eq!(
        spawn(args, answers.as_bytes()).wait().unwrap().code(),
        Some(0)
    );
    let took = begin.elapsed().as_micros().max(500) as u64;
    let handout = fs::read(&out).unwrap();
    let (mut killed, mut strays) = (0, 0);
    for i in 0..300u64 {
        let mut child = spawn(args, answers.as_bytes());
        std::thread::sleep(Duration::from_micros(took * ((i * 37) % 120) / 100));
        let _ = child.kill();
        if child.wait().unwrap().code().is_none() {
            killed += 1;
        }
        for name in names(dir.path()) {
            match name.as_str() {
                "handout.md" => assert_eq!(fs::read(&out).unwrap(), handout, "torn handout"),
                "reminders.ics" => {
                    let text = fs::read_to_string(&ics).unwrap();
                    assert!(text.ends_with("END:VCALENDAR\r\n"), "torn calendar");
                }
                // Killed between link and rename: named so the next output removes it.
                other if other.starts_with(".prescreen-") && other.ends_with(".tmp") => {
                    strays += 1;
                }
                other => panic!("a stray file: {other}"),
            }
        }
    }
    assert!(killed > 0, "no run was killed");
    // The next run cleans up after any killed one.
    assert_eq!(
        spawn(args, answers.as_bytes()).wait().unwrap().code(),
        Some(0)
    );
    assert_eq!(names(dir.path()), ["handout.md", "reminders.ics"]);
    eprintln!(
        "{killed} of 300 killed; {strays} times a temporary file was seen before its clean-up"
    );
}

/// `count` batch lines of unanswered records (their results are long).
fn batch_input(count: usize) -> String {
    (0..count).map(|i| format!("{{\"id\": {i}}}\n")).collect()
}

#[test]
fn batch_output_is_written_whole_or_not_at_all() {
    let dir = tempfile::tempdir().unwrap();
    let results = dir.path().join("results.ndjson");
    let input = dir.path().join("input.ndjson");
    fs::write(&input, batch_input(3)).unwrap();
    prescreen(["batch", "--date", DAY, "--output"])
        .arg(&results)
        .arg(&input)
        .run()
        .status(0)
        .stdout("");
    let text = fs::read_to_string(&results).unwrap();
    assert_eq!(text.lines().count(), 3);
    assert_eq!(mode(&results), 0o600);

    // Rejected lines are results too: the file is written, the status says so.
    fs::write(&input, "{\"id\": 1}\nnot json\n").unwrap();
    prescreen(["batch", "--date", DAY, "--output"])
        .arg(&results)
        .arg(&input)
        .run()
        .status(65);
    assert_eq!(fs::read_to_string(&results).unwrap().lines().count(), 2);

    // An input that cannot be read leaves the old results as they were.
    let old = fs::read(&results).unwrap();
    prescreen(["batch", "--date", DAY, "--output"])
        .arg(&results)
        .arg(dir.path())
        .run()
        .status(66);
    assert_eq!(fs::read(&results).unwrap(), old);

    // Killed at any point: the old file, whole, or the new one, whole.
    let big = batch_input(20_000);
    fs::write(&input, &big).unwrap();
    let args = [
        "batch".as_ref(),
        "--date".as_ref(),
        DAY.as_ref(),
        "--output".as_ref(),
        results.as_os_str(),
        input.as_os_str(),
    ];
    let begin = Instant::now();
    assert_eq!(spawn(args, b"").wait().unwrap().code(), Some(0));
    let took = begin.elapsed().as_micros() as u64;
    let complete = fs::read(&results).unwrap();
    assert_eq!(complete.iter().filter(|&&b| b == b'\n').count(), 20_000);
    for i in 0..20u64 {
        fs::write(&results, &old).unwrap();
        let mut child = spawn(args, b"");
        std::thread::sleep(Duration::from_micros(took * (i * 7 % 20 + 1) / 20));
        let _ = child.kill();
        let _ = child.wait();
        let now = fs::read(&results).unwrap();
        assert!(now == old || now == complete, "a torn results file");
    }
    prescreen(["batch", "--date", DAY, "--output", "-"])
        .run()
        .status(2)
        .stderr_has("needs a file path");
    let left: Vec<String> = names(dir.path())
        .into_iter()
        .filter(|n| n.starts_with(".prescreen-"))
        .collect();
    assert!(
        left.iter().all(|n| n.ends_with(".tmp")),
        "stray files: {left:?}"
    );
}

#[test]
fn a_closed_or_failing_stdout_is_an_error() {
    let output = Command::new("sh")
        .arg("-c")
        .arg("echo '{}' | exec \"$0\" batch --date 2026-11-23 >&-")
        .arg(env!("CARGO_BIN_EXE_prescreen"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(74), "{output:?}");
    assert!(String::from_utf8_lossy(&output.stderr).contains("cannot write stdout"));

    let full = fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let output = command(["batch", "--date", DAY])
        .stdin(Stdio::piped())
        .stdout(full)
        .stderr(Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            child.stdin.take().unwrap().write_all(b"{}\n")?;
            child.wait_with_output()
        })
        .unwrap();
    assert_eq!(output.status.code(), Some(74), "{output:?}");
    assert!(String::from_utf8_lossy(&output.stderr).contains("cannot write stdout"));
}

#[test]
fn a_byte_order_mark_opening_an_input_is_accepted() {
    let bom = "\u{feff}";
    let answers = format!("{bom}{}", candidate(serde_json::json!({})));
    prescreen(["screen", "--date", DAY, "--format", "json"])
        .stdin(answers.as_str())
        .run()
        .status(0);
    let (_dir, path) = common::temp_file("answers.json", answers.as_bytes());
    prescreen(["screen", "--date", DAY, "--format", "json", "--answers"])
        .arg(&path)
        .run()
        .status(0);
    let rules = fs::read_to_string(common::root().join("rules/microneedling.json")).unwrap();
    let (_rules_dir, rules_path) =
        common::temp_file("rules.json", format!("{bom}{rules}").as_bytes());
    prescreen([
        "--rules".as_ref(),
        rules_path.as_os_str(),
        "screen".as_ref(),
        "--date".as_ref(),
        DAY.as_ref(),
    ])
    .stdin(candidate(serde_json::json!({})).to_string())
    .run()
    .status(0);
    let lines = format!("{bom}{{\"id\": 1}}\n{{\"id\": 2}}\n");
    let outcome = prescreen(["batch", "--date", DAY])
        .stdin(lines.as_str())
        .run()
        .status(0);
    assert_eq!(outcome.stdout.lines().count(), 2);
    let (_batch_dir, batch_path) = common::temp_file("in.ndjson", lines.as_bytes());
    prescreen(["batch", "--date", DAY])
        .arg(&batch_path)
        .run()
        .status(0);
    // Whitespace only is blank, not empty.
    prescreen(["screen", "--date", DAY])
        .stdin(" \n")
        .run()
        .status(65)
        .stderr_has("no answers: the input is blank (only whitespace)");
}
