// SPDX-License-Identifier: AGPL-3.0-only
//! A cause's picture: checked by its content, scaled, re-encoded without metadata, and served
//! only to those who can see the cause's project.
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;

use super::model::cause;
use crate::modules::accounts::audit;
use crate::{Actor, CoreError, CoreResult, db, images};

/// Cause pictures are scaled to fit this many pixels each way.
const CAUSE_PIXELS: u32 = 1200;

impl super::service::VolunteeringService<'_> {
    /// The cause, after checking `actor` may change its project.
    async fn cause_for_change(&self, actor: &Actor, id: i32) -> CoreResult<cause::Model> {
        let found = cause::Entity::find_by_id(id).one(self.db()).await?.ok_or(CoreError::NotFound("cause"))?;
        let owner = self.phase_of(found.phase_id).await?;
        self.project_for_change(actor, owner.project_id).await?;
        Ok(found)
    }

    /// Replaces a cause's picture; returns its file key.
    pub async fn set_cause_image(&self, actor: &Actor, id: i32, upload: Vec<u8>) -> CoreResult<String> {
        let found = self.cause_for_change(actor, id).await?;
        let fitted = self.picture(actor, "image", move || images::fitted_jpeg(&upload, CAUSE_PIXELS, "image")).await?;
        let key = self.store_sized_jpeg("causes", id, fitted, "image").await?;
        self.replace_cause_image(actor, found, Some(key.clone())).await?;
        Ok(key)
    }

    pub async fn remove_cause_image(&self, actor: &Actor, id: i32) -> CoreResult<()> {
        let found = self.cause_for_change(actor, id).await?;
        self.replace_cause_image(actor, found, None).await
    }

    async fn replace_cause_image(&self, actor: &Actor, found: cause::Model, key: Option<String>) -> CoreResult<()> {
        let (old, id, phase) = (found.image.clone(), found.id, found.phase_id);
        let txn = db::begin_write(self.db()).await?;
        let mut active: cause::ActiveModel = found.into();
        active.image = Set(key.clone());
        active.update(&txn).await?;
        let detail = json!({ "cause": id, "set": key.is_some() });
        audit::record(&txn, actor, "cause.image", "phase", Some(phase.to_string()), detail).await?;
        txn.commit().await?;
        self.forget_file(old).await;
        Ok(())
    }

    /// A cause picture's bytes (or one of its variants'), when its project is visible to `actor`.
    pub async fn cause_image(&self, actor: &Actor, key: &str) -> CoreResult<Option<Vec<u8>>> {
        let (picture, _) = images::variants::parse(key);
        let Some(found) = cause::Entity::find().filter(cause::Column::Image.eq(picture)).one(self.db()).await? else {
            return Ok(None);
        };
        let owner = self.phase_of(found.phase_id).await?;
        if self.project_by_id(actor, owner.project_id).await?.is_none() {
            return Ok(None);
        }
        Ok(self.stored_file(key).await)
    }
}
