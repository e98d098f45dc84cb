//! Embeds the self-check page's WebAssembly engine, when one was built, for
//! `prescreen page`.
//!
//! Cargo cannot build a crate for another target from a build script reliably (a
//! nested cargo on the same target directory waits on its lock; the wasm32 target may
//! not be installed), so the engine is built first and named here:
//!
//! ```text
//! cargo build -p prescreen-page-engine --target wasm32-unknown-unknown --profile page
//! PRESCREEN_PAGE_WASM=$PWD/target/wasm32-unknown-unknown/page/prescreen_page_engine.wasm cargo build
//! ```
//!
//! Without `PRESCREEN_PAGE_WASM` the binary is built without it (plain `cargo build`
//! and `cargo test` need nothing but the host toolchain) and `prescreen page` says how
//! to get it. The engine is stored zlib-compressed: the page inflates it with the
//! browser's own `DecompressionStream`.

use std::{env, fs, path::PathBuf};

fn main() {
    println!("cargo:rerun-if-env-changed=PRESCREEN_PAGE_WASM");
    // Tests that need the engine are ignored (not passed) in a build without it.
    println!("cargo::rustc-check-cfg=cfg(page_engine)");
    let out = PathBuf::from(env::var_os("OUT_DIR").unwrap_or_default()).join("page-engine.wasm.z");
    let bytes = match env::var_os("PRESCREEN_PAGE_WASM").filter(|p| !p.is_empty()) {
        None => Vec::new(),
        Some(path) => {
            println!("cargo::rustc-cfg=page_engine");
            println!("cargo:rerun-if-changed={}", PathBuf::from(&path).display());
            let wasm = fs::read(&path).unwrap_or_else(|e| {
                panic!(
                    "PRESCREEN_PAGE_WASM={}: {e}",
                    PathBuf::from(&path).display()
                )
            });
            assert!(
                wasm.starts_with(b"\0asm"),
                "PRESCREEN_PAGE_WASM={}: not a WebAssembly module",
                PathBuf::from(&path).display()
            );
            miniz_oxide::deflate::compress_to_vec_zlib(&wasm, 10)
        }
    };
    fs::write(&out, bytes).unwrap_or_else(|e| panic!("{}: {e}", out.display()));
}
