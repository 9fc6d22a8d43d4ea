//! 5.2 Runtime flavours: where tokio runs tasks, and what a blocking call stops.
//!
//! Python: one event loop on one thread; a blocking call stops every task on
//! it, and `gather` and tasks all take turns on that thread.
//! Rust: plain `#[tokio::main]` is the multi-thread runtime, a worker per CPU;
//! there `spawn` may run tasks in parallel, while `join!` polls its futures
//! inside one task; `spawn` needs `Send + 'static`, `spawn_local` does not.
//!
//! Watch: a blocked worker leaves the other one running; the `join!` halves run
//! one after the other on one thread, the spawned halves meet on two.
//! Varies: worker names and times; on one CPU the two workers take turns.
//!
//! Run: cargo run --release --example runtime_flavors

use std::cell::RefCell;
use std::ops::Range;
use std::rc::Rc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::thread::available_parallelism;
use std::time::Duration;

use common::testing::pick;
use common::timing::{Stopwatch, format_duration, speedup};
use common::workload::sum_of_squares_range;
use tokio::runtime::{Builder, Handle, Runtime, RuntimeFlavor};
use tokio::sync::oneshot;
use tokio::task::LocalSet;

fn main() {
    plain_tokio_main_is_multi_thread();
    let runtime = two_workers();
    a_blocking_call_stalls_one_worker(&runtime);
    let one_task = join_polls_both_halves_in_one_task(&runtime);
    spawn_runs_the_halves_in_parallel(&runtime, one_task);
    spawn_needs_static_join_can_borrow(&runtime);
    spawn_local_runs_futures_that_are_not_send(&runtime);
}

fn thread_name() -> String {
    std::thread::current()
        .name()
        .unwrap_or("<unnamed>")
        .to_string()
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
        "   flavour {flavor:?}, {workers} worker threads; CPUs here: {}",
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

/// A multi-thread runtime with two workers, `worker-1` and `worker-2`, on
/// any machine (the OS shares the CPUs among them).
fn two_workers() -> Runtime {
    Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name_fn(|| {
            static NEXT: AtomicUsize = AtomicUsize::new(1);
            // Relaxed: the counter only hands out distinct numbers, which one
            // atomic step guarantees (memory ordering: see the 3.7 memory_ordering topic).
            format!("worker-{}", NEXT.fetch_add(1, Ordering::Relaxed))
        })
        .enable_all()
        .build()
        .expect("build a multi-thread runtime")
}

// ANCHOR: a_blocking_call_stalls_one_worker
fn a_blocking_call_stalls_one_worker(runtime: &Runtime) {
    println!("\n2. a blocking call stalls its worker, not the runtime");
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

/// The CPU-bound job that cells 3 and 4 split in two (smaller under a test).
fn work() -> u64 {
    pick(160_000_000, 400_000)
}

// ANCHOR: join_polls_both_halves_in_one_task
type Log = Arc<Mutex<Vec<String>>>;

/// One half of the CPU-bound work, logging where and when it starts and ends.
fn half(name: &str, range: Range<u64>, log: &Log) -> u128 {
    log.lock()
        .unwrap()
        .push(format!("{name} starts on {}", thread_name()));
    let sum = sum_of_squares_range(range);
    log.lock().unwrap().push(format!("{name} ends"));
    sum
}

fn join_polls_both_halves_in_one_task(runtime: &Runtime) -> Duration {
    println!("\n3. join! polls both halves inside one task: one thread, one after the other");
    let log = Log::default();
    let (n, watch) = (work(), Stopwatch::start());
    let task = runtime.spawn({
        let log = Arc::clone(&log);
        async move {
            let a = async { half("a", 0..n / 2, &log) };
            let b = async { half("b", n / 2..n, &log) };
            let (a, b) = tokio::join!(a, b);
            a + b
        }
    });
    let total = runtime.block_on(task).expect("the task");
    let elapsed = watch.elapsed();
    let log = log.lock().unwrap();
    println!("   {}; took {}", log.join(", "), format_duration(elapsed));
    assert_eq!(total, sum_of_squares_range(0..n));
    assert!(
        log[1].ends_with("ends"),
        "one half ended before the other began"
    );
    elapsed
}
// ANCHOR_END: join_polls_both_halves_in_one_task

// ANCHOR: spawn_runs_the_halves_in_parallel
/// A half that first meets the other half: it tells the other it runs, and
/// waits (blocking its worker, at most 10 s) until the other runs too.
async fn meeting_half(
    name: &str,
    range: Range<u64>,
    (tell, hear): (mpsc::Sender<()>, mpsc::Receiver<()>),
) -> (bool, String, u128) {
    tell.send(()).expect("the other half listens");
    let met = hear.recv_timeout(Duration::from_secs(10)).is_ok();
    let on = format!("{name} on {}", thread_name());
    (met, on, sum_of_squares_range(range))
}

fn spawn_runs_the_halves_in_parallel(runtime: &Runtime, one_task: Duration) {
    println!("\n4. tokio::spawn: two tasks, so two workers can run the halves at once");
    let ((to_b, from_a), (to_a, from_b)) = (mpsc::channel(), mpsc::channel());
    let (n, watch) = (work(), Stopwatch::start());
    let a = runtime.spawn(meeting_half("a", 0..n / 2, (to_b, from_b)));
    let b = runtime.spawn(meeting_half("b", n / 2..n, (to_a, from_a)));
    let ((met_a, on_a, sum_a), (met_b, on_b, sum_b)) =
        runtime.block_on(async { (a.await.unwrap(), b.await.unwrap()) });
    let elapsed = watch.elapsed();
    let (met, ratio) = (met_a && met_b, speedup(one_task, elapsed));
    let took = format_duration(elapsed);
    println!("   met: {met}; {on_a}, {on_b}; took {took} ({ratio:.2}x join!)");
    if cpus() < 2 {
        println!(
            "   (one CPU here: the workers took turns, never in parallel; the ratio is noise)"
        );
    } else if ratio < 1.3 {
        println!("   (less than two CPUs promise: other work keeps this machine busy)");
    }
    assert!(met, "both halves ran at the same time, on two workers");
    assert_eq!(sum_a + sum_b, sum_of_squares_range(0..n));
}
// ANCHOR_END: spawn_runs_the_halves_in_parallel

// ANCHOR: spawn_needs_static_join_can_borrow
fn spawn_needs_static_join_can_borrow(runtime: &Runtime) {
    println!("\n5. spawn needs Send + 'static; join! may borrow");
    let names = vec!["Ada".to_string(), "Grace".to_string()];
    let (borrowed, owned) = runtime.block_on(async {
        // join! runs its futures inside this task: they may borrow `names`.
        let (a, b) = tokio::join!(async { names[0].len() }, async { names[1].len() });
        // A spawned task may outlive this function, on any worker: it must own
        // its data (`move`) and be Send. Borrowing `names` instead is refused
        // (here E0597; tests/ui/spawn_borrows_a_local.stderr shows E0373).
        let shared = Arc::new(names.clone());
        let task = tokio::spawn(async move { shared.iter().map(String::len).sum::<usize>() });
        (a + b, task.await.expect("the task"))
    });
    println!("   letters, borrowed by join!: {borrowed}; owned by a spawned task: {owned}");
    assert_eq!(borrowed, owned, "both counted the same names");
}
// ANCHOR_END: spawn_needs_static_join_can_borrow

// ANCHOR: spawn_local_runs_futures_that_are_not_send
fn spawn_local_runs_futures_that_are_not_send(runtime: &Runtime) {
    println!("\n6. LocalSet + spawn_local: tasks that hold an Rc (not Send) across .await");
    // A LocalSet runs its tasks on the thread that drives it (here `main`),
    // never on a worker: they need not be Send. (tokio::spawn of the same
    // future fails: see tests/ui/rc_across_await.stderr.)
    let local = LocalSet::new();
    let (threads, names) = local.block_on(runtime, async {
        let names = Rc::new(RefCell::new(Vec::new()));
        let tasks = ["Ada", "Grace", "Linus"].map(|name| {
            let names = Rc::clone(&names);
            tokio::task::spawn_local(async move {
                tokio::task::yield_now().await; // the Rc is held across this .await
                names.borrow_mut().push(name);
                thread_name()
            })
        });
        let mut threads = Vec::new();
        for task in tasks {
            threads.push(task.await.expect("a local task"));
        }
        (threads, names.borrow().clone())
    });
    println!("   {names:?}, added on {threads:?}");
    assert!(
        threads.iter().all(|t| t == "main"),
        "local tasks stay on main"
    );
    assert_eq!(names.len(), 3, "every local task ran");
}
// ANCHOR_END: spawn_local_runs_futures_that_are_not_send
