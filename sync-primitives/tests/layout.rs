//! What a learner reads keeps its shape: every example is a short header and
//! cells (anchored for the book, no function over 50 lines), every file fits
//! in one sitting, and the README and the Python originals point at each other
//! with paths that work.

use std::fs;
use std::path::{Path, PathBuf};

const EXAMPLES: [&str; 11] = [
    "lock_counter",
    "rlock",
    "condition",
    "semaphore",
    "bounded_semaphore",
    "event",
    "barrier",
    "race_condition",
    "deadlock",
    "channels",
    "memory_ordering",
];

fn crate_file(path: impl AsRef<Path>) -> (PathBuf, String) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    (path, text)
}

#[test]
fn every_example_has_a_short_header_ending_in_its_command() {
    for name in EXAMPLES {
        let (path, text) = crate_file(format!("examples/{name}.rs"));
        let header: Vec<&str> = text.lines().take_while(|l| l.starts_with("//!")).collect();
        assert!(
            header.len() <= 14,
            "{}: header of {} lines",
            path.display(),
            header.len()
        );
        assert!(
            header[0].starts_with("//! 3."),
            "{}: no section number",
            path.display()
        );
        for part in ["//! Python: ", "//! Rust: ", "//! Watch: ", "//! Varies: "] {
            assert!(
                header.iter().any(|l| l.starts_with(part)),
                "{}: no {part:?}",
                path.display()
            );
        }
        let feature = if name == "deadlock" {
            " --features deadlock_detection"
        } else {
            ""
        };
        let run = format!("//! Run: cargo run --release --example {name}{feature}");
        assert_eq!(header.last(), Some(&run.as_str()), "{}", path.display());
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

#[test]
fn examples_are_anchored_cells_and_no_function_is_over_50_lines() {
    for name in EXAMPLES {
        let (path, text) = crate_file(format!("examples/{name}.rs"));
        for (function, lines) in functions(&text) {
            assert!(
                lines <= 50,
                "{}: fn {function} has {lines} lines",
                path.display()
            );
        }
        let opened: Vec<&str> = text
            .lines()
            .filter_map(|l| l.trim().strip_prefix("// ANCHOR: "))
            .collect();
        let closed: Vec<&str> = text
            .lines()
            .filter_map(|l| l.trim().strip_prefix("// ANCHOR_END: "))
            .collect();
        assert!(!opened.is_empty(), "{}: no anchors", path.display());
        let (mut opened_sorted, mut closed_sorted) = (opened.clone(), closed.clone());
        opened_sorted.sort_unstable();
        closed_sorted.sort_unstable();
        assert_eq!(
            opened_sorted,
            closed_sorted,
            "{}: unmatched anchors",
            path.display()
        );
        assert!(
            !text.contains("quick_mode()"),
            "{}: quick mode goes through pick",
            path.display()
        );
    }
    let (_, lock_counter) = crate_file("examples/lock_counter.rs");
    let first = lock_counter
        .lines()
        .find_map(|l| l.strip_prefix("// ANCHOR: "));
    assert_eq!(
        first,
        Some("notebook_cell"),
        "the notebook's cell comes first"
    );
}

#[test]
fn no_source_file_is_over_300_lines() {
    for dir in ["src", "examples", "tests", "benches"] {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
        for entry in fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "rs") {
                let lines = fs::read_to_string(&path).unwrap().lines().count();
                assert!(lines <= 300, "{}: {lines} lines", path.display());
            }
        }
    }
}

#[test]
fn python_originals_say_how_to_run_them_from_the_workspace_root() {
    for name in EXAMPLES {
        let (path, text) = crate_file(format!("python/{name}.py"));
        let run = format!("Run: python3 sync-primitives/python/{name}.py");
        assert!(
            text.lines().any(|l| l.trim() == run),
            "{}: no line {run:?}",
            path.display()
        );
    }
}

#[test]
fn readme_links_each_example_and_its_python_original() {
    let (_, readme) = crate_file("README.md");
    for name in EXAMPLES {
        for target in [
            format!("(examples/{name}.rs)"),
            format!("(python/{name}.py)"),
        ] {
            assert!(readme.contains(&target), "README has no link {target}");
            let file = target.trim_matches(['(', ')']);
            assert!(crate_file(file).0.is_file());
        }
    }
}
