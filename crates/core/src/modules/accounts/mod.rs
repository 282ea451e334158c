// SPDX-License-Identifier: AGPL-3.0-only
//! Accounts: sign-up with e-mail confirmation, sign-in with throttling, sessions that can all be
//! revoked at once, password reset, roles, blocking, the first administrator and the audit log.
use townhall_license::Edition;

use sea_orm::{DatabaseConnection, DbErr};

use crate::db::WriteTxn;
use crate::graphql::ModuleGraphql;
use crate::{Erasure, Module};

mod admin;
pub mod audit;
mod exports;
pub mod external;
mod graphql;
pub(crate) mod mails;
pub mod model;
pub mod password;
mod personal_data;
mod profile;
mod recovery;
mod register;
mod session;
#[cfg(test)]
mod tests;
pub(crate) mod tokens;

pub use admin::{Block, UserPage};
pub use external::{CreatedAccount, ExternalAccount};
pub use personal_data::DELETED_USER;
pub use profile::{AVATAR_PIXELS, ProfileUpdate};
pub use register::{Registration, normalize_email};

#[derive(Debug, Default)]
pub struct AccountsModule;

#[async_trait::async_trait]
impl Module for AccountsModule {
    fn id(&self) -> &'static str {
        "accounts"
    }

    fn edition(&self) -> Edition {
        Edition::Core
    }

    fn exports(&self) -> Vec<std::sync::Arc<dyn crate::exports::ExportSource>> {
        vec![std::sync::Arc::new(exports::Users)]
    }

    fn metrics(&self) -> Vec<crate::dashboard::metrics::Metric> {
        use crate::dashboard::metrics::{Metric, Via};
        vec![Metric::new("registrations", "users", "created_at", "id", Via::Platform)]
    }

    fn translations(&self) -> Vec<(&'static str, &'static str)> {
        vec![
            ("en", include_str!("../../../locales/en/accounts.ftl")),
            ("nl", include_str!("../../../locales/nl/accounts.ftl")),
            ("fr", include_str!("../../../locales/fr/accounts.ftl")),
        ]
    }

    async fn export_personal_data(
        &self,
        db: &DatabaseConnection,
        user_id: i32,
    ) -> Result<Option<serde_json::Value>, DbErr> {
        personal_data::export(db, user_id).await
    }

    /// The account row goes in both modes; the modes differ for content, which other modules own.
    async fn erase_personal_data(&self, txn: &WriteTxn, user_id: i32, _mode: Erasure) -> Result<(), DbErr> {
        personal_data::erase(txn, user_id).await
    }
}

impl ModuleGraphql for AccountsModule {
    type Query = graphql::AccountsQuery;
    type Mutation = graphql::AccountsMutation;
}
