//! The formats of `prescreen records`: aligned text for an 80-column terminal, one JSON
//! document, and CSV (RFC 4180). Each writes to a `&mut dyn Write`, a row at a time, so a
//! million screenings stream through without being held.
//!
//! Only formats; decides nothing. JSON has its own wire types (`ListingDoc`), whose
//! schema is `rules/records.schema.json`.

use std::io::{self, Write};

use schemars::JsonSchema;
use serde::Serialize;
use unicode_width::UnicodeWidthChar;

use super::{Counts, Row};
use crate::record::is_bidi_control;
use crate::render::json::iso_date;
use crate::screen::Verdict;

/// Bumped on any incompatible change to [`ListingDoc`].
pub const SCHEMA_VERSION: u32 = 1;

/// `prescreen records --format json`: one document. The screenings come one per line,
/// so a large listing can still be read a line at a time; the counts and the number of
/// skipped lines close it.
#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct ListingDoc<'a> {
    pub schema_version: u32,
    pub screenings: Vec<RowDoc<'a>>,
    pub counts: CountsDoc,
    /// Lines of the file that are not whole records (torn or invalid), skipped; stderr
    /// names each by its line number.
    pub skipped_lines: u64,
}

/// One screening listed.
#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct RowDoc<'a> {
    /// Its line in the record file (1-based).
    pub line: u64,
    /// When it was recorded, as written in the record.
    pub recorded_at: &'a str,
    /// The patient reference, `null` when none was given.
    pub reference: Option<&'a str>,
    /// Staff initials, `null` when none were given.
    pub staff: Option<&'a str>,
    pub screened_on: String,
    pub verdict: Verdict,
    pub eligible_from: Option<String>,
}

/// The screenings listed, per verdict.
#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct CountsDoc {
    pub total: u64,
    pub candidate: u64,
    pub review: u64,
    pub defer: u64,
    pub not_candidate: u64,
}

impl<'a> RowDoc<'a> {
    pub fn new(row: &'a Row<'a>) -> RowDoc<'a> {
        RowDoc {
            line: row.line,
            recorded_at: &row.recorded_at,
            reference: row.reference.as_deref(),
            staff: row.staff.as_deref(),
            screened_on: iso_date(row.screened_on),
            verdict: row.verdict,
            eligible_from: row.eligible_from.map(iso_date),
        }
    }
}

impl CountsDoc {
    pub fn new(counts: &Counts) -> CountsDoc {
        CountsDoc {
            total: counts.total(),
            candidate: counts.of(Verdict::Candidate),
            review: counts.of(Verdict::Review),
            defer: counts.of(Verdict::Defer),
            not_candidate: counts.of(Verdict::NotCandidate),
        }
    }
}

/// The output format of `prescreen records`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Text,
    Json,
    Csv,
}

/// Writes rows as they come, then the end ([`Printer::finish`]).
pub struct Printer<'w> {
    style: Style,
    out: &'w mut dyn Write,
    rows: u64,
    /// Reused for each text or CSV line.
    buffer: String,
}

/// Text columns: time, reference, staff, verdict, eligible from. 79 columns in all.
const TIME: usize = 16;
const REFERENCE: usize = 21;
const STAFF: usize = 8;
const VERDICT: usize = 13;
const GAP: &str = "  ";

/// The CSV header row.
pub const CSV_HEADER: &str = "line,recorded_at,reference,staff,screened_on,verdict,eligible_from";

impl<'w> Printer<'w> {
    pub fn new(style: Style, out: &'w mut dyn Write) -> Printer<'w> {
        Printer {
            style,
            out,
            rows: 0,
            buffer: String::with_capacity(256),
        }
    }

    /// Writes what comes before the first row (the CSV header, the start of the JSON).
    pub fn start(&mut self) -> io::Result<()> {
        match self.style {
            Style::Text => Ok(()),
            Style::Csv => write!(self.out, "{CSV_HEADER}\r\n"),
            Style::Json => write!(
                self.out,
                "{{\"schema_version\":{SCHEMA_VERSION},\"screenings\":["
            ),
        }
    }

    pub fn row(&mut self, row: &Row) -> io::Result<()> {
        self.rows += 1;
        match self.style {
            Style::Text => {
                if self.rows == 1 {
                    writeln!(
                        self.out,
                        "{:<TIME$}{GAP}{:<REFERENCE$}{GAP}{:<STAFF$}{GAP}{:<VERDICT$}{GAP}ELIGIBLE FROM",
                        "TIME", "REFERENCE", "STAFF", "VERDICT"
                    )?;
                }
                self.text_row(row)
            }
            Style::Csv => self.csv_row(row),
            Style::Json => {
                self.out
                    .write_all(if self.rows == 1 { b"\n" } else { b",\n" })?;
                serde_json::to_writer(&mut *self.out, &RowDoc::new(row)).map_err(io::Error::from)
            }
        }
    }

    /// Writes the end: the counts (text, JSON) and the number of skipped lines (JSON).
    /// CSV has no end: its counts belong on stderr, where they cannot be read as a row.
    pub fn finish(&mut self, counts: &Counts, skipped_lines: u64) -> io::Result<()> {
        match self.style {
            Style::Text => writeln!(self.out, "{counts}"),
            Style::Csv => Ok(()),
            Style::Json => {
                let counts = serde_json::to_string(&CountsDoc::new(counts))?;
                let close = if self.rows == 0 { "" } else { "\n" };
                writeln!(
                    self.out,
                    "{close}],\"counts\":{counts},\"skipped_lines\":{skipped_lines}}}"
                )
            }
        }
    }

    fn text_row(&mut self, row: &Row) -> io::Result<()> {
        let line = &mut self.buffer;
        line.clear();
        line.push_str(&row.at.format("%Y-%m-%d %H:%M").to_string());
        line.push_str(GAP);
        fit(line, row.reference.as_deref().unwrap_or("-"), REFERENCE);
        line.push_str(GAP);
        fit(line, row.staff.as_deref().unwrap_or("-"), STAFF);
        line.push_str(GAP);
        fit(line, row.verdict.id(), VERDICT);
        line.push_str(GAP);
        match row.eligible_from {
            Some(date) => line.push_str(&iso_date(date)),
            None => line.push('-'),
        }
        line.push('\n');
        self.out.write_all(line.as_bytes())
    }

    fn csv_row(&mut self, row: &Row) -> io::Result<()> {
        let line = &mut self.buffer;
        line.clear();
        line.push_str(&row.line.to_string());
        line.push(',');
        csv_field(line, &row.recorded_at, false);
        line.push(',');
        csv_field(line, row.reference.as_deref().unwrap_or(""), true);
        line.push(',');
        csv_field(line, row.staff.as_deref().unwrap_or(""), true);
        line.push(',');
        line.push_str(&iso_date(row.screened_on));
        line.push(',');
        line.push_str(row.verdict.id());
        line.push(',');
        if let Some(date) = row.eligible_from {
            line.push_str(&iso_date(date));
        }
        line.push_str("\r\n");
        self.out.write_all(line.as_bytes())
    }
}

/// Appends `text` in exactly `width` terminal columns: characters that would move the
/// cursor or reorder text shown as `?`, a text too wide cut with `…`, the rest padded.
fn fit(line: &mut String, text: &str, width: usize) {
    let shown = |c: char| {
        if c.is_control() || is_bidi_control(c) {
            '?'
        } else {
            c
        }
    };
    let total: usize = text.chars().map(|c| shown(c).width().unwrap_or(0)).sum();
    let mut used = 0;
    if total <= width {
        for c in text.chars() {
            line.push(shown(c));
        }
        used = total;
    } else {
        for c in text.chars().map(shown) {
            let w = c.width().unwrap_or(0);
            if used + w > width - 1 {
                break;
            }
            line.push(c);
            used += w;
        }
        line.push('…');
        used += 1;
    }
    line.extend(std::iter::repeat_n(' ', width.saturating_sub(used)));
}

/// Appends one CSV field (RFC 4180): quoted when it holds a comma, a quote or a line
/// break, quotes doubled. For free text (`guard`), a field a spreadsheet would run as a
/// formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading
/// `'`, as OWASP advises against CSV injection.
fn csv_field(line: &mut String, text: &str, guard: bool) {
    let formula = guard && text.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let quote = text.contains([',', '"', '\r', '\n']) || formula && text.contains('\'');
    if quote {
        line.push('"');
    }
    if formula {
        line.push('\'');
    }
    for c in text.chars() {
        if c == '"' {
            line.push('"');
        }
        line.push(c);
    }
    if quote {
        line.push('"');
    }
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use chrono::DateTime;

    use super::*;
    use crate::answers::parse_date;

    fn row(reference: Option<&str>, verdict: Verdict, eligible: Option<&str>) -> Row<'static> {
        Row {
            line: 3,
            recorded_at: Cow::Borrowed("2026-11-23T10:05:09+01:00"),
            at: DateTime::parse_from_rfc3339("2026-11-23T10:05:09+01:00").unwrap(),
            reference: reference.map(|r| Cow::Owned(r.to_string())),
            staff: Some(Cow::Borrowed("JD")),
            screened_on: parse_date("2026-11-23").unwrap(),
            verdict,
            eligible_from: eligible.map(|d| parse_date(d).unwrap()),
        }
    }

    fn print(style: Style, rows: &[Row]) -> String {
        let mut out = Vec::new();
        let mut printer = Printer::new(style, &mut out);
        let mut counts = Counts::default();
        printer.start().unwrap();
        for r in rows {
            printer.row(r).unwrap();
            counts.add(r.verdict);
        }
        printer.finish(&counts, 2).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn text_fits_80_columns() {
        let rows = [
            row(Some("Ann Lee"), Verdict::Defer, Some("2026-12-07")),
            row(None, Verdict::NotCandidate, None),
            row(
                Some("Bartholomew Featherstonehaugh-Smythe"),
                Verdict::Candidate,
                None,
            ),
            row(Some("李小龍李小龍李小龍李小龍"), Verdict::Review, None),
            row(Some("evil\u{1b}[2J\u{202E}"), Verdict::Review, None),
        ];
        let text = print(Style::Text, &rows);
        let expected = "\
TIME              REFERENCE              STAFF     VERDICT        ELIGIBLE FROM
2026-11-23 10:05  Ann Lee                JD        defer          2026-12-07
2026-11-23 10:05  -                      JD        not_candidate  -
2026-11-23 10:05  Bartholomew Feathers…  JD        candidate      -
2026-11-23 10:05  李小龍李小龍李小龍李…  JD        review         -
2026-11-23 10:05  evil?[2J?              JD        review         -
5 screenings: 1 candidate, 2 review, 1 defer, 1 not_candidate
";
        assert_eq!(text, expected);
        for line in text.lines() {
            let width: usize = line.chars().map(|c| c.width().unwrap_or(0)).sum();
            assert!(width < 80, "{width}: {line}");
        }
    }

    #[test]
    fn csv_quotes_and_disarms_formulas() {
        let cases = [
            ("plain", "Ann Lee", "Ann Lee"),
            ("comma", "Lee, Ann", "\"Lee, Ann\""),
            ("quote", "Ann \"Annie\" Lee", "\"Ann \"\"Annie\"\" Lee\""),
            ("formula", "=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\""),
            ("plus", "+44 20 7946 0000", "'+44 20 7946 0000"),
            ("minus", "-1042", "'-1042"),
            ("at", "@SUM(A1)", "'@SUM(A1)"),
            ("inside is fine", "B-1042", "B-1042"),
            ("empty", "", ""),
        ];
        for (name, text, expected) in cases {
            let mut line = String::new();
            csv_field(&mut line, text, true);
            assert_eq!(line, expected, "{name}");
        }
        let csv = print(
            Style::Csv,
            &[row(Some("Lee, Ann"), Verdict::Defer, Some("2026-12-07"))],
        );
        assert_eq!(
            csv,
            format!(
                "{CSV_HEADER}\r\n3,2026-11-23T10:05:09+01:00,\"Lee, Ann\",JD,2026-11-23,defer,2026-12-07\r\n"
            )
        );
    }

    #[test]
    fn json_streams_the_document_its_types_describe() {
        for rows in [
            vec![],
            vec![
                row(Some("Ann"), Verdict::Defer, Some("2026-12-07")),
                row(None, Verdict::Candidate, None),
            ],
        ] {
            let printed: serde_json::Value =
                serde_json::from_str(&print(Style::Json, &rows)).unwrap();
            let mut counts = Counts::default();
            rows.iter().for_each(|r| counts.add(r.verdict));
            let whole = ListingDoc {
                schema_version: SCHEMA_VERSION,
                screenings: rows.iter().map(RowDoc::new).collect(),
                counts: CountsDoc::new(&counts),
                skipped_lines: 2,
            };
            assert_eq!(printed, serde_json::to_value(&whole).unwrap());
        }
    }
}
