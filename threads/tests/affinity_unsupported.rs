//! macOS cannot pin a thread: `threads::affinity` says so, and lists every
//! CPU as allowed, since every thread may run on every CPU.
#![cfg(not(any(target_os = "linux", windows)))]

use std::io::ErrorKind;

use threads::affinity::{allowed_cpus, pin_process, pin_thread};

#[test]
fn pinning_is_unsupported_and_says_so() {
    let cpus = allowed_cpus().unwrap();
    assert_eq!(
        cpus.len(),
        std::thread::available_parallelism().unwrap().get()
    );
    let err = pin_thread(&cpus[..1]).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Unsupported);
    assert!(err.to_string().contains("cannot pin"), "{err}");
    assert_eq!(
        pin_process(&cpus[..1]).unwrap_err().kind(),
        ErrorKind::Unsupported
    );
}
