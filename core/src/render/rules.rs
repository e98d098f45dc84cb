//! `prescreen rules show`: a rule file in plain language, for a medical director to
//! review and sign off. Text for a terminal, Markdown to print. Decides nothing: every
//! word comes from the file, the safety floor or [`describe`].

use std::io::{self, Write};

use super::markdown::escape;
use super::{outcome_words, wrap};
use crate::rules::model::{AftercareItem, AnswerType, ItemKind, Question, RuleFile, Window};
use crate::rules::safety::EXCLUSIONS;
use crate::rules::{Purpose, RuleSet};
use crate::rules::{describe, lang};

/// `rules show` is for the people who write and check rule files: its own words (the
/// outcomes, beside ids and conditions) stay in the base language, whatever language the
/// texts are shown in, so that the side-by-side review file reads the same for every
/// language.
fn base() -> &'static crate::i18n::Words {
    crate::i18n::words(crate::i18n::BASE)
}

/// Text lines are kept within this width.
const WIDTH: usize = 78;

/// What the safety check guarantees, said once above the list.
const SAFETY_NOTE: &str = "Each exclusion that is not waived was proved when this file loaded: its outcome is at least the default, and for every combination of answers its condition can tell apart in which the exclusion is given (the question yes; for radiation, an end date less than 365 days before the day judged, or later), its question is asked and its rule fires, whatever the other answers. A window shorter than the default, a condition that another answer switches off, or an ask_if that hides the question is refused.";

/// One documented exclusion as the file handles it: its outcome, or the waiver's reason.
fn safety_rows(rules: &RuleSet) -> Vec<(&'static str, String)> {
    EXCLUSIONS
        .iter()
        .map(|e| {
            let waiver = rules.file.waived.iter().find(|w| w.exclusion == e.rule);
            let status = match (waiver, rules.rules.iter().find(|r| r.id == e.rule)) {
                (Some(w), _) => format!("WAIVED: {}", rules.text(&w.reason).trim()),
                (None, Some(rule)) => {
                    let proved = rules
                        .proofs
                        .iter()
                        .find(|p| p.exclusion == e.rule)
                        .map_or_else(
                            || "not proved".to_string(),
                            |p| {
                                let s = if p.combinations == 1 { "" } else { "s" };
                                format!("proved over {} answer combination{s}", p.combinations)
                            },
                        );
                    format!(
                        "{} (default: {}); {proved}",
                        outcome_words(base(), rule.outcome),
                        outcome_words(base(), e.at_least)
                    )
                }
                (None, None) => "missing".to_string(),
            };
            (e.rule, status)
        })
        .collect()
}

fn kind_words(q: &Question) -> String {
    let kind = match q.kind {
        AnswerType::Boolean => "yes/no",
        AnswerType::Date => "date",
        AnswerType::Datetime => "date and time",
        AnswerType::Choice => "choice",
        AnswerType::Number => "number",
    };
    let purpose = match q.purpose {
        Purpose::Screening => "screening",
        Purpose::Aftercare => "aftercare tailoring",
    };
    format!("{kind}, {purpose}")
}

fn item_kind_words(kind: ItemKind) -> &'static str {
    match kind {
        ItemKind::Avoid => "avoid",
        ItemKind::Care => "care",
        ItemKind::Expect => "what to expect",
        ItemKind::Warning => "warning sign",
    }
}

/// What sort of item it is and, for a timed one, how long it lasts: `avoid, until 24
/// hours after`. The text and Markdown listings say it the same way.
fn item_label(item: &AftercareItem) -> String {
    let timed = if item.timed {
        ", until 24 hours after"
    } else {
        ""
    };
    format!("{}{timed}", item_kind_words(item.kind))
}

fn window_words(window: Window) -> &'static str {
    match window {
        Window::First24h => "First 24 hours",
        Window::After24h => "After the first 24 hours",
    }
}

fn options_words(rules: &RuleSet, q: &Question) -> Option<String> {
    (!q.options.is_empty()).then(|| {
        q.options
            .iter()
            .map(|o| format!("`{}` ({})", o.value, rules.text(&o.label)))
            .collect::<Vec<_>>()
            .join(", ")
    })
}

fn bounds_words(q: &Question) -> Option<String> {
    match (q.min, q.max) {
        (None, None) => None,
        (Some(min), None) => Some(format!("at least {min}")),
        (None, Some(max)) => Some(format!("at most {max}")),
        (Some(min), Some(max)) => Some(format!("from {min} to {max}")),
    }
}

fn eligible_words(file: &RuleFile, e: &crate::rules::model::EligibleFrom) -> String {
    format!("`{}` + {}", e.answer, describe::days(file, &e.plus_days))
}

/// Writes `label: text` wrapped, continuation lines indented under the text.
fn field(out: &mut dyn Write, indent: usize, label: &str, text: &str) -> io::Result<()> {
    let pad = " ".repeat(indent);
    let head = format!("{pad}{label}: ");
    let width = WIDTH.saturating_sub(head.chars().count()).max(20);
    for (i, line) in wrap(text, width).iter().enumerate() {
        if i == 0 {
            writeln!(out, "{head}{line}")?;
        } else {
            writeln!(out, "{}{line}", " ".repeat(head.chars().count()))?;
        }
    }
    Ok(())
}

fn condition_block(
    out: &mut dyn Write,
    indent: usize,
    label: &str,
    file: &RuleFile,
    cond: &crate::rules::model::Condition,
) -> io::Result<()> {
    let lines = describe::lines(file, cond);
    match lines.as_slice() {
        [one] => field(out, indent, label, one),
        _ => {
            writeln!(out, "{}{label}:", " ".repeat(indent))?;
            for line in lines {
                // Keep the line's own indent and bullet; wrap its text under itself.
                let body = line.trim_start();
                let lead = line.len() - body.len() + indent + 2;
                let (bullet, body) = match body.strip_prefix("- ") {
                    Some(rest) => ("- ", rest),
                    None => ("", body),
                };
                let width = WIDTH.saturating_sub(lead + bullet.len()).max(20);
                for (i, part) in wrap(body, width).iter().enumerate() {
                    let mark = match (i, bullet) {
                        (0, _) | (_, "") => bullet,
                        _ => "  ",
                    };
                    writeln!(out, "{}{mark}{part}", " ".repeat(lead))?;
                }
            }
            Ok(())
        }
    }
}

/// The rule file as plain text.
pub fn write_text(rules: &RuleSet, origin: &str, out: &mut dyn Write) -> io::Result<()> {
    let file = &rules.file;
    writeln!(out, "{} {}", rules.title, rules.version)?;
    field(out, 0, "Procedure", &rules.procedure)?;
    if let Some(clinic) = &rules.clinic {
        field(out, 0, "Clinic", &clinic.name)?;
        if let Some(phone) = &clinic.phone {
            field(out, 0, "Clinic phone", phone)?;
        }
        if let Some(text) = &clinic.out_of_hours {
            field(out, 0, "Out of hours", text)?;
        }
    }
    writeln!(out, "Rule file: {origin}")?;
    writeln!(out, "SHA-256: {}", rules.sha256)?;
    if !rules.description.trim().is_empty() {
        writeln!(out)?;
        for line in wrap(&rules.description, WIDTH) {
            writeln!(out, "{line}")?;
        }
    }

    writeln!(out)?;
    writeln!(out, "SAFETY: THE DOCUMENTED EXCLUSIONS")?;
    for line in wrap(SAFETY_NOTE, WIDTH - 2) {
        writeln!(out, "  {line}")?;
    }
    for (rule, status) in safety_rows(rules) {
        field(out, 2, rule, &status)?;
    }

    if !file.parameters.is_empty() {
        writeln!(out)?;
        writeln!(out, "PARAMETERS")?;
        for p in &file.parameters {
            field(
                out,
                2,
                &format!("{} = {}", p.id, p.value),
                rules.text(&p.description),
            )?;
        }
    }

    writeln!(out)?;
    writeln!(
        out,
        "QUESTIONS ({}), asked in this order",
        file.questions.len()
    )?;
    for (i, q) in file.questions.iter().enumerate() {
        writeln!(out)?;
        writeln!(out, "  {}. {} [{}]", i + 1, q.id, kind_words(q))?;
        field(out, 5, "Prompt", rules.text(&q.prompt))?;
        if let Some(help) = &q.help {
            field(out, 5, "Help", rules.text(help))?;
        }
        if let Some(cue) = &q.cue {
            field(out, 5, "Staff cue", rules.text(cue))?;
        }
        if let Some(options) = options_words(rules, q) {
            field(out, 5, "Options", &options)?;
        }
        if let Some(bounds) = bounds_words(q) {
            field(out, 5, "Allowed", &bounds)?;
        }
        if let Some(ask_if) = &q.ask_if {
            condition_block(out, 5, "Asked only when", file, ask_if)?;
        }
    }

    writeln!(out)?;
    writeln!(
        out,
        "RULES ({}): every rule that fires is reported; the verdict is the strictest",
        file.rules.len()
    )?;
    for rule in &file.rules {
        writeln!(out)?;
        writeln!(
            out,
            "  {}: {}",
            rule.id,
            outcome_words(base(), rule.outcome).to_uppercase()
        )?;
        condition_block(out, 4, "When", file, &rule.when)?;
        field(out, 4, "Reason", rules.text(&rule.reason))?;
        if let Some(rationale) = &rule.rationale {
            field(out, 4, "Rationale", rules.text(rationale))?;
        }
        if let Some(e) = &rule.eligible_from {
            field(out, 4, "Eligible from", &eligible_words(file, e))?;
        }
    }
    writeln!(out)?;
    field(
        out,
        2,
        "A screening question without an answer (review)",
        rules.text(&file.texts.unanswered),
    )?;
    field(
        out,
        2,
        "Contradictory answers (review)",
        rules.text(&file.texts.contradiction),
    )?;
    field(
        out,
        2,
        "Procedure too far ahead (review)",
        rules.text(&file.texts.screen_again),
    )?;

    writeln!(out)?;
    writeln!(
        out,
        "AFTERCARE, for a candidate; clock times count from `{}`",
        file.aftercare.starts_at
    )?;
    for window in [Window::First24h, Window::After24h] {
        writeln!(out)?;
        writeln!(out, "  {}", window_words(window))?;
        for item in file.aftercare.items.iter().filter(|i| i.window == window) {
            writeln!(out, "    {} [{}]", item.id, item_label(item))?;
            field(out, 6, "Text", rules.text(&item.text))?;
            if let Some(when) = &item.when {
                condition_block(out, 6, "Only when", file, when)?;
            }
            if let Some(because) = &item.because {
                field(out, 6, "Because", rules.text(because))?;
            }
        }
    }

    writeln!(out)?;
    writeln!(out, "SIGN-OFF")?;
    writeln!(
        out,
        "  Reviewed and approved by: ______________________________"
    )?;
    writeln!(out, "  Date: ____________")?;
    Ok(())
}

fn md_condition(
    out: &mut dyn Write,
    label: &str,
    file: &RuleFile,
    cond: &crate::rules::model::Condition,
) -> io::Result<()> {
    let lines = describe::lines(file, cond);
    match lines.as_slice() {
        [one] => writeln!(out, "- {label}: {}", escape(one)),
        _ => {
            writeln!(out, "- {label}:")?;
            for line in lines {
                let depth = line.len() - line.trim_start().len();
                let text = line.trim_start().trim_start_matches("- ");
                writeln!(out, "{}  - {}", " ".repeat(depth), escape(text))?;
            }
            Ok(())
        }
    }
}

/// The rule file as Markdown, printable for a signature.
pub fn write_markdown(rules: &RuleSet, origin: &str, out: &mut dyn Write) -> io::Result<()> {
    let file = &rules.file;
    writeln!(out, "# {} {}", escape(&rules.title), escape(&rules.version))?;
    writeln!(out)?;
    writeln!(out, "- Procedure: {}", escape(&rules.procedure))?;
    if let Some(clinic) = &rules.clinic {
        writeln!(out, "- Clinic: {}", escape(&clinic.name))?;
        if let Some(phone) = &clinic.phone {
            writeln!(out, "- Clinic phone: {}", escape(phone))?;
        }
        if let Some(text) = &clinic.out_of_hours {
            writeln!(out, "- Out of hours: {}", escape(text))?;
        }
    }
    writeln!(out, "- Rule file: {}", escape(origin))?;
    writeln!(out, "- SHA-256: `{}`", rules.sha256)?;
    if !rules.description.trim().is_empty() {
        writeln!(out)?;
        writeln!(out, "{}", escape(&rules.description))?;
    }

    writeln!(out)?;
    writeln!(out, "## Safety: the documented exclusions")?;
    writeln!(out)?;
    writeln!(out, "{SAFETY_NOTE}")?;
    writeln!(out)?;
    writeln!(out, "| Exclusion | In this file |")?;
    writeln!(out, "|---|---|")?;
    for (rule, status) in safety_rows(rules) {
        writeln!(out, "| `{rule}` | {} |", escape(&status))?;
    }

    if !file.parameters.is_empty() {
        writeln!(out)?;
        writeln!(out, "## Parameters")?;
        writeln!(out)?;
        for p in &file.parameters {
            writeln!(
                out,
                "- `{}` = {}: {}",
                p.id,
                p.value,
                escape(rules.text(&p.description))
            )?;
        }
    }

    writeln!(out)?;
    writeln!(out, "## Questions, asked in this order")?;
    for (i, q) in file.questions.iter().enumerate() {
        writeln!(out)?;
        writeln!(out, "### {}. `{}` ({})", i + 1, q.id, kind_words(q))?;
        writeln!(out)?;
        writeln!(out, "{}", escape(rules.text(&q.prompt)))?;
        writeln!(out)?;
        if let Some(help) = &q.help {
            writeln!(out, "- Help: {}", escape(rules.text(help)))?;
        }
        if let Some(cue) = &q.cue {
            writeln!(out, "- Staff cue: {}", escape(rules.text(cue)))?;
        }
        if let Some(options) = options_words(rules, q) {
            writeln!(out, "- Options: {}", escape(&options))?;
        }
        if let Some(bounds) = bounds_words(q) {
            writeln!(out, "- Allowed: {bounds}")?;
        }
        if let Some(ask_if) = &q.ask_if {
            md_condition(out, "Asked only when", file, ask_if)?;
        }
    }

    writeln!(out)?;
    writeln!(out, "## Rules")?;
    writeln!(out)?;
    writeln!(
        out,
        "Every rule that fires is reported; the verdict is the strictest outcome among them."
    )?;
    for rule in &file.rules {
        writeln!(out)?;
        writeln!(
            out,
            "### `{}`: {}",
            rule.id,
            outcome_words(base(), rule.outcome)
        )?;
        writeln!(out)?;
        md_condition(out, "When", file, &rule.when)?;
        writeln!(out, "- Reason: {}", escape(rules.text(&rule.reason)))?;
        if let Some(rationale) = &rule.rationale {
            writeln!(out, "- Rationale: {}", escape(rules.text(rationale)))?;
        }
        if let Some(e) = &rule.eligible_from {
            writeln!(out, "- Eligible from: {}", escape(&eligible_words(file, e)))?;
        }
    }
    writeln!(out)?;
    writeln!(
        out,
        "A screening question without an answer adds a review: {}",
        escape(rules.text(&file.texts.unanswered))
    )?;
    writeln!(out)?;
    writeln!(
        out,
        "An answer that another answer rules out adds a review: {}",
        escape(rules.text(&file.texts.contradiction))
    )?;
    writeln!(out)?;
    writeln!(
        out,
        "A procedure more than `screening_valid_days` ahead adds a review: {}",
        escape(rules.text(&file.texts.screen_again))
    )?;

    writeln!(out)?;
    writeln!(
        out,
        "## Aftercare, for a candidate (clock times count from `{}`)",
        file.aftercare.starts_at
    )?;
    for window in [Window::First24h, Window::After24h] {
        writeln!(out)?;
        writeln!(out, "### {}", window_words(window))?;
        writeln!(out)?;
        for item in file.aftercare.items.iter().filter(|i| i.window == window) {
            writeln!(
                out,
                "- `{}` ({}): {}",
                item.id,
                item_label(item),
                escape(rules.text(&item.text))
            )?;
            if let Some(when) = &item.when {
                writeln!(
                    out,
                    "  - Only when: {}",
                    escape(&describe::sentence(file, when))
                )?;
            }
            if let Some(because) = &item.because {
                writeln!(out, "  - Because: {}", escape(rules.text(because)))?;
            }
        }
    }

    writeln!(out)?;
    writeln!(out, "## Sign-off")?;
    writeln!(out)?;
    writeln!(
        out,
        "Reviewed and approved by: ______________________________"
    )?;
    writeln!(out)?;
    writeln!(out, "Date: ____________")?;
    Ok(())
}

/// The heading of the part of the file a text path belongs to, and the rest of the path.
fn section_of(path: &str) -> (&'static str, &str) {
    const SECTIONS: [(&str, &str); 8] = [
        ("parameters.", "Parameters"),
        ("texts.", "Texts of the engine's own reasons"),
        ("audiences.", "Audiences: introductions and next steps"),
        ("questions.", "Questions"),
        ("rules.", "Rules: reasons and rationales"),
        ("aftercare.items.", "Aftercare"),
        ("aftercare.reminders.", "Calendar reminders"),
        ("waived", "Waivers"),
    ];
    SECTIONS
        .iter()
        .find_map(|(prefix, title)| path.strip_prefix(prefix).map(|rest| (*title, rest)))
        .unwrap_or(("The file", path))
}

/// Every text of the rule file in its first language and in this set's language, side
/// by side, one table per part of the file: what a reviewer of a translation reads.
/// A text with no translation says so in its row (it falls back to the first language).
pub fn write_side_by_side(rules: &RuleSet, origin: &str, out: &mut dyn Write) -> io::Result<()> {
    let file = &rules.file;
    let base = file.base();
    let lang = rules.lang.as_str();
    let (base_name, lang_name) = (lang::name(base), lang::name(lang));
    writeln!(
        out,
        "# {} {}: {base_name} and {lang_name}, side by side",
        escape(file.name.get(base, base)),
        escape(&rules.version)
    )?;
    writeln!(out)?;
    writeln!(out, "- Rule file: {}", escape(origin))?;
    writeln!(out, "- SHA-256: `{}`", rules.sha256)?;
    writeln!(
        out,
        "- Languages: {} (the first is the file's own)",
        rules.languages.join(", ")
    )?;
    writeln!(out)?;
    writeln!(
        out,
        "Every text of the rule file a person reads, in `{base}` and in `{lang}`, for a reviewer \
         to check that each translation says the same in plain words. Generated by \
         `prescreen rules show --lang {lang} --format markdown`; ids are the rule file's."
    )?;
    let mut current = "";
    for (path, text) in crate::rules::texts::every_text(file) {
        let (section, rest) = section_of(&path);
        if section != current {
            current = section;
            writeln!(out)?;
            writeln!(out, "## {section}")?;
            writeln!(out)?;
            writeln!(out, "| Where | {base_name} | {lang_name} |")?;
            writeln!(out, "|---|---|---|")?;
        }
        let translated = text.exactly(lang, base).map_or_else(
            || format!("_(no `{lang}` text: the {base_name} is shown)_"),
            escape,
        );
        writeln!(
            out,
            "| `{rest}` | {} | {translated} |",
            escape(text.get(base, base))
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{default_rules, rules_from};
    use serde_json::json;

    fn text(rules: &RuleSet) -> String {
        let mut out = Vec::new();
        write_text(rules, "r.json", &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn text_shows_every_part_in_plain_words() {
        let shown = text(&default_rules());
        let expected = [
            "Microneedling candidacy screen 2026.11.0",
            "  pregnancy: defer (default: defer)",
            "  scarring_history: not a candidate (default: not a candidate)",
            "  radiation_window_days = 365: Days after the last radiation therapy session",
            "  8. radiation_end_date [date, screening]",
            "     Asked only when: `radiation_therapy` is yes",
            "  recent_radiation: defer (default: defer); proved over 3 answer combinations\n",
            "  pregnancy: defer (default: defer); proved over 1 answer combination\n",
            "  recent_radiation: DEFER",
            "    When:\n      all of these:\n        - `radiation_therapy` is yes\n        - `radiation_end_date` is less than 365 days (parameter\n          `radiation_window_days`) before the screening date, or later",
            "    Eligible from: `radiation_end_date` + 365 days (parameter",
            "    makeup_wait [avoid, until 24 hours after]",
            "      Only when:\n        all of these:\n          - `wears_makeup` is yes\n          - `treatment_area` is not \"Body (for example stretch marks)\"",
            "  Reviewed and approved by:",
        ];
        for part in expected {
            assert!(shown.contains(part), "missing {part:?} in\n{shown}");
        }
        assert!(shown.lines().all(|l| l.chars().count() <= WIDTH), "{shown}");
    }

    #[test]
    fn waivers_are_shown_with_their_reason() {
        let rules = rules_from(|d| {
            d["waived"] = json!([{"exclusion": "pregnancy", "reason": "Reviewed by a clinician."}]);
        });
        assert!(text(&rules).contains("  pregnancy: WAIVED: Reviewed by a clinician.\n"));
        let mut out = Vec::new();
        write_markdown(&rules, "r.json", &mut out).unwrap();
        let md = String::from_utf8(out).unwrap();
        assert!(
            md.contains("| `pregnancy` | WAIVED: Reviewed by a clinician. |"),
            "{md}"
        );
        assert!(md.contains("### `recent_radiation`: defer"), "{md}");
    }
}
