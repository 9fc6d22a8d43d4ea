//! Where a starter may go: every refusal happens before anything is created.
//!
//! These tests call the library on a small fake workspace of their own, so a
//! regression can only ever write into a scratch directory, never into the
//! real course crates.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use common::testing::within;

/// Long enough for a copy that recursed into itself to show up as a failure.
const LIMIT: Duration = Duration::from_secs(60);

/// A scratch directory holding `ws/`, a fake workspace with the crates
/// `common`, `threads` (which depends on `common`) and `tour` (a member that
/// is no course crate), and room beside it.
fn scratch(name: &str) -> (PathBuf, PathBuf) {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("dest-{name}"));
    let _ = fs::remove_dir_all(&dir);
    let root = dir.join("ws");
    let files = [
        (
            "Cargo.toml",
            "[workspace]\nresolver = \"3\"\nmembers = [\"common\", \"threads\", \"tour\"]\n\
             [workspace.package]\nversion = \"0.1.0\"\nedition = \"2024\"\n\
             [workspace.dependencies]\ncommon = { path = \"common\" }\n",
        ),
        ("Cargo.lock", "version = 4\n"),
        (
            "common/Cargo.toml",
            "[package]\nname = \"common\"\nversion.workspace = true\nedition.workspace = true\n",
        ),
        ("common/src/lib.rs", "//! common\n"),
        (
            "threads/Cargo.toml",
            "[package]\nname = \"threads\"\nversion.workspace = true\nedition.workspace = true\n\
             [dependencies]\ncommon.workspace = true\n",
        ),
        ("threads/src/lib.rs", "//! threads\n"),
        (
            "tour/Cargo.toml",
            "[package]\nname = \"tour\"\nversion.workspace = true\nedition.workspace = true\n",
        ),
        ("tour/src/main.rs", "fn main() {}\n"),
    ];
    for (path, text) in files {
        let path = root.join(path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
    (dir, root)
}

/// Every path under `dir`, relative to it, sorted: a snapshot to compare.
fn tree(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for entry in fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            out.push(path.strip_prefix(dir).unwrap().to_path_buf());
            if path.is_dir() && !path.is_symlink() {
                todo.push(path);
            }
        }
    }
    out.sort();
    out
}

/// Runs the starter of `krate` into `dest` (bounded), from the fake root.
fn starter(root: &Path, krate: &'static str, dest: PathBuf) -> Result<Vec<String>, String> {
    let root = root.to_path_buf();
    within(LIMIT, move || {
        xtask::starter::write(&root, krate, &dest, xtask::starter::Mode::Skeleton)
            .map_err(|e| format!("{e:#}"))
    })
    .map(|s| s.crates)
}

/// Asserts that the starter of `krate` into `dest` is refused with a message
/// holding `expected`, that the message is short, and that nothing changed
/// in `dir`.
#[track_caller]
fn assert_refused(dir: &Path, root: &Path, krate: &'static str, dest: PathBuf, expected: &str) {
    let before = tree(dir);
    let err = starter(root, krate, dest).expect_err("the destination must be refused");
    assert!(
        err.contains(expected),
        "expected {expected:?} in: {err:.600}"
    );
    assert!(err.len() < 500, "{} bytes: {err:.600}", err.len());
    assert_eq!(tree(dir), before, "something was created or changed");
}

#[test]
fn a_destination_inside_the_crate_being_copied_is_refused() {
    let (dir, root) = scratch("inside-copied");
    assert_refused(
        &dir,
        &root,
        "threads",
        root.join("threads/ex"),
        "inside the crate `threads`, which the starter copies",
    );
    // Deeper down, and reached through `..` from a directory that does not exist.
    assert_refused(
        &dir,
        &root,
        "threads",
        root.join("tour/nowhere/../../threads/src/ex"),
        "inside the crate `threads`, which the starter copies",
    );
}

#[test]
fn a_destination_inside_a_crate_copied_along_is_refused() {
    let (dir, root) = scratch("inside-dependency");
    assert_refused(
        &dir,
        &root,
        "threads",
        root.join("common/ex"),
        "inside the crate `common`, which the starter copies",
    );
}

#[test]
fn a_destination_that_is_a_copied_crate_itself_is_refused() {
    let (dir, root) = scratch("is-crate");
    assert_refused(
        &dir,
        &root,
        "threads",
        root.join("threads/."),
        "is the crate `threads` itself",
    );
}

#[test]
fn a_destination_inside_another_workspace_crate_is_refused() {
    let (dir, root) = scratch("inside-member");
    assert_refused(
        &dir,
        &root,
        "common",
        root.join("tour/ex"),
        "inside the workspace crate `tour`",
    );
}

#[cfg(unix)]
#[test]
fn a_destination_reached_through_a_symlink_is_refused() {
    let (dir, root) = scratch("symlink");
    std::os::unix::fs::symlink(root.join("threads"), dir.join("link")).unwrap();
    assert_refused(
        &dir,
        &root,
        "threads",
        dir.join("link/ex"),
        "inside the crate `threads`, which the starter copies",
    );
}

#[test]
fn an_existing_file_is_refused_as_a_file() {
    let (dir, root) = scratch("file");
    fs::write(dir.join("notes.txt"), "mine").unwrap();
    assert_refused(
        &dir,
        &root,
        "common",
        dir.join("notes.txt"),
        "is a file, not a directory",
    );
    assert_refused(
        &dir,
        &root,
        "common",
        dir.join("notes.txt/ex"),
        "notes.txt is a file, so nothing can be created inside it",
    );
}

#[test]
fn dot_dot_is_resolved_before_anything_is_created() {
    let (dir, root) = scratch("dot-dot");
    // `exercises/new/..` is `exercises`: written there, and `new` never made.
    let written = starter(&root, "common", dir.join("exercises/new/..")).unwrap();
    assert_eq!(written, ["common"]);
    assert!(dir.join("exercises/common/Cargo.toml").is_file());
    assert!(
        !dir.join("exercises/new").exists(),
        "exercises/new was created"
    );
    // Nothing but the starter itself: no staging directory left beside it.
    let beside: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(beside.len(), 2, "{beside:?}"); // ws and exercises
}

#[test]
fn a_starter_that_fails_later_leaves_no_directory_behind() {
    let (dir, root) = scratch("fails-later");
    // A manifest the starter cannot resolve: it fails while copying, after
    // the checks passed and the missing parents were created.
    let manifest = root.join("threads/Cargo.toml");
    let broken = fs::read_to_string(&manifest).unwrap() + "nope.workspace = true\n";
    fs::write(&manifest, broken).unwrap();
    let before = tree(&dir);
    let err = starter(&root, "threads", dir.join("new/deeper/ex")).unwrap_err();
    assert!(
        err.contains("nope is not in [workspace.dependencies]"),
        "{err}"
    );
    assert_eq!(tree(&dir), before, "something was left behind");
}

#[test]
fn a_starter_has_the_python_originals_and_their_helpers_but_no_caches() {
    let (dir, root) = scratch("python");
    for (path, text) in [
        ("common/python/course_trace.py", "def trace(): pass\n"),
        ("threads/python/gil.py", "from course_trace import trace\n"),
        ("threads/python/__pycache__/gil.cpython-311.pyc", "\0"),
    ] {
        fs::create_dir_all(root.join(path).parent().unwrap()).unwrap();
        fs::write(root.join(path), text).unwrap();
    }
    let written = starter(&root, "threads", dir.join("ex")).unwrap();
    assert_eq!(written, ["threads", "common"], "not the tour");
    let ex = dir.join("ex");
    assert!(ex.join("threads/python/gil.py").is_file());
    assert!(ex.join("common/python/course_trace.py").is_file());
    assert!(!ex.join("threads/python/__pycache__").exists());
}
