//! `cargo xtask measure`: measures this machine again and rewrites the
//! committed JSON in `docs/measured/`, then the pictures and tables from it.
//!
//! - `compare.json`: `cargo run --release -- --compare` (the notebook's
//!   cells, the pool's cost per job, CPU-bound scaling, IO-bound clients);
//! - `growth.json`: `-- --compare --growth` (the curves: 10 to 10,000
//!   clients, n from 10⁶ to 10⁹);
//! - `lessons.json`: what three examples printed (the 1.1 timeline, the 1.2
//!   heartbeat gaps, the 1.3 Gil model's speedups), read from their output.
//!
//! It takes several minutes, on an idle machine if the numbers are to mean
//! anything: the JSON records the load average before and after. CI never
//! measures; it only renders ([`crate::plots`]) from what is committed.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use common::testing::run_bounded;
use serde_json::{Value, json};

/// Where the measured JSON lives, relative to the workspace root.
pub const MEASURED: &str = "docs/measured";

/// Builds the tour and the three examples, measures, and writes the JSON.
/// Returns the files written.
pub fn measure(root: &Path, say: &dyn Fn(&str)) -> Result<Vec<PathBuf>, String> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    say("building the tour and the examples (release) ...");
    let status = Command::new(&cargo)
        .current_dir(root)
        .args([
            "build",
            "--quiet",
            "--release",
            "-p",
            "tour",
            "-p",
            "threads",
        ])
        .args([
            "--example",
            "multitasking_vs_parallelism",
            "--example",
            "preemptive_vs_cooperative",
        ])
        .args(["--example", "gil_simulated"])
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if !status.success() {
        return Err(format!("the release build failed ({status})"));
    }
    let dir = root.join(MEASURED);
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let tour = root.join("target/release/tour");
    let mut written = Vec::new();
    for (name, extra) in [
        ("compare.json", &[][..]),
        ("growth.json", &["--growth"][..]),
    ] {
        say(&format!(
            "measuring {name}: cargo run --release -- --compare {} ...",
            extra.join(" ")
        ));
        let path = dir.join(name);
        let status = Command::new(&tour)
            .current_dir(root)
            .arg("--compare")
            .args(extra)
            .arg("--json")
            .arg(&path)
            .status()
            .map_err(|e| format!("cannot run {}: {e}", tour.display()))?;
        if !status.success() {
            return Err(format!(
                "{name}: the comparison failed ({status}); its output is above"
            ));
        }
        written.push(path);
    }
    say("measuring lessons.json: the 1.1, 1.2 and 1.3 examples ...");
    let machine = serde_json::from_str::<Value>(&read(&dir.join("compare.json"))?)
        .map_err(|e| format!("compare.json: {e}"))?["machine"]
        .clone();
    let path = dir.join("lessons.json");
    let lessons = lessons(root, machine)?;
    let text = serde_json::to_string_pretty(&lessons).expect("plain data") + "\n";
    std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    written.push(path);
    Ok(written)
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

/// `/proc/loadavg`'s three averages.
fn load_average() -> Value {
    let text = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let numbers: Vec<f64> = text
        .split(' ')
        .take(3)
        .map(|n| n.parse().unwrap_or(0.0))
        .collect();
    json!(numbers)
}

/// Runs an example of `threads` in full and returns what it printed.
fn example(root: &Path, name: &str) -> Result<String, String> {
    let binary = root.join("target/release/examples").join(name);
    let run = run_bounded(Command::new(&binary), Duration::from_secs(300));
    if !run.status.success() {
        return Err(format!("{name} failed ({}):\n{}", run.status, run.stderr));
    }
    Ok(run.stdout)
}

/// The three examples' figures, with the machine of `compare.json` (the same
/// run) and the load around these runs.
fn lessons(root: &Path, mut machine: Value) -> Result<Value, String> {
    let load_at_start = load_average();
    let timeline = timeline(&example(root, "multitasking_vs_parallelism")?)?;
    let heartbeat = heartbeat(&example(root, "preemptive_vs_cooperative")?)?;
    let gil = gil_simulated(&example(root, "gil_simulated")?)?;
    let load_at_end = load_average();
    // The flags of these runs, by the tour's rule (`--compare`): one CPU, or
    // other programs keeping more than a third of the CPUs busy.
    let cpus = machine["cpus"].as_f64().unwrap_or(1.0);
    let (start, end) = (
        load_at_start[0].as_f64().unwrap_or(0.0),
        load_at_end[0].as_f64().unwrap_or(0.0),
    );
    let mut flags = Vec::new();
    if cpus <= 1.0 {
        flags.push("one CPU: no parallel row can show a speedup here".to_string());
    }
    if start.max(end) > cpus / 3.0 {
        flags.push(format!(
            "loaded: the 1-minute load average was {start:.2} at the start and {end:.2} at the end, on {cpus} CPUs"
        ));
    }
    machine["flags"] = json!(flags);
    machine["date"] = json!(utc_now());
    machine["load_at_start"] = load_at_start;
    machine["load_at_end"] = load_at_end;
    Ok(json!({
        "schema": 1,
        "kind": "lessons",
        "machine": machine,
        "timeline": timeline,
        "heartbeat": heartbeat,
        "gil_simulated": gil,
    }))
}

/// 1.1: the `A |#..#|` and `B |..#.|` rows of the pinned run and the free
/// one (one column per ms), and each run's CPU / wall.
pub fn timeline(output: &str) -> Result<Value, String> {
    let rows: Vec<&str> = output
        .lines()
        .filter_map(|l| {
            l.trim_start()
                .strip_prefix("A |")
                .or_else(|| l.trim_start().strip_prefix("B |"))
        })
        .map(|l| l.trim_end_matches('|'))
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
    match (rows.as_slice(), ratio("pinned to 1 CPU"), ratio("free")) {
        ([a1, b1, a2, b2], Some(pinned), Some(free)) => Ok(json!({
            "column_ms": 1,
            "runs": [
                {"run": "pinned", "rows": [a1, b1], "cpu_per_wall": pinned},
                {"run": "free", "rows": [a2, b2], "cpu_per_wall": free},
            ],
        })),
        _ => Err(format!(
            "multitasking_vs_parallelism printed no two timelines and CPU / wall:\n{output}"
        )),
    }
}

/// 1.2: the gaps between heartbeats beside the task without await, then
/// beside the one with `yield_now`, and the beats during each busy stretch.
pub fn heartbeat(output: &str) -> Result<Value, String> {
    let gaps: Vec<Vec<u64>> = output
        .lines()
        .filter_map(|l| l.trim().strip_prefix("gaps between beats (ms): ["))
        .map(|l| {
            l.trim_end_matches(']')
                .split(", ")
                .filter_map(|n| n.parse().ok())
                .collect()
        })
        .collect();
    let inside: Vec<u64> = output
        .lines()
        .filter_map(|l| {
            l.split("beats during the busy stretch: ")
                .nth(1)?
                .trim()
                .parse()
                .ok()
        })
        .collect();
    match (gaps.as_slice(), inside.as_slice()) {
        ([without, with], [inside_without, inside_with]) => Ok(json!({
            "beat_ms": 10,
            "without_await": {"gaps_ms": without, "beats_while_busy": inside_without},
            "with_yield_now": {"gaps_ms": with, "beats_while_busy": inside_with},
        })),
        _ => Err(format!(
            "preemptive_vs_cooperative printed no two heartbeats:\n{output}"
        )),
    }
}

/// 1.3: the speedup and CPUs busy by thread count, without the Gil model,
/// with it, and for IO-bound work under it.
pub fn gil_simulated(output: &str) -> Result<Value, String> {
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
            if let [threads, _, speedup, busy] = cells.as_slice() {
                let threads: u64 = threads.parse().map_err(|_| format!("bad row {row:?}"))?;
                let speedup: f64 = speedup
                    .trim_end_matches('x')
                    .parse()
                    .map_err(|_| format!("bad row {row:?}"))?;
                let busy: f64 = busy.parse().map_err(|_| format!("bad row {row:?}"))?;
                rows.push(json!({"threads": threads, "speedup": speedup, "cpus_busy": busy}));
            }
        }
        tables.push(Value::Array(rows));
    }
    match <[Value; 3]>::try_from(tables) {
        Ok([without, with, io]) => {
            Ok(json!({"cpu_no_gil": without, "cpu_with_gil": with, "io_with_gil": io}))
        }
        Err(_) => Err(format!("gil_simulated printed no three tables:\n{output}")),
    }
}

/// The time now, UTC, as the tour writes it (`2026-12-01 23:26 UTC`).
fn utc_now() -> String {
    let output = Command::new("date")
        .args(["-u", "+%Y-%m-%d %H:%M UTC"])
        .output();
    let text = output.ok().and_then(|o| String::from_utf8(o.stdout).ok());
    text.map_or_else(|| "unknown date".into(), |d| d.trim().to_string())
}
