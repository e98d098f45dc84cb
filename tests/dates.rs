//! Dates and answers that mean what they say: screening judged on the procedure's own
//! date, contradictions, far-off and past procedures, and patient-facing words. One
//! test per finding of issue 10 (the others are in aftercare.rs, batch.rs, screen.rs
//! and questionnaire.rs).
#![allow(clippy::unwrap_used)] // test helpers: a failure is the report

mod common;

use common::{DAY, candidate, prescreen, root};
use serde_json::{Value, json};

fn screen(answers: &Value, args: &[&str]) -> common::Outcome {
    prescreen(["screen"].iter().chain(args))
        .stdin(answers.to_string())
        .run()
}

#[test]
fn a_procedure_tonight_in_honolulu_is_judged_on_its_own_date() {
    // 364 days after radiation ended, tonight in Honolulu (06:00 UTC the next day).
    let answers = candidate(json!({
        "radiation_therapy": true, "radiation_end_date": "2025-11-24",
        "procedure_time": "2026-11-23T20:00:00-10:00"
    }));
    // The same result whatever zone the machine is in: only --date and the answers count.
    let mut results = Vec::new();
    for tz in ["Pacific/Honolulu", "Pacific/Kiritimati", "UTC"] {
        let out = prescreen(["screen", "--date", DAY])
            .env("TZ", tz)
            .stdin(answers.to_string())
            .run()
            .status(3);
        results.push(out.stdout.clone());
        let doc = out.json();
        assert_eq!(doc["verdict"], "defer");
        assert_eq!(doc["eligible_from"], "2026-11-24");
        assert_eq!(doc["screened_on"], DAY);
        assert_eq!(doc["judged_on"], "2026-11-23");
    }
    assert!(results.windows(2).all(|w| w[0] == w[1]));
    // Screened on the 24th (a machine a day ahead): the procedure's own date has passed.
    screen(&answers, &["--date", "2026-11-24"])
        .status(65)
        .stdout("")
        .stderr(
            "prescreen: error: invalid answers in stdin: answer `procedure_time` is on a date before the screening date 2026-11-24: a screening is for a procedure on or after the day it is done\n",
        );
}

#[test]
fn a_date_a_year_off_no_longer_clears_a_recent_radiation() {
    // Radiation ended 23 days before the procedure.
    let answers = candidate(json!({
        "radiation_therapy": true, "radiation_end_date": "2026-10-31"
    }));
    // A year later: the procedure is in the past.
    screen(&answers, &["--date", "2027-11-23"])
        .status(65)
        .stderr_has("answer `procedure_time` is on a date before the screening date 2027-11-23");
    // A year earlier: judged on the procedure's date (deferred), and too far ahead.
    let out = screen(&answers, &["--date", "2025-11-23"]).status(3);
    let doc = out.json();
    assert_eq!(doc["verdict"], "defer");
    assert_eq!(doc["judged_on"], "2026-11-23");
    assert_eq!(doc["aftercare"], json!([]));
    assert_eq!(
        common::pluck(&doc["reasons"], "rule"),
        ["recent_radiation", "screen_again"]
    );
    screen(&answers, &["--date", "2025-11-23", "--format", "text"])
        .status(3)
        .stdout_has("‖ DEFER: not yet; can be considered later (eligible from 2027-10-31)\n")
        .stdout_has("Screened on 2025-11-23 for a procedure on 2026-11-23\n")
        .stdout_lacks("CANDIDATE")
        .stdout_lacks("Aftercare");
}

#[test]
fn procedure_times_far_off_are_refused_or_sent_to_review() {
    screen(
        &candidate(json!({"procedure_time": "1900-01-01T10:00:00+00:00"})),
        &["--date", DAY],
    )
    .status(65)
    .stderr_has("`procedure_time`");
    let far = candidate(json!({"procedure_time": "2028-01-10T10:00:00+01:00"}));
    let doc = screen(&far, &["--date", DAY]).status(4).json();
    assert_eq!(doc["verdict"], "review");
    assert_eq!(doc["reasons"][0]["rule"], "screen_again");
    assert_eq!(doc["judged_on"], "2028-01-10");
    screen(&far, &["--date", DAY, "--format", "text"])
        .status(4)
        .stdout_has("Screened on 2026-11-23 for a procedure on 2028-01-10\n")
        .stdout_has("Screen\n    again closer to the date.");
    // 30 days ahead is still within the default screening_valid_days.
    let near = candidate(json!({"procedure_time": "2026-12-23T10:00:00+01:00"}));
    screen(&near, &["--date", DAY, "--format", "text"])
        .status(0)
        .stdout_has("From Wed 23 Dec 2026 10:00 until Thu 24 Dec 2026 10:00 UTC+01:00\n");
}

#[test]
fn contradictory_answers_go_to_review_naming_both() {
    for end in ["2026-11-20", "2999-01-01"] {
        let answers = candidate(json!({"radiation_therapy": false, "radiation_end_date": end}));
        let doc = screen(&answers, &["--date", DAY]).status(4).json();
        assert_eq!(doc["verdict"], "review", "{end}");
        assert_eq!(
            doc["reasons"][0],
            json!({
                "rule": "contradiction", "outcome": "review",
                "message": "These answers contradict each other: one was given to a question that the other rules out. A health professional at the clinic needs to go over both.",
                "question": "radiation_end_date", "against": "radiation_therapy"
            })
        );
        screen(&answers, &["--date", DAY, "--format", "text"])
            .status(4)
            .stdout_has(
                "    “Have you ever had radiation therapy (radiotherapy), or are you having it\n    now?” no\n",
            )
            .stdout_has(&format!(
                "    “On what date did your radiation therapy end? If it is still going on,\n    give the planned last day.” {end}\n"
            ));
    }
}

#[test]
fn a_tailored_item_brought_in_by_not_sure_says_so() {
    let answers = candidate(json!({"wears_makeup": null}));
    let out = screen(&answers, &["--date", DAY, "--format", "text"]).status(0);
    out.stdout_has(
        "      why: You were not sure about “Do you usually wear makeup on the treated\n      area?”, so this is included to be safe.\n",
    )
    .stdout_lacks("You usually wear makeup on the treated area.");
    let doc = screen(&answers, &["--date", DAY]).status(0).json();
    let item = doc["aftercare"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "makeup_wait")
        .unwrap();
    assert_eq!(
        item["why"],
        "You were not sure about “Do you usually wear makeup on the treated area?”, so this is included to be safe."
    );
}

#[test]
fn patient_facing_outputs_use_words_never_ids() {
    let answers = candidate(json!({
        "radiation_therapy": true, "radiation_end_date": "2026-06-01", "pregnant": null
    }));
    for format in ["text", "markdown", "html"] {
        let out = screen(&answers, &["--date", DAY, "--format", format]).status(3);
        for id in [
            "recent_radiation",
            "unanswered",
            ": pregnant",
            "`pregnant`",
            "<code>pregnant",
        ] {
            assert!(
                !out.stdout.contains(id),
                "{format} shows {id}:\n{}",
                out.stdout
            );
        }
        out.stdout_has("Are you pregnant, or could you be?")
            .stdout_has("Microneedling is not advised soon after radiation therapy.");
    }
}

#[test]
fn the_built_in_aftercare_texts_agree_with_each_other() {
    // Once one item allowed non-comedogenic products in the first 24 hours and another
    // only products made for use after microneedling (the reference: only those).
    let doc = prescreen(["aftercare", "--date", DAY])
        .stdin(candidate(json!({})).to_string())
        .run()
        .status(0)
        .json();
    let first_day: Vec<&str> = doc["aftercare"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["window"] == "first_24h")
        .map(|i| i["text"].as_str().unwrap())
        .collect();
    assert!(
        first_day.iter().all(|t| !t.contains("non-comedogenic")),
        "{first_day:?}"
    );
    assert!(first_day[0].starts_with(
        "Put nothing on the treated skin unless it is made for use after microneedling."
    ));
    let rules = std::fs::read_to_string(root().join("rules/microneedling.json")).unwrap();
    assert!(!rules.contains("non-comedogenic"));
}

#[test]
fn an_example_with_an_unknown_procedure_time() {
    let path = root().join("rules/examples/candidate-procedure-time-unknown.json");
    let doc = prescreen(["screen", "--date", DAY, "--answers"])
        .arg(&path)
        .run()
        .status(0)
        .stderr_empty()
        .json();
    assert_eq!(doc["procedure_time"], Value::Null);
    assert!(
        doc["aftercare"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i.get("until").is_none())
    );
}
