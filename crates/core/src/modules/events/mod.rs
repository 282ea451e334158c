// SPDX-License-Identifier: AGPL-3.0-only
//! Events of projects (issue #5): registration with a capacity that holds under concurrency,
//! and iCalendar files.
use townhall_license::Edition;

use crate::Module;
use crate::graphql::ModuleGraphql;

mod exports;
mod graphql;
mod ics;
pub mod model;
mod notices;
mod pages;
mod personal_data;
mod service;
#[cfg(test)]
mod tests;

pub use service::EventInput;

#[derive(Debug, Default)]
pub struct EventsModule;

#[async_trait::async_trait]
impl Module for EventsModule {
    fn id(&self) -> &'static str {
        "events"
    }

    fn edition(&self) -> Edition {
        Edition::Core
    }

    async fn clock_notices(
        &self,
        platform: &crate::Platform,
        now: chrono::DateTime<chrono::Utc>,
        _since: chrono::DateTime<chrono::Utc>,
    ) -> crate::CoreResult<usize> {
        notices::clock_notices(platform, now).await
    }

    fn exports(&self) -> Vec<std::sync::Arc<dyn crate::exports::ExportSource>> {
        vec![std::sync::Arc::new(exports::EventRegistrations)]
    }

    fn metrics(&self) -> Vec<crate::dashboard::metrics::Metric> {
        use crate::dashboard::metrics::{Metric, Via};
        let via = Via::Joined { join: " JOIN events e ON e.id = t.event_id", project: "e.project_id" };
        vec![Metric::new("event_registrations", "event_registrations", "created_at", "user_id", via)]
    }

    fn counter_checks(&self) -> Vec<crate::integrity::CounterCheck> {
        vec![crate::integrity::CounterCheck::new("events", "registered", "event_registrations", "event_id")]
    }

    fn routes(&self) -> Option<axum::Router<crate::Platform>> {
        Some(pages::routes())
    }

    fn templates(&self) -> Vec<(&'static str, &'static str)> {
        vec![
            ("events/card.html", include_str!("templates/card.html")),
            ("events/upcoming.html", include_str!("templates/upcoming.html")),
            ("events/project_panel.html", include_str!("templates/project_panel.html")),
            ("events/admin_panel.html", include_str!("templates/admin_panel.html")),
        ]
    }

    async fn project_panel(
        &self,
        platform: &crate::Platform,
        actor: &crate::Actor,
        project: &crate::modules::projects::model::project::Model,
        locale: &'static str,
    ) -> crate::CoreResult<Option<crate::methods::Panel>> {
        pages::project_panel(platform, actor, project, locale).await
    }

    async fn admin_project_panel(
        &self,
        _platform: &crate::Platform,
        _actor: &crate::Actor,
        _project: &crate::modules::projects::model::project::Model,
        _locale: &'static str,
    ) -> crate::CoreResult<Option<crate::methods::Panel>> {
        Ok(Some(crate::methods::Panel::new("events/admin_panel.html", serde_json::Value::Null)))
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

impl ModuleGraphql for EventsModule {
    type Query = graphql::EventsQuery;
    type Mutation = graphql::EventsMutation;
}
