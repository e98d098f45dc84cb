//! Errors and ids for scripts: every problem of a document at once, "did you mean",
//! `{"error": ...}` on stdout with `--format json`, keys that are not identifiers never
//! echoed, and ids echoed exactly as written.
#![allow(clippy::unwrap_used)] // test helpers: a failure is the report

mod common;

use common::{DAY, candidate, prescreen};
use serde_json::{Value, json};

/// The booking system's document from the issue: two typos after a good answer.
const TYPOS: &str = r#"{"pregnant":false,"pregant":true,"eczma":false}"#;

#[test]
fn every_problem_is_reported_at_once_with_did_you_mean() {
    prescreen(["screen", "--date", DAY])
        .stdin(TYPOS)
        .run()
        .status(65)
        .stdout("")
        .stderr(
            "prescreen: invalid answers in stdin: line 1, column 27: unknown answer key `pregant`; did you mean `pregnant`?\n\
             prescreen: invalid answers in stdin: line 1, column 40: unknown answer key `eczma`; did you mean `eczema`?\n\
             prescreen: error: invalid answers in stdin: 2 problems\n",
        );
}

#[test]
fn with_format_json_the_error_is_data_on_stdout_and_the_status_unchanged() {
    let out = prescreen(["screen", "--date", DAY, "--format", "json"])
        .stdin(TYPOS)
        .run()
        .status(65)
        .stderr_has("prescreen: error: invalid answers in stdin: 2 problems");
    let problem = |key: &str, column: u64, suggestion: &str| {
        json!({
            "code": "unknown_key",
            "message": format!("unknown answer key `{key}`; did you mean `{suggestion}`?"),
            "key": key, "path": null, "line": 1, "column": column, "suggestion": suggestion
        })
    };
    assert_eq!(
        out.json(),
        json!({"error": {
            "code": "invalid_answers",
            "message": "invalid answers in stdin: 2 problems",
            "key": "pregant", "line": 1, "column": 27, "suggestion": "pregnant",
            "problems": [problem("pregant", 27, "pregnant"), problem("eczma", 40, "eczema")]
        }})
    );
}

#[test]
fn errors_other_than_answers_are_data_too() {
    let cases: [(&[&str], &str, i32, &str); 3] = [
        (
            &[
                "--rules",
                "/nonexistent/rules.json",
                "screen",
                "--format",
                "json",
            ],
            "{}",
            66,
            "read_rules",
        ),
        (
            &[
                "screen",
                "--format",
                "json",
                "--answers",
                "/nonexistent/a.json",
            ],
            "",
            66,
            "read_answers",
        ),
        (
            &["aftercare", "--format", "json"],
            "[]",
            65,
            "invalid_answers",
        ),
    ];
    for (args, stdin, status, code) in cases {
        let out = prescreen(args).stdin(stdin).run().status(status);
        let doc = out.json();
        assert_eq!(doc["error"]["code"], code, "{args:?}");
        let message = doc["error"]["message"].as_str().unwrap();
        assert_eq!(out.stderr, format!("prescreen: error: {message}\n"));
    }
    // Without --format json, stdout stays empty: a terminal gets the sentence only.
    prescreen(["screen", "--date", DAY])
        .stdin("[]")
        .run()
        .status(65)
        .stdout("");
}

#[test]
fn stdout_holds_one_document_when_the_error_comes_after_the_result() {
    let out = prescreen([
        "screen",
        "--date",
        DAY,
        "--format",
        "json",
        "--out",
        "/nonexistent-dir/r.json",
    ])
    .stdin(candidate(json!({})).to_string())
    .run()
    .status(74)
    .stderr(
        "prescreen: error: cannot write `/nonexistent-dir/r.json`: no such file or directory\n",
    );
    assert_eq!(out.json()["verdict"], "candidate", "the result, alone");
}

#[test]
fn keys_that_are_not_identifiers_are_never_echoed_anywhere() {
    let doc = r#"{"HIV positive": true, "pregnant": false}"#;
    let out = prescreen(["screen", "--date", DAY, "--format", "json"])
        .stdin(doc)
        .run()
        .status(65)
        .stderr("prescreen: error: invalid answers in stdin: line 1, column 15: unknown answer key of 12 characters (not an identifier, so not shown)\n");
    assert!(!out.stdout.contains("HIV"), "{}", out.stdout);
    assert_eq!(out.json()["error"]["key"], Value::Null);
    let out = prescreen(["batch", "--date", DAY])
        .stdin(doc)
        .run()
        .status(65);
    assert!(!out.stdout.contains("HIV"), "{}", out.stdout);
    assert_eq!(out.json()["error"]["problems"][0]["code"], "unknown_key");
}

#[test]
fn a_null_id_is_no_id_and_a_numeric_id_comes_back_digit_for_digit() {
    let big = "123456789012345678901234567890";
    for id in [big, "1e400", "-0.50", "18446744073709551616"] {
        let input = candidate(json!({"pregnant": true})).to_string().replacen(
            '{',
            &format!("{{\"id\": {id}, "),
            1,
        );
        let out = prescreen(["screen", "--date", DAY, "--format", "json"])
            .stdin(input.clone())
            .run()
            .status(3);
        assert!(
            out.stdout.contains(&format!("\"id\": {id},")),
            "{id}: {}",
            out.stdout
        );
        let out = prescreen(["batch", "--date", DAY])
            .stdin(input.clone())
            .run()
            .status(0);
        assert!(
            out.stdout.contains(&format!("\"id\":{id},")),
            "{id}: {}",
            out.stdout
        );
        let dir = tempfile::tempdir().unwrap();
        let record = dir.path().join("r.jsonl");
        prescreen(["screen", "--date", DAY, "--format", "json", "--record"])
            .arg(&record)
            .stdin(input)
            .run()
            .status(3);
        let line = std::fs::read_to_string(&record).unwrap();
        assert!(line.contains(&format!("\"id\":{id},")), "{id}: {line}");
    }
    let out = prescreen(["screen", "--date", DAY, "--format", "json"])
        .stdin(candidate(json!({"id": null})).to_string())
        .run()
        .status(0);
    assert_eq!(out.json().get("id"), None, "null is no id");
}
