// SPDX-License-Identifier: AGPL-3.0-only
//! The licence in force. The database keeps the key in force; a key given in the configuration
//! is used at start-up unless it is a genuine older key and the stored one is active and lasts
//! longer (so a key replaced at run time survives a restart with the old key still configured).
use chrono::Utc;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, EntityTrait};
use townhall_license::{License, LicenseStatus};

use crate::Actor;
use crate::modules::accounts::audit;
use crate::{CoreError, CoreResult, Platform, db};

pub(crate) mod stored {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "platform_licenses")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: i32,
        pub token: String,
        pub installed_at: ChronoDateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// The single row of `platform_licenses`.
const ROW: i32 = 1;

/// Where the licence in force came from, for the start-up log line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LicenseSource {
    Configured,
    Stored,
    /// A key was configured but the stored one is active and lasts longer.
    StoredOverConfigured,
    None,
}

impl Platform {
    /// Chooses and checks the licence at start-up (see the module docs).
    pub async fn load_license(&self, configured: Option<&str>) -> CoreResult<LicenseSource> {
        let stored = stored::Entity::find_by_id(ROW).one(self.db()).await?.map(|r| r.token);
        let configured = configured.map(str::trim).filter(|k| !k.is_empty());
        let (token, source) = match (configured, stored) {
            (None, None) => (None, LicenseSource::None),
            (None, Some(s)) => (Some(s), LicenseSource::Stored),
            (Some(c), None) => (Some(c.to_owned()), LicenseSource::Configured),
            (Some(c), Some(s)) if c == s => (Some(s), LicenseSource::Configured),
            (Some(c), Some(s)) => {
                let from_config = self.check_key(c);
                let from_store = self.check_key(&s);
                // A renewal replaced at run time beats the older configured key it replaced; a
                // configured key whose signature fails is used as given, so the problem shows.
                if from_store.is_active() && from_config.claims.is_some() && expires_later(&from_store, &from_config) {
                    (Some(s), LicenseSource::StoredOverConfigured)
                } else {
                    (Some(c.to_owned()), LicenseSource::Configured)
                }
            }
        };
        if let (LicenseSource::Configured, Some(token)) = (source, &token) {
            self.store_license(token, None).await?;
        }
        let license = token.as_deref().map_or_else(License::missing, |t| self.check_key(t));
        self.set_license(token, license);
        Ok(source)
    }

    /// Checks `token` now, against this build's trusted keys and the platform's host.
    pub fn check_key(&self, token: &str) -> License {
        self.verifier().check(token, Utc::now(), self.host())
    }

    /// Re-checks the key in force (a valid key turns to grace, then expired, as time passes).
    pub fn recheck_license(&self) -> License {
        let license = match self.license_token() {
            Some(token) => self.check_key(&token),
            None => License::missing(),
        };
        self.set_license(self.license_token(), license.clone());
        license
    }

    /// Replaces the licence at run time. The new key must be valid (or in grace) and must not
    /// expire earlier than the key in force.
    pub async fn replace_license(&self, actor: &Actor, token: &str) -> CoreResult<License> {
        if !actor.is_admin() {
            return Err(CoreError::Forbidden);
        }
        let token = token.trim();
        let new = self.check_key(token);
        if !new.is_active() {
            let why = new.reason.clone().unwrap_or_else(|| new.status.as_str().replace('_', " "));
            return Err(CoreError::LicenseRefused(format!("the key is {} ({why})", new.status)));
        }
        let current = self.license();
        if current.claims.is_some() && expires_later(&current, &new) {
            return Err(CoreError::LicenseRefused("the key expires earlier than the licence in force".into()));
        }
        self.store_license(token, Some((actor, &new))).await?;
        self.set_license(Some(token.to_owned()), new.clone());
        tracing::info!(status = %new.status, licensee = new.licensee().unwrap_or(""), "licence replaced");
        Ok(new)
    }

    /// Stores the key in force; a replacement by an actor goes into the audit log.
    async fn store_license(&self, token: &str, replaced_by: Option<(&Actor, &License)>) -> CoreResult<()> {
        let txn = db::begin_write(self.db()).await?;
        let row = stored::ActiveModel { id: Set(ROW), token: Set(token.to_owned()), installed_at: Set(Utc::now()) };
        stored::Entity::insert(row)
            .on_conflict(
                OnConflict::column(stored::Column::Id)
                    .update_columns([stored::Column::Token, stored::Column::InstalledAt])
                    .to_owned(),
            )
            .exec(&txn)
            .await?;
        if let Some((actor, license)) = replaced_by {
            let details = serde_json::json!({
                "licensee": license.licensee(),
                "plan": license.plan().map(|p| p.as_str()),
                "expires_at": license.expires_at(),
                "key_id": license.key_id(),
            });
            audit::record(&txn, actor, "license.replace", "license", None, details).await?;
        }
        txn.commit().await?;
        Ok(())
    }
}

/// Whether `a` expires strictly later than `b` (a key without claims never does).
fn expires_later(a: &License, b: &License) -> bool {
    match (a.expires_at(), b.expires_at()) {
        (Some(x), Some(y)) => x > y,
        (Some(_), None) => true,
        _ => false,
    }
}

/// The one line the server logs about its licence at start-up.
pub fn describe(license: &License) -> String {
    let who = license.licensee().map(|l| format!(" for {l}")).unwrap_or_default();
    let plan = license.plan().map(|p| format!(" ({} plan)", p.as_str())).unwrap_or_default();
    let until = license.expires_at().map(|e| format!(", expires {}", e.format("%Y-%m-%d"))).unwrap_or_default();
    let key = license.key_id().map(|k| format!(", signed with key {k}")).unwrap_or_default();
    let reason = license.reason.as_ref().map(|r| format!(": {r}")).unwrap_or_default();
    let effect = match license.status {
        LicenseStatus::Valid => "paid features of the plan may be enabled",
        LicenseStatus::Grace => "paid features stay active during the 30-day grace period; renew the licence",
        LicenseStatus::Missing => "running the core edition's features only",
        _ => "paid features are inactive; the core keeps serving",
    };
    format!("licence {}{who}{plan}{until}{key}{reason} — {effect}", license.status)
}
