//! `cargo xtask measure`: measures this machine again and rewrites the
//! committed JSON in `docs/measured/` (in the schema of `tour::measured`),
//! then the pictures and tables from it. `docs/measured/README.md` says what
//! each file holds; `COURSE_MEASURE=benches,lessons` measures only the files
//! it lists, and `COURSE_PYTHONS` (a list, like `PATH`) names the
//! interpreters of `interpreters.json`. CI never measures; it only renders
//! ([`crate::plots`]) from what is committed.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use fs_err as fs;
use serde::{Deserialize, Serialize};
use tour::measured::lessons::{Bench, GilSimulated, Heartbeat, Speedup};
use tour::measured::{Benches, Document, Interpreters, Kind, Lessons, Machine, Meter, SCHEMA};

/// Where the measured JSON lives, relative to the workspace root.
pub const MEASURED: &str = "docs/measured";

/// The benches whose ratios the book shows: (criterion's id of the course's
/// type, the id of its production reference). A pair that did not run is
/// left out of the table.
pub const BENCHES: [(&str, &str); 6] = [
    (
        "acquire_release/uncontended/Semaphore",
        "acquire_release/uncontended/parking_lot::Mutex",
    ),
    (
        "acquire_release/uncontended/FastSemaphore",
        "acquire_release/uncontended/parking_lot::Mutex",
    ),
    (
        "acquire_release/contended/Semaphore",
        "acquire_release/contended/parking_lot::Mutex",
    ),
    (
        "acquire_release/contended/FastSemaphore",
        "acquire_release/contended/parking_lot::Mutex",
    ),
    (
        "1,000 tasks x 10 yields/mini event loop",
        "1,000 tasks x 10 yields/tokio current-thread runtime",
    ),
    (
        "1,000 tasks x 10 yields/mini event loop, step 5 (fast)",
        "1,000 tasks x 10 yields/tokio current-thread runtime",
    ),
];

fn cargo(root: &Path, args: &[&str]) -> Result<()> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = Command::new(&cargo).current_dir(root).args(args).status();
    let status = status.context("cannot run cargo")?;
    if !status.success() {
        bail!("cargo {} failed ({status})", args[0]);
    }
    Ok(())
}

fn write(path: PathBuf, value: &impl Serialize) -> Result<PathBuf> {
    fs::write(&path, serde_json::to_string_pretty(value)? + "\n")?;
    Ok(path)
}

/// Builds the tour and the examples, measures, and writes the JSON: every
/// file, or the parts that `COURSE_MEASURE` lists (`compare`, `growth`,
/// `interpreters`, `lessons`, `benches`). Returns the files written.
pub fn measure(root: &Path, say: &dyn Fn(&str)) -> Result<Vec<PathBuf>> {
    let only = std::env::var("COURSE_MEASURE").unwrap_or_default();
    let wanted = |part: &str| only.is_empty() || only.split(',').any(|p| p.trim() == part);
    say("building the tour and the examples (release) ...");
    // `--bin tour` named too: given `--example`, cargo builds only what is named.
    cargo(
        root,
        &[
            "build",
            "--quiet",
            "--release",
            "-p",
            "tour",
            "--bin",
            "tour",
            "-p",
            "threads",
            "--example",
            "preemptive_vs_cooperative",
            "--example",
            "gil_simulated",
        ],
    )?;
    let dir = root.join(MEASURED);
    fs::create_dir_all(&dir)?;
    let mut written = Vec::new();
    for (name, extra) in [("compare", &[][..]), ("growth", &["--growth"][..])] {
        if wanted(name) {
            let command = format!("cargo run --release -- --compare {}", extra.join(" "));
            say(&format!("measuring {name}.json: {command} ..."));
            let path = dir.join(format!("{name}.json"));
            compare(root, extra, &path, None)?;
            written.push(path);
        }
    }
    if wanted("interpreters") {
        let mut runs = Vec::new();
        for python in interpreters() {
            say(&format!(
                "measuring interpreters.json with {python}: the GIL cell, CPU-bound threads ..."
            ));
            let scratch = dir.join(".interpreter.json");
            let rows = ["cell/gil", "cpu/sequential", "cpu/threads"];
            runs.push(compare(root, &rows, &scratch, Some(&python))?);
            let _ = std::fs::remove_file(&scratch);
        }
        let (schema, kind) = (SCHEMA, Kind::Interpreters);
        let interpreters = Interpreters { schema, kind, runs };
        written.push(write(dir.join("interpreters.json"), &interpreters)?);
    }
    if wanted("lessons") {
        say("measuring lessons.json: the 1.2 and 1.3 examples ...");
        written.push(write(dir.join("lessons.json"), &lessons(root)?)?);
    }
    if wanted("benches") {
        say("measuring benches.json: cargo bench -p benches (the ratios' benches) ...");
        written.push(write(dir.join("benches.json"), &benches(root)?)?);
    }
    Ok(written)
}

/// `tour --compare ARGS --json path`, with `COURSE_PYTHON` set to `python`
/// if given: the document it wrote.
fn compare(root: &Path, args: &[&str], path: &Path, python: Option<&str>) -> Result<Document> {
    let tour = root.join("target/release/tour");
    let mut command = Command::new(&tour);
    command
        .current_dir(root)
        .arg("--compare")
        .args(args)
        .arg("--json")
        .arg(path);
    if let Some(python) = python {
        command.env("COURSE_PYTHON", python);
    }
    let status = (command.status()).with_context(|| format!("cannot run {}", tour.display()))?;
    if !status.success() {
        let shown = path.display();
        bail!("{shown}: the comparison failed ({status}); its output is above");
    }
    crate::plots::load(path)
}

/// The interpreters to measure the GIL rows with: `$COURSE_PYTHONS`, or
/// `$COURSE_PYTHON` (else `python3`) and the free-threaded builds on `PATH`.
fn interpreters() -> Vec<String> {
    if let Some(list) = std::env::var_os("COURSE_PYTHONS").filter(|l| !l.is_empty()) {
        let paths = std::env::split_paths(&list);
        return paths.map(|p| p.display().to_string()).collect();
    }
    let first = std::env::var("COURSE_PYTHON").unwrap_or_else(|_| "python3".into());
    let path = std::env::var_os("PATH").unwrap_or_default();
    let on_path = |name: &&str| std::env::split_paths(&path).any(|d| d.join(name).is_file());
    let free = ["python3.14t", "python3.13t"].into_iter().find(on_path);
    std::iter::once(first)
        .chain(free.map(String::from))
        .collect()
}

/// Runs an example of `threads` in full and returns what it printed.
fn example(root: &Path, name: &str) -> Result<String> {
    let binary = root.join("target/release/examples").join(name);
    let run = common::process::run(Command::new(&binary), Duration::from_secs(300));
    let run = run.with_context(|| format!("cannot run {name}"))?;
    if !run.success() {
        bail!("{name} {}:\n{}", run.ending, run.stderr);
    }
    Ok(run.stdout)
}

/// The two examples' figures, with the load around these runs.
fn lessons(root: &Path) -> Result<Lessons> {
    let mut machine = Machine::describe(None);
    let meter = Meter::start();
    let heartbeat = heartbeat(&example(root, "preemptive_vs_cooperative")?)?;
    let gil_simulated = gil_simulated(&example(root, "gil_simulated")?)?;
    meter.finish(&mut machine);
    let (schema, kind) = (SCHEMA, Kind::Lessons);
    Ok(Lessons {
        schema,
        kind,
        machine,
        heartbeat,
        gil_simulated,
    })
}

/// 1.2: the gaps between heartbeats beside the task without await, then
/// beside the one with `yield_now`, and the beats during each busy stretch.
pub fn heartbeat(output: &str) -> Result<[Heartbeat; 2]> {
    let gaps = (output.lines()).filter_map(|l| l.trim().strip_prefix("gaps between beats (ms): ["));
    let gaps = gaps.map(|l| {
        let numbers = l.trim_end_matches(']').split(", ");
        numbers.filter_map(|n| n.parse().ok()).collect()
    });
    let inside = output.lines().filter_map(|l| {
        let count = l.split("beats during the busy stretch: ").nth(1)?;
        count.trim().parse().ok()
    });
    let beats: Vec<Heartbeat> = gaps
        .zip(inside)
        .map(|(gaps_ms, beats_while_busy)| Heartbeat {
            gaps_ms,
            beats_while_busy,
        })
        .collect();
    let beats = <[Heartbeat; 2]>::try_from(beats);
    beats.map_err(|_| {
        anyhow::anyhow!("preemptive_vs_cooperative printed no two heartbeats:\n{output}")
    })
}

/// 1.3: the speedup and CPUs busy by thread count, without the Gil model,
/// then with it.
pub fn gil_simulated(output: &str) -> Result<GilSimulated> {
    let mut tables = Vec::new();
    let mut lines = output.lines().peekable();
    while let Some(line) = lines.next() {
        if !line.starts_with("| threads ") {
            continue;
        }
        lines.next(); // the rule under the header
        let mut rows = Vec::new();
        while let Some(row) = lines.next_if(|l| l.starts_with('|')) {
            let cells: Vec<&str> = row.trim_matches('|').split('|').map(str::trim).collect();
            let bad = || anyhow::anyhow!("gil_simulated: bad row {row:?}");
            if let [threads, _, speedup, busy] = cells[..] {
                rows.push(Speedup {
                    threads: threads.parse().map_err(|_| bad())?,
                    speedup: speedup.trim_end_matches('x').parse().map_err(|_| bad())?,
                    cpus_busy: busy.parse().map_err(|_| bad())?,
                });
            }
        }
        tables.push(rows);
    }
    let Ok([cpu_no_gil, cpu_with_gil]) = <[Vec<Speedup>; 2]>::try_from(tables) else {
        bail!("gil_simulated printed no two tables:\n{output}");
    };
    Ok(GilSimulated {
        cpu_no_gil,
        cpu_with_gil,
    })
}

/// Runs the benches of [`BENCHES`], and reads criterion's estimates back.
fn benches(root: &Path) -> Result<Benches> {
    let ids = BENCHES.iter().flat_map(|(a, b)| [*a, *b]);
    // Each group's name, with the characters a regex gives a meaning escaped.
    let escape = |name: &str| -> String {
        let special = |c| "\\.+*?()|[]{}^$".contains(c);
        name.chars()
            .flat_map(|c| special(c).then_some('\\').into_iter().chain([c]))
            .collect()
    };
    let mut groups: Vec<String> = ids
        .clone()
        .filter_map(|id| Some(escape(id.split_once('/')?.0)))
        .collect();
    groups.dedup();
    let filter = format!("^({})/", groups.join("|"));
    let mut machine = Machine::describe(None);
    let meter = Meter::start();
    cargo(root, &["bench", "--quiet", "-p", "benches", "--", &filter])?;
    meter.finish(&mut machine);
    let target =
        std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), PathBuf::from);
    let found = criterion_results(&target.join("criterion"));
    let results = ids
        .filter_map(|id| found.iter().find(|b| b.id == id).cloned())
        .collect();
    let command = format!("cargo bench -p benches -- '{filter}'");
    let (schema, kind) = (SCHEMA, Kind::Benches);
    Ok(Benches {
        schema,
        kind,
        command,
        machine,
        results,
    })
}

/// Every `<dir>/**/new/` result of criterion: its id and its median's
/// estimate with the confidence interval, in seconds.
pub fn criterion_results(dir: &Path) -> Vec<Bench> {
    #[derive(Deserialize)]
    struct Id {
        full_id: String,
    }
    #[derive(Deserialize)]
    struct Estimates {
        median: Estimate,
    }
    #[derive(Deserialize)]
    struct Estimate {
        point_estimate: f64,
        confidence_interval: Interval,
    }
    #[derive(Deserialize)]
    struct Interval {
        lower_bound: f64,
        upper_bound: f64,
    }
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let entries = std::fs::read_dir(&dir).into_iter().flatten().flatten();
        for path in entries.map(|e| e.path()).filter(|p| p.is_dir()) {
            if !path.ends_with("new") {
                stack.push(path);
                continue;
            }
            let read = |name: &str| std::fs::read_to_string(path.join(name)).ok();
            let id = read("benchmark.json").and_then(|t| serde_json::from_str::<Id>(&t).ok());
            let e = read("estimates.json").and_then(|t| serde_json::from_str::<Estimates>(&t).ok());
            if let (Some(id), Some(e)) = (id, e) {
                let (m, ci) = (e.median.point_estimate, e.median.confidence_interval);
                let time = tour::measured::Stats {
                    median: m / 1e9,
                    min: ci.lower_bound / 1e9,
                    max: ci.upper_bound / 1e9,
                };
                out.push(Bench {
                    id: id.full_id,
                    time,
                });
            }
        }
    }
    out
}
