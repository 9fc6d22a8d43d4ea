//! Timing with tokio's paused clock: time only moves when every task waits,
//! and then jumps straight to the next timer, so these checks are exact and
//! take no real time.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use async_basics::callbacks::{Outcome, add_done_callback};
use tokio::task::JoinSet;
use tokio::time::{Instant, sleep};

const SECOND: Duration = Duration::from_secs(1);

#[tokio::test(start_paused = true)]
async fn three_gathered_sleeps_end_at_one_second() {
    let start = Instant::now();
    let ends = tokio::join!(
        async {
            sleep(SECOND).await;
            start.elapsed()
        },
        async {
            sleep(SECOND).await;
            start.elapsed()
        },
        async {
            sleep(SECOND).await;
            start.elapsed()
        },
    );
    assert_eq!(ends, (SECOND, SECOND, SECOND));
    assert_eq!(start.elapsed(), SECOND);
}

#[tokio::test(start_paused = true)]
async fn three_sequential_sleeps_end_at_three_seconds() {
    let start = Instant::now();
    for _ in 0..3 {
        sleep(SECOND).await;
    }
    assert_eq!(start.elapsed(), 3 * SECOND);
}

#[tokio::test(start_paused = true)]
async fn spawned_tasks_overlap_like_create_task() {
    let start = Instant::now();
    let tasks: Vec<_> = (0..3).map(|_| tokio::spawn(sleep(SECOND))).collect();
    for task in tasks {
        task.await.unwrap();
    }
    assert_eq!(start.elapsed(), SECOND);
}

#[tokio::test(start_paused = true)]
async fn the_notebook_program_prints_in_order() {
    let log = Arc::new(Mutex::new(Vec::new()));
    let task = |n: u32| {
        let log = Arc::clone(&log);
        async move {
            log.lock().unwrap().push(format!("Start task {n}"));
            sleep(SECOND).await;
            log.lock().unwrap().push(format!("End task {n}"));
        }
    };
    let start = Instant::now();
    tokio::join!(biased; task(1), task(2), task(3));
    assert_eq!(start.elapsed(), SECOND);
    assert_eq!(
        *log.lock().unwrap(),
        [
            "Start task 1",
            "Start task 2",
            "Start task 3",
            "End task 1",
            "End task 2",
            "End task 3"
        ]
    );
}

#[tokio::test(start_paused = true)]
async fn gather_keeps_argument_order_and_as_completed_does_not() {
    let after = |secs: u64, value: &'static str| async move {
        sleep(Duration::from_secs(secs)).await;
        value
    };
    let start = Instant::now();
    let gathered = futures::future::join_all([after(3, "a"), after(2, "b"), after(1, "c")]).await;
    assert_eq!(gathered, ["a", "b", "c"]);
    assert_eq!(start.elapsed(), 3 * SECOND);

    let mut set = JoinSet::new();
    for (secs, value) in [(3, "a"), (2, "b"), (1, "c")] {
        set.spawn(after(secs, value));
    }
    let mut completed = Vec::new();
    while let Some(done) = set.join_next().await {
        completed.push((done.unwrap(), start.elapsed()));
    }
    assert_eq!(
        completed,
        [("c", 4 * SECOND), ("b", 5 * SECOND), ("a", 6 * SECOND)]
    );
}

#[tokio::test(start_paused = true)]
async fn try_join_stops_at_the_first_error() {
    let start = Instant::now();
    let result: Result<((), ()), &str> = tokio::try_join!(
        async {
            sleep(10 * SECOND).await;
            Ok(())
        },
        async {
            sleep(SECOND).await;
            Err("boom")
        },
    );
    assert_eq!(result, Err("boom"));
    assert_eq!(start.elapsed(), SECOND, "it did not wait for the slow one");
}

#[tokio::test(start_paused = true)]
async fn a_timeout_fires_at_its_deadline() {
    let start = Instant::now();
    let late = tokio::time::timeout(SECOND, sleep(2 * SECOND)).await;
    assert!(late.is_err());
    assert_eq!(start.elapsed(), SECOND);

    let on_time = tokio::time::timeout(2 * SECOND, async {
        sleep(SECOND).await;
        7
    })
    .await;
    assert_eq!(on_time, Ok(7));
    assert_eq!(start.elapsed(), 2 * SECOND);
}

#[tokio::test(start_paused = true)]
async fn an_aborted_task_reports_cancellation() {
    let reached = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&reached);
    let task = tokio::spawn(async move {
        counter.fetch_add(1, Ordering::SeqCst);
        sleep(60 * SECOND).await;
        counter.fetch_add(1, Ordering::SeqCst); // never: cancelled at the await above
    });
    tokio::task::yield_now().await; // let it reach its sleep
    task.abort();
    let error = task.await.unwrap_err();
    assert!(error.is_cancelled());
    assert!(!error.is_panic());
    assert_eq!(reached.load(Ordering::SeqCst), 1);
}

#[tokio::test(start_paused = true)]
async fn a_dropped_future_never_resumes() {
    let resumed = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&resumed);
    let future = async move {
        sleep(SECOND).await;
        counter.fetch_add(1, Ordering::SeqCst);
    };
    assert!(tokio::time::timeout(SECOND / 2, future).await.is_err());
    sleep(10 * SECOND).await;
    assert_eq!(resumed.load(Ordering::SeqCst), 0);
}

/// Spawns `task`, attaches a counting callback, optionally aborts, and
/// returns (how many times the callback ran, what it saw).
async fn callback_calls<T>(
    task: tokio::task::JoinHandle<T>,
    abort: bool,
) -> (usize, Vec<Outcome<T>>)
where
    T: Send + 'static,
{
    let calls = Arc::new(AtomicUsize::new(0));
    let seen = Arc::new(Mutex::new(Vec::new()));
    let cancel = task.abort_handle();
    let watcher = add_done_callback(task, {
        let calls = Arc::clone(&calls);
        let seen = Arc::clone(&seen);
        move |outcome| {
            calls.fetch_add(1, Ordering::SeqCst);
            seen.lock().unwrap().push(outcome);
        }
    });
    if abort {
        cancel.abort();
    }
    watcher.await.unwrap();
    // Give anything that might call it again every chance to.
    sleep(100 * SECOND).await;
    let seen = std::mem::take(&mut *seen.lock().unwrap());
    (calls.load(Ordering::SeqCst), seen)
}

#[tokio::test(start_paused = true)]
async fn a_done_callback_runs_once_with_the_result() {
    let task = tokio::spawn(async {
        sleep(SECOND).await;
        "done"
    });
    assert_eq!(
        callback_calls(task, false).await,
        (1, vec![Outcome::Finished("done")])
    );
}

#[tokio::test(start_paused = true)]
async fn a_done_callback_runs_once_for_a_cancelled_task() {
    let task = tokio::spawn(async {
        sleep(60 * SECOND).await;
        "never"
    });
    assert_eq!(
        callback_calls(task, true).await,
        (1, vec![Outcome::Cancelled])
    );
}

#[tokio::test(start_paused = true)]
async fn a_done_callback_sees_a_panic() {
    let task = tokio::spawn(async {
        sleep(SECOND).await;
        if std::hint::black_box(true) {
            panic!("on purpose (this test expects it)");
        }
        0
    });
    assert_eq!(
        callback_calls(task, false).await,
        (
            1,
            vec![Outcome::Panicked(
                "on purpose (this test expects it)".to_string()
            )]
        )
    );
}

#[tokio::test(start_paused = true)]
async fn a_callback_on_an_already_finished_task_still_runs() {
    let task = tokio::spawn(async { 5 });
    sleep(SECOND).await; // the task is long done
    assert!(task.is_finished());
    assert_eq!(
        callback_calls(task, false).await,
        (1, vec![Outcome::Finished(5)])
    );
}
