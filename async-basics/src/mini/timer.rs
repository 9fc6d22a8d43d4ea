//! The timer behind [`sleep`] (asyncio: `loop._scheduled`, a heap of
//! deadlines): the wakers of pending sleeps, earliest deadline first (ties in
//! the order the sleeps were made), and a thread that wakes each when it is
//! due. It knows nothing of the loop: it only calls `Waker::wake`.

use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Condvar, Mutex, Once};
use std::task::{Context, Poll, Waker};
use std::time::{Duration, Instant};

/// A future that completes `duration` from now (≈ `asyncio.sleep`).
/// A duration too long for the clock to hold (`Duration::MAX`) sleeps about
/// thirty years, as tokio's `sleep` does, rather than panicking.
pub fn sleep(duration: Duration) -> Sleep {
    static MADE: AtomicU64 = AtomicU64::new(0);
    let far_future = Duration::from_secs(30 * 365 * 24 * 3600);
    let deadline = Instant::now() + duration.min(far_future);
    Sleep {
        // Relaxed: the number only breaks ties, in the order of this one counter.
        key: (deadline, MADE.fetch_add(1, Ordering::Relaxed)),
    }
}

/// The future returned by [`sleep`]. Dropping it before it is due removes
/// it from the timer (as a cancelled `asyncio.sleep` does).
pub struct Sleep {
    /// Its place in the timer: the deadline, then a number breaking ties.
    key: (Instant, u64),
}

impl Future for Sleep {
    type Output = ();
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if Instant::now() >= self.key.0 {
            return Poll::Ready(());
        }
        // Hand the timer our waker, replacing the one of an earlier poll.
        start_timer();
        let mut due = DUE.lock().unwrap();
        let replaced = due.insert(self.key, cx.waker().clone());
        drop(due); // before `replaced`: dropping a waker may run any code
        if replaced.is_none() {
            DUE_CHANGED.notify_one(); // a new deadline, maybe the earliest
        }
        Poll::Pending
    }
}

impl Drop for Sleep {
    fn drop(&mut self) {
        // Its waker is dropped after the lock, as in `poll`.
        let _waker = DUE.lock().unwrap().remove(&self.key);
    }
}

/// The wakers of pending sleeps, by (deadline, tie-breaker).
static DUE: Mutex<BTreeMap<(Instant, u64), Waker>> = Mutex::new(BTreeMap::new());
static DUE_CHANGED: Condvar = Condvar::new();

fn start_timer() {
    static STARTED: Once = Once::new();
    STARTED.call_once(|| {
        std::thread::Builder::new()
            .name("mini-timer".into())
            .spawn(run_timer)
            .expect("spawn the mini timer thread");
    });
}

fn run_timer() {
    let mut due = DUE.lock().unwrap();
    loop {
        let now = Instant::now();
        due = match due.first_key_value() {
            // Nothing due: sleep until the earliest deadline, or a new sleep.
            None => DUE_CHANGED.wait(due).unwrap(),
            Some((&(deadline, _), _)) if deadline > now => {
                DUE_CHANGED.wait_timeout(due, deadline - now).unwrap().0
            }
            Some(_) => {
                let (_, waker) = due.pop_first().expect("an entry");
                // Woken without the lock: waking takes the loop's lock, and a
                // task may meanwhile drop a `Sleep`, which takes this one.
                drop(due);
                waker.wake();
                DUE.lock().unwrap()
            }
        };
    }
}
