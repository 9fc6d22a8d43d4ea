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

use std::sync::mpsc;
use std::time::Duration;

mod procfs;
mod run;
mod rustc;

pub use procfs::{is_running, parse_stat, sleeping_threads};
pub use run::{ExampleRun, example_path, run_bounded, run_example, wait_or_kill};
pub use rustc::{compares_exact_messages, is_release_of, rustc, rustc_release};

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
