// SPDX-License-Identifier: LicenseRef-Townhall-Commercial
//! Project folders (Standard): folders group projects under a page of their own (title,
//! description, picture) shown on the home page in place of their projects; folder moderators
//! moderate every project in their folder (core sees them as each project's moderators).
use async_graphql::MergedObject;
use sea_orm::{DatabaseConnection, DbErr};
use townhall_core::db::WriteTxn;
use townhall_core::graphql::ModuleGraphql;
use townhall_core::modules::projects::multiloc::Multiloc;
use townhall_core::{
    AdminLink, CoreResult, Edition, FeatureDef, HomeGroup, Module, Platform, ViewerFacts, async_trait,
};

mod graphql;
pub(crate) mod migration;
pub mod model;
mod pages;
pub mod service;

pub const FEATURE: &str = "project_folders";

#[derive(Debug, Default)]
pub struct ProjectFolders;

/// Up to this many characters of a description on a card (as the home page's project cards).
pub(crate) const EXCERPT: usize = 160;

#[async_trait]
impl Module for ProjectFolders {
    fn id(&self) -> &'static str {
        FEATURE
    }

    fn edition(&self) -> Edition {
        Edition::Standard
    }

    fn features(&self) -> Vec<FeatureDef> {
        vec![FeatureDef::new(FEATURE, Edition::Standard, "Project folders with their own page")]
    }

    fn routes(&self) -> Option<townhall_core::axum::Router<Platform>> {
        Some(townhall_core::features::gated(pages::routes(), FEATURE))
    }

    fn upload_routes(&self) -> Option<townhall_core::axum::Router<Platform>> {
        Some(townhall_core::features::gated(pages::upload_routes(), FEATURE))
    }

    fn templates(&self) -> Vec<(&'static str, &'static str)> {
        vec![
            ("project_folders/folder.html", include_str!("../../templates/project_folders/folder.html")),
            ("project_folders/list.html", include_str!("../../templates/project_folders/list.html")),
            ("project_folders/detail.html", include_str!("../../templates/project_folders/detail.html")),
            ("project_folders/fields.html", include_str!("../../templates/project_folders/fields.html")),
        ]
    }

    fn translations(&self) -> Vec<(&'static str, &'static str)> {
        vec![
            ("en", include_str!("../../locales/en/project_folders.ftl")),
            ("nl", include_str!("../../locales/nl/project_folders.ftl")),
            ("fr", include_str!("../../locales/fr/project_folders.ftl")),
        ]
    }

    fn admin_links(&self) -> Vec<AdminLink> {
        vec![AdminLink { section: "project_folders", href: "/admin/folders", feature: FEATURE }]
    }

    async fn viewer_facts(&self, platform: &Platform, user_id: i32) -> CoreResult<ViewerFacts> {
        if !platform.is_active(FEATURE).await {
            return Ok(ViewerFacts::default());
        }
        Ok(ViewerFacts { roles: service::roles_of(platform, user_id).await?, ..ViewerFacts::default() })
    }

    async fn project_moderators(&self, platform: &Platform, txn: &WriteTxn, project_id: i32) -> CoreResult<Vec<i32>> {
        if !platform.is_active(FEATURE).await {
            return Ok(Vec::new());
        }
        service::moderators_of_project(txn, project_id).await
    }

    async fn home_groups(&self, platform: &Platform, locale: &str) -> CoreResult<Vec<HomeGroup>> {
        if !platform.is_active(FEATURE).await {
            return Ok(Vec::new());
        }
        let all = service::all(platform.db()).await?;
        Ok(all
            .into_iter()
            .map(|(f, project_ids)| HomeGroup {
                title: Multiloc::parse(&f.title).text(locale),
                excerpt: townhall_core::web::excerpt(&Multiloc::parse(&f.description).text(locale), EXCERPT),
                href: format!("/folders/{}", f.slug),
                image: f.image.map(|k| format!("/files/{k}")),
                project_ids,
            })
            .collect())
    }

    async fn export_personal_data(
        &self,
        db: &DatabaseConnection,
        user_id: i32,
    ) -> Result<Option<serde_json::Value>, DbErr> {
        let slugs = service::moderated_by(db, user_id).await?;
        Ok((!slugs.is_empty()).then(|| serde_json::json!({ "folders_moderated": slugs })))
    }
}

#[derive(MergedObject, Default)]
pub struct ProjectFoldersQuery(graphql::FoldersQuery);

#[derive(MergedObject, Default)]
pub struct ProjectFoldersMutation(graphql::FoldersMutation);

impl ModuleGraphql for ProjectFolders {
    type Query = ProjectFoldersQuery;
    type Mutation = ProjectFoldersMutation;
}
