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
    /// Confirms the address of the token's account.
    pub async fn confirm_email(&self, secret: &str) -> CoreResult<()> {
        let txn = db::begin_write(self.db()).await?;
        let token = tokens::consume(&txn, Purpose::ConfirmEmail, secret).await?;
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
        let txn = db::begin_write(self.db()).await?;
        tokens::revoke(&txn, id, Purpose::ConfirmEmail).await?;
        let secret = tokens::issue(&txn, Some(id), Purpose::ConfirmEmail, None).await?;
        txn.commit().await?;
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
        let txn = db::begin_write(self.db()).await?;
        tokens::revoke(&txn, found.id, Purpose::ResetPassword).await?;
        let secret = tokens::issue(&txn, Some(found.id), Purpose::ResetPassword, None).await?;
        txn.commit().await?;
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
        let (locale, name, email) = (found.locale.clone(), found.display_name.clone(), found.email.clone());
        let version = found.session_version + 1;
        let confirmed = found.email_confirmed_at.or(Some(Utc::now()));
        let mut active: user::ActiveModel = found.into();
        active.password_hash = Set(hash);
        active.session_version = Set(version);
        active.email_confirmed_at = Set(confirmed);
        active.updated_at = Set(Utc::now());
        active.update(&txn).await?;
        txn.commit().await?;
        self.deliver(mails::password_changed(self, &self.site_name().await, &locale, &name, &email)).await;
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
        let (locale, name, email) = (found.locale.clone(), found.display_name.clone(), found.email.clone());
        let version = found.session_version + 1;
        let txn = db::begin_write(self.db()).await?;
        let mut active: user::ActiveModel = found.into();
        active.password_hash = Set(hash);
        active.session_version = Set(version);
        active.updated_at = Set(Utc::now());
        active.update(&txn).await?;
        txn.commit().await?;
        self.deliver(mails::password_changed(self, &self.site_name().await, &locale, &name, &email)).await;
        Ok(self.sessions().issue(id, version))
    }
}
