// SPDX-License-Identifier: AGPL-3.0-only
//! Configuration layering and errors, and the `features` and `migrate` commands.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use townhall_license::Plan;

fn fails_with_2(out: &std::process::Output, needle: &str) {
    assert_eq!(out.status.code(), Some(2), "stdout: {}\nstderr: {}", text(&out.stdout), text(&out.stderr));
    assert!(text(&out.stderr).to_lowercase().contains(needle), "`{needle}` not in: {}", text(&out.stderr));
}

#[test]
fn configuration_errors_name_the_key_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let toml = dir.path().join("bad.toml");

    std::fs::write(&toml, "bind = \"127.0.0.1:4000\"\nfavourite_colour = \"blue\"\n").unwrap();
    fails_with_2(&cli(dir.path(), &["--config", toml.to_str().unwrap(), "migrate"], &[]), "favourite_colour");

    std::fs::write(&toml, "bind = \"not an address\"\n").unwrap();
    fails_with_2(&cli(dir.path(), &["--config", toml.to_str().unwrap(), "migrate"], &[]), "bind");

    fails_with_2(&cli(dir.path(), &["migrate"], &[("TOWNHALL_COLOUR", "blue")]), "colour");
    fails_with_2(&cli(dir.path(), &["migrate"], &[("TOWNHALL_LOG_FORMAT", "xml")]), "log_format");
    fails_with_2(&cli(dir.path(), &["--base-url", "ftp://x.example", "migrate"], &[]), "base_url");
    fails_with_2(&cli(dir.path(), &["--database-url", "mysql://h/db", "migrate"], &[]), "database_url");
    fails_with_2(&cli(dir.path(), &["--config", "/nonexistent/townhall.toml", "migrate"], &[]), "not found");
}

/// The message names the key as the operator wrote it (a file's key, a variable, a flag) and
/// shows nothing of the inside: no figment profile (`default.bind`), no type or source path.
fn names_it_plainly(out: &std::process::Output, needles: &[&str]) {
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    for needle in needles {
        assert!(stderr.contains(needle), "`{needle}` not in: {stderr}");
    }
    for inside in ["default.", ".rs:", "townhall_server", "Overrides", "u16", "u32"] {
        assert!(!stderr.contains(inside), "`{inside}` in: {stderr}");
    }
}

#[test]
fn configuration_errors_show_no_internals() {
    let dir = tempfile::tempdir().unwrap();
    let toml = dir.path().join("bad.toml");
    let config = toml.to_str().unwrap();

    std::fs::write(&toml, "bindd = \"127.0.0.1:4000\"\n").unwrap();
    names_it_plainly(&cli(dir.path(), &["--config", config, "migrate"], &[]), &["`bindd`", config, "`bind`?"]);
    std::fs::write(&toml, "bind = \"not an address\"\n").unwrap();
    names_it_plainly(&cli(dir.path(), &["--config", config, "migrate"], &[]), &["`bind`", config, "127.0.0.1:3000"]);
    std::fs::write(&toml, "smtp_port = 70000\n").unwrap();
    names_it_plainly(&cli(dir.path(), &["--config", config, "migrate"], &[]), &["`smtp_port`", "65535"]);
    std::fs::write(&toml, "bind = \n").unwrap();
    names_it_plainly(&cli(dir.path(), &["--config", config, "migrate"], &[]), &[config, "line 1"]);

    names_it_plainly(&cli(dir.path(), &["--bind", "nonsense", "migrate"], &[]), &["--bind"]);
    names_it_plainly(&cli(dir.path(), &["--log-format", "xml", "migrate"], &[]), &["--log-format", "`xml`", "`json`"]);
    names_it_plainly(&cli(dir.path(), &["--base-url", "ftp://x.example", "migrate"], &[]), &["--base-url"]);
    names_it_plainly(
        &cli(dir.path(), &["migrate"], &[("TOWNHALL_BINDD", "x")]),
        &["TOWNHALL_BINDD", "TOWNHALL_BIND`?"],
    );
    names_it_plainly(
        &cli(dir.path(), &["migrate"], &[("TOWNHALL_SMTP_PORT", "abc")]),
        &["TOWNHALL_SMTP_PORT", "`abc`"],
    );
    names_it_plainly(
        &cli(dir.path(), &["migrate"], &[("TOWNHALL_RETRY_UNIT_SECONDS", "0")]),
        &["TOWNHALL_RETRY_UNIT_SECONDS", "from 1 to 3600"],
    );
    names_it_plainly(&cli(dir.path(), &["migrate"], &[("TOWNHALL_ACCESS_LOG", "maybe")]), &["TOWNHALL_ACCESS_LOG"]);
}

/// A database that a newer Townhall migrated is refused with a sentence, not the migrator's
/// error, and the binary stops with exit code 2 (something to change before trying again), on
/// each database.
#[tokio::test]
async fn a_database_from_a_newer_version_is_refused_with_a_sentence() {
    use townhall_core::sea_orm::ConnectionTrait;
    for db in backends() {
        let dir = tempfile::tempdir().unwrap();
        let url = fresh_database(&db, dir.path()).await;
        let out = cli(dir.path(), &["--database-url", &url, "migrate"], &[]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        let conn = townhall_core::db::connect(&url).await.unwrap();
        conn.execute_unprepared(
            "INSERT INTO townhall_migrations_core (version, applied_at) VALUES ('m0999_from_a_later_release', 0)",
        )
        .await
        .unwrap();
        conn.close().await.unwrap();

        let sentence = "this database was written by a newer Townhall; upgrade the binary";
        for command in [&["migrate"][..], &["check"], &["serve", "--bind", "127.0.0.1:0"]] {
            let mut c = townhall(dir.path());
            c.args(["--database-url", &url]).args(command).stdin(std::process::Stdio::null());
            let out = output_within(c, std::time::Duration::from_secs(60));
            let stderr = text(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{} {command:?}: {stderr}", db.name());
            assert!(stderr.contains(sentence) && stderr.contains("m0999_from_a_later_release"), "{stderr}");
            assert!(!stderr.contains("is missing") && !stderr.contains("Migration Error"), "{stderr}");
        }
    }
}

/// PostgreSQL's notices ("relation … already exists, skipping") are not logged, neither when
/// the migrations run nor at a start with nothing to migrate.
#[tokio::test]
async fn postgres_starts_log_no_notice() {
    let Some(db) = backends().into_iter().find(|db| matches!(db, Db::Postgres(_))) else { return };
    let dir = tempfile::tempdir().unwrap();
    let url = fresh_database(&db, dir.path()).await;
    for start in ["first", "second"] {
        let out = cli(dir.path(), &["--database-url", &url, "--log-format", "json", "migrate"], &[]);
        let log = text(&out.stderr);
        assert!(out.status.success(), "{log}");
        assert!(log.contains("licence"), "the log is read: {log}");
        let notices: Vec<&str> =
            log.lines().filter(|l| l.contains("sqlx::postgres::notice") || l.contains("skipping")).collect();
        assert!(notices.is_empty(), "the {start} start logged notices: {notices:#?}");
    }
}

/// Runs a command that should end by itself; one still running after `limit` is killed (and
/// the test fails on its exit status). Its output goes through files, so it cannot block.
fn output_within(mut command: std::process::Command, limit: std::time::Duration) -> std::process::Output {
    let files = tempfile::tempdir().unwrap();
    let (out, err) = (files.path().join("out"), files.path().join("err"));
    command.stdout(std::fs::File::create(&out).unwrap()).stderr(std::fs::File::create(&err).unwrap());
    let mut child = command.spawn().unwrap();
    let deadline = std::time::Instant::now() + limit;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if std::time::Instant::now() > deadline {
            child.kill().unwrap();
            break child.wait().unwrap();
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    std::process::Output { status, stdout: std::fs::read(out).unwrap(), stderr: std::fs::read(err).unwrap() }
}

#[test]
fn layers_are_applied_in_order_file_env_flag() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b, c) = (dir.path().join("a"), dir.path().join("b"), dir.path().join("c"));
    let toml = dir.path().join("townhall.toml");
    std::fs::write(&toml, format!("data_dir = \"{}\"\n", a.display())).unwrap();
    let db_in = |d: &std::path::Path| d.join("townhall.db").exists();

    // `townhall` adds --data-dir; call the binary directly to control every layer.
    let run = |env: Option<&std::path::Path>, flag: Option<&std::path::Path>| {
        let mut cmd = std::process::Command::new(BIN);
        cmd.current_dir(dir.path()).env_remove("TOWNHALL_DATA_DIR").env_remove("TOWNHALL_DATABASE_URL");
        if let Some(e) = env {
            cmd.env("TOWNHALL_DATA_DIR", e);
        }
        cmd.arg("migrate");
        if let Some(f) = flag {
            cmd.arg("--data-dir").arg(f);
        }
        let out = cmd.output().unwrap();
        assert!(out.status.success(), "{}", text(&out.stderr));
    };
    run(None, None);
    assert!(db_in(&a), "townhall.toml in the working directory is read");
    run(Some(&b), None);
    assert!(db_in(&b), "environment beats the file");
    run(Some(&b), Some(&c));
    assert!(db_in(&c), "flags beat the environment");
}

#[test]
fn migrate_is_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    for _ in 0..2 {
        let out = cli(dir.path(), &["migrate"], &[]);
        assert!(out.status.success(), "{}", text(&out.stderr));
    }
    assert!(dir.path().join("townhall.db").exists());
}

#[test]
fn features_can_be_listed_and_switched() {
    let dir = tempfile::tempdir().unwrap();
    let out = cli(dir.path(), &["features", "list"], &[]);
    assert!(out.status.success());
    assert!(text(&out.stdout).contains("graphql_explorer"));

    let out = cli(dir.path(), &["features", "disable", "graphql_explorer"], &[]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = cli(dir.path(), &["features", "list", "--json"], &[]);
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let explorer = list.as_array().unwrap().iter().find(|f| f["id"] == "graphql_explorer").unwrap().clone();
    assert_eq!(explorer["enabled"], false);
    assert_eq!(explorer["active"], false);
    assert!(cli(dir.path(), &["features", "enable", "graphql_explorer"], &[]).status.success());

    let out = cli(dir.path(), &["features", "enable", "no_such_feature"], &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("unknown feature"), "{}", text(&out.stderr));
}

#[test]
fn enabling_a_paid_feature_needs_the_licence() {
    let Some(paid) = paid_features().first().copied() else {
        // The core build has no paid feature to switch: it does not even know the id.
        let dir = tempfile::tempdir().unwrap();
        let out = cli(dir.path(), &["features", "enable", "api_tokens"], &[]);
        assert!(text(&out.stderr).contains("unknown feature"), "{}", text(&out.stderr));
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let out = cli(dir.path(), &["features", "enable", paid], &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("requires the Standard licence"), "{}", text(&out.stderr));

    let key = dev_key(&claims(Plan::Premium, 30));
    let out = cli(dir.path(), &["features", "enable", paid], &[("TOWNHALL_LICENSE", &key)]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("enabled (active)"), "{}", text(&out.stdout));
}

#[test]
fn seed_fills_a_demo_once_and_scale_data_on_demand() {
    let dir = tempfile::tempdir().unwrap();
    let out = cli(dir.path(), &["seed", "--demo", "--password", "demo password for the town"], &[]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("9 projects") && stdout.contains("lea.martens@demo.example"), "{stdout}");
    assert!(text(&out.stderr).contains("demo: 29/29"), "progress is reported: {}", text(&out.stderr));

    let again = cli(dir.path(), &["seed", "--demo"], &[]);
    assert_eq!(again.status.code(), Some(1));
    assert!(text(&again.stderr).contains("only fills an empty one"), "{}", text(&again.stderr));

    let out = cli(dir.path(), &["seed", "--scale", "400", "--json"], &[]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (report["ideas"].as_u64(), report["users"].as_u64(), report["projects"].as_u64()),
        (Some(400), Some(200), Some(2))
    );
    assert!(report["password"].as_str().is_some_and(|p| p.len() >= 20), "{report}");

    fails_with_2(&cli(dir.path(), &["seed"], &[]), "--demo");
    fails_with_2(&cli(dir.path(), &["seed", "--scale", "0"], &[]), "0");
}

/// The public address a server ran with is kept with the settings: later command-line work on
/// the same database (here, an export's links) uses it without being told again (issue #12).
#[tokio::test]
async fn the_public_address_is_kept_for_the_command_line() {
    let server = TestServer::start_with(
        &Db::Sqlite,
        Options { base_url: Some("https://participate.example.org"), ..Options::default() },
    )
    .await;
    let dir = server.dir.path();
    let url = server.database_url.clone();
    let seeded = cli(dir, &["--database-url", &url, "seed", "--scale", "4", "--password", PASSWORD], &[]);
    assert!(seeded.status.success(), "{}", text(&seeded.stderr));
    let file = dir.join("ideas.csv");
    let out = cli(dir, &["--database-url", &url, "export", "ideas", "--output", file.to_str().unwrap()], &[]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let csv = std::fs::read_to_string(&file).unwrap();
    assert!(csv.contains("https://participate.example.org/ideas/"), "{csv}");
    // The configuration still wins when it names an address.
    let told = [("TOWNHALL_BASE_URL", "https://other.example.org")];
    let out = cli(dir, &["--database-url", &url, "export", "ideas", "--output", file.to_str().unwrap()], &told);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(std::fs::read_to_string(&file).unwrap().contains("https://other.example.org/ideas/"));
}
