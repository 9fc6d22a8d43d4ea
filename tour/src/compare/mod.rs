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
//! arguments (an unwritable `--json` file among them: checked first).

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use tour::quote;

mod child;
mod machine;
pub mod pairing;
mod plan;
mod probe;
mod report;
mod rows;
mod runner;

/// What the command line asked for.
struct Options {
    growth: bool,
    quick: bool,
    runs: Option<usize>,
    json: Option<PathBuf>,
    selectors: Vec<String>,
}

/// Runs the comparison mode if the arguments ask for it (`--compare`, or
/// `--compare-child` for the Rust side of one run); `None` otherwise.
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
    Some(match parse(&args) {
        Ok(options) => runner::run(options),
        Err(e) => {
            eprintln!("error: {e}\n\n{}", crate::USAGE);
            ExitCode::from(2)
        }
    })
}

fn parse(args: &[OsString]) -> Result<Options, String> {
    let mut options = Options {
        growth: false,
        quick: false,
        runs: None,
        json: None,
        selectors: Vec::new(),
    };
    let mut compare = false;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let text = arg
            .to_str()
            .ok_or_else(|| format!("argument {} is not valid UTF-8", quote(arg)))?;
        match text {
            "--compare" => compare = true,
            "--growth" => options.growth = true,
            "--quick" => options.quick = true,
            "--json" => match it.next() {
                Some(file) if !file.to_string_lossy().starts_with('-') => {
                    options.json = Some(file.into());
                }
                _ => return Err("--json needs a file name".into()),
            },
            "--runs" => {
                let n = it.next().and_then(|n| n.to_str()?.parse().ok());
                options.runs = Some(
                    n.filter(|n| (1..=100).contains(n))
                        .ok_or("--runs needs a number from 1 to 100")?,
                );
            }
            flag if flag.starts_with('-') => {
                return Err(format!("{} does not go with --compare", quote(flag)));
            }
            selector => options.selectors.push(selector.to_string()),
        }
    }
    if !compare {
        return Err("--json, --growth, --quick and --runs go with --compare".into());
    }
    if let Some(path) = &options.json {
        writable(path)?;
    }
    Ok(options)
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
