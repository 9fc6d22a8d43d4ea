//! The checks of the 3.7 exercises: `Account::withdraw` and `transfer`.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, mpsc};
use std::thread;
use std::time::Duration;

use sync_primitives::{Account, BankError, Barrier};

use crate::{PROMPTLY, spawn, until_asleep};

/// withdraw: refuses what the balance does not cover, even when two
/// customers both wait in the slow approval at once.
pub(crate) fn withdraw() -> Result<(), String> {
    let account = Account::new(100);
    let answers = [
        account.withdraw(30, || true),
        account.withdraw(100, || true),
        account.withdraw(10, || false),
        account.withdraw(-5, || true),
    ];
    let expected = [
        Ok(70),
        Err(BankError::Insufficient {
            balance: 70,
            amount: 100,
        }),
        Err(BankError::Refused),
        Err(BankError::BadAmount(-5)),
    ];
    if answers != expected || account.balance() != 70 {
        return Err(format!(
            "on an account of 100, withdraw 30, then 100, then 10 refused, then -5 gave \
             {answers:?} and left {}; expected {expected:?} and 70",
            account.balance()
        ));
    }
    let account = Arc::new(Account::new(100));
    let both_approving = Arc::new(Barrier::new(2));
    let (tx, results) = mpsc::channel();
    for _ in 0..2 {
        let (account, both, tx) = (
            Arc::clone(&account),
            Arc::clone(&both_approving),
            tx.clone(),
        );
        spawn("bank-withdraw", move || {
            let approve = || both.wait_timeout(Duration::from_secs(3)).is_ok();
            tx.send(account.withdraw(100, approve)).ok()
        });
    }
    let mut two: Vec<_> = (0..2).map_while(|_| results.recv().ok()).collect();
    two.sort_by_key(|r| r.is_err());
    let balance = account.balance();
    match &two[..] {
        [Ok(_), Ok(_)] => Err(format!(
            "two customers withdrew 100 each from 100 and the balance is {balance}: both checked \
             100 before either subtracted, as with `if balance >= amount: approve(); balance -= \
             amount` in Python. After the slow approval, check again under the guard that subtracts"
        )),
        [Err(BankError::Refused), Err(BankError::Refused)] => Err(
            "approve() never ran for two customers at once: withdraw holds the account's lock \
             across the slow approval, so every other customer waits for it. Approve without \
             the lock, then check again under it"
                .into(),
        ),
        [Ok(0), Err(BankError::Insufficient { .. })] if balance == 0 => many_withdrawals(),
        other => Err(format!(
            "two withdrawals of 100 from 100 gave {other:?}, balance {balance}: expected one Ok(0) \
             and one Insufficient"
        )),
    }
}

/// 4 threads × 300 withdrawals of 1 from 1000: exactly 1000 succeed.
fn many_withdrawals() -> Result<(), String> {
    let account = Account::new(1000);
    let succeeded = AtomicUsize::new(0);
    thread::scope(|s| {
        for _ in 0..4 {
            s.spawn(|| {
                for _ in 0..300 {
                    if account.withdraw(1, || true).is_ok() {
                        succeeded.fetch_add(1, Ordering::Relaxed);
                    }
                }
            });
        }
    });
    match (succeeded.into_inner(), account.balance()) {
        (1000, 0) => Ok(()),
        (n, balance) => Err(format!(
            "1200 withdrawals of 1 from 1000 by 4 threads: {n} succeeded, balance {balance}; \
             expected 1000 and 0"
        )),
    }
}

/// Runs `transfer(from, to, 1)` on a thread called `name` while this one
/// holds `to`, and says whether that thread held `from` while it waited.
fn holds_one_waiting_for_the_other(
    name: &str,
    from: &Arc<Account>,
    to: &Arc<Account>,
) -> Result<bool, String> {
    let held = to.lock();
    let (from_, to_) = (Arc::clone(from), Arc::clone(to));
    let (done_tx, done) = mpsc::channel();
    spawn(name, move || {
        done_tx
            .send(sync_primitives::transfer(&from_, &to_, 1))
            .ok()
    });
    until_asleep(name, 1, "in transfer() to an account held by another")?;
    let holds_from = from.locked();
    drop(held);
    match done.recv_timeout(PROMPTLY) {
        Ok(Ok(())) => Ok(holds_from),
        Ok(Err(e)) => Err(format!("transfer(from 100, to 100, 1) failed: {e}")),
        Err(_) => Err("transfer() did not finish once the account it waited for was free".into()),
    }
}

/// transfer: moves money all or nothing, refuses bad input, and never holds
/// one account while waiting for the other in both directions.
pub(crate) fn transfer() -> Result<(), String> {
    use sync_primitives::transfer;
    let (a, b) = (Arc::new(Account::new(100)), Arc::new(Account::new(0)));
    let answers = [
        transfer(&a, &b, 30),
        transfer(&b, &a, 50),
        transfer(&a, &b, 0),
    ];
    let expected = [
        Ok(()),
        Err(BankError::Insufficient {
            balance: 30,
            amount: 50,
        }),
        Err(BankError::BadAmount(0)),
    ];
    if answers != expected || (a.balance(), b.balance()) != (70, 30) {
        return Err(format!(
            "from a (100) to b (0): transfer 30, then 50 back, then 0 gave {answers:?} with \
             balances ({}, {}); expected {expected:?} and (70, 30)",
            a.balance(),
            b.balance()
        ));
    }
    let (tx, same) = mpsc::channel();
    let a_ = Arc::clone(&a);
    spawn("bank-same", move || tx.send(transfer(&a_, &a_, 10)).ok());
    if same.recv_timeout(PROMPTLY) != Ok(Err(BankError::SameAccount)) {
        return Err(
            "transfer(a, a, 10) must fail with SameAccount at once (locking one \
             account twice waits forever)"
                .into(),
        );
    }
    let (a, b) = (Arc::new(Account::new(100)), Arc::new(Account::new(100)));
    let b_to_a = holds_one_waiting_for_the_other("bank-b-to-a", &b, &a)?;
    let a_to_b = holds_one_waiting_for_the_other("bank-a-to-b", &a, &b)?;
    if b_to_a && a_to_b {
        return Err(
            "transfer(b, a) held b while it waited for a, and transfer(a, b) held a \
             while it waited for b: run both at once and each waits for the other forever, \
             like two threads doing `with a.lock: with b.lock:` in opposite orders. Lock the \
             two accounts in one order, whichever way the money goes"
                .into(),
        );
    }
    both_ways_at_once(a, b)
}

/// Two threads, 2000 transfers of 1 each, in opposite directions.
fn both_ways_at_once(a: Arc<Account>, b: Arc<Account>) -> Result<(), String> {
    let (tx, finished) = mpsc::channel();
    for (from, to) in [
        (Arc::clone(&a), Arc::clone(&b)),
        (Arc::clone(&b), Arc::clone(&a)),
    ] {
        let tx = tx.clone();
        spawn("bank-both-ways", move || {
            (0..2000).for_each(|_| drop(sync_primitives::transfer(&from, &to, 1)));
            tx.send(()).ok()
        });
    }
    if (0..2).any(|_| finished.recv_timeout(PROMPTLY).is_err()) {
        return Err(
            "2000 transfers each way between two accounts, from two threads, never \
             finished: they may have deadlocked"
                .into(),
        );
    }
    match a.balance() + b.balance() {
        200 => Ok(()),
        total => Err(format!(
            "after transfers both ways, the two accounts hold {total}, not 200"
        )),
    }
}
