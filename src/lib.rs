//! `prescreen`: a fail-safe microneedling candidacy screen with a tailored 24-hour
//! aftercare checklist, driven by a JSON rule file.
//!
//! The core (`rules`, `answers`, `condition`, `screen`, `aftercare`) is pure: no
//! terminal, files, environment or clock. `app` and `render` sit at the edge.

pub mod aftercare;
pub mod answers;
mod app;
pub mod cli;
pub mod condition;
pub mod error;
pub mod files;
pub mod inspect;
pub mod limits;
pub mod render;
pub mod rules;
pub mod screen;

#[cfg(test)]
mod testing;

pub use app::{load_rules, run, use_color, verdict_code};
pub use error::{Error, Result};
