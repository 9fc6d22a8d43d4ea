//! `cargo xtask starter`: a standalone copy of one course crate.
//!
//! Every check comes first: the crate's name, and the destination
//! ([`write()`] says which are refused). Then the copy is written to a staging
//! directory beside `<dest>` and renamed into place only when complete, so a
//! failure leaves nothing behind.

use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};

use toml_edit::DocumentMut;

use crate::manifest::{all_dependencies, members, resolve_manifest, workspace_manifest};
use crate::{dest, quote, shorten};

/// Crates a learner may take as a starter (the tour and xtask are tools).
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
/// workspace at `root` to `dest`.
///
/// Refused, before anything is created: an unknown crate; a destination that
/// exists and is not an empty directory (a file, say); one inside a crate the
/// starter copies (its copy would contain itself) or inside any other crate
/// of the workspace; one below a file. `dest` may be relative (to the
/// current directory), hold `..` and symbolic links, and need not be UTF-8:
/// the checks apply to the directory it names. Missing directories above it
/// are created, and removed again if the starter fails.
///
/// With [`Mode::Skeleton`], the regions of `krate`'s exercises in
/// `exercises.toml` are replaced by their skeletons (see
/// [`crate::exercises::derive`]), and `EXERCISES.md` is written beside the
/// crates. Either way the starter gets the rows of `exercises.toml` for the
/// crates it holds, which their checkers read.
pub fn write(
    root: &Path,
    krate: impl AsRef<OsStr>,
    dest: &Path,
    mode: Mode,
) -> Result<Starter, String> {
    let krate = krate.as_ref();
    let krate = krate
        .to_str()
        .filter(|k| COURSE_CRATES.contains(k))
        .ok_or_else(|| {
            format!(
                "unknown crate {}: a starter can be made of {}",
                quote(krate),
                COURSE_CRATES.join(", ")
            )
        })?;
    let workspace: DocumentMut = read(&root.join("Cargo.toml"))?
        .parse()
        .map_err(|e| format!("root Cargo.toml: {e}"))?;
    let crates = crates_needed(root, &workspace, krate)?;
    let dest = dest::check(dest, root, &crates, &members(&workspace))?;

    // Checked: from here on, every error removes what this run created.
    let parent = dest
        .path
        .parent()
        .expect("a checked destination is no root");
    let staging = parent.join(staging_name(&dest.path));
    let created = fs::create_dir_all(parent)
        .map_err(|e| (parent, e))
        .and_then(|()| fs::create_dir(&staging).map_err(|e| (staging.as_path(), e)));
    if let Err((dir, e)) = created {
        remove_created_parents(parent, dest.first_missing_parent.as_deref());
        return Err(format!(
            "cannot create {}: {e}",
            shorten(&dir.display().to_string())
        ));
    }
    let result = populate(root, &workspace, &crates, krate, &staging)
        .and_then(|()| exercises(root, &crates, krate, mode, &staging))
        .and_then(|()| {
            // rename(2) replaces an empty directory, and fails on a non-empty one.
            fs::rename(&staging, &dest.path)
                .map_err(|e| format!("cannot move the starter into {}: {e}", dest.path.display()))
        });
    if let Err(e) = result {
        let _ = fs::remove_dir_all(&staging);
        remove_created_parents(parent, dest.first_missing_parent.as_deref());
        return Err(e);
    }
    let has_exercises = dest.path.join("EXERCISES.md").is_file();
    Ok(Starter {
        path: dest.path,
        crates,
        has_exercises,
    })
}

/// Removes `parent` and the directories above it up to `top`, the ones this
/// run created, each only if it is (still) empty.
fn remove_created_parents(parent: &Path, top: Option<&Path>) {
    let Some(top) = top else { return };
    for dir in parent.ancestors().take_while(|d| d.starts_with(top)) {
        let _ = fs::remove_dir(dir);
    }
}

fn read(path: &Path) -> Result<String, String> {
    fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

/// `.<name>.starter-<pid>`: a hidden name of its own beside `dest` (on the
/// same file system, so the final rename works), kept as bytes so a name
/// that is not UTF-8 stays intact.
fn staging_name(dest: &Path) -> std::ffi::OsString {
    let mut name = std::ffi::OsString::from(".");
    name.push(dest.file_name().expect("a checked destination has a name"));
    name.push(format!(".starter-{}", std::process::id()));
    name
}

/// `krate` and every workspace crate it depends on (by `path`, directly or
/// through `workspace = true`), transitively, `krate` first.
fn crates_needed(root: &Path, workspace: &DocumentMut, krate: &str) -> Result<Vec<String>, String> {
    let mut order = vec![krate.to_string()];
    let mut i = 0;
    while i < order.len() {
        let manifest: DocumentMut = read(&root.join(&order[i]).join("Cargo.toml"))?
            .parse()
            .map_err(|e| format!("{}/Cargo.toml: {e}", order[i]))?;
        for (name, dep) in all_dependencies(manifest.as_table()) {
            let path = match dep.get("workspace").and_then(|w| w.as_bool()) {
                Some(true) => workspace["workspace"]["dependencies"]
                    .get(&name)
                    .and_then(|d| d.as_table_like())
                    .and_then(|d| d.get("path"))
                    .and_then(|p| p.as_str())
                    .map(str::to_string),
                _ => dep.get("path").and_then(|p| p.as_str()).map(|p| {
                    // A path relative to the crate's own directory.
                    let joined = Path::new(&order[i]).join(p);
                    joined.file_name().unwrap().to_string_lossy().into_owned()
                }),
            };
            if let Some(path) = path {
                let dir = Path::new(&path)
                    .file_name()
                    .ok_or_else(|| format!("odd path dependency {path}"))?
                    .to_string_lossy()
                    .into_owned();
                if !order.contains(&dir) {
                    order.push(dir);
                }
            }
        }
        i += 1;
    }
    Ok(order)
}

fn populate(
    root: &Path,
    workspace: &DocumentMut,
    crates: &[String],
    krate: &str,
    staging: &Path,
) -> Result<(), String> {
    for name in crates {
        copy_dir(&root.join(name), &staging.join(name))?;
        let manifest_path = staging.join(name).join("Cargo.toml");
        let resolved = resolve_manifest(&read(&manifest_path)?, workspace)
            .map_err(|e| format!("{name}/Cargo.toml: {e}"))?;
        fs::write(&manifest_path, resolved)
            .map_err(|e| format!("cannot write {}: {e}", manifest_path.display()))?;
    }
    fs::write(
        staging.join("Cargo.toml"),
        workspace_manifest(workspace, crates, krate),
    )
    .map_err(|e| format!("cannot write the workspace manifest: {e}"))?;
    fs::copy(root.join("Cargo.lock"), staging.join("Cargo.lock"))
        .map_err(|e| format!("cannot copy Cargo.lock: {e}"))?;
    fs::write(staging.join(".gitignore"), "target/\n")
        .map_err(|e| format!("cannot write .gitignore: {e}"))?;
    copy_chapter(root, krate, staging)
}

/// The exercises' part of a starter: the manifest rows of `crates`, and for
/// a skeleton, `krate`'s exercises unsolved and its `EXERCISES.md`.
fn exercises(
    root: &Path,
    crates: &[String],
    krate: &str,
    mode: Mode,
    staging: &Path,
) -> Result<(), String> {
    use crate::exercises::{load, manifest_for, pages, skeleton_files};
    use common::exercises::MANIFEST;

    if !root.join(MANIFEST).is_file() {
        return Ok(()); // a workspace without exercises (the tests' small ones)
    }
    let manifest = load(root)?;
    let text = read(&root.join(MANIFEST))?;
    let write = |path: &Path, text: &str| {
        fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
    };
    write(&staging.join(MANIFEST), &manifest_for(&text, crates)?)?;
    let Some(page) = manifest.page(krate) else {
        return Ok(()); // common has no exercises
    };
    write(
        &staging.join("EXERCISES.md"),
        &pages::page(&manifest, page, false),
    )?;
    if mode == Mode::Skeleton {
        for (file, text) in skeleton_files(root, &manifest, krate, 0)? {
            write(&staging.join(file), &text)?;
        }
    }
    Ok(())
}

/// The book's pages of `krate`'s topics (with their section's opening page,
/// their captured output and the pages they all lean on), at the same paths
/// under `docs/src/`, so a learner offline still has the text and its
/// includes still resolve (they point at `../../../<crate>/...`).
fn copy_chapter(root: &Path, krate: &str, staging: &Path) -> Result<(), String> {
    let topics = root.join("topics.toml");
    if !topics.is_file() {
        return Ok(()); // a workspace without a book (the tests' small ones)
    }
    let manifest = tour::Manifest::load(&topics)?;
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
        let to = staging.join("docs/src").join(page);
        fs::create_dir_all(to.parent().expect("a file has a folder"))
            .and_then(|()| fs::copy(src.join(page), &to).map(drop))
            .map_err(|e| format!("cannot copy docs/src/{}: {e}", page.display()))?;
    }
    Ok(())
}

/// Copies a directory tree, leaving out build output.
fn copy_dir(from: &Path, to: &Path) -> Result<(), String> {
    fs::create_dir_all(to).map_err(|e| format!("cannot create {}: {e}", to.display()))?;
    let entries = fs::read_dir(from).map_err(|e| format!("cannot read {}: {e}", from.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| format!("cannot read {}: {e}", from.display()))?;
        let name = entry.file_name();
        if name == "target" || name == "__pycache__" {
            continue;
        }
        let path = entry.path();
        if path.is_dir() {
            copy_dir(&path, &to.join(&name))?;
        } else {
            fs::copy(&path, to.join(&name))
                .map_err(|e| format!("cannot copy {}: {e}", path.display()))?;
        }
    }
    Ok(())
}
