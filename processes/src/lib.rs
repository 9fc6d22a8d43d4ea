//! Notebook section 4, `multiprocessing`: real OS processes from Rust.
//!
//! Python reaches for processes to side-step the GIL. Rust threads (and rayon)
//! already run in parallel, so in Rust a process is worth its cost for
//! *isolation*: a worker that crashes, leaks or calls `abort` cannot take the
//! parent down, and its memory is its own. This crate builds the tools a
//! Python developer knows, on `fork(2)`, pipes and `waitpid(2)`, on Linux and
//! macOS. Windows has no `fork`: there the crate builds, everything that
//! would fork returns an `Unsupported` error, and each example says so in
//! one line ([`lesson::require_fork`]).
//!
//! - [`pool::minimal`]: `ProcessPoolExecutor().map` in about a hundred lines
//!   (fork, pipes, `map`, no failure handling): read it first.
//! - [`ProcessPool`] ([`pool`]): `concurrent.futures.ProcessPoolExecutor`, with
//!   arguments and results crossing the pipes as `serde` + `postcard` bytes;
//!   its guarantees are listed [below](#what-the-pool-guarantees). A real
//!   program would use rayon or `std::process::Command` instead; the
//!   [`ProcessPool`] docs say when and why.
//! - [`fork::fork_child`]: `os.fork()` with the child's exit made safe.
//! - [`pipe::pipe`] and [`pipe::queue`]: `multiprocessing.Pipe` and `Queue`,
//!   framed messages over pipes ([`frame`]).
//! - [`shared::SharedValue`]: `multiprocessing.Value`, a `u64` in `MAP_SHARED`
//!   memory that several processes update.
//! - [`notebook`], [`sum`] and [`round_trip`]: the cells the examples run and
//!   the tour's `--compare` times: the notebook's pool cell, the CPU-bound
//!   sum four ways, one job's round trip.
//!
//! # Fork safety: why the child code looks the way it does
//!
//! `fork` copies the whole address space but only the *calling* thread. Every
//! other thread of the parent simply does not exist in the child, frozen
//! wherever it was, and any lock it held stays locked forever in the child's
//! copy. A test binary under plain `cargo test` is exactly such a process
//! (libtest runs tests on many threads, and its main thread prints results),
//! so a forked child obeys these rules, which [`fork::fork_child`] and the
//! pool's worker loop follow:
//!
//! 1. **It never returns into the parent's code.** The child runs its closure
//!    inside `catch_unwind` and always leaves with `_exit(2)` (`libc::_exit`,
//!    re-exported as [`nix::libc::_exit`]): no unwinding back into `main` or
//!    the test harness, no `atexit` handlers, no destructors of statics, and
//!    no flush of the parent's `stdout` buffer, which would print the
//!    parent's pending output a second time.
//! 2. **It touches no lock another thread may hold.** The child code does not
//!    print (`println!` takes the `stdout` lock; `eprintln!` the `stderr`
//!    one), reads no environment variable (`std::env` takes the environment
//!    lock), and never calls `set_hook`/`take_hook`. It reads and writes its
//!    pipes with plain `read(2)`/`write(2)` through `std::fs::File`, which has
//!    no lock.
//! 3. **Its panics are silent.** The default panic hook prints through the
//!    backtrace lock and reads `RUST_BACKTRACE`; if another thread was
//!    panicking at fork time the child would block forever. So before the
//!    first fork the crate installs, once, a hook that wraps the previous one:
//!    in the parent it calls the previous hook unchanged; in a forked child
//!    (a process-wide flag set right after `fork`, which only the child's
//!    copy of memory sees) it returns at once. The child reads the message
//!    from the panic payload that `catch_unwind` hands back and sends it to
//!    the parent, so nothing is lost. A panic only *read*-locks the hook,
//!    which succeeds even if another thread was panicking at fork time; the
//!    write lock is taken only by `set_hook`, which this crate calls once,
//!    before its first fork. (If other code replaces the hook later, children
//!    use that hook instead; do not do that in a program that forks.)
//! 4. **Allocation is allowed, and this is why.** POSIX only promises
//!    async-signal-safe functions after a multi-threaded fork, and `malloc` is
//!    not one. glibc goes further (recent musl releases, and macOS's
//!    libSystem, do the same): `fork` takes every `malloc` lock before
//!    forking and re-initialises them in the child, precisely so that the
//!    child can allocate. Rust's default allocator is the C `malloc`, so the
//!    child may build `Vec`s and decode `postcard`. A custom
//!    `#[global_allocator]` with locks of its own would break this. glibc
//!    (and macOS's dyld) also reset the dynamic loader's lock in the child,
//!    and unwinding (for `catch_unwind`) finds frame tables with
//!    `_dl_find_object` (glibc >= 2.35 with libgcc >= 12, as on Debian 12),
//!    which takes no lock. Older toolchains use `dl_iterate_phdr`, whose lock
//!    a parent thread that happened to be unwinding at fork time would hold:
//!    a narrow window, and the reason to prefer a current toolchain.
//! 5. **It closes what it does not own.** Pipes are close-on-exec (so
//!    programs started with `Command` never inherit them: `std::io::pipe`
//!    sets it atomically on Linux, right after `pipe(2)` on macOS, where a
//!    program another thread starts in that instant can still inherit one),
//!    and a pool worker (and a [`pipe::fork_with_pipe`] child) closes every
//!    inherited descriptor except its own pipe ends and 0, 1, 2 right after
//!    `fork` (`close_range(2)` on Linux, a loop on macOS). Otherwise a worker of one pool would keep another
//!    pool's pipe open, and that pool would never see the end-of-file that
//!    tells it a worker died or a shutdown finished. (Two such children could
//!    even keep each other's pipes open and wait for each other forever.)
//!    A plain [`fork::fork_child`] child keeps what it inherits (that is how
//!    a pipe end reaches it), so keep such children short-lived.
//!
//! The job functions you hand to a [`ProcessPool`] run in that child, so the
//! same rules bind them while other threads exist in the parent: compute and
//! return a value; do not print, read the environment, or use rayon's global
//! pool (its threads did not survive the fork).
//!
//! **Nor may a job call `std::process::exit`** (Python's `sys.exit`); end a
//! worker on purpose with `nix::libc::_exit(code)` (Python's `os._exit`).
//! `exit` is not a plain "stop now": before the process ends, the standard
//! library cleans up, and in a forked child that clean-up breaks rules 1
//! and 2 above:
//!
//! - it flushes the `stdout` buffer, and the child's buffer is a copy of the
//!   parent's: text the parent had `print!`ed without a newline yet comes out
//!   twice (`print!("a")` before the fork, `exit` in the child: `aa`);
//! - it takes a global lock that other threads take whenever they start or
//!   end (the stack-overflow handler's thread table). If some parent thread
//!   was starting or ending at the moment of the fork, the child's copy of
//!   that lock stays locked, and the worker waits inside `exit` forever. A
//!   stress run of this crate's tests caught exactly that.
//!
//! The pool watches for that second case: while it waits for a reply, it
//! checks once a second (in `/proc`, so on Linux only) whether the worker's
//! only thread sleeps in a lock wait with no timeout. Nothing can ever wake such a thread, so
//! the pool kills the worker and reports [`PoolError::BrokenPool`] ("worker N
//! deadlocked ..."); the test `std_process_exit_in_a_job_breaks_the_pool_and_never_hangs`
//! calls `std::process::exit` in jobs to prove it. The watch reads
//! `/proc/<pid>/syscall`, which the kernel shows only to a process allowed to
//! ptrace the worker; where it cannot (a restricted `/proc` or ptrace, some
//! sandboxes), [`ProcessPool::deadlock_watch`] returns the reason, and such a
//! deadlock waits as long as a job that never ends (on macOS, always). What
//! the pool cannot tell from a slow job is a job that simply runs forever:
//! its [`Future::result`] (and
//! the pool's drop) wait with it, as in Python. Python's `fork` start method
//! has the same lock hazard and no such watch, which is why Python 3.14 no
//! longer uses `fork` by default. Everything else a job can do to its worker
//! (`_exit`, `abort`, a crash, a `SIGKILL` from outside) only breaks the pool
//! ([`PoolError::BrokenPool`]), never the parent; a `panic!` is caught and
//! reported as [`PoolError::JobPanicked`].
//!
//! With these rules the tests fork freely inside the multi-threaded harness
//! of a plain `cargo test`; no process-per-test runner is needed.
//!
//! The pool's own bookkeeping (one manager thread per worker in the parent,
//! each forking its worker, then writing jobs to its pipe and reading the
//! replies) is ordinary multi-threaded Rust.
//!
//! # What the pool guarantees
//!
//! - **Any worker death breaks the pool, at once.** Each manager watches its
//!   worker all the time, busy or idle (one `poll(2)` on the job queue's
//!   doorbell and the worker's reply pipe, whose end-of-file means death). A
//!   worker that dies, even between jobs and with nothing submitted, is
//!   reaped at once (no zombie), [`ProcessPool::broken`] returns the reason,
//!   and every later call fails with [`PoolError::BrokenPool`] naming the
//!   worker and how it ended ("worker 4242 killed by SIGKILL"), as Python's
//!   executor does once a worker's sentinel fires.
//! - **Workers die with their parent.** On Linux, right after the fork each
//!   worker asks for `SIGKILL` when its parent dies (`PR_SET_PDEATHSIG`); the
//!   kernel sends it when the *thread* that forked the worker ends, not the
//!   process, so each worker is forked by its own manager thread, which ends
//!   only after it has reaped its worker. On macOS, which has no such call,
//!   each worker watches a pipe whose other end only the parent holds: the
//!   parent's death closes it, and the worker kills itself. Either way it
//!   then checks `getppid()` in case the parent died first. A parent killed
//!   with `SIGKILL`, which runs no destructor, so leaves no worker running.
//!   (Plain [`fork::fork_child`] children get no such watch: they are yours.)
//! - **Frames are capped** at [`frame::MAX_FRAME`] (16 MiB). A length prefix
//!   over the cap is refused before anything is allocated (`InvalidData`
//!   from [`pipe::Connection::recv`], [`pipe::QueueReceiver::get`]); a
//!   sender gets `InvalidInput`. In the pool, an argument over the cap fails
//!   [`ProcessPool::submit`], and a result over it fails its job, both with
//!   [`PoolError::Codec`] saying so, and the pool stays usable.
//! - **The worker count is checked first**: [`ProcessPool::new`] returns
//!   [`PoolError::InvalidWorkers`] for 0 or more than
//!   [`ProcessPool::max_workers`] ([`pool::MAX_WORKERS`], 256, or the
//!   `RLIMIT_NPROC` soft limit if lower) before it allocates or forks
//!   anything.
//!
//! # Exercises
//!
//! Five pieces of this crate are also its exercises (rows of the workspace's
//! `exercises.toml`, each between `// ANCHOR: solution_<id>` and
//! `// ANCHOR_END: solution_<id>`): [`frame::read_frame`] (`read_frame`),
//! [`shared::SharedValue::fetch_add`] (`shared_fetch_add`, a bug to fix),
//! [`ProcessPool::map`] (`pool_map`), [`pool::minimal::MinimalPool::map`]
//! (`minimal_map`) and the pool manager's wait between jobs, which must watch
//! for the worker's death (`idle_worker_death`, a bug to fix, in
//! `src/pool/manager.rs`). The code here is the solution, which the lessons
//! run; `cargo xtask starter processes <dir>` writes a copy with each of them
//! to do, and `cargo test --test exercises` (`tests/exercises.rs`) checks them.

mod close_inherited;
pub mod fork;
pub mod frame;
pub mod lesson;
pub mod notebook;
pub mod pipe;
pub mod pool;
pub mod round_trip;
pub mod shared;
pub mod sum;

pub use pool::{Future, PoolError, ProcessPool};
