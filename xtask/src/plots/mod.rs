//! `cargo xtask plots`: the pictures and tables of the measured numbers,
//! rendered from the committed JSON (`docs/measured/*.json`, read through
//! its schema, `tour::measured`) into the book's `docs/src/<section>/img/`
//! and `docs/src/<section>/measured/`, and the timelines of the traced runs
//! (`docs/measured/traces/`) into the `img/` folder of their example's section.
//!
//! Rendering never measures and is deterministic, so `--check` (which CI
//! runs) renders again in memory and fails on any file that differs, is
//! missing, or is a picture or table that nothing renders. Every file comes
//! in English and in each language of the pictures' gettext catalog
//! (`<name>.ru.svg`, `<name>.ru.md`), and the catalog's template is rendered
//! and checked with them ([`catalog`]).

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use fs_err as fs;
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
pub fn render(root: &Path) -> Result<Vec<File>> {
    render_in(root, &TRANSLATIONS)
}

/// The English files and the template, and those of the `translations`.
fn render_in(root: &Path, translations: &[&str]) -> Result<Vec<File>> {
    let measured = Measured::load(&root.join(MEASURED))?;
    let manifest = Manifest::load(&root.join("topics.toml")).map_err(anyhow::Error::msg)?;
    let mut tongues = vec![Tongue::english()];
    for code in translations {
        tongues.push(Tongue::load(root, code)?);
    }
    let mut out = Vec::new();
    for s in &tongues {
        out.extend(in_language(&measured, &manifest, s)?);
        // The texts that only some runs show: the template holds them, and
        // a catalog lacking one fails now, not when a run first shows it.
        tour::measured::every_text(s);
        let limits = ["RLIMIT_NOFILE", "threads", "not run"];
        let texts = tables::TEXTS.iter().chain(&timelines::TEXTS);
        for text in texts.chain(&data::TEXTS).chain(&limits) {
            s.text(text);
        }
        s.finish()?;
    }
    out.push((TEMPLATE.into(), tongues[0].template()));
    Ok(out)
}

/// Every picture and table in one language.
fn in_language(m: &Measured, manifest: &Manifest, s: &Tongue) -> Result<Vec<File>> {
    let file = |section: &str, folder: &str, name: &str, ext: &str| {
        let suffix = &s.suffix;
        PathBuf::from(format!("docs/src/{section}/{folder}/{name}{suffix}.{ext}"))
    };
    type Picture = fn(&Measured, &Tongue) -> Result<String>;
    let pictures: [(&str, &str, Picture); 6] = [
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
        let topic = manifest.topics.iter().find(|t| t.example == *example);
        let section = topic.and_then(|t| manifest.section(t.top_section()));
        let Some(section) = section else {
            anyhow::bail!("{MEASURED}/traces/{example}.*: no topic runs `{example}`");
        };
        let name = format!("{example}.timeline");
        let svg = timelines::render(example, traces, s)?;
        out.push((file(&section.folder, "img", &name, "svg"), svg));
    }
    let (compare, growth) = (&m.compare, &m.growth);
    let rows = |doc, ids: &[&str], args: &str| {
        let command = format!("cargo run --release -- --compare {args}");
        tables::rows(doc, ids, &command, s)
    };
    let tables = [
        ("1-concepts", "heartbeat", tables::heartbeat(m, s)),
        ("1-concepts", "gil", tables::gil(m, s)),
        (
            "4-multiprocessing",
            "scaling",
            rows(compare, &["cpu"], "cpu"),
        ),
        ("4-multiprocessing", "scaling_rust", tables::scaling(m, s)),
        (
            "4-multiprocessing",
            "cpu_growth",
            rows(growth, &["cpu-growth"], "--growth cpu-growth"),
        ),
        (
            "4-multiprocessing",
            "pool_job",
            rows(compare, &["cell/pool", "pool-job"], "cell/pool pool-job"),
        ),
        (
            "6-summary",
            "cells",
            rows(compare, &["cell", "pool-job"], "cell pool-job"),
        ),
        ("6-summary", "io", rows(compare, &["io"], "io")),
        (
            "6-summary",
            "io_growth",
            rows(growth, &["io-growth"], "--growth io-growth"),
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
    Ok(out
        .into_iter()
        .map(|(file, text)| (file, s.numbers(text)))
        .collect())
}

/// Renders every file and writes it; returns the paths written. The
/// template is written first, so that a translation lacking a new text can
/// be brought up to date from it (`msgmerge`).
pub fn write(root: &Path) -> Result<Vec<PathBuf>> {
    let english = render_in(root, &[])?;
    store(
        root,
        english.iter().filter(|(p, _)| p == Path::new(TEMPLATE)),
    )?;
    let files = render(root)?;
    store(root, &files)?;
    Ok(files.into_iter().map(|(p, _)| p).collect())
}

fn store<'a>(root: &Path, files: impl IntoIterator<Item = &'a File>) -> Result<()> {
    for (path, text) in files {
        let path = root.join(path);
        fs::create_dir_all(path.parent().context("under docs/")?)?;
        fs::write(&path, text)?;
    }
    Ok(())
}

/// Renders every file in memory and lists each committed one that differs
/// or is missing, and each SVG under an `img/` folder or Markdown file under
/// a `measured/` folder that nothing renders.
pub fn check(root: &Path) -> Result<Vec<String>> {
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
    for section in fs::read_dir(root.join("docs/src"))?.flatten() {
        for (folder, extension, what) in [("img", "svg", "picture"), ("measured", "md", "table")] {
            let entries = std::fs::read_dir(section.path().join(folder)).into_iter();
            for path in entries.flatten().flatten().map(|e| e.path()) {
                let relative = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
                if path.extension().is_some_and(|e| e == extension)
                    && !files.iter().any(|(p, _)| *p == relative)
                {
                    let shown = relative.display();
                    problems.push(format!("{shown}: no JSON renders it (a stale {what}?)"));
                }
            }
        }
    }
    problems.sort();
    Ok(problems)
}
