// SPDX-License-Identifier: AGPL-3.0-only
//! Confirming the e-mail address, resetting and changing the password.
use chrono::Utc;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};

use super::mails;
use super::model::user;
use super::password;
use super::tokens::{self, Purpose};
use crate::{Actor, CoreError, CoreResult, Platform, db};

impl Platform {
    /// Confirms the address of the token's account, or the new address of an e-mail change.
    pub async fn confirm_email(&self, secret: &str) -> CoreResult<()> {
        let txn = db::begin_write(self.db()).await?;
        let token = match tokens::consume(&txn, Purpose::ConfirmEmail, secret).await {
            Err(CoreError::TokenInvalid) => {
                let token = tokens::consume(&txn, Purpose::ChangeEmail, secret).await?;
                let (Some(id), Some(new_email)) = (token.user_id, token.new_email) else {
                    return Err(CoreError::TokenInvalid);
                };
                let taken = user::Entity::find().filter(user::Column::Email.eq(new_email.clone())).one(&txn).await?;
                if taken.is_some() {
                    return Err(CoreError::TokenInvalid);
                }
                let found = user::Entity::find_by_id(id).one(&txn).await?.ok_or(CoreError::TokenInvalid)?;
                let mut active: user::ActiveModel = found.into();
                active.email = Set(new_email);
                active.email_confirmed_at = Set(Some(Utc::now()));
                active.updated_at = Set(Utc::now());
                active.update(&txn).await?;
                txn.commit().await?;
                return Ok(());
            }
            other => other?,
        };
        let id = token.user_id.ok_or(CoreError::TokenInvalid)?;
        let found = user::Entity::find_by_id(id).one(&txn).await?.ok_or(CoreError::TokenInvalid)?;
        if found.email_confirmed_at.is_none() {
            let mut active: user::ActiveModel = found.into();
            active.email_confirmed_at = Set(Some(Utc::now()));
            active.updated_at = Set(Utc::now());
            active.update(&txn).await?;
        }
        txn.commit().await?;
        Ok(())
    }

    /// Sends a new confirmation link to a signed-in user whose address is not confirmed yet.
    pub async fn resend_confirmation(&self, actor: &Actor) -> CoreResult<()> {
        let id = actor.user_id().ok_or(CoreError::NotSignedIn)?;
        let found = user::Entity::find_by_id(id).one(self.db()).await?.ok_or(CoreError::NotSignedIn)?;
        if found.email_confirmed_at.is_some() {
            return Ok(());
        }
        if !self.mail_allowed(&found.email) {
            return Err(CoreError::Throttled { retry_after_secs: 60 });
        }
        let secret = self.fresh_link(id, Purpose::ConfirmEmail, None).await?;
        self.deliver(mails::confirm(
            self,
            &self.site_name().await,
            &found.locale,
            &found.display_name,
            &found.email,
            &secret,
        ))
        .await;
        Ok(())
    }

    /// Starts an e-mail change: the new address gets a link, and changes only when it is
    /// followed. An address that already has an account gets a notice instead, so the answer
    /// does not tell whether it is registered.
    pub async fn change_email(&self, actor: &Actor, new_email: &str, current_password: &str) -> CoreResult<()> {
        let id = actor.user_id().ok_or(CoreError::NotSignedIn)?;
        let new_email = super::normalize_email(new_email)
            .map_err(|_| CoreError::Field { field: "new_email", code: "email_invalid" })?;
        let found = user::Entity::find_by_id(id).one(self.db()).await?.ok_or(CoreError::NotSignedIn)?;
        if !password::verify(current_password, &found.password_hash).await {
            return Err(CoreError::Field { field: "email_password", code: "password_wrong" });
        }
        if new_email == found.email || !self.mail_allowed(&new_email) {
            return Ok(());
        }
        let site = self.site_name().await;
        let owner = user::Entity::find().filter(user::Column::Email.eq(new_email.clone())).one(self.db()).await?;
        if let Some(owner) = owner {
            self.deliver(mails::already_registered(self, &site, &owner.locale, &owner.display_name, &new_email)).await;
            return Ok(());
        }
        let secret = self.fresh_link(id, Purpose::ChangeEmail, Some(new_email.clone())).await?;
        self.deliver(mails::confirm_new_address(self, &site, &found.locale, &found.display_name, &new_email, &secret))
            .await;
        Ok(())
    }

    /// Sends a reset link when the address has an account; answers the same either way.
    pub async fn request_password_reset(&self, email: &str) -> CoreResult<()> {
        let email = email.trim().to_lowercase();
        let Some(found) = user::Entity::find().filter(user::Column::Email.eq(email.clone())).one(self.db()).await?
        else {
            return Ok(());
        };
        if !self.mail_allowed(&email) {
            return Ok(());
        }
        let secret = self.fresh_link(found.id, Purpose::ResetPassword, None).await?;
        self.deliver(mails::reset(
            self,
            &self.site_name().await,
            &found.locale,
            &found.display_name,
            &found.email,
            &secret,
        ))
        .await;
        Ok(())
    }

    /// Sets a new password from a reset link. Every session ends; the address counts as
    /// confirmed, since the link reached it.
    pub async fn reset_password(&self, secret: &str, new_password: &str) -> CoreResult<()> {
        // Check and hash before the write transaction: argon2 is slow on purpose.
        let token = tokens::peek(self.db(), Purpose::ResetPassword, secret).await?;
        let id = token.user_id.ok_or(CoreError::TokenInvalid)?;
        let found = user::Entity::find_by_id(id).one(self.db()).await?.ok_or(CoreError::TokenInvalid)?;
        password::check(new_password, &[&found.email, &found.display_name])?;
        let hash = password::hash(new_password).await?;

        let txn = db::begin_write(self.db()).await?;
        tokens::consume(&txn, Purpose::ResetPassword, secret).await?;
        let found = user::Entity::find_by_id(id).one(&txn).await?.ok_or(CoreError::TokenInvalid)?;
        self.save_password(txn, found, hash, true).await?;
        Ok(())
    }

    /// Changes the password after checking the current one. Other sessions end; the returned
    /// token keeps this one going.
    pub async fn change_password(&self, actor: &Actor, current: &str, new_password: &str) -> CoreResult<String> {
        let id = actor.user_id().ok_or(CoreError::NotSignedIn)?;
        let found = user::Entity::find_by_id(id).one(self.db()).await?.ok_or(CoreError::NotSignedIn)?;
        if !password::verify(current, &found.password_hash).await {
            return Err(CoreError::Field { field: "current_password", code: "password_wrong" });
        }
        password::check(new_password, &[&found.email, &found.display_name])?;
        let hash = password::hash(new_password).await?;
        let txn = db::begin_write(self.db()).await?;
        let version = self.save_password(txn, found, hash, false).await?;
        Ok(self.sessions().issue(id, version))
    }

    /// A new single-use link secret for `purpose`; earlier unused links of it stop working.
    async fn fresh_link(&self, user_id: i32, purpose: Purpose, new_email: Option<String>) -> CoreResult<String> {
        let txn = db::begin_write(self.db()).await?;
        tokens::revoke(&txn, user_id, purpose).await?;
        let secret = tokens::issue(&txn, Some(user_id), purpose, new_email).await?;
        txn.commit().await?;
        Ok(secret)
    }

    /// Stores a new password hash and commits `txn`: every session ends (the new session
    /// version is returned) and the owner is told by mail. `confirm_address` marks the address
    /// confirmed, for a reset whose link reached it.
    async fn save_password(
        &self,
        txn: crate::db::WriteTxn,
        found: user::Model,
        hash: String,
        confirm_address: bool,
    ) -> CoreResult<i32> {
        let (locale, name, email) = (found.locale.clone(), found.display_name.clone(), found.email.clone());
        let version = found.session_version + 1;
        let confirmed =
            if confirm_address { found.email_confirmed_at.or(Some(Utc::now())) } else { found.email_confirmed_at };
        let mut active: user::ActiveModel = found.into();
        active.password_hash = Set(hash);
        active.session_version = Set(version);
        active.email_confirmed_at = Set(confirmed);
        active.updated_at = Set(Utc::now());
        active.update(&txn).await?;
        txn.commit().await?;
        self.deliver(mails::password_changed(self, &self.site_name().await, &locale, &name, &email)).await;
        Ok(version)
    }
}
