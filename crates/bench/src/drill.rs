// SPDX-License-Identifier: AGPL-3.0-only
//! The two halves of the crash drills: `vote` submits ballots from the seeded accounts until the
//! server goes away, writing each acknowledged receipt to a file as soon as it arrives; and
//! `acknowledged` checks, straight in the database, that every such receipt is in the chain.
use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use anyhow::{Context, Result};
use clap::Parser;
use serde_json::{Value, json};
use townhall_core::modules::voting::model::ballot;
use townhall_core::sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect};
use townhall_core::sessions::SessionKeys;

use crate::burst::Vote;

#[derive(Parser, Debug, Clone)]
pub struct VoteArgs {
    #[arg(long)]
    pub url: String,
    /// The JSON summary of `townhall seed --scale --json`.
    #[arg(long)]
    pub seed: std::path::PathBuf,
    #[arg(long)]
    pub session_secret: String,
    /// Where acknowledged receipts go, one `user receipt` line each (appended).
    #[arg(long)]
    pub ack: std::path::PathBuf,
    /// The first voter, counted from the first seeded account (wraps around the accounts, so
    /// later rounds replace earlier baskets).
    #[arg(long, default_value_t = 0)]
    pub from: u64,
    #[arg(long, default_value_t = 16)]
    pub connections: usize,
}

const ADD: &str = "mutation($p: ID!, $i: ID!) { addToBasket(phaseId: $p, ideaId: $i) { spent } }";
const SUBMIT: &str = "mutation($p: ID!) { submitBasket(phaseId: $p) { receipt } }";

/// Votes until requests fail several times in a row (the server was killed); prints how many
/// receipts it wrote.
pub async fn vote(args: &VoteArgs) -> Result<()> {
    let seed: Value = serde_json::from_slice(&std::fs::read(&args.seed).context("the seed summary")?)?;
    let vote = Arc::new(Vote::from_seed(&seed).context("the seed has no vote")?);
    let first_user = seed["first_user"].as_i64().context("the seed's first account")?;
    let users = seed["users"].as_u64().context("the seed's accounts")?.max(1);
    let keys = Arc::new(SessionKeys::new(args.session_secret.as_bytes()));
    let client = reqwest::Client::builder().timeout(std::time::Duration::from_secs(10)).build()?;
    let ack = Arc::new(std::sync::Mutex::new(
        std::fs::OpenOptions::new().create(true).append(true).open(&args.ack).context("the receipts file")?,
    ));
    let next = Arc::new(AtomicU64::new(args.from));
    let written = Arc::new(AtomicU64::new(0));
    let url = args.url.trim_end_matches('/').to_owned();
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..args.connections {
        let (client, url, vote, keys, next, ack, written) =
            (client.clone(), url.clone(), vote.clone(), keys.clone(), next.clone(), ack.clone(), written.clone());
        tasks.spawn(async move {
            let mut failures = 0;
            while failures < 5 {
                let n = next.fetch_add(1, Ordering::Relaxed);
                let user = first_user + (n % users) as i64;
                let token = keys.issue(i32::try_from(user).unwrap_or(i32::MAX), 0);
                let count = vote.ideas.len() as u64;
                let idea = vote.ideas[(n % count) as usize].0;
                let call = |query: &'static str, variables: Value| {
                    let request = client
                        .post(format!("{url}/graphql"))
                        .bearer_auth(&token)
                        .json(&json!({ "query": query, "variables": variables }));
                    async move { request.send().await.ok()?.json::<Value>().await.ok() }
                };
                let phase = vote.phase.to_string();
                let added = call(ADD, json!({ "p": phase, "i": idea.to_string() })).await;
                let submitted = match added {
                    Some(a) if a.get("errors").is_none() => call(SUBMIT, json!({ "p": phase })).await,
                    _ => None,
                };
                match submitted.as_ref().and_then(|s| s["data"]["submitBasket"]["receipt"].as_str()) {
                    Some(receipt) => {
                        failures = 0;
                        if let Ok(mut file) = ack.lock() {
                            // Written and flushed before the next request: what is acknowledged is on record.
                            let _ = writeln!(file, "{user} {receipt}");
                            let _ = file.flush();
                        }
                        written.fetch_add(1, Ordering::Relaxed);
                    }
                    None => {
                        failures += 1;
                        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
                    }
                }
            }
        });
    }
    while tasks.join_next().await.is_some() {}
    println!("{}", json!({ "acknowledged": written.load(Ordering::Relaxed), "next": next.load(Ordering::Relaxed) }));
    Ok(())
}

#[derive(Parser, Debug, Clone)]
pub struct AcknowledgedArgs {
    #[arg(long)]
    pub database_url: String,
    #[arg(long)]
    pub phase: i32,
    #[arg(long)]
    pub ack: std::path::PathBuf,
}

/// Prints how many acknowledged receipts there are and which are missing from the chain.
pub async fn acknowledged(args: &AcknowledgedArgs) -> Result<()> {
    let conn = townhall_core::db::connect(&args.database_url).await?;
    let hashes: std::collections::HashSet<String> = ballot::Entity::find()
        .select_only()
        .column(ballot::Column::Hash)
        .filter(ballot::Column::PhaseId.eq(args.phase))
        .into_tuple()
        .all(&conn)
        .await?
        .into_iter()
        .collect();
    let text = std::fs::read_to_string(&args.ack).unwrap_or_default();
    let receipts: Vec<&str> = text.lines().filter_map(|l| l.split_whitespace().nth(1)).collect();
    let missing: Vec<&str> = receipts.iter().copied().filter(|r| !hashes.contains(*r)).collect();
    println!("{}", json!({ "acknowledged": receipts.len(), "in_chain": hashes.len(), "missing": missing }));
    conn.close().await?;
    Ok(())
}
