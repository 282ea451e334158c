// SPDX-License-Identifier: AGPL-3.0-only
//! The ballot burst: thousands of distinct voters each put two costed ideas in their basket and
//! submit it, as fast as the connections allow. Afterwards the published ballot file is checked
//! offline: the chain verifies, every acknowledged ballot is counted once, and no ballot spends
//! more than the budget.
use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use anyhow::{Context, Result};
use serde_json::{Value, json};
use townhall_core::modules::voting::chain;
use townhall_core::sessions::SessionKeys;

use crate::{Args, Kind, Outcome, graphql_ok, percentile};

/// The open vote of the seeded dataset.
pub struct Vote {
    pub phase: i64,
    pub budget: i64,
    pub ideas: Vec<(i64, i64)>,
}

impl Vote {
    pub fn from_seed(seed: &Value) -> Option<Vote> {
        let vote = &seed["vote"];
        let ideas = vote["ideas"].as_array()?.iter().filter_map(|p| Some((p[0].as_i64()?, p[1].as_i64()?))).collect();
        Some(Vote { phase: vote["phase"].as_i64()?, budget: vote["budget"].as_i64()?, ideas })
    }
}

const ADD: &str = "mutation($p: ID!, $i: ID!) { addToBasket(phaseId: $p, ideaId: $i) { spent } }";
const SUBMIT: &str = "mutation($p: ID!) { submitBasket(phaseId: $p) { receipt } }";

async fn run(client: &reqwest::Client, url: &str, token: &str, query: &str, variables: Value) -> bool {
    let answer = client
        .post(format!("{url}/graphql"))
        .bearer_auth(token)
        .json(&json!({ "query": query, "variables": variables }))
        .send()
        .await;
    graphql_ok(answer).await
}

/// The scenario's name in the report.
pub const NAME: &str = "ballot burst (ballots/s: two ideas added, then submitted)";

/// Runs the burst and checks its outcome in the ballot file.
pub async fn ballot_burst(client: &reqwest::Client, args: &Args, seed: &Value, admin_token: &str) -> Result<Outcome> {
    let url = args.url.trim_end_matches('/').to_owned();
    let vote = Arc::new(Vote::from_seed(seed).context("the seed has no vote")?);
    let first_user = seed["first_user"].as_i64().context("the seed's first account")?;
    let voters = args.voters.min(seed["users"].as_u64().unwrap_or(0));
    let keys = Arc::new(SessionKeys::new(args.session_secret.as_bytes()));
    let next = Arc::new(AtomicU64::new(0));
    let started = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..args.connections {
        let (client, url, vote, keys, next) = (client.clone(), url.clone(), vote.clone(), keys.clone(), next.clone());
        tasks.spawn(async move {
            let (mut latencies, mut committed, mut failed) = (Vec::new(), 0_u64, 0_u64);
            loop {
                let n = next.fetch_add(1, Ordering::Relaxed);
                if n >= voters {
                    break;
                }
                let user = i32::try_from(first_user + n as i64).unwrap_or(i32::MAX);
                let token = keys.issue(user, 0);
                let count = vote.ideas.len() as u64;
                let (a, b) = ((n % count) as usize, ((n * 7 + 3) % count) as usize);
                let b = if a == b { (b + 1) % count as usize } else { b };
                let t = Instant::now();
                let mut ok = true;
                for idea in [a, b] {
                    let variables = json!({ "p": vote.phase.to_string(), "i": vote.ideas[idea].0.to_string() });
                    ok &= run(&client, &url, &token, ADD, variables).await;
                }
                ok = ok && run(&client, &url, &token, SUBMIT, json!({ "p": vote.phase.to_string() })).await;
                latencies.push(t.elapsed().as_micros().min(u128::from(u32::MAX)) as u32);
                if ok { committed += 1 } else { failed += 1 }
            }
            (latencies, committed, failed)
        });
    }
    let (mut all, mut committed, mut failed) = (Vec::new(), 0, 0);
    while let Some(Ok((l, c, f))) = tasks.join_next().await {
        all.extend(l);
        committed += c;
        failed += f;
    }
    let seconds = started.elapsed().as_secs_f64();
    all.sort_unstable();
    let notes = check_ballots(client, &url, admin_token, &vote, committed).await?;
    Ok(Outcome {
        name: NAME,
        kind: Kind::Write,
        requests: committed,
        errors: failed,
        seconds,
        p50_ms: percentile(&all, 0.5),
        p99_ms: percentile(&all, 0.99),
        notes,
        peak_rss_mb: None,
    })
}

/// Reads the ballot file as staff and checks it offline.
async fn check_ballots(client: &reqwest::Client, url: &str, token: &str, vote: &Vote, committed: u64) -> Result<Value> {
    let file = client
        .get(format!("{url}/phases/{}/ballots.jsonl", vote.phase))
        .bearer_auth(token)
        .send()
        .await?
        .text()
        .await?;
    let costs: BTreeMap<i64, i64> = vote.ideas.iter().copied().collect();
    let over_budget = file
        .lines()
        .skip(1)
        .filter_map(|line| serde_json::from_str::<Value>(line).ok())
        .filter(|entry| {
            let spent: i64 = entry["ballot"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|p| costs.get(&p[0].as_i64().unwrap_or(0)).copied().unwrap_or(0) * p[1].as_i64().unwrap_or(0))
                .sum();
            spent > vote.budget
        })
        .count();
    let verified = chain::verify(&file);
    Ok(match verified {
        Ok(v) => json!({
            "committed": committed,
            "counted": v.voters,
            "chain_valid": true,
            "over_budget": over_budget,
            "rules_broken": u64::from(v.voters as u64 != committed) + over_budget as u64,
        }),
        Err(broken) => {
            json!({ "committed": committed, "chain_valid": false, "broken_at_line": broken.line, "rules_broken": 1 })
        }
    })
}
