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
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

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

/// The compiler cargo uses: `$RUSTC` if set, else `rustc` on the PATH.
fn rustc() -> OsString {
    std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into())
}

/// `rustc --version`'s "1.95.0" part, e.g. from "rustc 1.95.0 (59807616e 2026-04-14)".
fn rustc_release() -> String {
    let output = Command::new(rustc())
        .arg("--version")
        .output()
        .expect("run rustc --version");
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    let release = text.split_whitespace().nth(1);
    release
        .unwrap_or_else(|| panic!("unexpected rustc --version: {text:?}"))
        .to_string()
}

/// Whether `release` ("1.95.0") is a stable release of `rust_version` ("1.95"):
/// same major and minor, any patch, and no "-beta" or "-nightly".
fn is_release_of(release: &str, rust_version: &str) -> bool {
    let pinned: Vec<&str> = rust_version.split('.').take(2).collect();
    let ours: Vec<&str> = release.split('.').take(2).collect();
    !release.contains('-') && pinned.len() == 2 && ours == pinned
}

#[test]
fn the_version_check_tells_releases_apart() {
    assert!(is_release_of("1.95.0", "1.95"));
    assert!(is_release_of("1.95.2", "1.95"));
    assert!(!is_release_of("1.96.0", "1.95"));
    assert!(!is_release_of("1.9.5", "1.95"));
    assert!(!is_release_of("1.95.0-nightly", "1.95"));
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
    if std::env::var_os("CI").is_none_or(|ci| ci.is_empty()) {
        eprintln!("not in CI: only the error codes are checked (CI=1 compares whole messages)");
        return;
    }
    let (release, pinned) = (rustc_release(), env!("CARGO_PKG_RUST_VERSION"));
    if !is_release_of(&release, pinned) {
        eprintln!(
            "rustc {release} is not the workspace's rust-version {pinned}: \
             its messages may be worded differently, so only the error codes are checked"
        );
        return;
    }
    let cases = trybuild::TestCases::new();
    for (name, _) in CASES {
        cases.compile_fail(format!("tests/ui/{name}.rs"));
    }
    // Dropping `cases` runs them, and panics if any message differs.
}
