//! 2.2 Context switches: a thread that waits gives its CPU up; a busy one is preempted.
//!
//! Python: `resource.getrusage(resource.RUSAGE_THREAD)` (`ru_nvcsw`, `ru_nivcsw`).
//! Rust: `threads::context`, the calling thread's `getrusage(RUSAGE_THREAD)`
//! (Linux only: macOS and Windows do not count switches per thread).
//!
//! Watch: the IO-bound thread switches voluntarily, about once per wait; the
//! CPU-bound one only involuntarily, if at all. A switch with the wake-up costs
//! microseconds.
//! Varies: preemptions with load; the cost with the CPU, kernel and mitigations.
//!
//! Run: cargo run --release --example context_switches

use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use common::report::{Table, cannot_show, claim};
use common::timing::format_duration;
use common::workload::{blocking_io, spin_for};
use threads::affinity;
use threads::context::{ThreadUsage, usage_during};

// ANCHOR: switches
fn voluntary_and_involuntary_switches(waits: u32, spin: Duration) {
    let wait = Duration::from_millis(1);
    let (io, cpu) = thread::scope(|s| {
        let io = s.spawn(|| usage_during(|| (0..waits).for_each(|_| blocking_io(wait))));
        let cpu = s.spawn(|| usage_during(|| spin_for(spin)));
        (
            io.join().unwrap().unwrap().1,
            cpu.join().unwrap().unwrap().1,
        )
    });
    let mut table = Table::new(["thread", "CPU time", "voluntary", "involuntary"]);
    for (name, u) in [
        (format!("IO-bound: {waits} waits of 1 ms"), io),
        (format!("CPU-bound: {} busy", format_duration(spin)), cpu),
    ] {
        let counts = [u.voluntary, u.involuntary].map(|c| c.to_string());
        table.row(
            [name, format_duration(u.cpu_time)]
                .into_iter()
                .chain(counts),
        );
    }
    println!(
        "Context switches away from each thread:\n{}",
        table.align_right([1, 2, 3])
    );
    claim(
        "Each 1 ms wait blocks the thread: a voluntary switch per wait",
        io.voluntary >= u64::from(waits),
        &format!(
            "{} voluntary switches for {waits} waits (a wait whose timer fired before the thread could block needs none)",
            io.voluntary
        ),
    );
    if cpu.involuntary == 0 {
        println!("The CPU-bound thread was never preempted: no other thread wanted its CPU.");
    } else {
        println!(
            "The CPU-bound thread's involuntary switches are preemptions: its CPU went to others."
        );
    }
    assert!(
        io.cpu_time < wait * waits,
        "a waiting thread uses no CPU: {:?} of CPU in {waits} waits of 1 ms",
        io.cpu_time
    );
}
// ANCHOR_END: switches

/// Two threads pinned to `cpu` hand a token back and forth `rounds` times.
/// Returns the time per hand-over and the counters of the first thread.
fn ping_pong(cpu: usize, rounds: u32) -> (Duration, ThreadUsage) {
    let (to_pong, pong_in) = mpsc::sync_channel::<u32>(0);
    let (to_ping, ping_in) = mpsc::sync_channel::<u32>(0);
    thread::scope(|s| {
        s.spawn(move || {
            let _pinned = affinity::pin_thread(&[cpu]).expect("pin");
            for token in pong_in {
                let _ = to_ping.send(token);
            }
        });
        let ping = s.spawn(move || {
            let _pinned = affinity::pin_thread(&[cpu]).expect("pin");
            let start = Instant::now();
            let ((), used) = usage_during(|| {
                for round in 0..rounds {
                    to_pong.send(round).unwrap();
                    assert_eq!(ping_in.recv().unwrap(), round);
                }
            })
            .unwrap();
            (start.elapsed() / (2 * rounds), used)
        });
        ping.join().unwrap()
    })
}

// ANCHOR: cost_of_a_switch
fn the_cost_of_a_switch(rounds: u32) {
    println!("\nA thread's context, saved and restored at each switch: the general registers,");
    println!("the instruction and stack pointers, the floating-point and vector registers,");
    println!("the thread-local storage pointer and the signal mask. Switching to a thread of");
    println!("another process also switches the address space (page tables, TLB entries).");
    let cpu = affinity::allowed_cpus().expect("read the CPU mask")[0];
    let (per_switch, ping) = ping_pong(cpu, rounds);
    println!(
        "Ping-pong between two threads on CPU {cpu}, {rounds} rounds: {} per switch (with the wake-up), {} voluntary switches by one side.",
        format_duration(per_switch),
        ping.voluntary
    );
    // On one CPU the reply needs the other thread to run: one switch away per round at least.
    let switches = ping.switches();
    assert!(
        switches >= u64::from(rounds),
        "{switches} switches in {rounds} rounds"
    );
}
// ANCHOR_END: cost_of_a_switch

fn main() {
    // Per-thread counters (Linux only), and pinning (not on macOS).
    let cpu = affinity::allowed_cpus().expect("read the CPU mask")[0];
    if let Err(e) = ThreadUsage::current_thread().and(affinity::pin_thread(&[cpu]).map(drop)) {
        return cannot_show(
            "context switches counted per thread",
            &format!("{e}; the book's Linux run shows them"),
        );
    }
    voluntary_and_involuntary_switches(100, Duration::from_millis(300));
    the_cost_of_a_switch(20_000);
}
