//! A bank account for the 3.7 lessons on races and deadlocks: a balance
//! behind its own lock, a withdrawal (`Account::withdraw`) that checks and
//! acts under one guard, and a `transfer` that locks two accounts in one
//! order for everyone.
//!
//! In Python the account would be a `balance` beside a `threading.Lock`. Here
//! the lock owns the balance, so nothing touches it unlocked: what is left to
//! get right is how long a lock is held, and in which order two are taken.
//! The `check_then_act` and `deadlock` examples show what goes wrong.

use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};

use parking_lot::{Mutex, MutexGuard};

/// A bank account: a balance behind its own lock.
///
/// ```
/// use sync_primitives::{Account, BankError, transfer};
///
/// let (a, b) = (Account::new(100), Account::new(0));
/// assert_eq!(a.withdraw(30, || true), Ok(70)); // `|| true`: approved at once
/// assert_eq!(transfer(&a, &b, 50), Ok(()));
/// assert_eq!((a.balance(), b.balance()), (20, 50));
/// assert_eq!(transfer(&a, &b, 50), Err(BankError::Insufficient { balance: 20, amount: 50 }));
/// ```
pub struct Account {
    /// Its place in the one order in which [`transfer`] locks accounts.
    id: u64,
    balance: Mutex<i64>,
}

impl Account {
    /// An account holding `balance`.
    pub fn new(balance: i64) -> Self {
        static OPENED: AtomicU64 = AtomicU64::new(0);
        Account {
            // Relaxed: the number only has to be unique, and one atomic step gives that.
            id: OPENED.fetch_add(1, Ordering::Relaxed),
            balance: Mutex::new(balance),
        }
    }

    /// The balance now (stale as soon as the lock is released).
    pub fn balance(&self) -> i64 {
        *self.balance.lock()
    }

    /// Holds the account until the guard is dropped (`with account.lock:`):
    /// every other withdrawal or transfer on it waits meanwhile.
    pub fn lock(&self) -> MutexGuard<'_, i64> {
        self.balance.lock()
    }

    /// Whether someone holds the account's lock right now (Python's
    /// `lock.locked()`; stale at once, for tests and demos).
    pub fn locked(&self) -> bool {
        self.balance.is_locked()
    }

    /// Takes `amount` out if the balance covers it and `approve` (a slow call:
    /// a fraud check, a second factor) says yes; the new balance.
    ///
    /// `approve` runs without the lock, so other customers are not kept
    /// waiting for it; the balance is checked again, under the guard that
    /// subtracts, once it has answered.
    ///
    /// # Errors
    /// [`BankError::BadAmount`] for an amount that is not positive,
    /// [`BankError::Insufficient`] if the balance does not cover it (before or
    /// after the approval), [`BankError::Refused`] if `approve` says no.
    pub fn withdraw(&self, amount: i64, approve: impl FnOnce() -> bool) -> Result<i64, BankError> {
        // ANCHOR: solution_withdraw
        if amount <= 0 {
            return Err(BankError::BadAmount(amount));
        }
        // A first look, so as not to ask for an approval in vain.
        let seen = self.balance();
        if seen < amount {
            return Err(BankError::Insufficient {
                balance: seen,
                amount,
            });
        }
        // The slow call, without the lock: other customers go on meanwhile.
        if !approve() {
            return Err(BankError::Refused);
        }
        // What we saw may be stale now: check again under the guard that acts.
        let mut balance = self.balance.lock();
        if *balance < amount {
            return Err(BankError::Insufficient {
                balance: *balance,
                amount,
            });
        }
        *balance -= amount;
        Ok(*balance)
        // ANCHOR_END: solution_withdraw
    }
}

// ANCHOR: omit_withdraw
/// The buggy start of exercise `withdraw` (exercises.toml); the starter puts it in place of the solution.
#[allow(dead_code)]
mod withdraw_bug {
    use super::*;

    /// The same method on a trait, so that it compiles beside the real one.
    trait Bug {
        fn withdraw(&self, amount: i64, approve: impl FnOnce() -> bool) -> Result<i64, BankError>;
    }

    impl Bug for Account {
        fn withdraw(&self, amount: i64, approve: impl FnOnce() -> bool) -> Result<i64, BankError> {
            // ANCHOR: bug_withdraw
            if amount <= 0 {
                return Err(BankError::BadAmount(amount));
            }
            // Check that the balance covers it...
            let seen = self.balance();
            if seen < amount {
                return Err(BankError::Insufficient {
                    balance: seen,
                    amount,
                });
            }
            // ...ask for the approval, without the lock (it is slow)...
            if !approve() {
                return Err(BankError::Refused);
            }
            // ...and take the money.
            let mut balance = self.balance.lock();
            *balance -= amount;
            Ok(*balance)
            // ANCHOR_END: bug_withdraw
        }
    }
}
// ANCHOR_END: omit_withdraw

impl fmt::Debug for Account {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Account")
            .field("balance", &self.balance())
            .finish()
    }
}

/// Moves `amount` from one account to another, all or nothing, holding both
/// locks: no thread ever sees the money in both accounts, or in neither.
///
/// Every transfer locks the two accounts in one order (the account opened
/// first, first), whichever way the money goes, so two transfers in opposite
/// directions cannot each hold one account and wait for the other.
///
/// # Errors
/// [`BankError::BadAmount`] for an amount that is not positive,
/// [`BankError::SameAccount`] if `from` and `to` are one account (locking it
/// twice would wait forever), [`BankError::Insufficient`] if `from` does not
/// cover it, [`BankError::TooLarge`] if `to` would overflow.
pub fn transfer(from: &Account, to: &Account, amount: i64) -> Result<(), BankError> {
    // ANCHOR: solution_transfer
    if amount <= 0 {
        return Err(BankError::BadAmount(amount));
    }
    if from.id == to.id {
        return Err(BankError::SameAccount);
    }
    // One order for everyone, the older account first: two transfers in
    // opposite directions ask for the same lock first, and one of them waits
    // for it holding nothing.
    let (mut from_balance, mut to_balance) = if from.id < to.id {
        let from_balance = from.lock();
        (from_balance, to.lock())
    } else {
        let to_balance = to.lock();
        (from.lock(), to_balance)
    };
    if *from_balance < amount {
        let balance = *from_balance;
        return Err(BankError::Insufficient { balance, amount });
    }
    *to_balance = to_balance.checked_add(amount).ok_or(BankError::TooLarge)?;
    *from_balance -= amount;
    Ok(())
    // ANCHOR_END: solution_transfer
}

// ANCHOR: omit_transfer
/// The buggy start of exercise `transfer` (exercises.toml); the starter puts it in place of the solution.
#[allow(dead_code)]
mod transfer_bug {
    use super::*;

    fn transfer(from: &Account, to: &Account, amount: i64) -> Result<(), BankError> {
        // ANCHOR: bug_transfer
        if amount <= 0 {
            return Err(BankError::BadAmount(amount));
        }
        if from.id == to.id {
            return Err(BankError::SameAccount);
        }
        // Both accounts locked, so nobody sees the money in both or in neither.
        let mut from_balance = from.lock();
        let mut to_balance = to.lock();
        if *from_balance < amount {
            let balance = *from_balance;
            return Err(BankError::Insufficient { balance, amount });
        }
        *to_balance = to_balance.checked_add(amount).ok_or(BankError::TooLarge)?;
        *from_balance -= amount;
        Ok(())
        // ANCHOR_END: bug_transfer
    }
}
// ANCHOR_END: omit_transfer

/// Why a withdrawal or a transfer did not happen (the balances are unchanged).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BankError {
    /// The amount was zero or negative.
    BadAmount(i64),
    /// The balance did not cover the amount.
    Insufficient {
        /// The balance that was checked.
        balance: i64,
        /// The amount asked for.
        amount: i64,
    },
    /// The approval said no.
    Refused,
    /// A transfer from an account to itself.
    SameAccount,
    /// The receiving balance would not fit in an `i64`.
    TooLarge,
}

impl fmt::Display for BankError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BankError::BadAmount(amount) => write!(f, "amount {amount} is not positive"),
            BankError::Insufficient { balance, amount } => {
                write!(f, "balance {balance} does not cover {amount}")
            }
            BankError::Refused => f.write_str("the withdrawal was not approved"),
            BankError::SameAccount => f.write_str("a transfer needs two different accounts"),
            BankError::TooLarge => f.write_str("the receiving balance would overflow"),
        }
    }
}

impl std::error::Error for BankError {}
