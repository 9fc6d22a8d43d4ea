//! Step 5: step 4 made fast, the way tokio's current-thread runtime is.
//!
//! Step 4 spends most of a poll on three things (the 5.2 page shows the
//! profile): a system call per wake (`Condvar::notify_one` calls into the
//! kernel on Linux, asleep or not), a `HashMap` (and its hash) to take the
//! future out and put it back, and four lock round trips. Here:
//!
//! - **A local queue without a lock.** The queue and the futures are in a
//!   `Local` that only the loop's thread touches (`RefCell`, not `Mutex`).
//!   A wake on that thread, which a thread-local tells apart, pushes onto it
//!   directly; a wake from another thread (the timer) goes to a remote
//!   queue behind a mutex, which the loop drains into the local one.
//! - **A slab, not a map:** a task's future sits at an index of a `Vec`.
//! - **`park`, not a condition variable:** the loop's thread parks when it
//!   has nothing to run, and `unpark` calls into the kernel only then.
//!
//! A wake on the loop's thread takes no lock, allocates nothing and makes no
//! system call. Every guarantee of step 4 holds (the same tests run on both).
//! The cost: two queues, two paths for a wake, and one more thing to reason
//! about (which thread may touch what).

use std::cell::RefCell;
use std::collections::VecDeque;
use std::future::Future;
use std::pin::{Pin, pin};
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};
use std::thread::{self, Thread};

pub use super::join::{Cancelled, JoinHandle};
pub use super::timer::{Sleep, sleep};
pub use super::yield_now;

type BoxFuture = Pin<Box<dyn Future<Output = ()> + Send>>;

// ANCHOR: local
/// The loop's own state: only the thread that runs `block_on` touches it.
struct Local {
    ready: RefCell<VecDeque<Arc<TaskWaker>>>,
    tasks: RefCell<Slab>,
    shared: Arc<Shared>,
}

/// What other threads reach, through a waker.
struct Shared {
    remote: Mutex<Remote>,
    /// Whether `remote.woken` may hold tasks: read without the lock each turn.
    has_remote: AtomicBool,
    /// The loop's thread, to unpark.
    thread: Thread,
}

struct Remote {
    woken: Vec<Arc<TaskWaker>>,
    closed: bool, // set when `block_on` returns: nothing is queued any more
}

/// A task's waker, as in step 4, with its slot in the slab for a number.
struct TaskWaker {
    slot: usize,
    queued: AtomicBool,
    shared: Arc<Shared>,
}
// ANCHOR_END: local

/// The slot of `block_on`'s own future, which stays on its stack.
const MAIN: usize = usize::MAX;

// ANCHOR: wake
impl Wake for TaskWaker {
    fn wake(self: Arc<Self>) {
        if !self.queued.swap(true, Ordering::AcqRel) {
            schedule(self);
        }
    }

    fn wake_by_ref(self: &Arc<Self>) {
        if !self.queued.swap(true, Ordering::AcqRel) {
            schedule(Arc::clone(self));
        }
    }
}

fn schedule(task: Arc<TaskWaker>) {
    let remote = CURRENT.with_borrow(|current| match current {
        // On the loop's own thread: onto its local queue, no lock.
        Some(local) if Arc::ptr_eq(&local.shared, &task.shared) => {
            local.ready.borrow_mut().push_back(task);
            None
        }
        _ => Some(task),
    });
    if let Some(task) = remote {
        let shared = Arc::clone(&task.shared);
        let mut queue = shared.remote.lock().unwrap();
        if queue.closed {
            return; // `block_on` has returned: nobody will run it.
        }
        queue.woken.push(task);
        shared.has_remote.store(true, Ordering::Release);
        drop(queue);
        shared.thread.unpark(); // a system call only if the loop's thread is parked
    }
}
// ANCHOR_END: wake

thread_local! {
    /// The loop running on this thread (asyncio: `get_running_loop()`).
    static CURRENT: RefCell<Option<Rc<Local>>> = const { RefCell::new(None) };
}

impl Local {
    // ANCHOR: next
    /// The next task to poll: woken ones from other threads join the back of
    /// the local queue first; while there is none, parks.
    fn next(&self) -> Arc<TaskWaker> {
        loop {
            if self.shared.has_remote.load(Ordering::Acquire) {
                let mut remote = self.shared.remote.lock().unwrap();
                self.shared.has_remote.store(false, Ordering::Relaxed);
                self.ready.borrow_mut().extend(remote.woken.drain(..));
            }
            if let Some(task) = self.ready.borrow_mut().pop_front() {
                return task;
            }
            // An unpark after the load above is not lost: park returns at once.
            if !self.shared.has_remote.load(Ordering::Acquire) {
                thread::park();
            }
        }
    }
    // ANCHOR_END: next

    /// Polls a spawned task, and keeps its future if it is still pending.
    fn poll_task(&self, task: Arc<TaskWaker>) {
        let slot = task.slot;
        // Taken out to poll it without a borrow (it may spawn); gone if finished.
        let Some(mut future) = self.tasks.borrow_mut().take(&task) else {
            return;
        };
        let waker = Waker::from(task);
        if future
            .as_mut()
            .poll(&mut Context::from_waker(&waker))
            .is_pending()
        {
            self.tasks.borrow_mut().put_back(slot, future);
        } else {
            self.tasks.borrow_mut().remove(slot);
        }
    }
}

/// Unfinished futures by slot; a finished task's slot is reused.
#[derive(Default)]
struct Slab {
    slots: Vec<Option<(Arc<TaskWaker>, Option<BoxFuture>)>>,
    free: Vec<usize>,
}

impl Slab {
    fn insert(&mut self, shared: &Arc<Shared>, future: BoxFuture) -> Arc<TaskWaker> {
        let slot = self.free.pop().unwrap_or(self.slots.len());
        let task = TaskWaker::new(slot, Arc::clone(shared));
        let entry = Some((Arc::clone(&task), Some(future)));
        match self.slots.get_mut(slot) {
            Some(vacant) => *vacant = entry,
            None => self.slots.push(entry),
        }
        task
    }

    /// The future of `task`, unless it finished (and its slot went to another).
    fn take(&mut self, task: &Arc<TaskWaker>) -> Option<BoxFuture> {
        match self.slots.get_mut(task.slot) {
            Some(Some((owner, future))) if Arc::ptr_eq(owner, task) => future.take(),
            _ => None,
        }
    }

    fn put_back(&mut self, slot: usize, future: BoxFuture) {
        if let Some(Some((_, empty))) = self.slots.get_mut(slot) {
            *empty = Some(future);
        }
    }

    fn remove(&mut self, slot: usize) {
        self.slots[slot] = None;
        self.free.push(slot);
    }
}

impl TaskWaker {
    fn new(slot: usize, shared: Arc<Shared>) -> Arc<Self> {
        let queued = AtomicBool::new(false);
        Arc::new(TaskWaker {
            slot,
            queued,
            shared,
        })
    }
}

// ANCHOR: block_on
/// Runs `future` to completion on this thread, with every task it spawns,
/// as step 4's `block_on` does, with the same guarantees.
///
/// # Panics
/// If called inside another `block_on` on the same thread, or if a task panics.
pub fn block_on<F: Future>(future: F) -> F::Output {
    let shared = Arc::new(Shared {
        remote: Mutex::new(Remote {
            woken: Vec::new(),
            closed: false,
        }),
        has_remote: AtomicBool::new(false),
        thread: thread::current(),
    });
    let local = Rc::new(Local {
        ready: RefCell::default(),
        tasks: RefCell::default(),
        shared,
    });
    CURRENT.with_borrow_mut(|current| {
        assert!(current.is_none(), "mini::block_on cannot be nested");
        *current = Some(Rc::clone(&local));
    });
    let _guard = Closing(Rc::clone(&local)); // even on a panic
    let main_waker = Waker::from(TaskWaker::new(MAIN, Arc::clone(&local.shared)));
    main_waker.wake_by_ref();
    let mut future = pin!(future);
    loop {
        let task = local.next();
        task.queued.store(false, Ordering::Release);
        if task.slot == MAIN {
            let mut cx = Context::from_waker(&main_waker);
            if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
                return output;
            }
        } else {
            local.poll_task(task);
        }
    }
}
// ANCHOR_END: block_on

struct Closing(Rc<Local>);

impl Drop for Closing {
    fn drop(&mut self) {
        CURRENT.with_borrow_mut(|current| *current = None);
        let woken = {
            let mut remote = self.0.shared.remote.lock().unwrap();
            remote.closed = true;
            std::mem::take(&mut remote.woken)
        };
        let ready = self.0.ready.take();
        // Dropped outside every borrow and lock: a dropped future may wake someone.
        let unfinished = self.0.tasks.take();
        drop((woken, ready));
        drop(unfinished);
    }
}

/// Starts `future` as a task on the running loop, as step 4's `spawn` does.
///
/// # Panics
/// If no [`block_on`] runs on this thread.
pub fn spawn<F>(future: F) -> JoinHandle<F::Output>
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    let local = CURRENT
        .with_borrow(|current| current.clone())
        .expect("mini::spawn called outside mini::block_on");
    let (end, handle) = super::join::handle();
    let future = Box::pin(async move { end.finish(future.await) });
    let task = local.tasks.borrow_mut().insert(&local.shared, future);
    task.wake();
    handle
}
