//! Reading the committed JSON (`docs/measured/*.json`): rows by id, their
//! medians and ranges, why a side has no number, and the machine's caption.

use std::path::Path;

use serde_json::Value;

use super::strings::Strings;

/// One measured JSON document.
pub struct Doc {
    /// The parsed file.
    pub json: Value,
    /// Its name, for error messages.
    pub name: String,
}

/// A median and its range.
#[derive(Debug, Clone, Copy)]
pub struct Stats {
    /// The middle run.
    pub median: f64,
    /// The fastest (smallest) run.
    pub min: f64,
    /// The slowest (largest) run.
    pub max: f64,
}

/// What one side of a row measured: a number, or why there is none.
#[derive(Debug, Clone)]
pub enum Reading {
    /// Measured.
    Got(Stats),
    /// A limit kept it from running: the limit's name.
    Capped(String),
    /// It was not run, failed, or has no counterpart: why.
    Missing(String),
}

impl Doc {
    /// Reads and parses `dir/name`.
    pub fn load(dir: &Path, name: &str) -> Result<Doc, String> {
        let path = dir.join(name);
        let text = std::fs::read_to_string(&path).map_err(|e| {
            format!(
                "cannot read {}: {e} (cargo xtask measure writes it)",
                path.display()
            )
        })?;
        let json = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(Doc {
            json,
            name: name.into(),
        })
    }

    /// The row `id`, if the document has it.
    pub fn row(&self, id: &str) -> Option<&Value> {
        self.json["rows"].as_array()?.iter().find(|r| r["id"] == id)
    }

    /// The ids of the rows that start with `prefix`, in order.
    pub fn ids(&self, prefix: &str) -> Vec<String> {
        let rows = self.json["rows"]
            .as_array()
            .map(Vec::as_slice)
            .unwrap_or_default();
        rows.iter()
            .filter_map(|r| r["id"].as_str())
            .filter(|id| id.starts_with(prefix))
            .map(String::from)
            .collect()
    }

    /// `side` (`python` or `rust`) of row `id`: its `time` or `peak_rss`.
    pub fn value(&self, id: &str, side: &str, what: &str) -> Reading {
        let Some(row) = self.row(id) else {
            return Reading::Missing(format!("{}: no row {id}", self.name));
        };
        let side = &row[side];
        if let Some(limit) = side["capped"].as_str() {
            return Reading::Capped(limit.split(' ').next().unwrap_or(limit).to_string());
        }
        for why in ["failed", "absent"] {
            if let Some(why) = side[why].as_str() {
                return Reading::Missing(why.to_string());
            }
        }
        let s = &side[what];
        match (s["median"].as_f64(), s["min"].as_f64(), s["max"].as_f64()) {
            (Some(median), Some(min), Some(max)) => Reading::Got(Stats { median, min, max }),
            _ => Reading::Missing(format!("no {what}")),
        }
    }

    /// The median of `value`, if measured.
    pub fn median(&self, id: &str, side: &str, what: &str) -> Option<f64> {
        match self.value(id, side, what) {
            Reading::Got(s) => Some(s.median),
            _ => None,
        }
    }

    /// Row `id`'s paired ratio (Python ÷ Rust), if both sides ran.
    pub fn ratio(&self, id: &str) -> Option<Stats> {
        let r = &self.row(id)?["ratio"];
        Some(Stats {
            median: r["median"].as_f64()?,
            min: r["min"].as_f64()?,
            max: r["max"].as_f64()?,
        })
    }

    /// The caption, two lines: the machine; then the load, any flag, and how
    /// to reproduce the figure.
    pub fn caption(&self, s: &Strings) -> [String; 2] {
        let m = &self.json["machine"];
        let text = |key: &str| m[key].as_str().unwrap_or("?").to_string();
        let rustc: Vec<&str> = m["rustc"]
            .as_str()
            .unwrap_or("rustc ?")
            .split(' ')
            .take(2)
            .collect();
        let python = m["python"]
            .as_str()
            .map(|p| format!(", {p}"))
            .unwrap_or_default();
        let load = |key: &str| m[key][0].as_f64().map_or("?".into(), |l| format!("{l:.2}"));
        let machine = format!(
            "{} {}, {}, {}, {}{python}, {}",
            s.measured_on,
            text("cpu"),
            s.count(m["cpus"].as_u64().unwrap_or(0), s.cpus),
            text("kernel"),
            rustc.join(" "),
            text("date"),
        );
        let mut detail = format!(
            "{} {} / {}",
            s.load,
            load("load_at_start"),
            load("load_at_end")
        );
        let flags = m["flags"].as_array().map(Vec::as_slice).unwrap_or_default();
        for flag in flags.iter().filter_map(Value::as_str) {
            // The kind of flag, in the figure's language; the tables say the rest.
            let kind = match flag {
                f if f.starts_with("loaded") => s.flag_loaded,
                f if f.starts_with("one CPU") => s.flag_one_cpu,
                f => f.split(':').next().unwrap_or(f),
            };
            detail += &format!("; {}: {kind}", s.flagged);
        }
        [machine, detail + "; " + s.reproduce]
    }

    /// The number of CPUs the run had.
    pub fn cpus(&self) -> f64 {
        self.json["machine"]["cpus"].as_f64().unwrap_or(1.0)
    }

    /// Fails for a document measured with `--quick`: its numbers are a
    /// test's, too few and too small for the book.
    pub fn full(self) -> Result<Doc, String> {
        if self.json["quick"] == true {
            return Err(format!(
                "{} was measured with --quick: run `cargo xtask measure`",
                self.name
            ));
        }
        Ok(self)
    }
}
