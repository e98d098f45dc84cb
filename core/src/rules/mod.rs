//! Rule files: the serde model ([`model`]), and [`RuleSet`], the validated and compiled
//! form that screening runs on.
//!
//! Pure: takes bytes, never opens files. A rule file is checked whole before anything
//! runs, and every problem is reported at once with where it is.
//!
//! This module holds the compiled types, which `answers` and `screen` build on; loading
//! ([`RuleSet::from_bytes`], in [`load`]) compiles, lints and proves a file, and so sits
//! above them with [`compile`], [`lint`] and [`safety`]: no module imports one that
//! imports it back.

pub mod compile;
pub mod describe;
pub mod domain;
mod graph;
pub mod key;
pub mod lang;
pub mod lint;
pub mod load;
pub mod model;
mod path;
pub mod phone;
pub mod safety;
pub mod schema;
pub mod texts;
pub mod visible;

use std::fmt;

use chrono::TimeDelta;
use sha2::{Digest, Sha256};

pub use model::{AnswerType, ItemKind, Outcome, Purpose, Text, Window};

use crate::condition::Cond;
use crate::limits::Limit;
use key::QuotedKey;

/// The default rule file, embedded so that `prescreen` works from any folder.
pub const DEFAULT_RULES: &[u8] = include_bytes!("../../../rules/microneedling.json");

/// The parameter that says how many days ahead of the procedure a screening holds.
pub const SCREENING_VALID_DAYS: &str = "screening_valid_days";

/// Its value when a rule file does not set it.
pub const DEFAULT_SCREENING_VALID_DAYS: u64 = 30;

/// What the embedded default calls itself in messages.
pub const DEFAULT_ORIGIN: &str = "rules/microneedling.json (built in)";

/// One thing wrong with a rule file: where (`questions.pregnant.ask_if`) and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

/// Why a rule file could not be loaded.
#[derive(Debug)]
pub enum RulesError {
    /// Not JSON, or JSON that does not fit the format (line and column from the parser).
    Malformed(serde_json::Error),
    /// Well-formed, but inconsistent or unsafe.
    Invalid(Vec<Problem>),
    /// Refused before parsing: too large, not UTF-8 or nested too deep.
    Refused(Limit),
    /// `--lang` asked for a language the file does not have.
    Unavailable(lang::Unavailable),
}

impl RulesError {
    /// Every problem as `path: message` lines, the form `rules lint` and a refused load
    /// both print. A document-level problem (not JSON, too large) has an empty path.
    pub fn problems(&self) -> Vec<Problem> {
        let whole = |message: String| {
            vec![Problem {
                path: String::new(),
                message,
            }]
        };
        match self {
            RulesError::Malformed(e) => whole(e.to_string()),
            RulesError::Invalid(problems) => problems.clone(),
            RulesError::Refused(limit) => whole(limit.to_string()),
            RulesError::Unavailable(u) => whole(format!(
                "the rule file has no `{}` texts (it has {})",
                u.wanted,
                u.available.join(", ")
            )),
        }
    }
}

/// A validated rule file, ready to screen with.
#[derive(Debug, Clone)]
pub struct RuleSet {
    /// The file's name in its first language, whatever language the texts are in: it
    /// names the rules in JSON and records and makes the FHIR Questionnaire's id and
    /// URL, which must not change with the reader's language.
    pub name: String,
    /// The name as people read it, in this set's language.
    pub title: String,
    pub version: String,
    pub procedure: String,
    pub description: String,
    /// The clinic's name, phone and out-of-hours guidance, when the file gives them.
    pub clinic: Option<ClinicDef>,
    /// Lower-case hex SHA-256 of the exact bytes loaded, so a result names its rules.
    pub sha256: String,
    /// The language every text below is in: one of the file's languages.
    pub lang: String,
    /// The file's languages, its first language first (`["en"]` when it declares none).
    pub languages: Vec<String>,
    pub texts: Texts,
    pub audiences: Audiences,
    /// How many days after the screening date the procedure may be and the screening
    /// still hold (parameter `screening_valid_days`): present-state answers can change.
    pub screening_valid_days: u64,
    pub questions: Vec<QuestionDef>,
    /// Finds a question by id without comparing against every one.
    pub(crate) lookup: QuestionIndex,
    pub rules: Vec<RuleDef>,
    pub aftercare: AftercareDef,
    /// The file as written, for listings and schemas.
    pub file: model::RuleFile,
    /// What the safety check proved for each documented exclusion that is not waived
    /// (empty for a set compiled without the check, which only tests do).
    pub proofs: Vec<Proved>,
}

/// What was proved for one documented exclusion that is not waived.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proved {
    pub exclusion: &'static str,
    /// How many answer combinations (with the trigger given) were tried.
    pub combinations: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    Boolean,
    Date,
    DateTime,
    Choice(Vec<ChoiceOption>),
    Number { min: Option<f64>, max: Option<f64> },
}

impl Kind {
    /// What an answer of this kind looks like, for messages.
    pub fn expected(&self) -> &'static str {
        match self {
            Kind::Boolean => "true, false or null",
            Kind::Date => "a date as \"YYYY-MM-DD\" or null",
            Kind::DateTime => "a date and time as \"YYYY-MM-DDTHH:MM:SS+HH:MM\" or null",
            Kind::Choice(_) => "one of the listed options as a string, or null",
            Kind::Number { .. } => "a number or null",
        }
    }
}

/// One option of a choice question: its value (what answers carry) and its label.
#[derive(Debug, Clone, PartialEq)]
pub struct ChoiceOption {
    pub value: String,
    pub label: String,
}

/// The clinic's name, phone and out-of-hours guidance, as a sheet shows them.
#[derive(Debug, Clone, PartialEq)]
pub struct ClinicDef {
    pub name: String,
    pub phone: Option<String>,
    pub out_of_hours: Option<String>,
}

/// Texts the engine needs that belong to no single question or rule.
#[derive(Debug, Clone)]
pub struct Texts {
    /// The message of an `unanswered` reason.
    pub unanswered: String,
    /// The message of a `contradiction` reason.
    pub contradiction: String,
    /// The message of a `screen_again` reason.
    pub screen_again: String,
}

/// Wording for the two kinds of person who take the questionnaire.
#[derive(Debug, Clone, Default)]
pub struct Audiences {
    pub staff: Audience,
    pub patient: Audience,
}

#[derive(Debug, Clone, Default)]
pub struct Audience {
    pub intro: Option<String>,
    pub next_steps: Option<NextSteps>,
}

/// What to do next, per verdict.
#[derive(Debug, Clone)]
pub struct NextSteps {
    pub candidate: String,
    pub review: String,
    pub defer: String,
    pub not_candidate: String,
}

#[derive(Debug, Clone)]
pub struct QuestionDef {
    pub id: String,
    pub kind: Kind,
    pub purpose: Purpose,
    pub prompt: String,
    pub help: Option<String>,
    pub cue: Option<String>,
    pub default_now: bool,
    pub ask_if: Option<Cond>,
}

#[derive(Debug, Clone)]
pub struct RuleDef {
    pub id: String,
    pub outcome: Outcome,
    pub when: Cond,
    pub reason: String,
    pub rationale: Option<String>,
    /// `(date question, days)`: the date the person may be screened again.
    pub eligible_from: Option<(usize, u64)>,
    /// The questions `when` reads, in order: what an explanation shows.
    pub inputs: Vec<usize>,
}

#[derive(Debug, Clone)]
pub struct AftercareDef {
    /// The datetime question the checklist counts from.
    pub starts_at: usize,
    pub items: Vec<ItemDef>,
    /// Calendar reminders, in rule-file order.
    pub reminders: Vec<ReminderDef>,
}

/// A calendar reminder at the procedure time plus `after`.
#[derive(Debug, Clone)]
pub struct ReminderDef {
    pub id: String,
    /// Always positive.
    pub after: TimeDelta,
    pub summary: String,
    pub description: String,
}

#[derive(Debug, Clone)]
pub struct ItemDef {
    pub id: String,
    pub window: Window,
    pub kind: ItemKind,
    pub timed: bool,
    pub text: String,
    pub when: Option<Cond>,
    pub because: Option<String>,
    pub inputs: Vec<usize>,
}

impl RuleSet {
    /// The program's own words in this set's language (prompts, headings, dates).
    pub fn words(&self) -> &'static crate::i18n::Words {
        crate::i18n::words(&self.lang)
    }

    /// A text of the file as written ([`RuleSet::file`]) in this set's language, or in
    /// the file's first language where it has no translation.
    pub fn text<'t>(&self, text: &'t Text) -> &'t str {
        text.get(&self.lang, self.file.base())
    }

    /// The index of the question with this id: a hash lookup, since every key of every
    /// answers document comes through here.
    pub fn question_index(&self, id: &str) -> Option<usize> {
        self.lookup
            .find(&self.questions, id)
            // Only an unknown key gets here: the index is a shortcut, never the authority.
            .or_else(|| self.questions.iter().position(|q| q.id == id))
    }

    /// The id of question `q` as a document writes it as a key, to be matched against
    /// raw document bytes: for every id that needs no escaping in JSON (ids are
    /// identifiers) and is at most 30 bytes long; `None` otherwise.
    pub(crate) fn quoted_key(&self, q: usize) -> Option<&QuotedKey> {
        self.lookup.keys.get(q)?.as_ref()
    }
}

/// Question ids in an open-addressing hash table (slots hold `index + 1`; 0 is empty),
/// built when a rule set is compiled. A hit is checked against the question's own id,
/// so a lookup can be slow but never wrong.
#[derive(Debug, Clone, Default)]
pub(crate) struct QuestionIndex {
    slots: Vec<u32>,
    /// Per question: its id as a quoted key, when it can be held as one.
    keys: Vec<Option<QuotedKey>>,
}

impl QuestionIndex {
    pub(crate) fn new(questions: &[QuestionDef]) -> QuestionIndex {
        let size = (questions.len() * 4).next_power_of_two().max(16);
        let mut slots = vec![0u32; size];
        for (q, question) in questions.iter().enumerate() {
            let Ok(value) = u32::try_from(q + 1) else {
                return QuestionIndex::default();
            };
            let mut i = key_hash(question.id.as_bytes()) & (size - 1);
            while slots[i] != 0 {
                i = (i + 1) & (size - 1);
            }
            slots[i] = value;
        }
        let keys = questions.iter().map(|q| QuotedKey::new(&q.id)).collect();
        QuestionIndex { slots, keys }
    }

    fn find(&self, questions: &[QuestionDef], id: &str) -> Option<usize> {
        let mask = self.slots.len().checked_sub(1)?;
        let mut i = key_hash(id.as_bytes()) & mask;
        loop {
            let q = usize::try_from(*self.slots.get(i)?).ok()?.checked_sub(1)?;
            if questions.get(q).is_some_and(|question| question.id == id) {
                return Some(q);
            }
            i = (i + 1) & mask;
        }
    }
}

/// A cheap hash of a short key: its length and its first and last eight bytes.
fn key_hash(key: &[u8]) -> usize {
    let head = match key.first_chunk::<8>() {
        Some(word) => u64::from_le_bytes(*word),
        None => key
            .iter()
            .rev()
            .fold(0, |word, &b| word << 8 | u64::from(b)),
    };
    let tail = key
        .last_chunk::<8>()
        .map_or(0, |word| u64::from_le_bytes(*word));
    let mixed =
        (head ^ tail.rotate_left(29) ^ key.len() as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (mixed >> 32) as usize
}

/// Lower-case hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    let digest = Sha256::digest(bytes);
    let mut hex = String::with_capacity(64);
    for byte in digest.iter() {
        // Writing to a String cannot fail.
        let _ = write!(hex, "{byte:02x}");
    }
    hex
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::limits;

    #[test]
    fn the_question_index_finds_what_a_search_finds() {
        let mut rules = RuleSet::default_rules().unwrap();
        for (q, question) in rules.questions.iter().enumerate() {
            assert_eq!(
                rules.question_index(&question.id),
                Some(q),
                "{}",
                question.id
            );
            assert_eq!(rules.lookup.find(&rules.questions, &question.id), Some(q));
        }
        for unknown in [
            "",
            "id",
            "pregnan",
            "pregnantt",
            "Pregnant",
            "x",
            "other_skin_diseas",
        ] {
            assert_eq!(rules.question_index(unknown), None, "{unknown}");
        }
        // Many ids sharing their first and last eight bytes and their length collide.
        let many: Vec<QuestionDef> = (0..200)
            .map(|i| QuestionDef {
                id: format!("question_{:03}_of_many_answers_", i),
                ..rules.questions[0].clone()
            })
            .collect();
        let index = QuestionIndex::new(&many);
        for (q, question) in many.iter().enumerate() {
            assert_eq!(index.find(&many, &question.id), Some(q));
        }
        assert_eq!(index.find(&many, "question_200_of_many_answers_"), None);
        for (q, question) in rules.questions.iter().enumerate() {
            assert_eq!(rules.quoted_key(q), QuotedKey::new(&question.id).as_ref());
            assert!(rules.quoted_key(q).is_some(), "{}", question.id);
        }
        let odd: Vec<QuestionDef> = ["a\"b", "a\\b", "a\u{1}b", "ab"]
            .iter()
            .map(|id| QuestionDef {
                id: id.to_string(),
                ..rules.questions[0].clone()
            })
            .collect();
        let held: Vec<bool> = QuestionIndex::new(&odd)
            .keys
            .iter()
            .map(Option::is_some)
            .collect();
        assert_eq!(held, [false, false, false, true]);
        // A question added after compiling is still found, the slow way.
        rules.questions.push(QuestionDef {
            id: "added_later".into(),
            ..rules.questions[0].clone()
        });
        assert_eq!(
            rules.question_index("added_later"),
            Some(rules.questions.len() - 1)
        );
    }

    #[test]
    fn sha256_matches_a_known_vector() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn default_rules_load_with_the_documented_ids() {
        let rules = RuleSet::default_rules().unwrap();
        let questions: Vec<&str> = rules.questions.iter().map(|q| q.id.as_str()).collect();
        assert_eq!(
            questions,
            [
                "pregnant",
                "eczema",
                "psoriasis",
                "other_skin_disease",
                "open_wounds",
                "scarring_history",
                "radiation_therapy",
                "radiation_end_date",
                "procedure_time",
                "treatment_area",
                "wears_makeup",
                "outdoors_next_24h",
                "uses_alcohol_based_products",
            ]
        );
        let outcomes: Vec<(&str, Outcome)> = rules
            .rules
            .iter()
            .map(|r| (r.id.as_str(), r.outcome))
            .collect();
        assert_eq!(
            outcomes,
            [
                ("pregnancy", Outcome::Defer),
                ("eczema", Outcome::NotCandidate),
                ("psoriasis", Outcome::NotCandidate),
                ("scarring_history", Outcome::NotCandidate),
                ("open_wounds", Outcome::Defer),
                ("recent_radiation", Outcome::Defer),
                ("other_skin_disease", Outcome::Review),
            ]
        );
        let radiation = rules
            .rules
            .iter()
            .find(|r| r.id == "recent_radiation")
            .unwrap();
        let end = rules.question_index("radiation_end_date").unwrap();
        assert_eq!(radiation.eligible_from, Some((end, 365)));
        assert_eq!(rules.sha256, sha256_hex(DEFAULT_RULES));
    }

    #[test]
    fn default_reminders_count_from_the_procedure() {
        let rules = RuleSet::default_rules().unwrap();
        let reminders: Vec<(&str, TimeDelta)> = rules
            .aftercare
            .reminders
            .iter()
            .map(|r| (r.id.as_str(), r.after))
            .collect();
        assert_eq!(
            reminders,
            [
                ("restrictions_end", TimeDelta::hours(24)),
                ("results_check", TimeDelta::days(14)),
                ("next_session", TimeDelta::days(28)),
            ]
        );
    }

    #[test]
    fn a_rule_file_without_reminders_still_loads() {
        let mut doc: serde_json::Value = serde_json::from_slice(DEFAULT_RULES).unwrap();
        doc["aftercare"]
            .as_object_mut()
            .unwrap()
            .remove("reminders");
        let rules = RuleSet::from_bytes(doc.to_string().as_bytes()).unwrap();
        assert!(rules.aftercare.reminders.is_empty());
    }

    #[test]
    fn malformed_json_reports_line_and_column() {
        let Err(RulesError::Malformed(e)) = RuleSet::from_bytes(b"{\n  \"format\": 1,\n  oops")
        else {
            panic!("expected a parse error");
        };
        assert_eq!((e.line(), e.column()), (3, 3));
    }

    #[test]
    fn hostile_documents_are_refused_before_parsing() {
        let deep = format!("{}{}", "[".repeat(100), "]".repeat(100));
        let mut big = DEFAULT_RULES.to_vec();
        big.resize(limits::MAX_BYTES + 1, b' ');
        let cases: [(&str, &[u8], Limit); 3] = [
            (
                "too deep",
                deep.as_bytes(),
                Limit::TooDeep {
                    limit: limits::MAX_DEPTH,
                },
            ),
            (
                "too large",
                &big,
                Limit::TooLarge {
                    limit: limits::MAX_BYTES,
                },
            ),
            ("not utf-8", b"{\"name\": \"\xff\"}", Limit::NotUtf8),
        ];
        for (name, bytes, expected) in cases {
            let Err(RulesError::Refused(limit)) = RuleSet::from_bytes(bytes) else {
                panic!("{name}: expected a refusal");
            };
            assert_eq!(limit, expected, "{name}");
        }
    }
}
