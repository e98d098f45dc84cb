//! `prescreen`: a fail-safe microneedling candidacy screen with a tailored 24-hour
//! aftercare checklist, driven by a JSON rule file.
//!
//! The core (`rules`, `answers`, `condition`, `screen`, `aftercare`, `record`,
//! `questionnaire`, and `listing` but for `listing::read`) is pure: no terminal, files,
//! environment or clock. `app`, `ask`, `batch`, `files`, `print`, `records`,
//! `listing::read`, `sys` and `render` sit at the edge.

// A panic is never an answer to bad input: outside tests, every failure is a value.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub mod aftercare;
pub mod answers;
mod app;
pub mod ask;
pub mod batch;
pub mod bookings;
pub mod cli;
pub mod condition;
pub mod desk;
pub mod error;
pub mod fhir;
pub mod files;
pub mod generate;
pub mod inspect;
pub mod limits;
pub mod listing;
pub mod print;
pub mod questionnaire;
pub mod record;
pub mod records;
pub mod render;
pub mod rules;
pub mod screen;
mod sys;

#[cfg(test)]
mod testing;

pub use app::{load_rules, run, use_color, verdict_code};
pub use error::{Error, Result};
