// SPDX-License-Identifier: AGPL-3.0-only
//! A list of ideas with every per-idea field costs the same number of statements whatever the
//! page size: each field that needs other rows goes through the request's batch loader.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::atomic::Ordering;

use async_graphql::{EmptySubscription, Schema};
use serde_json::json;

use super::ReactionMode;
use super::tests::{ideation, resident, text};
use crate::graphql::prepare;
use crate::modules::{Mutation, Query};
use crate::testing::counting_platform;

const LIST: &str = "query($ph: ID!, $n: Int!) { ideas(phaseId: $ph, sort: TRENDING, first: $n) { nodes { \
    id title authorName statusCode status { code title } topicIds areaId myReaction following \
    commentsCount reactionsUp permissions { action allowed reason } officialFeedback { body } } pageInfo { endCursor } } \
    projects { phases { id permissions { action allowed } } } }";

#[tokio::test]
async fn a_list_page_costs_the_same_queries_for_5_or_50_ideas() {
    let (p, _dir, count) = counting_platform().await;
    let phase = ideation(&p).await;
    let ana = resident(&p, "ana@example.org").await;
    for i in 0..60 {
        let idea = p.post_idea(&ana, phase, text(format!("Idea number {i}"), "Text")).await.unwrap();
        if i % 2 == 0 {
            p.react(&ana, idea.id, ReactionMode::Up).await.unwrap();
            p.post_official_feedback(&crate::Actor::Operator, idea.id, "Thanks").await.unwrap();
        }
    }
    let schema = Schema::build(Query::default(), Mutation::default(), EmptySubscription).finish();
    // The batch loader gathers a list's keys for a millisecond; on a busy machine a batch can
    // be cut in two, so each size keeps its cheapest of a few runs.
    let mut costs = Vec::new();
    for size in [5, 50] {
        let mut cheapest = usize::MAX;
        for _ in 0..5 {
            let request = async_graphql::Request::new(LIST)
                .variables(async_graphql::Variables::from_json(json!({ "ph": phase.to_string(), "n": size })));
            let request = prepare(request, p.clone(), ana.clone());
            count.store(0, Ordering::SeqCst);
            let answer = schema.execute(request).await;
            assert!(answer.errors.is_empty(), "{:?}", answer.errors);
            let data = answer.data.into_json().unwrap();
            assert_eq!(data["ideas"]["nodes"].as_array().unwrap().len(), size);
            cheapest = cheapest.min(count.load(Ordering::SeqCst));
        }
        costs.push(cheapest);
    }
    eprintln!("statements per list page: {costs:?}");
    assert_eq!(costs[0], costs[1], "statements for 5 and for 50 ideas");
    assert!(costs[0] <= 16, "a list page takes {} statements", costs[0]);
}
