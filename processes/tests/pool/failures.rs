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
    let job = pool.submit(run_forever, ()).unwrap();
    wait_until("the job to start", || running_in.load() != 0);
    let victim = running_in.load() as u32;
    assert!(workers.contains(&victim));
    kill(Pid::from_raw(victim as i32), Signal::SIGKILL).unwrap();

    let (pool, waited) = within(LIMIT, move || {
        let waited = job.wait();
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
        pool.submit(square, 3).and_then(processes::Job::wait)
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
    let waited = within(LIMIT, move || pool.submit(exits, 3).unwrap().wait());
    let reason = broken_pool_reason(waited);
    assert!(reason.contains("code 3"), "{reason}");
    let pool = ProcessPool::new(1).unwrap();
    let pids = pool.worker_pids();
    let waited = within(LIMIT, move || pool.submit(aborts, ()).unwrap().wait());
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
    let waited = within(LIMIT, move || pool.submit(scribble, ()).unwrap().wait());
    let reason = broken_pool_reason(waited);
    assert!(
        reason.contains(&format!("worker {pid} sent an unreadable reply")),
        "{reason}"
    );
    assert!(reason.contains("MAX_FRAME"), "{reason}");
    assert_reaped(pid);
}
