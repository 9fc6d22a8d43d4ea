//! The book's tables of measured numbers, generated from the same JSON as
//! the pictures, so that no figure in the text is typed by hand. Each table
//! ends with the machine that measured it, what was flagged, and the command
//! that measures it again.

use std::fmt::Write as _;

use serde_json::Value;

use super::concepts::speedups;
use super::data::{Doc, Reading, Stats};
use super::strings::Strings;
use super::ticks::{factor, seconds_exact};

fn bytes(b: f64) -> String {
    common::memory::format_bytes(b as u64)
}

/// `21.3 ms (20.9 ms–23.0 ms)`, or why there is no number.
fn cell(
    doc: &Doc,
    (id, side, what): (&str, &str, &str),
    format: fn(f64) -> String,
    s: &Strings,
) -> Result<String, String> {
    Ok(match doc.value(id, side, what) {
        Reading::Got(Stats { median, min, max }) => {
            format!("{} ({}–{})", format(median), format(min), format(max))
        }
        Reading::Capped(limit) => format!("{} {}", s.capped_by, s.say(&limit)?),
        Reading::Missing(why) if why.starts_with("not run") || why.starts_with("no Python") => {
            "—".into()
        }
        Reading::Missing(why) if why.contains("not found") => s.table.no_python.into(),
        Reading::Missing(_) => s.table.failed.into(),
    })
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

/// A flag under a table, as its own paragraph: the machine's, or a row's.
pub(super) fn flag(s: &Strings, row: Option<&str>, flag: &str) -> String {
    let line = match row {
        Some(row) => s.table.row_flag.replace("{row}", row),
        None => s.table.flag.to_string(),
    };
    format!("\n{}\n", line.replace("{flag}", flag))
}

/// The flags of the machine, each in `s`'s language.
pub(super) fn machine_flags(doc: &Doc, s: &Strings) -> Result<String, String> {
    let flags = doc.json["machine"]["flags"]
        .as_array()
        .into_iter()
        .flatten();
    flags
        .filter_map(Value::as_str)
        .map(|f| Ok(flag(s, None, &s.say(f)?)))
        .collect()
}

/// The lines under a table: the machine, the runs, the flags, how to measure again.
fn footer(doc: &Doc, ids: &[&str], command: &str, s: &Strings) -> Result<String, String> {
    let t = &s.table;
    let rows: Vec<&Value> = ids.iter().filter_map(|id| doc.row(id)).collect();
    let warm: Vec<bool> = rows
        .iter()
        .map(|r| r["warmup"].as_u64().unwrap_or(0) > 0)
        .collect();
    let warmup = match (warm.iter().all(|&w| w), warm.iter().any(|&w| w)) {
        (true, _) => t.warmup[0],
        (false, true) => t.warmup[1],
        (false, false) => t.warmup[2],
    };
    let paired = if rows.iter().any(|r| !r["ratio"].is_null()) {
        t.paired
    } else {
        ""
    };
    let runs: Vec<u64> = rows.iter().filter_map(|r| r["runs"].as_u64()).collect();
    let runs = match (runs.iter().min(), runs.iter().max()) {
        (Some(&a), Some(&b)) if a == b => s.count(a, t.median_of),
        (Some(&a), Some(&b)) => {
            let range = t.range_of_runs.replace("{a}", &a.to_string());
            let range = range.replace("{b}", &b.to_string());
            s.form(b, t.median_of).replace("{n}", &range)
        }
        _ => t.no_runs.into(),
    };
    let caption = t
        .rows_caption
        .replace("{caption}", &doc.caption(s)[0])
        .replace("{runs}", &runs)
        .replace("{warmup}", warmup)
        .replace("{paired}", paired)
        .replace("{command}", command);
    let mut out = format!("\n{caption}\n") + &machine_flags(doc, s)?;
    for row in rows {
        let label = s.say(row["label"].as_str().unwrap_or("?"))?;
        let flags = row["flags"].as_array().into_iter().flatten();
        for f in flags.filter_map(Value::as_str) {
            out += &flag(s, Some(&label), &s.say(f)?);
        }
    }
    Ok(out)
}

/// The Python ÷ Rust table of some rows (with peak RSS when they report it).
pub fn rows(doc: &Doc, ids: &[&str], command: &str, s: &Strings) -> Result<String, String> {
    let memory = ids
        .iter()
        .any(|id| doc.median(id, "rust", "peak_rss").is_some());
    let columns = if memory { 6 } else { 4 };
    let mut lines = Vec::new();
    for id in ids.iter().filter(|id| doc.row(id).is_some()) {
        let row = doc.row(id).expect("filtered");
        let ratio = doc.ratio(id).map_or("—".into(), |r| {
            format!("{} ({}–{})", factor(r.median), factor(r.min), factor(r.max))
        });
        let mut cells = vec![
            s.say(row["label"].as_str().unwrap_or(id))?,
            cell(doc, (id, "python", "time"), seconds_exact, s)?,
            cell(doc, (id, "rust", "time"), seconds_exact, s)?,
            ratio,
        ];
        if memory {
            cells.push(cell(doc, (id, "python", "peak_rss"), bytes, s)?);
            cells.push(cell(doc, (id, "rust", "peak_rss"), bytes, s)?);
        }
        lines.push(cells);
    }
    Ok(markdown(&s.table.rows_header[..columns], &lines) + &footer(doc, ids, command, s)?)
}

/// Speedup and efficiency by workers, Rust at n = 10⁹.
pub fn scaling(growth: &Doc, s: &Strings) -> Result<String, String> {
    let t = &s.table;
    let methods = ["threads", "rayon", "pool"].into_iter().zip(t.methods);
    let (mut lines, mut impossible) = (Vec::new(), Vec::new());
    for (method, name) in methods {
        let ids = growth.ids(&format!("scale/{method}/"));
        for (k, speedup) in speedups(growth, &ids, "scale/sequential/1", "rust") {
            // k workers cannot do k CPUs' worth of work more than k times as fast.
            let cpus = growth.cpus().min(k);
            if speedup > 1.1 * cpus {
                let one = t.impossible_one.replace("{method}", name);
                let one = one.replace("{workers}", &format!("{k}"));
                impossible.push(one.replace("{speedup}", &factor(speedup)));
            }
            let id = format!("scale/{method}/{k}");
            let time = cell(growth, (&id, "rust", "time"), seconds_exact, s)?;
            lines.push(vec![
                name.to_string(),
                format!("{k}"),
                time,
                factor(speedup),
                format!("{:.2}", speedup / k),
            ]);
        }
    }
    let ids: Vec<String> = growth.ids("scale/");
    let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
    let command = "cargo run --release -- --compare --growth scale";
    let mut out = markdown(&t.scaling_header, &lines) + &footer(growth, &ids, command, s)?;
    if !impossible.is_empty() {
        out += &flag(
            s,
            None,
            &t.impossible.replace("{list}", &impossible.join(", ")),
        );
    }
    Ok(out)
}

/// The lessons' claims, as this run bore them out or contradicted them.
pub fn claims(docs: &[&Doc], s: &Strings) -> Result<String, String> {
    let t = &s.table;
    let mut lines: Vec<Vec<String>> = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    for doc in docs {
        for claim in doc.json["claims"].as_array().into_iter().flatten() {
            let id = claim["id"].as_str().unwrap_or("").to_string();
            let verdict = match claim["holds"].as_bool() {
                Some(true) => t.verdicts[0],
                Some(false) => t.verdicts[1],
                None if claim["detail"]
                    .as_str()
                    .is_some_and(|d| !d.starts_with("not measured")) =>
                {
                    t.verdicts[2]
                }
                None => continue,
            };
            if seen.contains(&id) {
                continue;
            }
            seen.push(id);
            let text = |key: &str| s.say(claim[key].as_str().unwrap_or(""));
            lines.push(vec![text("claim")?, verdict.into(), text("detail")?]);
        }
    }
    let caption = docs
        .first()
        .map(|d| d.caption(s)[0].clone())
        .unwrap_or_default();
    let caption = t.claims_caption.replace("{caption}", &caption);
    Ok(markdown(&t.claims_header, &lines) + &format!("\n{caption}\n"))
}
