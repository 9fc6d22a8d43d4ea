//! `cargo xtask starter` as a learner uses it, good and bad input alike.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn xtask(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .output()
        .expect("run xtask")
}

/// A fresh scratch directory under cargo's per-test temp dir.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("starter-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn starter_of_common_is_a_standalone_project() {
    let dest = scratch("common").join("ex");
    let out = xtask(&["starter", "common", dest.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    for file in [
        "Cargo.toml",
        "Cargo.lock",
        "common/Cargo.toml",
        "common/src/workload.rs",
    ] {
        assert!(dest.join(file).is_file(), "{file} missing");
    }
    let manifest = std::fs::read_to_string(dest.join("common/Cargo.toml")).unwrap();
    assert!(!manifest.contains("workspace = true"), "{manifest}");
    assert!(!manifest.contains(".workspace"), "{manifest}");
    // Cargo accepts it as a project of its own, without the network.
    let metadata = Command::new(env!("CARGO"))
        .args([
            "metadata",
            "--offline",
            "--format-version",
            "1",
            "--no-deps",
        ])
        .current_dir(&dest)
        .output()
        .unwrap();
    assert!(metadata.status.success(), "{}", stderr(&metadata));
    // Nothing is left beside it.
    let siblings: Vec<_> = std::fs::read_dir(dest.parent().unwrap()).unwrap().collect();
    assert_eq!(siblings.len(), 1);
}

#[test]
fn a_section_crate_brings_common_along() {
    let dest = scratch("threads").join("ex");
    let out = xtask(&["starter", "threads", dest.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let manifest = std::fs::read_to_string(dest.join("threads/Cargo.toml")).unwrap();
    assert!(manifest.contains("path = \"../common\""), "{manifest}");
    assert!(dest.join("common/src/lib.rs").is_file());
    let root = std::fs::read_to_string(dest.join("Cargo.toml")).unwrap();
    assert!(
        root.contains("members = [\"threads\", \"common\"]"),
        "{root}"
    );
}

#[test]
fn an_empty_destination_is_filled() {
    let dest = scratch("empty-dest");
    let out = xtask(&["starter", "common", dest.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(dest.join("common/Cargo.toml").is_file());
}

#[test]
fn a_non_empty_destination_is_refused_and_untouched() {
    let dest = scratch("busy");
    std::fs::write(dest.join("notes.txt"), "mine").unwrap();
    let out = xtask(&["starter", "common", dest.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("already exists and is not empty"),
        "{}",
        stderr(&out)
    );
    let entries: Vec<_> = std::fs::read_dir(&dest).unwrap().collect();
    assert_eq!(entries.len(), 1);
    assert_eq!(
        std::fs::read_to_string(dest.join("notes.txt")).unwrap(),
        "mine"
    );
}

#[test]
fn an_unknown_crate_is_refused_and_writes_nothing() {
    let parent = scratch("unknown");
    let dest = parent.join("ex");
    for krate in ["nope", "tour", "xtask"] {
        let out = xtask(&["starter", krate, dest.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2));
        let err = stderr(&out);
        assert!(err.contains(&format!("unknown crate `{krate}`")), "{err}");
        assert!(err.contains("common, threads, sync-primitives, processes, async-basics"));
    }
    assert_eq!(std::fs::read_dir(&parent).unwrap().count(), 0);
}

#[test]
fn bad_arguments_get_usage_and_exit_2() {
    for args in [&[][..], &["starter"], &["starter", "common"], &["build"]] {
        let out = xtask(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).contains("usage: cargo xtask starter <crate> <dest>"));
    }
}
