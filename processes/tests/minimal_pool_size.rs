//! The minimal pool stays minimal: about a hundred lines of code, and the
//! README sends readers to it first. (The layout every course crate shares,
//! headers, cells and file sizes, is checked by `tour/tests/layout.rs`.)

use std::path::PathBuf;

/// This crate's directory, as cargo says at run time: a binary built from a
/// copy of the crate (`cargo xtask starter`) then still reads its own files.
fn crate_dir() -> PathBuf {
    std::env::var_os("CARGO_MANIFEST_DIR")
        .map_or_else(|| env!("CARGO_MANIFEST_DIR").into(), PathBuf::from)
}

fn crate_file(path: &str) -> String {
    let path = crate_dir().join(path);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn the_minimal_pool_is_about_a_hundred_lines_of_code() {
    let text = crate_file("src/pool/minimal.rs");
    let code = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("//"));
    let lines = code.count();
    assert!(
        lines <= 110,
        "processes/src/pool/minimal.rs has {lines} lines of code"
    );
}

#[test]
fn the_readme_sends_readers_to_the_minimal_pool() {
    let readme = crate_file("README.md");
    assert!(
        readme.contains("](src/pool/minimal.rs)"),
        "processes/README.md has no link to src/pool/minimal.rs"
    );
}
