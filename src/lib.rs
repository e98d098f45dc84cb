//! `prescreen`: a fail-safe microneedling candidacy screen with a tailored 24-hour
//! aftercare checklist, driven by a JSON rule file.
//!
//! The pure core (`rules`, `answers`, `condition`, `screen`, `aftercare`, `record`,
//! `questionnaire`, `fhir`, `limits` and the renderers that only build text) is the
//! `prescreen-core` crate (core/), re-exported here under the same names. `listing` but
//! for `listing::read` is pure too. `app`, `ask`, `batch`, `files`, `print`, `records`,
//! `listing::read`, `sys` and `render::text` sit at the edge.

// A panic is never an answer to bad input: outside tests, every failure is a value.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

mod app;
pub mod ask;
pub mod audience;
pub mod batch;
pub mod bookings;
pub mod cli;
pub mod color;
pub mod desk;
pub mod error;
pub mod files;
pub mod generate;
pub mod inspect;
pub mod listing;
pub mod page;
pub mod print;
pub mod records;
mod sys;

pub use prescreen_core::{
    aftercare, answers, condition, facts, fhir, i18n, limits, questionnaire, record, rules, screen,
    value,
};

/// The renderers: the core's, which only build text, and the CLI's own: the text
/// renderer (colour), error documents and the list of output schemas.
pub mod render {
    pub use prescreen_core::render::*;
    pub mod error;
    pub mod schema;
    pub mod text;
}

pub use app::{load_rules, run, verdict_code};
pub use color::use_color;
pub use error::{Error, Result};

/// The core's test builders, and a scripted prompter for the questionnaire.
#[cfg(test)]
mod testing {
    pub use prescreen_core::testing::*;
    mod scripted;
    pub use scripted::*;
}
