//! 3.7 Race condition: the result depends on the order the threads run in.
//!
//! Python: `counter += 1` from several threads is a read, an add and a write,
//! and a thread switch in between loses updates; `if balance >= amount:
//! balance -= amount` lets two withdrawals pass the check. A `Lock` fixes both.
//! Rust: an unsynchronised `counter += 1` does not compile (see the crate
//! docs); what compiles are logic races, fixed by `fetch_add` or one guard.
//!
//! Watch: the racy counter usually ends short (it says on which of 5 tries);
//! both fixes are exact; both withdrawals pass, under one guard only one.
//! Varies: how many updates are lost (none if a busy machine runs the threads
//! one after another); the overdraft is forced by a barrier, so never varies.
//!
//! Run: cargo run --release --example race_condition

use std::sync::Barrier;
use std::sync::atomic::{AtomicU64, Ordering};
use std::thread;

use common::report::Table;
use common::testing::pick;
use parking_lot::Mutex;
use sync_primitives::Account;

const THREADS: u64 = 4;
const ATTEMPTS: usize = 5;

fn main() {
    let per_thread = pick(1_000_000, 100_000);
    let racy = racy_counter(per_thread);
    let atomic = fetch_add_counter(per_thread);
    let locked = mutex_counter(per_thread);
    compare_counters(per_thread, racy, atomic, locked);
    check_then_act_race();
    check_and_act_under_one_guard();
    check_again_after_a_slow_call();
}

// ANCHOR: load_then_store
/// Lost updates: every access is atomic, the increment as a whole is not.
fn load_then_store(per_thread: u64) -> u64 {
    let counter = AtomicU64::new(0);
    // Makes the threads overlap: a thread spawn takes longer than a million
    // increments, so without it they may run one after another.
    let start = Barrier::new(THREADS as usize);
    thread::scope(|s| {
        for _ in 0..THREADS {
            s.spawn(|| {
                start.wait();
                for _ in 0..per_thread {
                    // Relaxed, and no ordering would help: the race is the gap
                    // between these two lines, not what each access sees
                    // (memory ordering: see the 3.7 memory_ordering topic).
                    let temp = counter.load(Ordering::Relaxed); // temp = counter
                    counter.store(temp + 1, Ordering::Relaxed); // counter = temp + 1
                }
            });
        }
    });
    counter.into_inner()
}
// ANCHOR_END: load_then_store

// ANCHOR: racy_counter
/// A race is a possibility, not a certainty: on a busy machine the threads may
/// take turns and lose nothing. Try a few times; `(attempt, value)`, the first
/// attempt that lost updates, or the last one.
fn racy_counter(per_thread: u64) -> (usize, u64) {
    let expected = THREADS * per_thread;
    let (attempt, value) = (1..=ATTEMPTS)
        .map(|attempt| (attempt, load_then_store(per_thread)))
        .find(|&(_, value)| value < expected)
        .unwrap_or((ATTEMPTS, expected));
    assert!(
        value <= expected,
        "a race loses updates, it never invents one"
    );
    (attempt, value)
}
// ANCHOR_END: racy_counter

// ANCHOR: fetch_add_counter
/// Fix 1: one indivisible read-modify-write.
fn fetch_add_counter(per_thread: u64) -> u64 {
    let counter = AtomicU64::new(0);
    thread::scope(|s| {
        for _ in 0..THREADS {
            s.spawn(|| {
                for _ in 0..per_thread {
                    // Relaxed is enough: only the count matters, and the joins
                    // at the end of the scope publish it (memory ordering: see
                    // the 3.7 memory_ordering topic).
                    counter.fetch_add(1, Ordering::Relaxed);
                }
            });
        }
    });
    let total = counter.into_inner();
    assert_eq!(total, THREADS * per_thread, "fetch_add loses nothing");
    total
}
// ANCHOR_END: fetch_add_counter

// ANCHOR: mutex_counter
/// Fix 2: the lock owns the counter, and its guard spans read and write.
fn mutex_counter(per_thread: u64) -> u64 {
    let counter = Mutex::new(0_u64);
    thread::scope(|s| {
        for _ in 0..THREADS {
            s.spawn(|| {
                for _ in 0..per_thread {
                    *counter.lock() += 1;
                }
            });
        }
    });
    let total = counter.into_inner();
    assert_eq!(total, THREADS * per_thread, "the Mutex loses nothing");
    total
}
// ANCHOR_END: mutex_counter

// ANCHOR: compare_counters
fn compare_counters(per_thread: u64, (attempt, racy): (usize, u64), atomic: u64, locked: u64) {
    let expected = THREADS * per_thread;
    let mut table = Table::new(["counter", "result", "lost updates"]);
    for (name, value) in [
        ("load + store (racy)", racy),
        ("fetch_add", atomic),
        ("Mutex<u64>", locked),
    ] {
        table.row([
            name.to_string(),
            value.to_string(),
            (expected - value).to_string(),
        ]);
    }
    println!("{THREADS} threads x {per_thread} increments, expected {expected}");
    println!("{}", table.align_right([1, 2]));
    if racy < expected {
        println!("(the racy counter lost updates on attempt {attempt} of at most {ATTEMPTS})");
    } else {
        println!(
            "(no update lost in {ATTEMPTS} attempts: the threads never overlapped here; try an idle machine)"
        );
    }
}
// ANCHOR_END: compare_counters

// ANCHOR: check_then_act_race
/// Check-then-act: each step is locked, but the pair is not.
fn check_then_act_race() {
    let balance = Mutex::new(100_i64);
    let both_checked = Barrier::new(2);
    let withdraw = || {
        let enough = *balance.lock() >= 100; // check (lock released here)
        both_checked.wait(); // the unlucky interleaving, made certain
        if enough {
            *balance.lock() -= 100; // act, on a balance that has changed
        }
        usize::from(enough)
    };
    let withdrawals = thread::scope(|s| {
        let (a, b) = (s.spawn(withdraw), s.spawn(withdraw));
        a.join().unwrap() + b.join().unwrap()
    });
    let balance = balance.into_inner();
    println!();
    println!(
        "check, then act under a second lock: {withdrawals} withdrawals of 100 from 100, balance = {balance}"
    );
    assert_eq!(
        (withdrawals, balance),
        (2, -100),
        "both passed the check: overdrawn"
    );
}
// ANCHOR_END: check_then_act_race

// ANCHOR: check_and_act_under_one_guard
/// The fix: one guard across check and act.
fn check_and_act_under_one_guard() {
    let balance = Mutex::new(100_i64);
    let withdraw = || {
        let mut guard = balance.lock();
        let enough = *guard >= 100;
        if enough {
            *guard -= 100;
        }
        usize::from(enough)
    };
    let withdrawals = thread::scope(|s| {
        let (a, b) = (s.spawn(withdraw), s.spawn(withdraw));
        a.join().unwrap() + b.join().unwrap()
    });
    let balance = balance.into_inner();
    println!(
        "check and act under one guard:       {withdrawals} withdrawal of 100 from 100, balance = {balance}"
    );
    assert_eq!(
        (withdrawals, balance),
        (1, 0),
        "exactly one withdrawal got through"
    );
}
// ANCHOR_END: check_and_act_under_one_guard

// ANCHOR: check_again_after_a_slow_call
/// `Account::withdraw` (src/account.rs) asks for an approval without the
/// lock, then checks again under the guard that subtracts. The barrier keeps
/// both customers inside the approval at once: the overdraft's interleaving.
fn check_again_after_a_slow_call() {
    let account = Account::new(100);
    let both_approving = Barrier::new(2);
    let approve = || {
        both_approving.wait(); // the slow call, where the other thread runs
        true
    };
    let withdrawals = thread::scope(|s| {
        let a = s.spawn(|| account.withdraw(100, approve));
        let b = s.spawn(|| account.withdraw(100, approve));
        [a.join().unwrap(), b.join().unwrap()]
    });
    let granted = withdrawals.iter().filter(|w| w.is_ok()).count();
    let balance = account.balance();
    println!(
        "check again after a slow approval:   {granted} withdrawal of 100 from 100, balance = {balance}"
    );
    assert_eq!(
        (granted, balance),
        (1, 0),
        "the second customer's check came after the first one's act"
    );
}
// ANCHOR_END: check_again_after_a_slow_call
