//! The checks of the process pool lesson (4.1): both pools' `map`, and a
//! worker that dies while idle.

use std::sync::OnceLock;
use std::thread;
use std::time::{Duration, Instant};

use nix::errno::Errno;
use nix::sys::signal::{Signal, kill};
use nix::sys::wait::{WaitPidFlag, waitpid};
use nix::unistd::Pid;
use processes::pool::minimal::MinimalPool;
use processes::shared::SharedValue;
use processes::{PoolError, ProcessPool};

use crate::said;

fn square(x: u64) -> u64 {
    x * x
}

/// Two flags in shared memory, mapped before any pool forks its workers.
static MEETING: OnceLock<[SharedValue; 2]> = OnceLock::new();

/// Job `i` of two raises its flag and waits (at most 3 s) for the other's:
/// whether both ran at the same time.
fn meet(i: usize) -> bool {
    let flags = MEETING.get().expect("mapped before the pool forked");
    flags[i].store(1);
    let deadline = Instant::now() + Duration::from_secs(3);
    while flags[1 - i].load() == 0 {
        if Instant::now() > deadline {
            return false;
        }
        thread::yield_now();
    }
    true
}

fn picky(x: u64) -> u64 {
    assert_ne!(x, 3, "three is not allowed");
    x
}

/// pool_map: results in input order, every item queued before any wait,
/// and the first failure in input order as the error.
pub fn pool_map() -> Result<(), String> {
    MEETING.get_or_init(|| [0, 0].map(|v| SharedValue::new(v).expect("mmap")));
    let pool = ProcessPool::new(2).map_err(said("ProcessPool::new(2)"))?;
    let squares = pool
        .map(square, 0..20)
        .map_err(said("pool.map(square, 0..20)"))?;
    let expected: Vec<u64> = (0..20).map(square).collect();
    if squares != expected {
        return Err(format!(
            "pool.map(square, 0..20) gave {squares:?}: list(executor.map(square, range(20))) \
             is the squares in input order, whichever worker computed which"
        ));
    }
    let none = pool
        .map(square, Vec::new())
        .map_err(said("pool.map over no items"))?;
    if !none.is_empty() {
        return Err(format!("pool.map over no items gave {none:?}, not []"));
    }
    let met = pool
        .map(meet, [0, 1])
        .map_err(said("pool.map(meet, [0, 1])"))?;
    if met != [true, true] {
        return Err(
            "job 0 waited 3 s for job 1 to start, and job 1 started only after it: map \
             waited for one result before it submitted the next item. executor.map \
             submits every item first, so that the workers run them side by side"
                .into(),
        );
    }
    match pool.map(picky, [1, 3, 5]) {
        Err(PoolError::JobPanicked { message }) if message.contains("three") => {}
        other => {
            return Err(format!(
                "pool.map(picky, [1, 3, 5]), where picky(3) panics, gave {other:?}: the \
                 first failed item's error, JobPanicked, as executor.map raises it"
            ));
        }
    }
    pool.shutdown().map_err(said("pool.shutdown()"))
}

fn pid_of_worker(_: ()) -> u32 {
    std::process::id()
}

fn exit_on_three(x: u64) -> u64 {
    if x == 3 {
        // SAFETY: `_exit` ends the worker at once; it has no preconditions.
        unsafe { nix::libc::_exit(3) }
    }
    x
}

/// minimal_map: the minimal pool's map, round-robin over its workers,
/// results in input order, and a dead worker an error.
pub fn minimal_map() -> Result<(), String> {
    let mut pool = MinimalPool::new(3).map_err(said("MinimalPool::new(3)"))?;
    let squares = pool
        .map(square, 0..10)
        .map_err(said("map(square, 0..10)"))?;
    if squares != (0..10).map(square).collect::<Vec<_>>() {
        return Err(format!(
            "map(square, 0..10) on 3 workers gave {squares:?}: the squares of 0..10, in input \
             order, as list(executor.map(square, range(10)))"
        ));
    }
    let none = pool
        .map(square, Vec::new())
        .map_err(said("map over no items"))?;
    let lengths = pool.map(|s: String| s.len(), ["a", "bcd", ""].map(String::from));
    if !none.is_empty() || lengths.as_ref().ok() != Some(&vec![1, 3, 0]) {
        return Err(format!(
            "map over no items gave {none:?} (expected []), and the lengths of \"a\", \"bcd\", \
             \"\" came back as {lengths:?} (expected [1, 3, 0])"
        ));
    }
    let mut pids = pool.map(pid_of_worker, vec![(); 6]).map_err(said("map"))?;
    pids.sort_unstable();
    pids.dedup();
    if pids.contains(&std::process::id()) || pids.len() != 3 {
        return Err(format!(
            "6 jobs on 3 workers ran in the processes {pids:?} (this process is {}): each \
             worker gets one item per round, so all 3 workers run jobs, and none runs here",
            std::process::id()
        ));
    }
    drop(pool);
    let mut pool = MinimalPool::new(2).map_err(said("MinimalPool::new(2)"))?;
    match pool.map(exit_on_three, 0..6) {
        Err(_) => Ok(()),
        Ok(results) => Err(format!(
            "job 3 ended its worker with _exit(3), yet map returned Ok({results:?}): a worker \
             that died (its result pipe closed) makes map fail with an io::Error, as Python's \
             BrokenProcessPool"
        )),
    }
}

/// idle_worker_death: a worker that dies while idle breaks the pool at
/// once, and is reaped, with no job submitted.
pub fn idle_worker_death() -> Result<(), String> {
    let pool = ProcessPool::new(2).map_err(said("ProcessPool::new(2)"))?;
    let nine = pool.submit(square, 3).map_err(said("submit"))?.result();
    if nine.as_ref().ok() != Some(&9) || pool.broken().is_some() {
        return Err(format!(
            "the pool does not run a job yet: square(3) gave {nine:?}, and broken() says \
             {:?}. This exercise needs the ones before it done (read_frame first)",
            pool.broken()
        ));
    }
    let victim = pool.worker_pids()[0];
    kill(Pid::from_raw(victim as i32), Signal::SIGKILL).map_err(said("kill"))?;
    let deadline = Instant::now() + Duration::from_secs(3);
    let reason = loop {
        match pool.broken() {
            Some(reason) => break reason,
            None if Instant::now() > deadline => {
                let stat =
                    std::fs::read_to_string(format!("/proc/{victim}/stat")).unwrap_or_default();
                let zombie = common::testing::parse_stat(&stat).is_some_and(|(s, _)| s == 'Z');
                let unreaped = if zombie {
                    ", and it is still an unreaped zombie"
                } else {
                    ""
                };
                return Err(format!(
                    "idle worker {victim} was killed with SIGKILL 3 s ago, and pool.broken() \
                     still says None{unreaped}. Python's executor watches every worker's \
                     sentinel all the time and breaks the pool as soon as one dies; this pool \
                     notices only when it sends the next job"
                ));
            }
            None => thread::yield_now(),
        }
    };
    if !reason.contains(&victim.to_string()) || !reason.contains("SIGKILL") {
        return Err(format!(
            "the pool broke, but its reason, {reason:?}, should name worker {victim} and SIGKILL"
        ));
    }
    if waitpid(Pid::from_raw(victim as i32), Some(WaitPidFlag::WNOHANG)) != Err(Errno::ECHILD) {
        return Err(format!(
            "the pool broke, but worker {victim} was not reaped: a zombie is left"
        ));
    }
    match pool.submit(square, 2) {
        Err(PoolError::BrokenPool { .. }) => Ok(()),
        other => Err(format!(
            "submit on a broken pool gave {other:?}, not BrokenPool"
        )),
    }
}
