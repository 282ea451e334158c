// SPDX-License-Identifier: AGPL-3.0-only
//! Voting in GraphQL: the basket, submissions with receipts, results and receipt checks.
use async_graphql::{Context, ID, Object, SimpleObject};
use chrono::{DateTime, Utc};

use super::rules::VotingMethod;
use super::{BasketView, VotingResults};
use crate::CoreError;
use crate::graphql::{actor, platform, to_gql};
use crate::modules::ideas::model::idea;

fn id_of(id: &ID, what: &'static str) -> async_graphql::Result<i32> {
    id.parse::<i32>().map_err(|_| to_gql(CoreError::NotFound(what)))
}

#[derive(SimpleObject)]
pub struct BasketItem {
    idea_id: ID,
    title: String,
    votes: i64,
    cost: Option<i64>,
}

fn item(i: &idea::Model, votes: i64) -> BasketItem {
    BasketItem { idea_id: ID(i.id.to_string()), title: i.title.clone(), votes, cost: i.cost }
}

#[derive(SimpleObject)]
pub struct Basket {
    method: VotingMethod,
    items: Vec<BasketItem>,
    /// Budgeting: what the basket spends, and the budget.
    spent: i64,
    budget: i64,
    /// Multiple voting: the votes a voter has.
    max_votes: i64,
    submitted_at: Option<DateTime<Utc>>,
    /// The receipt of the latest submission.
    receipt: Option<String>,
    changed_since_submission: bool,
}

impl From<BasketView> for Basket {
    fn from(b: BasketView) -> Self {
        Basket {
            method: b.rules.method,
            items: b.items.iter().map(|(i, v)| item(i, *v)).collect(),
            spent: b.spent,
            budget: b.rules.budget,
            max_votes: b.rules.max_votes,
            submitted_at: b.submitted_at,
            receipt: b.receipt,
            changed_since_submission: b.changed_since_submission,
        }
    }
}

#[derive(SimpleObject)]
pub struct SubmittedBasket {
    /// Keep it: `verifyReceipt` finds it in the published chain.
    receipt: String,
    position: i32,
}

#[derive(SimpleObject)]
pub struct ResultLine {
    idea_id: ID,
    title: String,
    votes: i64,
    voters: i32,
    cost: Option<i64>,
    /// Budgeting: the idea fits in the budget, taking ideas in rank order.
    fits: bool,
}

#[derive(SimpleObject)]
pub struct Results {
    method: VotingMethod,
    budget: i64,
    ideas: Vec<ResultLine>,
    /// Counted ballots (each voter's latest).
    ballots: i32,
    final_hash: String,
    ended: bool,
    /// What the chain held when the phase ended: written once, never changed.
    seal: Option<Seal>,
}

/// A voting phase's seal: its chain's length and final hash when it ended.
#[derive(SimpleObject)]
pub struct Seal {
    final_hash: String,
    entries: i64,
    sealed_at: DateTime<Utc>,
}

impl From<VotingResults> for Results {
    fn from(r: VotingResults) -> Self {
        Results {
            method: r.method,
            budget: r.budget,
            ideas: r
                .rows
                .iter()
                .map(|row| ResultLine {
                    idea_id: ID(row.idea.id.to_string()),
                    title: row.idea.title.clone(),
                    votes: row.votes,
                    voters: row.voters,
                    cost: row.idea.cost,
                    fits: row.fits,
                })
                .collect(),
            ballots: r.ballots as i32,
            final_hash: r.final_hash,
            ended: r.ended,
            seal: r.seal.map(|s| Seal { final_hash: s.final_hash, entries: s.entries, sealed_at: s.sealed_at }),
        }
    }
}

#[derive(SimpleObject)]
pub struct ReceiptCheck {
    found: bool,
    position: Option<i32>,
    /// A later submission by the same voter replaced this one.
    superseded: bool,
}

#[derive(Default)]
pub struct VotingQuery;

#[Object]
impl VotingQuery {
    /// The asking voter's basket in a voting phase.
    async fn basket(&self, ctx: &Context<'_>, phase_id: ID) -> async_graphql::Result<Basket> {
        let p = platform(ctx)?;
        Ok(p.basket(actor(ctx), id_of(&phase_id, "phase")?).await.map_err(to_gql)?.into())
    }

    async fn voting_results(&self, ctx: &Context<'_>, phase_id: ID) -> async_graphql::Result<Results> {
        let p = platform(ctx)?;
        Ok(p.voting_results(actor(ctx), id_of(&phase_id, "phase")?).await.map_err(to_gql)?.into())
    }

    async fn verify_receipt(
        &self,
        ctx: &Context<'_>,
        phase_id: ID,
        receipt: String,
    ) -> async_graphql::Result<ReceiptCheck> {
        let p = platform(ctx)?;
        let found = p.verify_receipt(id_of(&phase_id, "phase")?, &receipt).await.map_err(to_gql)?;
        Ok(ReceiptCheck {
            found: found.is_some(),
            position: found.map(|f| f.0),
            superseded: found.is_some_and(|f| f.1),
        })
    }
}

#[derive(Default)]
pub struct VotingMutation;

#[Object]
impl VotingMutation {
    /// Puts votes on an idea (1 for single and budgeting voting).
    async fn add_to_basket(
        &self,
        ctx: &Context<'_>,
        phase_id: ID,
        idea_id: ID,
        #[graphql(default = 1)] votes: i64,
    ) -> async_graphql::Result<Basket> {
        let p = platform(ctx)?;
        let view = p
            .add_to_basket(actor(ctx), id_of(&phase_id, "phase")?, id_of(&idea_id, "idea")?, votes)
            .await
            .map_err(to_gql)?;
        Ok(view.into())
    }

    async fn remove_from_basket(&self, ctx: &Context<'_>, phase_id: ID, idea_id: ID) -> async_graphql::Result<Basket> {
        let p = platform(ctx)?;
        let view = p
            .remove_from_basket(actor(ctx), id_of(&phase_id, "phase")?, id_of(&idea_id, "idea")?)
            .await
            .map_err(to_gql)?;
        Ok(view.into())
    }

    /// Submits the basket (replacing an earlier submission) and returns its receipt.
    async fn submit_basket(&self, ctx: &Context<'_>, phase_id: ID) -> async_graphql::Result<SubmittedBasket> {
        let p = platform(ctx)?;
        let receipt = p.submit_basket(actor(ctx), id_of(&phase_id, "phase")?).await.map_err(to_gql)?;
        Ok(SubmittedBasket { receipt: receipt.hash, position: receipt.seq })
    }

    /// Sets what an idea costs, for budgeting (administrators and the project's moderators).
    async fn set_idea_cost(&self, ctx: &Context<'_>, idea_id: ID, cost: Option<i64>) -> async_graphql::Result<bool> {
        let p = platform(ctx)?;
        p.set_idea_cost(actor(ctx), id_of(&idea_id, "idea")?, cost).await.map_err(to_gql)?;
        Ok(true)
    }
}
