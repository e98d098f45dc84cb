//! Plain-text output for a terminal: the verdict as a word with a symbol (colour only
//! adds to it), reasons in plain words, and the checklist as `[ ]` lines by window.

use std::io::{self, Write};

use colored::{Color, Colorize};

use super::{
    AftercareReport, Reader, ScreenReport, after_window_words, capitalized, check_status_words,
    clock, contact, dates_words, first_window_words, long_date, next_steps, patient_dates_words,
    patient_verdict, reason_answers, reply_words, verdict_symbol, verdict_words, wrap,
};
use crate::aftercare::Checklist;
use crate::i18n::Words;
use crate::rules::{RuleSet, Window};
use crate::screen::{Screening, Status, Verdict};

/// Lines are kept within this width when no terminal says otherwise, so the output
/// reads on an 80-column terminal.
pub const WIDTH: usize = 78;

/// Narrowest width text is wrapped to, however narrow the terminal.
const MIN_WIDTH: usize = 20;

/// How text is styled for its stream: colour only when chosen, lines wrapped to `width`.
#[derive(Debug, Clone, Copy)]
pub struct Painter {
    pub color: bool,
    pub width: usize,
}

impl Painter {
    /// A painter for a stream `columns` wide (a terminal), or [`WIDTH`] when not known:
    /// two columns short of the edge, as on an 80-column terminal.
    pub fn new(color: bool, columns: Option<usize>) -> Painter {
        Painter {
            color,
            width: columns.map_or(WIDTH, |c| c.saturating_sub(2).max(MIN_WIDTH)),
        }
    }

    fn paint(&self, text: &str, color: Color) -> String {
        if self.color {
            text.color(color).bold().to_string()
        } else {
            text.to_string()
        }
    }

    fn bold(&self, text: &str) -> String {
        if self.color {
            text.bold().to_string()
        } else {
            text.to_string()
        }
    }

    fn dim(&self, text: &str) -> String {
        if self.color {
            text.dimmed().to_string()
        } else {
            text.to_string()
        }
    }
}

pub fn verdict_color(verdict: Verdict) -> Color {
    match verdict {
        Verdict::Candidate => Color::Green,
        Verdict::Review => Color::Yellow,
        Verdict::Defer => Color::Cyan,
        Verdict::NotCandidate => Color::Red,
    }
}

/// The one-line headline: `✓ CANDIDATE: can go ahead today`.
pub fn headline(
    w: &Words,
    verdict: Verdict,
    eligible_from: Option<chrono::NaiveDate>,
    painter: Painter,
) -> String {
    let (word, meaning) = verdict_words(w, verdict);
    let mut line = painter.paint(
        &format!("{} {word}", verdict_symbol(verdict)),
        verdict_color(verdict),
    );
    line.push_str(": ");
    line.push_str(meaning);
    if let Some(date) = eligible_from {
        line.push_str(&format!(" ({} {date})", w.get("sheet-eligible-from")));
    }
    line
}

/// The one-line verdict as the reader takes it: for the person themselves, what to do
/// (`✓ You can book`); for staff, [`headline`].
pub fn headline_for(
    w: &Words,
    reader: Reader,
    verdict: Verdict,
    eligible_from: Option<chrono::NaiveDate>,
    painter: Painter,
) -> String {
    match reader {
        Reader::Staff => headline(w, verdict, eligible_from, painter),
        Reader::Patient => painter.paint(
            &format!(
                "{} {}",
                verdict_symbol(verdict),
                patient_verdict(w, verdict, eligible_from)
            ),
            verdict_color(verdict),
        ),
    }
}

/// Writes `text` wrapped to the painter's width, the first line after `first`, the rest
/// indented by `indent`. Words are never broken.
fn para(
    out: &mut dyn Write,
    painter: Painter,
    first: &str,
    indent: usize,
    text: &str,
) -> io::Result<()> {
    let width = painter
        .width
        .saturating_sub(indent.max(first.chars().count()))
        .max(MIN_WIDTH);
    for (i, line) in wrap(text, width).iter().enumerate() {
        if i == 0 {
            writeln!(out, "{first}{line}")?;
        } else {
            writeln!(out, "{:indent$}{line}", "")?;
        }
    }
    Ok(())
}

pub fn write_screen(
    report: &ScreenReport,
    out: &mut dyn Write,
    painter: Painter,
) -> io::Result<()> {
    let s = report.screening;
    let reader = report.reader;
    let w = report.rules.words();
    match reader {
        Reader::Staff => writeln!(out, "{}", headline(w, s.verdict, s.eligible_from, painter))?,
        Reader::Patient => {
            let words = format!(
                "{} {}",
                verdict_symbol(s.verdict),
                patient_verdict(w, s.verdict, s.eligible_from)
            );
            for line in wrap(&words, painter.width) {
                writeln!(out, "{}", painter.paint(&line, verdict_color(s.verdict)))?;
            }
        }
    }
    let rules_line = format!("{} {}", report.rules.title, report.rules.version);
    match reader {
        Reader::Staff => {
            writeln!(out, "{}", painter.dim(&rules_line))?;
            writeln!(out, "{}", painter.dim(&capitalized(&dates_words(w, s))))?;
        }
        Reader::Patient => {
            let dates = format!("{}.", patient_dates_words(w, s));
            for line in wrap(&dates, painter.width) {
                writeln!(out, "{}", painter.dim(&line))?;
            }
            let questionnaire = format!("{}: {rules_line}", w.get("label-questionnaire"));
            for line in wrap(&questionnaire, painter.width) {
                writeln!(out, "{}", painter.dim(&line))?;
            }
        }
    }
    write_reasons(report, out, painter)?;
    if reader == Reader::Patient {
        write_next_steps(report.rules, s, out, painter)?;
    }
    if report.explain {
        writeln!(out)?;
        writeln!(out, "{}", painter.bold(w.get("sheet-checked")))?;
        let width = s.checked().map(|c| c.rule.id.len()).max().unwrap_or(0);
        let status_width = [Status::Fired, Status::Cleared, Status::Undecided]
            .map(|status| check_status_words(w, status).chars().count())
            .into_iter()
            .max()
            .unwrap_or(0);
        for check in s.checked() {
            let status = check_status_words(w, check.status);
            let inputs: Vec<String> = check
                .rule
                .inputs
                .iter()
                .map(|&q| {
                    let question = &report.rules.questions[q];
                    format!(
                        "{} = {}",
                        question.id,
                        reply_words(w, question, report.answers.reply(q))
                    )
                })
                .collect();
            let prefix = format!("  {status:<status_width$}  {:<width$}  ", check.rule.id);
            para(
                out,
                painter,
                &prefix,
                prefix.chars().count(),
                &inputs.join(", "),
            )?;
        }
    }
    if let Some(checklist) = report.checklist {
        writeln!(out)?;
        write_checklist(w, checklist, out, painter)?;
    }
    write_contact(report.rules, out, painter)
}

/// How to reach the clinic, when the rule file names one.
fn write_contact(rules: &RuleSet, out: &mut dyn Write, painter: Painter) -> io::Result<()> {
    let w = rules.words();
    let Some(contact) = contact(rules) else {
        return Ok(());
    };
    writeln!(out)?;
    let name = contact.name.unwrap_or(w.get("text-the-clinic"));
    match contact.phone {
        Some(phone) => writeln!(out, "{}: {phone}", painter.bold(name))?,
        None => writeln!(out, "{}", painter.bold(name))?,
    }
    if let Some(text) = contact.out_of_hours {
        let label = format!("{}: ", w.get("label-out-of-hours"));
        para(out, painter, &label, label.chars().count(), text)?;
    }
    Ok(())
}

/// The reasons in the words of the rule file and the questions: no ids.
fn write_reasons(report: &ScreenReport, out: &mut dyn Write, painter: Painter) -> io::Result<()> {
    let s = report.screening;
    if s.reasons.is_empty() {
        return Ok(());
    }
    let patient = report.reader == Reader::Patient;
    let w = report.rules.words();
    writeln!(out)?;
    writeln!(out, "{}", painter.bold(report.reader.reasons_heading(w)))?;
    for reason in &s.reasons {
        let outcome = report.reader.outcome_words(w, reason.outcome);
        let label = match (patient, reason.eligible_from) {
            (_, None) => outcome.to_string(),
            (false, Some(date)) => format!("{outcome} · {} {date}", w.get("sheet-eligible-from")),
            (true, Some(date)) => format!(
                "{outcome} · {} {}",
                w.get("text-book-from"),
                long_date(w, date)
            ),
        };
        para(out, painter, "  - ", 4, &label)?;
        for (prompt, reply) in reason_answers(report.rules, report.answers, reason) {
            let line = if patient {
                format!("{} “{prompt}”: {reply}", w.get("sheet-your-answer-to"))
            } else {
                format!("“{prompt}” {reply}")
            };
            para(out, painter, "    ", 4, &line)?;
        }
        para(out, painter, "    ", 4, reason.message)?;
        if report.explain
            && let Some(rationale) = reason.rationale
        {
            let label = format!("    {}: ", w.get("label-why-this-rule"));
            para(out, painter, &label, 4, rationale)?;
        }
    }
    Ok(())
}

/// What to do next, for the person themselves: the rule file's words for each kind of
/// reason present, worst first.
pub fn write_next_steps(
    rules: &RuleSet,
    s: &Screening,
    out: &mut dyn Write,
    painter: Painter,
) -> io::Result<()> {
    let steps = next_steps(rules, s);
    if steps.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    writeln!(out, "{}", painter.bold(rules.words().get("sheet-next")))?;
    for step in steps {
        para(out, painter, "  - ", 4, step)?;
    }
    Ok(())
}

pub fn write_aftercare(
    report: &AftercareReport,
    out: &mut dyn Write,
    painter: Painter,
) -> io::Result<()> {
    writeln!(
        out,
        "{}",
        painter.dim(&format!("{} {}", report.rules.title, report.rules.version))
    )?;
    let w = report.rules.words();
    if let Some(initials) = report.go_ahead_by {
        let s = report.screening;
        writeln!(out, "{}", headline(w, s.verdict, s.eligible_from, painter))?;
        writeln!(
            out,
            "{}",
            painter.bold(&w.fill(
                "text-go-ahead",
                &[("initials", initials), ("dates", &dates_words(w, s))]
            ))
        )?;
        let screen = ScreenReport {
            rules: report.rules,
            answers: report.answers,
            screening: s,
            checklist: None,
            explain: false,
            reader: Reader::Staff,
            reference: None,
        };
        write_reasons(&screen, out, painter)?;
    }
    writeln!(out)?;
    write_checklist(w, report.checklist, out, painter)?;
    write_contact(report.rules, out, painter)
}

fn write_checklist(
    w: &Words,
    checklist: &Checklist,
    out: &mut dyn Write,
    painter: Painter,
) -> io::Result<()> {
    writeln!(out, "{}", painter.bold(w.get("text-aftercare-first-24h")))?;
    for line in wrap(
        &capitalized(&first_window_words(w, checklist)),
        painter.width,
    ) {
        writeln!(out, "{line}")?;
    }
    write_window(w, checklist, Window::First24h, out, painter)?;
    if checklist.window(Window::After24h).next().is_some() {
        writeln!(out)?;
        writeln!(
            out,
            "{}",
            painter.bold(&w.fill(
                "text-after-first-day",
                &[("when", &after_window_words(w, checklist))]
            ))
        )?;
        write_window(w, checklist, Window::After24h, out, painter)?;
    }
    Ok(())
}

fn write_window(
    w: &Words,
    checklist: &Checklist,
    window: Window,
    out: &mut dyn Write,
    painter: Painter,
) -> io::Result<()> {
    for item in checklist.window(window) {
        para(out, painter, "  [ ] ", 6, &item.def.text)?;
        if let Some(until) = &item.until {
            writeln!(
                out,
                "      {}",
                w.fill("sheet-until", &[("time", &clock(w, until))])
            )?;
        }
        if let Some(why) = &item.why {
            let label = format!("      {}: ", w.get("text-why"));
            para(out, painter, &label, 6, why)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_width_follows_the_terminal_two_columns_short() {
        let cases = [
            ("not a terminal", None, WIDTH),
            ("80 columns", Some(80), 78),
            ("wide", Some(132), 130),
            ("too narrow to read", Some(10), MIN_WIDTH),
        ];
        for (name, columns, width) in cases {
            assert_eq!(Painter::new(false, columns).width, width, "{name}");
        }
    }
}
