//! JSON Schemas (draft 2020-12): of the rule-file format, derived from the serde model so
//! it cannot drift from what loads; and of the answers document a given rule file
//! accepts, built from its questions.
//!
//! Pure. A schema checks shape (keys, types, options, date formats); `prescreen` still
//! checks what a schema cannot, such as whether 2026-02-30 is a real date.

use serde_json::{Map, Value, json};

use super::describe;
use super::model::{AnswerType, Purpose, RuleFile};
use super::{RuleSet, model};
use crate::answers::ID_KEY;

/// The dialect both schemas are written in.
pub const DIALECT: &str = "https://json-schema.org/draft/2020-12/schema";

/// A date as `YYYY-MM-DD` in the years the answers parser accepts (1900 to 2999).
pub const DATE_PATTERN: &str = "^(19|2[0-9])[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$";

/// An RFC 3339 date and time with an offset; seconds and fractions optional.
pub const DATETIME_PATTERN: &str = "^(19|2[0-9])[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])[Tt ]([01][0-9]|2[0-3]):[0-5][0-9](:([0-5][0-9]|60)(\\.[0-9]+)?)?([Zz]|[+-][0-9]{2}:[0-9]{2})$";

/// The schema of the rule-file format.
pub fn rule_file() -> Value {
    let schema = schemars::schema_for!(RuleFile);
    let mut value = schema.to_value();
    if let Some(object) = value.as_object_mut() {
        object.insert(
            "title".into(),
            json!(format!("prescreen rule file, format {}", model::FORMAT)),
        );
        object.insert(
            "description".into(),
            json!("The questions, rules, parameters and aftercare items of a prescreen screen. `prescreen rules lint` checks what a schema cannot: ids that resolve, types that match, cycles, and the documented exclusions."),
        );
    }
    value
}

/// The schema of the answers document that `rules` accepts.
pub fn answers(rules: &RuleSet) -> Value {
    let mut properties = Map::new();
    properties.insert(
        ID_KEY.to_string(),
        json!({
            "description": "Your record id, echoed in the result exactly as written. Not an answer. null means no id.",
            "type": ["string", "number", "null"]
        }),
    );
    for question in &rules.file.questions {
        let mut schema = match question.kind {
            AnswerType::Boolean => json!({ "type": ["boolean", "null"] }),
            AnswerType::Date => json!({
                "type": ["string", "null"],
                "format": "date",
                "pattern": DATE_PATTERN
            }),
            AnswerType::Datetime => json!({
                "type": ["string", "null"],
                "pattern": DATETIME_PATTERN
            }),
            AnswerType::Choice => {
                let mut values: Vec<Value> =
                    question.options.iter().map(|o| json!(o.value)).collect();
                values.push(Value::Null);
                json!({ "enum": values })
            }
            AnswerType::Number => {
                let mut schema = json!({ "type": ["number", "null"] });
                if let Some(object) = schema.as_object_mut() {
                    if let Some(min) = question.min {
                        object.insert("minimum".into(), json!(min));
                    }
                    if let Some(max) = question.max {
                        object.insert("maximum".into(), json!(max));
                    }
                }
                schema
            }
        };
        let mut description = format!(
            "{} ({}{}). null means not sure.",
            rules.text(&question.prompt),
            match question.purpose {
                Purpose::Screening => "screening",
                Purpose::Aftercare => "aftercare tailoring",
            },
            question
                .ask_if
                .as_ref()
                .map(|c| format!(
                    "; asked only when {}",
                    describe::Describe::base(&rules.file).sentence(c)
                ))
                .unwrap_or_default()
        );
        match question.kind {
            AnswerType::Date => description.push_str(" A date as YYYY-MM-DD."),
            AnswerType::Datetime => description
                .push_str(" A date and time with an offset, as YYYY-MM-DDTHH:MM[:SS](Z|+HH:MM)."),
            _ => {}
        }
        if let Some(object) = schema.as_object_mut() {
            object.insert("description".into(), json!(description));
        }
        properties.insert(question.id.clone(), schema);
    }
    json!({
        "$schema": DIALECT,
        "title": format!("Answers for {} {}", rules.name, rules.version),
        "description": "One JSON object of answers keyed by question id. Every key is optional; an applicable screening question without a known answer sends the screening to review.",
        "type": "object",
        "properties": properties,
        "additionalProperties": false
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::default_rules;

    #[test]
    fn the_rule_file_schema_is_draft_2020_12_and_closed() {
        let schema = rule_file();
        assert_eq!(schema["$schema"], DIALECT);
        assert_eq!(schema["additionalProperties"], false);
        let required = schema["required"].as_array().unwrap();
        for key in ["format", "questions", "rules", "aftercare"] {
            assert!(required.contains(&json!(key)), "{key}");
        }
        assert!(schema["properties"]["waived"].is_object());
    }

    #[test]
    fn the_answers_schema_follows_the_questions() {
        let schema = answers(&default_rules());
        let p = &schema["properties"];
        let cases = [
            ("id", json!(["string", "number", "null"])),
            ("pregnant", json!(["boolean", "null"])),
            ("radiation_end_date", json!(["string", "null"])),
        ];
        for (key, expected) in cases {
            assert_eq!(p[key]["type"], expected, "{key}");
        }
        assert_eq!(
            p["treatment_area"]["enum"],
            json!(["face", "neck", "body", null])
        );
        assert_eq!(schema["additionalProperties"], false);
        assert!(
            p["radiation_end_date"]["description"]
                .as_str()
                .unwrap()
                .contains("asked only when `radiation_therapy` is yes")
        );
    }
}
