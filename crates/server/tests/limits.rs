// SPDX-License-Identifier: AGPL-3.0-only
//! Slow clients and oversized bodies (drill 6 of issue #7): connections that trickle their
//! headers or stall in their body are dropped by the server while everyone else is served,
//! and bodies over the limit get 413, announced or streamed.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::Duration;

use common::*;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Reads until the server closes the connection; returns what it sent. Gives up (panics) after
/// a minute, far beyond the server's own limits, so a server that never closes fails the test.
async fn until_closed(tcp: &mut TcpStream) -> String {
    let mut got = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(60), tcp.read_to_end(&mut got)).await;
    assert!(read.is_ok(), "the server kept a stalled connection open");
    String::from_utf8_lossy(&got).into_owned()
}

#[tokio::test]
async fn slow_clients_are_dropped_while_others_are_served() {
    let server = TestServer::start(&Db::Sqlite).await;
    let addr = server.base.trim_start_matches("http://").to_owned();
    // A hundred clients send half a request's headers and then nothing.
    let mut slow = Vec::new();
    for _ in 0..100 {
        let mut tcp = TcpStream::connect(&addr).await.unwrap();
        tcp.write_all(b"GET / HTTP/1.1\r\nhost: x\r\nuser-agent: slow").await.unwrap();
        slow.push(tcp);
    }
    // One sends its headers and then stalls in the middle of its body.
    let mut stalled = TcpStream::connect(&addr).await.unwrap();
    let head = "POST /graphql HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{\"query\":";
    stalled.write_all(head.as_bytes()).await.unwrap();
    // Everyone else is served meanwhile.
    for _ in 0..20 {
        let answer = tokio::time::timeout(Duration::from_secs(10), server.get("/healthz")).await;
        assert_eq!(answer.expect("an ordinary request is served").status(), 200);
    }
    assert_eq!(server.get("/").await.status(), 200);
    // The server drops them all by itself.
    for mut tcp in slow {
        let said = until_closed(&mut tcp).await;
        assert!(said.is_empty() || said.starts_with("HTTP/1.1 408"), "{said}");
    }
    let said = until_closed(&mut stalled).await;
    assert!(!said.starts_with("HTTP/1.1 200"), "a stalled body is not processed: {said}");
    assert_eq!(server.get("/healthz").await.status(), 200, "and the server goes on");
}

#[tokio::test]
async fn bodies_over_the_limit_get_413_announced_or_streamed() {
    let server = TestServer::start(&Db::Sqlite).await;
    let announced =
        server.status_for_announced_body("/graphql", 2 * 1024 * 1024, &[("content-type", "application/json")]).await;
    assert!(announced.starts_with("HTTP/1.1 413"), "{announced}");
    // Chunked, without a length: refused once the limit is passed.
    let big = format!("{{\"query\":\"{}\"}}", "x".repeat(2 * 1024 * 1024));
    let chunks: Vec<Result<Vec<u8>, std::io::Error>> =
        big.into_bytes().chunks(64 * 1024).map(|c| Ok(c.to_vec())).collect();
    let body = reqwest::Body::wrap_stream(futures_util::stream::iter(chunks));
    let answer = server
        .http
        .post(server.url("/graphql"))
        .header("content-type", "application/json")
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 413);
    // A new connection: the refused one was closed with its body unread.
    let fresh = reqwest::Client::new();
    assert_eq!(fresh.get(server.url("/healthz")).send().await.unwrap().status(), 200);
}
