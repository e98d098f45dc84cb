//! Who is answering the questionnaire: an argument (`--for`) that the questionnaire
//! (`ask`) also needs. Its own module so that `ask` does not import `cli`, which imports
//! `ask` to check initials given on the command line.

use clap::ValueEnum;

/// Who is answering the questionnaire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Audience {
    /// Front-desk staff screening a walk-in (shows desk cues; can record).
    Staff,
    /// A person checking themselves at home (plain pre-check wording, next steps).
    #[value(name = "self")]
    Patient,
}
