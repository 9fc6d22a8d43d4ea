//! Timelines of real runs: the Chrome traces (`COURSE_TRACE=file`) that the
//! examples and their Python originals record, committed as
//! `docs/measured/traces/<example>.<language>.json`, drawn as one picture
//! per example: Python's rows above Rust's on one time axis, a row per
//! thread or task, spans as labelled bars and marks as ticks.
//!
//! A trace is input like the measured JSON: a phase other than a span
//! (`X`), a mark (`i`) or a row's name (`M`), a negative or infinite time,
//! a span on a row no `thread_name` names, or a file whose `otherData` does
//! not match its name is refused, naming the file and the event.

use std::path::Path;

use anyhow::{Context, Result, bail};
use plotters::prelude::RGBColor;
use serde::Deserialize;
use tour::measured::{Language, fill};

use super::catalog::Tongue;
use super::chart::{self, Axis, Band, Bar, bar};

/// The timelines' texts: every one is shown only when a trace exists.
pub const TEXTS: [&str; 8] = [
    "CPython, no GIL",
    "CPython",
    "Rust",
    "time since the start, ms",
    "Traced runs: {runtimes}, on a machine with {cpus}",
    "A row per thread or task; bars are spans, ticks are marks. Trace your own run: \
     COURSE_TRACE=trace.json cargo run --release --example {example}",
    "{example}: Python above, Rust below, on one time axis",
    "{example}: a traced run",
];

/// One recorded run: spans, marks and the rows' names, and who ran it.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Trace {
    trace_events: Vec<Event>,
    other_data: Run,
}

/// Who recorded a trace: `rust` or `python`, the example, the runtime
/// (`rustc 1.95.0 (...)`, `CPython 3.11.7`), Python's GIL, the machine's CPUs.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Run {
    language: String,
    program: String,
    runtime: String,
    gil: Option<bool>,
    cpus: usize,
}

/// One event of the Chrome trace event format, times in µs since the
/// start: a span of time on a row (`tid`), an instant on one, or a row's
/// name (`thread_name`, the name in `args`).
#[derive(Debug, Deserialize)]
#[serde(tag = "ph")]
enum Event {
    #[serde(rename = "X")]
    Span {
        name: String,
        ts: f64,
        dur: f64,
        tid: u64,
    },
    #[serde(rename = "i")]
    Mark { ts: f64, tid: u64 },
    #[serde(rename = "M")]
    Meta { name: String, tid: u64, args: Name },
}

#[derive(Debug, Deserialize)]
struct Name {
    name: String,
}

impl Trace {
    /// The rows in order of their number: (tid, name).
    fn rows(&self) -> Vec<(u64, &str)> {
        let mut rows: Vec<(u64, &str)> = (self.trace_events.iter())
            .filter_map(|e| match e {
                Event::Meta {
                    name, tid, args, ..
                } if name == "thread_name" => Some((*tid, args.name.as_str())),
                _ => None,
            })
            .collect();
        rows.sort();
        rows
    }

    /// Refuses a trace that cannot be a run, naming the event.
    fn check(&self, example: &str, language: &str) -> Result<()> {
        let run = &self.other_data;
        if run.program != example || !language.starts_with(run.language.as_str()) {
            let (theirs, program) = (&run.language, &run.program);
            bail!(
                "otherData: a {theirs} trace of {program}, in a file named for a {language} trace of {example}"
            );
        }
        let rows = self.rows();
        for (i, event) in self.trace_events.iter().enumerate() {
            let (ts, dur, tid) = match event {
                Event::Span { ts, dur, tid, .. } => (*ts, *dur, *tid),
                Event::Mark { ts, tid, .. } => (*ts, 0.0, *tid),
                Event::Meta { .. } => continue,
            };
            let fine = |v: f64| v.is_finite() && v >= 0.0;
            if !fine(ts) || !fine(dur) {
                bail!(
                    "traceEvents[{i}]: ts {ts} and dur {dur} must be finite and not negative: \
                     a span outside the run"
                );
            }
            if !rows.iter().any(|r| r.0 == tid) {
                bail!("traceEvents[{i}]: row {tid}, which no thread_name names");
            }
        }
        Ok(())
    }

    /// The end of the last span or mark, in µs.
    fn end(&self) -> f64 {
        let end = |e: &Event| match e {
            Event::Span { ts, dur, .. } => ts + dur,
            Event::Mark { ts, .. } => *ts,
            Event::Meta { .. } => 0.0,
        };
        self.trace_events.iter().map(end).fold(0.0, f64::max)
    }
}

/// The traces under `dir`, by example, Python's (with the GIL first) then Rust's.
pub fn load(dir: &Path) -> Result<Vec<(String, Vec<Trace>)>> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(Vec::new());
    };
    let mut names: Vec<String> = entries
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json"))
        .collect();
    names.sort();
    let mut out: Vec<(String, Vec<Trace>)> = Vec::new();
    for name in names {
        let shown = dir.join(&name).display().to_string();
        let stem = name.trim_end_matches(".json");
        let Some((example, language)) = stem.split_once('.') else {
            bail!("{shown}: not named <example>.<language>.json");
        };
        let trace: Trace = super::data::load(&dir.join(&name))?;
        trace.check(example, language).context(shown)?;
        match out.iter_mut().find(|(e, _)| e == example) {
            Some((_, traces)) => traces.push(trace),
            None => out.push((example.to_string(), vec![trace])),
        }
    }
    for (_, traces) in &mut out {
        let order = |t: &Trace| {
            (
                t.other_data.language != "python",
                t.other_data.gil != Some(true),
            )
        };
        traces.sort_by_key(order);
    }
    Ok(out)
}

/// The picture of one example's traces: every row of every trace, Python's
/// above Rust's, on one time axis in ms.
pub fn render(example: &str, traces: &[Trace], s: &Tongue) -> Result<String> {
    let end = traces.iter().map(Trace::end).fold(0.0, f64::max) / 1000.0;
    let mut bands = Vec::new();
    for trace in traces {
        let run = &trace.other_data;
        let (who, color) = match (run.language.as_str(), run.gil) {
            ("python", Some(false)) => (s.text(TEXTS[0]), chart::PYTHON2),
            ("python", _) => (s.text(TEXTS[1]), chart::PYTHON),
            _ => (s.text(TEXTS[2]), chart::RUST),
        };
        let mut names: Vec<&str> = Vec::new();
        for event in &trace.trace_events {
            if let Event::Span { name, .. } = event
                && !names.contains(&name.as_str())
            {
                names.push(name);
            }
        }
        for (tid, row) in trace.rows() {
            let on_row = trace.trace_events.iter().filter(|e| match e {
                Event::Span { tid: t, .. } | Event::Mark { tid: t, .. } => *t == tid,
                Event::Meta { .. } => false,
            });
            let (mut bars, mut marks) = (Vec::new(), Vec::new());
            for event in on_row {
                match event {
                    Event::Span { name, ts, dur, .. } => {
                        // A lighter shade for each other name, in the order they first come.
                        let k = names.iter().position(|n| n == name).unwrap_or(0) % 3;
                        let light = |c: u8| c + ((255 - c) as f64 * [0.0, 0.45, 0.7][k]) as u8;
                        let color = RGBColor(light(color.0), light(color.1), light(color.2));
                        let span = (ts / 1000.0, (ts + dur) / 1000.0);
                        bars.push(Bar {
                            text: name.clone(),
                            ..bar(span, color)
                        });
                    }
                    Event::Mark { ts, .. } => marks.push((ts / 1000.0, RGBColor(0, 0, 0))),
                    Event::Meta { .. } => {}
                }
            }
            // The last span's name may go after it, where the row is empty.
            bars.sort_by(|a, b| a.span.0.total_cmp(&b.span.0));
            if let Some(last) = bars.last_mut() {
                last.inside = false;
            }
            let label = format!("{who}: {row}");
            bands.push(Band { label, bars, marks });
        }
    }
    let ms = |v: f64| {
        if end < 10.0 {
            format!("{v:.1}")
        } else {
            format!("{v:.0}")
        }
    };
    let x = Axis::linear((0.0, end.max(0.1) * 1.02), s.text(TEXTS[3]), ms);
    let runtimes: Vec<&str> = traces
        .iter()
        .map(|t| t.other_data.runtime.as_str())
        .collect();
    let cpus = traces.first().map_or(1, |t| t.other_data.cpus);
    let on = fill(&s.plural("{n} CPU", "{n} CPUs", cpus), &[("n", &cpus)]);
    let caption = [
        fill(
            &s.text(TEXTS[4]),
            &[("runtimes", &runtimes.join("; ")), ("cpus", &on)],
        ),
        fill(&s.text(TEXTS[5]), &[("example", &example)]),
    ];
    let both = traces.iter().any(|t| t.other_data.language == "rust")
        && traces.iter().any(|t| t.other_data.language == "python");
    let title = s.text(TEXTS[if both { 6 } else { 7 }]);
    let title = fill(&title, &[("example", &example)]);
    let height = 150 + 34 * bands.len() as u32;
    chart::figure((960, height), &caption, |body| {
        chart::bands(body, &title, &x, &bands, (230, &[]))
    })
}
