//! `prescreen aftercare`: the checklist on request, whatever the verdict.

mod common;

use common::{DAY, candidate, prescreen};
use serde_json::json;

#[test]
fn checklist_for_a_person_under_review() {
    let answers =
        candidate(json!({"other_skin_disease": true, "uses_alcohol_based_products": true}));
    let doc = prescreen(["aftercare", "--date", DAY])
        .stdin(answers.to_string())
        .run()
        .status(0)
        .stderr_empty()
        .json();
    assert_eq!(doc["procedure_time"], "2026-11-23T14:00:00+01:00");
    let ids = common::pluck(&doc["aftercare"], "id");
    assert!(ids.iter().any(|i| i == "pause_alcohol_products"), "{ids:?}");
    assert!(!ids.iter().any(|i| i == "makeup_wait"), "{ids:?}");
    assert!(
        doc.get("verdict").is_none(),
        "no verdict: this is not a screening"
    );
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
    prescreen(["aftercare", "--format", "text"])
        .stdin(answers.to_string())
        .run()
        .status(0)
        .stdout_has("Aftercare: the first 24 hours (Thu 31 Dec 23:30 until Fri 1 Jan 23:30)")
        .stdout_has(
            "  [ ] Keep the treated skin out of direct sunlight.\n      until Fri 1 Jan 23:30\n",
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
