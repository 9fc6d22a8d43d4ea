//! The course tour: every topic in notebook order, like "Run All" on the notebook.
//!
//! Run: `cargo run --release` at the workspace root; `-- --help` lists the
//! options. The tour runs the real example binaries (it builds them first),
//! each under a time limit and stopped with everything it started if the
//! tour itself is stopped ([`common::process`]). A failing example is
//! reported and the tour goes on; the exit code is 1 if any failed, 2 for
//! bad arguments, 130 when stopped. A topic this OS cannot run (`fork` on
//! Windows) is listed as such and skipped. A closed stdout (`--list | head
//! -1`) ends the tour quietly with exit code 0, as a Unix tool stops.

use std::io::{ErrorKind, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use tour::lang::Lang;
use tour::{Manifest, Os, shorten, workspace_root};

/// `println!` that ends the tour quietly on a closed stdout ([`write_stdout`]).
macro_rules! outln {
    () => {
        $crate::write_stdout(format_args!("\n"))
    };
    ($($arg:tt)*) => {
        $crate::write_stdout(format_args!("{}\n", format_args!($($arg)*)))
    };
}

/// `eprintln!` that cannot panic: with stderr gone, the message is lost.
macro_rules! errln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

// After the macros, so these modules can use them.
#[cfg(unix)]
mod compare;
mod run;

#[cfg(not(unix))]
mod compare {
    pub fn run(_: &crate::Args) -> Result<std::process::ExitCode, String> {
        Err("--compare needs Linux or macOS: its Rust side forks a process pool".into())
    }
}

/// Runs every topic of the course in notebook order, like "Run All" on the
/// notebook, each under a header with the command that runs it alone.
#[derive(Parser)]
#[command(bin_name = "cargo run --release --", disable_version_flag = true)]
pub(crate) struct Args {
    /// A section (3 or 3.3) or an example (semaphore); none: every topic.
    /// With --compare: rows by id or its leading part (cell, cell/gil, cpu,
    /// io, pool-job).
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
    /// Run the Python originals and their Rust counterparts side by side, as
    /// whole processes (a few minutes), and print the table (COURSE_PYTHON
    /// names the interpreter; without one, the Rust side alone).
    #[arg(long, help_heading = "Python beside Rust")]
    compare: bool,
    /// Also write every figure and this machine's description to FILE.
    #[arg(
        long,
        value_name = "FILE",
        requires = "compare",
        help_heading = "Python beside Rust"
    )]
    json: Option<PathBuf>,
    /// Measure the curves instead (10 to 10,000 clients, n = 10⁶ to 10⁹).
    #[arg(long, requires = "compare", help_heading = "Python beside Rust")]
    growth: bool,
    /// Fewer runs of smaller workloads.
    #[arg(long, requires = "compare", help_heading = "Python beside Rust")]
    quick: bool,
    /// Measured rounds per row, after one warm-up.
    #[arg(long, value_name = "N", requires = "compare", help_heading = "Python beside Rust",
          value_parser = clap::value_parser!(u8).range(1..=100))]
    runs: Option<u8>,
    /// The Rust side of one comparison run (`--compare` starts it).
    #[arg(long, hide = true, num_args = 1.., allow_hyphen_values = true)]
    compare_child: Option<Vec<String>>,
}

/// Writes to stdout. A reader that has gone (`| head -1`) ends the tour at
/// once with exit code 0; any other write error with exit code 1. Either
/// way, what the tour runs is stopped first.
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
    let result = match args.compare || args.compare_child.is_some() {
        true => compare::run(&args),
        false => tour(args),
    };
    result.unwrap_or_else(|e| {
        errln!("error: {e}");
        ExitCode::from(2)
    })
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
