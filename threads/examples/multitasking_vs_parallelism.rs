//! 1.1 Multitasking and parallelism: two busy tasks on one CPU, then on all.
//!
//! Python: the notebook's definitions; on one core the OS switches quickly
//! between tasks and creates the *illusion* of simultaneity, on several cores
//! they really run at the same time (for processes; CPython threads also
//! need the GIL, see `gil_simulated`).
//! Rust: two threads do the same CPU-bound work, first both pinned to one CPU
//! with `sched_setaffinity` (Linux), then free on every CPU. Each records when
//! it made progress; a timeline shows who ran in each millisecond.
//!
//! Watch: pinned, the rows take turns (`#` in one row, `.` in the other) and
//! the wall time is the two CPU times added up; free on 2+ CPUs, both rows are
//! full and the wall time is about one task's CPU time. A column with `.` in
//! both rows is a millisecond in which another program had the CPU.
//! Varies: the length of the turns is the kernel scheduler's time slice (a
//! few ms, depends on the kernel and the load); on a one-CPU machine or a busy
//! one, the free run looks like the pinned one.
//!
//! Run: cargo run --release --example multitasking_vs_parallelism

use std::sync::Barrier;
use std::thread;
use std::time::{Duration, Instant};

use common::report::Table;
use common::timing::format_duration;
use common::workload::sum_of_squares_range;
use threads::affinity;
use threads::context::ThreadUsage;

/// One timeline column is this long.
const COLUMN: Duration = Duration::from_millis(1);
/// The timeline shows the first this many columns.
const COLUMNS: usize = 60;

/// What one task did: when it finished each chunk, and its CPU time.
struct Trace {
    progress: Vec<Duration>,
    cpu_time: Duration,
}

/// Runs two identical tasks of `chunks` chunks on two threads, optionally
/// pinned to `cpu`, and returns their traces and the wall time.
fn run_two_tasks(chunks: usize, cpu: Option<usize>) -> ([Trace; 2], Duration) {
    let start_together = Barrier::new(2);
    let t0 = Instant::now();
    let traces = thread::scope(|s| {
        let task = || {
            let _pinned = cpu.map(|cpu| affinity::pin_thread(&[cpu]).expect("pin to one CPU"));
            start_together.wait();
            let before = ThreadUsage::current_thread().unwrap();
            let mut progress = Vec::with_capacity(chunks);
            for _ in 0..chunks {
                std::hint::black_box(sum_of_squares_range(0..50_000));
                progress.push(t0.elapsed());
            }
            let cpu_time = (ThreadUsage::current_thread().unwrap() - before).cpu_time;
            Trace { progress, cpu_time }
        };
        let a = s.spawn(task);
        let b = s.spawn(task);
        [a.join().unwrap(), b.join().unwrap()]
    });
    (traces, t0.elapsed())
}

/// `#` for each column in which the task finished a chunk, `.` otherwise.
fn timeline(trace: &Trace) -> String {
    let mut row = vec!['.'; COLUMNS];
    for at in &trace.progress {
        let column = (at.as_nanos() / COLUMN.as_nanos()) as usize;
        if column < COLUMNS {
            row[column] = '#';
        }
    }
    row.into_iter().collect()
}

fn main() {
    let allowed = affinity::allowed_cpus().expect("read this thread's CPU mask");
    println!("CPUs this process may use: {allowed:?}");
    if allowed.len() == 1 {
        println!("Only one CPU here: both runs below are multitasking, none is parallel.");
    }
    let chunks = if common::testing::quick_mode() {
        println!("(quick mode: less work per task)");
        400
    } else {
        4_000
    };

    let mut table = Table::new(["run", "wall time", "CPU time A", "CPU time B", "CPU / wall"]);
    let mut pinned_run = None;
    for (name, cpu) in [("pinned to 1 CPU", Some(allowed[0])), ("free", None)] {
        let (traces, wall) = run_two_tasks(chunks, cpu);
        let [a, b] = &traces;
        println!("\n{name}: first {COLUMNS} ms, one column per ms, # = made progress");
        println!("  A |{}|", timeline(a));
        println!("  B |{}|", timeline(b));
        let cpu_sum = a.cpu_time + b.cpu_time;
        table.row([
            name.to_string(),
            format_duration(wall),
            format_duration(a.cpu_time),
            format_duration(b.cpu_time),
            format!("{:.2}", cpu_sum.as_secs_f64() / wall.as_secs_f64()),
        ]);
        if cpu.is_some() {
            pinned_run = Some((wall, cpu_sum));
        }
    }
    println!("\n{}", table.align_right([1, 2, 3, 4]));
    println!(
        "CPU / wall is how many CPUs worked at once on average: 1 is switching, 2 is parallel."
    );

    // On one CPU only one task runs at any instant, so the wall time covers
    // both CPU times end to end (1 ms of slack for the clocks' granularity).
    let (wall, cpu_sum) = pinned_run.unwrap();
    assert!(
        wall + Duration::from_millis(1) >= cpu_sum,
        "wall {wall:?} < CPU {cpu_sum:?}"
    );
}
