// SPDX-License-Identifier: AGPL-3.0-only
//! The voting panel of a budget with a thousand costed ideas: signed-in voters, each with three
//! ideas in their basket, read pages of the panel in its orders (by cost both ways and newest
//! first), any of its 42 pages, now and then with a search.
use std::sync::Arc;

use anyhow::{Context, Result, bail};
use serde_json::Value;

use crate::{Args, Kind, Outcome, drive};

/// The scenario's name in the report.
pub const NAME: &str = "voting panel, 1,000-idea budget (24 a page)";

const SORTS: [&str; 3] = ["cost_asc", "cost_desc", "newest"];
const WORDS: [&str; 4] = ["benches", "trees", "station", "playgrounds"];

/// Fills the voters' baskets, then drives the panel's pages.
pub async fn voting_panel(
    client: &reqwest::Client,
    args: &Args,
    seed: &Value,
    tokens: &Arc<Vec<String>>,
) -> Result<Outcome> {
    let url = args.url.trim_end_matches('/').to_owned();
    let panel = &seed["panel"];
    let slug = panel["slug"].as_str().context("the seed has no voting panel's budget")?.to_owned();
    let phase = panel["phase"].as_i64().context("the panel's phase")?;
    let ideas: Vec<i64> = panel["ideas"].as_array().into_iter().flatten().filter_map(|p| p[0].as_i64()).collect();
    if ideas.len() < 1_000 {
        bail!("the panel's budget has {} ideas, not 1,000", ideas.len());
    }
    // Three ideas in each voter's basket (all well within the budget), as plain form posts.
    for (w, token) in tokens.iter().enumerate() {
        for k in 0..3 {
            let idea = ideas[(w * 37 + k * 311) % ideas.len()].to_string();
            let answer = client
                .post(format!("{url}/phases/{phase}/basket"))
                .bearer_auth(token)
                .form(&[("idea_id", idea.as_str()), ("action", "add")])
                .send()
                .await?;
            if answer.status().as_u16() != 303 {
                bail!("a basket change answered {}", answer.status());
            }
        }
    }
    let (client, tokens) = (client.clone(), tokens.clone());
    Ok(drive(NAME, Kind::Read, args, move |w, n| {
        let (client, token) = (client.clone(), tokens[w % tokens.len()].clone());
        let page = crate::scenarios::pick(w, n, 42) + 1;
        let sort = SORTS[(n as usize + w) % SORTS.len()];
        let path = if n % 8 == 7 {
            format!(
                "/projects/{slug}?sort={sort}&q={}",
                WORDS[crate::scenarios::pick(n as usize, w as u64, WORDS.len())]
            )
        } else {
            format!("/projects/{slug}?sort={sort}&page={page}")
        };
        let url = format!("{url}{path}");
        async move { client.get(url).bearer_auth(token).send().await.is_ok_and(|r| r.status().is_success()) }
    })
    .await)
}
