//! What a learner reads keeps its shape: every example is a short header and
//! anchored cells (no function over 50 lines), every source file fits in one
//! sitting, the minimal pool stays minimal, and the README and the Python
//! originals point at each other with paths that work.

use std::fs;
use std::path::{Path, PathBuf};

const EXAMPLES: [&str; 6] = [
    "process_basics",
    "pipes",
    "shared_memory",
    "process_pool",
    "rayon_squares",
    "cpu_bound_speedup",
];

/// This crate's directory, as cargo says at run time: a binary built from a
/// copy of the crate (`cargo xtask starter`) then still reads its own files.
fn crate_dir() -> PathBuf {
    std::env::var_os("CARGO_MANIFEST_DIR")
        .map_or_else(|| env!("CARGO_MANIFEST_DIR").into(), PathBuf::from)
}

fn crate_file(path: impl AsRef<Path>) -> (PathBuf, String) {
    let path = crate_dir().join(path);
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    (path, text)
}

#[test]
fn every_example_has_a_short_header_ending_in_its_command() {
    for name in EXAMPLES {
        let (path, text) = crate_file(format!("examples/{name}.rs"));
        let header: Vec<&str> = text.lines().take_while(|l| l.starts_with("//!")).collect();
        let path = path.display();
        assert!(
            header.len() <= 14,
            "{path}: header of {} lines",
            header.len()
        );
        assert!(header[0].starts_with("//! 4"), "{path}: no section number");
        for part in ["//! Python: ", "//! Rust: ", "//! Watch: ", "//! Varies: "] {
            assert!(
                header.iter().any(|l| l.starts_with(part)),
                "{path}: no {part:?}"
            );
        }
        let run = format!("//! Run: cargo run --release --example {name}");
        assert_eq!(header.last(), Some(&run.as_str()), "{path}");
    }
}

/// `(name, lines)` of each `fn` in rustfmt'ed source: from its `fn` line to
/// the `}` at the same indentation.
fn functions(text: &str) -> Vec<(String, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut found = Vec::new();
    for (start, line) in lines.iter().enumerate() {
        let code = line.trim_start();
        let indent = &line[..line.len() - code.len()];
        let Some(rest) = code
            .strip_prefix("fn ")
            .or_else(|| code.strip_prefix("pub fn "))
        else {
            continue;
        };
        let close = format!("{indent}}}");
        let end = (start..lines.len())
            .find(|&i| lines[i] == close || (i == start && line.ends_with('}')))
            .unwrap_or_else(|| panic!("no end for {line:?}"));
        let name = rest.split(['(', '<']).next().unwrap_or(rest).to_string();
        found.push((name, end - start + 1));
    }
    found
}

/// The names after `// ANCHOR: ` (or `// ANCHOR_END: `), in order.
fn anchors<'a>(text: &'a str, marker: &str) -> Vec<&'a str> {
    text.lines()
        .filter_map(|l| l.trim().strip_prefix(marker))
        .collect()
}

#[test]
fn examples_are_anchored_cells_and_no_function_is_over_50_lines() {
    for name in EXAMPLES {
        let (path, text) = crate_file(format!("examples/{name}.rs"));
        let path = path.display();
        for (function, lines) in functions(&text) {
            assert!(lines <= 50, "{path}: fn {function} has {lines} lines");
        }
        let (opened, closed) = (
            anchors(&text, "// ANCHOR: "),
            anchors(&text, "// ANCHOR_END: "),
        );
        assert!(!opened.is_empty(), "{path}: no anchors");
        assert_eq!(opened, closed, "{path}: anchors not closed in order");
        for anchor in &opened {
            let cell = text
                .split(&format!("// ANCHOR: {anchor}\n"))
                .nth(1)
                .unwrap();
            let cell = cell
                .split(&format!("// ANCHOR_END: {anchor}"))
                .next()
                .unwrap();
            // A cell that shows something checks it (definitions print nothing).
            let checked = !cell.contains("println!") || cell.contains("assert");
            assert!(checked, "{path}: cell {anchor} prints but checks nothing");
        }
        assert!(
            !text.contains("quick_mode()"),
            "{path}: quick mode goes through pick"
        );
    }
    for name in ["process_pool", "rayon_squares"] {
        let (_, text) = crate_file(format!("examples/{name}.rs"));
        let first = anchors(&text, "// ANCHOR: ").first().copied();
        assert_eq!(
            first,
            Some("notebook_cell"),
            "{name}: the notebook's cell comes first"
        );
    }
}

fn rust_files(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

#[test]
fn no_source_file_is_over_300_lines() {
    let mut files = Vec::new();
    for dir in ["src", "examples", "tests", "benches"] {
        rust_files(&crate_dir().join(dir), &mut files);
    }
    assert!(files.len() > 20, "found only {files:?}");
    for path in files {
        let lines = fs::read_to_string(&path).unwrap().lines().count();
        assert!(lines <= 300, "{}: {lines} lines", path.display());
    }
}

#[test]
fn the_minimal_pool_is_about_a_hundred_lines_of_code() {
    let (_, text) = crate_file("src/pool/minimal.rs");
    let code = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("//"));
    let lines = code.count();
    assert!(
        lines <= 110,
        "src/pool/minimal.rs has {lines} lines of code"
    );
}

#[test]
fn python_originals_say_how_to_run_them_from_the_workspace_root() {
    for name in EXAMPLES {
        let (path, text) = crate_file(format!("python/{name}.py"));
        for line in [
            format!("Run: python3 processes/python/{name}.py"),
            format!("The Rust version: cargo run --release --example {name}"),
        ] {
            let has = text.lines().any(|l| l.trim() == line);
            assert!(has, "{}: no line {line:?}", path.display());
        }
    }
}

#[test]
fn readme_links_each_example_its_python_original_and_the_minimal_pool() {
    let (_, readme) = crate_file("README.md");
    for name in EXAMPLES {
        for target in [
            format!("(examples/{name}.rs)"),
            format!("(python/{name}.py)"),
        ] {
            assert!(readme.contains(&target), "README has no link {target}");
        }
    }
    assert!(
        readme.contains("(src/pool/minimal.rs)"),
        "README sends readers to the minimal pool"
    );
    for link in readme.split("](").skip(1) {
        let target = link.split(')').next().unwrap();
        if !target.starts_with("http") && !target.starts_with('#') {
            let path = crate_dir().join(target);
            assert!(path.exists(), "README links to a missing {target}");
        }
    }
}
