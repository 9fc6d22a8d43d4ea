//! Step 4: timers, and a loop that owns its tasks. The loop the lessons run.
//!
//! [`sleep`] (≈ `asyncio.sleep`) hands its waker to a timer thread
//! (`timer.rs`, asyncio's heap `loop._scheduled`), which calls it when the
//! deadline comes. A timer may hold a waker long after `block_on` returns,
//! so here a waker no longer holds its task: a `TaskWaker` holds the task's
//! number, and the loop keeps every unfinished future in a map by number.
//! When [`block_on`] returns, normally or by a panic, it drops them all,
//! asleep or not, and their [`JoinHandle`]s give `Err(`[`Cancelled`]`)`.
//! `block_on`'s own future is task 0: one kind of queue entry, one flag.
//!
//! What it costs: every poll takes the queue's lock and moves the future out
//! of a `HashMap` and back, and every wake signals a condition variable (a
//! system call on Linux). Step 5 removes all three.

use std::cell::RefCell;
use std::collections::{HashMap, VecDeque};
use std::future::Future;
use std::pin::{Pin, pin};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::task::{Context, Poll, Wake, Waker};

pub use super::join::{Cancelled, JoinHandle};
pub use super::timer::{Sleep, sleep};
pub use super::yield_now;

type BoxFuture = Pin<Box<dyn Future<Output = ()> + Send>>;

// ANCHOR: loop
/// The loop: the ready queue, and every unfinished task's future by number.
struct Loop {
    queue: Mutex<Queue>,
    changed: Condvar,
    tasks: Mutex<HashMap<u64, BoxFuture>>,
}

struct Queue {
    ready: VecDeque<Arc<TaskWaker>>,
    closed: bool, // set when `block_on` returns: nothing is queued any more
}

/// The number of `block_on`'s own future, which stays on its stack.
const MAIN: u64 = 0;

/// A task's waker: waking it queues the task again. It holds the task's
/// number, not its future, so a waker left behind keeps no future alive.
struct TaskWaker {
    id: u64,
    event_loop: Arc<Loop>,
    /// Whether the task is in the ready queue now: `wake` sets it, and
    /// `block_on` clears it just before each poll of the task.
    queued: AtomicBool,
}
// ANCHOR_END: loop

impl Loop {
    fn schedule(&self, task: Arc<TaskWaker>) {
        let mut queue = self.queue.lock().unwrap();
        if queue.closed {
            return; // `block_on` has returned: nobody will run it.
        }
        queue.ready.push_back(task);
        self.changed.notify_one();
    }

    /// The next task to poll; while there is none, sleeps until a waker (a
    /// timer, another thread) queues one.
    fn next(&self) -> Arc<TaskWaker> {
        let mut queue = self.queue.lock().unwrap();
        loop {
            if let Some(task) = queue.ready.pop_front() {
                return task;
            }
            queue = self.changed.wait(queue).unwrap();
        }
    }
}

// ANCHOR: wake
impl Wake for TaskWaker {
    /// `TaskWaker::wake`: back on the ready queue (≈ `loop.call_soon(task.step)`),
    /// unless it is there already. Any thread may call it (the timer does).
    fn wake(self: Arc<Self>) {
        // ANCHOR: solution_task_waker
        // One place in the queue is enough however often it is woken: the
        // flag is read and set in one atomic step. (What a poll reads sits
        // behind mutexes, which order it.)
        if !self.queued.swap(true, Ordering::AcqRel) {
            Arc::clone(&self.event_loop).schedule(self);
        }
        // ANCHOR_END: solution_task_waker
    }
}
// ANCHOR_END: wake

thread_local! {
    /// The loop running on this thread (asyncio: `get_running_loop()`).
    static CURRENT: RefCell<Option<Arc<Loop>>> = const { RefCell::new(None) };
}

// ANCHOR: block_on
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
            ready: VecDeque::new(),
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
    let main = TaskWaker::new(MAIN, Arc::clone(&event_loop));
    let main_waker = Waker::from(main);
    main_waker.wake_by_ref(); // queued first, as any task is when spawned
    let mut future = pin!(future);
    loop {
        let task = event_loop.next();
        // Cleared before polling, so a wake during the poll queues it again.
        task.queued.store(false, Ordering::Release);
        if task.id == MAIN {
            let mut cx = Context::from_waker(&main_waker);
            if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
                return output;
            }
        } else {
            poll_task(&event_loop, task);
        }
    }
}

/// Polls a spawned task, and keeps its future if it is still pending.
fn poll_task(event_loop: &Loop, task: Arc<TaskWaker>) {
    let id = task.id;
    // Taken out to poll it without the lock (it may spawn); gone if finished.
    let Some(mut future) = event_loop.tasks.lock().unwrap().remove(&id) else {
        return;
    };
    let waker = Waker::from(task);
    if future
        .as_mut()
        .poll(&mut Context::from_waker(&waker))
        .is_pending()
    {
        event_loop.tasks.lock().unwrap().insert(id, future);
    }
}
// ANCHOR_END: block_on

impl TaskWaker {
    fn new(id: u64, event_loop: Arc<Loop>) -> Arc<Self> {
        Arc::new(TaskWaker {
            id,
            event_loop,
            queued: AtomicBool::new(false),
        })
    }
}

// ANCHOR: closing
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
// ANCHOR_END: closing

// ANCHOR: spawn
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
    let (end, handle) = super::join::handle();
    // If this future is dropped unfinished, `end` is too, and the handle gives `Err(Cancelled)`.
    let task_future = Box::pin(async move { end.finish(future.await) });
    static SPAWNED: AtomicU64 = AtomicU64::new(MAIN + 1);
    // Relaxed: the number only has to be unique, and one atomic step gives that.
    let id = SPAWNED.fetch_add(1, Ordering::Relaxed);
    event_loop.tasks.lock().unwrap().insert(id, task_future);
    TaskWaker::new(id, event_loop).wake(); // ≈ loop.call_soon(task.step)
    handle
}
// ANCHOR_END: spawn
