//! Running an example or a command from a test: no input, output captured,
//! and killed with everything it started if it outlives its time.

use std::path::PathBuf;
use std::process::{Child, Command, ExitStatus};
use std::time::{Duration, Instant};

use crate::process::{self, Ending};

/// What a finished example printed, and how it ended.
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
    /// anywhere, in any order), naming the first missing one and showing
    /// both streams. Returns `self`, so calls chain.
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

/// Runs `command` with no standard input, capturing its output, and kills it
/// with everything it started if it outlives `timeout` ([`crate::process`]).
///
/// ```
/// use std::process::Command;
/// use std::time::Duration;
/// let mut echo = Command::new("echo");
/// echo.arg("hi");
/// let run = common::testing::run_bounded(echo, Duration::from_secs(10));
/// assert_eq!(run.assert_success().stdout, "hi\n");
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
/// process group, if it leads one), reaps it, and returns `None`.
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
