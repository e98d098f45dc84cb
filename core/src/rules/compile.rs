//! Turns a [`RuleFile`] into a [`RuleSet`]: resolves question ids and parameters,
//! type-checks conditions, and collects every problem with its path.

use std::collections::HashSet;

use super::model::{self, Amount, AnswerType, Condition, RuleFile, Text};
use chrono::TimeDelta;

use super::{
    AftercareDef, Audience, Audiences, ChoiceOption, ClinicDef, ItemDef, Kind, NextSteps, Problem,
    QuestionDef, ReminderDef, RuleDef, RuleSet, Texts, graph, safety, texts, visible,
};
// Item paths are named the same way by `safety` and `lint`, which compile calls or
// is called by: they live in `path`, below all three.
use super::path::is_identifier;
pub(crate) use super::path::item_path;
use crate::answers::{self, Value};
use crate::condition::{CmpOp, Cond};

/// The key in an answers document that carries the caller's record id.
pub const RESERVED_KEY: &str = "id";

/// The rule id of the reason added for an unanswered question.
pub const UNANSWERED: &str = "unanswered";

/// What a required text with nothing visible in it is told (`{}`: which text).
const INVISIBLE: &str = "the {} is empty: it has no visible letters";

/// Longest window a day count may express (about a century).
pub const MAX_DAYS: i64 = 36_600;

/// Validates and compiles a parsed rule file; `sha256` is the hash of its bytes. The
/// safety check ([`safety`]) runs last: a file that could let a documented exclusion
/// through is refused with a counter-example.
pub fn compile(file: RuleFile, sha256: String) -> Result<RuleSet, Vec<Problem>> {
    let base = file.base().to_string();
    compile_checked(file, sha256, &base, true)
}

/// [`compile`] with every text in `lang`, one of the file's languages (a text without
/// it falls back to the file's first language). What is checked does not depend on
/// `lang`: every language of every text is.
pub fn compile_in(file: RuleFile, sha256: String, lang: &str) -> Result<RuleSet, Vec<Problem>> {
    compile_checked(file, sha256, lang, true)
}

/// Compiles without the safety check, so tests can screen a refused file and show
/// that its counter-example really gives the weaker result. Never for real use.
#[cfg(test)]
pub(crate) fn compile_unchecked(file: RuleFile, sha256: String) -> Result<RuleSet, Vec<Problem>> {
    let base = file.base().to_string();
    compile_checked(file, sha256, &base, false)
}

fn compile_checked(
    file: RuleFile,
    sha256: String,
    lang: &str,
    safe: bool,
) -> Result<RuleSet, Vec<Problem>> {
    let mut c = Compiler {
        problems: texts::errors(&file),
        file: &file,
        lang,
        questions: Vec::new(),
        cycle_of: Vec::new(),
    };
    if file.format != model::FORMAT {
        c.problem(
            "format",
            format!(
                "format {} is not supported (expected {})",
                file.format,
                model::FORMAT
            ),
        );
    }
    if let Some(Err(message)) = file.url.as_deref().map(crate::fhir::canonical::check_base) {
        c.problem("url", message);
    }
    if let Some(Err(message)) = file
        .clinic
        .as_ref()
        .and_then(|c| c.details().phone)
        .map(|phone| super::phone::check(&phone))
    {
        c.problem("clinic.phone", message);
    }
    c.check_parameters();
    c.find_cycles();
    c.compile_questions();
    let rules = c.compile_rules();
    let aftercare = c.compile_aftercare();
    c.check_texts();
    let declared = if safe {
        safety::check_declared(&file)
    } else {
        Vec::new()
    };
    let Compiler {
        mut problems,
        questions,
        ..
    } = c;
    if !problems.is_empty() {
        problems.extend(declared);
        return Err(problems);
    }
    let say = |text: &Text| text.get(lang, file.base()).to_string();
    let say_opt = |text: &Option<Text>| text.as_ref().map(say);
    let audience = |a: &model::Audience| Audience {
        intro: say_opt(&a.intro),
        next_steps: a.next_steps.as_ref().map(|n| NextSteps {
            candidate: say(&n.candidate),
            review: say(&n.review),
            defer: say(&n.defer),
            not_candidate: say(&n.not_candidate),
        }),
    };
    let set = RuleSet {
        name: file.name.get(file.base(), file.base()).to_string(),
        title: say(&file.name),
        version: file.version.clone(),
        procedure: say(&file.procedure),
        description: say(&file.description),
        clinic: file.clinic.as_ref().map(|c| {
            let details = c.details();
            ClinicDef {
                name: details.name,
                phone: details.phone,
                out_of_hours: say_opt(&details.out_of_hours),
            }
        }),
        sha256,
        lang: lang.to_string(),
        languages: file.languages().iter().map(|l| (*l).to_string()).collect(),
        texts: Texts {
            unanswered: say(&file.texts.unanswered),
            contradiction: say(&file.texts.contradiction),
            screen_again: say(&file.texts.screen_again),
        },
        audiences: Audiences {
            staff: audience(&file.audiences.staff),
            patient: audience(&file.audiences.patient),
        },
        // Out-of-range values were reported by `check_parameters`.
        screening_valid_days: file
            .parameters
            .iter()
            .find(|p| p.id == super::SCREENING_VALID_DAYS)
            .and_then(|p| u64::try_from(p.value).ok())
            .unwrap_or(super::DEFAULT_SCREENING_VALID_DAYS),
        lookup: super::QuestionIndex::new(&questions),
        questions,
        rules,
        aftercare: aftercare.unwrap_or(AftercareDef {
            starts_at: 0,
            items: Vec::new(),
            reminders: Vec::new(),
        }),
        file,
        proofs: Vec::new(),
    };
    if !safe {
        return Ok(set);
    }
    // Needs the compiled set (it evaluates conditions), so it runs last; its problems
    // join those of the file as written, so every one is reported at once.
    let (proofs, proved) = safety::prove(&set);
    let mut problems = declared;
    problems.extend(proved);
    if problems.is_empty() {
        Ok(RuleSet { proofs, ..set })
    } else {
        Err(problems)
    }
}

struct Compiler<'f> {
    problems: Vec<Problem>,
    file: &'f RuleFile,
    /// The language texts are compiled in.
    lang: &'f str,
    /// Questions compiled so far: an `ask_if` can only see these.
    questions: Vec<QuestionDef>,
    /// For each question, the cycle of `ask_if` references it is part of (an index into
    /// the cycles found), so a reference inside a cycle is reported once, as the cycle.
    cycle_of: Vec<Option<usize>>,
}

impl<'f> Compiler<'f> {
    /// `text` in the language being compiled.
    fn say(&self, text: &Text) -> String {
        text.get(self.lang, self.file.base()).to_string()
    }

    fn say_opt(&self, text: &Option<Text>) -> Option<String> {
        text.as_ref().map(|t| self.say(t))
    }

    /// Whether a required text can be seen in every language it is given in.
    fn visible(&self, text: &Text) -> bool {
        text.entries(self.file.base())
            .iter()
            .all(|(_, t)| visible::is_visible(t))
    }

    fn problem(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.problems.push(Problem {
            path: path.into(),
            message: message.into(),
        });
    }

    fn check_id(
        &mut self,
        path: &str,
        id: &str,
        seen: &mut HashSet<&'f str>,
        what: &str,
        own: &'f str,
    ) {
        if !is_identifier(id) {
            self.problem(path, format!("{what} id `{id}` must be lower-case letters, digits and _, starting with a letter"));
        } else if !seen.insert(own) {
            self.problem(path, format!("duplicate {what} id `{id}`"));
        }
    }

    /// The engine's own texts are reasons' messages: required, so they must be visible.
    fn check_texts(&mut self) {
        let texts = &self.file.texts;
        for (name, text) in [
            ("unanswered", &texts.unanswered),
            ("contradiction", &texts.contradiction),
            ("screen_again", &texts.screen_again),
        ] {
            if !self.visible(text) {
                self.problem(format!("texts.{name}"), INVISIBLE.replace("{}", "text"));
            }
        }
    }

    fn check_parameters(&mut self) {
        let mut seen = HashSet::new();
        for (i, p) in self.file.parameters.iter().enumerate() {
            let path = item_path("parameters", i, &p.id);
            self.check_id(&path, &p.id, &mut seen, "parameter", &p.id);
            // Parameters are day counts (the only amounts conditions take).
            if !(0..=MAX_DAYS).contains(&p.value) {
                self.problem(
                    format!("{path}.value"),
                    format!("{} days is out of range (0 to {MAX_DAYS})", p.value),
                );
            }
        }
    }

    /// Finds cycles among the questions' `ask_if` references (a question asked only when
    /// a question that depends on it is answered) and reports each once.
    fn find_cycles(&mut self) {
        let questions = &self.file.questions;
        let edges: Vec<Vec<usize>> = questions
            .iter()
            .map(|q| {
                let mut ids = Vec::new();
                if let Some(cond) = &q.ask_if {
                    answer_ids(cond, &mut ids);
                }
                let mut targets: Vec<usize> = ids
                    .iter()
                    .filter_map(|id| questions.iter().position(|other| other.id == *id))
                    .collect();
                targets.dedup();
                targets
            })
            .collect();
        let components = graph::strongly_connected(&edges);
        self.cycle_of = vec![None; questions.len()];
        let mut cycles = Vec::new();
        for component in components {
            let first = component.iter().copied().min().unwrap_or(0);
            let is_cycle = component.len() > 1 || edges[first].contains(&first);
            if !is_cycle {
                continue;
            }
            for &q in &component {
                self.cycle_of[q] = Some(cycles.len());
            }
            cycles.push((first, graph::cycle_through(&edges, &component, first)));
        }
        cycles.sort_unstable();
        for (first, cycle) in cycles {
            let names: Vec<String> = cycle
                .iter()
                .chain(std::iter::once(&first))
                .map(|&q| format!("`{}`", questions[q].id))
                .collect();
            let path = format!(
                "{}.ask_if",
                item_path("questions", first, &questions[first].id)
            );
            self.problem(
                path,
                format!("ask_if conditions form a cycle: {}", names.join(" -> ")),
            );
        }
    }

    fn amount(&mut self, path: &str, amount: &Amount) -> Option<u64> {
        match amount {
            Amount::Literal(n) => {
                if !(0..=MAX_DAYS).contains(n) {
                    self.problem(path, format!("{n} days is out of range (0 to {MAX_DAYS})"));
                    return None;
                }
                u64::try_from(*n).ok()
            }
            // An out-of-range value is reported once, where the parameter is defined.
            Amount::Param { param } => match self.file.parameters.iter().find(|p| &p.id == param) {
                Some(p) => u64::try_from(p.value)
                    .ok()
                    .filter(|&v| v <= MAX_DAYS as u64),
                None => {
                    self.problem(path, format!("parameter `{param}` is not defined"));
                    None
                }
            },
        }
    }

    fn compile_questions(&mut self) {
        let mut seen = HashSet::new();
        for (i, q) in self.file.questions.iter().enumerate() {
            let path = item_path("questions", i, &q.id);
            self.check_id(&path, &q.id, &mut seen, "question", &q.id);
            if q.id == RESERVED_KEY {
                self.problem(
                    &path,
                    format!("`{RESERVED_KEY}` is reserved for the caller's record id"),
                );
            }
            if q.kind != AnswerType::Choice && !q.options.is_empty() {
                self.problem(
                    format!("{path}.options"),
                    "only choice questions have options",
                );
            }
            if q.kind != AnswerType::Number && (q.min.is_some() || q.max.is_some()) {
                self.problem(&path, "only number questions have min and max");
            }
            if q.default.is_some() && q.kind != AnswerType::Datetime {
                self.problem(
                    format!("{path}.default"),
                    "only datetime questions can default to `now`",
                );
            }
            if !self.visible(&q.prompt) {
                self.problem(format!("{path}.prompt"), INVISIBLE.replace("{}", "prompt"));
            }
            let kind = match q.kind {
                AnswerType::Boolean => Kind::Boolean,
                AnswerType::Date => Kind::Date,
                AnswerType::Datetime => Kind::DateTime,
                AnswerType::Number => {
                    if let (Some(min), Some(max)) = (q.min, q.max)
                        && min > max
                    {
                        self.problem(&path, "min is greater than max");
                    }
                    Kind::Number {
                        min: q.min,
                        max: q.max,
                    }
                }
                AnswerType::Choice => {
                    if q.options.is_empty() {
                        self.problem(
                            format!("{path}.options"),
                            "a choice question needs at least one option",
                        );
                    }
                    let mut values = HashSet::new();
                    for (j, option) in q.options.iter().enumerate() {
                        if option.value.is_empty() || !values.insert(option.value.as_str()) {
                            self.problem(
                                format!("{path}.options[{j}]"),
                                format!("option value `{}` is empty or repeated", option.value),
                            );
                        }
                    }
                    Kind::Choice(
                        q.options
                            .iter()
                            .map(|o| ChoiceOption {
                                value: o.value.clone(),
                                label: self.say(&o.label),
                            })
                            .collect(),
                    )
                }
            };
            let ask_if = q.ask_if.as_ref().and_then(|cond| {
                let path = format!("{path}.ask_if");
                self.condition(&path, cond, Scope::Before(self.questions.len()))
            });
            self.questions.push(QuestionDef {
                id: q.id.clone(),
                kind,
                purpose: q.purpose,
                prompt: self.say(&q.prompt),
                help: self.say_opt(&q.help),
                cue: self.say_opt(&q.cue),
                default_now: q.default == Some(model::Default::Now),
                ask_if,
            });
        }
    }

    fn compile_rules(&mut self) -> Vec<RuleDef> {
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for (i, rule) in self.file.rules.iter().enumerate() {
            let path = item_path("rules", i, &rule.id);
            self.check_id(&path, &rule.id, &mut seen, "rule", &rule.id);
            if rule.id == UNANSWERED {
                self.problem(
                    &path,
                    format!("`{UNANSWERED}` is reserved for unanswered questions"),
                );
            }
            if !self.visible(&rule.reason) {
                self.problem(format!("{path}.reason"), INVISIBLE.replace("{}", "reason"));
            }
            let when = self.condition(&format!("{path}.when"), &rule.when, Scope::All);
            let eligible_from = rule.eligible_from.as_ref().and_then(|e| {
                let path = format!("{path}.eligible_from");
                let question =
                    self.question_of_type(&path, &e.answer, &[AnswerType::Date], "a date")?;
                let days = self.amount(&format!("{path}.plus_days"), &e.plus_days)?;
                Some((question, days))
            });
            if rule.eligible_from.is_some() && rule.outcome != model::Outcome::Defer {
                self.problem(
                    format!("{path}.eligible_from"),
                    "only a `defer` rule can have eligible_from",
                );
            }
            if let Some(when) = when {
                let mut inputs = Vec::new();
                when.collect_questions(&mut inputs);
                out.push(RuleDef {
                    id: rule.id.clone(),
                    outcome: rule.outcome,
                    when,
                    reason: self.say(&rule.reason),
                    rationale: self.say_opt(&rule.rationale),
                    eligible_from,
                    inputs,
                });
            }
        }
        out
    }

    fn compile_aftercare(&mut self) -> Option<AftercareDef> {
        let aftercare = &self.file.aftercare;
        let starts_at = self.question_of_type(
            "aftercare.starts_at",
            &aftercare.starts_at,
            &[AnswerType::Datetime],
            "a datetime",
        );
        let reminders = self.compile_reminders();
        let mut seen = HashSet::new();
        let mut items = Vec::new();
        for (i, item) in aftercare.items.iter().enumerate() {
            let path = item_path("aftercare.items", i, &item.id);
            self.check_id(&path, &item.id, &mut seen, "aftercare item", &item.id);
            if !self.visible(&item.text) {
                self.problem(format!("{path}.text"), INVISIBLE.replace("{}", "text"));
            }
            let when = match &item.when {
                None => None,
                // A condition that does not compile is already a problem; go on checking
                // the remaining items so every problem is reported at once.
                Some(cond) => match self.condition(&format!("{path}.when"), cond, Scope::All) {
                    Some(when) => Some(when),
                    None => continue,
                },
            };
            let mut inputs = Vec::new();
            if let Some(when) = &when {
                when.collect_questions(&mut inputs);
            }
            items.push(ItemDef {
                id: item.id.clone(),
                window: item.window,
                kind: item.kind,
                timed: item.timed,
                text: self.say(&item.text),
                when,
                because: self.say_opt(&item.because),
                inputs,
            });
        }
        Some(AftercareDef {
            starts_at: starts_at?,
            items,
            reminders,
        })
    }

    /// Calendar reminders: unique ids (they go into event UIDs), a title, and exactly one
    /// positive offset from the procedure time.
    fn compile_reminders(&mut self) -> Vec<ReminderDef> {
        let file = self.file;
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for (i, reminder) in file.aftercare.reminders.iter().enumerate() {
            let path = item_path("aftercare.reminders", i, &reminder.id);
            self.check_id(&path, &reminder.id, &mut seen, "reminder", &reminder.id);
            if !self.visible(&reminder.summary) {
                self.problem(
                    format!("{path}.summary"),
                    INVISIBLE.replace("{}", "summary"),
                );
            }
            let max_hours = MAX_DAYS * 24;
            let after = match (reminder.after_hours, reminder.after_days) {
                (Some(hours), None) if (1..=max_hours).contains(&hours) => {
                    TimeDelta::try_hours(hours)
                }
                (None, Some(days)) if (1..=MAX_DAYS).contains(&days) => TimeDelta::try_days(days),
                (Some(hours), None) => {
                    self.problem(
                        format!("{path}.after_hours"),
                        format!("{hours} hours is out of range (1 to {max_hours})"),
                    );
                    None
                }
                (None, Some(days)) => {
                    self.problem(
                        format!("{path}.after_days"),
                        format!("{days} days is out of range (1 to {MAX_DAYS})"),
                    );
                    None
                }
                _ => {
                    self.problem(&path, "give exactly one of after_hours and after_days");
                    None
                }
            };
            if let Some(after) = after {
                out.push(ReminderDef {
                    id: reminder.id.clone(),
                    after,
                    summary: self.say(&reminder.summary),
                    description: self.say(&reminder.description),
                });
            }
        }
        out
    }

    /// Resolves a question id within `scope`, or records why it cannot be used.
    fn question(&mut self, path: &str, id: &str, scope: Scope) -> Option<usize> {
        match self.file.questions.iter().position(|q| q.id == id) {
            None => {
                self.problem(path, format!("unknown question `{id}`"));
                None
            }
            Some(i) => match scope {
                Scope::Before(limit) if i >= limit => {
                    let cycle = self.cycle_of.get(i).copied().flatten();
                    // A reference inside a cycle is reported as the cycle.
                    if cycle.is_none() || cycle != self.cycle_of.get(limit).copied().flatten() {
                        self.problem(path, format!("`{id}` is not asked before this question (ask_if may only use earlier questions)"));
                    }
                    None
                }
                _ => Some(i),
            },
        }
    }

    fn question_of_type(
        &mut self,
        path: &str,
        id: &str,
        types: &[AnswerType],
        what: &str,
    ) -> Option<usize> {
        let i = self.question(path, id, Scope::All)?;
        let kind = self.file.questions[i].kind;
        if types.contains(&kind) {
            Some(i)
        } else {
            self.problem(
                path,
                format!(
                    "`{id}` is a {} question, not {what} question",
                    type_name(kind)
                ),
            );
            None
        }
    }

    fn condition(&mut self, path: &str, cond: &Condition, scope: Scope) -> Option<Cond> {
        let list = |c: &mut Self, tag: &str, items: &[Condition]| -> Option<Vec<Cond>> {
            if items.is_empty() {
                c.problem(
                    format!("{path}.{tag}"),
                    format!("`{tag}` needs at least one condition"),
                );
            }
            let compiled: Vec<Option<Cond>> = items
                .iter()
                .enumerate()
                .map(|(i, item)| c.condition(&format!("{path}.{tag}[{i}]"), item, scope))
                .collect();
            compiled
                .into_iter()
                .collect::<Option<Vec<_>>>()
                .filter(|v| !v.is_empty())
        };
        match cond {
            Condition::All(items) => list(self, "all", items).map(Cond::All),
            Condition::Any(items) => list(self, "any", items).map(Cond::Any),
            Condition::Not(inner) => self
                .condition(&format!("{path}.not"), inner, scope)
                .map(|c| Cond::Not(Box::new(c))),
            Condition::Is(eq) => {
                let path = format!("{path}.is");
                let question = self.question(&path, &eq.answer, scope)?;
                let value = self.literal(&path, question, &eq.value)?;
                Some(Cond::Is { question, value })
            }
            Condition::Lt(cmp) => self.compare(path, "lt", CmpOp::Lt, cmp, scope),
            Condition::Le(cmp) => self.compare(path, "le", CmpOp::Le, cmp, scope),
            Condition::Gt(cmp) => self.compare(path, "gt", CmpOp::Gt, cmp, scope),
            Condition::Ge(cmp) => self.compare(path, "ge", CmpOp::Ge, cmp, scope),
            Condition::WithinDays(w) => {
                let path = format!("{path}.within_days");
                let question = self.question(&path, &w.answer, scope);
                let question =
                    question.and_then(|q| self.require_type(&path, q, AnswerType::Date, "a date"));
                let days = self.amount(&format!("{path}.days"), &w.days);
                Some(Cond::WithinDays {
                    question: question?,
                    days: days?,
                })
            }
        }
    }

    fn compare(
        &mut self,
        path: &str,
        tag: &str,
        op: CmpOp,
        cmp: &model::Compare,
        scope: Scope,
    ) -> Option<Cond> {
        let path = format!("{path}.{tag}");
        let question = self.question(&path, &cmp.answer, scope)?;
        let question = self.require_type(&path, question, AnswerType::Number, "a number")?;
        Some(Cond::Cmp {
            question,
            op,
            value: cmp.value,
        })
    }

    fn require_type(
        &mut self,
        path: &str,
        q: usize,
        wanted: AnswerType,
        what: &str,
    ) -> Option<usize> {
        let question = &self.file.questions[q];
        if question.kind == wanted {
            Some(q)
        } else {
            let message = format!(
                "`{}` is a {} question, not {what} question",
                question.id,
                type_name(question.kind)
            );
            self.problem(path, message);
            None
        }
    }

    /// Checks that `value` is a possible answer to question `q`, and converts it.
    fn literal(&mut self, path: &str, q: usize, value: &serde_json::Value) -> Option<Value> {
        let question = &self.file.questions[q];
        let converted = match (question.kind, value) {
            (AnswerType::Boolean, serde_json::Value::Bool(b)) => Some(Value::Bool(*b)),
            (AnswerType::Number, serde_json::Value::Number(n)) => n.as_f64().map(Value::Number),
            (AnswerType::Date, serde_json::Value::String(s)) => {
                answers::parse_date(s).map(Value::Date)
            }
            (AnswerType::Choice, serde_json::Value::String(s)) => question
                .options
                .iter()
                .position(|o| &o.value == s)
                .map(Value::Choice),
            _ => None,
        };
        if converted.is_none() {
            let expected = match question.kind {
                AnswerType::Boolean => "true or false".to_string(),
                AnswerType::Number => "a number".to_string(),
                AnswerType::Date => "a date as \"YYYY-MM-DD\"".to_string(),
                AnswerType::Datetime => {
                    "nothing: datetime answers cannot be compared with `is`".to_string()
                }
                AnswerType::Choice => {
                    let options: Vec<String> = question
                        .options
                        .iter()
                        .map(|o| format!("`{}`", o.value))
                        .collect();
                    format!("one of {}", options.join(", "))
                }
            };
            let message = format!(
                "`{}` is a {} question: the value must be {expected}",
                question.id,
                type_name(question.kind)
            );
            self.problem(path, message);
        }
        converted
    }
}

/// The question ids a condition names, in order, with repeats.
pub(crate) fn answer_ids<'c>(cond: &'c Condition, out: &mut Vec<&'c str>) {
    match cond {
        Condition::All(items) | Condition::Any(items) => {
            items.iter().for_each(|item| answer_ids(item, out))
        }
        Condition::Not(inner) => answer_ids(inner, out),
        Condition::Is(eq) => out.push(&eq.answer),
        Condition::Lt(c) | Condition::Le(c) | Condition::Gt(c) | Condition::Ge(c) => {
            out.push(&c.answer)
        }
        Condition::WithinDays(w) => out.push(&w.answer),
    }
}

#[derive(Debug, Clone, Copy)]
enum Scope {
    /// Any question (rules and aftercare conditions).
    All,
    /// Only questions before this index (`ask_if`, so the questionnaire can evaluate it).
    Before(usize),
}

pub(crate) fn type_name(kind: AnswerType) -> &'static str {
    match kind {
        AnswerType::Boolean => "boolean",
        AnswerType::Date => "date",
        AnswerType::Datetime => "datetime",
        AnswerType::Choice => "choice",
        AnswerType::Number => "number",
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    /// A named edit of the default file and the problem it must cause.
    use crate::testing::{EditCase as Case, assert_each_edit_reports, problems};

    #[test]
    fn the_default_file_has_no_problems() {
        assert_eq!(problems(|_| {}), Vec::<String>::new());
    }

    #[test]
    fn each_problem_is_reported_with_its_path() {
        let cases: Vec<Case> = vec![
            (
                "duplicate question",
                Box::new(|d| d["questions"][1]["id"] = json!("pregnant")),
                "questions.pregnant: duplicate question id `pregnant`",
            ),
            (
                "unknown question in a rule",
                Box::new(|d| {
                    d["rules"][0]["when"] = json!({"is": {"answer": "pregant", "value": true}})
                }),
                "rules.pregnancy.when.is: unknown question `pregant`",
            ),
            (
                "wrong value type",
                Box::new(|d| {
                    d["rules"][0]["when"] = json!({"is": {"answer": "pregnant", "value": "yes"}})
                }),
                "rules.pregnancy.when.is: `pregnant` is a boolean question: the value must be true or false",
            ),
            (
                "choice value not offered",
                Box::new(|d| {
                    d["rules"][0]["when"] =
                        json!({"is": {"answer": "treatment_area", "value": "scalp"}})
                }),
                "rules.pregnancy.when.is: `treatment_area` is a choice question: the value must be one of `face`, `neck`, `body`",
            ),
            (
                "date rule on a boolean",
                Box::new(|d| {
                    d["rules"][5]["when"] =
                        json!({"within_days": {"answer": "pregnant", "days": 3}})
                }),
                "rules.recent_radiation.when.within_days: `pregnant` is a boolean question, not a date question",
            ),
            (
                "undefined parameter",
                Box::new(|d| {
                    d["rules"][5]["eligible_from"]["plus_days"] = json!({"param": "nope"})
                }),
                "rules.recent_radiation.eligible_from.plus_days: parameter `nope` is not defined",
            ),
            (
                "forward reference in ask_if",
                Box::new(|d| {
                    d["questions"][0]["ask_if"] = json!({"is": {"answer": "eczema", "value": true}})
                }),
                "questions.pregnant.ask_if.is: `eczema` is not asked before this question (ask_if may only use earlier questions)",
            ),
            (
                "reserved question id",
                Box::new(|d| d["questions"][12]["id"] = json!("id")),
                "questions.id: `id` is reserved for the caller's record id",
            ),
            (
                "reserved rule id",
                Box::new(|d| d["rules"][6]["id"] = json!("unanswered")),
                "rules.unanswered: `unanswered` is reserved for unanswered questions",
            ),
            (
                "starts_at must be a datetime",
                Box::new(|d| d["aftercare"]["starts_at"] = json!("pregnant")),
                "aftercare.starts_at: `pregnant` is a boolean question, not a datetime question",
            ),
            (
                "days out of range",
                Box::new(|d| d["parameters"][0]["value"] = json!(-1)),
                "parameters.radiation_window_days.value: -1 days is out of range (0 to 36600)",
            ),
            (
                "literal days out of range",
                Box::new(|d| d["rules"][5]["eligible_from"]["plus_days"] = json!(40000)),
                "rules.recent_radiation.eligible_from.plus_days: 40000 days is out of range (0 to 36600)",
            ),
            (
                "a cycle in ask_if",
                Box::new(|d| {
                    d["questions"][6]["ask_if"] =
                        json!({"is": {"answer": "radiation_end_date", "value": "2026-01-01"}})
                }),
                "questions.radiation_therapy.ask_if: ask_if conditions form a cycle: `radiation_therapy` -> `radiation_end_date` -> `radiation_therapy`",
            ),
            (
                "a question asked only if it is answered",
                Box::new(|d| {
                    d["questions"][1]["ask_if"] = json!({"is": {"answer": "eczema", "value": true}})
                }),
                "questions.eczema.ask_if: ask_if conditions form a cycle: `eczema` -> `eczema`",
            ),
            (
                "empty all",
                Box::new(|d| d["rules"][0]["when"] = json!({"all": []})),
                "rules.pregnancy.when.all: `all` needs at least one condition",
            ),
            (
                "eligible_from on a non-defer rule",
                Box::new(|d| d["rules"][5]["outcome"] = json!("review")),
                "rules.recent_radiation.eligible_from: only a `defer` rule can have eligible_from",
            ),
            (
                "reminder with both offsets",
                Box::new(|d| d["aftercare"]["reminders"][0]["after_days"] = json!(1)),
                "aftercare.reminders.restrictions_end: give exactly one of after_hours and after_days",
            ),
            (
                "reminder with no offset",
                Box::new(|d| {
                    d["aftercare"]["reminders"][1]
                        .as_object_mut()
                        .unwrap()
                        .remove("after_days");
                }),
                "aftercare.reminders.results_check: give exactly one of after_hours and after_days",
            ),
            (
                "reminder in the past",
                Box::new(|d| d["aftercare"]["reminders"][1]["after_days"] = json!(0)),
                "aftercare.reminders.results_check.after_days: 0 days is out of range (1 to 36600)",
            ),
            (
                "reminder too far",
                Box::new(|d| d["aftercare"]["reminders"][0]["after_hours"] = json!(900_000)),
                "aftercare.reminders.restrictions_end.after_hours: 900000 hours is out of range (1 to 878400)",
            ),
            (
                "duplicate reminder id",
                Box::new(|d| d["aftercare"]["reminders"][1]["id"] = json!("restrictions_end")),
                "aftercare.reminders.restrictions_end: duplicate reminder id `restrictions_end`",
            ),
            (
                "empty reminder summary",
                Box::new(|d| d["aftercare"]["reminders"][2]["summary"] = json!(" ")),
                "aftercare.reminders.next_session.summary: the summary is empty",
            ),
            (
                "unsupported format",
                Box::new(|d| d["format"] = json!(2)),
                "format: format 2 is not supported (expected 1)",
            ),
        ];
        assert_each_edit_reports(cases);
    }

    #[test]
    fn every_aftercare_problem_is_reported_even_after_a_bad_condition() {
        let found = problems(|d| {
            d["aftercare"]["items"][3]["when"] = json!({"is": {"answer": "nope", "value": true}});
            d["aftercare"]["items"][4]["when"] = json!({"is": {"answer": "nada", "value": true}});
            d["aftercare"]["items"][5]["text"] = json!(" ");
        });
        assert_eq!(found.len(), 3, "{found:?}");
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let found = problems(|d| {
            d["rules"][0]["when"] = json!({"is": {"answer": "nope", "value": true}});
            d["rules"][1]["when"] = json!({"is": {"answer": "nada", "value": true}});
        });
        assert_eq!(found.len(), 2, "{found:?}");
    }

    #[test]
    fn unknown_fields_and_outcomes_are_rejected_by_the_format() {
        let cases: Vec<Case> = vec![
            (
                "misspelt key",
                Box::new(|d| d["rules"][0]["outcom"] = json!("defer")),
                "unknown field `outcom`",
            ),
            (
                "unknown outcome",
                Box::new(|d| d["rules"][0]["outcome"] = json!("maybe")),
                "unknown variant `maybe`",
            ),
            (
                "unknown window",
                Box::new(|d| d["aftercare"]["items"][0]["window"] = json!("week")),
                "unknown variant `week`",
            ),
        ];
        for (name, edit, expected) in cases {
            let found = problems(edit);
            assert!(
                found.len() == 1
                    && found[0].starts_with("malformed:")
                    && found[0].contains(expected),
                "{name}: {found:?}"
            );
        }
    }
}
