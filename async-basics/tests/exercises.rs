//! The exercises' checker: `cargo test --test exercises` (see EXERCISES.md).
//!
//! Time is tokio's paused clock wherever it matters (`start_paused`: a sleep
//! ends when nothing else can run, at once and always in the same order), so
//! no check waits on the real clock, except as a bound on a bug that hangs.

use std::cell::Cell;
use std::num::NonZeroUsize;
use std::panic;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};
use std::thread;
use std::time::Duration;

use async_basics::blocking;
use async_basics::gather::{gather_limited, gather_timeout};
use tokio::runtime::{Builder, Runtime};
use tokio::time::{Instant, sleep};

// The 5.2 exercise, the mini loop's waker.
#[path = "exercises/mini.rs"]
mod mini;

fn main() -> std::process::ExitCode {
    common::exercises::checker::main(
        env!("CARGO_MANIFEST_DIR"),
        &[
            ("to_thread", to_thread),
            ("task_waker", mini::task_waker),
            ("gather_limited", limited),
            ("gather_timeout", timed),
        ],
    )
}

/// How long a bug may keep something waiting that should come at once.
pub(crate) const PROMPTLY: Duration = Duration::from_secs(2);

/// One thread, one loop, as `asyncio.run`, with real time.
fn current_thread() -> Runtime {
    Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime")
}

/// The same with the paused clock: virtual time, exact and instant.
fn paused() -> Runtime {
    Builder::new_current_thread()
        .enable_time()
        .start_paused(true)
        .build()
        .expect("a paused tokio runtime")
}

/// The message of the panic that ended a task, if one did.
fn panic_message<T>(joined: Result<T, tokio::task::JoinError>) -> Option<String> {
    let payload = joined.err()?.try_into_panic().ok()?;
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
}

/// to_thread: the blocking call runs while the loop goes on, gives its
/// value, and its panic comes back to the caller.
fn to_thread() -> Result<(), String> {
    current_thread().block_on(async {
        let (beat, beats) = mpsc::channel();
        // A heartbeat on the loop: three beats, each after giving way once.
        tokio::spawn(async move {
            for n in 0..3 {
                tokio::task::yield_now().await;
                beat.send(n).ok();
            }
        });
        // The blocking call waits for the heartbeat: only if the loop runs
        // meanwhile can it ever hear it.
        let heard = blocking::to_thread(move || {
            (0..3)
                .map(|_| beats.recv_timeout(PROMPTLY))
                .collect::<Result<Vec<_>, _>>()
        })
        .await;
        if heard != Ok(vec![0, 1, 2]) {
            return Err(
                "the blocking function waited for 3 heartbeats of a task on the same \
                 loop and never heard them: to_thread ran it on the loop's own thread, which \
                 then runs nothing else, like `time.sleep` inside a coroutine stops asyncio's \
                 loop. asyncio.to_thread runs it on another thread"
                    .to_string(),
            );
        }
        let caller = thread::current().id();
        let ran_on = blocking::to_thread(|| thread::current().id()).await;
        if ran_on == caller {
            return Err("to_thread ran the function on the loop's thread".into());
        }
        let failed = tokio::spawn(blocking::to_thread(|| -> u32 { panic!("boom in f") })).await;
        match panic_message(failed) {
            Some(m) if m == "boom in f" => Ok(()),
            other => Err(format!(
                "to_thread(f), where f panics with \"boom in f\", ended with the panic \
                 {other:?}: like asyncio.to_thread re-raising f's exception, it should panic \
                 with f's own panic (std::panic::resume_unwind)"
            )),
        }
    })
}

/// Gathers six 10 ms jobs through `gather_limited(.., limit)`; their
/// outputs, the most running at once, and the virtual time it took.
async fn six_jobs(limit: NonZeroUsize) -> (Vec<u32>, usize, Duration) {
    let (running, most) = (&Cell::new(0), &Cell::new(0));
    let job = |n| async move {
        running.set(running.get() + 1);
        most.set(most.get().max(running.get()));
        sleep(Duration::from_millis(10)).await;
        running.set(running.get() - 1);
        n
    };
    let start = Instant::now();
    let outputs = gather_limited((0..6).map(job), limit).await;
    (outputs, most.get(), start.elapsed())
}

/// gather_limited: at most `limit` at once, and as many as that: six 10 ms
/// jobs two at a time take 30 ms, outputs in argument order.
fn limited() -> Result<(), String> {
    let two = NonZeroUsize::new(2).expect("2 is not 0");
    let (outputs, most, took) = paused().block_on(six_jobs(two));
    if most > 2 {
        return Err(format!(
            "{most} jobs ran at once; gather with a Semaphore(2) around each lets 2 in"
        ));
    }
    if most < 2 || took > Duration::from_millis(35) {
        return Err(format!(
            "six 10 ms jobs with a limit of 2 took {took:?} of virtual time, at most {most} at \
             once: they should run two at a time (30 ms). Awaiting them one after another is \
             the limit 1; let join_all poll them all, and the semaphore hold back the rest"
        ));
    }
    if outputs != [0, 1, 2, 3, 4, 5] {
        return Err(format!(
            "the outputs came back as {outputs:?}: gather keeps argument order"
        ));
    }
    let (outputs, most, _) = paused().block_on(six_jobs(NonZeroUsize::new(10).expect("10")));
    if most != 6 || outputs.len() != 6 {
        return Err(format!(
            "with a limit of 10, {most} of 6 jobs ran at once: all 6 should"
        ));
    }
    let huge = panic::catch_unwind(|| paused().block_on(six_jobs(NonZeroUsize::MAX)));
    match huge {
        Ok((_, 6, _)) => Ok(()),
        Ok((_, most, _)) => Err(format!(
            "with no real limit (usize::MAX) only {most} of 6 jobs ran at once"
        )),
        Err(_) => Err(
            "a limit of usize::MAX panicked: tokio's Semaphore holds at most \
             Semaphore::MAX_PERMITS permits; a larger limit means no limit"
                .into(),
        ),
    }
}

/// A task that sleeps `secs` (virtual), then says it finished.
fn slow(secs: u64, finished: &Arc<AtomicBool>) -> impl Future<Output = &'static str> + use<> {
    let finished = Arc::clone(finished);
    async move {
        sleep(Duration::from_secs(secs)).await;
        finished.store(true, Ordering::SeqCst);
        "slow"
    }
}

/// A job of [`gather_timeout`]'s, boxed so that different ones fit in one array.
type Job = std::pin::Pin<Box<dyn Future<Output = &'static str> + Send>>;

fn job(future: impl Future<Output = &'static str> + Send + 'static) -> Job {
    Box::pin(future)
}

/// The message for a task that ran on after the gather had given up.
fn ran_on(what: &str) -> String {
    format!(
        "{what}, the slow task still ran on to its end: a dropped JoinHandle detaches its \
         task, it does not cancel it. asyncio's wait_for cancels the gather, and the gather \
         cancels its children: abort the tasks (or keep them in a JoinSet, which aborts \
         every task it holds when dropped)"
    )
}

/// gather_timeout: outputs in argument order within the limit; at the limit
/// an error, and no task left running; a panic comes back, the rest cancelled.
fn timed() -> Result<(), String> {
    paused().block_on(async {
        let in_time = [("a", 30), ("b", 10), ("c", 20)].map(|(name, ms)| async move {
            sleep(Duration::from_millis(ms)).await;
            name
        });
        let start = Instant::now();
        let gathered = gather_timeout(in_time, Duration::MAX).await;
        if gathered != Ok(vec!["a", "b", "c"]) || start.elapsed() > Duration::from_millis(35) {
            return Err(format!(
                "gathering jobs of 30, 10 and 20 ms with no real limit gave {gathered:?} after \
                 {:?}: expected Ok([\"a\", \"b\", \"c\"]) after 30 ms, run together",
                start.elapsed()
            ));
        }
        let finished = Arc::new(AtomicBool::new(false));
        let start = Instant::now();
        let jobs = [job(async { "quick" }), job(slow(10, &finished))];
        let gave_up = gather_timeout(jobs, Duration::from_secs(1)).await;
        let took = start.elapsed();
        if gave_up.is_ok() || took >= Duration::from_secs(10) {
            return Err(format!(
                "a 10 s job with a 1 s limit gave {gave_up:?} after {took:?}: wait_for raises \
                 TimeoutError at the limit"
            ));
        }
        sleep(Duration::from_secs(20)).await;
        if finished.load(Ordering::SeqCst) {
            return Err(ran_on("9 s after gather_timeout had given up at 1 s"));
        }
        let finished = Arc::new(AtomicBool::new(false));
        let boom = job(async {
            sleep(Duration::from_millis(10)).await;
            panic!("boom in a task")
        });
        let jobs = [job(slow(10, &finished)), boom];
        let failed = tokio::spawn(gather_timeout(jobs, Duration::from_secs(60))).await;
        sleep(Duration::from_secs(20)).await;
        match panic_message(failed) {
            Some(m) if m == "boom in a task" => {}
            other => {
                return Err(format!(
                    "a gathered task panicked with \"boom in a task\", and gather_timeout \
                     ended with the panic {other:?}: it should panic with that one, as gather \
                     raises the first exception"
                ));
            }
        }
        if finished.load(Ordering::SeqCst) {
            return Err(ran_on("after another task's panic had ended the gather"));
        }
        Ok(())
    })
}
