// SPDX-License-Identifier: AGPL-3.0-only
//! Drives a running Townhall server with concurrent clients, one scenario after the other, and
//! prints per scenario the requests per second, the median and 99th-percentile latency and the
//! errors (a status of 400 or more, or a GraphQL answer with `errors`) as JSON, with the raw
//! insert rate of the database as the baseline of the write scenarios.
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use clap::Parser;
use serde_json::{Value, json};

mod baseline;
mod burst;
mod drill;
mod panel;
mod scenarios;

/// What to do: drive the benchmark scenarios, or one half of a crash drill.
#[derive(Parser, Debug)]
#[command(name = "townhall-bench")]
enum Cli {
    /// Drive the benchmark scenarios against a running server and print the report as JSON.
    Drive(Args),
    /// Submit ballots until the server goes away, recording each acknowledged receipt.
    Vote(drill::VoteArgs),
    /// Check in the database that every recorded receipt is in the phase's chain.
    Acknowledged(drill::AcknowledgedArgs),
}

#[derive(clap::Args, Debug, Clone)]
pub struct Args {
    /// The server, such as http://127.0.0.1:3000.
    #[arg(long)]
    pub url: String,
    /// Seconds per scenario.
    #[arg(long, default_value_t = 10)]
    pub seconds: u64,
    /// Concurrent clients.
    #[arg(long, default_value_t = 64)]
    pub connections: usize,
    /// The JSON summary `townhall seed --scale --json` printed (accounts and the open vote).
    #[arg(long)]
    pub seed: std::path::PathBuf,
    /// The server's session secret (`TOWNHALL_SESSION_SECRET`): the load generator signs the
    /// seeded accounts in by making their session tokens, as thousands of argon2 sign-ins
    /// would measure the password hash instead of the platform.
    #[arg(long)]
    pub session_secret: String,
    /// An administrator's e-mail and password, for the export.
    #[arg(long)]
    pub admin: String,
    #[arg(long)]
    pub password: String,
    /// Distinct voters in the ballot burst (at most the seeded accounts).
    #[arg(long, default_value_t = 10_000)]
    pub voters: u64,
    /// A database of the same kind (and settings) for the raw insert baseline; left out, no
    /// baseline is measured.
    #[arg(long)]
    pub baseline_database: Option<String>,
    /// Only the scenarios whose names contain this text, or one of several separated by commas
    /// (and the `/healthz` baseline), to profile one of them or compare a few in one run.
    #[arg(long)]
    pub only: Option<String>,
    /// The server's process id, when it runs on this machine: each scenario then reports the
    /// server's peak resident memory during it (Linux's high-water mark, reset in between).
    #[arg(long)]
    pub server_pid: Option<u32>,
}

impl Args {
    /// Whether the scenario `name` is to run (see `only`).
    pub fn wants(&self, name: &str) -> bool {
        self.only
            .as_deref()
            .is_none_or(|only| name.contains("baseline") || only.split(',').any(|part| name.contains(part.trim())))
    }
}

/// One scenario's outcome.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub name: &'static str,
    pub kind: Kind,
    pub requests: u64,
    pub errors: u64,
    pub seconds: f64,
    pub p50_ms: f64,
    pub p99_ms: f64,
    /// What else the scenario found (the ballot burst's checks).
    pub notes: Value,
    /// The server's peak resident memory during the scenario (see `Args::server_pid`).
    pub peak_rss_mb: Option<f64>,
}

/// What a scenario is compared with: reads with the server's `/healthz`, writes with the raw
/// insert rate of the database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Baseline,
    Read,
    Write,
}

impl Outcome {
    pub fn json(&self) -> Value {
        json!({
            "scenario": self.name,
            "kind": match self.kind { Kind::Baseline => "baseline", Kind::Read => "read", Kind::Write => "write" },
            "notes": self.notes,
            "requests": self.requests,
            "errors": self.errors,
            "requests_per_second": (self.requests as f64 / self.seconds * 10.0).round() / 10.0,
            "p50_ms": (self.p50_ms * 100.0).round() / 100.0,
            "p99_ms": (self.p99_ms * 100.0).round() / 100.0,
            "peak_rss_mb": self.peak_rss_mb,
        })
    }
}

/// The server's resident high-water mark in MB since it was last reset, which it then resets
/// (writing 5 to `clear_refs`), so the next reading covers only what ran in between.
pub fn take_peak_rss_mb(pid: u32) -> Option<f64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let kb: f64 = status.lines().find(|l| l.starts_with("VmHWM:"))?.split_whitespace().nth(1)?.parse().ok()?;
    // Without the reset the next readings repeat this one; they are then still an upper bound.
    let _ = std::fs::write(format!("/proc/{pid}/clear_refs"), "5");
    Some((kb / 1024.0 * 10.0).round() / 10.0)
}

/// The percentile `q` (0..1) of sorted latencies in microseconds, in milliseconds.
pub fn percentile(sorted: &[u32], q: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let at = ((sorted.len() as f64 - 1.0) * q).round() as usize;
    f64::from(sorted[at]) / 1000.0
}

/// Runs `step` on `connections` clients for `seconds`; a step returns whether it succeeded.
pub async fn drive<F, Fut>(name: &'static str, kind: Kind, args: &Args, step: F) -> Outcome
where
    F: Fn(usize, u64) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = bool> + Send,
{
    if !args.wants(name) {
        return Outcome {
            name,
            kind,
            notes: Value::Null,
            requests: 0,
            errors: 0,
            seconds: 0.0,
            p50_ms: 0.0,
            p99_ms: 0.0,
            peak_rss_mb: None,
        };
    }
    let step = Arc::new(step);
    let deadline = Instant::now() + Duration::from_secs(args.seconds);
    let started = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for worker in 0..args.connections {
        let step = step.clone();
        tasks.spawn(async move {
            let (mut latencies, mut errors, mut n) = (Vec::new(), 0_u64, 0_u64);
            while Instant::now() < deadline {
                let t = Instant::now();
                let ok = step(worker, n).await;
                latencies.push(t.elapsed().as_micros().min(u128::from(u32::MAX)) as u32);
                errors += u64::from(!ok);
                n += 1;
            }
            (latencies, errors)
        });
    }
    let (mut all, mut errors) = (Vec::new(), 0);
    while let Some(Ok((latencies, e))) = tasks.join_next().await {
        all.extend(latencies);
        errors += e;
    }
    all.sort_unstable();
    Outcome {
        name,
        kind,
        notes: Value::Null,
        requests: all.len() as u64,
        errors,
        seconds: started.elapsed().as_secs_f64(),
        p50_ms: percentile(&all, 0.5),
        p99_ms: percentile(&all, 0.99),
        peak_rss_mb: None,
    }
}

/// Whether a GraphQL answer succeeded.
pub async fn graphql_ok(answer: Result<reqwest::Response, reqwest::Error>) -> bool {
    match answer {
        Ok(r) if r.status().is_success() => {
            r.json::<Value>().await.is_ok_and(|v| v.get("errors").is_none() && v.get("data").is_some())
        }
        _ => false,
    }
}

pub async fn login(client: &reqwest::Client, url: &str, email: &str, password: &str) -> Result<String> {
    let answer: Value = client
        .post(format!("{url}/graphql"))
        .json(&json!({
            "query": "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }",
            "variables": { "e": email, "p": password },
        }))
        .send()
        .await?
        .json()
        .await?;
    match answer["data"]["login"]["token"].as_str() {
        Some(token) => Ok(token.to_owned()),
        None => bail!("cannot sign in {email}: {answer}"),
    }
}

#[tokio::main]
async fn main() -> Result<()> {
    let args = match Cli::parse() {
        Cli::Drive(args) => args,
        Cli::Vote(args) => return drill::vote(&args).await,
        Cli::Acknowledged(args) => return drill::acknowledged(&args).await,
    };
    // The server closes a connection idle for 10 s (its header timeout); a client that reuses
    // one at that moment loses the request, so idle connections are dropped sooner.
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(args.connections)
        .pool_idle_timeout(std::time::Duration::from_secs(5))
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .context("HTTP client")?;
    let seed: Value = serde_json::from_slice(&std::fs::read(&args.seed).context("the seed summary")?)?;
    let outcomes = scenarios::run_all(&client, &args, &seed).await?;
    let inserts = match &args.baseline_database {
        Some(url) => Some(baseline::insert_rate(url, args.seconds).await.context("the raw insert baseline")?),
        None => None,
    };
    let report = json!({
        "scenarios": outcomes.iter().map(Outcome::json).collect::<Vec<_>>(),
        "raw_inserts_per_second": inserts.map(|r| r.round()),
    });
    println!("{}", serde_json::to_string_pretty(&report)?);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::percentile;

    #[test]
    fn percentiles_pick_from_sorted_latencies() {
        let sorted: Vec<u32> = (1..=100).map(|n| n * 1000).collect();
        assert_eq!(percentile(&sorted, 0.5), 51.0);
        assert_eq!(percentile(&sorted, 0.99), 99.0);
        assert_eq!(percentile(&[], 0.5), 0.0);
    }
}
