// SPDX-License-Identifier: LicenseRef-Townhall-Commercial
//! The rules of project folders: administrators create folders (a page with a title, a
//! description and a picture), choose their projects (a project is in one folder at most) and
//! their moderators, who moderate every project of the folder, also projects added later.
use std::collections::BTreeMap;

use chrono::Utc;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::json;
use townhall_core::actor::PROJECT_MODERATOR;
use townhall_core::modules::accounts::model::user;
use townhall_core::modules::accounts::{audit, normalize_email};
use townhall_core::modules::projects::model::project;
use townhall_core::modules::projects::multiloc::Multiloc;
use townhall_core::{Actor, CoreError, CoreResult, Platform, db, images};

use super::FEATURE;
use super::model::{folder, folder_project, moderator};

/// Folder pictures are scaled to fit this many pixels each way.
const IMAGE_PIXELS: u32 = 1600;

/// What an administrator writes about a folder.
#[derive(Debug, Clone, Default)]
pub struct FolderInput {
    pub slug: String,
    pub title: BTreeMap<String, String>,
    pub description: BTreeMap<String, String>,
}

/// A folder with its projects and moderators.
#[derive(Debug, Clone)]
pub struct Folder {
    pub folder: folder::Model,
    pub project_ids: Vec<i32>,
    pub moderators: Vec<(i32, String, String)>,
}

async fn admin(platform: &Platform, actor: &Actor) -> CoreResult<()> {
    platform.require_admin_of(FEATURE, actor).await
}

fn slug_valid(slug: &str) -> bool {
    (1..=80).contains(&slug.len()) && slug.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

async fn checked(
    db: &impl ConnectionTrait,
    input: FolderInput,
    id: Option<i32>,
) -> CoreResult<(String, Multiloc, Multiloc)> {
    let slug = input.slug.trim().to_lowercase();
    if !slug_valid(&slug) {
        return Err(CoreError::Field { field: "slug", code: "slug_invalid" });
    }
    let taken = folder::Entity::find().filter(folder::Column::Slug.eq(slug.clone())).one(db).await?;
    if taken.is_some_and(|f| Some(f.id) != id) {
        return Err(CoreError::Field { field: "slug", code: "folder_slug_taken" });
    }
    let title = Multiloc::checked(input.title, "title", true, 120)?;
    let description = Multiloc::checked(input.description, "description", false, 4000)?;
    Ok((slug, title, description))
}

/// Every folder, with its projects, by id.
pub async fn all(db: &impl ConnectionTrait) -> CoreResult<Vec<(folder::Model, Vec<i32>)>> {
    let folders = folder::Entity::find().order_by_asc(folder::Column::Id).all(db).await?;
    let links = folder_project::Entity::find().order_by_asc(folder_project::Column::ProjectId).all(db).await?;
    Ok(folders
        .into_iter()
        .map(|f| {
            let ids = links.iter().filter(|l| l.folder_id == f.id).map(|l| l.project_id).collect();
            (f, ids)
        })
        .collect())
}

pub async fn folders(platform: &Platform, actor: &Actor) -> CoreResult<Vec<(folder::Model, Vec<i32>)>> {
    admin(platform, actor).await?;
    all(platform.db()).await
}

async fn whole(db: &impl ConnectionTrait, found: folder::Model) -> CoreResult<Folder> {
    wholes(db, vec![found]).await?.pop().ok_or(CoreError::NotFound("folder"))
}

/// Folders with their projects and moderators: four statements however many folders.
async fn wholes(db: &impl ConnectionTrait, folders: Vec<folder::Model>) -> CoreResult<Vec<Folder>> {
    let ids: Vec<i32> = folders.iter().map(|f| f.id).collect();
    let links = folder_project::Entity::find()
        .filter(folder_project::Column::FolderId.is_in(ids.clone()))
        .order_by_asc(folder_project::Column::ProjectId)
        .all(db)
        .await?;
    let moderators = moderator::Entity::find().filter(moderator::Column::FolderId.is_in(ids)).all(db).await?;
    let users = user::Entity::find()
        .filter(user::Column::Id.is_in(moderators.iter().map(|m| m.user_id).collect::<Vec<_>>()))
        .order_by_asc(user::Column::Id)
        .all(db)
        .await?;
    Ok(folders
        .into_iter()
        .map(|f| {
            let project_ids = links.iter().filter(|l| l.folder_id == f.id).map(|l| l.project_id).collect();
            let moderators = users
                .iter()
                .filter(|u| moderators.iter().any(|m| m.folder_id == f.id && m.user_id == u.id))
                .map(|u| (u.id, u.display_name.clone(), u.email.clone()))
                .collect();
            Folder { folder: f, project_ids, moderators }
        })
        .collect())
}

/// Every folder with its projects and moderators (administrators).
pub async fn folders_whole(platform: &Platform, actor: &Actor) -> CoreResult<Vec<Folder>> {
    admin(platform, actor).await?;
    let all = folder::Entity::find().order_by_asc(folder::Column::Id).all(platform.db()).await?;
    wholes(platform.db(), all).await
}

/// A folder for the back office.
pub async fn folder(platform: &Platform, actor: &Actor, id: i32) -> CoreResult<Folder> {
    admin(platform, actor).await?;
    let found = folder::Entity::find_by_id(id).one(platform.db()).await?.ok_or(CoreError::NotFound("folder"))?;
    whole(platform.db(), found).await
}

/// A folder's public page, by slug (the feature must be active; its projects are filtered by
/// who asks, like every project list).
pub async fn by_slug(platform: &Platform, slug: &str) -> CoreResult<Folder> {
    platform.require_active(FEATURE).await?;
    let found = folder::Entity::find()
        .filter(folder::Column::Slug.eq(slug))
        .one(platform.db())
        .await?
        .ok_or(CoreError::NotFound("folder"))?;
    whole(platform.db(), found).await
}

pub async fn create(platform: &Platform, actor: &Actor, input: FolderInput) -> CoreResult<folder::Model> {
    admin(platform, actor).await?;
    let txn = db::begin_write(platform.db()).await?;
    let (slug, title, description) = checked(&txn, input, None).await?;
    let created = folder::ActiveModel {
        slug: Set(slug.clone()),
        title: Set(title.to_json()),
        description: Set(description.to_json()),
        image: Set(None),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(&txn, actor, "folder.create", "folder", Some(created.id.to_string()), json!({ "slug": slug }))
        .await?;
    txn.commit().await?;
    Ok(created)
}

pub async fn update(platform: &Platform, actor: &Actor, id: i32, input: FolderInput) -> CoreResult<folder::Model> {
    admin(platform, actor).await?;
    let txn = db::begin_write(platform.db()).await?;
    let found =
        db::locking(folder::Entity::find_by_id(id), &txn).one(&txn).await?.ok_or(CoreError::NotFound("folder"))?;
    let (slug, title, description) = checked(&txn, input, Some(id)).await?;
    let mut changed: folder::ActiveModel = found.into();
    changed.slug = Set(slug.clone());
    changed.title = Set(title.to_json());
    changed.description = Set(description.to_json());
    let saved = changed.update(&txn).await?;
    audit::record(&txn, actor, "folder.update", "folder", Some(id.to_string()), json!({ "slug": slug })).await?;
    txn.commit().await?;
    Ok(saved)
}

/// Deletes a folder; its projects stay, outside any folder.
pub async fn delete(platform: &Platform, actor: &Actor, id: i32) -> CoreResult<()> {
    admin(platform, actor).await?;
    let txn = db::begin_write(platform.db()).await?;
    let found = folder::Entity::find_by_id(id).one(&txn).await?.ok_or(CoreError::NotFound("folder"))?;
    folder_project::Entity::delete_many().filter(folder_project::Column::FolderId.eq(id)).exec(&txn).await?;
    moderator::Entity::delete_many().filter(moderator::Column::FolderId.eq(id)).exec(&txn).await?;
    folder::Entity::delete_by_id(id).exec(&txn).await?;
    audit::record(&txn, actor, "folder.delete", "folder", Some(id.to_string()), json!({ "slug": found.slug })).await?;
    txn.commit().await?;
    platform.forget_file(found.image).await;
    Ok(())
}

/// Sets the folder's projects; a project chosen here leaves any other folder.
pub async fn set_projects(platform: &Platform, actor: &Actor, id: i32, project_ids: Vec<i32>) -> CoreResult<Folder> {
    admin(platform, actor).await?;
    let mut ids = project_ids;
    ids.sort_unstable();
    ids.dedup();
    let txn = db::begin_write(platform.db()).await?;
    let found =
        db::locking(folder::Entity::find_by_id(id), &txn).one(&txn).await?.ok_or(CoreError::NotFound("folder"))?;
    let known = project::Entity::find().filter(project::Column::Id.is_in(ids.clone())).all(&txn).await?;
    if known.len() != ids.len() {
        return Err(CoreError::Field { field: "projects", code: "project_unknown" });
    }
    folder_project::Entity::delete_many().filter(folder_project::Column::FolderId.eq(id)).exec(&txn).await?;
    folder_project::Entity::delete_many()
        .filter(folder_project::Column::ProjectId.is_in(ids.clone()))
        .exec(&txn)
        .await?;
    if !ids.is_empty() {
        let rows = ids.iter().map(|p| folder_project::ActiveModel { project_id: Set(*p), folder_id: Set(id) });
        folder_project::Entity::insert_many(rows).exec(&txn).await?;
    }
    audit::record(&txn, actor, "folder.projects", "folder", Some(id.to_string()), json!({ "projects": ids })).await?;
    let result = whole(&txn, found).await?;
    txn.commit().await?;
    Ok(result)
}

/// Makes the account of `email` a moderator of the folder.
pub async fn add_moderator(platform: &Platform, actor: &Actor, id: i32, email: &str) -> CoreResult<Folder> {
    admin(platform, actor).await?;
    let email = normalize_email(email).map_err(|_| CoreError::Field { field: "email", code: "email_invalid" })?;
    let account = user::Entity::find()
        .filter(user::Column::Email.eq(email))
        .one(platform.db())
        .await?
        .ok_or(CoreError::Field { field: "email", code: "user_unknown" })?;
    let txn = db::begin_write(platform.db()).await?;
    let found =
        db::locking(folder::Entity::find_by_id(id), &txn).one(&txn).await?.ok_or(CoreError::NotFound("folder"))?;
    moderator::Entity::insert(moderator::ActiveModel { folder_id: Set(id), user_id: Set(account.id) })
        .on_conflict_do_nothing_on([moderator::Column::FolderId, moderator::Column::UserId])
        .exec(&txn)
        .await?;
    let details = json!({ "user_id": account.id });
    audit::record(&txn, actor, "folder.add_moderator", "folder", Some(id.to_string()), details).await?;
    let result = whole(&txn, found).await?;
    txn.commit().await?;
    Ok(result)
}

pub async fn remove_moderator(platform: &Platform, actor: &Actor, id: i32, user_id: i32) -> CoreResult<Folder> {
    admin(platform, actor).await?;
    let txn = db::begin_write(platform.db()).await?;
    let found =
        db::locking(folder::Entity::find_by_id(id), &txn).one(&txn).await?.ok_or(CoreError::NotFound("folder"))?;
    moderator::Entity::delete_many()
        .filter(moderator::Column::FolderId.eq(id))
        .filter(moderator::Column::UserId.eq(user_id))
        .exec(&txn)
        .await?;
    let details = json!({ "user_id": user_id });
    audit::record(&txn, actor, "folder.remove_moderator", "folder", Some(id.to_string()), details).await?;
    let result = whole(&txn, found).await?;
    txn.commit().await?;
    Ok(result)
}

/// Replaces the folder's picture (checked by content, resized, without metadata).
pub async fn set_image(platform: &Platform, actor: &Actor, id: i32, upload: Vec<u8>) -> CoreResult<folder::Model> {
    admin(platform, actor).await?;
    let found = folder::Entity::find_by_id(id).one(platform.db()).await?.ok_or(CoreError::NotFound("folder"))?;
    let fitted = platform.picture(actor, "image", move || images::fitted_jpeg(&upload, IMAGE_PIXELS, "image")).await?;
    let key = platform.store_sized_jpeg("folders", id, fitted, "image").await?;
    let txn = db::begin_write(platform.db()).await?;
    let old = found.image.clone();
    let mut changed: folder::ActiveModel = found.into();
    changed.image = Set(Some(key));
    let saved = changed.update(&txn).await?;
    audit::record(&txn, actor, "folder.image", "folder", Some(id.to_string()), json!({})).await?;
    txn.commit().await?;
    platform.forget_file(old).await;
    Ok(saved)
}

/// A folder picture's bytes, or one of its variants' (folders are public while the feature is
/// active).
pub async fn image(platform: &Platform, key: &str) -> CoreResult<Option<Vec<u8>>> {
    platform.require_active(FEATURE).await?;
    let (picture, _) = images::variants::parse(key);
    let known = folder::Entity::find().filter(folder::Column::Image.eq(picture)).one(platform.db()).await?;
    if known.is_none() {
        return Ok(None);
    }
    Ok(platform.stored_file(key).await)
}

/// The roles a folder moderator gets: moderator of each project of their folders.
pub async fn roles_of(platform: &Platform, user_id: i32) -> CoreResult<Vec<String>> {
    let folders: Vec<i32> = moderator::Entity::find()
        .filter(moderator::Column::UserId.eq(user_id))
        .all(platform.db())
        .await?
        .iter()
        .map(|m| m.folder_id)
        .collect();
    if folders.is_empty() {
        return Ok(Vec::new());
    }
    let projects = folder_project::Entity::find()
        .filter(folder_project::Column::FolderId.is_in(folders))
        .all(platform.db())
        .await?;
    Ok(projects.iter().map(|p| format!("{PROJECT_MODERATOR}:project:{}", p.project_id)).collect())
}

/// The folders a user moderates (their personal data), by slug.
pub async fn moderated_by(db: &impl ConnectionTrait, user_id: i32) -> Result<Vec<String>, sea_orm::DbErr> {
    let ids: Vec<i32> = moderator::Entity::find()
        .filter(moderator::Column::UserId.eq(user_id))
        .all(db)
        .await?
        .iter()
        .map(|m| m.folder_id)
        .collect();
    Ok(folder::Entity::find()
        .filter(folder::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|f| f.slug)
        .collect())
}

/// The moderators of the folder `project_id` is in, if any.
pub async fn moderators_of_project(db: &impl ConnectionTrait, project_id: i32) -> CoreResult<Vec<i32>> {
    let Some(link) = folder_project::Entity::find_by_id(project_id).one(db).await? else { return Ok(Vec::new()) };
    let rows = moderator::Entity::find().filter(moderator::Column::FolderId.eq(link.folder_id)).all(db).await?;
    Ok(rows.iter().map(|m| m.user_id).collect())
}
