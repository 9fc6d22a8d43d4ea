//! Test scaffolding, kept out of the lessons: run an example unattended and
//! bounded, bound a wait, read thread states.
//!
//! Every example in the course must run to completion with no input and in
//! bounded time; each crate proves it with a test that calls [`example`].
//! `cargo test` builds a package's examples next to its test binaries
//! (`target/<profile>/examples/`), so the test runs the real example binary.

use std::sync::mpsc;
use std::time::Duration;

mod procfs;
mod run;
mod rustc;

pub use procfs::{is_running, parse_stat, sleeping_threads};
pub use run::{ExampleRun, example_path, run_bounded, wait_or_kill};
pub use rustc::{compares_exact_messages, rustc};

/// How long a test lets one example run before it is killed and the test fails.
pub const EXAMPLE_LIMIT: Duration = Duration::from_secs(120);

/// Runs the example `name` with no arguments and no input, within
/// [`EXAMPLE_LIMIT`], and fails unless it exits with 0: the one line each
/// crate's `tests/examples.rs` starts with.
///
/// ```no_run
/// let run = common::testing::example("gil");
/// run.assert_stdout_contains(&["Result: 333333283333335000000"]);
/// ```
#[track_caller]
pub fn example(name: &str) -> ExampleRun {
    let run = run_bounded(
        std::process::Command::new(example_path(name)),
        EXAMPLE_LIMIT,
    );
    run.assert_success();
    run
}

/// Runs `f` on a thread of its own and fails the test if it takes longer than
/// `limit`: a bug that would hang shows up as a failed test, never as a hung
/// run. A panic inside `f` is passed on unchanged.
///
/// ```should_panic
/// use std::time::Duration;
/// assert_eq!(common::testing::within(Duration::from_secs(10), || 2 + 2), 4);
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
