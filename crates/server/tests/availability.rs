// SPDX-License-Identifier: AGPL-3.0-only
//! The database goes away and comes back (drill 4 of issue #7): `/readyz` and every page answer
//! 503 with a clear message while it is away, GraphQL a clear error, and service resumes by
//! itself when it is back, without restarting the server. SQLite: the file is moved away and
//! back. PostgreSQL: a cluster of the test's own is stopped and started again.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::{Duration, Instant};

use common::*;
use serde_json::Value;

async fn wait_for_status(server: &TestServer, path: &str, status: u16) {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        if server.get(path).await.status().as_u16() == status {
            return;
        }
        assert!(Instant::now() < deadline, "{path} never answered {status}; log:\n{}", server.log());
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// While the database is away: the page, GraphQL and readiness all say so.
async fn answers_while_away(server: &TestServer) {
    wait_for_status(server, "/readyz", 503).await;
    wait_for_status(server, "/", 503).await;
    let page = server.get("/projects/parks").await;
    assert_eq!(page.status(), 503);
    assert_eq!(page.headers()["retry-after"], "5");
    assert!(page.text().await.unwrap().contains("cannot reach its database"));
    let api = server
        .http
        .post(server.url("/graphql"))
        .json(&serde_json::json!({ "query": "{ projects { id } }" }))
        .send()
        .await
        .unwrap();
    assert_eq!(api.status(), 503);
    let body: Value = api.json().await.unwrap();
    assert_eq!(body["errors"][0]["extensions"]["code"], "unavailable", "{body}");
    assert_eq!(server.get("/healthz").await.status(), 200, "the process itself is fine");
}

async fn answers_when_back(server: &TestServer) {
    wait_for_status(server, "/readyz", 200).await;
    wait_for_status(server, "/", 200).await;
    let read = server.graphql("{ projects { slug } }", Value::Null).await;
    assert_eq!(read["data"]["projects"][0]["slug"], "parks", "{read}");
}

async fn with_a_project(server: &TestServer) {
    server.make_admin("boss@example.org");
    let admin = server.login("boss@example.org", PASSWORD).await.unwrap();
    open_ideation(server, &admin).await;
}

#[tokio::test]
async fn the_sqlite_file_goes_away_and_comes_back() {
    let server = TestServer::start(&Db::Sqlite).await;
    with_a_project(&server).await;
    let file = server.database_url.trim_start_matches("sqlite://").split('?').next().unwrap().to_owned();
    let aside = format!("{file}.aside");
    std::fs::rename(&file, &aside).unwrap();
    answers_while_away(&server).await;
    std::fs::rename(&aside, &file).unwrap();
    answers_when_back(&server).await;
}

#[tokio::test]
async fn postgresql_stops_and_starts_again() {
    let cluster = match townhall_testkit::PgCluster::start_durable() {
        Ok(c) => c,
        Err(e) => {
            assert!(std::env::var("TEST_REQUIRE_POSTGRES").is_err(), "TEST_REQUIRE_POSTGRES is set: {e}");
            eprintln!("no PostgreSQL ({e}): skipped");
            return;
        }
    };
    cluster.create_database("away").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start_in(dir, cluster.url("away"), Options::default()).await;
    with_a_project(&server).await;
    cluster.stop().unwrap();
    answers_while_away(&server).await;
    cluster.start_server().unwrap();
    answers_when_back(&server).await;
}
