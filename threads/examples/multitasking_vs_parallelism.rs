//! 1.1 Multitasking and parallelism: two busy tasks on one CPU, then on all.
//!
//! Python: on one core the OS switches quickly between tasks (the *illusion* of
//! simultaneity); on several cores they really run at once (processes; CPython
//! threads also need the GIL, see `gil_simulated`).
//! Rust: two threads do the same CPU-bound work, pinned to one CPU with
//! `sched_setaffinity` (Linux), then free; a timeline shows who ran each ms.
//!
//! Watch: pinned, the rows take turns and CPU / wall is at most 1; free on 2+
//! CPUs both rows are full and CPU / wall nears 2. `.` in both rows: another program ran.
//! Varies: a turn lasts one scheduler time slice (a few ms); on one CPU or a
//! busy machine the free run looks like the pinned one, and the example says so.
//!
//! Run: cargo run --release --example multitasking_vs_parallelism

use std::sync::Barrier;
use std::thread;
use std::time::{Duration, Instant};

use common::report::Table;
use common::testing::pick;
use common::timing::format_duration;
use common::workload::sum_of_squares_range;
use threads::affinity;
use threads::context::ThreadUsage;

/// One timeline column is this long.
const COLUMN: Duration = Duration::from_millis(1);
/// The timeline shows the first this many columns.
const COLUMNS: usize = 60;

// ANCHOR: two_tasks
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
// ANCHOR_END: two_tasks

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

/// How much work each task does (smaller under `cargo test`).
fn chunks() -> usize {
    pick(4_000, 400)
}

/// Prints both timelines and a one-row table; returns the wall time and
/// the two tasks' CPU times added up.
fn report(name: &str, (traces, wall): ([Trace; 2], Duration)) -> (Duration, Duration) {
    let [a, b] = &traces;
    println!("\n{name}: first {COLUMNS} ms, one column per ms, # = made progress");
    println!("  A |{}|", timeline(a));
    println!("  B |{}|", timeline(b));
    let cpu_sum = a.cpu_time + b.cpu_time;
    let mut table = Table::new(["run", "wall time", "CPU time A", "CPU time B", "CPU / wall"]);
    let ratio = format!("{:.2}", cpu_sum.as_secs_f64() / wall.as_secs_f64());
    let times = [wall, a.cpu_time, b.cpu_time].map(format_duration);
    table.row([name.to_string()].into_iter().chain(times).chain([ratio]));
    println!("{}", table.align_right([1, 2, 3, 4]));
    (wall, cpu_sum)
}

// ANCHOR: pinned_to_one_cpu
fn pinned_to_one_cpu() {
    let allowed = affinity::allowed_cpus().expect("read this thread's CPU mask");
    println!("CPUs this process may use: {allowed:?}");
    let (wall, cpu_sum) = report("pinned to 1 CPU", run_two_tasks(chunks(), Some(allowed[0])));
    println!(
        "CPU / wall is how many CPUs worked at once on average: 1 is switching, 2 is parallel."
    );
    // On one CPU only one task runs at any instant, so the wall time covers
    // both CPU times end to end (1 ms of slack for the clocks' granularity).
    assert!(
        wall + Duration::from_millis(1) >= cpu_sum,
        "on one CPU the tasks took turns, so wall {wall:?} >= CPU {cpu_sum:?}"
    );
}
// ANCHOR_END: pinned_to_one_cpu

// ANCHOR: free_on_all_cpus
fn free_on_all_cpus() {
    let cpus = affinity::allowed_cpus()
        .expect("read this thread's CPU mask")
        .len();
    let (wall, cpu_sum) = report("free", run_two_tasks(chunks(), None));
    let at_once = cpu_sum.as_secs_f64() / wall.as_secs_f64();
    if cpus == 1 {
        println!("Only one CPU here: this run is multitasking too, not parallel.");
    } else if at_once < 1.5 {
        println!(
            "The free tasks overlapped on only {at_once:.2} CPUs: other programs had the rest."
        );
        println!("On 2 idle CPUs both rows are full and CPU / wall is near 2.");
    } else {
        println!("Parallel: both tasks ran at the same time, {at_once:.2} CPUs at once.");
    }
    // Two tasks can never keep more than two CPUs busy (1 ms of slack).
    assert!(
        cpu_sum <= 2 * wall + Duration::from_millis(1),
        "two tasks used {cpu_sum:?} of CPU in {wall:?}: more than two CPUs' worth"
    );
}
// ANCHOR_END: free_on_all_cpus

fn main() {
    pinned_to_one_cpu();
    free_on_all_cpus();
}
