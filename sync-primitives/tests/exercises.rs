//! The exercises' checker: `cargo test --test exercises` (see EXERCISES.md).
//!
//! Threads are ordered by channels, barriers and (Linux) their state in
//! `/proc/self/task`, never by sleeping (elsewhere, see `until_asleep`). A thread that a wrong solution
//! leaves stuck is not joined: the check reports what it saw and its process
//! ends, the stuck thread with it.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, mpsc};
use std::thread;
use std::time::{Duration, Instant};

#[cfg(target_os = "linux")]
use common::testing::sleeping_threads;
use sync_primitives::{BoundedSemaphore, Event, Semaphore};

// The 3.7 exercises, withdraw and transfer.
#[path = "exercises/bank.rs"]
mod bank;
use bank::{transfer, withdraw};

fn main() -> std::process::ExitCode {
    common::exercises::checker::main(
        env!("CARGO_MANIFEST_DIR"),
        &[
            ("semaphore_acquire", semaphore_acquire),
            ("semaphore_wake", semaphore_wake),
            ("event_wait_timeout", event_wait_timeout),
            ("withdraw", withdraw),
            ("transfer", transfer),
        ],
    )
}

/// How long a thread may take to do what it must do at once (wake up, go to
/// sleep, return): far more than a healthy run needs, so only a bug waits it out.
pub(crate) const PROMPTLY: Duration = Duration::from_secs(2);

/// Starts `f` on a thread called `name` (at most 15 bytes: Linux's limit),
/// and returns once that thread is about to call `f`: from then on, the
/// first time it sleeps is in `f`, not in its own start-up.
pub(crate) fn spawn<T: Send + 'static>(name: &str, f: impl FnOnce() -> T + Send + 'static) {
    let (tx, started) = mpsc::channel();
    thread::Builder::new()
        .name(name.into())
        .spawn(move || {
            tx.send(()).ok();
            f()
        })
        .expect("spawn a thread");
    started.recv().expect("the thread started");
}

/// Waits until `n` threads called `name` are asleep; `what` says in an
/// error what they should have been waiting for.
#[cfg(target_os = "linux")]
pub(crate) fn until_asleep(name: &str, n: usize, what: &str) -> Result<(), String> {
    let started = Instant::now();
    while sleeping_threads(name) < n {
        if started.elapsed() > PROMPTLY {
            return Err(format!(
                "{} of {n} threads {what} went to sleep within {} s: are they busy-waiting \
                 (a loop with no wait on the condition variable), or did they return?",
                sleeping_threads(name),
                PROMPTLY.as_secs()
            ));
        }
        thread::yield_now();
    }
    Ok(())
}

/// Where the OS does not show a thread's state (macOS, Windows: no `/proc`),
/// the threads get a moment to fall asleep instead. A right solution passes
/// either way; a wrong one is caught whenever they did fall asleep in time,
/// which on an idle machine is nearly always (on Linux, always).
#[cfg(not(target_os = "linux"))]
pub(crate) fn until_asleep(_name: &str, _n: usize, _what: &str) -> Result<(), String> {
    thread::sleep(Duration::from_millis(200));
    Ok(())
}

/// semaphore_acquire: takes free permits, sleeps while there are none, is
/// woken by `release`, and never lets more in than there are permits.
fn semaphore_acquire() -> Result<(), String> {
    let sem = Semaphore::new(2);
    sem.acquire();
    sem.acquire();
    if sem.value() != 0 {
        return Err(format!(
            "Semaphore(2), then acquire() twice: value() is {}, not 0. Each acquire takes one permit",
            sem.value()
        ));
    }
    let sem = Arc::new(Semaphore::new(0));
    let (tx, passed) = mpsc::channel();
    let waiter = Arc::clone(&sem);
    spawn("sem-acquire", move || {
        waiter.acquire();
        tx.send(()).ok()
    });
    until_asleep("sem-acquire", 1, "in acquire() on Semaphore(0)")?;
    if passed.try_recv().is_ok() {
        return Err("acquire() returned on a Semaphore(0): no permit was free".into());
    }
    sem.release();
    if passed.recv_timeout(PROMPTLY).is_err() {
        return Err(
            "release() did not wake the thread asleep in acquire(): a lost wake-up. \
             release() wakes only the threads counted in `sleeping`: go to sleep with \
             self.sleep(state, None), which counts you"
                .into(),
        );
    }
    at_most_value_inside()
}

/// 6 threads × 500 rounds through a Semaphore(2), each holding a permit.
fn at_most_value_inside() -> Result<(), String> {
    let sem = Semaphore::new(2);
    let (inside, most) = (AtomicUsize::new(0), AtomicUsize::new(0));
    thread::scope(|s| {
        for _ in 0..6 {
            s.spawn(|| {
                for _ in 0..500 {
                    let _permit = sem.permit();
                    most.fetch_max(inside.fetch_add(1, Ordering::SeqCst) + 1, Ordering::SeqCst);
                    thread::yield_now();
                    inside.fetch_sub(1, Ordering::SeqCst);
                }
            });
        }
    });
    match (most.into_inner(), sem.value()) {
        (most, _) if most > 2 => Err(format!(
            "{most} workers were inside at once; a Semaphore(2) allows 2 (after a wake-up, \
             check the count again: `while`, not `if`)"
        )),
        (_, 2) => Ok(()),
        (_, value) => Err(format!(
            "after 3000 acquire/release pairs a Semaphore(2) has value() {value}: a permit was lost or made up"
        )),
    }
}

/// semaphore_wake: `release_n(n)` wakes as many sleepers as it frees
/// permits, and no more calls to `notify_one` than there are sleepers.
fn semaphore_wake() -> Result<(), String> {
    let sem = Arc::new(Semaphore::new(0));
    let (tx, passed) = mpsc::channel();
    for _ in 0..3 {
        let (sem, tx) = (Arc::clone(&sem), tx.clone());
        spawn("sem-waiter", move || {
            sem.acquire();
            tx.send(()).ok()
        });
    }
    until_asleep("sem-waiter", 3, "in acquire() on Semaphore(0)")?;
    sem.release_n(3);
    let through = (0..3)
        .take_while(|_| passed.recv_timeout(PROMPTLY).is_ok())
        .count();
    if through < 3 {
        return Err(format!(
            "3 threads waited in acquire(); release(3) let only {through} through, and {} permits \
             stay free while {} threads sleep: a lost wake-up. CPython's release(n) calls \
             notify(n): wake one sleeper per new permit",
            sem.value(),
            3 - through
        ));
    }
    let bounded = Arc::new(BoundedSemaphore::new(2));
    bounded.acquire();
    bounded.acquire();
    for _ in 0..2 {
        let (sem, tx) = (Arc::clone(&bounded), tx.clone());
        spawn("bsem-waiter", move || {
            sem.acquire();
            tx.send(()).ok()
        });
    }
    until_asleep(
        "bsem-waiter",
        2,
        "in acquire() on a BoundedSemaphore(2) in use",
    )?;
    bounded.release_n(2).map_err(|e| e.to_string())?;
    if (0..2).any(|_| passed.recv_timeout(PROMPTLY).is_err()) {
        return Err("BoundedSemaphore(2).release(2) woke fewer than its 2 sleepers".into());
    }
    let (tx, done) = mpsc::channel();
    spawn("sem-release", move || {
        Semaphore::new(0).release_n(usize::MAX);
        tx.send(())
    });
    done.recv_timeout(PROMPTLY).map_err(|_| {
        "release_n(usize::MAX) with nobody asleep did not return: wake at most as many \
         threads as are asleep (`sleeping`), not one per permit"
            .to_string()
    })
}

/// Starts `n` threads (called `name`) in `event.wait_timeout(timeout)` and
/// returns once they are all asleep there; their answers come on the receiver.
fn waiters(
    n: usize,
    event: &Arc<Event>,
    name: &str,
    timeout: Duration,
) -> Result<mpsc::Receiver<bool>, String> {
    let (tx, answers) = mpsc::channel();
    for _ in 0..n {
        let (event, tx) = (Arc::clone(event), tx.clone());
        spawn(name, move || tx.send(event.wait_timeout(timeout)).ok());
    }
    until_asleep(name, n, "in wait_timeout() on an Event nobody set")?;
    Ok(answers)
}

/// event_wait_timeout: false only on a timeout, true for a `set` before or
/// during the wait, even one that `clear` undid at once.
fn event_wait_timeout() -> Result<(), String> {
    let event = Arc::new(Event::new());
    let started = Instant::now();
    if event.wait_timeout(Duration::from_millis(20)) {
        return Err("wait(timeout=0.02) returned True on an Event nobody set".into());
    }
    if started.elapsed() < Duration::from_millis(20) {
        return Err("wait(timeout=0.02) returned False before the 20 ms had passed".into());
    }
    let set_during = waiters(1, &event, "ev-set", Duration::from_secs(5))?;
    event.set();
    match set_during.recv_timeout(PROMPTLY) {
        Ok(true) => {}
        Ok(false) => return Err("set() ran during wait(timeout=5), and it returned False".into()),
        Err(_) => return Err("set() did not wake the thread in wait(timeout=5)".into()),
    }
    let (tx, at_once) = mpsc::channel();
    let set = Arc::clone(&event);
    spawn("ev-already", move || {
        tx.send((
            set.wait_timeout(Duration::ZERO),
            set.wait_timeout(Duration::MAX),
        ))
    });
    if at_once.recv_timeout(PROMPTLY) != Ok((true, true)) {
        return Err(
            "on an Event already set, wait(timeout=0) and wait(timeout=Duration::MAX) \
             must return True at once (did Instant::now() + timeout overflow? the crate's \
             deadline(timeout) gives None for a timeout too long to represent)"
                .into(),
        );
    }
    event.clear();
    // Four waiters a round, 20 rounds: a version that looks at `flag` gets
    // through only if every waiter of every round re-locks before `clear`.
    for round in 0..20 {
        let name = format!("ev-flicker-{round}");
        let flickered = waiters(4, &event, &name, Duration::from_secs(3))?;
        event.set();
        event.clear();
        let answers: Vec<_> = (0..4)
            .map(|_| flickered.recv_timeout(Duration::from_secs(5)))
            .collect();
        let falses = answers.iter().filter(|a| **a != Ok(true)).count();
        if falses > 0 {
            return Err(format!(
                "set() and at once clear() ran while 4 threads were in wait(timeout=3), and \
                 {falses} of them returned False: CPython's wait returns True to every thread \
                 that was waiting when set() ran. Compare `sets` with the ticket taken before \
                 waiting, not `flag`"
            ));
        }
    }
    let forever = waiters(1, &event, "ev-forever", Duration::MAX)?;
    event.set();
    match forever.recv_timeout(PROMPTLY) {
        Ok(true) => Ok(()),
        _ => Err(
            "wait(timeout=Duration::MAX) did not return True after set() (did it \
             panic? Instant::now() + Duration::MAX overflows: use deadline(timeout))"
                .into(),
        ),
    }
}
