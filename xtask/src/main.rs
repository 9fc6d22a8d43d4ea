//! `cargo xtask ...`: the command line of the developer tasks (the library's
//! docs say what they do and guarantee).

use std::ffi::OsString;
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand};
use xtask::{book, exercises, i18n, starter};

/// Developer tasks of the course workspace.
#[derive(Parser)]
#[command(name = "cargo xtask", bin_name = "cargo xtask")]
enum Task {
    /// Write a standalone copy of a course crate to DEST (a new or empty
    /// directory outside the workspace's crates), with its exercises to do and
    /// EXERCISES.md
    Starter {
        /// common, threads, sync-primitives, processes or async-basics
        #[arg(value_name = "CRATE")]
        krate: OsString,
        dest: PathBuf,
        /// The finished code instead of the exercises to do
        #[arg(long)]
        solutions: bool,
    },
    /// The exercises of exercises.toml
    #[command(subcommand)]
    Exercises(Exercises),
    /// How far docs/po/ru.po is behind the English book: counts, the pages
    /// behind, the terms and the editor's rules
    I18n {
        /// Fail unless the catalog is complete, merged and clean
        #[arg(long)]
        check: bool,
        #[command(subcommand)]
        update: Option<Update>,
    },
    /// Check the book's includes, links, claims and quizzes, install mdBook
    /// 0.5.4, mdbook-i18n-helpers 0.4.0 and mdbook-quiz 0.5.0 into
    /// target/tools/ (or $COURSE_TOOLS_DIR) if missing, and build docs/book/
    Book {
        /// Only check (needs no tools)
        #[arg(long, conflicts_with = "capture")]
        check: bool,
        /// Run these topics' examples (all when none is named) and write their
        /// output to docs/src/<section>/output/<example>.txt
        #[arg(long, value_name = "TOPIC", num_args = 0..)]
        capture: Option<Vec<String>>,
    },
    /// Measure this machine again (minutes, on an idle machine): rewrite
    /// docs/measured/*.json, then the plots
    Measure,
    /// Render the book's pictures and tables from docs/measured/
    Plots {
        /// Render in memory and fail on any file that differs
        #[arg(long)]
        check: bool,
    },
}

#[derive(Subcommand)]
enum Exercises {
    /// Write the book's exercise pages (docs/src/exercises/)
    Pages,
    /// Check that exercises.toml and the markers in the code agree
    Check,
    /// In a scratch starter of each crate, check that every exercise's check
    /// fails before its solution and passes after
    Verify { crates: Vec<String> },
}

#[derive(Subcommand)]
enum Update {
    /// Merge docs/po/ru.po with the current English (gettext's msgmerge)
    Update,
}

fn main() -> ExitCode {
    match run(Task::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run(task: Task) -> Result<()> {
    let root = &workspace_root();
    let progress = &|line: &str| say(line).unwrap_or(());
    match task {
        Task::Starter {
            krate,
            dest,
            solutions,
        } => {
            let mode = if solutions {
                starter::Mode::Solutions
            } else {
                starter::Mode::Skeleton
            };
            let written = starter::write(root, krate, &dest, mode)?;
            let what = match mode {
                starter::Mode::Skeleton => "a starter (its exercises to do, EXERCISES.md)",
                starter::Mode::Solutions => "a starter with the solutions",
            };
            say(&format!(
                "Wrote {what} of `{}` to {} (crates: {}).",
                written.crates[0],
                written.path.display(),
                written.crates.join(", ")
            ))?;
            let test = match (mode, written.has_exercises) {
                (starter::Mode::Skeleton, true) => " --test exercises",
                _ => "",
            };
            let cd = xtask::shell_quote(&written.path);
            say(&format!("Next: cd {cd} && cargo test --offline{test}"))
        }
        Task::Exercises(Exercises::Pages) => {
            for (path, text) in exercises::pages::book_pages(&exercises::load(root)?) {
                let to = root.join("docs/src").join(&path);
                fs_err::create_dir_all(to.parent().expect("a page has a folder"))?;
                fs_err::write(&to, text)?;
                say(&format!("wrote docs/src/{path}"))?;
            }
            Ok(())
        }
        Task::Exercises(Exercises::Check) => {
            let problems = exercises::check_markers(root, &exercises::load(root)?);
            fail_on(&problems, "problem(s)")?;
            say("exercises.toml and the markers in the code agree.")
        }
        Task::Exercises(Exercises::Verify { crates }) => {
            exercises::verify::verify(root, &crates, progress)?;
            say("Every check fails before its solution and passes after it.")
        }
        Task::I18n {
            update: Some(Update::Update),
            ..
        } => i18n::update(root, progress),
        Task::I18n { check, .. } => i18n_report(root, check),
        Task::Book { check: true, .. } => {
            fail_on(&book::check::all(root), "problem(s)")?;
            say("The book's includes, links, claims and quizzes all agree.")
        }
        Task::Book {
            capture: Some(only),
            ..
        } => {
            let written = book::capture::capture(root, &only, progress)?;
            say(&format!(
                "Wrote {} output file(s) under docs/src/.",
                written.len()
            ))
        }
        Task::Book { .. } => {
            let index = book::build(root, progress)?;
            say(&format!("The book is at {}", index.display()))
        }
        Task::Measure => {
            let written = xtask::measure::measure(root, progress)?;
            let plots = xtask::plots::write(root)?;
            say(&format!(
                "Wrote {} JSON file(s) under {} and {} picture(s) and table(s) under docs/src/.",
                written.len(),
                xtask::measure::MEASURED,
                plots.len()
            ))
        }
        Task::Plots { check: false } => {
            let written = xtask::plots::write(root)?;
            say(&format!(
                "Rendered {} file(s) under docs/src/.",
                written.len()
            ))
        }
        Task::Plots { check: true } => {
            let problems = xtask::plots::check(root)?;
            fail_on(
                &problems,
                "file(s) do not match docs/measured/*.json (run `cargo xtask plots`)",
            )?;
            say("Every picture and table matches docs/measured/*.json.")
        }
    }
}

/// `cargo xtask i18n [--check]`: the counts, the pages behind, then every
/// finding of the terms and the editor's rules, with where it is.
fn i18n_report(root: &Path, check: bool) -> Result<()> {
    let report = i18n::inspect(root, &|line| say(line).unwrap_or(()))?;
    say(&report.status.report())?;
    if !check && !report.notes.is_empty() {
        say(&format!(
            "{} translation(s) worth a look: the English has a term of docs/po/TERMS.md, \
             the Russian not its word (fine when the sentence says it another way):",
            report.notes.len()
        ))?;
        for note in &report.notes {
            say(&format!("  {note}"))?;
        }
    }
    for finding in &report.findings {
        say(&format!("  {finding}"))?;
    }
    say(&report.counts())?;
    if check && !(report.status.complete() && report.findings.is_empty()) {
        bail!(
            "the Russian catalog is behind the English book or breaks a rule of \
             docs/po/TERMS.md or docs/TRANSLATING.md (above); docs/TRANSLATING.md says \
             how to catch up"
        );
    }
    Ok(())
}

/// An error listing `problems`, unless there are none.
fn fail_on(problems: &[String], what: &str) -> Result<()> {
    if problems.is_empty() {
        return Ok(());
    }
    bail!("{} {what}:\n  {}", problems.len(), problems.join("\n  "))
}

/// Prints a line to stdout. Unlike `println!`, which panics there, a reader
/// that has gone (`| head -0`, `| true`) is no error: like a Unix tool,
/// xtask just stops writing, and exits 0, its work being done.
fn say(text: &str) -> Result<()> {
    match writeln!(std::io::stdout().lock(), "{text}") {
        Err(e) if e.kind() != ErrorKind::BrokenPipe => {
            Err(e).context("cannot write to standard output")
        }
        _ => Ok(()),
    }
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask sits in the workspace root")
        .to_path_buf()
}
