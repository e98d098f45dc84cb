//! The listing of a record file (`prescreen records`): one record line into one row,
//! the filters, the call-back list (`--due`) and the counts per verdict.
//!
//! Pure: no I/O and no clock; "today" is an argument. Reading the file and printing live
//! at the edge ([`read`]); the formats in [`print`]. A problem with a line is named by
//! its kind only, never by its content: record lines are health data.

pub mod print;
pub mod read;

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::Deserialize;

use crate::answers::parse_date;
use crate::record::{starts_like_record, torn_in_record_head};
use crate::screen::Verdict;

/// One screening of a record file, as listed. Borrows from the line where it can (a
/// field with JSON escapes is copied).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row<'a> {
    /// The line of the record file it was read from (1-based).
    pub line: u64,
    /// `recorded_at` as written (RFC 3339, in the recording PC's offset).
    pub recorded_at: Cow<'a, str>,
    /// `recorded_at`, read.
    pub at: DateTime<FixedOffset>,
    pub reference: Option<Cow<'a, str>>,
    pub staff: Option<Cow<'a, str>>,
    /// The screening date (`screened_on`): what the date filters read.
    pub screened_on: NaiveDate,
    pub verdict: Verdict,
    pub eligible_from: Option<NaiveDate>,
}

impl Row<'_> {
    /// The row with its own copies of the text it borrowed (kept past its line).
    pub fn into_owned(self) -> Row<'static> {
        Row {
            line: self.line,
            recorded_at: Cow::Owned(self.recorded_at.into_owned()),
            at: self.at,
            reference: self.reference.map(|r| Cow::Owned(r.into_owned())),
            staff: self.staff.map(|s| Cow::Owned(s.into_owned())),
            screened_on: self.screened_on,
            verdict: self.verdict,
            eligible_from: self.eligible_from,
        }
    }
}

/// The fields of a record line that a listing needs; serde passes over the others (the
/// answers, reasons and rules are still read through, so a torn line is refused).
#[derive(Deserialize)]
struct Wire<'a> {
    #[serde(borrow)]
    recorded_at: Cow<'a, str>,
    #[serde(borrow, default)]
    reference: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    staff: Option<Cow<'a, str>>,
    #[serde(borrow)]
    screened_on: Cow<'a, str>,
    #[serde(borrow)]
    verdict: Cow<'a, str>,
    #[serde(borrow)]
    eligible_from: Option<Cow<'a, str>>,
}

/// Why a line is not listed. Says what kind of problem, never what the line holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineProblem {
    /// It does not begin as a record line does (`{"schema_version":N,"recorded_at":"`).
    NotRecord,
    /// It is cut short (a writer killed mid-record) or is not JSON.
    Torn,
    /// It is JSON, but a field a listing needs is missing or of the wrong type.
    MissingField,
    /// A field has a value no record has (a date, time or verdict).
    BadValue(&'static str),
    /// It is longer than any record (see [`read::MAX_LINE_BYTES`]).
    TooLong,
}

impl fmt::Display for LineProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LineProblem::NotRecord => f.write_str("not a record line"),
            LineProblem::Torn => f.write_str("cut short or not JSON (a torn record)"),
            LineProblem::MissingField => f.write_str("a field is missing or of the wrong type"),
            LineProblem::BadValue(field) => write!(f, "`{field}` is not valid"),
            LineProblem::TooLong => f.write_str("longer than any record"),
        }
    }
}

/// Reads one record line (without its newline) into a row.
pub fn parse_row(line_number: u64, line: &[u8]) -> Result<Row<'_>, LineProblem> {
    if !starts_like_record(line) {
        return Err(if torn_in_record_head(line) {
            LineProblem::Torn
        } else {
            LineProblem::NotRecord
        });
    }
    let wire: Wire = serde_json::from_slice(line).map_err(|e| {
        if e.is_data() {
            LineProblem::MissingField
        } else {
            LineProblem::Torn
        }
    })?;
    let at = DateTime::parse_from_rfc3339(&wire.recorded_at)
        .map_err(|_| LineProblem::BadValue("recorded_at"))?;
    let screened_on = parse_date(&wire.screened_on).ok_or(LineProblem::BadValue("screened_on"))?;
    let verdict = verdict_named(&wire.verdict).ok_or(LineProblem::BadValue("verdict"))?;
    let eligible_from = match wire.eligible_from {
        None => None,
        Some(text) => Some(parse_date(&text).ok_or(LineProblem::BadValue("eligible_from"))?),
    };
    Ok(Row {
        line: line_number,
        recorded_at: wire.recorded_at,
        at,
        // Never written blank; one edited in is no reference, not a person called "".
        reference: wire.reference.filter(|r| !r.trim().is_empty()),
        staff: wire.staff,
        screened_on,
        verdict,
        eligible_from,
    })
}

/// The verdict with this id (`candidate`, `review`, `defer`, `not_candidate`).
pub fn verdict_named(id: &str) -> Option<Verdict> {
    Verdict::ALL.into_iter().find(|v| v.id() == id)
}

/// Which screenings are listed: by screening date (inclusive) and by verdict.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// Empty: every verdict.
    pub verdicts: Vec<Verdict>,
}

impl Filter {
    pub fn keeps(&self, row: &Row) -> bool {
        self.from.is_none_or(|from| row.screened_on >= from)
            && self.to.is_none_or(|to| row.screened_on <= to)
            && (self.verdicts.is_empty() || self.verdicts.contains(&row.verdict))
    }
}

/// The call-back list (`--due DATE`): people deferred whose eligible date has arrived by
/// `DATE`. Only each person's latest screening counts, people being told apart by their
/// reference (exactly as written): someone deferred and screened again since is listed
/// only if that later screening is itself a defer that is due. Latest is by
/// `recorded_at` (the instant, whatever its offset), and between equal times the later
/// line. A screening without a reference cannot be matched with any other, so a due
/// defer without one is listed on its own. A defer without an eligible date (e.g.
/// pregnancy) has no date to arrive and is not listed (`--verdict defer` lists every
/// defer). The rows come out in file order.
#[derive(Debug)]
pub struct Due {
    by: NaiveDate,
    latest: HashMap<String, Latest>,
    unreferenced: Vec<Row<'static>>,
}

#[derive(Debug)]
struct Latest {
    at: DateTime<FixedOffset>,
    /// The row, only when this latest screening is a due defer (boxed: most entries
    /// have none, and a million people are held at once).
    due: Option<Box<Row<'static>>>,
}

impl Due {
    pub fn new(by: NaiveDate) -> Due {
        Due {
            by,
            latest: HashMap::new(),
            unreferenced: Vec::new(),
        }
    }

    fn is_due(&self, row: &Row) -> bool {
        row.verdict == Verdict::Defer && row.eligible_from.is_some_and(|d| d <= self.by)
    }

    /// Takes the next screening of the file, in file order.
    pub fn add(&mut self, row: Row) {
        let due = self.is_due(&row);
        let Some(reference) = row.reference.as_deref() else {
            if due {
                self.unreferenced.push(row.into_owned());
            }
            return;
        };
        let at = row.at;
        if let Some(latest) = self.latest.get_mut(reference) {
            // Later in the file wins a tie; an earlier time does not replace.
            if at >= latest.at {
                latest.at = at;
                latest.due = due.then(|| Box::new(row.into_owned()));
            }
            return;
        }
        let key = reference.to_string();
        let entry = Latest {
            at,
            due: due.then(|| Box::new(row.into_owned())),
        };
        self.latest.insert(key, entry);
    }

    /// Everyone to call back, in file order.
    pub fn finish(self) -> Vec<Row<'static>> {
        let mut rows: Vec<Row<'static>> = self
            .latest
            .into_values()
            .filter_map(|latest| latest.due.map(|row| *row))
            .chain(self.unreferenced)
            .collect();
        rows.sort_by_key(|row| row.line);
        rows
    }
}

/// How many screenings were listed, per verdict.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    counts: [u64; 4],
}

impl Counts {
    pub fn add(&mut self, verdict: Verdict) {
        self.counts[index(verdict)] += 1;
    }

    pub fn of(&self, verdict: Verdict) -> u64 {
        self.counts[index(verdict)]
    }

    pub fn total(&self) -> u64 {
        self.counts.iter().sum()
    }
}

fn index(verdict: Verdict) -> usize {
    match verdict {
        Verdict::Candidate => 0,
        Verdict::Review => 1,
        Verdict::Defer => 2,
        Verdict::NotCandidate => 3,
    }
}

impl fmt::Display for Counts {
    /// `3 screenings: 1 candidate, 0 review, 2 defer, 0 not_candidate`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let total = self.total();
        write!(f, "{total} screening{}:", if total == 1 { "" } else { "s" })?;
        for (i, verdict) in Verdict::ALL.into_iter().enumerate() {
            let sep = if i == 0 { " " } else { ", " };
            write!(f, "{sep}{} {}", self.of(verdict), verdict.id())?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        parse_date(text).unwrap()
    }

    /// A record line as `--record` writes one, with the answers and rules that a listing
    /// passes over.
    pub(crate) fn record(
        at: &str,
        reference: Option<&str>,
        verdict: &str,
        eligible_from: Option<&str>,
    ) -> String {
        let mut doc = serde_json::json!({
            "schema_version": 1, "recorded_at": at, "staff": "JD",
            "rules": {"name": "r", "version": "1", "sha256": "00"},
            "screened_on": &at[..10], "judged_on": &at[..10],
            "answers": {"pregnant": true, "eczema": null},
            "verdict": verdict, "reasons": [{"rule": "x", "outcome": "defer", "message": "m"}],
            "eligible_from": eligible_from,
        });
        if let Some(reference) = reference {
            doc["reference"] = reference.into();
        }
        // The keys in the order a record has them (serde_json's map is sorted).
        let text = doc.to_string();
        let rest = text
            .replacen(&format!(",\"recorded_at\":\"{at}\""), "", 1)
            .replacen("\"schema_version\":1,", "", 1);
        format!(
            "{{\"schema_version\":1,\"recorded_at\":\"{at}\",{}",
            &rest[1..]
        )
    }

    #[test]
    fn a_record_line_becomes_a_row() {
        let line = record(
            "2026-11-23T10:05:09+01:00",
            Some("Ann \"A\" Lee"),
            "defer",
            Some("2026-12-07"),
        );
        let row = parse_row(4, line.as_bytes()).unwrap();
        assert_eq!(row.line, 4);
        assert_eq!(row.recorded_at, "2026-11-23T10:05:09+01:00");
        assert_eq!(row.reference.as_deref(), Some("Ann \"A\" Lee"));
        assert_eq!(row.staff.as_deref(), Some("JD"));
        assert_eq!(row.screened_on, date("2026-11-23"));
        assert_eq!(row.verdict, Verdict::Defer);
        assert_eq!(row.eligible_from, Some(date("2026-12-07")));
        let blank = record("2026-11-23T10:05:09Z", Some(" "), "review", None);
        assert_eq!(parse_row(2, blank.as_bytes()).unwrap().reference, None);
        let plain = record("2026-11-23T10:05:09Z", None, "candidate", None);
        let row = parse_row(1, plain.as_bytes()).unwrap();
        assert_eq!((row.reference, row.eligible_from), (None, None));
    }

    #[test]
    fn lines_that_are_not_whole_records_are_named_by_their_problem() {
        let good = record("2026-11-23T10:05:09Z", None, "review", None);
        let cases: Vec<(&str, String, LineProblem)> = vec![
            (
                "torn in the head",
                "{\"schema_version\":1,\"rec".into(),
                LineProblem::Torn,
            ),
            (
                "torn later",
                good[..good.len() - 5].into(),
                LineProblem::Torn,
            ),
            (
                "a JSON result",
                r#"{"schema_version":1,"verdict":"review"}"#.into(),
                LineProblem::NotRecord,
            ),
            ("blank", String::new(), LineProblem::Torn),
            ("text", "notes".into(), LineProblem::NotRecord),
            (
                "no verdict",
                good.replace(",\"verdict\":\"review\"", ""),
                LineProblem::MissingField,
            ),
            (
                "an unknown verdict",
                good.replace("\"review\"", "\"maybe\""),
                LineProblem::BadValue("verdict"),
            ),
            (
                "a bad time",
                good.replace("2026-11-23T10:05:09Z", "2026-11-23 later"),
                LineProblem::BadValue("recorded_at"),
            ),
            (
                "a bad eligible date",
                good.replace("\"eligible_from\":null", "\"eligible_from\":\"soon\""),
                LineProblem::BadValue("eligible_from"),
            ),
            ("trailing garbage", format!("{good}x"), LineProblem::Torn),
        ];
        for (name, line, problem) in cases {
            assert_eq!(parse_row(1, line.as_bytes()), Err(problem), "{name}");
            // The problem never quotes the line.
            assert!(!problem.to_string().contains("maybe"), "{name}");
        }
    }

    fn row(
        line: u64,
        at: &str,
        reference: Option<&str>,
        verdict: Verdict,
        eligible: Option<&str>,
    ) -> Row<'static> {
        Row {
            line,
            recorded_at: Cow::Owned(at.to_string()),
            at: DateTime::parse_from_rfc3339(at).unwrap(),
            reference: reference.map(|r| Cow::Owned(r.to_string())),
            staff: None,
            screened_on: date(&at[..10]),
            verdict,
            eligible_from: eligible.map(date),
        }
    }

    #[test]
    fn filters_are_inclusive_dates_and_any_of_the_verdicts() {
        let r = row(1, "2026-11-23T10:00:00Z", None, Verdict::Review, None);
        let d = |t| Some(date(t));
        let cases = [
            ("none", Filter::default(), true),
            (
                "on the day",
                Filter {
                    from: d("2026-11-23"),
                    to: d("2026-11-23"),
                    verdicts: vec![],
                },
                true,
            ),
            (
                "from the day",
                Filter {
                    from: d("2026-11-23"),
                    ..Filter::default()
                },
                true,
            ),
            (
                "from the next day",
                Filter {
                    from: d("2026-11-24"),
                    ..Filter::default()
                },
                false,
            ),
            (
                "to the day before",
                Filter {
                    to: d("2026-11-22"),
                    ..Filter::default()
                },
                false,
            ),
            (
                "review or defer",
                Filter {
                    verdicts: vec![Verdict::Defer, Verdict::Review],
                    ..Filter::default()
                },
                true,
            ),
            (
                "candidate only",
                Filter {
                    verdicts: vec![Verdict::Candidate],
                    ..Filter::default()
                },
                false,
            ),
        ];
        for (name, filter, kept) in cases {
            assert_eq!(filter.keeps(&r), kept, "{name}");
        }
    }

    #[test]
    fn the_call_back_list_counts_only_each_persons_latest_screening() {
        use Verdict::{Candidate, Defer};
        let rows = [
            // Ann: deferred, due by the 1st.
            row(
                1,
                "2026-11-01T10:00:00Z",
                Some("Ann"),
                Defer,
                Some("2026-11-20"),
            ),
            // Bob: deferred, then screened again as a candidate: not called back.
            row(
                2,
                "2026-11-01T11:00:00Z",
                Some("Bob"),
                Defer,
                Some("2026-11-20"),
            ),
            row(3, "2026-11-15T11:00:00Z", Some("Bob"), Candidate, None),
            // Cy: deferred twice; the later defer is not due yet.
            row(
                4,
                "2026-11-02T09:00:00Z",
                Some("Cy"),
                Defer,
                Some("2026-11-10"),
            ),
            row(
                5,
                "2026-11-09T09:00:00Z",
                Some("Cy"),
                Defer,
                Some("2026-12-30"),
            ),
            // No reference: each due defer on its own.
            row(6, "2026-11-03T09:00:00Z", None, Defer, Some("2026-11-05")),
            row(7, "2026-11-03T09:30:00Z", None, Defer, Some("2026-11-06")),
            // Dee: deferred without a date (pregnancy): no date to arrive.
            row(8, "2026-11-03T09:30:00Z", Some("Dee"), Defer, None),
            // Eve: a later line with an earlier time (another PC's clock and offset)
            // does not replace the latest: 12:00+01:00 is before 11:30Z.
            row(
                9,
                "2026-11-04T11:30:00Z",
                Some("Eve"),
                Defer,
                Some("2026-11-10"),
            ),
            row(
                10,
                "2026-11-04T12:00:00+01:00",
                Some("Eve"),
                Candidate,
                None,
            ),
            // Fay: due exactly on the day.
            row(
                11,
                "2026-11-04T12:00:00Z",
                Some("Fay"),
                Defer,
                Some("2026-11-23"),
            ),
        ];
        let listed = |by: &str| {
            let mut due = Due::new(date(by));
            for r in rows.clone() {
                due.add(r);
            }
            due.finish().iter().map(|r| r.line).collect::<Vec<_>>()
        };
        assert_eq!(listed("2026-11-23"), [1, 6, 7, 9, 11]);
        assert_eq!(listed("2026-11-22"), [1, 6, 7, 9]);
        assert_eq!(listed("2026-11-05"), [6]);
        // Cy's later defer, once it is due.
        assert_eq!(listed("2026-12-30"), [1, 5, 6, 7, 9, 11]);
    }

    #[test]
    fn counts_say_every_verdict() {
        let mut counts = Counts::default();
        assert_eq!(
            counts.to_string(),
            "0 screenings: 0 candidate, 0 review, 0 defer, 0 not_candidate"
        );
        counts.add(Verdict::Defer);
        assert_eq!(
            counts.to_string(),
            "1 screening: 0 candidate, 0 review, 1 defer, 0 not_candidate"
        );
        counts.add(Verdict::NotCandidate);
        counts.add(Verdict::Defer);
        assert_eq!(counts.of(Verdict::Defer), 2);
        assert_eq!(counts.total(), 3);
    }
}
