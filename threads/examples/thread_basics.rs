//! 3.6 Thread: `threading.Thread`'s Rust counterparts, one by one.
//!
//! Python: `Thread(target=f, name=...)`, `start()`, `join()` (which returns
//! `None`), `current_thread()`, `threading.local()`.
//! Rust: `thread::spawn` starts at once and `join()` returns the closure's
//! value; `thread::Builder` names a thread; `thread::scope` lets threads
//! borrow; `thread_local!` gives each thread its own value.
//!
//! Watch: five numbered lines, each checked by its cell.
//! Varies: only the thread ids.
//!
//! Run: cargo run --release --example thread_basics

use std::cell::Cell;
use std::thread;

use common::workload::sum_of_squares;

// ANCHOR: spawn_and_join
fn spawn_and_join() {
    // The result comes back through the JoinHandle.
    let handle = thread::spawn(|| sum_of_squares(1_000));
    let result = handle.join().expect("the thread did not panic");
    println!("1. spawn/join: the thread returned {result}");
    assert_eq!(
        result, 332_833_500,
        "join() hands back what the closure returned"
    );
}
// ANCHOR_END: spawn_and_join

// ANCHOR: builder
fn builder_names_a_thread() {
    // A name (shown in panics and debuggers) and a stack size.
    let named = thread::Builder::new()
        .name("worker-1".into())
        .stack_size(256 * 1024)
        .spawn(|| thread::current().name().map(str::to_string))
        .expect("the OS could start a thread");
    let name = named.join().unwrap();
    println!("2. Builder: the thread calls itself {name:?}");
    assert_eq!(
        name.as_deref(),
        Some("worker-1"),
        "the thread sees the name it was given"
    );
}
// ANCHOR_END: builder

// ANCHOR: scope
fn scoped_threads_borrow() {
    // Scoped threads may borrow `data`: the scope joins them before it ends.
    let data: Vec<u64> = (1..=100).collect();
    let sums: Vec<u64> = thread::scope(|s| {
        let handles: Vec<_> = data
            .chunks(25)
            .map(|chunk| s.spawn(move || chunk.iter().sum::<u64>()))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    println!("3. scope: four threads summed borrowed chunks: {sums:?}");
    assert_eq!(
        sums.iter().sum::<u64>(),
        5_050,
        "the chunks cover 1..=100 once"
    );
}
// ANCHOR_END: scope

// ANCHOR: current
fn every_thread_knows_itself() {
    // current(): every thread has an id, and main is named "main".
    let main_thread = thread::current();
    let other_id = thread::spawn(|| thread::current().id()).join().unwrap();
    let (name, id) = (main_thread.name(), main_thread.id());
    println!("4. current: {name:?} is {id:?}; a spawned thread is {other_id:?}");
    assert_eq!(name, Some("main"), "the main thread is named \"main\"");
    assert_ne!(other_id, id, "each thread has its own id");
}
// ANCHOR_END: current

// ANCHOR: thread_local
thread_local! {
    /// Each thread has its own counter, as with `threading.local()`.
    static CALLS: Cell<u32> = const { Cell::new(0) };
}

fn count_call() -> u32 {
    CALLS.with(|calls| {
        calls.set(calls.get() + 1);
        calls.get()
    })
}

fn each_thread_has_its_own_local() {
    count_call();
    count_call();
    let in_thread = thread::spawn(count_call).join().unwrap();
    let in_main = CALLS.with(Cell::get);
    println!("5. thread_local: main counted {in_main} calls, a new thread {in_thread}");
    assert_eq!(
        (in_main, in_thread),
        (2, 1),
        "a new thread starts with its own counter"
    );
}
// ANCHOR_END: thread_local

fn main() {
    spawn_and_join();
    builder_names_a_thread();
    scoped_threads_borrow();
    every_thread_knows_itself();
    each_thread_has_its_own_local();
}
