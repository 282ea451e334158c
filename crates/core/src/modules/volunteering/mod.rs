// SPDX-License-Identifier: AGPL-3.0-only
//! Volunteering phases (issue #5): causes residents volunteer for.
use townhall_license::Edition;

use crate::Module;
use crate::graphql::ModuleGraphql;
use crate::permissions::{Action, MethodDef};

mod exports;
mod graphql;
mod images;
pub mod model;
mod pages;
mod personal_data;
mod service;
#[cfg(test)]
mod tests;

pub use service::{VOLUNTEERING, VolunteerRow, VolunteeringService};

/// Residents volunteer for causes.
pub const VOLUNTEERING_METHOD: MethodDef = MethodDef { id: VOLUNTEERING, actions: &[VOLUNTEER], settings: &[] };

/// Volunteering for a cause.
pub const VOLUNTEER: Action = Action::new(VOLUNTEERING);

#[derive(Debug, Default)]
pub struct VolunteeringModule;

#[async_trait::async_trait]
impl Module for VolunteeringModule {
    fn id(&self) -> &'static str {
        "volunteering"
    }

    fn edition(&self) -> Edition {
        Edition::Core
    }

    fn exports(&self) -> Vec<std::sync::Arc<dyn crate::exports::ExportSource>> {
        vec![std::sync::Arc::new(exports::Volunteers)]
    }

    fn metrics(&self) -> Vec<crate::dashboard::metrics::Metric> {
        use crate::dashboard::metrics::{Metric, Via};
        let via = Via::Joined {
            join: " JOIN causes c ON c.id = t.cause_id JOIN phases ph ON ph.id = c.phase_id",
            project: "ph.project_id",
        };
        vec![Metric::new("volunteers", "volunteers", "created_at", "user_id", via)]
    }

    fn counter_checks(&self) -> Vec<crate::integrity::CounterCheck> {
        vec![crate::integrity::CounterCheck::new("causes", "volunteers", "volunteers", "cause_id")]
    }

    fn participation_methods(&self) -> Vec<crate::methods::Method> {
        vec![std::sync::Arc::new(pages::Volunteering)]
    }

    fn routes(&self) -> Option<axum::Router<crate::Platform>> {
        Some(pages::routes())
    }

    fn upload_routes(&self) -> Option<axum::Router<crate::Platform>> {
        Some(pages::upload_routes())
    }

    fn templates(&self) -> Vec<(&'static str, &'static str)> {
        vec![
            ("volunteering/panel.html", include_str!("templates/panel.html")),
            ("volunteering/admin_panel.html", include_str!("templates/admin_panel.html")),
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

impl ModuleGraphql for VolunteeringModule {
    type Query = graphql::VolunteeringQuery;
    type Mutation = graphql::VolunteeringMutation;
}
