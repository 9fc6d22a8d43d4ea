//! The pictures of the measured numbers: section 1's (the 1.1 timeline, the
//! 1.2 heartbeat, the 1.3 speedup with and without a GIL), section 4's (the
//! scaling by workers, the growth with n), and section 6's (the notebook's
//! cells, the IO-bound clients).

use plotters::prelude::*;
use tour::measured::{Document, Group, Language, Method, Side, Way, Work};

use super::catalog::Tongue;
use super::chart::{self, Axis, Band, Bar, Corner, FONT, Line, Note, err, figure, panel};
use super::data::{Measured, Reading, caption, reading, speedups};

/// 1.1: who made progress in each millisecond, pinned to one CPU and free.
pub fn timeline(m: &Measured, s: &Tongue) -> Result<String, String> {
    let runs = &m.lessons.timeline;
    let columns = runs
        .iter()
        .flat_map(|r| &r.rows)
        .map(|r| r.chars().count())
        .max();
    let x_desc = s.text("time since the start, ms (a mark: the task finished a chunk in that ms)");
    figure((860, 380), &caption(&m.lessons.machine, s), |body| {
        let title =
            s.text("1.1 Two busy threads: on one CPU they take turns, on two they run at once");
        let body = body.titled(&title, (FONT, 16)).map_err(err)?;
        for (area, run) in body.split_evenly((2, 1)).iter().zip(runs) {
            let name = s.text(if run.pinned {
                "pinned to 1 CPU"
            } else {
                "free, on all CPUs"
            });
            let title = format!("{name}: {} {:.2}", s.text("CPU / wall"), run.cpu_per_wall);
            let desc = if run.pinned {
                String::new()
            } else {
                x_desc.clone()
            };
            let columns = columns.unwrap_or(1) as f64;
            let x = Axis {
                ticks: 7,
                ..Axis::linear((0.0, columns), desc, |v| format!("{v:.0}"))
            };
            let band = |(row, (task, color)): (&String, (&str, RGBColor))| Band {
                label: s.text(task),
                bars: row
                    .chars()
                    .enumerate()
                    .filter(|(_, c)| *c == '#')
                    .map(|(col, _)| bar((col as f64, col as f64 + 0.9), color))
                    .collect(),
                marks: Vec::new(),
            };
            let tasks = [("task A", chart::RUST), ("task B", chart::RUST3)];
            let bands: Vec<Band> = run.rows.iter().zip(tasks).map(band).collect();
            chart::bands(area, &title, &x, &bands, (70, &[]))?;
        }
        Ok(())
    })
}

/// A plain bar across most of its band's height.
pub fn bar(span: (f64, f64), color: RGBColor) -> Bar {
    Bar {
        span,
        lane: (0.15, 0.85),
        color,
        whisker: None,
        text: String::new(),
        inside: true,
    }
}

fn line(name: String, color: RGBColor, points: Vec<(f64, f64)>, dashed: bool) -> Line {
    Line {
        name,
        color,
        points,
        dashed,
    }
}

/// 1.2: the gaps between heartbeats, beside a task without await and one with `yield_now`.
pub fn heartbeat(m: &Measured, s: &Tongue) -> Result<String, String> {
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
    let lines = [
        line(
            s.text("busy task without await"),
            chart::RUST,
            without,
            false,
        ),
        line(
            s.text("busy task with yield_now"),
            chart::PYTHON2,
            with,
            false,
        ),
        line(
            s.text("the beat's own 10 ms"),
            chart::GREY,
            vec![(0.0, 10.0), (most, 10.0)],
            true,
        ),
    ];
    let title = s.text("1.2 A heartbeat every 10 ms beside a 200 ms busy task");
    figure((820, 420), &caption(&m.lessons.machine, s), |body| {
        panel(body, &title, (&x, &y), &lines, &[], Corner::UpperRight)
    })
}

/// The dashed references of a speedup panel: n workers n times as fast, and
/// no more speedup past the machine's CPUs.
fn references(s: &Tongue, most: f64, cpus: f64) -> [Line; 2] {
    let ideal = s.text("ideal: n threads, n times as fast");
    let cpu = s.text("this machine's CPUs: no more speedup past them");
    [
        line(ideal, chart::GREY, vec![(1.0, 1.0), (most, most)], true),
        line(cpu, chart::RUST2, vec![(1.0, cpus), (most, cpus)], true),
    ]
}

fn most_x(lines: &[Line]) -> f64 {
    lines
        .iter()
        .flat_map(|l| &l.points)
        .map(|p| p.0)
        .fold(1.0, f64::max)
}

/// 1.3: speedup by threads: CPython's threads, Rust's, and Rust's under the Gil model.
pub fn gil(m: &Measured, s: &Tongue) -> Result<String, String> {
    let model = m.lessons.gil_simulated.cpu_with_gil.iter();
    let series = [
        line(
            s.text("Rust threads, no GIL (n = 10⁹)"),
            chart::RUST,
            speedups(&m.growth, Group::Scale, Method::Threads, Side::Rust, true),
            false,
        ),
        line(
            s.text("CPython threads, the GIL (n = 10⁷)"),
            chart::PYTHON,
            speedups(&m.compare, Group::Cpu, Method::Threads, Side::Python, true),
            false,
        ),
        line(
            s.text("Rust threads under the Gil model"),
            chart::RUST3,
            model.map(|r| (r.threads as f64, r.speedup)).collect(),
            false,
        ),
    ];
    let most = most_x(&series);
    let x = Axis::linear((1.0, most), s.text("threads"), |v| format!("{v:.0}"));
    let y = Axis::linear((0.0, most), s.text("speedup over 1 thread, x"), |v| {
        format!("{v:.1}")
    });
    let mut lines = references(s, most, m.growth.machine.cpus as f64).to_vec();
    lines.extend(series);
    let title = s.text("1.3 CPU-bound speedup by thread count: the GIL against none");
    figure((820, 440), &caption(&m.growth.machine, s), |body| {
        panel(body, &title, (&x, &y), &lines, &[], Corner::UpperLeft)
    })
}

/// 4.1: speedup and efficiency by workers: Rust at n = 10⁹, CPython at 10⁷.
pub fn scaling(m: &Measured, s: &Tongue) -> Result<String, String> {
    let series = [
        (
            &m.growth,
            Group::Scale,
            Method::Threads,
            Side::Rust,
            "std threads (n = 10⁹)",
            chart::RUST,
        ),
        (
            &m.growth,
            Group::Scale,
            Method::Rayon,
            Side::Rust,
            "rayon (n = 10⁹)",
            chart::RUST2,
        ),
        (
            &m.growth,
            Group::Scale,
            Method::Pool,
            Side::Rust,
            "ProcessPool (n = 10⁹)",
            chart::RUST3,
        ),
        (
            &m.compare,
            Group::Cpu,
            Method::Threads,
            Side::Python,
            "CPython threads (n = 10⁷)",
            chart::PYTHON,
        ),
        (
            &m.compare,
            Group::Cpu,
            Method::Pool,
            Side::Python,
            "CPython processes (n = 10⁷)",
            chart::PYTHON2,
        ),
    ];
    let speedup: Vec<Line> = series
        .iter()
        .map(|&(doc, group, method, side, name, color)| {
            line(
                s.text(name),
                color,
                speedups(doc, group, method, side, false),
                false,
            )
        })
        .collect();
    let most = most_x(&speedup);
    let efficiency: Vec<Line> = speedup
        .iter()
        .map(|l| {
            let points = l.points.iter().map(|&(k, x)| (k, x / k)).collect();
            line(l.name.clone(), l.color, points, false)
        })
        .collect();
    let mut all = references(s, most, m.growth.machine.cpus as f64).to_vec();
    all.extend(speedup);
    let x = Axis::linear((1.0, most), s.text("workers (threads or processes)"), |v| {
        format!("{v:.0}")
    });
    let tenths = |v: f64| format!("{v:.1}");
    let y1 = Axis::linear((0.0, most), s.text("speedup over 1 thread, x"), tenths);
    let y2 = Axis::linear((0.0, 1.2), s.text("efficiency: speedup / workers"), tenths);
    let title = s.text("4.1 CPU-bound scaling: speedup and efficiency by workers");
    figure((1000, 500), &caption(&m.growth.machine, s), |body| {
        let body = body.titled(&title, (FONT, 16)).map_err(err)?;
        let (top, body) = body.split_vertically(44);
        let entries: Vec<_> = all
            .iter()
            .map(|l| (l.name.as_str(), l.color, l.dashed))
            .collect();
        let (first, second) = entries.split_at(4.min(entries.len()));
        chart::legend_row(&top, first)?;
        chart::legend_row(&top.shrink((0, 20), (1000, 24)), second)?;
        let panels = body.split_evenly((1, 2));
        panel(&panels[0], "", (&x, &y1), &all, &[], Corner::None)?;
        panel(&panels[1], "", (&x, &y2), &efficiency, &[], Corner::None)
    })
}

/// One series of a growth chart: the rows of `group` that `pick` keeps, one side.
struct Series<'a> {
    group: Group,
    pick: fn(&Work) -> bool,
    side: Side,
    name: &'a str,
    color: RGBColor,
}

/// The lines of `series` (time, or peak RSS in MiB), and a note for each
/// point without a number (capped by a limit, or not run), stacked at the
/// foot of the panel whose y axis is `y`.
fn growth_lines(
    doc: &Document,
    series: &[Series],
    memory: bool,
    s: &Tongue,
) -> (Vec<Line>, Vec<(RGBColor, String, f64)>) {
    let scale = if memory { 1.0 / (1024.0 * 1024.0) } else { 1.0 };
    let (mut lines, mut gaps) = (Vec::new(), Vec::new());
    for series in series {
        let name = s.text(series.name);
        let mut points = Vec::new();
        for row in doc.group(series.group).filter(|r| (series.pick)(&r.work)) {
            let x = row.work.x().unwrap_or(0.0);
            let why = match reading(doc, &row.id(), series.side, memory) {
                Reading::Got(v) => {
                    points.push((x, v.median * scale));
                    continue;
                }
                Reading::Capped(limit) => format!("{} {}", s.text("capped by"), s.text(&limit)),
                Reading::NotRun => s.text("not run"),
                Reading::NoPython | Reading::Failed => continue,
            };
            gaps.push((series.color, format!("{name}: {why}"), x));
        }
        lines.push(line(name, series.color, points, false));
    }
    (lines, gaps)
}

/// Notes for the points without a number, one a line at the foot of the panel.
fn notes(gaps: &[(RGBColor, String, f64)], (lo, hi): (f64, f64)) -> Vec<Note> {
    let step = (hi / lo).powf(0.06);
    let note = |(i, (color, text, x)): (usize, &(RGBColor, String, f64))| Note {
        at: (*x, lo * step.powi(i as i32 + 1)),
        text: text.clone(),
        color: *color,
    };
    gaps.iter().enumerate().map(note).collect()
}

fn method(m: Method) -> fn(&Work) -> bool {
    match m {
        Method::Sequential => |w| {
            matches!(
                w,
                Work::Sum {
                    method: Method::Sequential,
                    ..
                }
            )
        },
        Method::Threads => |w| {
            matches!(
                w,
                Work::Sum {
                    method: Method::Threads,
                    ..
                }
            )
        },
        Method::Rayon => |w| {
            matches!(
                w,
                Work::Sum {
                    method: Method::Rayon,
                    ..
                }
            )
        },
        Method::Pool => |w| {
            matches!(
                w,
                Work::Sum {
                    method: Method::Pool,
                    ..
                }
            )
        },
    }
}

/// 4.1: time against n on all CPUs, log-log.
pub fn cpu_growth(m: &Measured, s: &Tongue) -> Result<String, String> {
    let g = Group::CpuGrowth;
    let series = [
        (Method::Sequential, Side::Rust, "Rust, 1 CPU", chart::RUST),
        (
            Method::Threads,
            Side::Rust,
            "Rust, std threads on all CPUs",
            chart::RUST2,
        ),
        (
            Method::Pool,
            Side::Rust,
            "Rust, ProcessPool on all CPUs",
            chart::RUST3,
        ),
        (
            Method::Sequential,
            Side::Python,
            "CPython, 1 CPU",
            chart::PYTHON,
        ),
        (
            Method::Threads,
            Side::Python,
            "CPython, threads on all CPUs",
            chart::GREY,
        ),
        (
            Method::Pool,
            Side::Python,
            "CPython, processes on all CPUs",
            chart::PYTHON2,
        ),
    ]
    .map(|(mt, side, name, color)| Series {
        group: g,
        pick: method(mt),
        side,
        name,
        color,
    });
    let (lines, gaps) = growth_lines(&m.growth, &series, false, s);
    let x = Axis::log(
        (1e6, 1e9),
        s.text("n: the sum of i*i for i < n (log scale)"),
        chart::power,
    );
    let range = chart::decades(lines.iter().flat_map(|l| &l.points).map(|p| p.1));
    let y = Axis::log(range, s.text("wall time, s (log scale)"), |v| {
        chart::seconds(v, s)
    });
    let notes = notes(&gaps, range);
    let title = s.text("4.1 CPU-bound work as n grows, on all CPUs (whole processes)");
    figure((860, 480), &caption(&m.growth.machine, s), |body| {
        panel(body, &title, (&x, &y), &lines, &notes, Corner::UpperLeft)
    })
}

/// 6: each notebook cell's whole-process time, CPython and Rust, log scale.
pub fn cells(m: &Measured, s: &Tongue) -> Result<String, String> {
    let doc = &m.compare;
    let ids = ["cell/gil", "cell/lock", "cell/pool", "cell/asyncio"];
    let stats: Vec<_> = ids
        .iter()
        .flat_map(|id| [Side::Python, Side::Rust].map(|side| reading(doc, id, side, false)))
        .filter_map(|r| {
            if let Reading::Got(v) = r {
                Some(v)
            } else {
                None
            }
        })
        .collect();
    let (lo, hi) = chart::decades(stats.iter().flat_map(|v| [v.min, v.max]));
    let hi = hi * 10.0; // room for the texts after the bars
    let names = [
        "1.3 GIL: 2 threads",
        "3.1 Lock: 1000 threads",
        "4.1 ProcessPoolExecutor",
        "5.1 asyncio: 3 sleeps of 1 s",
    ];
    let bands: Vec<Band> = ids
        .iter()
        .zip(names)
        .map(|(id, name)| {
            let mut bars = Vec::new();
            for (side, color, lane) in [
                (Side::Python, chart::PYTHON, (0.55, 0.92)),
                (Side::Rust, chart::RUST, (0.08, 0.45)),
            ] {
                let Reading::Got(v) = reading(doc, id, side, false) else {
                    continue;
                };
                let mut text = chart::duration(v.median, s);
                if let Some(r) = doc
                    .row(id)
                    .and_then(|r| r.ratio)
                    .filter(|_| side == Side::Rust)
                {
                    text += &format!(" · {} {}", s.text("Python / Rust"), chart::factor(r.median));
                }
                let whisker = Some((v.min, v.max));
                bars.push(Bar {
                    span: (lo, v.median),
                    lane,
                    color,
                    whisker,
                    text,
                    inside: false,
                });
            }
            Band {
                label: s.text(name),
                bars,
                marks: Vec::new(),
            }
        })
        .collect();
    let desc =
        s.text("wall time, s (log scale): median, whiskers from the fastest to the slowest run");
    let x = Axis::log((lo, hi), desc, |v| chart::seconds(v, s));
    let legend = [
        (s.text("CPython"), chart::PYTHON),
        (s.text("Rust"), chart::RUST),
    ];
    let legend: Vec<_> = legend
        .iter()
        .map(|(n, c)| (n.as_str(), *c, false))
        .collect();
    let title = s.text("The notebook's cells, Python and Rust, each a whole process");
    figure((900, 460), &caption(&doc.machine, s), |body| {
        chart::bands(body, &title, &x, &bands, (190, &legend))
    })
}

/// 6: wall time and peak RSS against the number of clients, log-log.
pub fn io(m: &Measured, s: &Tongue) -> Result<String, String> {
    let way = |w: Way| -> fn(&Work) -> bool {
        match w {
            Way::Tasks => |w| {
                matches!(
                    w,
                    Work::Clients {
                        way: Way::Tasks,
                        ..
                    }
                )
            },
            _ => |w| {
                matches!(
                    w,
                    Work::Clients {
                        way: Way::Threads,
                        ..
                    }
                )
            },
        }
    };
    let series = [
        (Way::Tasks, Side::Rust, "Rust, tokio tasks", chart::RUST),
        (
            Way::Threads,
            Side::Rust,
            "Rust, a thread per client",
            chart::RUST3,
        ),
        (Way::Tasks, Side::Python, "CPython, asyncio", chart::PYTHON),
        (
            Way::Threads,
            Side::Python,
            "CPython, a thread per client",
            chart::PYTHON2,
        ),
    ]
    .map(|(w, side, name, color)| Series {
        group: Group::IoGrowth,
        pick: way(w),
        side,
        name,
        color,
    });
    let (time, gaps) = growth_lines(&m.growth, &series, false, s);
    let (memory, _) = growth_lines(&m.growth, &series, true, s);
    let x = Axis::log(
        (10.0, 10_000.0),
        s.text("concurrent clients (log scale)"),
        |v| format!("{v:.0}"),
    );
    let points = |lines: &[Line]| {
        chart::decades(
            lines
                .iter()
                .flat_map(|l| &l.points)
                .map(|p| p.1)
                .collect::<Vec<_>>(),
        )
    };
    let (r1, r2) = (points(&time), points(&memory));
    let y1 = Axis::log(r1, s.text("wall time, s (log scale)"), |v| {
        chart::seconds(v, s)
    });
    let rss = s.text("peak RSS of the clients' process, MiB (log scale)");
    let y2 = Axis::log(r2, rss, |v| format!("{v:.0}"));
    let (n1, n2) = (notes(&gaps, r1), notes(&gaps, r2));
    let title = s.text("IO-bound clients of one echo server (2 ms per request): time and memory");
    figure((1000, 500), &caption(&m.growth.machine, s), |body| {
        let body = body.titled(&title, (FONT, 16)).map_err(err)?;
        let (top, body) = body.split_vertically(24);
        let entries: Vec<_> = time
            .iter()
            .map(|l| (l.name.as_str(), l.color, l.dashed))
            .collect();
        chart::legend_row(&top, &entries)?;
        let panels = body.split_evenly((1, 2));
        panel(&panels[0], "", (&x, &y1), &time, &n1, Corner::None)?;
        panel(&panels[1], "", (&x, &y2), &memory, &n2, Corner::None)
    })
}
