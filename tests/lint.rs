//! `prescreen rules lint`: one small broken rule file per message, under `tests/lint/`.
//! Every error must also stop the file from loading for screening (status 78, the same
//! message); warnings must not.

mod common;

use common::{prescreen, root};

/// Lints `tests/lint/<fixture>` and checks the whole report; then checks that loading
/// the same file for a screening refuses it with the same messages, or accepts it.
#[track_caller]
fn check(fixture: &str, errors: &[&str], warnings: &[&str]) {
    let path = format!("tests/lint/{fixture}");
    let mut expected = String::new();
    for (title, lines) in [("errors", errors), ("warnings", warnings)] {
        if !lines.is_empty() {
            expected.push_str(&format!("{title}:\n"));
            for line in lines {
                expected.push_str(&format!("{path}: {line}\n"));
            }
        }
    }
    let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
    if errors.is_empty() && warnings.is_empty() {
        expected.push_str(&format!("{path}: no problems found\n"));
    } else {
        expected.push_str(&format!(
            "{path}: {}, {}\n",
            plural(errors.len(), "error"),
            plural(warnings.len(), "warning")
        ));
    }
    let status = if errors.is_empty() { 0 } else { 78 };
    prescreen(["rules", "lint", &path])
        .current_dir(&root())
        .run()
        .status(status)
        .stdout(&expected)
        .stderr_empty();

    let answers = r#"{"flag": false, "procedure_time": "2026-11-23T14:00:00+01:00"}"#;
    let screening = prescreen(["screen", "--date", "2026-11-23", "--rules", &path])
        .current_dir(&root())
        .stdin(answers)
        .run();
    if errors.is_empty() {
        // Loads and screens: a verdict (an unused question may send it to review).
        let out = screening.stderr_empty();
        assert!([0, 4].contains(&out.status), "{fixture}: {out:?}");
    } else {
        let mut out = screening.status(78).stdout("");
        for line in errors {
            out = out.stderr_has(line);
        }
    }
}

#[test]
fn a_clean_file() {
    check("clean.json", &[], &[]);
}

#[test]
fn the_built_in_file_is_clean() {
    prescreen(["rules", "lint"])
        .run()
        .status(0)
        .stdout("rules/microneedling.json (built in): no problems found\n");
}

#[test]
fn malformed_json_with_line_and_column() {
    check(
        "malformed.json",
        &["trailing comma at line 5 column 1"],
        &[],
    );
}

#[test]
fn a_key_the_format_does_not_have() {
    check(
        "unknown-field.json",
        &[
            "unknown field `outcom`, expected one of `id`, `outcome`, `when`, `reason`, `rationale`, `eligible_from` at line 36 column 14",
        ],
        &[],
    );
}

#[test]
fn duplicate_question_id() {
    check(
        "duplicate-question-id.json",
        &["questions.flag: duplicate question id `flag`"],
        &[],
    );
}

#[test]
fn duplicate_rule_id() {
    check(
        "duplicate-rule-id.json",
        &["rules.flag: duplicate rule id `flag`"],
        &[],
    );
}

#[test]
fn unknown_question_in_a_condition() {
    check(
        "unknown-question.json",
        &["rules.flag.when.is: unknown question `flagg`"],
        &[
            "questions.flag: screening question `flag` is not used by any rule: its answer changes nothing",
        ],
    );
}

#[test]
fn a_date_rule_on_a_boolean_question() {
    check(
        "date-rule-on-boolean.json",
        &["rules.flag.when.within_days: `flag` is a boolean question, not a date question"],
        &[],
    );
}

#[test]
fn a_value_of_the_wrong_type() {
    check(
        "wrong-value-type.json",
        &["rules.flag.when.is: `flag` is a boolean question: the value must be true or false"],
        &[],
    );
}

#[test]
fn a_choice_value_that_is_not_an_option() {
    check(
        "choice-value-not-an-option.json",
        &[
            "rules.flag.when.all[1].is: `area` is a choice question: the value must be one of `face`, `body`",
        ],
        &[],
    );
}

#[test]
fn eligible_from_on_a_question_that_is_not_a_date() {
    check(
        "eligible-from-not-a-date.json",
        &["rules.flag.eligible_from: `flag` is a boolean question, not a date question"],
        &[],
    );
}

#[test]
fn a_cycle_in_ask_if() {
    check(
        "ask-if-cycle.json",
        &["questions.flag.ask_if: ask_if conditions form a cycle: `flag` -> `detail` -> `flag`"],
        &[],
    );
}

#[test]
fn an_unknown_outcome() {
    check(
        "unknown-outcome.json",
        &[
            "unknown variant `maybe`, expected one of `review`, `defer`, `not_candidate` at line 28 column 24",
        ],
        &[],
    );
}

#[test]
fn an_unknown_window() {
    check(
        "unknown-window.json",
        &["unknown variant `first_week`, expected `first_24h` or `after_24h` at line 43 column 30"],
        &[],
    );
}

#[test]
fn an_undefined_parameter() {
    check(
        "undefined-parameter.json",
        &["rules.flag.when.all[1].within_days.days: parameter `flag_window_days` is not defined"],
        &[],
    );
}

#[test]
fn safety_a_documented_exclusion_is_missing() {
    check(
        "exclusion-missing.json",
        &[
            "rules: the documented exclusion `pregnancy` is missing: add the rule (outcome `defer` or stricter) or waive it under `waived` with a reason",
        ],
        &[],
    );
}

#[test]
fn safety_a_documented_exclusion_is_weaker_than_the_default() {
    check(
        "exclusion-weaker.json",
        &[
            "rules.pregnancy.outcome: the documented exclusion `pregnancy` must be `defer` or stricter, not `review` (or waive it under `waived` with a reason)",
        ],
        &[],
    );
}

#[test]
fn safety_a_documented_exclusion_never_fires() {
    check(
        "exclusion-never-fires.json",
        &[
            "rules.pregnancy.when: the documented exclusion `pregnancy` does not fire when `pregnant` is yes and every other screening question is no: fix its condition or waive it under `waived` with a reason",
        ],
        &[],
    );
}

#[test]
fn safety_a_waiver_needs_a_reason() {
    check(
        "waiver-without-reason.json",
        &["waived[0].reason: a waiver needs its reason in writing"],
        &[],
    );
}

#[test]
fn warning_a_screening_question_no_rule_uses() {
    check(
        "unused-screening-question.json",
        &[],
        &[
            "questions.spare: screening question `spare` is not used by any rule: its answer changes nothing",
        ],
    );
}

#[test]
fn warning_a_rule_that_can_never_fire() {
    check(
        "rule-never-fires.json",
        &[],
        &[
            "rules.flag.when: rule `flag` can never fire: no combination of answers makes its condition true",
        ],
    );
}

#[test]
fn warning_an_aftercare_item_that_can_never_hold() {
    check(
        "aftercare-never-holds.json",
        &[],
        &[
            "aftercare.items.shade.when: the condition of aftercare item `shade` can never hold: it shows only when an answer is unknown",
        ],
    );
}

#[test]
fn warning_an_empty_text() {
    check(
        "empty-text.json",
        &[],
        &["rules.flag.rationale: the text is empty"],
    );
}

#[test]
fn warning_an_unused_parameter() {
    check(
        "unused-parameter.json",
        &[],
        &["parameters.spare_days: parameter `spare_days` is not used"],
    );
}

#[test]
fn a_missing_file_is_unreadable_not_invalid() {
    prescreen(["rules", "lint", "/no/such/rules.json"])
        .run()
        .status(66)
        .stdout("")
        .stderr("prescreen: error: cannot read rule file `/no/such/rules.json`: no such file or directory\n");
}

#[test]
fn an_invalid_rules_option_file_is_linted_not_refused_up_front() {
    prescreen([
        "--rules",
        "tests/lint/unknown-question.json",
        "rules",
        "lint",
    ])
    .current_dir(&root())
    .run()
    .status(78)
    .stderr_empty()
    .stdout_has(
        "errors:\ntests/lint/unknown-question.json: rules.flag.when.is: unknown question `flagg`\n",
    )
    .stdout_has("warnings:\n");
}

#[test]
fn the_rules_option_names_the_file_too() {
    prescreen(["--rules", "tests/lint/empty-text.json", "rules", "lint"])
        .current_dir(&root())
        .run()
        .status(0)
        .stdout_has("tests/lint/empty-text.json: rules.flag.rationale: the text is empty\n");
}
