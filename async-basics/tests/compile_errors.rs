//! The compile-error lessons of `tests/ui/`: async programs a Python developer
//! would write, which rustc refuses because of what `tokio::spawn` requires
//! (`Send + 'static`).
//!
//! - Everywhere, each case must fail to compile, and rustc's message must
//!   name what the lesson is about: the error code, or, for the two errors
//!   that have none ("future cannot be sent between threads safely" is E0277
//!   worded for futures), the type that is not `Send`. The cases need tokio,
//!   so cargo checks them in a small project of their own (tokio is built
//!   for it once, then reused).
//! - In CI (`CI` set) on the workspace's `rust-version`, trybuild also
//!   compares rustc's whole message with the `.stderr` committed next to each
//!   case, so the message the book shows is the one rustc prints. A newer
//!   rustc may word it differently, and trybuild first builds every
//!   dev-dependency (minutes, once), so a learner's `cargo test` skips it;
//!   `CI=1 cargo test -p async-basics --test compile_errors` runs it anywhere.
//!
//! After a deliberate change to a case, regenerate its message on the pinned
//! rustc with `TRYBUILD=overwrite CI=1 cargo test -p async-basics --test compile_errors`
//! and read the new `.stderr` before committing it.

use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::testing::compares_exact_messages;

/// Every case of `tests/ui/`, and what rustc's message about it must contain
/// on any rustc.
const CASES: [(&str, &[&str]); 3] = [
    ("std_guard_across_await", &["MutexGuard", "`Send`"]),
    ("rc_across_await", &["Rc<", "`Send`"]),
    ("spawn_borrows_a_local", &["error[E0373]"]),
];

fn ui_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ui")
}

fn case_path(name: &str) -> PathBuf {
    ui_dir().join(format!("{name}.rs"))
}

#[test]
fn every_case_is_listed_and_its_stderr_names_what_it_teaches() {
    let mut on_disk: Vec<String> = fs::read_dir(ui_dir())
        .expect("read tests/ui")
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "rs"))
        .map(|path| path.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = CASES.iter().map(|(name, _)| name.to_string()).collect();
    listed.sort();
    assert_eq!(
        on_disk, listed,
        "tests/ui/*.rs and CASES list the same cases"
    );
    for (name, marks) in CASES {
        let stderr = ui_dir().join(format!("{name}.stderr"));
        let message = fs::read_to_string(&stderr).unwrap_or_else(|e| {
            panic!(
                "{}: {e} (generate it, see the top of this file)",
                stderr.display()
            )
        });
        for mark in marks {
            assert!(message.contains(mark), "{name}.stderr lacks {mark:?}");
        }
    }
}

/// Each case names, in its header comment, the cells that show its fix
/// ("examples/<example>.rs, cell `<name>`"), and those cells exist.
#[test]
fn every_case_names_the_cells_with_its_fix() {
    for (name, _) in CASES {
        let case = fs::read_to_string(case_path(name)).unwrap();
        let example = case
            .split_once("examples/")
            .and_then(|(_, rest)| rest.split_once(".rs"))
            .map(|(example, _)| example)
            .unwrap_or_else(|| panic!("{name}.rs names no example with its fix"));
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("examples/{example}.rs"));
        let source = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{name}.rs: {e}"));
        let cells: Vec<&str> = case
            .split("cell `")
            .skip(1)
            .filter_map(|rest| rest.split_once('`').map(|(cell, _)| cell))
            .collect();
        assert!(!cells.is_empty(), "{name}.rs names no cell of {example}.rs");
        for cell in cells {
            assert!(
                source.contains(&format!("// ANCHOR: {cell}\n")),
                "{name}.rs points to cell `{cell}`, which {example}.rs does not have"
            );
        }
    }
}

/// A cargo project of its own, in this test's scratch directory, whose
/// binaries are the cases, with tokio as the workspace's `Cargo.lock` pins it:
/// what trybuild does, without comparing the message.
fn scratch_project() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("async-basics-ui");
    fs::create_dir_all(&dir).unwrap();
    let mut manifest = String::from(
        "[package]\nname = \"async-basics-ui\"\nversion = \"0.0.0\"\nedition = \"2024\"\n\
         publish = false\n\n# Not a member of the workspace it sits in.\n[workspace]\n\n\
         [dependencies]\ntokio = { version = \"1\", features = [\"rt-multi-thread\", \"macros\", \"time\"] }\n",
    );
    for (name, _) in CASES {
        manifest += &format!(
            "\n[[bin]]\nname = \"{name}\"\npath = {:?}\n",
            case_path(name)
        );
    }
    fs::write(dir.join("Cargo.toml"), manifest).unwrap();
    // The lock file of the workspace (or of a starter copy) this crate is in.
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    if let Some(lock) = crate_dir
        .ancestors()
        .map(|d| d.join("Cargo.lock"))
        .find(|l| l.is_file())
    {
        fs::copy(lock, dir.join("Cargo.lock")).unwrap();
    }
    dir
}

/// Any rustc: each case fails to compile, and rustc's message names its marks.
#[test]
fn each_case_fails_naming_what_it_teaches() {
    let project = scratch_project();
    let cargo: OsString = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    for (name, marks) in CASES {
        let output = Command::new(&cargo)
            .args(["check", "--offline", "--quiet", "--bin", name])
            .current_dir(&project)
            .env("CARGO_TARGET_DIR", project.join("target"))
            .env_remove("RUSTFLAGS")
            .output()
            .expect("run cargo check");
        let message = String::from_utf8_lossy(&output.stderr);
        assert!(
            !output.status.success(),
            "{name}.rs compiled, but it should not"
        );
        for mark in marks {
            assert!(
                message.contains(mark),
                "{name}.rs failed without naming {mark:?}:\n{message}"
            );
        }
    }
}

/// In CI, on the pinned rustc: the whole message, byte for byte, as committed.
#[test]
fn messages_match_the_committed_stderr() {
    if let Err(why) = compares_exact_messages(env!("CARGO_PKG_RUST_VERSION")) {
        eprintln!("{why}, so only what the messages name is checked");
        return;
    }
    let cases = trybuild::TestCases::new();
    for (name, _) in CASES {
        cases.compile_fail(format!("tests/ui/{name}.rs"));
    }
    // Dropping `cases` runs them, and panics if any message differs.
}
