//! macOS (and any other OS without thread affinity masks): every thread may
//! run on every CPU, and nothing can pin it.

use std::io;

/// No thread is ever pinned, so there is nothing to name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tid;

/// Any CPU number below the machine's count is a valid question.
pub const MASK_CPUS: usize = 1024;

pub fn this_thread() -> Tid {
    Tid
}

pub fn mask_of(_: Tid) -> io::Result<Vec<usize>> {
    let cpus = std::thread::available_parallelism()?.get();
    Ok((0..cpus).collect())
}

fn unsupported() -> io::Error {
    io::Error::new(
        io::ErrorKind::Unsupported,
        format!(
            "{} cannot pin a thread to a CPU: it has no such call (Linux and Windows do)",
            common::report::os_name()
        ),
    )
}

pub fn set_mask(_: Tid, _cpus: &[usize]) -> io::Result<()> {
    Err(unsupported())
}

pub fn threads_of_this_process() -> io::Result<Vec<Tid>> {
    Err(unsupported())
}
