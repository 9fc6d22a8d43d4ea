//! Every live child's tree, so that stopping us stops them first.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Mutex, Once, PoisonError};

use super::tree::Killer;

static LIVE: Mutex<Vec<(u64, Killer)>> = Mutex::new(Vec::new());
static STOPPING: AtomicBool = AtomicBool::new(false);
static NEXT: AtomicU64 = AtomicU64::new(0);

/// Sets the signal handler, once: called before the first child starts,
/// so that a signal can never find a child that no handler will stop.
pub(super) fn handle_signals() {
    static HANDLER: Once = Once::new();
    HANDLER.call_once(|| {
        // `set_handler`, not `try_set_handler`: the latter gives up when a
        // signal is ignored, as `nohup` or a CI runner leaves SIGHUP, and
        // then SIGTERM would kill us and leave the children running. An
        // error means this program already set a handler of its own.
        let _ = ctrlc::set_handler(|| {
            stop_all();
            std::process::exit(130);
        });
    });
}

/// Adds a tree.
pub(super) fn add(killer: Killer) -> u64 {
    let id = NEXT.fetch_add(1, Ordering::Relaxed);
    let mut live = LIVE.lock().unwrap_or_else(PoisonError::into_inner);
    // A child started while `stop_all` ran (it set the flag before it took
    // the lock) would be missed by it: this one is killed here instead.
    if STOPPING.load(Ordering::SeqCst) {
        killer.kill();
    }
    live.push((id, killer));
    id
}

pub(super) fn remove(id: u64) {
    let mut live = LIVE.lock().unwrap_or_else(PoisonError::into_inner);
    live.retain(|(i, _)| *i != id);
}

/// Whether [`stop_all`] has run: the program is about to exit.
pub(super) fn stopping() -> bool {
    STOPPING.load(Ordering::SeqCst)
}

/// Kills every live child's tree, and any started from now on: for a
/// program about to exit (`std::process::exit` runs no destructors).
pub fn stop_all() {
    STOPPING.store(true, Ordering::SeqCst);
    let live = LIVE.lock().unwrap_or_else(PoisonError::into_inner);
    for (_, killer) in live.iter() {
        killer.kill();
    }
}
