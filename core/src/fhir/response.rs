//! QuestionnaireResponse <-> answers.
//!
//! In: a response is checked for what only FHIR can get wrong (unknown linkIds, a
//! `value[x]` of the wrong type, two answers or two `value[x]` keys, another
//! questionnaire, `entered-in-error`), then turned into an answers document and passed
//! through [`answers::parse`], the very validation JSON answers get: one validator.
//! An item without an answer is "not sure" (`null`); a question without an item is
//! missing, as an absent key is.
//!
//! Out: the answers as the response a form filler would have sent.
//!
//! Pure: text in, values out. Errors name linkIds and elements, never answer values.

use serde_json::{Map, Value as Json};

use crate::answers::{self, AnswerError, Answers, ID_KEY, Problem, RecordId, Reply, Value};
use crate::rules::{Kind, QuestionDef, RuleSet};

use super::canonical;
use super::model::{
    AnswerValue, Coding, Identifier, QuestionnaireResponse, ResponseAnswer, ResponseItem,
    ValueCount,
};
use super::problem::ResponseProblem;
use super::questionnaire::{self, help_link_id};

/// The statuses of a response that can be screened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Not finished: its missing answers are "not sure", like any missing answer.
    InProgress,
    Completed,
    Amended,
    /// Abandoned part-way: screened like `in-progress`.
    Stopped,
}

impl Status {
    pub fn code(self) -> &'static str {
        match self {
            Status::InProgress => "in-progress",
            Status::Completed => "completed",
            Status::Amended => "amended",
            Status::Stopped => "stopped",
        }
    }

    fn parse(code: &str) -> Result<Status, ResponseProblem> {
        match code {
            "in-progress" => Ok(Status::InProgress),
            "completed" => Ok(Status::Completed),
            "amended" => Ok(Status::Amended),
            "stopped" => Ok(Status::Stopped),
            "entered-in-error" => Err(ResponseProblem::EnteredInError),
            _ => Err(ResponseProblem::BadStatus),
        }
    }
}

/// The canonical reference a response to this rule file gives: `url|version`, under the
/// rule file's own base URL.
pub fn canonical_reference(rules: &RuleSet) -> String {
    format!("{}|{}", questionnaire::url(rules, None), rules.version)
}

fn refused(problem: ResponseProblem) -> AnswerError {
    AnswerError::at(Problem::Response(problem), 0, 0)
}

/// Reads a QuestionnaireResponse (`text` has passed the size, UTF-8 and depth limits)
/// into answers, with the response's status.
pub fn parse(rules: &RuleSet, text: &str) -> Result<(Answers, Status), AnswerError> {
    let response: QuestionnaireResponse =
        serde_json::from_str(text).map_err(|e| element_error(&e))?;
    if response.resource_type != "QuestionnaireResponse" {
        return Err(refused(ResponseProblem::NotAResponse {
            resource_type: Some(response.resource_type),
        }));
    }
    let document = document(rules, &response).map_err(refused)?;
    let status = Status::parse(&response.status).map_err(refused)?;
    // The document is ours, so a position in it would mislead: problems name the linkId.
    let bytes = serde_json::to_vec(&Json::Object(document))
        .map_err(|_| refused(ResponseProblem::BadElement))?;
    let answers = answers::parse(rules, &bytes).map_err(|e| AnswerError {
        line: 0,
        column: 0,
        more: e
            .more
            .into_iter()
            .map(|other| AnswerError::at(other.problem, 0, 0))
            .collect(),
        ..e
    })?;
    Ok((answers, status))
}

/// A serde error without the value it quotes ("invalid type: string \"yes\"..."):
/// only element names pass, with the position in the document.
fn element_error(e: &serde_json::Error) -> AnswerError {
    let text = e.to_string();
    let name = |prefix: &str| {
        text.strip_prefix(prefix)
            .and_then(|rest| rest.split('`').next())
            .map(str::to_string)
    };
    let problem = if let Some(n) = name("unknown field `") {
        ResponseProblem::UnknownElement(n)
    } else if let Some(n) = name("duplicate field `") {
        ResponseProblem::DuplicateElement(n)
    } else if let Some(n) = name("missing field `") {
        ResponseProblem::MissingElement(n)
    } else {
        ResponseProblem::BadElement
    };
    AnswerError::at(Problem::Response(problem), e.line(), e.column())
}

/// The answers document a response stands for, after the checks only FHIR needs.
fn document(
    rules: &RuleSet,
    response: &QuestionnaireResponse,
) -> Result<Map<String, Json>, ResponseProblem> {
    if response.modifier_extension.is_some() || has_modifier(&response.item) {
        return Err(ResponseProblem::ModifierExtension);
    }
    check_questionnaire(rules, response.questionnaire.as_deref())?;
    let mut document = Map::new();
    if let Some(value) = response.identifier.as_ref().and_then(|i| i.value.as_ref()) {
        document.insert(ID_KEY.to_string(), Json::String(value.clone()));
    }
    let mut seen = vec![false; rules.questions.len()];
    for item in &response.item {
        let Some(q) = rules.question_index(&item.link_id) else {
            return Err(ResponseProblem::UnknownLinkId(item.link_id.clone()));
        };
        if std::mem::replace(&mut seen[q], true) {
            return Err(ResponseProblem::RepeatedItem(item.link_id.clone()));
        }
        let question = &rules.questions[q];
        check_nested(rules, question, &item.item)?;
        let value = match item.answer.as_slice() {
            [] => Json::Null,
            [answer] => {
                if let Some(nested) = answer.item.first() {
                    return Err(misplaced(rules, nested));
                }
                answer_json(question, answer)?
            }
            _ => return Err(ResponseProblem::TwoAnswers(item.link_id.clone())),
        };
        document.insert(question.id.clone(), value);
    }
    Ok(document)
}

fn has_modifier(items: &[ResponseItem]) -> bool {
    items.iter().any(|item| {
        item.modifier_extension.is_some()
            || has_modifier(&item.item)
            || item
                .answer
                .iter()
                .any(|a| a.modifier_extension.is_some() || has_modifier(&a.item))
    })
}

/// The response must name this rule file's questionnaire and version. Any base URL is
/// accepted (the clinic chooses where it publishes the Questionnaire, `rules fhir --url`),
/// unless the rule file declares its own `url`.
fn check_questionnaire(
    rules: &RuleSet,
    canonical_ref: Option<&str>,
) -> Result<(), ResponseProblem> {
    let expected = canonical_reference(rules);
    let Some(canonical_ref) = canonical_ref else {
        return Err(ResponseProblem::NoQuestionnaire { expected });
    };
    let (url, version) = match canonical_ref.split_once('|') {
        Some((url, version)) => (url, Some(version)),
        None => (canonical_ref, None),
    };
    let path = format!("/Questionnaire/{}", canonical::slug(&rules.name));
    let url_ok = match rules.file.url.as_deref() {
        Some(base) => url == format!("{base}{path}"),
        None => {
            url.ends_with(&path) && canonical::check_base(&url[..url.len() - path.len()]).is_ok()
        }
    };
    if url_ok && version == Some(rules.version.as_str()) {
        Ok(())
    } else {
        Err(ResponseProblem::WrongQuestionnaire { expected })
    }
}

/// Nested items: only the question's own help display item, unanswered.
fn check_nested(
    rules: &RuleSet,
    question: &QuestionDef,
    items: &[ResponseItem],
) -> Result<(), ResponseProblem> {
    let help = help_link_id(question);
    for item in items {
        let is_help = question.help.is_some() && item.link_id == help;
        if !is_help || !item.answer.is_empty() || !item.item.is_empty() {
            return Err(misplaced(rules, item));
        }
    }
    Ok(())
}

/// A nested item where none belongs: a question of ours in the wrong place, or unknown.
fn misplaced(rules: &RuleSet, item: &ResponseItem) -> ResponseProblem {
    let known = rules.question_index(&item.link_id).is_some()
        || rules
            .questions
            .iter()
            .any(|q| help_link_id(q) == item.link_id);
    if known {
        ResponseProblem::Misplaced(item.link_id.clone())
    } else {
        ResponseProblem::UnknownLinkId(item.link_id.clone())
    }
}

/// The `value[x]` a question takes.
pub fn value_key(kind: &Kind) -> &'static str {
    match kind {
        Kind::Boolean => "valueBoolean",
        Kind::Date => "valueDate",
        Kind::DateTime => "valueDateTime",
        Kind::Choice(_) => "valueCoding",
        Kind::Number { .. } => "valueDecimal or valueInteger",
    }
}

/// One answer as the answers document writes it; its content is checked by
/// [`answers::parse`] (real dates, offsets, options, bounds).
fn answer_json(question: &QuestionDef, answer: &ResponseAnswer) -> Result<Json, ResponseProblem> {
    let value = answer.value().map_err(|count| match count {
        ValueCount::None => ResponseProblem::NoValue(question.id.clone()),
        ValueCount::Several => ResponseProblem::TwoValues(question.id.clone()),
    })?;
    let json = match (&question.kind, value) {
        (Kind::Boolean, AnswerValue::Boolean(b)) => Json::Bool(b),
        (Kind::Date, AnswerValue::Date(d)) => Json::String(d.to_string()),
        (Kind::DateTime, AnswerValue::DateTime(t)) => Json::String(t.to_string()),
        (Kind::Choice(_), AnswerValue::Coding(coding)) => {
            if coding.system.is_some() {
                return Err(ResponseProblem::CodingSystem(question.id.clone()));
            }
            // No code is no option: the answers check refuses it by name.
            Json::String(coding.code.clone().unwrap_or_default())
        }
        (Kind::Number { .. }, AnswerValue::Decimal(n)) => {
            serde_json::Number::from_f64(n).map_or(Json::Null, Json::Number)
        }
        (Kind::Number { .. }, AnswerValue::Integer(n)) => Json::Number(n.into()),
        _ => {
            return Err(ResponseProblem::WrongValueType {
                link_id: question.id.clone(),
                expected: value_key(&question.kind),
            });
        }
    };
    Ok(json)
}

/// The answers as a response: one item per question answered or "not sure" (without an
/// answer), in rule-file order; the record id as the identifier's value.
pub fn to_response(rules: &RuleSet, answers: &Answers, status: Status) -> QuestionnaireResponse {
    let identifier = answers.id.as_ref().map(|id| Identifier {
        value: Some(match id {
            RecordId::Text(text) | RecordId::Number(text) => text.clone(),
        }),
        ..Identifier::default()
    });
    let item = rules
        .questions
        .iter()
        .enumerate()
        .filter_map(|(q, question)| {
            let answer = match answers.reply(q) {
                Reply::Missing => return None,
                Reply::NotSure => Vec::new(),
                Reply::Given(value) => vec![response_answer(question, value)],
            };
            Some(ResponseItem {
                link_id: question.id.clone(),
                text: Some(question.prompt.clone()),
                answer,
                ..ResponseItem::default()
            })
        })
        .collect();
    QuestionnaireResponse {
        resource_type: "QuestionnaireResponse".to_string(),
        identifier,
        questionnaire: Some(canonical_reference(rules)),
        status: status.code().to_string(),
        item,
        ..QuestionnaireResponse::default()
    }
}

fn response_answer(question: &QuestionDef, value: &Value) -> ResponseAnswer {
    let mut answer = ResponseAnswer::default();
    match value {
        Value::Bool(b) => answer.value_boolean = Some(*b),
        Value::Date(d) => answer.value_date = Some(d.format("%Y-%m-%d").to_string()),
        Value::DateTime(t) => {
            // FHIR dateTime needs seconds with a time; RFC 3339 always has them.
            answer.value_date_time = Some(t.to_rfc3339());
        }
        Value::Choice(i) => {
            if let Kind::Choice(options) = &question.kind
                && let Some(option) = options.get(*i)
            {
                answer.value_coding = Some(Coding::new(None, &option.value, Some(&option.label)));
            }
        }
        Value::Number(n) => answer.value_decimal = Some(*n),
    }
    answer
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{answers as answers_of, default_rules};
    use serde_json::json;

    const CANONICAL: &str =
        "https://prescreen.invalid/fhir/Questionnaire/microneedling-candidacy-screen|2026.11.0";

    fn response(items: Json) -> Json {
        json!({"resourceType": "QuestionnaireResponse", "status": "completed",
               "questionnaire": CANONICAL, "item": items})
    }

    fn problem_of(doc: Json) -> Problem {
        parse(&default_rules(), &doc.to_string())
            .unwrap_err()
            .problem
    }

    fn fhir(p: ResponseProblem) -> Problem {
        Problem::Response(p)
    }

    #[test]
    fn responses_become_the_same_answers() {
        let rules = default_rules();
        let doc = response(json!([
            {"linkId": "pregnant", "answer": [{"valueBoolean": false}]},
            {"linkId": "eczema"},
            {"linkId": "radiation_therapy", "text": "Radiation?", "answer": [{"valueBoolean": true}],
             "item": [{"linkId": "radiation_therapy.help", "text": "help"}]},
            {"linkId": "radiation_end_date", "answer": [{"valueDate": "2026-09-30"}]},
            {"linkId": "procedure_time", "answer": [{"valueDateTime": "2026-11-23T14:00:00+01:00"}]},
            {"linkId": "treatment_area", "answer": [{"valueCoding": {"code": "neck", "display": "Neck"}}]}
        ]));
        let mut doc = doc;
        doc["identifier"] = json!({"system": "urn:example", "value": "A-1"});
        let (got, status) = parse(&rules, &doc.to_string()).unwrap();
        let expected = answers_of(
            &rules,
            json!({"id": "A-1", "pregnant": false, "eczema": null, "radiation_therapy": true,
                   "radiation_end_date": "2026-09-30", "procedure_time": "2026-11-23T14:00:00+01:00",
                   "treatment_area": "neck"}),
        );
        assert_eq!(got, expected);
        assert_eq!(status, Status::Completed);
        // And back: the same items, "not sure" without an answer.
        let back = serde_json::to_value(to_response(&rules, &got, status)).unwrap();
        assert_eq!(back["questionnaire"], CANONICAL);
        assert_eq!(back["identifier"], json!({"value": "A-1"}));
        assert_eq!(
            back["item"][1],
            json!({"linkId": "eczema", "text": "Do you have eczema?"})
        );
        let (again, _) = parse(&rules, &back.to_string()).unwrap();
        assert_eq!(again, got);
    }

    #[test]
    fn statuses() {
        let cases = [
            ("in-progress", Ok(Status::InProgress)),
            ("stopped", Ok(Status::Stopped)),
            ("amended", Ok(Status::Amended)),
            (
                "entered-in-error",
                Err(fhir(ResponseProblem::EnteredInError)),
            ),
            ("done", Err(fhir(ResponseProblem::BadStatus))),
        ];
        for (code, expected) in cases {
            let mut doc = response(json!([]));
            doc["status"] = json!(code);
            let got = parse(&default_rules(), &doc.to_string())
                .map(|(_, s)| s)
                .map_err(|e| e.problem);
            assert_eq!(got, expected, "{code}");
        }
    }

    #[test]
    fn refusals_name_the_item_never_the_value() {
        let expected_ref = CANONICAL.to_string();
        let item = |link: &str, answer: Json| json!([{"linkId": link, "answer": answer}]);
        let cases: Vec<(&str, Json, Problem)> = vec![
            (
                "unknown linkId",
                response(item("pregnant_now", json!([{"valueBoolean": true}]))),
                fhir(ResponseProblem::UnknownLinkId("pregnant_now".into())),
            ),
            (
                "wrong value type",
                response(item("pregnant", json!([{"valueString": "yes"}]))),
                fhir(ResponseProblem::WrongValueType {
                    link_id: "pregnant".into(),
                    expected: "valueBoolean",
                }),
            ),
            (
                "date for a boolean",
                response(item("pregnant", json!([{"valueDate": "2026-01-01"}]))),
                fhir(ResponseProblem::WrongValueType {
                    link_id: "pregnant".into(),
                    expected: "valueBoolean",
                }),
            ),
            (
                "two answers",
                response(item(
                    "pregnant",
                    json!([{"valueBoolean": true}, {"valueBoolean": false}]),
                )),
                fhir(ResponseProblem::TwoAnswers("pregnant".into())),
            ),
            (
                "two value[x]",
                response(item(
                    "pregnant",
                    json!([{"valueBoolean": true, "valueString": "no"}]),
                )),
                fhir(ResponseProblem::TwoValues("pregnant".into())),
            ),
            (
                "no value[x]",
                response(item("pregnant", json!([{}]))),
                fhir(ResponseProblem::NoValue("pregnant".into())),
            ),
            (
                "item twice",
                response(json!([{"linkId": "eczema"}, {"linkId": "eczema"}])),
                fhir(ResponseProblem::RepeatedItem("eczema".into())),
            ),
            (
                "nested question",
                response(
                    json!([{"linkId": "radiation_therapy", "item": [{"linkId": "radiation_end_date"}]}]),
                ),
                fhir(ResponseProblem::Misplaced("radiation_end_date".into())),
            ),
            (
                "under an answer",
                response(item(
                    "radiation_therapy",
                    json!([{"valueBoolean": true, "item": [{"linkId": "x"}]}]),
                )),
                fhir(ResponseProblem::UnknownLinkId("x".into())),
            ),
            (
                "coding with a system",
                response(item(
                    "treatment_area",
                    json!([{"valueCoding": {"system": "http://snomed.info/sct", "code": "face"}}]),
                )),
                fhir(ResponseProblem::CodingSystem("treatment_area".into())),
            ),
            (
                "coding not an option",
                response(item(
                    "treatment_area",
                    json!([{"valueCoding": {"code": "scalp"}}]),
                )),
                Problem::NotAnOption {
                    key: "treatment_area".into(),
                    options: vec!["face".into(), "neck".into(), "body".into()],
                },
            ),
            (
                "impossible date",
                response(item(
                    "radiation_end_date",
                    json!([{"valueDate": "2026-02-30"}]),
                )),
                Problem::BadDate {
                    key: "radiation_end_date".into(),
                },
            ),
            (
                "partial date",
                response(item(
                    "radiation_end_date",
                    json!([{"valueDate": "2026-02"}]),
                )),
                Problem::BadDate {
                    key: "radiation_end_date".into(),
                },
            ),
            (
                "no questionnaire",
                json!({"resourceType": "QuestionnaireResponse", "status": "completed"}),
                fhir(ResponseProblem::NoQuestionnaire {
                    expected: expected_ref.clone(),
                }),
            ),
            (
                "another version",
                json!({"resourceType": "QuestionnaireResponse", "status": "completed",
                "questionnaire": CANONICAL.replace("2026.11.0", "2025.1.0")}),
                fhir(ResponseProblem::WrongQuestionnaire {
                    expected: expected_ref.clone(),
                }),
            ),
            (
                "no version",
                json!({"resourceType": "QuestionnaireResponse", "status": "completed",
                "questionnaire": CANONICAL.replace("|2026.11.0", "")}),
                fhir(ResponseProblem::WrongQuestionnaire {
                    expected: expected_ref.clone(),
                }),
            ),
            (
                "another questionnaire",
                json!({"resourceType": "QuestionnaireResponse", "status": "completed",
                "questionnaire": "https://clinic.example/Questionnaire/phq-9|2026.11.0"}),
                fhir(ResponseProblem::WrongQuestionnaire {
                    expected: expected_ref.clone(),
                }),
            ),
            (
                "modifier extension",
                json!({"resourceType": "QuestionnaireResponse", "status": "completed",
                "questionnaire": CANONICAL, "item": [{"linkId": "pregnant", "modifierExtension": [{"url": "x"}]}]}),
                fhir(ResponseProblem::ModifierExtension),
            ),
            (
                "unknown element",
                json!({"resourceType": "QuestionnaireResponse", "status": "completed", "answers": []}),
                fhir(ResponseProblem::UnknownElement("answers".into())),
            ),
            (
                "no status",
                json!({"resourceType": "QuestionnaireResponse", "questionnaire": CANONICAL}),
                fhir(ResponseProblem::MissingElement("status".into())),
            ),
            (
                "bad element type",
                response(item("pregnant", json!([{"valueBoolean": "secret"}]))),
                fhir(ResponseProblem::BadElement),
            ),
        ];
        for (name, doc, expected) in cases {
            let found = problem_of(doc);
            assert_eq!(found, expected, "{name}");
            let text = found.to_string();
            for value in ["secret", "yes", "2026-02-30", "scalp", "snomed"] {
                assert!(!text.contains(value), "{name}: {text}");
            }
        }
    }

    #[test]
    fn any_base_is_accepted_unless_the_rule_file_declares_one() {
        let canonical =
            "https://clinic.example/fhir/Questionnaire/microneedling-candidacy-screen|2026.11.0";
        let mut doc = response(json!([]));
        doc["questionnaire"] = json!(canonical);
        assert!(parse(&default_rules(), &doc.to_string()).is_ok());
        let declared =
            crate::testing::rules_from(|d| d["url"] = json!("https://other.example/fhir"));
        assert!(matches!(
            parse(&declared, &doc.to_string()).unwrap_err().problem,
            Problem::Response(ResponseProblem::WrongQuestionnaire { .. })
        ));
        doc["questionnaire"] = json!(canonical.replace("clinic.example", "other.example"));
        assert!(parse(&declared, &doc.to_string()).is_ok());
    }
}
