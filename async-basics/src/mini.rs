//! An event loop from scratch, on `std` alone: what runs under `asyncio.run`.
//!
//! Python hides its loop behind `asyncio.run(main())`; tokio hides a much
//! faster one behind `#[tokio::main]`. Both do the same few things, shown here
//! in one file of `std` only:
//!
//! - a **ready queue** of tasks (asyncio: `loop._ready`, a deque of callbacks);
//! - **wakers** ([`std::task::Wake`]): a task that cannot go on stores its
//!   waker somewhere, and whoever makes progress possible calls `wake`, which
//!   puts the task back on the ready queue;
//! - a **timer** behind [`sleep`] (asyncio: `loop._scheduled`, a heap of
//!   deadlines): here a thread of its own, with the deadlines in a `BTreeMap`,
//!   that wakes tasks when they are due;
//! - [`block_on`] (≈ `asyncio.run`): poll the main future, then whatever is
//!   ready, and sleep on a condition variable while nothing is;
//! - [`spawn`] (≈ `asyncio.create_task`) with a [`JoinHandle`] to await.
//!
//! Everything runs on the thread that called [`block_on`]: one thread, many
//! tasks, switching only at `.await` (cooperative multitasking).
//!
//! The loop owns every task's future; a waker holds only the task's number.
//! So when [`block_on`] returns, every unfinished task is dropped at once,
//! asleep or not, and awaiting its [`JoinHandle`] gives `Err(`[`Cancelled`]`)`.
//! A dropped [`Sleep`] takes its waker back from the timer: nothing leaks.
//!
//! ```
//! use std::time::Duration;
//! use async_basics::mini;
//!
//! let total = mini::block_on(async {
//!     let a = mini::spawn(async { mini::sleep(Duration::from_millis(20)).await; 1 });
//!     let b = mini::spawn(async { mini::sleep(Duration::from_millis(20)).await; 2 });
//!     a.await.unwrap() + b.await.unwrap()
//! });
//! assert_eq!(total, 3);
//! ```

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap, VecDeque};
use std::future::Future;
use std::pin::{Pin, pin};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, Once};
use std::task::{Context, Poll, Wake, Waker};
use std::time::{Duration, Instant};

type BoxFuture = Pin<Box<dyn Future<Output = ()> + Send>>;

/// The loop: the ready queue, and every unfinished task's future by number.
struct Loop {
    state: Mutex<Ready>,
    changed: Condvar,
    tasks: Mutex<HashMap<u64, BoxFuture>>,
}

/// The ready queue: `None` stands for `block_on`'s own future, `Some` for a task.
struct Ready {
    queue: VecDeque<Option<Arc<Task>>>,
    main_queued: bool,
    closed: bool,
}

impl Loop {
    fn schedule(&self, entry: Option<Arc<Task>>) {
        let mut ready = self.state.lock().unwrap();
        if ready.closed {
            return; // `block_on` has returned: nobody will run it.
        }
        if entry.is_none() {
            if ready.main_queued {
                return;
            }
            ready.main_queued = true;
        }
        ready.queue.push_back(entry);
        self.changed.notify_one();
    }
}

/// A task's waker: waking it queues the task again. It holds the task's
/// number, not its future, so a waker left behind keeps no future alive.
struct Task {
    id: u64,
    event_loop: Arc<Loop>,
    queued: AtomicBool,
}

impl Wake for Task {
    fn wake(self: Arc<Self>) {
        // One place in the queue is enough however often it is woken.
        if !self.queued.swap(true, Ordering::AcqRel) {
            Arc::clone(&self.event_loop).schedule(Some(self));
        }
    }
}

/// The waker of `block_on`'s own future.
struct MainWaker(Arc<Loop>);

impl Wake for MainWaker {
    fn wake(self: Arc<Self>) {
        self.0.schedule(None);
    }
}

thread_local! {
    /// The loop running on this thread (asyncio: `get_running_loop()`).
    static CURRENT: RefCell<Option<Arc<Loop>>> = const { RefCell::new(None) };
}

/// Runs `future` to completion on this thread, with every task it spawns
/// (≈ `asyncio.run(main())`). Tasks still unfinished when it ends, asleep or
/// ready, are dropped before it returns; their [`JoinHandle`]s give
/// `Err(Cancelled)`.
///
/// # Panics
/// If called inside another `block_on` on the same thread (as `asyncio.run`
/// refuses to run "from a running event loop"), or if a task panics.
pub fn block_on<F: Future>(future: F) -> F::Output {
    let event_loop = Arc::new(Loop {
        state: Mutex::new(Ready {
            queue: VecDeque::from([None]),
            main_queued: true,
            closed: false,
        }),
        changed: Condvar::new(),
        tasks: Mutex::new(HashMap::new()),
    });
    CURRENT.with_borrow_mut(|current| {
        assert!(current.is_none(), "mini::block_on cannot be nested");
        *current = Some(Arc::clone(&event_loop));
    });
    // Unset the loop and drop its tasks on the way out, even on a panic.
    let _guard = Closing(Arc::clone(&event_loop));
    let main_waker = Waker::from(Arc::new(MainWaker(Arc::clone(&event_loop))));
    let mut future = pin!(future);
    loop {
        let next = {
            let mut ready = event_loop.state.lock().unwrap();
            loop {
                match ready.queue.pop_front() {
                    Some(entry) => break entry,
                    // Nothing to run: sleep until a waker (a timer, another thread) queues something.
                    None => ready = event_loop.changed.wait(ready).unwrap(),
                }
            }
        };
        match next {
            None => {
                event_loop.state.lock().unwrap().main_queued = false;
                if let Poll::Ready(output) =
                    future.as_mut().poll(&mut Context::from_waker(&main_waker))
                {
                    return output;
                }
            }
            Some(task) => {
                // Cleared before polling, so a wake during the poll queues it again.
                task.queued.store(false, Ordering::Release);
                // Taken out to poll it without the lock (it may spawn); gone if finished.
                let Some(mut running) = event_loop.tasks.lock().unwrap().remove(&task.id) else {
                    continue;
                };
                let waker = Waker::from(Arc::clone(&task));
                let mut cx = Context::from_waker(&waker);
                if running.as_mut().poll(&mut cx).is_pending() {
                    event_loop.tasks.lock().unwrap().insert(task.id, running);
                }
            }
        }
    }
}

struct Closing(Arc<Loop>);

impl Drop for Closing {
    fn drop(&mut self) {
        CURRENT.with_borrow_mut(|current| *current = None);
        let queued = {
            let mut ready = self.0.state.lock().unwrap();
            ready.closed = true;
            std::mem::take(&mut ready.queue)
        };
        // Every unfinished task, asleep or not (wakers hold only its number),
        // dropped outside the locks: a dropped future may wake someone.
        let unfinished = std::mem::take(&mut *self.0.tasks.lock().unwrap());
        drop(queued);
        drop(unfinished);
    }
}

/// Starts `future` as a task on the running loop (≈ `asyncio.create_task`):
/// it runs from the loop's next turn on, whether or not anyone awaits it.
///
/// # Panics
/// If no [`block_on`] runs on this thread.
pub fn spawn<F>(future: F) -> JoinHandle<F::Output>
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    let event_loop = CURRENT
        .with_borrow(|current| current.clone())
        .expect("mini::spawn called outside mini::block_on");
    let slot = Arc::new(Mutex::new(JoinSlot {
        result: None,
        waiter: None,
    }));
    let end = TaskEnd(Arc::clone(&slot));
    let task_future = Box::pin(async move {
        let output = future.await;
        end.0.lock().unwrap().result = Some(Ok(output));
        drop(end); // wakes whoever awaits the handle
    });
    static SPAWNED: AtomicU64 = AtomicU64::new(0);
    let id = SPAWNED.fetch_add(1, Ordering::Relaxed);
    event_loop.tasks.lock().unwrap().insert(id, task_future);
    let task = Arc::new(Task {
        id,
        event_loop,
        queued: AtomicBool::new(false),
    });
    task.wake(); // ≈ loop.call_soon(task.step)
    JoinHandle { slot }
}

struct JoinSlot<T> {
    /// Set when the task's future is gone: finished, or dropped unfinished.
    result: Option<Result<T, Cancelled>>,
    waiter: Option<Waker>,
}

/// Held by a task's future: dropped when the task ends, finished or not.
struct TaskEnd<T>(Arc<Mutex<JoinSlot<T>>>);

impl<T> Drop for TaskEnd<T> {
    fn drop(&mut self) {
        let waiter = {
            let mut slot = self.0.lock().unwrap();
            slot.result.get_or_insert(Err(Cancelled)); // unless it finished
            slot.waiter.take()
        };
        if let Some(waiter) = waiter {
            waiter.wake();
        }
    }
}

/// Awaiting it gives the task's output (≈ awaiting an `asyncio.Task`), or
/// `Err(Cancelled)` if its [`block_on`] ended first. tokio's `JoinHandle`
/// also gives a `Result`.
pub struct JoinHandle<T> {
    slot: Arc<Mutex<JoinSlot<T>>>,
}

impl<T> Future for JoinHandle<T> {
    type Output = Result<T, Cancelled>;
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let mut slot = self.slot.lock().unwrap();
        match slot.result.take() {
            Some(result) => Poll::Ready(result),
            None => {
                slot.waiter = Some(cx.waker().clone());
                Poll::Pending
            }
        }
    }
}

/// A task was dropped unfinished: its [`block_on`] returned first
/// (≈ asyncio's `CancelledError`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cancelled;

impl std::fmt::Display for Cancelled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("task dropped unfinished: its mini::block_on returned first")
    }
}

impl std::error::Error for Cancelled {}

/// A future that completes `duration` from now (≈ `asyncio.sleep`).
/// A duration too long for the clock to hold (`Duration::MAX`) sleeps about
/// thirty years, as tokio's `sleep` does, rather than panicking.
pub fn sleep(duration: Duration) -> Sleep {
    static MADE: AtomicU64 = AtomicU64::new(0);
    let far_future = Duration::from_secs(30 * 365 * 24 * 3600);
    let deadline = Instant::now() + duration.min(far_future);
    Sleep {
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

/// Gives the other ready tasks a turn (≈ `await asyncio.sleep(0)`).
pub async fn yield_now() {
    let mut yielded = false;
    std::future::poll_fn(|cx| {
        if yielded {
            return Poll::Ready(());
        }
        yielded = true;
        cx.waker().wake_by_ref(); // back of the queue at once
        Poll::Pending
    })
    .await
}

/// The timer: the wakers of pending sleeps, earliest deadline first (ties in
/// the order the sleeps were made), and a thread that wakes them when due.
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
