// SPDX-License-Identifier: AGPL-3.0-only
//! Voting phases (issue #5): single, multiple and budgeting votes on a project's ideas, with a
//! per-phase hash chain of submissions that anyone can verify offline.
use townhall_license::Edition;

use crate::Module;
use crate::graphql::ModuleGraphql;
use crate::permissions::{Action, MethodDef, SettingDef, SettingKind};

mod ballot_file;
mod basket;
pub mod chain;
mod exports;
#[cfg(test)]
mod final_tests;
pub(crate) mod freeze;
mod graphql;
mod integrity;
pub mod model;
mod notices;
mod open_data;
mod pages;
mod personal_data;
mod results;
pub mod rules;
mod seal;
mod statements;
#[cfg(test)]
pub(crate) mod tests;
mod voters;

pub use ballot_file::BallotFile;
pub use basket::{BasketView, Receipt, VOTING};
pub use results::{ResultRow, VotingResults};
pub use rules::VotingMethod;
pub(crate) use seal::{seal_all_ended, seal_in};

const fn number(key: &'static str, min: i64, max: i64, optional: bool) -> SettingDef {
    SettingDef { key, kind: SettingKind::Number { min, max, optional }, gates: None }
}

/// Residents vote on the project's ideas.
pub const VOTING_METHOD: MethodDef = MethodDef {
    id: VOTING,
    actions: &[VOTE],
    settings: &[
        SettingDef {
            key: "voting_method",
            kind: SettingKind::Choice(&["budgeting", "multiple", "single"], "budgeting"),
            gates: None,
        },
        number("budget", 0, 1_000_000_000_000, true),
        number("min_spend", 0, 1_000_000_000_000, true),
        number("min_spend_percent", 0, 100, true),
        number("min_ideas", 0, 10_000, true),
        number("max_ideas", 1, 10_000, true),
        number("max_votes", 1, 10_000, true),
        number("max_per_idea", 1, 10_000, true),
        SettingDef { key: "results_public", kind: SettingKind::Switch(false), gates: None },
    ],
};

/// Submitting a ballot.
pub const VOTE: Action = Action::new(VOTING);

#[derive(Debug, Default)]
pub struct VotingModule;

#[async_trait::async_trait]
impl Module for VotingModule {
    fn id(&self) -> &'static str {
        "voting"
    }

    fn edition(&self) -> Edition {
        Edition::Core
    }

    fn open_datasets(&self) -> Vec<crate::open_data::Dataset> {
        use crate::open_data::Dataset;
        vec![Dataset::new(open_data::VotingResults)]
    }

    fn exports(&self) -> Vec<std::sync::Arc<dyn crate::exports::ExportSource>> {
        vec![std::sync::Arc::new(exports::Votes)]
    }

    fn metrics(&self) -> Vec<crate::dashboard::metrics::Metric> {
        use crate::dashboard::metrics::{Metric, Via};
        vec![Metric::new("votes", "baskets", "submitted_at", "user_id", Via::Phase)]
    }

    fn participation_methods(&self) -> Vec<crate::methods::Method> {
        vec![std::sync::Arc::new(pages::Voting)]
    }

    async fn integrity_check(
        &self,
        platform: &crate::Platform,
    ) -> crate::CoreResult<Option<crate::integrity::ModuleCheck>> {
        integrity::check(platform).await.map(Some)
    }

    fn routes(&self) -> Option<axum::Router<crate::Platform>> {
        Some(pages::routes())
    }

    fn templates(&self) -> Vec<(&'static str, &'static str)> {
        vec![
            ("voting/panel.html", include_str!("templates/panel.html")),
            ("voting/results.html", include_str!("templates/results.html")),
            ("voting/verify.html", include_str!("templates/verify.html")),
        ]
    }

    fn jobs(&self) -> Vec<crate::module::BackgroundJob> {
        // Votes that ended by the clock are sealed within half a minute (and after downtime, as
        // soon as a server runs).
        vec![crate::module::BackgroundJob::new(
            "seal_ended_votes",
            std::time::Duration::from_secs(30),
            |platform| async move {
                platform.seal_ended_votes(chrono::Utc::now()).await.map(drop).map_err(|e| e.to_string())
            },
        )]
    }

    fn translations(&self) -> Vec<(&'static str, &'static str)> {
        vec![
            ("en", include_str!("locales/en.ftl")),
            ("nl", include_str!("locales/nl.ftl")),
            ("fr", include_str!("locales/fr.ftl")),
        ]
    }
    async fn export_personal_data(
        &self,
        db: &sea_orm::DatabaseConnection,
        user_id: i32,
    ) -> Result<Option<serde_json::Value>, sea_orm::DbErr> {
        personal_data::export(db, user_id).await
    }

    async fn erase_personal_data(
        &self,
        txn: &crate::db::WriteTxn,
        user_id: i32,
        _mode: crate::Erasure,
    ) -> Result<(), sea_orm::DbErr> {
        personal_data::erase(txn, user_id).await
    }
}

impl ModuleGraphql for VotingModule {
    type Query = graphql::VotingQuery;
    type Mutation = graphql::VotingMutation;
}
