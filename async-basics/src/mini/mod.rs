//! An event loop from scratch, on `std` alone: what runs under `asyncio.run`.
//!
//! Python hides its loop behind `asyncio.run(main())`; tokio hides a much
//! faster one behind `#[tokio::main]`. Both do the same few things, shown here
//! in three short files of `std` only (this one, `timer.rs` and `join.rs`):
//!
//! - a **ready queue** of tasks (asyncio: `loop._ready`, a deque of callbacks);
//! - **wakers** ([`std::task::Wake`]): a task that cannot go on leaves its
//!   waker with whoever can make progress, who calls `wake`: back on the queue;
//! - a **timer** behind [`sleep`] (asyncio: `loop._scheduled`, a heap of
//!   deadlines): `mini/timer.rs`, a thread that wakes tasks when they are due;
//! - [`block_on`] (≈ `asyncio.run`): poll the main future, then whatever is
//!   ready, and sleep on a condition variable while nothing is;
//! - [`spawn`] (≈ `asyncio.create_task`) with a [`JoinHandle`] to await
//!   (`mini/join.rs`).
//!
//! Everything runs on the thread that called [`block_on`]: one thread, many
//! tasks, switching only at `.await` (cooperative multitasking).
//!
//! The loop owns every task's future; a waker holds only the task's number.
//! So when [`block_on`] returns, every unfinished task is dropped at once,
//! asleep or not, and awaiting its [`JoinHandle`] gives `Err(`[`Cancelled`]`)`.
//! A dropped [`Sleep`] takes its waker back from the timer: nothing leaks.
//!
//! **What you would ship:** tokio. This loop is a model built to be read (one
//! thread, a lock around its queue, no IO driver, no work stealing); the
//! course builds it to show what `asyncio.run` and `#[tokio::main]` do
//! underneath, not to run programs on.
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

mod join;
mod timer;

pub use join::{Cancelled, JoinHandle};
pub use timer::{Sleep, sleep};

use std::cell::RefCell;
use std::collections::{HashMap, VecDeque};
use std::future::Future;
use std::pin::{Pin, pin};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::task::{Context, Poll, Wake, Waker};

type BoxFuture = Pin<Box<dyn Future<Output = ()> + Send>>;

/// The loop: the ready queue, and every unfinished task's future by number.
struct Loop {
    queue: Mutex<Queue>,
    changed: Condvar,
    tasks: Mutex<HashMap<u64, BoxFuture>>,
}

/// What the ready queue holds: something the loop should poll next.
enum Runnable {
    /// `block_on`'s own future (≈ the `main()` of `asyncio.run(main())`),
    /// which lives on `block_on`'s stack, not in [`Loop::tasks`].
    MainFuture,
    /// A spawned task, whose future waits in [`Loop::tasks`].
    Task(Arc<Task>),
}

struct Queue {
    ready: VecDeque<Runnable>,
    main_queued: bool, // whether `MainFuture` is in `ready` (a `Task` has a flag of its own)
    closed: bool,      // set when `block_on` returns: nothing is queued any more
}

impl Loop {
    fn schedule(&self, runnable: Runnable) {
        let mut queue = self.queue.lock().unwrap();
        if queue.closed {
            return; // `block_on` has returned: nobody will run it.
        }
        if let Runnable::MainFuture = runnable {
            if queue.main_queued {
                return; // one place in the queue is enough
            }
            queue.main_queued = true;
        }
        queue.ready.push_back(runnable);
        self.changed.notify_one();
    }

    /// The next thing to poll; while there is none, sleeps until a waker (a
    /// timer, another thread) queues something.
    fn next(&self) -> Runnable {
        let mut queue = self.queue.lock().unwrap();
        loop {
            if let Some(runnable) = queue.ready.pop_front() {
                if let Runnable::MainFuture = runnable {
                    queue.main_queued = false;
                }
                return runnable;
            }
            queue = self.changed.wait(queue).unwrap();
        }
    }
}

/// A task's waker: waking it queues the task again. It holds the task's
/// number, not its future, so a waker left behind keeps no future alive.
struct Task {
    id: u64,
    event_loop: Arc<Loop>,
    /// Whether the task is in the ready queue now: `wake` sets it, and
    /// `block_on` clears it just before each poll of the task.
    queued: AtomicBool,
}

impl Wake for Task {
    /// `Task::wake`: back on the ready queue (≈ `loop.call_soon(task.step)`),
    /// unless it is there already. Any thread may call it (the timer does).
    fn wake(self: Arc<Self>) {
        // ANCHOR: solution_task_waker
        // One place in the queue is enough however often it is woken: the
        // flag is read and set in one atomic step. (What a poll reads sits
        // behind mutexes, which order it.)
        if !self.queued.swap(true, Ordering::AcqRel) {
            Arc::clone(&self.event_loop).schedule(Runnable::Task(self));
        }
        // ANCHOR_END: solution_task_waker
    }
}

/// The waker of `block_on`'s own future.
struct MainWaker(Arc<Loop>);

impl Wake for MainWaker {
    fn wake(self: Arc<Self>) {
        self.0.schedule(Runnable::MainFuture);
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
        queue: Mutex::new(Queue {
            ready: VecDeque::from([Runnable::MainFuture]),
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
        match event_loop.next() {
            Runnable::MainFuture => {
                let mut cx = Context::from_waker(&main_waker);
                if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
                    return output;
                }
            }
            Runnable::Task(task) => {
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
            let mut queue = self.0.queue.lock().unwrap();
            queue.closed = true;
            std::mem::take(&mut queue.ready)
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
    let (end, handle) = join::handle();
    // If this future is dropped unfinished, `end` is too, and the handle gives `Err(Cancelled)`.
    let task_future = Box::pin(async move { end.finish(future.await) });
    static SPAWNED: AtomicU64 = AtomicU64::new(0);
    // Relaxed: the number only has to be unique, and one atomic step gives that.
    let id = SPAWNED.fetch_add(1, Ordering::Relaxed);
    event_loop.tasks.lock().unwrap().insert(id, task_future);
    let task = Arc::new(Task {
        id,
        event_loop,
        queued: AtomicBool::new(false),
    });
    task.wake(); // ≈ loop.call_soon(task.step)
    handle
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
