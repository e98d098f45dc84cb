//! `prescreen rules show`: a rule file in plain language for review and sign-off.

mod common;

use common::{prescreen, root};

#[test]
fn text_lists_the_safety_floor_questions_rules_and_aftercare() {
    let out = prescreen(["rules", "show"]).run().status(0).stderr_empty();
    for part in [
        "Microneedling candidacy screen 2026.11.0\n",
        "SAFETY: THE DOCUMENTED EXCLUSIONS\n",
        "  recent_radiation: defer (default: defer); proved over 3 answer combinations\n",
        "  radiation_window_days = 365: ",
        "  8. radiation_end_date [date, screening]\n     Prompt: On what date did your radiation therapy end?",
        "     Asked only when: `radiation_therapy` is yes\n",
        "  eczema: NOT A CANDIDATE\n    When: `eczema` is yes\n",
        "      Only when: `outdoors_next_24h` is yes\n",
        "SIGN-OFF\n",
    ] {
        assert!(
            out.stdout.contains(part),
            "missing {part:?}\n{}",
            out.stdout
        );
    }
    assert!(!out.stdout.contains('\u{1b}'), "no colour in show output");
}

#[test]
fn markdown_is_a_printable_sign_off_sheet() {
    prescreen(["rules", "show", "--format", "markdown"])
        .run()
        .status(0)
        .stdout_has("# Microneedling candidacy screen 2026.11.0\n")
        .stdout_has("| `pregnancy` | defer (default: defer); proved over 1 answer combination |\n")
        .stdout_has("### 8. `radiation_end_date` (date, screening)\n")
        .stdout_has("- Asked only when: \\`radiation\\_therapy\\` is yes\n")
        .stdout_has("## Sign-off\n");
}

#[test]
fn a_waiver_is_shown_with_its_reason() {
    prescreen(["rules", "show", "tests/lint/clean.json"])
        .current_dir(&root())
        .run()
        .status(0)
        .stdout_has("  pregnancy: WAIVED: Fixture: this file is not about this exclusion.\n");
}

#[test]
fn an_invalid_rule_file_is_not_shown() {
    prescreen(["rules", "show", "tests/lint/exclusion-weaker.json"])
        .current_dir(&root())
        .run()
        .status(78)
        .stdout("")
        .stderr_has("rules.pregnancy.outcome: the documented exclusion `pregnancy` must be `defer` or stricter");
}
