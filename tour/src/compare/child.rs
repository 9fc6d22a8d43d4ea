//! The Rust side of one comparison run, a process of its own (`tour
//! --compare-child WHAT ...`), so that it is timed whole, as the Python
//! original is: start-up, work, exit. Each calls the lessons' library code,
//! which prints what the examples print, so one check reads both sides.
//!
//! Besides the lessons' lines, a child prints `measured key=value` for what
//! it measured inside itself, and `capped: <limit> ...` when a limit of the
//! machine kept it from running the workload at all.

use std::net::SocketAddr;

use async_basics::echo::clients;
use processes::ProcessPool;
use processes::sum::{self, JOBS, split};

/// Runs the child that `args` name.
pub fn run(args: &[String]) -> Result<(), String> {
    let words: Vec<&str> = args.iter().map(String::as_str).collect();
    match words[..] {
        ["gil"] => drop(threads::gil::notebook_cell(10_000_000)),
        ["lock"] => drop(sync_primitives::lock_counter::notebook_cell(1000)),
        ["pool"] => drop(processes::notebook::notebook_cell().map_err(text)?),
        ["asyncio"] => async_basics::asyncio_run::notebook_cell(),
        ["pool-job", jobs] => {
            let median = processes::round_trip::median(parse(jobs)?).map_err(text)?;
            println!("measured per_job_s={:.9}", median.as_secs_f64());
        }
        ["cpu", method, workers, n] => {
            println!("sum={}", cpu(method, parse(workers)?, parse(n)?)?);
        }
        ["io", way, clients, server] => io(way, parse(clients)?, parse(server)?)?,
        _ => return Err(format!("unknown --compare-child {}", args.join(" "))),
    }
    Ok(())
}

fn parse<T: std::str::FromStr>(word: &str) -> Result<T, String> {
    word.parse().map_err(|_| format!("cannot read {word:?}"))
}

fn text(e: impl std::fmt::Display) -> String {
    e.to_string()
}

/// Σ i² over `0..n` by `method` on `workers` (`processes::sum`, as
/// `cpu_bound_speedup` runs it).
fn cpu(method: &str, workers: usize, n: u64) -> Result<u128, String> {
    let jobs = split(n, JOBS);
    match method {
        "sequential" => Ok(sum::sequential(&jobs)),
        "threads" => sum::threads(n, workers).map_err(text),
        "rayon" => {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(workers);
            Ok(sum::rayon(&pool.build().map_err(text)?, &jobs))
        }
        "pool" => {
            let pool = ProcessPool::new(workers).map_err(text)?;
            let total = sum::pool(&pool, &jobs).map_err(text)?;
            pool.shutdown().map_err(text)?;
            Ok(total)
        }
        _ => Err(format!("unknown method {method:?}")),
    }
}

/// `count` clients of the echo server at `server`, one `way`
/// (`async_basics::echo::clients`): how many got their own bytes back, and
/// this process's peak RSS.
fn io(way: &str, count: usize, server: SocketAddr) -> Result<(), String> {
    let correct = match way {
        "sequential" => clients::one_after_another(server, count),
        // One thread, like asyncio's loop.
        "tasks" => tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(text)?
            .block_on(clients::tasks(server, count)),
        "threads" => clients::threads(server, count),
        _ => return Err(format!("unknown way {way:?}")),
    };
    let correct = match correct {
        Ok(correct) => correct,
        Err(e) if e.is_refusal() => {
            let limit = if way == "threads" {
                "threads"
            } else {
                "RLIMIT_NOFILE"
            };
            println!("capped: {limit} ({e})");
            return Ok(());
        }
        Err(e) => return Err(e.to_string()),
    };
    let peak = common::memory::current().map_or(0, |m| m.peak_rss);
    println!("measured correct={correct} peak_rss_bytes={peak}");
    Ok(())
}
