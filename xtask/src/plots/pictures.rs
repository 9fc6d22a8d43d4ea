//! The pictures of the measured numbers: section 1's (the 1.2 heartbeat,
//! the 1.3 speedup with and without a GIL), section 4's (the scaling by
//! workers, the growth with n), and section 6's (the notebook's cells, the
//! IO-bound clients).

use anyhow::Result;
use plotters::prelude::*;
use tour::measured::Side::{Python, Rust};
use tour::measured::{Document, Group, Language, Side};

use super::catalog::Tongue;
use super::chart::{Axis, Band, Bar, Corner, FONT, Line, Note, dashed, figure, line, panel};
use super::chart::{GREY, PYTHON, PYTHON2, RUST, RUST2, RUST3, decades, seconds};
use super::data::{Measured, Reading, caption, reading, speedups};

/// 1.2: the gaps between heartbeats, beside a task without await and one with `yield_now`.
pub fn heartbeat(m: &Measured, s: &Tongue) -> Result<String> {
    let gaps = |i: usize| -> Vec<(f64, f64)> {
        let gaps = m.lessons.heartbeat[i].gaps_ms.iter().enumerate();
        gaps.map(|(i, &g)| (i as f64 + 1.0, g as f64)).collect()
    };
    let (without, with) = (gaps(0), gaps(1));
    let most = without.len().max(with.len()) as f64 + 1.0;
    let longest = without.iter().chain(&with).map(|p| p.1).fold(0.0, f64::max);
    let count = |v: f64| format!("{v:.0}");
    let x = Axis::linear((0.0, most), s.text("beat number"), count);
    let y_desc = s.text("gap since the previous beat, ms");
    let y = Axis::linear((0.0, (longest / 50.0).ceil() * 50.0), y_desc, count);
    let names = [
        "busy task without await",
        "busy task with yield_now",
        "the beat's own 10 ms",
    ];
    let [a, b, c] = names.map(|n| s.text(n));
    let lines = [
        line(a, RUST, without),
        line(b, PYTHON2, with),
        dashed(c, GREY, (0.0, 10.0), (most, 10.0)),
    ];
    let title = s.text("1.2 A heartbeat every 10 ms beside a 200 ms busy task");
    figure((820, 420), &caption(&m.lessons.machine, s), |body| {
        panel(body, &title, (&x, &y), &lines, &[], Corner::UpperRight)
    })
}

/// The dashed references of a speedup panel, then `series`: n workers n
/// times as fast, and no more speedup past the machine's CPUs.
fn with_references(s: &Tongue, cpus: usize, series: Vec<Line>) -> (Vec<Line>, f64) {
    let points = series.iter().flat_map(|l| &l.points);
    let (most, cpus) = (points.map(|p| p.0).fold(1.0, f64::max), cpus as f64);
    let ideal = s.text("ideal: n threads, n times as fast");
    let cpu = s.text("this machine's CPUs: no more speedup past them");
    let references = [
        dashed(ideal, GREY, (1.0, 1.0), (most, most)),
        dashed(cpu, RUST2, (1.0, cpus), (most, cpus)),
    ];
    (references.into_iter().chain(series).collect(), most)
}

/// A speedup axis up to `most`.
fn speedup_axis(s: &Tongue, most: f64) -> Axis<'static> {
    let desc = s.text("speedup over 1 thread, x");
    Axis::linear((0.0, most), desc, |v| format!("{v:.1}"))
}

/// 1.3: speedup by threads: CPython's threads, Rust's, and Rust's under the Gil model.
pub fn gil(m: &Measured, s: &Tongue) -> Result<String> {
    let model = m.lessons.gil_simulated.cpu_with_gil.iter();
    let rust = speedups(&m.growth, Group::Scale, "threads", Rust, true);
    let python = speedups(&m.compare, Group::Cpu, "threads", Python, true);
    let model = model.map(|r| (r.threads as f64, r.speedup)).collect();
    let series = vec![
        line(s.text("Rust threads, no GIL (n = 10⁹)"), RUST, rust),
        line(s.text("CPython threads, the GIL (n = 10⁷)"), PYTHON, python),
        line(s.text("Rust threads under the Gil model"), RUST3, model),
    ];
    let (lines, most) = with_references(s, m.growth.machine.cpus, series);
    let x = Axis::linear((1.0, most), s.text("threads"), |v| format!("{v:.0}"));
    let title = s.text("1.3 CPU-bound speedup by thread count: the GIL against none");
    figure((820, 440), &caption(&m.growth.machine, s), |body| {
        let y = speedup_axis(s, most);
        panel(body, &title, (&x, &y), &lines, &[], Corner::UpperLeft)
    })
}

/// 4.1: speedup and efficiency by workers: Rust at n = 10⁹, CPython at 10⁷.
pub fn scaling(m: &Measured, s: &Tongue) -> Result<String> {
    let rust = [
        ("threads", "std threads (n = 10⁹)", RUST),
        ("rayon", "rayon (n = 10⁹)", RUST2),
        ("pool", "ProcessPool (n = 10⁹)", RUST3),
    ];
    let python = [
        ("threads", "CPython threads (n = 10⁷)", PYTHON),
        ("pool", "CPython processes (n = 10⁷)", PYTHON2),
    ];
    let curve = |doc, group, side| {
        move |(method, name, color): (&str, &str, RGBColor)| {
            line(
                s.text(name),
                color,
                speedups(doc, group, method, side, false),
            )
        }
    };
    let rust = rust.map(curve(&m.growth, Group::Scale, Rust));
    let series = (rust.into_iter()).chain(python.map(curve(&m.compare, Group::Cpu, Python)));
    let efficiency: Vec<Line> = (series.clone())
        .map(|l| Line {
            points: l.points.iter().map(|&(k, x)| (k, x / k)).collect(),
            ..l
        })
        .collect();
    let (speedup, most) = with_references(s, m.growth.machine.cpus, series.collect());
    let workers = s.text("workers (threads or processes)");
    let x = Axis::linear((1.0, most), workers, |v| format!("{v:.0}"));
    let y2 = s.text("efficiency: speedup / workers");
    let y2 = Axis::linear((0.0, 1.2), y2, |v| format!("{v:.1}"));
    let title = s.text("4.1 CPU-bound scaling: speedup and efficiency by workers");
    figure((1000, 500), &caption(&m.growth.machine, s), |body| {
        let body = body.titled(&title, (FONT, 16))?;
        let (top, body) = body.split_vertically(44);
        let entries = super::chart::entries(&speedup);
        let (first, second) = entries.split_at(4.min(entries.len()));
        super::chart::legend_row(&top, first)?;
        super::chart::legend_row(&top.shrink((0, 20), (1000, 24)), second)?;
        let panels = body.split_evenly((1, 2));
        let y1 = speedup_axis(s, most);
        panel(&panels[0], "", (&x, &y1), &speedup, &[], Corner::None)?;
        panel(&panels[1], "", (&x, &y2), &efficiency, &[], Corner::None)
    })
}

/// The growth chart's series: a method or way (the middle part of its rows'
/// ids), one side, its name and colour.
type Series<'a> = [(&'a str, Side, &'a str, RGBColor)];

/// The lines of a growth chart: their time, or their peak RSS in MiB; and
/// a note for each point without a number (capped by a limit, or not run),
/// stacked at the foot of the panel.
fn growth(
    doc: &Document,
    group: Group,
    series: &Series,
    memory: bool,
    s: &Tongue,
) -> (Vec<Line>, Vec<Gap>) {
    let scale = if memory { 1.0 / (1024.0 * 1024.0) } else { 1.0 };
    let (mut lines, mut gaps) = (Vec::new(), Vec::new());
    for &(way, side, name, color) in series {
        let name = s.text(name);
        let mut points = Vec::new();
        let rows = doc
            .group(group)
            .filter(|r| r.id().split('/').nth(1) == Some(way));
        for row in rows {
            let x = row.work.x().unwrap_or(0.0);
            let why = match reading(doc, &row.id(), side, memory) {
                Reading::Got(v) => {
                    points.push((x, v.median * scale));
                    continue;
                }
                Reading::Capped(limit) => format!("{} {}", s.text("capped by"), s.text(&limit)),
                Reading::NotRun => s.text("not run"),
                Reading::NoPython | Reading::Failed => continue,
            };
            gaps.push((color, format!("{name}: {why}"), x));
        }
        lines.push(line(name, color, points));
    }
    (lines, gaps)
}

/// A point without a number: its colour, why, and where on the x axis.
type Gap = (RGBColor, String, f64);

/// Notes for the points without a number, one a line at the foot of the panel.
fn notes(gaps: &[Gap], (lo, hi): (f64, f64)) -> Vec<Note> {
    let step = (hi / lo).powf(0.06);
    let note = |(i, (color, text, x)): (usize, &Gap)| Note {
        at: (*x, lo * step.powi(i as i32 + 1)),
        text: text.clone(),
        color: *color,
    };
    gaps.iter().enumerate().map(note).collect()
}

/// A log axis of wall time over the decades of `lines`.
fn wall<'a>(lines: &[Line], s: &'a Tongue) -> Axis<'a> {
    let range = decades(lines.iter().flat_map(|l| &l.points).map(|p| p.1));
    Axis::log(range, s.text("wall time, s (log scale)"), |v| seconds(v, s))
}

/// 4.1: time against n on all CPUs, log-log.
pub fn cpu_growth(m: &Measured, s: &Tongue) -> Result<String> {
    let series = [
        ("sequential", Rust, "Rust, 1 CPU", RUST),
        ("threads", Rust, "Rust, std threads on all CPUs", RUST2),
        ("pool", Rust, "Rust, ProcessPool on all CPUs", RUST3),
        ("sequential", Python, "CPython, 1 CPU", PYTHON),
        ("threads", Python, "CPython, threads on all CPUs", GREY),
        ("pool", Python, "CPython, processes on all CPUs", PYTHON2),
    ];
    let (lines, gaps) = growth(&m.growth, Group::CpuGrowth, &series, false, s);
    let n = s.text("n: the sum of i*i for i < n (log scale)");
    let x = Axis::log((1e6, 1e9), n, super::chart::power);
    let y = wall(&lines, s);
    let notes = notes(&gaps, y.range);
    let title = s.text("4.1 CPU-bound work as n grows, on all CPUs (whole processes)");
    figure((860, 480), &caption(&m.growth.machine, s), |body| {
        panel(body, &title, (&x, &y), &lines, &notes, Corner::UpperLeft)
    })
}

/// 6: each notebook cell's whole-process time, CPython and Rust, log scale.
pub fn cells(m: &Measured, s: &Tongue) -> Result<String> {
    let doc = &m.compare;
    let cells = [
        ("cell/gil", "1.3 GIL: 2 threads"),
        ("cell/lock", "3.1 Lock: 1000 threads"),
        ("cell/pool", "4.1 ProcessPoolExecutor"),
        ("cell/asyncio", "5.1 asyncio: 3 sleeps of 1 s"),
    ];
    let got = |id: &str, side| match reading(doc, id, side, false) {
        Reading::Got(v) => Some(v),
        _ => None,
    };
    let every = (cells.iter()).flat_map(|(id, _)| [got(id, Python), got(id, Rust)]);
    let (lo, hi) = decades(every.flatten().flat_map(|v| [v.min, v.max]));
    let band = |&(id, name): &(&str, &str)| {
        let sides = [(Python, PYTHON, (0.55, 0.92)), (Rust, RUST, (0.08, 0.45))];
        let bars = sides.into_iter().filter_map(|(side, color, lane)| {
            let v = got(id, side)?;
            let mut text = super::chart::duration(v.median, s);
            if let Some(r) = doc.row(id).and_then(|r| r.ratio).filter(|_| side == Rust) {
                let ratio = tour::measured::factor(r.median);
                text += &format!(" · {} {ratio}", s.text("Python / Rust"));
            }
            Some(Bar {
                span: (lo, v.median),
                lane,
                color,
                whisker: Some((v.min, v.max)),
                text,
                inside: false,
            })
        });
        Band {
            label: s.text(name),
            bars: bars.collect(),
            marks: Vec::new(),
        }
    };
    let bands: Vec<Band> = cells.iter().map(band).collect();
    let desc = "wall time, s (log scale): median, whiskers from the fastest to the slowest run";
    // A decade more to the right: room for the texts after the bars.
    let x = Axis::log((lo, hi * 10.0), s.text(desc), |v| seconds(v, s));
    let names = [s.text("CPython"), s.text("Rust")];
    let legend = [
        (names[0].as_str(), PYTHON, false),
        (names[1].as_str(), RUST, false),
    ];
    let title = s.text("The notebook's cells, Python and Rust, each a whole process");
    figure((900, 460), &caption(&doc.machine, s), |body| {
        super::chart::bands(body, &title, &x, &bands, (190, &legend))
    })
}

/// 6: wall time and peak RSS against the number of clients, log-log.
pub fn io(m: &Measured, s: &Tongue) -> Result<String> {
    let series = [
        ("tasks", Rust, "Rust, tokio tasks", RUST),
        ("threads", Rust, "Rust, a thread per client", RUST3),
        ("tasks", Python, "CPython, asyncio", PYTHON),
        ("threads", Python, "CPython, a thread per client", PYTHON2),
    ];
    let (time, gaps) = growth(&m.growth, Group::IoGrowth, &series, false, s);
    let (memory, _) = growth(&m.growth, Group::IoGrowth, &series, true, s);
    let clients = s.text("concurrent clients (log scale)");
    let x = Axis::log((10.0, 10_000.0), clients, |v| format!("{v:.0}"));
    let y1 = wall(&time, s);
    let rss = s.text("peak RSS of the clients' process, MiB (log scale)");
    let r2 = decades(memory.iter().flat_map(|l| &l.points).map(|p| p.1));
    let y2 = Axis::log(r2, rss, |v| format!("{v:.0}"));
    let (n1, n2) = (notes(&gaps, y1.range), notes(&gaps, r2));
    let title = s.text("IO-bound clients of one echo server (2 ms per request): time and memory");
    figure((1000, 500), &caption(&m.growth.machine, s), |body| {
        let body = body.titled(&title, (FONT, 16))?;
        let (top, body) = body.split_vertically(24);
        super::chart::legend_row(&top, &super::chart::entries(&time))?;
        let panels = body.split_evenly((1, 2));
        panel(&panels[0], "", (&x, &y1), &time, &n1, Corner::None)?;
        panel(&panels[1], "", (&x, &y2), &memory, &n2, Corner::None)
    })
}
