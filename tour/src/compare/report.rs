//! What a comparison found: its row in the schema of the JSON
//! (`tour::measured`), and the tables the terminal shows.

use std::time::Duration;

use common::memory::format_bytes;
use common::report::Table;
use common::timing::format_duration;
use tour::measured::{English, Flag, Row, Runs, Sample, Side, Stats, Stop, factor};

use super::pairing::{Paired, ratios, spread};
use super::plan::Comparison;

/// The values of `metric` over some samples (`wall_s`, or one they reported).
fn values(samples: &[Sample], metric: &str) -> Vec<f64> {
    let pick = |s: &Sample| match metric {
        "wall_s" => Some(s.wall_s),
        key => s.values.get(key).copied(),
    };
    samples.iter().filter_map(pick).collect()
}

fn runs(command: Option<String>, samples: Vec<Sample>, metric: &str, stop: Option<Stop>) -> Runs {
    Runs {
        command,
        time: spread(&values(&samples, metric)),
        peak_rss: spread(&values(&samples, "peak_rss_bytes")),
        samples,
        stop,
    }
}

/// The row of `comparison`, from what its runs gathered.
pub fn row(comparison: &Comparison, paired: Paired<Sample, Stop>) -> Row {
    let metric = comparison.work.metric();
    let (command, stop) = match &comparison.python {
        Ok(p) => (Some(p.shown()), paired.python_stopped),
        Err(why) => (None, Some(why.clone())),
    };
    let python = runs(command, paired.python, metric, stop);
    let command = Some(comparison.rust.shown());
    let rust = runs(command, paired.rust, metric, paired.rust_stopped);
    let ratio = ratios(
        &values(&python.samples, metric),
        &values(&rust.samples, metric),
    );
    let mut flags = Vec::new();
    for (side, runs) in [(Side::Python, &python), (Side::Rust, &rust)] {
        if let Some(t) = runs.time.filter(|t| t.max > 1.5 * t.min) {
            let spread = (t.max / t.min * 10.0).round() / 10.0;
            flags.push(Flag::Noisy { side, spread });
        }
    }
    Row {
        work: comparison.work,
        warmup: comparison.warmup,
        runs: comparison.runs,
        python,
        rust,
        ratio: spread(&ratio),
        order: paired.order,
        flags,
    }
}

/// `21.3 ms (20.9 ms–23.0 ms)`, or why there is no number.
fn cell(side: &Runs, format: fn(f64) -> String, stats: Option<Stats>) -> String {
    match (stats, &side.stop) {
        (_, Some(Stop::Capped { limit, .. })) => format!("capped by {limit}"),
        (_, Some(Stop::Failed { .. })) => "FAILED".into(),
        (Some(t), _) => format!("{} ({}–{})", format(t.median), format(t.min), format(t.max)),
        (None, _) => "—".into(),
    }
}

/// One table per group, in plan order, each under its title, with its
/// rows' flags and failures under it.
pub fn tables(rows: &[Row]) -> String {
    let seconds = |s: f64| format_duration(Duration::from_secs_f64(s));
    let bytes = |b: f64| format_bytes(b as u64);
    let mut out = String::new();
    let mut groups: Vec<_> = rows.iter().map(|r| r.work.group()).collect();
    groups.dedup();
    for group in groups {
        let members: Vec<&Row> = rows.iter().filter(|r| r.work.group() == group).collect();
        let memory = members.iter().any(|r| r.rust.peak_rss.is_some());
        let header = ["measured", "Python", "Rust", "Python ÷ Rust"];
        let mut table = Table::new(
            header.into_iter().chain(
                memory
                    .then_some(["Python peak RSS", "Rust peak RSS"])
                    .into_iter()
                    .flatten(),
            ),
        );
        let mut notes = String::new();
        for r in &members {
            let label = r.work.label(&English);
            let ratio = r.ratio.map_or("—".into(), |q| {
                format!("{} ({}–{})", factor(q.median), factor(q.min), factor(q.max))
            });
            let mut cells = vec![
                label.clone(),
                cell(&r.python, seconds, r.python.time),
                cell(&r.rust, seconds, r.rust.time),
                ratio,
            ];
            if memory {
                cells.push(cell(&r.python, bytes, r.python.peak_rss));
                cells.push(cell(&r.rust, bytes, r.rust.peak_rss));
            }
            table.row(cells);
            let flags: Vec<String> = (r.flags.iter())
                .map(|f| f.text(Some(&r.work), &English))
                .collect();
            if !flags.is_empty() {
                notes += &format!("  flagged, {label}: {}\n", flags.join("; "));
            }
            let names = r.work.names();
            for (name, side) in [(names.0, &r.python), (names.1, &r.rust)] {
                if let Some(Stop::Failed { why } | Stop::Capped { why, .. }) = &side.stop {
                    notes += &format!("  {label}, {name}: {why}\n");
                }
            }
        }
        out += &format!("\n{}\n{}\n{notes}", group.title(), table.align_right(1..6));
    }
    out
}
