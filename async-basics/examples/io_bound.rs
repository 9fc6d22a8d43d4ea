//! 6 Итог (the notebook's summary), measured: IO-bound clients of a TCP server.
//!
//! Python: "for IO-bound work asyncio or threads are convenient": an
//! `asyncio.start_server` echo server, and 1,000 clients as gathered
//! coroutines, as one `threading.Thread` each, or one after another.
//! Rust: `async_basics::echo::EchoServer` (tokio, `127.0.0.1:0`), and the same
//! clients as tokio tasks, OS threads, or a loop (`async_basics::echo::clients`).
//!
//! Watch: the loop takes at least clients × 2 ms (the server's think time); tasks
//! and threads wait together, in a fraction of that; threads take more memory.
//! Varies: every number (machine, load, kernel). Peak RSS needs Linux. A low
//! `ulimit -n` is raised, or fewer clients run, or the run stops and says why.
//!
//! Run: cargo run --release --example io_bound

use std::net::SocketAddr;
use std::time::Duration;

use async_basics::echo::EchoServer;
use async_basics::echo::clients::{self, ClientError};
use async_basics::{open_files, peak_memory};
use common::memory::format_bytes;
use common::report::{Table, cannot_show, claim, refused};
use common::timing::{Stopwatch, format_duration, speedup};
use tokio::runtime::Runtime;

fn main() {
    // Two descriptors per client in flight: its socket and the server's end.
    let clients = open_files::how_many_fit(CLIENTS, 2)
        .unwrap_or_else(|e| refused("file descriptors for even one client", &e, &e.hint()));
    let (runtime, server) = start_the_server(clients);
    let rows = three_ways(&runtime, server.local_addr(), clients);
    stop_and_compare(&runtime, server, &rows);
    did_this_run_show_it(&rows);
}

/// How many clients each way runs.
const CLIENTS: usize = 1_000;
/// Each request waits this long on the server (a slow database behind it, say).
const THINK_TIME: Duration = Duration::from_millis(2);

/// How the clients of one way fared.
struct Row {
    way: &'static str,
    clients: usize,
    correct: usize,
    took: Duration,
    peak_rss: Option<u64>,
}

/// Runs one way's clients, timing them and measuring the peak RSS they cause
/// (where the OS can reset the peak between ways). An OS refusal ends the run.
fn run_row(
    way: &'static str,
    clients: usize,
    run: impl FnOnce() -> Result<usize, ClientError>,
) -> Row {
    let reset = peak_memory::reset().is_ok();
    let watch = Stopwatch::start();
    let outcome = run();
    let took = watch.elapsed();
    let peak_rss = reset.then(|| peak_memory::read().ok()).flatten();
    let correct = match outcome {
        Ok(correct) => correct,
        Err(e) if e.is_refusal() => refused(
            &format!("{way}: what client {} of {clients} needed", e.client),
            &e.error,
            "raise `ulimit -n` (sockets) or `ulimit -u` (threads), or run fewer clients",
        ),
        Err(e) => panic!("{way}: {e}"),
    };
    Row {
        way,
        clients,
        correct,
        took,
        peak_rss,
    }
}

// ANCHOR: start_the_server
fn start_the_server(clients: usize) -> (Runtime, EchoServer) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("build a tokio runtime");
    let server = runtime
        .block_on(EchoServer::start(THINK_TIME))
        .expect("start the echo server on 127.0.0.1:0");
    let think = format_duration(THINK_TIME);
    let address = server.local_addr();
    println!(
        "echo server on {address}, {think} think time per request; {clients} clients each way"
    );
    (runtime, server)
}
// ANCHOR_END: start_the_server

// ANCHOR: three_ways
fn three_ways(runtime: &Runtime, server: SocketAddr, clients: usize) -> [Row; 3] {
    let in_a_loop = run_row("one after another", clients, || {
        clients::one_after_another(server, clients)
    });
    // Each request waits THINK_TIME on the server: in a loop those waits add up.
    assert!(
        in_a_loop.took >= THINK_TIME * clients as u32,
        "the waits add up"
    );
    // The tasks share the server's runtime, and its two worker threads.
    let tasks = run_row("tokio tasks", clients, || {
        runtime.block_on(clients::tasks(server, clients))
    });
    let threads = run_row("OS threads", clients, || clients::threads(server, clients));
    for row in [&in_a_loop, &tasks, &threads] {
        assert_eq!(
            row.correct, clients,
            "{}: every client got its own bytes back",
            row.way
        );
    }
    [in_a_loop, tasks, threads]
}
// ANCHOR_END: three_ways

// ANCHOR: stop_and_compare
fn stop_and_compare(runtime: &Runtime, server: EchoServer, rows: &[Row; 3]) {
    let served = runtime
        .block_on(server.stop())
        .expect("stop the echo server");
    let header = [
        "clients as",
        "clients",
        "replies correct",
        "wall time",
        "per client",
        "peak RSS",
    ];
    let mut table = Table::new(header);
    for row in rows {
        let per_client = format_duration(row.took / row.clients as u32);
        let rss = row.peak_rss.map_or("n/a".to_string(), format_bytes);
        let (clients, correct) = (row.clients.to_string(), row.correct.to_string());
        let took = format_duration(row.took);
        table.row([row.way.to_string(), clients, correct, took, per_client, rss]);
    }
    table.align_right([1, 2, 3, 4, 5]);
    println!("{table}");
    println!("the server accepted {served} connections and has stopped");
    let total: usize = rows.iter().map(|r| r.clients).sum();
    assert_eq!(served, total as u64, "one connection per client, no more");
}
// ANCHOR_END: stop_and_compare

// ANCHOR: did_this_run_show_it
/// What the page says about time and memory, checked against this run.
fn did_this_run_show_it([in_a_loop, tasks, threads]: &[Row; 3]) {
    let slower = tasks.took.max(threads.took);
    let overlap = speedup(in_a_loop.took, slower);
    let mut detail = format!("the slower of the two {overlap:.1}x faster than the loop");
    if overlap < 2.0 && in_a_loop.clients < 20 {
        detail += ": too few clients for their waits to add up";
    } else if overlap < 2.0 {
        detail += ": a loaded machine? Try again when it is idle";
    }
    let holds = overlap >= 2.0;
    claim(
        "tasks and threads overlap the waits, at least twice as fast as one after another",
        holds,
        &detail,
    );

    let ratio = speedup(threads.took, tasks.took);
    let mut detail = format!("{ratio:.2}x the threads' speed");
    if ratio <= 1.0 && tasks.clients < 100 {
        detail += ": with few clients, starting their threads costs little";
    } else if ratio <= 1.0 {
        detail += ": the tasks share two workers with the server; a loaded machine slows them";
    }
    claim(
        "tokio tasks finish before OS threads, which each start a thread",
        ratio > 1.0,
        &detail,
    );

    if let (Some(tasks), Some(threads)) = (tasks.peak_rss, threads.peak_rss) {
        let detail = format!("{} against {}", format_bytes(threads), format_bytes(tasks));
        claim(
            "the threads peak higher in memory than the tasks",
            threads > tasks,
            &detail,
        );
    } else {
        let why = "resetting the peak between ways needs Linux; the book's Linux run shows it";
        cannot_show("the peak memory of each way", why);
    }
}
// ANCHOR_END: did_this_run_show_it
