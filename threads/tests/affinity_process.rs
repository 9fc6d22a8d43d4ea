//! `threads::affinity::pin_process` reaches threads that already run, and
//! gives them their masks back. Alone in its test binary, because it pins
//! every thread of the process (the test harness's too).

#![cfg(target_os = "linux")]

use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use threads::affinity::{allowed_cpus, pin_process};

#[test]
fn pin_process_pins_running_threads_and_restores_them() {
    let before = allowed_cpus().unwrap();
    let cpu = before[0];
    let (ask, question) = mpsc::channel::<()>();
    let (tell, answer) = mpsc::channel();
    let helper = thread::spawn(move || {
        for () in question {
            tell.send(allowed_cpus().unwrap()).unwrap();
        }
    });
    let helper_mask = || {
        ask.send(()).unwrap();
        answer.recv_timeout(Duration::from_secs(30)).unwrap()
    };
    assert_eq!(helper_mask(), before);

    let pinned = pin_process(&[cpu]).unwrap();
    assert_eq!(allowed_cpus().unwrap(), vec![cpu]);
    assert_eq!(helper_mask(), vec![cpu]);
    drop(pinned);
    assert_eq!(allowed_cpus().unwrap(), before);
    assert_eq!(helper_mask(), before);

    drop(ask);
    helper.join().unwrap();
    assert!(pin_process(&[]).is_err());
}
