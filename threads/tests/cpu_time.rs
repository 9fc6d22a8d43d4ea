//! `threads::cpu_time` and `threads::context::busy_cpus_during`, on every OS;
//! and where the OS has no per-thread switch counters, a clear "unsupported".

use std::thread;
use std::time::{Duration, Instant};

use common::workload::sum_of_squares;
use threads::context::busy_cpus_during;
use threads::cpu_time::{GRANULARITY, process_cpu_time, thread_cpu_time};

#[test]
fn computing_adds_thread_cpu_time_and_sleeping_does_not() {
    let before = thread_cpu_time().unwrap();
    std::hint::black_box(sum_of_squares(20_000_000));
    let computed = thread_cpu_time().unwrap();
    assert!(computed > before);
    let slept = Instant::now();
    thread::sleep(Duration::from_millis(50));
    let after_sleep = thread_cpu_time().unwrap();
    // A sleeping thread does not run, so it adds less CPU time than it slept.
    assert!(
        after_sleep - computed < slept.elapsed(),
        "{computed:?} {after_sleep:?}"
    );
}

#[test]
fn the_process_counts_at_least_what_one_thread_does() {
    let thread = thread_cpu_time().unwrap();
    let process = process_cpu_time().unwrap();
    assert!(process + GRANULARITY >= thread, "{process:?} < {thread:?}");
}

#[test]
fn busy_cpus_counts_the_threads_a_closure_starts() {
    let ((), sleeping) = busy_cpus_during(|| thread::sleep(Duration::from_millis(50))).unwrap();
    assert!(
        sleeping < 0.5,
        "a sleeping closure kept {sleeping:.2} CPUs busy"
    );
    // Each thread measures the CPU time it used itself.
    let burn = || {
        let before = thread_cpu_time().unwrap();
        std::hint::black_box(sum_of_squares(30_000_000));
        thread_cpu_time().unwrap() - before
    };
    let outer = Instant::now();
    let (burned, busy) = busy_cpus_during(|| {
        thread::scope(|s| {
            let (a, b) = (s.spawn(burn), s.spawn(burn));
            a.join().unwrap() + b.join().unwrap()
        })
    })
    .unwrap();
    let wall = outer.elapsed();
    // The closure used at least `burned` of CPU in at most `wall`: a ratio of
    // the calling thread's CPU time alone would miss both threads' work.
    let at_least = burned.saturating_sub(2 * GRANULARITY).as_secs_f64() / wall.as_secs_f64();
    assert!(
        busy >= at_least,
        "busy_cpus_during said {busy:.2}, at least {at_least:.2}"
    );
}

#[cfg(not(target_os = "linux"))]
#[test]
fn switch_counters_are_unsupported_and_say_so() {
    let err = threads::context::ThreadUsage::current_thread().unwrap_err();
    assert_eq!(err.kind(), std::io::ErrorKind::Unsupported);
    assert!(err.to_string().contains("per thread"), "{err}");
}
