//! The deadlock watch: a worker stuck for good on a lock is found and
//! reported; where `/proc` hides what the watch needs, the pool says so.

use common::testing::within;
use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;
use processes::{PoolError, ProcessPool};

use crate::{LIMIT, assert_reaped, broken_pool_reason, wait_until};

#[test]
fn a_deadlocked_worker_is_found_and_breaks_the_pool() {
    // The worker's only thread waits on a lock that it holds itself: nobody
    // can ever release it. (std documents that relocking "will not return";
    // on Linux it sleeps in a private futex wait, as a ghost-held lock does.)
    fn relock(_: ()) -> u64 {
        fn lock_twice(m: &std::sync::Mutex<u64>) -> u64 {
            let first = m.lock().unwrap();
            let second = m.lock().unwrap();
            *first + *second
        }
        lock_twice(&std::sync::Mutex::new(0))
    }
    let pool = ProcessPool::new(1).unwrap();
    if let Err(why) = pool.deadlock_watch() {
        panic!("this test needs the deadlock watch, unavailable here: {why}");
    }
    let pid = pool.worker_pids()[0];
    let waited = within(LIMIT, move || pool.submit(relock, ()).unwrap().result());
    let reason = broken_pool_reason(waited);
    assert!(
        reason.contains(&format!("worker {pid} deadlocked")),
        "{reason}"
    );
    assert!(reason.contains("std::process::exit"), "{reason}");
    assert_reaped(pid);
}

#[test]
fn std_process_exit_in_a_job_breaks_the_pool_and_never_hangs() {
    // Against the crate's advice: `std::process::exit` in a worker. Its
    // clean-up either ends the worker (code 3) or, if a thread of this test
    // binary held std's thread-table lock at fork time, deadlocks it; the
    // pool reports both as a broken pool, and neither hangs.
    fn exits(code: i32) -> u64 {
        std::process::exit(code)
    }
    for _ in 0..5 {
        let pool = ProcessPool::new(1).unwrap();
        let pid = pool.worker_pids()[0];
        let waited = within(LIMIT, move || pool.submit(exits, 3).unwrap().result());
        let reason = broken_pool_reason(waited);
        assert!(
            reason.contains("code 3") || reason.contains("deadlocked"),
            "{reason}"
        );
        assert_reaped(pid);
    }
}

#[test]
fn an_unavailable_deadlock_watch_is_reported_not_silent() {
    // The situation of a restricted /proc or ptrace: the pool may not read
    // the worker's /proc/<pid>/syscall. Here the job makes its worker
    // non-dumpable, which hides that file from anyone without
    // CAP_SYS_PTRACE, and the test drops that capability from its threads
    // (the pool's managers among them; as root, that alone already hides
    // the file of a worker that keeps more capabilities). Then the job
    // deadlocks, which the watch cannot see: the pool must say that it is
    // blind, rather than let the job hang without a word.
    fn hide_and_relock(_: ()) -> u64 {
        nix::sys::prctl::set_dumpable(false).unwrap();
        let m = std::sync::Mutex::new(0);
        let first = m.lock().unwrap();
        let second = m.lock().unwrap();
        *first + *second
    }
    // On a thread of its own, so that the capability stays dropped for
    // nothing else, whatever thread the test harness runs this test on.
    let blind = std::thread::spawn(|| {
        drop_ptrace_capability_for_this_thread();
        let pool = ProcessPool::new(1).unwrap();
        let pid = pool.worker_pids()[0];
        let future = pool.submit(hide_and_relock, ()).unwrap();
        let pool = within(LIMIT, move || {
            wait_until("the pool to report its watch unavailable", || {
                pool.deadlock_watch().is_err()
            });
            pool
        });
        let why = pool.deadlock_watch().unwrap_err();
        assert!(why.contains(&format!("/proc/{pid}/syscall")), "{why}");
        assert!(
            format!("{pool:?}").contains(&why),
            "Debug shows it: {pool:?}"
        );
        // The job now waits for ever, as documented; end it from outside.
        kill(Pid::from_raw(pid as i32), Signal::SIGKILL).unwrap();
        assert!(matches!(
            within(LIMIT, move || future.result()),
            Err(PoolError::BrokenPool { .. })
        ));
        within(LIMIT, move || drop(pool));
        assert_reaped(pid);
    });
    if let Err(panic) = blind.join() {
        std::panic::resume_unwind(panic);
    }
}

/// Drops `CAP_SYS_PTRACE` from this thread's effective set (and so from the
/// threads it starts next), as a process without ptrace rights runs. Linux
/// keeps capabilities per thread, so the rest of the test binary keeps it.
fn drop_ptrace_capability_for_this_thread() {
    #[repr(C)]
    struct Header {
        version: u32,
        pid: i32,
    }
    #[repr(C)]
    #[derive(Clone, Copy, Default)]
    struct Data {
        effective: u32,
        permitted: u32,
        inheritable: u32,
    }
    const VERSION_3: u32 = 0x2008_0522;
    const CAP_SYS_PTRACE: u32 = 19;
    let mut header = Header {
        version: VERSION_3,
        pid: 0, // this thread
    };
    let mut data = [Data::default(); 2];
    // SAFETY: capget(2) with a version-3 header and the two data words that
    // version reads and writes; both live for the whole call.
    let got = unsafe { nix::libc::syscall(nix::libc::SYS_capget, &mut header, data.as_mut_ptr()) };
    assert_eq!(got, 0, "capget");
    data[0].effective &= !(1 << CAP_SYS_PTRACE);
    // SAFETY: as above; capset(2) only reads them. Lowering an effective
    // capability is always allowed.
    let set = unsafe { nix::libc::syscall(nix::libc::SYS_capset, &mut header, data.as_ptr()) };
    assert_eq!(set, 0, "capset");
}
