//! `prescreen-core`: the pure core of prescreen. The rule model with its lint and
//! safety proof, conditions, answers, screening, aftercare, the questionnaire's flow,
//! FHIR read and written as values, and the renderers that only build text.
//!
//! Knows nothing of terminals, files, the environment, processes or the clock: today's
//! date and the procedure time are arguments. It builds for `wasm32-unknown-unknown`,
//! which is how the self-check page runs the very same screening.

// A panic is never an answer to bad input: outside tests, every failure is a value.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub mod aftercare;
pub mod answers;
pub mod condition;
pub mod facts;
pub mod fhir;
pub mod flags;
pub mod i18n;
pub mod limits;
pub mod questionnaire;
pub mod record;
pub mod render;
pub mod rules;
pub mod screen;
pub mod value;

#[cfg(any(test, feature = "testing"))]
#[allow(clippy::unwrap_used, clippy::expect_used)]
pub mod testing;
