//! What can be wrong with a QuestionnaireResponse beyond what any answers document can
//! get wrong. Carries linkIds and element names, never an answer value.
//!
//! A leaf (imports nothing else of the crate): `answers::Problem` holds one of these,
//! and `fhir::response` produces them.

use std::fmt;

/// A refusal specific to FHIR responses. Every one ends with exit status 65.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResponseProblem {
    /// A FHIR resource, but not a QuestionnaireResponse (`Patient`, `Bundle`, ...).
    NotAResponse { resource_type: Option<String> },
    /// An element FHIR R4 does not define there.
    UnknownElement(String),
    /// An element given twice.
    DuplicateElement(String),
    /// A required element left out (`status`, `linkId`).
    MissingElement(String),
    /// An element of the wrong JSON type (where: line and column of the error).
    BadElement,
    /// A `modifierExtension`: it could change what the answers mean, and we cannot know how.
    ModifierExtension,
    /// `status` is not a QuestionnaireResponse status code.
    BadStatus,
    /// Status `entered-in-error`: the response must not be used.
    EnteredInError,
    /// No `questionnaire`: nothing says which questions were answered.
    NoQuestionnaire { expected: String },
    /// The `questionnaire` canonical or its version is not this rule file's.
    WrongQuestionnaire { expected: String },
    /// A `linkId` that is not a question of this rule file.
    UnknownLinkId(String),
    /// A question nested where the questionnaire has it at the top, or anything nested
    /// under an answer.
    Misplaced(String),
    /// The same question in two items.
    RepeatedItem(String),
    /// More than one answer to one question.
    TwoAnswers(String),
    /// An answer with two or more `value[x]` keys.
    TwoValues(String),
    /// An answer with no `value[x]` (leave out `answer` for "not sure").
    NoValue(String),
    /// A `value[x]` of another type than the question's.
    WrongValueType {
        link_id: String,
        expected: &'static str,
    },
    /// A `valueCoding` with a `system`: the questionnaire's options have none.
    CodingSystem(String),
}

impl ResponseProblem {
    /// The linkId the problem is about, if it is about one.
    pub fn link_id(&self) -> Option<&str> {
        match self {
            ResponseProblem::UnknownLinkId(id)
            | ResponseProblem::Misplaced(id)
            | ResponseProblem::RepeatedItem(id)
            | ResponseProblem::TwoAnswers(id)
            | ResponseProblem::TwoValues(id)
            | ResponseProblem::NoValue(id)
            | ResponseProblem::CodingSystem(id)
            | ResponseProblem::WrongValueType { link_id: id, .. } => Some(id),
            _ => None,
        }
    }

    /// A stable, documented name for the kind of problem, for scripts.
    pub fn code(&self) -> &'static str {
        match self {
            ResponseProblem::NotAResponse { .. } => "fhir_not_a_response",
            ResponseProblem::UnknownElement(_) => "fhir_unknown_element",
            ResponseProblem::DuplicateElement(_) => "fhir_duplicate_element",
            ResponseProblem::MissingElement(_) => "fhir_missing_element",
            ResponseProblem::BadElement => "fhir_bad_element",
            ResponseProblem::ModifierExtension => "fhir_modifier_extension",
            ResponseProblem::BadStatus => "fhir_bad_status",
            ResponseProblem::EnteredInError => "fhir_entered_in_error",
            ResponseProblem::NoQuestionnaire { .. } => "fhir_no_questionnaire",
            ResponseProblem::WrongQuestionnaire { .. } => "fhir_wrong_questionnaire",
            ResponseProblem::UnknownLinkId(_) => "fhir_unknown_link_id",
            ResponseProblem::Misplaced(_) => "fhir_misplaced_item",
            ResponseProblem::RepeatedItem(_) => "fhir_repeated_item",
            ResponseProblem::TwoAnswers(_) => "fhir_two_answers",
            ResponseProblem::TwoValues(_) => "fhir_two_values",
            ResponseProblem::NoValue(_) => "fhir_no_value",
            ResponseProblem::WrongValueType { .. } => "fhir_wrong_value_type",
            ResponseProblem::CodingSystem(_) => "fhir_coding_system",
        }
    }
}

/// Whether a key or name written by someone else looks like an identifier (ASCII letters,
/// digits, `_` and `-`, 1 to 64 characters) and so may be repeated in a message. Anything
/// else may be health data typed into the wrong place (`HIV positive`).
pub fn is_identifier(text: &str) -> bool {
    (1..=64).contains(&text.len())
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// A key or name written by someone else, as it may be printed: itself when it looks like
/// an identifier, otherwise only its length (also used for the keys of JSON answers).
pub fn shown(text: &str) -> String {
    if is_identifier(text) {
        text.to_string()
    } else {
        format!("<{} characters, not shown>", text.chars().count())
    }
}

impl fmt::Display for ResponseProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ResponseProblem::NotAResponse {
                resource_type: Some(kind),
            } => write!(
                f,
                "a FHIR `{}` is not answers: send a QuestionnaireResponse",
                shown(kind)
            ),
            ResponseProblem::NotAResponse {
                resource_type: None,
            } => f.write_str("`resourceType` must be \"QuestionnaireResponse\""),
            ResponseProblem::UnknownElement(name) => write!(
                f,
                "QuestionnaireResponse element `{}` is unknown here",
                shown(name)
            ),
            ResponseProblem::DuplicateElement(name) => write!(
                f,
                "QuestionnaireResponse element `{}` is given twice",
                shown(name)
            ),
            ResponseProblem::MissingElement(name) => write!(
                f,
                "QuestionnaireResponse element `{}` is required",
                shown(name)
            ),
            ResponseProblem::BadElement => {
                f.write_str("a QuestionnaireResponse element has a value of the wrong type")
            }
            ResponseProblem::ModifierExtension => f.write_str(
                "the response has a `modifierExtension`: prescreen cannot tell what it changes",
            ),
            ResponseProblem::BadStatus => f.write_str(
                "`status` must be in-progress, completed, amended, stopped or entered-in-error",
            ),
            ResponseProblem::EnteredInError => {
                f.write_str("the response has status `entered-in-error`: it must not be used")
            }
            ResponseProblem::NoQuestionnaire { expected } => write!(
                f,
                "the response names no `questionnaire`; this rule file's is `{expected}`"
            ),
            ResponseProblem::WrongQuestionnaire { expected } => write!(
                f,
                "the response answers another questionnaire or version; this rule file's is `{expected}`"
            ),
            ResponseProblem::UnknownLinkId(id) => write!(f, "unknown linkId `{}`", shown(id)),
            ResponseProblem::Misplaced(id) => write!(
                f,
                "item `{}` is nested where the questionnaire has no such item",
                shown(id)
            ),
            ResponseProblem::RepeatedItem(id) => {
                write!(f, "item `{}` appears more than once", shown(id))
            }
            ResponseProblem::TwoAnswers(id) => {
                write!(f, "item `{}` has more than one answer", shown(id))
            }
            ResponseProblem::TwoValues(id) => {
                write!(f, "an answer to `{}` has more than one value[x]", shown(id))
            }
            ResponseProblem::NoValue(id) => write!(
                f,
                "an answer to `{}` has no value[x] (for \"not sure\", leave out `answer`)",
                shown(id)
            ),
            ResponseProblem::WrongValueType { link_id, expected } => {
                write!(f, "the answer to `{}` must be {expected}", shown(link_id))
            }
            ResponseProblem::CodingSystem(id) => write!(
                f,
                "the answer to `{}` must be a coding from its answerOption, without a `system`",
                shown(id)
            ),
        }
    }
}
