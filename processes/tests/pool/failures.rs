//! Jobs that panic, exit or abort, workers killed mid-job or while idle, a
//! worker that sends garbage: each is a clear error (a panic, or a broken
//! pool naming the worker and how it ended), never a hang or a dead parent.

use std::sync::OnceLock;
use std::time::Duration;

use common::testing::within;
use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;
use processes::shared::SharedValue;
use processes::{PoolError, ProcessPool};

use crate::{LIMIT, assert_reaped, broken_pool_reason, square, wait_until};

#[test]
fn a_panicking_job_fails_alone_and_the_pool_stays_usable() {
    fn picky(x: u64) -> u64 {
        if x == 3 {
            panic!("three is not allowed");
        }
        x + 1
    }
    let pool = ProcessPool::new(2).unwrap();
    let pool = within(LIMIT, move || {
        let futures: Vec<_> = (0..6).map(|x| pool.submit(picky, x).unwrap()).collect();
        for (x, future) in futures.into_iter().enumerate() {
            match (x, future.result()) {
                (3, Err(PoolError::JobPanicked { message })) => {
                    assert_eq!(message, "three is not allowed");
                }
                (3, other) => panic!("job 3 should have panicked, got {other:?}"),
                (x, result) => assert_eq!(result.unwrap(), x as u64 + 1),
            }
        }
        // map reports the panic as its error...
        assert!(matches!(
            pool.map(picky, [1, 3]),
            Err(PoolError::JobPanicked { .. })
        ));
        // ...and the workers are still alive and serving.
        assert_eq!(pool.map(picky, [10, 20]).unwrap(), vec![11, 21]);
        pool
    });
    within(LIMIT, move || pool.shutdown()).unwrap();
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
    let future = pool.submit(run_forever, ()).unwrap();
    wait_until("the job to start", || running_in.load() != 0);
    let victim = running_in.load() as u32;
    assert!(workers.contains(&victim));
    kill(Pid::from_raw(victim as i32), Signal::SIGKILL).unwrap();

    let (pool, waited) = within(LIMIT, move || {
        let waited = future.result();
        (pool, waited)
    });
    let reason = broken_pool_reason(waited);
    assert!(reason.contains(&victim.to_string()), "{reason}");
    assert!(reason.contains("SIGKILL"), "{reason}");
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
        within(LIMIT, move || pool.shutdown()),
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
    let waited = within(LIMIT, move || {
        pool.submit(square, 3).and_then(processes::Future::result)
    });
    let reason = broken_pool_reason(waited);
    assert!(reason.contains(&victim.to_string()), "{reason}");
    assert!(reason.contains("SIGKILL"), "{reason}");
    assert_reaped(victim);
}

#[test]
fn a_worker_killed_while_idle_breaks_the_pool_at_once() {
    // Nobody submits anything: the pool must notice the death by itself,
    // reap the worker, and refuse the next job.
    let pool = ProcessPool::new(2).unwrap();
    let victim = pool.worker_pids()[0];
    kill(Pid::from_raw(victim as i32), Signal::SIGKILL).unwrap();
    let pool = within(LIMIT, move || {
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
        within(LIMIT, move || pool.shutdown()),
        Err(PoolError::BrokenPool { .. })
    ));
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
    let waited = within(LIMIT, move || pool.submit(exits, 3).unwrap().result());
    let reason = broken_pool_reason(waited);
    assert!(reason.contains("code 3"), "{reason}");
    let pool = ProcessPool::new(1).unwrap();
    let pids = pool.worker_pids();
    let waited = within(LIMIT, move || pool.submit(aborts, ()).unwrap().result());
    let reason = broken_pool_reason(waited);
    assert!(reason.contains("SIGABRT"), "{reason}");
    pids.into_iter().for_each(assert_reaped);
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
    let results = within(LIMIT, move || {
        // Once the first job has killed the worker, `submit` itself refuses.
        let futures: Vec<_> = (0..20).map(|x| pool.submit(die_on_zero, x)).collect();
        futures
            .into_iter()
            .map(|submitted| submitted.and_then(processes::Future::result))
            .collect::<Vec<_>>()
    });
    assert!(
        results
            .iter()
            .all(|r| matches!(r, Err(PoolError::BrokenPool { .. })))
    );
}

#[test]
fn a_corrupt_reply_frame_breaks_the_pool_with_a_clear_reason() {
    // As a worker gone astray would: the job writes a header claiming 4 GiB
    // on its worker's reply pipe (the one descriptor above 2 open for
    // writing), ahead of the real reply.
    fn scribble(_: ()) -> u64 {
        use nix::libc;
        for fd in 3..16 {
            // SAFETY: fcntl(F_GETFL) only reads a descriptor's flags.
            let flags = unsafe { libc::fcntl(fd, libc::F_GETFL) };
            if flags >= 0 && flags & libc::O_ACCMODE == libc::O_WRONLY {
                let header = u32::MAX.to_le_bytes();
                // SAFETY: writes the 4 bytes of `header`, which outlives the call.
                let wrote = unsafe { libc::write(fd, header.as_ptr().cast(), header.len()) };
                return u64::from(wrote == 4);
            }
        }
        0
    }
    let pool = ProcessPool::new(1).unwrap();
    let pid = pool.worker_pids()[0];
    let waited = within(LIMIT, move || pool.submit(scribble, ()).unwrap().result());
    let reason = broken_pool_reason(waited);
    assert!(
        reason.contains(&format!("worker {pid} sent an unreadable reply")),
        "{reason}"
    );
    assert!(reason.contains("MAX_FRAME"), "{reason}");
    assert_reaped(pid);
}

#[test]
fn jobs_queued_behind_a_killed_worker_fail_without_running_and_a_running_job_finishes() {
    // Job 0 holds one worker until `RELEASE`; job 1 holds the other until
    // `RELEASE` too, then kills it; jobs 2.. are queued behind them. `RAN`
    // counts the jobs that started.
    static RAN: OnceLock<SharedValue> = OnceLock::new();
    static RELEASE: OnceLock<[SharedValue; 2]> = OnceLock::new();
    fn job(x: u64) -> u64 {
        RAN.get().unwrap().fetch_add(1);
        if let Some(release) = RELEASE.get().unwrap().get(x as usize) {
            while release.load() == 0 {
                std::thread::sleep(Duration::from_millis(1));
            }
        }
        if x == 1 {
            let _ = kill(Pid::this(), Signal::SIGKILL);
        }
        x
    }
    /// Releases both held jobs however the test ends, so no worker is left
    /// waiting (and the pool's drop with it).
    struct ReleaseAll;
    impl Drop for ReleaseAll {
        fn drop(&mut self) {
            RELEASE.get().unwrap().iter().for_each(|r| r.store(1));
        }
    }
    let ran = RAN.get_or_init(|| SharedValue::new(0).unwrap());
    let release = RELEASE.get_or_init(|| [0, 0].map(|v| SharedValue::new(v).unwrap()));
    let _release_all = ReleaseAll;
    let pool = ProcessPool::new(2).unwrap();
    let running = pool.submit(job, 0).unwrap();
    let dying = pool.submit(job, 1).unwrap();
    wait_until("jobs 0 and 1 to start", || ran.load() == 2);
    let queued: Vec<_> = (2..6).map(|x| pool.submit(job, x).unwrap()).collect();
    release[1].store(1); // job 1 kills its worker
    let pool = within(LIMIT, move || {
        wait_until("the pool to break", || pool.broken().is_some());
        pool
    });
    release[0].store(1);
    let (running, dying, queued) = within(LIMIT, move || {
        let queued: Vec<_> = queued.into_iter().map(processes::Future::result).collect();
        (running.result(), dying.result(), queued)
    });
    assert_eq!(
        running.unwrap(),
        0,
        "a job running on a live worker finishes"
    );
    assert!(broken_pool_reason(dying).contains("SIGKILL"));
    for result in queued {
        broken_pool_reason(result);
    }
    assert_eq!(ran.load(), 2, "no queued job ran after the pool broke");
    assert!(matches!(
        within(LIMIT, move || pool.shutdown()),
        Err(PoolError::BrokenPool { .. })
    ));
}
