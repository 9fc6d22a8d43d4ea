//! What an IO error says about the OS: that it ran out of something, or
//! that a listening socket itself is broken.
//!
//! A lesson that opens a thousand sockets or threads meets the OS's limits:
//! file descriptors (`ulimit -n`), threads (`ulimit -u`), memory, local
//! ports. Such a refusal is a limit of the machine, not a bug of the lesson:
//! the examples end with one line saying so (`common::report::refused`).
//! The codes differ per OS (errno on Unix, Winsock's codes on Windows), so
//! they live here, and the lessons call one function.
//!
//! ```
//! use std::io;
//! use async_basics::os_errors::is_shortage;
//! assert!(!is_shortage(&io::Error::new(io::ErrorKind::TimedOut, "slow")));
//! ```

use std::io;

/// Whether `error` says the OS ran out of something: file descriptors
/// (EMFILE, ENFILE), memory or buffers (ENOMEM, ENOBUFS), local ports
/// (EADDRNOTAVAIL), or threads (EAGAIN from `pthread_create`). A higher
/// limit or a smaller run mends it.
pub fn is_shortage(error: &io::Error) -> bool {
    error
        .raw_os_error()
        .is_some_and(|code| codes::SHORTAGE.contains(&code))
}

/// Whether a failed `accept()` is about the listening socket itself (a bad
/// descriptor, not a socket, not listening), which no pause will mend. An
/// error with no OS code comes from tokio's machinery, not from `accept()`,
/// and counts too.
pub fn is_about_the_listener(error: &io::Error) -> bool {
    error
        .raw_os_error()
        .is_none_or(|code| codes::BROKEN_LISTENER.contains(&code))
}

#[cfg(unix)]
mod codes {
    use nix::errno::Errno;

    pub const SHORTAGE: [i32; 6] = [
        Errno::EMFILE as i32,
        Errno::ENFILE as i32,
        Errno::ENOMEM as i32,
        Errno::ENOBUFS as i32,
        Errno::EADDRNOTAVAIL as i32,
        Errno::EAGAIN as i32,
    ];
    pub const BROKEN_LISTENER: [i32; 4] = [
        Errno::EBADF as i32,
        Errno::ENOTSOCK as i32,
        Errno::EINVAL as i32,
        Errno::EFAULT as i32,
    ];
}

/// Winsock's codes (winerror.h: `WSAE...` is 10000 plus the BSD errno) and
/// the two Win32 out-of-memory codes that a failed thread start gives.
#[cfg(windows)]
mod codes {
    pub const SHORTAGE: [i32; 5] = [
        10024, // WSAEMFILE
        10055, // WSAENOBUFS
        10049, // WSAEADDRNOTAVAIL
        8,     // ERROR_NOT_ENOUGH_MEMORY
        14,    // ERROR_OUTOFMEMORY
    ];
    pub const BROKEN_LISTENER: [i32; 4] = [
        10009, // WSAEBADF
        10038, // WSAENOTSOCK
        10022, // WSAEINVAL
        10014, // WSAEFAULT
    ];
}

/// Elsewhere no code is known: nothing counts as a shortage, and an error
/// from `accept()` ends the server.
#[cfg(not(any(unix, windows)))]
mod codes {
    pub const SHORTAGE: [i32; 0] = [];
    pub const BROKEN_LISTENER: [i32; 0] = [];
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use nix::errno::Errno;

    fn os(errno: Errno) -> io::Error {
        io::Error::from_raw_os_error(errno as i32)
    }

    #[test]
    fn running_out_is_a_shortage_and_nothing_else_is() {
        for short in [Errno::EMFILE, Errno::ENFILE, Errno::ENOMEM, Errno::EAGAIN] {
            assert!(is_shortage(&os(short)), "{short}");
        }
        for other in [Errno::ECONNRESET, Errno::ETIMEDOUT, Errno::EBADF] {
            assert!(!is_shortage(&os(other)), "{other}");
        }
        assert!(!is_shortage(&io::Error::other("no OS code")));
    }

    #[test]
    fn only_errors_about_the_listener_itself_are_fatal() {
        for passing in [
            Errno::EMFILE,
            Errno::ENFILE,
            Errno::ENOBUFS,
            Errno::ENOMEM,
            Errno::ECONNABORTED,
            Errno::ECONNRESET,
            Errno::EPROTO,
            Errno::EPERM,
            Errno::EINTR,
        ] {
            assert!(!is_about_the_listener(&os(passing)), "{passing} is retried");
        }
        for fatal in [Errno::EBADF, Errno::ENOTSOCK, Errno::EINVAL] {
            assert!(is_about_the_listener(&os(fatal)), "{fatal} ends the server");
        }
        assert!(is_about_the_listener(&io::Error::other(
            "not from accept()"
        )));
    }
}
