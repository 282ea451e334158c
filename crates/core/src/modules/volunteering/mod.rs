// SPDX-License-Identifier: AGPL-3.0-only
//! Volunteering phases (issue #5): causes residents volunteer for.
use townhall_license::Edition;

use crate::Module;
use crate::graphql::ModuleGraphql;
use crate::permissions::{Action, MethodDef};

mod graphql;
mod images;
pub mod model;
mod personal_data;
mod service;
#[cfg(test)]
mod tests;

pub use service::{VOLUNTEERING, VolunteerRow};

/// Residents volunteer for causes.
pub const VOLUNTEERING_METHOD: MethodDef =
    MethodDef { id: VOLUNTEERING, actions: &[Action::Volunteering], settings: &[] };

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

    fn participation_methods(&self) -> Vec<MethodDef> {
        vec![VOLUNTEERING_METHOD]
    }

    fn translations(&self) -> Vec<(&'static str, &'static str)> {
        vec![
            ("en", include_str!("../../../locales/en/volunteering.ftl")),
            ("nl", include_str!("../../../locales/nl/volunteering.ftl")),
            ("fr", include_str!("../../../locales/fr/volunteering.ftl")),
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
