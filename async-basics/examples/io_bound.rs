//! 6 Итог (the notebook's summary), measured: IO-bound clients of a TCP server.
//!
//! Python: "for IO-bound work asyncio or threads are convenient": an
//! `asyncio.start_server` echo server, and 1,000 clients as gathered
//! coroutines, as one `threading.Thread` each, or in a loop, one after another.
//! Rust: `async_basics::echo::EchoServer` (tokio, `127.0.0.1:0`); clients as tokio
//! tasks (`echo::request`), OS threads (`echo::request_blocking`), or a loop.
//!
//! Watch: the loop takes at least clients × 2 ms (the server's think time); tasks
//! and threads wait together, in a fraction of that, threads with more memory.
//! Varies: every number, and which of tasks and threads wins (machine, load,
//! kernel). Peak RSS needs Linux; a low `ulimit -n` is raised, or fewer clients run.
//!
//! Run: cargo run --release --example io_bound

use std::net::SocketAddr;
use std::time::Duration;

use async_basics::echo::{self, EchoServer};
use common::memory;
use common::report::Table;
use common::testing::pick;
use common::timing::{Stopwatch, format_duration};
use nix::sys::resource::{RLIM_INFINITY, Resource, getrlimit, setrlimit};
use tokio::runtime::Runtime;
use tokio::task::JoinSet;

fn main() {
    let clients = clients_that_fit(pick(1_000, 100));
    let (runtime, server) = start_the_server(clients);
    let address = server.local_addr();
    let rows = [
        one_after_another(address, clients),
        tokio_tasks(&runtime, address, clients),
        os_threads(address, clients),
    ];
    stop_and_compare(&runtime, server, &rows);
    did_this_run_show_it(&rows);
}

/// Each request waits this long on the server (a slow database behind it, say).
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
    // Two descriptors per concurrent client (its socket and the server's end),
    // plus some for the rest of us.
    let needed = 2 * wanted as u64 + 64;
    let (mut soft, hard) = match getrlimit(Resource::RLIMIT_NOFILE) {
        Ok(limits) => limits,
        Err(e) => {
            println!("cannot read the open-file limit ({e}); trying {wanted} clients");
            return wanted;
        }
    };
    // Any process may raise its soft limit up to the hard one.
    let target = if hard == RLIM_INFINITY { needed } else { hard };
    if soft < needed && target > soft {
        match setrlimit(Resource::RLIMIT_NOFILE, target, hard) {
            Ok(()) => {
                println!(
                    "raised the open-file soft limit from {soft} to {target} (hard limit {hard})"
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

/// Runs one row's clients, timing them and measuring the peak RSS they cause
/// (Linux: `/proc/self/clear_refs` forgets the previous row's peak).
/// `run` returns how many clients it started, how many got their bytes back, and a note.
fn run_row(way: &'static str, run: impl FnOnce() -> (usize, usize, String)) -> Row {
    let reset = std::fs::write("/proc/self/clear_refs", "5").is_ok();
    let watch = Stopwatch::start();
    let (clients, correct, note) = run();
    let took = watch.elapsed();
    let peak_rss = memory::current().ok().filter(|_| reset).map(|m| m.peak_rss);
    Row {
        way,
        clients,
        correct,
        took,
        peak_rss,
        note,
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
    println!(
        "echo server on {}, {} think time per request; {clients} clients each way",
        server.local_addr(),
        format_duration(THINK_TIME)
    );
    (runtime, server)
}
// ANCHOR_END: start_the_server

// ANCHOR: one_after_another
fn one_after_another(server: SocketAddr, clients: usize) -> Row {
    let row = run_row("one after another", || {
        let served_right = |n| {
            let payload = echo::payload_for(n);
            echo::request_blocking(server, &payload).is_ok_and(|reply| reply == payload)
        };
        (
            clients,
            (0..clients).filter(|&n| served_right(n)).count(),
            String::new(),
        )
    });
    assert_eq!(
        row.correct, row.clients,
        "every client got its own bytes back"
    );
    // Each request waits THINK_TIME on the server: in a loop those waits add up.
    assert!(row.took >= THINK_TIME * clients as u32, "the waits add up");
    row
}
// ANCHOR_END: one_after_another

// ANCHOR: tokio_tasks
fn tokio_tasks(runtime: &Runtime, server: SocketAddr, clients: usize) -> Row {
    let row = run_row("tokio tasks", || {
        runtime.block_on(async {
            let mut set = JoinSet::new();
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
            (clients, correct, String::new())
        })
    });
    assert_eq!(
        row.correct, row.clients,
        "every task got its own bytes back"
    );
    row
}
// ANCHOR_END: tokio_tasks

// ANCHOR: os_threads
fn os_threads(server: SocketAddr, clients: usize) -> Row {
    let row = run_row("OS threads", || {
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
        let replies = threads.into_iter().map(|t| t.join().unwrap_or(false));
        (started, replies.filter(|&ok| ok).count(), note)
    });
    assert_eq!(
        row.correct, row.clients,
        "every thread got its own bytes back"
    );
    row
}
// ANCHOR_END: os_threads

// ANCHOR: stop_and_compare
fn stop_and_compare(runtime: &Runtime, server: EchoServer, rows: &[Row; 3]) {
    let served = runtime.block_on(server.stop());
    let served = served.expect("stop the echo server");
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
        let per_client = format_duration(row.took / row.clients.max(1) as u32);
        let rss = row.peak_rss.map_or("n/a".to_string(), memory::format_bytes);
        let (clients, correct) = (row.clients.to_string(), row.correct.to_string());
        let took = format_duration(row.took);
        table.row([row.way.to_string(), clients, correct, took, per_client, rss]);
    }
    table.align_right([1, 2, 3, 4, 5]);
    println!("{table}");
    for row in rows.iter().filter(|r| !r.note.is_empty()) {
        println!("note: {}: {}", row.way, row.note);
    }
    println!("the server accepted {served} connections and has stopped");
    let total: usize = rows.iter().map(|r| r.clients).sum();
    assert_eq!(served, total as u64, "one connection per client, no more");
}
// ANCHOR_END: stop_and_compare

// ANCHOR: did_this_run_show_it
/// The lesson, checked against this run: a busy machine (or a kernel that
/// counts memory differently) can contradict it, and then the run says so.
fn did_this_run_show_it([in_a_loop, tasks, threads]: &[Row; 3]) {
    if tasks.took.max(threads.took) * 2 > in_a_loop.took {
        println!("(the machine was too busy for the waits to overlap well: try again when idle)");
    }
    match (tasks.peak_rss, threads.peak_rss) {
        (Some(tasks), Some(threads)) if threads <= tasks => {
            println!("(in this run the threads took no more memory than the tasks)")
        }
        (None, _) | (_, None) => {
            println!("(peak RSS needs Linux's /proc/self/clear_refs to reset between rows)")
        }
        _ => {}
    }
}
// ANCHOR_END: did_this_run_show_it
