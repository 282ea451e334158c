// SPDX-License-Identifier: AGPL-3.0-only
//! Accounts that another service vouches for (Standard's OpenID Connect sign-in). The module
//! that knows the service writes its own link to the account in the same transaction; core
//! keeps the rules of the account itself: a checked address and name, no password until the
//! owner sets one with a reset link, and an address that counts as confirmed only when the
//! service verified it.
use chrono::Utc;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};

use super::mails;
use super::model::user;
use super::password;
use super::register::{check_display_name, check_locale, normalize_email};
use super::tokens::{self, Purpose};
use crate::db::WriteTxn;
use crate::i18n::I18n;
use crate::{CoreError, CoreResult, Platform};

/// An account to create from what a sign-in provider said about its owner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExternalAccount {
    pub email: String,
    /// The provider's name for the person; the address's local part when it has none that fits.
    pub display_name: String,
    /// The provider's language for the person, if one this platform offers; else `fallback_locale`.
    pub locale: Option<String>,
    pub fallback_locale: String,
    /// Whether the provider asserted that the address is the person's (`email_verified`).
    pub email_verified: bool,
}

/// A new account: its id and, when its address is still to be confirmed, the link's secret to
/// mail once the transaction is committed (see [`Platform::send_confirmation`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreatedAccount {
    pub user_id: i32,
    pub confirmation: Option<String>,
}

/// The account of `email` (normalised), if there is one.
pub async fn find_by_email(txn: &WriteTxn, email: &str) -> CoreResult<Option<user::Model>> {
    let email = normalize_email(email)?;
    Ok(user::Entity::find().filter(user::Column::Email.eq(email)).one(txn).await?)
}

impl Platform {
    /// Creates the account inside `txn`. An address that already has an account is refused
    /// (`email_taken`): the caller links that account instead, when it may.
    pub async fn create_external_account(&self, txn: &WriteTxn, input: &ExternalAccount) -> CoreResult<CreatedAccount> {
        let email = normalize_email(&input.email)?;
        let local_part = email.split('@').next().unwrap_or_default().to_owned();
        let display_name = check_display_name(&input.display_name).or_else(|_| check_display_name(&local_part))?;
        let locale = input
            .locale
            .as_deref()
            .and_then(I18n::supported)
            .map_or_else(|| check_locale(&input.fallback_locale), Ok)?;
        if user::Entity::find().filter(user::Column::Email.eq(email.clone())).one(txn).await?.is_some() {
            return Err(CoreError::Field { field: "email", code: "email_taken" });
        }
        let now = Utc::now();
        let created = user::Entity::insert(user::ActiveModel {
            email: Set(email),
            email_confirmed_at: Set(input.email_verified.then_some(now)),
            password_hash: Set(password::NO_PASSWORD.to_owned()),
            display_name: Set(display_name),
            locale: Set(locale.to_owned()),
            session_version: Set(0),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        })
        .exec(txn)
        .await?;
        let id = created.last_insert_id;
        let confirmation = if input.email_verified {
            None
        } else {
            Some(tokens::issue(txn, Some(id), Purpose::ConfirmEmail, None).await?)
        };
        tracing::info!(user = id, "account registered through a sign-in provider");
        Ok(CreatedAccount { user_id: id, confirmation })
    }

    /// Makes an existing account, now linked through a provider that verified its address, the
    /// address owner's alone. When the address was never confirmed, whoever made the account
    /// may not be its owner (someone can sign up with another person's address and wait):
    /// their password stops working, every session ends, and the address counts as confirmed.
    pub async fn claim_verified_address(&self, txn: &WriteTxn, user_id: i32) -> CoreResult<()> {
        let found = user::Entity::find_by_id(user_id).one(txn).await?.ok_or(CoreError::NotFound("user"))?;
        if found.email_confirmed_at.is_some() {
            return Ok(());
        }
        let version = found.session_version + 1;
        let mut active: user::ActiveModel = found.into();
        active.password_hash = Set(password::NO_PASSWORD.to_owned());
        active.session_version = Set(version);
        active.email_confirmed_at = Set(Some(Utc::now()));
        active.updated_at = Set(Utc::now());
        active.update(txn).await?;
        Ok(())
    }

    /// Mails the confirmation link of a new account (after its transaction was committed).
    pub async fn send_confirmation(&self, user_id: i32, secret: &str) -> CoreResult<()> {
        let found = user::Entity::find_by_id(user_id).one(self.db()).await?.ok_or(CoreError::NotFound("user"))?;
        if self.mail_allowed(&found.email) {
            let site = self.site_name().await;
            self.deliver(mails::confirm(self, &site, &found.locale, &found.display_name, &found.email, secret)).await;
        }
        Ok(())
    }

    /// Whether `user_id` has a password (an account made through a provider has none until its
    /// owner sets one with a reset link).
    pub async fn has_password(&self, user_id: i32) -> CoreResult<bool> {
        let found = user::Entity::find_by_id(user_id).one(self.db()).await?;
        Ok(found.is_some_and(|u| password::is_set(&u.password_hash)))
    }
}
