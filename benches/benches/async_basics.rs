//! Section 5: what a task costs, and the mini event loop against tokio.
//!
//! What a task costs next to a thread: spawn + join of one, and `join_all`
//! of 10,000 tokio tasks (≈ `asyncio.gather` of 10,000 tasks).
//!
//! The event loop from scratch against tokio's current-thread runtime, on the
//! same program: spawn 1,000 tasks that each yield 10 times, then await them.
//! All run it on one thread; the difference is the machinery. Steps 3 and 4
//! of `async_basics::mini` take a mutex and signal a condvar on every wake
//! (step 4 also moves each future through a `HashMap`); step 5 uses a local
//! queue without a lock, as tokio does. After criterion's report the bench
//! prints each loop's median time per run and its ratio to tokio's.
//!
//! Run: cargo bench -p benches --bench async_basics

use std::hint::black_box;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use async_basics::mini;
use common::report;
use common::timing::{Stats, format_duration};
use criterion::measurement::WallTime;
use criterion::{BenchmarkGroup, Criterion, Throughput, criterion_group};
use futures::future::join_all;
use threads::cpu_time::thread_cpu_time;
use tokio::runtime::{Builder, Runtime};

fn current_thread() -> Runtime {
    Builder::new_current_thread().build().expect("runtime")
}

fn multi_thread() -> Runtime {
    Builder::new_multi_thread()
        .worker_threads(2)
        .build()
        .expect("runtime")
}

fn spawn_and_join(c: &mut Criterion) {
    let mut group = c.benchmark_group("spawn + join one");
    let single = current_thread();
    group.bench_function("tokio task, current-thread runtime", |b| {
        b.iter(|| single.block_on(async { tokio::spawn(async { black_box(1) }).await.unwrap() }))
    });
    let pool = multi_thread();
    group.bench_function("tokio task, multi-thread runtime", |b| {
        b.iter(|| pool.block_on(async { tokio::spawn(async { black_box(1) }).await.unwrap() }))
    });
    group.bench_function("OS thread (std::thread::spawn)", |b| {
        b.iter(|| std::thread::spawn(|| black_box(1)).join().unwrap())
    });
    group.finish();
}

fn join_all_10k(c: &mut Criterion) {
    const TASKS: u64 = 10_000;
    let mut group = c.benchmark_group("join_all of 10,000");
    group.throughput(Throughput::Elements(TASKS));
    group.sample_size(20);
    let single = current_thread();
    group.bench_function("spawned tasks, current-thread runtime", |b| {
        b.iter(|| {
            single.block_on(async {
                let tasks = (0..TASKS).map(|i| tokio::spawn(async move { black_box(i) }));
                join_all(tasks)
                    .await
                    .into_iter()
                    .map(Result::unwrap)
                    .sum::<u64>()
            })
        })
    });
    let pool = multi_thread();
    group.bench_function("spawned tasks, multi-thread runtime", |b| {
        b.iter(|| {
            pool.block_on(async {
                let tasks = (0..TASKS).map(|i| tokio::spawn(async move { black_box(i) }));
                join_all(tasks)
                    .await
                    .into_iter()
                    .map(Result::unwrap)
                    .sum::<u64>()
            })
        })
    });
    group.bench_function("plain futures, no spawn", |b| {
        b.iter(|| {
            single.block_on(async {
                let futures = (0..TASKS).map(|i| async move { black_box(i) });
                join_all(futures).await.into_iter().sum::<u64>()
            })
        })
    });
    group.finish();
}

const TASKS: u64 = 1_000;
const YIELDS: u64 = 10;

/// The program, on one step of the mini loop: its `block_on` and `spawn`.
macro_rules! yields_on_mini {
    ($step:ident) => {
        mini::$step::block_on(async {
            let handles: Vec<_> = (0..TASKS)
                .map(|i| {
                    mini::$step::spawn(async move {
                        for _ in 0..YIELDS {
                            mini::yield_now().await;
                        }
                        black_box(i)
                    })
                })
                .collect();
            let mut sum = 0;
            for handle in handles {
                sum += handle.await.expect("the task finished inside block_on");
            }
            sum
        })
    };
}

fn yields_on_tokio(runtime: &Runtime) -> u64 {
    runtime.block_on(async {
        let handles: Vec<_> = (0..TASKS)
            .map(|i| {
                tokio::spawn(async move {
                    for _ in 0..YIELDS {
                        tokio::task::yield_now().await;
                    }
                    black_box(i)
                })
            })
            .collect();
        let mut sum = 0;
        for handle in handles {
            sum += handle.await.unwrap();
        }
        sum
    })
}

/// One sample criterion took of a loop: how many runs, in how long, and how
/// much CPU time the thread running them used (robust on a busy machine).
struct Sample {
    name: &'static str,
    runs: u64,
    wall: Duration,
    cpu: Duration,
}

static SAMPLES: Mutex<Vec<Sample>> = Mutex::new(Vec::new());

/// Benchmarks `run` as `name`, keeping each sample for [`print_ratios`].
fn bench_loop(group: &mut BenchmarkGroup<WallTime>, name: &'static str, run: impl Fn() -> u64) {
    group.bench_function(name, |b| {
        b.iter_custom(|runs| {
            let (start, cpu) = (Instant::now(), thread_cpu_time().unwrap_or_default());
            for _ in 0..runs {
                black_box(run());
            }
            let wall = start.elapsed();
            let cpu = thread_cpu_time().unwrap_or_default().saturating_sub(cpu);
            SAMPLES.lock().unwrap().push(Sample {
                name,
                runs,
                wall,
                cpu,
            });
            wall
        })
    });
}

// Criterion's ids: step 4 keeps the id the measured tables know (`cargo xtask measure`).
const STEP_3: &str = "mini event loop, step 3";
const STEP_4: &str = "mini event loop";
const STEP_5: &str = "mini event loop, step 5 (fast)";
const TOKIO: &str = "tokio current-thread runtime";

/// Each loop's id, and how the summary names it.
const LOOPS: [(&str, &str); 4] = [
    (STEP_3, "mini, step 3 (tasks own their futures)"),
    (STEP_4, "mini, step 4 (the lessons' loop)"),
    (STEP_5, "mini, step 5 (fast)"),
    (TOKIO, "tokio current-thread runtime"),
];

fn same_program(c: &mut Criterion) {
    let mut group = c.benchmark_group("1,000 tasks x 10 yields");
    group.throughput(Throughput::Elements(TASKS * YIELDS));
    bench_loop(&mut group, STEP_3, || yields_on_mini!(s3_spawn));
    bench_loop(&mut group, STEP_4, || yields_on_mini!(s4_timers));
    bench_loop(&mut group, STEP_5, || yields_on_mini!(s5_fast));
    let runtime = current_thread();
    bench_loop(&mut group, TOKIO, || yields_on_tokio(&runtime));
    group.finish();
}

/// The median of one loop's samples per run, in wall time and CPU time.
fn per_run(samples: &[Sample], name: &str) -> Option<(Duration, Duration)> {
    let of: Vec<&Sample> = samples.iter().filter(|s| s.name == name).collect();
    let median = |time: fn(&Sample) -> Duration| {
        let per_run = of
            .iter()
            .map(|s| time(s) / u32::try_from(s.runs.max(1)).unwrap_or(u32::MAX));
        Stats::from_samples(per_run.collect()).median()
    };
    (!of.is_empty()).then(|| (median(|s| s.wall), median(|s| s.cpu)))
}

/// Each loop's time and CPU time per run, their ratios to tokio's, and how
/// many runs were measured (to divide a profiler's totals by).
fn print_ratios() {
    let samples = SAMPLES.lock().unwrap();
    let tokio = per_run(&samples, TOKIO);
    let ratio = |a: Duration, b: Option<Duration>| {
        b.map_or("-".into(), |b| {
            format!("{:.2}x", a.as_secs_f64() / b.as_secs_f64())
        })
    };
    println!("\n1,000 tasks x 10 yields, per run (median), and the ratio to tokio's:");
    println!(
        "  {:<38} {:>9} {:>6} {:>9} {:>6} {:>7}",
        "", "time", "", "CPU time", "", "runs"
    );
    for (name, label) in LOOPS {
        let Some((wall, cpu)) = per_run(&samples, name) else {
            continue;
        };
        let runs: u64 = samples
            .iter()
            .filter(|s| s.name == name)
            .map(|s| s.runs)
            .sum();
        let (time, cpu_time) = (format_duration(wall), format_duration(cpu));
        let (by_time, by_cpu) = (
            ratio(wall, tokio.map(|t| t.0)),
            ratio(cpu, tokio.map(|t| t.1)),
        );
        println!("  {label:<38} {time:>9} {by_time:>6} {cpu_time:>9} {by_cpu:>6} {runs:>7}");
    }
    if let (Some((wall, cpu)), Some((tokio_wall, tokio_cpu))) = (per_run(&samples, STEP_5), tokio) {
        let (by_time, by_cpu) = (ratio(wall, Some(tokio_wall)), ratio(cpu, Some(tokio_cpu)));
        report::claim(
            "the fast mini loop (step 5) is within 1.5x of tokio's current-thread runtime",
            wall.as_secs_f64() <= 1.5 * tokio_wall.as_secs_f64(),
            &format!(
                "{by_time} in time, {by_cpu} in CPU time; on a busy machine the time varies more"
            ),
        );
    }
}

criterion_group!(benches, spawn_and_join, join_all_10k, same_program);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
    print_ratios();
}
