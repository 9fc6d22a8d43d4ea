//! `cargo xtask plots`: the pictures and tables of the measured numbers,
//! rendered from the committed JSON (`docs/measured/*.json`, written by
//! `cargo xtask measure`, read through its schema, `tour::measured`) into the
//! book's `docs/src/<section>/img/*.svg` and `docs/src/<section>/measured/*.md`,
//! and the timelines of the traced runs (`docs/measured/traces/`) into the
//! `img/` folder of their example's section.
//!
//! Rendering never measures and is deterministic: the same JSON gives the
//! same bytes, so `cargo xtask plots --check` (which CI runs) renders again
//! in memory and fails on any file that differs, is missing, or is a
//! picture in an `img/` folder or a table in a `measured/` folder that
//! nothing renders. Every picture and table comes in English (`<name>.svg`,
//! `<name>.md`) and in each language of the pictures' gettext catalog
//! (`<name>.ru.svg`, `<name>.ru.md`, which the Russian book includes in place
//! of the English), and the catalog's template is rendered and checked with
//! them ([`catalog`]). Each picture has a white background, axes labelled
//! with their units, and a caption naming the machine it was measured on and
//! how to measure it again; each table ends with the same, and the flags of
//! the run.

use std::path::{Path, PathBuf};

use tour::Manifest;
use tour::measured::Language;

use crate::measure::MEASURED;

pub mod catalog;
mod chart;
mod data;
mod pictures;
mod tables;
mod timelines;

use catalog::{TEMPLATE, TRANSLATIONS, Tongue};
use data::Measured;
pub use data::load;

/// A rendered file: its path from the workspace root, and its text.
type File = (PathBuf, String);

/// Every file `plots` writes, relative to the workspace root, with its text.
pub fn render(root: &Path) -> Result<Vec<File>, String> {
    render_in(root, &TRANSLATIONS)
}

/// The English files and the template, and those of the `translations`.
fn render_in(root: &Path, translations: &[&str]) -> Result<Vec<File>, String> {
    let measured = Measured::load(&root.join(MEASURED))?;
    let manifest = Manifest::load(&root.join("topics.toml"))?;
    let mut tongues = vec![Tongue::english()];
    for code in translations {
        tongues.push(Tongue::load(root, code)?);
    }
    let mut out = Vec::new();
    for s in &tongues {
        out.extend(in_language(&measured, &manifest, s)?);
        every_text(s);
        s.finish()?;
    }
    out.push((TEMPLATE.into(), tongues[0].template()));
    Ok(out)
}

/// Asks `s` for the texts that only some runs show, so that the template
/// holds them and a catalog lacking one fails now, not when a run first
/// shows it.
fn every_text(s: &Tongue) {
    tour::measured::every_text(s);
    let limits = ["RLIMIT_NOFILE", "threads", "not run"];
    let texts = tables::TEXTS
        .iter()
        .chain(&timelines::TEXTS)
        .chain(&data::TEXTS);
    for text in texts.chain(&limits) {
        s.text(text);
    }
}

/// Every picture and table in one language.
fn in_language(m: &Measured, manifest: &Manifest, s: &Tongue) -> Result<Vec<File>, String> {
    let file = |section: &str, folder: &str, name: &str, ext: &str| {
        PathBuf::from(format!(
            "docs/src/{section}/{folder}/{name}{}.{ext}",
            s.suffix
        ))
    };
    type Picture = fn(&Measured, &Tongue) -> Result<String, String>;
    let pictures: [(&str, &str, Picture); 7] = [
        ("1-concepts", "timeline", pictures::timeline),
        ("1-concepts", "heartbeat", pictures::heartbeat),
        ("1-concepts", "gil_speedup", pictures::gil),
        ("4-multiprocessing", "scaling", pictures::scaling),
        ("4-multiprocessing", "cpu_growth", pictures::cpu_growth),
        ("6-summary", "cells", pictures::cells),
        ("6-summary", "io_growth", pictures::io),
    ];
    let mut out = Vec::new();
    for (section, name, draw) in pictures {
        out.push((file(section, "img", name, "svg"), draw(m, s)?));
    }
    for (example, traces) in &m.traces {
        let folder = manifest
            .topics
            .iter()
            .find(|t| t.example == *example)
            .and_then(|t| manifest.section(t.top_section()))
            .map(|section| section.folder.clone())
            .ok_or_else(|| format!("{MEASURED}/traces/{example}.*: no topic runs `{example}`"))?;
        let name = format!("{example}.timeline");
        out.push((
            file(&folder, "img", &name, "svg"),
            timelines::render(example, traces, s)?,
        ));
    }
    let (compare, growth) = (&m.compare, &m.growth);
    let command = |args: &str| format!("cargo run --release -- --compare {args}");
    let tables = [
        ("1-concepts", "timeline", tables::lessons(m, true, s)),
        ("1-concepts", "heartbeat", tables::lessons(m, false, s)),
        ("1-concepts", "gil", tables::gil(m, s)),
        (
            "4-multiprocessing",
            "scaling",
            tables::rows(compare, &["cpu"], &command("cpu"), s),
        ),
        ("4-multiprocessing", "scaling_rust", tables::scaling(m, s)),
        (
            "4-multiprocessing",
            "cpu_growth",
            tables::rows(growth, &["cpu-growth"], &command("--growth cpu-growth"), s),
        ),
        (
            "4-multiprocessing",
            "pool_job",
            tables::rows(
                compare,
                &["cell/pool", "pool-job"],
                &command("cell/pool pool-job"),
                s,
            ),
        ),
        (
            "6-summary",
            "cells",
            tables::rows(compare, &["cell", "pool-job"], &command("cell pool-job"), s),
        ),
        (
            "6-summary",
            "io",
            tables::rows(compare, &["io"], &command("io"), s),
        ),
        (
            "6-summary",
            "io_growth",
            tables::rows(growth, &["io-growth"], &command("--growth io-growth"), s),
        ),
        ("6-summary", "claims", tables::claims(m, s)),
    ];
    for (section, name, text) in tables {
        out.push((file(section, "measured", name, "md"), text));
    }
    if let Some(interpreters) = &m.interpreters {
        let text = tables::interpreters(interpreters, s);
        out.push((file("1-concepts", "measured", "interpreters", "md"), text));
    }
    if let Some(benches) = &m.benches {
        let text = tables::benches(benches, s);
        out.push((file("6-summary", "measured", "benches", "md"), text));
    }
    Ok(out)
}

/// Renders every file and writes it; returns the paths written. The
/// template is written first, so that a translation lacking a new text can
/// be brought up to date from it (`msgmerge`).
pub fn write(root: &Path) -> Result<Vec<PathBuf>, String> {
    let english = render_in(root, &[])?;
    let template = english
        .into_iter()
        .filter(|(p, _)| p == Path::new(TEMPLATE));
    store(root, &template.collect::<Vec<_>>())?;
    let files = render(root)?;
    store(root, &files)?;
    Ok(files.into_iter().map(|(p, _)| p).collect())
}

fn store(root: &Path, files: &[File]) -> Result<(), String> {
    for (path, text) in files {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().expect("under docs/"))
            .map_err(|e| format!("cannot create the folder of {}: {e}", path.display()))?;
        std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    Ok(())
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
