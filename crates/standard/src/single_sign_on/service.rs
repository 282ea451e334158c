// SPDX-License-Identifier: LicenseRef-Townhall-Commercial
//! Which account a provider's person is. A person seen before signs in to their linked
//! account. Otherwise their address decides: no account has it, so one is made (its name,
//! language and registration answers from the claims the administrator chose; its address
//! confirmed only when the provider verified it); or an account has it, which is linked only
//! when the provider asserts `email_verified`, since anyone can type any address at some
//! providers — without that, the owner signs in with their password once and links the
//! provider from their account page. Signed-in residents link and unlink providers
//! themselves, keeping one way to sign in.
use chrono::Utc;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use serde_json::json;
use townhall_core::db::WriteTxn;
use townhall_core::modules::accounts::audit;
use townhall_core::modules::accounts::external::find_by_email;
use townhall_core::modules::accounts::model::user;
use townhall_core::modules::accounts::{CreatedAccount, ExternalAccount};
use townhall_core::{Actor, Answers, CoreError, CoreResult, Platform, db};

use super::client::Identity;
use super::model::{link, provider};
use super::providers;

fn refused(code: &'static str) -> CoreError {
    CoreError::Field { field: "provider", code }
}

/// What a sign-in through a provider came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedIn {
    pub user_id: i32,
    pub token: String,
    /// A new account was made.
    pub created: bool,
    /// A registration question the account must answer is open.
    pub registration_incomplete: bool,
}

async fn link_of(txn: &WriteTxn, provider_id: i32, subject: &str) -> CoreResult<Option<link::Model>> {
    Ok(link::Entity::find()
        .filter(link::Column::ProviderId.eq(provider_id))
        .filter(link::Column::Subject.eq(subject))
        .one(txn)
        .await?)
}

async fn account_link(txn: &WriteTxn, provider_id: i32, user_id: i32) -> CoreResult<Option<link::Model>> {
    Ok(link::Entity::find()
        .filter(link::Column::ProviderId.eq(provider_id))
        .filter(link::Column::UserId.eq(user_id))
        .one(txn)
        .await?)
}

async fn insert_link(txn: &WriteTxn, provider_id: i32, user_id: i32, subject: &str) -> CoreResult<()> {
    let now = Utc::now();
    let inserted = link::Entity::insert(link::ActiveModel {
        provider_id: Set(provider_id),
        user_id: Set(user_id),
        subject: Set(subject.to_owned()),
        linked_at: Set(now),
        last_used_at: Set(Some(now)),
        ..Default::default()
    })
    .exec(txn)
    .await;
    match inserted {
        Ok(_) => Ok(()),
        // Another request linked the same person or account in the meantime.
        Err(e) if matches!(e.sql_err(), Some(sea_orm::SqlErr::UniqueConstraintViolation(_))) => {
            Err(refused("sso_subject_taken"))
        }
        Err(e) => Err(e.into()),
    }
}

fn blocked(found: &user::Model) -> CoreResult<()> {
    if found.is_blocked(Utc::now()) { Err(CoreError::Blocked) } else { Ok(()) }
}

/// Signs the person `identity` is in (making or linking their account first); `locale` is the
/// request's language, for a new account whose provider names none.
pub async fn sign_in(
    platform: &Platform,
    found: &provider::Model,
    identity: &Identity,
    locale: &str,
) -> CoreResult<SignedIn> {
    let txn = db::begin_write(platform.db()).await?;
    let (user_id, created) = match link_of(&txn, found.id, &identity.subject).await? {
        Some(known) => {
            let account =
                user::Entity::find_by_id(known.user_id).one(&txn).await?.ok_or(CoreError::NotFound("user"))?;
            blocked(&account)?;
            let mut used: link::ActiveModel = known.into();
            used.last_used_at = Set(Some(Utc::now()));
            link::Entity::update(used).exec(&txn).await?;
            (account.id, None)
        }
        None => {
            let email = identity.email().ok_or_else(|| refused("sso_email_missing"))?;
            match find_by_email(&txn, &email).await.map_err(|_| refused("sso_email_missing"))? {
                Some(account) => {
                    if !identity.email_verified() {
                        return Err(refused("sso_email_unverified"));
                    }
                    blocked(&account)?;
                    if account_link(&txn, found.id, account.id).await?.is_some() {
                        return Err(refused("sso_account_linked_elsewhere"));
                    }
                    platform.claim_verified_address(&txn, account.id).await?;
                    insert_link(&txn, found.id, account.id, &identity.subject).await?;
                    // The provider's word made this link, not the signed-in owner: recorded.
                    let target = Some(account.id.to_string());
                    let details = json!({ "provider": found.slug, "through": "verified_email" });
                    audit::record(&txn, &Actor::Anonymous, "sign_in_provider.link", "user", target, details).await?;
                    (account.id, None)
                }
                None => {
                    let created = create_account(platform, &txn, found, identity, &email, locale).await?;
                    (created.user_id, Some(created))
                }
            }
        }
    };
    txn.commit().await?;
    if let Some(secret) = created.as_ref().and_then(|c| c.confirmation.as_deref()) {
        platform.send_confirmation(user_id, secret).await?;
    }
    let (viewer, token) = platform.sign_in_authenticated(user_id).await?;
    Ok(SignedIn { user_id, token, created: created.is_some(), registration_incomplete: viewer.registration_incomplete })
}

async fn create_account(
    platform: &Platform,
    txn: &WriteTxn,
    found: &provider::Model,
    identity: &Identity,
    email: &str,
    locale: &str,
) -> CoreResult<CreatedAccount> {
    let claims = providers::claim_map(found);
    let from = |target: &str, fallback: &str| claims.get(target).map_or(fallback, String::as_str).to_owned();
    let input = ExternalAccount {
        email: email.to_owned(),
        display_name: identity.claim(&from("display_name", "name")).unwrap_or_default(),
        locale: identity.claim(&from("locale", "locale")),
        fallback_locale: locale.to_owned(),
        email_verified: identity.email_verified(),
    };
    let created = platform.create_external_account(txn, &input).await?;
    insert_link(txn, found.id, created.user_id, &identity.subject).await?;
    let answers = answers_from(found, identity);
    if !answers.is_empty() {
        crate::custom_registration_fields::service::store_given(platform, txn, created.user_id, &answers).await?;
    }
    Ok(created)
}

/// The registration answers the provider's claims give, by question name.
pub fn answers_from(found: &provider::Model, identity: &Identity) -> Answers {
    providers::claim_map(found)
        .into_iter()
        .filter(|(target, _)| !providers::PROFILE_TARGETS.contains(&target.as_str()))
        .filter_map(|(question, claim)| identity.claim(&claim).map(|value| (question, vec![value])))
        .collect()
}

/// Adds the provider's person to the signed-in account of the flow.
pub async fn link(platform: &Platform, actor: &Actor, found: &provider::Model, identity: &Identity) -> CoreResult<()> {
    let user_id = actor.user_id().ok_or(CoreError::NotSignedIn)?;
    let txn = db::begin_write(platform.db()).await?;
    match link_of(&txn, found.id, &identity.subject).await? {
        Some(known) if known.user_id == user_id => return Ok(()),
        Some(_) => return Err(refused("sso_subject_taken")),
        None => {}
    }
    if account_link(&txn, found.id, user_id).await?.is_some() {
        return Err(refused("sso_account_linked_elsewhere"));
    }
    insert_link(&txn, found.id, user_id, &identity.subject).await?;
    audit::record(
        &txn,
        actor,
        "sign_in_provider.link",
        "user",
        Some(user_id.to_string()),
        json!({ "provider": found.slug }),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// A linked provider, for the account page.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Linked {
    pub provider_id: i32,
    pub label: String,
    pub linked_at: chrono::DateTime<Utc>,
    pub last_used_at: Option<chrono::DateTime<Utc>>,
}

/// The sign-in providers linked to `user_id`.
pub async fn linked(platform: &Platform, user_id: i32) -> CoreResult<Vec<Linked>> {
    let links = link::Entity::find()
        .filter(link::Column::UserId.eq(user_id))
        .order_by_asc(link::Column::Id)
        .all(platform.db())
        .await?;
    let providers = providers::all(platform).await?;
    Ok(links
        .into_iter()
        .filter_map(|l| {
            let p = providers.iter().find(|p| p.id == l.provider_id && p.purpose == providers::SIGN_IN)?;
            Some(Linked {
                provider_id: p.id,
                label: p.label.clone(),
                linked_at: l.linked_at,
                last_used_at: l.last_used_at,
            })
        })
        .collect())
}

/// Removes a linked provider from the signed-in account, unless it is the account's last way
/// to sign in (no password, or passwords switched off for it, and no other provider).
pub async fn unlink(platform: &Platform, actor: &Actor, provider_id: i32) -> CoreResult<()> {
    let viewer = actor.viewer().ok_or(CoreError::NotSignedIn)?;
    let password_works =
        platform.has_password(viewer.id).await? && platform.password_sign_in().await?.allows(!viewer.roles.is_empty());
    let txn = db::begin_write(platform.db()).await?;
    let mine = link::Entity::find().filter(link::Column::UserId.eq(viewer.id));
    let others = mine.clone().filter(link::Column::ProviderId.ne(provider_id)).count(&txn).await?;
    let found =
        mine.filter(link::Column::ProviderId.eq(provider_id)).one(&txn).await?.ok_or(CoreError::NotFound("link"))?;
    if !password_works && others == 0 {
        return Err(refused("sso_last_way_in"));
    }
    link::Entity::delete_by_id(found.id).exec(&txn).await?;
    let target = Some(viewer.id.to_string());
    audit::record(&txn, actor, "sign_in_provider.unlink", "user", target, json!({ "provider_id": provider_id }))
        .await?;
    txn.commit().await?;
    Ok(())
}
