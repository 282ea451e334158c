// SPDX-License-Identifier: AGPL-3.0-only
//! Sign-up. The answer is the same whether or not the address is registered: an existing
//! account gets an e-mail saying someone tried, instead of a second account.
use chrono::Utc;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};

use super::mails;
use super::model::user;
use super::password;
use super::tokens::{self, Purpose};
use crate::i18n::I18n;
use crate::{CoreError, CoreResult, Platform, db, throttle};

#[derive(Debug, Clone)]
pub struct Registration {
    pub email: String,
    pub password: String,
    pub display_name: String,
    pub locale: String,
    /// Answers to the modules' registration questions.
    pub answers: crate::Answers,
}

/// Trims and lowercases an address and checks its shape.
pub fn normalize_email(raw: &str) -> CoreResult<String> {
    let email = raw.trim().to_lowercase();
    let valid = email.len() <= 254 && email.parse::<lettre::Address>().is_ok() && email.contains('.');
    if valid { Ok(email) } else { Err(CoreError::Field { field: "email", code: "email_invalid" }) }
}

pub(crate) fn check_display_name(raw: &str) -> CoreResult<String> {
    let name = raw.trim();
    if name.is_empty() || name.chars().count() > 80 || name.chars().any(char::is_control) {
        return Err(CoreError::Field { field: "display_name", code: "display_name_invalid" });
    }
    Ok(name.to_owned())
}

pub(crate) fn check_locale(raw: &str) -> CoreResult<&'static str> {
    I18n::supported(raw.trim()).ok_or(CoreError::Field { field: "locale", code: "locale_invalid" })
}

impl Platform {
    pub async fn register(&self, input: Registration) -> CoreResult<()> {
        if !self.password_sign_in().await?.residents {
            return Err(CoreError::Field { field: "password", code: "password_sign_up_off" });
        }
        let email = normalize_email(&input.email)?;
        let display_name = check_display_name(&input.display_name)?;
        let locale = check_locale(&input.locale)?;
        password::check(&input.password, &[&email, &display_name])?;
        for module in self.registry().modules() {
            module.check_registration(self, &input.answers).await?;
        }
        let hash = password::hash(&input.password).await?;

        let txn = db::begin_write(self.db()).await?;
        let existing = user::Entity::find().filter(user::Column::Email.eq(email.clone())).one(&txn).await?;
        if let Some(existing) = existing {
            txn.commit().await?;
            if self.mail_allowed(&email) {
                let mail = mails::already_registered(
                    self,
                    &self.site_name().await,
                    &existing.locale,
                    &existing.display_name,
                    &email,
                );
                self.deliver(mail).await;
            }
            return Ok(());
        }
        let now = Utc::now();
        let created = user::Entity::insert(user::ActiveModel {
            email: Set(email.clone()),
            email_confirmed_at: Set(None),
            password_hash: Set(hash),
            display_name: Set(display_name.clone()),
            locale: Set(locale.to_owned()),
            session_version: Set(0),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        })
        .exec(&txn)
        .await?;
        for module in self.registry().modules() {
            module.save_registration(self, &txn, created.last_insert_id, &input.answers).await?;
        }
        let secret = tokens::issue(&txn, Some(created.last_insert_id), Purpose::ConfirmEmail, None).await?;
        txn.commit().await?;
        tracing::info!(user = created.last_insert_id, "account registered");
        if self.mail_allowed(&email) {
            self.deliver(mails::confirm(self, &self.site_name().await, locale, &display_name, &email, &secret)).await;
        }
        Ok(())
    }

    /// Sign-up from a client address: more than a few per hour from one address must wait.
    pub async fn register_from(&self, client: &str, input: Registration) -> CoreResult<()> {
        let key = format!("signup:client:{client}");
        if let Err(wait) = self.throttle().reserve(&key, throttle::SIGN_UPS) {
            return Err(CoreError::Throttled { retry_after_secs: Ord::max(wait.as_secs(), 1) });
        }
        self.register(input).await
    }

    /// Counts an e-mail to `address`; false once the address has had its share for now.
    pub(crate) fn mail_allowed(&self, address: &str) -> bool {
        let key = format!("mail:{address}");
        if self.throttle().reserve(&key, throttle::EMAILS).is_err() {
            tracing::warn!("e-mail to an address held back by the rate limit");
            return false;
        }
        true
    }

    /// The platform's name for mails (the default name if the database cannot say).
    pub(crate) async fn site_name(&self) -> String {
        self.name().await.unwrap_or_else(|_| crate::settings::DEFAULT_NAME.to_owned())
    }
}
