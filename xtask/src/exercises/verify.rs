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
//! Every build shares one target directory, `target/starters/`, so the
//! registry crates are built once; only the copied crate and its checker
//! compile at each step. It is not the workspace's `target/`: cargo hashes a
//! path crate by its path inside its workspace, so a starter's `threads` and
//! the workspace's would share their build outputs, and a skeleton's build
//! could pass for the workspace's.

use std::path::Path;
use std::process::Command;

use super::{load, skeleton_files};

/// The target directory of every starter built from this workspace (in CI
/// and here), never the workspace's own (see the module's docs).
pub const STARTERS_TARGET: &str = "target/starters";
use crate::starter;

/// Runs the sequence for `crates` (every crate with exercises when empty),
/// reporting each step through `say`. Fails listing every disagreement.
pub fn verify(root: &Path, crates: &[String], say: &dyn Fn(&str)) -> Result<(), String> {
    let manifest = load(root)?;
    let problems = super::check_markers(root, &manifest);
    if !problems.is_empty() {
        return Err(format!(
            "exercises.toml and the markers disagree:\n  {}",
            problems.join("\n  ")
        ));
    }
    let all: Vec<String> = manifest.crates.iter().map(|c| c.name.clone()).collect();
    let chosen = if crates.is_empty() {
        all.clone()
    } else {
        crates.to_vec()
    };
    if let Some(unknown) = chosen.iter().find(|c| !all.contains(c)) {
        return Err(format!(
            "{unknown} has no exercises; these do: {}",
            all.join(", ")
        ));
    }
    let scratch = root.join("target/exercises-verify");
    let mut failures = Vec::new();
    for krate in &chosen {
        let dest = scratch.join(krate);
        let _ = std::fs::remove_dir_all(&dest);
        starter::write(root, krate, &dest, starter::Mode::Skeleton)?;
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
            let original = std::fs::read_to_string(root.join(&file)).unwrap_or_default();
            if text != original {
                failures.push(format!(
                    "{file}: with every exercise solved, the skeleton is not the workspace's code"
                ));
            }
        }
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{} step(s) disagree:\n  {}",
            failures.len(),
            failures.join("\n  ")
        ))
    }
}

/// Runs `cargo <args> --offline --quiet` in `dir` with the starters' target
/// directory ([`STARTERS_TARGET`]), returning its stdout, or its output as
/// the error.
fn cargo(root: &Path, dir: &Path, args: &[&str]) -> Result<String, String> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let (before, after) = match args.iter().position(|a| *a == "--") {
        Some(i) => (&args[..i], &args[i..]),
        None => (args, &[][..]),
    };
    let out = Command::new(cargo)
        .args(before)
        .args(["--offline", "--quiet"])
        .args(after)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", root.join(STARTERS_TARGET))
        .env_remove("CI")
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    if !out.status.success() {
        return Err(format!(
            "`cargo {}` failed in {}:\n{stdout}{}",
            args.join(" "),
            dir.display(),
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(stdout)
}

/// Writes only when the text differs, so cargo does not rebuild for nothing.
fn write_if_changed(path: &Path, text: &str) -> Result<(), String> {
    if std::fs::read_to_string(path).is_ok_and(|t| t == text) {
        return Ok(());
    }
    std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}
