//! `cargo xtask measure`: measures this machine again and rewrites the
//! committed JSON in `docs/measured/` (in the schema of `tour::measured`),
//! then the pictures and tables from it.
//!
//! - `compare.json`: `cargo run --release -- --compare` (the notebook's
//!   cells, the pool's cost per job, CPU-bound scaling, IO-bound clients);
//! - `growth.json`: `-- --compare --growth` (the curves: 10 to 10,000
//!   clients, n from 10⁶ to 10⁹);
//! - `interpreters.json`: the GIL cell and the CPU-bound rows again, once
//!   per Python interpreter: `python3` (or `$COURSE_PYTHON`) and a
//!   free-threaded CPython (`python3.14t`, `python3.13t`) when one is on
//!   `PATH`; `COURSE_PYTHONS=python3:/opt/python3.14t/bin/python3.14t` names
//!   them instead (a list, like `PATH`);
//! - `lessons.json`: what three examples printed (the 1.1 timeline, the 1.2
//!   heartbeat gaps, the 1.3 Gil model's speedups), read from their output;
//! - `benches.json`: criterion's estimates of the benches whose ratios the
//!   book shows ([`BENCHES`]), from `cargo bench -p benches` in the same run
//!   (one pool job's round trip beside CPython's is `compare.json`'s `pool-job`).
//!
//! It takes a while, on an idle machine if the numbers are to mean
//! anything: each file records how busy other programs kept the CPUs.
//! `COURSE_MEASURE=benches` (a comma-separated list of the files' names)
//! measures only those. CI never measures; it only renders
//! ([`crate::plots`]) from what is committed.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use serde::Serialize;
use tour::measured::lessons::{Bench, GilSimulated, Heartbeat, Speedup, TimelineRun};
use tour::measured::{Benches, Document, Interpreters, Kind, Lessons, Machine, Meter, SCHEMA};

/// Where the measured JSON lives, relative to the workspace root.
pub const MEASURED: &str = "docs/measured";

/// The benches whose ratios the book shows: (criterion's id of the course's
/// type, the id of its production reference). A pair that did not run is
/// left out of the table.
pub const BENCHES: [(&str, &str); 3] = [
    (
        "acquire_release/uncontended/Semaphore",
        "acquire_release/uncontended/parking_lot::Mutex",
    ),
    (
        "acquire_release/contended/Semaphore",
        "acquire_release/contended/parking_lot::Mutex",
    ),
    (
        "1,000 tasks x 10 yields/mini event loop",
        "1,000 tasks x 10 yields/tokio current-thread runtime",
    ),
];

fn cargo(root: &Path, args: &[&str]) -> Result<(), String> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = Command::new(&cargo).current_dir(root).args(args).status();
    let status = status.map_err(|e| format!("cannot run cargo: {e}"))?;
    status
        .success()
        .then_some(())
        .ok_or_else(|| format!("cargo {} failed ({status})", args[0]))
}

fn write(path: &Path, value: &impl Serialize) -> Result<PathBuf, String> {
    let text = serde_json::to_string_pretty(value).expect("plain data") + "\n";
    std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(path.to_path_buf())
}

/// Builds the tour and the three examples, measures, and writes the JSON:
/// every file, or the parts that `COURSE_MEASURE` lists (`compare`,
/// `growth`, `interpreters`, `lessons`, `benches`, comma-separated).
/// Returns the files written.
pub fn measure(root: &Path, say: &dyn Fn(&str)) -> Result<Vec<PathBuf>, String> {
    let only = std::env::var("COURSE_MEASURE").unwrap_or_default();
    let wanted = |part: &str| only.is_empty() || only.split(',').any(|p| p.trim() == part);
    say("building the tour and the examples (release) ...");
    let examples = [
        "multitasking_vs_parallelism",
        "preemptive_vs_cooperative",
        "gil_simulated",
    ];
    // `--bin tour` named too: given `--example`, cargo builds only what is named.
    let tour = ["-p", "tour", "--bin", "tour", "-p", "threads"];
    let mut args = vec!["build", "--quiet", "--release"];
    args.extend(tour);
    args.extend(examples.iter().flat_map(|e| ["--example", e]));
    cargo(root, &args)?;
    let dir = root.join(MEASURED);
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let mut written = Vec::new();
    for (name, extra) in [("compare", &[][..]), ("growth", &["--growth"][..])] {
        if wanted(name) {
            say(&format!(
                "measuring {name}.json: cargo run --release -- --compare {} ...",
                extra.join(" ")
            ));
            written.push(compare(root, extra, &dir.join(format!("{name}.json")), None)?.0);
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
            let (_, doc) = compare(root, &rows, &scratch, Some(&python))?;
            let _ = std::fs::remove_file(&scratch);
            runs.push(doc);
        }
        let interpreters = Interpreters {
            schema: SCHEMA,
            kind: Kind::Interpreters,
            runs,
        };
        written.push(write(&dir.join("interpreters.json"), &interpreters)?);
    }
    if wanted("lessons") {
        say("measuring lessons.json: the 1.1, 1.2 and 1.3 examples ...");
        written.push(write(&dir.join("lessons.json"), &lessons(root)?)?);
    }
    if wanted("benches") {
        say("measuring benches.json: cargo bench -p benches (the ratios' benches) ...");
        written.push(write(&dir.join("benches.json"), &benches(root)?)?);
    }
    Ok(written)
}

/// `tour --compare ARGS --json path`, with `COURSE_PYTHON` set to `python`
/// if given; the document it wrote.
fn compare(
    root: &Path,
    args: &[&str],
    path: &Path,
    python: Option<&str>,
) -> Result<(PathBuf, Document), String> {
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
    let status = command
        .status()
        .map_err(|e| format!("cannot run {}: {e}", tour.display()))?;
    if !status.success() {
        return Err(format!(
            "{}: the comparison failed ({status}); its output is above",
            path.display()
        ));
    }
    let doc: Document = crate::plots::load(path)?;
    Ok((path.to_path_buf(), doc))
}

/// The interpreters to measure the GIL rows with: `$COURSE_PYTHONS`, or
/// `$COURSE_PYTHON` (else `python3`) and the free-threaded builds on `PATH`.
fn interpreters() -> Vec<String> {
    if let Some(list) = std::env::var_os("COURSE_PYTHONS").filter(|l| !l.is_empty()) {
        return std::env::split_paths(&list)
            .map(|p| p.display().to_string())
            .collect();
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
fn example(root: &Path, name: &str) -> Result<String, String> {
    let binary = root.join("target/release/examples").join(name);
    let run = common::process::run(Command::new(&binary), Duration::from_secs(300));
    let run = run.map_err(|e| format!("cannot run {name}: {e}"))?;
    if !run.success() {
        return Err(format!("{name} {}:\n{}", run.ending, run.stderr));
    }
    Ok(run.stdout)
}

/// The three examples' figures, with the load around these runs.
fn lessons(root: &Path) -> Result<Lessons, String> {
    let mut machine = Machine::describe(None);
    let meter = Meter::start();
    let timeline = timeline(&example(root, "multitasking_vs_parallelism")?)?;
    let heartbeat = heartbeat(&example(root, "preemptive_vs_cooperative")?)?;
    let gil_simulated = gil_simulated(&example(root, "gil_simulated")?)?;
    meter.finish(&mut machine);
    Ok(Lessons {
        schema: SCHEMA,
        kind: Kind::Lessons,
        machine,
        timeline,
        heartbeat,
        gil_simulated,
    })
}

/// 1.1: the `A |#..#|` and `B |..#.|` rows of the pinned run and the free
/// one (one column per ms), and each run's CPU / wall.
pub fn timeline(output: &str) -> Result<[TimelineRun; 2], String> {
    let rows: Vec<String> = output
        .lines()
        .filter_map(|l| {
            l.trim_start()
                .strip_prefix("A |")
                .or_else(|| l.trim_start().strip_prefix("B |"))
        })
        .map(|l| l.trim_end_matches('|').to_string())
        .collect();
    let ratio = |run: &str| -> Option<f64> {
        let line = output
            .lines()
            .find(|l| l.starts_with(&format!("| {run} ")))?;
        line.trim_end_matches('|')
            .rsplit('|')
            .next()?
            .trim()
            .parse()
            .ok()
    };
    match (
        <[String; 4]>::try_from(rows),
        ratio("pinned to 1 CPU"),
        ratio("free"),
    ) {
        (Ok([a1, b1, a2, b2]), Some(pinned), Some(free)) => Ok([
            TimelineRun {
                pinned: true,
                rows: [a1, b1],
                cpu_per_wall: pinned,
            },
            TimelineRun {
                pinned: false,
                rows: [a2, b2],
                cpu_per_wall: free,
            },
        ]),
        _ => Err(format!(
            "multitasking_vs_parallelism printed no two timelines and CPU / wall:\n{output}"
        )),
    }
}

/// 1.2: the gaps between heartbeats beside the task without await, then
/// beside the one with `yield_now`, and the beats during each busy stretch.
pub fn heartbeat(output: &str) -> Result<[Heartbeat; 2], String> {
    let gaps = output
        .lines()
        .filter_map(|l| l.trim().strip_prefix("gaps between beats (ms): ["))
        .map(|l| {
            l.trim_end_matches(']')
                .split(", ")
                .filter_map(|n| n.parse().ok())
                .collect()
        });
    let inside = output.lines().filter_map(|l| {
        l.split("beats during the busy stretch: ")
            .nth(1)?
            .trim()
            .parse()
            .ok()
    });
    let beats: Vec<Heartbeat> = gaps
        .zip(inside)
        .map(|(gaps_ms, beats_while_busy)| Heartbeat {
            gaps_ms,
            beats_while_busy,
        })
        .collect();
    <[Heartbeat; 2]>::try_from(beats)
        .map_err(|_| format!("preemptive_vs_cooperative printed no two heartbeats:\n{output}"))
}

/// 1.3: the speedup and CPUs busy by thread count, without the Gil model,
/// with it, and for IO-bound work under it.
pub fn gil_simulated(output: &str) -> Result<GilSimulated, String> {
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
            let bad = || format!("gil_simulated: bad row {row:?}");
            if let [threads, _, speedup, busy] = cells.as_slice() {
                rows.push(Speedup {
                    threads: threads.parse().map_err(|_| bad())?,
                    speedup: speedup.trim_end_matches('x').parse().map_err(|_| bad())?,
                    cpus_busy: busy.parse().map_err(|_| bad())?,
                });
            }
        }
        tables.push(rows);
    }
    match <[Vec<Speedup>; 3]>::try_from(tables) {
        Ok([cpu_no_gil, cpu_with_gil, io_with_gil]) => Ok(GilSimulated {
            cpu_no_gil,
            cpu_with_gil,
            io_with_gil,
        }),
        Err(_) => Err(format!("gil_simulated printed no three tables:\n{output}")),
    }
}

/// Runs the benches of [`BENCHES`], and reads criterion's estimates back.
fn benches(root: &Path) -> Result<Benches, String> {
    let ids = BENCHES.iter().flat_map(|(a, b)| [*a, *b]);
    let mut groups: Vec<String> = ids
        .clone()
        .filter_map(|id| Some(regex_escape(id.split_once('/')?.0)))
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
    Ok(Benches {
        schema: SCHEMA,
        kind: Kind::Benches,
        command,
        machine,
        results,
    })
}

/// `text` with the characters a regex gives a meaning escaped.
fn regex_escape(text: &str) -> String {
    text.chars()
        .flat_map(|c| {
            let special = "\\.+*?()|[]{}^$".contains(c);
            special.then_some('\\').into_iter().chain([c])
        })
        .collect()
}

/// Every `<dir>/**/new/` result of criterion: its id and its median's
/// estimate with the confidence interval, in seconds.
pub fn criterion_results(dir: &Path) -> Vec<Bench> {
    #[derive(serde::Deserialize)]
    struct Id {
        full_id: String,
    }
    #[derive(serde::Deserialize)]
    struct Estimates {
        median: Estimate,
    }
    #[derive(serde::Deserialize)]
    struct Estimate {
        point_estimate: f64,
        confidence_interval: Interval,
    }
    #[derive(serde::Deserialize)]
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
