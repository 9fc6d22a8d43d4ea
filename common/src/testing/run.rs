//! Running an example or a command from a test: no input, output captured,
//! and killed with everything it started if it outlives its time.

use std::path::PathBuf;
use std::process::{Child, Command, ExitStatus};
use std::time::{Duration, Instant};

use super::QUICK_ENV;
use crate::process::{self, Ending};

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
/// with everything it started if it outlives `timeout` ([`crate::process`]).
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
pub fn run_bounded(command: Command, timeout: Duration) -> ExampleRun {
    let shown = format!("{command:?}");
    let run = process::run(command, timeout).unwrap_or_else(|e| panic!("cannot run {shown}: {e}"));
    if let Ending::TimedOut(_) = run.ending {
        panic!(
            "{shown} did not finish within {timeout:?}\n--- stdout\n{}\n--- stderr\n{}",
            run.stdout, run.stderr
        );
    }
    ExampleRun {
        status: run.status,
        stdout: run.stdout,
        stderr: run.stderr,
        elapsed: run.elapsed,
    }
}

/// Waits for `child`, started elsewhere, at most `timeout`. On time it
/// returns its exit status; past it, it kills the child (and on Unix its
/// process group, if it leads one), reaps it, and returns `None`. A child
/// started with [`crate::process::spawn`] has its whole tree killed instead.
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
    let deadline = Instant::now() + timeout;
    let mut pause = Duration::from_millis(1);
    while Instant::now() < deadline {
        if let Some(status) = child.try_wait().expect("wait for the child") {
            return Some(status);
        }
        std::thread::sleep(pause.min(deadline.saturating_duration_since(Instant::now())));
        pause = (pause * 2).min(Duration::from_millis(50));
    }
    #[cfg(unix)]
    {
        use nix::sys::signal::{Signal, killpg};
        // ESRCH when it leads no group of its own.
        let _ = killpg(
            nix::unistd::Pid::from_raw(child.id() as i32),
            Signal::SIGKILL,
        );
    }
    let _ = child.kill();
    let _ = child.wait();
    None
}
