// SPDX-License-Identifier: AGPL-3.0-only
//! Exports through the back office (streamed downloads) and `townhall export`, on every
//! database, over the demo town.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;

#[tokio::test]
async fn staff_download_streamed_exports_and_the_cli_writes_them() {
    for db in backends() {
        let dir = tempfile::tempdir().unwrap();
        let url = fresh_database(&db, dir.path()).await;
        let seeded = cli(dir.path(), &["--database-url", &url, "seed", "--demo", "--password", PASSWORD], &[]);
        assert!(seeded.status.success(), "{}", text(&seeded.stderr));

        // The command line: a file with a row per idea, and clear refusals.
        let file = dir.path().join("ideas.csv");
        let out =
            cli(dir.path(), &["--database-url", &url, "export", "ideas", "--output", file.to_str().unwrap()], &[]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        let csv = std::fs::read_to_string(&file).unwrap();
        assert!(csv.starts_with("id,project,title,author,status"), "{csv}");
        assert!(text(&out.stderr).contains("export ideas"), "progress: {}", text(&out.stderr));
        // On a terminal (a pseudo-terminal from Python's pty module) the bar is redrawn in place.
        let on_terminal = std::process::Command::new("python3")
            .args(["-c", "import pty, sys; sys.exit(pty.spawn(sys.argv[1:]) >> 8)", BIN])
            .args(["--data-dir", dir.path().to_str().unwrap(), "--database-url", &url, "export", "ideas"])
            .args(["--output", dir.path().join("again.csv").to_str().unwrap()])
            .env_remove("TOWNHALL_DATABASE_URL")
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap();
        let drawn = text(&on_terminal.stdout);
        assert!(on_terminal.status.success(), "{drawn}");
        assert!(drawn.contains('\r') && drawn.contains("[##############################]"), "{drawn:?}");
        let out = cli(dir.path(), &["--database-url", &url, "export", "comments", "--project", "greener-parks"], &[]);
        assert!(out.status.success() && text(&out.stdout).lines().count() > 1, "{}", text(&out.stderr));
        let out = cli(dir.path(), &["--database-url", &url, "export", "gossip"], &[]);
        assert_eq!(out.status.code(), Some(1));
        assert!(text(&out.stderr).contains("choose one of: ideas, comments"), "{}", text(&out.stderr));
        let out = cli(dir.path(), &["--database-url", &url, "export", "users"], &[]);
        assert!(text(&out.stderr).contains("confirm that you need the personal data"), "{}", text(&out.stderr));
        let out = cli(dir.path(), &["--database-url", &url, "export", "ideas", "--project", "nowhere"], &[]);
        assert!(text(&out.stderr).contains("no project has the address name `nowhere`"));

        let server = TestServer::start_in(dir, url, Options::default()).await;
        server.make_admin("boss@example.org");
        let boss = server.cookie_for("boss@example.org").await;
        let page = server.get_as(&boss, "/admin/exports").await.text().await.unwrap();
        assert!(page.contains("Survey answers") && page.contains("All projects"), "{page}");
        let r = server.get_as(&boss, "/admin/exports/download?kind=ideas&project=").await;
        assert_eq!(r.status(), 200);
        assert_eq!(r.headers()["content-type"], "text/csv; charset=utf-8");
        assert!(r.headers().get("content-length").is_none(), "the body is streamed, not measured first");
        assert!(r.headers()["content-disposition"].to_str().unwrap().contains("ideas.csv"));
        let body = r.text().await.unwrap();
        assert_eq!(body.lines().count(), csv.lines().count(), "{} the same rows as the CLI", db.name());

        // Personal data: only with the confirmation, and then in the audit log.
        let plain = server.get_as(&boss, "/admin/exports/download?kind=volunteers").await.text().await.unwrap();
        assert!(!plain.contains('@'), "{plain}");
        let personal =
            server.get_as(&boss, "/admin/exports/download?kind=volunteers&personal=yes").await.text().await.unwrap();
        assert!(personal.contains("@demo.example"), "{personal}");
        let audit = server.get_as(&boss, "/admin/audit").await.text().await.unwrap();
        assert!(audit.contains("export.personal_data"), "{audit}");

        // Residents have no exports; a moderator exports their project only.
        let resident = server.cookie_for("omar.haddad@demo.example").await;
        assert_eq!(server.get_as(&resident, "/admin/exports").await.status(), 403);
        assert_eq!(server.get_as(&resident, "/admin/exports/download?kind=ideas").await.status(), 403);
        let bad = server.get_as(&boss, "/admin/exports/download?kind=gossip").await.text().await.unwrap();
        assert!(bad.contains("Choose what to export."), "{bad}");
    }
}
