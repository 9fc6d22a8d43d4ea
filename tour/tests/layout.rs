//! What a learner reads keeps its shape, in every course crate of
//! `topics.toml`: every example is a short header and anchored cells (for the
//! book) with their asserts inside, no function over 50 lines, every source
//! file readable in one sitting, and each crate's README and Python originals
//! point at each other.
//!
//! Files are read at run time from the workspace root. Each test lists every
//! problem it finds, each starting with the file's path from the root (so with
//! its crate), e.g. `threads/examples/gil.rs: header of 15 lines`.

use std::fs;
use std::path::{Path, PathBuf};

use tour::{Manifest, Topic, workspace_root};

/// Examples whose first cell must be the notebook's own (`notebook_cell`).
const NOTEBOOK_CELL_FIRST: [&str; 5] = [
    "gil",
    "lock_counter",
    "process_pool",
    "rayon_squares",
    "asyncio_run",
];

/// Every topic of `topics.toml`.
fn topics() -> Vec<Topic> {
    Manifest::load(&workspace_root().join("topics.toml"))
        .expect("topics.toml")
        .topics
}

/// A file of the workspace, by its path from the root ("threads/README.md").
fn read(path: &str) -> String {
    fs::read_to_string(workspace_root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Fails with every problem found, one a line.
#[track_caller]
fn assert_none(problems: &[String]) {
    assert!(problems.is_empty(), "\n{}\n", problems.join("\n"));
}

#[test]
fn every_example_has_a_short_header_ending_in_its_command() {
    let mut problems = Vec::new();
    for topic in topics() {
        let path = topic.example_path();
        let text = read(&path);
        let header: Vec<&str> = text.lines().take_while(|l| l.starts_with("//!")).collect();
        if header.len() > 14 {
            problems.push(format!("{path}: header of {} lines", header.len()));
        }
        let number = format!("//! {} ", topic.section);
        if !header.first().is_some_and(|l| l.starts_with(&number)) {
            problems.push(format!("{path}: header does not start {number:?}"));
        }
        for part in ["//! Python: ", "//! Rust: ", "//! Watch: ", "//! Varies: "] {
            if !header.iter().any(|l| l.starts_with(part)) {
                problems.push(format!("{path}: no {part:?} in the header"));
            }
        }
        let run = format!("//! Run: {}", topic.command());
        if header.last() != Some(&run.as_str()) {
            problems.push(format!("{path}: header does not end {run:?}"));
        }
    }
    assert_none(&problems);
}

/// The anchor names and bodies of a file's cells, in order; what is wrong
/// with them goes to `problems`, as does an `assert` in `main`.
fn cells<'a>(path: &str, text: &'a str, problems: &mut Vec<String>) -> Vec<(&'a str, String)> {
    let mut cells = Vec::new();
    let mut open: Option<(&str, String)> = None;
    let mut in_main = false;
    for (number, line) in text.lines().enumerate() {
        let at = format!("{path}:{}", number + 1);
        let code = line.trim();
        in_main = line.starts_with("fn main(") || (in_main && line != "}");
        if let Some(anchor) = code.strip_prefix("// ANCHOR: ") {
            if let Some((outer, _)) = open {
                problems.push(format!("{at}: anchor {anchor} inside {outer}"));
                return cells; // what follows is no longer a cell of its own
            }
            open = Some((anchor, String::new()));
        } else if let Some(anchor) = code.strip_prefix("// ANCHOR_END: ") {
            match open.take() {
                Some((name, body)) if name == anchor => cells.push((name, body)),
                _ => {
                    problems.push(format!("{at}: ANCHOR_END {anchor} ends no open cell"));
                    return cells;
                }
            }
        } else if let Some((_, body)) = &mut open {
            *body += line;
            body.push('\n');
        } else if in_main && code.starts_with("assert") {
            // Helpers may check their own work; `main` is only a table of contents.
            problems.push(format!("{at}: an assert in main, outside the cells"));
        }
    }
    match open {
        Some((name, _)) => problems.push(format!("{path}: cell {name} is never closed")),
        None if cells.is_empty() => problems.push(format!("{path}: no anchors")),
        None => {}
    }
    cells
}

#[test]
fn examples_are_anchored_cells_and_no_function_is_over_50_lines() {
    let mut problems = Vec::new();
    for topic in topics() {
        let path = topic.example_path();
        let text = read(&path);
        if text.contains("pick(") || text.contains("COURSE_QUICK") {
            problems.push(format!(
                "{path}: a quick-mode branch; the tests pass small sizes"
            ));
        }
        long_functions(&path, &text, &mut problems);
        let cells = cells(&path, &text, &mut problems);
        // Some anchors bracket a helper or a report table for the book to
        // show; the lesson's cells check what they show.
        if !cells.is_empty() && !cells.iter().any(|(_, body)| body.contains("assert")) {
            problems.push(format!("{path}: no cell asserts what it shows"));
        }
        let first = cells.first().map_or("no cell", |(anchor, _)| anchor);
        let notebook_first = NOTEBOOK_CELL_FIRST.contains(&topic.example.as_str())
            || cells.iter().any(|(anchor, _)| *anchor == "notebook_cell");
        if notebook_first && first != "notebook_cell" {
            problems.push(format!(
                "{path}: the notebook's cell comes first, not {first}"
            ));
        }
    }
    assert_none(&problems);
}

/// Reports each `fn` (or `pub async fn`, ..) of rustfmt'ed source over 50
/// lines: from its `fn` line to the `}` at the same indentation.
fn long_functions(path: &str, text: &str, problems: &mut Vec<String>) {
    let lines: Vec<&str> = text.lines().collect();
    for (start, line) in lines.iter().enumerate() {
        let code = line.trim_start();
        let indent = &line[..line.len() - code.len()];
        let mut rest = code;
        for qualifier in ["pub ", "pub(crate) ", "const ", "async ", "unsafe "] {
            rest = rest.strip_prefix(qualifier).unwrap_or(rest);
        }
        let Some(rest) = rest.strip_prefix("fn ") else {
            continue;
        };
        let name = rest.split(['(', '<']).next().unwrap_or(rest);
        let close = format!("{indent}}}");
        let end = (start..lines.len())
            .find(|&i| lines[i] == close || (i == start && line.ends_with('}')));
        match end {
            Some(end) if end - start + 1 > 50 => {
                problems.push(format!("{path}: fn {name} has {} lines", end - start + 1));
            }
            Some(_) => {}
            None => problems.push(format!("{path}:{}: no end of fn {name}", start + 1)),
        }
    }
}

/// The `.rs` files under `dir`, at any depth (none when it is missing).
fn rust_files(dir: &Path, found: &mut Vec<PathBuf>) {
    for path in fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
    {
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

#[test]
fn no_source_file_is_over_300_lines() {
    let root = workspace_root();
    let mut problems = Vec::new();
    let mut packages: Vec<String> = topics().into_iter().map(|t| t.package).collect();
    packages.sort();
    packages.dedup();
    for package in packages {
        let mut files = Vec::new();
        for dir in ["src", "examples", "tests", "benches"] {
            rust_files(&root.join(&package).join(dir), &mut files);
        }
        for path in files {
            let lines = fs::read_to_string(&path).unwrap().lines().count();
            if lines > 300 {
                let shown = path.strip_prefix(&root).unwrap_or(&path).display();
                problems.push(format!("{shown}: {lines} lines"));
            }
        }
    }
    assert_none(&problems);
}

/// A Python original may be shared by several topics; it names the command
/// of one of them.
#[test]
fn python_originals_say_how_to_run_them_from_the_workspace_root() {
    let topics = topics();
    let mut problems = Vec::new();
    for topic in &topics {
        let path = &topic.python;
        let text = read(path);
        let run = format!("Run: python3 {path}");
        if !text.lines().any(|l| l.trim() == run) {
            problems.push(format!("{path}: no line {run:?}"));
        }
        // "The Rust version: <command>", or "The Rust version (a model): <command>".
        let names_rust = |t: &Topic| {
            let rust = format!(": {}", t.command());
            text.lines()
                .map(str::trim)
                .any(|l| l.starts_with("The Rust version") && l.ends_with(&rust))
        };
        if !topics.iter().filter(|t| t.python == *path).any(names_rust) {
            problems.push(format!(
                "{path}: no line \"The Rust version: {}\"",
                topic.command()
            ));
        }
    }
    assert_none(&problems);
}

/// (That every link of a README leads somewhere, `tests/manifest.rs` checks.)
#[test]
fn readme_links_each_example_and_its_python_original() {
    let mut problems = Vec::new();
    for topic in topics() {
        let path = format!("{}/README.md", topic.package);
        let readme = read(&path);
        let python = topic.python.rsplit('/').next().unwrap_or_default();
        for target in [
            format!("examples/{}.rs", topic.example),
            format!("python/{python}"),
        ] {
            if !readme.contains(&format!("]({target})")) {
                problems.push(format!("{path}: no link to {target}"));
            }
        }
    }
    assert_none(&problems);
}
