//! The rows of each kind: the notebook's cells, CPU-bound sums by method and
//! workers, and IO-bound clients by way and count.

use super::plan::{Comparison, Context, SERVER, expected_sum};
use super::probe::Check;

/// The notebook's four cells, each a whole process on both sides.
pub(super) fn cells(ctx: &Context) -> Vec<Comparison> {
    let result = "Result: 333333283333335000000".to_string();
    let squares: Vec<u64> = (0..100).map(|x| x * x).collect();
    let asyncio = [1, 2, 3].map(|n| format!("Start task {n}"));
    let asyncio = [asyncio, [1, 2, 3].map(|n| format!("End task {n}"))].concat();
    let cell = |id: &str, label: &str, script: &str, args: &[&str], check: Vec<String>| {
        let (warmup, runs) = ctx.rounds(false);
        Comparison {
            id: format!("cell/{id}"),
            group: "The notebook's cells, each a whole process",
            label: label.into(),
            x: None,
            names: ("CPython", "Rust"),
            metric: "wall_s",
            warmup,
            runs,
            python: ctx.python(script, args, Check::Contains(check.clone())),
            rust: ctx.rust(&[id], Check::Contains(check)),
            clients: None,
        }
    };
    vec![
        cell(
            "gil",
            "1.3 GIL: 2 threads, cpu_bound_task(10⁷) each",
            "threads/python/gil.py",
            &["--cell"],
            vec![result.clone(), result, "Done".into()],
        ),
        cell(
            "lock",
            "3.1 Lock: 1000 threads, one counter",
            "sync-primitives/python/lock_counter.py",
            &[],
            vec!["shared_counter = 1000".into()],
        ),
        cell(
            "pool",
            "4.1 ProcessPoolExecutor: squares of 0..100",
            "processes/python/process_pool.py",
            &["--cell"],
            vec![format!("{squares:?}")],
        ),
        cell(
            "asyncio",
            "5.1 asyncio.run: three 1 s sleeps",
            "async-basics/python/asyncio_run.py",
            &[],
            asyncio,
        ),
    ]
}

/// Σ i² over `0..n` by each method on each worker count (sequential once).
pub(super) fn cpu_rows(
    ctx: &Context,
    group_id: &str,
    n: u64,
    workers: &[usize],
    (warmup, runs): (usize, usize),
) -> Vec<Comparison> {
    let group = match group_id {
        "cpu" => "CPU-bound scaling: Σ i² for i < 10⁷ in 16 chunks, whole processes",
        "scale" => "CPU-bound scaling where the work dominates: Σ i² for i < 10⁹",
        _ => "CPU-bound growth: Σ i² for i < n on all CPUs, whole processes",
    };
    let row = |python: Option<&str>, rust: &str, names, k: usize| {
        let (n_text, k_text) = (n.to_string(), k.to_string());
        let check = || Check::Sum(expected_sum(n));
        let python = match python {
            Some(method) => ctx.python(
                "processes/python/cpu_bound_speedup.py",
                &["--one", method, &k_text, &n_text],
                check(),
            ),
            None => Err("no Python counterpart".into()),
        };
        let workers = if k == 1 {
            "1 worker".into()
        } else {
            format!("{k} workers")
        };
        let (id, x, label) = if group_id != "cpu-growth" {
            (
                format!("{group_id}/{rust}/{k}"),
                k as f64,
                format!("{rust}, {workers}"),
            )
        } else {
            (
                format!("{group_id}/{rust}/{n}"),
                n as f64,
                format!("{rust}, n = {n}"),
            )
        };
        Comparison {
            id,
            group,
            label,
            x: Some(x),
            names,
            metric: "wall_s",
            warmup,
            runs,
            python,
            rust: ctx.rust(&["cpu", rust, &k_text, &n_text], check()),
            clients: None,
        }
    };
    let mut rows = vec![row(
        Some("sequential"),
        "sequential",
        ("sequential", "sequential"),
        1,
    )];
    for &k in workers {
        rows.push(row(
            Some("threads"),
            "threads",
            ("threading", "std threads"),
            k,
        ));
        rows.push(row(None, "rayon", ("", "rayon"), k));
        rows.push(row(
            Some("processes"),
            "pool",
            ("ProcessPoolExecutor", "ProcessPool"),
            k,
        ));
    }
    rows
}

/// `clients` clients of the echo server (2 ms think time), each way.
pub(super) fn io_rows(
    ctx: &Context,
    group_id: &str,
    ways: &[(&'static str, &'static str)],
    clients: usize,
    (warmup, runs): (usize, usize),
) -> Vec<Comparison> {
    let group = if group_id == "io" {
        "IO-bound clients of one echo server (2 ms think time), whole processes"
    } else {
        "IO-bound growth: clients of one echo server, wall time and peak RSS"
    };
    let count = clients.to_string();
    let names = |python, rust| -> (&'static str, &'static str) {
        match (python, rust) {
            ("coroutines", _) => ("asyncio", "tokio tasks"),
            ("threads", _) => ("threading", "std threads"),
            _ => ("one after another", "one after another"),
        }
    };
    ways.iter()
        .map(|&(python, rust)| Comparison {
            id: format!("{group_id}/{rust}/{clients}"),
            group,
            label: format!("{clients} clients, {rust}"),
            x: Some(clients as f64),
            names: names(python, rust),
            metric: "wall_s",
            warmup,
            runs,
            python: ctx.python(
                "async-basics/python/io_bound.py",
                &["--connect", SERVER, python, &count],
                Check::Correct(clients),
            ),
            rust: ctx.rust(&["io", rust, &count, SERVER], Check::Correct(clients)),
            clients: Some(clients),
        })
        .collect()
}
