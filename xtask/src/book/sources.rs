//! Copies of `docs/src` that a build reads instead of it, beside it (at the
//! same depth, so every relative include still resolves), each removed after
//! its build:
//!
//! - `src-ru`, for the Russian book: a generated table of measured numbers,
//!   `measured/<name>.md`, becomes `measured/<name>.ru.md`, rendered in
//!   Russian by `cargo xtask plots`, and a page's quiz, `<page>.toml`, its
//!   Russian twin `<page>.ru.toml` (see `book::quiz`);
//! - `src-pot`, for the translation template: those tables and the quiz
//!   lines are left out, so that new numbers never become new English to
//!   translate, and a quiz, translated in its own file, never becomes a
//!   message. (Captured output and compiler messages are single blocks, kept
//!   out by the `<!-- mdbook-xgettext: skip -->` line before them; a table is
//!   a message per cell, which that directive cannot skip.)

use std::path::Path;

use anyhow::Result;

use super::quiz;

/// The Russian book's copy.
pub const RUSSIAN_SRC: &str = "src-ru";

/// The translation template's copy.
pub const TEMPLATE_SRC: &str = "src-pot";

/// Copies `docs/src` to `docs/<name>`, passing each page's text (and its
/// folder) through `transform`.
pub fn copy_sources(
    docs: &Path,
    name: &str,
    transform: &dyn Fn(&str, &Path) -> String,
) -> Result<()> {
    let _ = std::fs::remove_dir_all(docs.join(name));
    crate::copy_tree(&docs.join("src"), &docs.join(name), transform)
}

/// The measured table a line includes, if it is one: `measured/gil` for
/// `{{#include measured/gil.md}}`.
fn measured_table(line: &str) -> Option<&str> {
    line.trim()
        .strip_prefix("{{#include ")
        .and_then(|l| l.strip_suffix(".md}}"))
        .filter(|stem| stem.starts_with("measured/") || stem.contains("/measured/"))
}

fn rejoin(lines: Vec<String>, like: &str) -> String {
    let mut joined = lines.join("\n");
    if like.ends_with('\n') {
        joined.push('\n');
    }
    joined
}

/// `text` with `{{#include measured/x.md}}` replaced by
/// `{{#include measured/x.ru.md}}` where `dir/measured/x.ru.md` exists, and
/// `{{#quiz ../quizzes/x.toml}}` by `{{#quiz ../quizzes/x.ru.toml}}` where
/// that exists.
pub fn with_russian_includes(text: &str, dir: &Path) -> String {
    let lines = text.lines().map(|line| {
        let swap = |stem: &str, extension: &str| {
            let russian = format!("{stem}.ru.{extension}");
            dir.join(&russian).is_file().then(|| {
                line.replace(
                    &format!("{stem}.{extension}}}}}"),
                    &format!("{russian}}}}}"),
                )
            })
        };
        let swapped = match (measured_table(line), quiz::shown(line)) {
            (Some(stem), _) => swap(stem, "md"),
            (_, Some(file)) => file
                .strip_suffix(".toml")
                .and_then(|stem| swap(stem, "toml")),
            _ => None,
        };
        swapped.unwrap_or_else(|| line.to_string())
    });
    rejoin(lines.collect(), text)
}

/// `text` without its measured tables' includes and its quiz line: what the
/// translation template is made of.
pub fn for_template(text: &str, _dir: &Path) -> String {
    let lines = text
        .lines()
        .filter(|line| measured_table(line).is_none() && quiz::shown(line).is_none());
    rejoin(lines.map(str::to_string).collect(), text)
}
