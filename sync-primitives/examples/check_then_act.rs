//! 3.7 Race condition: check-then-act, when a check and its act are two lock acquisitions.
//!
//! Python: `if balance >= amount: balance -= amount` lets two withdrawals pass
//! the check; a `Lock` held across both lines fixes it.
//! Rust: the same with each step locked and the pair not (it compiles: every
//! access holds the lock); the fix is one guard, also around a slow call.
//!
//! Watch: both withdrawals pass and the balance goes to -100; under one guard
//! only one does, and so with `Account::withdraw` around a slow approval.
//! Varies: nothing: a barrier forces the unlucky interleaving every run.
//!
//! Run: cargo run --release --example check_then_act

use std::sync::Barrier;
use std::thread;

use parking_lot::Mutex;
use sync_primitives::Account;

fn main() {
    check_then_act_race();
    check_and_act_under_one_guard();
    check_again_after_a_slow_call();
}

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
