// SPDX-License-Identifier: AGPL-3.0-only
//! `cargo xtask drill`: reliability drills. Each prints what it did and what it found, and the
//! command exits non-zero when anything acknowledged was lost or any rule broken.
//!
//! 1. SIGKILL the server again and again during a ballot burst on SQLite; after each kill every
//!    acknowledged ballot is in the chain and `townhall check` (storage, counters, chains) passes.
//! 2. The same on PostgreSQL, stopping PostgreSQL itself (`pg_ctl stop -m immediate`) in every
//!    other round while the server keeps running.
//! 3. The races: 200 parallel basket changes and submissions of one voter, 200 voters for the
//!    last places of an event (the test suites' race tests, on both databases).
//! 4. The database goes away and comes back (the availability tests, on both databases).
//! 5. The disk fills during an upload (a test on a small tmpfs of its own).
//! 6. Slow clients and oversized bodies (the limits tests).
//! 7. `townhall backup` during a ballot burst, then `townhall restore` (the backup tests).
//!
//! Drills 3 to 7 are tests of the suites that `cargo xtask test` runs anyway; drills 1
//! and 2 run there in their short version (`--quick`: 3 rounds each instead of 20).
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use clap::Args;
use townhall_testkit::PgCluster;

use crate::test::workspace_root;

#[derive(Args, Debug)]
pub struct DrillArgs {
    /// The short version: three rounds of each crash drill instead of twenty.
    #[arg(long)]
    pub quick: bool,
    /// Only these drills (by number; repeatable). All by default.
    #[arg(long)]
    pub only: Vec<u8>,
    /// Use the debug build of the given edition's binaries instead of building for release
    /// (`cargo xtask test` reuses what its test steps built).
    #[arg(long)]
    pub debug: bool,
    /// Cargo features of the server to build with (e.g. `townhall-server/premium`).
    #[arg(long)]
    pub features: Option<String>,
}

const PASSWORD: &str = "drill password for every account";
const SESSION_SECRET: &str = "the drills' session secret, never used in production";

struct Bins {
    townhall: PathBuf,
    bench: PathBuf,
}

/// A child process, killed (SIGKILL) when dropped.
struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub fn run(args: &DrillArgs) -> Result<()> {
    let root = workspace_root();
    let wanted = |n: u8| args.only.is_empty() || args.only.contains(&n);
    let rounds = if args.quick { 3 } else { 20 };
    let bins = build(&root, args)?;
    let mut failed = Vec::new();
    let mut outcome = |n: u8, name: &str, result: Result<()>| match result {
        Ok(()) => eprintln!("drill {n} ({name}): passed"),
        Err(e) => {
            eprintln!("drill {n} ({name}): FAILED: {e:#}");
            failed.push(n);
        }
    };
    if wanted(1) {
        outcome(1, "SIGKILL during a ballot burst, SQLite", crash_drill(&bins, None, rounds));
    }
    if wanted(2) {
        let cluster = PgCluster::start_durable().map_err(|e| anyhow::anyhow!("PostgreSQL: {e}"));
        let result = cluster.and_then(|c| crash_drill(&bins, Some(&c), rounds));
        outcome(2, "SIGKILL and PostgreSQL stops during a ballot burst", result);
    }
    for (n, name, tests) in [
        (3, "races for one basket and for the last places", &["voting", "events"][..]),
        (4, "the database goes away and comes back", &["availability"][..]),
        (5, "the disk fills during an upload", &["disk_full"][..]),
        (6, "slow clients and oversized bodies", &["limits"][..]),
        (7, "backup during a ballot burst, then restore", &["backup"][..]),
    ] {
        if wanted(n) {
            outcome(n, name, suite_drill(&root, args, tests));
        }
    }
    if !failed.is_empty() {
        bail!("drills failed: {failed:?}");
    }
    Ok(())
}

fn cargo() -> Command {
    crate::test::cargo(&[])
}

fn build(root: &Path, args: &DrillArgs) -> Result<Bins> {
    let profile = if args.debug { "debug" } else { "release" };
    eprintln!("==> building the server and the load generator ({profile})");
    let mut c = cargo();
    c.args(["build", "-p", "townhall-server", "-p", "townhall-bench"]).current_dir(root);
    if !args.debug {
        c.arg("--release");
    }
    if let Some(features) = &args.features {
        c.args(["--features", features]);
    }
    if !c.status()?.success() {
        bail!("the build failed");
    }
    let dir = crate::test::target_dir(root).join(profile);
    Ok(Bins { townhall: dir.join("townhall"), bench: dir.join("townhall-bench") })
}

/// Drills that are tests of the server's suite, run on both databases.
fn suite_drill(root: &Path, args: &DrillArgs, tests: &[&str]) -> Result<()> {
    let cluster = PgCluster::start().map_err(|e| anyhow::anyhow!("PostgreSQL: {e}"))?;
    let mut c = cargo();
    c.args(["test", "-p", "townhall-server"]).current_dir(root);
    if !args.debug {
        c.arg("--release");
    }
    if let Some(features) = &args.features {
        c.args(["--features", features]);
    }
    for t in tests {
        c.args(["--test", t]);
    }
    c.env("TEST_POSTGRES_URL", cluster.url("postgres")).env("TEST_REQUIRE_POSTGRES", "1");
    if !c.status()?.success() {
        bail!("the tests {tests:?} failed");
    }
    Ok(())
}

fn townhall(bins: &Bins, dir: &Path, database: &str) -> Command {
    let mut c = Command::new(&bins.townhall);
    c.arg("--data-dir").arg(dir).args(["--database-url", database]).env("RUST_LOG", "warn");
    c.env("TOWNHALL_SESSION_SECRET", SESSION_SECRET);
    c
}

fn healthy(port: u16, path: &str) -> bool {
    use std::io::{Read, Write};
    let Ok(mut stream) = std::net::TcpStream::connect(("127.0.0.1", port)) else { return false };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
    if stream.write_all(format!("GET {path} HTTP/1.0\r\nHost: localhost\r\n\r\n").as_bytes()).is_err() {
        return false;
    }
    let mut answer = String::new();
    let _ = stream.read_to_string(&mut answer);
    answer.starts_with("HTTP/1.1 200") || answer.starts_with("HTTP/1.0 200")
}

fn wait_until(what: &str, limit: Duration, mut ready: impl FnMut() -> bool) -> Result<()> {
    let deadline = Instant::now() + limit;
    while !ready() {
        if Instant::now() > deadline {
            bail!("{what} did not happen within {} s", limit.as_secs());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Ok(())
}

fn serve(bins: &Bins, dir: &Path, database: &str) -> Result<(Killed, u16)> {
    let port = townhall_testkit::free_port()?;
    let bind = format!("127.0.0.1:{port}");
    let log = std::fs::OpenOptions::new().create(true).append(true).open(dir.join("server.log"))?;
    let child = townhall(bins, dir, database)
        .args(["serve", "--bind", &bind, "--base-url", &format!("http://{bind}")])
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()?;
    let server = Killed(child);
    wait_until("the server's start", Duration::from_secs(60), || healthy(port, "/readyz"))?;
    Ok((server, port))
}

/// A pause of 300 to 1,500 ms, different each round.
fn pause(round: u64) -> Duration {
    let mixed = round.wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(17);
    Duration::from_millis(300 + mixed % 1_200)
}

/// Drills 1 and 2: rounds of a ballot burst cut short by a kill (or, on PostgreSQL in every
/// other round, by PostgreSQL stopping), each followed by the checks.
fn crash_drill(bins: &Bins, cluster: Option<&PgCluster>, rounds: u64) -> Result<()> {
    let dir = tempfile::Builder::new().prefix("townhall-drill-").tempdir()?;
    let database = match cluster {
        Some(c) => {
            c.create_database("drill").map_err(|e| anyhow::anyhow!("{e}"))?;
            c.url("drill")
        }
        None => format!("sqlite://{}?mode=rwc", dir.path().join("townhall.db").display()),
    };
    let seeded = townhall(bins, dir.path(), &database)
        .args(["seed", "--scale", "1000", "--password", PASSWORD, "--json"])
        .stderr(Stdio::null())
        .output()?;
    if !seeded.status.success() {
        bail!("seeding failed: {}", String::from_utf8_lossy(&seeded.stderr));
    }
    let seed_file = dir.path().join("seed.json");
    std::fs::write(&seed_file, &seeded.stdout)?;
    let seed: serde_json::Value = serde_json::from_slice(&seeded.stdout)?;
    let phase = seed["vote"]["phase"].as_i64().context("the seed's vote")?;
    let ack = dir.path().join("acknowledged.txt");
    let mut from = 0_u64;
    let mut server: Option<(Killed, u16)> = None;
    for round in 1..=rounds {
        if server.is_none() {
            server = Some(serve(bins, dir.path(), &database)?);
        }
        let port = server.as_ref().map_or(0, |(_, p)| *p);
        let voter = Command::new(&bins.bench)
            .args(["vote", "--url", &format!("http://127.0.0.1:{port}"), "--session-secret", SESSION_SECRET])
            .arg("--seed")
            .arg(&seed_file)
            .arg("--ack")
            .arg(&ack)
            .args(["--from", &from.to_string()])
            .stdout(Stdio::piped())
            .spawn()?;
        let wait = pause(round);
        std::thread::sleep(wait);
        let stop_database = cluster.is_some() && round % 2 == 0;
        let what = if stop_database {
            let c = cluster.context("cluster")?;
            c.stop().map_err(|e| anyhow::anyhow!("pg_ctl stop: {e}"))?;
            "stopped PostgreSQL (immediate)"
        } else {
            drop(server.take());
            "killed the server (SIGKILL)"
        };
        let out = voter.wait_with_output()?;
        let voted: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
        from = voted["next"].as_u64().unwrap_or(from + 10_000);
        if stop_database {
            let c = cluster.context("cluster")?;
            c.start_server().map_err(|e| anyhow::anyhow!("pg_ctl start: {e}"))?;
            wait_until("service after PostgreSQL's restart", Duration::from_secs(30), || healthy(port, "/readyz"))?;
        }
        let found = check_round(bins, dir.path(), &database, phase, &ack)?;
        eprintln!(
            "  round {round}: {what} after {} ms; {} ballots acknowledged this round, {} in all, every one in the chain; check: {}",
            wait.as_millis(),
            voted["acknowledged"],
            found.0,
            found.1
        );
    }
    drop(server);
    Ok(())
}

/// After a round: every acknowledged receipt is in the chain and `townhall check` passes.
fn check_round(bins: &Bins, dir: &Path, database: &str, phase: i64, ack: &Path) -> Result<(u64, String)> {
    let out = Command::new(&bins.bench)
        .args(["acknowledged", "--database-url", database, "--phase", &phase.to_string()])
        .arg("--ack")
        .arg(ack)
        .output()?;
    let found: serde_json::Value = serde_json::from_slice(&out.stdout)
        .with_context(|| format!("the receipts check: {}", String::from_utf8_lossy(&out.stderr)))?;
    let missing = found["missing"].as_array().map_or(0, Vec::len);
    if missing > 0 {
        bail!("{missing} acknowledged ballots are missing from the chain: {}", found["missing"]);
    }
    let checked = townhall(bins, dir, database).args(["check", "--json"]).output()?;
    let report: serde_json::Value = serde_json::from_slice(&checked.stdout)
        .with_context(|| format!("townhall check: {}", String::from_utf8_lossy(&checked.stderr)))?;
    if report["sound"] != true {
        bail!("townhall check found problems: {report}");
    }
    Ok((found["acknowledged"].as_u64().unwrap_or(0), format!("sound, {} counted ballots", counted_ballots(&report))))
}

/// The ballots `townhall check --json` counted in the voting chains.
fn counted_ballots(report: &serde_json::Value) -> u64 {
    let checks = report["checks"].as_array().map_or(&[][..], Vec::as_slice);
    checks.iter().find(|c| c["name"] == "voting chains").and_then(|c| c["counted"].as_u64()).unwrap_or(0)
}
