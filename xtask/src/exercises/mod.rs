//! `cargo xtask exercises`: the exercises of `exercises.toml`, as the
//! starter, the book and CI need them.
//!
//! - [`skeleton_files`]: a crate's files with its exercises unsolved (the
//!   starter writes them; [`verify`] solves them again one by one);
//! - [`check_markers`]: the manifest and the markers in the code agree;
//! - [`pages`]: the book's exercise pages, generated from the manifest;
//! - [`verify`]: in a scratch starter, every check fails before its
//!   solution and passes after it.

use std::collections::BTreeSet;
use std::path::Path;

use anyhow::Result;
use common::exercises::{Exercise, Kind, MANIFEST, Manifest};

pub mod derive;
pub mod pages;
pub mod verify;

/// The workspace's `exercises.toml`.
pub fn load(root: &Path) -> Result<Manifest> {
    Manifest::load(&root.join(MANIFEST)).map_err(anyhow::Error::msg)
}

/// The files `krate`'s exercises touch, each with every exercise from the
/// `solved`-th on (in manifest order) unsolved: `solved = 0` is the
/// starter's skeleton, `solved = n` the solution. Paths are from the root.
pub fn skeleton_files(
    root: &Path,
    manifest: &Manifest,
    krate: &str,
    solved: usize,
) -> Result<Vec<(String, String)>> {
    let all: Vec<&Exercise> = manifest.of(krate).collect();
    let unsolved = &all[solved.min(all.len())..];
    let files: BTreeSet<&str> = all.iter().map(|e| e.file.as_str()).collect();
    files
        .into_iter()
        .map(|file| {
            let text = fs_err::read_to_string(root.join(file))?;
            derive::skeleton(&text, file, unsolved).map(|t| (file.to_string(), t))
        })
        .collect()
}

/// What disagrees between `exercises.toml` and the code: every row's file
/// holds its markers (and a fix its bug, inside its omitted region), every
/// marker has its row, and each crate's `tests/exercises.rs` checks exactly
/// its exercises. Empty when all agree.
pub fn check_markers(root: &Path, manifest: &Manifest) -> Vec<String> {
    let mut problems = Vec::new();
    for e in &manifest.exercises {
        let Ok(text) = std::fs::read_to_string(root.join(&e.file)) else {
            problems.push(format!("{}: its file {} is missing", e.id, e.file));
            continue;
        };
        let lines: Vec<&str> = text.lines().collect();
        let mut expect = |name: String, wanted: bool| {
            let count = derive::regions(&lines, &name).map(|r| r.len());
            match count {
                Err(m) => problems.push(format!("{}: {m}", e.file)),
                Ok(1) if wanted => {}
                Ok(0) if !wanted => {}
                Ok(n) => problems.push(format!(
                    "{}: {n} regions {name}, expected {}",
                    e.file,
                    u8::from(wanted)
                )),
            }
        };
        expect(format!("solution_{}", e.id), true);
        expect(format!("bug_{}", e.id), e.kind == Kind::Fix);
        expect(format!("omit_{}", e.id), e.kind == Kind::Fix);
        if !text.contains(e.item.trim_end_matches("()")) {
            problems.push(format!("{}: {} does not mention {}", e.id, e.file, e.item));
        }
        if let Err(m) = derive::skeleton(&text, &e.file, &[e]) {
            problems.push(format!("{m:#}"));
        }
    }
    problems.extend(stray_markers(root, manifest));
    for c in &manifest.crates {
        let checker = root.join(&c.name).join("tests/exercises.rs");
        let text = std::fs::read_to_string(&checker).unwrap_or_default();
        for e in manifest.of(&c.name) {
            if !text.contains(&format!("(\"{}\",", e.id)) {
                problems.push(format!(
                    "{}/tests/exercises.rs has no check for {}",
                    c.name, e.id
                ));
            }
        }
    }
    problems
}

/// Markers in the course crates' sources that name no exercise of theirs.
fn stray_markers(root: &Path, manifest: &Manifest) -> Vec<String> {
    let mut problems = Vec::new();
    for c in &manifest.crates {
        for file in crate::files_with(&root.join(&c.name).join("src"), "rs") {
            let text = std::fs::read_to_string(&file).unwrap_or_default();
            let rel = file
                .strip_prefix(root)
                .unwrap_or(&file)
                .display()
                .to_string();
            for line in text.lines() {
                let Some(name) = line.trim().strip_prefix("// ANCHOR: ") else {
                    continue;
                };
                let id = ["solution_", "bug_", "omit_"]
                    .iter()
                    .find_map(|p| name.strip_prefix(p));
                if let Some(id) = id {
                    let known = manifest.of(&c.name).any(|e| e.id == id && e.file == rel);
                    if !known {
                        problems.push(format!(
                            "{rel}: marker {name} names no exercise of this file in exercises.toml"
                        ));
                    }
                }
            }
        }
    }
    problems
}

/// `exercises.toml` as a starter holding `crates` needs it: their rows only,
/// comments and order kept.
pub fn manifest_for(text: &str, crates: &[String]) -> Result<String> {
    let mut doc: toml_edit::DocumentMut = text.parse()?;
    let keep = |t: &toml_edit::Table, key: &str| {
        t.get(key)
            .and_then(|v| v.as_str())
            .is_some_and(|name| crates.iter().any(|c| c == name))
    };
    if let Some(rows) = doc
        .get_mut("crate")
        .and_then(|i| i.as_array_of_tables_mut())
    {
        rows.retain(|t| keep(t, "name"));
    }
    if let Some(rows) = doc
        .get_mut("exercise")
        .and_then(|i| i.as_array_of_tables_mut())
    {
        rows.retain(|t| keep(t, "crate"));
    }
    Ok(doc.to_string())
}
