//! The batch summary: how many records got each verdict, how many times each rule fired,
//! how many lines were rejected; and its two renderings (text and JSON), each written to
//! a `&mut dyn Write`.

use std::io::{self, Write};

use serde::Serialize;
use serde::ser::SerializeMap;

use crate::rules::RuleSet;
use crate::rules::compile::UNANSWERED;
use crate::screen::{ReasonKind, Screening, Status, Verdict};

/// Counts over a batch (or part of one: tallies of chunks are added up).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tally {
    /// Lines screened, by verdict, in [`Verdict::ALL`] order.
    pub verdicts: [u64; 4],
    /// Records in which each rule of the file fired, in rule-file order.
    pub rules: Vec<u64>,
    /// Records with at least one unanswered question.
    pub unanswered: u64,
    /// Lines refused (each has an `error` result).
    pub rejected: u64,
}

impl Tally {
    pub fn new(rules: &RuleSet) -> Tally {
        Tally {
            verdicts: [0; 4],
            rules: vec![0; rules.rules.len()],
            unanswered: 0,
            rejected: 0,
        }
    }

    pub fn add(&mut self, screening: &Screening) {
        if let Some(i) = Verdict::ALL.iter().position(|&v| v == screening.verdict) {
            self.verdicts[i] += 1;
        }
        // `checked` lists every rule of the file in order.
        for (count, check) in self.rules.iter_mut().zip(screening.checked()) {
            if check.status == Status::Fired {
                *count += 1;
            }
        }
        if screening
            .reasons
            .iter()
            .any(|r| r.kind == ReasonKind::Unanswered)
        {
            self.unanswered += 1;
        }
    }

    pub fn merge(&mut self, other: &Tally) {
        for (a, b) in self.verdicts.iter_mut().zip(other.verdicts) {
            *a += b;
        }
        for (a, b) in self.rules.iter_mut().zip(&other.rules) {
            *a += b;
        }
        self.unanswered += other.unanswered;
        self.rejected += other.rejected;
    }

    pub fn screened(&self) -> u64 {
        self.verdicts.iter().sum()
    }

    /// Result lines written: one per non-blank input line.
    pub fn lines(&self) -> u64 {
        self.screened() + self.rejected
    }

    /// (rule id, count) in rule-file order, then `unanswered`.
    fn rule_counts<'r>(&self, rules: &'r RuleSet) -> Vec<(&'r str, u64)> {
        let mut counts: Vec<(&str, u64)> = rules
            .rules
            .iter()
            .map(|r| r.id.as_str())
            .zip(self.rules.iter().copied())
            .collect();
        counts.push((UNANSWERED, self.unanswered));
        counts
    }
}

/// The summary as JSON: one object on one line.
pub fn write_json(tally: &Tally, rules: &RuleSet, out: &mut dyn Write) -> io::Result<()> {
    let doc = SummaryDoc {
        schema_version: crate::render::json::SCHEMA_VERSION,
        lines: tally.lines(),
        screened: tally.screened(),
        rejected: tally.rejected,
        verdicts: Counts(
            Verdict::ALL
                .iter()
                .map(|v| v.id())
                .zip(tally.verdicts)
                .collect(),
        ),
        rules: Counts(tally.rule_counts(rules)),
    };
    serde_json::to_writer(&mut *out, &doc).map_err(io::Error::from)?;
    out.write_all(b"\n")
}

/// The summary as an aligned table for people.
pub fn write_text(tally: &Tally, rules: &RuleSet, out: &mut dyn Write) -> io::Result<()> {
    let mut rows: Vec<(String, u64)> = vec![
        ("lines".to_string(), tally.lines()),
        ("screened".to_string(), tally.screened()),
        ("rejected".to_string(), tally.rejected),
    ];
    rows.extend(
        Verdict::ALL
            .iter()
            .zip(tally.verdicts)
            .map(|(v, n)| (format!("verdict {}", v.id()), n)),
    );
    rows.extend(
        tally
            .rule_counts(rules)
            .into_iter()
            .map(|(id, n)| (format!("rule {id}"), n)),
    );
    let label = rows
        .iter()
        .map(|(l, _)| l.chars().count())
        .max()
        .unwrap_or(0);
    let number = rows
        .iter()
        .map(|(_, n)| n.to_string().len())
        .max()
        .unwrap_or(1);
    writeln!(out, "prescreen batch summary")?;
    for (l, n) in rows {
        writeln!(out, "  {l:<label$}  {n:>number$}")?;
    }
    Ok(())
}

/// The batch summary as JSON (`--summary --format json`, `--summary-file FILE.json`).
#[derive(Serialize, schemars::JsonSchema)]
#[schemars(title = "prescreen batch summary", deny_unknown_fields)]
pub struct SummaryDoc<'a> {
    schema_version: u32,
    /// Result lines written: one per non-blank input line.
    lines: u64,
    /// Lines screened (each has a verdict).
    screened: u64,
    /// Lines refused (each has an `error`).
    rejected: u64,
    /// Lines screened, by verdict.
    verdicts: Counts<'a>,
    /// Records in which each rule fired, in rule-file order, then `unanswered`.
    rules: Counts<'a>,
}

/// Named counts, serialized as an object in this order (not sorted).
struct Counts<'a>(Vec<(&'a str, u64)>);

impl schemars::JsonSchema for Counts<'_> {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Counts".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "object",
            "additionalProperties": { "type": "integer", "minimum": 0 }
        })
    }
}

impl Serialize for Counts<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::screen::screen;
    use crate::testing::{answers, default_rules, screening_candidate};
    use chrono::NaiveDate;
    use serde_json::json;

    fn tally_of(docs: &[serde_json::Value], rejected: u64) -> (RuleSet, Tally) {
        let rules = default_rules();
        let day = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let mut tally = Tally::new(&rules);
        for doc in docs {
            let mut part = Tally::new(&rules);
            part.add(&screen(&rules, &answers(&rules, doc.clone()), day));
            tally.merge(&part);
        }
        tally.rejected = rejected;
        (rules, tally)
    }

    #[test]
    fn counts_verdicts_rules_and_rejections() {
        let (rules, tally) = tally_of(
            &[
                screening_candidate(json!({})),
                screening_candidate(json!({"pregnant": true, "eczema": true})),
                screening_candidate(json!({"eczema": true})),
                json!({"pregnant": false}),
            ],
            2,
        );
        let mut out = Vec::new();
        write_json(&tally, &rules, &mut out).unwrap();
        let doc: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(
            doc,
            json!({
                "schema_version": 1, "lines": 6, "screened": 4, "rejected": 2,
                "verdicts": {"candidate": 1, "review": 1, "defer": 0, "not_candidate": 2},
                "rules": {"pregnancy": 1, "eczema": 2, "psoriasis": 0, "scarring_history": 0,
                          "open_wounds": 0, "recent_radiation": 0, "other_skin_disease": 0,
                          "unanswered": 1}
            })
        );
        let keys: Vec<&String> = doc["rules"].as_object().unwrap().keys().collect();
        assert_eq!(keys.len(), 8);
        let text = std::str::from_utf8(&out).unwrap();
        assert!(
            text.find("\"pregnancy\"") < text.find("\"eczema\""),
            "rule-file order"
        );
    }

    #[test]
    fn text_is_an_aligned_table() {
        let (rules, tally) = tally_of(&[screening_candidate(json!({}))], 0);
        let mut out = Vec::new();
        write_text(&tally, &rules, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let expected = "\
prescreen batch summary
  lines                    1
  screened                 1
  rejected                 0
  verdict candidate        1
  verdict review           0
  verdict defer            0
  verdict not_candidate    0
  rule pregnancy           0
  rule eczema              0
  rule psoriasis           0
  rule scarring_history    0
  rule open_wounds         0
  rule recent_radiation    0
  rule other_skin_disease  0
  rule unanswered          0
";
        assert_eq!(text, expected);
    }
}
