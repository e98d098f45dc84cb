//! The lint report: errors, then warnings, each as `file: path: message`, then a count.
//! Plain text, no colour: it is read by people and by scripts alike.

use std::io::{self, Write};

use crate::rules::Problem;
use crate::rules::lint::Report;

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

pub fn write(origin: &str, report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let section = |out: &mut dyn Write, title: &str, problems: &[Problem]| -> io::Result<()> {
        if problems.is_empty() {
            return Ok(());
        }
        writeln!(out, "{title}:")?;
        for problem in problems {
            writeln!(out, "{origin}: {problem}")?;
        }
        Ok(())
    };
    section(out, "errors", &report.errors)?;
    section(out, "warnings", &report.warnings)?;
    if report.errors.is_empty() && report.warnings.is_empty() {
        writeln!(out, "{origin}: no problems found")
    } else {
        writeln!(
            out,
            "{origin}: {}, {}",
            plural(report.errors.len(), "error"),
            plural(report.warnings.len(), "warning")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(path: &str, message: &str) -> Problem {
        Problem {
            path: path.into(),
            message: message.into(),
        }
    }

    #[test]
    fn errors_and_warnings_apart() {
        let cases = [
            ("clean", Report::default(), "r.json: no problems found\n"),
            (
                "both",
                Report {
                    errors: vec![problem("rules.x", "bad"), problem("", "worse")],
                    warnings: vec![problem("questions.y", "odd")],
                },
                "errors:\nr.json: rules.x: bad\nr.json: worse\nwarnings:\nr.json: questions.y: odd\nr.json: 2 errors, 1 warning\n",
            ),
        ];
        for (name, report, expected) in cases {
            let mut out = Vec::new();
            write("r.json", &report, &mut out).unwrap();
            assert_eq!(String::from_utf8(out).unwrap(), expected, "{name}");
        }
    }
}
