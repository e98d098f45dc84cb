//! The record file (`--record FILE`): whole, exclusive, never destructive appends; the
//! record before any output; private or refused. Through the real binary.

mod common;

use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{DAY, candidate, command, needs_root, prescreen, root, spawn};

/// The exit status of a screening that got its verdict (0 to 4).
fn screened(status: i32) -> bool {
    (0..=4).contains(&status)
}

/// Every line of a record file: complete records parsed, and torn lines (a writer
/// killed mid-record) as text. Panics on a line where a torn record runs into another
/// one, or on anything else that is neither.
fn read_records(path: &Path) -> (Vec<serde_json::Value>, Vec<String>) {
    let bytes = fs::read(path).unwrap();
    assert!(!bytes.contains(&0), "NUL bytes in the record file");
    let text = String::from_utf8(bytes).expect("the record file is UTF-8");
    assert!(
        text.is_empty() || text.ends_with('\n') || text.lines().count() > 0,
        "{text}"
    );
    let (mut records, mut torn) = (Vec::new(), Vec::new());
    for line in text.lines() {
        assert_eq!(
            line.matches("{\"schema_version\":").count(),
            usize::from(line.starts_with("{\"schema_version\":")),
            "a record is glued to something else: {:.200}",
            line
        );
        match serde_json::from_str::<serde_json::Value>(line) {
            Ok(record) => {
                assert!(
                    record["recorded_at"].is_string(),
                    "not a record: {line:.200}"
                );
                records.push(record);
            }
            Err(_) => {
                assert!(
                    line.starts_with("{\"schema_version\":")
                        || "{\"schema_version\":".starts_with(line),
                    "neither a record nor a torn one: {line:.200}"
                );
                torn.push(line.to_string());
            }
        }
    }
    (records, torn)
}

/// A fresh 64 KiB tmpfs, unmounted when dropped.
struct SmallDisk {
    dir: tempfile::TempDir,
}

impl SmallDisk {
    fn mount() -> SmallDisk {
        let dir = tempfile::tempdir().unwrap();
        let status = Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=64k,mode=0700", "tmpfs"])
            .arg(dir.path())
            .status()
            .expect("mount runs");
        assert!(status.success(), "mounting a 64 KiB tmpfs failed");
        SmallDisk { dir }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.dir.path()).status();
    }
}

/// Initials unique to recorder `n` (two letters).
fn initials(n: usize) -> String {
    let letter = |i: usize| char::from(b'A' + u8::try_from(i % 26).unwrap());
    format!("{}{}", letter(n / 26), letter(n))
}

#[test]
fn sixty_recorders_on_a_full_disk_keep_every_success() {
    if !needs_root("sixty_recorders_on_a_full_disk_keep_every_success") {
        return;
    }
    // Unanswered, so each record carries seven reasons (about 3 KB): 60 overfill 64 KiB.
    let answers = "{}".to_string();
    for round in 0..20 {
        let disk = SmallDisk::mount();
        let record = disk.path().join("screenings.ndjson");
        let outcomes: Vec<(String, common::Outcome)> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..60)
                .map(|n| {
                    let (record, answers) = (&record, &answers);
                    scope.spawn(move || {
                        let staff = initials(n);
                        let outcome = prescreen(["screen", "--date", DAY, "--record"])
                            .arg(record)
                            .args(["--staff", &staff])
                            .stdin(answers.as_str())
                            .run();
                        (staff, outcome)
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        let (records, torn) = read_records(&record);
        assert!(torn.is_empty(), "round {round}: torn lines {torn:?}");
        let mut kept: Vec<String> = records
            .iter()
            .map(|r| r["staff"].as_str().unwrap().to_string())
            .collect();
        kept.sort();
        let mut succeeded = Vec::new();
        for (staff, outcome) in &outcomes {
            if outcome.status == 4 {
                succeeded.push(staff.clone());
            } else {
                assert_eq!(outcome.status, 74, "round {round}: {outcome:?}");
                assert!(
                    outcome.stderr.contains("no record was kept"),
                    "round {round}: {}",
                    outcome.stderr
                );
                assert!(outcome.stdout.is_empty(), "no result without its record");
            }
        }
        succeeded.sort();
        assert_eq!(
            kept, succeeded,
            "round {round}: records differ from successes"
        );
        assert!(
            !succeeded.is_empty() && succeeded.len() < 60,
            "round {round}: the disk should fill: {} succeeded",
            succeeded.len()
        );
    }
}

/// A rule file whose "unanswered" text makes each record of `{}` about 1 MB.
fn big_record_rules(dir: &Path) -> PathBuf {
    let mut rules: serde_json::Value =
        serde_json::from_slice(&fs::read(root().join("rules/microneedling.json")).unwrap())
            .unwrap();
    rules["texts"]["unanswered"] = "This question has no answer. ".repeat(4800).into();
    let path = dir.join("big-rules.json");
    fs::write(&path, rules.to_string()).unwrap();
    path
}

#[test]
fn kill_9_during_a_large_record_never_tears_into_a_good_record() {
    let rules_dir = tempfile::tempdir().unwrap();
    let rules = big_record_rules(rules_dir.path());
    let dir = tempfile::tempdir().unwrap();
    let record = dir.path().join("screenings.ndjson");
    let args = [
        "--rules".as_ref(),
        rules.as_os_str(),
        "screen".as_ref(),
        "--date".as_ref(),
        DAY.as_ref(),
        "--record".as_ref(),
        record.as_os_str(),
    ];
    let run = || spawn(args, b"{}");
    // How long one run takes here, to spread the kills over it.
    let start = Instant::now();
    assert!(screened(run().wait().unwrap().code().unwrap()));
    let took = start.elapsed().as_micros().max(1_000) as u64;
    let (mut finished, mut killed) = (1, 0);
    for i in 0..60u64 {
        let size = fs::metadata(&record).map_or(0, |m| m.len());
        let mut child = run();
        if i % 2 == 0 {
            // Spread over the run, more towards its end where the record is written.
            std::thread::sleep(Duration::from_micros(took * (40 + (i * 37) % 80) / 100));
        } else {
            // As soon as the file grows: inside the record's one `write`, which the
            // kernel cuts short for a fatal signal.
            let deadline = Instant::now() + Duration::from_secs(10);
            while fs::metadata(&record).map_or(0, |m| m.len()) == size && Instant::now() < deadline
            {
                std::hint::spin_loop();
            }
        }
        let _ = child.kill();
        let status = child.wait().unwrap();
        match status.code() {
            Some(code) => {
                assert!(screened(code), "{status:?}");
                finished += 1;
            }
            None => killed += 1,
        }
    }
    assert!(killed > 0, "no run was killed");
    let (before, _) = read_records(&record);
    assert!(before.len() >= finished, "a finished run lost its record");
    // A good append after all that is whole, on its own line.
    prescreen(["--rules"])
        .arg(&rules)
        .args(["screen", "--date", DAY, "--staff", "ZZ", "--record"])
        .arg(&record)
        .stdin("{}")
        .run()
        .status(4);
    let (records, torn) = read_records(&record);
    assert_eq!(records.len(), before.len() + 1);
    assert_eq!(records.last().unwrap()["staff"], "ZZ");
    assert!(records.iter().all(|r| r.to_string().len() > 900_000));
    eprintln!(
        "{killed} killed, {finished} finished, {} torn lines isolated",
        torn.len()
    );
    let names: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["screenings.ndjson"], "no stray files");
}

#[test]
fn the_record_comes_first_so_a_failing_output_cannot_lose_it() {
    let dir = tempfile::tempdir().unwrap();
    let record = dir.path().join("screenings.ndjson");
    let answers = candidate(serde_json::json!({})).to_string();
    let missing = dir.path().join("no-such-dir").join("handout.md");
    prescreen(["screen", "--date", DAY, "--record"])
        .arg(&record)
        .arg("--out")
        .arg(&missing)
        .stdin(answers.as_str())
        .run()
        .status(74)
        .stderr_has("cannot write `")
        .stderr_has(&format!(
            "the screening was recorded in `{}`",
            record.display()
        ));
    assert_eq!(read_records(&record).0.len(), 1);

    // stdout that cannot be written (a full disk).
    let full = fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let output = command(["screen", "--date", DAY, "--record"])
        .arg(&record)
        .stdin(fs::File::open(common::temp_file("a.json", answers.as_bytes()).1).unwrap())
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(74));
    assert!(String::from_utf8_lossy(&output.stderr).contains("was recorded in"));
    assert_eq!(read_records(&record).0.len(), 2);

    // aftercare too.
    prescreen(["aftercare", "--date", DAY, "--record"])
        .arg(&record)
        .arg("--ics")
        .arg(&missing)
        .stdin(answers.as_str())
        .run()
        .status(74);
    assert_eq!(read_records(&record).0.len(), 3);
}

#[test]
fn a_record_that_cannot_be_written_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let record = dir.path().join("no-such-dir").join("screenings.ndjson");
    prescreen(["screen", "--date", DAY, "--record"])
        .arg(&record)
        .stdin("{}")
        .run()
        .status(74)
        .stdout("")
        .stderr(&format!(
            "prescreen: error: cannot write record file `{}`: no such file or directory; no record was kept\n",
            record.display()
        ));
}

/// Runs `screen --record PATH` and checks the refusal: status 74, one line naming the
/// file with `says`, nothing on stdout, the file as it was.
#[track_caller]
fn refused(record: &Path, says: &str) {
    let before = fs::read(record).ok();
    let outcome = prescreen(["screen", "--date", DAY, "--record"])
        .arg(record)
        .stdin("{}")
        .run()
        .status(74)
        .stdout("")
        .stderr_has(&format!(
            "cannot write record file `{}`: ",
            record.display()
        ))
        .stderr_has(says)
        .stderr_has("; no record was kept");
    assert_eq!(outcome.stderr.lines().count(), 1, "{}", outcome.stderr);
    assert_eq!(
        fs::read(record).ok(),
        before,
        "the refused file was changed"
    );
}

const A_RECORD: &str = "{\"schema_version\":1,\"recorded_at\":\"2026-11-23T10:00:00+00:00\"}\n";

#[test]
fn record_files_others_can_reach_are_refused_with_the_fix() {
    let dir = tempfile::tempdir().unwrap();
    for mode in [0o644, 0o640, 0o604, 0o666, 0o620] {
        let path = dir.path().join(format!("r{mode:o}.ndjson"));
        fs::write(&path, A_RECORD).unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(mode)).unwrap();
        refused(
            &path,
            &format!(
                "others can read or write it (mode {mode:04o}); make it private with `chmod 600 {}`",
                path.display()
            ),
        );
    }
    let private = dir.path().join("private.ndjson");
    fs::write(&private, A_RECORD).unwrap();
    fs::set_permissions(&private, fs::Permissions::from_mode(0o600)).unwrap();

    let link = dir.path().join("link.ndjson");
    std::os::unix::fs::symlink(&private, &link).unwrap();
    refused(
        &link,
        "it is a symbolic link; give the path of the file itself",
    );
    let dangling = dir.path().join("dangling.ndjson");
    std::os::unix::fs::symlink(dir.path().join("nowhere"), &dangling).unwrap();
    refused(&dangling, "it is a symbolic link");
    assert!(
        !dir.path().join("nowhere").exists(),
        "created through a link"
    );

    let hard = dir.path().join("hard.ndjson");
    fs::hard_link(&private, &hard).unwrap();
    refused(&hard, "it has 2 hard links");
    refused(&private, "it has 2 hard links");
    fs::remove_file(&hard).unwrap();

    let notes = dir.path().join("notes.json");
    fs::write(&notes, "{\"my\": \"notes\"}\n").unwrap();
    fs::set_permissions(&notes, fs::Permissions::from_mode(0o600)).unwrap();
    refused(&notes, "it is not a record file");
    let handout = dir.path().join("handout.md");
    fs::write(&handout, "# Screening result\n").unwrap();
    fs::set_permissions(&handout, fs::Permissions::from_mode(0o600)).unwrap();
    refused(&handout, "it is not a record file");

    refused(dir.path(), "it is not a regular file");
    refused(Path::new("/dev/null"), "it is not a regular file");

    // The private one, after all that, takes a record.
    prescreen(["screen", "--date", DAY, "--record"])
        .arg(&private)
        .stdin("{}")
        .run()
        .status(4);
    assert_eq!(read_records(&private).0.len(), 2);
}

#[test]
fn a_record_file_of_another_user_is_refused() {
    if !needs_root("a_record_file_of_another_user_is_refused") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("theirs.ndjson");
    fs::write(&path, A_RECORD).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();
    std::os::unix::fs::chown(&path, Some(4321), Some(4321)).unwrap();
    refused(&path, "it belongs to another user (uid 4321)");
}

#[test]
fn a_new_record_file_is_private_and_refusals_come_before_any_question() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.ndjson");
    prescreen(["screen", "--date", DAY, "--record"])
        .arg(&path)
        .stdin("{}")
        .run()
        .status(4);
    assert_eq!(fs::metadata(&path).unwrap().mode() & 0o777, 0o600);
    // `--interactive` without a terminal would say so; a refused record file is named first.
    fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
    prescreen(["screen", "--interactive", "--record"])
        .arg(&path)
        .run()
        .status(74)
        .stderr_has("(mode 0644)");
}

#[test]
fn a_closed_stdout_stops_before_anything_is_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let record = dir.path().join("screenings.ndjson");
    let script = format!(
        "exec \"$0\" screen --date {DAY} --record '{}' >&-",
        record.display()
    );
    let output = Command::new("sh")
        .arg("-c")
        .arg(&script)
        .arg(env!("CARGO_BIN_EXE_prescreen"))
        .stdin(Stdio::piped())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(74), "{output:?}");
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "prescreen: error: cannot write stdout: it was closed when prescreen started; nothing was done\n"
    );
    assert!(!record.exists());
}

#[test]
fn a_torn_record_left_by_a_killed_writer_stays_on_its_own_line() {
    let dir = tempfile::tempdir().unwrap();
    let record = dir.path().join("screenings.ndjson");
    let torn = "{\"schema_version\":1,\"recorded_at\":\"2026-11-23T10:00:00+00:00\",\"ans";
    fs::write(&record, format!("{A_RECORD}{torn}")).unwrap();
    fs::set_permissions(&record, fs::Permissions::from_mode(0o600)).unwrap();
    prescreen(["screen", "--date", DAY, "--staff", "AB", "--record"])
        .arg(&record)
        .stdin("{}")
        .run()
        .status(4);
    let (records, torn_lines) = read_records(&record);
    assert_eq!(torn_lines, [torn]);
    assert_eq!(records.len(), 2);
    assert_eq!(records[1]["staff"], "AB");
    let text = fs::read_to_string(&record).unwrap();
    assert!(text.ends_with("}\n"));
    assert_eq!(text.lines().nth(1), Some(torn));
}
