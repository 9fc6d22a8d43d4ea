//! 2.2 RSS and VMS: what idle threads and a zeroed buffer cost in memory.
//!
//! Python: `psutil.Process().memory_info()` (`rss`, `vms`), or `/proc/self/status`.
//! Rust: `common::memory::current()` reads `VmRSS` and `VmSize` from
//! `/proc/self/status` (Linux only; elsewhere the example says so).
//!
//! Watch: 100 idle threads grow VMS by their reserved stacks but RSS hardly; a
//! zeroed 100 MiB buffer grows VMS at once and RSS only when written.
//! Varies: VMS counts allocator arenas (C-library dependent); huge pages can
//! make RSS grow in 2 MiB steps. The claim lines say what this run showed.
//!
//! Run: cargo run --release --example rss_and_vms

use std::alloc::{Layout, alloc_zeroed};
use std::sync::Barrier;
use std::thread;

use common::memory::{MemoryUsage, current, format_bytes, format_delta};
use common::report::{Table, cannot_show, claim, refused};

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
/// blocked, then joins them. A thread the OS refuses ends the example.
fn while_idle_threads_wait<R>(count: usize, f: impl FnOnce() -> R) -> R {
    let (started, may_end) = (Barrier::new(count + 1), Barrier::new(count + 1));
    thread::scope(|s| {
        let idle: Vec<_> = (0..count)
            .map(|i| {
                let builder = thread::Builder::new().stack_size(2 * MIB as usize);
                let spawned = builder.spawn_scoped(s, || {
                    started.wait();
                    may_end.wait();
                });
                spawned.unwrap_or_else(|e| {
                    let what = format!("idle thread {} of {count}", i + 1);
                    refused(&what, &e, "raise `ulimit -u` or `ulimit -v`")
                })
            })
            .collect();
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
fn idle_threads_reserve_more_than_they_use(idle: usize) {
    let before = current().expect("read /proc/self/status");
    let running = while_idle_threads_wait(idle, || current().unwrap());
    let joined = current().unwrap();
    println!("{idle} idle threads, each with a 2 MiB stack (Rust's default):");
    let label = format!("{idle} idle threads");
    print_readings(&[
        ("before", before),
        (&label, running),
        ("all joined", joined),
    ]);
    println!("A stack is reserved (VMS), and only its touched pages are resident (RSS). In glibc");
    println!("a thread may also get a malloc arena that reserves 64 MiB; arenas outlive threads.");
    let vms_growth = running.vms.saturating_sub(before.vms);
    let rss_growth = running.rss.saturating_sub(before.rss);
    let (rss, vms) = (format_bytes(rss_growth), format_bytes(vms_growth));
    claim(
        "The idle threads' stacks are reserved, not resident: RSS grew far less than VMS",
        rss_growth < vms_growth / 4,
        &format!("RSS +{rss}, VMS +{vms}"),
    );
    assert!(
        vms_growth >= idle as u64 * MIB,
        "{idle} live stacks of 2 MiB each need their address space, yet VMS grew by only {vms}"
    );
}
// ANCHOR_END: idle_threads

/// `len` zeroed bytes, straight from the allocator (no byte is written), or
/// the end of the example if the OS refuses the memory.
fn zeroed_buffer(len: usize) -> Vec<u8> {
    let layout = Layout::array::<u8>(len).expect("a buffer under isize::MAX bytes");
    // SAFETY: `layout` is not zero-sized (the cell asks for 100 MiB).
    let bytes = unsafe { alloc_zeroed(layout) };
    if bytes.is_null() {
        refused(
            &format!("{} of memory", format_bytes(len as u64)),
            &"out of memory",
            "raise `ulimit -v`",
        );
    }
    // SAFETY: `bytes` is a live allocation of `layout`: `len` bytes at
    // alignment 1, all initialised to zero, which the Vec now owns.
    unsafe { Vec::from_raw_parts(bytes, len, len) }
}

// ANCHOR: zeroed_buffer
fn a_zeroed_buffer_is_resident_once_written(size: u64) {
    let before = current().unwrap();
    let mut buffer = zeroed_buffer(size as usize);
    let reserved = current().unwrap();
    // Writing one byte per 4 KiB page makes every page resident.
    for page in buffer.chunks_mut(4096) {
        page[0] = 1;
    }
    let written = current().unwrap();
    std::hint::black_box(&buffer);
    let mib = size / MIB;
    println!("\nA {mib} MiB buffer of zeros, then one byte written in each 4 KiB page:");
    let label = format!("{mib} MiB zeroed");
    print_readings(&[
        ("before", before),
        (&label, reserved),
        ("every page written", written),
    ]);
    let (at_zero, at_write) = (
        reserved.rss.saturating_sub(before.rss),
        written.rss.saturating_sub(reserved.rss),
    );
    claim(
        "Zeroed memory takes RAM only when written: RSS grows at the writes, not at the allocation",
        at_zero < size / 10 && at_write > size * 9 / 10,
        &format!(
            "RSS +{} when allocated, +{} when written",
            format_bytes(at_zero),
            format_bytes(at_write)
        ),
    );
    assert!(
        reserved.vms >= before.vms + size,
        "a new {mib} MiB buffer needs {mib} MiB of new address space at once"
    );
}
// ANCHOR_END: zeroed_buffer

fn main() {
    if let Err(e) = current() {
        let why = format!("no /proc/self/status here ({e}); the book's Linux run shows them");
        return cannot_show("RSS and VMS readings", &why);
    }
    idle_threads_reserve_more_than_they_use(100);
    a_zeroed_buffer_is_resident_once_written(100 * MIB);
}
