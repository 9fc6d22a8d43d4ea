//! The book's tables of measured numbers, generated from the same JSON as
//! the pictures, so that no figure in the text is typed by hand. Each table
//! ends with the machine that measured it, what was flagged, and the command
//! that measures it again.

use std::fmt::Write as _;

use serde_json::Value;

use super::concepts::speedups;
use super::data::{Doc, Reading, Stats};
use super::ticks::{factor, seconds_exact};

fn bytes(b: f64) -> String {
    common::memory::format_bytes(b as u64)
}

/// `21.3 ms (20.9 ms–23.0 ms)`, or why there is no number.
fn cell(doc: &Doc, id: &str, side: &str, what: &str, format: fn(f64) -> String) -> String {
    match doc.value(id, side, what) {
        Reading::Got(Stats { median, min, max }) => {
            format!("{} ({}–{})", format(median), format(min), format(max))
        }
        Reading::Capped(limit) => format!("capped by {limit}"),
        Reading::Missing(why) if why.starts_with("not run") || why.starts_with("no Python") => {
            "—".into()
        }
        Reading::Missing(why) if why.contains("not found") => "no Python".into(),
        Reading::Missing(_) => "failed".into(),
    }
}

pub(super) fn markdown(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut out = format!(
        "| {} |\n|{}|\n",
        header.join(" | "),
        vec!["---"; header.len()].join("|")
    );
    for row in rows {
        writeln!(out, "| {} |", row.join(" | ")).unwrap();
    }
    out
}

/// The lines under a table: the machine, the runs, the flags, how to measure again.
fn footer(doc: &Doc, ids: &[&str], command: &str) -> String {
    let caption = doc.caption(&super::strings::EN);
    let rows: Vec<&Value> = ids.iter().filter_map(|id| doc.row(id)).collect();
    let warm: Vec<bool> = rows
        .iter()
        .map(|r| r["warmup"].as_u64().unwrap_or(0) > 0)
        .collect();
    let warmup = match (warm.iter().all(|&w| w), warm.iter().any(|&w| w)) {
        (true, _) => "each after a warm-up",
        (false, true) => "after a warm-up (none where one run takes seconds)",
        (false, false) => "with no warm-up",
    };
    let paired = if rows.iter().any(|r| !r["ratio"].is_null()) {
        "; Python ÷ Rust is the median of the ratios of paired runs (Python, then Rust)"
    } else {
        ""
    };
    let runs: Vec<u64> = rows.iter().filter_map(|r| r["runs"].as_u64()).collect();
    let runs = match (runs.iter().min(), runs.iter().max()) {
        (Some(a), Some(b)) if a == b => format!("median of {a} runs"),
        (Some(a), Some(b)) => format!("median of {a} to {b} runs"),
        _ => "no runs".into(),
    };
    let mut out = format!(
        "\n*{}. The {runs}, {warmup}, each a whole process, with the range \
         in brackets{paired}. Measure it on your machine: `{command}`.*\n",
        caption[0]
    );
    let machine_flags = doc.json["machine"]["flags"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    for flag in machine_flags.iter().filter_map(Value::as_str) {
        writeln!(out, "\n**Flagged:** {flag}.").unwrap();
    }
    for row in rows {
        for flag in row["flags"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
        {
            writeln!(
                out,
                "\n**Flagged, {}:** {flag}.",
                row["label"].as_str().unwrap_or("?")
            )
            .unwrap();
        }
    }
    out
}

/// The Python ÷ Rust table of some rows (with peak RSS when they report it).
pub fn rows(doc: &Doc, ids: &[&str], command: &str) -> String {
    let memory = ids
        .iter()
        .any(|id| doc.median(id, "rust", "peak_rss").is_some());
    let mut header = vec!["measured", "Python", "Rust", "Python ÷ Rust"];
    if memory {
        header.extend(["Python peak RSS", "Rust peak RSS"]);
    }
    let lines: Vec<Vec<String>> = ids
        .iter()
        .filter(|id| doc.row(id).is_some())
        .map(|id| {
            let row = doc.row(id).expect("filtered");
            let label = row["label"].as_str().unwrap_or(id).to_string();
            let ratio = doc.ratio(id).map_or("—".into(), |r| {
                format!("{} ({}–{})", factor(r.median), factor(r.min), factor(r.max))
            });
            let mut cells = vec![
                label,
                cell(doc, id, "python", "time", seconds_exact),
                cell(doc, id, "rust", "time", seconds_exact),
                ratio,
            ];
            if memory {
                cells.push(cell(doc, id, "python", "peak_rss", bytes));
                cells.push(cell(doc, id, "rust", "peak_rss", bytes));
            }
            cells
        })
        .collect();
    markdown(&header, &lines) + &footer(doc, ids, command)
}

/// Speedup and efficiency by workers, Rust at n = 10⁹.
pub fn scaling(growth: &Doc) -> String {
    let methods = [
        ("threads", "std threads"),
        ("rayon", "rayon"),
        ("pool", "ProcessPool"),
    ];
    let (mut lines, mut impossible) = (Vec::new(), Vec::new());
    for (method, name) in methods {
        let ids = growth.ids(&format!("scale/{method}/"));
        for (k, speedup) in speedups(growth, &ids, "scale/sequential/1", "rust") {
            // k workers cannot do k CPUs' worth of work more than k times as fast.
            let cpus = growth.cpus().min(k);
            if speedup > 1.1 * cpus {
                impossible.push(format!("{name} on {k}: {}", factor(speedup)));
            }
            let id = format!("scale/{method}/{k}");
            let time = cell(growth, &id, "rust", "time", seconds_exact);
            lines.push(vec![
                name.to_string(),
                format!("{k}"),
                time,
                factor(speedup),
                format!("{:.2}", speedup / k),
            ]);
        }
    }
    let header = [
        "Rust",
        "workers",
        "time",
        "speedup over sequential",
        "efficiency",
    ];
    let ids: Vec<String> = growth.ids("scale/");
    let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
    let mut out = markdown(&header, &lines)
        + &footer(
            growth,
            &ids,
            "cargo run --release -- --compare --growth scale",
        );
    if !impossible.is_empty() {
        writeln!(
            out,
            "\n**Flagged:** speedups above what the workers' CPUs can give ({}): the \
             sequential baseline ran slower than it does on an idle machine, so every \
             speedup here is overstated.",
            impossible.join(", ")
        )
        .unwrap();
    }
    out
}

/// The lessons' claims, as this run bore them out or contradicted them.
pub fn claims(docs: &[&Doc]) -> String {
    let mut lines: Vec<Vec<String>> = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    for doc in docs {
        for claim in doc.json["claims"].as_array().into_iter().flatten() {
            let id = claim["id"].as_str().unwrap_or("").to_string();
            let verdict = match claim["holds"].as_bool() {
                Some(true) => "holds",
                Some(false) => "**contradicted**",
                None if claim["detail"]
                    .as_str()
                    .is_some_and(|d| !d.starts_with("not measured")) =>
                {
                    "cannot tell"
                }
                None => continue,
            };
            if seen.contains(&id) {
                continue;
            }
            seen.push(id);
            let text = |key: &str| claim[key].as_str().unwrap_or("").to_string();
            lines.push(vec![text("claim"), verdict.into(), text("detail")]);
        }
    }
    let mut out = markdown(&["claim", "on this machine", "measured"], &lines);
    let caption = docs
        .first()
        .map(|d| d.caption(&super::strings::EN)[0].clone())
        .unwrap_or_default();
    writeln!(
        out,
        "\n*{caption}. A contradicted claim is shown, not hidden: a loaded machine or one CPU \
        contradicts the parallel ones. Measure it on your machine: `cargo xtask measure`.*"
    )
    .unwrap();
    out
}
