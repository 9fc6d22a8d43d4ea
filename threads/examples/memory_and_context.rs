//! 2.2 RSS, VMS and context: the memory threads and buffers cost; context switches.
//!
//! Python: `psutil.Process().memory_info()` (`rss`, `vms`); `resource.getrusage`
//! counts voluntary and involuntary context switches.
//! Rust: `common::memory::current()` reads both from `/proc/self/status`, and
//! `threads::context` the calling thread's `getrusage(RUSAGE_THREAD)`. Linux only.
//!
//! Watch: 100 idle threads grow VMS by their reserved stacks but RSS hardly; a
//! zeroed 100 MiB buffer grows VMS at once and RSS only when written. The
//! IO-bound thread switches voluntarily, the CPU-bound one involuntarily.
//! Varies: VMS counts allocator arenas (C-library dependent); preemptions
//! depend on load; the switch cost on the CPU, kernel and mitigations.
//!
//! Run: cargo run --release --example memory_and_context

use std::sync::Barrier;
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use common::memory::{MemoryUsage, current, format_bytes, format_delta};
use common::report::Table;
use common::testing::pick;
use common::timing::format_duration;
use common::workload::{blocking_io, spin_for};
use threads::affinity;
use threads::context::{ThreadUsage, usage_during};

const MIB: u64 = 1024 * 1024;

/// Prints readings taken one after another, each with its change since the
/// row above it: every change is measured from a reading the table shows.
fn print_readings(readings: &[(&str, MemoryUsage)]) {
    let mut table = Table::new(["reading", "RSS", "change", "VMS", "change"]);
    let mut previous: Option<MemoryUsage> = None;
    for &(step, now) in readings {
        // The first reading is the baseline: it has no change of its own.
        let (rss_change, vms_change) = match previous {
            Some(p) => (format_delta(p.rss, now.rss), format_delta(p.vms, now.vms)),
            None => (String::new(), String::new()),
        };
        let (rss, vms) = (format_bytes(now.rss), format_bytes(now.vms));
        table.row([step.to_string(), rss, rss_change, vms, vms_change]);
        previous = Some(now);
    }
    println!("{}", table.align_right([1, 2, 3, 4]));
}

/// Starts `count` threads with Rust's default 2 MiB stack (asked for
/// explicitly: RUST_MIN_STACK could change it), runs `f` while they all sit
/// blocked, then joins them.
fn while_idle_threads_wait<R>(count: usize, f: impl FnOnce() -> R) -> R {
    let (started, may_end) = (Barrier::new(count + 1), Barrier::new(count + 1));
    thread::scope(|s| {
        let idle: Vec<_> = (0..count)
            .map(|_| {
                let builder = thread::Builder::new().stack_size(2 * MIB as usize);
                builder.spawn_scoped(s, || {
                    started.wait();
                    may_end.wait();
                })
            })
            .collect::<Result<_, _>>()
            .expect("start the idle threads");
        started.wait();
        let result = f();
        may_end.wait();
        // Joined, not only ended: a detached thread's stack is unmapped some
        // time after it exits, which would shrink VMS under later readings.
        idle.into_iter().for_each(|thread| thread.join().unwrap());
        result
    })
}

// ANCHOR: idle_threads
fn idle_threads_reserve_more_than_they_use() {
    const IDLE: usize = 100;
    let before = current().expect("read /proc/self/status");
    let running = while_idle_threads_wait(IDLE, || current().unwrap());
    let joined = current().unwrap();
    println!("{IDLE} idle threads, each with a 2 MiB stack (Rust's default):");
    print_readings(&[
        ("before", before),
        ("100 idle threads", running),
        ("all joined", joined),
    ]);
    println!("A stack is reserved (VMS), and only its touched pages are resident (RSS). In glibc");
    println!("a thread may also get a malloc arena that reserves 64 MiB; arenas outlive threads.");
    let vms_growth = running.vms.saturating_sub(before.vms);
    let rss_growth = running.rss.saturating_sub(before.rss);
    assert!(
        vms_growth >= IDLE as u64 * MIB,
        "VMS grew by only {}",
        format_bytes(vms_growth)
    );
    assert!(
        rss_growth < vms_growth,
        "the threads' stacks are reserved, not resident"
    );
}
// ANCHOR_END: idle_threads

// ANCHOR: zeroed_buffer
fn a_zeroed_buffer_is_resident_once_written() {
    let before = current().unwrap();
    let mut buffer = vec![0u8; 100 * MIB as usize];
    let reserved = current().unwrap();
    // Writing one byte per 4 KiB page makes every page resident.
    for page in buffer.chunks_mut(4096) {
        page[0] = 1;
    }
    let written = current().unwrap();
    std::hint::black_box(&buffer);
    println!("\nA 100 MiB buffer of zeros, then one byte written in each 4 KiB page:");
    print_readings(&[
        ("before", before),
        ("100 MiB zeroed", reserved),
        ("every page written", written),
    ]);
    println!(
        "Zeroed memory comes straight from the kernel: no page is in RAM until it is written."
    );
    assert!(
        reserved.vms >= before.vms + 100 * MIB,
        "the buffer is reserved at once"
    );
    assert!(
        reserved.rss < before.rss + 10 * MIB,
        "zeroed pages are not resident before a write"
    );
    assert!(
        written.rss >= reserved.rss + 90 * MIB,
        "written pages are resident"
    );
}
// ANCHOR_END: zeroed_buffer

// ANCHOR: switches
fn voluntary_and_involuntary_switches() {
    let (waits, spin) = pick(
        (100, Duration::from_millis(300)),
        (20, Duration::from_millis(50)),
    );
    let (io, cpu) = thread::scope(|s| {
        let io = s.spawn(|| {
            usage_during(|| (0..waits).for_each(|_| blocking_io(Duration::from_millis(1))))
        });
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
        let (voluntary, involuntary) = (u.voluntary.to_string(), u.involuntary.to_string());
        table.row([name, format_duration(u.cpu_time), voluntary, involuntary]);
    }
    println!(
        "\nContext switches away from each thread:\n{}",
        table.align_right([1, 2, 3])
    );
    if cpu.involuntary == 0 {
        println!("The CPU-bound thread was never preempted: no other thread wanted its CPU.");
    } else {
        println!(
            "The CPU-bound thread's involuntary switches are preemptions: its CPU went to others."
        );
    }
    assert!(
        io.voluntary >= waits,
        "each wait blocks the thread: a voluntary switch ({io:?})"
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
fn the_cost_of_a_switch() {
    println!("\nA thread's context, saved and restored at each switch: the general registers,");
    println!("the instruction and stack pointers, the floating-point and vector registers,");
    println!("the thread-local storage pointer and the signal mask. Switching to a thread of");
    println!("another process also switches the address space (page tables, TLB entries).");
    let cpu = affinity::allowed_cpus().expect("read the CPU mask")[0];
    let rounds = pick(20_000, 2_000);
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
    idle_threads_reserve_more_than_they_use();
    a_zeroed_buffer_is_resident_once_written();
    voluntary_and_involuntary_switches();
    the_cost_of_a_switch();
}
