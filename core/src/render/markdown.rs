//! Markdown output: a printable handout. Texts from the rule file and answers are
//! escaped so they cannot turn into markup. Never carries colour.

use std::io::{self, Write};

use super::{
    AftercareReport, Reader, ScreenReport, after_window_words, capitalized, contact, dates_words,
    first_window_words, long_date, next_steps, patient_dates_words, patient_verdict,
    reason_answers, verdict_words,
};
use crate::aftercare::Checklist;
use crate::answers::Answers;
use crate::i18n::Words;
use crate::rules::{RuleSet, Window};
use crate::screen::Screening;

/// Escapes the characters that Markdown (and the HTML it allows) would interpret.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '|' | '<' | '>' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// Which rule file, by name and version only: a handout goes to the patient, and the
/// checksum stays in the record and the JSON.
fn rules_line(rules: &RuleSet) -> String {
    format!("{} {}", escape(&rules.title), escape(&rules.version))
}

/// How to reach the clinic, when the rule file gives a phone or out-of-hours guidance.
fn write_contact(rules: &RuleSet, out: &mut dyn Write) -> io::Result<()> {
    let w = rules.words();
    let Some(contact) = contact(rules) else {
        return Ok(());
    };
    if contact.phone.is_none() && contact.out_of_hours.is_none() {
        return Ok(());
    }
    writeln!(out)?;
    writeln!(out, "## {}", w.get("sheet-contact"))?;
    writeln!(out)?;
    if let (Some(phone), Some(tel)) = (contact.phone, contact.tel()) {
        let label = contact
            .name
            .map_or_else(|| w.get("label-phone").to_string(), escape);
        writeln!(out, "- {label}: [{}]({tel})", escape(phone))?;
    }
    if let Some(text) = contact.out_of_hours {
        writeln!(out, "- {}: {}", w.get("label-out-of-hours"), escape(text))?;
    }
    Ok(())
}

pub fn write_screen(report: &ScreenReport, out: &mut dyn Write) -> io::Result<()> {
    let s = report.screening;
    let w = report.rules.words();
    let (word, meaning) = verdict_words(w, s.verdict);
    writeln!(out, "# {}", escape(&report.rules.procedure))?;
    writeln!(out)?;
    write_clinic_name(report.rules, out)?;
    let patient = report.reader == Reader::Patient;
    if patient {
        writeln!(
            out,
            "**{}**",
            patient_verdict(w, s.verdict, s.eligible_from)
        )?;
        writeln!(out)?;
        writeln!(out, "- {}.", patient_dates_words(w, s))?;
        writeln!(
            out,
            "- {}: {}",
            w.get("label-questionnaire"),
            rules_line(report.rules)
        )?;
    } else {
        write!(out, "**{}: {word}**: {meaning}", w.get("sheet-verdict"))?;
        if let Some(date) = s.eligible_from {
            write!(out, " ({} {date})", w.get("sheet-eligible-from"))?;
        }
        writeln!(out)?;
        writeln!(out)?;
        writeln!(out, "- {}: {}", w.get("label-dates"), dates_words(w, s))?;
        writeln!(
            out,
            "- {}: {}",
            w.get("label-rules"),
            rules_line(report.rules)
        )?;
    }
    write_reasons(
        report.rules,
        report.answers,
        s,
        report.explain,
        report.reader,
        out,
    )?;
    if patient {
        let steps = next_steps(report.rules, s);
        if !steps.is_empty() {
            writeln!(out)?;
            writeln!(out, "## {}", w.get("sheet-next"))?;
            writeln!(out)?;
            for step in steps {
                writeln!(out, "- {}", escape(step))?;
            }
        }
    }
    if let Some(checklist) = report.checklist {
        writeln!(out)?;
        write_checklist(w, checklist, out)?;
    }
    write_contact(report.rules, out)
}

/// The clinic's name under the title, when the rule file gives one.
fn write_clinic_name(rules: &RuleSet, out: &mut dyn Write) -> io::Result<()> {
    if let Some(name) = contact(rules).and_then(|c| c.name) {
        writeln!(out, "**{}**", escape(name))?;
        writeln!(out)?;
    }
    Ok(())
}

/// The reasons in the words of the rule file and the questions: no ids.
fn write_reasons(
    rules: &RuleSet,
    answers: &Answers,
    s: &Screening,
    explain: bool,
    reader: Reader,
    out: &mut dyn Write,
) -> io::Result<()> {
    if s.reasons.is_empty() {
        return Ok(());
    }
    let patient = reader == Reader::Patient;
    let w = rules.words();
    writeln!(out)?;
    writeln!(out, "## {}", reader.reasons_heading(w))?;
    writeln!(out)?;
    for r in &s.reasons {
        let outcome = reader.outcome_words(w, r.outcome);
        let mut line = format!("- **{outcome}**: {}", escape(r.message));
        match (patient, r.eligible_from) {
            (false, Some(date)) => line.push_str(&format!(
                " {} {date}.",
                w.get("sheet-eligible-from-sentence")
            )),
            (true, Some(date)) => {
                line.push_str(&format!(
                    " {} {}.",
                    w.get("sheet-book-from"),
                    long_date(w, date)
                ));
            }
            (_, None) => {}
        }
        writeln!(out, "{line}")?;
        for (prompt, reply) in reason_answers(rules, answers, r) {
            if patient {
                writeln!(
                    out,
                    "  - {} “{}”: {}",
                    w.get("sheet-your-answer-to"),
                    escape(prompt),
                    escape(&reply)
                )?;
            } else {
                writeln!(out, "  - “{}” {}", escape(prompt), escape(&reply))?;
            }
        }
        if explain && let Some(rationale) = r.rationale {
            writeln!(
                out,
                "  - *{}:* {}",
                w.get("label-why-this-rule"),
                escape(rationale)
            )?;
        }
    }
    Ok(())
}

pub fn write_aftercare(report: &AftercareReport, out: &mut dyn Write) -> io::Result<()> {
    let w = report.rules.words();
    writeln!(
        out,
        "# {}",
        w.fill(
            "title-aftercare",
            &[("procedure", &escape(&report.rules.procedure))]
        )
    )?;
    writeln!(out)?;
    write_clinic_name(report.rules, out)?;
    if let Some(initials) = report.go_ahead_by {
        let s = report.screening;
        let (word, meaning) = verdict_words(w, s.verdict);
        writeln!(out, "**{}: {word}**: {meaning}", w.get("sheet-verdict"))?;
        writeln!(out)?;
        writeln!(
            out,
            "- {}: {}",
            w.get("sheet-go-ahead-by"),
            escape(initials)
        )?;
        writeln!(out, "- {}: {}", w.get("label-dates"), dates_words(w, s))?;
    }
    writeln!(
        out,
        "- {}: {}",
        w.get("label-rules"),
        rules_line(report.rules)
    )?;
    if report.go_ahead_by.is_some() {
        write_reasons(
            report.rules,
            report.answers,
            report.screening,
            false,
            Reader::Staff,
            out,
        )?;
    }
    writeln!(out)?;
    write_checklist(w, report.checklist, out)?;
    write_contact(report.rules, out)
}

fn write_checklist(w: &Words, checklist: &Checklist, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "## {}", w.get("sheet-first-24h"))?;
    writeln!(out)?;
    writeln!(out, "{}.", capitalized(&first_window_words(w, checklist)))?;
    writeln!(out)?;
    write_window(w, checklist, Window::First24h, out)?;
    if checklist.window(Window::After24h).next().is_some() {
        writeln!(out)?;
        writeln!(out, "## {}", w.get("heading-after-first-day"))?;
        writeln!(out)?;
        writeln!(out, "{}.", capitalized(&after_window_words(w, checklist)))?;
        writeln!(out)?;
        write_window(w, checklist, Window::After24h, out)?;
    }
    Ok(())
}

fn write_window(
    w: &Words,
    checklist: &Checklist,
    window: Window,
    out: &mut dyn Write,
) -> io::Result<()> {
    for item in checklist.window(window) {
        let mut line = format!("- [ ] {}", escape(&item.def.text));
        if let Some(until) = &item.until {
            let until = w.fill("label-until", &[("time", &super::clock(w, until))]);
            line.push_str(&format!(" *{until}.*"));
        }
        writeln!(out, "{line}")?;
        if let Some(why) = &item.why {
            writeln!(out, "  - *{}:* {}", w.get("sheet-why"), escape(why))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_texts_is_escaped() {
        assert_eq!(
            escape("<script>*x*</script>"),
            "\\<script\\>\\*x\\*\\</script\\>"
        );
        assert_eq!(escape("two\nlines"), "two lines");
    }
}
