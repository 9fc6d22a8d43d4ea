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
//! ```
//! use std::time::Duration;
//! use async_basics::mini;
//!
//! let total = mini::block_on(async {
//!     let a = mini::spawn(async { mini::sleep(Duration::from_millis(20)).await; 1 });
//!     let b = mini::spawn(async { mini::sleep(Duration::from_millis(20)).await; 2 });
//!     a.await + b.await
//! });
//! assert_eq!(total, 3);
//! ```

use std::cell::RefCell;
use std::collections::{BTreeMap, VecDeque};
use std::future::Future;
use std::pin::{Pin, pin};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::sync::{Arc, Condvar, Mutex, OnceLock};
use std::task::{Context, Poll, Wake, Waker};
use std::time::{Duration, Instant};

type BoxFuture = Pin<Box<dyn Future<Output = ()> + Send>>;

/// The ready queue: `None` stands for `block_on`'s own future, `Some` for a task.
struct Loop {
    state: Mutex<Ready>,
    changed: Condvar,
}

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

/// A spawned future, and its own waker: waking it queues it again.
struct Task {
    future: Mutex<Option<BoxFuture>>,
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
/// (≈ `asyncio.run(main())`). Tasks still unfinished when it ends are dropped.
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
                let waker = Waker::from(Arc::clone(&task));
                let mut slot = task.future.lock().unwrap();
                if let Some(running) = slot.as_mut()
                    && running
                        .as_mut()
                        .poll(&mut Context::from_waker(&waker))
                        .is_ready()
                {
                    *slot = None;
                }
            }
        }
    }
}

struct Closing(Arc<Loop>);

impl Drop for Closing {
    fn drop(&mut self) {
        CURRENT.with_borrow_mut(|current| *current = None);
        let unfinished = {
            let mut ready = self.0.state.lock().unwrap();
            ready.closed = true;
            std::mem::take(&mut ready.queue)
        };
        // Dropped outside the lock: a dropped future may wake someone.
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
        output: None,
        waiter: None,
    }));
    let filled = Arc::clone(&slot);
    let task = Arc::new(Task {
        future: Mutex::new(Some(Box::pin(async move {
            let output = future.await;
            let waiter = {
                let mut slot = filled.lock().unwrap();
                slot.output = Some(output);
                slot.waiter.take()
            };
            if let Some(waiter) = waiter {
                waiter.wake();
            }
        }))),
        event_loop,
        queued: AtomicBool::new(false),
    });
    task.wake(); // ≈ loop.call_soon(task.step)
    JoinHandle { slot }
}

struct JoinSlot<T> {
    output: Option<T>,
    waiter: Option<Waker>,
}

/// Awaiting it gives the task's output (≈ awaiting an `asyncio.Task`).
pub struct JoinHandle<T> {
    slot: Arc<Mutex<JoinSlot<T>>>,
}

impl<T> Future for JoinHandle<T> {
    type Output = T;
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        let mut slot = self.slot.lock().unwrap();
        match slot.output.take() {
            Some(output) => Poll::Ready(output),
            None => {
                slot.waiter = Some(cx.waker().clone());
                Poll::Pending
            }
        }
    }
}

/// A future that completes `duration` from now (≈ `asyncio.sleep`).
/// A duration too long for the clock to hold (`Duration::MAX`) sleeps about
/// thirty years, as tokio's `sleep` does, rather than panicking.
pub fn sleep(duration: Duration) -> Sleep {
    let far_future = Duration::from_secs(30 * 365 * 24 * 3600);
    Sleep {
        deadline: Instant::now() + duration.min(far_future),
        registered: None,
    }
}

/// The future returned by [`sleep`].
pub struct Sleep {
    deadline: Instant,
    registered: Option<Waker>,
}

impl Future for Sleep {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if Instant::now() >= self.deadline {
            return Poll::Ready(());
        }
        // Hand the timer thread our waker (again only if the waker changed).
        if !self
            .registered
            .as_ref()
            .is_some_and(|w| w.will_wake(cx.waker()))
        {
            self.registered = Some(cx.waker().clone());
            timer()
                .send((self.deadline, cx.waker().clone()))
                .expect("timer thread alive");
        }
        Poll::Pending
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

/// A timer thread, started on first use: deadlines in order, earliest first,
/// ties in the order they arrived; it sleeps until the earliest and wakes it.
fn timer() -> &'static Sender<(Instant, Waker)> {
    static TIMER: OnceLock<Sender<(Instant, Waker)>> = OnceLock::new();
    TIMER.get_or_init(|| {
        let (sender, inbox) = mpsc::channel::<(Instant, Waker)>();
        std::thread::Builder::new()
            .name("mini-timer".into())
            .spawn(move || {
                // Keyed by (deadline, arrival): the first entry is the one due next.
                let mut due = BTreeMap::<(Instant, u64), Waker>::new();
                let mut arrived = 0u64;
                loop {
                    let now = Instant::now();
                    // Take in every deadline sent before `now` before waking
                    // any, so a timer thread that ran late still wakes the
                    // earliest first.
                    for (deadline, waker) in inbox.try_iter() {
                        arrived += 1;
                        due.insert((deadline, arrived), waker);
                    }
                    while let Some(entry) = due.first_entry()
                        && entry.key().0 <= now
                    {
                        entry.remove().wake();
                    }
                    let message = match due.first_key_value() {
                        Some((&(deadline, _), _)) => inbox.recv_timeout(deadline - now),
                        None => inbox.recv().map_err(|_| RecvTimeoutError::Disconnected),
                    };
                    match message {
                        Ok((deadline, waker)) => {
                            arrived += 1;
                            due.insert((deadline, arrived), waker);
                        }
                        Err(RecvTimeoutError::Timeout) => {}
                        Err(RecvTimeoutError::Disconnected) => return,
                    }
                }
            })
            .expect("spawn the mini timer thread");
        sender
    })
}
