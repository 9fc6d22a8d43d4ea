//! The open-file limit (`ulimit -n`): every socket is a file descriptor, and
//! a process may hold no more than its soft limit. Any process may raise its
//! soft limit up to the hard one, which is what [`make_room`] does.
//!
//! Linux and macOS: `getrlimit`/`setrlimit(RLIMIT_NOFILE)`. Windows has no
//! such limit on a process's sockets: there [`make_room`] finds room for any
//! number.
//!
//! A lesson that opens many sockets at once asks [`how_many_fit`] first, and
//! runs fewer, or stops with one line, when the limit is too low.
//!
//! ```
//! let room = async_basics::open_files::make_room(64).unwrap();
//! assert!(room.allows(64)); // 64 is below every default limit
//! ```

use std::fmt;
use std::io;

/// Descriptors a process needs besides those a lesson opens: the standard
/// streams, the tokio runtime's (three on Linux), a listening socket, and a
/// few a parent may have left open.
pub const RESERVED: u64 = 16;

/// How many of `wanted` concurrent users of `each` descriptors fit in the
/// open-file limit, after raising its soft value as far as the hard one
/// allows (besides [`RESERVED`]). It prints a line when it raised the limit,
/// and when fewer than `wanted` fit, with the `ulimit -n` that would do.
///
/// # Errors
/// [`NoRoom`] when not even one fits.
pub fn how_many_fit(wanted: usize, each: u64) -> Result<usize, NoRoom> {
    let needed = each * wanted as u64 + RESERVED;
    let limit = match make_room(needed) {
        Ok(limit) => limit,
        Err(e) => {
            println!("cannot read or raise the open-file limit ({e}); trying all {wanted}");
            return Ok(wanted);
        }
    };
    let (soft, hard) = (
        limit.soft.unwrap_or(u64::MAX),
        limit.hard.unwrap_or(u64::MAX),
    );
    if let Some(from) = limit.raised_from {
        println!(
            "raised the open-file soft limit from {from} to {soft} (the hard limit is {hard})"
        );
    }
    if limit.allows(needed) {
        return Ok(wanted);
    }
    let fit = soft.saturating_sub(RESERVED) / each;
    if fit == 0 {
        return Err(NoRoom {
            limit: soft,
            needed,
        });
    }
    println!(
        "the open-file limit ({soft}) fits {fit} of {wanted}: running {fit}. \
         For all of them: `ulimit -n {needed}` first (the hard limit is {hard})"
    );
    Ok(fit as usize)
}

/// Room for all `wanted` concurrent users of `each` descriptors (besides
/// [`RESERVED`]), after raising the soft limit as far as the hard one allows.
///
/// # Errors
/// [`NoRoom`] when they do not all fit.
pub fn room_for_all(wanted: usize, each: u64) -> Result<(), NoRoom> {
    let needed = each * wanted as u64 + RESERVED;
    match make_room(needed) {
        Ok(limit) if !limit.allows(needed) => Err(NoRoom {
            limit: limit.soft.unwrap_or(u64::MAX),
            needed,
        }),
        // A limit we cannot read is one we cannot help: try.
        _ => Ok(()),
    }
}

/// [`how_many_fit`] or [`room_for_all`] found no room for even one: the soft limit, and what
/// would be enough.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NoRoom {
    /// The soft limit, as raised as far as it could be.
    pub limit: u64,
    /// The limit that would fit every one.
    pub needed: u64,
}

impl NoRoom {
    /// What to do about it, for `common::report::refused`.
    pub fn hint(&self) -> String {
        format!("raise it with `ulimit -n {}`", self.needed)
    }
}

impl fmt::Display for NoRoom {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the open-file limit is {}, and {RESERVED} are set aside for the runtime, \
             the listener and the standard streams",
            self.limit
        )
    }
}

impl std::error::Error for NoRoom {}

/// The open-file limit after [`make_room`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    /// How many descriptors this process may have open; `None`: no limit.
    pub soft: Option<u64>,
    /// How far the soft limit may be raised; `None`: no limit.
    pub hard: Option<u64>,
    /// The soft limit before [`make_room`] raised it, if it did.
    pub raised_from: Option<u64>,
}

impl Limit {
    /// Whether `descriptors` fit under the soft limit.
    pub fn allows(&self, descriptors: u64) -> bool {
        self.soft.is_none_or(|soft| descriptors <= soft)
    }
}

/// Raises the soft open-file limit to `needed` (at most to the hard limit)
/// if it is lower, and returns the limit as it then is.
///
/// # Errors
/// If the limit cannot be read or raised (it always may be, up to the hard one).
#[cfg(unix)]
pub fn make_room(needed: u64) -> io::Result<Limit> {
    use nix::sys::resource::{RLIM_INFINITY, Resource, getrlimit, setrlimit};

    let finite = |limit| (limit != RLIM_INFINITY).then_some(limit);
    let (soft, hard) = getrlimit(Resource::RLIMIT_NOFILE)?;
    // macOS refuses an infinite soft limit: ask for what is needed.
    let target = finite(hard).map_or(needed, |hard| needed.min(hard));
    if finite(soft).is_none_or(|soft| soft >= needed) || target <= soft {
        let (soft, hard) = (finite(soft), finite(hard));
        return Ok(Limit {
            soft,
            hard,
            raised_from: None,
        });
    }
    setrlimit(Resource::RLIMIT_NOFILE, target, hard)?;
    Ok(Limit {
        soft: Some(target),
        hard: finite(hard),
        raised_from: Some(soft),
    })
}

/// Windows: no per-process limit on sockets to raise.
///
/// # Errors
/// None.
#[cfg(not(unix))]
pub fn make_room(_needed: u64) -> io::Result<Limit> {
    Ok(Limit {
        soft: None,
        hard: None,
        raised_from: None,
    })
}
