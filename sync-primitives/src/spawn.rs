//! Starting a thread in a scope when the OS may refuse it.
//!
//! `Scope::spawn` panics when the OS has no thread to give (a limit on
//! threads or on memory, `ulimit -u` or `ulimit -v`), and the panic inside a
//! scope leaves the threads already started waiting for ever on whatever they
//! wait for. The lessons use [`scoped`] instead, the same call, which ends
//! the run with one line and exit code 0; and [`named`] where a thread's name
//! matters (a timeline's row, a deadlock report).

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
    start(thread::Builder::new().spawn_scoped(s, f))
}

/// As [`scoped`], for a thread called `name` (its row in a timeline, its
/// name in a panic message or a debugger).
///
/// ```
/// let name = std::thread::scope(|s| {
///     let h = sync_primitives::spawn::named(s, "worker 1", || std::thread::current().name().map(String::from));
///     h.join().unwrap()
/// });
/// assert_eq!(name.as_deref(), Some("worker 1"));
/// ```
pub fn named<'scope, T: Send + 'scope>(
    s: &'scope Scope<'scope, '_>,
    name: impl Into<String>,
    f: impl FnOnce() -> T + Send + 'scope,
) -> ScopedJoinHandle<'scope, T> {
    start(thread::Builder::new().name(name.into()).spawn_scoped(s, f))
}

/// The thread, or the one line that ends the run.
fn start<H>(spawned: std::io::Result<H>) -> H {
    spawned.unwrap_or_else(|error| {
        common::report::refused(
            "a new thread",
            &error,
            "the limit on threads or memory is too low here (`ulimit -u`, `ulimit -v`); raise it or close other programs",
        )
    })
}
