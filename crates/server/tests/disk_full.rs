// SPDX-License-Identifier: AGPL-3.0-only
//! The disk fills during an upload (drill 5 of issue #7): the data directory is a small tmpfs
//! of its own, filled to the brim; posting an idea with a document is refused with a clear
//! message, leaves no idea and no file behind, and the server keeps serving. Needs `mount`
//! (root); without it the test is skipped, unless `TEST_REQUIRE_TMPFS` is set.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::io::Write;
use std::path::Path;
use std::process::Command;

use common::*;
use serde_json::{Value, json};

/// A tmpfs mounted on a directory, unmounted on drop.
struct Mounted(std::path::PathBuf);

impl Drop for Mounted {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

fn mount_small(dir: &Path) -> Option<Mounted> {
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=4m", "tmpfs"])
        .arg(dir)
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !mounted {
        assert!(std::env::var("TEST_REQUIRE_TMPFS").is_err(), "TEST_REQUIRE_TMPFS is set but tmpfs cannot be mounted");
        eprintln!("cannot mount a tmpfs (not root?): skipped");
        return None;
    }
    Some(Mounted(dir.to_owned()))
}

/// Fills the file system of `dir` and then frees `leave` bytes.
fn fill(dir: &Path, leave: u64) -> std::path::PathBuf {
    let path = dir.join("filler");
    let mut file = std::fs::File::create(&path).unwrap();
    let block = vec![7u8; 64 * 1024];
    while file.write_all(&block).is_ok() {}
    let _ = file.flush();
    let size = std::fs::metadata(&path).unwrap().len();
    file.set_len(size.saturating_sub(leave)).unwrap();
    path
}

/// Regular files under `dir`, recursively.
fn files_under(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() { out.extend(files_under(&path)) } else { out.push(path) }
    }
    out
}

#[tokio::test]
async fn a_full_disk_refuses_the_upload_cleanly_and_the_server_keeps_serving() {
    let data = tempfile::tempdir().unwrap();
    let Some(_mount) = mount_small(data.path()) else { return };
    let elsewhere = tempfile::tempdir().unwrap();
    let url = fresh_database(&Db::Sqlite, elsewhere.path()).await;
    let server = TestServer::start_in(data, url, Options::default()).await;
    server.make_admin("boss@example.org");
    server.register("ana@example.org", "Ana").await;
    let admin = server.login("boss@example.org", PASSWORD).await.unwrap();
    let phase = open_ideation(&server, &admin).await;
    let ana = server.cookie_for("ana@example.org").await;
    let filler = fill(server.dir.path(), 50 * 1024);

    let mut document = b"%PDF-1.7 a plan of the square\n".to_vec();
    document.resize(400 * 1024, b' ');
    let post = format!("/phases/{phase}/ideas");
    let fields = [("title", "A bigger square"), ("body", "See the plan")];
    let page = server.post_multipart(&ana, &post, &fields, &[("attachments", "plan.pdf", document.clone())]).await;
    let page = page.text().await.unwrap();
    assert!(page.contains("storage is full, so the file was not saved"), "{page}");
    let ideas = server
        .graphql("query($p: ID!) { ideas(phaseId: $p, first: 10) { nodes { id } } }", json!({ "p": phase }))
        .await;
    assert_eq!(ideas["data"]["ideas"]["nodes"], json!([]), "no idea without its file: {ideas}");
    let stored = files_under(&server.dir.path().join("files"));
    assert!(stored.is_empty(), "nothing half-written: {stored:?}");

    // The server goes on: pages, and posts that need no disk.
    assert_eq!(server.get("/").await.status(), 200);
    let plain = server.post_multipart(&ana, &post, &[("title", "Fewer cars"), ("body", "Please")], &[]).await;
    assert_eq!(plain.status(), 303, "{}", plain.text().await.unwrap());

    // With room again, the same upload goes through.
    std::fs::remove_file(filler).unwrap();
    let again = server.post_multipart(&ana, &post, &fields, &[("attachments", "plan.pdf", document)]).await;
    assert_eq!(again.status(), 303);
    let ideas: Value = server
        .graphql("query($p: ID!) { ideas(phaseId: $p, first: 10) { nodes { title } } }", json!({ "p": phase }))
        .await;
    assert_eq!(ideas["data"]["ideas"]["nodes"].as_array().map(Vec::len), Some(2), "{ideas}");
}
