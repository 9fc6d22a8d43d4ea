//! Developer tasks for the course workspace, run as `cargo xtask ...` (an
//! alias in `.cargo/config.toml`; `cargo xtask --help` lists them): a
//! learner's [`starter`] and its [`exercises`], the [`book`] and its Russian
//! catalog ([`i18n`]), the committed measurements ([`measure`]) and their
//! pictures ([`plots`]). Errors go to stderr with exit code 2, a long
//! argument shortened ([`quote`], [`shorten`]).

use std::path::{Path, PathBuf};

use anyhow::Result;
use fs_err as fs;

pub use common::report::{quote, shorten};

pub mod book;
mod dest;
pub mod exercises;
pub mod i18n;
mod manifest;
pub mod measure;
pub mod plots;
pub mod starter;

/// Every file below `dir`, sorted; build output and Python's caches left out.
pub fn files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in fs::read_dir(&dir)? {
            let path = entry?.path();
            if path.ends_with("target") || path.ends_with("__pycache__") {
                continue;
            }
            if path.is_dir() {
                pending.push(path);
            } else {
                found.push(path);
            }
        }
    }
    found.sort();
    Ok(found)
}

/// The files below `dir` whose name ends with `.{extension}`.
pub fn files_with(dir: &Path, extension: &str) -> Vec<PathBuf> {
    let found = files(dir).unwrap_or_default().into_iter();
    found
        .filter(|f| f.extension().is_some_and(|e| e == extension))
        .collect()
}

/// Copies the tree `from` to `to` as [`files`] lists it, each Markdown
/// page's text (with its folder) passed through `page`.
pub fn copy_tree(from: &Path, to: &Path, page: &dyn Fn(&str, &Path) -> String) -> Result<()> {
    for file in files(from)? {
        let target = to.join(file.strip_prefix(from)?);
        fs::create_dir_all(target.parent().expect("a file has a folder"))?;
        match file
            .parent()
            .filter(|_| file.extension().is_some_and(|e| e == "md"))
        {
            Some(folder) => fs::write(&target, page(&fs::read_to_string(&file)?, folder))?,
            None => drop(fs::copy(&file, &target)?),
        }
    }
    Ok(())
}

/// `path` as a learner's shell reads it: as it is when it holds only safe
/// characters, else in POSIX single quotes, or on Windows in double quotes
/// (which cmd and PowerShell both read, and no Windows file name contains).
pub fn shell_quote(path: &Path) -> String {
    let text = path.display().to_string();
    let safe = |c: char| {
        c.is_ascii_alphanumeric() || "_-.,/:+=@%".contains(c) || (cfg!(windows) && c == '\\')
    };
    if !text.is_empty() && text.chars().all(safe) {
        text
    } else if cfg!(windows) {
        format!("\"{text}\"")
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

/// `a/b/../c` as `a/c`, without touching the file system.
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::ParentDir => drop(out.pop()),
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}
