//! `threads::context`: the switch counters are the kernel's own, and grow
//! only. Only what the kernel guarantees is asserted: not how many switches a
//! sleep or a busy loop causes (that depends on timing and load), but that
//! `getrusage(RUSAGE_THREAD)` reads the counters `/proc` shows, that they
//! never go down, and that threads pinned to one CPU take turns.
#![cfg(target_os = "linux")]

use std::sync::Barrier;
use std::thread;
use std::time::{Duration, Instant};

use common::testing::within;
use common::workload::{blocking_io, sum_of_squares};
use threads::affinity;
use threads::context::{ThreadUsage, usage_during};
use threads::cpu_time::GRANULARITY;

/// This thread's (voluntary, involuntary) switches as `/proc` shows them.
fn from_proc() -> (u64, u64) {
    let status = std::fs::read_to_string("/proc/thread-self/status").unwrap();
    let field = |name: &str| -> u64 {
        let line = status.lines().find(|l| l.starts_with(name)).unwrap();
        line[name.len()..].trim().parse().unwrap()
    };
    (
        field("voluntary_ctxt_switches:"),
        field("nonvoluntary_ctxt_switches:"),
    )
}

#[test]
fn the_counters_are_the_ones_proc_shows() {
    within(Duration::from_secs(60), || {
        // Block until the kernel has counted a voluntary switch, so the
        // comparison below is of a number that is not zero.
        while from_proc().0 == 0 {
            blocking_io(Duration::from_millis(1));
        }
        let before = ThreadUsage::current_thread().unwrap();
        let (voluntary, involuntary) = from_proc();
        let after = ThreadUsage::current_thread().unwrap();
        assert!(voluntary > 0);
        assert!((before.voluntary..=after.voluntary).contains(&voluntary));
        assert!((before.involuntary..=after.involuntary).contains(&involuntary));
    });
}

#[test]
fn the_counters_never_go_down() {
    let mut last = ThreadUsage::current_thread().unwrap();
    for _ in 0..20 {
        blocking_io(Duration::from_micros(100));
        let now = ThreadUsage::current_thread().unwrap();
        assert!(now.voluntary >= last.voluntary && now.involuntary >= last.involuntary);
        assert!(now.cpu_time >= last.cpu_time, "{last:?} then {now:?}");
        last = now;
    }
}

#[test]
fn computing_uses_cpu_time() {
    let (sum, used) = usage_during(|| sum_of_squares(5_000_000)).unwrap();
    assert!(sum > 0);
    assert!(used.cpu_time > Duration::ZERO, "{used:?}");
}

#[test]
fn two_busy_threads_pinned_to_one_cpu_take_turns() {
    let cpu = affinity::allowed_cpus().unwrap()[0];
    let start_together = Barrier::new(2);
    let started = Instant::now();
    let cpu_times: Vec<Duration> = thread::scope(|s| {
        let handles: Vec<_> = (0..2)
            .map(|_| {
                s.spawn(|| {
                    let _pinned = affinity::pin_thread(&[cpu]).unwrap();
                    start_together.wait();
                    let (_, used) = usage_during(|| sum_of_squares(30_000_000)).unwrap();
                    used.cpu_time
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    // One CPU runs one thread at a time: their CPU times fit in the wall time.
    let wall = started.elapsed();
    let cpu_sum: Duration = cpu_times.iter().sum();
    assert!(
        wall + 2 * GRANULARITY >= cpu_sum,
        "{cpu_sum:?} of CPU in {wall:?}"
    );
}

#[test]
fn differences_saturate_and_add_up() {
    let a = ThreadUsage {
        cpu_time: Duration::from_millis(5),
        voluntary: 3,
        involuntary: 1,
    };
    let b = ThreadUsage {
        cpu_time: Duration::from_millis(2),
        voluntary: 1,
        involuntary: 4,
    };
    let d = a - b;
    assert_eq!(
        d,
        ThreadUsage {
            cpu_time: Duration::from_millis(3),
            voluntary: 2,
            involuntary: 0
        }
    );
    assert_eq!(a.switches(), 4);
}
