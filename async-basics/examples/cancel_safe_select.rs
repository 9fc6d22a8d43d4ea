//! 5.3 Cancel-safe `select!`: a losing branch is dropped, with what it took.
//!
//! Python: `asyncio.wait(..., return_when=FIRST_COMPLETED)`, then `cancel()`
//! on the rest: a cancelled `get()`-then-handle loses the item it had taken.
//! Rust: `tokio::select!` drops the branches that lose; a branch future that
//! took an item and awaits again loses it. The fix: only a cancel-safe call
//! (`recv()`) in the branch, the handling in its body.
//!
//! Watch: the first loop loses three items, one per tick; the second none.
//! Varies: nothing: `biased;` fixes the order in which branches are polled.
//!
//! Run: cargo run --release --example cancel_safe_select

use tokio::sync::mpsc;
use tokio::task::yield_now;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    select_loses_what_a_losing_branch_took().await;
    a_cancel_safe_select_loop().await;
}

// ANCHOR: select_loses_what_a_losing_branch_took
/// Six items queued, and three ticks: what a `select!` loop serves.
fn items_and_ticks() -> (mpsc::Receiver<u32>, mpsc::Receiver<()>) {
    let ((items_tx, items), (ticks_tx, ticks)) = (mpsc::channel(6), mpsc::channel(3));
    (0..6).for_each(|item| items_tx.try_send(item).expect("room for six"));
    (0..3).for_each(|_| ticks_tx.try_send(()).expect("room for three"));
    (items, ticks) // the senders are dropped: each stream ends once drained
}

/// Takes the next item, then handles it: two steps, an `.await` between them.
async fn next_handled(items: &mut mpsc::Receiver<u32>) -> Option<u32> {
    let item = items.recv().await?;
    yield_now().await; // ≈ writing it somewhere; `select!` may drop us here
    Some(item)
}

async fn select_loses_what_a_losing_branch_took() {
    println!("1. select! drops the branches that lose, and with them what they took");
    let (mut items, mut ticks) = items_and_ticks();
    let (mut handled, mut tick_count) = (Vec::new(), 0);
    loop {
        tokio::select! {
            biased; // poll the branches in this order, so every run is alike
            Some(item) = next_handled(&mut items) => handled.push(item),
            Some(()) = ticks.recv() => tick_count += 1,
            else => break, // both streams are done
        }
    }
    let lost: Vec<u32> = (0..6).filter(|item| !handled.contains(item)).collect();
    println!("   handled {handled:?} and {tick_count} ticks; lost {lost:?}");
    assert_eq!(
        handled,
        [3, 4, 5],
        "each tick dropped an item already taken"
    );
}
// ANCHOR_END: select_loses_what_a_losing_branch_took

// ANCHOR: a_cancel_safe_select_loop
async fn a_cancel_safe_select_loop() {
    println!("\n2. a cancel-safe select! loop: recv() in the branch, the work in its body");
    let (mut items, mut ticks) = items_and_ticks();
    let (mut handled, mut tick_count) = (Vec::new(), 0);
    loop {
        tokio::select! {
            biased;
            // recv() is cancel-safe: an item is returned, or stays queued.
            Some(item) = items.recv() => {
                yield_now().await; // the same handling, in the body: never dropped
                handled.push(item);
            }
            Some(()) = ticks.recv() => tick_count += 1,
            else => break,
        }
    }
    println!("   handled {handled:?} and {tick_count} ticks: nothing lost");
    assert_eq!(
        (handled, tick_count),
        (vec![0, 1, 2, 3, 4, 5], 3),
        "all served"
    );
}
// ANCHOR_END: a_cancel_safe_select_loop
