//! Pipes, queues and shared memory between forked processes (Linux, macOS).
#![cfg(unix)]

use std::time::Duration;

use common::testing::within;
use processes::fork::{ChildExit, fork_child};
use processes::pipe::{PIPE_BUF, fork_with_pipe, pipe, queue};
use processes::shared::SharedValue;

/// How long any one wait in these tests may take before the test fails.
const LIMIT: Duration = Duration::from_secs(60);

#[test]
fn a_child_echoes_messages_back_through_a_duplex_pipe() {
    // SAFETY: the child uses only its end of the pipes and allocates (fine after fork
    // with glibc's malloc); it does not print or take shared locks.
    let (child, mut parent) = unsafe {
        fork_with_pipe(|mut child_end| {
            while let Ok(Some(text)) = child_end.recv::<String>() {
                if child_end.send(&text.to_uppercase()).is_err() {
                    return 1;
                }
            }
            0
        })
    }
    .unwrap();
    let exit = within(LIMIT, move || {
        for word in ["ping", "", "fork"] {
            parent.send(word).unwrap();
            assert_eq!(parent.recv::<String>().unwrap(), Some(word.to_uppercase()));
        }
        // 2 MiB in one message: many pipe-buffer fills, one frame.
        let big = "x".repeat(2 << 20);
        parent.send(&big).unwrap();
        assert_eq!(
            parent.recv::<String>().unwrap().map(|s| s.len()),
            Some(2 << 20)
        );
        drop(parent); // end of stream: the child's loop ends
        child.wait().unwrap()
    });
    assert_eq!(exit, ChildExit::Exited(0));
}

#[test]
fn a_dead_peer_reads_as_end_of_stream() {
    let (mut parent, child_end) = pipe().unwrap();
    // SAFETY: the child aborts at once.
    let child = unsafe {
        fork_child(move || {
            let _keep = child_end;
            std::process::abort()
        })
    }
    .unwrap();
    let (exit, got) = within(LIMIT, move || {
        let exit = child.wait().unwrap();
        (exit, parent.recv::<u32>().unwrap())
    });
    assert!(matches!(exit, ChildExit::Signaled(_)));
    assert_eq!(got, None);
}

#[test]
fn queue_messages_from_many_producers_arrive_whole() {
    let (tx, rx) = queue().unwrap();
    // Messages near PIPE_BUF, so that non-atomic writes would interleave.
    let payload_len = PIPE_BUF - 64;
    let mut children = Vec::new();
    for producer in 0..4u8 {
        let tx = tx.try_clone().unwrap();
        // SAFETY: the child writes to its pipe and allocates; no locks.
        let child = unsafe {
            fork_child(move || {
                for _ in 0..50 {
                    if tx.put(&vec![producer; payload_len]).is_err() {
                        return 1;
                    }
                }
                0
            })
        }
        .unwrap();
        children.push(child);
    }
    drop(tx);
    let messages = within(LIMIT, move || {
        let mut messages: Vec<Vec<u8>> = Vec::new();
        while let Some(m) = rx.get().unwrap() {
            messages.push(m);
        }
        for child in children {
            assert!(child.wait().unwrap().success());
        }
        messages
    });
    assert_eq!(messages.len(), 200);
    for m in &messages {
        assert_eq!(m.len(), payload_len);
        assert!(
            m.iter().all(|&b| b == m[0]),
            "a message mixed two producers"
        );
    }
    for producer in 0..4u8 {
        assert_eq!(messages.iter().filter(|m| m[0] == producer).count(), 50);
    }
}

#[test]
fn shared_value_sums_every_childs_atomic_adds() {
    let value = SharedValue::new(7).unwrap();
    let mut children = Vec::new();
    for _ in 0..4 {
        // SAFETY: the child only does atomic adds on the shared page.
        let child = unsafe {
            fork_child(|| {
                for _ in 0..10_000 {
                    value.fetch_add(1);
                }
                0
            })
        }
        .unwrap();
        children.push(child);
    }
    within(LIMIT, move || {
        for child in children {
            assert!(child.wait().unwrap().success());
        }
    });
    assert_eq!(value.load(), 7 + 40_000);
}

#[test]
fn ordinary_memory_is_not_shared_after_fork() {
    let mut local = vec![1, 2, 3];
    // SAFETY: the child only changes its own copy of the vector.
    let child = unsafe {
        fork_child(|| {
            local.push(4);
            i32::try_from(local.len()).unwrap()
        })
    }
    .unwrap();
    assert_eq!(
        within(LIMIT, move || child.wait().unwrap()),
        ChildExit::Exited(4)
    );
    assert_eq!(local, [1, 2, 3]);
}
