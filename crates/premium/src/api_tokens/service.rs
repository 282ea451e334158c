// SPDX-License-Identifier: LicenseRef-Townhall-Commercial
//! The rules of API tokens. An administrator creates a named token with a scope
//! (`read_public`, the default: queries without personal data; `read`: queries; `read_write`:
//! queries and mutations) and a rate; the token is shown once and only its SHA-256 is kept (it is 256
//! random bits, so a fast hash is enough). A token acts as the administrator who created it,
//! with their roles at the time of each request; it stops working when it is revoked, when
//! their account is deleted or blocked, or when the licence lapses. Each accepted request is
//! logged with its time and address, and the log is kept for 90 days.
use chrono::{Duration, Utc};
use rand::RngCore;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde_json::json;
use sha2::{Digest, Sha256};
use townhall_core::actor::ApiClient;
use townhall_core::modules::accounts::audit;
use townhall_core::modules::accounts::model::user;
use townhall_core::{Actor, CoreError, CoreResult, Platform, db};

use super::FEATURE;
use super::limiter::RateLimiter;
use super::model::{token, token_use};

/// Queries, without personal data (`townhall_core::personal_data`): the default.
pub const READ_PUBLIC: &str = "read_public";
/// Queries, with whatever personal data the creator may read.
pub const READ: &str = "read";
pub const READ_WRITE: &str = "read_write";
/// What a new token gets unless another scope is asked for.
pub const DEFAULT_SCOPE: &str = READ_PUBLIC;
/// Every token starts with this, so the server asks this module only about its own tokens.
pub const PREFIX: &str = "th_api_";
pub const DEFAULT_RATE: i32 = 600;
pub const MAX_RATE: i32 = 6_000;
/// Uses listed on a token's page.
pub const USES_LISTED: u64 = 50;
/// Days the log of use is kept.
pub const USES_KEPT_DAYS: i64 = 90;

/// What an administrator asks for.
#[derive(Debug, Clone)]
pub struct NewToken {
    pub name: String,
    pub scope: String,
    pub requests_per_minute: i32,
}

/// A token with the name of the administrator it acts as.
#[derive(Debug, Clone)]
pub struct Listed {
    pub token: token::Model,
    pub creator: Option<String>,
}

async fn admin(platform: &Platform, actor: &Actor) -> CoreResult<()> {
    platform.require_admin_of(FEATURE, actor).await
}

fn hash(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

/// A new secret: the prefix and 32 random bytes in hex.
fn new_secret() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    format!("{PREFIX}{}", hex::encode(bytes))
}

fn checked(new: NewToken) -> CoreResult<NewToken> {
    let name = new.name.trim().to_owned();
    if name.is_empty() || name.chars().count() > 80 {
        return Err(CoreError::Field { field: "name", code: "token_name_length" });
    }
    if ![READ_PUBLIC, READ, READ_WRITE].contains(&new.scope.as_str()) {
        return Err(CoreError::Field { field: "scope", code: "token_scope_invalid" });
    }
    if !(1..=MAX_RATE).contains(&new.requests_per_minute) {
        return Err(CoreError::Field { field: "requests_per_minute", code: "token_rate_invalid" });
    }
    Ok(NewToken { name, ..new })
}

/// Every token, newest first, with who created it (administrators).
pub async fn tokens(platform: &Platform, actor: &Actor) -> CoreResult<Vec<Listed>> {
    admin(platform, actor).await?;
    let all = token::Entity::find().order_by_desc(token::Column::Id).all(platform.db()).await?;
    with_creators(platform, all).await
}

pub async fn token(platform: &Platform, actor: &Actor, id: i32) -> CoreResult<Listed> {
    admin(platform, actor).await?;
    let found = token::Entity::find_by_id(id).one(platform.db()).await?.ok_or(CoreError::NotFound("api_token"))?;
    let mut listed = with_creators(platform, vec![found]).await?;
    listed.pop().ok_or(CoreError::NotFound("api_token"))
}

/// The creators' names in one query.
async fn with_creators(platform: &Platform, tokens: Vec<token::Model>) -> CoreResult<Vec<Listed>> {
    let ids: Vec<i32> = tokens.iter().filter_map(|t| t.created_by).collect();
    let names: std::collections::HashMap<i32, String> = if ids.is_empty() {
        Default::default()
    } else {
        user::Entity::find()
            .select_only()
            .columns([user::Column::Id, user::Column::DisplayName])
            .filter(user::Column::Id.is_in(ids))
            .into_tuple::<(i32, String)>()
            .all(platform.db())
            .await?
            .into_iter()
            .collect()
    };
    Ok(tokens
        .into_iter()
        .map(|t| {
            let creator = t.created_by.and_then(|id| names.get(&id).cloned());
            Listed { token: t, creator }
        })
        .collect())
}

/// Creates a token acting as `actor`; returns it with its secret, which is never shown again.
pub async fn create(platform: &Platform, actor: &Actor, new: NewToken) -> CoreResult<(token::Model, String)> {
    admin(platform, actor).await?;
    let creator = actor.user_id().ok_or(CoreError::Forbidden)?;
    let new = checked(new)?;
    let secret = new_secret();
    let txn = db::begin_write(platform.db()).await?;
    let created = token::ActiveModel {
        name: Set(new.name.clone()),
        scope: Set(new.scope.clone()),
        token_hash: Set(hash(&secret)),
        created_at: Set(Utc::now()),
        last_used_at: Set(None),
        revoked_at: Set(None),
        created_by: Set(Some(creator)),
        hint: Set(secret.chars().take(PREFIX.len() + 6).collect()),
        requests_per_minute: Set(new.requests_per_minute),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let details = json!({ "name": new.name, "scope": new.scope, "requests_per_minute": new.requests_per_minute });
    audit::record(&txn, actor, "api_token.create", "api_token", Some(created.id.to_string()), details).await?;
    txn.commit().await?;
    Ok((created, secret))
}

/// Revokes a token for good; revoking it again changes nothing.
pub async fn revoke(platform: &Platform, actor: &Actor, id: i32) -> CoreResult<token::Model> {
    admin(platform, actor).await?;
    let txn = db::begin_write(platform.db()).await?;
    let found =
        db::locking(token::Entity::find_by_id(id), &txn).one(&txn).await?.ok_or(CoreError::NotFound("api_token"))?;
    if found.revoked_at.is_some() {
        return Ok(found);
    }
    let name = found.name.clone();
    let mut active: token::ActiveModel = found.into();
    active.revoked_at = Set(Some(Utc::now()));
    let saved = active.update(&txn).await?;
    audit::record(&txn, actor, "api_token.revoke", "api_token", Some(id.to_string()), json!({ "name": name })).await?;
    txn.commit().await?;
    Ok(saved)
}

/// The latest uses of a token, newest first.
pub async fn uses(
    platform: &Platform,
    actor: &Actor,
    id: i32,
    after: Option<i32>,
    limit: u64,
) -> CoreResult<Vec<token_use::Model>> {
    admin(platform, actor).await?;
    Ok(token_use::Entity::find()
        .filter(token_use::Column::TokenId.eq(id))
        .filter(token_use::Column::Id.lt(after.unwrap_or(i32::MAX)))
        .order_by_desc(token_use::Column::Id)
        .limit(limit.clamp(1, 200))
        .all(platform.db())
        .await?)
}

/// Who `secret` lets in. `Ok(None)` for what is not an API token; [`CoreError::TokenInvalid`]
/// for an unknown or revoked one, or while the feature is not active;
/// [`CoreError::Throttled`] over the token's rate. An accepted request is logged.
pub async fn authenticate(
    platform: &Platform,
    limiter: &RateLimiter,
    secret: &str,
    client: &str,
) -> CoreResult<Option<ApiClient>> {
    if !secret.starts_with(PREFIX) {
        return Ok(None);
    }
    if !platform.is_active(FEATURE).await {
        return Err(CoreError::TokenInvalid);
    }
    let found = token::Entity::find().filter(token::Column::TokenHash.eq(hash(secret))).one(platform.db()).await?;
    let Some(found) = found.filter(|t| t.revoked_at.is_none()) else { return Err(CoreError::TokenInvalid) };
    let Some(user_id) = found.created_by else { return Err(CoreError::TokenInvalid) };
    if let Err(wait) = limiter.admit(found.id, found.requests_per_minute.max(1) as u32) {
        tracing::warn!(token = found.id, "an API token is over its rate");
        return Err(CoreError::Throttled { retry_after_secs: wait });
    }
    record_use(platform, found.id, client).await?;
    let (read_only, personal_data) = (found.scope != READ_WRITE, found.scope != READ_PUBLIC);
    Ok(Some(ApiClient { token_id: found.id, user_id, read_only, personal_data }))
}

async fn record_use(platform: &Platform, id: i32, client: &str) -> CoreResult<()> {
    let now = Utc::now();
    let txn = db::begin_write(platform.db()).await?;
    token_use::ActiveModel {
        token_id: Set(id),
        used_at: Set(now),
        client: Set(client.to_owned()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    token::Entity::update_many()
        .col_expr(token::Column::LastUsedAt, Expr::value(now))
        .filter(token::Column::Id.eq(id))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(())
}

/// Forgets uses older than [`USES_KEPT_DAYS`]; returns how many.
pub async fn prune_uses(platform: &Platform) -> CoreResult<u64> {
    let before = Utc::now() - Duration::days(USES_KEPT_DAYS);
    let txn = db::begin_write(platform.db()).await?;
    let gone = token_use::Entity::delete_many().filter(token_use::Column::UsedAt.lt(before)).exec(&txn).await?;
    txn.commit().await?;
    Ok(gone.rows_affected)
}

/// When an administrator's account goes, so do the powers of the tokens acting as them.
pub async fn revoke_tokens_of(txn: &townhall_core::db::WriteTxn, user_id: i32) -> Result<(), sea_orm::DbErr> {
    token::Entity::update_many()
        .col_expr(token::Column::RevokedAt, Expr::value(Utc::now()))
        .filter(token::Column::CreatedBy.eq(user_id))
        .filter(token::Column::RevokedAt.is_null())
        .exec(txn)
        .await?;
    token::Entity::update_many()
        .col_expr(token::Column::CreatedBy, Expr::value(Option::<i32>::None))
        .filter(token::Column::CreatedBy.eq(user_id))
        .exec(txn)
        .await?;
    Ok(())
}

/// The names of the tokens an administrator created, for "download my data".
pub async fn names_of(db: &sea_orm::DatabaseConnection, user_id: i32) -> Result<Vec<String>, sea_orm::DbErr> {
    token::Entity::find()
        .select_only()
        .column(token::Column::Name)
        .filter(token::Column::CreatedBy.eq(user_id))
        .order_by_asc(token::Column::Id)
        .into_tuple::<String>()
        .all(db)
        .await
}
