// SPDX-License-Identifier: LicenseRef-Townhall-Commercial
//! The rules of identity verification. Administrators replace the census list with a file
//! that is checked whole first (a file with a bad line changes nothing). A resident verifies
//! with a method; the identity it proves can verify one account only, and failed attempts
//! wait longer each time, like sign-ins (so the list cannot be probed).
use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use serde_json::json;
use townhall_core::modules::accounts::audit;
use townhall_core::{Actor, Answers, CoreError, CoreResult, Platform, db, throttle};

use super::FEATURE;
use super::census::{self, LINES_NAMED};
use super::methods;
use super::model::{census as census_table, verification};

/// Rows written per statement while a census is stored.
const CHUNK: usize = 1_000;

/// What storing a census did.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CensusReport {
    /// Distinct identities now on the list.
    pub identities: usize,
    /// Lines that named an identity already named above.
    pub repeated: usize,
}

/// The list and its use, for the back office.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CensusState {
    pub identities: u64,
    pub verified_accounts: u64,
    pub updated_at: Option<DateTime<Utc>>,
}

async fn admin(platform: &Platform, actor: &Actor) -> CoreResult<()> {
    platform.require_admin_of(FEATURE, actor).await
}

pub async fn census_state(platform: &Platform, actor: &Actor) -> CoreResult<CensusState> {
    admin(platform, actor).await?;
    let identities = census_table::Entity::find().count(platform.db()).await?;
    let verified_accounts = verification::Entity::find().count(platform.db()).await?;
    let newest = census_table::Entity::find().order_by_desc(census_table::Column::AddedAt).one(platform.db()).await?;
    Ok(CensusState { identities, verified_accounts, updated_at: newest.map(|n| n.added_at) })
}

/// What an upload came to: stored, or refused whole for the lines that are neither a header
/// nor an identity (the first [`LINES_NAMED`], and how many there are).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CensusOutcome {
    Stored(CensusReport),
    BadLines { first: Vec<usize>, count: usize },
}

/// Replaces the census list with the file `text`, unless a line is bad (then nothing
/// changes); an empty file is refused. Verifications made before stay.
pub async fn replace_census(platform: &Platform, actor: &Actor, text: &str) -> CoreResult<CensusOutcome> {
    admin(platform, actor).await?;
    let parsed = census::parse(text);
    if !parsed.invalid_lines.is_empty() {
        let first = parsed.invalid_lines.iter().take(LINES_NAMED).copied().collect();
        return Ok(CensusOutcome::BadLines { first, count: parsed.invalid_lines.len() });
    }
    if parsed.identities.is_empty() {
        return Err(CoreError::Field { field: "census", code: "census_empty" });
    }
    let hashes: BTreeSet<String> =
        parsed.identities.iter().map(|(id, born)| census::identity_hash(platform, id, *born)).collect();
    let now = Utc::now();
    let txn = db::begin_write(platform.db()).await?;
    census_table::Entity::delete_many().exec(&txn).await?;
    let all: Vec<&String> = hashes.iter().collect();
    for chunk in all.chunks(CHUNK) {
        let rows =
            chunk.iter().map(|h| census_table::ActiveModel { identity_hash: Set((*h).clone()), added_at: Set(now) });
        census_table::Entity::insert_many(rows).exec(&txn).await?;
    }
    let report = CensusReport { identities: hashes.len(), repeated: parsed.identities.len() - hashes.len() };
    let details = json!({ "identities": report.identities, "repeated": report.repeated });
    audit::record(&txn, actor, "census.replace", "census", None, details).await?;
    txn.commit().await?;
    Ok(CensusOutcome::Stored(report))
}

/// The verification of a user, if any.
pub async fn verification_of(platform: &Platform, user_id: i32) -> CoreResult<Option<verification::Model>> {
    Ok(verification::Entity::find_by_id(user_id).one(platform.db()).await?)
}

/// Verifies the signed-in `actor` with `method` and its `answers`.
pub async fn verify(
    platform: &Platform,
    actor: &Actor,
    method: &str,
    answers: &BTreeMap<String, String>,
) -> CoreResult<verification::Model> {
    platform.require_active(FEATURE).await?;
    let user_id = actor.user_id().ok_or(CoreError::NotSignedIn)?;
    if let Some(done) = verification_of(platform, user_id).await? {
        return Ok(done);
    }
    let key = format!("verify:user:{user_id}");
    // Counted before the census is asked, so parallel guesses cannot slip past the limit; an
    // attempt that was no guess (a form error, the database) is given back.
    if let Err(wait) = platform.throttle().reserve(&key, throttle::SIGN_IN) {
        return Err(CoreError::Throttled { retry_after_secs: wait.as_secs().max(1) });
    }
    let method = methods::all().into_iter().find(|m| m.id() == method);
    let Some(method) = method else {
        platform.throttle().forgive(&key);
        return Err(CoreError::Field { field: "method", code: "verification_method_unknown" });
    };
    let identity = match method.identity(platform, answers).await {
        Ok(identity) => identity,
        Err(e) => {
            if !matches!(e, CoreError::Field { code: "identity_not_found", .. }) {
                platform.throttle().forgive(&key);
            }
            return Err(e);
        }
    };
    let saved = record(platform, actor, method.id(), identity, &Answers::new()).await?;
    platform.throttle().clear(&key);
    Ok(saved)
}

/// Ties `identity` (a keyed hash) to the signed-in `actor`'s account, verified by `method`,
/// unless another account has it; `answers` to registration questions that the method proved
/// (an identity provider's claims) replace the resident's own in the same transaction.
pub async fn record(
    platform: &Platform,
    actor: &Actor,
    method: &str,
    identity: String,
    answers: &Answers,
) -> CoreResult<verification::Model> {
    let user_id = actor.user_id().ok_or(CoreError::NotSignedIn)?;
    let txn = db::begin_write(platform.db()).await?;
    let taken =
        verification::Entity::find().filter(verification::Column::IdentityHash.eq(identity.clone())).one(&txn).await?;
    if taken.is_some() {
        return Err(CoreError::Field { field: "identifier", code: "identity_taken" });
    }
    let saved =
        verification::Model { user_id, method: method.to_owned(), identity_hash: identity, verified_at: Utc::now() };
    let inserted = verification::Entity::insert(verification::ActiveModel {
        user_id: Set(saved.user_id),
        method: Set(saved.method.clone()),
        identity_hash: Set(saved.identity_hash.clone()),
        verified_at: Set(saved.verified_at),
    })
    .exec(&txn)
    .await;
    // Another account took the identity (or this one verified) in the meantime.
    if let Err(e) = inserted {
        return Err(match e.sql_err() {
            Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => {
                CoreError::Field { field: "identifier", code: "identity_taken" }
            }
            _ => e.into(),
        });
    }
    if !answers.is_empty() {
        townhall_standard::custom_registration_fields::service::store_given(platform, &txn, user_id, answers).await?;
    }
    audit::record(&txn, actor, "identity.verify", "user", Some(user_id.to_string()), json!({ "method": saved.method }))
        .await?;
    txn.commit().await?;
    Ok(saved)
}
