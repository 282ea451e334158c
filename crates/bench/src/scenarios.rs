// SPDX-License-Identifier: AGPL-3.0-only
//! The scenarios: what residents and staff do most, from browsing to writing, and the
//! server's own `/healthz` as the baseline the others are compared with.
use anyhow::{Context, Result, bail};
use serde_json::{Value, json};

use crate::{Args, Kind, Outcome, drive, graphql_ok, login};

/// A cheap, well-spread choice of one of `n` items for a client's step.
pub(crate) fn pick(worker: usize, step: u64, n: usize) -> usize {
    let mixed = (worker as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ step.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    (mixed % n.max(1) as u64) as usize
}

async fn graphql(
    client: &reqwest::Client,
    url: &str,
    token: Option<&str>,
    query: &str,
    variables: Value,
) -> Result<Value> {
    let mut request = client.post(format!("{url}/graphql")).json(&json!({ "query": query, "variables": variables }));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    Ok(request.send().await?.json().await?)
}

/// Adds a scenario's outcome with the server's peak memory during it.
fn record(out: &mut Vec<Outcome>, args: &Args, mut outcome: Outcome) {
    outcome.peak_rss_mb = args.server_pid.and_then(crate::take_peak_rss_mb);
    out.push(outcome);
}

pub async fn run_all(client: &reqwest::Client, args: &Args, seed: &Value) -> Result<Vec<Outcome>> {
    // The first scenario's peak then leaves out the server's start.
    let _ = args.server_pid.and_then(crate::take_peak_rss_mb);
    let url = args.url.trim_end_matches('/').to_owned();
    let projects = graphql(client, &url, None, "{ projects { id slug } }", Value::Null).await?;
    let projects: Vec<(String, String)> = projects["data"]["projects"]
        .as_array()
        .context("no projects: seed the platform first")?
        .iter()
        .filter_map(|p| Some((p["id"].as_str()?.to_owned(), p["slug"].as_str()?.to_owned())))
        // The voting panel's budget has its own scenario (`panel.rs`).
        .filter(|(_, slug)| !slug.ends_with("-panel-budget"))
        .collect();
    if projects.is_empty() {
        bail!("no projects: seed the platform first");
    }
    // Ideas to read, support and comment on: from projects whose ideation is open (the
    // participatory budget's ideas are closed to comments).
    let mut ideas = Vec::new();
    for (id, _) in projects.iter().filter(|(_, slug)| !slug.ends_with("-budget")).take(20) {
        let page = graphql(
            client,
            &url,
            None,
            "query($p: ID!) { ideas(projectId: $p, first: 50) { nodes { id } } }",
            json!({ "p": id }),
        )
        .await?;
        ideas.extend(
            page["data"]["ideas"]["nodes"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|i| i["id"].as_str().map(str::to_owned)),
        );
    }
    if ideas.is_empty() {
        bail!("the seeded projects have no ideas");
    }
    // The seeded accounts, signed in by making their session tokens (see `Args::session_secret`).
    let keys = townhall_core::sessions::SessionKeys::new(args.session_secret.as_bytes());
    let first_user = seed["first_user"].as_i64().context("the seed's first account")?;
    let tokens: Vec<String> = (0..args.connections as i64)
        .map(|n| keys.issue(i32::try_from(first_user + n).unwrap_or(i32::MAX), 0))
        .collect();
    let admin = login(client, &url, &args.admin, &args.password).await?;
    let (projects, ideas, tokens) =
        (std::sync::Arc::new(projects), std::sync::Arc::new(ideas), std::sync::Arc::new(tokens));
    let mut out = Vec::new();

    let get = |path_of: std::sync::Arc<dyn Fn(usize, u64) -> String + Send + Sync>| {
        let (client, url) = (client.clone(), url.clone());
        move |w: usize, n: u64| {
            let (client, path) = (client.clone(), format!("{url}{}", path_of(w, n)));
            async move { client.get(path).send().await.is_ok_and(|r| r.status().is_success()) }
        }
    };
    record(
        &mut out,
        args,
        drive("healthz (baseline)", Kind::Baseline, args, get(std::sync::Arc::new(|_, _| "/healthz".to_owned()))).await,
    );
    record(&mut out, args, drive("home page", Kind::Read, args, get(std::sync::Arc::new(|_, _| "/".to_owned()))).await);
    let p = projects.clone();
    let sorts = ["trending", "newest", "most_reacted", "random"];
    record(
        &mut out,
        args,
        drive(
            "project page, 24 idea cards",
            Kind::Read,
            args,
            get(std::sync::Arc::new(move |w, n| {
                format!(
                    "/projects/{}?sort={}",
                    p[pick(w, n, p.len())].1,
                    sorts[pick(n as usize, w as u64, sorts.len())]
                )
            })),
        )
        .await,
    );
    let i = ideas.clone();
    record(
        &mut out,
        args,
        drive(
            "idea page",
            Kind::Read,
            args,
            get(std::sync::Arc::new(move |w, n| format!("/ideas/{}", i[pick(w, n, i.len())]))),
        )
        .await,
    );
    let p = projects.clone();
    let words = ["park", "bench", "tree", "street", "school", "light"];
    record(
        &mut out,
        args,
        drive(
            "search",
            Kind::Read,
            args,
            get(std::sync::Arc::new(move |w, n| {
                format!("/projects/{}?q={}", p[pick(w, n, p.len())].1, words[pick(n as usize, w as u64, words.len())])
            })),
        )
        .await,
    );
    if args.wants(crate::panel::NAME) {
        record(&mut out, args, crate::panel::voting_panel(client, args, seed, &tokens).await?);
    }
    let (c, u, p) = (client.clone(), url.clone(), projects.clone());
    record(&mut out, args,
        drive("GraphQL ideas list, 50 with counts and author", Kind::Read, args, move |w, n| {
            let (c, u, project) = (c.clone(), u.clone(), p[pick(w, n, p.len())].0.clone());
            async move {
                let query = "query($p: ID!) { ideas(projectId: $p, first: 50) { nodes { id title authorName reactionsUp reactionsDown commentsCount statusCode } pageInfo { hasNextPage } } }";
                graphql_ok(c.post(format!("{u}/graphql")).json(&json!({ "query": query, "variables": { "p": project } })).send().await).await
            }
        })
        .await,
    );
    let (c, u, i, t) = (client.clone(), url.clone(), ideas.clone(), tokens.clone());
    record(
        &mut out,
        args,
        drive("reaction toggle", Kind::Write, args, move |w, n| {
            let (c, u, idea, token) = (c.clone(), u.clone(), i[pick(w, n / 2, i.len())].clone(), t[w].clone());
            async move {
                let query = if n % 2 == 0 {
                    "mutation($i: ID!) { react(ideaId: $i, mode: UP) { reactionsUp } }"
                } else {
                    "mutation($i: ID!) { removeReaction(ideaId: $i) { reactionsUp } }"
                };
                graphql_ok(
                    c.post(format!("{u}/graphql"))
                        .bearer_auth(token)
                        .json(&json!({ "query": query, "variables": { "i": idea } }))
                        .send()
                        .await,
                )
                .await
            }
        })
        .await,
    );
    let (c, u, i, t) = (client.clone(), url.clone(), ideas.clone(), tokens.clone());
    record(
        &mut out,
        args,
        drive("comment post", Kind::Write, args, move |w, n| {
            let (c, u, idea, token) = (c.clone(), u.clone(), i[pick(w, n, i.len())].clone(), t[w].clone());
            async move {
                let query = "mutation($i: ID!, $b: String!) { postComment(ideaId: $i, body: $b) { id } }";
                let body = format!("Benchmark comment {n} from client {w}.");
                graphql_ok(
                    c.post(format!("{u}/graphql"))
                        .bearer_auth(token)
                        .json(&json!({ "query": query, "variables": { "i": idea, "b": body } }))
                        .send()
                        .await,
                )
                .await
            }
        })
        .await,
    );
    if args.wants(crate::burst::NAME) {
        record(&mut out, args, crate::burst::ballot_burst(client, args, seed, &admin).await?);
    }
    if args.wants(EXPORT) {
        record(&mut out, args, export(client, &url, &admin).await?);
    }
    out.retain(|o| args.wants(o.name));
    Ok(out)
}

const EXPORT: &str = "CSV export of all ideas (rows/s)";

/// The export of every idea, once: time to the last byte.
async fn export(client: &reqwest::Client, url: &str, admin: &str) -> Result<Outcome> {
    let started = std::time::Instant::now();
    let answer = client.get(format!("{url}/admin/exports/download?kind=ideas")).bearer_auth(admin).send().await?;
    let ok = answer.status().is_success();
    let bytes = answer.bytes().await?;
    let seconds = started.elapsed().as_secs_f64();
    let rows = bytes.iter().filter(|b| **b == b'\n').count().saturating_sub(1) as u64;
    Ok(Outcome {
        name: EXPORT,
        kind: Kind::Read,
        notes: json!({ "rows": rows, "seconds": (seconds * 100.0).round() / 100.0 }),
        requests: rows,
        errors: u64::from(!ok),
        seconds,
        p50_ms: seconds * 1000.0,
        p99_ms: seconds * 1000.0,
        peak_rss_mb: None,
    })
}
