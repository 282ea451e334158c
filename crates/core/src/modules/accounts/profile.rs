// SPDX-License-Identifier: AGPL-3.0-only
//! The user's own profile: names, bio, language and avatar.
use chrono::Utc;
use rand::RngCore;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait};

use super::model::user;
use super::register::{check_display_name, check_locale};
use crate::{Actor, CoreError, CoreResult, Platform, Viewer, db, images};

/// Avatars are stored as square JPEGs of this size.
pub const AVATAR_PIXELS: u32 = 256;
const MAX_NAME_CHARS: usize = 80;
const MAX_BIO_CHARS: usize = 500;

/// A profile edit; `None` leaves a field as it is, an empty text clears an optional one.
#[derive(Debug, Clone, Default)]
pub struct ProfileUpdate {
    pub display_name: Option<String>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub bio: Option<String>,
    pub locale: Option<String>,
}

fn optional(
    text: Option<String>,
    max: usize,
    field: &'static str,
    code: &'static str,
) -> CoreResult<Option<Option<String>>> {
    match text {
        None => Ok(None),
        Some(t) => {
            let t = t.trim().to_owned();
            if t.chars().count() > max || t.chars().any(|c| c.is_control() && c != '\n' && c != '\r') {
                return Err(CoreError::Field { field, code });
            }
            Ok(Some((!t.is_empty()).then_some(t)))
        }
    }
}

impl Platform {
    pub async fn update_profile(&self, actor: &Actor, update: ProfileUpdate) -> CoreResult<Viewer> {
        let id = actor.user_id().ok_or(CoreError::NotSignedIn)?;
        let display_name = update.display_name.as_deref().map(check_display_name).transpose()?;
        let locale = update.locale.as_deref().map(check_locale).transpose()?;
        let first = optional(update.first_name, MAX_NAME_CHARS, "first_name", "name_too_long")?;
        let last = optional(update.last_name, MAX_NAME_CHARS, "last_name", "name_too_long")?;
        let bio = optional(update.bio, MAX_BIO_CHARS, "bio", "bio_too_long")?;

        let txn = db::begin_write(self.db()).await?;
        let found = user::Entity::find_by_id(id).one(&txn).await?.ok_or(CoreError::NotSignedIn)?;
        let mut active: user::ActiveModel = found.into();
        if let Some(v) = display_name {
            active.display_name = Set(v);
        }
        if let Some(v) = locale {
            active.locale = Set(v.to_owned());
        }
        if let Some(v) = first {
            active.first_name = Set(v);
        }
        if let Some(v) = last {
            active.last_name = Set(v);
        }
        if let Some(v) = bio {
            active.bio = Set(v);
        }
        active.updated_at = Set(Utc::now());
        let saved = active.update(&txn).await?;
        txn.commit().await?;
        self.viewer_of(&saved).await
    }

    /// Replaces the avatar with the uploaded picture (checked by its content, resized, without
    /// metadata). Returns the new file key.
    pub async fn set_avatar(&self, actor: &Actor, upload: Vec<u8>) -> CoreResult<String> {
        let id = actor.user_id().ok_or(CoreError::NotSignedIn)?;
        let jpeg = self.picture(actor, "avatar", move || images::square_jpeg(&upload, AVATAR_PIXELS)).await?;
        let key = self.store_jpeg("avatars", id, jpeg, "avatar").await?;
        let old = self.replace_avatar_key(id, Some(key.clone())).await?;
        self.forget_file(old).await;
        Ok(key)
    }

    pub async fn remove_avatar(&self, actor: &Actor) -> CoreResult<()> {
        let id = actor.user_id().ok_or(CoreError::NotSignedIn)?;
        let old = self.replace_avatar_key(id, None).await?;
        self.forget_file(old).await;
        Ok(())
    }

    /// An avatar's bytes, if `key` names one.
    pub async fn avatar(&self, key: &str) -> Option<Vec<u8>> {
        if !key.starts_with("avatars/") {
            return None;
        }
        self.storage().get(key).await.ok().flatten()
    }

    async fn replace_avatar_key(&self, id: i32, key: Option<String>) -> CoreResult<Option<String>> {
        let txn = db::begin_write(self.db()).await?;
        let found = user::Entity::find_by_id(id).one(&txn).await?.ok_or(CoreError::NotSignedIn)?;
        let old = found.avatar.clone();
        let mut active: user::ActiveModel = found.into();
        active.avatar = Set(key);
        active.updated_at = Set(Utc::now());
        active.update(&txn).await?;
        txn.commit().await?;
        Ok(old)
    }

    /// Stores a prepared picture as `<folder>/<owner>-<random>.jpg` and returns its key; the
    /// random part keeps old links from showing a replaced picture.
    pub async fn store_jpeg(&self, folder: &str, owner: i32, jpeg: Vec<u8>, field: &'static str) -> CoreResult<String> {
        let mut suffix = [0u8; 8];
        rand::rngs::OsRng.fill_bytes(&mut suffix);
        let key = format!("{folder}/{owner}-{}.jpg", hex::encode(suffix));
        self.storage().put(&key, jpeg).await.map_err(|e| CoreError::Field { field, code: e.code() })?;
        Ok(key)
    }
}
