//! `cargo run --release -- --compare`: the Python originals and their Rust
//! counterparts, measured side by side on this machine.
//!
//! Each row runs the Python original's measured part (the notebook's cell,
//! or one row of it, selected by an argument) and the Rust counterpart as
//! whole processes: one warm-up round, then several rounds of Python then
//! Rust, alternating, so that the ratio of each pair is fair on a machine
//! whose speed drifts ([`pairing`]). The Rust side runs the lessons' library
//! code ([`child`]); every run's output must prove that it did the work (the
//! right sum, every client's own bytes back), or the row fails.
//!
//! Without a usable Python (`python3` on `PATH`, or the interpreter that
//! `COURSE_PYTHON` names) the table shows the Rust side alone and says why.
//! `--json FILE` writes every sample, with the machine that measured it, in
//! the schema of `tour::measured`; a machine that other programs kept busy,
//! or that has one CPU, is flagged there and in the output, and the lessons'
//! claims are checked against the run (`tour::measured::claims`).
//! `--growth` measures the curves instead (clients 10 to 10,000, n 10⁶ to
//! 10⁹), and `--quick` makes fewer runs of smaller workloads (for tests).
//!
//! Exit codes: 0 when every row ran, 1 when a row failed, 2 for bad
//! arguments (an unwritable `--json` file among them: checked first), 130
//! when stopped (Ctrl-C), every process it started stopped with it.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;
use tour::{quote, shorten};

mod child;
mod machine;
pub mod pairing;
mod plan;
mod probe;
mod report;
mod rows;
mod runner;

/// Python beside Rust: the Python originals and their Rust counterparts,
/// measured side by side as whole processes.
#[derive(Parser)]
#[command(bin_name = "cargo run --release --", disable_version_flag = true)]
struct Options {
    /// Run the comparison (a few minutes) and print the table.
    #[arg(long, required = true)]
    compare: bool,
    /// Also write every figure and this machine's description to FILE.
    #[arg(long, value_name = "FILE")]
    json: Option<PathBuf>,
    /// Measure the curves instead (10 to 10,000 clients, n = 10⁶ to 10⁹).
    #[arg(long)]
    growth: bool,
    /// Fewer runs of smaller workloads.
    #[arg(long)]
    quick: bool,
    /// Measured rounds per row, after one warm-up.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u8).range(1..=100))]
    runs: Option<u8>,
    /// Rows by id or by its leading part: cell, cell/gil, cpu, io, pool-job.
    #[arg(value_name = "ID")]
    selectors: Vec<String>,
}

/// Runs the comparison mode if the arguments ask for it (`--compare` or one
/// of its options, or `--compare-child` for the Rust side of one run);
/// `None` otherwise.
pub fn main_if_asked() -> Option<ExitCode> {
    let args: Vec<OsString> = std::env::args_os().skip(1).collect();
    if args.first().is_some_and(|a| a == "--compare-child") {
        let rest: Vec<String> = args[1..]
            .iter()
            .map(|a| a.to_string_lossy().into())
            .collect();
        return Some(match child::run(&rest) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(2)
            }
        });
    }
    let ours = ["--compare", "--json", "--growth", "--quick", "--runs"];
    if !args.iter().any(|a| ours.iter().any(|o| a == o)) {
        return None;
    }
    let options = match Options::try_parse() {
        Ok(options) => options,
        Err(e) if e.use_stderr() => {
            // Each line shortened: a 100,000-character argument does not come back whole.
            let lines: Vec<String> = e.render().to_string().lines().map(shorten).collect();
            eprintln!("{}", lines.join("\n"));
            return Some(ExitCode::from(2));
        }
        Err(help) => {
            let _ = help.print();
            return Some(ExitCode::SUCCESS);
        }
    };
    if let Some(Err(e)) = options.json.as_deref().map(writable) {
        eprintln!("error: {e}");
        return Some(ExitCode::from(2));
    }
    Some(runner::run(options))
}

/// Fails unless `path` can be written, before anything is measured; a file
/// that did not exist is not left behind.
fn writable(path: &Path) -> Result<(), String> {
    let existed = path.exists();
    let opened = std::fs::OpenOptions::new()
        .append(true)
        .create(true)
        .open(path);
    let shown = quote(path.as_os_str());
    opened.map_err(|e| format!("cannot write the --json file {shown}: {e}"))?;
    if !existed {
        let _ = std::fs::remove_file(path);
    }
    Ok(())
}
