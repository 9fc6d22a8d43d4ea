//! The rows of each kind: the notebook's cells, CPU-bound sums by method and
//! workers, and IO-bound clients by way and count.

use tour::measured::{Cell, Group, Method, Stop, Way, Work, id};

use super::plan::{Comparison, Context, SERVER, expected_sum};
use super::probe::Check;

/// The notebook's four cells, each a whole process on both sides.
pub(super) fn cells(ctx: &Context) -> Vec<Comparison> {
    let result = "Result: 333333283333335000000".to_string();
    let squares: Vec<u64> = (0..100).map(|x| x * x).collect();
    let asyncio = [1, 2, 3].map(|n| format!("Start task {n}"));
    let asyncio = [asyncio, [1, 2, 3].map(|n| format!("End task {n}"))].concat();
    let cell = |cell: Cell, script: &str, args: &[&str], check: Vec<String>| {
        let (warmup, runs) = ctx.rounds(false);
        Comparison {
            work: Work::Cell { cell },
            warmup,
            runs,
            python: ctx.python(script, args, Check::Contains(check.clone())),
            rust: ctx.rust(&[&id(cell)], Check::Contains(check)),
        }
    };
    vec![
        cell(
            Cell::Gil,
            "threads/python/gil.py",
            &["--cell"],
            vec![result.clone(), result, "Done".into()],
        ),
        cell(
            Cell::Lock,
            "sync-primitives/python/lock_counter.py",
            &[],
            vec!["shared_counter = 1000".into()],
        ),
        cell(
            Cell::Pool,
            "processes/python/process_pool.py",
            &["--cell"],
            vec![format!("{squares:?}")],
        ),
        cell(
            Cell::Asyncio,
            "async-basics/python/asyncio_run.py",
            &[],
            asyncio,
        ),
    ]
}

/// Σ i² over `0..n` by each method on each worker count (sequential once).
pub(super) fn cpu_rows(
    ctx: &Context,
    group: Group,
    n: u64,
    workers: &[usize],
    (warmup, runs): (usize, usize),
) -> Vec<Comparison> {
    let row = |method: Method, k: usize| {
        let (n_text, k_text) = (n.to_string(), k.to_string());
        let check = || Check::Sum(expected_sum(n));
        let python = match method {
            Method::Rayon => Err(Stop::NoCounterpart),
            Method::Pool => Ok("processes".to_string()),
            other => Ok(id(other)),
        };
        let python = python.and_then(|way| {
            let args = ["--one", &way, &k_text, &n_text];
            ctx.python("processes/python/cpu_bound_speedup.py", &args, check())
        });
        Comparison {
            work: Work::Sum {
                group,
                method,
                workers: k,
                n,
            },
            warmup,
            runs,
            python,
            rust: ctx.rust(&["cpu", &id(method), &k_text, &n_text], check()),
        }
    };
    let mut rows = vec![row(Method::Sequential, 1)];
    for &k in workers {
        rows.extend([Method::Threads, Method::Rayon, Method::Pool].map(|m| row(m, k)));
    }
    rows
}

/// `clients` clients of the echo server (2 ms think time), each way.
pub(super) fn io_rows(
    ctx: &Context,
    group: Group,
    ways: &[Way],
    clients: usize,
    (warmup, runs): (usize, usize),
) -> Vec<Comparison> {
    let count = clients.to_string();
    ways.iter()
        .map(|&way| {
            let python_way = match way {
                Way::Tasks => "coroutines".to_string(),
                other => id(other),
            };
            Comparison {
                work: Work::Clients {
                    group,
                    way,
                    clients,
                },
                warmup,
                runs,
                python: ctx.python(
                    "async-basics/python/io_bound.py",
                    &["--connect", SERVER, &python_way, &count],
                    Check::Correct(clients),
                ),
                rust: ctx.rust(&["io", &id(way), &count, SERVER], Check::Correct(clients)),
            }
        })
        .collect()
}
