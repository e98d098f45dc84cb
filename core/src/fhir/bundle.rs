//! A screening result as a FHIR Bundle (type `collection`): the QuestionnaireResponse as
//! answered, an Observation of the verdict derived from it, and one DetectedIssue per
//! reason (each rule that fired, and each question left unanswered).
//!
//! Pure: the stamp (the Bundle's timestamp, and the seed of its entries' ids) is an
//! argument. Writes to any `Write`.

use std::io::{self, Write};

use chrono::{DateTime, SecondsFormat, Utc};
use sha2::{Digest, Sha256};

use crate::render::{ScreenReport, verdict_words};
use crate::rules::{Outcome, RuleSet};
use crate::screen::Reason;

use super::canonical::{ELIGIBLE_FROM_EXTENSION, RESULT_SYSTEM, VERDICT_SYSTEM};
use super::model::{
    Bundle, CodeableConcept, Coding, Component, DetectedIssue, Entry, Evidence, Extension,
    ExtensionValue, Observation, Reference, Resource,
};
use super::questionnaire;
use super::response::{Status, to_response};

const OBSERVATION_CATEGORY: &str = "http://terminology.hl7.org/CodeSystem/observation-category";

/// Writes the Bundle as pretty JSON and a final newline.
pub fn write(
    report: &ScreenReport,
    status: Status,
    stamp: DateTime<Utc>,
    out: &mut dyn Write,
) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &bundle(report, status, stamp))?;
    writeln!(out)
}

/// The result Bundle. `status` is the response's (`completed` for JSON answers and the
/// questionnaire); `stamp` is when the Bundle is made.
pub fn bundle(report: &ScreenReport, status: Status, stamp: DateTime<Utc>) -> Bundle {
    let rules = report.rules;
    let screening = report.screening;
    let response = to_response(rules, report.answers, status);
    let seed = format!(
        "{}|{}|{}|{}",
        stamp.timestamp_nanos_opt().unwrap_or_default(),
        rules.sha256,
        screening.screened_on,
        serde_json::to_string(&response).unwrap_or_default()
    );
    let full_url = |n: usize| format!("urn:uuid:{}", uuid(&seed, n));
    let response_url = full_url(0);
    let screened = screening.screened_on.format("%Y-%m-%d").to_string();
    let judged = screening.judged_on.format("%Y-%m-%d").to_string();
    let from_response = || {
        vec![Reference {
            reference: response_url.clone(),
        }]
    };

    // The verdict's words in a FHIR record are the base language's, whatever the reader's:
    // the record is read by systems and compared across clinics.
    let (word, meaning) = verdict_words(crate::i18n::words(crate::i18n::BASE), screening.verdict);
    let observation = Observation {
        resource_type: "Observation",
        status: "final",
        category: vec![CodeableConcept {
            coding: vec![Coding::new(
                Some(OBSERVATION_CATEGORY),
                "survey",
                Some("Survey"),
            )],
            text: None,
        }],
        code: CodeableConcept {
            coding: vec![Coding::new(Some(RESULT_SYSTEM), "verdict", Some("Verdict"))],
            text: Some(format!("{}: verdict", rules.title)),
        },
        effective_date_time: screened,
        value_codeable_concept: CodeableConcept {
            coding: vec![Coding::new(
                Some(VERDICT_SYSTEM),
                screening.verdict.id(),
                Some(word),
            )],
            text: Some(format!("{word}: {meaning}")),
        },
        method: CodeableConcept {
            coding: Vec::new(),
            text: Some(format!(
                "{} {} (rule file sha256 {})",
                rules.title, rules.version, rules.sha256
            )),
        },
        derived_from: from_response(),
        component: screening
            .eligible_from
            .map(|date| Component {
                code: CodeableConcept {
                    coding: vec![Coding::new(
                        Some(RESULT_SYSTEM),
                        "eligible-from",
                        Some("Eligible from"),
                    )],
                    text: None,
                },
                value_date_time: date.format("%Y-%m-%d").to_string(),
            })
            .into_iter()
            .collect(),
    };

    let mut entry = vec![
        Entry {
            full_url: response_url.clone(),
            resource: Resource::QuestionnaireResponse(Box::new(response)),
        },
        Entry {
            full_url: full_url(1),
            resource: Resource::Observation(observation),
        },
    ];
    for (n, reason) in screening.reasons.iter().enumerate() {
        entry.push(Entry {
            full_url: full_url(n + 2),
            resource: Resource::DetectedIssue(issue(rules, reason, &judged, from_response())),
        });
    }
    Bundle {
        resource_type: "Bundle",
        kind: "collection",
        timestamp: stamp.to_rfc3339_opts(SecondsFormat::Secs, true),
        entry,
    }
}

/// The code system of a rule file's rule ids (and `unanswered`).
pub fn rule_system(rules: &RuleSet) -> String {
    format!("{}/rules", questionnaire::url(rules, None))
}

/// How serious a reason is for FHIR: its outcome, from the strictest down.
pub fn severity(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::NotCandidate => "high",
        Outcome::Defer => "moderate",
        Outcome::Review => "low",
    }
}

fn issue(
    rules: &RuleSet,
    reason: &Reason,
    judged: &str,
    response: Vec<Reference>,
) -> DetectedIssue {
    let question = reason
        .question
        .and_then(|id| rules.question_index(id))
        .and_then(|q| rules.questions.get(q));
    DetectedIssue {
        resource_type: "DetectedIssue",
        extension: reason
            .eligible_from
            .map(|date| Extension {
                url: ELIGIBLE_FROM_EXTENSION.to_string(),
                value: ExtensionValue::ValueDate(date.format("%Y-%m-%d").to_string()),
            })
            .into_iter()
            .collect(),
        status: "final",
        code: CodeableConcept {
            coding: vec![Coding::new(Some(&rule_system(rules)), reason.rule, None)],
            text: Some(reason.rule.to_string()),
        },
        severity: severity(reason.outcome),
        identified_date_time: judged.to_string(),
        evidence: vec![Evidence {
            code: question
                .map(|q| CodeableConcept {
                    coding: Vec::new(),
                    text: Some(q.prompt.clone()),
                })
                .into_iter()
                .collect(),
            detail: response,
        }],
        detail: reason.message.to_string(),
    }
}

/// A version-8 UUID (RFC 9562) from the SHA-256 of `seed` and `n`: stable for the same
/// inputs, distinct for each entry and each stamp.
fn uuid(seed: &str, n: usize) -> String {
    let digest = Sha256::digest(format!("{seed}|{n}").as_bytes());
    let mut b = [0u8; 16];
    b.copy_from_slice(&digest[..16]);
    b[6] = (b[6] & 0x0f) | 0x80;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{Settings, assess};
    use crate::testing::{default_rules, screening_candidate};
    use chrono::NaiveDate;
    use serde_json::json;

    fn bundle_of(doc: serde_json::Value) -> serde_json::Value {
        let rules = default_rules();
        let settings = Settings {
            today: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
            checklist: true,
        };
        let a = assess(&rules, doc.to_string().as_bytes(), &settings).unwrap();
        let stamp = DateTime::parse_from_rfc3339("2026-11-23T10:00:00Z")
            .unwrap()
            .to_utc();
        let mut out = Vec::new();
        write(&a.report(&rules, false), Status::Completed, stamp, &mut out).unwrap();
        serde_json::from_slice(&out).unwrap()
    }

    #[test]
    fn a_deferral_with_a_date() {
        let b = bundle_of(screening_candidate(json!({
            "radiation_therapy": true, "radiation_end_date": "2026-09-30"
        })));
        assert_eq!(b["type"], "collection");
        assert_eq!(b["timestamp"], "2026-11-23T10:00:00Z");
        let entries = b["entry"].as_array().unwrap();
        let types: Vec<&str> = entries
            .iter()
            .map(|e| e["resource"]["resourceType"].as_str().unwrap())
            .collect();
        assert_eq!(
            types,
            ["QuestionnaireResponse", "Observation", "DetectedIssue"]
        );
        let response_url = entries[0]["fullUrl"].as_str().unwrap();
        assert!(
            response_url.starts_with("urn:uuid:") && response_url.len() == 45,
            "{response_url}"
        );
        let obs = &entries[1]["resource"];
        assert_eq!(
            obs["valueCodeableConcept"]["coding"][0],
            json!({"system": VERDICT_SYSTEM, "code": "defer", "display": "DEFER"})
        );
        assert_eq!(obs["derivedFrom"][0]["reference"], response_url);
        assert_eq!(obs["effectiveDateTime"], "2026-11-23");
        assert_eq!(obs["component"][0]["valueDateTime"], "2027-09-30");
        let issue = &entries[2]["resource"];
        assert_eq!(issue["code"]["text"], "recent_radiation");
        assert_eq!(issue["severity"], "moderate");
        assert_eq!(issue["identifiedDateTime"], "2026-11-23");
        assert_eq!(issue["extension"][0]["valueDate"], "2027-09-30");
        assert_eq!(
            issue["detail"],
            "Microneedling is not advised soon after radiation therapy. It can be considered from the date given."
        );
        let urls: std::collections::HashSet<&str> = entries
            .iter()
            .map(|e| e["fullUrl"].as_str().unwrap())
            .collect();
        assert_eq!(urls.len(), entries.len(), "fullUrls are distinct");
    }

    #[test]
    fn every_reason_is_an_issue_with_the_severity_of_its_outcome() {
        let b = bundle_of(screening_candidate(
            json!({"eczema": true, "pregnant": null}),
        ));
        let issues: Vec<(String, String)> = b["entry"].as_array().unwrap()[2..]
            .iter()
            .map(|e| {
                (
                    e["resource"]["code"]["text"].as_str().unwrap().to_string(),
                    e["resource"]["severity"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        assert_eq!(
            issues,
            [
                ("eczema".to_string(), "high".to_string()),
                ("unanswered".to_string(), "low".to_string())
            ]
        );
        assert_eq!(
            b["entry"][1]["resource"]["valueCodeableConcept"]["coding"][0]["code"],
            "not_candidate"
        );
        assert_eq!(
            b["entry"][3]["resource"]["evidence"][0]["code"][0]["text"],
            "Are you pregnant, or could you be?"
        );
    }

    #[test]
    fn uuids_are_version_8() {
        let u = uuid("x", 0);
        assert_eq!(u.len(), 36);
        assert_eq!(&u[14..15], "8");
        assert!(matches!(&u[19..20], "8" | "9" | "a" | "b"), "{u}");
        assert_ne!(uuid("x", 0), uuid("x", 1));
    }
}
