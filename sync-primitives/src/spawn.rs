//! Starting a thread in a scope when the OS may refuse it.
//!
//! `Scope::spawn` panics when the OS has no thread to give (a limit on
//! threads or on memory, `ulimit -u` or `ulimit -v`), and the panic inside a
//! scope leaves the threads already started waiting for ever on whatever they
//! wait for. The lessons that start many threads use [`scoped`] instead: the
//! same call, which ends the run with one line and exit code 0.

use std::thread::{self, Scope, ScopedJoinHandle};

/// `s.spawn(f)`, except that a refusal from the OS ends the program cleanly
/// with one line saying so ([`common::report::refused`]).
///
/// ```
/// let total: u32 = std::thread::scope(|s| {
///     let handles: Vec<_> = (1..=3).map(|i| sync_primitives::spawn::scoped(s, move || i)).collect();
///     handles.into_iter().map(|h| h.join().unwrap()).sum()
/// });
/// assert_eq!(total, 6);
/// ```
pub fn scoped<'scope, T: Send + 'scope>(
    s: &'scope Scope<'scope, '_>,
    f: impl FnOnce() -> T + Send + 'scope,
) -> ScopedJoinHandle<'scope, T> {
    thread::Builder::new()
        .spawn_scoped(s, f)
        .unwrap_or_else(|error| {
            common::report::refused(
                "a new thread",
                &error,
                "the limit on threads or memory is too low here (`ulimit -u`, `ulimit -v`); raise it or close other programs",
            )
        })
}
