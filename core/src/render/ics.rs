//! iCalendar (RFC 5545) reminders for a patient's phone: one event per reminder in the
//! rule file, at the procedure time plus the reminder's offset.
//!
//! Renders only; the caller decides whether there is anything to remind of (a candidate,
//! or `prescreen aftercare`) and writes the bytes with `files::write_private`.
//!
//! Choices the RFC leaves open:
//! - Times are UTC (`DTSTART:20261124T130000Z`). The answers give the procedure time with
//!   a fixed offset, not a time zone; a `TZID` would need a made-up `VTIMEZONE` that some
//!   calendar apps ignore or mis-read. UTC names the exact instant and every app shows it
//!   in the phone's own zone. The description also states the time in the procedure's
//!   offset, so a reader can check it against the sheet.
//! - UIDs are stable: a hash of the rule file's SHA-256, the procedure instant and the
//!   reminder id. Importing the same reminders again updates the events instead of
//!   duplicating them; nothing random goes in.
//! - `DTSTAMP` (required) is the moment the file is made, given by the caller.

use std::io::{self, Write};

use chrono::{DateTime, FixedOffset, Utc};
use sha2::{Digest, Sha256};

use crate::aftercare::Checklist;
use crate::i18n::{Words, long_time};
use crate::rules::{ReminderDef, RuleSet};

/// What a calendar file is made from.
pub struct CalendarReport<'a> {
    pub rules: &'a RuleSet,
    pub checklist: &'a Checklist<'a>,
    /// When the file is made (`DTSTAMP`).
    pub stamp: DateTime<Utc>,
}

/// Longest content line in octets, without the CRLF (RFC 5545, 3.1).
const LINE_OCTETS: usize = 75;

/// Each reminder's event lasts this long; it is marked free time, not busy.
const EVENT_MINUTES: &str = "PT15M";

/// Escapes a TEXT value (RFC 5545, 3.3.11): backslash, semicolon, comma and newlines.
/// Other control characters are not allowed in TEXT and become spaces.
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Folds one content line into physical lines of at most 75 octets, each ended by CRLF;
/// continuation lines start with a space. Never splits a UTF-8 character.
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / LINE_OCTETS * 3 + 2);
    let mut width = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if width + n > LINE_OCTETS {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += n;
    }
    out.push_str("\r\n");
    out
}

fn line(out: &mut dyn Write, name: &str, value: &str) -> io::Result<()> {
    out.write_all(fold(&format!("{name}:{value}")).as_bytes())
}

/// A UTC date-time in the iCalendar form `20261124T130000Z`.
fn utc(t: &DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

/// A time as people read it, in the procedure's own offset: `Tue 24 Nov 2026, 14:00
/// (UTC+01:00)`, `martes, 24 de noviembre de 2026, 14:00 (UTC+01:00)`.
fn local(w: &Words, t: &DateTime<FixedOffset>) -> String {
    format!("{} ({})", long_time(w, t), t.format("UTC%:z"))
}

/// The stable UID of a reminder for this rule file and procedure time.
pub fn uid(rules: &RuleSet, starts: &DateTime<FixedOffset>, reminder: &ReminderDef) -> String {
    let key = format!(
        "{}\n{}\n{}",
        rules.sha256,
        utc(&starts.with_timezone(&Utc)),
        reminder.id
    );
    let digest = Sha256::digest(key.as_bytes());
    let hex: String = digest.iter().take(16).map(|b| format!("{b:02x}")).collect();
    format!("{hex}-{}@prescreen", reminder.id)
}

/// Writes the calendar: one event per reminder, in rule-file order.
pub fn write_calendar(report: &CalendarReport, out: &mut dyn Write) -> io::Result<()> {
    // The caller writes no calendar without a procedure time; a reminder is never
    // counted from some other moment.
    let starts = report.checklist.starts.ok_or_else(|| {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            "the procedure time is not known",
        )
    })?;
    let w = report.rules.words();
    line(out, "BEGIN", "VCALENDAR")?;
    line(out, "VERSION", "2.0")?;
    line(
        out,
        "PRODID",
        &format!("-//prescreen//prescreen {}//EN", env!("CARGO_PKG_VERSION")),
    )?;
    line(out, "CALSCALE", "GREGORIAN")?;
    for reminder in &report.rules.aftercare.reminders {
        let at = starts.checked_add_signed(reminder.after).ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::InvalidData,
                format!("reminder `{}` falls outside the calendar", reminder.id),
            )
        })?;
        let mut description = reminder.description.trim().to_string();
        if !description.is_empty() {
            description.push_str("\n\n");
        }
        description.push_str(&w.fill(
            "ics-when",
            &[("at", &local(w, &at)), ("procedure", &local(w, &starts))],
        ));
        line(out, "BEGIN", "VEVENT")?;
        line(out, "UID", &uid(report.rules, &starts, reminder))?;
        line(out, "DTSTAMP", &utc(&report.stamp))?;
        line(out, "DTSTART", &utc(&at.with_timezone(&Utc)))?;
        line(out, "DURATION", EVENT_MINUTES)?;
        line(out, "SUMMARY", &escape_text(&reminder.summary))?;
        line(out, "DESCRIPTION", &escape_text(&description))?;
        line(out, "TRANSP", "TRANSPARENT")?;
        line(out, "BEGIN", "VALARM")?;
        line(out, "ACTION", "DISPLAY")?;
        line(out, "DESCRIPTION", &escape_text(&reminder.summary))?;
        line(out, "TRIGGER", "PT0S")?;
        line(out, "END", "VALARM")?;
        line(out, "END", "VEVENT")?;
    }
    line(out, "END", "VCALENDAR")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aftercare::checklist;
    use crate::testing::{answers, default_rules, rules_from};
    use serde_json::json;

    fn start() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-11-23T14:00:00+01:00").unwrap()
    }

    fn calendar(rules: &RuleSet, procedure: &str) -> String {
        let a = answers(rules, json!({ "procedure_time": procedure }));
        let list = checklist(rules, &a, start().date_naive());
        let mut out = Vec::new();
        write_calendar(
            &CalendarReport {
                rules,
                checklist: &list,
                stamp: DateTime::parse_from_rfc3339("2026-11-23T10:00:00Z")
                    .unwrap()
                    .with_timezone(&Utc),
            },
            &mut out,
        )
        .unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn text_values_are_escaped() {
        let cases = [
            ("plain", "plain", "plain"),
            ("specials", r"a\b;c,d", r"a\\b\;c\,d"),
            (
                "newlines",
                "one\ntwo\r\nthree\rfour",
                r"one\ntwo\nthree\nfour",
            ),
            ("controls", "bell\u{7}tab\t", "bell tab\t"),
            ("colon kept", "Note: x", "Note: x"),
        ];
        for (name, input, expected) in cases {
            assert_eq!(escape_text(input), expected, "{name}");
        }
    }

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_characters() {
        let cases = [
            ("short", "SUMMARY:hi".to_string()),
            ("exactly 75", format!("X:{}", "a".repeat(73))),
            ("76", format!("X:{}", "a".repeat(74))),
            ("long ascii", format!("DESCRIPTION:{}", "word ".repeat(60))),
            ("multibyte", format!("SUMMARY:{}", "é✓".repeat(40))),
        ];
        for (name, input) in cases {
            let folded = fold(&input);
            assert!(folded.ends_with("\r\n"), "{name}");
            let physical: Vec<&str> = folded.trim_end_matches("\r\n").split("\r\n").collect();
            for (i, l) in physical.iter().enumerate() {
                assert!(l.len() <= 75, "{name}: line {i} has {} octets", l.len());
                assert_eq!(i > 0, l.starts_with(' '), "{name}: line {i}");
            }
            let unfolded = folded.trim_end_matches("\r\n").replace("\r\n ", "");
            assert_eq!(unfolded, input, "{name}: unfolds to the original");
        }
        assert_eq!(fold(&format!("X:{}", "a".repeat(73))).lines().count(), 1);
        assert_eq!(fold(&format!("X:{}", "a".repeat(74))).lines().count(), 2);
    }

    #[test]
    fn events_count_from_the_procedure_in_utc() {
        let ics = calendar(&default_rules(), "2026-11-23T14:00:00+01:00");
        let starts: Vec<&str> = ics
            .split("\r\n")
            .filter_map(|l| l.strip_prefix("DTSTART:"))
            .collect();
        assert_eq!(
            starts,
            ["20261124T130000Z", "20261207T130000Z", "20261221T130000Z"]
        );
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
        assert!(!ics.replace("\r\n", "").contains('\n'), "CRLF only");
        assert!(ics.contains("DTSTAMP:20261123T100000Z\r\n"));
        assert!(ics.contains("SUMMARY:Microneedling: consider booking your next session\r\n"));
        let unfolded = ics.replace("\r\n ", "");
        assert!(unfolded.contains(
            "Tue 24 Nov 2026\\, 14:00 (UTC+01:00). Procedure: Mon 23 Nov 2026\\, 14:00 (UTC+01:00)."
        ));
    }

    #[test]
    fn uids_are_stable_and_distinct() {
        let rules = default_rules();
        let uids = |ics: &str| -> Vec<String> {
            ics.split("\r\n")
                .filter_map(|l| l.strip_prefix("UID:"))
                .map(str::to_string)
                .collect()
        };
        let a = uids(&calendar(&rules, "2026-11-23T14:00:00+01:00"));
        assert_eq!(a.len(), 3);
        assert!(a[0].ends_with("-restrictions_end@prescreen"), "{a:?}");
        assert_eq!(
            a,
            uids(&calendar(&rules, "2026-11-23T13:00:00Z")),
            "same instant, same events"
        );
        let b = uids(&calendar(&rules, "2026-11-23T15:00:00+01:00"));
        assert!(a.iter().all(|u| !b.contains(u)), "another procedure time");
        let edited = rules_from(|d| d["version"] = json!("other"));
        let c = uids(&calendar(&edited, "2026-11-23T14:00:00+01:00"));
        assert!(a.iter().all(|u| !c.contains(u)), "another rule file");
    }

    #[test]
    fn rule_file_texts_are_escaped_and_folded() {
        let rules = rules_from(|d| {
            d["aftercare"]["reminders"][0]["summary"] = json!("Sun; wind, rain\\snow");
            d["aftercare"]["reminders"][0]["description"] =
                json!(format!("Line one\nline two: {}", "é".repeat(80)));
        });
        let ics = calendar(&rules, "2026-11-23T14:00:00+01:00");
        assert!(ics.contains("SUMMARY:Sun\\; wind\\, rain\\\\snow\r\n"));
        for l in ics.split("\r\n") {
            assert!(l.len() <= 75, "{l}");
        }
        assert!(ics.replace("\r\n ", "").contains("Line one\\nline two: éé"));
    }
}
