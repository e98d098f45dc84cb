//! `--ics FILE`: calendar reminders, read back by an independent iCalendar parser
//! (Python's `icalendar`, installed by `.ci/run`). These tests FAIL when it is missing.

#![allow(clippy::expect_used, clippy::unwrap_used)] // test helpers: a failure is the report

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Command;

use chrono::{DateTime, FixedOffset, TimeDelta};
use common::{DAY, candidate, prescreen, root, temp_file};
use serde_json::{Value, json};

/// Prints the calendar as JSON: each event's UID, summary, description, start (ISO 8601,
/// with its offset) and number of alarms.
const PARSE: &str = r#"
import json, sys
import icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read())
events = []
for ev in cal.walk("VEVENT"):
    events.append({
        "uid": str(ev["UID"]),
        "summary": str(ev["SUMMARY"]),
        "description": str(ev.get("DESCRIPTION", "")),
        "start": ev.decoded("DTSTART").isoformat(),
        "alarms": len(ev.walk("VALARM")),
    })
print(json.dumps({"version": str(cal["VERSION"]), "events": events}))
"#;

/// The calendar at `path` as the independent parser reads it.
fn parse_ics(path: &Path) -> Value {
    let out = Command::new("python3")
        .args(["-c", PARSE])
        .arg(path)
        .output()
        .unwrap_or_else(|e| panic!("python3 is needed to read the calendar back: {e}"));
    assert!(
        out.status.success(),
        "Python's icalendar could not read the file (`python3 -m pip install icalendar`; \
         .ci/run installs it):\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The rule file's reminders: (summary, offset from the procedure).
fn rule_reminders(rules: &Value) -> Vec<(String, TimeDelta)> {
    rules["aftercare"]["reminders"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let after = match (r["after_hours"].as_i64(), r["after_days"].as_i64()) {
                (Some(h), None) => TimeDelta::hours(h),
                (None, Some(d)) => TimeDelta::days(d),
                other => panic!("reminder offsets {other:?}"),
            };
            // A text is a string or a map by language; the tests run in English.
            let summary = r["summary"]
                .as_str()
                .or_else(|| r["summary"]["en"].as_str())
                .unwrap();
            (summary.to_string(), after)
        })
        .collect()
}

fn default_rules() -> Value {
    serde_json::from_slice(&std::fs::read(root().join("rules/microneedling.json")).unwrap())
        .unwrap()
}

/// Runs `prescreen ARGS --ics <tmp>/r.ics` on `answers` and returns the parsed file.
fn reminders_for(args: &[&str], answers: &Value) -> (Value, Vec<u8>) {
    let dir = tempfile::tempdir().unwrap();
    let ics = dir.path().join("r.ics");
    let mut all: Vec<&str> = args.to_vec();
    all.extend(["--format", "json", "--ics", ics.to_str().unwrap()]);
    prescreen(&all)
        .stdin(answers.to_string())
        .run()
        .status(0)
        .stderr_empty();
    let mode = std::fs::metadata(&ics).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "the calendar holds health data");
    (parse_ics(&ics), std::fs::read(&ics).unwrap())
}

#[test]
fn each_event_starts_at_the_procedure_plus_its_offset_with_its_summary() {
    let rules = default_rules();
    let expected = rule_reminders(&rules);
    assert_eq!(
        expected.iter().map(|(_, after)| *after).collect::<Vec<_>>(),
        [
            TimeDelta::hours(24),
            TimeDelta::days(14),
            TimeDelta::days(28)
        ],
        "end of the first day, results at day 14, next session at about four weeks"
    );
    for (subcommand, procedure, day) in [
        ("screen", "2026-11-23T14:00:00+01:00", DAY),
        ("aftercare", "2026-11-23T14:00:00+01:00", DAY),
        // Across a year end and in a negative offset (screened within 30 days of it).
        ("aftercare", "2026-12-31T23:30:00-05:00", "2026-12-20"),
    ] {
        let answers = candidate(json!({ "procedure_time": procedure }));
        let (cal, bytes) = reminders_for(&[subcommand, "--date", day], &answers);
        assert_eq!(cal["version"], "2.0");
        let events = cal["events"].as_array().unwrap();
        assert_eq!(events.len(), expected.len(), "{subcommand} {procedure}");
        let starts = DateTime::parse_from_rfc3339(procedure).unwrap();
        for (event, (summary, after)) in events.iter().zip(&expected) {
            let start = DateTime::parse_from_rfc3339(event["start"].as_str().unwrap()).unwrap();
            assert_eq!(start, starts + *after, "{summary}: {event}");
            assert_eq!(&event["summary"], summary);
            assert_eq!(event["alarms"], 1, "the phone alerts: {event}");
            let local: DateTime<FixedOffset> = starts + *after;
            let shown = local.format("%a %-d %b %Y, %H:%M").to_string();
            assert!(
                event["description"].as_str().unwrap().contains(&shown),
                "the description gives the time in the procedure's offset: {event}"
            );
        }
        // The wire format itself: CRLF only, no line longer than 75 octets.
        let text = String::from_utf8(bytes).unwrap();
        assert!(text.ends_with("\r\n"));
        for line in text.split_terminator("\r\n") {
            assert!(!line.contains('\n'), "bare LF in {line:?}");
            assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
        }
    }
}

#[test]
fn the_first_event_on_the_readme_example_is_tuesday_at_two() {
    let answers = candidate(json!({}));
    let (cal, _) = reminders_for(&["aftercare", "--date", DAY], &answers);
    let starts: Vec<&str> = cal["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["start"].as_str().unwrap())
        .collect();
    assert_eq!(
        starts,
        [
            "2026-11-24T13:00:00+00:00",
            "2026-12-07T13:00:00+00:00",
            "2026-12-21T13:00:00+00:00"
        ]
    );
}

#[test]
fn uids_are_stable_across_runs_and_distinct_between_events() {
    let answers = candidate(json!({}));
    let uids = |cal: &Value| -> Vec<String> {
        cal["events"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["uid"].as_str().unwrap().to_string())
            .collect()
    };
    let first = uids(&reminders_for(&["aftercare"], &answers).0);
    let again = uids(&reminders_for(&["screen", "--date", DAY], &answers).0);
    assert_eq!(first, again, "importing again updates, never duplicates");
    let mut unique = first.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), 3, "{first:?}");
}

#[test]
fn special_characters_and_long_texts_survive_escaping_and_folding() {
    let mut rules = default_rules();
    let summary = "Sun; wind, rain \\ snow: 24 h";
    let description = format!(
        "First line, with a comma; and a semicolon.\nSecond line \\ backslash. {}",
        "Ünïcödé ✓ ".repeat(12)
    );
    rules["aftercare"]["reminders"][0]["summary"] = json!(summary);
    rules["aftercare"]["reminders"][0]["description"] = json!(description);
    let (_dir, path) = temp_file("rules.json", rules.to_string().as_bytes());
    let (cal, _) = reminders_for(
        &["--rules", path.to_str().unwrap(), "aftercare"],
        &candidate(json!({})),
    );
    let event = &cal["events"][0];
    assert_eq!(event["summary"], summary);
    assert!(
        event["description"]
            .as_str()
            .unwrap()
            .starts_with(description.trim_end()),
        "{event}"
    );
}
