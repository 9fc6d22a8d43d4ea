//! 5.2 What `spawn` needs: `Send + 'static`, which `join!` and `spawn_local` do not.
//!
//! Python: any coroutine can be a task, using whatever it sees: the loop
//! never moves a task to another thread, and nothing checks it.
//! Rust: a spawned task may outlive its caller and move between workers, so it
//! owns its data (`'static`) and is `Send`; `join!` may borrow; a `LocalSet`'s
//! `spawn_local` runs tasks that are not `Send` on the thread that drives it.
//!
//! Watch: both ways count the same letters; the local tasks all ran on `main`.
//! Varies: nothing: the asserts check rules, not timing.
//!
//! Run: cargo run --release --example spawn_needs_send

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

use async_basics::workers::{thread_name, two_workers};
use tokio::runtime::Runtime;
use tokio::task::LocalSet;

fn main() {
    let runtime = two_workers();
    spawn_needs_static_join_can_borrow(&runtime);
    spawn_local_runs_futures_that_are_not_send(&runtime);
}

// ANCHOR: spawn_needs_static_join_can_borrow
fn spawn_needs_static_join_can_borrow(runtime: &Runtime) {
    println!("1. spawn needs Send + 'static; join! may borrow");
    let names = vec!["Ada".to_string(), "Grace".to_string()];
    let (borrowed, owned) = runtime.block_on(async {
        // join! runs its futures inside this task: they may borrow `names`.
        let (a, b) = tokio::join!(async { names[0].len() }, async { names[1].len() });
        // A spawned task may outlive this function, on any worker: it must own
        // its data (`move`) and be Send. Borrowing `names` instead is refused
        // (here E0597; tests/ui/spawn_borrows_a_local.stderr shows E0373).
        let shared = Arc::new(names.clone());
        let task = tokio::spawn(async move { shared.iter().map(String::len).sum::<usize>() });
        (a + b, task.await.expect("the task"))
    });
    println!("   letters, borrowed by join!: {borrowed}; owned by a spawned task: {owned}");
    assert_eq!(borrowed, owned, "both counted the same names");
}
// ANCHOR_END: spawn_needs_static_join_can_borrow

// ANCHOR: spawn_local_runs_futures_that_are_not_send
fn spawn_local_runs_futures_that_are_not_send(runtime: &Runtime) {
    println!("\n2. LocalSet + spawn_local: tasks that hold an Rc (not Send) across .await");
    // A LocalSet runs its tasks on the thread that drives it (here `main`),
    // never on a worker: they need not be Send. (tokio::spawn of the same
    // future fails: see tests/ui/rc_across_await.stderr.)
    let local = LocalSet::new();
    let (threads, names) = local.block_on(runtime, async {
        let names = Rc::new(RefCell::new(Vec::new()));
        let tasks = ["Ada", "Grace", "Linus"].map(|name| {
            let names = Rc::clone(&names);
            tokio::task::spawn_local(async move {
                tokio::task::yield_now().await; // the Rc is held across this .await
                names.borrow_mut().push(name);
                thread_name()
            })
        });
        let mut threads = Vec::new();
        for task in tasks {
            threads.push(task.await.expect("a local task"));
        }
        (threads, names.borrow().clone())
    });
    println!("   {names:?}, added on {threads:?}");
    assert!(
        threads.iter().all(|t| t == "main"),
        "local tasks stay on main"
    );
    assert_eq!(names.len(), 3, "every local task ran");
}
// ANCHOR_END: spawn_local_runs_futures_that_are_not_send
