//! The self-check page (`prescreen page`) for the tests that open it: whether this build
//! carries the page's engine, and the page written to a private temporary folder.

use std::path::PathBuf;

use super::prescreen;

/// Whether the binary under test was built with the page's engine
/// (`PRESCREEN_PAGE_WASM`, see build.rs): the tests are built in the same cargo run.
pub fn has_engine() -> bool {
    option_env!("PRESCREEN_PAGE_WASM").is_some_and(|p| !p.is_empty())
}

/// The same, or a failure that says how to build it (for the external tests, which
/// check the page itself).
pub fn require_engine() {
    assert!(
        has_engine(),
        "this test needs the page's engine: `cargo build -p prescreen-page-engine --target \
         wasm32-unknown-unknown --profile page`, then run the tests with \
         PRESCREEN_PAGE_WASM=$PWD/target/wasm32-unknown-unknown/page/prescreen_page_engine.wasm \
         (`bash .ci/run` does both)"
    );
}

/// `prescreen page --out DIR/self-check.html [ARGS]`, checked to succeed silently.
pub fn write_page(args: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("self-check.html");
    prescreen(["page", "--out"])
        .arg(&out)
        .args(args)
        .run()
        .status(0)
        .stdout("")
        .stderr("");
    (dir, out)
}
