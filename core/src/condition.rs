//! The compiled condition language: the type the rule set holds, below `rules` and
//! `answers` (it needs only [`Value`]). Its three-valued evaluation over the answers of
//! a day is in [`crate::facts`], above both.
//!
//! Pure: no I/O, no clock (the screening date is passed in). Conditions refer to questions
//! by index, resolved once when the rule file is compiled, so evaluation does no lookups.
//! An unknown answer (missing, `null`, "not sure") is [`Tri::Unknown`], never "no":
//! `all`, `any` and `not` follow Kleene's logic, so an unknown can only be outvoted by a
//! known answer that decides the result on its own.

use crate::value::Value;

/// A truth value that admits "we do not know".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tri {
    False,
    Unknown,
    True,
}

impl Tri {
    pub(crate) fn not(self) -> Tri {
        match self {
            Tri::True => Tri::False,
            Tri::False => Tri::True,
            Tri::Unknown => Tri::Unknown,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CmpOp {
    Lt,
    Le,
    Gt,
    Ge,
}

impl CmpOp {
    pub fn symbol(self) -> &'static str {
        match self {
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
        }
    }
}

/// A condition whose question references and parameters are already resolved.
#[derive(Debug, Clone, PartialEq)]
pub enum Cond {
    All(Vec<Cond>),
    Any(Vec<Cond>),
    Not(Box<Cond>),
    Is {
        question: usize,
        value: Value,
    },
    Cmp {
        question: usize,
        op: CmpOp,
        value: f64,
    },
    WithinDays {
        question: usize,
        days: u64,
    },
}

impl Cond {
    /// Appends the questions this condition reads, in order of first mention, without repeats.
    pub fn collect_questions(&self, out: &mut Vec<usize>) {
        match self {
            Cond::All(items) | Cond::Any(items) => {
                items.iter().for_each(|item| item.collect_questions(out))
            }
            Cond::Not(inner) => inner.collect_questions(out),
            Cond::Is { question, .. }
            | Cond::Cmp { question, .. }
            | Cond::WithinDays { question, .. } => {
                if !out.contains(question) {
                    out.push(*question);
                }
            }
        }
    }
}
