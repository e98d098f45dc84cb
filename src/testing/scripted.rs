//! A scripted prompter for the questionnaire's unit tests (a queue of answers). The
//! builders of rule sets and answers live in the core (`prescreen_core::testing`).

use std::collections::VecDeque;

use crate::ask::{Act, Cancelled, Choice, Prompter};

/// A prompter that answers from a script and records what it was shown.
#[derive(Default)]
pub struct Scripted {
    pub script: VecDeque<Step>,
    pub shown: Vec<String>,
    /// The item highlighted at each list.
    pub defaults: Vec<String>,
}

#[derive(Debug, Clone)]
pub enum Step {
    /// Pick the item whose text starts with this.
    Pick(&'static str),
    /// Press the item's key.
    Key(char),
    Type(&'static str),
    Back,
    Esc,
    Cancel,
}
use Step::*;

impl Scripted {
    pub fn new(steps: &[Step]) -> Scripted {
        Scripted {
            script: steps.iter().cloned().collect(),
            shown: Vec::new(),
            defaults: Vec::new(),
        }
    }
}

impl Prompter for Scripted {
    fn choose(
        &mut self,
        prompt: &str,
        items: &[Choice],
        default: usize,
        back: bool,
    ) -> Result<Act<usize>, Cancelled> {
        self.shown.push(format!("? {prompt}"));
        self.defaults.push(items[default].label.clone());
        match self.script.pop_front() {
            Some(Pick(text)) => Ok(Act::Given(
                items
                    .iter()
                    .position(|i| i.label.starts_with(text))
                    .unwrap_or_else(|| panic!("`{text}` is not offered for `{prompt}`: {items:?}")),
            )),
            Some(Key(key)) => Ok(Act::Given(
                items
                    .iter()
                    .position(|i| i.key == Some(key))
                    .unwrap_or_else(|| panic!("no key `{key}` for `{prompt}`: {items:?}")),
            )),
            Some(Back) if back => Ok(Act::Back),
            Some(Esc) => Ok(Act::Escape),
            Some(Cancel) => Err(Cancelled),
            other => panic!("script has {other:?} where `{prompt}` asks to choose"),
        }
    }

    fn text(
        &mut self,
        prompt: &str,
        default: Option<&str>,
        back: bool,
        check: &dyn Fn(&str) -> Result<(), String>,
    ) -> Result<Act<String>, Cancelled> {
        self.shown.push(format!("? {prompt}"));
        loop {
            match self.script.pop_front() {
                Some(Type(text)) => {
                    let value = if text.is_empty() {
                        default.unwrap_or("")
                    } else {
                        text
                    };
                    match check(value) {
                        Ok(()) => return Ok(Act::Given(value.to_string())),
                        Err(reason) => self.shown.push(format!("! {reason}")),
                    }
                }
                Some(Back) if back => return Ok(Act::Back),
                Some(Esc) => return Ok(Act::Escape),
                Some(Cancel) => return Err(Cancelled),
                other => panic!("script has {other:?} where `{prompt}` asks for text"),
            }
        }
    }

    fn say(&mut self, text: &str) {
        self.shown.push(text.to_string());
    }
}
