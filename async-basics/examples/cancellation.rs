//! 5.3 Cancellation: `abort` ends a task at its `.await`; `Drop` is `finally:`.
//!
//! Python: `task.cancel()` raises `CancelledError` at the task's `await`;
//! `finally:` blocks run; `asyncio.TaskGroup` cancels the rest when one task fails.
//! Rust: dropping a `JoinHandle` only detaches; `abort()` drops the task's future
//! at the `.await` it waits in; `Drop` runs as `finally:`; a dropped `JoinSet`
//! aborts every task still in it.
//!
//! Watch: the detached task still finishes; the aborted one never resumes, and
//! every aborted task cleans up, innermost first.
//! Varies: nothing: channels order every step.
//!
//! Run: cargo run --release --example cancellation

use std::sync::{Arc, Mutex};

use tokio::sync::{mpsc, oneshot};
use tokio::task::JoinSet;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    dropping_a_handle_detaches().await;
    abort_cancels_at_the_next_await().await;
    drop_runs_like_finally().await;
    dropping_a_join_set_aborts_its_tasks().await;
}

type Log = Arc<Mutex<Vec<String>>>;

fn note(log: &Log, line: &str) {
    log.lock().unwrap().push(line.to_string());
}

// ANCHOR: dropping_a_handle_detaches
async fn dropping_a_handle_detaches() {
    println!("1. dropping a JoinHandle detaches the task: it runs on to its end");
    let (go, wait_for_go) = oneshot::channel::<()>();
    let (done, finished) = oneshot::channel();
    let handle = tokio::spawn(async move {
        wait_for_go.await.expect("main says go");
        done.send("finished anyway").expect("main listens");
    });
    drop(handle); // not a cancel: only our way to await it is gone
    go.send(()).expect("the task is still there to hear it");
    let report = finished.await;
    println!("   the detached task: {report:?}");
    println!("   (asyncio keeps only a weak reference: keep yours, or the task may vanish)");
    assert_eq!(report, Ok("finished anyway"), "a detached task still runs");
}
// ANCHOR_END: dropping_a_handle_detaches

// ANCHOR: abort_cancels_at_the_next_await
async fn abort_cancels_at_the_next_await() {
    println!("\n2. handle.abort() ≈ task.cancel(): the task ends at the .await it waits in");
    let ((started, waiting), (go, wait_for_go)) = (oneshot::channel(), oneshot::channel::<()>());
    let handle = tokio::spawn(async move {
        started.send(()).expect("main waits for it");
        let _ = wait_for_go.await; // cancelled here: nothing after it runs
        unreachable!("an aborted task does not resume");
    });
    waiting.await.expect("the task started");
    handle.abort();
    let result = handle.await;
    let gone = go.send(()).is_err(); // its receiver was dropped with the task
    println!("   awaiting it: {result:?}; the task's receiver dropped: {gone}");
    assert!(result.unwrap_err().is_cancelled(), "ended by abort");
    assert!(gone, "the task's future, and all it owned, were dropped");
}
// ANCHOR_END: abort_cancels_at_the_next_await

// ANCHOR: drop_runs_like_finally
/// Logs when dropped: the `finally:` of a Rust future.
struct Finally(&'static str, Log);

impl Drop for Finally {
    fn drop(&mut self) {
        note(&self.1, &format!("finally: {}", self.0));
    }
}

async fn drop_runs_like_finally() {
    println!("\n3. Drop ≈ finally: a cancelled task drops what it holds, innermost first");
    let (log, (ready, holding)) = (Log::default(), oneshot::channel());
    let task_log = Arc::clone(&log);
    let handle = tokio::spawn(async move {
        let _outer = Finally("outer", Arc::clone(&task_log)); // try: ...
        let _inner = Finally("inner", task_log); // a try: inside that one
        ready.send(()).expect("main waits for it");
        std::future::pending::<()>().await; // cancelled here
    });
    holding.await.expect("the task holds both");
    handle.abort();
    assert!(handle.await.unwrap_err().is_cancelled());
    let log = log.lock().unwrap().clone();
    println!("   {log:?} (a Drop cannot .await: async cleanup needs its own step)");
    assert_eq!(
        log,
        ["finally: inner", "finally: outer"],
        "as nested finally:"
    );
}
// ANCHOR_END: drop_runs_like_finally

// ANCHOR: dropping_a_join_set_aborts_its_tasks
async fn dropping_a_join_set_aborts_its_tasks() {
    println!("\n4. JoinSet ≈ asyncio.TaskGroup: dropping it aborts every task still in it");
    let log = Log::default();
    let (alive, mut all_gone) = mpsc::channel::<()>(1);
    let mut group = JoinSet::new();
    for name in ["sleeper 1", "sleeper 2", "sleeper 3"] {
        let (_finally, _alive) = (Finally(name, Arc::clone(&log)), alive.clone());
        group.spawn(async move {
            let _held = (_finally, _alive); // dropped when the task is
            std::future::pending::<Result<(), &str>>().await // only an abort ends it
        });
    }
    group.spawn(async { Err("task 4 failed") });
    drop(alive);
    let first = group
        .join_next()
        .await
        .expect("four tasks")
        .expect("no panic");
    drop(group); // aborts the three sleepers (set.shutdown().await also waits)
    let _ = all_gone.recv().await; // None once every sleeper has been dropped
    let cleaned = log.lock().unwrap().len();
    println!("   the first result: {first:?}; sleepers cleaned up: {cleaned}");
    assert_eq!(
        (first, cleaned),
        (Err("task 4 failed"), 3),
        "aborted on drop"
    );
}
// ANCHOR_END: dropping_a_join_set_aborts_its_tasks
