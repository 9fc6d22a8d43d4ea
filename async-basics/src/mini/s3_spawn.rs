//! Step 3: many tasks on one thread: a ready queue, `spawn`, join handles.
//!
//! [`spawn`] (≈ `asyncio.create_task`) boxes a future into a task. A task is
//! its own waker: waking it puts it at the back of the **ready queue** (≈
//! `loop.call_soon(task.step)` onto asyncio's deque `loop._ready`), once,
//! however often it is woken. [`block_on`] polls whatever the queue gives it,
//! and sleeps on a condition variable while the queue is empty. The future
//! given to `block_on` (the `main()` of `asyncio.run(main())`) lives on its
//! stack, so the queue holds two kinds of entry, each with its own flag.
//!
//! What it lacks: a task lives as long as anyone holds its waker. One asleep
//! in a timer outlives `block_on`, with all it owns, until the timer lets go
//! of its waker, and its [`JoinHandle`] waits as long. Step 4 lets the loop
//! own its tasks.
//!
//! ```
//! use async_basics::mini::s3_spawn::{block_on, spawn};
//! let total = block_on(async { spawn(async { 40 }).await.unwrap() + 2 });
//! assert_eq!(total, 42);
//! ```

use std::cell::RefCell;
use std::collections::VecDeque;
use std::future::Future;
use std::pin::{Pin, pin};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::task::{Context, Poll, Wake, Waker};

pub use super::join::{Cancelled, JoinHandle};
pub use super::yield_now;

type BoxFuture = Pin<Box<dyn Future<Output = ()> + Send>>;

// ANCHOR: queue
/// The loop: the ready queue, and a condition variable to sleep on.
struct Loop {
    queue: Mutex<Queue>,
    changed: Condvar,
}

struct Queue {
    ready: VecDeque<Runnable>,
    main_queued: bool, // whether `Main` is in `ready` (a task has a flag of its own)
    closed: bool,      // set when `block_on` returns: nothing is queued any more
}

/// What the ready queue holds: `block_on`'s own future, or a spawned task.
enum Runnable {
    Main,
    Task(Arc<SpawnedTask>),
}
// ANCHOR_END: queue

impl Loop {
    fn schedule(&self, runnable: Runnable) {
        let mut queue = self.queue.lock().unwrap();
        if queue.closed {
            return; // `block_on` has returned: nobody will run it.
        }
        if let Runnable::Main = runnable {
            if queue.main_queued {
                return; // one place in the queue is enough
            }
            queue.main_queued = true;
        }
        queue.ready.push_back(runnable);
        self.changed.notify_one();
    }

    /// The next thing to poll; while there is none, sleeps until a waker queues one.
    fn next(&self) -> Runnable {
        let mut queue = self.queue.lock().unwrap();
        loop {
            if let Some(runnable) = queue.ready.pop_front() {
                if let Runnable::Main = runnable {
                    queue.main_queued = false;
                }
                return runnable;
            }
            queue = self.changed.wait(queue).unwrap();
        }
    }
}

// ANCHOR: task
/// A spawned task: its future, and its place in the queue. It is its own waker.
struct SpawnedTask {
    /// `None` once the future has finished.
    future: Mutex<Option<BoxFuture>>,
    /// Whether it is in the ready queue now.
    queued: AtomicBool,
    event_loop: Arc<Loop>,
}

impl Wake for SpawnedTask {
    fn wake(self: Arc<Self>) {
        if !self.queued.swap(true, Ordering::AcqRel) {
            Arc::clone(&self.event_loop).schedule(Runnable::Task(self));
        }
    }
}
// ANCHOR_END: task

/// The waker of `block_on`'s own future.
struct MainWaker(Arc<Loop>);

impl Wake for MainWaker {
    fn wake(self: Arc<Self>) {
        self.0.schedule(Runnable::Main);
    }
}

thread_local! {
    /// The loop running on this thread (asyncio: `get_running_loop()`).
    static CURRENT: RefCell<Option<Arc<Loop>>> = const { RefCell::new(None) };
}

// ANCHOR: block_on
/// Runs `future` to completion on this thread, with every task it spawns
/// (≈ `asyncio.run(main())`).
///
/// # Panics
/// If called inside another `block_on` on the same thread, or if a task panics.
pub fn block_on<F: Future>(future: F) -> F::Output {
    let event_loop = Arc::new(Loop {
        queue: Mutex::new(Queue {
            ready: VecDeque::from([Runnable::Main]),
            main_queued: true,
            closed: false,
        }),
        changed: Condvar::new(),
    });
    CURRENT.with_borrow_mut(|current| {
        assert!(current.is_none(), "mini::block_on cannot be nested");
        *current = Some(Arc::clone(&event_loop));
    });
    let _guard = Closing(Arc::clone(&event_loop)); // even on a panic
    let main_waker = Waker::from(Arc::new(MainWaker(Arc::clone(&event_loop))));
    let mut future = pin!(future);
    loop {
        match event_loop.next() {
            Runnable::Main => {
                let mut cx = Context::from_waker(&main_waker);
                if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
                    return output;
                }
            }
            Runnable::Task(task) => {
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
// ANCHOR_END: block_on

/// Unsets the loop and empties its queue when `block_on` ends.
struct Closing(Arc<Loop>);

impl Drop for Closing {
    fn drop(&mut self) {
        CURRENT.with_borrow_mut(|current| *current = None);
        let queued = {
            let mut queue = self.0.queue.lock().unwrap();
            queue.closed = true;
            std::mem::take(&mut queue.ready)
        };
        drop(queued); // outside the lock: a dropped future may wake someone
    }
}

// ANCHOR: spawn
/// Starts `future` as a task on the running loop (≈ `asyncio.create_task`).
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
    let task = Arc::new(SpawnedTask {
        future: Mutex::new(Some(Box::pin(async move { end.finish(future.await) }))),
        queued: AtomicBool::new(false),
        event_loop,
    });
    task.wake(); // ≈ loop.call_soon(task.step)
    handle
}
// ANCHOR_END: spawn
