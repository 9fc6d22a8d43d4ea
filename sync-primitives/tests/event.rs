//! Event, checked against what CPython documents.

use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use sync_primitives::Event;

const BOUND: Duration = Duration::from_secs(10);

#[test]
fn starts_clear_and_follows_set_and_clear() {
    let event = Event::new();
    assert!(!event.is_set());
    event.set();
    event.set(); // idempotent
    assert!(event.is_set());
    event.clear();
    assert!(!event.is_set());
    assert!(!Event::default().is_set());
}

#[test]
fn wait_returns_at_once_when_set() {
    let event = Event::new();
    event.set();
    event.wait();
    assert!(event.wait_timeout(Duration::ZERO));
}

#[test]
fn wait_timeout_times_out_when_nobody_sets() {
    let event = Event::new();
    let started = Instant::now();
    assert!(!event.wait_timeout(Duration::from_millis(30)));
    // It waited (no early return): at least the timeout, whatever the machine.
    assert!(started.elapsed() >= Duration::from_millis(30));
}

#[test]
fn set_wakes_every_waiter() {
    const WAITERS: usize = 6;
    let event = Event::new();
    let (tx, rx) = mpsc::channel();
    thread::scope(|s| {
        for _ in 0..WAITERS {
            let (event, tx) = (&event, tx.clone());
            s.spawn(move || tx.send(event.wait_timeout(BOUND)).unwrap());
        }
        event.set();
        for _ in 0..WAITERS {
            assert!(rx.recv_timeout(BOUND).unwrap(), "a waiter timed out");
        }
    });
}

/// Linux: whether the thread named `name` in this process is asleep
/// (state `S` in /proc/self/task/<tid>/stat).
fn thread_is_sleeping(name: &str) -> bool {
    let Ok(tasks) = std::fs::read_dir("/proc/self/task") else {
        return false;
    };
    tasks.flatten().any(|task| {
        let comm = std::fs::read_to_string(task.path().join("comm")).unwrap_or_default();
        let stat = std::fs::read_to_string(task.path().join("stat")).unwrap_or_default();
        // stat is "tid (comm) S ...": the state follows the last ')'.
        let state = stat.rsplit(')').next().unwrap_or("").trim_start();
        comm.trim_end() == name && state.starts_with('S')
    })
}

#[test]
fn a_waiter_woken_by_set_returns_true_even_if_cleared_before_it_ran() {
    let event = Event::new();
    thread::scope(|s| {
        let waiter = thread::Builder::new()
            .name("edge-waiter".into())
            .spawn_scoped(s, || event.wait_timeout(BOUND))
            .unwrap();
        // Order by observation, not by sleeping: the waiter holds no lock
        // anyone else wants, so "asleep" means parked in wait_timeout.
        let started = Instant::now();
        while !thread_is_sleeping("edge-waiter") {
            assert!(started.elapsed() < BOUND, "waiter never went to sleep");
            thread::yield_now();
        }
        event.set();
        event.clear();
        assert!(
            waiter.join().unwrap(),
            "woken by set() but reported a timeout"
        );
    });
    assert!(!event.is_set());
}

#[test]
fn a_waiter_that_arrives_after_set_then_clear_waits_for_the_next_set() {
    let event = Event::new();
    event.set();
    event.clear();
    assert!(!event.wait_timeout(Duration::from_millis(20)));
}
