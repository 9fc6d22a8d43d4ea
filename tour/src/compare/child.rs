//! The Rust side of each comparison, run as a process of its own
//! (`tour --compare-child WHAT ...`), so that it is timed whole, as the
//! Python original is: start-up, work, exit.
//!
//! Each one runs the lessons' library code (`common::workload`,
//! `threads::parallel`, `processes::ProcessPool`, `async_basics::echo`), and
//! the notebook cells print what the examples' cells print, so one check
//! reads both sides' output.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use async_basics::echo;
use common::workload::{sum_of_squares, sum_of_squares_range};
use parking_lot::Mutex;
use processes::{PoolError, ProcessPool};
use rayon::prelude::*;
use threads::parallel::{shares, sum_of_squares_on};

/// Runs the child named by `args` (what follows `--compare-child`).
pub fn run(args: &[String]) -> Result<(), String> {
    let words: Vec<&str> = args.iter().map(String::as_str).collect();
    match words.as_slice() {
        ["gil"] => gil_cell(),
        ["lock"] => lock_cell(),
        ["pool"] => pool_cell().map_err(|e| e.to_string())?,
        ["asyncio"] => asyncio_cell(),
        ["pool-job", jobs] => per_job(number(jobs)?).map_err(|e| e.to_string())?,
        ["cpu", method, workers, n] => {
            let sum = cpu(method, number(workers)?, number(n)?)?;
            println!("{method} on {workers} workers, n = {n}\nsum={sum}");
        }
        ["io", way, clients, address] => {
            let address: SocketAddr = address.parse().map_err(|e| format!("{address}: {e}"))?;
            io(way, number(clients)?, address)?;
        }
        _ => return Err(format!("unknown --compare-child {}", args.join(" "))),
    }
    Ok(())
}

fn number<T: std::str::FromStr>(text: &str) -> Result<T, String> {
    text.parse()
        .map_err(|_| format!("{text:?} is not a number"))
}

/// The `gil` example's notebook cell: two threads, `sum_of_squares(10⁷)` each.
fn gil_cell() {
    let run_in_thread = |n| {
        let result = sum_of_squares(n);
        println!("Result: {result}");
    };
    let t1 = thread::spawn(move || run_in_thread(10_000_000));
    let t2 = thread::spawn(move || run_in_thread(10_000_000));
    t1.join().expect("no panic");
    t2.join().expect("no panic");
    println!("Done");
}

/// The `lock_counter` example's notebook cell: 1000 threads, one lock beside
/// one counter, read-add-write inside the lock.
fn lock_cell() {
    let lock = Mutex::new(());
    let shared_counter = AtomicU64::new(0);
    thread::scope(|s| {
        for _ in 0..1000 {
            s.spawn(|| {
                let _guard = lock.lock();
                // Relaxed is enough: the lock orders the threads.
                let temp = shared_counter.load(Ordering::Relaxed) + 1;
                shared_counter.store(temp, Ordering::Relaxed);
            });
        }
    });
    println!("shared_counter = {}", shared_counter.into_inner());
}

/// The notebook's `square`: a plain `fn`, found at the same address in the
/// pool's forked workers.
fn square(x: u64) -> u64 {
    x * x
}

/// The `process_pool` example's notebook cell: `ProcessPoolExecutor().map(square, range(100))`.
fn pool_cell() -> Result<(), PoolError> {
    let executor = ProcessPool::with_default_workers()?;
    let results = executor.map(square, 0..100)?;
    println!("{results:?}"); // Rust's `{:?}` of a Vec is Python's list syntax
    executor.shutdown()
}

/// The `asyncio_run` example's notebook cell: three tasks sleep 1 s each, together.
fn asyncio_cell() {
    async fn task(n: u32) {
        println!("Start task {n}");
        tokio::time::sleep(Duration::from_secs(1)).await;
        println!("End task {n}");
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .expect("build a tokio runtime");
    runtime.block_on(async { tokio::join!(biased; task(1), task(2), task(3)) });
}

/// One job submitted and awaited, `jobs` times in a row on one worker: the
/// median is the pool's cost per job (two pipe trips, encoding, the wake-ups).
fn per_job(jobs: usize) -> Result<(), PoolError> {
    let pool = ProcessPool::new(1)?;
    for x in 0..100 {
        assert_eq!(pool.submit(square, x)?.result()?, x * x, "warm-up job");
    }
    let mut times = Vec::with_capacity(jobs);
    for x in 0..jobs as u64 {
        let started = Instant::now();
        assert_eq!(pool.submit(square, x)?.result()?, x * x, "job {x}");
        times.push(started.elapsed());
    }
    pool.shutdown()?;
    times.sort();
    let median = times.get(jobs / 2).copied().unwrap_or_default();
    println!("{jobs} jobs, one at a time, on 1 worker");
    println!("measured per_job_s={:.9}", median.as_secs_f64());
    Ok(())
}

/// One job of the pool: the sum of squares of `start..end`.
fn chunk_sum((start, end): (u64, u64)) -> u128 {
    sum_of_squares_range(start..end)
}

/// Σ i² over `0..n`, in 16 chunks as `cpu_bound_speedup` splits it (threads:
/// `threads::parallel::sum_of_squares_on`, one chunk per thread).
fn cpu(method: &str, workers: usize, n: u64) -> Result<u128, String> {
    let parts: Vec<(u64, u64)> = shares(n, 16)
        .map_err(|e| e.to_string())?
        .into_iter()
        .map(|r| (r.start, r.end))
        .collect();
    match method {
        "sequential" => Ok(parts.into_iter().map(chunk_sum).sum()),
        "threads" => sum_of_squares_on(n, workers).map_err(|e| e.to_string()),
        "rayon" => {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(workers).build();
            let pool = pool.map_err(|e| e.to_string())?;
            Ok(pool.install(|| parts.par_iter().copied().map(chunk_sum).sum()))
        }
        "pool" => {
            let pool = ProcessPool::new(workers).map_err(|e| e.to_string())?;
            let sums = pool.map(chunk_sum, parts).map_err(|e| e.to_string())?;
            pool.shutdown().map_err(|e| e.to_string())?;
            Ok(sums.into_iter().sum())
        }
        _ => Err(format!("unknown method {method:?}")),
    }
}

/// `clients` clients of the echo server at `server`, one way, then how many
/// got their own bytes back and this process's peak RSS.
fn io(way: &str, clients: usize, server: SocketAddr) -> Result<(), String> {
    let served_right = move |n| {
        let payload = echo::payload_for(n);
        echo::request_blocking(server, &payload).is_ok_and(|reply| reply == payload)
    };
    let correct = match way {
        "sequential" => (0..clients).filter(|&n| served_right(n)).count(),
        // One thread, like asyncio's loop (`asyncio.run`).
        "tasks" => tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| e.to_string())?
            .block_on(tasks(clients, server)),
        "threads" => {
            let mut started = Vec::with_capacity(clients);
            for n in 0..clients {
                match thread::Builder::new().spawn(move || served_right(n)) {
                    Ok(handle) => started.push(handle),
                    Err(e) => {
                        started.into_iter().for_each(|h| drop(h.join()));
                        println!("capped: threads (only {n} started: {e})");
                        return Ok(());
                    }
                }
            }
            let replies = started.into_iter().map(|h| h.join().unwrap_or(false));
            replies.filter(|&ok| ok).count()
        }
        _ => return Err(format!("unknown way {way:?}")),
    };
    let peak = common::memory::current().map_or(0, |m| m.peak_rss);
    println!("measured correct={correct} peak_rss_bytes={peak}");
    Ok(())
}

/// One tokio task per client, gathered.
async fn tasks(clients: usize, server: SocketAddr) -> usize {
    let mut set = tokio::task::JoinSet::new();
    for n in 0..clients {
        set.spawn(async move {
            let payload = echo::payload_for(n);
            let reply = echo::request(server, &payload).await;
            reply.is_ok_and(|reply| reply == payload)
        });
    }
    let mut correct = 0;
    while let Some(ok) = set.join_next().await {
        correct += usize::from(ok.unwrap_or(false));
    }
    correct
}
