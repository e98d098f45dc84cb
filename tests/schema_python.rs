//! The output schemas checked by a second, independent validator: Python's `jsonschema`
//! (draft 2020-12), on the same real outputs as `output_schemas.rs`. An
//! `external-tests` target: `.ci/run` installs `jsonschema` from PyPI; this FAILS, never
//! skips, when it is missing.
#![allow(clippy::expect_used, clippy::unwrap_used)] // test helpers: a failure is the report

mod common;

use std::process::Command;

use common::{OUTPUT_SCHEMAS, root, sample_outputs};

/// Checks each schema against the draft 2020-12 meta-schema, then validates each
/// document; prints one line per failure and exits 1 if there is any.
const CHECK: &str = r#"
import json, sys
from jsonschema import Draft202012Validator
cases = json.load(open(sys.argv[1]))
failures = []
checked = 0
for name, schema_path in cases["schemas"].items():
    schema = json.load(open(schema_path))
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)
    for what, doc in cases["samples"].get(name, []):
        for error in validator.iter_errors(doc):
            failures.append(f"{name}: {what}: {error.message}")
        checked += 1
print(checked)
for f in failures:
    print(f)
sys.exit(1 if failures else 0)
"#;

#[test]
fn real_outputs_validate_with_python_jsonschema() {
    let mut schemas = serde_json::Map::new();
    for name in OUTPUT_SCHEMAS {
        let path = root().join(format!("rules/{name}.schema.json"));
        schemas.insert(name.into(), path.to_str().unwrap().into());
    }
    let mut samples = serde_json::Map::new();
    let all = sample_outputs();
    for (name, what, doc) in &all {
        samples
            .entry(name.to_string())
            .or_insert_with(|| serde_json::Value::Array(Vec::new()))
            .as_array_mut()
            .unwrap()
            .push(serde_json::json!([what, doc]));
    }
    let cases = serde_json::json!({"schemas": schemas, "samples": samples});
    let (_dir, path) = common::temp_file("cases.json", cases.to_string().as_bytes());
    let out = Command::new("python3")
        .arg("-c")
        .arg(CHECK)
        .arg(&path)
        .output()
        .expect("python3 is needed (with `python3 -m pip install jsonschema`)");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "Python jsonschema refused (or is missing: `python3 -m pip install jsonschema`):\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let checked: usize = stdout.trim().parse().unwrap();
    assert_eq!(checked, all.len(), "every sample was validated");
}
