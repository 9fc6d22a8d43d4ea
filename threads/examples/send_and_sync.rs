//! 3.6 Send and Sync: why rustc refuses what Python threads do freely.
//!
//! Python: any thread may use any object; the GIL makes each bytecode and each
//! reference-count update atomic, so nothing is refused and races are yours.
//! Rust: a thread may not borrow what can die before it (`move`, `thread::scope`),
//! takes only `Send` values (`Arc`, not `Rc`) and shares only `Sync` ones (`Mutex`).
//!
//! Watch: five numbered cells, each the fixed version of a program in tests/ui/
//! that rustc refuses (its message is the `.stderr` file next to it), run and checked.
//! Varies: the length main reads in cell 4 while the threads run (0, 1 or 2).
//!
//! Run: cargo run --release --example send_and_sync

use std::sync::{Arc, Mutex};
use std::thread;

// ANCHOR: move_gives_the_thread_its_data
fn move_gives_the_thread_its_data() {
    // tests/ui/spawn_borrows_a_local.rs (E0373), fixed: with `move` the thread
    // owns `names`, so nothing it uses can be dropped while it runs.
    let names = vec!["Ada", "Grace"];
    let handle = thread::spawn(move || {
        for name in &names {
            println!("1. move: hello, {name}");
        }
        names // done with it: hand it back through join()
    });
    let names = handle.join().unwrap();
    assert_eq!(
        names,
        ["Ada", "Grace"],
        "the thread owned the vector while it ran, then gave it back"
    );
}
// ANCHOR_END: move_gives_the_thread_its_data

// ANCHOR: scope_joins_before_data_dies
fn scope_joins_before_data_dies() {
    // tests/ui/thread_outlives_its_data.rs (E0597), fixed: scoped threads may
    // borrow `data`, because the scope joins them all before it returns.
    let data: Vec<u64> = (1..=100).collect();
    let sums: Vec<u64> = thread::scope(|s| {
        let mut handles = Vec::new();
        for chunk in data.chunks(25) {
            handles.push(s.spawn(move || chunk.iter().sum::<u64>()));
        }
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let total: u64 = sums.iter().sum();
    println!("2. scope: four threads summed borrowed chunks {sums:?}, total {total}");
    assert_eq!(
        total,
        data.iter().sum::<u64>(),
        "the threads read main's vector in place, and it is still main's"
    );
}
// ANCHOR_END: scope_joins_before_data_dies

// ANCHOR: arc_counts_across_threads
fn arc_counts_across_threads() {
    // tests/ui/rc_is_not_send.rs (E0277), fixed: `Arc` counts its references
    // with atomic increments, so threads may clone and drop it at the same time.
    let config = Arc::new(vec!["debug", "verbose"]);
    let for_thread = Arc::clone(&config);
    let handle = thread::spawn(move || for_thread.len());
    let options = handle.join().unwrap();
    thread::scope(|s| {
        for _ in 0..4 {
            s.spawn(|| (0..10_000).for_each(|_| drop(Arc::clone(&config))));
        }
    });
    let count = Arc::strong_count(&config);
    println!("3. Arc: the thread saw {options} options; after 4 threads cloned and dropped");
    println!("   it 10000 times each, the reference count is back to {count}");
    assert_eq!(
        (options, count),
        (2, 1),
        "no clone or drop was lost, although four threads did them at once"
    );
}
// ANCHOR_END: arc_counts_across_threads

// ANCHOR: mutex_lets_threads_take_turns
fn mutex_lets_threads_take_turns() {
    // tests/ui/two_threads_push.rs (E0499) and push_while_main_reads.rs (E0502),
    // fixed: a `Mutex` is shared by `&`, and lock() lets one thread in at a time.
    let results = Mutex::new(Vec::new());
    thread::scope(|s| {
        s.spawn(|| results.lock().unwrap().push("from thread 1"));
        s.spawn(|| results.lock().unwrap().push("from thread 2"));
        let so_far = results.lock().unwrap().len();
        println!("4. Mutex: while the threads ran, main read a length of {so_far}");
    });
    let mut results = results.into_inner().unwrap();
    results.sort(); // the threads may have pushed in either order
    println!("4. Mutex: after the scope, {results:?}");
    assert_eq!(
        results,
        ["from thread 1", "from thread 2"],
        "each push took the lock in turn, so none was lost"
    );
}
// ANCHOR_END: mutex_lets_threads_take_turns

// ANCHOR: arc_mutex_for_spawned_threads
fn arc_mutex_for_spawned_threads() {
    // tests/ui/refcell_is_not_sync.rs (E0277), fixed: `Mutex` is the `RefCell`
    // that threads may share (it is `Sync`), and `Arc` lets each thread own a handle.
    let results = Arc::new(Mutex::new(Vec::new()));
    let handles: Vec<_> = (0..4)
        .map(|id| {
            let for_thread = Arc::clone(&results);
            thread::spawn(move || (0..1_000).for_each(|_| for_thread.lock().unwrap().push(id)))
        })
        .collect();
    handles.into_iter().for_each(|h| h.join().unwrap());
    let pushed = results.lock().unwrap().len();
    println!("5. Arc<Mutex>: 4 spawned threads pushed 1000 items each: {pushed} in all");
    assert_eq!(
        pushed, 4_000,
        "no push was lost: one thread at a time held the lock"
    );
}
// ANCHOR_END: arc_mutex_for_spawned_threads

fn main() {
    move_gives_the_thread_its_data();
    scope_joins_before_data_dies();
    arc_counts_across_threads();
    mutex_lets_threads_take_turns();
    arc_mutex_for_spawned_threads();
}
