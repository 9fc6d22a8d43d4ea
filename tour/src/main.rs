//! The course tour: every topic in notebook order, like "Run All" on the notebook.
//!
//! Run: `cargo run --release` at the workspace root; `-- --help` lists the
//! options (`--list`, `--markdown`, `--summary`, `--platforms`, selectors such
//! as `3.3`, `3` or `semaphore`, and `--compare`, see `compare`).
//!
//! The tour runs the real example binaries (it builds them first with cargo),
//! never copies of their code, each under a time limit and stopped with
//! everything it started if the tour itself is stopped ([`common::process`]).
//! A failing example is reported and the tour goes on; the exit code is 1 if
//! any failed, 2 for bad arguments, 130 when stopped. A topic this OS cannot
//! run (`fork` on Windows) is listed as such and skipped.
//!
//! When stdout is a pipe whose reader has gone (`-- --list | head -1`), the
//! tour stops there quietly with exit code 0, as a Unix tool does; a closed
//! stderr is no panic either.

use std::io::{ErrorKind, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use tour::lang::Lang;
use tour::{Manifest, Os, shorten, workspace_root};

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

/// `eprintln!` that cannot panic: with stderr gone, the message is lost and
/// the tour goes on to its exit code.
macro_rules! errln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

// After the macros, so these modules can use them.
mod compare;
mod run;

/// The options of `--compare`, which `compare` reads itself.
const USAGE: &str = "\
Python beside Rust (cargo run --release -- --compare [OPTIONS] [ID]...):
  --compare        run the Python originals and their Rust counterparts side by
                   side, as whole processes (a few minutes), and print the table;
                   ID picks rows (cell, cell/gil, cpu, io, pool-job)
  --json <FILE>    also write every figure and this machine's description to FILE
  --growth         measure the curves instead (10 to 10,000 clients, n = 10^6 to
                   10^9; several minutes)
  --quick          fewer runs of smaller workloads
  --runs <N>       N measured rounds per row, after one warm-up
  (COURSE_PYTHON names the Python interpreter; without one, the Rust side alone)";

/// Runs every topic of the course in notebook order, like "Run All" on the
/// notebook, each under a header with the command that runs it alone.
#[derive(Parser)]
#[command(bin_name = "cargo run --release --", after_help = USAGE)]
#[command(disable_version_flag = true)]
struct Args {
    /// A section (3 or 3.3) or an example (semaphore); none: every topic.
    #[arg(value_name = "TOPIC")]
    selectors: Vec<String>,
    /// Print the table of topics and exit.
    #[arg(long, short)]
    list: bool,
    /// Print the README's topic table and exit.
    #[arg(long)]
    markdown: bool,
    /// Print the book's SUMMARY.md and exit.
    #[arg(long)]
    summary: bool,
    /// Print the table of what runs on Linux, macOS and Windows and exit.
    #[arg(long)]
    platforms: bool,
    /// Print the book's page of a crate's Python originals and exit.
    #[arg(long, value_name = "CRATE")]
    python_page: Option<String>,
    /// Read the topics from FILE instead of the workspace's topics.toml.
    #[arg(long, value_name = "FILE")]
    topics: Option<PathBuf>,
    /// The tour's words in Russian or English (default: Russian when LC_ALL,
    /// LC_MESSAGES or LANG is ru_*).
    #[arg(long, value_enum)]
    lang: Option<Lang>,
}

/// Writes to stdout. A reader that has gone (`| head -1`, `| true`) ends the
/// tour at once, quietly and with exit code 0, as a Unix tool stops; any
/// other write error is reported, with exit code 1. Either way, what the tour
/// runs is stopped first.
fn write_stdout(text: std::fmt::Arguments) {
    let mut stdout = std::io::stdout().lock();
    let Err(e) = stdout.write_fmt(text).and_then(|()| stdout.flush()) else {
        return;
    };
    common::process::stop_all();
    if e.kind() == ErrorKind::BrokenPipe {
        std::process::exit(0);
    }
    errln!("error: cannot write to standard output: {e}");
    std::process::exit(1);
}

fn main() -> ExitCode {
    if let Some(code) = compare::main_if_asked() {
        return code;
    }
    let args = match Args::try_parse() {
        Ok(args) => args,
        Err(e) if e.use_stderr() => {
            // Each line shortened: an unknown 100,000-character option is not echoed whole.
            let lines: Vec<String> = e.render().to_string().lines().map(shorten).collect();
            errln!("{}", lines.join("\n"));
            return ExitCode::from(2);
        }
        Err(help) => {
            let _ = help.print(); // --help: a closed stdout is no error here either
            return ExitCode::SUCCESS;
        }
    };
    match tour(args) {
        Ok(code) => code,
        Err(e) => {
            errln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

fn tour(args: Args) -> Result<ExitCode, String> {
    let file = args
        .topics
        .unwrap_or_else(|| workspace_root().join("topics.toml"));
    let manifest = Manifest::load(&file)?;
    let lang = args
        .lang
        .unwrap_or_else(|| Lang::from_locale(|v| std::env::var(v).ok()));
    if manifest.topics.is_empty() {
        outln!("No topics yet: {} lists none.", file.display());
        if !args.selectors.is_empty() {
            return Err("there are no topics to select from".into());
        }
        return Ok(ExitCode::SUCCESS);
    }
    let topics = manifest.select(&args.selectors)?;
    if args.summary {
        let exercises = workspace_root().join(common::exercises::MANIFEST);
        let exercises = common::exercises::Manifest::load(&exercises)?;
        write_stdout(format_args!("{}", manifest.summary(&exercises)));
    } else if args.markdown {
        write_stdout(format_args!("{}", manifest.markdown()));
    } else if let Some(package) = &args.python_page {
        if !manifest.packages().contains(&package.as_str()) {
            let known = manifest.packages().join(", ");
            return Err(format!(
                "no topic is in the crate {package:?} (crates: {known})"
            ));
        }
        write_stdout(format_args!("{}", manifest.python_page(package)));
    } else if args.platforms {
        write_stdout(format_args!("{}", manifest.platforms(lang)));
    } else if args.list {
        outln!("{}", manifest.table(&topics, lang, Os::current()));
    } else {
        return Ok(run::tour(&topics, lang));
    }
    Ok(ExitCode::SUCCESS)
}
