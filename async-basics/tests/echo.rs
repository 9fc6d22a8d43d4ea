//! The echo server returns exactly the bytes each client sent, and the
//! three ways of running many clients (`echo::clients`) count them right.

use std::time::Duration;

use async_basics::echo::{EchoServer, clients, payload_for, request, request_blocking};

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

/// Each way of `echo::clients` gets every reply right, and the server saw
/// one connection per client, no more.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_way_of_running_clients_counts_every_reply() {
    let server = EchoServer::start(Duration::from_millis(1)).await.unwrap();
    let address = server.local_addr();
    assert_eq!(clients::tasks(address, 30).await.unwrap(), 30);
    let blocking = tokio::task::spawn_blocking(move || {
        let in_a_loop = clients::one_after_another(address, 10).unwrap();
        (in_a_loop, clients::threads(address, 20).unwrap())
    });
    assert_eq!(blocking.await.unwrap(), (10, 20));
    assert_eq!(server.stop().await.unwrap(), 60);
}

/// A client whose server is gone gets an error naming it, which is not a
/// refusal by the OS.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_request_names_its_client() {
    let server = EchoServer::start(Duration::ZERO).await.unwrap();
    let address = server.local_addr();
    server.stop().await.unwrap();
    let error = clients::tasks(address, 3).await.unwrap_err();
    assert!(error.client < 3 && !error.is_refusal(), "{error}");
    let error = tokio::task::spawn_blocking(move || clients::one_after_another(address, 3));
    let error = error.await.unwrap().unwrap_err();
    assert_eq!(error.client, 0, "{error}");
}
