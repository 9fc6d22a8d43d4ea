//! What a comparison found, as the JSON records it and as the tables show it.

use std::time::Duration;

use common::memory::format_bytes;
use common::report::Table;
use common::timing::format_duration;
use serde::Serialize;

use super::pairing::{Paired, Spread, Step, ratios, spread};
use super::plan::Comparison;
use super::probe::{Sample, Stop};

/// The median and range of some samples.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Stats {
    /// The middle sample.
    pub median: f64,
    /// The smallest.
    pub min: f64,
    /// The largest.
    pub max: f64,
}

impl From<Spread> for Stats {
    fn from(s: Spread) -> Stats {
        Stats {
            median: s.median,
            min: s.min,
            max: s.max,
        }
    }
}

/// One side of a row.
#[derive(Debug, Clone, Serialize)]
pub struct SideResult {
    /// `threading`, `std threads`, ...
    pub name: &'static str,
    /// The command that ran, from the workspace root.
    pub command: Option<String>,
    /// Why there is no such side (no Python counterpart, no python3, ...).
    pub absent: Option<String>,
    /// Every kept run, in order.
    pub samples: Vec<Sample>,
    /// The compared value (the row's metric) over the samples, in seconds.
    pub time: Option<Stats>,
    /// The peak RSS the process reported, in bytes, if it did.
    pub peak_rss: Option<Stats>,
    /// Why a run failed, if one did.
    pub failed: Option<String>,
    /// Which limit kept it from running, if one did.
    pub capped: Option<String>,
}

/// One row: both sides, and their paired ratio.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// See [`Comparison::id`].
    pub id: String,
    /// The table it belongs to.
    pub group: &'static str,
    /// What it measures.
    pub label: String,
    /// Workers, clients or n, for a curve.
    pub x: Option<f64>,
    /// `wall_s` or `per_job_s`.
    pub metric: &'static str,
    /// Warm-up rounds run and thrown away.
    pub warmup: usize,
    /// Measured rounds.
    pub runs: usize,
    /// The Python side.
    pub python: SideResult,
    /// The Rust side.
    pub rust: SideResult,
    /// Python ÷ Rust of the metric, pair by pair.
    pub ratio: Option<Stats>,
    /// The runs in the order they ran: `warm-up python`, `rust`, ...
    pub order: Vec<String>,
    /// What may make this row misleading.
    pub flags: Vec<String>,
}

fn side(
    name: &'static str,
    command: Option<String>,
    samples: Vec<Sample>,
    metric: &str,
    stopped: Option<Stop>,
) -> SideResult {
    let values = |key: &str| -> Vec<f64> {
        let pick = |s: &Sample| {
            if key == "wall_s" {
                Some(s.wall_s)
            } else {
                s.values.get(key).copied()
            }
        };
        samples.iter().filter_map(pick).collect()
    };
    let (failed, capped) = match stopped {
        Some(Stop::Failed(why)) => (Some(why), None),
        Some(Stop::Capped(why)) => (None, Some(why)),
        None => (None, None),
    };
    SideResult {
        name,
        command,
        absent: None,
        time: spread(&values(metric)).map(Stats::from),
        peak_rss: spread(&values("peak_rss_bytes")).map(Stats::from),
        samples,
        failed,
        capped,
    }
}

/// The row of `comparison`, from what its runs gathered.
pub fn row(comparison: &Comparison, paired: Paired<Sample, Stop>) -> Row {
    let metric = comparison.metric;
    let command = comparison.python.as_ref().ok().map(|p| p.shown());
    let mut python = side(
        comparison.names.0,
        command,
        paired.python,
        metric,
        paired.python_stopped,
    );
    if let Err(why) = &comparison.python {
        python.absent = Some(why.clone());
    }
    let command = Some(comparison.rust.shown());
    let rust = side(
        comparison.names.1,
        command,
        paired.rust,
        metric,
        paired.rust_stopped,
    );
    let pick = |s: &SideResult| -> Vec<f64> {
        let value = |x: &Sample| {
            if metric == "wall_s" {
                Some(x.wall_s)
            } else {
                x.values.get(metric).copied()
            }
        };
        s.samples.iter().filter_map(value).collect()
    };
    let ratio = spread(&ratios(&pick(&python), &pick(&rust))).map(Stats::from);
    let order = paired.order.iter().map(step_name).collect();
    let mut flags = Vec::new();
    for s in [&python, &rust] {
        if let Some(t) = s.time.filter(|t| t.max > 1.5 * t.min) {
            flags.push(format!(
                "noisy: the {} runs ranged over {:.1}x",
                s.name,
                t.max / t.min
            ));
        }
    }
    Row {
        id: comparison.id.clone(),
        group: comparison.group,
        label: comparison.label.clone(),
        x: comparison.x,
        metric,
        warmup: comparison.warmup,
        runs: comparison.runs,
        python,
        rust,
        ratio,
        order,
        flags,
    }
}

fn step_name(step: &Step) -> String {
    let side = match step.side {
        super::pairing::Side::Python => "python",
        super::pairing::Side::Rust => "rust",
    };
    if step.warmup {
        format!("warm-up {side}")
    } else {
        side.to_string()
    }
}

fn seconds(s: f64) -> String {
    format_duration(Duration::from_secs_f64(s.max(0.0)))
}

/// `21.3 ms (20.9 ms–23.0 ms)`, or why there is no number.
fn cell(side: &SideResult, format: fn(f64) -> String, stats: Option<Stats>) -> String {
    match (stats, &side.capped, &side.failed, &side.absent) {
        (_, Some(why), _, _) => format!("capped by {}", why.split(' ').next().unwrap_or(why)),
        (_, _, Some(_), _) => "FAILED".into(),
        (None, _, _, Some(_)) => "—".into(),
        (Some(t), ..) => format!("{} ({}–{})", format(t.median), format(t.min), format(t.max)),
        (None, ..) => "—".into(),
    }
}

/// A ratio to three significant digits or so: `0.0312`, `4.56`, `135`.
pub fn number(x: f64) -> String {
    let decimals = match x.abs() {
        x if x >= 100.0 => 0,
        x if x >= 10.0 => 1,
        x if x >= 1.0 => 2,
        _ => 3,
    };
    format!("{x:.decimals$}")
}

/// A ratio as a factor: `4.56x`.
pub fn times(x: f64) -> String {
    format!("{}x", number(x))
}

fn bytes(b: f64) -> String {
    format_bytes(b as u64)
}

/// One table per group, in plan order, each under its title.
pub fn tables(rows: &[Row]) -> String {
    let mut out = String::new();
    let mut groups: Vec<&str> = rows.iter().map(|r| r.group).collect();
    groups.dedup();
    for group in groups {
        let members: Vec<&Row> = rows.iter().filter(|r| r.group == group).collect();
        let memory = members
            .iter()
            .any(|r| r.rust.peak_rss.is_some() || r.python.peak_rss.is_some());
        let mut header = vec!["measured", "Python", "Rust", "Python ÷ Rust"];
        if memory {
            header.extend(["Python peak RSS", "Rust peak RSS"]);
        }
        let mut table = Table::new(header);
        for r in &members {
            let ratio = r.ratio.map_or("—".into(), |q| {
                format!("{} ({}–{})", times(q.median), number(q.min), number(q.max))
            });
            let mut cells = vec![
                r.label.clone(),
                cell(&r.python, seconds, r.python.time),
                cell(&r.rust, seconds, r.rust.time),
                ratio,
            ];
            if memory {
                cells.push(cell(&r.python, bytes, r.python.peak_rss));
                cells.push(cell(&r.rust, bytes, r.rust.peak_rss));
            }
            table.row(cells);
        }
        out += &format!("\n{group}\n{}\n", table.align_right(1..6));
        for r in members.iter().filter(|r| !r.flags.is_empty()) {
            out += &format!("  flagged, {}: {}\n", r.label, r.flags.join("; "));
        }
        for r in &members {
            for s in [&r.python, &r.rust] {
                if let Some(why) = s.failed.as_ref().or(s.capped.as_ref()) {
                    out += &format!("  {}, {}: {why}\n", r.label, s.name);
                }
            }
        }
    }
    out
}
