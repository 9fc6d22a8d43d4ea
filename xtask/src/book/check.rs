//! What mdBook does not check: it renders a missing `{{#include file:anchor}}`
//! as an empty block and a broken link as a dead one, and exits 0. This walks
//! every page under `docs/src` and reports each include whose file, anchor
//! or line range is missing (or empty), each include that leads back to its
//! own page, and each internal link or image that resolves to nothing.

use std::path::{Path, PathBuf};

use crate::normalize;

/// Every problem of the book at `root` (`docs/src`): its includes and links
/// ([`check`]), its claims ([`super::claims::check`]) and its quizzes
/// ([`super::quiz::check`]: what needs no build).
pub fn all(root: &Path) -> Vec<String> {
    let mut problems = check(&root.join("docs/src"));
    problems.extend(numbered_link_titles(&root.join("docs/src")));
    problems.extend(super::claims::check(root));
    problems.extend(super::quiz::check(root));
    problems
}

/// Every problem found in the Markdown files under `src`, one line each,
/// as `page: what is wrong`. Empty when the book is sound.
pub fn check(src: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    let pages = crate::files_with(src, "md");
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
            if let Err(why) = check_include(&page, &include) {
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

/// An include of `page` names a file that exists and does not lead back to
/// `page`; where it names an anchor, the file brackets some text with
/// `ANCHOR: a`/`ANCHOR_END: a`; where it names lines (`:3`, `:3:9`, `::9`,
/// `:3:`), the file has them.
fn check_include(page: &Path, argument: &str) -> Result<(), String> {
    let (file, selector) = match argument.split_once(':') {
        Some((file, selector)) => (file, Some(selector)),
        None => (argument, None),
    };
    let path = normalize(&page.parent().unwrap_or(page).join(file));
    let text = std::fs::read_to_string(&path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    if leads_back(&path, &normalize(page), &mut Vec::new()) {
        return Err("includes itself, so mdBook would repeat it until its depth limit".into());
    }
    match selector {
        None if text.trim().is_empty() => Err("the file is empty".into()),
        None => Ok(()),
        Some(lines) if lines.starts_with(|c: char| c.is_ascii_digit() || c == ':') => {
            let (start, end) = lines.split_once(':').unwrap_or((lines, lines));
            let number = |n: &str, default: usize| match n {
                "" => Ok(default),
                n => n
                    .parse::<usize>()
                    .ok()
                    .filter(|&n| n > 0)
                    .ok_or(format!("`{n}` is no line number")),
            };
            let count = text.lines().count();
            let (start, end) = (number(start, 1)?, number(end, count)?);
            match start.max(end) {
                past if past > count => Err(format!(
                    "line {past} is past the end of {file} ({count} lines)"
                )),
                _ if start > end => Err(format!(
                    "the range ends (line {end}) before it starts (line {start})"
                )),
                _ => Ok(()),
            }
        }
        Some(anchor) => match anchored(&text, anchor) {
            None => Err(format!("no anchor `{anchor}` in {file}")),
            Some(body) if body.trim().is_empty() => {
                Err(format!("anchor `{anchor}` in {file} brackets nothing"))
            }
            Some(_) => Ok(()),
        },
    }
}

/// Whether including `path` leads back to `page`, itself or through the
/// pages it includes in turn (mdBook expands those too).
fn leads_back(path: &Path, page: &Path, seen: &mut Vec<PathBuf>) -> bool {
    if path == page {
        return true;
    }
    if seen.iter().any(|p| p == path) || path.extension().is_none_or(|e| e != "md") {
        return false;
    }
    seen.push(path.to_path_buf());
    let text = std::fs::read_to_string(path).unwrap_or_default();
    includes(&text).iter().any(|include| {
        let file = include.split(':').next().unwrap_or_default();
        leads_back(
            &normalize(&path.parent().unwrap_or(path).join(file)),
            page,
            seen,
        )
    })
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

/// A link whose text starts with a section number names its page as its
/// heading (and `SUMMARY.md`) does: by label alone (`[3.6b](..)`) or by
/// label and title (`[3.6b Send and Sync](..)`), so that a page never cites
/// a label or a title the contents no longer use. (The Russian catalog's
/// check holds the Russian links to the Russian titles.)
pub fn numbered_link_titles(src: &Path) -> Vec<String> {
    use crate::i18n::style::{links, titles};
    let titles = titles(src);
    let mut problems = Vec::new();
    for page in crate::files_with(src, "md") {
        let text = std::fs::read_to_string(&page).unwrap_or_default();
        let dir = page.parent().unwrap_or(src);
        let shown = page
            .strip_prefix(src)
            .unwrap_or(&page)
            .display()
            .to_string();
        for (label, target) in links(&text) {
            let label = label.split_whitespace().collect::<Vec<_>>().join(" ");
            let file = target.split('#').next().unwrap_or("");
            if !label.starts_with(|c: char| c.is_ascii_digit()) || !file.ends_with(".md") {
                continue;
            }
            let Some(title) = titles.get(&normalize(&dir.join(file))) else {
                continue;
            };
            let page_label = title.split(' ').next().unwrap_or("");
            if label != *title && label != page_label {
                problems.push(format!(
                    "{shown}: link [{label}]({target}): the page is «{title}»"
                ));
            }
        }
    }
    problems
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
