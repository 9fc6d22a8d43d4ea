//! The process pools' behaviour, under plain `cargo test` (many test threads
//! fork at once: see the fork-safety notes in the crate docs). One test
//! binary, one file per concern:
//!
//! - `results.rs`: what `map` and `submit` give back (order, sizes, which
//!   processes), and the limits on workers and frames;
//! - `failures.rs`: jobs that panic, exit or abort, workers killed mid-job or
//!   idle, a worker that sends garbage: a broken pool, never a hang;
//! - `deadlock.rs`: the deadlock watch, working and blind;
//! - `lifecycle.rs`: drop and shutdown reap every worker; pools side by side,
//!   from several threads, and outliving the thread that made them;
//! - `minimal.rs`: the minimal pool, `processes::pool::minimal`.
//!
//! Every wait is bounded (`common::testing::within`, or [`wait_until`]), so a
//! bug shows up as a failed test, never as a hung test run.
//!
//! The pools fork: Linux and macOS. The deadlock watch reads `/proc`: its
//! tests are Linux's.
#![cfg(unix)]

#[cfg(target_os = "linux")]
mod deadlock;
mod failures;
mod lifecycle;
mod minimal;
mod results;

use std::time::{Duration, Instant};

use nix::errno::Errno;
use nix::sys::wait::{WaitPidFlag, waitpid};
use nix::unistd::Pid;
use processes::PoolError;

/// How long any one wait in these tests may take before the test fails.
const LIMIT: Duration = Duration::from_secs(60);

/// Waits, at most [`LIMIT`], until `condition` holds. For conditions on a
/// value the test still needs afterwards (a pool it goes on using), which
/// `within` would have to take and give back.
#[track_caller]
fn wait_until(what: &str, mut condition: impl FnMut() -> bool) {
    let deadline = Instant::now() + LIMIT;
    while !condition() {
        assert!(Instant::now() < deadline, "gave up waiting for {what}");
        std::thread::yield_now();
    }
}

/// A worker pid is gone: not our child any more (reaped), and no zombie.
#[track_caller]
fn assert_reaped(pid: u32) {
    let pid = Pid::from_raw(pid as i32);
    assert_eq!(
        waitpid(pid, Some(WaitPidFlag::WNOHANG)),
        Err(Errno::ECHILD),
        "worker {pid} is still a child of this process (running or zombie)"
    );
    // If the number was reused already, it is someone else's process.
    // (Linux only: elsewhere there is no /proc to read, and waitpid's answer
    // above is the check.)
    if let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        let (_state, rest) = common::testing::parse_stat(&stat).expect("a stat line");
        let ppid: u32 = rest.split(' ').next().unwrap().parse().unwrap();
        assert_ne!(
            ppid,
            std::process::id(),
            "worker {pid} still has us as parent"
        );
    }
}

/// The reason of a `BrokenPool` error; any other outcome fails the test.
#[track_caller]
fn broken_pool_reason<T: std::fmt::Debug>(outcome: Result<T, PoolError>) -> String {
    match outcome {
        Err(PoolError::BrokenPool { reason }) => reason,
        other => panic!("expected BrokenPool, got {other:?}"),
    }
}

fn square(x: u64) -> u64 {
    x * x
}

fn pid_of_worker(_: ()) -> u32 {
    std::process::id()
}
