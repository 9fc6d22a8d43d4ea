//! `cargo xtask starter` as a learner uses it, good and bad input alike.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use common::testing::{ExampleRun, run_bounded, within};

/// Generous: the slowest case copies a crate and runs `cargo metadata`.
const LIMIT: Duration = Duration::from_secs(300);

fn xtask(args: &[impl AsRef<OsStr>]) -> ExampleRun {
    let mut command = Command::new(env!("CARGO_BIN_EXE_xtask"));
    command.args(args);
    run_bounded(command, LIMIT)
}

/// A fresh scratch directory under cargo's per-test temp dir.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("starter-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn stderr(run: &ExampleRun) -> &str {
    &run.stderr
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
    // Cargo accepts it as a project of its own, without the network.
    let mut metadata = Command::new(env!("CARGO"));
    metadata
        .args(["metadata", "--offline", "--format-version", "1"])
        .arg("--no-deps")
        .current_dir(&dest);
    let metadata = run_bounded(metadata, LIMIT);
    assert!(metadata.status.success(), "{}", metadata.stderr);
    // Nothing is left beside it.
    let siblings: Vec<_> = std::fs::read_dir(dest.parent().unwrap()).unwrap().collect();
    assert_eq!(siblings.len(), 1);
}

#[test]
fn a_section_crate_brings_common_along() {
    let dest = scratch("threads").join("ex");
    let out = xtask(&["starter", "threads", dest.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(dest.join("common/src/lib.rs").is_file());
    // The crate asked for comes first, then what it depends on (which may
    // be more than `common` as the course grows), whose settings the root
    // manifest holds.
    let root: toml::Table = std::fs::read_to_string(dest.join("Cargo.toml"))
        .unwrap()
        .parse()
        .unwrap();
    let inherited = &root["workspace"]["dependencies"];
    assert_eq!(inherited["common"]["path"].as_str(), Some("common"));
    assert!(
        inherited.get("plotters").is_none(),
        "a dependency of xtask only"
    );
    let members: Vec<&str> = root["workspace"]["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m.as_str().unwrap())
        .collect();
    assert_eq!(members[0], "threads", "{members:?}");
    assert!(members.contains(&"common"), "{members:?}");
}

#[test]
fn a_starter_carries_its_crates_chapter_of_the_book() {
    let dest = scratch("threads-book").join("ex");
    let out = xtask(&["starter", "threads", dest.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    // The pages of threads' topics, at the workspace's paths: their includes
    // (`../../../threads/...`) resolve inside the starter too.
    for page in ["1-concepts/index.md", "1-concepts/gil.md", "rust-first.md"] {
        let copied = dest.join("docs/src").join(page);
        if root.join("docs/src").join(page).is_file() {
            assert!(copied.is_file(), "{page} was not copied");
        }
    }
    // Not the pages of another crate's topics.
    assert!(!dest.join("docs/src/3-threading/semaphore.md").exists());
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
        assert!(err.contains(&format!("unknown crate \"{krate}\"")), "{err}");
        assert!(err.contains("common, threads, sync-primitives, processes, async-basics"));
    }
    assert_eq!(std::fs::read_dir(&parent).unwrap().count(), 0);
}

#[test]
fn bad_arguments_get_usage_and_exit_2() {
    for args in [&[][..], &["starter"], &["starter", "common"], &["build"]] as [&[&str]; 4] {
        let out = xtask(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&out).contains("Usage: cargo xtask"),
            "{}",
            stderr(&out)
        );
    }
}

/// `\xff` alone is no UTF-8: a name a shell can pass, and Rust's `args()` cannot.
#[cfg(unix)]
fn not_utf8(prefix: &str) -> std::ffi::OsString {
    use std::os::unix::ffi::OsStringExt;
    let mut bytes = prefix.as_bytes().to_vec();
    bytes.push(0xff);
    std::ffi::OsString::from_vec(bytes)
}

#[cfg(unix)]
#[test]
fn a_non_utf8_destination_is_fine() {
    let dest = scratch("not-utf8").join(not_utf8("ex-"));
    let run = xtask(&[
        OsStr::new("starter"),
        OsStr::new("common"),
        dest.as_os_str(),
    ]);
    assert!(run.status.success(), "{run:?}");
    assert!(dest.join("common/Cargo.toml").is_file());
}

#[cfg(unix)]
#[test]
fn a_non_utf8_crate_name_is_exit_2_with_a_message() {
    let dest = scratch("not-utf8-crate").join("ex");
    let run = xtask(&[OsStr::new("starter"), &not_utf8("x"), dest.as_os_str()]);
    assert_eq!(run.status.code(), Some(2), "{run:?}");
    assert!(
        run.stderr.contains(r#"unknown crate "x\xFF""#),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert!(!dest.exists());
    // Anywhere else, the same: a message, no panic.
    let run = xtask(&[not_utf8("")]);
    assert_eq!(run.status.code(), Some(2), "{run:?}");
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
}

#[test]
fn a_huge_argument_is_shortened_in_the_error() {
    let parent = scratch("huge");
    let huge = "a".repeat(100_000);
    let dest = parent.join(&huge);
    let cases: [&[&OsStr]; 2] = [
        &[OsStr::new("starter"), OsStr::new(&huge), dest.as_os_str()],
        &[
            OsStr::new("starter"),
            OsStr::new("common"),
            dest.as_os_str(),
        ],
    ];
    for args in cases {
        let run = xtask(args);
        assert_eq!(run.status.code(), Some(2), "{:.300}", run.stderr);
        assert!(
            run.stderr.len() < 700,
            "{} bytes: {:.300}",
            run.stderr.len(),
            run.stderr
        );
        assert!(run.stderr.contains(" bytes)"), "{}", run.stderr);
    }
    assert_eq!(std::fs::read_dir(&parent).unwrap().count(), 0);
}

#[test]
fn a_closed_stdout_ends_quietly() {
    // The reader is gone before xtask writes a byte, as with `| true`.
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let mut command = Command::new(env!("CARGO_BIN_EXE_xtask"));
    command
        .arg("--help")
        .stdin(Stdio::null())
        .stdout(writer)
        .stderr(Stdio::piped());
    let out: Output = within(LIMIT, move || command.output().expect("run xtask"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.is_empty(), "{stderr}");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn the_next_line_quotes_a_path_with_spaces_and_cyrillic_letters() {
    let dest = scratch("quoted").join("мой стартер");
    let out = xtask(&["starter", "common", dest.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let next = out
        .stdout
        .lines()
        .find(|l| l.starts_with("Next: "))
        .unwrap();
    // POSIX shells take single quotes; cmd and PowerShell double ones.
    let q = if cfg!(windows) { '"' } else { '\'' };
    assert_eq!(
        next,
        format!("Next: cd {q}{}{q} && cargo test --offline", dest.display())
    );
}

#[cfg(target_os = "linux")]
#[test]
fn a_refusal_names_the_destination_not_a_staging_directory() {
    // Even root cannot create a directory in /proc.
    let out = xtask(&["starter", "common", "/proc/ex"]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(stderr(&out).contains("/proc/ex"), "{}", stderr(&out));
    assert!(!stderr(&out).contains("starter-"), "{}", stderr(&out));
}

#[test]
fn capturing_an_unknown_topic_is_an_error_that_names_the_valid_ones() {
    let out = xtask(&["book", "--capture", "semaphor"]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(
        stderr(&out).contains("unknown topic \"semaphor\"") && stderr(&out).contains("semaphore"),
        "{}",
        stderr(&out)
    );
}
