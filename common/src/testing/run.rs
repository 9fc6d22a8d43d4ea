//! Running an example or a command from a test: no input, output captured,
//! and killed with everything it started if it outlives its time.

use std::io::Read;
use std::path::PathBuf;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use super::{QUICK_ENV, parse_stat};

/// What a finished example printed, and how it ended.
///
/// ```
/// use std::process::Command;
/// use std::time::Duration;
/// let run = common::testing::run_bounded(Command::new("true"), Duration::from_secs(10));
/// run.assert_success();
/// assert!(run.stdout.is_empty() && run.stderr.is_empty());
/// ```
#[derive(Debug)]
pub struct ExampleRun {
    /// Exit status of the example process.
    pub status: ExitStatus,
    /// Everything it wrote to standard output.
    pub stdout: String,
    /// Everything it wrote to standard error.
    pub stderr: String,
    /// How long it ran.
    pub elapsed: Duration,
}

impl ExampleRun {
    /// Panics with the captured output unless the example exited with 0.
    ///
    /// ```should_panic
    /// use std::process::Command;
    /// use std::time::Duration;
    /// common::testing::run_bounded(Command::new("false"), Duration::from_secs(10)).assert_success();
    /// ```
    pub fn assert_success(&self) -> &Self {
        assert!(
            self.status.success(),
            "example failed with {}\n--- stdout\n{}\n--- stderr\n{}",
            self.status,
            self.stdout,
            self.stderr
        );
        self
    }

    /// Panics unless standard output contains every one of `needles` (each
    /// anywhere, in any order); the message names the first missing needle and
    /// shows the whole stdout and stderr. Returns `self`, so calls chain.
    ///
    /// ```
    /// use std::process::Command;
    /// use std::time::Duration;
    /// let mut echo = Command::new("echo");
    /// echo.arg("shared_counter = 1000");
    /// common::testing::run_bounded(echo, Duration::from_secs(10))
    ///     .assert_success()
    ///     .assert_stdout_contains(&["shared_counter", "= 1000"]);
    /// ```
    ///
    /// # Panics
    /// If any needle is not a substring of [`ExampleRun::stdout`].
    #[track_caller]
    pub fn assert_stdout_contains(&self, needles: &[&str]) -> &Self {
        for needle in needles {
            assert!(
                self.stdout.contains(needle),
                "stdout does not contain {needle:?}\n--- stdout\n{}\n--- stderr\n{}",
                self.stdout,
                self.stderr
            );
        }
        self
    }
}

/// Where `cargo test` put the example `name`: `target/<profile>/examples/name`,
/// found from the running test binary's own path (`target/<profile>/deps/..`).
///
/// ```no_run
/// // In a crate's tests/examples.rs, after `cargo test` built its examples:
/// let path = common::testing::example_path("gil");
/// assert!(path.ends_with("examples/gil"));
/// ```
///
/// # Panics
/// If the binary is not there (run the crate's whole test suite, which builds
/// its examples, or `cargo build --examples` first).
pub fn example_path(name: &str) -> PathBuf {
    let exe = std::env::current_exe().expect("path of the test binary");
    let profile_dir = exe
        .parent()
        .and_then(|deps| deps.parent())
        .expect("test binary in target/<profile>/deps");
    let path = profile_dir.join("examples").join(name);
    assert!(
        path.is_file(),
        "example binary {} not found: run the crate's full `cargo test` (it builds the examples) or `cargo build --examples`",
        path.display()
    );
    path
}

/// Runs the example `name` with no arguments, in quick mode, and no input.
///
/// ```no_run
/// // In a crate's tests/examples.rs (a doctest has no example binaries):
/// use std::time::Duration;
/// let run = common::testing::run_example("gil", Duration::from_secs(60));
/// run.assert_success();
/// assert!(run.stdout.starts_with("Result: 333333283333335000000\n"));
/// ```
///
/// # Panics
/// If it does not finish within `timeout` (it is killed first, with its
/// children), or if it cannot be started.
pub fn run_example(name: &str, timeout: Duration) -> ExampleRun {
    let mut command = Command::new(example_path(name));
    command.env(QUICK_ENV, "1");
    run_bounded(command, timeout)
}

/// Runs `command` with no standard input, capturing its output, and kills it
/// (with its whole process group) if it outlives `timeout`.
///
/// ```
/// use std::process::Command;
/// use std::time::Duration;
/// let mut echo = Command::new("echo");
/// echo.arg("hi");
/// let run = common::testing::run_bounded(echo, Duration::from_secs(10));
/// assert_eq!(run.stdout, "hi\n");
/// ```
///
/// # Panics
/// On timeout (with whatever output was captured) or if it cannot start.
pub fn run_bounded(mut command: Command, timeout: Duration) -> ExampleRun {
    use std::os::unix::process::CommandExt;

    let started = Instant::now();
    // A process group of its own, so a timeout can stop forked children too.
    command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0);
    let mut child = command
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {command:?}: {e}"));
    let stdout = drain(child.stdout.take().expect("piped stdout"));
    let stderr = drain(child.stderr.take().expect("piped stderr"));
    let Some(status) = wait_or_kill(&mut child, timeout) else {
        panic!(
            "{command:?} did not finish within {timeout:?}\n--- stdout\n{}\n--- stderr\n{}",
            collect(stdout),
            collect(stderr)
        );
    };
    ExampleRun {
        status,
        stdout: collect(stdout),
        stderr: collect(stderr),
        elapsed: started.elapsed(),
    }
}

/// Waits for `child` at most `timeout`. On time it returns its exit status;
/// past it, it kills the child and everything it started (its process
/// group, if it leads one, and its descendants), reaps it, and returns `None`.
///
/// ```
/// use std::process::Command;
/// use std::time::Duration;
/// let mut sleeper = Command::new("sleep").arg("30").spawn().unwrap();
/// assert!(common::testing::wait_or_kill(&mut sleeper, Duration::from_millis(50)).is_none());
/// let mut quick = Command::new("true").spawn().unwrap();
/// let status = common::testing::wait_or_kill(&mut quick, Duration::from_secs(10));
/// assert!(status.unwrap().success());
/// ```
///
/// # Panics
/// If the child cannot be waited for (it was reaped elsewhere).
pub fn wait_or_kill(child: &mut Child, timeout: Duration) -> Option<ExitStatus> {
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("wait for the child") {
            return Some(status);
        }
        if started.elapsed() > timeout {
            kill_tree(child.id());
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// SIGKILLs the descendants of `pid` (found through each process's parent in
/// `/proc/<pid>/stat`) and, when `pid` leads a process group, that group.
fn kill_tree(pid: u32) {
    let mut victims = vec![pid.to_string()];
    let mut parents = vec![pid];
    while let Some(parent) = parents.pop() {
        for child in children_of(parent) {
            victims.push(child.to_string());
            parents.push(child);
        }
    }
    let leads_group = std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .ok()
        .and_then(|stat| {
            let (_, rest) = parse_stat(&stat)?;
            rest.split(' ').nth(1)?.parse::<u32>().ok() // ppid, then pgrp
        })
        == Some(pid);
    if leads_group {
        victims.push(format!("-{pid}"));
    }
    let _ = Command::new("kill")
        .arg("-KILL")
        .arg("--")
        .args(&victims)
        .stderr(Stdio::null())
        .status();
}

/// The pids whose parent is `pid`, from `/proc` (none where it is missing).
fn children_of(pid: u32) -> Vec<u32> {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter_map(|entry| entry.file_name().to_str()?.parse::<u32>().ok())
        .filter(|&candidate| {
            std::fs::read_to_string(format!("/proc/{candidate}/stat"))
                .ok()
                .and_then(|stat| parse_stat(&stat)?.1.split(' ').next()?.parse::<u32>().ok())
                == Some(pid)
        })
        .collect()
}

/// Reads a pipe to its end on a thread of its own, so a chatty child never
/// blocks on a full pipe while we wait for it.
fn drain(mut pipe: impl Read + Send + 'static) -> mpsc::Receiver<String> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = pipe.read_to_end(&mut bytes);
        let _ = tx.send(String::from_utf8_lossy(&bytes).into_owned());
    });
    rx
}

/// The drained text; a pipe still held open by a leftover grandchild is given
/// up after a few seconds rather than waited on forever.
fn collect(rx: mpsc::Receiver<String>) -> String {
    rx.recv_timeout(Duration::from_secs(5))
        .unwrap_or_else(|_| String::from("<output not closed: a child process kept the pipe open>"))
}
