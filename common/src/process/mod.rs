//! Child processes that end on time and with us: the one way the course's
//! tooling runs a command (the tests, the tour, `--compare`, the exercise
//! checker).
//!
//! - A child starts in a process group of its own (Unix) or a job object
//!   (Windows), through [`process_wrap`], with no input. Killing it kills
//!   everything it started.
//! - Its time limit holds for that whole tree: past it, the tree is killed.
//!   When the child itself ends, what it left running is killed too, so its
//!   pipes close and reading them never waits on a grandchild.
//! - Its output is read on threads of its own ([`Output::Capture`], also line
//!   by line as it comes: [`Child::stdout_lines`]), or shared with ours
//!   ([`Output::Inherit`]).
//! - If we are stopped meanwhile (Ctrl-C, `SIGTERM`, `SIGHUP`), every live
//!   child's tree is killed first, then we exit with 130 (a [`ctrlc`] handler,
//!   set at the first spawn unless the program has its own). If we are killed
//!   outright (`SIGKILL`), Linux kills each child too (`PR_SET_PDEATHSIG`), and
//!   their children go only if they asked the same (the course's process pool
//!   does). macOS has no parent-death signal: there a killed parent leaves its
//!   children running. On Windows, Ctrl-C reaches the children itself, and a
//!   parent killed from the Task Manager leaves them running.
//!
//! ```
//! use std::process::Command;
//! use std::time::Duration;
//! use common::process::{Ending, run};
//! let mut echo = Command::new("echo");
//! echo.arg("out");
//! let echoed = run(echo, Duration::from_secs(60)).unwrap();
//! assert_eq!((echoed.ending, echoed.stdout.as_str()), (Ending::Exited(0), "out\n"));
//! let mut sleeper = Command::new("sleep");
//! sleeper.arg("30");
//! let limit = Duration::from_millis(200);
//! assert_eq!(run(sleeper, limit).unwrap().ending, Ending::TimedOut(limit));
//! ```

use std::fmt;
use std::io::{self, BufRead, BufReader, Read};
use std::process::{Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

mod registry;
mod tree;

pub use registry::stop_all;

/// Where a child's stdout and stderr go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    /// Into [`Finished::stdout`] and [`Finished::stderr`].
    Capture,
    /// To our own stdout and stderr, as it comes (the tour's topics).
    Inherit,
}

/// How a child ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// It exited by itself, with this code.
    Exited(i32),
    /// A signal ended it (Unix): its number.
    Signalled(i32),
    /// It outlived this limit, and was killed with everything it started.
    TimedOut(Duration),
}

impl fmt::Display for Ending {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Ending::Exited(code) => write!(f, "exited with code {code}"),
            Ending::Signalled(signal) => write!(f, "killed by signal {signal}"),
            Ending::TimedOut(limit) => write!(
                f,
                "stopped after {}, with everything it started",
                crate::timing::format_duration(limit)
            ),
        }
    }
}

/// A finished child: how it ended, what it printed, how long it ran.
#[derive(Debug)]
pub struct Finished {
    /// How it ended.
    pub ending: Ending,
    /// Its exit status as the OS reported it (after a time-out: killed).
    pub status: ExitStatus,
    /// Its standard output ([`Output::Capture`]; lines already taken by
    /// [`Child::stdout_lines`] included).
    pub stdout: String,
    /// Its standard error ([`Output::Capture`]).
    pub stderr: String,
    /// From its start to its end.
    pub elapsed: Duration,
}

impl Finished {
    /// Whether it exited by itself with code 0.
    pub fn success(&self) -> bool {
        self.ending == Ending::Exited(0)
    }
}

/// Runs `command` to its end or to `limit`, capturing its output.
///
/// # Errors
/// If it cannot be started.
pub fn run(command: Command, limit: Duration) -> io::Result<Finished> {
    spawn(command, limit, Output::Capture)?.wait()
}

/// Starts `command` with no input, in a process tree of its own, with a time
/// limit counted from now (`Duration::MAX`: none).
///
/// On Linux the child is killed when the *thread* that started it ends (that
/// is how `PR_SET_PDEATHSIG` counts a parent): wait for it on that thread.
///
/// # Errors
/// If it cannot be started.
pub fn spawn(mut command: Command, limit: Duration, output: Output) -> io::Result<Child> {
    let piped = || match output {
        Output::Capture => Stdio::piped(),
        Output::Inherit => Stdio::inherit(),
    };
    command.stdin(Stdio::null()).stdout(piped()).stderr(piped());
    registry::handle_signals();
    let started = Instant::now();
    let mut tree = tree::Tree::spawn(command)?;
    let stdout = tree.stdout().map(drain);
    let stderr = tree.stderr().map(drain);
    let registered = registry::add(tree.killer());
    Ok(Child {
        tree,
        registered,
        started,
        deadline: started.checked_add(limit),
        stdout: Stream::new(stdout),
        stderr: Stream::new(stderr),
        finished: false,
    })
}

/// A running child (see [`spawn`]). Dropped before [`Child::wait`], it is
/// killed with its tree.
pub struct Child {
    tree: tree::Tree,
    registered: u64,
    started: Instant,
    deadline: Option<Instant>,
    stdout: Stream,
    stderr: Stream,
    finished: bool,
}

impl Child {
    /// Its process id.
    pub fn id(&self) -> u32 {
        self.tree.id()
    }

    /// Its stdout line by line (each with its `\n`), as they come, until it
    /// closes or the time limit passes ([`Output::Capture`]; nothing otherwise).
    pub fn stdout_lines(&mut self) -> impl Iterator<Item = String> + '_ {
        let deadline = self.deadline;
        std::iter::from_fn(move || self.stdout.next(deadline))
    }

    /// Waits for it to end, or kills its tree at the time limit; then kills
    /// whatever it left running, and collects its output. Once [`stop_all`]
    /// has run, never returns: the program is exiting.
    ///
    /// # Errors
    /// If waiting fails (it was reaped elsewhere).
    pub fn wait(mut self) -> io::Result<Finished> {
        let (status, timed_out, ended) = self.tree.wait(self.deadline)?;
        if registry::stopping() {
            // We killed it because the program is stopping: the thread that
            // called `stop_all` exits with its own code (130 on a signal).
            // Going on here could exit first, with a code of "topic failed".
            loop {
                std::thread::park();
            }
        }
        let elapsed = ended - self.started;
        self.finished = true;
        registry::remove(self.registered);
        let limit = self.deadline.map(|d| d - self.started);
        let ending = match (timed_out, limit) {
            (true, Some(limit)) => Ending::TimedOut(limit),
            _ => tree::ending(status),
        };
        // Its tree is gone, so the pipes are closing: only a process that
        // left its group can hold them open, and it is not waited for long.
        let grace = Instant::now() + Duration::from_secs(2);
        Ok(Finished {
            ending,
            status,
            stdout: self.stdout.rest(grace),
            stderr: self.stderr.rest(grace),
            elapsed,
        })
    }
}

impl Drop for Child {
    fn drop(&mut self) {
        if !self.finished {
            self.tree.killer().kill();
            let _ = self.tree.wait(None);
            registry::remove(self.registered);
        }
    }
}

/// Reads a pipe to its end on a thread of its own, line by line.
fn drain(pipe: impl Read + Send + 'static) -> Receiver<String> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut pipe = BufReader::new(pipe);
        let mut line = Vec::new();
        while pipe.read_until(b'\n', &mut line).is_ok_and(|n| n > 0) {
            if tx
                .send(String::from_utf8_lossy(&line).into_owned())
                .is_err()
            {
                break;
            }
            line.clear();
        }
    });
    rx
}

/// One captured stream: the lines still to come, and the text so far.
struct Stream {
    lines: Option<Receiver<String>>,
    text: String,
}

impl Stream {
    fn new(lines: Option<Receiver<String>>) -> Stream {
        Stream {
            lines,
            text: String::new(),
        }
    }

    /// The next line, kept in the text too; `None` at the end or at `until`.
    fn next(&mut self, until: Option<Instant>) -> Option<String> {
        let lines = self.lines.as_ref()?;
        let line = match until {
            None => lines.recv().ok()?,
            Some(until) => lines
                .recv_timeout(until.saturating_duration_since(Instant::now()))
                .ok()?,
        };
        self.text.push_str(&line);
        Some(line)
    }

    /// The text, once the pipe closes or `until` passes.
    fn rest(&mut self, until: Instant) -> String {
        while let Some(lines) = &self.lines {
            match lines.recv_timeout(until.saturating_duration_since(Instant::now())) {
                Ok(line) => self.text.push_str(&line),
                Err(RecvTimeoutError::Disconnected) => break,
                Err(RecvTimeoutError::Timeout) => {
                    self.text
                        .push_str("<output not closed: a process that left its group holds it>");
                    break;
                }
            }
        }
        std::mem::take(&mut self.text)
    }
}
