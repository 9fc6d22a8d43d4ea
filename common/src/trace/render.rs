//! Drawing a recorded run: the terminal timeline and the Chrome trace.

use std::fmt::Write as _;
use std::time::Duration;

use super::{Record, snapshot};

/// The rows in the order they first appear in time.
fn rows(records: &[Record]) -> Vec<String> {
    let mut by_start: Vec<&Record> = records.iter().collect();
    by_start.sort_by_key(|r| r.start);
    let mut rows: Vec<String> = Vec::new();
    for r in by_start {
        if !rows.contains(&r.row) {
            rows.push(r.row.clone());
        }
    }
    rows
}

/// A letter for each span name: the first of its letters that is free, in
/// lower case, then in upper case (`wait` beside `work` is `a`).
fn letters(records: &[Record]) -> Vec<(String, char)> {
    let mut legend: Vec<(String, char)> = Vec::new();
    for r in records.iter().filter(|r| r.end.is_some()) {
        if legend.iter().any(|(name, _)| *name == r.name) {
            continue;
        }
        let taken = |c: &char| legend.iter().any(|(_, l)| l == c);
        let own = || r.name.chars().filter(|c| c.is_ascii_alphanumeric());
        let letter = own()
            .map(|c| c.to_ascii_lowercase())
            .chain(own().map(|c| c.to_ascii_uppercase()))
            .find(|c| !taken(c))
            .unwrap_or('#');
        legend.push((r.name.clone(), letter));
    }
    legend
}

/// The run as text, `width` columns of time across: one row per thread or
/// task, each span drawn with its letter (a nested span over its parent),
/// each mark as `*`, and the legend.
pub fn timeline(width: usize) -> String {
    let records = snapshot();
    let width = width.max(10);
    let end = records.iter().map(|r| r.end.unwrap_or(r.start)).max();
    let end = end.unwrap_or_default().max(Duration::from_micros(1));
    let column = end / width as u32;
    let legend = letters(&records);
    let rows = rows(&records);
    let name_width = rows.iter().map(|r| r.chars().count()).max().unwrap_or(0);
    let mut out = format!(
        "timeline: 0 to {}, one column = {}\n",
        crate::timing::format_duration(end),
        crate::timing::format_duration(column)
    );
    let col = |t: Duration| ((t.as_nanos() * width as u128) / end.as_nanos()) as usize;
    for row in &rows {
        let mut cells = vec![' '; width];
        // Longer spans first, so a nested span shows over its parent; marks last.
        let mut own: Vec<&Record> = records.iter().filter(|r| r.row == *row).collect();
        own.sort_by_key(|r| std::cmp::Reverse(r.end.map(|end| end - r.start)));
        for r in own {
            let first = col(r.start).min(width - 1);
            let (last, letter) = match r.end {
                Some(end) => {
                    let letter = legend.iter().find(|(n, _)| *n == r.name).map(|l| l.1);
                    (col(end).clamp(first + 1, width), letter.unwrap_or('#'))
                }
                None => (first + 1, '*'),
            };
            cells[first..last].fill(letter);
        }
        let cells: String = cells.into_iter().collect();
        writeln!(out, "  {row:<name_width$} |{cells}|").unwrap();
    }
    let mut keys: Vec<String> = legend.iter().map(|(n, l)| format!("{l} = {n}")).collect();
    let marks: Vec<&str> = records
        .iter()
        .filter(|r| r.end.is_none())
        .map(|r| r.name.as_str())
        .collect();
    if !marks.is_empty() {
        let mut unique = marks.clone();
        unique.dedup();
        keys.push(format!("* = {}", unique.join(" / ")));
    }
    write!(out, "  {}", keys.join(", ")).unwrap();
    out
}

/// The run in the Chrome trace event format: a complete event (`"ph":"X"`)
/// per span, an instant (`"ph":"i"`) per mark, a `thread_name` per row, in
/// microseconds from the start of the run.
pub fn chrome_trace() -> String {
    let records = snapshot();
    let rows = rows(&records);
    let tid = |row: &str| rows.iter().position(|r| r == row).unwrap_or(0) + 1;
    let us = |d: Duration| d.as_nanos() as f64 / 1000.0;
    let mut events: Vec<String> = rows
        .iter()
        .map(|row| {
            format!(
                r#"{{"ph":"M","name":"thread_name","pid":1,"tid":{},"args":{{"name":{}}}}}"#,
                tid(row),
                json_string(row)
            )
        })
        .collect();
    for r in &records {
        let (tid, name, ts) = (tid(&r.row), json_string(&r.name), us(r.start));
        events.push(match r.end {
            Some(end) => format!(
                r#"{{"ph":"X","name":{name},"ts":{ts:.3},"dur":{:.3},"pid":1,"tid":{tid}}}"#,
                us(end.saturating_sub(r.start))
            ),
            None => {
                format!(r#"{{"ph":"i","s":"t","name":{name},"ts":{ts:.3},"pid":1,"tid":{tid}}}"#)
            }
        });
    }
    let program = std::env::current_exe()
        .ok()
        .and_then(|p| Some(p.file_stem()?.to_string_lossy().into_owned()))
        .unwrap_or_default();
    let cpus = std::thread::available_parallelism().map_or(1, |n| n.get());
    format!(
        "{{\"traceEvents\":[\n{}\n],\n\"displayTimeUnit\":\"ms\",\n\"otherData\":{{\"language\":\"rust\",\"program\":{},\"runtime\":{},\"gil\":null,\"cpus\":{cpus}}}}}\n",
        events.join(",\n"),
        json_string(&program),
        json_string(&format!(
            "Rust ({} {})",
            std::env::consts::OS,
            std::env::consts::ARCH
        )),
    )
}

/// `text` as a JSON string literal.
fn json_string(text: &str) -> String {
    let mut out = String::from('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => write!(out, "\\u{:04x}", c as u32).unwrap(),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_escaped() {
        assert_eq!(json_string("a\"b\\c\n"), r#""a\"b\\c\u000a""#);
    }

    #[test]
    fn names_sharing_a_letter_get_another() {
        let record = |name: &str| Record {
            row: "r".into(),
            name: name.into(),
            start: Duration::ZERO,
            end: Some(Duration::from_millis(1)),
        };
        let legend = letters(&[record("wait"), record("work"), record("Work")]);
        let letters: Vec<char> = legend.iter().map(|l| l.1).collect();
        assert_eq!(letters, ['w', 'o', 'r']);
    }
}
