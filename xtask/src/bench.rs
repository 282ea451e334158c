// SPDX-License-Identifier: AGPL-3.0-only
//! `cargo xtask bench`: builds in release mode, seeds a dataset with `townhall seed --scale`,
//! starts the server, drives it with `townhall-bench`, and writes the results to
//! `bench/results/<date>-sqlite.json` and the table in `docs/performance.md`.
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use clap::Args;

use crate::test::workspace_root;

#[derive(Args, Debug)]
pub struct BenchArgs {
    /// A small dataset (2,000 ideas) and short scenarios, to try the benchmark itself.
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
}

const PASSWORD: &str = "benchmark password for every account";
const ADMIN: &str = "bench-admin@example.invalid";

/// The server, stopped when dropped.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn townhall(root: &Path, data: &Path) -> Command {
    let mut c = Command::new(root.join("target/release/townhall"));
    c.arg("--data-dir").arg(data).env("RUST_LOG", "warn");
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

pub fn run(args: &BenchArgs) -> Result<()> {
    let root = workspace_root();
    let ideas = args.ideas.unwrap_or(if args.quick { 2_000 } else { 200_000 });
    let seconds = args.seconds.unwrap_or(if args.quick { 3 } else { 10 });
    eprintln!("==> building the server and the load generator (release)");
    let built = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["build", "--release", "-p", "townhall-server", "-p", "townhall-bench"])
        .current_dir(&root)
        .status()?;
    if !built.success() {
        bail!("the release build failed");
    }
    let data = std::env::temp_dir().join(format!("townhall-bench-{}", std::process::id()));
    std::fs::create_dir_all(&data)?;
    let database = format!("sqlite://{}?mode=rwc", data.join("townhall.db").display());

    eprintln!("==> seeding {ideas} ideas");
    let started = Instant::now();
    let seeded = townhall(&root, &data)
        .args(["--database-url", &database, "seed", "--scale", &ideas.to_string(), "--password", PASSWORD, "--json"])
        .stderr(Stdio::inherit())
        .output()?;
    if !seeded.status.success() {
        bail!("seeding failed");
    }
    let seed: serde_json::Value = serde_json::from_slice(&seeded.stdout).context("the seed's summary")?;
    let seed_seconds = started.elapsed().as_secs_f64();
    let prefix = seed["email_prefix"].as_str().context("the seeded accounts' prefix")?.to_owned();
    let mut admin = townhall(&root, &data)
        .args(["--database-url", &database, "admin", "create", "--email", ADMIN, "--name", "Bench"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()?;
    admin.stdin.take().context("stdin")?.write_all(format!("{PASSWORD}\n").as_bytes())?;
    if !admin.wait()?.success() {
        bail!("cannot create the administrator");
    }

    let port = townhall_testkit::free_port()?;
    let bind = format!("127.0.0.1:{port}");
    let child = townhall(&root, &data)
        .args(["serve", "--bind", &bind, "--database-url", &database, "--base-url", &format!("http://{bind}")])
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

    eprintln!("==> driving {} clients, {seconds} s per scenario", args.connections);
    let driven = Command::new(root.join("target/release/townhall-bench"))
        .args(["--url", &format!("http://{bind}"), "--seconds", &seconds.to_string()])
        .args([
            "--connections",
            &args.connections.to_string(),
            "--email-prefix",
            &prefix,
            "--password",
            PASSWORD,
            "--admin",
            ADMIN,
        ])
        .stderr(Stdio::inherit())
        .output()?;
    if !driven.status.success() {
        bail!("the load generator failed");
    }
    let mut report: serde_json::Value =
        serde_json::from_slice(&driven.stdout).context("the load generator's report")?;
    let peak = peak_rss_mb(server.0.id());
    drop(server);
    let _ = std::fs::remove_dir_all(&data);

    // Each scenario next to the server's own /healthz throughput.
    let baseline = report["scenarios"][0]["requests_per_second"].as_f64().unwrap_or(1.0).max(1.0);
    if let Some(list) = report["scenarios"].as_array_mut() {
        for s in list {
            let rps = s["requests_per_second"].as_f64().unwrap_or(0.0);
            s["ratio_to_healthz"] = serde_json::json!((rps / baseline * 1000.0).round() / 1000.0);
        }
    }
    let date = chrono::Utc::now().format("%Y-%m-%d").to_string();
    report["date"] = serde_json::json!(date);
    report["backend"] = serde_json::json!("sqlite");
    report["machine"] = machine();
    report["dataset"] = serde_json::json!({ "ideas": seed["ideas"], "users": seed["users"], "projects": seed["projects"], "comments": seed["comments"], "reactions": seed["reactions"], "seed_seconds": (seed_seconds * 10.0).round() / 10.0 });
    report["connections"] = serde_json::json!(args.connections);
    report["seconds_per_scenario"] = serde_json::json!(seconds);
    report["peak_rss_mb"] = serde_json::json!(peak);
    report["quick"] = serde_json::json!(args.quick);
    let dir = root.join("bench/results");
    std::fs::create_dir_all(&dir)?;
    let file = dir.join(format!("{date}-sqlite{}.json", if args.quick { "-quick" } else { "" }));
    std::fs::write(&file, serde_json::to_string_pretty(&report)? + "\n")?;
    write_table(&root, &report)?;
    eprintln!("==> wrote {} and docs/performance.md", file.display());
    Ok(())
}

/// Replaces the results table in `docs/performance.md` with this run's.
fn write_table(root: &Path, report: &serde_json::Value) -> Result<()> {
    let path: PathBuf = root.join("docs/performance.md");
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let (start, end) = ("<!-- bench:start -->", "<!-- bench:end -->");
    let m = &report["machine"];
    let d = &report["dataset"];
    let mut table = format!(
        "{start}\nLatest run: {} on SQLite, {} ({} cores, {} GB), {} connections, {} s per scenario; dataset {} ideas, {} users, {} comments, {} reactions; peak server memory {} MB.\n\n| scenario | requests/s | p50 ms | p99 ms | errors | × healthz |\n| --- | ---: | ---: | ---: | ---: | ---: |\n",
        report["date"].as_str().unwrap_or_default(),
        m["cpu"].as_str().unwrap_or_default(),
        m["cores"],
        m["memory_gb"],
        report["connections"],
        report["seconds_per_scenario"],
        d["ideas"],
        d["users"],
        d["comments"],
        d["reactions"],
        report["peak_rss_mb"],
    );
    for s in report["scenarios"].as_array().into_iter().flatten() {
        table.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} |\n",
            s["scenario"].as_str().unwrap_or_default(),
            s["requests_per_second"],
            s["p50_ms"],
            s["p99_ms"],
            s["errors"],
            s["ratio_to_healthz"]
        ));
    }
    table.push_str(end);
    let updated = match (text.find(start), text.find(end)) {
        (Some(a), Some(b)) => format!("{}{table}{}", &text[..a], &text[b + end.len()..]),
        _ => format!("{text}\n{table}\n"),
    };
    std::fs::write(path, updated)?;
    Ok(())
}
