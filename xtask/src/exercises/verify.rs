//! `cargo xtask exercises verify [CRATE..]`: rustlings' two directions, in a
//! scratch starter of each crate.
//!
//! The skeleton must build, and its checker must say "not yet" for every
//! exercise. Then the solutions go back in one region at a time, in the
//! manifest's order, and after each the checker must say "done" for exactly
//! the exercises solved so far: so each check fails before its solution and
//! passes after it, whatever the others' state. The last step is the
//! workspace's own code again.
//!
//! Every build shares the workspace's `target/`, so the registry crates are
//! never built twice; only the copied crates and the checker compile at each
//! step. Cargo names a path crate's build outputs after its name, version and
//! path inside its workspace, which a starter's `threads` shares with the
//! workspace's, and with the copy of `threads` in another starter (the
//! `threads` starter holds `processes`, a dependency of its examples): one
//! build could then pass for another, and cargo would not see that the copy
//! changed. So each scratch starter's crates get the version
//! `<version>+verify.<crate>` (build metadata, which every requirement still
//! matches) and outputs of their own.

use std::path::Path;
use std::process::Command;

use anyhow::{Context, Result, bail};
use fs_err as fs;

use super::{load, skeleton_files};

use crate::starter;

/// Runs the sequence for `crates` (every crate with exercises when empty),
/// reporting each step through `say`. Fails listing every disagreement.
pub fn verify(root: &Path, crates: &[String], say: &dyn Fn(&str)) -> Result<()> {
    let manifest = load(root)?;
    let problems = super::check_markers(root, &manifest);
    if !problems.is_empty() {
        bail!(
            "exercises.toml and the markers disagree:\n  {}",
            problems.join("\n  ")
        );
    }
    let all: Vec<String> = manifest.crates.iter().map(|c| c.name.clone()).collect();
    let chosen = if crates.is_empty() {
        all.clone()
    } else {
        crates.to_vec()
    };
    if let Some(unknown) = chosen.iter().find(|c| !all.contains(c)) {
        bail!(
            "{} has no exercises; these do: {}",
            crate::quote(unknown),
            all.join(", ")
        );
    }
    let scratch = root.join("target/exercises-verify");
    let mut failures = Vec::new();
    for krate in &chosen {
        let dest = scratch.join(krate);
        let _ = std::fs::remove_dir_all(&dest);
        let written = starter::write(root, krate, &dest, starter::Mode::Skeleton)?;
        for manifest in written
            .crates
            .iter()
            .map(|c| dest.join(c))
            .chain([dest.clone()])
        {
            mark_version(&manifest.join("Cargo.toml"), krate)?;
        }
        say(&format!(
            "{krate}: the skeleton builds (cargo test --no-run)"
        ));
        cargo(root, &dest, &["test", "--no-run"])?;
        let ids: Vec<&str> = manifest.of(krate).map(|e| e.id.as_str()).collect();
        for solved in 0..=ids.len() {
            for (file, text) in skeleton_files(root, &manifest, krate, solved)? {
                write_if_changed(&dest.join(&file), &text)?;
            }
            let out = cargo(
                root,
                &dest,
                &["test", "-p", krate, "--test", "exercises", "--", "--status"],
            )?;
            let done: Vec<&str> = out
                .lines()
                .filter_map(|l| l.strip_suffix(" done"))
                .collect();
            let expected = &ids[..solved];
            let step = if solved == 0 {
                "skeleton".to_string()
            } else {
                format!("{} solved", ids[solved - 1])
            };
            if done != expected {
                failures.push(format!(
                    "{krate}, {step}: done should be [{}], the checker says [{}]",
                    expected.join(", "),
                    done.join(", ")
                ));
            }
            say(&format!(
                "{krate}, {step}: {} of {} done",
                done.len(),
                ids.len()
            ));
        }
        for (file, text) in skeleton_files(root, &manifest, krate, ids.len())? {
            let original = fs::read_to_string(root.join(&file))?;
            if text != original {
                failures.push(format!(
                    "{file}: with every exercise solved, the skeleton is not the workspace's code"
                ));
            }
        }
    }
    if !failures.is_empty() {
        bail!(
            "{} step(s) disagree:\n  {}",
            failures.len(),
            failures.join("\n  ")
        );
    }
    Ok(())
}

/// Runs `cargo <args> --offline --quiet` in `dir` with the workspace's
/// target directory, returning its stdout, or its output as the error.
fn cargo(root: &Path, dir: &Path, args: &[&str]) -> Result<String> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let (before, after) = args.split_at(args.iter().position(|a| *a == "--").unwrap_or(args.len()));
    let out = Command::new(cargo)
        .args(before)
        .args(["--offline", "--quiet"])
        .args(after)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", root.join("target"))
        .env_remove("CI")
        .output()
        .context("cannot run cargo")?;
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    if !out.status.success() {
        bail!(
            "`cargo {}` failed in {}:\n{stdout}{}",
            args.join(" "),
            dir.display(),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    Ok(stdout)
}

/// `version = "0.1.0"` → `"0.1.0+verify.<krate>"`, which keeps the scratch
/// starter's build outputs apart (see the module's docs): in the starter's
/// workspace manifest, which its crates inherit, or in a crate's own.
fn mark_version(manifest: &Path, krate: &str) -> Result<()> {
    let mut doc: toml_edit::DocumentMut = fs::read_to_string(manifest)?.parse()?;
    let package = match doc.contains_key("workspace") {
        true => doc["workspace"].get_mut("package"),
        false => doc.get_mut("package"),
    };
    if let Some(version) = package.and_then(|p| p.get_mut("version"))
        && let Some(number) = version.as_str().map(str::to_string)
    {
        *version = toml_edit::value(format!("{number}+verify.{krate}"));
    }
    Ok(fs::write(manifest, doc.to_string())?)
}

/// Writes only when the text differs, so cargo does not rebuild for nothing.
fn write_if_changed(path: &Path, text: &str) -> Result<()> {
    if std::fs::read_to_string(path).is_ok_and(|t| t == text) {
        return Ok(());
    }
    Ok(fs::write(path, text)?)
}
