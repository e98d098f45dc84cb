//! Every text of a rule file a person reads, with where it is, and the checks on its
//! translations: which languages each text is in, and whether its translations name the
//! same numbers, dates and placeholders.
//!
//! Pure: the file as written in, problems out.

use super::model::{Clinic, RuleFile, Text};
use super::path::item_path;
use super::{Problem, lang};

/// Every text of `file` a person reads, in file order, each with its path
/// (`questions.pregnant.prompt`).
pub fn every_text(file: &RuleFile) -> Vec<(String, &Text)> {
    let mut out: Vec<(String, &Text)> = vec![
        ("name".into(), &file.name),
        ("procedure".into(), &file.procedure),
        ("description".into(), &file.description),
    ];
    if let Some(Clinic::Details(details)) = &file.clinic {
        out.extend(some(
            "clinic.out_of_hours".into(),
            details.out_of_hours.as_ref(),
        ));
    }
    for (i, p) in file.parameters.iter().enumerate() {
        out.push((
            format!("{}.description", item_path("parameters", i, &p.id)),
            &p.description,
        ));
    }
    for (name, text) in [
        ("unanswered", &file.texts.unanswered),
        ("contradiction", &file.texts.contradiction),
        ("screen_again", &file.texts.screen_again),
    ] {
        out.push((format!("texts.{name}"), text));
    }
    for (name, audience) in [
        ("staff", &file.audiences.staff),
        ("self", &file.audiences.patient),
    ] {
        out.extend(some(
            format!("audiences.{name}.intro"),
            audience.intro.as_ref(),
        ));
        if let Some(next) = &audience.next_steps {
            for (verdict, text) in [
                ("candidate", &next.candidate),
                ("review", &next.review),
                ("defer", &next.defer),
                ("not_candidate", &next.not_candidate),
            ] {
                out.push((format!("audiences.{name}.next_steps.{verdict}"), text));
            }
        }
    }
    for (i, q) in file.questions.iter().enumerate() {
        let path = item_path("questions", i, &q.id);
        out.push((format!("{path}.prompt"), &q.prompt));
        out.extend(some(format!("{path}.help"), q.help.as_ref()));
        out.extend(some(format!("{path}.cue"), q.cue.as_ref()));
        for (j, option) in q.options.iter().enumerate() {
            out.push((format!("{path}.options[{j}].label"), &option.label));
        }
    }
    for (i, r) in file.rules.iter().enumerate() {
        let path = item_path("rules", i, &r.id);
        out.push((format!("{path}.reason"), &r.reason));
        out.extend(some(format!("{path}.rationale"), r.rationale.as_ref()));
    }
    for (i, item) in file.aftercare.items.iter().enumerate() {
        let path = item_path("aftercare.items", i, &item.id);
        out.push((format!("{path}.text"), &item.text));
        out.extend(some(format!("{path}.because"), item.because.as_ref()));
    }
    for (i, r) in file.aftercare.reminders.iter().enumerate() {
        let path = item_path("aftercare.reminders", i, &r.id);
        out.push((format!("{path}.summary"), &r.summary));
        out.push((format!("{path}.description"), &r.description));
    }
    for (i, w) in file.waived.iter().enumerate() {
        out.push((format!("waived[{i}].reason"), &w.reason));
    }
    out
}

/// Whether `text` (one of `file`'s own) is one that loading requires to be visible:
/// a prompt, a rule's reason, an aftercare item's text, a reminder's summary, the
/// engine's texts and a waiver's reason. An empty one is an error, not a lint warning.
pub fn is_required(file: &RuleFile, text: &Text) -> bool {
    let texts = &file.texts;
    let same = |t: &Text| std::ptr::eq(t, text);
    [&texts.unanswered, &texts.contradiction, &texts.screen_again]
        .into_iter()
        .any(same)
        || file.questions.iter().any(|q| same(&q.prompt))
        || file.rules.iter().any(|r| same(&r.reason))
        || file.aftercare.items.iter().any(|i| same(&i.text))
        || file.aftercare.reminders.iter().any(|r| same(&r.summary))
        || file.waived.iter().any(|w| same(&w.reason))
}

fn some(path: String, text: Option<&Text>) -> Option<(String, &Text)> {
    text.map(|t| (path, t))
}

/// Problems that stop a file from loading: a bad or repeated declared language, a text
/// in a language the file does not declare, a text without the file's first language
/// (there would be nothing to fall back to).
pub fn errors(file: &RuleFile) -> Vec<Problem> {
    let mut out = Vec::new();
    if let Some(list) = &file.languages {
        if list.is_empty() {
            out.push(problem(
                "languages",
                "declare at least one language, the file's first language first",
            ));
        }
        for (i, tag) in list.iter().enumerate() {
            if !lang::is_tag(tag) {
                out.push(problem(
                    format!("languages[{i}]"),
                    format!("`{tag}` is not a language tag (like \"en\", \"es\" or \"es-MX\")"),
                ));
            } else if list[..i].iter().any(|t| t.eq_ignore_ascii_case(tag)) {
                out.push(problem(
                    format!("languages[{i}]"),
                    format!("`{tag}` is declared twice"),
                ));
            }
        }
    }
    let declared = file.languages();
    let base = file.base();
    // An undeclared language is told once, where it is first used, with how many more.
    let mut undeclared: Vec<(&str, String, usize)> = Vec::new();
    for (path, text) in every_text(file) {
        let Text::Translated(map) = text else {
            continue;
        };
        for lang in map.keys().filter(|l| !declared.contains(&l.as_str())) {
            match undeclared.iter_mut().find(|(l, _, _)| l == lang) {
                Some((_, _, more)) => *more += 1,
                None => undeclared.push((lang, path.clone(), 0)),
            }
        }
        if !map.contains_key(base) {
            out.push(problem(
                &path,
                format!("no \"{base}\" text: every text needs the file's first language"),
            ));
        }
    }
    for (lang, path, more) in undeclared {
        let others = match more {
            0 => String::new(),
            1 => " (so is 1 more text)".to_string(),
            n => format!(" (so are {n} more texts)"),
        };
        out.push(problem(
            path,
            format!(
                "`{lang}` is not one of the file's languages ({}){others}: add it to `languages` or fix the tag",
                declared.join(", ")
            ),
        ));
    }
    out
}

/// Probable mistakes that do not stop the file: a text missing one of the declared
/// languages (people reading that language get the file's first language there), and
/// translations that name different numbers, dates or placeholders.
pub fn warnings(file: &RuleFile) -> Vec<Problem> {
    let declared = file.languages();
    let base = file.base();
    let mut out = Vec::new();
    for (path, text) in every_text(file) {
        let entries = text.entries(base);
        // Absent (an optional text left out) or empty: nothing to translate.
        if entries.iter().all(|(_, t)| !super::visible::is_visible(t)) {
            continue;
        }
        for lang in &declared {
            if text.exactly(lang, base).is_none() {
                out.push(problem(
                    &path,
                    format!("no \"{lang}\" text: the \"{base}\" text is shown instead"),
                ));
            }
        }
        let Some((first_lang, first)) = entries.iter().find(|(l, _)| *l == base) else {
            continue;
        };
        let named = names(first);
        for (lang, other) in &entries {
            if lang == first_lang || !declared.contains(lang) {
                continue;
            }
            let theirs = names(other);
            if theirs != named {
                out.push(problem(
                    &path,
                    format!(
                        "the \"{lang}\" text names {} but the \"{base}\" text names {}: a translation must say the same",
                        listed(&theirs),
                        listed(&named)
                    ),
                ));
            }
        }
    }
    out
}

/// The numbers (digit runs: a date `2026-03-31` is `2026`, `03`, `31`) and placeholders
/// (`{date}`) a text names, sorted: translations may order them differently.
pub fn names(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_ascii_digit() {
            let mut end = i + 1;
            while let Some(&(j, d)) = chars.peek() {
                if !d.is_ascii_digit() {
                    break;
                }
                end = j + 1;
                chars.next();
            }
            out.push(text[i..end].to_string());
        } else if c == '{'
            && let Some(close) = text[i..].find('}')
        {
            let inner = &text[i + 1..i + close];
            if !inner.is_empty()
                && inner
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_')
            {
                out.push(text[i..=i + close].to_string());
                while chars.peek().is_some_and(|&(j, _)| j <= i + close) {
                    chars.next();
                }
            }
        }
    }
    out.sort_unstable();
    out
}

fn listed(names: &[String]) -> String {
    if names.is_empty() {
        "no number".to_string()
    } else {
        names.join(", ")
    }
}

fn problem(path: impl Into<String>, message: impl Into<String>) -> Problem {
    Problem {
        path: path.into(),
        message: message.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::DEFAULT_RULES;

    #[test]
    fn names_are_numbers_dates_and_placeholders() {
        for (text, expected) in [
            ("No numbers here.", vec![]),
            ("Within 14 days.", vec!["14"]),
            ("En unos 14 días.", vec!["14"]),
            ("2026-03-31", vec!["03", "2026", "31"]),
            ("Call {phone} before {date}", vec!["{date}", "{phone}"]),
            ("{not a placeholder} {}", vec![]),
            ("24 hours, 24 horas", vec!["24", "24"]),
            ("1.5 ml", vec!["1", "5"]),
        ] {
            assert_eq!(names(text), expected, "{text}");
        }
    }

    fn file(doc: serde_json::Value) -> RuleFile {
        serde_json::from_value(doc).unwrap()
    }

    fn built_in() -> serde_json::Value {
        serde_json::from_slice(DEFAULT_RULES).unwrap()
    }

    #[test]
    fn the_built_in_file_has_every_text_in_every_language() {
        let f: RuleFile = serde_json::from_slice(DEFAULT_RULES).unwrap();
        assert_eq!(f.languages(), ["en", "es"]);
        assert_eq!(errors(&f), []);
        assert_eq!(warnings(&f), []);
    }

    #[test]
    fn a_missing_translation_and_a_changed_number_are_warnings() {
        let mut doc = built_in();
        doc["questions"][0]["prompt"] = serde_json::json!({"en": "Are you pregnant?"});
        doc["aftercare"]["reminders"][1]["description"] =
            serde_json::json!({"en": "Within about 14 days.", "es": "En unos 15 días."});
        let f = file(doc);
        assert_eq!(errors(&f), []);
        // An optional text left out is not a missing translation.
        let mut doc = built_in();
        doc["aftercare"]["reminders"][0]
            .as_object_mut()
            .unwrap()
            .remove("description");
        assert_eq!(warnings(&file(doc)), []);
        let found: Vec<String> = warnings(&f).iter().map(ToString::to_string).collect();
        assert_eq!(
            found,
            [
                "questions.pregnant.prompt: no \"es\" text: the \"en\" text is shown instead",
                "aftercare.reminders.results_check.description: the \"es\" text names 15 but the \"en\" text names 14: a translation must say the same",
            ]
        );
    }

    #[test]
    fn an_undeclared_language_or_a_missing_first_language_is_an_error() {
        for (name, languages, prompt, expected) in [
            (
                "undeclared",
                serde_json::json!(["en", "es"]),
                serde_json::json!({"en": "Pregnant?", "fr": "Enceinte ?"}),
                vec![
                    "questions.pregnant.prompt: `fr` is not one of the file's languages (en, es): add it to `languages` or fix the tag",
                ],
            ),
            (
                "no first language",
                serde_json::json!(["en", "es"]),
                serde_json::json!({"es": "¿Embarazada?"}),
                vec![
                    "questions.pregnant.prompt: no \"en\" text: every text needs the file's first language",
                ],
            ),
            (
                "bad declaration",
                serde_json::json!(["en", "es", "ES", "spanish"]),
                serde_json::json!("Pregnant?"),
                vec![
                    "languages[2]: `ES` is declared twice",
                    "languages[3]: `spanish` is not a language tag (like \"en\", \"es\" or \"es-MX\")",
                ],
            ),
            (
                "empty declaration",
                serde_json::json!([]),
                serde_json::json!("Pregnant?"),
                vec![
                    "languages: declare at least one language, the file's first language first",
                    "name: `es` is not one of the file's languages (en) (so are 75 more texts): add it to `languages` or fix the tag",
                ],
            ),
        ] {
            let mut doc = built_in();
            doc["languages"] = languages;
            doc["questions"][0]["prompt"] = prompt;
            let found: Vec<String> = errors(&file(doc)).iter().map(ToString::to_string).collect();
            assert_eq!(found, expected, "{name}");
        }
    }

    #[test]
    fn every_language_must_be_in_writing_where_loading_requires_it() {
        use serde_json::json;
        crate::testing::assert_each_edit_reports(vec![
            (
                "a waiver in writing in English only",
                Box::new(|d| {
                    d["waived"] = json!([{"exclusion": "eczema", "reason": {
                        "en": "Screened by the referring dermatologist.", "es": "\u{200B}"}}]);
                }),
                "waived[0].reason: a waiver needs its reason in writing",
            ),
            (
                "a waiver too short in Spanish",
                Box::new(|d| {
                    d["waived"] = json!([{"exclusion": "eczema", "reason": {
                        "en": "Screened by the referring dermatologist.", "es": "Sí."}}]);
                }),
                "waived[0].reason: a waiver's reason must say why in at least",
            ),
            (
                "a reason invisible in Spanish",
                Box::new(|d| {
                    d["rules"][1]["reason"] = json!({"en": "Not advised.", "es": "\u{FEFF}"});
                }),
                "rules.eczema.reason: the reason is empty",
            ),
            (
                "a prompt invisible in Spanish",
                Box::new(|d| d["questions"][1]["prompt"]["es"] = json!(" ")),
                "questions.eczema.prompt: the prompt is empty",
            ),
            (
                "a question that asks the same as a trigger, in Spanish",
                Box::new(|d| {
                    d["questions"][1]["prompt"]["es"] =
                        json!("¿Está embarazada, o podría estarlo?");
                }),
                "`eczema` asks the same as `pregnant`",
            ),
        ]);
    }

    #[test]
    fn bad_text_values_say_what_and_where() {
        for (value, expected) in [
            (
                r#"3"#,
                "invalid type: integer `3`, expected a text, or one text per language ({\"en\": \"...\", \"es\": \"...\"}) at line 1 column 13",
            ),
            (
                r#"{"en": 3}"#,
                "the `en` text must be a string at line 1 column 21",
            ),
            (
                r#"{"english": "x"}"#,
                "`english` is not a language tag (like \"en\", \"es\" or \"es-MX\") at line 1 column 22",
            ),
            (
                r#"{"en": "x", "en": "y"}"#,
                "the `en` text is given twice at line 1 column 34",
            ),
            (
                r#"{}"#,
                "a text needs at least one language ({\"en\": \"...\"}) at line 1 column 14",
            ),
        ] {
            let doc = format!(r#"{{"summary": {value}, "id": "r", "after_days": 1}}"#);
            let e = serde_json::from_str::<crate::rules::model::Reminder>(&doc).unwrap_err();
            assert_eq!(e.to_string(), expected, "{value}");
        }
    }
}
