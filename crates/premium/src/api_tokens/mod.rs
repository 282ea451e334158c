// SPDX-License-Identifier: LicenseRef-Townhall-Commercial
//! API tokens (Premium): administrators create named tokens for integrations, with a scope
//! (read without personal data, the default; read; read-write) and a rate per minute; a token authenticates GraphQL requests sent with
//! `Authorization: Bearer`, acting as the administrator who created it. Tokens are shown once,
//! stored hashed, revocable, and their use is logged.
use std::time::Duration;

use async_graphql::MergedObject;
use sea_orm::{DatabaseConnection, DbErr};
use townhall_core::actor::ApiClient;
use townhall_core::db::WriteTxn;
use townhall_core::graphql::ModuleGraphql;
use townhall_core::{
    AdminLink, BackgroundJob, CoreResult, Edition, Erasure, FeatureDef, Module, Platform, async_trait,
};

mod graphql;
mod limiter;
pub(crate) mod migration;
pub mod model;
mod pages;
pub mod service;

pub const FEATURE: &str = "api_tokens";

#[derive(Debug, Default)]
pub struct ApiTokens {
    limiter: limiter::RateLimiter,
}

#[async_trait]
impl Module for ApiTokens {
    fn id(&self) -> &'static str {
        FEATURE
    }

    fn edition(&self) -> Edition {
        Edition::Premium
    }

    fn features(&self) -> Vec<FeatureDef> {
        vec![FeatureDef::new(FEATURE, Edition::Premium, "API tokens for integrations")]
    }

    fn routes(&self) -> Option<townhall_core::axum::Router<Platform>> {
        Some(townhall_core::features::gated(pages::routes(), FEATURE))
    }

    fn templates(&self) -> Vec<(&'static str, &'static str)> {
        vec![
            ("api_tokens/list.html", include_str!("../../templates/api_tokens/list.html")),
            ("api_tokens/detail.html", include_str!("../../templates/api_tokens/detail.html")),
        ]
    }

    fn translations(&self) -> Vec<(&'static str, &'static str)> {
        vec![
            ("en", include_str!("../../locales/en/api_tokens.ftl")),
            ("nl", include_str!("../../locales/nl/api_tokens.ftl")),
            ("fr", include_str!("../../locales/fr/api_tokens.ftl")),
        ]
    }

    fn admin_links(&self) -> Vec<AdminLink> {
        vec![AdminLink { section: "api_tokens", href: "/admin/api-tokens", feature: FEATURE }]
    }

    fn jobs(&self) -> Vec<BackgroundJob> {
        vec![BackgroundJob::new("api_token_uses_cleanup", Duration::from_secs(24 * 3600), |platform| async move {
            service::prune_uses(&platform).await.map(drop).map_err(|e| e.to_string())
        })]
    }

    async fn authenticate_api_token(
        &self,
        platform: &Platform,
        token: &str,
        client: &str,
    ) -> CoreResult<Option<ApiClient>> {
        service::authenticate(platform, &self.limiter, token, client).await
    }

    async fn export_personal_data(
        &self,
        db: &DatabaseConnection,
        user_id: i32,
    ) -> Result<Option<serde_json::Value>, DbErr> {
        let names = service::names_of(db, user_id).await?;
        Ok((!names.is_empty()).then(|| serde_json::json!({ "api_tokens_created": names })))
    }

    /// A token acts as its creator: it goes with their account in both modes.
    async fn erase_personal_data(&self, txn: &WriteTxn, user_id: i32, _mode: Erasure) -> Result<(), DbErr> {
        service::revoke_tokens_of(txn, user_id).await
    }
}

#[derive(MergedObject, Default)]
pub struct ApiTokensQuery(graphql::TokensQuery);

#[derive(MergedObject, Default)]
pub struct ApiTokensMutation(graphql::TokensMutation);

impl ModuleGraphql for ApiTokens {
    type Query = ApiTokensQuery;
    type Mutation = ApiTokensMutation;
}
