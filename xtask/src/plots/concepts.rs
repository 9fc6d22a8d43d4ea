//! The pictures of section 1: the 1.1 timeline and the 1.2 heartbeat (from
//! what the examples printed, `lessons.json`), and the 1.3 speedup by thread
//! count with and without a GIL.

use plotters::prelude::*;
use serde_json::Value;

use super::data::Doc;
use super::draw::{self, Axis, Corner, FONT, Line, err, figure, panel};
use super::strings::Strings;
use super::ticks;

/// 1.1: who made progress in each millisecond, pinned to one CPU and free.
pub fn timeline(lessons: &Doc, s: &Strings) -> Result<String, String> {
    let runs = lessons.json["timeline"]["runs"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    if runs.len() != 2 {
        return Err("lessons.json: timeline.runs must hold the pinned run and the free one".into());
    }
    figure((860, 380), &lessons.caption(s), |body| {
        let body = body.titled(s.timeline_title, (FONT, 16)).map_err(err)?;
        let halves = body.split_evenly((2, 1));
        for ((area, run), name) in halves
            .iter()
            .zip(&runs)
            .zip([s.timeline_pinned, s.timeline_free])
        {
            let ratio = run["cpu_per_wall"].as_f64().unwrap_or(0.0);
            let title = format!("{name}: {} {ratio:.2}", s.cpu_per_wall);
            let last = std::ptr::eq(area, halves.last().expect("two halves"));
            timeline_panel(area, &title, run, if last { s.timeline_x } else { "" }, s)?;
        }
        Ok(())
    })
}

fn timeline_panel(
    area: &draw::Area,
    title: &str,
    run: &Value,
    x_desc: &str,
    s: &Strings,
) -> Result<(), String> {
    let rows: Vec<&str> = run["rows"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    let columns = rows.iter().map(|r| r.chars().count()).max().unwrap_or(0) as f64;
    let mut chart = ChartBuilder::on(area)
        .caption(title, (FONT, 13))
        .margin(8)
        .x_label_area_size(if x_desc.is_empty() { 22 } else { 36 })
        .y_label_area_size(70)
        .build_cartesian_2d(0f64..columns, 0f64..2f64)
        .map_err(err)?;
    // Row A on top: its band is 1..2, B's 0..1; the labels sit mid-band.
    let row_label = |v: &f64| match (v * 2.0).round() as i32 {
        3 => s.tasks[0].to_string(),
        1 => s.tasks[1].to_string(),
        _ => String::new(),
    };
    chart
        .configure_mesh()
        .disable_y_mesh()
        .x_labels(7)
        .y_labels(5)
        .x_label_formatter(&|v| format!("{v:.0}"))
        .y_label_formatter(&row_label)
        .x_desc(x_desc)
        .label_style((FONT, 12))
        .axis_desc_style((FONT, 12))
        .draw()
        .map_err(err)?;
    for (i, (row, color)) in rows.iter().zip([draw::RUST, draw::RUST3]).enumerate() {
        let band = 1.0 - i as f64; // A: 1..2, B: 0..1
        let marks = row
            .chars()
            .enumerate()
            .filter(|(_, c)| *c == '#')
            .map(|(col, _)| {
                let col = col as f64;
                Rectangle::new(
                    [(col, band + 0.15), (col + 0.9, band + 0.85)],
                    color.filled(),
                )
            });
        chart.draw_series(marks).map_err(err)?;
    }
    Ok(())
}

/// 1.2: the gaps between heartbeats, beside a task without await and one with `yield_now`.
pub fn heartbeat(lessons: &Doc, s: &Strings) -> Result<String, String> {
    let beat = &lessons.json["heartbeat"];
    let gaps = |key: &str| -> Vec<(f64, f64)> {
        let gaps = beat[key]["gaps_ms"].as_array().cloned().unwrap_or_default();
        gaps.iter()
            .enumerate()
            .filter_map(|(i, g)| Some((i as f64 + 1.0, g.as_f64()?)))
            .collect()
    };
    let (without, with) = (gaps("without_await"), gaps("with_yield_now"));
    if without.is_empty() || with.is_empty() {
        return Err("lessons.json: heartbeat has no gaps".into());
    }
    let most_beats = without.len().max(with.len()) as f64;
    let longest = without.iter().chain(&with).map(|p| p.1).fold(0.0, f64::max);
    let interval = beat["beat_ms"].as_f64().unwrap_or(10.0);
    let x = Axis {
        range: (0.0, most_beats + 1.0),
        log: false,
        desc: s.heartbeat_x,
        format: ticks::count,
        lang: s,
    };
    let top = (longest / 50.0).ceil() * 50.0;
    let y = Axis {
        range: (0.0, top),
        log: false,
        desc: s.heartbeat_y,
        format: ticks::count,
        lang: s,
    };
    let lines = [
        Line {
            name: s.without_await.into(),
            color: draw::RUST,
            points: without,
            dashed: false,
        },
        Line {
            name: s.with_yield_now.into(),
            color: draw::PYTHON2,
            points: with,
            dashed: false,
        },
        Line {
            name: s.beat_interval.into(),
            color: draw::GREY,
            points: vec![(0.0, interval), (most_beats + 1.0, interval)],
            dashed: true,
        },
    ];
    figure((820, 420), &lessons.caption(s), |body| {
        panel(
            body,
            s.heartbeat_title,
            (&x, &y),
            &lines,
            &[],
            Corner::UpperRight,
        )
    })
}

/// Speedup over the first point: `(workers, base time / time)` for each id.
pub fn speedups(doc: &Doc, ids: &[String], base: &str, side: &str) -> Vec<(f64, f64)> {
    let Some(base) = doc.median(base, side, "time") else {
        return Vec::new();
    };
    ids.iter()
        .filter_map(|id| {
            let k = doc.row(id)?["x"].as_f64()?;
            Some((k, base / doc.median(id, side, "time")?))
        })
        .collect()
}

/// 1.3: speedup by threads: CPython's threads, Rust's, and Rust's under the Gil model.
pub fn gil(compare: &Doc, growth: &Doc, lessons: &Doc, s: &Strings) -> Result<String, String> {
    let rust = speedups(
        growth,
        &growth.ids("scale/threads/"),
        "scale/threads/1",
        "rust",
    );
    let python = speedups(
        compare,
        &compare.ids("cpu/threads/"),
        "cpu/threads/1",
        "python",
    );
    let model: Vec<(f64, f64)> = lessons.json["gil_simulated"]["cpu_with_gil"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|r| Some((r["threads"].as_f64()?, r["speedup"].as_f64()?)))
        .collect();
    let most = rust
        .iter()
        .chain(&python)
        .chain(&model)
        .map(|p| p.0)
        .fold(1.0, f64::max);
    let x = Axis {
        range: (1.0, most),
        log: false,
        desc: s.threads_x,
        format: ticks::count,
        lang: s,
    };
    let y = Axis {
        range: (0.0, most),
        log: false,
        desc: s.speedup_y,
        format: ticks::tenths,
        lang: s,
    };
    let cpus = growth.cpus();
    let lines = [
        Line {
            name: s.ideal.into(),
            color: draw::GREY,
            points: vec![(1.0, 1.0), (most, most)],
            dashed: true,
        },
        Line {
            name: s.cpu_count.into(),
            color: draw::RUST2,
            points: vec![(1.0, cpus), (most, cpus)],
            dashed: true,
        },
        Line {
            name: s.rust_threads_no_gil.into(),
            color: draw::RUST,
            points: rust,
            dashed: false,
        },
        Line {
            name: s.cpython_threads.into(),
            color: draw::PYTHON,
            points: python,
            dashed: false,
        },
        Line {
            name: s.gil_model.into(),
            color: draw::RUST3,
            points: model,
            dashed: false,
        },
    ];
    figure((820, 440), &growth.caption(s), |body| {
        panel(body, s.gil_title, (&x, &y), &lines, &[], Corner::UpperLeft)
    })
}
