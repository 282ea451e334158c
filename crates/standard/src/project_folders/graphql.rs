// SPDX-License-Identifier: LicenseRef-Townhall-Commercial
//! Project folders in the API: anyone reads a folder (with the projects they may see);
//! administrators manage folders, their projects and moderators.
use std::collections::BTreeMap;
use std::sync::Arc;

use async_graphql::{Context, ID, InputObject, Json, Object, SimpleObject};
use townhall_core::graphql::{actor, id_number, platform, require_feature, to_gql};
use townhall_core::modules::projects::multiloc::Multiloc;

use super::FEATURE;
use super::service::{self, Folder, FolderInput};

#[derive(InputObject)]
pub struct ProjectFolderInput {
    /// The address: `/folders/<slug>`.
    slug: String,
    title: Json<BTreeMap<String, String>>,
    description: Option<Json<BTreeMap<String, String>>>,
}

impl From<ProjectFolderInput> for FolderInput {
    fn from(i: ProjectFolderInput) -> Self {
        FolderInput { slug: i.slug, title: i.title.0, description: i.description.map(|d| d.0).unwrap_or_default() }
    }
}

#[derive(SimpleObject)]
pub struct FolderModerator {
    user_id: ID,
    display_name: String,
    email: String,
}

/// A folder; the ids of the projects the asker may see come along when a list of folders
/// read them once for all.
pub struct ProjectFolder(Folder, Option<Arc<Vec<i32>>>);

#[Object]
impl ProjectFolder {
    async fn id(&self) -> ID {
        ID(self.0.folder.id.to_string())
    }

    async fn slug(&self) -> &str {
        &self.0.folder.slug
    }

    async fn title(&self, locale: Option<String>) -> String {
        Multiloc::parse(&self.0.folder.title).text(locale.as_deref().unwrap_or("en"))
    }

    async fn description(&self, locale: Option<String>) -> String {
        Multiloc::parse(&self.0.folder.description).text(locale.as_deref().unwrap_or("en"))
    }

    async fn image_url(&self) -> Option<String> {
        self.0.folder.image.as_ref().map(|k| format!("/files/{k}"))
    }

    /// Its projects that the asker may see.
    async fn project_ids(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<ID>> {
        let visible = match &self.1 {
            Some(visible) => visible.clone(),
            None => {
                let all = platform(ctx)?.projects(actor(ctx)).await.map_err(to_gql)?;
                Arc::new(all.iter().map(|p| p.id).collect())
            }
        };
        Ok(self.0.project_ids.iter().filter(|id| visible.contains(id)).map(|id| ID(id.to_string())).collect())
    }

    /// Who moderates every project of the folder (administrators).
    async fn moderators(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<FolderModerator>> {
        if !actor(ctx).is_admin() {
            return Err(to_gql(townhall_core::CoreError::Forbidden));
        }
        Ok(self
            .0
            .moderators
            .iter()
            .map(|(id, name, email)| FolderModerator {
                user_id: ID(id.to_string()),
                display_name: name.clone(),
                email: email.clone(),
            })
            .collect())
    }
}

#[derive(Default)]
pub struct FoldersQuery;

#[Object]
impl FoldersQuery {
    /// A folder by its address (needs the Standard licence's `project_folders`).
    async fn project_folder(&self, ctx: &Context<'_>, slug: String) -> async_graphql::Result<Option<ProjectFolder>> {
        require_feature(ctx, FEATURE).await?;
        match service::by_slug(platform(ctx)?, &slug).await {
            Ok(found) => Ok(Some(ProjectFolder(found, None))),
            Err(townhall_core::CoreError::NotFound(_)) => Ok(None),
            Err(e) => Err(to_gql(e)),
        }
    }

    /// Every folder (administrators).
    async fn project_folders(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<ProjectFolder>> {
        require_feature(ctx, FEATURE).await?;
        let (platform, actor) = (platform(ctx)?, actor(ctx));
        let all = service::folders_whole(platform, actor).await.map_err(to_gql)?;
        let visible = platform.projects(actor).await.map_err(to_gql)?;
        let visible = Arc::new(visible.iter().map(|p| p.id).collect::<Vec<_>>());
        Ok(all.into_iter().map(|f| ProjectFolder(f, Some(visible.clone()))).collect())
    }
}

#[derive(Default)]
pub struct FoldersMutation;

#[Object]
impl FoldersMutation {
    async fn create_project_folder(
        &self,
        ctx: &Context<'_>,
        input: ProjectFolderInput,
    ) -> async_graphql::Result<ProjectFolder> {
        require_feature(ctx, FEATURE).await?;
        let (platform, actor) = (platform(ctx)?, actor(ctx));
        let created = service::create(platform, actor, input.into()).await.map_err(to_gql)?;
        Ok(ProjectFolder(service::folder(platform, actor, created.id).await.map_err(to_gql)?, None))
    }

    async fn update_project_folder(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: ProjectFolderInput,
    ) -> async_graphql::Result<ProjectFolder> {
        require_feature(ctx, FEATURE).await?;
        let (platform, actor, id) = (platform(ctx)?, actor(ctx), id_number(&id, "folder")?);
        service::update(platform, actor, id, input.into()).await.map_err(to_gql)?;
        Ok(ProjectFolder(service::folder(platform, actor, id).await.map_err(to_gql)?, None))
    }

    /// Deletes a folder; its projects stay, outside any folder.
    async fn delete_project_folder(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<bool> {
        require_feature(ctx, FEATURE).await?;
        service::delete(platform(ctx)?, actor(ctx), id_number(&id, "folder")?).await.map_err(to_gql)?;
        Ok(true)
    }

    /// Sets the folder's projects; each leaves any other folder.
    async fn set_project_folder_projects(
        &self,
        ctx: &Context<'_>,
        id: ID,
        project_ids: Vec<ID>,
    ) -> async_graphql::Result<ProjectFolder> {
        require_feature(ctx, FEATURE).await?;
        let ids = project_ids.iter().map(|p| id_number(p, "project")).collect::<Result<Vec<_>, _>>()?;
        let id = id_number(&id, "folder")?;
        Ok(ProjectFolder(service::set_projects(platform(ctx)?, actor(ctx), id, ids).await.map_err(to_gql)?, None))
    }

    /// Makes the account of `email` a moderator of every project in the folder.
    async fn add_project_folder_moderator(
        &self,
        ctx: &Context<'_>,
        id: ID,
        email: String,
    ) -> async_graphql::Result<ProjectFolder> {
        require_feature(ctx, FEATURE).await?;
        let id = id_number(&id, "folder")?;
        Ok(ProjectFolder(service::add_moderator(platform(ctx)?, actor(ctx), id, &email).await.map_err(to_gql)?, None))
    }

    async fn remove_project_folder_moderator(
        &self,
        ctx: &Context<'_>,
        id: ID,
        user_id: ID,
    ) -> async_graphql::Result<ProjectFolder> {
        require_feature(ctx, FEATURE).await?;
        let (id, user) = (id_number(&id, "folder")?, id_number(&user_id, "user")?);
        Ok(ProjectFolder(service::remove_moderator(platform(ctx)?, actor(ctx), id, user).await.map_err(to_gql)?, None))
    }
}
