//! [`Probe`]: how many threads are inside a section of code at once.
//!
//! "One thread at a time" is a claim about every instant of a run; timing
//! cannot prove it, a counter can. Code run through [`Probe::inside`] counts
//! itself in and out, and [`Probe::most`] says how many were ever inside
//! together.

use std::sync::atomic::{AtomicUsize, Ordering};

// ANCHOR: probe
/// Counts how many threads are inside a section now, and the most ever.
#[derive(Debug, Default)]
pub struct Probe {
    now: AtomicUsize,
    most: AtomicUsize,
}

impl Probe {
    /// Runs `f` counted as inside.
    pub fn inside<R>(&self, f: impl FnOnce() -> R) -> R {
        // Relaxed is enough: the read-modify-writes of one atomic form a single
        // order, so each fetch_add counts every earlier one, and nothing else is
        // published through these counters (memory ordering: see the 3.7
        // memory_ordering topic). `most` is read after the threads are joined.
        let now = self.now.fetch_add(1, Ordering::Relaxed) + 1;
        self.most.fetch_max(now, Ordering::Relaxed);
        let result = f();
        self.now.fetch_sub(1, Ordering::Relaxed);
        result
    }

    /// The most threads that were ever inside at once.
    pub fn most(&self) -> usize {
        self.most.load(Ordering::Relaxed)
    }
}
// ANCHOR_END: probe

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_sections_count_twice_and_leave_zero() {
        let probe = Probe::default();
        probe.inside(|| probe.inside(|| ()));
        assert_eq!(probe.most(), 2);
        assert_eq!(probe.now.load(Ordering::Relaxed), 0);
    }
}
