//! `threads::affinity`: pinning takes effect and the previous mask comes back,
//! on drop, on `restore`, and when the pinned code panics. Each test pins only
//! its own thread, so the tests can run side by side. Linux and Windows pin;
//! macOS cannot, and says so.

#![cfg(any(target_os = "linux", windows))]

use std::panic;
use std::thread;

use threads::affinity::{MASK_CPUS, allowed_cpus, pin_thread};

#[test]
fn pinning_holds_until_the_guard_drops() {
    let before = allowed_cpus().unwrap();
    let cpu = *before.last().unwrap();
    {
        let pinned = pin_thread(&[cpu]).unwrap();
        assert_eq!(allowed_cpus().unwrap(), vec![cpu]);
        assert_eq!(pinned.previous_cpus(), before);
        // The kernel moves the thread before sched_setaffinity returns.
        #[cfg(target_os = "linux")]
        assert_eq!(nix::sched::sched_getcpu().unwrap(), cpu);
    }
    assert_eq!(allowed_cpus().unwrap(), before);
}

#[test]
fn restore_reports_and_restores() {
    let before = allowed_cpus().unwrap();
    let pinned = pin_thread(&before[..1]).unwrap();
    assert_eq!(allowed_cpus().unwrap(), &before[..1]);
    pinned.restore().unwrap();
    assert_eq!(allowed_cpus().unwrap(), before);
}

#[test]
fn a_panic_restores_the_mask() {
    let before = allowed_cpus().unwrap();
    let cpu = before[0];
    let outcome = panic::catch_unwind(|| {
        let _pinned = pin_thread(&[cpu]).unwrap();
        assert_eq!(allowed_cpus().unwrap(), vec![cpu]);
        panic!("while pinned");
    });
    assert!(outcome.is_err());
    assert_eq!(allowed_cpus().unwrap(), before);
}

#[test]
fn new_threads_inherit_the_pinned_mask() {
    let before = allowed_cpus().unwrap();
    let cpu = before[0];
    let _pinned = pin_thread(&[cpu]).unwrap();
    let childs = thread::spawn(|| allowed_cpus().unwrap()).join().unwrap();
    assert_eq!(childs, vec![cpu]);
}

#[test]
fn other_threads_are_not_pinned() {
    let before = allowed_cpus().unwrap();
    // A thread started before the pinning keeps its own mask.
    let (ask, question) = std::sync::mpsc::channel::<()>();
    let (tell, answer) = std::sync::mpsc::channel();
    let helper = thread::spawn(move || {
        question.recv().unwrap();
        tell.send(allowed_cpus().unwrap()).unwrap();
    });
    let _pinned = pin_thread(&before[..1]).unwrap();
    ask.send(()).unwrap();
    assert_eq!(answer.recv().unwrap(), before);
    helper.join().unwrap();
}

#[test]
fn unavailable_cpus_are_errors_and_change_nothing() {
    let before = allowed_cpus().unwrap();
    let offline = MASK_CPUS - 1; // CPU 1023 (63 on Windows): not on this machine
    let err = pin_thread(&[offline]).unwrap_err();
    let named = format!("none of CPUs [{offline}]");
    assert!(err.to_string().contains(&named), "{err}");
    assert!(pin_thread(&[]).is_err());
    assert!(pin_thread(&[usize::MAX]).is_err());
    assert_eq!(allowed_cpus().unwrap(), before);
}
