// SPDX-License-Identifier: AGPL-3.0-only
//! Poll phases (issue #5): questions with single or multiple choices, one response per
//! resident, results and a CSV export.
use townhall_license::Edition;

use crate::Module;
use crate::graphql::ModuleGraphql;
use crate::permissions::{Action, MethodDef, SettingDef, SettingKind};

mod exports;
mod graphql;
pub mod model;
mod open_data;
mod pages;
mod personal_data;
mod service;
#[cfg(test)]
mod tests;

pub use service::{POLL, PollQuestion, PollView, PollsService, QuestionInput};

/// Residents answer the poll's questions.
pub const POLL_METHOD: MethodDef = MethodDef {
    id: POLL,
    actions: &[TAKING_POLL],
    settings: &[SettingDef { key: "results_public", kind: SettingKind::Switch(false), gates: None }],
};

/// Answering a poll.
pub const TAKING_POLL: Action = Action::new("taking_poll");

#[derive(Debug, Default)]
pub struct PollsModule;

#[async_trait::async_trait]
impl Module for PollsModule {
    fn id(&self) -> &'static str {
        "polls"
    }

    fn edition(&self) -> Edition {
        Edition::Core
    }

    fn open_datasets(&self) -> Vec<crate::open_data::Dataset> {
        use crate::open_data::Dataset;
        vec![Dataset::new(open_data::PollResults)]
    }

    fn exports(&self) -> Vec<std::sync::Arc<dyn crate::exports::ExportSource>> {
        vec![std::sync::Arc::new(exports::PollResponses)]
    }

    fn metrics(&self) -> Vec<crate::dashboard::metrics::Metric> {
        use crate::dashboard::metrics::{Metric, Via};
        vec![Metric::new("poll_responses", "poll_responses", "created_at", "user_id", Via::Phase)]
    }

    fn counter_checks(&self) -> Vec<crate::integrity::CounterCheck> {
        vec![crate::integrity::CounterCheck::new("poll_options", "votes", "poll_answers", "option_id")]
    }

    fn participation_methods(&self) -> Vec<crate::methods::Method> {
        vec![std::sync::Arc::new(pages::Poll)]
    }

    fn routes(&self) -> Option<axum::Router<crate::Platform>> {
        Some(pages::routes())
    }

    fn templates(&self) -> Vec<(&'static str, &'static str)> {
        vec![
            ("polls/panel.html", include_str!("templates/panel.html")),
            ("polls/admin_panel.html", include_str!("templates/admin_panel.html")),
            ("polls/results.html", include_str!("templates/results.html")),
            ("polls/results_table.html", include_str!("templates/results_table.html")),
        ]
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

impl ModuleGraphql for PollsModule {
    type Query = graphql::PollsQuery;
    type Mutation = graphql::PollsMutation;
}
