//! What mdBook does not check: it renders a missing `{{#include file:anchor}}`
//! as an empty block and a broken link as a dead one, and exits 0. This walks
//! every page under `docs/src` and reports each include whose file or anchor
//! is missing (or empty), and each internal link or image that resolves to
//! nothing.

use std::path::{Component, Path, PathBuf};

/// Every problem found in the Markdown files under `src`, one line each,
/// as `page: what is wrong`. Empty when the book is sound.
pub fn check(src: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    let mut pages = Vec::new();
    markdown_files(src, &mut pages);
    pages.sort();
    if pages.is_empty() {
        problems.push(format!("{}: no Markdown pages", src.display()));
    }
    for page in pages {
        let Ok(text) = std::fs::read_to_string(&page) else {
            problems.push(format!("{}: cannot read it", page.display()));
            continue;
        };
        let shown = page
            .strip_prefix(src)
            .unwrap_or(&page)
            .display()
            .to_string();
        let dir = page.parent().unwrap_or(src);
        for include in includes(&text) {
            if let Err(why) = check_include(dir, &include) {
                problems.push(format!("{shown}: {{{{#include {include}}}}}: {why}"));
            }
        }
        problems.extend(untranslatable_without_skip(&text).into_iter().map(|line| {
            format!(
                "{shown}:{line}: a generated include (program output or a compiler message) \
                 needs `{SKIP}` on the line before its block, so the translation catalog \
                 does not take a new run for new English"
            )
        }));
        for target in link_targets(&text) {
            if let Err(why) = check_link(src, dir, &target) {
                problems.push(format!("{shown}: link ({target}): {why}"));
            }
        }
    }
    problems
}

/// The directive that keeps the next block out of the translation catalog.
pub const SKIP: &str = "<!-- mdbook-xgettext: skip -->";

/// Whether an include brings in a block a program printed: captured output
/// or a compiler's message. Those change with every run and are not
/// translated. (The measured tables, a message per cell, are left out of the
/// template another way: see `book::sources`.)
fn generated(include: &str) -> bool {
    let file = include.split(':').next().unwrap_or(include);
    (file.contains("output/") && file.ends_with(".txt")) || file.ends_with(".stderr")
}

/// The (1-based) lines of generated includes whose block is not preceded by
/// [`SKIP`]: the line above the include, or above the code fence around it.
fn untranslatable_without_skip(text: &str) -> Vec<usize> {
    let lines: Vec<&str> = text.lines().collect();
    let mut missing = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some(include) = line
            .trim()
            .strip_prefix("{{#include ")
            .and_then(|l| l.strip_suffix("}}"))
        else {
            continue;
        };
        if !generated(include.trim()) {
            continue;
        }
        let mut above = i;
        if above > 0 && lines[above - 1].trim_start().starts_with("```") {
            above -= 1;
        }
        if above == 0 || lines[above - 1].trim() != SKIP {
            missing.push(i + 1);
        }
    }
    missing
}

fn markdown_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            markdown_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "md") {
            out.push(path);
        }
    }
}

/// The arguments of every `{{#include ...}}` (and `#rustdoc_include`) in `text`.
pub fn includes(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for piece in text.split("{{#").skip(1) {
        let Some((directive, _)) = piece.split_once("}}") else {
            continue;
        };
        let directive = directive.trim();
        for name in ["include ", "rustdoc_include "] {
            if let Some(argument) = directive.strip_prefix(name) {
                found.push(argument.trim().to_string());
            }
        }
    }
    found
}

/// An include names a file that exists, and where it names an anchor (not
/// a line range), the file brackets some text with `ANCHOR: a`/`ANCHOR_END: a`.
fn check_include(dir: &Path, argument: &str) -> Result<(), String> {
    let (file, selector) = match argument.split_once(':') {
        Some((file, selector)) => (file, Some(selector)),
        None => (argument, None),
    };
    let path = dir.join(file);
    let text = std::fs::read_to_string(&path)
        .map_err(|e| format!("cannot read {}: {e}", normalize(&path).display()))?;
    let Some(anchor) = selector.filter(|s| !s.starts_with(|c: char| c.is_ascii_digit())) else {
        return if text.trim().is_empty() {
            Err("the file is empty".into())
        } else {
            Ok(())
        };
    };
    let body = anchored(&text, anchor).ok_or_else(|| format!("no anchor `{anchor}` in {file}"))?;
    if body.trim().is_empty() {
        return Err(format!("anchor `{anchor}` in {file} brackets nothing"));
    }
    Ok(())
}

/// The lines between `ANCHOR: name` and `ANCHOR_END: name`, other anchor
/// lines left out, as mdBook includes them.
pub fn anchored(text: &str, name: &str) -> Option<String> {
    let is_marker = |line: &str, kind: &str| {
        line.split_once(kind)
            .is_some_and(|(_, rest)| rest.trim() == name)
    };
    let mut lines = text.lines();
    lines.find(|l| is_marker(l, "ANCHOR:"))?;
    let mut body = String::new();
    for line in lines {
        if is_marker(line, "ANCHOR_END:") {
            return Some(body);
        }
        if !line.contains("ANCHOR:") && !line.contains("ANCHOR_END:") {
            body.push_str(line);
            body.push('\n');
        }
    }
    None
}

/// The targets of Markdown links and images, `[..](target)` and
/// `<img src="target">`, outside code blocks and code spans.
pub fn link_targets(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut in_fence = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            continue;
        }
        // Drop code spans: `[a](b)` inside backticks is no link.
        let prose: String = line.split('`').step_by(2).collect::<Vec<_>>().join(" ");
        for piece in prose.split("](").skip(1) {
            if let Some(end) = piece.find(')') {
                let target = piece[..end].split_whitespace().next().unwrap_or("");
                found.push(target.to_string());
            }
        }
        for piece in prose.split("src=\"").skip(1) {
            if let Some(end) = piece.find('"') {
                found.push(piece[..end].to_string());
            }
        }
    }
    found
}

/// An internal link resolves to a file inside `src` (a page, an image):
/// mdBook copies only `src` into the built book, so a link to a crate's
/// source would be dead there. External links and fragments are not followed.
fn check_link(src: &Path, dir: &Path, target: &str) -> Result<(), String> {
    if target.is_empty() {
        return Err("empty link".into());
    }
    if target.contains("://") || target.starts_with("mailto:") || target.starts_with('#') {
        return Ok(());
    }
    let file = target.split('#').next().unwrap_or(target);
    let path = normalize(&dir.join(file));
    if !path.exists() {
        return Err(format!("{} does not exist", path.display()));
    }
    if !path.starts_with(normalize(src)) {
        return Err(
            "outside docs/src, so the built book has no such page: name the file as \
             `code` instead, or include it"
                .into(),
        );
    }
    Ok(())
}

/// `a/b/../c` as `a/c`, without touching the file system.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}
