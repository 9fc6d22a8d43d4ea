//! The skeleton of a file, derived from its solution markers (see
//! `common::exercises` for the markers).
//!
//! For each exercise left unsolved, the lines between `ANCHOR:
//! solution_<id>` and its `ANCHOR_END` become a `// TODO(<id>):` comment and
//! then `todo!()` (an implement exercise) or the lines of its `bug_<id>`
//! region (a fix exercise), at the markers' indentation. The marker lines
//! stay, so the book's includes still resolve in a starter. An unsolved fix
//! exercise's `omit_<id>` region, where its bug is kept compiled, is left out.

use anyhow::{Result, anyhow, bail};
use common::exercises::{Exercise, Kind};

/// One marked region: the lines of its two markers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Region {
    /// The `// ANCHOR: <name>` line (0-based).
    pub start: usize,
    /// The `// ANCHOR_END: <name>` line.
    pub end: usize,
}

impl Region {
    /// Whether `other` lies strictly inside this region.
    pub fn contains(&self, other: &Region) -> bool {
        self.start < other.start && other.end < self.end
    }
}

/// The regions named `name` in `lines`, or what is wrong with them.
pub fn regions(lines: &[&str], name: &str) -> Result<Vec<Region>> {
    let (open, close) = (
        format!("// ANCHOR: {name}"),
        format!("// ANCHOR_END: {name}"),
    );
    let mut found = Vec::new();
    let mut start = None;
    for (i, line) in lines.iter().enumerate() {
        let line = line.trim();
        if line == open {
            if start.is_some() {
                bail!("line {}: {name} opens again before it ends", i + 1);
            }
            start = Some(i);
        } else if line == close {
            let s = start
                .take()
                .ok_or_else(|| anyhow!("line {}: {name} ends but never began", i + 1))?;
            found.push(Region { start: s, end: i });
        }
    }
    match start {
        Some(s) => bail!("line {}: {name} never ends", s + 1),
        None => Ok(found),
    }
}

/// The one region named `name`.
pub fn region(lines: &[&str], name: &str) -> Result<Region> {
    match regions(lines, name)?.as_slice() {
        [one] => Ok(*one),
        [] => bail!("no region {name}"),
        more => bail!("{} regions {name}, expected one", more.len()),
    }
}

/// `text` with every exercise in `unsolved` (whose `file` it is) replaced by
/// its skeleton. Exercises of other files are ignored.
pub fn skeleton(text: &str, file: &str, unsolved: &[&Exercise]) -> Result<String> {
    let lines: Vec<&str> = text.lines().collect();
    // (the lines to drop or replace, what goes in their place)
    let mut edits: Vec<(Region, Vec<String>)> = Vec::new();
    for e in unsolved.iter().filter(|e| e.file == file) {
        let err = |m: anyhow::Error| anyhow!("{file}: exercise {}: {m}", e.id);
        let solution = region(&lines, &format!("solution_{}", e.id)).map_err(err)?;
        let indent = indentation(lines[solution.start]);
        let mut body = todo_comment(indent, &e.id, &e.todo);
        match e.kind {
            Kind::Implement => body.push(format!("{indent}todo!(\"{}: see EXERCISES.md\")", e.id)),
            Kind::Fix => {
                let bug = region(&lines, &format!("bug_{}", e.id)).map_err(err)?;
                let omit = region(&lines, &format!("omit_{}", e.id)).map_err(err)?;
                if !omit.contains(&bug) || omit.contains(&solution) {
                    return Err(err(anyhow!(
                        "bug_ must sit inside omit_, and the solution outside it"
                    )));
                }
                body.extend(reindent(&lines[bug.start + 1..bug.end], indent));
                edits.push((omit, Vec::new()));
            }
        }
        let inner = Region {
            start: solution.start + 1,
            end: solution.end - 1,
        };
        edits.push((inner, body));
    }
    edits.sort_by_key(|(r, _)| r.start);
    let mut out: Vec<String> = Vec::new();
    let mut next = 0;
    for (r, replacement) in edits {
        if r.start < next {
            bail!("{file}: exercise regions overlap near line {}", r.start + 1);
        }
        out.extend(lines[next..r.start].iter().map(|l| l.to_string()));
        let dropped = replacement.is_empty();
        out.extend(replacement);
        next = r.end + 1;
        // A region left out takes one of the blank lines around it along.
        if dropped
            && out.last().is_some_and(|l| l.trim().is_empty())
            && lines.get(next).is_some_and(|l| l.trim().is_empty())
        {
            next += 1;
        }
    }
    out.extend(lines[next.min(lines.len())..].iter().map(|l| l.to_string()));
    let mut text = out.join("\n");
    text.push('\n');
    Ok(text)
}

fn indentation(line: &str) -> &str {
    &line[..line.len() - line.trim_start().len()]
}

/// `// TODO(<id>): ...`, wrapped before 90 columns.
fn todo_comment(indent: &str, id: &str, todo: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = format!("{indent}// TODO({id}):");
    for word in todo.split_whitespace() {
        if line.len() + 1 + word.len() > 90 && line.trim() != "//" {
            lines.push(line);
            line = format!("{indent}//");
        }
        line.push(' ');
        line.push_str(word);
    }
    lines.push(line);
    lines
}

/// `lines` moved to `indent`, keeping their indentation relative to each other.
fn reindent(lines: &[&str], indent: &str) -> Vec<String> {
    let least = lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| indentation(l).len())
        .min()
        .unwrap_or(0);
    lines
        .iter()
        .map(|l| {
            if l.trim().is_empty() {
                String::new()
            } else {
                format!("{indent}{}", &l[least..])
            }
        })
        .collect()
}
