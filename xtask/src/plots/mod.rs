//! `cargo xtask plots`: the pictures and tables of the measured numbers,
//! rendered from the committed JSON (`docs/measured/*.json`, written by
//! `cargo xtask measure`) into the book's `docs/src/<section>/img/*.svg`
//! and `docs/src/<section>/measured/*.md`.
//!
//! Rendering never measures and is deterministic: the same JSON gives the
//! same bytes, so `cargo xtask plots --check` (which CI runs) renders again
//! in memory and fails on any file that differs, is missing, or is a
//! picture in an `img/` folder or a table in a `measured/` folder that
//! nothing renders. Every picture and table comes in English (`<name>.svg`,
//! `<name>.md`) and Russian (`<name>.ru.svg`, `<name>.ru.md`, which the
//! Russian book includes in place of the English), from [`strings`]: the
//! Russian shows no English word of the JSON, and text it has no Russian
//! for fails the rendering with its name. Each picture has a white
//! background, axes labelled with their units, and a caption naming the
//! machine it was measured on and how to measure it again; each table ends
//! with the same, and the flags of the run.

use std::path::{Path, PathBuf};

use crate::measure::MEASURED;

mod cells;
mod concepts;
mod data;
mod draw;
mod lesson_tables;
mod measured;
mod scaling;
pub mod strings;
mod tables;
mod ticks;

use data::Doc;

/// Every file `plots` writes, relative to the workspace root, with its text.
pub fn render(root: &Path) -> Result<Vec<(PathBuf, String)>, String> {
    let dir = root.join(MEASURED);
    let compare = Doc::load(&dir, "compare.json")?.full()?;
    let growth = Doc::load(&dir, "growth.json")?.full()?;
    let lessons = Doc::load(&dir, "lessons.json")?;
    let mut out = Vec::new();
    for s in strings::ALL {
        let svg = |section: &str, name: &str| {
            PathBuf::from(format!("docs/src/{section}/img/{name}{}.svg", s.suffix))
        };
        out.push((
            svg("1-concepts", "timeline"),
            concepts::timeline(&lessons, s)?,
        ));
        out.push((
            svg("1-concepts", "heartbeat"),
            concepts::heartbeat(&lessons, s)?,
        ));
        out.push((
            svg("1-concepts", "gil_speedup"),
            concepts::gil(&compare, &growth, &lessons, s)?,
        ));
        out.push((
            svg("4-multiprocessing", "scaling"),
            scaling::scaling(&compare, &growth, s)?,
        ));
        out.push((
            svg("4-multiprocessing", "cpu_growth"),
            measured::cpu_growth(&growth, s)?,
        ));
        out.push((svg("6-summary", "cells"), cells::cells(&compare, s)?));
        out.push((svg("6-summary", "io_growth"), measured::io(&growth, s)?));
    }
    for s in strings::ALL {
        out.extend(tables(&compare, &growth, &lessons, s)?);
    }
    Ok(out)
}

/// The tables in one language: `measured/<name>.md`, or `<name>.ru.md`.
fn tables(
    compare: &Doc,
    growth: &Doc,
    lessons: &Doc,
    s: &strings::Strings,
) -> Result<Vec<(PathBuf, String)>, String> {
    let table = |section: &str, name: &str| {
        PathBuf::from(format!("docs/src/{section}/measured/{name}{}.md", s.suffix))
    };
    let rows = |doc: &Doc, ids: &[String], command: &str| {
        let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
        tables::rows(doc, &ids, command, s)
    };
    let cells = [compare.ids("cell/"), vec!["pool-job".into()]].concat();
    Ok(vec![
        (
            table("1-concepts", "timeline"),
            lesson_tables::lessons(lessons, "timeline", s)?,
        ),
        (
            table("1-concepts", "heartbeat"),
            lesson_tables::lessons(lessons, "heartbeat", s)?,
        ),
        (
            table("1-concepts", "gil"),
            lesson_tables::gil(compare, growth, lessons, s),
        ),
        (
            table("4-multiprocessing", "scaling"),
            rows(
                compare,
                &compare.ids("cpu/"),
                "cargo run --release -- --compare cpu",
            )?,
        ),
        (
            table("4-multiprocessing", "scaling_rust"),
            tables::scaling(growth, s)?,
        ),
        (
            table("4-multiprocessing", "cpu_growth"),
            rows(
                growth,
                &growth.ids("cpu-growth/"),
                "cargo run --release -- --compare --growth cpu-growth",
            )?,
        ),
        (
            table("4-multiprocessing", "pool_job"),
            rows(
                compare,
                &["cell/pool".into(), "pool-job".into()],
                "cargo run --release -- --compare cell/pool pool-job",
            )?,
        ),
        (
            table("6-summary", "cells"),
            rows(
                compare,
                &cells,
                "cargo run --release -- --compare cell pool-job",
            )?,
        ),
        (
            table("6-summary", "io"),
            rows(
                compare,
                &compare.ids("io/"),
                "cargo run --release -- --compare io",
            )?,
        ),
        (
            table("6-summary", "io_growth"),
            rows(
                growth,
                &growth.ids("io-growth/"),
                "cargo run --release -- --compare --growth io-growth",
            )?,
        ),
        (
            table("6-summary", "claims"),
            tables::claims(&[growth, compare], s)?,
        ),
    ])
}

/// Renders every file and writes it; returns the paths written.
pub fn write(root: &Path) -> Result<Vec<PathBuf>, String> {
    let files = render(root)?;
    for (path, text) in &files {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().expect("under docs/src"))
            .map_err(|e| format!("cannot create the folder of {}: {e}", path.display()))?;
        std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    Ok(files.into_iter().map(|(p, _)| p).collect())
}

/// Renders every file in memory and lists each committed one that differs
/// or is missing, and each SVG under an `img/` folder or Markdown file under
/// a `measured/` folder that nothing renders.
pub fn check(root: &Path) -> Result<Vec<String>, String> {
    let files = render(root)?;
    let mut problems = Vec::new();
    for (path, text) in &files {
        match std::fs::read(root.join(path)) {
            Ok(bytes) if bytes == text.as_bytes() => {}
            Ok(_) => problems.push(format!(
                "{}: differs from what the JSON renders",
                path.display()
            )),
            Err(e) => problems.push(format!("{}: {e}", path.display())),
        }
    }
    let sections =
        std::fs::read_dir(root.join("docs/src")).map_err(|e| format!("docs/src: {e}"))?;
    for section in sections.flatten() {
        for (folder, extension, what) in [("img", "svg", "picture"), ("measured", "md", "table")] {
            let entries = std::fs::read_dir(section.path().join(folder)).into_iter();
            for entry in entries.flatten().flatten() {
                let path = entry.path();
                let relative = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
                if path.extension().is_some_and(|e| e == extension)
                    && !files.iter().any(|(p, _)| *p == relative)
                {
                    problems.push(format!(
                        "{}: no JSON renders it (a stale {what}?)",
                        relative.display()
                    ));
                }
            }
        }
    }
    problems.sort();
    Ok(problems)
}
