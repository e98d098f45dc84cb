//! HL7 FHIR R4: the rule file as a Questionnaire, QuestionnaireResponses read as answers,
//! and screening results as a Bundle.
//!
//! Pure: bytes and values in, values out. One concept per file: the names
//! ([`canonical`]), the serde types ([`model`]), what can be wrong with a response
//! ([`problem`]), the [`questionnaire`], the [`response`] and the result [`bundle`].

pub mod bundle;
pub mod canonical;
pub mod model;
pub mod problem;
pub mod questionnaire;
pub mod response;

use serde::Deserialize;

use crate::answers::{self, AnswerError, Answers};
use crate::limits;
use crate::rules::RuleSet;

pub use problem::ResponseProblem;
pub use response::Status;

/// An answers document as read: JSON answers, or a QuestionnaireResponse with its status.
#[derive(Debug, Clone, PartialEq)]
pub struct Received {
    pub answers: Answers,
    /// The response's status, for a QuestionnaireResponse; `None` for JSON answers.
    pub response: Option<Status>,
}

/// Reads an answers document of either kind, told apart by `resourceType`. Everything
/// that reads answers (screen, aftercare, batch) comes through here, and both kinds end
/// in [`answers::parse`].
///
/// JSON answers are tried first: a document with a `resourceType` is always refused by
/// them (no question can be called that), so only a refused document is looked at
/// again, and the answers of a batch pay nothing for FHIR.
pub fn read(rules: &RuleSet, bytes: &[u8]) -> Result<Received, AnswerError> {
    let mut answers = Answers::empty(rules);
    let response = read_into(rules, bytes, &mut answers)?;
    Ok(Received { answers, response })
}

/// [`read`] into `answers`, whose buffers are reused for JSON answers of the common
/// shape (see [`answers::parse_into`]); gives the response's status for a
/// QuestionnaireResponse. On an error `answers` holds nothing of use.
pub fn read_into(
    rules: &RuleSet,
    bytes: &[u8],
    answers: &mut Answers,
) -> Result<Option<Status>, AnswerError> {
    let refused = match answers::parse_into(rules, bytes, answers) {
        Ok(()) => return Ok(None),
        Err(refused) => refused,
    };
    // Too large, not UTF-8 or too deep: the answers parser has said so already.
    let Ok(text) = limits::check(bytes) else {
        return Err(refused);
    };
    match resource_type(text) {
        None => Err(refused),
        Some(Some(kind)) if kind == "QuestionnaireResponse" => {
            let (read, status) = response::parse(rules, text)?;
            *answers = read;
            Ok(Some(status))
        }
        Some(kind) => Err(AnswerError::at(
            answers::Problem::Response(ResponseProblem::NotAResponse {
                resource_type: kind.filter(|k| is_type_name(k)),
            }),
            0,
            0,
        )),
    }
}

/// `Some(type)` when the document is an object with a top-level `resourceType` (`None`
/// inside when it is not a string); `None` when it has none or is not a JSON object.
fn resource_type(text: &str) -> Option<Option<String>> {
    if !text.trim_start().starts_with('{') || !text.contains("\"resourceType\"") {
        return None;
    }
    #[derive(Deserialize)]
    struct Sniff {
        #[serde(rename = "resourceType")]
        resource_type: Option<serde_json::Value>,
    }
    let sniff: Sniff = serde_json::from_str(text).ok()?;
    let kind = sniff.resource_type?;
    Some(kind.as_str().map(str::to_string))
}

/// A FHIR resource type name (`Patient`), safe to repeat in a message.
fn is_type_name(text: &str) -> bool {
    text.len() <= 64
        && text.starts_with(|c: char| c.is_ascii_uppercase())
        && text.chars().all(|c| c.is_ascii_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::Problem;
    use crate::testing::default_rules;

    #[test]
    fn documents_are_told_apart_by_resource_type() {
        let rules = default_rules();
        let response = r#"{"resourceType": "QuestionnaireResponse", "status": "in-progress",
            "questionnaire": "https://prescreen.invalid/fhir/Questionnaire/microneedling-candidacy-screen|2026.11.0"}"#;
        let got = read(&rules, response.as_bytes()).unwrap();
        assert_eq!(got.response, Some(Status::InProgress));
        assert_eq!(got.answers, Answers::empty(&rules));
        let got = read(&rules, br#"{"pregnant": true}"#).unwrap();
        assert_eq!(got.response, None);

        let not_answers = |problem| {
            Problem::Response(ResponseProblem::NotAResponse {
                resource_type: problem,
            })
        };
        let cases: [(&str, &[u8], Problem); 5] = [
            (
                "another resource",
                br#"{"resourceType": "Patient", "id": "x"}"#,
                not_answers(Some("Patient".into())),
            ),
            (
                "a name not to repeat",
                br#"{"resourceType": "secret value"}"#,
                not_answers(None),
            ),
            ("not a string", br#"{"resourceType": 1}"#, not_answers(None)),
            (
                "malformed",
                br#"{"resourceType": "QuestionnaireResponse""#,
                Problem::UnknownKey {
                    key: "resourceType".into(),
                    suggestion: None,
                },
            ),
            (
                "array",
                br#"[{"resourceType": "QuestionnaireResponse"}]"#,
                Problem::NotAnObject,
            ),
        ];
        for (name, bytes, expected) in cases {
            assert_eq!(read(&rules, bytes).unwrap_err().problem, expected, "{name}");
        }
    }
}
