//! Test scaffolding, kept out of the lessons: run an example unattended and
//! bounded, shrink its workload under a test, bound a wait, read thread states.
//!
//! Every example in the course must run to completion with no input and in
//! bounded time; each crate proves it with a test that calls [`example`].
//! `cargo test` builds a package's examples next to its test binaries
//! (`target/<profile>/examples/`), so the test runs the real example binary.
//!
//! Tests set [`QUICK_ENV`]; an example picks its workload with
//! [`pick`]`(full, quick)` (a test proves the code path, not the timing).
//!
//! The compile-error tests use [`compares_exact_messages`] to decide whether
//! rustc's whole messages can be compared with the committed ones.

use std::io::Read;
use std::path::PathBuf;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// The environment variable that asks examples for smaller workloads.
pub const QUICK_ENV: &str = "COURSE_QUICK";

/// Whether the example runs under a test that asked for small workloads
/// (`COURSE_QUICK` set to anything but empty or `0`).
///
/// ```
/// // Unset in a plain run.
/// if std::env::var_os(common::testing::QUICK_ENV).is_none() {
///     assert!(!common::testing::quick_mode());
/// }
/// ```
pub fn quick_mode() -> bool {
    std::env::var(QUICK_ENV).is_ok_and(|v| !v.is_empty() && v != "0")
}

/// `full` in a normal run, `quick` under a test (see [`quick_mode`]): the one
/// place where an example's workload shrinks, so lessons carry no
/// `if quick { .. }` branches.
///
/// ```
/// let n: u64 = common::testing::pick(10_000_000, 10_000);
/// assert!(n == 10_000_000 || n == 10_000);
/// ```
pub fn pick<T>(full: T, quick: T) -> T {
    if quick_mode() { quick } else { full }
}

/// How long a test lets one example run before it is killed and the test fails.
pub const EXAMPLE_LIMIT: Duration = Duration::from_secs(120);

/// Runs the example `name` (as [`run_example`], within [`EXAMPLE_LIMIT`]) and
/// fails unless it exits with 0: the one line each crate's `tests/examples.rs`
/// starts with.
///
/// ```no_run
/// let run = common::testing::example("gil");
/// run.assert_stdout_contains(&["Result: 333333283333335000000"]);
/// ```
#[track_caller]
pub fn example(name: &str) -> ExampleRun {
    let run = run_example(name, EXAMPLE_LIMIT);
    run.assert_success();
    run
}

/// Runs `f` on a thread of its own and fails the test if it takes longer than
/// `limit`: a bug that would hang shows up as a failed test, never as a hung run.
/// A panic inside `f` is passed on unchanged.
///
/// ```
/// use std::time::Duration;
/// let four = common::testing::within(Duration::from_secs(10), || 2 + 2);
/// assert_eq!(four, 4);
/// ```
///
/// ```should_panic
/// use std::time::Duration;
/// common::testing::within(Duration::from_millis(50), || loop { std::thread::park() });
/// ```
#[track_caller]
pub fn within<R: Send + 'static>(limit: Duration, f: impl FnOnce() -> R + Send + 'static) -> R {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)));
    });
    match rx.recv_timeout(limit) {
        Ok(Ok(value)) => value,
        Ok(Err(panic)) => std::panic::resume_unwind(panic),
        Err(_) => panic!("hung: no result within {limit:?} (a deadlock or a lost wake-up?)"),
    }
}

/// The one-letter scheduler state (`R` running, `S` sleeping, `Z` zombie, ..)
/// of a task, from a `/proc/.../stat` line `"pid (comm) S ppid ..."`, and the
/// fields after it. The name may hold spaces and parentheses, so the state is
/// found after the *last* `)`.
///
/// ```
/// let (state, rest) = common::testing::parse_stat("42 (my (odd) name) S 1 42").unwrap();
/// assert_eq!(state, 'S');
/// assert_eq!(rest.split(' ').next(), Some("1")); // the parent's pid
/// ```
pub fn parse_stat(stat: &str) -> Option<(char, &str)> {
    let after_name = stat.get(stat.rfind(')')? + 1..)?.trim_start();
    let state = after_name.chars().next()?;
    Some((state, after_name[state.len_utf8()..].trim_start()))
}

/// How many threads named `name` in this process are asleep right now (state
/// `S` in `/proc/self/task/<tid>/stat`; Linux). Tests wait on this to know that
/// a thread is blocked before they act, instead of sleeping. 0 where /proc is missing.
///
/// ```
/// // No thread of that name exists, so none sleeps.
/// assert_eq!(common::testing::sleeping_threads("no such thread"), 0);
/// ```
pub fn sleeping_threads(name: &str) -> usize {
    let Ok(tasks) = std::fs::read_dir("/proc/self/task") else {
        return 0;
    };
    tasks
        .flatten()
        .filter(|task| {
            let comm = std::fs::read_to_string(task.path().join("comm")).unwrap_or_default();
            let stat = std::fs::read_to_string(task.path().join("stat")).unwrap_or_default();
            comm.trim_end() == name && parse_stat(&stat).is_some_and(|(state, _)| state == 'S')
        })
        .count()
}

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

/// The compiler cargo uses: `$RUSTC` if set, else `rustc` on the PATH.
///
/// ```
/// let rustc = common::testing::rustc();
/// assert!(!rustc.is_empty());
/// ```
pub fn rustc() -> std::ffi::OsString {
    std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into())
}

/// The release of [`rustc`]: the "1.95.0" of `rustc --version`'s
/// "rustc 1.95.0 (59807616e 2026-04-14)".
///
/// ```
/// let release = common::testing::rustc_release();
/// assert!(release.starts_with("1."), "{release}");
/// ```
///
/// # Panics
/// If rustc cannot be run, or prints something else.
pub fn rustc_release() -> String {
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

/// Whether `release` ("1.95.0") is a stable release of `rust_version`
/// ("1.95", as in Cargo.toml): same major and minor, any patch, and no
/// "-beta" or "-nightly".
///
/// ```
/// use common::testing::is_release_of;
/// assert!(is_release_of("1.95.0", "1.95"));
/// assert!(is_release_of("1.95.2", "1.95"));
/// assert!(!is_release_of("1.96.0", "1.95"));
/// assert!(!is_release_of("1.9.5", "1.95"));
/// assert!(!is_release_of("1.95.0-nightly", "1.95"));
/// assert!(!is_release_of("1.95.0", "1"));
/// ```
pub fn is_release_of(release: &str, rust_version: &str) -> bool {
    let pinned: Vec<&str> = rust_version.split('.').take(2).collect();
    let ours: Vec<&str> = release.split('.').take(2).collect();
    !release.contains('-') && pinned.len() == 2 && ours == pinned
}

/// Whether a compile-fail test may compare rustc's whole messages with the
/// `.stderr` files committed beside its cases (trybuild's exact comparison):
/// only in CI (`CI` set and not empty) on a stable release of `rust_version`,
/// the workspace's pinned compiler (pass `env!("CARGO_PKG_RUST_VERSION")`).
/// Another rustc may word its messages differently, and trybuild first builds
/// every dev-dependency (minutes, once), so a learner's `cargo test` skips it.
/// `Err` says why not, for the test to print before it skips.
///
/// ```
/// // No rustc is a release of 0.1: never, in CI or not.
/// assert!(common::testing::compares_exact_messages("0.1").is_err());
/// ```
///
/// # Panics
/// In CI, if rustc cannot be run (see [`rustc_release`]).
pub fn compares_exact_messages(rust_version: &str) -> Result<(), String> {
    if std::env::var_os("CI").is_none_or(|ci| ci.is_empty()) {
        return Err("not in CI (CI=1 compares whole messages)".into());
    }
    let release = rustc_release();
    if !is_release_of(&release, rust_version) {
        return Err(format!(
            "rustc {release} is not the workspace's rust-version {rust_version}: \
             its messages may be worded differently"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn a_timeout_kills_the_grandchildren_too() {
        // `sh` starts a `sleep` and waits for it; both must be gone after the kill.
        let mut sh = Command::new("sh")
            .args(["-c", "sleep 30 & echo $!; wait"])
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut line = String::new();
        std::io::BufRead::read_line(
            &mut std::io::BufReader::new(sh.stdout.take().unwrap()),
            &mut line,
        )
        .unwrap();
        let grandchild: u32 = line.trim().parse().unwrap();
        assert!(wait_or_kill(&mut sh, Duration::from_millis(100)).is_none());
        within(Duration::from_secs(10), move || {
            // Gone, or a zombie until init reaps it: either way not running.
            while std::fs::read_to_string(format!("/proc/{grandchild}/stat"))
                .ok()
                .and_then(|stat| parse_stat(&stat).map(|(state, _)| state != 'Z'))
                .unwrap_or(false)
            {
                std::thread::yield_now();
            }
        });
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
}
