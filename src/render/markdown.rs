//! Markdown output: a printable handout. Texts from the rule file and answers are
//! escaped so they cannot turn into markup. Never carries colour.

use std::io::{self, Write};

use super::{AftercareReport, ScreenReport, clock, outcome_words, verdict_words};
use crate::aftercare::Checklist;
use crate::rules::{RuleSet, Window};

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

fn rules_line(rules: &RuleSet) -> String {
    format!(
        "{} {} (rule file sha256 `{}`)",
        escape(&rules.name),
        escape(&rules.version),
        &rules.sha256[..12.min(rules.sha256.len())]
    )
}

pub fn write_screen(report: &ScreenReport, out: &mut dyn Write) -> io::Result<()> {
    let s = report.screening;
    let (word, meaning) = verdict_words(s.verdict);
    writeln!(out, "# {}", escape(&report.rules.procedure))?;
    writeln!(out)?;
    write!(out, "**Verdict: {word}**: {meaning}")?;
    if let Some(date) = s.eligible_from {
        write!(out, " (eligible from {date})")?;
    }
    writeln!(out)?;
    writeln!(out)?;
    writeln!(out, "- Screened on: {}", s.screened_on)?;
    writeln!(out, "- Rules: {}", rules_line(report.rules))?;
    if !s.reasons.is_empty() {
        writeln!(out)?;
        writeln!(out, "## Reasons")?;
        writeln!(out)?;
        for r in &s.reasons {
            let mut line = format!("- **{}** (`{}`", outcome_words(r.outcome), r.rule);
            if let Some(q) = r.question {
                line.push_str(&format!(": `{q}`"));
            }
            line.push_str(&format!("): {}", escape(r.message)));
            if let Some(date) = r.eligible_from {
                line.push_str(&format!(" Eligible from {date}."));
            }
            writeln!(out, "{line}")?;
            if report.explain
                && let Some(rationale) = r.rationale
            {
                writeln!(out, "  - *Why this rule:* {}", escape(rationale))?;
            }
        }
    }
    if let Some(checklist) = report.checklist {
        writeln!(out)?;
        write_checklist(checklist, out)?;
    }
    Ok(())
}

pub fn write_aftercare(report: &AftercareReport, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "# {}: aftercare", escape(&report.rules.procedure))?;
    writeln!(out)?;
    writeln!(out, "- Rules: {}", rules_line(report.rules))?;
    writeln!(out)?;
    write_checklist(report.checklist, out)
}

fn write_checklist(checklist: &Checklist, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "## The first 24 hours")?;
    writeln!(out)?;
    writeln!(
        out,
        "From {} until {}.",
        clock(&checklist.starts),
        clock(&checklist.first_window_ends)
    )?;
    writeln!(out)?;
    write_window(checklist, Window::First24h, out)?;
    if checklist.window(Window::After24h).next().is_some() {
        writeln!(out)?;
        writeln!(out, "## After the first day")?;
        writeln!(out)?;
        write_window(checklist, Window::After24h, out)?;
    }
    Ok(())
}

fn write_window(checklist: &Checklist, window: Window, out: &mut dyn Write) -> io::Result<()> {
    for item in checklist.window(window) {
        let mut line = format!("- [ ] {}", escape(&item.def.text));
        if let Some(until) = &item.until {
            line.push_str(&format!(" *Until {}.*", clock(until)));
        }
        writeln!(out, "{line}")?;
        if let Some(why) = &item.def.because {
            writeln!(out, "  - *Why:* {}", escape(why))?;
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
