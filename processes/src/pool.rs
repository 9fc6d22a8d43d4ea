//! `concurrent.futures.ProcessPoolExecutor` on `fork`: [`ProcessPool`].
//!
//! ```
//! use processes::ProcessPool;
//! fn square(x: u64) -> u64 { x * x }
//! let pool = ProcessPool::new(2).unwrap();
//! assert_eq!(pool.map(square, 0..5).unwrap(), vec![0, 1, 4, 9, 16]);
//! pool.shutdown().unwrap();
//! ```
//!
//! How it works, in one paragraph: [`ProcessPool::new`] forks the workers
//! (Python's `fork` start method), each with two pipes: jobs in, replies out.
//! A job is the address of the function (valid in the child, which is a copy
//! of this very process image) and its argument as `postcard` bytes. In the
//! parent, one manager thread per worker takes jobs from a shared queue,
//! writes each to its worker and reads the reply. End-of-file on a reply pipe
//! means the worker died: its job and every later one get
//! [`PoolError::BrokenPool`], as Python's `BrokenProcessPool`. Shutdown closes
//! the job pipes; each worker sees end-of-file, `_exit`s, and is reaped with
//! `waitpid`.

use std::fmt;
use std::fs::File;
use std::io;
use std::marker::PhantomData;
use std::os::fd::{AsFd, AsRawFd, OwnedFd};
use std::panic::{self, AssertUnwindSafe};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;

use nix::errno::Errno;
use nix::fcntl::OFlag;
use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
use nix::sys::signal::{Signal, kill};
use nix::unistd::{Pid, pipe2};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::fork::{self, ChildExit, ForkedChild};
use crate::frame::{read_frame, write_frame};

/// What can go wrong with a pool or one of its jobs.
#[derive(Debug)]
pub enum PoolError {
    /// A pool needs at least one worker.
    InvalidWorkers,
    /// The job's function panicked in its worker; the pool is still usable.
    TaskPanicked {
        /// The panic message.
        message: String,
    },
    /// A worker died abruptly (killed, `_exit`, `std::process::exit`,
    /// `abort`) or deadlocked: its job and every later call fail with this,
    /// like Python's `BrokenProcessPool`.
    BrokenPool {
        /// Which worker died and how.
        reason: String,
    },
    /// The pool stopped before the job got a result.
    Shutdown,
    /// Creating pipes or processes failed.
    Io(io::Error),
    /// An argument or result could not be encoded or decoded with postcard.
    Codec(String),
}

impl fmt::Display for PoolError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PoolError::InvalidWorkers => write!(f, "a process pool needs at least one worker"),
            PoolError::TaskPanicked { message } => write!(f, "the job panicked: {message}"),
            PoolError::BrokenPool { reason } => write!(f, "broken process pool: {reason}"),
            PoolError::Shutdown => write!(f, "the process pool was shut down"),
            PoolError::Io(e) => write!(f, "process pool I/O error: {e}"),
            PoolError::Codec(e) => write!(f, "cannot encode or decode a job's data: {e}"),
        }
    }
}

impl std::error::Error for PoolError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            PoolError::Io(e) => Some(e),
            _ => None,
        }
    }
}

impl From<io::Error> for PoolError {
    fn from(e: io::Error) -> Self {
        PoolError::Io(e)
    }
}

impl From<nix::Error> for PoolError {
    fn from(e: nix::Error) -> Self {
        PoolError::Io(e.into())
    }
}

impl From<postcard::Error> for PoolError {
    fn from(e: postcard::Error) -> Self {
        PoolError::Codec(e.to_string())
    }
}

/// A reply's first byte: how the job ended in the worker.
const REPLY_OK: u8 = 0;
const REPLY_PANICKED: u8 = 1;
const REPLY_CODEC: u8 = 2;

/// Runs a job in the worker: decodes the argument, calls the function,
/// encodes the reply. Monomorphised per `(T, R)` in the parent, called
/// through its address in the child.
type CallErased = fn(usize, &[u8]) -> Vec<u8>;

/// What a manager thread receives: one job.
struct Task {
    call: usize,
    func: usize,
    arg: Vec<u8>,
    reply: Sender<Result<Vec<u8>, PoolError>>,
}

/// A submitted job: Python's `Future`. [`Job::wait`] blocks for the result.
#[derive(Debug)]
#[must_use = "a job's result (or error) is only seen through wait()"]
pub struct Job<R> {
    reply: Receiver<Result<Vec<u8>, PoolError>>,
    _result: PhantomData<fn() -> R>,
}

impl<R: DeserializeOwned> Job<R> {
    /// Blocks until the job's result arrives (Python: `future.result()`).
    ///
    /// # Errors
    /// [`PoolError::TaskPanicked`] with the panic message,
    /// [`PoolError::BrokenPool`] if its worker died, [`PoolError::Codec`] if
    /// the result could not be encoded or decoded.
    pub fn wait(self) -> Result<R, PoolError> {
        match self.reply.recv() {
            Ok(Ok(bytes)) => Ok(postcard::from_bytes(&bytes)?),
            Ok(Err(e)) => Err(e),
            Err(mpsc::RecvError) => Err(PoolError::Shutdown),
        }
    }
}

/// State the manager threads share.
#[derive(Default)]
struct Shared {
    /// Why the pool broke, once a worker died.
    broken: Mutex<Option<String>>,
}

impl Shared {
    fn broken(&self) -> Option<String> {
        self.broken
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    fn set_broken(&self, reason: &str) {
        self.broken
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get_or_insert_with(|| reason.to_owned());
    }
}

/// The parent's side of one worker.
struct Worker {
    pid: Pid,
    /// Jobs go out here; dropping it is the worker's signal to exit.
    jobs: Option<File>,
    replies: File,
}

/// A pool of forked worker processes: Python's `ProcessPoolExecutor`.
///
/// Job functions run in a forked child: they compute and return; they do not
/// print, read the environment or call `std::process::exit` (use
/// `nix::libc::_exit` to end a worker on purpose). Breaking these rules can
/// deadlock the worker on a lock copied in the locked state; the pool notices
/// within about a second and reports [`PoolError::BrokenPool`]. The crate
/// docs explain why.
///
/// Dropping the pool is [`ProcessPool::shutdown`] without the result: queued
/// jobs finish, then every worker is reaped. Like Python's executor, a job
/// that never returns keeps the pool (and so its drop) waiting.
pub struct ProcessPool {
    jobs: Option<Sender<Task>>,
    shared: Arc<Shared>,
    pids: Vec<u32>,
    managers: Vec<JoinHandle<Option<ChildExit>>>,
}

impl fmt::Debug for ProcessPool {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ProcessPool")
            .field("worker_pids", &self.pids)
            .field("broken", &self.shared.broken())
            .finish()
    }
}

impl ProcessPool {
    /// Forks `workers` worker processes.
    ///
    /// ```
    /// use processes::{PoolError, ProcessPool};
    /// assert!(matches!(ProcessPool::new(0), Err(PoolError::InvalidWorkers)));
    /// let pool = ProcessPool::new(3).unwrap();
    /// assert_eq!(pool.workers(), 3);
    /// ```
    ///
    /// # Errors
    /// [`PoolError::InvalidWorkers`] for 0, [`PoolError::Io`] if a pipe or a
    /// process cannot be created (the workers forked so far are reaped).
    pub fn new(workers: usize) -> Result<ProcessPool, PoolError> {
        if workers == 0 {
            return Err(PoolError::InvalidWorkers);
        }
        // Fork every worker before starting any manager thread.
        let mut forked: Vec<Worker> = Vec::with_capacity(workers);
        for _ in 0..workers {
            match spawn_worker() {
                Ok(worker) => forked.push(worker),
                Err(e) => {
                    for mut worker in forked {
                        stop_worker(&mut worker);
                    }
                    return Err(e.into());
                }
            }
        }

        let (jobs, queue) = mpsc::channel::<Task>();
        let queue = Arc::new(Mutex::new(queue));
        let shared = Arc::new(Shared::default());
        let pids = forked
            .iter()
            .map(|w| w.pid.as_raw().unsigned_abs())
            .collect();
        let mut managers = Vec::with_capacity(workers);
        let mut forked = forked.into_iter();
        while let Some(worker) = forked.next() {
            let pid = worker.pid;
            let (queue, shared) = (Arc::clone(&queue), Arc::clone(&shared));
            let spawned = std::thread::Builder::new()
                .name(format!("pool-manager-{pid}"))
                .spawn(move || manage(worker, &queue, &shared));
            match spawned {
                Ok(manager) => managers.push(manager),
                Err(e) => {
                    // The failed closure was dropped with the worker's job
                    // pipe, so that worker is exiting; the others are stopped
                    // by their managers (queue closed) or here.
                    let _ = fork::wait_for(pid);
                    forked.for_each(|mut w| {
                        let _ = stop_worker(&mut w);
                    });
                    drop(jobs);
                    managers.into_iter().for_each(|m| drop(m.join()));
                    return Err(e.into());
                }
            }
        }
        Ok(ProcessPool {
            jobs: Some(jobs),
            shared,
            pids,
            managers,
        })
    }

    /// One worker per CPU (`std::thread::available_parallelism`), as Python's
    /// `ProcessPoolExecutor()` with no argument.
    ///
    /// # Errors
    /// As [`ProcessPool::new`].
    pub fn with_default_workers() -> Result<ProcessPool, PoolError> {
        let cpus = std::thread::available_parallelism().map_or(1, usize::from);
        ProcessPool::new(cpus)
    }

    /// How many workers the pool forked.
    pub fn workers(&self) -> usize {
        self.pids.len()
    }

    /// The process ids of the workers, in the order they were forked.
    ///
    /// ```
    /// let pool = processes::ProcessPool::new(2).unwrap();
    /// let pids = pool.worker_pids();
    /// assert_eq!(pids.len(), 2);
    /// assert!(!pids.contains(&std::process::id()));
    /// ```
    pub fn worker_pids(&self) -> Vec<u32> {
        self.pids.clone()
    }

    /// Queues `f(arg)` to run in a worker (Python: `executor.submit(f, arg)`).
    /// A non-capturing closure coerces to the `fn` pointer.
    ///
    /// ```
    /// let pool = processes::ProcessPool::new(1).unwrap();
    /// let job = pool.submit(|name: String| format!("hello, {name}"), "pool".to_string()).unwrap();
    /// assert_eq!(job.wait().unwrap(), "hello, pool");
    /// ```
    ///
    /// # Errors
    /// [`PoolError::BrokenPool`] once a worker has died; [`PoolError::Codec`]
    /// if `arg` cannot be encoded.
    pub fn submit<T, R>(&self, f: fn(T) -> R, arg: T) -> Result<Job<R>, PoolError>
    where
        T: Serialize + DeserializeOwned + Send + 'static,
        R: Serialize + DeserializeOwned + Send + 'static,
    {
        if let Some(reason) = self.shared.broken() {
            return Err(PoolError::BrokenPool { reason });
        }
        let (reply, result) = mpsc::channel();
        let task = Task {
            call: call_erased::<T, R> as CallErased as usize,
            func: f as usize,
            arg: postcard::to_allocvec(&arg)?,
            reply,
        };
        let jobs = self.jobs.as_ref().ok_or(PoolError::Shutdown)?;
        jobs.send(task).map_err(|_| PoolError::Shutdown)?;
        Ok(Job {
            reply: result,
            _result: PhantomData,
        })
    }

    /// `f` over every item, results in input order (Python:
    /// `list(executor.map(f, items))`). All items are queued first, so the
    /// workers run them in parallel.
    ///
    /// ```
    /// let pool = processes::ProcessPool::new(2).unwrap();
    /// let lengths = pool.map(|s: String| s.len(), ["a", "bcd", ""].map(String::from)).unwrap();
    /// assert_eq!(lengths, vec![1, 3, 0]);
    /// ```
    ///
    /// # Errors
    /// The first failed item's error, in input order (the other jobs still
    /// run; their results are dropped).
    pub fn map<T, R>(
        &self,
        f: fn(T) -> R,
        items: impl IntoIterator<Item = T>,
    ) -> Result<Vec<R>, PoolError>
    where
        T: Serialize + DeserializeOwned + Send + 'static,
        R: Serialize + DeserializeOwned + Send + 'static,
    {
        let jobs = items
            .into_iter()
            .map(|item| self.submit(f, item))
            .collect::<Result<Vec<_>, _>>()?;
        jobs.into_iter().map(Job::wait).collect()
    }

    /// Finishes the queued jobs, then ends and reaps every worker (Python:
    /// `executor.shutdown(wait=True)`). No zombie and no orphan is left.
    ///
    /// # Errors
    /// [`PoolError::BrokenPool`] if a worker died or did not exit cleanly
    /// (the others are still reaped).
    pub fn shutdown(mut self) -> Result<(), PoolError> {
        self.close()
    }

    fn close(&mut self) -> Result<(), PoolError> {
        // Closing the queue ends each manager's loop once it is empty.
        drop(self.jobs.take());
        let mut unclean = Vec::new();
        for (manager, pid) in self.managers.drain(..).zip(&self.pids) {
            match manager.join() {
                Ok(Some(exit)) if exit.success() => {}
                Ok(Some(exit)) => unclean.push(format!("worker {pid} {exit}")),
                Ok(None) => {} // reaped earlier, when it died; reported as broken
                Err(_) => unclean.push(format!("the manager of worker {pid} panicked")),
            }
        }
        if let Some(reason) = self.shared.broken() {
            return Err(PoolError::BrokenPool { reason });
        }
        match unclean.is_empty() {
            true => Ok(()),
            false => Err(PoolError::BrokenPool {
                reason: unclean.join("; "),
            }),
        }
    }
}

impl Drop for ProcessPool {
    fn drop(&mut self) {
        let _ = self.close();
    }
}

/// Forks one worker with its two pipes; the parent keeps the other ends.
fn spawn_worker() -> io::Result<Worker> {
    let (job_reader, job_writer) = pipe2(OFlag::O_CLOEXEC)?;
    let (reply_reader, reply_writer) = pipe2(OFlag::O_CLOEXEC)?;
    // SAFETY: the worker loop takes no lock: it closes descriptors, reads and
    // writes its pipes through `File` (plain syscalls), allocates (safe after
    // fork on glibc/musl, see the crate docs) and runs job functions under
    // catch_unwind with the quiet panic hook. It never prints. The job
    // functions are the caller's safe code: one that breaks the documented
    // rules (prints, takes a shared lock) can deadlock its own worker: a job
    // that never ends (documented on `ProcessPool`), in a separate address
    // space, so the parent's memory is never at stake.
    let child: ForkedChild =
        unsafe { fork::fork_child(move || worker_main(job_reader, reply_writer)) }?;
    // The closure (holding the child's pipe ends) was dropped in the parent.
    Ok(Worker {
        pid: Pid::from_raw(child.pid() as i32),
        jobs: Some(File::from(job_writer)),
        replies: File::from(reply_reader),
    })
}

/// The worker process: serve jobs until the job pipe closes.
fn worker_main(jobs: OwnedFd, replies: OwnedFd) -> i32 {
    fork::close_inherited_fds(&[jobs.as_raw_fd(), replies.as_raw_fd()]);
    let mut jobs = File::from(jobs);
    let mut replies = File::from(replies);
    loop {
        let frame = match read_frame(&mut jobs) {
            Ok(Some(frame)) => frame,
            Ok(None) => return 0, // the pool is shutting down
            Err(_) => return 2,
        };
        let word = std::mem::size_of::<usize>();
        if frame.len() < 2 * word {
            return 3;
        }
        let call = usize::from_ne_bytes(frame[..word].try_into().expect("one word"));
        let func = usize::from_ne_bytes(frame[word..2 * word].try_into().expect("one word"));
        // SAFETY: `call` is the address of a `call_erased::<T, R>` taken in
        // the parent, and this process is a fork of the parent: the same
        // executable is mapped at the same addresses, so it is that function.
        let call = unsafe { std::mem::transmute::<usize, CallErased>(call) };
        let reply = call(func, &frame[2 * word..]);
        if write_frame(&mut replies, &reply).is_err() {
            return 0; // the parent has gone; nobody wants the reply
        }
    }
}

/// Decodes the argument, runs `func` (a `fn(T) -> R`) under `catch_unwind`,
/// and encodes the reply: [`REPLY_OK`] + result, or a tag + message.
fn call_erased<T, R>(func: usize, arg: &[u8]) -> Vec<u8>
where
    T: DeserializeOwned,
    R: Serialize,
{
    let tagged = |tag: u8, body: &[u8]| {
        let mut reply = Vec::with_capacity(1 + body.len());
        reply.push(tag);
        reply.extend_from_slice(body);
        reply
    };
    // SAFETY: `func` is the address of the `fn(T) -> R` that `submit` got,
    // sent together with this very instantiation of `call_erased`, in a fork
    // of the process that took it (same code at the same address).
    let func = unsafe { std::mem::transmute::<usize, fn(T) -> R>(func) };
    let arg: T = match postcard::from_bytes(arg) {
        Ok(arg) => arg,
        Err(e) => return tagged(REPLY_CODEC, e.to_string().as_bytes()),
    };
    match panic::catch_unwind(AssertUnwindSafe(|| func(arg))) {
        Ok(result) => match postcard::to_allocvec(&result) {
            Ok(bytes) => tagged(REPLY_OK, &bytes),
            Err(e) => tagged(REPLY_CODEC, e.to_string().as_bytes()),
        },
        Err(payload) => {
            let message = fork::panic_message(&*payload);
            std::mem::forget(payload); // dropping it could panic again
            tagged(REPLY_PANICKED, message.as_bytes())
        }
    }
}

/// A manager thread: feeds its worker one job at a time and relays replies.
/// Returns how the worker ended, or `None` if it was reaped when it died.
fn manage(mut worker: Worker, queue: &Mutex<Receiver<Task>>, shared: &Shared) -> Option<ChildExit> {
    let mut alive = true;
    loop {
        let task = queue.lock().unwrap_or_else(PoisonError::into_inner).recv();
        let Ok(task) = task else { break }; // queue closed: shutdown
        if let Some(reason) = shared.broken() {
            let _ = task.reply.send(Err(PoolError::BrokenPool { reason }));
            continue;
        }
        match round_trip(&mut worker, &task) {
            Ok(reply) => {
                let _ = task.reply.send(decode_reply(reply));
            }
            Err(error) => {
                // EOF or EPIPE: the worker is gone (or no longer talks),
                // during this job or, unnoticed, while it was idle; or it is
                // deadlocked and never will talk again.
                // SIGKILL makes sure before waiting, so the wait cannot hang;
                // it is not yet reaped, so the pid cannot belong to anyone else.
                let _ = kill(worker.pid, Signal::SIGKILL);
                let exit = fork::wait_for(worker.pid);
                alive = false;
                let reason = match exit {
                    _ if error.kind() == io::ErrorKind::Deadlock => {
                        format!("worker {} {error}", worker.pid)
                    }
                    Ok(exit) => format!("worker {} {exit}", worker.pid),
                    Err(e) => format!("worker {} lost: {e}", worker.pid),
                };
                shared.set_broken(&reason);
                let _ = task.reply.send(Err(PoolError::BrokenPool { reason }));
            }
        }
        if alive && shared.broken().is_some() {
            // Python stops the whole pool once it is broken; so do we.
            alive = false;
            stop_worker(&mut worker);
        }
    }
    alive.then(|| stop_worker(&mut worker)).flatten()
}

/// Sends one job and reads its reply.
fn round_trip(worker: &mut Worker, task: &Task) -> io::Result<Vec<u8>> {
    let jobs = worker.jobs.as_mut().ok_or(io::ErrorKind::BrokenPipe)?;
    let word = std::mem::size_of::<usize>();
    let mut frame = Vec::with_capacity(2 * word + task.arg.len());
    frame.extend_from_slice(&task.call.to_ne_bytes());
    frame.extend_from_slice(&task.func.to_ne_bytes());
    frame.extend_from_slice(&task.arg);
    write_frame(jobs, &frame)?;
    await_reply(worker)?;
    read_frame(&mut worker.replies)?.ok_or_else(|| io::ErrorKind::UnexpectedEof.into())
}

/// How often a manager waiting for a reply checks that its worker can still
/// give one.
const DEADLOCK_CHECK_MS: u16 = 1000;

/// Waits until the worker's reply pipe has something to read (a reply, or
/// end-of-file if it died). Once a second it looks whether the worker is
/// stuck for good ([`deadlocked`]); then the wait ends with an error of kind
/// `Deadlock`, and the worker is killed like one that died.
fn await_reply(worker: &Worker) -> io::Result<()> {
    loop {
        let mut fds = [PollFd::new(worker.replies.as_fd(), PollFlags::POLLIN)];
        match poll(&mut fds, PollTimeout::from(DEADLOCK_CHECK_MS)) {
            Ok(0) if deadlocked(worker.pid) => {
                return Err(io::Error::new(
                    io::ErrorKind::Deadlock,
                    "deadlocked: its only thread waits on a lock nobody can release \
                     (did the job call std::process::exit? use nix::libc::_exit)",
                ));
            }
            Ok(0) | Err(Errno::EINTR) => continue,
            Ok(_) => return Ok(()),
            Err(e) => return Err(e.into()),
        }
    }
}

/// Whether the child `pid` (not yet reaped) is stuck for good (Linux, from
/// `/proc`): it has a single thread, and that thread sleeps in a *private*
/// futex wait with no timeout, the way a `Mutex::lock` sleeps. A private
/// futex is woken only by another thread of the same process, and there is
/// none, so that wait never ends. A worker gets there when a job takes a lock
/// that some parent thread held at the moment of the fork: the child's copy
/// stays locked forever (`std::process::exit` does this; see the crate docs).
/// A slow job, a job blocked in IO or a job with threads of its own is never
/// taken for deadlocked; if `/proc` cannot be read, nothing is.
fn deadlocked(pid: Pid) -> bool {
    let read = |file: &str| std::fs::read_to_string(format!("/proc/{pid}/{file}"));
    let single_threaded = read("status").is_ok_and(|status| {
        status
            .lines()
            .any(|line| line.split_whitespace().eq(["Threads:", "1"]))
    });
    // `syscall` holds the number and arguments of the call the thread is
    // blocked in: "202 uaddr op val timeout ..." for futex (202 on x86_64).
    let in_endless_private_wait = read("syscall").is_ok_and(|syscall| {
        let fields: Vec<&str> = syscall.split_whitespace().collect();
        let hex = |i: usize| {
            fields
                .get(i)
                .and_then(|f| u64::from_str_radix(f.trim_start_matches("0x"), 16).ok())
        };
        const FUTEX_PRIVATE_FLAG: u64 = 128;
        const FUTEX_WAIT: u64 = 0;
        const FUTEX_WAIT_BITSET: u64 = 9;
        let is_futex =
            fields.first().and_then(|n| n.parse::<i64>().ok()) == Some(nix::libc::SYS_futex);
        match (hex(2), hex(4)) {
            (Some(op), Some(timeout)) => {
                is_futex
                    && op & FUTEX_PRIVATE_FLAG != 0
                    && matches!(op & 0x7f, FUTEX_WAIT | FUTEX_WAIT_BITSET)
                    && timeout == 0
            }
            _ => false,
        }
    });
    single_threaded && in_endless_private_wait
}

fn decode_reply(reply: Vec<u8>) -> Result<Vec<u8>, PoolError> {
    let text = |body: &[u8]| String::from_utf8_lossy(body).into_owned();
    match reply.split_first() {
        Some((&REPLY_OK, _)) => Ok(reply[1..].to_vec()),
        Some((&REPLY_PANICKED, body)) => Err(PoolError::TaskPanicked {
            message: text(body),
        }),
        Some((&REPLY_CODEC, body)) => Err(PoolError::Codec(text(body))),
        _ => Err(PoolError::Codec(String::from(
            "malformed reply from a worker",
        ))),
    }
}

/// Closes the worker's job pipe (it exits on end-of-file) and reaps it.
fn stop_worker(worker: &mut Worker) -> Option<ChildExit> {
    drop(worker.jobs.take());
    fork::wait_for(worker.pid).ok()
}
