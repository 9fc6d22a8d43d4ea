//! `cargo run --release -- --compare`: the Python originals and their Rust
//! counterparts, measured side by side on this machine.
//!
//! Each row runs the Python original's measured part and the Rust
//! counterpart ([`child`]: the lessons' own library code) as whole
//! processes, in paired, alternating rounds ([`pairing`]). Every run's
//! output must prove that it did the work (the right sum, every client's own
//! bytes back), or the row fails. Without a usable Python (`python3`, or
//! `COURSE_PYTHON`) the Rust side runs alone and the output says why.
//! `--json FILE` writes every sample, with the machine that measured it, in
//! the schema of `tour::measured`, and the lessons' claims are checked
//! against the run.
//!
//! Exit codes: 0 when every row ran, 1 when a row failed, 2 for bad
//! arguments (an unwritable `--json` file among them: checked first), 130
//! when stopped, every process it started stopped with it.

use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

use async_basics::echo::EchoServer;
use tour::measured::claims::{self, Verdict};
use tour::measured::{Document, English, Kind, Machine, Meter, Row, SCHEMA, Stop, Work};
use tour::{quote, workspace_root};

use crate::Args;

mod child;
mod machine;
mod pairing;
mod plan;
mod probe;
mod report;

/// How long one run may take before it is killed and its row fails.
const RUN_LIMIT: Duration = Duration::from_secs(300);

/// The echo server's think time per request, as in the `io_bound` example.
const THINK_TIME: Duration = Duration::from_millis(2);

pub fn run(args: &Args) -> Result<ExitCode, String> {
    if let Some(child) = &args.compare_child {
        return child::run(child).map(|()| ExitCode::SUCCESS);
    }
    if let Some(path) = &args.json {
        writable(path)?;
    }
    let (open_files, _) = machine::raise_open_files();
    let python = machine::find_python();
    let mut described = Machine::describe(python.as_ref().ok().map(|p| p.python.clone()));
    let meter = Meter::start();
    // One echo server, in this process, for both sides' clients.
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the echo server: {e}"))?;
    let server = runtime
        .block_on(EchoServer::start(THINK_TIME))
        .map_err(|e| format!("cannot start the echo server: {e}"))?;
    let ctx = plan::Context {
        python: python
            .as_ref()
            .map(|p| p.program.clone())
            .map_err(Clone::clone),
        me: std::env::current_exe().unwrap_or_else(|_| "tour".into()),
        cpus: described.cpus,
        quick: args.quick,
        server: server.local_addr().to_string(),
    };
    let mut rows = match args.growth {
        true => plan::growth(&ctx),
        false => plan::compare(&ctx),
    };
    select(&mut rows, &args.selectors)?;
    let caption = described.caption(&English);
    outln!("Python and Rust side by side on {caption}");
    if let Err(why) = &python {
        let env = machine::PYTHON_ENV;
        outln!("{why} (set {env} to an interpreter): showing the Rust side alone.");
    }
    let root = workspace_root();
    let mut results = Vec::new();
    for mut comparison in rows {
        comparison.runs = args.runs.map_or(comparison.runs, usize::from);
        results.push(measure(&root, &comparison, open_files));
    }
    let uses_server = results
        .iter()
        .any(|r| matches!(r.work, Work::Clients { .. }));
    let accepted = runtime.block_on(server.stop()).unwrap_or(0);
    meter.finish(&mut described);
    let doc = Document {
        schema: SCHEMA,
        kind: if args.growth {
            Kind::Growth
        } else {
            Kind::Compare
        },
        command: format!(
            "cargo run --release -- {}",
            std::env::args().skip(1).collect::<Vec<_>>().join(" ")
        ),
        machine: described,
        quick: args.quick,
        rows: results,
        server_accepted: uses_server.then_some(accepted),
    };
    outln!("{}", report::tables(&doc.rows));
    for flag in &doc.machine.flags {
        outln!("flagged, this machine: {}", flag.text(None, &English));
    }
    let claims = claims::check(&doc);
    let measured = claims.iter().filter(|c| c.verdict != Verdict::NotMeasured);
    for (i, c) in measured.enumerate() {
        if i == 0 {
            outln!("Checked against this run:");
        }
        let verdict = match c.verdict {
            Verdict::Contradicted => "CONTRADICTED".into(),
            _ => c.verdict_text(&English),
        };
        outln!("  {verdict}: {} ({})", c.text(&English), c.detail(&English));
    }
    if let Some(path) = &args.json {
        let text = serde_json::to_string_pretty(&doc).expect("plain data serialises") + "\n";
        let shown = quote(path.as_os_str());
        std::fs::write(path, text).map_err(|e| format!("cannot write {shown}: {e}"))?;
        outln!("Wrote every figure to {}.", path.display());
    }
    let failed = |r: &Row| {
        [&r.python, &r.rust]
            .iter()
            .any(|s| matches!(s.stop, Some(Stop::Failed { .. })))
    };
    Ok(match doc.rows.iter().any(failed) {
        true => ExitCode::FAILURE,
        false => ExitCode::SUCCESS,
    })
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

/// Keeps the rows that a selector names, whole or by a leading part (all
/// when there is none).
fn select(rows: &mut Vec<plan::Comparison>, selectors: &[String]) -> Result<(), String> {
    let picks =
        |id: &str, s: &str| id == s || id.strip_prefix(s).is_some_and(|r| r.starts_with('/'));
    let ids: Vec<String> = rows.iter().map(|r| r.work.id()).collect();
    if let Some(unknown) = selectors
        .iter()
        .find(|s| !ids.iter().any(|id| picks(id, s)))
    {
        let (unknown, ids) = (quote(unknown), ids.join(", "));
        return Err(format!("no comparison {unknown}. Rows: {ids}"));
    }
    if !selectors.is_empty() {
        rows.retain(|r| selectors.iter().any(|s| picks(&r.work.id(), s)));
    }
    Ok(())
}

/// Runs one row's paired rounds and prints a line about it.
fn measure(root: &Path, comparison: &plan::Comparison, open_files: u64) -> Row {
    // Each client needs a descriptor in its process and one in the server's (here).
    let paired = match comparison.work {
        Work::Clients { clients, .. } if clients as u64 + 64 > open_files => {
            let stop = Stop::Capped {
                limit: "RLIMIT_NOFILE".into(),
                why: format!("the hard limit, {open_files} open files, fits fewer clients"),
            };
            pairing::Paired {
                python: Vec::new(),
                rust: Vec::new(),
                python_stopped: Some(stop.clone()),
                rust_stopped: Some(stop),
                order: Vec::new(),
            }
        }
        _ => {
            let mut python = comparison
                .python
                .as_ref()
                .ok()
                .map(|p| move || p.run(root, RUN_LIMIT));
            let mut rust = || comparison.rust.run(root, RUN_LIMIT);
            let python = python.as_mut().map(|f| f as pairing::Runner<'_, _, _>);
            pairing::run_paired(comparison.warmup, comparison.runs, python, &mut rust)
        }
    };
    let row = report::row(comparison, paired);
    let ratio = row.ratio.map_or(String::new(), |r| {
        format!(", Python ÷ Rust {}", tour::measured::factor(r.median))
    });
    let runs = row.rust.samples.len();
    let plural = if runs == 1 { "" } else { "s" };
    outln!("  measured {} ({runs} run{plural}){ratio}", row.id());
    row
}
