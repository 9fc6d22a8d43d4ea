//! `cargo xtask ...`: the command line of the developer tasks (see the
//! library's docs for what they do and guarantee).

use std::ffi::OsString;
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use xtask::{book, quote, starter};

const USAGE: &str = "\
usage: cargo xtask starter <crate> <dest> [--solutions] | exercises ... | book ...

  starter <crate> <dest>   write a standalone copy of a course crate to <dest> (a new
                           or empty directory, outside the workspace's crates), with
                           its exercises to do and EXERCISES.md
  starter <crate> <dest> --solutions
                           the same, with the finished code instead
  exercises pages          write the book's exercise pages (docs/src/exercises/) from
                           exercises.toml
  exercises check          check that exercises.toml and the markers in the code agree
  exercises verify [CRATE..]
                           in a scratch starter of each crate, check that every
                           exercise's check fails before its solution and passes after
  i18n [--check]           how far docs/po/ru.po is behind the English book: counts,
                           the pages behind, the terminology check (--check: fail
                           unless complete, merged and clean)
  i18n update              merge docs/po/ru.po with the current English (gettext)
  book                     check the book's includes and links, install mdBook 0.5.4
                           and mdbook-i18n-helpers 0.4.0 into target/tools/ (or
                           $COURSE_TOOLS_DIR) if missing, and build docs/book/
  book --check             only check the includes and links (needs no tools)
  book --capture [TOPIC..] run each topic's example in full and write its output to
                           docs/src/<section>/output/<example>.txt for the pages
  measure                  measure this machine again (several minutes, on an idle
                           machine): rewrite docs/measured/*.json, then the plots
  plots [--check]          render the book's pictures and tables from docs/measured/
                           (--check: render in memory, fail on any file that differs)";

fn main() -> ExitCode {
    // `args_os`, not `args`: a destination need not be UTF-8, and `args`
    // panics on one that is not.
    let args: Vec<OsString> = std::env::args_os().skip(1).collect();
    let result = match args.as_slice() {
        [task, krate, dest] if task == "starter" => {
            starter_task(krate, dest, starter::Mode::Skeleton)
        }
        [task, krate, dest, flag] if task == "starter" && flag == "--solutions" => {
            starter_task(krate, dest, starter::Mode::Solutions)
        }
        [task, rest @ ..] if task == "exercises" => exercises_task(rest),
        [task, rest @ ..] if task == "i18n" => i18n_task(rest),
        [task] if task == "measure" => measure_task(),
        [task, rest @ ..] if task == "plots" => plots_task(rest),
        [task] if task == "book" => book::build(&workspace_root(), &|line| {
            let _ = say(line);
        })
        .and_then(|index| say(&format!("The book is at {}", index.display()))),
        [task, capture, only @ ..] if task == "book" && capture == "--capture" => {
            let only: Vec<String> = only
                .iter()
                .map(|o| o.to_string_lossy().into_owned())
                .collect();
            book::capture::capture(&workspace_root(), &only, &|line| {
                let _ = say(line);
            })
            .and_then(|written| {
                say(&format!(
                    "Wrote {} output file(s) under docs/src/.",
                    written.len()
                ))
            })
        }
        [task, check] if task == "book" && check == "--check" => {
            let problems = book::check::check(&workspace_root().join("docs/src"));
            if problems.is_empty() {
                say("The book's includes and links all resolve.")
            } else {
                Err(format!(
                    "{} problem(s):\n  {}",
                    problems.len(),
                    problems.join("\n  ")
                ))
            }
        }
        [help] if help == "--help" || help == "-h" || help == "help" => say(USAGE),
        _ => Err(format!(
            "expected `starter <crate> <dest> [--solutions]`, `exercises ...` or `book ...`, got {}\n\n{USAGE}",
            shown_args(&args)
        )),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

fn starter_task(krate: &OsString, dest: &OsString, mode: starter::Mode) -> Result<(), String> {
    let written = starter::write(&workspace_root(), krate, Path::new(dest), mode)?;
    let path = written.path.display();
    let what = match mode {
        starter::Mode::Skeleton => "a starter (its exercises to do, EXERCISES.md)",
        starter::Mode::Solutions => "a starter with the solutions",
    };
    say(&format!(
        "Wrote {what} of `{}` to {path} (crates: {}).",
        written.crates[0],
        written.crates.join(", ")
    ))?;
    match (mode, written.has_exercises) {
        (starter::Mode::Skeleton, true) => say(&format!(
            "Next: cd {path} && cargo test --offline --test exercises"
        )),
        _ => say(&format!("Next: cd {path} && cargo test --offline")),
    }
}

/// `i18n [--check] | i18n update`.
fn i18n_task(args: &[OsString]) -> Result<(), String> {
    use xtask::i18n;
    let root = workspace_root();
    let progress = |line: &str| {
        let _ = say(line);
    };
    let check = match args {
        [] => false,
        [flag] if flag == "--check" => true,
        [sub] if sub == "update" => return i18n::update(&root, &progress),
        _ => {
            return Err(format!(
                "expected `i18n`, `i18n --check` or `i18n update`\n\n{USAGE}"
            ));
        }
    };
    let (status, errors, notes) = i18n::inspect(&root, &progress)?;
    say(&status.report())?;
    if !notes.is_empty() {
        say(&format!(
            "{} translation(s) worth a look: the English has a term of docs/po/TERMS.md, \
             the Russian not its word (fine when the sentence says it another way):",
            notes.len()
        ))?;
        for note in notes.iter().take(if check { 0 } else { usize::MAX }) {
            say(&format!("  {note}"))?;
        }
    }
    for e in &errors {
        say(&format!("  term: {e}"))?;
    }
    if check && (!status.complete() || !errors.is_empty()) {
        return Err(format!(
            "the Russian catalog is behind the English book ({} fuzzy, {} untranslated, {} \
             missing, {} obsolete) or uses {} word(s) docs/po/TERMS.md avoids; \
             docs/TRANSLATING.md says how to catch up",
            status.fuzzy,
            status.untranslated,
            status.missing,
            status.obsolete,
            errors.len()
        ));
    }
    Ok(())
}

/// `exercises pages [--check] | check | verify [CRATE..]`.
fn exercises_task(args: &[OsString]) -> Result<(), String> {
    use xtask::exercises;
    let root = workspace_root();
    let args: Vec<String> = args
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        ["pages"] => {
            let manifest = exercises::load(&root)?;
            for (path, text) in exercises::pages::book_pages(&manifest) {
                let to = root.join("docs/src").join(&path);
                std::fs::create_dir_all(to.parent().expect("a page has a folder"))
                    .and_then(|()| std::fs::write(&to, text))
                    .map_err(|e| format!("cannot write docs/src/{path}: {e}"))?;
                say(&format!("wrote docs/src/{path}"))?;
            }
            Ok(())
        }
        ["check"] => {
            let problems = exercises::check_markers(&root, &exercises::load(&root)?);
            if problems.is_empty() {
                say("exercises.toml and the markers in the code agree.")
            } else {
                Err(format!(
                    "{} problem(s):\n  {}",
                    problems.len(),
                    problems.join("\n  ")
                ))
            }
        }
        ["verify", crates @ ..] => {
            let crates: Vec<String> = crates.iter().map(|c| c.to_string()).collect();
            exercises::verify::verify(&root, &crates, &|line| {
                let _ = say(line);
            })?;
            say("Every check fails before its solution and passes after it.")
        }
        _ => Err(format!(
            "expected `exercises pages`, `exercises check` or `exercises verify [CRATE..]`, got {}\n\n{USAGE}",
            args.join(" ")
        )),
    }
}

/// Prints a line to stdout. Unlike `println!`, which panics there, a reader
/// that has gone (`| head -0`, `| true`) is no error: like a Unix tool,
/// xtask just stops writing, and exits 0, its work being done.
fn say(text: &str) -> Result<(), String> {
    match writeln!(std::io::stdout().lock(), "{text}") {
        Err(e) if e.kind() != ErrorKind::BrokenPipe => {
            Err(format!("cannot write to standard output: {e}"))
        }
        _ => Ok(()),
    }
}

/// The arguments as a usage error shows them: each quoted and shortened, and
/// at most four of them.
fn shown_args(args: &[OsString]) -> String {
    if args.is_empty() {
        return "no arguments".into();
    }
    let mut shown: Vec<String> = args.iter().take(4).map(quote).collect();
    if args.len() > 4 {
        shown.push(format!("and {} more", args.len() - 4));
    }
    shown.join(" ")
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask sits in the workspace root")
        .to_path_buf()
}

/// `cargo xtask measure`: the JSON, then the plots from it.
fn measure_task() -> Result<(), String> {
    let root = workspace_root();
    let written = xtask::measure::measure(&root, &|line| {
        let _ = say(line);
    })?;
    let plots = xtask::plots::write(&root)?;
    say(&format!(
        "Wrote {} JSON file(s) under {} and {} picture(s) and table(s) under docs/src/.",
        written.len(),
        xtask::measure::MEASURED,
        plots.len()
    ))
}

/// `cargo xtask plots [--check]`.
fn plots_task(args: &[OsString]) -> Result<(), String> {
    let root = workspace_root();
    match args {
        [] => {
            let written = xtask::plots::write(&root)?;
            say(&format!(
                "Rendered {} file(s) under docs/src/.",
                written.len()
            ))
        }
        [check] if check == "--check" => {
            let problems = xtask::plots::check(&root)?;
            if problems.is_empty() {
                return say("Every picture and table matches docs/measured/*.json.");
            }
            Err(format!(
                "{} file(s) do not match docs/measured/*.json (run `cargo xtask plots`):\n  {}",
                problems.len(),
                problems.join("\n  ")
            ))
        }
        _ => Err(format!(
            "expected `plots` or `plots --check`, got {}",
            shown_args(args)
        )),
    }
}
