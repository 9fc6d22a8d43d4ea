//! `threads::context`: the counters grow when they must. Only what the
//! kernel guarantees is asserted: a blocking sleep is a voluntary switch;
//! two busy threads on one CPU cannot both finish without a preemption.

use std::sync::Barrier;
use std::thread;
use std::time::Duration;

use common::workload::{blocking_io, sum_of_squares};
use threads::affinity;
use threads::context::{ThreadUsage, usage_during};

#[test]
fn each_blocking_sleep_is_a_voluntary_switch() {
    let ((), used) =
        usage_during(|| (0..5).for_each(|_| blocking_io(Duration::from_millis(1)))).unwrap();
    assert!(used.voluntary >= 5, "{used:?}");
}

#[test]
fn computing_uses_cpu_time() {
    let (sum, used) = usage_during(|| sum_of_squares(5_000_000)).unwrap();
    assert!(sum > 0);
    assert!(used.cpu_time > Duration::ZERO, "{used:?}");
}

#[test]
fn the_process_counts_at_least_what_one_thread_does() {
    blocking_io(Duration::from_millis(1));
    let thread = ThreadUsage::current_thread().unwrap();
    let process = ThreadUsage::process().unwrap();
    assert!(process.voluntary >= thread.voluntary);
    assert!(process.cpu_time >= thread.cpu_time);
}

#[test]
fn two_busy_threads_on_one_cpu_are_preempted() {
    let cpu = affinity::allowed_cpus().unwrap()[0];
    let start_together = Barrier::new(2);
    let involuntary: u64 = thread::scope(|s| {
        let handles: Vec<_> = (0..2)
            .map(|_| {
                s.spawn(|| {
                    let _pinned = affinity::pin_thread(&[cpu]).unwrap();
                    start_together.wait();
                    usage_during(|| sum_of_squares(30_000_000))
                        .unwrap()
                        .1
                        .involuntary
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).sum()
    });
    assert!(involuntary >= 1);
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
