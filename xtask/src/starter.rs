//! `cargo xtask starter`: a standalone copy of one course crate, with every
//! workspace crate it depends on, a workspace manifest of its own holding
//! the settings they inherit ([`crate::manifest`]), this workspace's
//! `Cargo.lock` (so `cargo test --offline` passes with nothing else), and
//! the book's pages of its topics.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow, bail};
use fs_err as fs;
use toml_edit::DocumentMut;

use crate::manifest::{all_dependencies, members, workspace_manifest};
use crate::{dest, quote};

/// Crates a learner may take as a starter (the tour, xtask and the benches are tools).
pub const COURSE_CRATES: [&str; 5] = [
    "common",
    "threads",
    "sync-primitives",
    "processes",
    "async-basics",
];

/// What a starter holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The crate's exercises unsolved (`todo!()`, or the bug of a fix
    /// exercise), with `EXERCISES.md`: something to do. The default.
    Skeleton,
    /// The workspace's code as it is (`--solutions`).
    Solutions,
}

/// A starter that was written.
#[derive(Debug)]
pub struct Starter {
    /// Where it is: the destination made absolute, with `..` resolved.
    pub path: PathBuf,
    /// The crates it holds, the one asked for first.
    pub crates: Vec<String>,
    /// Whether the crate has exercises (and the starter an `EXERCISES.md`).
    pub has_exercises: bool,
}

/// Writes the starter of `krate` (one of [`COURSE_CRATES`]) from the
/// workspace at `root` to `dest`, every check first: an unknown crate, and
/// the destinations that [`crate::dest`] refuses, leave nothing behind, and
/// so does a failure after them.
///
/// With [`Mode::Skeleton`], `krate`'s exercises are unsolved
/// ([`crate::exercises::derive`]) and `EXERCISES.md` is written beside the
/// crates. Either way the starter gets the rows of `exercises.toml` for the
/// crates it holds, which their checkers read.
pub fn write(root: &Path, krate: impl AsRef<OsStr>, dest: &Path, mode: Mode) -> Result<Starter> {
    let krate = krate.as_ref();
    let Some(krate) = krate.to_str().filter(|k| COURSE_CRATES.contains(k)) else {
        bail!(
            "unknown crate {}: a starter can be made of {}",
            quote(krate),
            COURSE_CRATES.join(", ")
        );
    };
    let workspace: DocumentMut = fs::read_to_string(root.join("Cargo.toml"))?
        .parse()
        .context("root Cargo.toml")?;
    let crates = crates_needed(root, &workspace, krate)?;
    let names: Vec<String> = crates.iter().map(|(name, _)| name.clone()).collect();
    let dest = dest::check(dest, root, &names, &members(&workspace))?;

    // Checked: from here on, a failure removes what this run created.
    let existed = dest.path.is_dir();
    let written = fs::create_dir_all(&dest.path)
        .map_err(anyhow::Error::from)
        .and_then(|()| populate(root, &workspace, &crates, &dest.path))
        .and_then(|()| exercises(root, &names, krate, mode, &dest.path));
    if let Err(e) = written {
        if existed {
            for entry in std::fs::read_dir(&dest.path)
                .into_iter()
                .flatten()
                .flatten()
            {
                let _ = std::fs::remove_dir_all(entry.path())
                    .or_else(|_| std::fs::remove_file(entry.path()));
            }
        } else {
            let _ =
                std::fs::remove_dir_all(dest.first_missing_parent.as_ref().unwrap_or(&dest.path));
        }
        return Err(e.context(format!("cannot write the starter to {}", dest.shown)));
    }
    Ok(Starter {
        has_exercises: dest.path.join("EXERCISES.md").is_file(),
        path: dest.path,
        crates: names,
    })
}

/// `krate` and every workspace crate it depends on (by `path`, directly or
/// through `workspace = true`), transitively, `krate` first, each with its
/// manifest.
fn crates_needed(
    root: &Path,
    workspace: &DocumentMut,
    krate: &str,
) -> Result<Vec<(String, DocumentMut)>> {
    let mut order = vec![krate.to_string()];
    let mut manifests = Vec::new();
    while let Some(name) = order.get(manifests.len()).cloned() {
        let manifest: DocumentMut = fs::read_to_string(root.join(&name).join("Cargo.toml"))?
            .parse()
            .with_context(|| format!("{name}/Cargo.toml"))?;
        for (dependency, entry) in all_dependencies(manifest.as_table()) {
            let path = match entry.get("workspace").and_then(|w| w.as_bool()) {
                Some(true) => workspace["workspace"]["dependencies"]
                    .get(&dependency)
                    .and_then(|d| d.get("path")),
                _ => entry.get("path"),
            };
            let Some(path) = path.and_then(|p| p.as_str()) else {
                continue;
            };
            let dir = Path::new(path)
                .file_name()
                .ok_or_else(|| anyhow!("{name}/Cargo.toml: odd path dependency {path}"))?
                .to_string_lossy()
                .into_owned();
            if !order.contains(&dir) {
                order.push(dir);
            }
        }
        manifests.push((name, manifest));
    }
    Ok(manifests)
}

fn populate(
    root: &Path,
    workspace: &DocumentMut,
    crates: &[(String, DocumentMut)],
    to: &Path,
) -> Result<()> {
    fs::write(
        to.join("Cargo.toml"),
        workspace_manifest(workspace, crates)?,
    )?;
    for (name, _) in crates {
        crate::copy_tree(&root.join(name), &to.join(name), &|text, _| {
            text.to_string()
        })?;
    }
    fs::copy(root.join("Cargo.lock"), to.join("Cargo.lock"))?;
    fs::write(to.join(".gitignore"), "target/\n")?;
    copy_chapter(root, &crates[0].0, to)
}

/// The exercises' part of a starter: the manifest rows of `crates`, and for
/// a skeleton, `krate`'s exercises unsolved and its `EXERCISES.md`.
fn exercises(root: &Path, crates: &[String], krate: &str, mode: Mode, to: &Path) -> Result<()> {
    use crate::exercises::{load, manifest_for, pages, skeleton_files};
    use common::exercises::MANIFEST;

    if !root.join(MANIFEST).is_file() {
        return Ok(()); // a workspace without exercises (the tests' small ones)
    }
    let manifest = load(root)?;
    fs::write(
        to.join(MANIFEST),
        manifest_for(&fs::read_to_string(root.join(MANIFEST))?, crates)?,
    )?;
    let Some(page) = manifest.page(krate) else {
        return Ok(()); // common has no exercises
    };
    fs::write(to.join("EXERCISES.md"), pages::page(&manifest, page, false))?;
    if mode == Mode::Skeleton {
        for (file, text) in skeleton_files(root, &manifest, krate, 0)? {
            fs::write(to.join(file), text)?;
        }
    }
    Ok(())
}

/// The book's pages of `krate`'s topics (with their section's opening page,
/// their captured output and the pages they all lean on), at the same paths
/// under `docs/src/`, so a learner offline still has the text and its
/// includes still resolve (they point at `../../../<crate>/...`).
fn copy_chapter(root: &Path, krate: &str, to: &Path) -> Result<()> {
    let topics = root.join("topics.toml");
    if !topics.is_file() {
        return Ok(()); // a workspace without a book (the tests' small ones)
    }
    let manifest = tour::Manifest::load(&topics).map_err(anyhow::Error::msg)?;
    let mut pages: Vec<PathBuf> = ["rust-first.md", "glossary.md"].map(PathBuf::from).into();
    for topic in manifest.topics.iter().filter(|t| t.package == krate) {
        let Some(page) = manifest.page(topic) else {
            continue;
        };
        let folder = Path::new(&page)
            .parent()
            .expect("a page sits in its section's folder");
        pages.push(folder.join("index.md"));
        pages.push(folder.join("output").join(format!("{}.txt", topic.example)));
        pages.push(PathBuf::from(page));
    }
    let src = root.join("docs/src");
    for page in pages.iter().filter(|p| src.join(p).is_file()) {
        let copy = to.join("docs/src").join(page);
        fs::create_dir_all(copy.parent().expect("a file has a folder"))?;
        fs::copy(src.join(page), copy)?;
    }
    Ok(())
}
