//! The JSON result lines of `batch`: their own wire types, so internal refactors cannot
//! change them by accident. A screened line is `screen`'s document with `line` in
//! front; a rejected one says only where it is, its `id` when it can be told, and what
//! is wrong as the error object of `--format json` (a key, never an answer).

use schemars::JsonSchema;
use serde::Serialize;

use crate::answers::RecordId;
use crate::render::error::ErrorBody;
use crate::render::json::ScreenDoc;

#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct ResultDoc<'a> {
    /// The 1-based input line.
    pub line: u64,
    #[serde(flatten)]
    pub result: ScreenDoc<'a>,
}

#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct ErrorDoc<'a> {
    pub line: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<&'a RecordId>,
    /// The same object `--format json` prints for an error, `line` being the input line.
    pub error: ErrorBody,
}

/// One line of `batch` output: a result, or an error (for the schema; each is written
/// as its own type).
#[derive(JsonSchema)]
#[schemars(title = "prescreen batch line")]
#[allow(dead_code)] // only its schema is used
#[serde(untagged)]
pub enum BatchLine<'a> {
    Result(ResultDoc<'a>),
    Error(ErrorDoc<'a>),
}
