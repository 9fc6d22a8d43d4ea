//! The deadlock watch: is a worker stuck for good? (Linux, from `/proc`;
//! elsewhere the watch says it is unavailable.)
//!
//! A worker is stuck for good when it has a single thread, and that thread
//! sleeps in a *private* futex wait with no timeout, the way a `Mutex::lock`
//! sleeps. A private futex is woken only by another thread of the same
//! process, and there is none, so that wait never ends. A worker gets there
//! when a job takes a lock that some parent thread held at the moment of the
//! fork: the child's copy stays locked forever (`std::process::exit` does
//! this; see the crate docs). A slow job, a job blocked in IO or a job with
//! threads of its own is never taken for deadlocked.
//!
//! The watch needs `/proc/<pid>/syscall`, which the kernel shows only to a
//! process allowed to ptrace the worker, and not on every kernel. Where it
//! cannot be read, the verdict says so ([`Verdict::Unavailable`]) instead of
//! passing for "not stuck", and the pool reports it
//! ([`ProcessPool::deadlock_watch`](super::ProcessPool::deadlock_watch)).

#[cfg(target_os = "linux")]
use std::path::Path;

use nix::unistd::Pid;

/// What the watch makes of a worker that has not replied for a while.
#[derive(Debug, PartialEq, Eq)]
#[cfg_attr(not(target_os = "linux"), allow(dead_code))] // only Linux can tell
pub(super) enum Verdict {
    /// Nothing can ever wake it.
    Deadlocked,
    /// Running, or waiting for something that can still happen.
    NotStuck,
    /// `/proc` does not tell (why not, for the pool's report).
    Unavailable(String),
}

/// The verdict on the child `pid`, not yet reaped (so its `/proc` entry
/// exists, even if it is a zombie).
#[cfg(target_os = "linux")]
pub(super) fn check(pid: Pid) -> Verdict {
    check_in(Path::new(&format!("/proc/{pid}")))
}

/// Without `/proc`, the watch cannot see: it says so.
#[cfg(not(target_os = "linux"))]
pub(super) fn check(_pid: Pid) -> Verdict {
    Verdict::Unavailable(format!(
        "the deadlock watch reads /proc/<pid>/syscall, which {} does not have (Linux does)",
        common::report::os_name()
    ))
}

/// The verdict from the `status` and `syscall` files in `dir`.
#[cfg(target_os = "linux")]
fn check_in(dir: &Path) -> Verdict {
    let read = |file: &str| {
        let path = dir.join(file);
        std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))
    };
    let (status, syscall) = match (read("status"), read("syscall")) {
        (Ok(status), Ok(syscall)) => (status, syscall),
        (Err(why), _) | (_, Err(why)) => return Verdict::Unavailable(why),
    };
    let single_threaded = status
        .lines()
        .any(|line| line.split_whitespace().eq(["Threads:", "1"]));
    if single_threaded && in_endless_private_wait(&syscall) {
        Verdict::Deadlocked
    } else {
        Verdict::NotStuck
    }
}

#[cfg(target_os = "linux")]
/// Whether a `syscall` line, "202 uaddr op val timeout ..." for futex (202
/// on x86_64; "running" or "-1 ..." outside a call), is a private futex wait
/// without a timeout.
fn in_endless_private_wait(syscall: &str) -> bool {
    let fields: Vec<&str> = syscall.split_whitespace().collect();
    let hex = |i: usize| {
        fields
            .get(i)
            .and_then(|f| u64::from_str_radix(f.trim_start_matches("0x"), 16).ok())
    };
    const FUTEX_PRIVATE_FLAG: u64 = 128;
    const FUTEX_WAIT: u64 = 0;
    const FUTEX_WAIT_BITSET: u64 = 9;
    let is_futex = fields.first().and_then(|n| n.parse::<i64>().ok()) == Some(nix::libc::SYS_futex);
    match (hex(2), hex(4)) {
        (Some(op), Some(timeout)) => {
            is_futex
                && op & FUTEX_PRIVATE_FLAG != 0
                && matches!(op & 0x7f, FUTEX_WAIT | FUTEX_WAIT_BITSET)
                && timeout == 0
        }
        _ => false,
    }
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    /// A stand-in for `/proc/<pid>` with the given files.
    fn fake_proc(name: &str, files: &[(&str, &str)]) -> std::path::PathBuf {
        let dir =
            std::env::temp_dir().join(format!("processes-watch-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        for (file, text) in files {
            std::fs::write(dir.join(file), text).unwrap();
        }
        dir
    }

    fn futex_wait(op: u64, timeout: u64) -> String {
        format!(
            "{} 0x7f00 {op:#x} 0x2 {timeout:#x} 0x0 0x0 0x7ffd 0x7f01\n",
            nix::libc::SYS_futex
        )
    }

    #[test]
    fn an_unreadable_syscall_file_is_unavailable_not_fine() {
        // As under a ptrace restriction, or on a kernel without the file.
        let dir = fake_proc(
            "unreadable",
            &[("status", "Name:\tpool-worker\nThreads:\t1\n")],
        );
        match check_in(&dir) {
            Verdict::Unavailable(why) => assert!(why.contains("syscall"), "{why}"),
            other => panic!("expected Unavailable, got {other:?}"),
        }
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn verdicts_from_readable_files() {
        let one = "Threads:\t1\n";
        let cases = [
            (one, futex_wait(128, 0), Verdict::Deadlocked), // private FUTEX_WAIT
            (one, futex_wait(128 | 9, 0), Verdict::Deadlocked), // private WAIT_BITSET
            (one, futex_wait(0, 0), Verdict::NotStuck),     // shared: another process may wake it
            (one, futex_wait(128, 0x7ffd), Verdict::NotStuck), // has a timeout
            ("Threads:\t2\n", futex_wait(128, 0), Verdict::NotStuck), // another thread may wake it
            (one, String::from("running\n"), Verdict::NotStuck),
            (one, String::from("-1 0x0 0x0\n"), Verdict::NotStuck), // a zombie
        ];
        for (i, (status, syscall, expected)) in cases.into_iter().enumerate() {
            let dir = fake_proc(
                &format!("case{i}"),
                &[("status", status), ("syscall", &syscall)],
            );
            assert_eq!(check_in(&dir), expected, "case {i}: {syscall}");
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}
