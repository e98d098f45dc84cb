//! `prescreen screen` on JSON answers: verdicts, reasons, dates, exit codes and formats.

mod common;

use common::{DAY, candidate, prescreen, root, temp_file};
use serde_json::json;

fn screen_json(answers: &serde_json::Value, day: &str) -> common::Outcome {
    prescreen(["screen", "--date", day])
        .stdin(answers.to_string())
        .run()
}

#[test]
fn every_example_gets_the_verdict_its_name_promises() {
    let mut seen = 0;
    for entry in std::fs::read_dir(root().join("rules/examples")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_str().unwrap().to_string();
        let expected = name.split('-').next().unwrap();
        let code = match expected {
            "candidate" => 0,
            "not_candidate" => 1,
            "defer" => 3,
            "review" => 4,
            other => panic!("example {name} does not start with a verdict ({other})"),
        };
        let out = prescreen(["screen", "--date", DAY, "--answers", path.to_str().unwrap()])
            .run()
            .status(code)
            .stderr_empty();
        assert_eq!(out.json()["verdict"], expected, "{name}");
        seen += 1;
    }
    assert!(seen >= 4, "an example for a candidate and each verdict");
}

#[test]
fn a_candidate_gets_the_full_result_document() {
    let out = prescreen(["screen", "--date", DAY, "--answers"])
        .run_with_example("candidate.json")
        .status(0)
        .stderr_empty();
    let doc = out.json();
    let sha = {
        let bytes = std::fs::read(root().join("rules/microneedling.json")).unwrap();
        common::sha256sum(&bytes)
    };
    assert_eq!(doc["schema_version"], 1);
    assert_eq!(doc["id"], "walk-in-0001");
    assert_eq!(doc["verdict"], "candidate");
    assert_eq!(doc["reasons"], json!([]));
    assert_eq!(doc["eligible_from"], json!(null));
    assert_eq!(doc["screened_on"], DAY);
    assert_eq!(doc["procedure_time"], "2026-11-23T14:00:00+01:00");
    assert_eq!(
        doc["rules"],
        json!({"name": "Microneedling candidacy screen", "version": "2026.11.0", "sha256": sha})
    );
    let ids = common::pluck(&doc["aftercare"], "id");
    assert_eq!(
        ids,
        [
            "no_unapproved_products_24h",
            "no_alcohol_based_products",
            "avoid_direct_sun",
            "makeup_wait",
            "outdoor_plan",
            "expected_redness",
            "soreness_moisturize",
            "warning_signs",
            "sunscreen_after",
            "back_to_normal",
            "results_and_next_session"
        ]
    );
    let item = |id: &str| {
        doc["aftercare"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["id"] == id)
            .unwrap()
            .clone()
    };
    assert_eq!(
        item("no_unapproved_products_24h")["until"],
        "2026-11-24T14:00:00+01:00"
    );
    assert_eq!(item("no_unapproved_products_24h")["window"], "first_24h");
    assert_eq!(
        item("makeup_wait")["because"],
        json!(["wears_makeup", "treatment_area"])
    );
    assert_eq!(
        item("outdoor_plan")["because"],
        json!(["outdoors_next_24h"])
    );
    assert_eq!(item("expected_redness").get("until"), None);
    assert_eq!(item("sunscreen_after")["window"], "after_24h");
}

trait WithExample {
    fn run_with_example(self, name: &str) -> common::Outcome;
}

impl WithExample for common::Test {
    fn run_with_example(self, name: &str) -> common::Outcome {
        let path = root().join("rules/examples").join(name);
        self.arg(path).run()
    }
}

#[test]
fn every_fired_rule_is_reported_and_the_worst_wins() {
    let answers = candidate(json!({"pregnant": true, "eczema": true, "other_skin_disease": true}));
    let doc = screen_json(&answers, DAY).status(1).json();
    assert_eq!(doc["verdict"], "not_candidate");
    let rules = common::pluck(&doc["reasons"], "rule");
    assert_eq!(rules, ["pregnancy", "eczema", "other_skin_disease"]);
    assert_eq!(doc["aftercare"], json!([]), "no checklist unless candidate");
}

#[test]
fn each_documented_exclusion_and_its_outcome() {
    let cases = [
        ("pregnant", "pregnancy", "defer", 3),
        ("eczema", "eczema", "not_candidate", 1),
        ("psoriasis", "psoriasis", "not_candidate", 1),
        ("scarring_history", "scarring_history", "not_candidate", 1),
        ("open_wounds", "open_wounds", "defer", 3),
        ("other_skin_disease", "other_skin_disease", "review", 4),
    ];
    for (question, rule, outcome, code) in cases {
        let doc = screen_json(&candidate(json!({ question: true })), DAY)
            .status(code)
            .json();
        assert_eq!(doc["verdict"], outcome, "{question}");
        assert_eq!(doc["reasons"][0]["rule"], rule, "{question}");
        assert_eq!(doc["reasons"][0]["outcome"], outcome, "{question}");
        assert!(
            doc["reasons"][0]["message"].as_str().unwrap().len() > 10,
            "{question}"
        );
        assert_eq!(
            doc["eligible_from"],
            json!(null),
            "{question}: no date for this exclusion"
        );
    }
}

#[test]
fn radiation_deferral_dates_and_boundaries() {
    // (end date, screening date, verdict, eligible_from)
    let cases = [
        ("2026-06-01", "2026-11-23", "defer", Some("2027-06-01")),
        ("2025-11-24", "2026-11-23", "defer", Some("2026-11-24")),
        ("2025-11-23", "2026-11-23", "candidate", None),
        ("2025-11-22", "2026-11-23", "candidate", None),
        ("2027-03-01", "2026-11-23", "defer", Some("2028-02-29")),
        ("2024-02-29", "2025-02-27", "defer", Some("2025-02-28")),
        ("2024-02-29", "2025-02-28", "candidate", None),
        ("2027-02-28", "2027-06-01", "defer", Some("2028-02-28")),
    ];
    for (end, day, verdict, eligible) in cases {
        // No procedure time: judged on the screening date.
        let answers = candidate(json!({
            "radiation_therapy": true, "radiation_end_date": end, "procedure_time": "<remove>"
        }));
        let out = screen_json(&answers, day);
        let doc = out.json();
        assert_eq!(doc["verdict"], verdict, "end {end}, screened {day}");
        assert_eq!(
            doc["eligible_from"],
            json!(eligible),
            "end {end}, screened {day}"
        );
        if let Some(date) = eligible {
            assert_eq!(doc["reasons"][0]["rule"], "recent_radiation");
            assert_eq!(doc["reasons"][0]["eligible_from"], date);
        }
    }
}

#[test]
fn a_deferral_without_a_date_clears_the_top_level_date() {
    let answers = candidate(
        json!({"radiation_therapy": true, "radiation_end_date": "2026-06-01", "open_wounds": true}),
    );
    let doc = screen_json(&answers, DAY).status(3).json();
    assert_eq!(doc["eligible_from"], json!(null));
    assert_eq!(doc["reasons"][1]["eligible_from"], "2027-06-01");
}

#[test]
fn missing_null_and_unasked_answers() {
    let cases = [
        (
            "null is not no",
            json!({"pregnant": null}),
            4,
            vec!["pregnant"],
        ),
        (
            "missing is not no",
            json!({"scarring_history": "<remove>"}),
            4,
            vec!["scarring_history"],
        ),
        (
            "end date needed after yes",
            json!({"radiation_therapy": true}),
            4,
            vec!["radiation_end_date"],
        ),
        (
            "end date after no: a contradiction, not ignored",
            json!({"radiation_therapy": false, "radiation_end_date": "2026-11-01"}),
            4,
            vec![],
        ),
    ];
    for (name, overrides, code, questions) in cases {
        let doc = screen_json(&candidate(overrides), DAY).status(code).json();
        let found: Vec<&str> = doc["reasons"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["rule"] == "unanswered")
            .map(|r| r["question"].as_str().unwrap())
            .collect();
        assert_eq!(found, questions, "{name}");
    }
    let doc = screen_json(&json!({}), DAY).status(4).json();
    assert_eq!(
        doc["reasons"].as_array().unwrap().len(),
        7,
        "every screening question but the end date"
    );
}

#[test]
fn id_is_echoed_as_given() {
    for id in [json!("A-17"), json!(17), json!(1.5)] {
        let doc = screen_json(&candidate(json!({ "id": id })), DAY)
            .status(0)
            .json();
        assert_eq!(doc["id"], id);
    }
    let doc = screen_json(&candidate(json!({})), DAY).status(0).json();
    assert_eq!(doc.get("id"), None, "no id given, none echoed");
}

#[test]
fn answers_come_from_a_file_dash_or_piped_stdin() {
    let answers = candidate(json!({"eczema": true})).to_string();
    let (_dir, path) = temp_file("a.json", answers.as_bytes());
    let from_file = prescreen(["screen", "--date", DAY, "--answers", path.to_str().unwrap()])
        .run()
        .status(1);
    let from_dash = prescreen(["screen", "--date", DAY, "--answers", "-"])
        .stdin(answers.clone())
        .run()
        .status(1);
    let from_pipe = prescreen(["screen", "--date", DAY])
        .stdin(answers)
        .run()
        .status(1);
    assert_eq!(from_file.stdout, from_dash.stdout);
    assert_eq!(from_dash.stdout, from_pipe.stdout);
}

#[test]
fn explain_lists_every_rule_with_its_answers() {
    let out = prescreen(["screen", "--date", DAY, "--explain"])
        .stdin(candidate(json!({})).to_string())
        .run()
        .status(0);
    let doc = out.json();
    let checked = doc["checked"].as_array().unwrap();
    assert_eq!(checked.len(), 7);
    assert_eq!(
        checked[0],
        json!({"rule": "pregnancy", "outcome": "defer", "status": "cleared", "answers": {"pregnant": false}})
    );
    assert_eq!(
        checked[5]["answers"],
        json!({"radiation_therapy": false, "radiation_end_date": null})
    );
    let plain = prescreen(["screen", "--date", DAY])
        .stdin(candidate(json!({})).to_string())
        .run()
        .json();
    assert_eq!(plain.get("checked"), None);

    let text = prescreen(["screen", "--date", DAY, "--explain", "--format", "text"])
        .stdin(candidate(json!({"eczema": true})).to_string())
        .run()
        .status(1);
    text.stdout_has("Checked")
        .stdout_has("  cleared    pregnancy           pregnant = no")
        .stdout_has("  fired      eczema              eczema = yes")
        .stdout_has("Why this rule: The source names skin diseases like eczema or psoriasis");
}

#[test]
fn text_output_for_a_candidate() {
    let out = prescreen(["screen", "--date", DAY, "--format", "text", "--answers"])
        .run_with_example("candidate.json")
        .status(0)
        .stderr_empty();
    assert!(
        out.stdout.starts_with("✓ CANDIDATE: can go ahead\n"),
        "{}",
        out.stdout
    );
    out.stdout_has("\nScreened on 2026-11-23 and judged on that date\n")
        .stdout_has("Aftercare: the first 24 hours\nFrom Mon 23 Nov 2026 14:00 until Tue 24 Nov 2026 14:00 UTC+01:00\n")
        .stdout_has(
            "  [ ] Keep the treated skin out of direct sunlight.\n      until Tue 24 Nov 2026 14:00\n",
        )
        .stdout_has("      why: You usually wear makeup on the treated area.")
        .stdout_has("After the first day (from Tue 24 Nov 2026 14:00 UTC+01:00)")
        .stdout_lacks("\x1b[");
}

#[test]
fn text_lines_fit_80_columns() {
    let out = prescreen(["screen", "--date", DAY, "--format", "text", "--explain"])
        .stdin(candidate(json!({"pregnant": null, "scarring_history": true})).to_string())
        .run()
        .status(1);
    for line in out.stdout.lines() {
        assert!(line.chars().count() <= 80, "too wide: {line:?}");
    }
    out.stdout_has("✗ NOT A CANDIDATE: not advised")
        .stdout_has("  - review\n    “Are you pregnant, or could you be?” not sure\n")
        .stdout_lacks("unanswered");
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let answers = candidate(json!({})).to_string();
    prescreen([
        "screen", "--date", DAY, "--format", "text", "--color", "always",
    ])
    .stdin(answers.clone())
    .run()
    .status(0)
    .stdout_has("\x1b[");
    prescreen(["screen", "--date", DAY, "--format", "text"])
        .stdin(answers.clone())
        .run()
        .stdout_lacks("\x1b[");
    prescreen([
        "screen", "--date", DAY, "--format", "text", "--color", "auto",
    ])
    .env("NO_COLOR", "1")
    .stdin(answers.clone())
    .run()
    .stdout_lacks("\x1b[");
    prescreen([
        "screen", "--date", DAY, "--format", "json", "--color", "always",
    ])
    .stdin(answers)
    .run()
    .stdout_lacks("\x1b[");
}

#[test]
fn markdown_is_a_printable_handout() {
    let out = prescreen(["screen", "--date", DAY, "--format", "markdown", "--answers"])
        .run_with_example("candidate.json")
        .status(0);
    out.stdout_has("# Microneedling (collagen induction therapy)\n")
        .stdout_has("**Verdict: CANDIDATE**: can go ahead\n")
        .stdout_has("## The first 24 hours\n\nFrom Mon 23 Nov 2026 14:00 until Tue 24 Nov 2026 14:00 UTC+01:00.")
        .stdout_has("- [ ] Keep the treated skin out of direct sunlight. *Until Tue 24 Nov 2026 14:00.*")
        .stdout_has("  - *Why:* You usually wear makeup on the treated area.")
        .stdout_has("## After the first day");
}

#[test]
fn json_is_the_default_when_stdout_is_not_a_terminal() {
    let out = prescreen(["screen", "--date", DAY])
        .stdin(candidate(json!({})).to_string())
        .run()
        .status(0);
    assert_eq!(out.json()["verdict"], "candidate");
}

#[test]
fn screening_date_defaults_to_today() {
    let out = prescreen(["screen"])
        .env("TZ", "UTC")
        .stdin(candidate(json!({"procedure_time": "<remove>"})).to_string())
        .run()
        .status(0);
    let today = chrono::Utc::now().date_naive().to_string();
    assert_eq!(out.json()["screened_on"], today);
}

#[test]
fn no_procedure_time_means_no_clock_times_and_no_reminders() {
    // Once "now" stood in: reminders counted from the moment of screening.
    let answers = candidate(json!({"procedure_time": null}));
    let (dir, _) = temp_file("unused", b"");
    let ics = dir.path().join("reminders.ics");
    let out = prescreen(["screen", "--date", DAY, "--ics"])
        .arg(&ics)
        .stdin(answers.to_string())
        .run()
        .status(0)
        .stderr_has("prescreen: no reminders written to `")
        .stderr_has("the procedure time is not known, so no reminder can be timed");
    assert!(!ics.exists());
    let doc = out.json();
    assert_eq!(doc["procedure_time"], json!(null));
    assert_eq!(doc["judged_on"], DAY);
    let items = doc["aftercare"].as_array().unwrap();
    assert!(items.len() >= 6);
    assert!(items.iter().all(|i| i.get("until").is_none()), "{doc}");
    for format in ["text", "markdown", "html"] {
        prescreen(["screen", "--date", DAY, "--format", format])
            .stdin(answers.to_string())
            .run()
            .status(0)
            .stdout_has(
                "or the first 24 hours after the procedure (the procedure time was not given",
            )
            .stdout_lacks("until Tue")
            .stdout_lacks("Until ");
    }
}

#[test]
fn usage_errors_exit_2() {
    prescreen(["screen", "--date", "2026-02-30"])
        .run()
        .status(2)
        .stderr_has("not a real date");
    prescreen(["screen", "--format", "pdf"]).run().status(2);
    prescreen(["screen", "--no-such-flag"]).run().status(2);
    prescreen(Vec::<&str>::new()).run().status(2);
}

#[test]
fn help_documents_the_exit_codes() {
    prescreen(["--help"])
        .run()
        .status(0)
        .stdout_has("Exit status:")
        .stdout_has("78  invalid rule file");
    prescreen(["--version"])
        .run()
        .status(0)
        .stdout_has("prescreen ");
}

#[test]
fn out_picks_the_format_from_the_extension_and_writes_privately() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        ("result.json", "{\n  \"schema_version\": 1,"),
        ("sheet.html", "<!DOCTYPE html>"),
        (
            "handout.md",
            "# Microneedling (collagen induction therapy)\n",
        ),
        ("result.txt", "✓ CANDIDATE: can go ahead\n"),
        (
            "no-extension",
            "# Microneedling (collagen induction therapy)\n",
        ),
    ];
    for (name, start) in cases {
        let path = dir.path().join(name);
        prescreen(["screen", "--date", DAY, "--out", path.to_str().unwrap()])
            .stdin(candidate(json!({})).to_string())
            .run()
            .status(0)
            .stderr_empty();
        let written = std::fs::read_to_string(&path).unwrap();
        assert!(written.starts_with(start), "{name}: {written}");
        assert!(!written.contains('\x1b'), "{name}: no colour in files");
        assert_eq!(
            std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o600,
            "{name}"
        );
    }
    let unwritable = dir.path().join("missing").join("x.md");
    prescreen([
        "screen",
        "--date",
        DAY,
        "--out",
        unwritable.to_str().unwrap(),
    ])
    .stdin(candidate(json!({})).to_string())
    .run()
    .status(74)
    .stderr_has("cannot write `");
}
