//! `common::process::stop_all`, in a test binary of its own: it marks the
//! whole process as stopping, for good.

#![cfg(unix)]

use std::process::Command;
use std::sync::mpsc;
use std::time::Duration;

use common::process::{self, Output};

/// A thread waiting for a child that `stop_all` kills never returns from
/// `wait`: the caller of `stop_all` exits with its own code (the tour's 130
/// on a signal), and a waiter that went on could exit first with another
/// (issue 19: a stopped tour once exited 1, "topic failed", instead of 130).
#[test]
fn a_child_killed_by_stop_all_is_never_reported_as_ended() {
    let mut sleeper = Command::new("sleep");
    sleeper.arg("600");
    let child = process::spawn(sleeper, Duration::MAX, Output::Capture).unwrap();
    let (returned, from_wait) = mpsc::channel();
    std::thread::spawn(move || {
        let finished = child.wait();
        let _ = returned.send(finished.map(|f| f.ending));
    });
    process::stop_all();
    // A bound on what must never come, not a timing: a correct `wait` sends
    // nothing, however long we would listen.
    let sent = from_wait.recv_timeout(Duration::from_secs(2));
    assert!(sent.is_err(), "wait returned after stop_all: {sent:?}");
}
