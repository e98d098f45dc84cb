//! Bad input: one clear line on stderr naming what is wrong (never an answer value),
//! nothing on stdout, and the documented exit status.

mod common;

use common::{DAY, candidate, prescreen, temp_file};
use serde_json::json;

#[track_caller]
fn refused(input: &str, status: i32, message: &str) {
    let out = prescreen(["screen", "--date", DAY])
        .stdin(input)
        .run()
        .status(status)
        .stdout("");
    assert_eq!(out.stderr.lines().count(), 1, "one line: {}", out.stderr);
    assert_eq!(out.stderr.trim_end(), message, "input: {input}");
}

#[test]
fn each_kind_of_bad_answers_document() {
    let cases = [
        (
            r#"{"pregant": true}"#,
            "prescreen: error: invalid answers in stdin: line 1, column 10: unknown answer key `pregant`; did you mean `pregnant`?",
        ),
        (
            r#"{"pregnant": "no"}"#,
            "prescreen: error: invalid answers in stdin: line 1, column 17: answer `pregnant` must be true, false or null",
        ),
        (
            r#"{"radiation_end_date": "2026-02-30"}"#,
            "prescreen: error: invalid answers in stdin: line 1, column 35: answer `radiation_end_date` is not a real date as YYYY-MM-DD between 1900 and 2999",
        ),
        (
            r#"{"treatment_area": "scalp"}"#,
            "prescreen: error: invalid answers in stdin: line 1, column 26: answer `treatment_area` must be one of `face`, `neck`, `body`",
        ),
        (
            r#"{"procedure_time": "tomorrow"}"#,
            "prescreen: error: invalid answers in stdin: line 1, column 29: answer `procedure_time` is not a date and time as YYYY-MM-DDTHH:MM[:SS] with an offset (Z or +HH:MM)",
        ),
        (
            r#"{"eczema": true, "eczema": false}"#,
            "prescreen: error: invalid answers in stdin: line 1, column 25: answer `eczema` is given twice",
        ),
        (
            r#"{"id": [1]}"#,
            "prescreen: error: invalid answers in stdin: line 1, column 10: `id` must be a string, a number or null",
        ),
        (
            r#"[{"pregnant": false}]"#,
            "prescreen: error: invalid answers in stdin: answers must be one JSON object ({\"question_id\": answer, ...})",
        ),
        (
            "true",
            "prescreen: error: invalid answers in stdin: answers must be one JSON object ({\"question_id\": answer, ...})",
        ),
        (
            "",
            "prescreen: error: invalid answers in stdin: no answers: the input is empty",
        ),
        (
            "{\n  \"pregnant\": false,\n  \"eczema\": fals\n}",
            "prescreen: error: invalid answers in stdin: line 3, column 17: not valid JSON: expected ident",
        ),
        (
            r#"{"pregnant": false"#,
            "prescreen: error: invalid answers in stdin: line 1, column 18: not valid JSON: EOF while parsing an object",
        ),
        (
            r#"{"pregnant": false} {}"#,
            "prescreen: error: invalid answers in stdin: line 1, column 21: not valid JSON: trailing characters",
        ),
    ];
    for (input, message) in cases {
        refused(input, 65, message);
    }
}

#[test]
fn values_never_reach_stderr() {
    let secrets = [
        json!({"pregnant": "maybe-secret"}),
        json!({"radiation_end_date": "1999-99-99"}),
        json!({"treatment_area": "secret-area"}),
        json!({"procedure_time": "secret"}),
    ];
    for doc in secrets {
        let out = prescreen(["screen", "--date", DAY])
            .stdin(doc.to_string())
            .run()
            .status(65);
        for fragment in ["secret", "1999"] {
            out.stderr
                .contains(fragment)
                .then(|| panic!("stderr leaks a value: {}", out.stderr));
        }
    }
}

#[test]
fn non_utf8_input_is_refused() {
    prescreen(["screen", "--date", DAY])
        .stdin(b"{\"pregnant\": \"\xff\xfe\"}".to_vec())
        .run()
        .status(65)
        .stderr("prescreen: error: invalid answers in stdin: the input is not UTF-8 text\n");
}

#[test]
fn unreadable_answers_file_exits_66() {
    prescreen(["screen", "--answers", "/no/such/answers.json"])
        .run()
        .status(66)
        .stdout("")
        .stderr("prescreen: error: cannot read answers from `/no/such/answers.json`: no such file or directory\n");
    let dir = tempfile::tempdir().unwrap();
    prescreen(["screen", "--answers", dir.path().to_str().unwrap()])
        .run()
        .status(66)
        .stderr_has("cannot read answers from");
}

#[test]
fn unreadable_rule_file_exits_66() {
    prescreen(["screen", "--rules", "/no/such/rules.json"])
        .stdin(candidate(json!({})).to_string())
        .run()
        .status(66)
        .stderr("prescreen: error: cannot read rule file `/no/such/rules.json`: no such file or directory\n");
}

#[test]
fn invalid_rule_file_exits_78_listing_every_problem() {
    let mut rules: serde_json::Value = serde_json::from_slice(
        &std::fs::read(common::root().join("rules/microneedling.json")).unwrap(),
    )
    .unwrap();
    rules["rules"][0]["when"] = json!({"is": {"answer": "pregant", "value": true}});
    rules["rules"][1]["when"] = json!({"is": {"answer": "eczema", "value": "yes"}});
    let (_dir, path) = temp_file("rules.json", rules.to_string().as_bytes());
    let p = path.display().to_string();
    prescreen(["screen", "--rules", &p]).stdin(candidate(json!({})).to_string()).run().status(78).stdout("").stderr(&format!(
        "prescreen: {p}: rules.pregnancy.when.is: unknown question `pregant`\n\
         prescreen: {p}: rules.eczema.when.is: `eczema` is a boolean question: the value must be true or false\n\
         prescreen: error: invalid rule file `{p}`: 2 problems\n"
    ));
    let (_dir, path) = temp_file("broken.json", b"{\"format\": 1,\n \"name\": }");
    prescreen(["screen", "--rules", path.to_str().unwrap()])
        .stdin("{}")
        .run()
        .status(78)
        .stderr_has("invalid rule file")
        .stderr_has("line 2 column 10");
}

#[test]
fn a_terminal_without_answers_is_a_usage_error_not_a_hang() {
    // stdin here is /dev/null, not a terminal: empty input is refused as such.
    prescreen(["screen"])
        .run()
        .status(65)
        .stderr_has("the input is empty");
}
