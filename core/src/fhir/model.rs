//! Hand-written serde types for the FHIR R4 resources prescreen reads and writes:
//! Questionnaire (out), QuestionnaireResponse (in and out), and the result Bundle with
//! its Observation and DetectedIssues (out).
//!
//! Only the elements prescreen uses are modelled. What a response may carry but
//! prescreen does not read (`meta`, `text`, `subject`, ...) is accepted as opaque JSON.
//! Every type that is read denies unknown elements, and the choice type `value[x]` is
//! one optional field per type, so that two `value[x]` keys in one answer are seen and
//! refused, never silently reduced to one (`flatten` would do that, and it disables
//! `deny_unknown_fields`). Pure data: no I/O.

use serde::{Deserialize, Serialize};
use serde_json::Value as Json;

/// Leaves out an absent optional element when writing.
fn none<T>(value: &Option<T>) -> bool {
    value.is_none()
}

// ---------------------------------------------------------------------------------------
// Shared data types

#[derive(Debug, Clone, PartialEq, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Coding {
    #[serde(default, skip_serializing_if = "none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "none")]
    pub extension: Option<Json>,
    #[serde(default, skip_serializing_if = "none")]
    pub system: Option<String>,
    #[serde(default, skip_serializing_if = "none")]
    pub version: Option<String>,
    #[serde(default, skip_serializing_if = "none")]
    pub code: Option<String>,
    #[serde(default, skip_serializing_if = "none")]
    pub display: Option<String>,
    #[serde(default, skip_serializing_if = "none")]
    pub user_selected: Option<bool>,
}

impl Coding {
    pub fn new(system: Option<&str>, code: &str, display: Option<&str>) -> Coding {
        Coding {
            system: system.map(str::to_string),
            code: Some(code.to_string()),
            display: display.map(str::to_string),
            ..Coding::default()
        }
    }
}

#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct CodeableConcept {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub coding: Vec<Coding>,
    #[serde(skip_serializing_if = "none")]
    pub text: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Identifier {
    #[serde(default, skip_serializing_if = "none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "none")]
    pub extension: Option<Json>,
    #[serde(default, rename = "use", skip_serializing_if = "none")]
    pub use_: Option<String>,
    #[serde(default, rename = "type", skip_serializing_if = "none")]
    pub kind: Option<Json>,
    #[serde(default, skip_serializing_if = "none")]
    pub system: Option<String>,
    #[serde(default, skip_serializing_if = "none")]
    pub value: Option<String>,
    #[serde(default, skip_serializing_if = "none")]
    pub period: Option<Json>,
    #[serde(default, skip_serializing_if = "none")]
    pub assigner: Option<Json>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reference {
    pub reference: String,
}

/// An SDC `Expression` (FHIRPath).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Expression {
    pub language: &'static str,
    pub expression: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Extension {
    pub url: String,
    #[serde(flatten)]
    pub value: ExtensionValue,
}

/// The `value[x]` of an extension we write (written only, so `flatten` is safe here).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ExtensionValue {
    ValueString(String),
    ValueDate(String),
    ValueDecimal(f64),
    ValueCodeableConcept(CodeableConcept),
    ValueExpression(Expression),
}

// ---------------------------------------------------------------------------------------
// Questionnaire (written only)

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Questionnaire {
    pub resource_type: &'static str,
    pub id: String,
    /// The language of the texts (BCP 47): the one the rule set was loaded in.
    pub language: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub extension: Vec<Extension>,
    pub url: String,
    pub version: String,
    pub name: String,
    pub title: String,
    pub status: &'static str,
    #[serde(skip_serializing_if = "none")]
    pub publisher: Option<String>,
    #[serde(skip_serializing_if = "none")]
    pub description: Option<String>,
    pub item: Vec<QuestionnaireItem>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct QuestionnaireItem {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub extension: Vec<Extension>,
    pub link_id: String,
    pub text: String,
    #[serde(rename = "type")]
    pub kind: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub enable_when: Vec<EnableWhen>,
    #[serde(skip_serializing_if = "none")]
    pub enable_behavior: Option<&'static str>,
    #[serde(skip_serializing_if = "none")]
    pub required: Option<bool>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub answer_option: Vec<AnswerOption>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub item: Vec<QuestionnaireItem>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EnableWhen {
    pub question: String,
    pub operator: &'static str,
    #[serde(flatten)]
    pub answer: EnableAnswer,
}

/// `enableWhen.answer[x]`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum EnableAnswer {
    AnswerBoolean(bool),
    AnswerDecimal(f64),
    AnswerDate(String),
    AnswerDateTime(String),
    AnswerCoding(Coding),
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AnswerOption {
    pub value_coding: Coding,
}

// ---------------------------------------------------------------------------------------
// QuestionnaireResponse (read and written)

#[derive(Debug, Clone, PartialEq, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct QuestionnaireResponse {
    pub resource_type: String,
    #[serde(default, skip_serializing_if = "none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "none")]
    pub meta: Option<Json>,
    #[serde(default, skip_serializing_if = "none")]
    pub implicit_rules: Option<Json>,
    #[serde(default, skip_serializing_if = "none")]
    pub language: Option<Json>,
    #[serde(default, skip_serializing_if = "none")]
    pub text: Option<Json>,
    #[serde(default, skip_serializing_if = "none")]
    pub contained: Option<Json>,
    #[serde(default, skip_serializing_if = "none")]
    pub extension: Option<Json>,
    #[serde(default, skip_serializing_if = "none")]
    pub modifier_extension: Option<Json>,
    #[serde(default, skip_serializing_if = "none")]
    pub identifier: Option<Identifier>,
    #[serde(default, skip_serializing_if = "none")]
    pub based_on: Option<Json>,
    #[serde(default, skip_serializing_if = "none")]
    pub part_of: Option<Json>,
    #[serde(default, skip_serializing_if = "none")]
    pub questionnaire: Option<String>,
    pub status: String,
    #[serde(default, skip_serializing_if = "none")]
    pub subject: Option<Json>,
    #[serde(default, skip_serializing_if = "none")]
    pub encounter: Option<Json>,
    #[serde(default, skip_serializing_if = "none")]
    pub authored: Option<Json>,
    #[serde(default, skip_serializing_if = "none")]
    pub author: Option<Json>,
    #[serde(default, skip_serializing_if = "none")]
    pub source: Option<Json>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub item: Vec<ResponseItem>,
}

#[derive(Debug, Clone, PartialEq, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ResponseItem {
    #[serde(default, skip_serializing_if = "none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "none")]
    pub extension: Option<Json>,
    #[serde(default, skip_serializing_if = "none")]
    pub modifier_extension: Option<Json>,
    pub link_id: String,
    #[serde(default, skip_serializing_if = "none")]
    pub definition: Option<Json>,
    #[serde(default, skip_serializing_if = "none")]
    pub text: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub answer: Vec<ResponseAnswer>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub item: Vec<ResponseItem>,
}

/// One answer. `value[x]` is one field per type: exactly one must be present, which
/// [`ResponseAnswer::value`] checks.
#[derive(Debug, Clone, PartialEq, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ResponseAnswer {
    #[serde(default, skip_serializing_if = "none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "none")]
    pub extension: Option<Json>,
    #[serde(default, skip_serializing_if = "none")]
    pub modifier_extension: Option<Json>,
    #[serde(default, skip_serializing_if = "none")]
    pub value_boolean: Option<bool>,
    #[serde(default, skip_serializing_if = "none")]
    pub value_decimal: Option<f64>,
    #[serde(default, skip_serializing_if = "none")]
    pub value_integer: Option<i64>,
    #[serde(default, skip_serializing_if = "none")]
    pub value_date: Option<String>,
    #[serde(default, skip_serializing_if = "none")]
    pub value_date_time: Option<String>,
    #[serde(default, skip_serializing_if = "none")]
    pub value_time: Option<String>,
    #[serde(default, skip_serializing_if = "none")]
    pub value_string: Option<String>,
    #[serde(default, skip_serializing_if = "none")]
    pub value_uri: Option<String>,
    #[serde(default, skip_serializing_if = "none")]
    pub value_attachment: Option<Json>,
    #[serde(default, skip_serializing_if = "none")]
    pub value_coding: Option<Coding>,
    #[serde(default, skip_serializing_if = "none")]
    pub value_quantity: Option<Json>,
    #[serde(default, skip_serializing_if = "none")]
    pub value_reference: Option<Json>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub item: Vec<ResponseItem>,
}

/// The one `value[x]` of an answer, by type.
#[derive(Debug, Clone, PartialEq)]
pub enum AnswerValue<'a> {
    Boolean(bool),
    Decimal(f64),
    Integer(i64),
    Date(&'a str),
    DateTime(&'a str),
    Coding(&'a Coding),
    /// A type no prescreen question takes (`valueString`, `valueTime`, ...), by its key.
    Other(&'static str),
}

/// How many `value[x]` keys an answer has, when it does not have exactly one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueCount {
    None,
    Several,
}

impl ResponseAnswer {
    /// The answer's single `value[x]`; none or several is an error.
    pub fn value(&self) -> Result<AnswerValue<'_>, ValueCount> {
        let present = [
            self.value_boolean.map(AnswerValue::Boolean),
            self.value_decimal.map(AnswerValue::Decimal),
            self.value_integer.map(AnswerValue::Integer),
            self.value_date.as_deref().map(AnswerValue::Date),
            self.value_date_time.as_deref().map(AnswerValue::DateTime),
            self.value_coding.as_ref().map(AnswerValue::Coding),
            self.value_time
                .as_ref()
                .map(|_| AnswerValue::Other("valueTime")),
            self.value_string
                .as_ref()
                .map(|_| AnswerValue::Other("valueString")),
            self.value_uri
                .as_ref()
                .map(|_| AnswerValue::Other("valueUri")),
            self.value_attachment
                .as_ref()
                .map(|_| AnswerValue::Other("valueAttachment")),
            self.value_quantity
                .as_ref()
                .map(|_| AnswerValue::Other("valueQuantity")),
            self.value_reference
                .as_ref()
                .map(|_| AnswerValue::Other("valueReference")),
        ];
        let mut values = present.into_iter().flatten();
        match (values.next(), values.next()) {
            (None, _) => Err(ValueCount::None),
            (Some(value), None) => Ok(value),
            (Some(_), Some(_)) => Err(ValueCount::Several),
        }
    }
}

// ---------------------------------------------------------------------------------------
// The result Bundle (written only)

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Bundle {
    pub resource_type: &'static str,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub timestamp: String,
    pub entry: Vec<Entry>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Entry {
    pub full_url: String,
    pub resource: Resource,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Resource {
    QuestionnaireResponse(Box<QuestionnaireResponse>),
    Observation(Observation),
    DetectedIssue(DetectedIssue),
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Observation {
    pub resource_type: &'static str,
    pub status: &'static str,
    pub category: Vec<CodeableConcept>,
    pub code: CodeableConcept,
    pub effective_date_time: String,
    pub value_codeable_concept: CodeableConcept,
    pub method: CodeableConcept,
    pub derived_from: Vec<Reference>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub component: Vec<Component>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Component {
    pub code: CodeableConcept,
    pub value_date_time: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DetectedIssue {
    pub resource_type: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub extension: Vec<Extension>,
    pub status: &'static str,
    pub code: CodeableConcept,
    pub severity: &'static str,
    pub identified_date_time: String,
    pub evidence: Vec<Evidence>,
    pub detail: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Evidence {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub code: Vec<CodeableConcept>,
    pub detail: Vec<Reference>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(json: &str) -> ResponseAnswer {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn exactly_one_value_is_taken() {
        let coding = Coding::new(None, "face", None);
        let cases = [
            (
                "boolean",
                r#"{"valueBoolean": true}"#,
                Ok(AnswerValue::Boolean(true)),
            ),
            (
                "date",
                r#"{"valueDate": "2026-01-02"}"#,
                Ok(AnswerValue::Date("2026-01-02")),
            ),
            (
                "coding",
                r#"{"valueCoding": {"code": "face"}}"#,
                Ok(AnswerValue::Coding(&coding)),
            ),
            (
                "string",
                r#"{"valueString": "x"}"#,
                Ok(AnswerValue::Other("valueString")),
            ),
            ("none", r#"{}"#, Err(ValueCount::None)),
            (
                "two",
                r#"{"valueBoolean": true, "valueDate": "2026-01-02"}"#,
                Err(ValueCount::Several),
            ),
        ];
        for (name, json, expected) in cases {
            let a = answer(json);
            assert_eq!(a.value(), expected, "{name}");
        }
    }

    #[test]
    fn unknown_elements_are_refused() {
        let e = serde_json::from_str::<ResponseAnswer>(r#"{"valueBool": true}"#).unwrap_err();
        assert!(
            e.to_string().starts_with("unknown field `valueBool`"),
            "{e}"
        );
        let e = serde_json::from_str::<ResponseAnswer>(
            r#"{"valueBoolean": true, "valueBoolean": false}"#,
        )
        .unwrap_err();
        assert!(
            e.to_string().starts_with("duplicate field `valueBoolean`"),
            "{e}"
        );
    }
}
