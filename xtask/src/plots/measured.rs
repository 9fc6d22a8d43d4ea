//! The pictures of the measured comparisons: CPU-bound scaling and growth
//! (section 4), the notebook's cells and the IO-bound clients (section 6).

use plotters::prelude::*;

use super::data::{Doc, Reading};
use super::draw::{self, Axis, Corner, FONT, Line, Note, err, figure, panel};
use super::strings::Strings;
use super::ticks;

/// A point of a series without a number: its x, and why.
type Gap = (f64, String);

/// The points of one series along x, and a note for each point without a
/// number (capped by a limit, or not run) at the top of the panel.
fn curve(
    doc: &Doc,
    ids: &[String],
    side: &str,
    what: &str,
    scale: f64,
    s: &Strings,
) -> (Vec<(f64, f64)>, Vec<Gap>) {
    let (mut points, mut gaps) = (Vec::new(), Vec::new());
    for id in ids {
        let Some(x) = doc.row(id).and_then(|r| r["x"].as_f64()) else {
            continue;
        };
        match doc.value(id, side, what) {
            Reading::Got(v) => points.push((x, v.median * scale)),
            Reading::Capped(limit) => gaps.push((x, format!("{} {limit}", s.capped_by))),
            Reading::Missing(why) if why.starts_with("not run") => gaps.push((x, s.not_run.into())),
            Reading::Missing(_) => {}
        }
    }
    (points, gaps)
}

/// A log axis over every point, whole decades.
fn decades(lines: &[Line]) -> (f64, f64) {
    let ys = lines.iter().flat_map(|l| &l.points).map(|p| p.1);
    let (lo, hi) = ys.fold((f64::MAX, f64::MIN), |(lo, hi), y| (lo.min(y), hi.max(y)));
    if lo > hi {
        return (1.0, 10.0);
    }
    (
        10f64.powf(lo.log10().floor()),
        10f64.powf(hi.log10().ceil().max(lo.log10().floor() + 1.0)),
    )
}

/// A point without a number: its series' colour, why, and its x.
type Missing = (RGBColor, String, f64);

/// Lines (and notes for the missing points) of `series`: (id prefix, side, name, colour).
fn lines(
    doc: &Doc,
    series: &[(&str, &str, &str, RGBColor)],
    what: &str,
    scale: f64,
    s: &Strings,
) -> (Vec<Line>, Vec<Missing>) {
    let (mut lines, mut missing) = (Vec::new(), Vec::new());
    for &(prefix, side, name, color) in series {
        let (points, gaps) = curve(doc, &doc.ids(prefix), side, what, scale, s);
        missing.extend(
            gaps.into_iter()
                .map(|(x, why)| (color, format!("{name}: {why}"), x)),
        );
        lines.push(Line {
            name: name.into(),
            color,
            points,
            dashed: false,
        });
    }
    (lines, missing)
}

/// Notes at the foot of a panel, one a line, at the x of the missing point.
fn notes(missing: &[Missing], y: &Axis) -> Vec<Note> {
    let step = if y.log {
        (y.range.1 / y.range.0).powf(0.06)
    } else {
        (y.range.1 - y.range.0) * 0.06
    };
    missing
        .iter()
        .enumerate()
        .map(|(i, (color, text, x))| {
            let at = if y.log {
                y.range.0 * step.powi(i as i32 + 1)
            } else {
                y.range.0 + step * (i + 1) as f64
            };
            Note {
                at: (*x, at),
                text: text.clone(),
                color: *color,
            }
        })
        .collect()
}

/// 4.1: time against n on all CPUs, log-log.
pub fn cpu_growth(growth: &Doc, s: &Strings) -> Result<String, String> {
    let series = [
        (
            "cpu-growth/sequential/",
            "rust",
            s.rust_sequential,
            draw::RUST,
        ),
        (
            "cpu-growth/threads/",
            "rust",
            s.rust_threads_all,
            draw::RUST2,
        ),
        ("cpu-growth/pool/", "rust", s.rust_pool_all, draw::RUST3),
        (
            "cpu-growth/sequential/",
            "python",
            s.python_sequential,
            draw::PYTHON,
        ),
        (
            "cpu-growth/threads/",
            "python",
            s.python_threads_all,
            draw::GREY,
        ),
        (
            "cpu-growth/pool/",
            "python",
            s.python_processes_all,
            draw::PYTHON2,
        ),
    ];
    let (lines, missing) = lines(growth, &series, "time", 1.0, s);
    let x = Axis {
        range: (1e6, 1e9),
        log: true,
        desc: s.n_x,
        format: ticks::power,
        lang: s,
    };
    let y = Axis {
        range: decades(&lines),
        log: true,
        desc: s.wall_log_y,
        format: ticks::seconds,
        lang: s,
    };
    let notes = notes(&missing, &y);
    figure((860, 480), &growth.caption(s), |body| {
        panel(
            body,
            s.cpu_growth_title,
            (&x, &y),
            &lines,
            &notes,
            Corner::UpperLeft,
        )
    })
}

/// 6: wall time and peak RSS against the number of clients, log-log.
pub fn io(growth: &Doc, s: &Strings) -> Result<String, String> {
    let series = [
        ("io-growth/tasks/", "rust", s.rust_tasks, draw::RUST),
        ("io-growth/threads/", "rust", s.rust_threads_io, draw::RUST3),
        ("io-growth/tasks/", "python", s.python_asyncio, draw::PYTHON),
        (
            "io-growth/threads/",
            "python",
            s.python_threads_io,
            draw::PYTHON2,
        ),
    ];
    let (time, missing) = lines(growth, &series, "time", 1.0, s);
    let (memory, _) = lines(growth, &series, "peak_rss", 1.0 / (1024.0 * 1024.0), s);
    let x = Axis {
        range: (10.0, 10_000.0),
        log: true,
        desc: s.clients_x,
        format: ticks::count,
        lang: s,
    };
    let y1 = Axis {
        range: decades(&time),
        log: true,
        desc: s.wall_log_y,
        format: ticks::seconds,
        lang: s,
    };
    let y2 = Axis {
        range: decades(&memory),
        log: true,
        desc: s.rss_y,
        format: ticks::mib,
        lang: s,
    };
    let (n1, n2) = (notes(&missing, &y1), notes(&missing, &y2));
    figure((1000, 500), &growth.caption(s), |body| {
        let body = body.titled(s.io_title, (FONT, 16)).map_err(err)?;
        let (top, body) = body.split_vertically(24);
        draw::legend_row(&top, &draw::entries(&time))?;
        let panels = body.split_evenly((1, 2));
        panel(&panels[0], "", (&x, &y1), &time, &n1, Corner::None)?;
        panel(&panels[1], "", (&x, &y2), &memory, &n2, Corner::None)
    })
}
