//! The program's own words in each language it speaks (prompts, choices, headings,
//! verdict words, dates), read from one message catalogue per language,
//! `core/i18n/<lang>.ftl`, embedded in the binary.
//!
//! Pure: the language is chosen by the caller (the rule set's `lang`), never read here.
//!
//! The catalogues are written in a subset of Fluent (`key = text`, `# comments`, and
//! `{ $name }` placeables), read by the small reader below rather than by
//! `fluent-bundle`: our messages need nothing but placeables, the tables are shared by
//! every thread (batch) and by the wasm page as plain `&'static str`, and English stays
//! byte-identical (no bidi isolation marks around placeables). The files stay valid
//! Fluent, so moving to `fluent-bundle` later changes this module only.

mod catalogue;
mod dates;

pub use catalogue::{BASE, BadLine, SOURCES, Words, parse, placeables, words};
pub use dates::{clock, long_date, long_time};
