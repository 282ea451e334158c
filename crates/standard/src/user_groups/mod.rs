// SPDX-License-Identifier: LicenseRef-Townhall-Commercial
//! User groups (Standard): administrators keep manual groups of residents (added one by one or
//! by a list of e-mail addresses); a project can be visible to chosen groups only, and a phase
//! action can be open to chosen groups (the permission engine's `groups`). Core asks this
//! module for a signed-in user's groups and for the groups to choose from.
use async_graphql::MergedObject;
use sea_orm::{DatabaseConnection, DbErr};
use townhall_core::db::WriteTxn;
use townhall_core::graphql::ModuleGraphql;
use townhall_core::permissions::PermittedBy;
use townhall_core::{
    AdminLink, CoreResult, Edition, Erasure, FeatureDef, GroupChoice, Module, Platform, ViewerFacts, async_trait,
};

mod graphql;
pub(crate) mod migration;
pub mod model;
mod pages;
pub mod service;
#[cfg(test)]
mod tests;

pub const FEATURE: &str = "user_groups";

#[derive(Debug, Default)]
pub struct UserGroups;

#[async_trait]
impl Module for UserGroups {
    fn id(&self) -> &'static str {
        FEATURE
    }

    fn edition(&self) -> Edition {
        Edition::Standard
    }

    fn features(&self) -> Vec<FeatureDef> {
        vec![FeatureDef::new(FEATURE, Edition::Standard, "Manual user groups for permissions and project visibility")]
    }

    fn routes(&self) -> Option<townhall_core::axum::Router<Platform>> {
        Some(townhall_core::features::gated(pages::routes(), FEATURE))
    }

    fn templates(&self) -> Vec<(&'static str, &'static str)> {
        vec![
            ("user_groups/list.html", include_str!("../../templates/user_groups/list.html")),
            ("user_groups/detail.html", include_str!("../../templates/user_groups/detail.html")),
        ]
    }

    fn translations(&self) -> Vec<(&'static str, &'static str)> {
        vec![
            ("en", include_str!("../../locales/en/user_groups.ftl")),
            ("nl", include_str!("../../locales/nl/user_groups.ftl")),
            ("fr", include_str!("../../locales/fr/user_groups.ftl")),
        ]
    }

    fn admin_links(&self) -> Vec<AdminLink> {
        vec![AdminLink { section: "user_groups", href: "/admin/groups", feature: FEATURE }]
    }

    fn permission_levels(&self) -> Vec<(PermittedBy, &'static str)> {
        vec![(PermittedBy::Groups, FEATURE)]
    }

    async fn viewer_facts(&self, platform: &Platform, user_id: i32) -> CoreResult<ViewerFacts> {
        if !platform.is_active(FEATURE).await {
            return Ok(ViewerFacts::default());
        }
        Ok(ViewerFacts { groups: service::groups_of(platform, user_id).await?, ..ViewerFacts::default() })
    }

    async fn group_choices(&self, platform: &Platform, locale: &str) -> CoreResult<Vec<GroupChoice>> {
        if !platform.is_active(FEATURE).await {
            return Ok(Vec::new());
        }
        let all = service::all(platform).await?;
        Ok(all
            .iter()
            .map(|g| GroupChoice {
                id: g.id,
                name: townhall_core::modules::projects::multiloc::Multiloc::parse(&g.name).text(locale),
            })
            .collect())
    }

    async fn export_personal_data(
        &self,
        db: &DatabaseConnection,
        user_id: i32,
    ) -> Result<Option<serde_json::Value>, DbErr> {
        let names = service::names_of(db, user_id).await.map_err(|e| DbErr::Custom(e.to_string()))?;
        let names: Vec<_> = names.into_iter().map(|n| n.0).collect();
        Ok((!names.is_empty()).then(|| serde_json::json!({ "user_groups": names })))
    }

    /// Memberships say something about a person: they go with the account in both modes.
    async fn erase_personal_data(&self, txn: &WriteTxn, user_id: i32, _mode: Erasure) -> Result<(), DbErr> {
        service::leave_all(txn, user_id).await.map_err(|e| DbErr::Custom(e.to_string()))
    }
}

#[derive(MergedObject, Default)]
pub struct UserGroupsQuery(graphql::GroupsQuery);

#[derive(MergedObject, Default)]
pub struct UserGroupsMutation(graphql::GroupsMutation);

impl ModuleGraphql for UserGroups {
    type Query = UserGroupsQuery;
    type Mutation = UserGroupsMutation;
}
