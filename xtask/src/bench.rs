// SPDX-License-Identifier: AGPL-3.0-only
//! `cargo xtask bench`: builds in release mode; for each database, seeds a dataset with
//! `townhall seed --scale`, starts the server, drives it with `townhall-bench`, and writes the
//! results to `bench/results/<date>-<backend>.json` and the tables in `docs/performance.md`.
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use clap::{Args, ValueEnum};
use townhall_testkit::PgCluster;

use crate::test::workspace_root;

#[derive(Args, Debug)]
pub struct BenchArgs {
    /// A small dataset (2,000 ideas, 1,000 voters) and short scenarios, to try the benchmark.
    #[arg(long)]
    quick: bool,
    /// Ideas to seed (default 200,000; with --quick 2,000).
    #[arg(long)]
    ideas: Option<u64>,
    /// Seconds per scenario (default 10; with --quick 3).
    #[arg(long)]
    seconds: Option<u64>,
    /// Concurrent clients.
    #[arg(long, default_value_t = 64)]
    connections: usize,
    /// Distinct voters of the ballot burst (default 10,000; with --quick 1,000).
    #[arg(long)]
    voters: Option<u64>,
    /// Which databases to measure.
    #[arg(long, value_enum, default_value_t = Backends::Both)]
    backend: Backends,
    /// Only the scenarios whose names contain this text, or one of several separated by commas
    /// (and the `/healthz` baseline). The
    /// results file is written, but not docs/performance.md, whose tables hold full runs.
    #[arg(long)]
    only: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Backends {
    Sqlite,
    Postgres,
    Both,
}

const PASSWORD: &str = "benchmark password for every account";
const ADMIN: &str = "bench-admin@example.invalid";
/// The server's session secret, known to the load generator (it signs the accounts in).
const SESSION_SECRET: &str = "the benchmark's session secret, never used in production";

/// The server, stopped when dropped.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn townhall(root: &Path, data: &Path, database: &str) -> Command {
    let mut c = Command::new(crate::test::target_dir(root).join("release/townhall"));
    c.arg("--data-dir").arg(data).args(["--database-url", database]).env("RUST_LOG", "warn");
    c
}

/// Whether `GET /healthz` answers 200 on `port`.
fn healthy(port: u16) -> bool {
    let Ok(mut stream) = std::net::TcpStream::connect(("127.0.0.1", port)) else { return false };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
    if stream.write_all(b"GET /healthz HTTP/1.0\r\nHost: localhost\r\n\r\n").is_err() {
        return false;
    }
    let mut answer = String::new();
    let _ = stream.read_to_string(&mut answer);
    answer.starts_with("HTTP/1.1 200") || answer.starts_with("HTTP/1.0 200")
}

/// The server's peak resident memory, in MB, from the kernel.
fn peak_rss_mb(pid: u32) -> Option<f64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some((kb / 1024.0 * 10.0).round() / 10.0)
}

/// What the machine is, for the results.
fn machine() -> serde_json::Value {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.trim().to_owned())
        })
        .unwrap_or_default();
    let memory = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|m| m.lines().next().and_then(|l| l.split_whitespace().nth(1)).and_then(|kb| kb.parse::<u64>().ok()))
        .map_or(0, |kb| kb / 1024 / 1024);
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    serde_json::json!({ "cpu": cpu, "cores": cores, "memory_gb": memory })
}

/// One database to measure: its URL, the baseline's, and the cluster that serves them.
struct Target {
    name: &'static str,
    database: String,
    baseline: String,
    _cluster: Option<PgCluster>,
}

fn targets(which: Backends, data: &Path) -> Result<Vec<Target>> {
    let mut out = Vec::new();
    if which != Backends::Postgres {
        out.push(Target {
            name: "sqlite",
            database: format!("sqlite://{}?mode=rwc", data.join("sqlite/townhall.db").display()),
            baseline: format!("sqlite://{}?mode=rwc", data.join("sqlite/baseline.db").display()),
            _cluster: None,
        });
    }
    if which != Backends::Sqlite {
        eprintln!("==> starting a PostgreSQL cluster with the default durability");
        let cluster = PgCluster::start_durable().map_err(|e| anyhow::anyhow!("PostgreSQL: {e}"))?;
        for db in ["townhall", "baseline"] {
            cluster.create_database(db).map_err(|e| anyhow::anyhow!("PostgreSQL: {e}"))?;
        }
        out.push(Target {
            name: "postgres",
            database: cluster.url("townhall"),
            baseline: cluster.url("baseline"),
            _cluster: Some(cluster),
        });
    }
    Ok(out)
}

pub fn run(args: &BenchArgs) -> Result<()> {
    let root = workspace_root();
    let ideas = args.ideas.unwrap_or(if args.quick { 2_000 } else { 200_000 });
    let seconds = args.seconds.unwrap_or(if args.quick { 3 } else { 10 });
    let voters = args.voters.unwrap_or(if args.quick { 1_000 } else { 10_000 });
    eprintln!("==> building the server and the load generator (release)");
    let built = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["build", "--release", "-p", "townhall-server", "-p", "townhall-bench"])
        .current_dir(&root)
        .status()?;
    if !built.success() {
        bail!("the release build failed");
    }
    let data = tempfile::Builder::new().prefix("townhall-bench-").tempdir()?;
    for target in targets(args.backend, data.path())? {
        let dir = data.path().join(target.name);
        std::fs::create_dir_all(&dir)?;
        let report = measure(&root, &dir, &target, ideas, seconds, voters, args)?;
        let date = chrono::Utc::now().format("%Y-%m-%d").to_string();
        let results = root.join("bench/results");
        std::fs::create_dir_all(&results)?;
        let suffix = match (args.quick, args.only.is_some()) {
            (_, true) => "-only",
            (true, false) => "-quick",
            (false, false) => "",
        };
        let file = results.join(format!("{date}-{}{suffix}.json", target.name));
        std::fs::write(&file, serde_json::to_string_pretty(&report)? + "\n")?;
        if args.only.is_some() {
            eprintln!("==> wrote {} (docs/performance.md holds full runs only)", file.display());
            continue;
        }
        write_table(&root, target.name, &report)?;
        eprintln!("==> wrote {} and docs/performance.md", file.display());
    }
    Ok(())
}

/// Seeds, serves and drives one database; returns its report.
fn measure(
    root: &Path,
    dir: &Path,
    target: &Target,
    ideas: u64,
    seconds: u64,
    voters: u64,
    args: &BenchArgs,
) -> Result<serde_json::Value> {
    eprintln!("==> {}: seeding {ideas} ideas", target.name);
    let started = Instant::now();
    let seeded = townhall(root, dir, &target.database)
        .args(["seed", "--scale", &ideas.to_string(), "--password", PASSWORD, "--json"])
        .stderr(Stdio::inherit())
        .output()?;
    if !seeded.status.success() {
        bail!("seeding failed");
    }
    let seed_seconds = started.elapsed().as_secs_f64();
    let seed_file = dir.join("seed.json");
    std::fs::write(&seed_file, &seeded.stdout)?;
    let seed: serde_json::Value = serde_json::from_slice(&seeded.stdout).context("the seed's summary")?;
    let mut admin = townhall(root, dir, &target.database)
        .args(["admin", "create", "--email", ADMIN, "--name", "Bench"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()?;
    admin.stdin.take().context("stdin")?.write_all(format!("{PASSWORD}\n").as_bytes())?;
    if !admin.wait()?.success() {
        bail!("cannot create the administrator");
    }

    let port = townhall_testkit::free_port()?;
    let bind = format!("127.0.0.1:{port}");
    let child = townhall(root, dir, &target.database)
        .args(["serve", "--bind", &bind, "--base-url", &format!("http://{bind}")])
        .env("TOWNHALL_SESSION_SECRET", SESSION_SECRET)
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()?;
    let server = Server(child);
    let deadline = Instant::now() + Duration::from_secs(60);
    while !healthy(port) {
        if Instant::now() > deadline {
            bail!("the server did not start");
        }
        std::thread::sleep(Duration::from_millis(100));
    }

    eprintln!("==> {}: driving {} clients, {seconds} s per scenario", target.name, args.connections);
    let mut drive = Command::new(crate::test::target_dir(root).join("release/townhall-bench"));
    drive.arg("drive");
    if let Some(only) = &args.only {
        drive.args(["--only", only]);
    }
    let driven = drive
        .args(["--url", &format!("http://{bind}"), "--seconds", &seconds.to_string()])
        .args(["--connections", &args.connections.to_string(), "--voters", &voters.to_string()])
        .arg("--seed")
        .arg(&seed_file)
        .args(["--session-secret", SESSION_SECRET, "--admin", ADMIN, "--password", PASSWORD])
        .args(["--baseline-database", &target.baseline])
        .args(["--server-pid", &server.0.id().to_string()])
        .stderr(Stdio::inherit())
        .output()?;
    let last = peak_rss_mb(server.0.id());
    drop(server);
    if !driven.status.success() {
        bail!("the load generator failed");
    }
    let mut report: serde_json::Value =
        serde_json::from_slice(&driven.stdout).context("the load generator's report")?;

    // Reads next to the server's own /healthz, writes next to the raw insert rate.
    let healthz = report["scenarios"][0]["requests_per_second"].as_f64().unwrap_or(1.0).max(1.0);
    let inserts = report["raw_inserts_per_second"].as_f64().unwrap_or(0.0);
    if let Some(list) = report["scenarios"].as_array_mut() {
        for s in list {
            let rps = s["requests_per_second"].as_f64().unwrap_or(0.0);
            let ratio = match s["kind"].as_str() {
                Some("write") if inserts > 0.0 => Some(rps / inserts),
                Some("read") => Some(rps / healthz),
                _ => None,
            };
            s["ratio_to_baseline"] = serde_json::json!(ratio.map(|r| (r * 1000.0).round() / 1000.0));
        }
    }
    report["date"] = serde_json::json!(chrono::Utc::now().format("%Y-%m-%d").to_string());
    report["backend"] = serde_json::json!(target.name);
    report["machine"] = machine();
    report["dataset"] = serde_json::json!({ "ideas": seed["ideas"], "users": seed["users"], "projects": seed["projects"], "comments": seed["comments"], "reactions": seed["reactions"], "seed_seconds": (seed_seconds * 10.0).round() / 10.0 });
    report["connections"] = serde_json::json!(args.connections);
    report["seconds_per_scenario"] = serde_json::json!(seconds);
    // The load generator resets the high-water mark after each scenario's reading: the run's
    // peak is the highest of them (and of what followed the last).
    let peak = report["scenarios"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s["peak_rss_mb"].as_f64())
        .chain(last)
        .fold(None, |top: Option<f64>, mb| Some(top.map_or(mb, |t| t.max(mb))));
    report["peak_rss_mb"] = serde_json::json!(peak);
    report["quick"] = serde_json::json!(args.quick);
    Ok(report)
}

/// Replaces this backend's results table in `docs/performance.md`.
fn write_table(root: &Path, backend: &str, report: &serde_json::Value) -> Result<()> {
    let path: PathBuf = root.join("docs/performance.md");
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let (start, end) = (format!("<!-- bench:{backend}:start -->"), format!("<!-- bench:{backend}:end -->"));
    let m = &report["machine"];
    let d = &report["dataset"];
    let mut table = format!(
        "{start}\nLatest run on {backend}: {}, {} ({} cores, {} GB), {} connections, {} s per scenario{}; dataset {} ideas, {} users, {} comments, {} reactions; peak server memory {} MB; raw single-writer inserts {}/s.\n\n| scenario | requests/s | p50 ms | p99 ms | errors | × baseline | peak MB | notes |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n",
        report["date"].as_str().unwrap_or_default(),
        m["cpu"].as_str().unwrap_or_default(),
        m["cores"],
        m["memory_gb"],
        report["connections"],
        report["seconds_per_scenario"],
        if report["quick"] == true { " (quick)" } else { "" },
        d["ideas"],
        d["users"],
        d["comments"],
        d["reactions"],
        report["peak_rss_mb"],
        report["raw_inserts_per_second"],
    );
    for s in report["scenarios"].as_array().into_iter().flatten() {
        let notes = if s["notes"].is_null() { String::new() } else { s["notes"].to_string().replace('|', "/") };
        table.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} | {} | {} |\n",
            s["scenario"].as_str().unwrap_or_default(),
            s["requests_per_second"],
            s["p50_ms"],
            s["p99_ms"],
            s["errors"],
            if s["ratio_to_baseline"].is_null() { "—".to_owned() } else { s["ratio_to_baseline"].to_string() },
            if s["peak_rss_mb"].is_null() { "—".to_owned() } else { s["peak_rss_mb"].to_string() },
            notes,
        ));
    }
    table.push_str(&end);
    let updated = match (text.find(&start), text.find(&end)) {
        (Some(a), Some(b)) => format!("{}{table}{}", &text[..a], &text[b + end.len()..]),
        _ => format!("{}\n{table}\n", text.trim_end()),
    };
    std::fs::write(path, updated)?;
    Ok(())
}
