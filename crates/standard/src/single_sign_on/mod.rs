// SPDX-License-Identifier: LicenseRef-Townhall-Commercial
//! Single sign-on (Standard): residents and staff sign in with an OpenID Connect provider that
//! administrators configure (a city's account, Keycloak, Azure AD…), with the authorisation
//! code flow, PKCE, `state` and `nonce`, and ID tokens checked against the provider's keys.
//! A first sign-in makes an account; an existing one is linked when the provider verified its
//! address. Residents see and remove their linked providers on their account page;
//! administrators can switch password sign-in off for residents, staff or both. Premium's
//! identity verification uses the same providers and flows (`purpose = verification`).
use sea_orm::{ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter};
use serde_json::json;
use townhall_core::db::WriteTxn;
use townhall_core::graphql::{ModuleGraphql, NoGraphql};
use townhall_core::{
    AccountSection, AdminLink, CoreResult, Edition, Erasure, FeatureDef, Module, PasswordSignIn, Platform,
    SignInOption, Viewer, async_trait,
};

mod admin_pages;
pub mod client;
pub mod flow;
pub(crate) mod migration;
pub mod model;
mod pages;
pub mod providers;
pub mod service;

pub use pages::{failed, failure_page};

pub const FEATURE: &str = "single_sign_on";

#[derive(Debug, Default)]
pub struct SingleSignOn;

#[async_trait]
impl Module for SingleSignOn {
    fn id(&self) -> &'static str {
        FEATURE
    }

    fn edition(&self) -> Edition {
        Edition::Standard
    }

    fn features(&self) -> Vec<FeatureDef> {
        vec![FeatureDef::new(FEATURE, Edition::Standard, "Sign-in with OpenID Connect providers")]
    }

    fn routes(&self) -> Option<townhall_core::axum::Router<Platform>> {
        Some(townhall_core::features::gated(pages::routes().merge(admin_pages::routes()), FEATURE))
    }

    fn upload_routes(&self) -> Option<townhall_core::axum::Router<Platform>> {
        Some(townhall_core::features::gated(admin_pages::upload_routes(), FEATURE))
    }

    fn templates(&self) -> Vec<(&'static str, &'static str)> {
        vec![
            ("single_sign_on/list.html", include_str!("../../templates/single_sign_on/list.html")),
            ("single_sign_on/new.html", include_str!("../../templates/single_sign_on/new.html")),
            ("single_sign_on/detail.html", include_str!("../../templates/single_sign_on/detail.html")),
            ("single_sign_on/form.html", include_str!("../../templates/single_sign_on/form.html")),
            ("single_sign_on/failed.html", include_str!("../../templates/single_sign_on/failed.html")),
            ("single_sign_on/account.html", include_str!("../../templates/single_sign_on/account.html")),
        ]
    }

    fn translations(&self) -> Vec<(&'static str, &'static str)> {
        vec![
            ("en", include_str!("../../locales/en/single_sign_on.ftl")),
            ("nl", include_str!("../../locales/nl/single_sign_on.ftl")),
            ("fr", include_str!("../../locales/fr/single_sign_on.ftl")),
        ]
    }

    fn admin_links(&self) -> Vec<AdminLink> {
        vec![AdminLink { section: "single_sign_on", href: "/admin/sign-in-providers", feature: FEATURE }]
    }

    async fn sign_in_options(&self, platform: &Platform, next: Option<&str>) -> CoreResult<Vec<SignInOption>> {
        if !platform.is_active(FEATURE).await {
            return Ok(Vec::new());
        }
        let next = next.map(|n| format!("?next={}", form_urlencoded::byte_serialize(n.as_bytes()).collect::<String>()));
        Ok(providers::for_purpose(platform, providers::SIGN_IN)
            .await?
            .into_iter()
            .map(|p| SignInOption {
                label: p.label,
                href: format!("/auth/oidc/{}{}", p.slug, next.as_deref().unwrap_or_default()),
                logo: p.logo.map(|key| format!("/files/{key}")),
            })
            .collect())
    }

    async fn password_sign_in(&self, platform: &Platform) -> CoreResult<PasswordSignIn> {
        if !platform.is_active(FEATURE).await {
            return Ok(PasswordSignIn::default());
        }
        providers::password_sign_in(platform).await
    }

    async fn account_sections(
        &self,
        platform: &Platform,
        viewer: &Viewer,
        _locale: &str,
    ) -> CoreResult<Vec<AccountSection>> {
        if !platform.is_active(FEATURE).await {
            return Ok(Vec::new());
        }
        let linked = service::linked(platform, viewer.id).await?;
        let available: Vec<_> = providers::for_purpose(platform, providers::SIGN_IN)
            .await?
            .into_iter()
            .filter(|p| !linked.iter().any(|l| l.provider_id == p.id))
            .map(|p| json!({ "label": p.label, "href": format!("/auth/oidc/{}?link=1", p.slug) }))
            .collect();
        if linked.is_empty() && available.is_empty() {
            return Ok(Vec::new());
        }
        let data = json!({ "linked": linked, "available": available });
        Ok(vec![AccountSection { template: "single_sign_on/account.html", data }])
    }

    async fn export_personal_data(
        &self,
        db: &DatabaseConnection,
        user_id: i32,
    ) -> Result<Option<serde_json::Value>, DbErr> {
        let links = model::link::Entity::find().filter(model::link::Column::UserId.eq(user_id)).all(db).await?;
        if links.is_empty() {
            return Ok(None);
        }
        let providers = model::provider::Entity::find().all(db).await?;
        let rows: Vec<_> = links
            .iter()
            .map(|l| {
                let p = providers.iter().find(|p| p.id == l.provider_id);
                json!({
                    "provider": p.map(|p| p.label.clone()), "issuer": p.map(|p| p.issuer.clone()),
                    "subject": l.subject, "linked_at": l.linked_at, "last_used_at": l.last_used_at,
                })
            })
            .collect();
        Ok(Some(json!({ "sign_in_providers": rows })))
    }

    /// The links (and any sign-in under way) go with the account.
    async fn erase_personal_data(&self, txn: &WriteTxn, user_id: i32, _mode: Erasure) -> Result<(), DbErr> {
        model::link::Entity::delete_many().filter(model::link::Column::UserId.eq(user_id)).exec(txn).await?;
        model::flow::Entity::delete_many().filter(model::flow::Column::UserId.eq(user_id)).exec(txn).await?;
        Ok(())
    }
}

impl ModuleGraphql for SingleSignOn {
    type Query = NoGraphql;
    type Mutation = NoGraphql;
}
