//! JSON Schemas (draft 2020-12) of every JSON document `prescreen` writes, generated from
//! the wire types themselves so that they cannot drift from what is written. Copies are
//! committed in `rules/` (a test fails when one is stale); `prescreen rules schema
//! --output NAME` prints each.
//!
//! Pure: no I/O.

use clap::ValueEnum;
use serde_json::{Value, json};

use crate::batch::summary::SummaryDoc;
use crate::batch::wire::BatchLine;
use crate::listing::print::ListingDoc;
use crate::render::error::ErrorDoc;
use crate::render::json::{AftercareDoc, RecordDoc, ScreenDoc};

/// The JSON outputs that have a schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Output {
    /// `screen --format json` (also `aftercare` when there is no checklist).
    Result,
    /// `aftercare --format json` with a checklist.
    Aftercare,
    /// A line of a `--record` file.
    Record,
    /// A line of `batch` output: a result or an error.
    BatchLine,
    /// `batch --summary --format json`, `--summary-file FILE.json`.
    BatchSummary,
    /// `{"error": ...}`: what `--format json` prints when a command fails.
    Error,
    /// `records --format json`: the screenings listed from a record file.
    Records,
}

impl Output {
    pub const ALL: [Output; 7] = [
        Output::Result,
        Output::Aftercare,
        Output::Record,
        Output::BatchLine,
        Output::BatchSummary,
        Output::Error,
        Output::Records,
    ];

    /// The name of the schema file in `rules/` is `<name>.schema.json`.
    pub fn name(self) -> &'static str {
        match self {
            Output::Result => "result",
            Output::Aftercare => "aftercare",
            Output::Record => "record",
            Output::BatchLine => "batch-line",
            Output::BatchSummary => "batch-summary",
            Output::Error => "error",
            Output::Records => "records",
        }
    }

    fn title_and_description(self) -> (&'static str, &'static str) {
        match self {
            Output::Result => (
                "prescreen result",
                "A screening result: `screen --format json`, and `aftercare --format json` when there is no checklist. `id` is there only when the answers gave one; `checked` only with --explain.",
            ),
            Output::Aftercare => (
                "prescreen aftercare checklist",
                "`aftercare --format json` for a candidate, or for another verdict with a clinician's go-ahead (`go_ahead_by`).",
            ),
            Output::Record => (
                "prescreen record line",
                "One line of a `--record` file: who screened, when, with which rules, the answers and what was decided. Health data.",
            ),
            Output::BatchLine => (
                "prescreen batch line",
                "One line of `batch` output: a result (`line` and the result's fields; `aftercare` only with --aftercare) or an error (`line`, `id` when it can be told, and `error`).",
            ),
            Output::BatchSummary => (
                "prescreen batch summary",
                "`batch --summary --format json` (one line on stderr) or `--summary-file FILE.json`.",
            ),
            Output::Records => (
                "prescreen records listing",
                "`records FILE --format json`: the screenings listed from a record file, one per line, in file order; then the count of each verdict listed and the number of lines skipped (each named on stderr). Health data.",
            ),
            Output::Error => (
                "prescreen error",
                "What `screen` and `aftercare` print on stdout with --format json when they fail (the exit status is unchanged); `batch` error lines carry the same `error` object.",
            ),
        }
    }

    /// The schema, with its title and description.
    pub fn schema(self) -> Value {
        // What is written (a field skipped when empty is optional), not what would be read.
        let generator = || {
            schemars::generate::SchemaSettings::draft2020_12()
                .for_serialize()
                .into_generator()
        };
        let schema = match self {
            Output::Result => generator().into_root_schema_for::<ScreenDoc>(),
            Output::Aftercare => generator().into_root_schema_for::<AftercareDoc>(),
            Output::Record => generator().into_root_schema_for::<RecordDoc>(),
            Output::BatchLine => generator().into_root_schema_for::<BatchLine>(),
            Output::BatchSummary => generator().into_root_schema_for::<SummaryDoc>(),
            Output::Error => generator().into_root_schema_for::<ErrorDoc>(),
            Output::Records => generator().into_root_schema_for::<ListingDoc>(),
        };
        let mut value = schema.to_value();
        let (title, description) = self.title_and_description();
        if let Some(object) = value.as_object_mut() {
            object.insert("title".into(), json!(title));
            object.insert("description".into(), json!(description));
        }
        value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_output_schema_is_draft_2020_12_with_a_title() {
        for output in Output::ALL {
            let schema = output.schema();
            assert_eq!(
                schema["$schema"],
                crate::rules::schema::DIALECT,
                "{}",
                output.name()
            );
            assert!(schema["title"].is_string(), "{}", output.name());
        }
    }
}
