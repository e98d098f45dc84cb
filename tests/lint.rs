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
            "rules.pregnancy.when: the documented exclusion `pregnancy` does not fire for every answer that gives it: fix its condition or waive it under `waived` with a reason; counter-example, screened on 2026-01-01: {\"flag\":false,\"pregnant\":true}",
        ],
        &[],
    );
}

#[test]
fn safety_a_waiver_needs_a_reason() {
    check(
        "waiver-without-reason.json",
        &[
            "waived[0].reason: a waiver needs its reason in writing (visible letters, not only blanks or invisible characters)",
            "rules: the documented exclusion `pregnancy` is missing: add the rule (outcome `defer` or stricter) or waive it under `waived` with a reason",
        ],
        &[],
    );
}

/// The pregnancy rule also needs "no radiation therapy": a pregnant person who had radiation is let through.
#[test]
fn safety_a_conjunction_with_another_answer() {
    check(
        "safety-conjunction.json",
        &[
            "rules.pregnancy.when: the documented exclusion `pregnancy` does not fire for every answer that gives it: fix its condition or waive it under `waived` with a reason; counter-example, screened on 2026-01-01: {\"eczema\":false,\"open_wounds\":false,\"other_skin_disease\":false,\"pregnant\":true,\"psoriasis\":false,\"radiation_therapy\":true,\"scarring_history\":false}",
        ],
        &[],
    );
}

/// Eczema written with `not`/`any` so that another yes switches it off.
#[test]
fn safety_not_and_any_around_an_exclusion() {
    check(
        "safety-any-not.json",
        &[
            "rules.eczema.when: the documented exclusion `eczema` does not fire for every answer that gives it: fix its condition or waive it under `waived` with a reason; counter-example, screened on 2026-01-01: {\"eczema\":true,\"open_wounds\":false,\"other_skin_disease\":true,\"pregnant\":false,\"psoriasis\":false,\"radiation_therapy\":false,\"scarring_history\":false}",
        ],
        &[],
    );
}

/// Open wounds written as "not (no wounds, or another skin disease)".
#[test]
fn safety_an_exclusion_written_as_a_negation() {
    check(
        "safety-not-any.json",
        &[
            "rules.open_wounds.when: the documented exclusion `open_wounds` does not fire for every answer that gives it: fix its condition or waive it under `waived` with a reason; counter-example, screened on 2026-01-01: {\"eczema\":false,\"open_wounds\":true,\"other_skin_disease\":true,\"pregnant\":false,\"psoriasis\":false,\"radiation_therapy\":false,\"scarring_history\":false}",
        ],
        &[],
    );
}

/// A new age question: pregnancy only under 50. The boundary itself is the counter-example.
#[test]
fn safety_a_new_number_question_the_exclusion_depends_on() {
    check(
        "safety-new-number-question.json",
        &[
            "rules.pregnancy.when: the documented exclusion `pregnancy` does not fire for every answer that gives it: fix its condition or waive it under `waived` with a reason; counter-example, screened on 2026-01-01: {\"age\":50.0,\"eczema\":false,\"open_wounds\":false,\"other_skin_disease\":false,\"pregnant\":true,\"psoriasis\":false,\"radiation_therapy\":false,\"scarring_history\":false}",
        ],
        &[],
    );
}

/// A new "acne scars to treat" choice: scarring only when there are none.
#[test]
fn safety_a_new_choice_question_the_exclusion_depends_on() {
    check(
        "safety-new-choice-question.json",
        &[
            "rules.scarring_history.when: the documented exclusion `scarring_history` does not fire for every answer that gives it: fix its condition or waive it under `waived` with a reason; counter-example, screened on 2026-01-01: {\"acne_scars\":\"some\",\"eczema\":false,\"open_wounds\":false,\"other_skin_disease\":false,\"pregnant\":false,\"psoriasis\":false,\"radiation_therapy\":false,\"scarring_history\":true}",
        ],
        &[],
    );
}

/// A second copy of the pregnancy question, and the rule needs both.
#[test]
fn safety_a_duplicate_question() {
    check(
        "safety-duplicate-question.json",
        &[
            "questions.pregnant_now.prompt: `pregnant_now` asks the same as `pregnant`, which gives the documented exclusion `pregnancy`: two copies of one question can be answered differently",
            "rules.pregnancy.when: the documented exclusion `pregnancy` does not fire for every answer that gives it: fix its condition or waive it under `waived` with a reason; counter-example, screened on 2026-01-01: {\"eczema\":false,\"open_wounds\":false,\"other_skin_disease\":false,\"pregnant\":true,\"pregnant_now\":false,\"psoriasis\":false,\"radiation_therapy\":false,\"scarring_history\":false}",
        ],
        &[],
    );
}

/// Pregnancy asked only when there was no radiation therapy.
#[test]
fn safety_an_ask_if_that_hides_the_trigger() {
    check(
        "safety-ask-if-hides.json",
        &[
            "questions.pregnant.ask_if: `pregnant` gives the documented exclusion `pregnancy` but is not asked for every answer: no ask_if may hide it; counter-example, screened on 2026-01-01: {\"eczema\":false,\"open_wounds\":false,\"other_skin_disease\":false,\"pregnant\":true,\"psoriasis\":false,\"radiation_therapy\":true,\"scarring_history\":false}",
        ],
        &[],
    );
}

/// A radiation window of 31 days instead of 365.
#[test]
fn safety_a_window_shorter_than_the_default() {
    check(
        "safety-window-short.json",
        &[
            "rules.recent_radiation.when: the documented exclusion `recent_radiation` does not fire for every answer that gives it: fix its condition or waive it under `waived` with a reason; counter-example, screened on 2026-01-01: {\"eczema\":false,\"open_wounds\":false,\"other_skin_disease\":false,\"pregnant\":false,\"psoriasis\":false,\"radiation_end_date\":\"2025-01-02\",\"radiation_therapy\":true,\"scarring_history\":false}",
        ],
        &[],
    );
}

/// A literal 2-day window instead of the parameter.
#[test]
fn safety_a_literal_window() {
    check(
        "safety-window-literal.json",
        &[
            "rules.recent_radiation.when: the window on `radiation_end_date` is written as the literal 2 days: use the parameter `radiation_window_days` (`{\"param\": \"radiation_window_days\"}`), so the clinic sets the window in one place",
            "rules.recent_radiation.when: the documented exclusion `recent_radiation` does not fire for every answer that gives it: fix its condition or waive it under `waived` with a reason; counter-example, screened on 2026-01-01: {\"eczema\":false,\"open_wounds\":false,\"other_skin_disease\":false,\"pregnant\":false,\"psoriasis\":false,\"radiation_end_date\":\"2025-01-02\",\"radiation_therapy\":true,\"scarring_history\":false}",
        ],
        &["parameters.radiation_window_days: parameter `radiation_window_days` is not used"],
    );
}

/// One radiation end date exempted.
#[test]
fn safety_an_exempted_end_date() {
    check(
        "safety-date-exemption.json",
        &[
            "rules.recent_radiation.when: the documented exclusion `recent_radiation` does not fire for every answer that gives it: fix its condition or waive it under `waived` with a reason; counter-example, screened on 2026-01-01: {\"eczema\":false,\"open_wounds\":false,\"other_skin_disease\":false,\"pregnant\":false,\"psoriasis\":false,\"radiation_end_date\":\"2025-12-24\",\"radiation_therapy\":true,\"scarring_history\":false}",
        ],
        &[],
    );
}

/// A date 30 days on for a 365-day window: promised while still deferred.
#[test]
fn safety_eligible_from_before_the_window_ends() {
    check(
        "safety-eligible-from-short.json",
        &[
            "rules.recent_radiation.eligible_from: `radiation_end_date` + 30 days is not where the rule's window ends (`radiation_end_date` + 365 days): eligible_from must be exactly the end of the window; counter-example: with `radiation_end_date` 2026-01-01, eligible_from would give 2026-01-31, yet the rule defers until 2027-01-01",
        ],
        &[],
    );
}

/// eligible_from 0 days for a 365-day window.
#[test]
fn safety_eligible_from_zero_days() {
    check(
        "safety-eligible-from-zero.json",
        &[
            "rules.recent_radiation.eligible_from: `radiation_end_date` + 0 days is not where the rule's window ends (`radiation_end_date` + 365 days): eligible_from must be exactly the end of the window; counter-example: with `radiation_end_date` 2026-01-01, eligible_from would give 2026-01-01, yet the rule defers until 2027-01-01",
        ],
        &[],
    );
}

/// eligible_from 3650 days for a 365-day window.
#[test]
fn safety_eligible_from_after_the_window_ends() {
    check(
        "safety-eligible-from-long.json",
        &[
            "rules.recent_radiation.eligible_from: `radiation_end_date` + 3650 days is not where the rule's window ends (`radiation_end_date` + 365 days): eligible_from must be exactly the end of the window; counter-example: with `radiation_end_date` 2026-01-01, the rule no longer defers from 2027-01-01, yet eligible_from would give 2035-12-30",
        ],
        &[],
    );
}

/// A date for a pregnancy, which has no knowable end.
#[test]
fn safety_eligible_from_on_pregnancy() {
    check(
        "safety-eligible-from-pregnancy.json",
        &[
            "rules.pregnancy.eligible_from: the documented exclusion `pregnancy` has no end that can be known in advance: it cannot promise a date (remove eligible_from)",
            "rules.pregnancy.eligible_from: the rule's condition has no window (`within_days`) on `radiation_end_date`: eligible_from can only name the end of one",
        ],
        &[],
    );
}

/// A waiver whose reason is a zero-width space: it waives nothing.
#[test]
fn safety_a_waiver_reason_made_of_a_zero_width_space() {
    check(
        "safety-invisible-waiver.json",
        &[
            "waived[0].reason: a waiver needs its reason in writing (visible letters, not only blanks or invisible characters)",
            "rules: the documented exclusion `psoriasis` is missing: add the rule (outcome `not_candidate` or stricter) or waive it under `waived` with a reason",
        ],
        &[
            "questions.psoriasis: screening question `psoriasis` is not used by any rule: its answer changes nothing",
        ],
    );
}

/// A rule reason that is a byte-order mark.
#[test]
fn safety_a_rule_reason_made_of_a_byte_order_mark() {
    check(
        "safety-invisible-reason.json",
        &["rules.open_wounds.reason: the reason is empty: it has no visible letters"],
        &[],
    );
}

/// The pregnancy question moved to `purpose: aftercare`.
#[test]
fn safety_the_pregnancy_question_moved_to_aftercare() {
    check(
        "safety-purpose-aftercare.json",
        &[
            "questions.pregnant.purpose: `pregnant` gives the documented exclusion `pregnancy`: it must be a `screening` question, asked and required before any verdict",
        ],
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

#[test]
fn safety_removing_the_projects_own_extra_rule_is_only_a_warning() {
    let path = "tests/lint/safety-other-skin-disease-removed.json";
    prescreen(["rules", "lint", path])
        .current_dir(&root())
        .run()
        .status(0)
        .stdout(&format!(
            "warnings:\n{path}: questions.other_skin_disease: screening question `other_skin_disease` is not used by any rule: its answer changes nothing\n{path}: 0 errors, 1 warning\n"
        ))
        .stderr_empty();
    prescreen(["screen", "--date", "2026-11-23", "--rules", path])
        .current_dir(&root())
        .stdin(common::candidate(serde_json::json!({})).to_string())
        .run()
        .status(0)
        .stderr_empty();
}

#[test]
fn safety_a_shortened_copy_of_the_default_file_is_proved() {
    let path = "tests/lint/clean-default.json";
    prescreen(["rules", "lint", path])
        .current_dir(&root())
        .run()
        .status(0)
        .stdout(&format!("{path}: no problems found\n"))
        .stderr_empty();
}

#[test]
fn safety_every_command_that_loads_rules_refuses_with_the_counter_example() {
    let path = "tests/lint/safety-conjunction.json";
    let line = "rules.pregnancy.when: the documented exclusion `pregnancy` does not fire for every answer that gives it: fix its condition or waive it under `waived` with a reason; counter-example, screened on 2026-01-01: {\"eczema\":false,\"open_wounds\":false,\"other_skin_disease\":false,\"pregnant\":true,\"psoriasis\":false,\"radiation_therapy\":true,\"scarring_history\":false}";
    let answers = common::candidate(serde_json::json!({})).to_string();
    for args in [
        vec!["screen", "--date", "2026-01-01", "--rules", path],
        vec!["batch", "--date", "2026-01-01", "--rules", path],
        vec!["aftercare", "--date", "2026-01-01", "--rules", path],
    ] {
        prescreen(&args)
            .current_dir(&root())
            .stdin(answers.as_str())
            .run()
            .status(78)
            .stdout("")
            .stderr_has(line);
    }
}

#[test]
fn warning_a_text_missing_a_declared_language() {
    check(
        "translation-missing.json",
        &[],
        &[r#"questions.flag.prompt: no "es" text: the "en" text is shown instead"#],
    );
}

#[test]
fn warning_a_translation_that_names_another_number() {
    check(
        "translation-other-number.json",
        &[],
        &[
            r#"aftercare.items.rest.text: the "es" text names 48 but the "en" text names 24: a translation must say the same"#,
        ],
    );
}

#[test]
fn a_text_in_a_language_the_file_does_not_declare() {
    check(
        "translation-undeclared-language.json",
        &[
            "rules.flag.reason: `fr` is not one of the file's languages (en, es): add it to `languages` or fix the tag",
        ],
        &[],
    );
}
