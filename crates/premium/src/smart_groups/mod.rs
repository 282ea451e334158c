// SPDX-License-Identifier: LicenseRef-Townhall-Commercial
//! Smart groups (Premium): groups defined by rules (e-mail domain, verified or not, took part
//! in a project) whose membership is asked of the database on each request, so it follows the
//! rules and the users as they change. They are usable wherever manual groups are: project
//! visibility and phase permissions (through `viewer_facts` and `group_choices`).
use async_graphql::MergedObject;
use townhall_core::graphql::ModuleGraphql;
use townhall_core::modules::projects::multiloc::Multiloc;
use townhall_core::permissions::PermittedBy;
use townhall_core::{
    AdminLink, CoreResult, Edition, FeatureDef, GroupChoice, Module, Platform, ViewerFacts, async_trait,
};

mod graphql;
pub(crate) mod migration;
pub mod model;
mod pages;
pub mod rules;
pub mod service;

pub const FEATURE: &str = "smart_groups";

#[derive(Debug, Default)]
pub struct SmartGroups;

#[async_trait]
impl Module for SmartGroups {
    fn id(&self) -> &'static str {
        FEATURE
    }

    fn edition(&self) -> Edition {
        Edition::Premium
    }

    fn features(&self) -> Vec<FeatureDef> {
        vec![FeatureDef::new(FEATURE, Edition::Premium, "Rule-based smart groups")]
    }

    fn routes(&self) -> Option<townhall_core::axum::Router<Platform>> {
        Some(townhall_core::features::gated(pages::routes(), FEATURE))
    }

    fn templates(&self) -> Vec<(&'static str, &'static str)> {
        vec![
            ("smart_groups/list.html", include_str!("../../templates/smart_groups/list.html")),
            ("smart_groups/detail.html", include_str!("../../templates/smart_groups/detail.html")),
            ("smart_groups/rules.html", include_str!("../../templates/smart_groups/rules.html")),
        ]
    }

    fn translations(&self) -> Vec<(&'static str, &'static str)> {
        vec![
            ("en", include_str!("../../locales/en/smart_groups.ftl")),
            ("nl", include_str!("../../locales/nl/smart_groups.ftl")),
            ("fr", include_str!("../../locales/fr/smart_groups.ftl")),
        ]
    }

    fn admin_links(&self) -> Vec<AdminLink> {
        vec![AdminLink { section: "smart_groups", href: "/admin/smart-groups", feature: FEATURE }]
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
        let all = service::all(platform.db()).await?;
        Ok(all
            .iter()
            .map(|g| GroupChoice { id: g.group.id, name: Multiloc::parse(&g.group.name).text(locale) })
            .collect())
    }
}

#[derive(MergedObject, Default)]
pub struct SmartGroupsQuery(graphql::SmartQuery);

#[derive(MergedObject, Default)]
pub struct SmartGroupsMutation(graphql::SmartMutation);

impl ModuleGraphql for SmartGroups {
    type Query = SmartGroupsQuery;
    type Mutation = SmartGroupsMutation;
}
