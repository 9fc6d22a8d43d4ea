//! What a learner reads keeps its shape: every example is a short header and
//! anchored cells (for the book) with their asserts inside, no function over
//! 50 lines, every file readable in one sitting, and the README and the Python
//! originals point at each other with paths that work.

use std::fs;
use std::path::{Path, PathBuf};

const EXAMPLES: [&str; 11] = [
    "asyncio_run",
    "blocking_in_async",
    "event_loop",
    "runtime_flavors",
    "mini_event_loop",
    "coroutines_and_tasks",
    "cancellation",
    "async_sync",
    "gather",
    "callbacks",
    "io_bound",
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
        let path = path.display();
        assert!(
            header.len() <= 14,
            "{path}: header of {} lines",
            header.len()
        );
        assert!(
            header[0].starts_with("//! 5.") || header[0].starts_with("//! 6 "),
            "{path}: no section number"
        );
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
        let Some(rest) = ["fn ", "pub fn ", "async fn "]
            .iter()
            .find_map(|prefix| code.strip_prefix(prefix))
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
fn examples_are_anchored_cells_with_their_asserts_inside() {
    for name in EXAMPLES {
        let (path, text) = crate_file(format!("examples/{name}.rs"));
        let path = path.display();
        for (function, lines) in functions(&text) {
            assert!(lines <= 50, "{path}: fn {function} has {lines} lines");
        }
        let mut open: Option<&str> = None;
        let mut anchors = 0;
        for (number, line) in text.lines().enumerate() {
            let line_no = number + 1;
            let code = line.trim();
            if let Some(anchor) = code.strip_prefix("// ANCHOR: ") {
                assert_eq!(open, None, "{path}:{line_no}: anchor inside an anchor");
                open = Some(anchor);
                anchors += 1;
            } else if let Some(anchor) = code.strip_prefix("// ANCHOR_END: ") {
                assert_eq!(open, Some(anchor), "{path}:{line_no}: unmatched end");
                open = None;
            } else if code.starts_with("assert") {
                assert!(open.is_some(), "{path}:{line_no}: an assert outside a cell");
            }
        }
        assert_eq!(open, None, "{path}: an anchor is never closed");
        assert!(anchors > 0, "{path}: no anchors");
        assert!(
            !text.contains("quick_mode()"),
            "{path}: quick mode goes through pick"
        );
    }
    let (_, asyncio_run) = crate_file("examples/asyncio_run.rs");
    let first = asyncio_run
        .lines()
        .find_map(|l| l.strip_prefix("// ANCHOR: "));
    assert_eq!(
        first,
        Some("notebook_cell"),
        "the notebook's cell comes first"
    );
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
        rust_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join(dir), &mut files);
    }
    for path in files {
        let lines = fs::read_to_string(&path).unwrap().lines().count();
        assert!(lines <= 300, "{}: {lines} lines", path.display());
    }
}

#[test]
fn python_originals_say_how_to_run_them_from_the_workspace_root() {
    for name in EXAMPLES {
        let (path, text) = crate_file(format!("python/{name}.py"));
        let run = format!("Run: python3 async-basics/python/{name}.py");
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
            assert!(crate_file(file).0.is_file(), "{file} is missing");
        }
    }
}
