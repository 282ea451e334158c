// SPDX-License-Identifier: AGPL-3.0-only
//! Results of a voting phase: totals per idea (kept with each submission), ranked; for
//! budgeting, which ideas fit in the budget. Administrators and the project's moderators see
//! them during the phase; everyone after it ends when the phase's settings say so, together
//! with the final hash of the chain and the ballot file.
use chrono::Utc;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;

use super::ballot_file::BallotFile;
use super::model::vote_total;
use super::rules::VotingMethod;
use crate::modules::accounts::audit;
use crate::modules::ideas::model::idea;
use crate::permissions::moderates;
use crate::{Actor, CoreError, CoreResult, Platform, db};

#[derive(Debug, Clone)]
pub struct ResultRow {
    pub idea: idea::Model,
    pub votes: i64,
    pub voters: i32,
    /// Budgeting: whether the idea fits in the budget, taking ideas in rank order.
    pub fits: bool,
}

#[derive(Debug, Clone)]
pub struct VotingResults {
    pub method: VotingMethod,
    pub budget: i64,
    pub rows: Vec<ResultRow>,
    pub ballots: usize,
    pub final_hash: String,
    pub ended: bool,
    /// What the chain held when the phase ended (none while it is open, or without ballots).
    pub seal: Option<super::model::seal::Model>,
}

impl Platform {
    /// Whether `actor` may see the phase's results now.
    async fn results_open(&self, actor: &Actor, phase_id: i32) -> CoreResult<bool> {
        let found = self.phase_of(phase_id).await?;
        if self.project_by_id(actor, found.project_id).await?.is_none() {
            return Err(CoreError::NotFound("phase"));
        }
        Ok(self.phase_results_open(actor, &found).await)
    }

    pub async fn voting_results(&self, actor: &Actor, phase_id: i32) -> CoreResult<VotingResults> {
        let (found, rules) = self.voting_phase(phase_id).await?;
        if !self.results_open(actor, phase_id).await? {
            return Err(CoreError::Field { field: "phase", code: "results_not_public" });
        }
        let totals = vote_total::Entity::find().filter(vote_total::Column::PhaseId.eq(phase_id)).all(self.db()).await?;
        let ideas = idea::Entity::find()
            .filter(idea::Column::Id.is_in(totals.iter().map(|t| t.idea_id).collect::<Vec<_>>()))
            .all(self.db())
            .await?;
        let mut rows: Vec<ResultRow> = totals
            .iter()
            .filter(|t| t.votes > 0)
            .filter_map(|t| {
                let idea = ideas.iter().find(|i| i.id == t.idea_id)?.clone();
                Some(ResultRow { idea, votes: t.votes, voters: t.voters, fits: false })
            })
            .collect();
        rows.sort_by(|a, b| b.votes.cmp(&a.votes).then(a.idea.id.cmp(&b.idea.id)));
        if rules.method == VotingMethod::Budgeting {
            let mut left = rules.budget;
            for row in &mut rows {
                let cost = row.idea.cost.unwrap_or(i64::MAX);
                if cost <= left {
                    row.fits = true;
                    left -= cost;
                }
            }
        }
        let (ballots, final_hash) = super::ballot_file::counted_ballots(self.db(), phase_id).await?;
        Ok(VotingResults {
            method: rules.method,
            budget: rules.budget,
            rows,
            ballots,
            final_hash,
            ended: found.has_ended(Utc::now()),
            seal: self.seal_of(phase_id).await?,
        })
    }

    /// The anonymised ballot file (JSON lines), when the results are open to `actor`, to be
    /// read a page at a time.
    pub async fn open_ballot_file(&self, actor: &Actor, phase_id: i32) -> CoreResult<BallotFile> {
        self.voting_phase(phase_id).await?;
        if !self.results_open(actor, phase_id).await? {
            return Err(CoreError::Field { field: "phase", code: "results_not_public" });
        }
        BallotFile::open(self, phase_id).await
    }

    /// The whole ballot file at once (see [`Platform::open_ballot_file`]).
    pub async fn ballot_file(&self, actor: &Actor, phase_id: i32) -> CoreResult<String> {
        self.open_ballot_file(actor, phase_id).await?.into_string().await
    }

    /// Sets what an idea costs (administrators and the project's moderators).
    pub async fn set_idea_cost(&self, actor: &Actor, idea_id: i32, cost: Option<i64>) -> CoreResult<idea::Model> {
        let found = idea::Entity::find_by_id(idea_id).one(self.db()).await?.ok_or(CoreError::NotFound("idea"))?;
        if !moderates(actor, found.project_id) {
            return Err(if actor.user_id().is_none() { CoreError::NotSignedIn } else { CoreError::Forbidden });
        }
        if cost.is_some_and(|c| c < 0) {
            return Err(CoreError::Field { field: "cost", code: "cost_invalid" });
        }
        let txn = db::begin_write(self.db()).await?;
        super::freeze::check_cost_change(&txn, &found, cost).await?;
        let mut active: idea::ActiveModel = found.into();
        active.cost = Set(cost);
        let saved = active.update(&txn).await?;
        audit::record(&txn, actor, "idea.cost", "idea", Some(idea_id.to_string()), json!({ "cost": cost })).await?;
        let updated = crate::modules::platform::changes::ChangeAction::Updated;
        crate::modules::platform::changes::record_idea(&txn, &saved, updated).await?;
        txn.commit().await?;
        Ok(saved)
    }
}
