//! `common::testing`'s runners: output captured, no input, and a timeout
//! that kills what the command started. (Unix: the commands run are `sh` scripts.)

#![cfg(unix)]

use std::process::Command;
use std::time::Duration;

use common::testing::{ExampleRun, run_bounded};

#[test]
fn captures_both_streams_and_status() {
    let mut sh = Command::new("sh");
    sh.args(["-c", "echo out; echo err >&2; exit 3"]);
    let run = run_bounded(sh, Duration::from_secs(10));
    assert_eq!(run.stdout, "out\n");
    assert_eq!(run.stderr, "err\n");
    assert_eq!(run.status.code(), Some(3));
}

#[test]
#[should_panic(expected = "did not finish within")]
fn a_hanging_command_is_killed() {
    let mut sleeper = Command::new("sleep");
    sleeper.arg("30");
    run_bounded(sleeper, Duration::from_millis(200));
}

fn echo(text: &str) -> ExampleRun {
    let mut sh = Command::new("sh");
    sh.args(["-c", "echo \"$1\"; echo oops >&2", "sh", text]);
    run_bounded(sh, Duration::from_secs(10))
}

#[test]
fn stdout_containing_every_needle_passes_and_chains() {
    let run = echo("alpha beta gamma");
    let same = run.assert_stdout_contains(&["gamma", "alpha", "beta gamma"]);
    assert!(std::ptr::eq(same, &run));
    run.assert_stdout_contains(&[]);
}

#[test]
#[should_panic(
    expected = "stdout does not contain \"delta\"\n--- stdout\nalpha beta\n\n--- stderr\noops\n"
)]
fn a_missing_needle_is_named_with_both_streams() {
    echo("alpha beta").assert_stdout_contains(&["alpha", "delta", "beta"]);
}

#[test]
fn no_stdin_is_given() {
    // `cat` with no input ends at once instead of waiting for a terminal.
    let run = run_bounded(Command::new("cat"), Duration::from_secs(10));
    assert!(run.status.success());
    assert_eq!(run.stdout, "");
}

/// What a run starts is gone after it: on a time-out, and when a grandchild
/// outlives it holding its pipes.
#[cfg(target_os = "linux")]
mod tree {
    use std::os::unix::process::CommandExt;
    use std::process::{Command, Stdio};
    use std::time::Duration;

    use common::testing::{is_running, run_bounded, wait_or_kill, within};

    fn until_gone(pid: u32) {
        within(Duration::from_secs(60), move || {
            while is_running(pid) {
                std::thread::yield_now();
            }
        });
    }

    #[test]
    fn a_timeout_kills_the_group_it_leads() {
        // `sh` starts a `sleep` and waits for it; both must be gone after the kill.
        let mut sh = Command::new("sh")
            .args(["-c", "sleep 30 & echo $!; wait"])
            .stdout(Stdio::piped())
            .process_group(0)
            .spawn()
            .unwrap();
        let mut line = String::new();
        let stdout = sh.stdout.take().unwrap();
        std::io::BufRead::read_line(&mut std::io::BufReader::new(stdout), &mut line).unwrap();
        let grandchild: u32 = line.trim().parse().unwrap();
        assert!(wait_or_kill(&mut sh, Duration::from_millis(100)).is_none());
        until_gone(grandchild);
    }

    #[test]
    fn a_grandchild_holding_the_pipes_neither_spoils_nor_outlives_the_run() {
        // `sh` starts a sleeper that keeps stdout and stderr open, prints its pid, and exits.
        let mut sh = Command::new("sh");
        sh.args(["-c", "sleep 1000 & echo $!"]);
        let run = run_bounded(sh, Duration::from_secs(60));
        run.assert_success();
        until_gone(run.stdout.trim().parse().expect(&run.stdout));
    }
}
