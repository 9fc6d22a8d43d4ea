//! 1.1 Multitasking and parallelism: two busy tasks on one CPU, then on all.
//!
//! Python: on one core the OS switches quickly between tasks (the *illusion* of
//! simultaneity); on several cores they really run at once (processes; CPython
//! threads also need the GIL, see `gil_simulated`).
//! Rust: two threads, A and B, do the same CPU-bound work pinned to one CPU
//! (`threads::affinity`), then free; the timeline shows when each made progress.
//!
//! Watch: pinned, the rows take turns and CPU / wall is at most 1; free, on 2+
//! CPUs, both rows progress at once and CPU / wall nears 2.
//! Varies: a turn lasts a scheduler time slice (a few ms); on one CPU or a busy
//! machine the free run looks like the pinned one, and the claim line says so.
//!
//! Run: cargo run --release --example multitasking_vs_parallelism

use std::hint::black_box;
use std::sync::Barrier;
use std::thread;
use std::time::{Duration, Instant};

use common::report::{Table, cannot_show, claim};
use common::timing::format_duration;
use common::trace;
use common::workload::sum_of_squares_range;
use threads::affinity;
use threads::cpu_time::{GRANULARITY, thread_cpu_time};
use threads::scaling::{count_cpus, cpus};

// ANCHOR: two_tasks
/// Runs the same task on threads A and B, each pinned to `cpu` if given: a
/// span named `run` for the whole task, a mark after each of its `slices`.
/// Returns the wall time and the two threads' CPU times.
fn two_tasks(run: &str, slices: usize, cpu: Option<usize>) -> (Duration, [Duration; 2]) {
    let start_together = Barrier::new(2);
    let started = Instant::now();
    let task = || {
        let _pinned = cpu.map(|cpu| affinity::pin_thread(&[cpu]).expect("pin to one CPU"));
        start_together.wait();
        let _task = trace::span(run);
        let before = thread_cpu_time().expect("read the thread's CPU time");
        for _ in 0..slices {
            black_box(sum_of_squares_range(0..100_000));
            trace::mark("progress");
        }
        thread_cpu_time().expect("read the thread's CPU time") - before
    };
    let cpu_times = thread::scope(|s| {
        let spawn = |name: &str| {
            thread::Builder::new()
                .name(name.into())
                .spawn_scoped(s, task)
        };
        let [a, b] = ["A", "B"].map(|name| spawn(name).expect("start a thread"));
        [a.join().unwrap(), b.join().unwrap()]
    });
    (started.elapsed(), cpu_times)
}
// ANCHOR_END: two_tasks

/// Prints a one-row table; returns CPU / wall: how many CPUs worked at once.
fn report(run: &str, wall: Duration, [a, b]: [Duration; 2]) -> f64 {
    let mut table = Table::new(["run", "wall time", "CPU time A", "CPU time B", "CPU / wall"]);
    let ratio = (a + b).as_secs_f64() / wall.as_secs_f64();
    let [wall, a, b] = [wall, a, b].map(format_duration);
    table.row([run.to_string(), wall, a, b, format!("{ratio:.2}")]);
    println!("{}", table.align_right([1, 2, 3, 4]));
    ratio
}

// ANCHOR: pinned_to_one_cpu
fn pinned_to_one_cpu(slices: usize) {
    let allowed = affinity::allowed_cpus().expect("read this thread's CPU mask");
    println!("CPUs this process may use: {allowed:?}");
    if let Err(e) = affinity::pin_thread(&allowed[..1]) {
        return cannot_show("two tasks pinned to one CPU", &e.to_string());
    }
    let (wall, cpu) = two_tasks("pinned", slices, Some(allowed[0]));
    report("pinned to 1 CPU", wall, cpu);
    println!(
        "CPU / wall is how many CPUs worked at once on average: 1 is switching, 2 is parallel."
    );
    // On one CPU only one task runs at any instant, so the wall time covers
    // both CPU times end to end (with slack for the clocks' granularity).
    assert!(
        wall + 2 * GRANULARITY >= cpu[0] + cpu[1],
        "on one CPU the tasks took turns, so wall {wall:?} >= CPU {cpu:?}"
    );
}
// ANCHOR_END: pinned_to_one_cpu

// ANCHOR: free_on_all_cpus
fn free_on_all_cpus(slices: usize) {
    let (wall, cpu) = two_tasks("free", slices, None);
    let (at_once, cpus) = (report("free", wall, cpu), cpus());
    let why = match (at_once >= 1.5, cpus) {
        (true, _) => "",
        (false, 1) => "; only 1 CPU here: this run is multitasking too",
        (false, _) => "; other programs had part of the CPUs",
    };
    let measured = format!("CPU / wall {at_once:.2} on {}{why}", count_cpus(cpus));
    claim(
        "Free, the two tasks run at the same time: CPU / wall near 2",
        at_once >= 1.5,
        &measured,
    );
    // Two tasks can never keep more than two CPUs busy.
    assert!(
        cpu[0] + cpu[1] <= 2 * wall + 2 * GRANULARITY,
        "two tasks used {cpu:?} of CPU in {wall:?}: more than two CPUs' worth"
    );
}
// ANCHOR_END: free_on_all_cpus

fn main() {
    pinned_to_one_cpu(200);
    free_on_all_cpus(200);
    trace::finish(); // the timeline of both runs
}
