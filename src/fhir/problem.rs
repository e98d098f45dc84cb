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
}

/// A key or name as typed by someone else, made safe to print on one line: escaped, at
/// most 64 characters (also used for the keys of JSON answers).
pub fn shown(text: &str) -> String {
    let mut out: String = text.chars().take(64).flat_map(char::escape_debug).collect();
    if text.chars().count() > 64 {
        out.push('…');
    }
    out
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
