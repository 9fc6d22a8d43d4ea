//! The compile-error lessons of `tests/ui/` (the 3.6 `send_and_sync` topic):
//! programs a Python developer would write, which rustc refuses.
//!
//! - Everywhere, each case must fail to compile with its error code (rustc
//!   is run on it directly, which takes a second).
//! - In CI (`CI` set) on the workspace's `rust-version`, trybuild also
//!   compares rustc's whole message with the `.stderr` committed next to each
//!   case, so the message the book shows is the one rustc prints. A newer
//!   rustc may word it differently, and trybuild first builds every
//!   dev-dependency (minutes, once), so a learner's `cargo test` skips it;
//!   `CI=1 cargo test -p threads --test compile_errors` runs it anywhere.
//!
//! After a deliberate change to a case, regenerate its message on the pinned
//! rustc with `TRYBUILD=overwrite cargo test -p threads --test compile_errors`
//! and read the new `.stderr` before committing it.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::testing::{compares_exact_messages, rustc};

/// Every case of `tests/ui/` and the error codes rustc refuses it with.
const CASES: [(&str, &[&str]); 6] = [
    ("spawn_borrows_a_local", &["E0373"]),
    ("thread_outlives_its_data", &["E0597"]),
    ("rc_is_not_send", &["E0277"]),
    ("two_threads_push", &["E0499"]),
    ("push_while_main_reads", &["E0502"]),
    ("refcell_is_not_sync", &["E0277"]),
];

/// The edition the cases are written in: the workspace's, as in Cargo.toml.
const EDITION: &str = "2024";

fn ui_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ui")
}

/// The error codes in a rustc message: the `E0373` of each `error[E0373]`.
fn error_codes(message: &str) -> BTreeSet<String> {
    message
        .split("error[")
        .skip(1)
        .filter_map(|rest| rest.split_once(']'))
        .map(|(code, _)| code.to_string())
        .collect()
}

#[test]
fn every_case_is_listed_with_its_codes_in_its_stderr() {
    let on_disk: BTreeSet<String> = std::fs::read_dir(ui_dir())
        .expect("read tests/ui")
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "rs"))
        .map(|path| path.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    let listed: BTreeSet<String> = CASES.iter().map(|(name, _)| name.to_string()).collect();
    assert_eq!(
        on_disk, listed,
        "tests/ui/*.rs and CASES list the same cases"
    );
    for (name, codes) in CASES {
        let stderr = ui_dir().join(format!("{name}.stderr"));
        let message = std::fs::read_to_string(&stderr).unwrap_or_else(|e| {
            panic!(
                "{}: {e} (generate it, see the top of this file)",
                stderr.display()
            )
        });
        let expected: BTreeSet<String> = codes.iter().map(|c| c.to_string()).collect();
        assert_eq!(
            error_codes(&message),
            expected,
            "the committed {name}.stderr"
        );
    }
}

/// Each case names the cell of `examples/send_and_sync.rs` that shows its fix
/// (a "cell `name`" in its header comment), and that cell exists.
#[test]
fn every_case_names_the_cell_with_its_fix() {
    let example = include_str!("../examples/send_and_sync.rs");
    for (name, _) in CASES {
        let case = std::fs::read_to_string(ui_dir().join(format!("{name}.rs"))).unwrap();
        let cell = case
            .split_once("cell `")
            .and_then(|(_, rest)| rest.split_once('`'))
            .map(|(cell, _)| cell)
            .unwrap_or_else(|| panic!("{name}.rs names no cell of send_and_sync.rs"));
        assert!(
            example.contains(&format!("// ANCHOR: {cell}\n")),
            "{name}.rs points to cell `{cell}`, which send_and_sync.rs does not have"
        );
    }
}

/// Any rustc: each case fails to compile, with its error codes among rustc's.
#[test]
fn each_case_fails_with_its_error_code() {
    let out = std::env::temp_dir().join(format!("threads-ui-{}", std::process::id()));
    std::fs::create_dir_all(&out).unwrap();
    for (name, codes) in CASES {
        // Analysis only (no code generation): borrow and trait errors are found there.
        let output = Command::new(rustc())
            .args([
                "--edition",
                EDITION,
                "--crate-type",
                "bin",
                "--emit",
                "metadata",
            ])
            .arg("--crate-name")
            .arg(name)
            .arg("--out-dir")
            .arg(&out)
            .arg(ui_dir().join(format!("{name}.rs")))
            .output()
            .expect("run rustc");
        let message = String::from_utf8_lossy(&output.stderr);
        assert!(
            !output.status.success(),
            "{name}.rs compiled, but it should not"
        );
        let found = error_codes(&message);
        for code in codes {
            assert!(
                found.contains(*code),
                "{name}.rs failed without error[{code}]:\n{message}"
            );
        }
    }
    let _ = std::fs::remove_dir_all(&out);
}

/// The pinned rustc: the whole message, byte for byte, as committed.
#[test]
fn messages_match_the_committed_stderr() {
    if let Err(why) = compares_exact_messages(env!("CARGO_PKG_RUST_VERSION")) {
        eprintln!("{why}, so only the error codes are checked");
        return;
    }
    let cases = trybuild::TestCases::new();
    for (name, _) in CASES {
        cases.compile_fail(format!("tests/ui/{name}.rs"));
    }
    // Dropping `cases` runs them, and panics if any message differs.
}
