//! What the managers tell the pool about its workers: whether one died (the
//! pool is broken), and whether the deadlock watch can see.

use std::sync::Mutex;

use super::lock;

/// State the manager threads share with the pool.
#[derive(Debug, Default)]
pub(super) struct Status {
    /// Why the pool broke, once a worker died.
    broken: Mutex<Option<String>>,
    /// Why the deadlock watch cannot work, once it found out.
    watch_unavailable: Mutex<Option<String>>,
}

impl Status {
    pub(super) fn broken(&self) -> Option<String> {
        lock(&self.broken).clone()
    }

    /// Records the first reason only: later deaths follow from it.
    pub(super) fn set_broken(&self, reason: &str) {
        lock(&self.broken).get_or_insert_with(|| reason.to_owned());
    }

    pub(super) fn watch_unavailable(&self) -> Option<String> {
        lock(&self.watch_unavailable).clone()
    }

    pub(super) fn set_watch_unavailable(&self, why: String) {
        lock(&self.watch_unavailable).get_or_insert(why);
    }
}
