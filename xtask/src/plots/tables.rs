//! The book's tables of measured numbers, from the same JSON as the
//! pictures, so that no figure in the text is typed by hand. Each ends with
//! the machine that measured it, what was flagged, and the command that
//! measures it again.

use std::fmt::Display;
use std::fmt::Write as _;

use tour::measured::claims::{self, Verdict};
use tour::measured::{
    Benches, Document, Group, Interpreters, Language, Machine, Method, Row, Side, Work, factor,
    fill,
};

use super::catalog::Tongue;
use super::chart::seconds_exact;
use super::data::{Measured, Reading, caption, reading, speedups};

const CAPPED_BY: &str = "capped by";
const NO_PYTHON: &str = "no Python";
const FAILED: &str = "failed";
/// Every row warmed up, some did, none did.
const WARMUP: [&str; 3] = [
    "each after a warm-up, each a whole process",
    "after a warm-up (none where one run takes seconds), each a whole process",
    "with no warm-up, each a whole process",
];
const PAIRED: &str =
    "; Python ÷ Rust is the median of the ratios of paired runs (Python, then Rust)";
const RANGE: &str = "{a} to {b}";
const IMPOSSIBLE_ONE: &str = "{method} on {workers}: {speedup}";
const IMPOSSIBLE: &str = "speedups above what the workers' CPUs can give ({list}): the \
    sequential baseline ran slower than it does on an idle machine, so every speedup here is \
    overstated";
const STALLED: &str = "beside the yielding task the longest gap was {ms} ms: the thread was \
    held up by other programs, not by the task";
const INTERPRETERS: &str = "*{caption}. The median of each row's runs, each a whole process; \
    in brackets, the speedup over the sequential row of the same column. Each interpreter ran \
    these rows in the same `cargo xtask measure`, its Rust counterpart beside it (the Rust \
    column is the first interpreter's run). Measure it on your machine: `COURSE_PYTHON=python3.14t \
    cargo run --release -- --compare cell/gil cpu/sequential cpu/threads`.*";
const BENCHES: &str = "*{caption}. Criterion's median time per iteration, one run of each \
    bench; one pool job's round trip beside CPython's is in the comparison's table. Measure it \
    on your machine: `{command}`.*";

/// The texts that only some runs show (see [`super::every_text`]).
pub(super) const TEXTS: [&str; 17] = [
    INTERPRETERS,
    BENCHES,
    "course ÷ reference",
    "course's type (criterion id)",
    "reference",
    "ratio",
    CAPPED_BY,
    NO_PYTHON,
    FAILED,
    WARMUP[0],
    WARMUP[1],
    WARMUP[2],
    PAIRED,
    RANGE,
    IMPOSSIBLE_ONE,
    IMPOSSIBLE,
    STALLED,
];

/// A Markdown table, its header's cells in `s`.
fn markdown(s: &Tongue, header: &[&str], rows: &[Vec<String>]) -> String {
    let header: Vec<String> = header.iter().map(|h| s.text(h)).collect();
    table(&header, rows)
}

/// A Markdown table.
fn table(header: &[String], rows: &[Vec<String>]) -> String {
    let rule = vec!["---"; header.len()].join("|");
    let mut out = format!("| {} |\n|{rule}|\n", header.join(" | "));
    for row in rows {
        writeln!(out, "| {} |", row.join(" | ")).unwrap();
    }
    out
}

/// A flag under a table, as its own paragraph: the machine's, or a row's.
fn flag(s: &Tongue, row: Option<&str>, flag: &str) -> String {
    let line = match row {
        Some(row) => s.text("**Flagged, {row}:** {flag}.").replace("{row}", row),
        None => s.text("**Flagged:** {flag}."),
    };
    format!("\n{}\n", line.replace("{flag}", flag))
}

/// The machine's flags, each a paragraph.
fn machine_flags(machine: &Machine, s: &Tongue) -> String {
    let flags = machine.flags.iter();
    flags.map(|f| flag(s, None, &f.text(None, s))).collect()
}

/// The template under a table, filled: `{caption}` is the machine's.
fn footnote(
    s: &Tongue,
    template: &str,
    machine: &Machine,
    values: &[(&str, &dyn Display)],
) -> String {
    let caption = caption(machine, s)[0].clone();
    let values: Vec<(&str, &dyn Display)> = [("caption", &caption as &dyn Display)]
        .into_iter()
        .chain(values.iter().copied())
        .collect();
    format!("\n{}\n", fill(&s.text(template), &values))
}

/// `21.3 ms (20.9 ms–23.0 ms)`, or why there is no number.
fn cell(doc: &Document, id: &str, side: Side, memory: bool, s: &Tongue) -> String {
    let format = |v: f64| match memory {
        true => common::memory::format_bytes(v as u64),
        false => seconds_exact(v),
    };
    match reading(doc, id, side, memory) {
        Reading::Got(v) => format!("{} ({}–{})", format(v.median), format(v.min), format(v.max)),
        Reading::Capped(limit) => format!("{} {}", s.text(CAPPED_BY), s.text(&limit)),
        Reading::NotRun => "—".into(),
        Reading::NoPython => s.text(NO_PYTHON),
        Reading::Failed => s.text(FAILED),
    }
}

/// The lines under a table of `rows`: the machine, the runs, the flags, how to measure again.
fn footer(doc: &Document, rows: &[&Row], command: &str, s: &Tongue) -> String {
    let warm: Vec<bool> = rows.iter().map(|r| r.warmup > 0).collect();
    let warmup = s.text(match (warm.iter().all(|&w| w), warm.iter().any(|&w| w)) {
        (true, _) => WARMUP[0],
        (false, true) => WARMUP[1],
        (false, false) => WARMUP[2],
    });
    let paired = match rows.iter().any(|r| r.ratio.is_some()) {
        true => s.text(PAIRED),
        false => String::new(),
    };
    let (a, b) = (rows.iter()).fold((usize::MAX, 0), |(a, b), r| (a.min(r.runs), b.max(r.runs)));
    let median_of = s.plural("The median of {n} run", "The median of {n} runs", b);
    let n = match a == b {
        true => b.to_string(),
        false => fill(&s.text(RANGE), &[("a", &a), ("b", &b)]),
    };
    let template = "*{caption}. {runs}, {warmup}, with the range in brackets{paired}. Measure it \
        on your machine: `{command}`.*";
    let runs = median_of.replace("{n}", &n);
    let values: [(&str, &dyn Display); 4] = [
        ("runs", &runs),
        ("warmup", &warmup),
        ("paired", &paired),
        ("command", &command),
    ];
    let mut out = footnote(s, template, &doc.machine, &values) + &machine_flags(&doc.machine, s);
    for row in rows {
        for f in &row.flags {
            out += &flag(s, Some(&row.work.label(s)), &f.text(Some(&row.work), s));
        }
    }
    out
}

/// The Python ÷ Rust table of the rows whose ids start with one of `ids`
/// (with peak RSS when they report it).
pub fn rows(doc: &Document, ids: &[&str], command: &str, s: &Tongue) -> String {
    let picked = |r: &&Row| {
        let id = r.id();
        (ids.iter()).any(|p| id == *p || id.starts_with(&format!("{p}/")))
    };
    let rows: Vec<&Row> = doc.rows.iter().filter(picked).collect();
    let memory = rows.iter().any(|r| r.rust.peak_rss.is_some());
    let line = |r: &&Row| {
        let id = r.id();
        let ratio = r.ratio.map_or("—".into(), |q| {
            format!("{} ({}–{})", factor(q.median), factor(q.min), factor(q.max))
        });
        let mut cells = vec![
            r.work.label(s),
            cell(doc, &id, Side::Python, false, s),
            cell(doc, &id, Side::Rust, false, s),
            ratio,
        ];
        if memory {
            cells.push(cell(doc, &id, Side::Python, true, s));
            cells.push(cell(doc, &id, Side::Rust, true, s));
        }
        cells
    };
    let lines: Vec<Vec<String>> = rows.iter().map(line).collect();
    let header = [
        "measured",
        "Python",
        "Rust",
        "Python ÷ Rust",
        "Python peak RSS",
        "Rust peak RSS",
    ];
    markdown(s, &header[..if memory { 6 } else { 4 }], &lines) + &footer(doc, &rows, command, s)
}

/// 4.1: speedup and efficiency by workers, Rust at n = 10⁹.
pub fn scaling(m: &Measured, s: &Tongue) -> String {
    let doc = &m.growth;
    let methods = [
        (Method::Threads, "std threads"),
        (Method::Rayon, "rayon"),
        (Method::Pool, "ProcessPool"),
    ];
    let (mut lines, mut impossible) = (Vec::new(), Vec::new());
    for (method, name) in methods {
        let (method, name) = (tour::measured::id(method), s.text(name));
        for (k, speedup) in speedups(doc, Group::Scale, &method, Side::Rust, false) {
            // k workers cannot do k CPUs' worth of work more than k times as fast.
            if speedup > 1.1 * k.min(doc.machine.cpus as f64) {
                let values: [(&str, &dyn Display); 3] = [
                    ("method", &name),
                    ("workers", &k),
                    ("speedup", &factor(speedup)),
                ];
                impossible.push(fill(&s.text(IMPOSSIBLE_ONE), &values));
            }
            let time = cell(doc, &format!("scale/{method}/{k}"), Side::Rust, false, s);
            let efficiency = format!("{:.2}", speedup / k);
            lines.push(vec![
                name.clone(),
                format!("{k}"),
                time,
                factor(speedup),
                efficiency,
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
    let rows: Vec<&Row> = doc.group(Group::Scale).collect();
    let command = "cargo run --release -- --compare --growth scale";
    let mut out = markdown(s, &header, &lines) + &footer(doc, &rows, command, s);
    if !impossible.is_empty() {
        let why = s.text(IMPOSSIBLE);
        out += &flag(s, None, &why.replace("{list}", &impossible.join(", ")));
    }
    out
}

/// The lessons' claims, checked against the runs (the growth run first,
/// then the comparison): each claim once, from the first run that measured it.
pub fn claims(m: &Measured, s: &Tongue) -> String {
    let checked = [claims::check(&m.growth), claims::check(&m.compare)];
    let mut lines = Vec::new();
    let mut seen = Vec::new();
    let measured = checked
        .iter()
        .flatten()
        .filter(|c| c.verdict != Verdict::NotMeasured);
    for claim in measured {
        if !seen.contains(&claim.rule.claim) {
            seen.push(claim.rule.claim);
            lines.push(vec![claim.text(s), claim.verdict_text(s), claim.detail(s)]);
        }
    }
    let template = "*{caption}. Each claim is checked against the rows it rests on: a row \
        flagged noisy, one CPU for a parallel claim, or a loaded machine where the run \
        contradicts a claim leave it not decided; a contradicted claim is shown, not hidden. \
        Measure it on your machine: `cargo xtask measure`.*";
    let header = ["claim", "on this machine", "measured"];
    markdown(s, &header, &lines) + &footnote(s, template, &m.growth.machine, &[])
}

/// 1.2: the longest gap between heartbeats beside each busy task, with what
/// in this run contradicts the lesson said under the table.
pub fn heartbeat(m: &Measured, s: &Tongue) -> String {
    let l = &m.lessons;
    let longest = |i: usize| l.heartbeat[i].gaps_ms.iter().copied().max().unwrap_or(0);
    let names = ["without await", "with yield_now"].iter().enumerate();
    let lines = names.map(|(i, name)| {
        let busy = l.heartbeat[i].beats_while_busy.to_string();
        vec![s.text(name), format!("{} ms", longest(i)), busy]
    });
    let mut notes = machine_flags(&l.machine, s);
    if longest(1) > 30 {
        let why = s.text(STALLED);
        notes += &flag(s, None, &why.replace("{ms}", &longest(1).to_string()));
    }
    let header = [
        "busy task",
        "longest gap between beats",
        "beats during the busy stretch",
    ];
    let template = "*{caption}. One run of the example. Run it on your machine: `{command}`; \
        `cargo xtask measure` records it again.*";
    let command = "cargo run --release --example preemptive_vs_cooperative";
    let lines: Vec<Vec<String>> = lines.collect();
    markdown(s, &header, &lines)
        + &footnote(s, template, &l.machine, &[("command", &command)])
        + &notes
}

/// 1.3: speedup by threads, CPython's, Rust's, and the Gil model's.
pub fn gil(m: &Measured, s: &Tongue) -> String {
    let python = speedups(&m.compare, Group::Cpu, "threads", Side::Python, true);
    let rust = speedups(&m.growth, Group::Scale, "threads", Side::Rust, true);
    let model: Vec<(f64, f64)> = (m.lessons.gil_simulated.cpu_with_gil.iter())
        .map(|r| (r.threads as f64, r.speedup))
        .collect();
    let mut ks: Vec<f64> = (python.iter().chain(&rust).chain(&model))
        .map(|p| p.0)
        .collect();
    ks.sort_by(f64::total_cmp);
    ks.dedup();
    let at = |series: &[(f64, f64)], k: f64| {
        let point = series.iter().find(|p| p.0 == k);
        point.map_or("—".into(), |p| factor(p.1))
    };
    let lines: Vec<Vec<String>> = (ks.iter())
        .map(|&k| vec![format!("{k}"), at(&python, k), at(&rust, k), at(&model, k)])
        .collect();
    let header = [
        "threads",
        "CPython threads (n = 10⁷, the GIL)",
        "Rust threads (n = 10⁹, no GIL)",
        "Rust threads under the Gil model",
    ];
    let template = "*{caption}. Speedup over 1 thread of the same kind, whole processes (the \
        model: inside one). Measure it on your machine: `cargo run --release -- --compare \
        cpu/threads` (CPython), `-- --compare --growth scale/threads` (Rust), `--example \
        gil_simulated` (the model).*";
    markdown(s, &header, &lines) + &footnote(s, template, &m.growth.machine, &[])
}

/// 1.3 and 6: the GIL cell and CPU-bound threads on each Python interpreter
/// (with the GIL, and a free-threaded build without it), and Rust.
pub fn interpreters(i: &Interpreters, s: &Tongue) -> String {
    let first = &i.runs[0];
    let names = (i.runs.iter()).map(|r| {
        r.machine
            .python
            .as_ref()
            .map_or(String::new(), |p| p.name(s))
    });
    let header: Vec<String> = [s.text("measured")]
        .into_iter()
        .chain(names.clone())
        .chain([s.text("Rust")])
        .collect();
    let with_speedup = |doc: &Document, row: &Row, side: Side| {
        let Reading::Got(t) = reading(doc, &row.id(), side, false) else {
            return "—".to_string();
        };
        let threads = matches!(
            row.work,
            Work::Sum {
                method: Method::Threads,
                ..
            }
        );
        match reading(doc, "cpu/sequential/1", side, false) {
            Reading::Got(base) if threads => {
                let speedup = factor(base.median / t.median);
                format!("{} ({speedup})", seconds_exact(t.median))
            }
            _ => seconds_exact(t.median),
        }
    };
    let line = |row: &Row| {
        let mut cells = vec![row.work.label(s)];
        for run in &i.runs {
            let same = run.row(&row.id());
            cells.push(same.map_or("—".into(), |r| with_speedup(run, r, Side::Python)));
        }
        cells.push(with_speedup(first, row, Side::Rust));
        cells
    };
    let lines: Vec<Vec<String>> = first.rows.iter().map(line).collect();
    let mut out = table(&header, &lines) + &footnote(s, INTERPRETERS, &first.machine, &[]);
    for (run, name) in i.runs.iter().zip(names) {
        for f in &run.machine.flags {
            out += &flag(s, Some(&name), &f.text(None, s));
        }
    }
    out
}

/// 6: the course's types against production ones, criterion's medians of one run.
pub fn benches(b: &Benches, s: &Tongue) -> String {
    let code = |id: &str| format!("`{id}`");
    let mut lines = Vec::new();
    for (course, reference) in crate::measure::BENCHES {
        if let (Some(c), Some(r)) = (b.median(course), b.median(reference)) {
            let ratio = format!("{} ({})", factor(c / r), s.text("course ÷ reference"));
            let (c, r) = (seconds_exact(c), seconds_exact(r));
            lines.push(vec![code(course), c, code(reference), r, ratio]);
        }
    }
    let header = [
        "course's type (criterion id)",
        "time",
        "reference",
        "time",
        "ratio",
    ];
    let command = [("command", &b.command as &dyn Display)];
    markdown(s, &header, &lines)
        + &footnote(s, BENCHES, &b.machine, &command)
        + &machine_flags(&b.machine, s)
}
