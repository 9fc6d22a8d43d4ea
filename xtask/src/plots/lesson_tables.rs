//! The tables of section 1: the 1.1 and 1.2 examples' figures, and the 1.3
//! speedups by thread count.

use serde_json::Value;

use super::concepts::speedups;
use super::data::Doc;
use super::tables::markdown;
use super::ticks::factor;

/// 1.1 and 1.2: what the examples printed, as numbers.
pub fn lessons(lessons: &Doc, which: &str) -> String {
    let j = &lessons.json;
    let (header, lines, command): (&[&str], Vec<Vec<String>>, &str) = match which {
        "timeline" => {
            let runs = j["timeline"]["runs"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            let lines = runs
                .iter()
                .map(|r| {
                    vec![
                        r["run"].as_str().unwrap_or("?").to_string(),
                        format!("{:.2}", r["cpu_per_wall"].as_f64().unwrap_or(0.0)),
                    ]
                })
                .collect();
            (
                &[
                    "two busy threads",
                    "CPU / wall (CPUs busy at once, on average)",
                ],
                lines,
                "cargo run --release --example multitasking_vs_parallelism",
            )
        }
        _ => {
            let beat = &j["heartbeat"];
            let lines = [
                ("without await", "without_await"),
                ("with yield_now", "with_yield_now"),
            ]
            .iter()
            .map(|(name, key)| {
                let gaps: Vec<u64> = beat[key]["gaps_ms"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_u64)
                    .collect();
                let longest = gaps.iter().max().copied().unwrap_or(0);
                vec![
                    name.to_string(),
                    format!("{longest} ms"),
                    beat[key]["beats_while_busy"].to_string(),
                ]
            })
            .collect();
            (
                &[
                    "busy task",
                    "longest gap between beats",
                    "beats during the busy stretch",
                ],
                lines,
                "cargo run --release --example preemptive_vs_cooperative",
            )
        }
    };
    let caption = lessons.caption(&super::strings::EN);
    markdown(header, &lines)
        + &format!(
            "\n*{}. One run of the example. Run it on your machine: `{command}`; `cargo xtask measure` records it again.*\n",
            caption[0]
        )
        + &contradicted(lessons, which)
}

/// What in this run contradicts the lesson, said under its table: a free run
/// that did not overlap on two CPUs, a yielding task whose heartbeat still
/// stalled, and the machine's own flags.
fn contradicted(lessons: &Doc, which: &str) -> String {
    let j = &lessons.json;
    let mut flags: Vec<String> = j["machine"]["flags"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|f| Some(f.as_str()?.to_string()))
        .collect();
    if which == "timeline" {
        let free = j["timeline"]["runs"][1]["cpu_per_wall"]
            .as_f64()
            .unwrap_or(0.0);
        if lessons.cpus() >= 2.0 && free < 1.5 {
            flags.push(format!(
                "the free run kept only {free:.2} CPUs busy at once, not about 2: other \
                 programs had the CPUs, so this run does not show the parallel case"
            ));
        }
    } else {
        let gaps = j["heartbeat"]["with_yield_now"]["gaps_ms"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let longest = gaps.iter().filter_map(|g| g.as_u64()).max().unwrap_or(0);
        if longest > 30 {
            flags.push(format!(
                "beside the yielding task the longest gap was {longest} ms: the thread was \
                 held up by other programs, not by the task"
            ));
        }
    }
    flags
        .iter()
        .map(|f| format!("\n**Flagged:** {f}.\n"))
        .collect()
}

/// 1.3: speedup by threads, CPython's, Rust's, and the Gil model's.
pub fn gil(compare: &Doc, growth: &Doc, lessons: &Doc) -> String {
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
    let header = [
        "threads",
        "CPython threads (n = 10⁷, the GIL)",
        "Rust threads (n = 10⁹, no GIL)",
        "Rust threads under the Gil model",
    ];
    let caption = growth.caption(&super::strings::EN);
    markdown(&header, &lines)
        + &format!(
            "\n*{}. Speedup over 1 thread of the same kind, whole processes (the model: inside one). \
         Measure it on your machine: `cargo run --release -- --compare cpu/threads` (CPython), \
         `-- --compare --growth scale/threads` (Rust), `--example gil_simulated` (the model).*\n",
            caption[0]
        )
}
