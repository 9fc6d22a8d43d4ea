//! Workers die with their parent: a pool's parent killed with `SIGKILL`
//! mid-job leaves no worker running.
//!
//! The test runs this very binary a second time, as the *parent*: it creates
//! a pool, starts a job that never ends on every worker, and prints the
//! worker pids. The test kills it with `SIGKILL` (no destructor, no shutdown)
//! and waits, bounded, for each worker to be killed too.
//!
//! On Linux the test makes itself a "child subreaper" first
//! (`PR_SET_CHILD_SUBREAPER`), so the orphaned workers are re-parented to it
//! rather than to pid 1: it can then `waitpid` them and see *how* they ended
//! (`SIGKILL`, from `PR_SET_PDEATHSIG`). (That setting is the reason this
//! test is a binary of its own: no other test sees stray children.) On macOS
//! the orphans go to launchd, which reaps them; the test waits until their
//! pids are gone. A plain `main` (`harness = false`), so the parent role
//! needs no filter.

#[cfg(unix)]
fn main() {
    if std::env::var_os(unix::PARENT_ROLE).is_some() {
        unix::be_the_parent();
    }
    unix::workers_die_with_their_parent();
    println!("test workers_die_with_their_parent ... ok");
}

/// Windows has no `fork`, so no pool and no workers.
#[cfg(not(unix))]
fn main() {}

#[cfg(unix)]
mod unix {
    use std::io::{BufRead, BufReader, Read};
    use std::process::{Command, Stdio};
    use std::sync::OnceLock;
    use std::time::Duration;

    use common::testing::within;
    use nix::sys::signal::{Signal, kill};
    use nix::unistd::Pid;
    use processes::ProcessPool;
    use processes::shared::SharedValue;

    /// Set in the environment of the second run: "be the parent".
    pub const PARENT_ROLE: &str = "PROCESSES_TEST_PARENT_ROLE";
    const WORKERS: usize = 2;
    const LIMIT: Duration = Duration::from_secs(60);

    static STARTED: OnceLock<SharedValue> = OnceLock::new();

    /// The job: count itself as started, then wait for a signal that never
    /// comes (`pause(2)`, not a lock wait, so the deadlock watch leaves it be).
    fn never_ends(_: ()) {
        STARTED.get().expect("mapped before the fork").fetch_add(1);
        loop {
            nix::unistd::pause();
        }
    }

    /// The second run: start a never-ending job on each worker, report the
    /// worker pids on stdout, and wait to be killed.
    pub fn be_the_parent() -> ! {
        let started = STARTED.get_or_init(|| SharedValue::new(0).expect("shared page"));
        let pool = ProcessPool::new(WORKERS).expect("pool");
        let futures: Vec<_> = (0..WORKERS)
            .map(|_| pool.submit(never_ends, ()).expect("submit"))
            .collect();
        // Every worker is mid-job before the pids go out.
        while started.load() < WORKERS as u64 {
            std::thread::yield_now();
        }
        let pids: Vec<String> = pool.worker_pids().iter().map(u32::to_string).collect();
        println!("workers {}", pids.join(" "));
        // Wait to be killed. Should the test die first, its end of our stdin
        // closes and we leave; `exit` skips the pool's drop, which would wait
        // for the endless jobs.
        let _ = std::io::stdin().read_to_end(&mut Vec::new());
        drop(futures);
        std::process::exit(3)
    }

    pub fn workers_die_with_their_parent() {
        #[cfg(target_os = "linux")]
        nix::sys::prctl::set_child_subreaper(true).expect("PR_SET_CHILD_SUBREAPER");
        let mut parent = Command::new(std::env::current_exe().expect("own path"))
            .env(PARENT_ROLE, "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("start the parent");
        let stdout = parent.stdout.take().expect("piped");
        let line = within(LIMIT, move || {
            let mut line = String::new();
            BufReader::new(stdout).read_line(&mut line).map(|_| line)
        })
        .expect("read the worker pids");
        let workers: Vec<Pid> = line
            .strip_prefix("workers ")
            .unwrap_or_else(|| panic!("unexpected line from the parent: {line:?}"))
            .split_whitespace()
            .map(|pid| Pid::from_raw(pid.parse().expect("a pid")))
            .collect();
        assert_eq!(workers.len(), WORKERS, "{line:?}");

        // SIGKILL: the parent runs no code at all, no drop, no shutdown.
        parent.kill().expect("SIGKILL the parent");
        parent.wait().expect("reap the parent");
        for &worker in &workers {
            if let Err(how) = killed_with_its_parent(worker) {
                clean_up(&workers);
                panic!("worker {worker} outlived its killed parent: {how}");
            }
        }
    }

    /// The parent is gone, so its orphans are ours now (we are the
    /// subreaper): each must end, killed by its parent-death signal.
    #[cfg(target_os = "linux")]
    fn killed_with_its_parent(worker: Pid) -> Result<(), String> {
        use nix::sys::wait::{WaitStatus, waitpid};
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || tx.send(waitpid(worker, None)));
        match rx.recv_timeout(LIMIT) {
            Ok(Ok(WaitStatus::Signaled(_, Signal::SIGKILL, _))) => Ok(()),
            other => Err(format!("{other:?}")),
        }
    }

    /// The orphans belong to launchd, which reaps them: each pid must be
    /// gone (`kill(pid, 0)` fails with `ESRCH`) within the limit.
    #[cfg(not(target_os = "linux"))]
    fn killed_with_its_parent(worker: Pid) -> Result<(), String> {
        let deadline = std::time::Instant::now() + LIMIT;
        while kill(worker, None).is_ok() {
            if std::time::Instant::now() > deadline {
                return Err(format!("still running {LIMIT:?} after its parent's death"));
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        Ok(())
    }

    /// Leaves nothing running (or as a zombie) behind a failed test.
    fn clean_up(workers: &[Pid]) {
        for &worker in workers {
            if kill(worker, Signal::SIGKILL).is_ok() {
                let _ = nix::sys::wait::waitpid(worker, None);
            }
        }
    }
}
