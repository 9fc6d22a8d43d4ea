//! `cargo xtask book`: the course's book in `docs/`, built with the pinned
//! tools after its includes, links, claims and quizzes are checked.
//!
//! mdBook **0.5.4**, mdbook-i18n-helpers **0.4.0** (the one release of the
//! helpers that works with mdBook 0.5) and mdbook-quiz **0.5.0** (the
//! quizzes: see [`quiz`]) are installed with `cargo install --locked` into
//! `target/tools/` the first time, never into a learner's global cargo bin.
//! `COURSE_TOOLS_DIR` points them at another folder, a cache that CI keeps
//! between runs, for example.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};

pub mod capture;
pub mod check;
pub mod claims;
pub mod quiz;
pub mod search_index;
pub mod sources;

pub use sources::with_russian_includes;
use sources::{RUSSIAN_SRC, copy_sources};

/// The Russian catalog, from `docs/`.
pub const RUSSIAN: &str = "po/ru.po";

/// A tool the book needs, pinned: (crate, version, extra `cargo install`
/// arguments). mdBook goes without its `serve` feature, which only a live
/// preview needs; mdbook-quiz with its default features only (no
/// rust-analyzer editor, no Aquascope), its JavaScript being in the crate.
pub const TOOLS: [(&str, &str, &[&str]); 3] = [
    (
        "mdbook",
        "0.5.4",
        &["--no-default-features", "--features", "search"],
    ),
    ("mdbook-i18n-helpers", "0.4.0", &[]),
    ("mdbook-quiz", "0.5.0", &[]),
];

/// Where the tools go: `$COURSE_TOOLS_DIR`, else `<workspace>/target/tools`.
pub fn tools_dir(root: &Path) -> PathBuf {
    match std::env::var_os("COURSE_TOOLS_DIR") {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => root.join("target/tools"),
    }
}

/// Whether `dir` holds exactly this version of a tool, as cargo install
/// records it in `dir/.crates.toml`.
fn installed(dir: &Path, krate: &str, version: &str) -> bool {
    let record = std::fs::read_to_string(dir.join(".crates.toml")).unwrap_or_default();
    record.contains(&format!("\"{krate} {version} ("))
}

/// Installs every tool that `dir` lacks or holds at another version.
pub fn install(dir: &Path, say: &dyn Fn(&str)) -> Result<()> {
    for (krate, version, args) in TOOLS {
        if installed(dir, krate, version) {
            continue;
        }
        say(&format!(
            "Installing {krate} {version} into {} (once; a few minutes) ...",
            dir.display()
        ));
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let status = Command::new(cargo)
            .args(["install", "--locked", "--quiet", "--root"])
            .arg(dir)
            .args([krate, "--version", version])
            .args(args)
            .status()
            .context("cannot run cargo install")?;
        if !status.success() || !installed(dir, krate, version) {
            bail!(
                "cannot install {krate} {version} ({status}). It comes from crates.io: is it \
                 reachable? Or set COURSE_TOOLS_DIR to a folder that already has it."
            );
        }
    }
    Ok(())
}

/// Checks the book (see [`check::all`]) and builds it into `docs/book/`,
/// the Russian one into `docs/book/ru/`, returning the path of its `index.html`.
pub fn build(root: &Path, say: &dyn Fn(&str)) -> Result<PathBuf> {
    let docs = root.join("docs");
    let problems = check::all(root);
    if !problems.is_empty() {
        bail!(
            "the book has {} problem(s):\n  {}",
            problems.len(),
            problems.join("\n  ")
        );
    }
    let tools = tools_dir(root);
    install(&tools, say)?;
    let (rustc, quiz_env) = quiz::rustc::wrapper(root)?;
    let quiz_env: Vec<(&str, &str)> = quiz_env
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let first = [rustc];
    mdbook_with(&tools, &first, &docs, &["build"], &quiz_env)?;
    if docs.join(RUSSIAN).is_file() {
        say("Building the Russian book into docs/book/ru/ ...");
        let translations: HashMap<String, String> = crate::i18n::po::read(&docs.join(RUSSIAN))?
            .into_iter()
            .filter(|e| e.translated())
            .map(|e| (e.id, e.text))
            .collect();
        let book: toml_edit::DocumentMut =
            fs_err::read_to_string(docs.join("book.toml"))?.parse()?;
        let english = book["book"]["title"]
            .as_str()
            .context("docs/book.toml has no title")?;
        let title = translations.get(english).map_or(english, String::as_str);
        let dest = docs.join("book/ru");
        copy_sources(&docs, RUSSIAN_SRC, &with_russian_includes)?;
        let built = mdbook_with(
            &tools,
            &first,
            &docs,
            &["build", "--dest-dir", &dest.to_string_lossy()],
            &[
                ("MDBOOK_BOOK__LANGUAGE", "ru"),
                ("MDBOOK_BOOK__TITLE", title),
                ("MDBOOK_BOOK__SRC", RUSSIAN_SRC),
            ]
            .into_iter()
            .chain(quiz_env.iter().copied())
            .collect::<Vec<_>>(),
        );
        let _ = std::fs::remove_dir_all(docs.join(RUSSIAN_SRC));
        built?;
        search_index::reindex(&dest, &|title| translations.get(title).cloned())?;
    }
    let empty = empty_code_blocks(&docs.join("book"));
    if !empty.is_empty() {
        bail!(
            "empty code blocks in the built book:\n  {}",
            empty.join("\n  ")
        );
    }
    Ok(docs.join("book/index.html"))
}

/// Runs the pinned mdbook on the book in `docs` with `args` and `envs`, with
/// the tools' folder first on PATH (the gettext preprocessor and renderer
/// are found there).
pub fn mdbook(tools: &Path, docs: &Path, args: &[&str], envs: &[(&str, &str)]) -> Result<()> {
    mdbook_with(tools, &[], docs, args, envs)
}

/// [`mdbook`], with the folders `first` on PATH before the tools' (the
/// quizzes' `rustc`: see [`quiz::rustc`]).
pub fn mdbook_with(
    tools: &Path,
    first: &[PathBuf],
    docs: &Path,
    args: &[&str],
    envs: &[(&str, &str)],
) -> Result<()> {
    let bin = tools.join("bin");
    let path = std::env::var_os("PATH").unwrap_or_default();
    let path = std::env::join_paths(
        first
            .iter()
            .cloned()
            .chain([bin.clone()])
            .chain(std::env::split_paths(&path)),
    )?;
    let (command, rest) = args.split_first().expect("an mdbook command");
    let mdbook = bin.join("mdbook");
    let status = Command::new(&mdbook)
        .arg(command)
        .arg(docs)
        .args(rest)
        .env("PATH", path)
        .envs(envs.iter().copied())
        .status()
        .with_context(|| format!("cannot run {}", mdbook.display()))?;
    if !status.success() {
        bail!(
            "mdbook {} failed ({status}); its output is above",
            args.join(" ")
        );
    }
    Ok(())
}

/// The built pages with a code block that has no content: what an include
/// that expanded to nothing looks like once rendered.
pub fn empty_code_blocks(book: &Path) -> Vec<String> {
    crate::files_with(book, "html")
        .into_iter()
        .filter(|page| {
            let html = std::fs::read_to_string(page).unwrap_or_default();
            html.split("<code").skip(1).any(|code| {
                code.split_once('>')
                    .is_some_and(|(_, body)| body.starts_with("</code>"))
            })
        })
        .map(|page| {
            page.strip_prefix(book)
                .unwrap_or(&page)
                .display()
                .to_string()
        })
        .collect()
}
