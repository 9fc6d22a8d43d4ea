//! Reading the committed JSON (`docs/measured/*.json`) through its schema
//! (`tour::measured`): a value that does not fit is refused with the file
//! and the path of its field. Then the few questions the pictures and
//! tables ask of the rows.

use std::path::Path;

use anyhow::{Context, Result, bail};
use serde::de::DeserializeOwned;
use tour::measured::{
    Benches, Document, Flag, Group, Interpreters, Kind, Language, Lessons, Machine, Side, Stats,
    Stop, check_header, id,
};

use super::catalog::Tongue;
use super::timelines::Trace;

/// Everything the pictures and tables are rendered from: the JSON files
/// of `docs/measured/` (`interpreters.json` and `benches.json` once
/// measured), and the traces of real runs by example.
pub struct Measured {
    pub compare: Document,
    pub growth: Document,
    pub lessons: Lessons,
    pub interpreters: Option<Interpreters>,
    pub benches: Option<Benches>,
    pub traces: Vec<(String, Vec<Trace>)>,
}

/// Reads `path` as a `T`, naming the field that does not fit.
pub fn load<T: DeserializeOwned>(path: &Path) -> Result<T> {
    let shown = path.display();
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read {shown} (cargo xtask measure writes it)"))?;
    let json = &mut serde_json::Deserializer::from_str(&text);
    serde_path_to_error::deserialize(json).with_context(|| shown.to_string())
}

/// [`load`] of a file that may not be there yet.
fn optional<T: DeserializeOwned>(path: &Path) -> Result<Option<T>> {
    path.is_file().then(|| load(path)).transpose()
}

impl Measured {
    /// Reads and checks every file of `dir`.
    pub fn load(dir: &Path) -> Result<Measured> {
        let checked = |name: &str, result: Result<(), String>| {
            result.map_err(|e| anyhow::anyhow!("{}: {e}", dir.join(name).display()))
        };
        let document = |name: &str, kind| -> Result<Document> {
            let doc: Document = load(&dir.join(name))?;
            checked(name, doc.check(kind))?;
            if doc.quick {
                bail!("{name} was measured with --quick: run `cargo xtask measure`");
            }
            Ok(doc)
        };
        let lessons: Lessons = load(&dir.join("lessons.json"))?;
        let header = check_header(lessons.schema, lessons.kind, Kind::Lessons);
        checked("lessons.json", header)?;
        let interpreters: Option<Interpreters> = optional(&dir.join("interpreters.json"))?;
        if let Some(i) = &interpreters {
            checked("interpreters.json", i.check())?;
        }
        let benches: Option<Benches> = optional(&dir.join("benches.json"))?;
        if let Some(b) = &benches {
            checked(
                "benches.json",
                check_header(b.schema, b.kind, Kind::Benches),
            )?;
        }
        Ok(Measured {
            compare: document("compare.json", Kind::Compare)?,
            growth: document("growth.json", Kind::Growth)?,
            lessons,
            interpreters,
            benches,
            traces: super::timelines::load(&dir.join("traces"))?,
        })
    }
}

/// One side's number of a row: measured, or why not.
pub enum Reading {
    Got(Stats),
    /// A limit kept it from running: the limit's name.
    Capped(String),
    /// Not run at this size, or no counterpart: no number to show.
    NotRun,
    NoPython,
    Failed,
}

/// `side` of row `id`: its time, or its peak RSS.
pub fn reading(doc: &Document, id: &str, side: Side, memory: bool) -> Reading {
    let Some(runs) = doc.row(id).map(|r| r.side(side)) else {
        return Reading::NotRun;
    };
    match (&runs.stop, if memory { runs.peak_rss } else { runs.time }) {
        (Some(Stop::Capped { limit, .. }), _) => Reading::Capped(limit.clone()),
        (Some(Stop::Failed { .. }), _) => Reading::Failed,
        (Some(Stop::NoPython { .. }), _) => Reading::NoPython,
        (_, Some(stats)) => Reading::Got(stats),
        _ => Reading::NotRun,
    }
}

/// Speedup over the sequential row of `group` (or over 1 worker of the same
/// `method` with `over_one`): `(workers, base time / time)`.
pub fn speedups(
    doc: &Document,
    group: Group,
    method: &str,
    side: Side,
    over_one: bool,
) -> Vec<(f64, f64)> {
    let base = if over_one { method } else { "sequential" };
    let median = |id: &str| match reading(doc, id, side, false) {
        Reading::Got(s) => Some(s.median),
        _ => None,
    };
    let Some(base) = median(&format!("{}/{base}/1", id(group))) else {
        return Vec::new();
    };
    doc.group(group)
        .filter(|r| r.id().split('/').nth(1) == Some(method))
        .filter_map(|r| Some((r.work.x()?, base / median(&r.id())?)))
        .collect()
}

/// The texts of a caption that only some runs show: the kind of a flag.
pub const TEXTS: [&str; 3] = ["one CPU", "the machine was loaded", "flagged"];

/// The caption, two lines: the machine; then the load, any flag, and how
/// to reproduce the figure.
pub fn caption(machine: &Machine, lang: &Tongue) -> [String; 2] {
    let on = lang.text("Measured on {machine}");
    let (start, end) = (machine.load_at_start[0], machine.load_at_end[0]);
    let mut detail = format!("{} {start:.2} / {end:.2}", lang.text("load average"));
    for flag in &machine.flags {
        let kind = lang.text(TEXTS[if *flag == Flag::OneCpu { 0 } else { 1 }]);
        detail += &format!("; {}: {kind}", lang.text(TEXTS[2]));
    }
    let reproduce = lang.text("reproduce: cargo xtask measure");
    [
        on.replace("{machine}", &machine.caption(lang)),
        detail + "; " + &reproduce,
    ]
}
