// SPDX-License-Identifier: AGPL-3.0-only
//! `townhall backup` during a ballot burst, then `townhall restore` (drill 7 of issue #7), on
//! every database: the backup is taken while ballots keep coming; the restored platform has
//! every ballot acknowledged before the backup began, its chains verify and `townhall check`
//! passes; a restore refuses a database that is not empty unless told to replace it.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::*;
use serde_json::{Value, json};
use townhall_core::sessions::SessionKeys;

const SECRET: &str = "the backup test's session secret";

#[tokio::test]
async fn a_backup_during_a_ballot_burst_restores_every_ballot_acknowledged_before_it() {
    for db in backends() {
        let dir = tempfile::tempdir().unwrap();
        let url = fresh_database(&db, dir.path()).await;
        let seeded =
            cli(dir.path(), &["--database-url", &url, "seed", "--scale", "400", "--password", PASSWORD, "--json"], &[]);
        assert!(seeded.status.success(), "{}", text(&seeded.stderr));
        let seed: Value = serde_json::from_slice(&seeded.stdout).unwrap();
        let phase = seed["vote"]["phase"].to_string();
        let ideas: Vec<String> = seed["vote"]["ideas"].as_array().unwrap().iter().map(|p| p[0].to_string()).collect();
        let (first, users) = (seed["first_user"].as_i64().unwrap(), seed["users"].as_i64().unwrap());
        let options = Options { env: vec![("TOWNHALL_SESSION_SECRET", SECRET.to_owned())], ..Options::default() };
        let server = TestServer::start_in(dir, url.clone(), options).await;

        // The burst: eight clients, each voter adding an idea and submitting.
        let keys = Arc::new(SessionKeys::new(SECRET.as_bytes()));
        let acknowledged: Arc<Mutex<Vec<(Instant, String)>>> = Arc::default();
        let stop = Arc::new(AtomicBool::new(false));
        let mut clients = tokio::task::JoinSet::new();
        for k in 0..8 {
            let (graphql, keys, acknowledged, stop, phase, ideas) = (
                server.graphql_client(),
                keys.clone(),
                acknowledged.clone(),
                stop.clone(),
                phase.clone(),
                ideas.clone(),
            );
            clients.spawn(async move {
                let mut n = k;
                while !stop.load(Ordering::Relaxed) {
                    let token = keys.issue((first + n % users) as i32, 0);
                    let idea = &ideas[(n as usize) % ideas.len()];
                    let add = "mutation($p: ID!, $i: ID!) { addToBasket(phaseId: $p, ideaId: $i) { spent } }";
                    graphql.run(&token, add, json!({ "p": phase, "i": idea })).await;
                    let submit = "mutation($p: ID!) { submitBasket(phaseId: $p) { receipt } }";
                    let answer = graphql.run(&token, submit, json!({ "p": phase })).await;
                    if let Some(receipt) = answer["data"]["submitBasket"]["receipt"].as_str() {
                        acknowledged.lock().unwrap().push((Instant::now(), receipt.to_owned()));
                    }
                    n += 8;
                }
            });
        }
        let deadline = Instant::now() + Duration::from_secs(60);
        while acknowledged.lock().unwrap().len() < 20 {
            assert!(Instant::now() < deadline, "no ballots; log:\n{}", server.log());
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        let backups = tempfile::tempdir().unwrap();
        let file = backups.path().join("townhall.backup");
        let began = Instant::now();
        let (database, target) = (url.clone(), file.clone());
        let taken = tokio::task::spawn_blocking(move || {
            let scratch = tempfile::tempdir().unwrap();
            cli(scratch.path(), &["--database-url", &database, "backup", target.to_str().unwrap()], &[])
        })
        .await
        .unwrap();
        assert!(taken.status.success(), "{} {}", db.name(), text(&taken.stderr));
        assert!(text(&taken.stdout).starts_with("backup written to"), "{}", text(&taken.stdout));
        tokio::time::sleep(Duration::from_millis(300)).await;
        stop.store(true, Ordering::Relaxed);
        while clients.join_next().await.is_some() {}
        let before: Vec<String> =
            acknowledged.lock().unwrap().iter().filter(|(at, _)| *at < began).map(|(_, r)| r.clone()).collect();
        assert!(before.len() >= 20);
        let again = cli(backups.path(), &["--database-url", &url, "backup", file.to_str().unwrap()], &[]);
        assert!(text(&again.stderr).contains("exists already"), "no backup over a backup");

        // Restored into an empty database: every ballot acknowledged before the backup began.
        let restored_dir = tempfile::tempdir().unwrap();
        let restored_url = fresh_database(&db, restored_dir.path()).await;
        let restored =
            cli(restored_dir.path(), &["--database-url", &restored_url, "restore", file.to_str().unwrap()], &[]);
        assert!(restored.status.success(), "{} {} {}", db.name(), text(&restored.stdout), text(&restored.stderr));
        assert!(text(&restored.stdout).contains("\nsound\n"), "{}", text(&restored.stdout));
        let twice =
            cli(restored_dir.path(), &["--database-url", &restored_url, "restore", file.to_str().unwrap()], &[]);
        assert_eq!(twice.status.code(), Some(1));
        assert!(text(&twice.stderr).contains("the database is not empty"), "{}", text(&twice.stderr));
        let replaced = cli(
            restored_dir.path(),
            &["--database-url", &restored_url, "restore", file.to_str().unwrap(), "--replace"],
            &[],
        );
        assert!(replaced.status.success(), "{} {}", db.name(), text(&replaced.stderr));

        let copy = TestServer::start_in(restored_dir, restored_url, Options::default()).await;
        let verify = "query($p: ID!, $r: String!) { verifyReceipt(phaseId: $p, receipt: $r) { found } }";
        for receipt in &before {
            let found = copy.graphql(verify, json!({ "p": phase, "r": receipt })).await;
            assert_eq!(found["data"]["verifyReceipt"]["found"], true, "{} {receipt}: {found}", db.name());
        }
    }
}

/// A backup holds the uploaded files with the database, and a restore puts both back (issue
/// #15): a resident's avatar is served again by a server on the restored copy.
#[tokio::test]
async fn a_backup_holds_the_uploaded_files_and_a_restore_puts_them_back() {
    for db in backends() {
        let server = TestServer::start(&db).await;
        server.register("ana@example.org", "Ana").await;
        let cookie = server.cookie_for("ana@example.org").await;
        let uploaded =
            server.post_multipart(&cookie, "/account/avatar", &[], &[("avatar", "me.png", black_png(64, 64))]).await;
        assert_eq!(uploaded.status(), 303, "{}", db.name());
        let page = server.get_as(&cookie, "/account").await.text().await.unwrap().replace("&#x2f;", "/");
        let start = page.find("/files/avatars/").expect("the avatar on the account page");
        let src: String = page[start..].chars().take_while(|c| *c != '"').collect();
        let original = server.get(&src).await.bytes().await.unwrap();

        let backups = tempfile::tempdir().unwrap();
        let file = backups.path().join("townhall.backup");
        let taken =
            cli(server.dir.path(), &["--database-url", &server.database_url, "backup", file.to_str().unwrap()], &[]);
        assert!(taken.status.success(), "{} {}", db.name(), text(&taken.stderr));
        assert!(text(&taken.stdout).contains("and 1 uploaded files"), "{}", text(&taken.stdout));

        let restored_dir = tempfile::tempdir().unwrap();
        let restored_url = fresh_database(&db, restored_dir.path()).await;
        let restore = |replace: bool| {
            let mut args = vec!["--database-url", restored_url.as_str(), "restore", file.to_str().unwrap()];
            if replace {
                args.push("--replace");
            }
            cli(restored_dir.path(), &args, &[])
        };
        let restored = restore(false);
        assert!(restored.status.success(), "{} {}", db.name(), text(&restored.stderr));
        let said = text(&restored.stdout);
        assert!(said.contains("restored 1 uploaded files") && said.contains("\nsound\n"), "{said}");
        let twice = restore(false);
        assert!(text(&twice.stderr).contains("the file store is not empty"), "{}", text(&twice.stderr));
        assert!(restore(true).status.success());

        let copy = TestServer::start_in(restored_dir, restored_url.clone(), Options::default()).await;
        let served = copy.get(&src).await;
        assert_eq!(served.status(), 200, "{}", db.name());
        assert_eq!(served.bytes().await.unwrap(), original, "the same picture");
    }
}
