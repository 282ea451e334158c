// SPDX-License-Identifier: LicenseRef-Townhall-Commercial
//! Identity verification (Premium): a framework of verification methods. The census list:
//! administrators upload a CSV of eligible people (kept only as keyed hashes); a resident
//! verifies by entering their identifier and date of birth. An identity provider: a resident
//! signs in at a provider configured for verification (an eID), whose subject is kept only as a
//! keyed hash and whose claims can answer registration questions. One identity verifies one
//! account. A phase action can then require `verified`.
use async_graphql::MergedObject;
use sea_orm::{DatabaseConnection, DbErr, EntityTrait};
use townhall_core::db::WriteTxn;
use townhall_core::graphql::ModuleGraphql;
use townhall_core::permissions::PermittedBy;
use townhall_core::{AdminLink, CoreResult, Edition, Erasure, FeatureDef, Module, Platform, ViewerFacts, async_trait};

pub mod census;
mod graphql;
pub mod methods;
pub(crate) mod migration;
pub mod model;
mod oidc;
mod pages;
pub mod service;

pub const FEATURE: &str = "identity_verification";

#[derive(Debug, Default)]
pub struct IdentityVerification;

#[async_trait]
impl Module for IdentityVerification {
    fn id(&self) -> &'static str {
        FEATURE
    }

    fn edition(&self) -> Edition {
        Edition::Premium
    }

    fn features(&self) -> Vec<FeatureDef> {
        vec![FeatureDef::new(FEATURE, Edition::Premium, "Identity verification (census list, identity providers)")]
    }

    fn routes(&self) -> Option<townhall_core::axum::Router<Platform>> {
        Some(townhall_core::features::gated(pages::routes().merge(oidc::routes()), FEATURE))
    }

    fn upload_routes(&self) -> Option<townhall_core::axum::Router<Platform>> {
        Some(townhall_core::features::gated(pages::upload_routes(), FEATURE))
    }

    fn templates(&self) -> Vec<(&'static str, &'static str)> {
        vec![
            ("identity_verification/verify.html", include_str!("../../templates/identity_verification/verify.html")),
            ("identity_verification/admin.html", include_str!("../../templates/identity_verification/admin.html")),
        ]
    }

    fn translations(&self) -> Vec<(&'static str, &'static str)> {
        vec![
            ("en", include_str!("../../locales/en/identity_verification.ftl")),
            ("nl", include_str!("../../locales/nl/identity_verification.ftl")),
            ("fr", include_str!("../../locales/fr/identity_verification.ftl")),
        ]
    }

    fn admin_links(&self) -> Vec<AdminLink> {
        vec![AdminLink { section: "identity_verification", href: "/admin/verification", feature: FEATURE }]
    }

    fn permission_levels(&self) -> Vec<(PermittedBy, &'static str)> {
        vec![(PermittedBy::Verified, FEATURE)]
    }

    async fn viewer_facts(&self, platform: &Platform, user_id: i32) -> CoreResult<ViewerFacts> {
        if !platform.is_active(FEATURE).await {
            return Ok(ViewerFacts::default());
        }
        let found = service::verification_of(platform, user_id).await?;
        Ok(ViewerFacts {
            verified: found.is_some(),
            identity: found.map(|v| v.identity_hash),
            ..ViewerFacts::default()
        })
    }

    async fn export_personal_data(
        &self,
        db: &DatabaseConnection,
        user_id: i32,
    ) -> Result<Option<serde_json::Value>, DbErr> {
        let found = model::verification::Entity::find_by_id(user_id).one(db).await?;
        Ok(found.map(
            |v| serde_json::json!({ "identity_verification": { "method": v.method, "verified_at": v.verified_at } }),
        ))
    }

    /// The verification goes with the account, which frees the identity.
    async fn erase_personal_data(&self, txn: &WriteTxn, user_id: i32, _mode: Erasure) -> Result<(), DbErr> {
        model::verification::Entity::delete_by_id(user_id).exec(txn).await.map(drop)
    }
}

#[derive(MergedObject, Default)]
pub struct IdentityVerificationQuery(graphql::VerificationQuery);

#[derive(MergedObject, Default)]
pub struct IdentityVerificationMutation(graphql::VerificationMutation);

impl ModuleGraphql for IdentityVerification {
    type Query = IdentityVerificationQuery;
    type Mutation = IdentityVerificationMutation;
}
