//! `prescreen aftercare`: the checklist for a candidate; for any other verdict the
//! verdict and its reasons, unless a clinician gives the go-ahead.
#![allow(clippy::unwrap_used)] // test helpers: a failure is the report

mod common;

use common::{DAY, candidate, prescreen, temp_file};
use serde_json::json;

#[test]
fn a_verdict_other_than_candidate_shows_the_verdict_and_no_checklist() {
    // Pregnant with eczema: once printed a checklist and reminders with status 0.
    let answers = candidate(json!({"pregnant": true, "eczema": true}));
    let (dir, _) = temp_file("unused", b"");
    let ics = dir.path().join("r.ics");
    let out = prescreen(["aftercare", "--date", DAY, "--format", "text", "--ics"])
        .arg(&ics)
        .stdin(answers.to_string())
        .run()
        .status(1)
        .stdout_has("✗ NOT A CANDIDATE: not advised")
        .stdout_has("Microneedling is not advised during pregnancy.")
        .stdout_has("Microneedling is not advised for people with eczema.")
        .stdout_lacks("Aftercare")
        .stdout_lacks("[ ]")
        .stderr_has("no reminders written to")
        .stderr_has(
            "prescreen: no checklist: the verdict is `not_candidate`; a clinician's go-ahead (--go-ahead-by INITIALS) is needed for one",
        );
    assert!(!ics.exists(), "no reminders without a go-ahead");
    drop(out);
}

#[test]
fn a_go_ahead_gives_the_checklist_with_the_verdict_and_who_gave_it() {
    let answers =
        candidate(json!({"other_skin_disease": true, "uses_alcohol_based_products": true}));
    // Without a go-ahead: the verdict's status and reasons only.
    let doc = prescreen(["aftercare", "--date", DAY])
        .stdin(answers.to_string())
        .run()
        .status(4)
        .json();
    assert_eq!(doc["verdict"], "review");
    assert_eq!(doc["aftercare"], json!([]));

    let (dir, _) = temp_file("unused", b"");
    let record = dir.path().join("records.ndjson");
    let doc = prescreen([
        "aftercare",
        "--date",
        DAY,
        "--go-ahead-by",
        "DrK",
        "--record",
    ])
    .arg(&record)
    .stdin(answers.to_string())
    .run()
    .status(0)
    .stderr_empty()
    .json();
    assert_eq!(doc["procedure_time"], "2026-11-23T14:00:00+01:00");
    assert_eq!(doc["verdict"], "review");
    assert_eq!(doc["go_ahead_by"], "DrK");
    assert_eq!(doc["reasons"][0]["rule"], "other_skin_disease");
    let ids = common::pluck(&doc["aftercare"], "id");
    assert!(ids.iter().any(|i| i == "pause_alcohol_products"), "{ids:?}");
    assert!(!ids.iter().any(|i| i == "makeup_wait"), "{ids:?}");
    let line: serde_json::Value =
        serde_json::from_str(std::fs::read_to_string(&record).unwrap().trim()).unwrap();
    assert_eq!(line["verdict"], "review");
    assert_eq!(line["go_ahead_by"], "DrK");

    prescreen([
        "aftercare",
        "--date",
        DAY,
        "--go-ahead-by",
        "DrK",
        "--format",
        "text",
    ])
    .stdin(answers.to_string())
    .run()
    .status(0)
    .stdout_has("? REVIEW: a clinician must decide before going ahead\n")
    .stdout_has(
        "Go-ahead for the procedure given by DrK (screened on 2026-11-23 and judged on that date).",
    )
    .stdout_has("Another skin condition was mentioned")
    .stdout_has("Aftercare: the first 24 hours\n");
}

#[test]
fn unknown_tailoring_answers_bring_their_items_in() {
    let answers = candidate(json!({"wears_makeup": null, "outdoors_next_24h": "<remove>"}));
    let doc = prescreen(["screen", "--date", DAY])
        .stdin(answers.to_string())
        .run()
        .status(0)
        .json();
    let ids = common::pluck(&doc["aftercare"], "id");
    assert!(
        ids.iter().any(|i| i == "makeup_wait") && ids.iter().any(|i| i == "outdoor_plan"),
        "{ids:?}"
    );
}

#[test]
fn text_checklist_with_clock_times_in_the_procedure_offset() {
    let answers = candidate(json!({"procedure_time": "2026-12-31T23:30:00-05:00"}));
    prescreen(["aftercare", "--format", "text", "--date", "2026-12-30"])
        .stdin(answers.to_string())
        .run()
        .status(0)
        .stdout_has(
            "Aftercare: the first 24 hours\nFrom Thu 31 Dec 2026 23:30 until Fri 1 Jan 2027 23:30 UTC-05:00\n",
        )
        .stdout_has(
            "  [ ] Keep the treated skin out of direct sunlight.\n      until Fri 1 Jan 2027 23:30\n",
        );
}

#[test]
fn aftercare_still_validates_answers() {
    prescreen(["aftercare"])
        .stdin(r#"{"wears_makeup": "yes"}"#)
        .run()
        .status(65)
        .stdout("")
        .stderr_has("`wears_makeup`");
}
