//! A known answer's value: what conditions compare with and answers hold. Below
//! `condition`, `rules` and `answers`, which all need it; depends on nothing of ours.

use chrono::{DateTime, FixedOffset, NaiveDate};

/// A known answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Bool(bool),
    Date(NaiveDate),
    DateTime(DateTime<FixedOffset>),
    /// Index into the question's options.
    Choice(usize),
    Number(f64),
}
