//! JSON output: its own wire types with a `schema_version`, so internal refactors cannot
//! change the public format by accident. Never carries colour.

use std::io::{self, Write};

use chrono::{Datelike, NaiveDate};
use schemars::JsonSchema;
use serde::Serialize;

use super::{AftercareReport, ScreenReport};
use crate::aftercare::Checklist;
use crate::answers::{RecordId, Reply, value_json};
use crate::rules::{ItemKind, Outcome, RuleSet, Window};
use crate::screen::{Screening, Status, Verdict};

/// Bumped on any incompatible change to the documents below.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct ScreenDoc<'a> {
    pub schema_version: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<&'a RecordId>,
    pub verdict: Verdict,
    pub reasons: Vec<ReasonDoc<'a>>,
    pub eligible_from: Option<String>,
    /// Always present from `screen`; left out by `batch` unless `--aftercare`, so that a
    /// candidate's missing checklist is never read as "nothing to do".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub aftercare: Option<Vec<ItemDoc<'a>>>,
    /// The procedure time answered, or `null` when it is not known (never invented).
    pub procedure_time: Option<String>,
    pub screened_on: String,
    /// The date the date conditions were judged on: the procedure's own local date when
    /// known, else `screened_on`.
    pub judged_on: String,
    pub rules: RulesDoc<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub checked: Option<Vec<CheckDoc<'a>>>,
}

#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct ReasonDoc<'a> {
    pub rule: &'a str,
    pub outcome: Outcome,
    pub message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub question: Option<&'a str>,
    /// For a `contradiction`: the answer that rules `question` out.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub against: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub eligible_from: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rationale: Option<&'a str>,
}

#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct ItemDoc<'a> {
    pub id: &'a str,
    pub text: &'a str,
    pub window: Window,
    pub kind: ItemKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub until: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub because: Vec<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub why: Option<&'a str>,
}

#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct RulesDoc<'a> {
    pub name: &'a str,
    pub version: &'a str,
    pub sha256: &'a str,
}

#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct CheckDoc<'a> {
    pub rule: &'a str,
    pub outcome: Outcome,
    pub status: Status,
    /// The answers the rule reads (`null` when unknown or not asked).
    pub answers: serde_json::Map<String, serde_json::Value>,
}

#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct AftercareDoc<'a> {
    pub schema_version: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<&'a RecordId>,
    /// The procedure time, or `null` when it is not known.
    pub procedure_time: Option<String>,
    /// The screening the checklist follows: `candidate`, or another verdict with a
    /// go-ahead.
    pub verdict: Verdict,
    pub reasons: Vec<ReasonDoc<'a>>,
    /// Initials of the clinician who gave the go-ahead (`--go-ahead-by`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub go_ahead_by: Option<&'a str>,
    pub screened_on: String,
    pub judged_on: String,
    pub aftercare: Vec<ItemDoc<'a>>,
    pub rules: RulesDoc<'a>,
}

pub fn rules_doc(rules: &RuleSet) -> RulesDoc<'_> {
    RulesDoc {
        name: &rules.name,
        version: &rules.version,
        sha256: &rules.sha256,
    }
}

pub fn items<'a>(checklist: &'a Checklist<'a>) -> Vec<ItemDoc<'a>> {
    checklist
        .items
        .iter()
        .map(|item| ItemDoc {
            id: &item.def.id,
            text: &item.def.text,
            window: item.def.window,
            kind: item.def.kind,
            until: item.until.map(|t| t.to_rfc3339()),
            because: item.because.clone(),
            why: item.why.as_deref(),
        })
        .collect()
}

/// The reasons as written in results and records; `rationale` only when explaining.
pub fn reasons<'a>(screening: &'a Screening<'a>, explain: bool) -> Vec<ReasonDoc<'a>> {
    screening
        .reasons
        .iter()
        .map(|r| ReasonDoc {
            rule: r.rule,
            outcome: r.outcome,
            message: r.message,
            question: r.question,
            against: r.against,
            eligible_from: r.eligible_from.map(iso_date),
            rationale: if explain { r.rationale } else { None },
        })
        .collect()
}

impl<'a> ScreenDoc<'a> {
    pub fn new(report: &'a ScreenReport<'a>) -> ScreenDoc<'a> {
        let ScreenReport {
            rules,
            answers,
            screening,
            checklist,
            explain,
            // Data, the same for every reader: wording is the renderers' business.
            reader: _,
            // The reference is for the record and the sheet only, never the result.
            reference: _,
        } = report;
        let reasons = reasons(screening, *explain);
        let checked = explain.then(|| {
            screening
                .checked()
                .map(|check| CheckDoc {
                    rule: &check.rule.id,
                    outcome: check.rule.outcome,
                    status: check.status,
                    answers: check
                        .rule
                        .inputs
                        .iter()
                        .map(|&q| {
                            let question = &rules.questions[q];
                            let value = match answers.reply(q) {
                                Reply::Given(v) => value_json(question, v),
                                _ => serde_json::Value::Null,
                            };
                            (question.id.clone(), value)
                        })
                        .collect(),
                })
                .collect()
        });
        ScreenDoc {
            schema_version: SCHEMA_VERSION,
            id: answers.id.as_ref(),
            verdict: screening.verdict,
            reasons,
            eligible_from: screening.eligible_from.map(iso_date),
            aftercare: Some(checklist.map(|c| items(c)).unwrap_or_default()),
            procedure_time: procedure_time(rules, answers),
            screened_on: iso_date(screening.screened_on),
            judged_on: iso_date(screening.judged_on),
            rules: rules_doc(rules),
            checked,
        }
    }
}

/// The procedure time as answered, in its own offset; `None` when not known.
pub fn procedure_time(rules: &RuleSet, answers: &crate::answers::Answers) -> Option<String> {
    match answers.value(rules.aftercare.starts_at) {
        Some(crate::answers::Value::DateTime(t)) => Some(t.to_rfc3339()),
        _ => None,
    }
}

/// One line of a `--record` file: who screened, when, with which rules, the answers
/// and what was decided. Health data: written only to files we create private.
#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct RecordDoc<'a> {
    pub schema_version: u32,
    pub recorded_at: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub staff: Option<&'a str>,
    /// The patient reference (a name or booking id) given at the screening
    /// (`--reference`, or typed at the desk), checked by `record::check_reference`.
    /// Kept here and on that person's sheet only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reference: Option<&'a str>,
    pub rules: RulesDoc<'a>,
    pub screened_on: String,
    pub judged_on: String,
    pub answers: AnswersDoc<'a>,
    pub verdict: Verdict,
    pub reasons: Vec<ReasonDoc<'a>>,
    pub eligible_from: Option<String>,
    /// Initials of the clinician who gave the go-ahead for a checklist despite the
    /// verdict (`aftercare --go-ahead-by`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub go_ahead_by: Option<&'a str>,
}

/// The answers of a record, as an answers document: the id (as written) first, then
/// one key per question answered (`null`: not sure). The rule file's answers schema
/// (`prescreen rules schema --answers`) says which keys and values.
#[derive(Serialize, JsonSchema)]
pub struct AnswersDoc<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<&'a RecordId>,
    #[serde(flatten)]
    pub values: serde_json::Map<String, serde_json::Value>,
}

impl<'a> RecordDoc<'a> {
    pub fn new(
        report: &'a ScreenReport<'a>,
        staff: Option<&'a str>,
        recorded_at: chrono::DateTime<chrono::FixedOffset>,
    ) -> RecordDoc<'a> {
        let screening = report.screening;
        RecordDoc {
            schema_version: SCHEMA_VERSION,
            recorded_at: recorded_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, false),
            staff,
            reference: None,
            rules: rules_doc(report.rules),
            screened_on: screening.screened_on.to_string(),
            judged_on: screening.judged_on.to_string(),
            answers: AnswersDoc {
                id: report.answers.id.as_ref(),
                values: report.answers.to_json(report.rules),
            },
            verdict: screening.verdict,
            reasons: reasons(screening, false),
            eligible_from: screening.eligible_from.map(|d| d.to_string()),
            go_ahead_by: None,
        }
    }

    /// The record as one line, newline included.
    pub fn line(&self) -> serde_json::Result<Vec<u8>> {
        let mut line = serde_json::to_vec(self)?;
        line.push(b'\n');
        Ok(line)
    }
}

/// `YYYY-MM-DD`, as `NaiveDate`'s `Display` writes it, without its formatting machinery:
/// a batch writes millions of dates, and this was 6% of its time.
pub fn iso_date(date: NaiveDate) -> String {
    let (year, month, day) = (date.year(), date.month(), date.day());
    if !(0..=9999).contains(&year) {
        return date.to_string();
    }
    let mut text = String::with_capacity(10);
    for (value, width) in [(year as u32, 4), (month, 2), (day, 2)] {
        if !text.is_empty() {
            text.push('-');
        }
        for place in (0..width).rev() {
            let digit = value / 10u32.pow(place) % 10;
            text.push(char::from(b'0' + digit as u8));
        }
    }
    text
}

fn finish(out: &mut dyn Write, result: serde_json::Result<()>) -> io::Result<()> {
    result.map_err(io::Error::from)?;
    out.write_all(b"\n")
}

/// Writes a screening result, pretty-printed.
pub fn write_screen(report: &ScreenReport, out: &mut dyn Write) -> io::Result<()> {
    let result = serde_json::to_writer_pretty(&mut *out, &ScreenDoc::new(report));
    finish(out, result)
}

/// Writes a checklist on its own, pretty-printed.
pub fn write_aftercare(report: &AftercareReport, out: &mut dyn Write) -> io::Result<()> {
    let doc = AftercareDoc {
        schema_version: SCHEMA_VERSION,
        id: report.answers.id.as_ref(),
        procedure_time: report.checklist.starts.map(|t| t.to_rfc3339()),
        verdict: report.screening.verdict,
        reasons: reasons(report.screening, false),
        go_ahead_by: report.go_ahead_by,
        screened_on: iso_date(report.screening.screened_on),
        judged_on: iso_date(report.screening.judged_on),
        aftercare: items(report.checklist),
        rules: rules_doc(report.rules),
    };
    let result = serde_json::to_writer_pretty(&mut *out, &doc);
    finish(out, result)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_date_writes_what_display_writes() {
        let cases = [
            (2026, 11, 23),
            (1900, 1, 1),
            (2999, 12, 31),
            (2024, 2, 29),
            (9, 3, 4),
        ];
        for (y, m, d) in cases {
            let date = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            assert_eq!(iso_date(date), date.to_string());
        }
        let far = NaiveDate::from_ymd_opt(12345, 6, 7).unwrap();
        assert_eq!(iso_date(far), far.to_string());
    }
}
