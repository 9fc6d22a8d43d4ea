//! The tables of section 1: the 1.1 and 1.2 examples' figures, and the 1.3
//! speedups by thread count.

use serde_json::Value;

use super::concepts::speedups;
use super::data::Doc;
use super::strings::Strings;
use super::tables::{flag, machine_flags, markdown};
use super::ticks::factor;

/// 1.1 and 1.2: what the examples printed, as numbers.
pub fn lessons(lessons: &Doc, which: &str, s: &Strings) -> Result<String, String> {
    let (j, t) = (&lessons.json, &s.table);
    let (header, lines, command): (&[&str], Vec<Vec<String>>, &str) = match which {
        "timeline" => {
            let runs = j["timeline"]["runs"].as_array().into_iter().flatten();
            let lines = runs
                .map(|r| {
                    Ok(vec![
                        s.say(r["run"].as_str().unwrap_or("?"))?,
                        format!("{:.2}", r["cpu_per_wall"].as_f64().unwrap_or(0.0)),
                    ])
                })
                .collect::<Result<_, String>>()?;
            let command = "cargo run --release --example multitasking_vs_parallelism";
            (&t.timeline_header, lines, command)
        }
        _ => {
            let beat = &j["heartbeat"];
            let lines = t
                .heartbeat_rows
                .iter()
                .zip(["without_await", "with_yield_now"])
                .map(|(name, key)| {
                    vec![
                        name.to_string(),
                        format!("{} ms", longest_gap(&beat[key])),
                        beat[key]["beats_while_busy"].to_string(),
                    ]
                })
                .collect();
            let command = "cargo run --release --example preemptive_vs_cooperative";
            (&t.heartbeat_header, lines, command)
        }
    };
    let caption = t
        .lesson_caption
        .replace("{caption}", &lessons.caption(s)[0])
        .replace("{command}", command);
    Ok(markdown(header, &lines) + &format!("\n{caption}\n") + &contradicted(lessons, which, s)?)
}

/// The longest gap between heartbeats of one run, in ms.
fn longest_gap(run: &Value) -> u64 {
    let gaps = run["gaps_ms"].as_array().into_iter().flatten();
    gaps.filter_map(Value::as_u64).max().unwrap_or(0)
}

/// What in this run contradicts the lesson, said under its table: the
/// machine's own flags, a free run that did not overlap on two CPUs, and a
/// yielding task whose heartbeat still stalled.
fn contradicted(lessons: &Doc, which: &str, s: &Strings) -> Result<String, String> {
    let j = &lessons.json;
    let mut out = machine_flags(lessons, s)?;
    if which == "timeline" {
        let free = j["timeline"]["runs"][1]["cpu_per_wall"]
            .as_f64()
            .unwrap_or(0.0);
        if lessons.cpus() >= 2.0 && free < 1.5 {
            let why = s
                .table
                .timeline_not_parallel
                .replace("{cpus}", &format!("{free:.2}"));
            out += &flag(s, None, &why);
        }
    } else {
        let longest = longest_gap(&j["heartbeat"]["with_yield_now"]);
        if longest > 30 {
            let why = s
                .table
                .heartbeat_stalled
                .replace("{ms}", &longest.to_string());
            out += &flag(s, None, &why);
        }
    }
    Ok(out)
}

/// 1.3: speedup by threads, CPython's, Rust's, and the Gil model's.
pub fn gil(compare: &Doc, growth: &Doc, lessons: &Doc, s: &Strings) -> String {
    let python = speedups(
        compare,
        &compare.ids("cpu/threads/"),
        "cpu/threads/1",
        "python",
    );
    let rust = speedups(
        growth,
        &growth.ids("scale/threads/"),
        "scale/threads/1",
        "rust",
    );
    let model: Vec<(f64, f64)> = lessons.json["gil_simulated"]["cpu_with_gil"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|r| Some((r["threads"].as_f64()?, r["speedup"].as_f64()?)))
        .collect();
    let mut ks: Vec<f64> = python
        .iter()
        .chain(&rust)
        .chain(&model)
        .map(|p| p.0)
        .collect();
    ks.sort_by(f64::total_cmp);
    ks.dedup();
    let at = |series: &[(f64, f64)], k: f64| {
        series
            .iter()
            .find(|p| p.0 == k)
            .map_or("—".into(), |p| factor(p.1))
    };
    let lines: Vec<Vec<String>> = ks
        .iter()
        .map(|&k| vec![format!("{k}"), at(&python, k), at(&rust, k), at(&model, k)])
        .collect();
    let caption = s
        .table
        .gil_caption
        .replace("{caption}", &growth.caption(s)[0]);
    markdown(&s.table.gil_header, &lines) + &format!("\n{caption}\n")
}
