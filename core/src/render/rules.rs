//! `prescreen rules show`: a rule file in plain language, for a medical director to
//! review and sign off. Text for a terminal, Markdown to print. Decides nothing: every
//! word comes from the file, the safety floor, [`Describe`] or the catalogue.

use std::io::{self, Write};

use super::markdown::escape;
use super::{outcome_words, wrap};
use crate::i18n::Words;
use crate::rules::describe::Describe;
use crate::rules::lang;
use crate::rules::model::{AftercareItem, AnswerType, ItemKind, Question, Window};
use crate::rules::safety::EXCLUSIONS;
use crate::rules::{Purpose, RuleSet};

// `rules show` speaks the rule set's language throughout: its own words (headings,
// labels, kinds, the safety note, outcomes and conditions) come from the catalogue, so
// a medical director who reads Spanish reviews and signs a page wholly in Spanish. Ids,
// answer keys, parameter names, values and the sha256 stay as written in every language:
// they are what the file says and what a translation is checked against.

/// Text lines are kept within this width.
const WIDTH: usize = 78;

/// One documented exclusion as the file handles it: its outcome, or the waiver's reason.
fn safety_rows(rules: &RuleSet) -> Vec<(&'static str, String)> {
    let w = rules.words();
    EXCLUSIONS
        .iter()
        .map(|e| {
            let waiver = rules.file.waived.iter().find(|x| x.exclusion == e.rule);
            let status = match (waiver, rules.rules.iter().find(|r| r.id == e.rule)) {
                (Some(x), _) => w.fill("show-waived", &[("reason", rules.text(&x.reason).trim())]),
                (None, Some(rule)) => {
                    let proved = rules
                        .proofs
                        .iter()
                        .find(|p| p.exclusion == e.rule)
                        .map_or_else(
                            || w.get("show-not-proved").to_string(),
                            |p| {
                                let key = if p.combinations == 1 {
                                    "show-proved-one"
                                } else {
                                    "show-proved-many"
                                };
                                w.fill(key, &[("count", &p.combinations.to_string())])
                            },
                        );
                    w.fill(
                        "show-outcome-default",
                        &[
                            ("outcome", outcome_words(w, rule.outcome)),
                            ("default", outcome_words(w, e.at_least)),
                            ("proved", &proved),
                        ],
                    )
                }
                (None, None) => w.get("show-missing").to_string(),
            };
            (e.rule, status)
        })
        .collect()
}

fn kind_words(w: &Words, q: &Question) -> String {
    let kind = w.get(match q.kind {
        AnswerType::Boolean => "show-yes-no",
        AnswerType::Date => "show-date",
        AnswerType::Datetime => "show-date-time",
        AnswerType::Choice => "show-choice",
        AnswerType::Number => "show-number",
    });
    let purpose = w.get(match q.purpose {
        Purpose::Screening => "show-screening",
        Purpose::Aftercare => "show-aftercare-tailoring",
    });
    format!("{kind}, {purpose}")
}

fn item_kind_words(w: &Words, kind: ItemKind) -> &'static str {
    w.get(match kind {
        ItemKind::Avoid => "show-avoid",
        ItemKind::Care => "show-care",
        ItemKind::Expect => "show-expect",
        ItemKind::Warning => "show-warning",
    })
}

/// What sort of item it is and, for a timed one, how long it lasts: `avoid, until 24
/// hours after`. The text and Markdown listings say it the same way.
fn item_label(w: &Words, item: &AftercareItem) -> String {
    let kind = item_kind_words(w, item.kind);
    if item.timed {
        w.fill("show-timed", &[("kind", kind)])
    } else {
        kind.to_string()
    }
}

fn window_words(w: &Words, window: Window) -> &'static str {
    w.get(match window {
        Window::First24h => "show-first-24h",
        Window::After24h => "show-after-24h",
    })
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

fn bounds_words(w: &Words, q: &Question) -> Option<String> {
    let (min, max) = (q.min.map(|n| n.to_string()), q.max.map(|n| n.to_string()));
    match (min, max) {
        (None, None) => None,
        (Some(min), None) => Some(w.fill("show-at-least", &[("min", &min)])),
        (None, Some(max)) => Some(w.fill("show-at-most", &[("max", &max)])),
        (Some(min), Some(max)) => Some(w.fill("show-from-to", &[("min", &min), ("max", &max)])),
    }
}

fn eligible_words(say: Describe, e: &crate::rules::model::EligibleFrom) -> String {
    format!("`{}` + {}", e.answer, say.days(&e.plus_days))
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
    say: Describe,
    cond: &crate::rules::model::Condition,
) -> io::Result<()> {
    let lines = say.lines(cond);
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
    let w = rules.words();
    let say = Describe::new(rules);
    writeln!(out, "{} {}", rules.title, rules.version)?;
    field(out, 0, w.get("show-procedure"), &rules.procedure)?;
    if let Some(clinic) = &rules.clinic {
        field(out, 0, w.get("show-clinic"), &clinic.name)?;
        if let Some(phone) = &clinic.phone {
            field(out, 0, w.get("show-clinic-phone"), phone)?;
        }
        if let Some(text) = &clinic.out_of_hours {
            field(out, 0, w.get("label-out-of-hours"), text)?;
        }
    }
    writeln!(out, "{}: {origin}", w.get("show-rule-file"))?;
    writeln!(out, "SHA-256: {}", rules.sha256)?;
    if !rules.description.trim().is_empty() {
        writeln!(out)?;
        for line in wrap(&rules.description, WIDTH) {
            writeln!(out, "{line}")?;
        }
    }

    writeln!(out)?;
    writeln!(out, "{}", w.get("show-safety").to_uppercase())?;
    for line in wrap(w.get("show-safety-note"), WIDTH - 2) {
        writeln!(out, "  {line}")?;
    }
    for (rule, status) in safety_rows(rules) {
        field(out, 2, rule, &status)?;
    }

    if !file.parameters.is_empty() {
        writeln!(out)?;
        writeln!(out, "{}", w.get("show-parameters").to_uppercase())?;
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
        "{}",
        w.fill(
            "show-questions-count",
            &[("count", &file.questions.len().to_string())]
        )
    )?;
    for (i, q) in file.questions.iter().enumerate() {
        writeln!(out)?;
        writeln!(out, "  {}. {} [{}]", i + 1, q.id, kind_words(w, q))?;
        field(out, 5, w.get("show-prompt"), rules.text(&q.prompt))?;
        if let Some(help) = &q.help {
            field(out, 5, w.get("show-help"), rules.text(help))?;
        }
        if let Some(cue) = &q.cue {
            field(out, 5, w.get("show-staff-cue"), rules.text(cue))?;
        }
        if let Some(options) = options_words(rules, q) {
            field(out, 5, w.get("show-options"), &options)?;
        }
        if let Some(bounds) = bounds_words(w, q) {
            field(out, 5, w.get("show-allowed"), &bounds)?;
        }
        if let Some(ask_if) = &q.ask_if {
            condition_block(out, 5, w.get("show-asked-only-when"), say, ask_if)?;
        }
    }

    writeln!(out)?;
    writeln!(
        out,
        "{}",
        w.fill(
            "show-rules-count",
            &[("count", &file.rules.len().to_string())]
        )
    )?;
    for rule in &file.rules {
        writeln!(out)?;
        writeln!(
            out,
            "  {}: {}",
            rule.id,
            outcome_words(w, rule.outcome).to_uppercase()
        )?;
        condition_block(out, 4, w.get("show-when"), say, &rule.when)?;
        field(out, 4, w.get("show-reason"), rules.text(&rule.reason))?;
        if let Some(rationale) = &rule.rationale {
            field(out, 4, w.get("show-rationale"), rules.text(rationale))?;
        }
        if let Some(e) = &rule.eligible_from {
            field(out, 4, w.get("show-eligible-from"), &eligible_words(say, e))?;
        }
    }
    writeln!(out)?;
    field(
        out,
        2,
        w.get("show-unanswered"),
        rules.text(&file.texts.unanswered),
    )?;
    field(
        out,
        2,
        w.get("show-contradiction"),
        rules.text(&file.texts.contradiction),
    )?;
    field(
        out,
        2,
        w.get("show-screen-again"),
        rules.text(&file.texts.screen_again),
    )?;

    writeln!(out)?;
    writeln!(
        out,
        "{}",
        w.fill(
            "show-aftercare-text",
            &[("start", &file.aftercare.starts_at)]
        )
    )?;
    for window in [Window::First24h, Window::After24h] {
        writeln!(out)?;
        writeln!(out, "  {}", window_words(w, window))?;
        for item in file.aftercare.items.iter().filter(|i| i.window == window) {
            writeln!(out, "    {} [{}]", item.id, item_label(w, item))?;
            field(out, 6, w.get("show-text"), rules.text(&item.text))?;
            if let Some(when) = &item.when {
                condition_block(out, 6, w.get("show-only-when"), say, when)?;
            }
            if let Some(because) = &item.because {
                field(out, 6, w.get("show-because"), rules.text(because))?;
            }
        }
    }

    writeln!(out)?;
    writeln!(out, "{}", w.get("show-sign-off").to_uppercase())?;
    writeln!(
        out,
        "  {}: ______________________________",
        w.get("show-approved-by")
    )?;
    writeln!(out, "  {}: ____________", w.get("show-date-signed"))?;
    Ok(())
}

fn md_condition(
    out: &mut dyn Write,
    label: &str,
    say: Describe,
    cond: &crate::rules::model::Condition,
) -> io::Result<()> {
    let lines = say.lines(cond);
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
    let w = rules.words();
    let say = Describe::new(rules);
    writeln!(out, "# {} {}", escape(&rules.title), escape(&rules.version))?;
    writeln!(out)?;
    writeln!(
        out,
        "- {}: {}",
        w.get("show-procedure"),
        escape(&rules.procedure)
    )?;
    if let Some(clinic) = &rules.clinic {
        writeln!(out, "- {}: {}", w.get("show-clinic"), escape(&clinic.name))?;
        if let Some(phone) = &clinic.phone {
            writeln!(out, "- {}: {}", w.get("show-clinic-phone"), escape(phone))?;
        }
        if let Some(text) = &clinic.out_of_hours {
            writeln!(out, "- {}: {}", w.get("label-out-of-hours"), escape(text))?;
        }
    }
    writeln!(out, "- {}: {}", w.get("show-rule-file"), escape(origin))?;
    writeln!(out, "- SHA-256: `{}`", rules.sha256)?;
    if !rules.description.trim().is_empty() {
        writeln!(out)?;
        writeln!(out, "{}", escape(&rules.description))?;
    }

    writeln!(out)?;
    writeln!(out, "## {}", w.get("show-safety"))?;
    writeln!(out)?;
    writeln!(out, "{}", w.get("show-safety-note"))?;
    writeln!(out)?;
    writeln!(
        out,
        "| {} | {} |",
        w.get("show-exclusion"),
        w.get("show-in-this-file")
    )?;
    writeln!(out, "|---|---|")?;
    for (rule, status) in safety_rows(rules) {
        writeln!(out, "| `{rule}` | {} |", escape(&status))?;
    }

    if !file.parameters.is_empty() {
        writeln!(out)?;
        writeln!(out, "## {}", w.get("show-parameters"))?;
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
    writeln!(out, "## {}", w.get("show-questions-in-order"))?;
    for (i, q) in file.questions.iter().enumerate() {
        writeln!(out)?;
        writeln!(out, "### {}. `{}` ({})", i + 1, q.id, kind_words(w, q))?;
        writeln!(out)?;
        writeln!(out, "{}", escape(rules.text(&q.prompt)))?;
        writeln!(out)?;
        if let Some(help) = &q.help {
            writeln!(
                out,
                "- {}: {}",
                w.get("show-help"),
                escape(rules.text(help))
            )?;
        }
        if let Some(cue) = &q.cue {
            writeln!(
                out,
                "- {}: {}",
                w.get("show-staff-cue"),
                escape(rules.text(cue))
            )?;
        }
        if let Some(options) = options_words(rules, q) {
            writeln!(out, "- {}: {}", w.get("show-options"), escape(&options))?;
        }
        if let Some(bounds) = bounds_words(w, q) {
            writeln!(out, "- {}: {bounds}", w.get("show-allowed"))?;
        }
        if let Some(ask_if) = &q.ask_if {
            md_condition(out, w.get("show-asked-only-when"), say, ask_if)?;
        }
    }

    writeln!(out)?;
    writeln!(out, "## {}", w.get("show-rules"))?;
    writeln!(out)?;
    writeln!(out, "{}", w.get("show-rules-note"))?;
    for rule in &file.rules {
        writeln!(out)?;
        writeln!(out, "### `{}`: {}", rule.id, outcome_words(w, rule.outcome))?;
        writeln!(out)?;
        md_condition(out, w.get("show-when"), say, &rule.when)?;
        writeln!(
            out,
            "- {}: {}",
            w.get("show-reason"),
            escape(rules.text(&rule.reason))
        )?;
        if let Some(rationale) = &rule.rationale {
            writeln!(
                out,
                "- {}: {}",
                w.get("show-rationale"),
                escape(rules.text(rationale))
            )?;
        }
        if let Some(e) = &rule.eligible_from {
            writeln!(
                out,
                "- {}: {}",
                w.get("show-eligible-from"),
                escape(&eligible_words(say, e))
            )?;
        }
    }
    for (key, text) in [
        ("show-unanswered-adds", &file.texts.unanswered),
        ("show-contradiction-adds", &file.texts.contradiction),
        ("show-screen-again-adds", &file.texts.screen_again),
    ] {
        writeln!(out)?;
        writeln!(
            out,
            "{}",
            w.fill(key, &[("text", &escape(rules.text(text)))])
        )?;
    }

    writeln!(out)?;
    writeln!(
        out,
        "## {}",
        w.fill(
            "show-aftercare-markdown",
            &[("start", &file.aftercare.starts_at)]
        )
    )?;
    for window in [Window::First24h, Window::After24h] {
        writeln!(out)?;
        writeln!(out, "### {}", window_words(w, window))?;
        writeln!(out)?;
        for item in file.aftercare.items.iter().filter(|i| i.window == window) {
            writeln!(
                out,
                "- `{}` ({}): {}",
                item.id,
                item_label(w, item),
                escape(rules.text(&item.text))
            )?;
            if let Some(when) = &item.when {
                writeln!(
                    out,
                    "  - {}: {}",
                    w.get("show-only-when"),
                    escape(&say.sentence(when))
                )?;
            }
            if let Some(because) = &item.because {
                writeln!(
                    out,
                    "  - {}: {}",
                    w.get("show-because"),
                    escape(rules.text(because))
                )?;
            }
        }
    }

    writeln!(out)?;
    writeln!(out, "## {}", w.get("show-sign-off"))?;
    writeln!(out)?;
    writeln!(
        out,
        "{}: ______________________________",
        w.get("show-approved-by")
    )?;
    writeln!(out)?;
    writeln!(out, "{}: ____________", w.get("show-date-signed"))?;
    Ok(())
}

/// The catalogue key of the heading of the part of the file a text path belongs to, and
/// the rest of the path.
fn section_of(path: &str) -> (&'static str, &str) {
    const SECTIONS: [(&str, &str); 8] = [
        ("parameters.", "show-parameters"),
        ("texts.", "show-section-texts"),
        ("audiences.", "show-section-audiences"),
        ("questions.", "show-section-questions"),
        ("rules.", "show-section-rules"),
        ("aftercare.items.", "show-section-aftercare"),
        ("aftercare.reminders.", "show-section-reminders"),
        ("waived", "show-section-waivers"),
    ];
    SECTIONS
        .iter()
        .find_map(|(prefix, title)| path.strip_prefix(prefix).map(|rest| (*title, rest)))
        .unwrap_or(("show-section-file", path))
}

/// Every text of the rule file in its first language and in this set's language, side
/// by side, one table per part of the file: what a reviewer of a translation reads.
/// A text with no translation says so in its row (it falls back to the first language).
/// Its own words are in this set's language; the columns are headed by each language's
/// own name (`English | Español`), so either reader finds their column.
pub fn write_side_by_side(rules: &RuleSet, origin: &str, out: &mut dyn Write) -> io::Result<()> {
    let file = &rules.file;
    let w = rules.words();
    let base = file.base();
    let lang = rules.lang.as_str();
    let (base_name, lang_name) = (lang::name(base), lang::name(lang));
    writeln!(
        out,
        "# {}",
        w.fill(
            "show-side-title",
            &[
                ("name", &escape(file.name.get(base, base))),
                ("version", &escape(&rules.version)),
                ("base", base_name),
                ("lang", lang_name),
            ]
        )
    )?;
    writeln!(out)?;
    writeln!(out, "- {}: {}", w.get("show-rule-file"), escape(origin))?;
    writeln!(out, "- SHA-256: `{}`", rules.sha256)?;
    writeln!(
        out,
        "- {}",
        w.fill(
            "show-languages",
            &[("languages", &rules.languages.join(", "))]
        )
    )?;
    writeln!(out)?;
    writeln!(
        out,
        "{}",
        w.fill("show-side-intro", &[("base", base), ("lang", lang)])
    )?;
    let mut current = "";
    for (path, text) in crate::rules::texts::every_text(file) {
        let (section, rest) = section_of(&path);
        if section != current {
            current = section;
            writeln!(out)?;
            writeln!(out, "## {}", w.get(section))?;
            writeln!(out)?;
            writeln!(
                out,
                "| {} | {base_name} | {lang_name} |",
                w.get("show-where")
            )?;
            writeln!(out, "|---|---|---|")?;
        }
        let translated = text.exactly(lang, base).map_or_else(
            || {
                let missing = w.fill("show-no-text", &[("lang", lang), ("base", base_name)]);
                format!("_({missing})_")
            },
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
    use crate::testing::{default_rules, rules_from, spanish_rules};
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

    /// The Markdown sheet in Spanish, as a file whose first language is Spanish shows
    /// it: every heading and label from the catalogue, ids as written.
    #[test]
    fn markdown_in_spanish() {
        let mut out = Vec::new();
        write_markdown(&spanish_rules(), "r.json", &mut out).unwrap();
        let md = String::from_utf8(out).unwrap();
        let expected = [
            "- Procedimiento: Microneedling (terapia de inducción de colágeno)\n",
            "- Archivo de reglas: r.json\n",
            "## Seguridad: las exclusiones documentadas\n",
            "| Exclusión | En este archivo |\n",
            "| `pregnancy` | aplazar (por defecto: aplazar); demostrada en 1 combinación de respuestas |\n",
            "## Preguntas, en el orden en que se hacen\n",
            "### 8. `radiation_end_date` (fecha, evaluación)\n",
            "- Se pregunta solo si: \\`radiation\\_therapy\\` es sí\n",
            "### `recent_radiation`: aplazar\n",
            "- Cuando:\n  - se cumplen todas estas:\n",
            "Una pregunta de evaluación sin respuesta añade una revisión: Esta pregunta",
            "## Cuidados posteriores, si es apta (las horas cuentan desde `procedure_time`)\n",
            "### Primeras 24 horas\n",
            "- `makeup_wait` (evitar, hasta 24 horas después): ",
            "  - Solo si: \\`outdoors\\_next\\_24h\\` es sí\n",
            "## Aprobación\n\nRevisado y aprobado por: ____",
        ];
        for part in expected {
            assert!(md.contains(part), "missing {part:?} in\n{md}");
        }
        for english in [
            "Procedure",
            "Rule file",
            "Safety",
            "When",
            "Only when",
            "Sign-off",
        ] {
            assert!(!md.contains(english), "{english:?} in\n{md}");
        }
    }

    #[test]
    fn text_in_spanish_keeps_its_width() {
        let shown = text(&spanish_rules());
        assert!(shown.contains("  recent_radiation: APLAZAR\n"), "{shown}");
        assert!(shown.lines().all(|l| l.chars().count() <= WIDTH), "{shown}");
    }
}
