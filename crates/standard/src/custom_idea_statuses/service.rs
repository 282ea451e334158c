// SPDX-License-Identifier: LicenseRef-Townhall-Commercial
//! The rules of custom idea statuses: administrators add statuses, each counting as one of the
//! five core statuses (its category), rename, recolour and reorder every status, and delete
//! the ones they added while no idea has them. Every change is audit-logged in its transaction
//! and the statuses kept in memory are forgotten after it.
use std::collections::BTreeMap;

use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QuerySelect};
use serde_json::json;
use townhall_core::appearance::{MIN_CONTRAST_WITH_WHITE, contrast_with_white, parse_hex};
use townhall_core::modules::accounts::audit;
use townhall_core::modules::ideas::CORE_STATUSES;
use townhall_core::modules::ideas::model::{idea, idea_status};
use townhall_core::modules::projects::multiloc::Multiloc;
use townhall_core::{Actor, CoreError, CoreResult, Platform, db};

use super::FEATURE;

/// A new status, or changes to one (`None` leaves a field as it is).
#[derive(Debug, Clone, Default)]
pub struct StatusChanges {
    pub title: Option<BTreeMap<String, String>>,
    pub color: Option<String>,
    pub category: Option<String>,
    pub position: Option<i32>,
}

/// Administrators only, and only while the feature is active.
async fn admin(platform: &Platform, actor: &Actor) -> CoreResult<()> {
    platform.require_admin_of(FEATURE, actor).await
}

/// `#rrggbb` in lower case, dark enough for text on white (the badges write it so).
fn checked_color(raw: &str) -> CoreResult<String> {
    let color = raw.trim().to_lowercase();
    let rgb = parse_hex(&color).ok_or(CoreError::Field { field: "color", code: "color_invalid" })?;
    if contrast_with_white(rgb) < MIN_CONTRAST_WITH_WHITE {
        return Err(CoreError::Field { field: "color", code: "color_low_contrast" });
    }
    Ok(color)
}

fn checked_category(raw: &str) -> CoreResult<String> {
    CORE_STATUSES
        .iter()
        .find(|c| **c == raw.trim())
        .map(|c| (*c).to_owned())
        .ok_or(CoreError::Field { field: "category", code: "status_category_invalid" })
}

fn checked_title(title: BTreeMap<String, String>) -> CoreResult<Multiloc> {
    Multiloc::checked(title, "title", true, 60)
}

/// A code no status has: `custom_` and eight hex digits.
fn new_code() -> String {
    format!("custom_{:08x}", rand::random::<u32>())
}

pub async fn create(platform: &Platform, actor: &Actor, input: StatusChanges) -> CoreResult<idea_status::Model> {
    admin(platform, actor).await?;
    let title = checked_title(input.title.unwrap_or_default())?;
    let color = checked_color(input.color.as_deref().unwrap_or_default())?;
    let category = checked_category(input.category.as_deref().unwrap_or_default())?;
    let txn = db::begin_write(platform.db()).await?;
    let position = match input.position {
        Some(p) => p,
        None => {
            let last: Option<i32> = idea_status::Entity::find()
                .select_only()
                .column_as(idea_status::Column::Position.max(), "m")
                .into_tuple()
                .one(&txn)
                .await?
                .flatten();
            last.unwrap_or(0) + 1
        }
    };
    let created = idea_status::ActiveModel {
        code: Set(new_code()),
        title: Set(title.to_json()),
        color: Set(color),
        position: Set(position),
        category: Set(category),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let details = json!({ "code": created.code, "category": created.category });
    audit::record(&txn, actor, "idea_status.create", "idea_status", Some(created.id.to_string()), details).await?;
    txn.commit().await?;
    platform.forget_idea_statuses();
    Ok(created)
}

/// Changes a status. A core status keeps its category (it is one).
pub async fn update(
    platform: &Platform,
    actor: &Actor,
    id: i32,
    changes: StatusChanges,
) -> CoreResult<idea_status::Model> {
    admin(platform, actor).await?;
    let title = changes.title.map(checked_title).transpose()?;
    let color = changes.color.as_deref().map(checked_color).transpose()?;
    let category = changes.category.as_deref().map(checked_category).transpose()?;
    let txn = db::begin_write(platform.db()).await?;
    let found = idea_status::Entity::find_by_id(id).one(&txn).await?.ok_or(CoreError::NotFound("status"))?;
    let is_core = CORE_STATUSES.contains(&found.code.as_str());
    if is_core && category.as_ref().is_some_and(|c| *c != found.code) {
        return Err(CoreError::Field { field: "category", code: "status_category_fixed" });
    }
    let mut active: idea_status::ActiveModel = found.into();
    if let Some(t) = &title {
        active.title = Set(t.to_json());
    }
    if let Some(c) = color {
        active.color = Set(c);
    }
    if let Some(c) = category {
        active.category = Set(c);
    }
    if let Some(p) = changes.position {
        active.position = Set(p);
    }
    let saved = active.update(&txn).await?;
    let details = json!({ "color": saved.color, "category": saved.category, "position": saved.position });
    audit::record(&txn, actor, "idea_status.update", "idea_status", Some(id.to_string()), details).await?;
    txn.commit().await?;
    platform.forget_idea_statuses();
    Ok(saved)
}

/// Deletes a status administrators added, while no idea has it.
pub async fn delete(platform: &Platform, actor: &Actor, id: i32) -> CoreResult<()> {
    admin(platform, actor).await?;
    let txn = db::begin_write(platform.db()).await?;
    let found = idea_status::Entity::find_by_id(id).one(&txn).await?.ok_or(CoreError::NotFound("status"))?;
    if CORE_STATUSES.contains(&found.code.as_str()) {
        return Err(CoreError::Field { field: "status", code: "status_is_core" });
    }
    let used = idea::Entity::find().filter(idea::Column::Status.eq(found.code.clone())).count(&txn).await?;
    if used > 0 {
        return Err(CoreError::Field { field: "status", code: "status_in_use" });
    }
    idea_status::Entity::delete_by_id(id).exec(&txn).await?;
    audit::record(
        &txn,
        actor,
        "idea_status.delete",
        "idea_status",
        Some(id.to_string()),
        json!({ "code": found.code }),
    )
    .await?;
    txn.commit().await?;
    platform.forget_idea_statuses();
    Ok(())
}

/// How many ideas have each status (for the back office: a status in use cannot go).
pub async fn usage(platform: &Platform) -> CoreResult<BTreeMap<String, i64>> {
    let rows: Vec<(String, i64)> = idea::Entity::find()
        .select_only()
        .column(idea::Column::Status)
        .column_as(idea::Column::Id.count(), "n")
        .group_by(idea::Column::Status)
        .into_tuple()
        .all(platform.db())
        .await?;
    Ok(rows.into_iter().collect())
}
