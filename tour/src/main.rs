//! The course tour: every topic in notebook order, like "Run All" on the notebook.
//!
//! Run: `cargo run --release` at the workspace root.
//!
//! - `cargo run --release -- --list` prints the table of topics.
//! - `cargo run --release -- 3.3` (a section), `-- 3` (a whole section) or
//!   `-- semaphore` (an example) runs just those.
//! - `cargo run --release -- --markdown` prints the README's topic table, and
//!   `-- --summary` the book's `docs/src/SUMMARY.md`.
//! - `cargo run --release -- --compare` runs the Python originals and their
//!   Rust counterparts side by side and prints the table (see `compare`).
//!
//! The tour runs the real example binaries (it builds them first with cargo),
//! never copies of their code. A failing example is reported and the tour goes
//! on; the exit code is 1 if any failed, 2 for bad arguments.
//!
//! An argument that is not UTF-8 gets an error and exit code 2, never a
//! panic (a `--topics` file name may be any path). Errors show what was typed
//! quoted and shortened. When stdout is a pipe whose reader has gone
//! (`-- --list | head -1`, `| true`), the tour stops there quietly, as a Unix
//! tool does, with exit code 0: the reader chose to stop reading, which is no
//! failure of the tour (a tool killed by SIGPIPE shows 141 instead).

use std::io::{ErrorKind, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use tour::{Manifest, quote, workspace_root};

/// `println!` for the tour's output, through [`write_stdout`]: a closed
/// stdout ends the tour quietly instead of panicking as `println!` does.
macro_rules! outln {
    () => {
        $crate::write_stdout(format_args!("\n"))
    };
    ($($arg:tt)*) => {
        $crate::write_stdout(format_args!("{}\n", format_args!($($arg)*)))
    };
}

// After `outln!`, so the runner can use it.
mod compare;
mod run;

const USAGE: &str = "\
usage: cargo run --release [-- [--list | --markdown | --summary] [TOPIC...]]
       cargo run --release -- --compare [--json FILE] [--growth] [--quick] [--runs N] [ID...]

  (no arguments)   run every topic in notebook order
  TOPIC            a section (3 or 3.3) or an example name (semaphore)
  --list           print the table of topics and exit
  --markdown       print the README's topic table and exit
  --summary        print the book's SUMMARY.md and exit
  --topics FILE    read topics from FILE instead of the workspace's topics.toml
  --lang ru|en     the tour's headers and summary in Russian or English (default:
                   Russian when LC_ALL, LC_MESSAGES or LANG is ru_*, else English)
  --help           this text

  --compare [ID..] run the Python originals and their Rust counterparts side by
                   side, as whole processes (a few minutes), and print the table;
                   ID picks rows (cell, cell/gil, cpu, io, pool-job)
  --json FILE      with --compare: also write every figure and this machine's
                   description to FILE
  --growth         with --compare: measure the curves instead (10 to 10,000 clients,
                   n = 10^6 to 10^9; several minutes)
  --quick          with --compare: fewer runs of smaller workloads
  --runs N         with --compare: N measured rounds per row, after one warm-up
  (COURSE_PYTHON names the Python interpreter; without one, the Rust side alone)";

struct Args {
    list: bool,
    markdown: bool,
    summary: bool,
    topics_file: PathBuf,
    selectors: Vec<String>,
    lang: Option<tour::lang::Lang>,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        list: false,
        markdown: false,
        summary: false,
        topics_file: workspace_root().join("topics.toml"),
        selectors: Vec::new(),
        lang: None,
    };
    // `args_os`, not `args`: `args` panics on an argument that is not UTF-8.
    let mut it = std::env::args_os().skip(1);
    while let Some(arg) = it.next() {
        let Some(text) = arg.to_str() else {
            return Err(format!(
                "argument {} is not valid UTF-8: options and topics are plain text",
                quote(&arg)
            ));
        };
        match text {
            "--list" | "-l" => args.list = true,
            "--markdown" => args.markdown = true,
            "--summary" => args.summary = true,
            "--topics" => {
                args.topics_file = it.next().ok_or("--topics needs a file name")?.into();
            }
            "--lang" => {
                let code = it.next().ok_or("--lang needs ru or en")?;
                args.lang = Some(tour::lang::Lang::parse(&code.to_string_lossy())?);
            }
            "--help" | "-h" => {
                outln!("{USAGE}");
                std::process::exit(0);
            }
            flag if flag.starts_with('-') => {
                return Err(format!("unknown option {}", quote(flag)));
            }
            selector => args.selectors.push(selector.to_string()),
        }
    }
    Ok(args)
}

/// Writes to stdout. A reader that has gone (`| head -1`, `| true`) ends the
/// tour at once, quietly and with exit code 0, as a Unix tool stops; any
/// other write error is reported, with exit code 1.
fn write_stdout(text: std::fmt::Arguments) {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_fmt(text).and_then(|()| stdout.flush()) {
        Ok(()) => {}
        Err(e) if e.kind() == ErrorKind::BrokenPipe => std::process::exit(0),
        Err(e) => {
            eprintln!("error: cannot write to standard output: {e}");
            std::process::exit(1);
        }
    }
}

fn main() -> ExitCode {
    if let Some(code) = compare::main_if_asked() {
        return code;
    }
    let args = match parse_args() {
        Ok(args) => args,
        Err(e) => {
            eprintln!("error: {e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let manifest = match Manifest::load(&args.topics_file) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    if manifest.topics.is_empty() {
        outln!(
            "No topics yet: {} lists none. Each section crate adds its rows there.",
            args.topics_file.display()
        );
        if !args.selectors.is_empty() {
            let selectors: Vec<String> = args.selectors.iter().map(quote).collect();
            eprintln!(
                "error: cannot select {}: there are no topics.",
                selectors.join(", ")
            );
            return ExitCode::from(2);
        }
        return ExitCode::SUCCESS;
    }
    let topics = match manifest.select(&args.selectors) {
        Ok(topics) => topics,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    if args.summary {
        let path = workspace_root().join(common::exercises::MANIFEST);
        let exercises = match common::exercises::Manifest::load(&path) {
            Ok(exercises) => exercises,
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::from(2);
            }
        };
        write_stdout(format_args!("{}", manifest.summary(&exercises)));
        return ExitCode::SUCCESS;
    }
    if args.markdown {
        write_stdout(format_args!("{}", manifest.markdown()));
        return ExitCode::SUCCESS;
    }
    if args.list {
        let selected = Manifest {
            sections: manifest.sections.clone(),
            topics: topics.into_iter().cloned().collect(),
        };
        outln!("{}", selected.table());
        return ExitCode::SUCCESS;
    }
    let lang = args
        .lang
        .unwrap_or_else(|| tour::lang::Lang::from_locale(|name| std::env::var(name).ok()));
    run::tour(&topics, lang)
}
