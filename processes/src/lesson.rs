//! What every example of this crate does around its cells: when the OS
//! refuses a process, a thread, a descriptor or memory, the example says so
//! in one line and exits 0, at once (a limit of this machine, not a failure
//! of the lesson); any other error is printed as one line, exit code 1.
//!
//! On Windows, which has no `fork`, an example of this crate that forks
//! first ends with one line that says so ([`require_fork`]).
//!
//! ```no_run
//! fn main() -> std::process::ExitCode {
//!     processes::lesson::require_fork(); // Windows: one line, exit 0
//!     processes::lesson::run(|| {
//!         // the cells, each returning a Result
//!         Ok::<(), std::io::Error>(())
//!     })
//! }
//! ```

use std::error::Error;
use std::io;
use std::process::ExitCode;

/// What the examples of section 4 need, on an OS without it.
pub const NEEDS: &str = "fork(2), which Windows does not have";
/// Where to run them instead.
pub const INSTEAD: &str = "run it on Linux or macOS (on Windows: WSL, or the dev container)";

/// Ends an example at once, with one line and exit code 0, on an OS without
/// `fork(2)` (Windows); does nothing where `fork` exists. The first line of
/// every example of section 4 that forks.
pub fn require_fork() {
    if !cfg!(unix) {
        common::report::cannot_run(NEEDS, INSTEAD);
    }
}

/// Runs an example's `cells` and ends the way the module docs say.
pub fn run<E: Into<Box<dyn Error>>>(cells: impl FnOnce() -> Result<(), E>) -> ExitCode {
    let error: Box<dyn Error> = match cells() {
        Ok(()) => return ExitCode::SUCCESS,
        Err(error) => error.into(),
    };
    if let Some((what, hint)) = refusal(&*error) {
        common::report::refused(what, &error, hint);
    }
    eprintln!("Error: {error}");
    ExitCode::FAILURE
}

/// What the OS refused, and the limit to raise, if `error` (or what caused
/// it) is such a refusal.
fn refusal(error: &(dyn Error + 'static)) -> Option<(&'static str, &'static str)> {
    let mut next = Some(error);
    while let Some(error) = next {
        if let Some(error) = error.downcast_ref::<io::Error>() {
            return refused_by_limit(error);
        }
        next = error.source();
    }
    None
}

fn refused_by_limit(error: &io::Error) -> Option<(&'static str, &'static str)> {
    match error.kind() {
        // EAGAIN from fork(2) or pthread_create(3).
        io::ErrorKind::WouldBlock => Some(("a new process or thread", "raise `ulimit -u`")),
        io::ErrorKind::OutOfMemory => Some(("memory", "raise `ulimit -v`")),
        _ if is_out_of_descriptors(error) => Some(("a file descriptor", "raise `ulimit -n`")),
        _ => None,
    }
}

#[cfg(unix)]
fn is_out_of_descriptors(error: &io::Error) -> bool {
    use nix::libc::{EMFILE, ENFILE};
    matches!(error.raw_os_error(), Some(EMFILE | ENFILE))
}

#[cfg(not(unix))]
fn is_out_of_descriptors(error: &io::Error) -> bool {
    // ERROR_TOO_MANY_OPEN_FILES
    error.raw_os_error() == Some(4)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_are_found_through_the_error_chain() {
        let again = io::Error::from(io::ErrorKind::WouldBlock);
        let pool = crate::PoolError::Io(again);
        assert_eq!(refusal(&pool).map(|r| r.1), Some("raise `ulimit -u`"));
        let other = crate::PoolError::InvalidWorkers;
        assert_eq!(refusal(&other), None);
    }
}
