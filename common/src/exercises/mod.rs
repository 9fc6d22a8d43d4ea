//! The course's exercises: `exercises.toml`, and the checker a crate's
//! `tests/exercises.rs` runs.
//!
//! Each exercise is a region of real lesson code, marked in its file:
//!
//! ```text
//! // ANCHOR: solution_<id>      the solution, which the lessons run today
//! // ANCHOR_END: solution_<id>
//! // ANCHOR: omit_<id>          (fix exercises) left out of the starter; it holds
//! // ANCHOR: bug_<id>           the buggy version, compiled beside the solution,
//! // ANCHOR_END: bug_<id>       which the starter puts in the solution's place
//! // ANCHOR_END: omit_<id>
//! ```
//!
//! `cargo xtask starter <crate> <dir>` replaces every solution of that crate
//! with a `todo!()` (or its bug), and [`checker::main`] tells a learner which
//! exercises are done. Both read the rows of `exercises.toml` through
//! [`Manifest`].

use std::path::{Path, PathBuf};

use serde::Deserialize;

pub mod checker;
mod report;

/// The file name of the manifest, at the root of the workspace (or starter).
pub const MANIFEST: &str = "exercises.toml";

/// `exercises.toml`: the crates' exercise pages, then one row per exercise.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// One row per crate that has exercises, in the book's order.
    #[serde(rename = "crate", default)]
    pub crates: Vec<CrateExercises>,
    /// Every exercise, in the order a learner does them.
    #[serde(rename = "exercise", default)]
    pub exercises: Vec<Exercise>,
}

/// What the book's exercise page of one crate says before the exercises.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CrateExercises {
    /// The crate (`threads`).
    pub name: String,
    /// The page's title.
    pub title: String,
    /// The paragraph that opens the page.
    pub intro: String,
    /// The instructor note: which exercises fit a 90-minute seminar.
    pub seminar: String,
}

/// One exercise.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exercise {
    /// The crate whose code it is in.
    #[serde(rename = "crate")]
    pub krate: String,
    /// Its name in markers and on the command line: `scoped_sum`.
    pub id: String,
    /// One line.
    pub title: String,
    /// Write a body, or repair a bug.
    pub kind: Kind,
    /// The file to edit, from the workspace root: `threads/src/parallel.rs`.
    pub file: String,
    /// The function (or type) to edit there.
    pub item: String,
    /// The command that checks it, run in the starter.
    pub check: String,
    /// What to do, in Markdown.
    pub statement: String,
    /// The `// TODO:` comment the starter puts on the lines to change.
    pub todo: String,
    /// Hints, the gentlest first.
    pub hints: Vec<String>,
    /// Seconds the check may run before it is reported as a likely
    /// deadlock (10 when absent).
    #[serde(default)]
    pub timeout: Option<u64>,
}

/// The two kinds of exercise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Write the body of something the lesson used.
    Implement,
    /// Find and repair a concurrency bug in working-looking code.
    Fix,
}

impl Kind {
    /// `implement` or `fix`, as in the manifest.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Implement => "implement",
            Kind::Fix => "fix",
        }
    }
}

impl Manifest {
    /// Reads and checks `path`.
    pub fn load(path: &Path) -> Result<Manifest, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let manifest: Manifest =
            toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        manifest
            .validate()
            .map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(manifest)
    }

    /// The manifest for a crate at `crate_dir`: `exercises.toml` in the
    /// directory above it, the root of the workspace or of a starter.
    pub fn find(crate_dir: &Path) -> Result<(PathBuf, Manifest), String> {
        let path = crate_dir
            .parent()
            .map(|root| root.join(MANIFEST))
            .ok_or_else(|| format!("{} has no parent", crate_dir.display()))?;
        Manifest::load(&path).map(|m| (path, m))
    }

    /// The exercises of `krate`, in order.
    pub fn of<'a>(&'a self, krate: &'a str) -> impl Iterator<Item = &'a Exercise> + 'a {
        self.exercises.iter().filter(move |e| e.krate == krate)
    }

    /// The page row of `krate`, if it has one.
    pub fn page(&self, krate: &str) -> Option<&CrateExercises> {
        self.crates.iter().find(|c| c.name == krate)
    }

    /// What a manifest must hold beyond its shape: ids that are unique and
    /// usable in anchors, a page row for every crate, hints, a TODO line,
    /// and a check that runs this exercise.
    fn validate(&self) -> Result<(), String> {
        let mut seen = std::collections::HashSet::new();
        for e in &self.exercises {
            let valid_id = !e.id.is_empty()
                && e.id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
            if !valid_id {
                return Err(format!(
                    "exercise id {:?}: use lowercase letters, digits and _",
                    e.id
                ));
            }
            if !seen.insert(&e.id) {
                return Err(format!("exercise id {} appears twice", e.id));
            }
            if self.page(&e.krate).is_none() {
                return Err(format!(
                    "exercise {}: no [[crate]] row for {}",
                    e.id, e.krate
                ));
            }
            if e.hints.len() < 2 || e.todo.trim().is_empty() {
                return Err(format!(
                    "exercise {}: needs a todo line and at least two hints",
                    e.id
                ));
            }
            if e.check != checker::command(&e.id) {
                return Err(format!(
                    "exercise {}: check should be `{}`",
                    e.id,
                    checker::command(&e.id)
                ));
            }
            if !e.file.starts_with(&format!("{}/", e.krate)) {
                return Err(format!(
                    "exercise {}: {} is not in {}",
                    e.id, e.file, e.krate
                ));
            }
        }
        Ok(())
    }
}
