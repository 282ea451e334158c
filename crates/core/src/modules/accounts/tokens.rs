// SPDX-License-Identifier: AGPL-3.0-only
//! Single-use tokens for links sent by e-mail (confirm, reset, change e-mail, first admin).
//! Only a SHA-256 of the token is stored; consuming one is a single conditional UPDATE, so a
//! link used twice at the same moment works once.
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{Duration, Utc};
use rand::RngCore;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use sha2::{Digest, Sha256};

use super::model::token;
use crate::{CoreError, CoreResult};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    ConfirmEmail,
    ResetPassword,
    ChangeEmail,
    SetupAdmin,
}

impl Purpose {
    pub fn as_str(self) -> &'static str {
        match self {
            Purpose::ConfirmEmail => "confirm_email",
            Purpose::ResetPassword => "reset_password",
            Purpose::ChangeEmail => "change_email",
            Purpose::SetupAdmin => "setup_admin",
        }
    }

    pub fn lifetime(self) -> Duration {
        match self {
            Purpose::ConfirmEmail | Purpose::ChangeEmail => Duration::hours(24),
            Purpose::ResetPassword => Duration::hours(1),
            Purpose::SetupAdmin => Duration::days(7),
        }
    }
}

pub fn digest(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Creates a token and returns its secret (the only copy).
pub async fn issue<C: ConnectionTrait>(
    db: &C,
    user_id: Option<i32>,
    purpose: Purpose,
    new_email: Option<String>,
) -> CoreResult<String> {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let secret = URL_SAFE_NO_PAD.encode(bytes);
    let now = Utc::now();
    token::Entity::insert(token::ActiveModel {
        user_id: Set(user_id),
        purpose: Set(purpose.as_str().to_owned()),
        token_hash: Set(digest(&secret)),
        new_email: Set(new_email),
        expires_at: Set(now + purpose.lifetime()),
        used_at: Set(None),
        created_at: Set(now),
        ..Default::default()
    })
    .exec(db)
    .await?;
    Ok(secret)
}

/// Marks the token used and returns it, or `TokenInvalid` when it is unknown, used or expired.
pub async fn consume<C: ConnectionTrait>(db: &C, purpose: Purpose, secret: &str) -> CoreResult<token::Model> {
    let now = Utc::now();
    let hash = digest(secret.trim());
    let updated = token::Entity::update_many()
        .col_expr(token::Column::UsedAt, Expr::value(now))
        .filter(token::Column::TokenHash.eq(hash.clone()))
        .filter(token::Column::Purpose.eq(purpose.as_str()))
        .filter(token::Column::UsedAt.is_null())
        .filter(token::Column::ExpiresAt.gt(now))
        .exec(db)
        .await?;
    if updated.rows_affected != 1 {
        return Err(CoreError::TokenInvalid);
    }
    token::Entity::find().filter(token::Column::TokenHash.eq(hash)).one(db).await?.ok_or(CoreError::TokenInvalid)
}

/// Ends every unused token of `purpose` for a user (a new link replaces the old ones).
pub async fn revoke<C: ConnectionTrait>(db: &C, user_id: i32, purpose: Purpose) -> CoreResult<()> {
    token::Entity::update_many()
        .col_expr(token::Column::UsedAt, Expr::value(Utc::now()))
        .filter(token::Column::UserId.eq(user_id))
        .filter(token::Column::Purpose.eq(purpose.as_str()))
        .filter(token::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// The token's row if it is usable now, without using it (to prepare work outside the write
/// transaction that will consume it).
pub async fn peek<C: ConnectionTrait>(db: &C, purpose: Purpose, secret: &str) -> CoreResult<token::Model> {
    token::Entity::find()
        .filter(token::Column::TokenHash.eq(digest(secret.trim())))
        .filter(token::Column::Purpose.eq(purpose.as_str()))
        .filter(token::Column::UsedAt.is_null())
        .filter(token::Column::ExpiresAt.gt(Utc::now()))
        .one(db)
        .await?
        .ok_or(CoreError::TokenInvalid)
}

/// Ends every unused first-administrator link (a new one replaces them).
pub async fn revoke_setup<C: ConnectionTrait>(db: &C) -> CoreResult<()> {
    token::Entity::update_many()
        .col_expr(token::Column::UsedAt, Expr::value(Utc::now()))
        .filter(token::Column::Purpose.eq(Purpose::SetupAdmin.as_str()))
        .filter(token::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}
