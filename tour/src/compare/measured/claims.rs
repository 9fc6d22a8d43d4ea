//! The lessons' claims, checked against the rows of a run whenever they are
//! shown (by `--compare`, and by `cargo xtask plots` from the committed
//! JSON), so a verdict is always the data's.
//!
//! A claim holds or is contradicted only when the rows it rests on are
//! clean: a row flagged noisy leaves it not decided, and so does one CPU for
//! a claim about running in parallel, and a loaded machine for a claim the
//! run contradicted (other programs can slow a parallel run, never speed it
//! up). It is never left out.

use super::{Document, Group, Language, Side, fill};

/// A claim the lessons make, and how a run bears it out.
pub struct Rule {
    /// The claim, as the lessons make it (an English msgid).
    pub claim: &'static str,
    /// The numbers behind a verdict, for one worker and for more (`{x}`,
    /// `{rows}`, `{n}`, `{name}`, `{percent}`).
    detail: [&'static str; 2],
    /// Whose rows it reads: their peak RSS (`memory`) or their time.
    side: Side,
    memory: bool,
    /// About running in parallel: one CPU cannot decide it.
    parallel: bool,
    /// The rows: `{g}` is `scale` where the run has it, else `cpu`; `{cpus}` the CPUs.
    rows: &'static [&'static str],
    /// Its number, from the rows' medians, and when that bears it out.
    value: fn(&[f64]) -> f64,
    holds: fn(f64) -> bool,
}

const RATIO: fn(&[f64]) -> f64 = |v| v[0] / v[1];
const SLOWER_SHARE: fn(&[f64]) -> f64 = |v| v[0].max(v[1]) / v[2];
const IO: &[&str] = &["io/tasks/1000", "io/threads/1000", "io/sequential/1000"];
const OVERLAP: [&str; 2] =
    ["{name}: the slower of the two took {percent}% of one after another"; 2];
const MEMORY: [&str; 2] = ["peak RSS of the threads: {x} the tasks'"; 2];

/// Every claim.
pub const RULES: [Rule; 8] = [
    Rule {
        claim: "No GIL: Rust threads on 2 workers are about twice as fast as one",
        detail: ["speedup {x} on 2 threads ({rows} rows)"; 2],
        side: Side::Rust,
        memory: false,
        parallel: true,
        rows: &["{g}/sequential/1", "{g}/threads/2"],
        value: RATIO,
        holds: |v| v >= 1.5,
    },
    Rule {
        claim: "The GIL: CPython's threads on 2 workers are no faster than one",
        detail: ["speedup {x} on 2 threads"; 2],
        side: Side::Python,
        memory: false,
        parallel: false,
        rows: &["cpu/sequential/1", "cpu/threads/2"],
        value: RATIO,
        holds: |v| v <= 1.25,
    },
    Rule {
        claim: "CPython's processes do run in parallel",
        detail: ["speedup {x} on 2 processes"; 2],
        side: Side::Python,
        memory: false,
        parallel: true,
        rows: &["cpu/sequential/1", "cpu/pool/2"],
        value: RATIO,
        holds: |v| v >= 1.4,
    },
    Rule {
        claim: "CPU-bound work in Rust: threads or rayon, not processes (the pool is no faster)",
        detail: [
            "on {n} worker the pool took {x} the time of the faster of threads and rayon ({rows} \
             rows)",
            "on {n} workers the pool took {x} the time of the faster of threads and rayon ({rows} \
             rows)",
        ],
        side: Side::Rust,
        memory: false,
        parallel: false,
        rows: &["{g}/pool/{cpus}", "{g}/threads/{cpus}", "{g}/rayon/{cpus}"],
        value: |v| v[0] / v[1].min(v[2]),
        holds: |v| v >= 0.9,
    },
    Rule {
        claim: "IO-bound, Rust: tasks and threads overlap the waits (under half the sequential \
                time)",
        detail: OVERLAP,
        side: Side::Rust,
        memory: false,
        parallel: false,
        rows: IO,
        value: SLOWER_SHARE,
        holds: |v| v < 0.5,
    },
    Rule {
        claim: "IO-bound, CPython: asyncio and threads overlap the waits (under half the \
                sequential time)",
        detail: OVERLAP,
        side: Side::Python,
        memory: false,
        parallel: false,
        rows: IO,
        value: SLOWER_SHARE,
        holds: |v| v < 0.5,
    },
    Rule {
        claim: "1000 Rust threads take more memory than 1000 tasks",
        detail: MEMORY,
        side: Side::Rust,
        memory: true,
        parallel: false,
        rows: &["io/threads/1000", "io/tasks/1000"],
        value: RATIO,
        holds: |v| v > 1.0,
    },
    Rule {
        claim: "10,000 Rust threads take more memory than 10,000 tasks",
        detail: MEMORY,
        side: Side::Rust,
        memory: true,
        parallel: false,
        rows: &["io-growth/threads/10000", "io-growth/tasks/10000"],
        value: RATIO,
        holds: |v| v > 1.0,
    },
];

/// What a run says about a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// The run bears it out.
    Holds,
    /// The run contradicts it, on a clean machine.
    Contradicted,
    /// The run cannot decide it: why.
    NotDecided(&'static str),
    /// The run did not measure its rows.
    NotMeasured,
}

/// Why a run cannot decide a claim (English msgids).
const NOISY: &str = "a row it rests on is noisy";
const ONE_CPU: &str = "one CPU";
const LOADED: &str = "the machine was loaded";
const BEYOND_CPUS: &str = "more than 2 CPUs can give, so the sequential baseline was slowed";

/// A claim, as one run bears it out.
pub struct Claim {
    /// Which.
    pub rule: &'static Rule,
    /// What the run says.
    pub verdict: Verdict,
    /// The number behind it (a speedup, a share, a ratio of memory).
    pub value: f64,
    /// The rows it read for `{g}`.
    pub group: Group,
    /// The run's CPUs.
    pub cpus: usize,
}

/// Every claim, checked against `doc`.
pub fn check(doc: &Document) -> Vec<Claim> {
    let cpus = doc.machine.cpus;
    // At n = 10⁹ where the run measured it, else at the notebook's 10⁷.
    let scale = doc
        .row("scale/threads/2")
        .is_some_and(|r| r.rust.time.is_some());
    let group = if scale { Group::Scale } else { Group::Cpu };
    let g = super::id(group);
    let claim = |rule: &'static Rule| {
        let rows: Vec<String> = (rule.rows.iter())
            .map(|r| r.replace("{g}", &g).replace("{cpus}", &cpus.to_string()))
            .collect();
        let median = |id: &String| {
            let runs = doc.row(id)?.side(rule.side);
            Some(
                if rule.memory {
                    runs.peak_rss
                } else {
                    runs.time
                }?
                .median,
            )
        };
        let medians: Option<Vec<f64>> = rows.iter().map(median).collect();
        let noisy = rows
            .iter()
            .any(|id| doc.row(id).is_some_and(|r| r.noisy(rule.side)));
        let value = medians.as_deref().map_or(0.0, rule.value);
        let beyond = rule.parallel && rule.side == Side::Rust && value > 2.2;
        let verdict = match medians {
            None => Verdict::NotMeasured,
            Some(_) if rule.parallel && cpus < 2 => Verdict::NotDecided(ONE_CPU),
            Some(_) if noisy => Verdict::NotDecided(NOISY),
            Some(_) if beyond => Verdict::NotDecided(BEYOND_CPUS),
            Some(_) if (rule.holds)(value) => Verdict::Holds,
            Some(_) if doc.machine.loaded() => Verdict::NotDecided(LOADED),
            Some(_) => Verdict::Contradicted,
        };
        Claim {
            rule,
            verdict,
            value,
            group,
            cpus,
        }
    };
    RULES.iter().map(claim).collect()
}

/// Asks `lang` for every claim's texts, with every verdict.
pub(super) fn every_text(lang: &dyn Language) {
    let undecided = [NOISY, ONE_CPU, LOADED, BEYOND_CPUS].map(Verdict::NotDecided);
    let decided = [Verdict::Holds, Verdict::Contradicted, Verdict::NotMeasured];
    let verdicts = decided.into_iter().chain(undecided).cycle();
    for (rule, verdict) in RULES.iter().zip(verdicts) {
        let (value, group, cpus) = (1.0, Group::Cpu, 2);
        let claim = Claim {
            rule,
            verdict,
            value,
            group,
            cpus,
        };
        let _ = (
            claim.text(lang),
            claim.detail(lang),
            claim.verdict_text(lang),
        );
    }
}

impl Claim {
    /// The claim, in `lang`.
    pub fn text(&self, lang: &dyn Language) -> String {
        lang.text(self.rule.claim)
    }

    /// The numbers behind the verdict, in `lang`.
    pub fn detail(&self, lang: &dyn Language) -> String {
        let [one, many] = self.rule.detail;
        let template = match one == many {
            true => lang.text(one),
            false => lang.plural(one, many, self.cpus),
        };
        let decimals = if self.rule.memory { 1 } else { 2 };
        let name = if self.rule.side == Side::Rust {
            "Rust"
        } else {
            "CPython"
        };
        fill(
            &template,
            &[
                ("x", &format!("{:.decimals$}x", self.value)),
                ("rows", &super::id(self.group)),
                ("n", &self.cpus),
                ("name", &name),
                ("percent", &format!("{:.0}", 100.0 * self.value)),
            ],
        )
    }

    /// `holds`, `**contradicted**` (bold in Markdown), `not decided: why`.
    pub fn verdict_text(&self, lang: &dyn Language) -> String {
        match self.verdict {
            Verdict::Holds => lang.text("holds"),
            Verdict::Contradicted => lang.text("**contradicted**"),
            Verdict::NotMeasured => lang.text("not measured"),
            Verdict::NotDecided(why) => fill(
                &lang.text("not decided: {why}"),
                &[("why", &lang.text(why))],
            ),
        }
    }
}
