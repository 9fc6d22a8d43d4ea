//! The echo server returns exactly the bytes each client sent.

use std::time::Duration;

use async_basics::echo::{EchoServer, payload_for, request, request_blocking};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_concurrent_client_gets_its_own_bytes_back() {
    let server = EchoServer::start(Duration::from_millis(1)).await.unwrap();
    let address = server.local_addr();
    assert!(address.ip().is_loopback());
    let tasks: Vec<_> = (0..200)
        .map(|n| {
            tokio::spawn(async move {
                let payload = payload_for(n);
                (request(address, &payload).await.unwrap(), payload)
            })
        })
        .collect();
    for task in tasks {
        let (reply, payload) = task.await.unwrap();
        assert_eq!(reply, payload);
    }
    assert_eq!(server.stop().await.unwrap(), 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn large_and_empty_payloads_round_trip() {
    let server = EchoServer::start(Duration::ZERO).await.unwrap();
    let address = server.local_addr();
    // Larger than any socket buffer: the server must read to the end first.
    let large: Vec<u8> = (0..4 << 20).map(|i: u32| (i % 251) as u8).collect();
    assert_eq!(request(address, &large).await.unwrap(), large);
    assert_eq!(request(address, b"").await.unwrap(), b"");
    assert_eq!(server.stop().await.unwrap(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn blocking_clients_on_threads_get_their_bytes_back() {
    let server = EchoServer::start(Duration::from_millis(1)).await.unwrap();
    let address = server.local_addr();
    let replies = tokio::task::spawn_blocking(move || {
        let threads: Vec<_> = (0..50)
            .map(|n| {
                std::thread::spawn(move || {
                    let payload = payload_for(n);
                    (request_blocking(address, &payload).unwrap(), payload)
                })
            })
            .collect();
        threads
            .into_iter()
            .map(|t| t.join().unwrap())
            .collect::<Vec<_>>()
    })
    .await
    .unwrap();
    for (reply, payload) in replies {
        assert_eq!(reply, payload);
    }
    assert_eq!(server.stop().await.unwrap(), 50);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stopped_server_refuses_connections() {
    let server = EchoServer::start(Duration::ZERO).await.unwrap();
    let address = server.local_addr();
    assert_eq!(server.stop().await.unwrap(), 0);
    assert!(request(address, b"anyone?").await.is_err());
}
