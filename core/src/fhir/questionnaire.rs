//! A rule file as an R4 Questionnaire: one item per question, `enableWhen` for every
//! `ask_if` core FHIR can express, the SDC `enableWhenExpression` (FHIRPath) for the
//! others, help texts as SDC help display items, the rule file's SHA-256 in an extension.
//!
//! Pure: a rule set in, a serde value out.

use crate::answers::{Value, value_json};
use crate::condition::Cond;
use crate::rules::{Kind, Purpose, QuestionDef, RuleSet};

use super::canonical::{self, SHA256_EXTENSION};
use super::model::{
    AnswerOption, CodeableConcept, Coding, EnableAnswer, EnableWhen, Expression, Extension,
    ExtensionValue, Questionnaire, QuestionnaireItem,
};

const ITEM_CONTROL: &str = "http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl";
const ITEM_CONTROL_SYSTEM: &str = "http://hl7.org/fhir/questionnaire-item-control";
const ENABLE_WHEN_EXPRESSION: &str =
    "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-enableWhenExpression";
const INITIAL_EXPRESSION: &str =
    "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-initialExpression";
const MIN_VALUE: &str = "http://hl7.org/fhir/StructureDefinition/minValue";
const MAX_VALUE: &str = "http://hl7.org/fhir/StructureDefinition/maxValue";

/// The base URL of a rule file's resources: `override_base` (`--url`), else the rule
/// file's `url`, else [`canonical::PRESCREEN_BASE`].
pub fn base<'a>(rules: &'a RuleSet, override_base: Option<&'a str>) -> &'a str {
    canonical::base_or_default(override_base.or(rules.file.url.as_deref()))
}

/// The Questionnaire's canonical URL (without version).
pub fn url(rules: &RuleSet, override_base: Option<&str>) -> String {
    canonical::questionnaire_url(base(rules, override_base), &rules.name)
}

/// The linkId of a question's help display item.
pub fn help_link_id(question: &QuestionDef) -> String {
    format!("{}.help", question.id)
}

/// The rule file as a Questionnaire, under `override_base` when given.
pub fn questionnaire(rules: &RuleSet, override_base: Option<&str>) -> Questionnaire {
    Questionnaire {
        resource_type: "Questionnaire",
        id: canonical::slug(&rules.name),
        language: rules.lang.clone(),
        extension: vec![Extension {
            url: SHA256_EXTENSION.to_string(),
            value: ExtensionValue::ValueString(rules.sha256.clone()),
        }],
        url: url(rules, override_base),
        version: rules.version.clone(),
        name: canonical::computer_name(&rules.name),
        title: rules.title.clone(),
        status: "active",
        publisher: rules.clinic.as_ref().map(|c| c.name.clone()),
        description: Some(rules.description.clone()).filter(|d| !d.is_empty()),
        item: rules
            .questions
            .iter()
            .map(|question| item(rules, question))
            .collect(),
    }
}

fn item(rules: &RuleSet, question: &QuestionDef) -> QuestionnaireItem {
    let mut extension = Vec::new();
    let (enable_when, enable_behavior) = match question.ask_if.as_ref().map(|c| enable(rules, c)) {
        None | Some(Enable::Always) => (Vec::new(), None),
        Some(Enable::When(conditions, behavior)) => (conditions, behavior),
        Some(Enable::Expression(expression)) => {
            extension.push(fhirpath_extension(ENABLE_WHEN_EXPRESSION, expression));
            (Vec::new(), None)
        }
    };
    if question.default_now {
        extension.push(fhirpath_extension(INITIAL_EXPRESSION, "now()".to_string()));
    }
    if let Kind::Number { min, max } = &question.kind {
        for (url, bound) in [(MIN_VALUE, min), (MAX_VALUE, max)] {
            if let Some(bound) = bound {
                extension.push(Extension {
                    url: url.to_string(),
                    value: ExtensionValue::ValueDecimal(*bound),
                });
            }
        }
    }
    QuestionnaireItem {
        extension,
        link_id: question.id.clone(),
        text: question.prompt.clone(),
        kind: item_type(&question.kind),
        enable_when,
        enable_behavior,
        required: (question.purpose == Purpose::Screening).then_some(true),
        answer_option: match &question.kind {
            Kind::Choice(options) => options
                .iter()
                .map(|o| AnswerOption {
                    value_coding: Coding::new(None, &o.value, Some(&o.label)),
                })
                .collect(),
            _ => Vec::new(),
        },
        item: question
            .help
            .iter()
            .map(|help| help_item(question, help))
            .collect(),
    }
}

/// The FHIR item type of an answer kind.
pub fn item_type(kind: &Kind) -> &'static str {
    match kind {
        Kind::Boolean => "boolean",
        Kind::Date => "date",
        Kind::DateTime => "dateTime",
        Kind::Choice(_) => "choice",
        Kind::Number { .. } => "decimal",
    }
}

/// The SDC help display item of a question: shown behind a help button.
fn help_item(question: &QuestionDef, help: &str) -> QuestionnaireItem {
    QuestionnaireItem {
        extension: vec![Extension {
            url: ITEM_CONTROL.to_string(),
            value: ExtensionValue::ValueCodeableConcept(CodeableConcept {
                coding: vec![Coding::new(
                    Some(ITEM_CONTROL_SYSTEM),
                    "help",
                    Some("Help-Button"),
                )],
                text: Some("Help-Button".to_string()),
            }),
        }],
        link_id: help_link_id(question),
        text: help.to_string(),
        kind: "display",
        enable_when: Vec::new(),
        enable_behavior: None,
        required: None,
        answer_option: Vec::new(),
        item: Vec::new(),
    }
}

fn fhirpath_extension(url: &str, expression: String) -> Extension {
    Extension {
        url: url.to_string(),
        value: ExtensionValue::ValueExpression(Expression {
            language: "text/fhirpath",
            expression,
        }),
    }
}

/// When a question is enabled.
#[derive(Debug, Clone, PartialEq)]
pub enum Enable {
    Always,
    /// Core `enableWhen`, with `enableBehavior` whenever there are two or more.
    When(Vec<EnableWhen>, Option<&'static str>),
    /// The SDC `enableWhenExpression`, for what core `enableWhen` cannot say.
    Expression(String),
}

/// Translates an `ask_if` condition. Core `enableWhen` compares one answer with a
/// constant, and several combine with all or any; anything else (a relative date,
/// `not`, nesting) becomes a FHIRPath expression. (`not` too: core `!=` holds when the
/// question has no answer, where ours is unknown and keeps the question disabled.) FHIRPath's
/// empty collections propagate through `and`, `or` and `not()` the way our unknown
/// answers do, and an empty result leaves the item disabled, as our questionnaire does.
pub fn enable(rules: &RuleSet, cond: &Cond) -> Enable {
    if let Some(single) = simple(rules, cond) {
        return Enable::When(vec![single], None);
    }
    match cond {
        Cond::All(items) if items.is_empty() => return Enable::Always,
        Cond::All(items) | Cond::Any(items) if !items.is_empty() => {
            let simple: Option<Vec<EnableWhen>> =
                items.iter().map(|item| simple(rules, item)).collect();
            if let Some(conditions) = simple {
                let behavior = if matches!(cond, Cond::All(_)) {
                    "all"
                } else {
                    "any"
                };
                return Enable::When(conditions, Some(behavior));
            }
        }
        _ => {}
    }
    Enable::Expression(fhirpath(rules, cond))
}

/// One core `enableWhen`, when the condition is a single comparison with a constant.
fn simple(rules: &RuleSet, cond: &Cond) -> Option<EnableWhen> {
    match cond {
        Cond::All(items) | Cond::Any(items) if items.len() == 1 => simple(rules, &items[0]),
        Cond::Is { question, value } => Some(EnableWhen {
            question: rules.questions.get(*question)?.id.clone(),
            operator: "=",
            answer: enable_answer(rules.questions.get(*question)?, value)?,
        }),
        Cond::Cmp {
            question,
            op,
            value,
        } => Some(EnableWhen {
            question: rules.questions.get(*question)?.id.clone(),
            operator: op.symbol(),
            answer: EnableAnswer::AnswerDecimal(*value),
        }),
        _ => None,
    }
}

fn enable_answer(question: &QuestionDef, value: &Value) -> Option<EnableAnswer> {
    Some(match value {
        Value::Bool(b) => EnableAnswer::AnswerBoolean(*b),
        Value::Number(n) => EnableAnswer::AnswerDecimal(*n),
        Value::Date(_) => EnableAnswer::AnswerDate(value_json(question, value).as_str()?.into()),
        Value::DateTime(t) => EnableAnswer::AnswerDateTime(t.to_rfc3339()),
        Value::Choice(i) => match &question.kind {
            Kind::Choice(options) => {
                let option = options.get(*i)?;
                EnableAnswer::AnswerCoding(Coding::new(None, &option.value, Some(&option.label)))
            }
            _ => return None,
        },
    })
}

/// The condition as FHIRPath over the response being filled in (`%resource`).
pub fn fhirpath(rules: &RuleSet, cond: &Cond) -> String {
    let join = |items: &[Cond], op: &str, empty: &str| {
        if items.is_empty() {
            empty.to_string()
        } else {
            items
                .iter()
                .map(|item| format!("({})", fhirpath(rules, item)))
                .collect::<Vec<_>>()
                .join(op)
        }
    };
    let answer = |q: usize| {
        let Some(question) = rules.questions.get(q) else {
            return "{}".to_string();
        };
        let code = if matches!(question.kind, Kind::Choice(_)) {
            ".code"
        } else {
            ""
        };
        format!(
            "%resource.repeat(item).where(linkId = '{}').answer.value{code}",
            question.id
        )
    };
    match cond {
        Cond::All(items) => join(items, " and ", "true"),
        Cond::Any(items) => join(items, " or ", "false"),
        Cond::Not(inner) => format!("({}).not()", fhirpath(rules, inner)),
        Cond::Is { question, value } => {
            let literal = rules
                .questions
                .get(*question)
                .map_or_else(|| "{}".to_string(), |q| literal(q, value));
            format!("{} = {literal}", answer(*question))
        }
        Cond::Cmp {
            question,
            op,
            value,
        } => format!("{} {} {}", answer(*question), op.symbol(), number(*value)),
        Cond::WithinDays { question, days } => {
            format!("{} + {days} days > today()", answer(*question))
        }
    }
}

fn number(n: f64) -> String {
    serde_json::Number::from_f64(n).map_or_else(|| "{}".to_string(), |n| n.to_string())
}

/// A FHIRPath literal for a constant answer.
fn literal(question: &QuestionDef, value: &Value) -> String {
    match value {
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => number(*n),
        Value::Date(_) => match value_json(question, value) {
            serde_json::Value::String(s) => format!("@{s}"),
            _ => "{}".to_string(),
        },
        Value::DateTime(t) => format!("@{}", t.to_rfc3339()),
        Value::Choice(_) => match value_json(question, value) {
            serde_json::Value::String(s) => format!("'{s}'"),
            _ => "{}".to_string(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{default_rules, rules_from};
    use serde_json::json;

    #[test]
    fn the_default_file_becomes_a_flat_questionnaire() {
        let rules = default_rules();
        let q = serde_json::to_value(questionnaire(&rules, None)).unwrap();
        assert_eq!(q["resourceType"], "Questionnaire");
        assert_eq!(
            q["url"],
            "https://prescreen.invalid/fhir/Questionnaire/microneedling-candidacy-screen"
        );
        assert_eq!(q["version"], "2026.11.0");
        assert_eq!(q["name"], "MicroneedlingCandidacyScreen");
        assert_eq!(q["extension"][0]["valueString"], rules.sha256.as_str());
        let items = q["item"].as_array().unwrap();
        assert_eq!(items.len(), rules.questions.len());
        let by_id = |id: &str| items.iter().find(|i| i["linkId"] == id).unwrap().clone();
        let cases = [
            ("pregnant", "boolean", Some(true)),
            ("radiation_end_date", "date", Some(true)),
            ("procedure_time", "dateTime", None),
            ("treatment_area", "choice", None),
        ];
        for (id, kind, required) in cases {
            let item = by_id(id);
            assert_eq!(item["type"], kind, "{id}");
            assert_eq!(item["required"].as_bool(), required, "{id}");
        }
        assert_eq!(
            by_id("radiation_end_date")["enableWhen"],
            json!([{"question": "radiation_therapy", "operator": "=", "answerBoolean": true}])
        );
        assert_eq!(
            by_id("treatment_area")["answerOption"][2]["valueCoding"],
            json!({"code": "body", "display": "Body (for example stretch marks)"})
        );
        let help = &by_id("pregnant")["item"][0];
        assert_eq!(help["type"], "display");
        assert_eq!(help["linkId"], "pregnant.help");
        assert_eq!(
            help["extension"][0]["valueCodeableConcept"]["coding"][0]["code"],
            "help"
        );
        assert_eq!(
            by_id("procedure_time")["extension"][0]["valueExpression"]["expression"],
            "now()"
        );
    }

    #[test]
    fn ask_if_becomes_enable_when_or_an_expression() {
        let rules = rules_from(|d| {
            let questions = d["questions"].as_array_mut().unwrap();
            let extra = [
                (
                    "q_all",
                    json!({"all": [
                        {"is": {"answer": "pregnant", "value": true}},
                        {"is": {"answer": "treatment_area", "value": "body"}}
                    ]}),
                ),
                (
                    "q_not",
                    json!({"not": {"is": {"answer": "treatment_area", "value": "body"}}}),
                ),
                (
                    "q_any",
                    json!({"any": [
                        {"is": {"answer": "pregnant", "value": true}},
                        {"is": {"answer": "eczema", "value": false}}
                    ]}),
                ),
                (
                    "q_within",
                    json!({"within_days": {"answer": "radiation_end_date", "days": 30}}),
                ),
                (
                    "q_nested",
                    json!({"any": [
                        {"all": [{"is": {"answer": "pregnant", "value": true}}, {"is": {"answer": "eczema", "value": true}}]},
                        {"not": {"is": {"answer": "psoriasis", "value": true}}}
                    ]}),
                ),
            ];
            for (id, ask_if) in extra {
                questions.push(json!({"id": id, "type": "boolean", "purpose": "aftercare",
                    "prompt": "Extra?", "ask_if": ask_if}));
            }
        });
        let enable_of = |id: &str| {
            let q = rules.question_index(id).unwrap();
            enable(&rules, rules.questions[q].ask_if.as_ref().unwrap())
        };
        let Enable::When(all, Some("all")) = enable_of("q_all") else {
            panic!("{:?}", enable_of("q_all"))
        };
        assert_eq!(
            serde_json::to_value(&all).unwrap(),
            json!([
                {"question": "pregnant", "operator": "=", "answerBoolean": true},
                {"question": "treatment_area", "operator": "=",
                 "answerCoding": {"code": "body", "display": "Body (for example stretch marks)"}}
            ])
        );
        assert!(matches!(enable_of("q_any"), Enable::When(c, Some("any")) if c.len() == 2));
        let path =
            |id| "%resource.repeat(item).where(linkId = '".to_string() + id + "').answer.value";
        let cases = [
            (
                "q_not",
                format!("({}.code = 'body').not()", path("treatment_area")),
            ),
            (
                "q_within",
                format!("{} + 30 days > today()", path("radiation_end_date")),
            ),
            (
                "q_nested",
                format!(
                    "(({} = true) and ({} = true)) or (({} = true).not())",
                    path("pregnant"),
                    path("eczema"),
                    path("psoriasis")
                ),
            ),
        ];
        for (id, expected) in cases {
            assert_eq!(enable_of(id), Enable::Expression(expected), "{id}");
        }
        // Exported: the expression as the SDC extension, never together with enableWhen.
        let q = serde_json::to_value(questionnaire(&rules, Some("https://clinic.example/fhir")))
            .unwrap();
        let within = q["item"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["linkId"] == "q_within")
            .unwrap();
        assert_eq!(within["extension"][0]["url"], ENABLE_WHEN_EXPRESSION);
        assert!(within.get("enableWhen").is_none());
        assert_eq!(
            q["url"],
            "https://clinic.example/fhir/Questionnaire/microneedling-candidacy-screen"
        );
    }
}
