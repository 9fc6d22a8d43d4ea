//! The comparison's run: the rows measured one after another, the tables,
//! the claims checked, and the JSON written.

use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

use async_basics::echo::EchoServer;
use tour::measured::claims::{self, Claim, Verdict};
use tour::measured::{Document, English, Kind, Machine, Meter, Row, SCHEMA, Stop, Work};
use tour::{quote, workspace_root};

use super::{Options, machine, pairing, plan, report};

/// How long one run may take before it is killed and its row fails.
const RUN_LIMIT: Duration = Duration::from_secs(300);

/// The echo server's think time per request, as in the `io_bound` example.
const THINK_TIME: Duration = Duration::from_millis(2);

pub(super) fn run(options: Options) -> ExitCode {
    let root = workspace_root();
    let (soft, _) = machine::raise_open_files();
    let python = machine::find_python();
    let mut described = Machine::describe(python.as_ref().ok().map(|p| p.python.clone()));
    let meter = Meter::start();
    let ctx = plan::Context {
        python: python
            .as_ref()
            .map(|p| p.program.clone())
            .map_err(Clone::clone),
        me: std::env::current_exe().unwrap_or_else(|_| "tour".into()),
        cpus: described.cpus,
        quick: options.quick,
    };
    let mut rows = if options.growth {
        plan::growth(&ctx)
    } else {
        plan::compare(&ctx)
    };
    if let Err(e) = select(&mut rows, &options.selectors) {
        eprintln!("error: {e}");
        return ExitCode::from(2);
    }
    outln!(
        "Python and Rust side by side on {}",
        described.caption(&English)
    );
    if let Err(why) = &python {
        outln!(
            "{why} (set {} to an interpreter): showing the Rust side alone.",
            machine::PYTHON_ENV
        );
    }
    let (server, address) = match start_server(&rows) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: cannot start the echo server: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut results = Vec::new();
    for mut comparison in rows {
        if let Some(runs) = options.runs {
            comparison.runs = runs.into();
        }
        results.push(measure(&root, &mut comparison, &address, soft));
    }
    let accepted = server.map(|(runtime, server)| runtime.block_on(server.stop()).unwrap_or(0));
    meter.finish(&mut described);
    let doc = Document {
        schema: SCHEMA,
        kind: if options.growth {
            Kind::Growth
        } else {
            Kind::Compare
        },
        command: format!(
            "cargo run --release -- {}",
            std::env::args().skip(1).collect::<Vec<_>>().join(" ")
        ),
        machine: described,
        quick: options.quick,
        rows: results,
        server_accepted: accepted,
    };
    outln!("{}", report::tables(&doc.rows));
    for flag in &doc.machine.flags {
        outln!("flagged, this machine: {}", flag.text(None, &English));
    }
    let claims = claims::check(&doc);
    let measured: Vec<&Claim> = claims
        .iter()
        .filter(|c| c.verdict != Verdict::NotMeasured)
        .collect();
    if !measured.is_empty() {
        outln!("Checked against this run:");
    }
    for c in measured {
        let verdict = match c.verdict {
            Verdict::Contradicted => "CONTRADICTED".into(),
            _ => c.verdict_text(&English),
        };
        let (claim, detail) = (c.text(&English), c.detail(&English));
        outln!("  {verdict}: {claim} ({detail})");
    }
    if let Some(path) = &options.json {
        let text = serde_json::to_string_pretty(&doc).expect("plain data serialises") + "\n";
        if let Err(e) = std::fs::write(path, text) {
            eprintln!("error: cannot write {}: {e}", quote(path.as_os_str()));
            return ExitCode::from(2);
        }
        outln!("Wrote every figure to {}.", path.display());
    }
    let failed = |r: &Row| {
        [&r.python, &r.rust]
            .iter()
            .any(|s| matches!(s.stop, Some(Stop::Failed { .. })))
    };
    if doc.rows.iter().any(failed) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// Keeps the rows that a selector names (all when there is none).
fn select(rows: &mut Vec<plan::Comparison>, selectors: &[String]) -> Result<(), String> {
    let picks =
        |id: &str, s: &str| id == s || id.strip_prefix(s).is_some_and(|rest| rest.starts_with('/'));
    let ids: Vec<String> = rows.iter().map(|r| r.work.id()).collect();
    if let Some(unknown) = selectors
        .iter()
        .find(|s| !ids.iter().any(|id| picks(id, s)))
    {
        return Err(format!(
            "no comparison {}. Rows: {}",
            quote(unknown),
            ids.join(", ")
        ));
    }
    if !selectors.is_empty() {
        rows.retain(|r| selectors.iter().any(|s| picks(&r.work.id(), s)));
    }
    Ok(())
}

type Server = Option<(tokio::runtime::Runtime, EchoServer)>;

/// Starts the echo server the IO-bound rows talk to, if any row does: one
/// server in this process for both sides, so they differ only in their clients.
fn start_server(rows: &[plan::Comparison]) -> std::io::Result<(Server, String)> {
    if !rows.iter().any(|r| matches!(r.work, Work::Clients { .. })) {
        return Ok((None, String::new()));
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let server = runtime.block_on(EchoServer::start(THINK_TIME))?;
    let address = server.local_addr().to_string();
    Ok((Some((runtime, server)), address))
}

/// Runs one row's paired rounds and prints a line about it.
fn measure(root: &Path, comparison: &mut plan::Comparison, server: &str, open_files: u64) -> Row {
    for probe in [Ok(&mut comparison.rust), comparison.python.as_mut()]
        .into_iter()
        .flatten()
    {
        for arg in &mut probe.args {
            if arg == plan::SERVER {
                *arg = server.to_string();
            }
        }
    }
    // Each client needs a descriptor in its process and one in the server's (here).
    let capped = match comparison.work {
        Work::Clients { clients, .. } if clients as u64 + 64 > open_files => Some(Stop::Capped {
            limit: "RLIMIT_NOFILE".into(),
            why: format!("the hard limit, {open_files} open files, fits fewer clients"),
        }),
        _ => None,
    };
    let (warmup, runs) = (comparison.warmup, comparison.runs);
    let paired = match capped {
        Some(stop) => pairing::Paired {
            python: Vec::new(),
            rust: Vec::new(),
            python_stopped: Some(stop.clone()),
            rust_stopped: Some(stop),
            order: Vec::new(),
        },
        None => {
            let python = comparison.python.as_ref().ok().cloned();
            let mut python_run = python.map(|p| move || p.run(root, RUN_LIMIT));
            let rust = comparison.rust.clone();
            let mut rust_run = move || rust.run(root, RUN_LIMIT);
            let python_runner = python_run.as_mut().map(|f| f as pairing::Runner<'_, _, _>);
            pairing::run_paired(warmup, runs, python_runner, &mut rust_run)
        }
    };
    let row = report::row(comparison, paired);
    let ratio = row.ratio.map_or(String::new(), |r| {
        format!(", Python ÷ Rust {}", report::times(r.median))
    });
    let runs = row.rust.samples.len();
    let plural = if runs == 1 { "" } else { "s" };
    outln!("  measured {} ({runs} run{plural}){ratio}", row.id());
    row
}
