//! Where a starter may be written, decided before anything is created:
//! not inside a crate the starter copies (its copy would contain itself) or
//! any other crate of the workspace, not over anything but an empty
//! directory, not below a file. `dest` may be relative, hold `..` and
//! symbolic links, and need not be UTF-8: the checks apply to the directory
//! it names.

use std::fs;
use std::io::ErrorKind;
use std::path::{Component, Path, PathBuf};

use anyhow::{Result, bail};

use crate::shorten;

/// A destination that passed every check.
pub struct Destination {
    /// Absolute, with no `.`, `..` or symbolic links, and never `/`: it has
    /// a name and a parent.
    pub path: PathBuf,
    /// The outermost missing directory above `path`, if any: the starter
    /// creates it, and removes it again if the starter fails.
    pub first_missing_parent: Option<PathBuf>,
    /// The destination as a message shows it: as given, shortened.
    pub shown: String,
}

/// Checks `dest` for a starter that copies the crates `copied` of the
/// workspace at `root`, whose crates are `members`. Nothing is created: a
/// refusal leaves the file system as it was.
pub fn check(
    dest: &Path,
    root: &Path,
    copied: &[String],
    members: &[String],
) -> Result<Destination> {
    if dest.as_os_str().is_empty() {
        bail!("the destination is empty: name a directory");
    }
    let given = shorten(&dest.display().to_string());
    let resolved = match resolve(dest) {
        Ok(resolved) => resolved,
        Err(e) => bail!("cannot use {given} as the destination: {e}"),
    };
    let shown = match resolved == dest {
        true => given,
        false => shorten(&format!(
            "{} (that is, {})",
            dest.display(),
            resolved.display()
        )),
    };

    // Inside a crate that is copied, the copy would hold itself, and so on
    // without end; inside any other crate of the workspace, it would sit in
    // that crate's sources. (The workspace's `target/` is allowed: it is no
    // crate, copies skip it, and tests build their scratch copies there.)
    let others = members.iter().filter(|m| !copied.contains(m));
    for (name, is_copied) in copied
        .iter()
        .map(|c| (c, true))
        .chain(others.map(|m| (m, false)))
    {
        let dir = canonical(&root.join(name)).unwrap_or_else(|_| root.join(name));
        let label = if is_copied {
            "crate"
        } else {
            "workspace crate"
        };
        let outside = "Choose a directory outside the workspace's crates";
        if resolved == dir {
            bail!("{shown} is the {label} `{name}` itself. {outside}");
        }
        if resolved.starts_with(&dir) {
            let why = match is_copied {
                true => ", which the starter copies: the copy would contain itself",
                false => ": a starter is a project of its own",
            };
            bail!("{shown} is inside the {label} `{name}`{why}. {outside}");
        }
    }

    match fs::symlink_metadata(&resolved) {
        Ok(meta) if meta.is_dir() => {
            let Ok(mut entries) = fs::read_dir(&resolved) else {
                bail!("cannot read {shown}");
            };
            if entries.next().is_some() {
                bail!("{shown} already exists and is not empty: choose a new directory");
            }
        }
        Ok(meta) => {
            let what = match () {
                () if meta.is_file() => "a file",
                () if meta.is_symlink() => "a symbolic link to nothing",
                () => "something other than a directory",
            };
            bail!("{shown} is {what}, not a directory: choose a new directory");
        }
        Err(e) if missing(&e) => {}
        Err(e) => bail!("cannot use {shown}: {e}"),
    }
    if resolved.parent().is_none() {
        bail!("{shown} is the file system's root: choose a new directory");
    }
    // The missing directories above it will be created; the nearest one that
    // exists must be a directory to create them in.
    let mut first_missing_parent = None;
    for above in resolved.ancestors().skip(1) {
        match fs::metadata(above) {
            Ok(meta) if meta.is_dir() => break,
            Ok(_) => bail!(
                "{} is a file, so nothing can be created inside it",
                shorten(&above.display().to_string())
            ),
            Err(e) if missing(&e) => first_missing_parent = Some(above.to_path_buf()),
            Err(e) => bail!("cannot use {shown}: {e}"),
        }
    }
    Ok(Destination {
        path: resolved,
        first_missing_parent,
        shown,
    })
}

/// `dest` as an absolute path with no `.`, `..` or symbolic links, without
/// creating anything. The longest leading part that exists is resolved by
/// the OS, links and all. The rest does not exist, so it holds no links, and
/// a `..` there just drops the name before it: `exercises/new/..` is
/// `exercises`, whether or not `new` exists.
fn resolve(dest: &Path) -> std::io::Result<PathBuf> {
    let absolute = std::path::absolute(dest)?;
    let parts: Vec<Component> = absolute.components().collect();
    let mut existing = parts.len();
    let mut resolved = loop {
        let prefix: PathBuf = parts[..existing].iter().collect();
        match canonical(&prefix) {
            Ok(canonical) => break canonical,
            // Not there, or a file where a directory was expected: go up. The
            // root (`parts[..1]`) always exists.
            Err(e) if existing > 1 && missing(&e) => existing -= 1,
            Err(e) => return Err(e),
        }
    };
    for part in &parts[existing..] {
        match part {
            Component::ParentDir => drop(resolved.pop()),
            other => resolved.push(other),
        }
    }
    Ok(resolved)
}

/// `path` with no `.`, `..` or symbolic links, as the OS resolves it. On
/// Windows, without the verbatim prefix (`\\?\C:\...`) where the path is a
/// plain disk path: the same place, and one that cmd and PowerShell accept.
fn canonical(path: &Path) -> std::io::Result<PathBuf> {
    let path = fs::canonicalize(path)?;
    let plain = path.to_str().and_then(|p| p.strip_prefix(r"\\?\"));
    match plain.filter(|p| cfg!(windows) && p.as_bytes().get(1) == Some(&b':')) {
        Some(plain) => Ok(PathBuf::from(plain)),
        None => Ok(path),
    }
}

/// Whether an error says the path is not there: not found, or a file where
/// a directory was expected on the way (`notes.txt/ex`).
fn missing(e: &std::io::Error) -> bool {
    matches!(e.kind(), ErrorKind::NotFound | ErrorKind::NotADirectory)
}
