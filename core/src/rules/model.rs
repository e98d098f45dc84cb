//! The rule file exactly as a clinic writes it: plain serde data.
//!
//! Nothing here validates or evaluates; `compile` turns a [`RuleFile`] into a checked
//! [`RuleSet`](super::RuleSet). Every struct denies unknown fields, so a misspelt key
//! (`"outcom"`) is an error, never a silently ignored setting.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, de};

/// The only rule-file format this build understands.
pub const FORMAT: u32 = 1;

/// A whole rule file.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RuleFile {
    /// Format version of the file itself; this build reads format 1 ([`FORMAT`]).
    pub format: u32,
    /// The languages this file's texts are written in, its first language first
    /// (`["en", "es"]`). Optional: without it, every text is in English (`en`). A text
    /// given as a plain string is in the first language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub languages: Option<Vec<String>>,
    pub name: Text,
    pub version: String,
    pub procedure: Text,
    #[serde(default)]
    pub description: Text,
    /// The clinic that hands out the sheet: its name alone, or name, phone and what to do
    /// out of hours. Optional; what is absent is not shown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clinic: Option<Clinic>,
    /// Base URL of the clinic's FHIR resources (`https://clinic.example/fhir`): the
    /// Questionnaire is `<url>/Questionnaire/<id>`. Optional; when set, a
    /// QuestionnaireResponse must name exactly that Questionnaire.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Named values (windows, limits) that conditions refer to as `{"param": "id"}`.
    #[serde(default)]
    pub parameters: Vec<Parameter>,
    pub texts: Texts,
    #[serde(default)]
    pub audiences: Audiences,
    pub questions: Vec<Question>,
    pub rules: Vec<Rule>,
    pub aftercare: Aftercare,
    /// Documented exclusions this file deliberately leaves out or weakens, each with the
    /// reason in writing. Without an entry here, a missing or weakened exclusion makes
    /// the file invalid.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub waived: Vec<Waiver>,
}

/// The clinic as a rule file names it: `"Skin & Co"` (the older form, a name alone) or
/// `{"name": "Skin & Co", "phone": "...", "out_of_hours": "..."}`.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum Clinic {
    Name(String),
    Details(ClinicDetails),
}

impl Clinic {
    /// The clinic's details, whichever form the file used.
    pub fn details(&self) -> ClinicDetails {
        match self {
            Clinic::Name(name) => ClinicDetails {
                name: name.clone(),
                phone: None,
                out_of_hours: None,
            },
            Clinic::Details(details) => details.clone(),
        }
    }
}

// By hand rather than `untagged`: a misspelt key inside the object is then reported by
// name, with its line, instead of "did not match any variant".
impl<'de> Deserialize<'de> for Clinic {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ClinicVisitor;
        impl<'de> de::Visitor<'de> for ClinicVisitor {
            type Value = Clinic;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(
                    r#"the clinic's name, or {"name": ..., "phone": ..., "out_of_hours": ...}"#,
                )
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Clinic, E> {
                Ok(Clinic::Name(v.to_string()))
            }
            fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<Clinic, A::Error> {
                ClinicDetails::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(Clinic::Details)
            }
        }
        deserializer.deserialize_any(ClinicVisitor)
    }
}

/// How a person reaches the clinic, for the sheet.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ClinicDetails {
    pub name: String,
    /// The number people call, as they should dial it (`+44 20 7946 0000`, `(555)
    /// 010-0199`): digits, spaces, `-`, `.`, brackets and a leading `+`. Shown on the
    /// sheet (a `tel:` link in HTML); left out when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// What to do when the clinic is closed (`Out of hours, call 111 or go to A&E.`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub out_of_hours: Option<Text>,
}

/// One documented exclusion left out on purpose.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Waiver {
    /// The rule id of the documented exclusion (`pregnancy`, `eczema`, ...).
    pub exclusion: String,
    /// Why, in writing, for whoever reviews the file.
    pub reason: Text,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Parameter {
    pub id: String,
    pub value: i64,
    #[serde(default)]
    pub description: Text,
}

/// Texts the engine needs that belong to no single question or rule.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Texts {
    /// The message of an `unanswered` reason.
    pub unanswered: Text,
    /// The message of a `contradiction` reason: an answer was given to a question that
    /// another answer rules out. The reason names both answers.
    #[serde(default = "default_contradiction")]
    pub contradiction: Text,
    /// The message of a `screen_again` reason: the procedure is further ahead than the
    /// parameter `screening_valid_days` allows.
    #[serde(default = "default_screen_again")]
    pub screen_again: Text,
}

fn default_contradiction() -> Text {
    Text::Plain("These answers contradict each other: one was given to a question that the other rules out. A clinician needs to go over both with the person.".to_string())
}

fn default_screen_again() -> Text {
    Text::Plain("The procedure is too far ahead for this screening to hold: answers about the present, such as pregnancy or open wounds, can change by then. Screen again closer to the date.".to_string())
}

/// Wording for the two kinds of person who take the questionnaire.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Audiences {
    #[serde(default)]
    pub staff: Audience,
    #[serde(default, rename = "self")]
    pub patient: Audience,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Audience {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intro: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_steps: Option<NextSteps>,
}

/// What to do next, per verdict.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NextSteps {
    pub candidate: Text,
    pub review: Text,
    pub defer: Text,
    pub not_candidate: Text,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AnswerType {
    Boolean,
    Date,
    Datetime,
    Choice,
    Number,
}

/// Whether an answer decides candidacy or only tailors the aftercare checklist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Purpose {
    Screening,
    Aftercare,
}

/// The only default a question can have: the moment of screening (for a datetime).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Default {
    Now,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: AnswerType,
    pub purpose: Purpose,
    pub prompt: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<Text>,
    /// A short hint for front-desk staff (not shown to patients).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cue: Option<Text>,
    /// For `choice` questions: the allowed values, in the order they are offered.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<ChoiceOption>,
    /// For `number` questions: inclusive bounds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<Default>,
    /// The question is asked (and required) only when this holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ask_if: Option<Condition>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ChoiceOption {
    pub value: String,
    pub label: Text,
}

/// How serious a fired rule is, from mildest to strictest.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Review,
    Defer,
    NotCandidate,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    pub id: String,
    pub outcome: Outcome,
    pub when: Condition,
    pub reason: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rationale: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eligible_from: Option<EligibleFrom>,
}

/// `eligible_from` = a date answer plus a number of days.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EligibleFrom {
    pub answer: String,
    pub plus_days: Amount,
}

/// A condition over the answers. Externally tagged: `{"all": [...]}`, `{"is": {...}}`.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Condition {
    All(Vec<Condition>),
    Any(Vec<Condition>),
    Not(Box<Condition>),
    /// The answer equals `value` (boolean, choice value, number or `YYYY-MM-DD`).
    Is(Equals),
    /// Numeric comparisons on a `number` answer.
    Lt(Compare),
    Le(Compare),
    Gt(Compare),
    Ge(Compare),
    /// The date answer plus `days` is after the screening date: the date lies less than
    /// `days` days before it, or on or after it.
    WithinDays(Within),
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Equals {
    pub answer: String,
    pub value: serde_json::Value,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Compare {
    pub answer: String,
    pub value: f64,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Within {
    pub answer: String,
    pub days: Amount,
}

/// A whole number written out, or a reference to a named parameter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Amount {
    Literal(i64),
    Param { param: String },
}

impl JsonSchema for Amount {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Amount".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A whole number of days, or a reference to a named parameter.",
            "oneOf": [
                { "type": "integer" },
                {
                    "type": "object",
                    "properties": { "param": { "type": "string" } },
                    "required": ["param"],
                    "additionalProperties": false
                }
            ]
        })
    }
}

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct AmountVisitor;
        impl<'de> de::Visitor<'de> for AmountVisitor {
            type Value = Amount;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(r#"a whole number or {"param": "<parameter id>"}"#)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Amount, E> {
                Ok(Amount::Literal(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Amount, E> {
                i64::try_from(v)
                    .map(Amount::Literal)
                    .map_err(|_| E::custom("number too large"))
            }
            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Amount, A::Error> {
                let mut param = None;
                while let Some(key) = map.next_key::<String>()? {
                    if key != "param" {
                        return Err(de::Error::unknown_field(&key, &["param"]));
                    }
                    if param.is_some() {
                        return Err(de::Error::duplicate_field("param"));
                    }
                    param = Some(map.next_value::<String>()?);
                }
                param
                    .map(|param| Amount::Param { param })
                    .ok_or_else(|| de::Error::missing_field("param"))
            }
        }
        deserializer.deserialize_any(AmountVisitor)
    }
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Aftercare {
    /// The datetime question the checklist's clock times count from.
    pub starts_at: String,
    pub items: Vec<AftercareItem>,
    /// Calendar reminders (`--ics`), counted from the procedure time. Optional, so rule
    /// files written before reminders existed still load.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reminders: Vec<Reminder>,
}

/// The stretch of time an aftercare item belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Window {
    #[serde(rename = "first_24h")]
    First24h,
    #[serde(rename = "after_24h")]
    After24h,
}

/// What sort of advice an item is; used to group and mark it in handouts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    Avoid,
    #[default]
    Care,
    Expect,
    Warning,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AftercareItem {
    pub id: String,
    pub window: Window,
    #[serde(default)]
    pub kind: ItemKind,
    /// A restriction that lasts until the end of its window (it gets an `until` time).
    #[serde(default)]
    pub timed: bool,
    pub text: Text,
    /// Tailoring: the item appears only when this holds (or cannot be ruled out).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<Condition>,
    /// Plain words saying why a tailored item appears.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub because: Option<Text>,
}

/// A calendar reminder: an event at the procedure time plus `after_hours` or `after_days`
/// (exactly one of them).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Reminder {
    /// Part of the event's UID, so re-importing the same file updates the same events.
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after_hours: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after_days: Option<i64>,
    /// The event's title, as a phone shows it.
    pub summary: Text,
    #[serde(default)]
    pub description: Text,
}

// The language of a file that does not declare its languages: defined in `lang`, which
// this model uses for tags, so that `lang` never imports the model back.
pub use super::lang::DEFAULT_LANGUAGE;

impl RuleFile {
    /// The languages the file declares, its first language first; `["en"]` when it
    /// declares none (an empty list is reported by `compile`, and read as `["en"]` here).
    pub fn languages(&self) -> Vec<&str> {
        match self.languages.as_deref() {
            Some(list) if !list.is_empty() => list.iter().map(String::as_str).collect(),
            _ => vec![DEFAULT_LANGUAGE],
        }
    }

    /// The file's first language: what a plain-string text is written in, and what a
    /// text missing in another language falls back to.
    pub fn base(&self) -> &str {
        self.languages
            .as_deref()
            .and_then(<[String]>::first)
            .map_or(DEFAULT_LANGUAGE, String::as_str)
    }
}

/// A text a person reads: one string, in the file's first language, or one string per
/// language (`{"en": "Do you have eczema?", "es": "¿Tiene eczema?"}`).
///
/// Resolved to a plain string for one language when a rule set is compiled, so nothing
/// after loading ever sees this type.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Text {
    Plain(String),
    /// Language tag to text. At least one entry; keys are language tags.
    Translated(BTreeMap<String, String>),
}

impl std::default::Default for Text {
    fn default() -> Text {
        Text::Plain(String::new())
    }
}

impl From<&str> for Text {
    fn from(text: &str) -> Text {
        Text::Plain(text.to_string())
    }
}

impl Text {
    /// The text in `lang`, else in the file's first language `base`. A map that has
    /// neither (which `compile` refuses) gives its first entry, never a panic.
    pub fn get(&self, lang: &str, base: &str) -> &str {
        match self {
            Text::Plain(text) => text,
            Text::Translated(map) => map
                .get(lang)
                .or_else(|| map.get(base))
                .or_else(|| map.values().next())
                .map_or("", String::as_str),
        }
    }

    /// The text in exactly `lang`, with no fallback: a plain string is in `base`.
    pub fn exactly(&self, lang: &str, base: &str) -> Option<&str> {
        match self {
            Text::Plain(text) => (lang == base).then_some(text.as_str()),
            Text::Translated(map) => map.get(lang).map(String::as_str),
        }
    }

    /// Every `(language, text)` the file gives, a plain string under `base`.
    pub fn entries<'t>(&'t self, base: &'t str) -> Vec<(&'t str, &'t str)> {
        match self {
            Text::Plain(text) => vec![(base, text.as_str())],
            Text::Translated(map) => map.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect(),
        }
    }
}

impl JsonSchema for Text {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Text".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A text a person reads: a string in the file's first language, or an object from language tag to text ({\"en\": \"...\", \"es\": \"...\"}).",
            "oneOf": [
                { "type": "string" },
                {
                    "type": "object",
                    "propertyNames": { "pattern": super::lang::TAG_PATTERN },
                    "additionalProperties": { "type": "string" },
                    "minProperties": 1
                }
            ]
        })
    }
}

// By hand rather than `untagged`: a bad value is then reported with its line and the
// language it was given for, instead of "did not match any variant of untagged enum".
impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;
        impl<'de> de::Visitor<'de> for TextVisitor {
            type Value = Text;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(r#"a text, or one text per language ({"en": "...", "es": "..."})"#)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text::Plain(v.to_string()))
            }
            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Text, A::Error> {
                let mut texts = BTreeMap::new();
                while let Some(lang) = map.next_key::<String>()? {
                    if !super::lang::is_tag(&lang) {
                        return Err(de::Error::custom(format!(
                            "`{lang}` is not a language tag (like \"en\", \"es\" or \"es-MX\")"
                        )));
                    }
                    let text = map.next_value::<serde_json::Value>()?;
                    let serde_json::Value::String(text) = text else {
                        return Err(de::Error::custom(format!(
                            "the `{lang}` text must be a string"
                        )));
                    };
                    if texts.insert(lang.clone(), text).is_some() {
                        return Err(de::Error::custom(format!(
                            "the `{lang}` text is given twice"
                        )));
                    }
                }
                if texts.is_empty() {
                    return Err(de::Error::custom(
                        r#"a text needs at least one language ({"en": "..."})"#,
                    ));
                }
                Ok(Text::Translated(texts))
            }
        }
        deserializer.deserialize_any(TextVisitor)
    }
}
