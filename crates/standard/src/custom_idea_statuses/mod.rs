// SPDX-License-Identifier: LicenseRef-Townhall-Commercial
//! Custom idea statuses (Standard): administrators add statuses of their own ("Budgeted",
//! "In the council's agenda"), each counting as one of the five core statuses, and rename,
//! recolour and reorder all of them. The statuses live in core's table, so ideas keep theirs
//! and show them when the licence lapses; only changing them needs this module.
use async_graphql::MergedObject;
use townhall_core::graphql::ModuleGraphql;
use townhall_core::{AdminLink, Edition, FeatureDef, Module, Platform, async_trait};

mod graphql;
mod pages;
pub mod service;

pub const FEATURE: &str = "custom_idea_statuses";

#[derive(Debug, Default)]
pub struct CustomIdeaStatuses;

#[async_trait]
impl Module for CustomIdeaStatuses {
    fn id(&self) -> &'static str {
        FEATURE
    }

    fn edition(&self) -> Edition {
        Edition::Standard
    }

    fn features(&self) -> Vec<FeatureDef> {
        vec![FeatureDef::new(FEATURE, Edition::Standard, "Custom idea statuses")]
    }

    fn routes(&self) -> Option<townhall_core::axum::Router<Platform>> {
        Some(townhall_core::features::gated(pages::routes(), FEATURE))
    }

    fn templates(&self) -> Vec<(&'static str, &'static str)> {
        vec![("custom_idea_statuses/list.html", include_str!("../../templates/custom_idea_statuses/list.html"))]
    }

    fn translations(&self) -> Vec<(&'static str, &'static str)> {
        vec![
            ("en", include_str!("../../locales/en/custom_idea_statuses.ftl")),
            ("nl", include_str!("../../locales/nl/custom_idea_statuses.ftl")),
            ("fr", include_str!("../../locales/fr/custom_idea_statuses.ftl")),
        ]
    }

    fn admin_links(&self) -> Vec<AdminLink> {
        vec![AdminLink { section: "idea_statuses", href: "/admin/statuses", feature: FEATURE }]
    }
}

#[derive(MergedObject, Default)]
pub struct StatusesMutation(graphql::StatusMutation);

impl ModuleGraphql for CustomIdeaStatuses {
    type Query = townhall_core::graphql::NoGraphql;
    type Mutation = StatusesMutation;
}
