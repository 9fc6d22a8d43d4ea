//! 4.1: speedup and efficiency by workers, Rust at n = 10⁹ and CPython at
//! the notebook's n = 10⁷, against the ideal line and the machine's CPUs.

use super::concepts::speedups;
use super::data::Doc;
use super::draw::{self, Axis, Corner, FONT, Line, err, figure, panel};
use super::strings::Strings;
use super::ticks;

/// Speedup and efficiency by workers: Rust at n = 10⁹, CPython at 10⁷.
pub fn scaling(compare: &Doc, growth: &Doc, s: &Strings) -> Result<String, String> {
    let series = [
        (
            growth,
            "scale/threads/",
            "scale/sequential/1",
            "rust",
            s.std_threads,
            draw::RUST,
        ),
        (
            growth,
            "scale/rayon/",
            "scale/sequential/1",
            "rust",
            s.rayon,
            draw::RUST2,
        ),
        (
            growth,
            "scale/pool/",
            "scale/sequential/1",
            "rust",
            s.pool,
            draw::RUST3,
        ),
        (
            compare,
            "cpu/threads/",
            "cpu/sequential/1",
            "python",
            s.python_threads,
            draw::PYTHON,
        ),
        (
            compare,
            "cpu/pool/",
            "cpu/sequential/1",
            "python",
            s.python_processes,
            draw::PYTHON2,
        ),
    ];
    let speedup: Vec<Line> = series
        .iter()
        .map(|&(doc, prefix, base, side, name, color)| Line {
            name: name.into(),
            color,
            points: speedups(doc, &doc.ids(prefix), base, side),
            dashed: false,
        })
        .collect();
    let most = speedup
        .iter()
        .flat_map(|l| &l.points)
        .map(|p| p.0)
        .fold(1.0, f64::max);
    let efficiency: Vec<Line> = speedup
        .iter()
        .map(|l| Line {
            name: l.name.clone(),
            color: l.color,
            points: l.points.iter().map(|&(k, x)| (k, x / k)).collect(),
            dashed: false,
        })
        .collect();
    let ideal = |name: &str, points| Line {
        name: name.into(),
        color: draw::GREY,
        points,
        dashed: true,
    };
    let mut speedup = speedup;
    speedup.insert(0, ideal(s.ideal, vec![(1.0, 1.0), (most, most)]));
    let cpus = growth.cpus();
    let mut cpu_line = ideal(s.cpu_count, vec![(1.0, cpus), (most, cpus)]);
    cpu_line.color = draw::RUST2;
    speedup.insert(1, cpu_line);
    let x = Axis {
        range: (1.0, most),
        log: false,
        desc: s.workers_x,
        format: ticks::count,
        lang: s,
    };
    let y1 = Axis {
        range: (0.0, most),
        log: false,
        desc: s.speedup_y,
        format: ticks::tenths,
        lang: s,
    };
    let y2 = Axis {
        range: (0.0, 1.2),
        log: false,
        desc: s.efficiency_y,
        format: ticks::tenths,
        lang: s,
    };
    figure((1000, 500), &growth.caption(s), |body| {
        let body = body.titled(s.scaling_title, (FONT, 16)).map_err(err)?;
        let (top, body) = body.split_vertically(44);
        let entries = draw::entries(&speedup);
        let (first, second) = entries.split_at(4.min(entries.len()));
        draw::legend_row(&top, first)?;
        draw::legend_row(&top.shrink((0, 20), (1000, 24)), second)?;
        let panels = body.split_evenly((1, 2));
        panel(&panels[0], "", (&x, &y1), &speedup, &[], Corner::None)?;
        panel(&panels[1], "", (&x, &y2), &efficiency, &[], Corner::None)
    })
}
