//! 5.3 Cancellation: what `abort` stops, what it cannot, and cleaning up.
//!
//! Python: `task.cancel()` raises `CancelledError` at the task's next `await`;
//! `finally:` runs; `asyncio.TaskGroup` cancels the rest when one task fails.
//! Rust: dropping a `JoinHandle` only detaches; `abort()` cancels at the next
//! `.await`, so never a loop without one, nor a `spawn_blocking` closure;
//! `Drop` is `finally:`; `select!` drops the branches that lose; `JoinSet`.
//!
//! Watch: the spinning loop runs on after `abort()`; `select!` loses the items
//! that a losing branch had already taken; every aborted task cleans up.
//! Varies: nothing: channels and flags order every step.
//!
//! Run: cargo run --release --example cancellation

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::sync::{mpsc, oneshot};
use tokio::task::{JoinSet, yield_now};

// Two workers, so main can call abort() while a task spins on a worker.
#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    dropping_a_handle_detaches().await;
    abort_cancels_at_the_next_await().await;
    a_loop_without_await_runs_on().await;
    a_loop_that_yields_is_cancelled().await;
    spawn_blocking_cannot_be_aborted().await;
    drop_runs_like_finally().await;
    select_loses_what_a_losing_branch_took().await;
    a_cancel_safe_select_loop().await;
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

// ANCHOR: a_loop_without_await_runs_on
/// Spins with no `.await` until `stop` is set (or for 10 s at most), then awaits.
async fn spin(started: oneshot::Sender<()>, stop: Arc<AtomicBool>, log: Log) {
    started.send(()).expect("main waits for it");
    let bound = Instant::now() + Duration::from_secs(10);
    // Relaxed: the flag carries no data, only "stop" (memory ordering: see the
    // 3.7 memory_ordering topic).
    while !stop.load(Ordering::Relaxed) && Instant::now() < bound {
        std::hint::spin_loop();
    }
    note(&log, "loop ran on after abort()");
    yield_now().await; // the first .await since abort(): cancelled here
    note(&log, "after the .await");
}

async fn a_loop_without_await_runs_on() {
    println!("\n3. abort() cannot stop a loop with no .await in it");
    let (log, stop) = (Log::default(), Arc::new(AtomicBool::new(false)));
    let (started, spinning) = oneshot::channel();
    let handle = tokio::spawn(spin(started, Arc::clone(&stop), Arc::clone(&log)));
    spinning.await.expect("the task started");
    handle.abort(); // asks; the loop never looks
    stop.store(true, Ordering::Relaxed); // only this ends the loop
    let result = handle.await;
    let log = log.lock().unwrap().clone();
    println!("   the task's log: {log:?}; then {result:?}");
    assert_eq!(
        log,
        ["loop ran on after abort()"],
        "cancelled after the loop"
    );
    assert!(result.unwrap_err().is_cancelled(), "at the first .await");
}
// ANCHOR_END: a_loop_without_await_runs_on

// ANCHOR: a_loop_that_yields_is_cancelled
async fn a_loop_that_yields_is_cancelled() {
    println!("\n4. the fix: give way in the loop (yield_now), and abort() stops it there");
    let (started, spinning) = oneshot::channel();
    let finished = Arc::new(AtomicBool::new(false));
    let done = Arc::clone(&finished);
    let handle = tokio::spawn(async move {
        started.send(()).expect("main waits for it");
        let bound = Instant::now() + Duration::from_secs(10);
        while Instant::now() < bound {
            yield_now().await; // a point where abort() takes effect
        }
        done.store(true, Ordering::Relaxed); // Relaxed: see `spin` above
    });
    spinning.await.expect("the task started");
    handle.abort();
    let result = handle.await;
    let finished = finished.load(Ordering::Relaxed);
    println!("   {result:?}; the loop ran to its end: {finished}");
    assert!(
        result.unwrap_err().is_cancelled() && !finished,
        "stopped at a yield"
    );
}
// ANCHOR_END: a_loop_that_yields_is_cancelled

// ANCHOR: spawn_blocking_cannot_be_aborted
async fn spawn_blocking_cannot_be_aborted() {
    println!("\n5. spawn_blocking ≈ asyncio.to_thread: abort() cannot stop the closure");
    let (started, running) = oneshot::channel();
    let (go, wait_for_go) = std::sync::mpsc::channel::<()>();
    let handle = tokio::task::spawn_blocking(move || {
        started.send(()).expect("main waits for it");
        // A blocking wait on a thread of its own: no .await where abort could act.
        wait_for_go.recv_timeout(Duration::from_secs(10)).is_ok()
    });
    running.await.expect("the closure started");
    handle.abort(); // no effect now: the closure is already running
    go.send(()).expect("the closure still waits for it");
    let result = handle.await;
    println!("   after abort(), the closure went on and returned {result:?}");
    assert!(matches!(result, Ok(true)), "the closure ran to its end");
}
// ANCHOR_END: spawn_blocking_cannot_be_aborted

// ANCHOR: drop_runs_like_finally
/// Logs when dropped: the `finally:` of a Rust future.
struct Finally(&'static str, Log);

impl Drop for Finally {
    fn drop(&mut self) {
        note(&self.1, &format!("finally: {}", self.0));
    }
}

async fn drop_runs_like_finally() {
    println!("\n6. Drop ≈ finally: a cancelled task drops what it holds, innermost first");
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

// ANCHOR: select_loses_what_a_losing_branch_took
/// Six items queued, and three ticks: what a `select!` loop serves.
fn items_and_ticks() -> (mpsc::Receiver<u32>, mpsc::Receiver<()>) {
    let ((items_tx, items), (ticks_tx, ticks)) = (mpsc::channel(6), mpsc::channel(3));
    (0..6).for_each(|item| items_tx.try_send(item).expect("room for six"));
    (0..3).for_each(|_| ticks_tx.try_send(()).expect("room for three"));
    (items, ticks) // the senders are dropped: each stream ends once drained
}

/// Takes the next item, then handles it: two steps, an `.await` between them.
async fn next_handled(items: &mut mpsc::Receiver<u32>) -> Option<u32> {
    let item = items.recv().await?;
    yield_now().await; // ≈ writing it somewhere; `select!` may drop us here
    Some(item)
}

async fn select_loses_what_a_losing_branch_took() {
    println!("\n7. select! drops the branches that lose, and with them what they took");
    let (mut items, mut ticks) = items_and_ticks();
    let (mut handled, mut tick_count) = (Vec::new(), 0);
    loop {
        tokio::select! {
            biased; // poll the branches in this order, so every run is alike
            Some(item) = next_handled(&mut items) => handled.push(item),
            Some(()) = ticks.recv() => tick_count += 1,
            else => break, // both streams are done
        }
    }
    let lost: Vec<u32> = (0..6).filter(|item| !handled.contains(item)).collect();
    println!("   handled {handled:?} and {tick_count} ticks; lost {lost:?}");
    assert_eq!(
        handled,
        [3, 4, 5],
        "each tick dropped an item already taken"
    );
}
// ANCHOR_END: select_loses_what_a_losing_branch_took

// ANCHOR: a_cancel_safe_select_loop
async fn a_cancel_safe_select_loop() {
    println!("\n8. a cancel-safe select! loop: recv() in the branch, the work in its body");
    let (mut items, mut ticks) = items_and_ticks();
    let (mut handled, mut tick_count) = (Vec::new(), 0);
    loop {
        tokio::select! {
            biased;
            // recv() is cancel-safe: an item is returned, or stays queued.
            Some(item) = items.recv() => {
                yield_now().await; // the same handling, in the body: never dropped
                handled.push(item);
            }
            Some(()) = ticks.recv() => tick_count += 1,
            else => break,
        }
    }
    println!("   handled {handled:?} and {tick_count} ticks: nothing lost");
    assert_eq!(
        (handled, tick_count),
        (vec![0, 1, 2, 3, 4, 5], 3),
        "all served"
    );
}
// ANCHOR_END: a_cancel_safe_select_loop

// ANCHOR: dropping_a_join_set_aborts_its_tasks
async fn dropping_a_join_set_aborts_its_tasks() {
    println!("\n9. JoinSet ≈ asyncio.TaskGroup: dropping it aborts every task still in it");
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
