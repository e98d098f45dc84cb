//! `prescreen records FILE`: the listing of a record file, its filters, the call-back
//! list, its formats and the lines it skips. Through the real binary. (The schema of
//! `--format json` is also checked with every other output in `output_schemas.rs`.)

mod common;

use std::path::Path;

use common::{DAY, candidate, prescreen, root, temp_file};
use serde_json::{Value, json};

/// A record line as `--record` writes one (its first two keys in their place), with
/// answers, reasons and rules for the listing to pass over.
fn record(at: &str, reference: Option<&str>, verdict: &str, eligible_from: Option<&str>) -> String {
    let mut rest = json!({
        "staff": "JD",
        "rules": {"name": "Microneedling candidacy screen", "version": "2026.11.0", "sha256": "ab"},
        "screened_on": &at[..10], "judged_on": &at[..10],
        "answers": {"id": "x", "pregnant": verdict == "defer", "eczema": null, "treatment_area": "face"},
        "verdict": verdict,
        "reasons": [{"rule": "pregnancy", "outcome": "defer", "message": "Wait, \"please\"."}],
        "eligible_from": eligible_from,
    });
    if let Some(reference) = reference {
        rest["reference"] = reference.into();
    }
    let rest = rest.to_string();
    format!(
        "{{\"schema_version\":1,\"recorded_at\":\"{at}\",{}\n",
        &rest[1..]
    )
}

/// The listing's JSON, parsed and checked against `rules/records.schema.json`.
#[track_caller]
fn valid_json(stdout: &str) -> Value {
    let doc: Value = serde_json::from_str(stdout).expect("one JSON document");
    let schema: Value =
        serde_json::from_slice(&std::fs::read(root().join("rules/records.schema.json")).unwrap())
            .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator.iter_errors(&doc).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:?}\n{doc}");
    doc
}

/// The `line` of each screening listed as JSON.
fn listed_lines(doc: &Value) -> Vec<u64> {
    doc["screenings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["line"].as_u64().unwrap())
        .collect()
}

/// `records FILE --format json ARGS` on a file of these lines: the lines listed.
fn listed(file: &Path, args: &[&str]) -> Vec<u64> {
    let run = prescreen(["records", "--format", "json"])
        .arg(file)
        .args(args)
        .run()
        .status(0)
        .stderr_empty();
    listed_lines(&valid_json(&run.stdout))
}

/// Four screenings over three days, one of each verdict.
fn week() -> String {
    [
        record("2026-11-21T09:00:00+01:00", Some("Ann"), "candidate", None),
        record("2026-11-22T10:00:00+01:00", Some("Bob"), "review", None),
        record(
            "2026-11-22T11:00:00+01:00",
            Some("Cy"),
            "defer",
            Some("2026-12-01"),
        ),
        record("2026-11-23T12:00:00+01:00", None, "not_candidate", None),
    ]
    .concat()
}

#[test]
fn a_reference_given_at_the_screening_is_kept_in_the_record_and_listed() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("screenings.ndjson");
    let answers = candidate(json!({})).to_string();
    let screen = |extra: &[&str]| {
        prescreen(["screen", "--date", DAY, "--format", "json", "--record"])
            .arg(&file)
            .args(extra)
            .stdin(answers.as_str())
            .run()
    };
    screen(&["--reference", "  B-1042 Ann Lee ", "--staff", "JD"]).status(0);
    screen(&["--reference", ""]).status(0);
    let aftercare = prescreen(["aftercare", "--date", DAY, "--format", "json", "--record"])
        .arg(&file)
        .args(["--reference", "C-7"])
        .stdin(answers.as_str())
        .run();
    aftercare.status(0);
    let text = std::fs::read_to_string(&file).unwrap();
    let records: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(records[0]["reference"], "B-1042 Ann Lee");
    assert_eq!(records[0]["staff"], "JD");
    assert!(records[1].get("reference").is_none(), "blank is none");
    assert_eq!(records[2]["reference"], "C-7");
    // Kept in the record only: the result does not carry it.
    screen(&["--reference", "D-9"]).stdout_lacks("D-9");
    // A booking id may start with a hyphen.
    screen(&["--reference", "-1042"]).status(0);

    let run = prescreen(["records"])
        .arg(&file)
        .run()
        .status(0)
        .stderr_empty();
    let listing: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(listing.len(), 7, "{}", run.stdout);
    assert!(listing[0].starts_with("TIME              REFERENCE"));
    assert!(listing[1].contains("  B-1042 Ann Lee         JD        candidate      -"));
    assert!(listing[2].contains("  -                      -         candidate      -"));
    assert!(listing[5].contains("  -1042                  -         candidate      -"));
    assert_eq!(
        listing[6],
        "5 screenings: 5 candidate, 0 review, 0 defer, 0 not_candidate"
    );
}

#[test]
fn a_reference_is_one_line_and_needs_a_record() {
    let answers = candidate(json!({})).to_string();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("r.ndjson");
    let long = "x".repeat(101);
    for (reference, message) in [
        ("Ann\nLee", "one line of text"),
        ("Ann\u{1b}[2J", "one line of text"),
        (long.as_str(), "at most 100 characters"),
    ] {
        prescreen(["screen", "--date", DAY, "--record"])
            .arg(&file)
            .args(["--reference", reference])
            .stdin(answers.as_str())
            .run()
            .status(2)
            .stderr_has(message);
    }
    assert!(!file.exists(), "nothing recorded");
    prescreen(["screen", "--date", DAY, "--reference", "Ann"])
        .stdin(answers.as_str())
        .run()
        .status(2)
        .stderr_has("--record");
}

#[test]
fn dates_filter_by_the_screening_date_inclusive() {
    let (_dir, file) = temp_file("r.ndjson", week().as_bytes());
    assert_eq!(listed(&file, &[]), [1, 2, 3, 4]);
    assert_eq!(listed(&file, &["--on", "2026-11-22"]), [2, 3]);
    assert_eq!(listed(&file, &["--from", "2026-11-22"]), [2, 3, 4]);
    assert_eq!(listed(&file, &["--to", "2026-11-22"]), [1, 2, 3]);
    assert_eq!(
        listed(&file, &["--from", "2026-11-22", "--to", "2026-11-22"]),
        [2, 3]
    );
    assert_eq!(listed(&file, &["--on", "2026-11-24"]), [] as [u64; 0]);
    prescreen(["records", "--from", "2026-11-23", "--to", "2026-11-22"])
        .arg(&file)
        .run()
        .status(2)
        .stdout("")
        .stderr("prescreen: error: --from 2026-11-23 is after --to 2026-11-22: no date is in that range\n");
    prescreen(["records", "--on", "2026-11-23", "--from", "2026-11-22"])
        .arg(&file)
        .run()
        .status(2);
    prescreen(["records", "--on", "2026-02-30"])
        .arg(&file)
        .run()
        .status(2)
        .stderr_has("not a real date");
}

#[test]
fn verdicts_filter_repeated_or_as_a_list_and_are_counted() {
    let (_dir, file) = temp_file("r.ndjson", week().as_bytes());
    assert_eq!(listed(&file, &["--verdict", "defer"]), [3]);
    assert_eq!(
        listed(
            &file,
            &["--verdict", "review", "--verdict", "not_candidate"]
        ),
        [2, 4]
    );
    assert_eq!(listed(&file, &["--verdict", "candidate,defer"]), [1, 3]);
    assert_eq!(
        listed(&file, &["--verdict", "review", "--from", "2026-11-23"]),
        [] as [u64; 0]
    );
    prescreen(["records", "--verdict", "maybe"])
        .arg(&file)
        .run()
        .status(2)
        .stderr_has("not_candidate");
    let run = prescreen([
        "records",
        "--format",
        "json",
        "--verdict",
        "candidate,defer",
    ])
    .arg(&file)
    .run()
    .status(0);
    let doc = valid_json(&run.stdout);
    assert_eq!(
        doc["counts"],
        json!({"total": 2, "candidate": 1, "review": 0, "defer": 1, "not_candidate": 0})
    );
    prescreen(["records", "--verdict", "review,not_candidate"])
        .arg(&file)
        .run()
        .status(0)
        .stdout_has("\n2 screenings: 0 candidate, 1 review, 0 defer, 1 not_candidate\n");
}

/// The call-back list on a crafted file: people deferred, some screened again since.
fn deferrals() -> String {
    [
        // 1 Ann: deferred until 1 December.
        record(
            "2026-11-01T10:00:00+01:00",
            Some("Ann"),
            "defer",
            Some("2026-12-01"),
        ),
        // 2, 3 Bob: deferred, then screened again and a candidate: no call.
        record(
            "2026-11-02T10:00:00+01:00",
            Some("Bob"),
            "defer",
            Some("2026-11-20"),
        ),
        record("2026-11-21T10:00:00+01:00", Some("Bob"), "candidate", None),
        // 4, 5 Cy: deferred, then deferred again to a later date.
        record(
            "2026-11-03T10:00:00+01:00",
            Some("Cy"),
            "defer",
            Some("2026-11-10"),
        ),
        record(
            "2026-11-09T10:00:00+01:00",
            Some("Cy"),
            "defer",
            Some("2027-01-15"),
        ),
        // 6 without a reference: on its own.
        record(
            "2026-11-04T10:00:00+01:00",
            None,
            "defer",
            Some("2026-11-30"),
        ),
        // 7 Dee: deferred without a date (pregnancy): never due by date.
        record("2026-11-05T10:00:00+01:00", Some("Dee"), "defer", None),
        // 8 Eve: review, not a defer.
        record("2026-11-05T11:00:00+01:00", Some("Eve"), "review", None),
    ]
    .concat()
}

#[test]
fn the_call_back_list_is_who_is_deferred_and_due_by_their_latest_screening() {
    let (_dir, file) = temp_file("r.ndjson", deferrals().as_bytes());
    assert_eq!(listed(&file, &["--due=2026-11-29"]), [] as [u64; 0]);
    assert_eq!(listed(&file, &["--due=2026-11-30"]), [6]);
    assert_eq!(listed(&file, &["--due=2026-12-01"]), [1, 6]);
    // Cy's second deferral, once it has arrived; Bob never (screened again).
    assert_eq!(listed(&file, &["--due=2027-01-15"]), [1, 5, 6]);
    // The default date is today: every deferral here has arrived by a test run in 2027.
    let run = prescreen(["records", "--due"]).arg(&file).run().status(0);
    let today = chrono::Local::now().date_naive().to_string();
    let expected = if today.as_str() >= "2027-01-15" {
        "3 screenings"
    } else if today.as_str() >= "2026-12-01" {
        "2 screenings"
    } else {
        "screening"
    };
    assert!(run.stdout.contains(expected), "{}", run.stdout);
    let text = prescreen(["records", "--due=2026-12-01"])
        .arg(&file)
        .run()
        .status(0)
        .stderr_empty()
        .stdout;
    assert_eq!(
        text,
        "\
TIME              REFERENCE              STAFF     VERDICT        ELIGIBLE FROM
2026-11-01 10:00  Ann                    JD        defer          2026-12-01
2026-11-04 10:00  -                      JD        defer          2026-11-30
2 screenings: 0 candidate, 0 review, 2 defer, 0 not_candidate
"
    );
    // The call-back list is not combined with the other filters.
    for other in [["--verdict", "defer"], ["--on", "2026-11-01"]] {
        prescreen(["records", "--due"])
            .arg(&file)
            .args(other)
            .run()
            .status(2)
            .stderr_has("cannot be used with");
    }
}

#[test]
fn a_torn_line_is_named_by_its_number_and_skipped() {
    let week = week();
    let mut lines: Vec<&str> = week.lines().collect();
    let torn_late = &lines[1][..lines[1].len() - 40];
    let cut = "{\"schema_version\":1,\"recorded_at\":\"2026-11-22T1";
    lines[1] = torn_late;
    lines.insert(3, cut);
    lines.insert(4, "{\"schema_version\":1,\"rec");
    let mut text = lines.join("\n");
    text.push('\n');
    let (_dir, file) = temp_file("r.ndjson", text.as_bytes());
    for format in ["text", "json", "csv"] {
        let run = prescreen(["records", "--format", format])
            .arg(&file)
            .run()
            .status(0);
        assert_eq!(
            run.stderr.lines().take(3).collect::<Vec<_>>(),
            [
                "prescreen: line 2 skipped: cut short or not JSON (a torn record)",
                "prescreen: line 4 skipped: cut short or not JSON (a torn record)",
                "prescreen: line 5 skipped: cut short or not JSON (a torn record)",
            ],
            "{format}"
        );
        // Health data never goes to stderr.
        assert!(!run.stderr.contains("Bob") && !run.stderr.contains("2026"));
        assert!(!run.stdout.contains("Bob"), "{format}");
        assert!(run.stdout.contains("Cy"), "{format}");
    }
    let run = prescreen(["records", "--format", "json"]).arg(&file).run();
    let doc = valid_json(&run.stdout);
    assert_eq!(listed_lines(&doc), [1, 3, 6]);
    assert_eq!(doc["skipped_lines"], 3);
}

#[test]
fn a_torn_last_line_without_its_newline_is_skipped_too() {
    let mut text = week();
    text.push_str("{\"schema_version\":1,\"recorded_at\":\"2026-11-2");
    let (_dir, file) = temp_file("r.ndjson", text.as_bytes());
    prescreen(["records"])
        .arg(&file)
        .run()
        .status(0)
        .stderr("prescreen: line 5 skipped: cut short or not JSON (a torn record)\n")
        .stdout_has("\n4 screenings:");
}

#[test]
fn what_is_not_a_record_file_is_refused_and_a_missing_one_cannot_be_read() {
    let (_dir, notes) = temp_file("notes.json", b"{\"pregnant\": true}\n");
    prescreen(["records"])
        .arg(&notes)
        .run()
        .status(66)
        .stdout("")
        .stderr_has("is not a record file");
    prescreen(["records", "/nonexistent/r.ndjson"])
        .run()
        .status(66)
        .stderr("prescreen: error: cannot read record file `/nonexistent/r.ndjson`: no such file or directory\n");
    let (_dir, empty) = temp_file("empty.ndjson", b"");
    prescreen(["records"])
        .arg(&empty)
        .run()
        .status(0)
        .stdout("0 screenings: 0 candidate, 0 review, 0 defer, 0 not_candidate\n");
    let run = prescreen(["records", "--format", "json"])
        .arg(&empty)
        .run()
        .status(0);
    assert_eq!(listed_lines(&valid_json(&run.stdout)), [] as [u64; 0]);
}

#[test]
fn stdin_is_read_with_a_dash() {
    prescreen(["records", "-", "--verdict", "defer"])
        .stdin(week())
        .run()
        .status(0)
        .stdout_has("Cy ")
        .stdout_has("\n1 screening: 0 candidate, 0 review, 1 defer, 0 not_candidate\n");
}

/// Parses CSV as RFC 4180 says (quoted fields, doubled quotes, CRLF records).
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let (mut row, mut field) = (Vec::new(), String::new());
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') if field.is_empty() => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {
                assert_eq!(chars.next(), Some('\n'), "CR without LF");
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => {
                assert!(c != '\n', "a bare LF ends a record");
                field.push(c);
            }
        }
    }
    assert!(
        row.is_empty() && field.is_empty(),
        "the last record ends with CRLF"
    );
    rows
}

/// References a spreadsheet would mangle or run.
const AWKWARD: [&str; 5] = [
    "Lee, Ann",
    "Ann \"Annie\" Lee",
    "=HYPERLINK(\"http://x\",\"y\")",
    "+44 20 7946 0000",
    "@SUM(A1)",
];

#[test]
fn csv_is_rfc_4180_with_formulas_disarmed_and_counts_on_stderr() {
    let text: String = AWKWARD
        .iter()
        .enumerate()
        .map(|(i, r)| record(&format!("2026-11-23T1{i}:00:00Z"), Some(r), "review", None))
        .collect();
    let (_dir, file) = temp_file("r.ndjson", text.as_bytes());
    let run = prescreen(["records", "--format", "csv"])
        .arg(&file)
        .run()
        .status(0)
        .stderr("prescreen: 5 screenings: 0 candidate, 5 review, 0 defer, 0 not_candidate\n");
    let rows = parse_csv(&run.stdout);
    assert_eq!(
        rows[0],
        [
            "line",
            "recorded_at",
            "reference",
            "staff",
            "screened_on",
            "verdict",
            "eligible_from"
        ]
    );
    let references: Vec<&str> = rows[1..].iter().map(|r| r[2].as_str()).collect();
    assert_eq!(
        references,
        [
            "Lee, Ann",
            "Ann \"Annie\" Lee",
            "'=HYPERLINK(\"http://x\",\"y\")",
            "'+44 20 7946 0000",
            "'@SUM(A1)",
        ]
    );
    assert_eq!(
        rows[1],
        [
            "1",
            "2026-11-23T10:00:00Z",
            "Lee, Ann",
            "JD",
            "2026-11-23",
            "review",
            ""
        ]
    );
}

#[test]
fn past_a_hundred_skipped_lines_one_line_says_how_many() {
    let mut text = record("2026-11-23T10:00:00Z", Some("Ann"), "review", None);
    text.push_str(&"{\"schema_version\":1,\"recorded_at\":\"20\n".repeat(150));
    let (_dir, file) = temp_file("r.ndjson", text.as_bytes());
    let run = prescreen(["records"]).arg(&file).run().status(0);
    let stderr: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(stderr.len(), 101, "{}", run.stderr);
    assert_eq!(
        stderr[99],
        "prescreen: line 101 skipped: cut short or not JSON (a torn record)"
    );
    assert_eq!(
        stderr[100],
        "prescreen: 150 lines skipped in all (the first 100 named above)"
    );
    assert!(
        run.stdout
            .ends_with("\n1 screening: 0 candidate, 1 review, 0 defer, 0 not_candidate\n")
    );
}

#[test]
fn a_reader_that_stops_early_ends_the_listing_quietly() {
    use std::io::{BufRead, BufReader};
    let line = record("2026-11-23T10:00:00Z", Some("Ann"), "review", None);
    let (_dir, file) = temp_file("r.ndjson", line.repeat(50_000).as_bytes());
    let mut child = common::command(["records"])
        .arg(&file)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.starts_with("TIME"), "{first}");
    // The pipe is closed here, long before 50,000 rows are written.
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
