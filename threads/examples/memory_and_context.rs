//! 2.2 RSS, VMS and context: what threads and buffers cost in memory, and
//! what a context switch is.
//!
//! Python: `psutil.Process().memory_info()` gives `rss` and `vms`;
//! `resource.getrusage` counts voluntary and involuntary context switches.
//! Rust: `common::memory::current()` reads the same numbers from
//! `/proc/self/status`, and `threads::context` reads the calling thread's
//! counters with `getrusage(RUSAGE_THREAD)`. Linux only.
//!
//! Watch: 100 idle threads grow VMS by their reserved stacks (megabytes each)
//! but RSS hardly; a 100 MiB zeroed buffer grows VMS at once and RSS only when
//! its pages are written. The IO-bound thread switches voluntarily (once per
//! wait), the CPU-bound one only involuntarily, when preempted.
//! Varies: VMS also counts allocator arenas, so its growth differs between C
//! libraries; involuntary switches depend on what else the machine runs; the
//! cost of a switch on the CPU, the kernel and its mitigations.
//!
//! Run: cargo run --release --example memory_and_context

use std::sync::Barrier;
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use common::memory::{MemoryUsage, current, format_bytes, format_delta};
use common::report::Table;
use common::timing::format_duration;
use common::workload::{blocking_io, spin_for};
use threads::affinity;
use threads::context::{self, ThreadUsage};

const MIB: u64 = 1024 * 1024;

/// A table row: the step, its RSS and VMS, and the change since `before`.
fn row(table: &mut Table, step: &str, before: &MemoryUsage, now: &MemoryUsage) {
    table.row([
        step.to_string(),
        format_bytes(now.rss),
        format_delta(before.rss, now.rss),
        format_bytes(now.vms),
        format_delta(before.vms, now.vms),
    ]);
}

/// Two threads pinned to one CPU hand a token back and forth `rounds` times;
/// every hand-over blocks one and wakes the other: one switch each way.
/// Returns the time per switch and the switches the first thread made.
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
            let (_, used) = context::measure(|| {
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

fn main() {
    let quick = common::testing::quick_mode();
    if quick {
        println!("(quick mode: fewer waits and ping-pong rounds)");
    }

    // RSS and VMS.
    let start = current().expect("read /proc/self/status");
    let mut table = Table::new(["step", "RSS", "change", "VMS", "change"]);
    row(&mut table, "start", &start, &start);

    const IDLE: usize = 100;
    let started = Barrier::new(IDLE + 1);
    let may_end = Barrier::new(IDLE + 1);
    let with_threads = thread::scope(|s| {
        let idle: Vec<_> = (0..IDLE)
            .map(|_| {
                // Rust's default stack, asked for explicitly (RUST_MIN_STACK could change it).
                thread::Builder::new()
                    .stack_size(2 * MIB as usize)
                    .spawn_scoped(s, || {
                        started.wait();
                        // Idle: blocked until main has read the memory.
                        may_end.wait();
                    })
                    .expect("start an idle thread")
            })
            .collect();
        started.wait();
        let reading = current().unwrap();
        may_end.wait();
        // Joined, not only ended: a detached thread's stack is unmapped some
        // time after it exits, which would shrink VMS under the rows below.
        for thread in idle {
            thread.join().unwrap();
        }
        reading
    });
    row(&mut table, "100 idle threads", &start, &with_threads);

    let before_buffer = current().unwrap();
    let mut buffer = vec![0u8; 100 * MIB as usize];
    let reserved = current().unwrap();
    row(
        &mut table,
        "100 MiB zeroed buffer",
        &before_buffer,
        &reserved,
    );
    // Writing one byte per 4 KiB page makes every page resident.
    for page in buffer.chunks_mut(4096) {
        page[0] = 1;
    }
    let touched = current().unwrap();
    row(&mut table, "...every page written", &reserved, &touched);
    println!("{}", table.align_right([1, 2, 3, 4]));
    println!("(\"change\" is what each step added, read just before and after it.) Each");
    println!("thread reserved a stack (2 MiB by default in Rust) and, in glibc, may get a");
    println!("malloc arena that reserves 64 MiB: reserved, not resident. glibc keeps arenas");
    println!("after the threads end, so VMS stays up.");
    std::hint::black_box(&buffer);
    drop(buffer);

    // Voluntary and involuntary switches.
    let waits = if quick { 20 } else { 100 };
    let spin = Duration::from_millis(if quick { 50 } else { 300 });
    let (io, cpu) = thread::scope(|s| {
        let io = s.spawn(|| {
            context::measure(|| (0..waits).for_each(|_| blocking_io(Duration::from_millis(1))))
        });
        let cpu = s.spawn(|| context::measure(|| spin_for(spin)));
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
        table.row([
            name,
            format_duration(u.cpu_time),
            u.voluntary.to_string(),
            u.involuntary.to_string(),
        ]);
    }
    println!(
        "\nContext switches away from each thread:\n{}",
        table.align_right([1, 2, 3])
    );

    // The context, and what switching it costs.
    println!("\nA thread's context, saved and restored at each switch: the general registers,");
    println!("the instruction and stack pointers, the floating-point and vector registers,");
    println!("the thread-local storage pointer and the signal mask. Switching to a thread of");
    println!("another process also switches the address space (page tables, TLB entries).");
    let cpu_id = affinity::allowed_cpus().unwrap()[0];
    let rounds = if quick { 2_000 } else { 20_000 };
    let (per_switch, ping) = ping_pong(cpu_id, rounds);
    println!(
        "Ping-pong between two threads on CPU {cpu_id}, {rounds} rounds: {} per switch (with the wake-up), {} voluntary switches by one side.",
        format_duration(per_switch),
        ping.voluntary
    );

    // Threads reserve stacks: VMS grows by at least 1 MiB per thread, RSS by less.
    let vms_growth = with_threads.vms.saturating_sub(start.vms);
    assert!(
        vms_growth >= IDLE as u64 * MIB,
        "VMS grew by {}",
        format_bytes(vms_growth)
    );
    assert!(with_threads.rss.saturating_sub(start.rss) < vms_growth);
    // Written pages are resident.
    assert!(touched.rss >= reserved.rss + 90 * MIB);
    // Each wait blocked the thread: a voluntary switch.
    assert!(io.voluntary >= waits as u64, "{io:?}");
}
