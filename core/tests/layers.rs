//! The core's shape, checked from its source: no module imports a module that imports it
//! back (a loop means a type lives in the wrong place), and nothing in it touches the
//! clock, files, environment, processes or a terminal (what lets it run in a browser).
//!
//! Reads `core/src` as text: each `.rs` file is a module; `crate::a::b` and `super::b`
//! paths (in `use` lines and inline), and a parent's `child::` paths, are its edges. Test
//! modules (`#[cfg(test)] mod tests` to the end of a file) and comments are left out.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

/// Module path (`rules::compile`, `answers`) -> its source without tests and comments.
fn modules() -> BTreeMap<String, (bool, String)> {
    let mut out = BTreeMap::new();
    walk(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut Vec::new(),
        &mut out,
    );
    out
}

fn walk(dir: &Path, prefix: &mut Vec<String>, out: &mut BTreeMap<String, (bool, String)>) {
    let mut entries: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        if path.is_dir() {
            prefix.push(name);
            walk(&path, prefix, out);
            prefix.pop();
            continue;
        }
        let (is_dir_module, module) = match name.as_str() {
            "lib" => (true, prefix.join("::")),
            "mod" => (true, prefix.join("::")),
            _ => (false, [prefix.as_slice(), &[name]].concat().join("::")),
        };
        out.insert(
            module,
            (is_dir_module, strip(&fs::read_to_string(&path).unwrap())),
        );
    }
}

/// The source without its unit tests and without comments.
fn strip(source: &str) -> String {
    let body = source
        .split("#[cfg(test)]\nmod tests")
        .next()
        .unwrap_or_default();
    body.lines()
        .map(|line| line.split("//").next().unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The identifiers of a path starting at `at`, with a `{a, b::c}` group flattened to
/// its first segments: `crate::rules::{Kind, model::X}` gives `rules`, `rules::Kind`,
/// `rules::model`.
fn paths_after(text: &str) -> Vec<Vec<String>> {
    let ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let mut segments = Vec::new();
    let mut rest = text;
    while let Some(tail) = rest.strip_prefix("::") {
        let len = tail.find(|c: char| !ident(c)).unwrap_or(tail.len());
        if len == 0 {
            break;
        }
        segments.push(tail[..len].to_string());
        rest = &tail[len..];
    }
    let mut out = vec![segments.clone()];
    if let Some(group) = rest.strip_prefix("::{") {
        let group = group.split('}').next().unwrap_or_default();
        for item in group.split(',') {
            let first = item.trim().split("::").next().unwrap_or_default();
            let first = first.split_whitespace().next().unwrap_or_default();
            if !first.is_empty() && first != "self" {
                out.push([segments.as_slice(), &[first.to_string()]].concat());
            }
        }
    }
    out
}

/// The longest prefix of `path` that is a module, if any but the crate root.
fn resolve(modules: &BTreeMap<String, (bool, String)>, path: &[String]) -> Option<String> {
    (1..=path.len())
        .rev()
        .map(|n| path[..n].join("::"))
        .find(|m| modules.contains_key(m))
}

fn edges(modules: &BTreeMap<String, (bool, String)>) -> BTreeMap<String, BTreeSet<String>> {
    let mut graph = BTreeMap::new();
    for (module, (is_dir_module, source)) in modules {
        if module.is_empty() {
            continue; // lib.rs only declares the modules
        }
        let own: Vec<String> = module.split("::").map(str::to_string).collect();
        let parent = &own[..own.len() - 1];
        let mut deps = BTreeSet::new();
        let mut add = |base: &[String], text: &str| {
            for path in paths_after(text) {
                let full = [base, path.as_slice()].concat();
                if let Some(target) = resolve(modules, &full) {
                    if &target != module {
                        deps.insert(target);
                    }
                }
            }
        };
        for (at, _) in source.match_indices("crate::") {
            add(&[], &source[at + "crate".len()..]);
        }
        for (at, _) in source.match_indices("super::") {
            // `super` of `a::b` is `a`, whether b is a file or a directory.
            add(parent, &source[at + "super".len()..]);
        }
        if *is_dir_module {
            // A directory module naming its own children: `compile::x`, `safety::T`.
            for (child, _) in modules.range(format!("{module}::")..) {
                let Some(name) = child.strip_prefix(&format!("{module}::")) else {
                    break;
                };
                if name.contains("::") {
                    continue;
                }
                let named = source.match_indices(&format!("{name}::")).any(|(at, _)| {
                    let before = source[..at].chars().next_back();
                    !before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == ':')
                });
                if named {
                    deps.insert(child.clone());
                }
            }
        }
        graph.insert(module.clone(), deps);
    }
    graph
}

/// A loop in the graph, as the modules along it, if there is one.
fn find_loop(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        done: &mut BTreeSet<String>,
        stack: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = stack.iter().position(|n| n == node) {
            let mut cycle = stack[at..].to_vec();
            cycle.push(node.to_string());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        stack.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, done, stack) {
                return Some(cycle);
            }
        }
        stack.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|node| visit(node, graph, &mut done, &mut Vec::new()))
}

#[test]
fn no_module_of_the_core_imports_one_that_imports_it_back() {
    let modules = modules();
    let graph = edges(&modules);
    // The reader must see the edges that matter, or an empty graph would pass.
    let deps = |m: &str| graph.get(m).cloned().unwrap_or_default();
    assert!(deps("answers").contains("rules"), "{:?}", deps("answers"));
    assert!(deps("facts").contains("answers"), "{:?}", deps("facts"));
    assert!(deps("rules").contains("condition"), "{:?}", deps("rules"));
    assert!(deps("rules::load").contains("rules::compile"));
    assert!(deps("rules::safety").contains("facts"));
    if let Some(cycle) = find_loop(&graph) {
        panic!("import loop: {}", cycle.join(" -> "));
    }
}

#[test]
fn the_loop_finder_finds_a_loop() {
    let mut graph = BTreeMap::new();
    graph.insert("a".to_string(), BTreeSet::from(["b".to_string()]));
    graph.insert("b".to_string(), BTreeSet::from(["c".to_string()]));
    graph.insert("c".to_string(), BTreeSet::from(["a".to_string()]));
    assert_eq!(find_loop(&graph).unwrap(), ["a", "b", "c", "a"]);
    graph.insert("c".to_string(), BTreeSet::new());
    assert_eq!(find_loop(&graph), None);
}

/// What the core must never call: the clock, files, environment, processes, threads,
/// sockets, the terminal. (`std::io::Write`/`Read` are fine: writers render into
/// whatever they are given.)
const FORBIDDEN: &[&str] = &[
    "std::fs",
    "std::env",
    "std::process",
    "std::net",
    "std::thread",
    "std::time",
    "stdin",
    "stdout",
    "stderr",
    "print!",
    "println!",
    "eprint",
    "Local",
    "Utc::now",
    "::now(",
    "SystemTime",
    "Instant",
];

#[test]
fn the_core_touches_no_clock_files_environment_or_terminal() {
    let modules = modules();
    assert!(modules.len() > 30, "{} modules", modules.len());
    let mut found = Vec::new();
    for (module, (_, source)) in &modules {
        for word in FORBIDDEN {
            if source.contains(word) {
                found.push(format!("{module}: {word}"));
            }
        }
    }
    assert!(found.is_empty(), "{found:#?}");
}
