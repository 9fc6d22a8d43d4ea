//! 5.2 Event loop: `#[tokio::main]`, a runtime built by hand, and its flavours.
//!
//! Python: `asyncio.run` hides the loop; `asyncio.new_event_loop()` makes one,
//! `asyncio.set_event_loop(loop)` makes it current, `loop.run_until_complete`
//! drives it, and `asyncio.get_running_loop()` finds it from inside a coroutine.
//! Rust: `#[tokio::main]` hides the runtime; `runtime::Builder` makes one
//! (`new_current_thread` is the asyncio-like one-thread loop), `Runtime::enter`
//! makes it current, `Runtime::block_on` drives it, `Handle::current()` finds it.
//! Unlike asyncio, tokio also has a multi-thread flavour: a pool of worker
//! threads that run tasks in parallel and keep running them on their own.
//!
//! Watch: on the current-thread runtime every task runs on `main`, and a task
//! spawned before `block_on` waits for it; on the multi-thread runtime tasks
//! run on worker threads, even while `main` is not in `block_on` at all.
//! Varies: which of the worker threads ran which task (the scheduler decides).
//!
//! Run: cargo run --release --example event_loop

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, mpsc};
use std::time::Duration;

use tokio::runtime::{Builder, Handle, RuntimeFlavor};

fn thread_name() -> String {
    std::thread::current()
        .name()
        .unwrap_or("<unnamed>")
        .to_string()
}

/// `#[tokio::main]` is not only for `main`: on any `async fn` it builds a
/// runtime and calls `block_on` on the body, as `asyncio.run` does.
#[tokio::main(flavor = "current_thread")]
async fn with_the_attribute() -> (String, RuntimeFlavor) {
    tokio::task::yield_now().await;
    (thread_name(), Handle::current().runtime_flavor())
}

fn main() {
    println!("1. #[tokio::main] ≈ asyncio.run: a runtime around one async fn");
    let (ran_on, flavor) = with_the_attribute();
    println!("   the body ran on thread {ran_on:?}, flavour {flavor:?}");

    println!();
    println!("2. a loop built by hand ≈ asyncio.new_event_loop()");
    // Outside any runtime there is no current one, like get_running_loop()'s
    // "RuntimeError: no running event loop".
    let outside = Handle::try_current();
    println!(
        "   Handle::try_current() outside: {}",
        match &outside {
            Ok(_) => "a runtime (unexpected)".to_string(),
            Err(e) => format!("error: {e}"),
        }
    );
    let runtime = Builder::new_current_thread()
        .enable_all() // timers and sockets; asyncio's loop always has both
        .build()
        .expect("build a current-thread runtime");

    // enter() ≈ set_event_loop(loop): now sync code can find it and spawn on it.
    let guard = runtime.enter();
    let ran = Arc::new(AtomicBool::new(false));
    let early = tokio::spawn({
        let ran = Arc::clone(&ran);
        async move {
            ran.store(true, Ordering::SeqCst);
            thread_name()
        }
    });
    drop(guard);
    // Nobody drives a current-thread runtime between block_on calls: the task
    // waits, as a task created on an asyncio loop that is not running waits.
    let ran_before = ran.load(Ordering::SeqCst);
    println!("   spawned before block_on; has it run? {ran_before}");

    // block_on ≈ loop.run_until_complete(main): it drives every task on this
    // thread until *its* future is done, then returns.
    let (early_thread, inside_flavor) = runtime.block_on(async {
        let early_thread = early.await.expect("the early task");
        // Handle::current() ≈ asyncio.get_running_loop()
        (early_thread, Handle::current().runtime_flavor())
    });
    println!(
        "   after block_on it ran, on thread {early_thread:?}; flavour inside: {inside_flavor:?}"
    );

    let current_threads: BTreeSet<String> = runtime.block_on(async {
        let tasks: Vec<_> = (0..8)
            .map(|_| tokio::spawn(async { thread_name() }))
            .collect();
        futures::future::join_all(tasks)
            .await
            .into_iter()
            .map(Result::unwrap)
            .collect()
    });
    println!("   8 tasks ran on: {current_threads:?}");
    // Dropping the runtime ≈ loop.close(): unfinished tasks are dropped.
    drop(runtime);

    println!();
    println!("3. the multi-thread flavour: a pool of workers (asyncio has none)");
    let pool = Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name_fn(|| {
            static NEXT: AtomicUsize = AtomicUsize::new(1);
            format!("tokio-worker-{}", NEXT.fetch_add(1, Ordering::Relaxed))
        })
        .enable_all()
        .build()
        .expect("build a multi-thread runtime");
    // No block_on here: the workers run the task by themselves, and main just
    // blocks on an ordinary channel for the answer.
    let (tx, rx) = mpsc::channel();
    pool.spawn(async move {
        tx.send(thread_name()).unwrap();
    });
    let answer = rx
        .recv_timeout(Duration::from_secs(10))
        .expect("a worker ran the task without block_on");
    println!("   a task spawned with no block_on ran on {answer:?}");
    let pool_threads: BTreeSet<String> = pool.block_on(async {
        let tasks: Vec<_> = (0..8)
            .map(|_| {
                tokio::spawn(async {
                    // A little blocking work, so both workers get a share.
                    std::thread::sleep(Duration::from_millis(5));
                    thread_name()
                })
            })
            .collect();
        futures::future::join_all(tasks)
            .await
            .into_iter()
            .map(Result::unwrap)
            .collect()
    });
    println!("   8 tasks ran on: {pool_threads:?}");
    pool.shutdown_timeout(Duration::from_secs(5));

    assert_eq!(ran_on, "main");
    assert_eq!(flavor, RuntimeFlavor::CurrentThread);
    assert!(outside.is_err());
    assert!(
        !ran_before,
        "a current-thread runtime ran a task without block_on"
    );
    assert_eq!(early_thread, "main");
    assert_eq!(current_threads, BTreeSet::from(["main".to_string()]));
    assert!(answer.starts_with("tokio-worker-"), "{answer}");
    assert!(
        pool_threads.iter().all(|t| t.starts_with("tokio-worker-")),
        "{pool_threads:?}"
    );
}
