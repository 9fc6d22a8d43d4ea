//! 6 Итог (the notebook's summary), measured: IO-bound work, a thousand
//! clients of a real TCP server.
//!
//! Python: "for IO-bound work asyncio or threads are convenient". Here: an
//! `asyncio.start_server` echo server, and a thousand clients as
//! coroutines (`asyncio.open_connection`, gathered), as threads (one
//! `threading.Thread` per client), or in a plain loop, one after another.
//! Rust: `async_basics::echo::EchoServer` (tokio) on `127.0.0.1:0`, and the
//! same three ways to be a client: tokio tasks (`echo::request`), one OS
//! thread per client (`echo::request_blocking`, `std::net`), and a loop.
//!
//! Each request waits 2 ms on the server (its "think time", standing in for a
//! slow database behind it). Waiting is all a client does, so a thousand of
//! them can wait together: tasks and threads both finish in a small fraction
//! of the one-after-another time. What differs is the cost of a waiter: a
//! task is a small heap object; a thread is a kernel thread with its own stack.
//!
//! Watch: "one after another" takes at least clients × 2 ms; tokio tasks and
//! OS threads take far less, and close to each other; the threads' peak RSS
//! is higher than the tasks' (a stack and a kernel thread each).
//! Varies: all the numbers, with the machine, its load and its kernel; which
//! of tasks and threads is faster changes from run to run. Linux
//! only for memory (`/proc/self/status`, and `/proc/self/clear_refs` to
//! reset the peak between rows).
//!
//! Each concurrent client needs two file descriptors in this process (its own
//! socket and the server's end). If the open-file limit (`ulimit -n`) is too
//! low the example raises its soft limit to the hard one, or runs fewer
//! clients and says so.
//!
//! Run: cargo run --release --example io_bound

use std::net::SocketAddr;
use std::time::Duration;

use async_basics::echo::{self, EchoServer};
use common::memory;
use common::report::Table;
use common::timing::{Stopwatch, format_duration};
use nix::sys::resource::{RLIM_INFINITY, Resource, getrlimit, setrlimit};
use tokio::task::JoinSet;

const THINK_TIME: Duration = Duration::from_millis(2);

/// How the clients of one row fared.
struct Row {
    way: &'static str,
    clients: usize,
    correct: usize,
    took: Duration,
    peak_rss: Option<u64>,
    note: String,
}

/// How many clients fit in the open-file limit, after raising it if we may.
fn clients_that_fit(wanted: usize) -> usize {
    // Two descriptors per concurrent client, plus some for the rest of us.
    let needed = 2 * wanted as u64 + 64;
    let (mut soft, hard) = match getrlimit(Resource::RLIMIT_NOFILE) {
        Ok(limits) => limits,
        Err(e) => {
            println!("cannot read the open-file limit ({e}); trying {wanted} clients");
            return wanted;
        }
    };
    if soft >= needed {
        return wanted;
    }
    // Any process may raise its soft limit up to the hard one.
    let target = if hard == RLIM_INFINITY { needed } else { hard };
    if target > soft {
        match setrlimit(Resource::RLIMIT_NOFILE, target, hard) {
            Ok(()) => {
                println!(
                    "raised the open-file soft limit from {soft} to {target} (the hard limit is {hard})"
                );
                soft = target;
            }
            Err(e) => println!("could not raise the open-file limit from {soft}: {e}"),
        }
    }
    if soft >= needed {
        return wanted;
    }
    let fit = (soft.saturating_sub(64) / 2).max(1) as usize;
    println!(
        "the open-file limit ({soft}) fits {fit} concurrent clients, not {wanted}: running {fit}. \
         For all of them: `ulimit -n {needed}` first (the hard limit is {hard})"
    );
    fit
}

/// Forgets the process's peak RSS so the next row measures its own (Linux).
fn reset_peak_rss() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

fn run_row(way: &'static str, clients: usize, run: impl FnOnce() -> (usize, usize, String)) -> Row {
    let reset = reset_peak_rss();
    let watch = Stopwatch::start();
    let (started, correct, note) = run();
    let took = watch.elapsed();
    let peak_rss = memory::current().ok().filter(|_| reset).map(|m| m.peak_rss);
    debug_assert!(started <= clients);
    Row {
        way,
        clients: started,
        correct,
        took,
        peak_rss,
        note,
    }
}

fn one_after_another(server: SocketAddr, clients: usize) -> (usize, usize, String) {
    let correct = (0..clients)
        .filter(|&n| {
            let payload = echo::payload_for(n);
            echo::request_blocking(server, &payload).is_ok_and(|reply| reply == payload)
        })
        .count();
    (clients, correct, String::new())
}

fn tokio_tasks(
    runtime: &tokio::runtime::Runtime,
    server: SocketAddr,
    clients: usize,
) -> (usize, usize, String) {
    runtime.block_on(async {
        let mut set = JoinSet::new();
        for n in 0..clients {
            set.spawn(async move {
                let payload = echo::payload_for(n);
                echo::request(server, &payload)
                    .await
                    .is_ok_and(|reply| reply == payload)
            });
        }
        let mut correct = 0;
        while let Some(ok) = set.join_next().await {
            correct += usize::from(ok.unwrap_or(false));
        }
        (clients, correct, String::new())
    })
}

fn os_threads(server: SocketAddr, clients: usize) -> (usize, usize, String) {
    let mut threads = Vec::with_capacity(clients);
    let mut note = String::new();
    for n in 0..clients {
        let spawned = std::thread::Builder::new().spawn(move || {
            let payload = echo::payload_for(n);
            echo::request_blocking(server, &payload).is_ok_and(|reply| reply == payload)
        });
        match spawned {
            Ok(thread) => threads.push(thread),
            Err(e) => {
                // A thread or memory limit (ulimit -u, a cgroup's pids.max): say so, keep the rest.
                note = format!("only {n} threads started: {e}");
                break;
            }
        }
    }
    let started = threads.len();
    let correct = threads
        .into_iter()
        .map(|t| t.join().unwrap_or(false))
        .filter(|&ok| ok)
        .count();
    (started, correct, note)
}

fn main() {
    let wanted = if common::testing::quick_mode() {
        println!("(quick mode: 100 clients instead of 1,000)");
        100
    } else {
        1_000
    };
    let clients = clients_that_fit(wanted);

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("build a tokio runtime");
    let server = runtime
        .block_on(EchoServer::start(THINK_TIME))
        .expect("start the echo server on 127.0.0.1:0");
    let address = server.local_addr();
    println!(
        "echo server on {address}, {} think time per request; {clients} clients each way",
        format_duration(THINK_TIME)
    );

    let rows = [
        run_row("one after another", clients, || {
            one_after_another(address, clients)
        }),
        run_row("tokio tasks", clients, || {
            tokio_tasks(&runtime, address, clients)
        }),
        run_row("OS threads", clients, || os_threads(address, clients)),
    ];
    let served = runtime
        .block_on(server.stop())
        .expect("stop the echo server");

    let mut table = Table::new([
        "clients as",
        "clients",
        "replies correct",
        "wall time",
        "per client",
        "peak RSS",
    ]);
    for row in &rows {
        table.row([
            row.way.to_string(),
            row.clients.to_string(),
            row.correct.to_string(),
            format_duration(row.took),
            format_duration(row.took / row.clients.max(1) as u32),
            row.peak_rss.map_or("n/a".to_string(), memory::format_bytes),
        ]);
    }
    table.align_right([1, 2, 3, 4, 5]);
    println!("{table}");
    for row in rows.iter().filter(|r| !r.note.is_empty()) {
        println!("note: {}: {}", row.way, row.note);
    }
    if rows.iter().any(|r| r.peak_rss.is_none()) {
        println!("(peak RSS needs Linux's /proc/self/clear_refs to reset between rows)");
    }
    println!("the server accepted {served} connections and has stopped");

    for row in &rows {
        assert_eq!(
            row.correct, row.clients,
            "{}: every client got its own bytes back",
            row.way
        );
    }
    let total: usize = rows.iter().map(|r| r.clients).sum();
    assert_eq!(served, total as u64);
    // Each request waits THINK_TIME on the server: in a loop those waits add up.
    assert!(rows[0].took >= THINK_TIME * clients as u32);
}
