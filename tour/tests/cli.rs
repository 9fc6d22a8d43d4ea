//! The tour as a learner meets it: arguments, errors, exit codes, and a real
//! run over fixture topics.

use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

use common::testing::{ExampleRun, run_bounded};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn tour(args: &[&str]) -> ExampleRun {
    let mut command = Command::new(env!("CARGO_BIN_EXE_tour"));
    command.args(args);
    run_bounded(command, Duration::from_secs(600))
}

#[test]
fn empty_manifest_says_so_and_succeeds() {
    let topics = fixture("empty.toml");
    let run = tour(&["--topics", topics.to_str().unwrap()]);
    assert!(run.status.success(), "{run:?}");
    assert!(run.stdout.starts_with("No topics yet"), "{}", run.stdout);
    let run = tour(&["--topics", topics.to_str().unwrap(), "--list"]);
    assert!(run.status.success());
    assert!(run.stdout.starts_with("No topics yet"));
}

#[test]
fn list_prints_every_topic_with_its_command() {
    let topics = fixture("ok_and_fail.toml");
    let run = tour(&["--topics", topics.to_str().unwrap(), "--list"]);
    assert!(run.status.success(), "{run:?}");
    run.assert_stdout_contains(&[
        "| 9.1     | A failing fixture | cargo run --release --example tour_fixture_fail |",
        "cargo run --release --example tour_fixture_ok",
    ]);
    // --list with a selector lists only the selection.
    let run = tour(&["--topics", topics.to_str().unwrap(), "--list", "9.2"]);
    assert!(!run.stdout.contains("tour_fixture_fail"), "{}", run.stdout);
}

#[test]
fn unknown_topic_is_exit_2_with_the_valid_ones() {
    let topics = fixture("ok_and_fail.toml");
    let run = tour(&["--topics", topics.to_str().unwrap(), "no_such_topic"]);
    assert_eq!(run.status.code(), Some(2));
    assert!(
        run.stderr.contains("unknown topic no_such_topic"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("Valid sections: 9, 9.1, 9.2."),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("tour_fixture_fail, tour_fixture_ok"));
}

#[test]
fn bad_options_and_files_are_exit_2() {
    assert_eq!(tour(&["--bogus"]).status.code(), Some(2));
    assert_eq!(tour(&["--topics"]).status.code(), Some(2));
    let run = tour(&["--topics", "/nonexistent/topics.toml"]);
    assert_eq!(run.status.code(), Some(2));
    assert!(run.stderr.contains("cannot read /nonexistent/topics.toml"));
    assert!(tour(&["--help"]).stdout.starts_with("usage:"));
}

#[test]
fn real_manifest_lists_and_rejects_unknown() {
    let run = tour(&["--list"]);
    assert!(run.status.success(), "{run:?}");
    assert_eq!(tour(&["surely_not_a_topic"]).status.code(), Some(2));
}

/// Runs the tour for real over two fixture examples (built by the tour with
/// cargo, in a target dir of its own so it never waits on this test's build).
#[test]
fn a_failing_topic_is_reported_and_the_tour_goes_on() {
    let topics = fixture("ok_and_fail.toml");
    let target = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("tour-fixture");
    let mut command = Command::new(env!("CARGO_BIN_EXE_tour"));
    command
        .args(["--topics", topics.to_str().unwrap()])
        .env("CARGO_TARGET_DIR", &target);
    let run = run_bounded(command, Duration::from_secs(900));
    assert_eq!(run.status.code(), Some(1), "{run:?}");
    let out = &run.stdout;
    let fail = out.find("fixture fail is about to fail").expect(out);
    let ok = out.find("fixture ok says hello").expect(out);
    assert!(fail < ok, "notebook order kept:\n{out}");
    run.assert_stdout_contains(&[
        "9.1  A failing fixture   [1/2]",
        "    cargo run --release --example tour_fixture_fail\n",
        "FAILED: tour_fixture_fail: exited with exit status: 3",
        "ok: tour_fixture_ok (",
        "Summary: 2 topic(s) run, 1 failed",
    ]);
}
