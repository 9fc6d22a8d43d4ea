//! `common::process`: how a child ended, its output as it comes, and its
//! whole tree gone when its time is up, when it ends, or when it is dropped.
//! (Unix: the commands run are `sh` scripts.)

#![cfg(unix)]

use std::process::Command;
use std::time::Duration;

use common::process::{self, Ending, Output};

fn sh(script: &str) -> Command {
    let mut sh = Command::new("sh");
    sh.args(["-c", script]);
    sh
}

#[test]
fn an_exit_and_a_signal_are_told_apart() {
    let exited = process::run(
        sh("echo out; echo err >&2; exit 3"),
        Duration::from_secs(60),
    );
    let exited = exited.unwrap();
    assert_eq!(exited.ending, Ending::Exited(3));
    assert_eq!(
        (exited.stdout.as_str(), exited.stderr.as_str()),
        ("out\n", "err\n")
    );
    assert!(!exited.success());
    let signalled = process::run(sh("kill -9 $$"), Duration::from_secs(60)).unwrap();
    assert_eq!(signalled.ending, Ending::Signalled(9));
    assert_eq!(signalled.ending.to_string(), "killed by signal 9");
    let fine = process::run(Command::new("true"), Duration::from_secs(60)).unwrap();
    assert!(fine.success());
}

#[test]
fn lines_come_one_by_one_and_stay_in_the_output() {
    let mut child = process::spawn(
        sh("echo one; echo two"),
        Duration::from_secs(60),
        Output::Capture,
    )
    .unwrap();
    let lines: Vec<String> = child.stdout_lines().collect();
    assert_eq!(lines, ["one\n", "two\n"]);
    assert_eq!(child.wait().unwrap().stdout, "one\ntwo\n");
}

#[test]
fn output_without_a_last_newline_is_kept() {
    let run = process::run(sh("printf 'no newline'"), Duration::from_secs(60)).unwrap();
    assert_eq!(run.stdout, "no newline");
}

/// Waits until `pid` is gone, or a zombie until init reaps it.
#[cfg(target_os = "linux")]
fn until_gone(pid: u32) {
    common::testing::within(Duration::from_secs(60), move || {
        while common::testing::is_running(pid) {
            std::thread::yield_now();
        }
    });
}

/// The pids of running processes whose command line holds `marker`.
#[cfg(target_os = "linux")]
fn running_with(marker: &str) -> Vec<u32> {
    let entries = std::fs::read_dir("/proc").unwrap().flatten();
    let pids = entries.filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok());
    let with = |pid: &u32| {
        let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
        String::from_utf8_lossy(&cmdline).contains(marker) && common::testing::is_running(*pid)
    };
    pids.filter(with).collect()
}

#[cfg(target_os = "linux")]
#[test]
fn a_time_out_kills_the_whole_tree() {
    // A sleeper only this test starts (if `sh` gets that far before the limit).
    let marker = format!("1000.{}", std::process::id());
    let limit = Duration::from_millis(300);
    let run = process::run(sh(&format!("sleep {marker} & wait")), limit).unwrap();
    assert_eq!(run.ending, Ending::TimedOut(limit));
    assert!(
        run.ending.to_string().starts_with("stopped after"),
        "{}",
        run.ending
    );
    assert_eq!(
        running_with(&marker),
        [0u32; 0],
        "the sleeper outlived the time-out"
    );
}

#[cfg(target_os = "linux")]
#[test]
fn a_dropped_child_is_killed_with_its_tree() {
    let mut child = process::spawn(
        sh("sleep 1000 & echo $!; wait"),
        Duration::MAX,
        Output::Capture,
    )
    .unwrap();
    let sleeper = child.stdout_lines().next().expect("the sleeper's pid");
    let shell = child.id();
    drop(child);
    until_gone(shell);
    until_gone(sleeper.trim().parse().unwrap());
}
