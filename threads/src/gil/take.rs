//! `Gil::take`, CPython's `take_gil`: how a thread waits for the [`Gil`].
//!
//! The waiter sleeps on the `released` condition variable for at most one
//! switch interval at a time. Every wake-up, whether a release woke it or the
//! interval ran out, is only a hint: another thread may have taken the GIL
//! first, or still hold it. So the waiter checks again, in a loop, before it
//! takes the GIL (Python: `with cond: while not predicate: cond.wait(timeout)`).

use std::sync::atomic::Ordering;
use std::thread;

use super::Gil;

impl Gil {
    /// Waits until the GIL is free, then takes it for the calling thread.
    /// After a whole interval in which nobody took it, asks the holder to
    /// drop it (the drop request of rule 1 in the module docs).
    pub(super) fn take(&self) {
        let me = thread::current().id();
        let mut state = self.state.lock();
        assert!(
            state.holder != Some(me),
            "this thread already holds the GIL: acquiring it again would wait forever"
        );
        // ANCHOR: solution_gil_wait
        while state.holder.is_some() {
            let seen = state.stats.acquisitions;
            let waited = self.released.wait_for(&mut state, self.interval);
            // A whole interval passed and nobody took the GIL meanwhile:
            // ask the holder to let go at its next check.
            if waited.timed_out()
                && state.holder.is_some()
                && state.stats.acquisitions == seen
                && !self.drop_request.swap(true, Ordering::Relaxed)
            {
                state.stats.drop_requests += 1;
            }
        }
        // ANCHOR_END: solution_gil_wait
        state.holder = Some(me);
        state.stats.acquisitions += 1;
        // Whoever asked, the GIL has changed hands: the request is served.
        self.drop_request.store(false, Ordering::Relaxed);
        self.taken.notify_all();
    }
}

// ANCHOR: omit_gil_wait
/// The buggy start of exercise `gil_wait` (exercises.toml); the starter puts it in place of the solution.
#[allow(dead_code)]
mod gil_wait_bug {
    use super::*;

    impl Gil {
        fn take_with_the_bug(&self) {
            let mut state = self.state.lock();
            // ANCHOR: bug_gil_wait
            if state.holder.is_some() {
                let seen = state.stats.acquisitions;
                let waited = self.released.wait_for(&mut state, self.interval);
                // A whole interval passed and nobody took the GIL meanwhile:
                // ask the holder to let go at its next check.
                if waited.timed_out()
                    && state.holder.is_some()
                    && state.stats.acquisitions == seen
                    && !self.drop_request.swap(true, Ordering::Relaxed)
                {
                    state.stats.drop_requests += 1;
                }
            }
            // ANCHOR_END: bug_gil_wait
            state.holder = Some(thread::current().id());
        }
    }
}
// ANCHOR_END: omit_gil_wait
