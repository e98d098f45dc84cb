//! Every catalogue key the code names exists in the English catalogue, and every key of
//! the catalogue is named somewhere: a misspelt key would otherwise show a person the
//! key itself, and a key nobody uses is a translation nobody reads.
//!
//! Reads the sources of the core, of the CLI (`../src`) and of the page (its engine in
//! `../page/engine/src`, its script and template in `../src/page`) as text: a key is a
//! string literal made of lower-case words joined by `-` whose first word starts a
//! catalogue key; in the page's template, `{{key}}` names one too.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use prescreen_core::i18n;

fn sources(dir: &Path, out: &mut Vec<(String, String)>) {
    let mut entries: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "js" || e == "html") {
            let mut text = fs::read_to_string(&path).unwrap();
            // The template's `{{key}}`s, each appended as a literal of its own.
            let named: Vec<String> = text
                .split("{{")
                .skip(1)
                .filter_map(|rest| rest.split_once("}}"))
                .map(|(key, _)| format!("\n\"{key}\""))
                .collect();
            text.extend(named);
            out.push((path.display().to_string(), text));
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = fs::read_to_string(&path).unwrap();
            // Unit tests may name keys that do not exist, on purpose.
            let body = text
                .split("#[cfg(test)]\nmod tests")
                .next()
                .unwrap()
                .to_string();
            out.push((path.display().to_string(), body));
        }
    }
}

/// The string literals of `text` that look like catalogue keys.
fn literals(text: &str, prefixes: &BTreeSet<&str>) -> Vec<String> {
    text.split('"')
        .skip(1)
        .step_by(2)
        .filter(|s| {
            s.contains('-')
                && s.split('-').all(|w| {
                    !w.is_empty()
                        && w.bytes()
                            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
                })
                && prefixes.contains(s.split('-').next().unwrap())
        })
        .map(str::to_string)
        .collect()
}

#[test]
fn every_key_named_in_the_code_is_in_the_catalogue_and_every_key_is_used() {
    let en = i18n::words(i18n::BASE);
    let keys: BTreeSet<&str> = en.keys().collect();
    let prefixes: BTreeSet<&str> = keys.iter().map(|k| k.split('-').next().unwrap()).collect();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    sources(&root.join("src"), &mut files);
    sources(&root.join("../src"), &mut files);
    sources(&root.join("../page/engine/src"), &mut files);
    let mut used = BTreeSet::new();
    let mut unknown = Vec::new();
    for (path, text) in &files {
        for literal in literals(text, &prefixes) {
            if keys.contains(literal.as_str()) {
                used.insert(literal);
            } else {
                unknown.push(format!("{path}: \"{literal}\""));
            }
        }
    }
    assert!(unknown.is_empty(), "not in en.ftl:\n{}", unknown.join("\n"));
    let unused: Vec<&&str> = keys.iter().filter(|k| !used.contains(**k)).collect();
    assert!(unused.is_empty(), "in en.ftl but used nowhere: {unused:?}");
}
