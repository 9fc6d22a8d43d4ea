//! Both semaphore steps under loom: each scenario is written once, generic
//! over [`Sem`], and run on `Semaphore` (step 1: a lock around the count)
//! and `FastSemaphore` (step 2: an atomic count, whose fast path loom
//! explores too, because src/sync.rs swaps its atomic for loom's). Then the
//! broken copy of step 2, whose lost wake-up loom must find.

use loom::sync::Arc;
use loom::sync::atomic::{AtomicUsize, Ordering};
use loom::thread;
use sync_primitives::{BoundedSemaphore, FastSemaphore, Semaphore};

/// What the scenarios need of a semaphore.
pub trait Sem: Send + Sync + 'static {
    fn new(value: usize) -> Self;
    fn acquire(&self);
    fn release(&self);
    fn release_n(&self, n: usize);
    fn value(&self) -> usize;
}

macro_rules! impl_sem {
    ($($step:ty),*) => {$(
        impl Sem for $step {
            fn new(value: usize) -> Self { <$step>::new(value) }
            fn acquire(&self) { <$step>::acquire(self) }
            fn release(&self) { <$step>::release(self) }
            fn release_n(&self, n: usize) { <$step>::release_n(self, n) }
            fn value(&self) -> usize { <$step>::value(self) }
        }
    )*};
}
impl_sem!(Semaphore, FastSemaphore);

/// `loom::model` with at most two preemptions. Step 2's relaxed loads may
/// each read any of several values, and every preemption multiplies them: at
/// three, a model of three threads takes a minute; at two, seconds. The bugs
/// these models look for need one (the broken copy's, below).
fn model(f: impl Fn() + Sync + Send + 'static) {
    let mut builder = loom::model::Builder::new();
    builder.preemption_bound = Some(builder.preemption_bound.map_or(2, |bound| bound.min(2)));
    builder.check(f);
}

/// A `#[test]` per step for each generic scenario named.
macro_rules! on_both_steps {
    ($($test:ident),* $(,)?) => {
        mod step1 { $( #[test] fn $test() { super::$test::<sync_primitives::Semaphore>() } )* }
        mod step2 { $( #[test] fn $test() { super::$test::<sync_primitives::FastSemaphore>() } )* }
    };
}

on_both_steps!(
    never_lets_two_in_and_never_loses_a_wakeup,
    release_n_wakes_every_waiter_it_has_permits_for,
    two_single_releases_wake_two_waiters,
    two_permits_admit_at_most_two_of_three,
);

/// Two threads on `S::new(1)`: never both inside, and both get through.
fn never_lets_two_in_and_never_loses_a_wakeup<S: Sem>() {
    loom::model(|| {
        let sem = Arc::new(S::new(1));
        let inside = Arc::new(AtomicUsize::new(0));
        let workers: Vec<_> = (0..2)
            .map(|_| {
                let (sem, inside) = (Arc::clone(&sem), Arc::clone(&inside));
                thread::spawn(move || {
                    sem.acquire();
                    assert_eq!(inside.fetch_add(1, Ordering::SeqCst), 0, "two holders");
                    inside.fetch_sub(1, Ordering::SeqCst);
                    sem.release();
                })
            })
            .collect();
        for worker in workers {
            worker.join().unwrap(); // a lost wakeup is a loom deadlock here
        }
        assert_eq!(sem.value(), 1);
    });
}

fn release_n_wakes_every_waiter_it_has_permits_for<S: Sem>() {
    loom::model(|| {
        let sem = Arc::new(S::new(0));
        let waiters: Vec<_> = (0..2)
            .map(|_| {
                let sem = Arc::clone(&sem);
                thread::spawn(move || sem.acquire())
            })
            .collect();
        sem.release_n(2);
        for waiter in waiters {
            waiter.join().unwrap(); // a lost wakeup is a loom deadlock here
        }
        assert_eq!(sem.value(), 0);
    });
}

fn two_single_releases_wake_two_waiters<S: Sem>() {
    // A waiter notified but not yet running still counts as asleep, so the
    // second release must not spend its wakeup on it and strand the other.
    model(|| {
        let sem = Arc::new(S::new(0));
        let waiters: Vec<_> = (0..2)
            .map(|_| {
                let sem = Arc::clone(&sem);
                thread::spawn(move || sem.acquire())
            })
            .collect();
        let releaser = {
            let sem = Arc::clone(&sem);
            thread::spawn(move || sem.release())
        };
        sem.release();
        releaser.join().unwrap();
        for waiter in waiters {
            waiter.join().unwrap(); // a lost wakeup is a loom deadlock here
        }
        assert_eq!(sem.value(), 0);
    });
}

fn two_permits_admit_at_most_two_of_three<S: Sem>() {
    model(|| {
        let sem = Arc::new(S::new(2));
        let inside = Arc::new(AtomicUsize::new(0));
        let workers: Vec<_> = (0..3)
            .map(|_| {
                let (sem, inside) = (Arc::clone(&sem), Arc::clone(&inside));
                thread::spawn(move || {
                    sem.acquire();
                    assert!(inside.fetch_add(1, Ordering::SeqCst) < 2, "three holders");
                    inside.fetch_sub(1, Ordering::SeqCst);
                    sem.release();
                })
            })
            .collect();
        for worker in workers {
            worker.join().unwrap();
        }
        assert_eq!(sem.value(), 2);
    });
}

#[test]
fn bounded_semaphore_stays_within_its_bound() {
    loom::model(|| {
        let sem = Arc::new(BoundedSemaphore::new(1));
        let other = {
            let sem = Arc::clone(&sem);
            thread::spawn(move || {
                sem.acquire();
                assert!(sem.value() <= 1);
                sem.release().unwrap();
            })
        };
        sem.acquire();
        sem.release().unwrap();
        // An extra release is refused whatever the interleaving...
        if sem.try_acquire() {
            sem.release().unwrap();
        }
        other.join().unwrap();
        assert!(sem.release().is_err());
        // ...and the count ends exactly at the bound.
        assert_eq!(sem.value(), 1);
    });
}

// ANCHOR: lost_wakeup_found
/// Step 2 with the slow path's two steps swapped (look at the count, then
/// raise the sleepers' flag): loom must find the interleaving in which the
/// release falls between the two and the waiter sleeps for ever.
fn lost_wakeup_model() {
    loom::model(|| {
        let sem = Arc::new(FastSemaphore::new(0));
        let waiter = {
            let sem = Arc::clone(&sem);
            thread::spawn(move || sem.acquire_with_a_lost_wakeup())
        };
        sem.release();
        waiter.join().unwrap();
    });
}

/// Runs [`lost_wakeup_model`] in a child process (this test binary again)
/// and expects it to fail with loom's deadlock report: loom cannot unwind
/// cleanly out of a deadlocked model, so the failure ends that process.
#[test]
fn loom_finds_the_lost_wakeup_of_a_flag_raised_too_late() {
    const CHILD: &str = "SYNC_PRIMITIVES_LOST_WAKEUP_MODEL";
    if std::env::var_os(CHILD).is_some() {
        return lost_wakeup_model();
    }
    let name = "semaphores::loom_finds_the_lost_wakeup_of_a_flag_raised_too_late";
    let child = std::process::Command::new(std::env::current_exe().unwrap())
        .args(["--exact", name, "--nocapture", "--test-threads=1"])
        .env(CHILD, "1")
        .env("RUST_BACKTRACE", "0")
        .output()
        .expect("run this test binary again");
    let stderr = String::from_utf8_lossy(&child.stderr);
    assert!(
        !child.status.success(),
        "loom found no lost wake-up in the broken copy"
    );
    let found = stderr
        .lines()
        .find(|line| line.starts_with("deadlock; threads"));
    let found = found.unwrap_or_else(|| panic!("the model failed for another reason:\n{stderr}"));
    println!("as expected, loom found: {found}");
}
// ANCHOR_END: lost_wakeup_found
