//! `cargo xtask book`: the course's book in `docs/`, built with the pinned
//! tools after its includes and links are checked.
//!
//! mdBook **0.5.4** and mdbook-i18n-helpers **0.4.0** (the one release of the
//! helpers that works with mdBook 0.5) are installed with `cargo install
//! --locked` into `target/tools/` the first time, never into a learner's
//! global cargo bin. `COURSE_TOOLS_DIR` points them at another folder, a
//! cache that CI keeps between runs, for example.

use std::path::{Path, PathBuf};
use std::process::Command;

pub mod capture;
pub mod check;
pub mod search_index;
pub mod sources;

pub use sources::with_russian_includes;
use sources::{RUSSIAN_SRC, copy_sources};

/// A tool the book needs, pinned.
pub struct Tool {
    /// The crate to `cargo install`.
    pub krate: &'static str,
    /// Its version, exactly.
    pub version: &'static str,
    /// Extra `cargo install` arguments.
    pub args: &'static [&'static str],
}

/// mdBook without its `serve` feature (which only a live preview needs) and
/// the gettext preprocessor for the translations.
pub const TOOLS: [Tool; 2] = [
    Tool {
        krate: "mdbook",
        version: "0.5.4",
        args: &["--no-default-features", "--features", "search"],
    },
    Tool {
        krate: "mdbook-i18n-helpers",
        version: "0.4.0",
        args: &[],
    },
];

/// Where the tools go: `$COURSE_TOOLS_DIR`, else `<workspace>/target/tools`.
pub fn tools_dir(root: &Path) -> PathBuf {
    match std::env::var_os("COURSE_TOOLS_DIR") {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => root.join("target/tools"),
    }
}

/// Whether `dir` holds exactly this version of `tool`, as cargo install
/// records it in `dir/.crates.toml`.
pub fn installed(dir: &Path, tool: &Tool) -> bool {
    let record = std::fs::read_to_string(dir.join(".crates.toml")).unwrap_or_default();
    record.contains(&format!("\"{} {} (", tool.krate, tool.version))
}

/// Installs every tool that `dir` lacks or holds at another version.
pub fn install(dir: &Path, say: &dyn Fn(&str)) -> Result<(), String> {
    for tool in TOOLS.iter().filter(|t| !installed(dir, t)) {
        say(&format!(
            "Installing {} {} into {} (once; a few minutes) ...",
            tool.krate,
            tool.version,
            dir.display()
        ));
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let status = Command::new(cargo)
            .args(["install", "--locked", "--quiet", "--root"])
            .arg(dir)
            .args([tool.krate, "--version", tool.version])
            .args(tool.args)
            .status()
            .map_err(|e| format!("cannot run cargo install: {e}"))?;
        if !status.success() || !installed(dir, tool) {
            return Err(format!(
                "cannot install {} {} ({status}). It comes from crates.io: is it \
                 reachable? Or set COURSE_TOOLS_DIR to a folder that already has it.",
                tool.krate, tool.version
            ));
        }
    }
    Ok(())
}

/// Checks `docs/src` (see [`check::check`]) and builds the book into
/// `docs/book/`, returning the path of its `index.html`.
pub fn build(root: &Path, say: &dyn Fn(&str)) -> Result<PathBuf, String> {
    let docs = root.join("docs");
    let problems = check::check(&docs.join("src"));
    if !problems.is_empty() {
        return Err(format!(
            "the book has {} broken include(s) or link(s):\n  {}",
            problems.len(),
            problems.join("\n  ")
        ));
    }
    let tools = tools_dir(root);
    install(&tools, say)?;
    mdbook(&tools, &docs, &["build"], &[])?;
    if docs.join(RUSSIAN).is_file() {
        say("Building the Russian book into docs/book/ru/ ...");
        let entries = crate::i18n::po::parse(
            &std::fs::read_to_string(docs.join(RUSSIAN)).unwrap_or_default(),
        )?;
        let english = book_title(&docs)?;
        let title = entries
            .iter()
            .find(|e| e.id == english && e.translated())
            .map_or(english.clone(), |e| e.text.clone());
        let dest = docs.join("book/ru");
        copy_sources(&docs, RUSSIAN_SRC, &with_russian_includes)?;
        let built = mdbook(
            &tools,
            &docs,
            &["build", "--dest-dir", &dest.to_string_lossy()],
            &[
                ("MDBOOK_BOOK__LANGUAGE", "ru"),
                ("MDBOOK_BOOK__TITLE", &title),
                ("MDBOOK_BOOK__SRC", RUSSIAN_SRC),
            ],
        );
        let _ = std::fs::remove_dir_all(docs.join(RUSSIAN_SRC));
        built?;
        let translations: std::collections::HashMap<&str, &str> = entries
            .iter()
            .filter(|e| e.translated())
            .map(|e| (e.id.as_str(), e.text.as_str()))
            .collect();
        search_index::reindex(&dest, &|title| {
            translations.get(title).map(|t| t.to_string())
        })?;
    }
    let empty = empty_code_blocks(&docs.join("book"));
    if !empty.is_empty() {
        return Err(format!(
            "empty code blocks in the built book:\n  {}",
            empty.join("\n  ")
        ));
    }
    Ok(docs.join("book/index.html"))
}

/// The Russian catalog, from `docs/`.
pub const RUSSIAN: &str = "po/ru.po";

/// Runs the pinned mdbook on the book in `docs` with `args` and `envs`, with
/// the tools' folder first on PATH (the gettext preprocessor and renderer
/// are found there).
pub fn mdbook(
    tools: &Path,
    docs: &Path,
    args: &[&str],
    envs: &[(&str, &str)],
) -> Result<(), String> {
    let bin = tools.join("bin");
    let path = std::env::var_os("PATH").unwrap_or_default();
    let path =
        std::env::join_paths(std::iter::once(bin.clone()).chain(std::env::split_paths(&path)))
            .map_err(|e| format!("cannot extend PATH with {}: {e}", bin.display()))?;
    let (command, rest) = args.split_first().expect("an mdbook command");
    let status = Command::new(bin.join("mdbook"))
        .arg(command)
        .arg(docs)
        .args(rest)
        .env("PATH", path)
        .envs(envs.iter().copied())
        .status()
        .map_err(|e| format!("cannot run {}: {e}", bin.join("mdbook").display()))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!(
            "mdbook {} failed ({status}); its output is above",
            args.join(" ")
        ))
    }
}

/// The English title, from `book.toml`.
fn book_title(docs: &Path) -> Result<String, String> {
    let text = std::fs::read_to_string(docs.join("book.toml"))
        .map_err(|e| format!("cannot read docs/book.toml: {e}"))?;
    text.lines()
        .find_map(|l| l.strip_prefix("title = "))
        .map(|t| t.trim().trim_matches('"').to_string())
        .ok_or_else(|| "docs/book.toml has no title".into())
}

/// The built pages with a code block that has no content: what an include
/// that expanded to nothing looks like once rendered.
pub fn empty_code_blocks(book: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut dirs = vec![book.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "html") {
                let html = std::fs::read_to_string(&path).unwrap_or_default();
                let empty = html.split("<code").skip(1).any(|code| {
                    code.split_once('>')
                        .is_some_and(|(_, body)| body.starts_with("</code>"))
                });
                if empty {
                    found.push(
                        path.strip_prefix(book)
                            .unwrap_or(&path)
                            .display()
                            .to_string(),
                    );
                }
            }
        }
    }
    found.sort();
    found
}
