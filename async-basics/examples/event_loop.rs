//! 5.2 Event loop: `#[tokio::main]`, and a runtime built by hand, as asyncio's loop.
//!
//! Python: `asyncio.new_event_loop()` makes a loop, `set_event_loop` makes it
//! current, `run_until_complete` drives it, `get_running_loop()` finds it.
//! Rust: `runtime::Builder::new_current_thread()` (the asyncio-like loop),
//! `Runtime::enter`, `Runtime::block_on`, `Handle::current()`; `#[tokio::main]`
//! hides them as `asyncio.run` does.
//!
//! Watch: every task runs on `main`, and a task spawned before `block_on`
//! waits for it: nobody drives a current-thread runtime between `block_on`s.
//! Varies: nothing: one thread runs everything, in an order the code fixes.
//!
//! Run: cargo run --release --example event_loop

use std::collections::BTreeSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use async_basics::workers::thread_name;
use futures::future::join_all;
use tokio::runtime::{Builder, Handle, Runtime, RuntimeFlavor};

fn main() {
    tokio_main_is_asyncio_run();
    no_runtime_outside();
    let runtime = a_task_waits_for_block_on();
    every_task_runs_on_main(runtime);
}

// ANCHOR: tokio_main_is_asyncio_run
/// `#[tokio::main]` is not only for `main`: on any `async fn` it builds a
/// runtime and calls `block_on` on the body, as `asyncio.run` does.
#[tokio::main(flavor = "current_thread")]
async fn with_the_attribute() -> (String, RuntimeFlavor) {
    tokio::task::yield_now().await;
    (thread_name(), Handle::current().runtime_flavor())
}

fn tokio_main_is_asyncio_run() {
    println!("1. #[tokio::main] ≈ asyncio.run: a runtime around one async fn");
    let (ran_on, flavor) = with_the_attribute();
    println!("   the body ran on thread {ran_on:?}, flavour {flavor:?}");
    assert_eq!(
        (ran_on.as_str(), flavor),
        ("main", RuntimeFlavor::CurrentThread),
        "a current-thread runtime runs the body on the thread that called it"
    );
}
// ANCHOR_END: tokio_main_is_asyncio_run

// ANCHOR: no_runtime_outside
fn no_runtime_outside() {
    println!();
    println!("2. no runtime outside one ≈ get_running_loop() with no loop running");
    // Like get_running_loop()'s "RuntimeError: no running event loop".
    let outside = Handle::try_current();
    match &outside {
        Ok(_) => println!("   Handle::try_current(): a runtime (unexpected)"),
        Err(e) => println!("   Handle::try_current(): error: {e}"),
    }
    assert!(outside.is_err(), "main is not inside any runtime");
}
// ANCHOR_END: no_runtime_outside

// ANCHOR: a_task_waits_for_block_on
fn a_task_waits_for_block_on() -> Runtime {
    println!();
    println!("3. a loop built by hand ≈ asyncio.new_event_loop()");
    let runtime = Builder::new_current_thread()
        .enable_all() // timers and sockets; asyncio's loop always has both
        .build()
        .expect("build a current-thread runtime");
    // enter() ≈ set_event_loop(loop): now sync code can find it and spawn on it.
    let guard = runtime.enter();
    let ran = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&ran);
    // Relaxed is enough: this runtime could only run the task on this very
    // thread (memory ordering: see the 3.7 memory_ordering topic).
    let early = tokio::spawn(async move {
        flag.store(true, Ordering::Relaxed);
        thread_name()
    });
    drop(guard);
    // Nobody drives a current-thread runtime between block_on calls: the task
    // waits, as a task created on an asyncio loop that is not running waits.
    let ran_before = ran.load(Ordering::Relaxed);
    println!("   spawned before block_on; has it run? {ran_before}");
    // block_on ≈ loop.run_until_complete(main): it drives every task on this
    // thread until *its* future is done, then returns.
    let (early_thread, flavor) = runtime.block_on(async {
        let early_thread = early.await.expect("the early task");
        (early_thread, Handle::current().runtime_flavor()) // ≈ get_running_loop()
    });
    println!("   after block_on it ran, on thread {early_thread:?}; flavour inside: {flavor:?}");
    assert!(
        !ran_before,
        "a current-thread runtime ran a task without block_on"
    );
    assert_eq!(
        early_thread, "main",
        "block_on ran it on the calling thread"
    );
    runtime
}
// ANCHOR_END: a_task_waits_for_block_on

// ANCHOR: every_task_runs_on_main
fn every_task_runs_on_main(runtime: Runtime) {
    let threads: BTreeSet<String> = runtime.block_on(async {
        let tasks = (0..8).map(|_| tokio::spawn(async { thread_name() }));
        let names = join_all(tasks).await;
        names
            .into_iter()
            .map(|name| name.expect("a task"))
            .collect()
    });
    println!("   8 tasks ran on: {threads:?}");
    // Dropping the runtime ≈ loop.close(): unfinished tasks are dropped.
    drop(runtime);
    assert_eq!(
        threads,
        BTreeSet::from(["main".to_string()]),
        "one thread runs every task, as asyncio's loop does"
    );
}
// ANCHOR_END: every_task_runs_on_main
