//! Plain-text output for a terminal: the verdict as a word with a symbol (colour only
//! adds to it), reasons in plain words, and the checklist as `[ ]` lines by window.

use std::io::{self, Write};

use colored::{Color, Colorize};

use super::{
    AftercareReport, ScreenReport, after_window_words, capitalized, clock, contact, dates_words,
    first_window_words, outcome_words, reason_answers, reply_words, verdict_symbol, verdict_words,
    wrap,
};
use crate::aftercare::Checklist;
use crate::answers::Answers;
use crate::rules::{RuleSet, Window};
use crate::screen::{Screening, Status, Verdict};

/// Lines are kept within this width so the output reads on an 80-column terminal.
const WIDTH: usize = 78;

/// Paints text only when colour was chosen for this stream.
#[derive(Debug, Clone, Copy)]
pub struct Painter {
    pub color: bool,
}

impl Painter {
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
    verdict: Verdict,
    eligible_from: Option<chrono::NaiveDate>,
    painter: Painter,
) -> String {
    let (word, meaning) = verdict_words(verdict);
    let mut line = painter.paint(
        &format!("{} {word}", verdict_symbol(verdict)),
        verdict_color(verdict),
    );
    line.push_str(": ");
    line.push_str(meaning);
    if let Some(date) = eligible_from {
        line.push_str(&format!(" (eligible from {date})"));
    }
    line
}

/// Writes `text` wrapped, the first line after `first`, the rest indented by `indent`.
fn para(out: &mut dyn Write, first: &str, indent: usize, text: &str) -> io::Result<()> {
    let width = WIDTH
        .saturating_sub(indent.max(first.chars().count()))
        .max(20);
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
    writeln!(out, "{}", headline(s.verdict, s.eligible_from, painter))?;
    writeln!(
        out,
        "{}",
        painter.dim(&format!("{} {}", report.rules.name, report.rules.version))
    )?;
    writeln!(out, "{}", painter.dim(&capitalized(&dates_words(s))))?;
    write_reasons(
        report.rules,
        report.answers,
        s,
        report.explain,
        out,
        painter,
    )?;
    if report.explain {
        writeln!(out)?;
        writeln!(out, "{}", painter.bold("Checked"))?;
        let width = s.checked.iter().map(|c| c.rule.id.len()).max().unwrap_or(0);
        for check in &s.checked {
            let status = match check.status {
                Status::Fired => "fired",
                Status::Cleared => "cleared",
                Status::Undecided => "undecided",
            };
            let inputs: Vec<String> = check
                .rule
                .inputs
                .iter()
                .map(|&q| {
                    let question = &report.rules.questions[q];
                    format!(
                        "{} = {}",
                        question.id,
                        reply_words(question, report.answers.reply(q))
                    )
                })
                .collect();
            let prefix = format!("  {status:<9}  {:<width$}  ", check.rule.id);
            para(out, &prefix, prefix.chars().count(), &inputs.join(", "))?;
        }
    }
    if let Some(checklist) = report.checklist {
        writeln!(out)?;
        write_checklist(checklist, out, painter)?;
    }
    write_contact(report.rules, out, painter)
}

/// How to reach the clinic, when the rule file names one.
fn write_contact(rules: &RuleSet, out: &mut dyn Write, painter: Painter) -> io::Result<()> {
    let Some(contact) = contact(rules) else {
        return Ok(());
    };
    writeln!(out)?;
    let name = contact.name.unwrap_or("The clinic");
    match contact.phone {
        Some(phone) => writeln!(out, "{}: {phone}", painter.bold(name))?,
        None => writeln!(out, "{}", painter.bold(name))?,
    }
    if let Some(text) = contact.out_of_hours {
        para(out, "Out of hours: ", 14, text)?;
    }
    Ok(())
}

/// The reasons in the words of the rule file and the questions: no ids.
fn write_reasons(
    rules: &RuleSet,
    answers: &Answers,
    s: &Screening,
    explain: bool,
    out: &mut dyn Write,
    painter: Painter,
) -> io::Result<()> {
    if s.reasons.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    writeln!(out, "{}", painter.bold("Reasons"))?;
    for reason in &s.reasons {
        let mut label = outcome_words(reason.outcome).to_string();
        if let Some(date) = reason.eligible_from {
            label.push_str(&format!(" · eligible from {date}"));
        }
        writeln!(out, "  - {label}")?;
        for (prompt, reply) in reason_answers(rules, answers, reason) {
            para(out, "    ", 4, &format!("“{prompt}” {reply}"))?;
        }
        para(out, "    ", 4, reason.message)?;
        if explain && let Some(rationale) = reason.rationale {
            para(out, "    Why this rule: ", 4, rationale)?;
        }
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
        painter.dim(&format!("{} {}", report.rules.name, report.rules.version))
    )?;
    if let Some(initials) = report.go_ahead_by {
        let s = report.screening;
        writeln!(out, "{}", headline(s.verdict, s.eligible_from, painter))?;
        writeln!(
            out,
            "{}",
            painter.bold(&format!(
                "Go-ahead for the procedure given by {initials} ({}).",
                dates_words(s)
            ))
        )?;
        write_reasons(report.rules, report.answers, s, false, out, painter)?;
    }
    writeln!(out)?;
    write_checklist(report.checklist, out, painter)?;
    write_contact(report.rules, out, painter)
}

fn write_checklist(checklist: &Checklist, out: &mut dyn Write, painter: Painter) -> io::Result<()> {
    writeln!(out, "{}", painter.bold("Aftercare: the first 24 hours"))?;
    for line in wrap(&capitalized(&first_window_words(checklist)), WIDTH) {
        writeln!(out, "{line}")?;
    }
    write_window(checklist, Window::First24h, out)?;
    if checklist.window(Window::After24h).next().is_some() {
        writeln!(out)?;
        writeln!(
            out,
            "{}",
            painter.bold(&format!(
                "After the first day ({})",
                after_window_words(checklist)
            ))
        )?;
        write_window(checklist, Window::After24h, out)?;
    }
    Ok(())
}

fn write_window(checklist: &Checklist, window: Window, out: &mut dyn Write) -> io::Result<()> {
    for item in checklist.window(window) {
        para(out, "  [ ] ", 6, &item.def.text)?;
        if let Some(until) = &item.until {
            writeln!(out, "      until {}", clock(until))?;
        }
        if let Some(why) = &item.why {
            para(out, "      why: ", 6, why)?;
        }
    }
    Ok(())
}
