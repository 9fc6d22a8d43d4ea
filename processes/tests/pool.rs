//! The process pool's behaviour, under plain `cargo test` (many test threads
//! fork at once: see the fork-safety notes in the crate docs).
//!
//! Every wait is bounded by `within`, so a bug shows up as a failed test,
//! never as a hung test run.

use std::sync::OnceLock;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use nix::errno::Errno;
use nix::sys::signal::{Signal, kill};
use nix::sys::wait::{WaitPidFlag, waitpid};
use nix::unistd::Pid;
use processes::shared::SharedValue;
use processes::{PoolError, ProcessPool};

const LIMIT: Duration = Duration::from_secs(60);

/// Runs `f` on a thread of its own and fails the test if it takes longer than `LIMIT`.
fn within<R: Send + 'static>(f: impl FnOnce() -> R + Send + 'static) -> R {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)));
    });
    match rx.recv_timeout(LIMIT) {
        Ok(Ok(value)) => value,
        Ok(Err(panic)) => std::panic::resume_unwind(panic),
        Err(_) => panic!("hung: no result within {LIMIT:?}"),
    }
}

/// Waits (bounded) until `condition` holds.
fn wait_until(what: &str, mut condition: impl FnMut() -> bool) {
    let deadline = Instant::now() + LIMIT;
    while !condition() {
        assert!(Instant::now() < deadline, "gave up waiting for {what}");
        std::thread::yield_now();
    }
}

/// A worker pid is gone: not our child any more (reaped), and no zombie.
fn assert_reaped(pid: u32) {
    let pid = Pid::from_raw(pid as i32);
    assert_eq!(
        waitpid(pid, Some(WaitPidFlag::WNOHANG)),
        Err(Errno::ECHILD),
        "worker {pid} is still a child of this process (running or zombie)"
    );
    // If the number was reused already, it is someone else's process.
    if let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        let after_name = &stat[stat.rfind(')').expect("stat has (comm)") + 2..];
        let ppid: u32 = after_name.split(' ').nth(1).unwrap().parse().unwrap();
        assert_ne!(
            ppid,
            std::process::id(),
            "worker {pid} still has us as parent"
        );
    }
}

fn square(x: u64) -> u64 {
    x * x
}

fn pid_of_worker(_: ()) -> u32 {
    std::process::id()
}

#[test]
fn zero_workers_is_an_error() {
    assert!(matches!(
        ProcessPool::new(0),
        Err(PoolError::InvalidWorkers)
    ));
}

#[test]
fn default_workers_is_one_per_cpu() {
    let cpus = std::thread::available_parallelism().unwrap().get();
    let pool = within(ProcessPool::with_default_workers).unwrap();
    assert_eq!(pool.workers(), cpus);
    assert_eq!(pool.worker_pids().len(), cpus);
}

#[test]
fn map_keeps_input_order_even_when_jobs_finish_out_of_order() {
    // Early items take longest, so replies come back in roughly reverse order.
    fn slow_first(x: u64) -> u64 {
        common::workload::spin_for(Duration::from_micros((50 - x) * 100));
        x * 10
    }
    let results = within(|| ProcessPool::new(3).unwrap().map(slow_first, 0..50)).unwrap();
    assert_eq!(results, (0..50).map(|x| x * 10).collect::<Vec<_>>());
}

#[test]
fn zero_items_give_an_empty_list() {
    let pool = ProcessPool::new(2).unwrap();
    let results: Vec<u64> = within(move || pool.map(square, Vec::new())).unwrap();
    assert!(results.is_empty());
}

#[test]
fn more_workers_than_items() {
    let results = within(|| ProcessPool::new(8).unwrap().map(square, [3, 4])).unwrap();
    assert_eq!(results, vec![9, 16]);
}

#[test]
fn a_thousand_small_jobs() {
    let results = within(|| ProcessPool::new(2).unwrap().map(square, 0..1_000)).unwrap();
    assert_eq!(results.len(), 1_000);
    assert!(
        results
            .iter()
            .enumerate()
            .all(|(i, &r)| r == (i * i) as u64)
    );
}

#[test]
fn a_mebibyte_argument_and_result_round_trip() {
    fn reverse(mut bytes: Vec<u8>) -> Vec<u8> {
        bytes.reverse();
        bytes
    }
    let input: Vec<u8> = (0..1 << 20).map(|i: u32| (i % 251) as u8).collect();
    let expected: Vec<u8> = input.iter().rev().copied().collect();
    let output = within(move || {
        let pool = ProcessPool::new(2).unwrap();
        pool.submit(reverse, input).unwrap().wait()
    })
    .unwrap();
    assert_eq!(output.len(), 1 << 20);
    assert!(output == expected, "the bytes came back changed");
}

#[test]
fn jobs_run_in_distinct_worker_processes() {
    // A barrier across processes: each job waits until all three are
    // running at once, which forces them onto three different workers.
    static ARRIVED: OnceLock<SharedValue> = OnceLock::new();
    fn arrive(expected: u64) -> u32 {
        let arrived = ARRIVED.get().expect("mapped before the pool forked");
        arrived.fetch_add(1);
        let deadline = Instant::now() + Duration::from_secs(30);
        while arrived.load() < expected && Instant::now() < deadline {
            std::hint::spin_loop();
        }
        std::process::id()
    }
    ARRIVED.get_or_init(|| SharedValue::new(0).unwrap());
    let pool = ProcessPool::new(3).unwrap();
    let workers = pool.worker_pids();
    let mut pids = within(move || pool.map(arrive, [3, 3, 3])).unwrap();
    assert_eq!(ARRIVED.get().unwrap().load(), 3);
    pids.sort_unstable();
    pids.dedup();
    assert_eq!(pids.len(), 3, "three jobs, three different processes");
    for pid in pids {
        assert_ne!(pid, std::process::id());
        assert!(workers.contains(&pid), "{pid} is not one of {workers:?}");
    }
}

#[test]
fn a_panicking_job_fails_alone_and_the_pool_stays_usable() {
    fn picky(x: u64) -> u64 {
        if x == 3 {
            panic!("three is not allowed");
        }
        x + 1
    }
    let pool = ProcessPool::new(2).unwrap();
    let pool = within(move || {
        let jobs: Vec<_> = (0..6).map(|x| pool.submit(picky, x).unwrap()).collect();
        for (x, job) in jobs.into_iter().enumerate() {
            match (x, job.wait()) {
                (3, Err(PoolError::TaskPanicked { message })) => {
                    assert_eq!(message, "three is not allowed");
                }
                (3, other) => panic!("job 3 should have panicked, got {other:?}"),
                (x, result) => assert_eq!(result.unwrap(), x as u64 + 1),
            }
        }
        // map reports the panic as its error...
        assert!(matches!(
            pool.map(picky, [1, 3]),
            Err(PoolError::TaskPanicked { .. })
        ));
        // ...and the workers are still alive and serving.
        assert_eq!(pool.map(picky, [10, 20]).unwrap(), vec![11, 21]);
        pool
    });
    within(move || pool.shutdown()).unwrap();
}

#[test]
fn a_worker_killed_mid_job_breaks_the_pool_and_nothing_hangs() {
    // The job writes its pid to shared memory, then runs until killed.
    static RUNNING_IN: OnceLock<SharedValue> = OnceLock::new();
    fn run_forever(_: ()) {
        RUNNING_IN
            .get()
            .unwrap()
            .store(u64::from(std::process::id()));
        loop {
            std::thread::sleep(Duration::from_millis(10));
        }
    }
    let running_in = RUNNING_IN.get_or_init(|| SharedValue::new(0).unwrap());
    let pool = ProcessPool::new(2).unwrap();
    let workers = pool.worker_pids();
    let job = pool.submit(run_forever, ()).unwrap();
    wait_until("the job to start", || running_in.load() != 0);
    let victim = running_in.load() as u32;
    assert!(workers.contains(&victim));
    kill(Pid::from_raw(victim as i32), Signal::SIGKILL).unwrap();

    let (pool, waited) = within(move || {
        let waited = job.wait();
        (pool, waited)
    });
    match waited {
        Err(PoolError::BrokenPool { reason }) => {
            assert!(reason.contains(&victim.to_string()), "{reason}");
            assert!(reason.contains("SIGKILL"), "{reason}");
        }
        other => panic!("expected BrokenPool, got {other:?}"),
    }
    // Later calls fail at once, like Python's BrokenProcessPool.
    assert!(matches!(
        pool.submit(square, 2),
        Err(PoolError::BrokenPool { .. })
    ));
    assert!(matches!(
        pool.map(square, [1, 2]),
        Err(PoolError::BrokenPool { .. })
    ));
    // Shutdown reports the breakage and still reaps every worker.
    assert!(matches!(
        within(move || pool.shutdown()),
        Err(PoolError::BrokenPool { .. })
    ));
    workers.into_iter().for_each(assert_reaped);
}

#[test]
fn a_worker_killed_while_idle_fails_the_next_job_not_the_parent() {
    // Nobody reads the dead worker's job pipe: the next job's write gets
    // EPIPE (or its reply pipe reads end-of-file), never a hang or a SIGPIPE.
    let pool = ProcessPool::new(1).unwrap();
    let victim = pool.worker_pids()[0];
    // Once `kill` returns, the worker never runs another instruction.
    kill(Pid::from_raw(victim as i32), Signal::SIGKILL).unwrap();
    let waited = within(move || pool.submit(square, 3).and_then(processes::Job::wait));
    match waited {
        Err(PoolError::BrokenPool { reason }) => {
            assert!(reason.contains(&victim.to_string()), "{reason}");
            assert!(reason.contains("SIGKILL"), "{reason}");
        }
        other => panic!("expected BrokenPool, got {other:?}"),
    }
    assert_reaped(victim);
}

#[test]
fn exit_and_abort_in_a_job_break_the_pool() {
    fn exits(code: i32) -> u64 {
        // Python's `os._exit`: ends the worker at once. (`std::process::exit`
        // runs clean-up first, which may deadlock a forked worker: see
        // `std_process_exit_in_a_job_breaks_the_pool_and_never_hangs`.)
        // SAFETY: `_exit` has no preconditions; it ends the worker at once.
        unsafe { nix::libc::_exit(code) }
    }
    fn aborts(_: ()) -> u64 {
        std::process::abort()
    }
    let pool = ProcessPool::new(1).unwrap();
    let waited = within(move || pool.submit(exits, 3).unwrap().wait());
    match waited {
        Err(PoolError::BrokenPool { reason }) => assert!(reason.contains("code 3"), "{reason}"),
        other => panic!("expected BrokenPool, got {other:?}"),
    }
    let pool = ProcessPool::new(1).unwrap();
    let pids = pool.worker_pids();
    let waited = within(move || pool.submit(aborts, ()).unwrap().wait());
    match waited {
        Err(PoolError::BrokenPool { reason }) => assert!(reason.contains("SIGABRT"), "{reason}"),
        other => panic!("expected BrokenPool, got {other:?}"),
    }
    pids.into_iter().for_each(assert_reaped);
}

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
    let waited = within(move || pool.submit(relock, ()).unwrap().wait());
    match waited {
        Err(PoolError::BrokenPool { reason }) => {
            assert!(
                reason.contains(&format!("worker {pid} deadlocked")),
                "{reason}"
            );
            assert!(reason.contains("std::process::exit"), "{reason}");
        }
        other => panic!("expected BrokenPool, got {other:?}"),
    }
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
        let waited = within(move || pool.submit(exits, 3).unwrap().wait());
        match waited {
            Err(PoolError::BrokenPool { reason }) => assert!(
                reason.contains("code 3") || reason.contains("deadlocked"),
                "{reason}"
            ),
            other => panic!("expected BrokenPool, got {other:?}"),
        }
        assert_reaped(pid);
    }
}

#[test]
fn queued_jobs_behind_a_dying_worker_get_broken_pool_not_a_hang() {
    fn die_on_zero(x: u64) -> u64 {
        if x == 0 {
            std::process::abort();
        }
        x
    }
    let pool = ProcessPool::new(1).unwrap();
    let results = within(move || {
        // Once the first job has killed the worker, `submit` itself refuses.
        let jobs: Vec<_> = (0..20).map(|x| pool.submit(die_on_zero, x)).collect();
        jobs.into_iter()
            .map(|submitted| submitted.and_then(|job| job.wait()))
            .collect::<Vec<_>>()
    });
    assert!(
        results
            .iter()
            .all(|r| matches!(r, Err(PoolError::BrokenPool { .. })))
    );
}

#[test]
fn no_zombies_after_drop() {
    let pool = ProcessPool::new(3).unwrap();
    let pids = pool.worker_pids();
    let pool = within(move || {
        assert_eq!(pool.map(pid_of_worker, vec![(); 9]).unwrap().len(), 9);
        pool
    });
    within(move || drop(pool));
    pids.into_iter().for_each(assert_reaped);
}

#[test]
fn no_zombies_after_shutdown_and_queued_jobs_finish_first() {
    let pool = ProcessPool::new(2).unwrap();
    let pids = pool.worker_pids();
    let jobs: Vec<_> = (0..100).map(|x| pool.submit(square, x).unwrap()).collect();
    within(move || pool.shutdown()).unwrap();
    // Shutdown waited for the queue: every result is there.
    let results: Vec<u64> = jobs.into_iter().map(|j| j.wait().unwrap()).collect();
    assert_eq!(results, (0..100).map(square).collect::<Vec<_>>());
    pids.into_iter().for_each(assert_reaped);
}

#[test]
fn pools_forked_side_by_side_shut_down_independently() {
    // Pool b's workers were forked while pool a's pipes were open; unless they
    // close what they inherited, pool a's workers never see end-of-file.
    let a = ProcessPool::new(2).unwrap();
    let b = ProcessPool::new(2).unwrap();
    let a_pids = a.worker_pids();
    within(move || a.shutdown()).unwrap();
    a_pids.into_iter().for_each(assert_reaped);
    assert_eq!(within(move || b.map(square, [5]).unwrap()), vec![25]);
}

#[test]
fn many_threads_create_pools_at_once() {
    let handles: Vec<_> = (0..4)
        .map(|i| {
            std::thread::spawn(move || {
                let pool = ProcessPool::new(2).unwrap();
                let pids = pool.worker_pids();
                let out = pool.map(square, i * 10..i * 10 + 10).unwrap();
                pool.shutdown().unwrap();
                (pids, out)
            })
        })
        .collect();
    let results = within(move || {
        handles
            .into_iter()
            .map(|h| h.join().unwrap())
            .collect::<Vec<_>>()
    });
    for (i, (pids, out)) in results.into_iter().enumerate() {
        let i = i as u64;
        assert_eq!(out, (i * 10..i * 10 + 10).map(square).collect::<Vec<_>>());
        pids.into_iter().for_each(assert_reaped);
    }
}

#[test]
fn a_huge_worker_count_is_an_error_not_a_crash() {
    // `Vec::with_capacity(usize::MAX)` panicked ("capacity overflow"), and
    // `1 << 40` workers aborted the whole process (a 13 TB allocation).
    let max = ProcessPool::max_workers();
    assert!((1..=processes::pool::MAX_WORKERS).contains(&max));
    for workers in [1 << 40, usize::MAX, max + 1] {
        match ProcessPool::new(workers) {
            Err(error @ PoolError::InvalidWorkers) => {
                let message = error.to_string();
                assert!(message.contains(&format!("at most {max}")), "{message}");
            }
            other => panic!("{workers} workers: expected InvalidWorkers, got {other:?}"),
        }
    }
}

#[test]
fn a_worker_killed_while_idle_breaks_the_pool_at_once() {
    // Nobody submits anything: the pool must notice the death by itself,
    // reap the worker, and refuse the next job.
    let pool = ProcessPool::new(2).unwrap();
    let victim = pool.worker_pids()[0];
    kill(Pid::from_raw(victim as i32), Signal::SIGKILL).unwrap();
    let pool = within(move || {
        wait_until("the pool to notice the dead worker", || {
            pool.broken().is_some()
        });
        pool
    });
    assert_reaped(victim);
    let reason = pool.broken().unwrap();
    assert!(reason.contains(&victim.to_string()), "{reason}");
    assert!(reason.contains("SIGKILL"), "{reason}");
    match pool.submit(square, 3) {
        Err(PoolError::BrokenPool { reason }) => {
            assert!(reason.contains(&victim.to_string()), "{reason}");
        }
        other => panic!("expected BrokenPool at submit, got {other:?}"),
    }
    assert!(matches!(
        within(move || pool.shutdown()),
        Err(PoolError::BrokenPool { .. })
    ));
}

#[test]
fn a_pool_outlives_the_thread_that_created_it() {
    // `PR_SET_PDEATHSIG` fires when the *thread* that forked a worker ends,
    // not the process. A pool made on a short-lived thread and handed on
    // must keep its workers.
    let (pool, tid) = std::thread::spawn(|| (ProcessPool::new(2).unwrap(), nix::unistd::gettid()))
        .join()
        .unwrap();
    // `join` returns when the thread's stack is free, a little before the
    // kernel is done with the thread: wait until it has left /proc, by which
    // time any parent-death signal has been sent.
    wait_until("the creating thread to be gone", || {
        !std::path::Path::new(&format!("/proc/self/task/{tid}")).exists()
    });
    let pids = pool.worker_pids();
    let pool = within(move || {
        assert_eq!(pool.map(square, [2, 3, 4]).unwrap(), vec![4, 9, 16]);
        pool
    });
    assert_eq!(pool.broken(), None);
    within(move || pool.shutdown()).unwrap();
    pids.into_iter().for_each(assert_reaped);
}

#[test]
fn a_result_over_the_frame_cap_is_a_clear_error_and_the_pool_stays_usable() {
    // The same path as a result over 4 GiB (which a `u32` length cannot
    // say): the worker used to give up and exit with code 0, and the pool
    // reported a broken pool "exited with code 0".
    fn too_big(_: ()) -> Vec<u8> {
        vec![7; processes::frame::MAX_FRAME]
    }
    let pool = ProcessPool::new(1).unwrap();
    let pid = pool.worker_pids()[0];
    let pool = within(move || {
        match pool.submit(too_big, ()).unwrap().wait() {
            Err(PoolError::Codec(message)) => {
                assert!(message.contains("result"), "{message}");
                assert!(message.contains("MAX_FRAME"), "{message}");
            }
            other => panic!("expected a Codec error, got {:?}", other.map(|v| v.len())),
        }
        // The worker is the same, and still serving.
        assert_eq!(pool.map(pid_of_worker, [()]).unwrap(), vec![pid]);
        pool
    });
    assert_eq!(pool.broken(), None);
    within(move || pool.shutdown()).unwrap();
}

#[test]
fn an_argument_over_the_frame_cap_is_refused_at_submit() {
    fn len(bytes: Vec<u8>) -> usize {
        bytes.len()
    }
    let pool = ProcessPool::new(1).unwrap();
    let pool = within(move || {
        match pool.submit(len, vec![0; processes::frame::MAX_FRAME]) {
            Err(PoolError::Codec(message)) => assert!(message.contains("argument"), "{message}"),
            other => panic!("expected a Codec error, got {other:?}"),
        }
        assert_eq!(pool.map(len, [vec![1, 2, 3]]).unwrap(), vec![3]);
        pool
    });
    assert_eq!(pool.broken(), None);
    within(move || pool.shutdown()).unwrap();
}

#[test]
fn a_corrupt_reply_frame_breaks_the_pool_with_a_clear_reason() {
    // As a worker gone astray would: the job writes a header claiming 4 GiB
    // on its worker's reply pipe (the one descriptor above 2 open for
    // writing), ahead of the real reply.
    fn scribble(_: ()) -> u64 {
        use std::io::Write;
        for fd in 3..16 {
            let Ok(info) = std::fs::read_to_string(format!("/proc/self/fdinfo/{fd}")) else {
                continue;
            };
            let flags = info
                .lines()
                .find_map(|line| line.strip_prefix("flags:"))
                .and_then(|octal| u32::from_str_radix(octal.trim(), 8).ok());
            if flags.is_some_and(|flags| flags & 3 == 1) {
                let mut pipe = std::fs::OpenOptions::new()
                    .write(true)
                    .open(format!("/proc/self/fd/{fd}"))
                    .unwrap();
                pipe.write_all(&u32::MAX.to_le_bytes()).unwrap();
                return 1;
            }
        }
        0
    }
    let pool = ProcessPool::new(1).unwrap();
    let pid = pool.worker_pids()[0];
    let waited = within(move || pool.submit(scribble, ()).unwrap().wait());
    match waited {
        Err(PoolError::BrokenPool { reason }) => {
            assert!(
                reason.contains(&format!("worker {pid} sent an unreadable reply")),
                "{reason}"
            );
            assert!(reason.contains("MAX_FRAME"), "{reason}");
        }
        other => panic!("expected BrokenPool, got {other:?}"),
    }
    assert_reaped(pid);
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
        let job = pool.submit(hide_and_relock, ()).unwrap();
        let pool = within(move || {
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
            within(move || job.wait()),
            Err(PoolError::BrokenPool { .. })
        ));
        within(move || drop(pool));
        assert_reaped(pid);
    });
    if let Err(panic) = blind.join() {
        std::panic::resume_unwind(panic);
    }
}
