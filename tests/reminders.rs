//! `--ics FILE`: when no calendar is written, and why. Needs only the Rust toolchain; the
//! calendars themselves are read back by Python's `icalendar` in `reminders_icalendar.rs`
//! (an `external-tests` target).

#![allow(clippy::expect_used, clippy::unwrap_used)] // test helpers: a failure is the report

mod common;

use common::{DAY, candidate, prescreen, root, temp_file};
use serde_json::{Value, json};

fn default_rules() -> Value {
    serde_json::from_slice(&std::fs::read(root().join("rules/microneedling.json")).unwrap())
        .unwrap()
}

#[test]
fn no_reminders_for_a_screening_that_is_not_a_candidate() {
    let dir = tempfile::tempdir().unwrap();
    let ics = dir.path().join("r.ics");
    let path = ics.to_str().unwrap();
    prescreen(["screen", "--date", DAY, "--format", "json", "--ics", path])
        .stdin(candidate(json!({"pregnant": true})).to_string())
        .run()
        .status(3)
        .stderr(&format!(
            "prescreen: no reminders written to `{path}`: the verdict is `defer`; reminders are only for a candidate\n"
        ));
    assert!(!ics.exists());
}

#[test]
fn an_unwritable_calendar_stops_the_run_with_status_74_and_no_result() {
    let out = prescreen([
        "aftercare",
        "--format",
        "json",
        "--ics",
        "/nonexistent-dir/r.ics",
    ])
    .stdin(candidate(json!({})).to_string())
    .run()
    .status(74)
    .stderr("prescreen: error: cannot write `/nonexistent-dir/r.ics`: no such file or directory\n");
    // No result: with --format json, only the error as data.
    let stdout: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(stdout["error"]["code"], "write");
    assert_eq!(stdout.as_object().unwrap().len(), 1, "{stdout}");
}

#[test]
fn stdout_is_not_a_calendar_file() {
    prescreen(["aftercare", "--ics", "-"])
        .stdin(candidate(json!({})).to_string())
        .run()
        .status(2)
        .stdout("")
        .stderr_has("needs a file path");
}

#[test]
fn a_rule_file_without_reminders_writes_nothing_and_says_so() {
    let mut rules = default_rules();
    rules["aftercare"]
        .as_object_mut()
        .unwrap()
        .remove("reminders");
    let (dir, path) = temp_file("rules.json", rules.to_string().as_bytes());
    let ics = dir.path().join("r.ics");
    prescreen([
        "--rules",
        path.to_str().unwrap(),
        "aftercare",
        "--format",
        "json",
        "--ics",
        ics.to_str().unwrap(),
    ])
    .stdin(candidate(json!({})).to_string())
    .run()
    .status(0)
    .stderr_has("no reminders written to")
    .stderr_has("the rule file defines no reminders");
    assert!(!ics.exists());
}
