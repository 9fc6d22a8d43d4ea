//! 5.2 Runtime flavours: plain `#[tokio::main]` runs tasks on worker threads.
//!
//! Python: one event loop on one thread; a blocking call stops every task on
//! it, and nothing runs unless the loop is running.
//! Rust: plain `#[tokio::main]` is the multi-thread runtime, a worker per CPU:
//! the workers run tasks with nobody in `block_on`, and a blocking call stalls
//! its own worker, not the others.
//!
//! Watch: a task spawned with no `block_on` runs anyway, on a worker; a blocked
//! worker leaves the other one running.
//! Varies: which worker runs which task (the scheduler decides).
//!
//! Run: cargo run --release --example runtime_flavors

use std::collections::BTreeSet;
use std::sync::mpsc;
use std::thread::available_parallelism;
use std::time::Duration;

use async_basics::workers::{thread_name, two_workers};
use futures::future::join_all;
use tokio::runtime::{Handle, Runtime, RuntimeFlavor};
use tokio::sync::oneshot;

fn main() {
    plain_tokio_main_is_multi_thread();
    let runtime = two_workers();
    workers_run_tasks_without_block_on(&runtime);
    tasks_spread_over_the_workers(&runtime);
    a_blocking_call_stalls_one_worker(&runtime);
}

fn cpus() -> usize {
    available_parallelism().map_or(1, |n| n.get())
}

// ANCHOR: plain_tokio_main_is_multi_thread
/// What `#[tokio::main] async fn main()` builds, with no `flavor` given.
#[tokio::main]
async fn with_plain_tokio_main() -> (RuntimeFlavor, usize) {
    let runtime = Handle::current();
    (runtime.runtime_flavor(), runtime.metrics().num_workers())
}

fn plain_tokio_main_is_multi_thread() {
    println!("1. plain #[tokio::main] builds the multi-thread runtime, unlike asyncio.run");
    let (flavor, workers) = with_plain_tokio_main();
    println!(
        "   flavour {flavor:?}; worker threads: {workers}; CPUs here: {}",
        cpus()
    );
    println!("   (flavor = \"current_thread\" asks for asyncio's one-thread loop)");
    // One worker per CPU, unless TOKIO_WORKER_THREADS says otherwise.
    let asked = std::env::var("TOKIO_WORKER_THREADS").ok();
    let expected = asked.and_then(|n| n.parse().ok()).unwrap_or(cpus());
    assert_eq!(flavor, RuntimeFlavor::MultiThread, "the default flavour");
    assert_eq!(workers, expected, "a worker per CPU by default");
}
// ANCHOR_END: plain_tokio_main_is_multi_thread

// ANCHOR: workers_run_tasks_without_block_on
fn workers_run_tasks_without_block_on(pool: &Runtime) {
    println!("\n2. the workers run tasks by themselves: no block_on needed (asyncio has none)");
    // No block_on here: the workers run the task by themselves, and main just
    // blocks on an ordinary channel for the answer.
    let (tx, rx) = mpsc::channel();
    pool.spawn(async move { tx.send(thread_name()).expect("main waits for it") });
    let answer = rx
        .recv_timeout(Duration::from_secs(10))
        .expect("a worker ran the task without block_on");
    println!("   a task spawned with no block_on ran on {answer:?}");
    assert!(answer.starts_with("worker-"), "ran on {answer}");
}
// ANCHOR_END: workers_run_tasks_without_block_on

// ANCHOR: tasks_spread_over_the_workers
fn tasks_spread_over_the_workers(pool: &Runtime) {
    println!("\n3. spawned tasks run on the workers, never on main");
    let threads: BTreeSet<String> = pool.block_on(async {
        let tasks = (0..8).map(|_| {
            tokio::spawn(async {
                // A little blocking work, so both workers get a share.
                std::thread::sleep(Duration::from_millis(5));
                thread_name()
            })
        });
        let names = join_all(tasks).await;
        names
            .into_iter()
            .map(|name| name.expect("a task"))
            .collect()
    });
    println!("   8 tasks ran on: {threads:?}");
    assert!(
        threads.iter().all(|t| t.starts_with("worker-")),
        "spawned tasks run on the workers, not on main: {threads:?}"
    );
}
// ANCHOR_END: tasks_spread_over_the_workers

// ANCHOR: a_blocking_call_stalls_one_worker
fn a_blocking_call_stalls_one_worker(runtime: &Runtime) {
    println!("\n4. a blocking call stalls its worker, not the runtime");
    let (answered_on, blocked_on) = runtime.block_on(async {
        let (blocking, blocked) = oneshot::channel();
        let (answer, answered) = mpsc::channel();
        let blocker = tokio::spawn(async move {
            blocking.send(thread_name()).expect("main waits for it");
            // std's recv blocks this worker until another task answers (or 10 s pass).
            answered.recv_timeout(Duration::from_secs(10))
        });
        let blocked_on = blocked.await.expect("the blocker says where it blocks");
        // Spawned while a worker is blocked: only the other worker can run it.
        let other = tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(1)).await; // timers still fire
            answer
                .send(thread_name())
                .expect("the blocker waits for it");
        });
        other.await.expect("the other task");
        let answered_on = blocker.await.expect("the blocker");
        (answered_on, blocked_on)
    });
    let answered_on = answered_on.expect("the other task answered within 10 s");
    println!("   blocked on {blocked_on}; meanwhile a task ran on {answered_on}");
    println!("   (two blocking tasks would stall both workers: spawn_blocking is for them)");
    assert_ne!(answered_on, blocked_on, "the other worker ran the task");
}
// ANCHOR_END: a_blocking_call_stalls_one_worker
