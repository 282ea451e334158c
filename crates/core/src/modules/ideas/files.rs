// SPDX-License-Identifier: AGPL-3.0-only
//! Pictures and attachments of ideas. Every upload is checked and processed before anything is
//! written: pictures are decoded and re-encoded as JPEG (resized, metadata such as EXIF gone),
//! attachments are taken only when their bytes are a known kind of document. Files are stored
//! before the rows that name them are committed, and removed again if the commit fails.
use chrono::Utc;
use rand::RngCore;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use super::model::idea_file;
use crate::attachments::{MAX_ATTACHMENT_BYTES, clean_name, sniff};
use crate::db::WriteTxn;
use crate::{Actor, CoreError, CoreResult, Platform, images};

/// At most this many pictures, and this many attachments, per idea.
pub const MAX_IMAGES: usize = 5;
pub const MAX_ATTACHMENTS: usize = 5;
/// Pictures are scaled to fit in this many pixels each way.
const IMAGE_PIXELS: u32 = 1600;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Image,
    Attachment,
}

impl FileKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FileKind::Image => "image",
            FileKind::Attachment => "attachment",
        }
    }
}

/// A file as it arrived.
#[derive(Debug, Clone)]
pub struct Upload {
    pub kind: FileKind,
    pub name: String,
    pub bytes: Vec<u8>,
}

/// An upload that passed its checks, ready to store.
pub(super) struct Prepared {
    kind: FileKind,
    name: String,
    content_type: &'static str,
    extension: &'static str,
    bytes: Vec<u8>,
    width: Option<i32>,
    height: Option<i32>,
}

async fn prepare(platform: &Platform, actor: &Actor, upload: Upload) -> CoreResult<Prepared> {
    match upload.kind {
        FileKind::Image => {
            let picture = upload.bytes;
            let (bytes, width, height) = platform
                .picture(actor, "images", move || images::fitted_jpeg(&picture, IMAGE_PIXELS, "images"))
                .await?;
            Ok(Prepared {
                kind: FileKind::Image,
                name: clean_name(&upload.name, "jpg"),
                content_type: "image/jpeg",
                extension: "jpg",
                bytes,
                width: Some(width as i32),
                height: Some(height as i32),
            })
        }
        FileKind::Attachment => {
            if upload.bytes.len() > MAX_ATTACHMENT_BYTES {
                return Err(CoreError::Field { field: "attachments", code: "attachment_too_large" });
            }
            let kind =
                sniff(&upload.bytes).ok_or(CoreError::Field { field: "attachments", code: "attachment_invalid" })?;
            Ok(Prepared {
                kind: FileKind::Attachment,
                name: clean_name(&upload.name, kind.extension),
                content_type: kind.content_type,
                extension: kind.extension,
                bytes: upload.bytes,
                width: None,
                height: None,
            })
        }
    }
}

/// Checks every upload (and the counts, with `existing` files already on the idea).
pub(super) async fn prepare_all(
    platform: &Platform,
    actor: &Actor,
    uploads: Vec<Upload>,
    existing: &[idea_file::Model],
) -> CoreResult<Vec<Prepared>> {
    let count = |kind: FileKind| {
        existing.iter().filter(|f| f.kind == kind.as_str()).count() + uploads.iter().filter(|u| u.kind == kind).count()
    };
    if count(FileKind::Image) > MAX_IMAGES {
        return Err(CoreError::Field { field: "images", code: "too_many_images" });
    }
    if count(FileKind::Attachment) > MAX_ATTACHMENTS {
        return Err(CoreError::Field { field: "attachments", code: "too_many_attachments" });
    }
    let mut out = Vec::with_capacity(uploads.len());
    for upload in uploads {
        out.push(prepare(platform, actor, upload).await?);
    }
    Ok(out)
}

impl Platform {
    /// Writes the prepared files to storage; returns their keys (to remove again on failure).
    pub(super) async fn store_files(&self, idea_id: i32, files: &[Prepared]) -> CoreResult<Vec<String>> {
        let mut keys = Vec::new();
        for file in files {
            let mut random = [0u8; 12];
            rand::rngs::OsRng.fill_bytes(&mut random);
            let key = format!("ideas/{idea_id}/{}.{}", hex::encode(random), file.extension);
            if let Err(e) = self.storage().put(&key, file.bytes.clone()).await {
                self.forget_files(keys).await;
                return Err(CoreError::Field { field: "files", code: e.code() });
            }
            keys.push(key);
        }
        Ok(keys)
    }

    pub(super) async fn forget_files(&self, keys: Vec<String>) {
        for key in keys {
            self.forget_file(Some(key)).await;
        }
    }

    /// Adds files to an idea (its author while they may still edit it, or a moderator).
    pub async fn add_idea_files(&self, actor: &Actor, idea_id: i32, uploads: Vec<Upload>) -> CoreResult<()> {
        let found = self.idea_for_change(actor, idea_id).await?;
        let existing = self.idea_files(&[found.id]).await?;
        let prepared = prepare_all(self, actor, uploads, &existing).await?;
        let keys = self.store_files(found.id, &prepared).await?;
        let written = async {
            let txn = crate::db::begin_write(self.db()).await?;
            insert_rows(&txn, found.id, &prepared, &keys).await?;
            txn.commit().await?;
            Ok::<(), CoreError>(())
        }
        .await;
        if written.is_err() {
            self.forget_files(keys).await;
        }
        written
    }

    /// Removes one file of an idea.
    pub async fn remove_idea_file(&self, actor: &Actor, file_id: i32) -> CoreResult<()> {
        let file = idea_file::Entity::find_by_id(file_id).one(self.db()).await?.ok_or(CoreError::NotFound("file"))?;
        self.idea_for_change(actor, file.idea_id).await?;
        let txn = crate::db::begin_write(self.db()).await?;
        idea_file::Entity::delete_by_id(file.id).exec(&txn).await?;
        txn.commit().await?;
        self.forget_file(Some(file.key)).await;
        Ok(())
    }

    /// The files of several ideas in one query, pictures and attachments in upload order.
    pub async fn idea_files(&self, ideas: &[i32]) -> CoreResult<Vec<idea_file::Model>> {
        if ideas.is_empty() {
            return Ok(Vec::new());
        }
        Ok(idea_file::Entity::find()
            .filter(idea_file::Column::IdeaId.is_in(ideas.to_vec()))
            .order_by_asc(idea_file::Column::Id)
            .all(self.db())
            .await?)
    }

    /// A file of an idea `actor` can see, with its bytes; for a picture's variant (`key` names
    /// one), the variant's bytes and content type.
    pub async fn idea_file(&self, actor: &Actor, key: &str) -> CoreResult<Option<(idea_file::Model, Vec<u8>)>> {
        let (stored, variant) = images::variants::parse(key);
        let Some(mut file) = idea_file::Entity::find().filter(idea_file::Column::Key.eq(stored)).one(self.db()).await?
        else {
            return Ok(None);
        };
        if self.idea_by_id(actor, file.idea_id).await?.is_none() {
            return Ok(None);
        }
        if let Some(variant) = variant {
            if file.kind != FileKind::Image.as_str() {
                return Ok(None);
            }
            file.content_type = variant.format.content_type().to_owned();
        }
        let bytes = self.stored_file(key).await;
        Ok(bytes.map(|b| (file, b)))
    }
}

/// The rows naming stored files, inside the caller's transaction.
pub(super) async fn insert_rows(
    txn: &WriteTxn,
    idea_id: i32,
    files: &[Prepared],
    keys: &[String],
) -> Result<(), sea_orm::DbErr> {
    for (file, key) in files.iter().zip(keys) {
        idea_file::ActiveModel {
            idea_id: Set(idea_id),
            kind: Set(file.kind.as_str().to_owned()),
            key: Set(key.clone()),
            name: Set(file.name.clone()),
            content_type: Set(file.content_type.to_owned()),
            size: Set(file.bytes.len() as i64),
            width: Set(file.width),
            height: Set(file.height),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(txn)
        .await?;
    }
    Ok(())
}
