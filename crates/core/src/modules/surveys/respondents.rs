// SPDX-License-Identifier: AGPL-3.0-only
//! One response per person (issue #9). A response keeps keyed hashes (HMAC with the session
//! secret, as census entries are) of its author's confirmed e-mail address and verified
//! identity. When the author deletes their account, the response stays, anonymous; if the same
//! person answers again from a new account, their new response replaces that one instead of
//! being counted beside it. An address counts only once confirmed: an unconfirmed account whose
//! address answered before must confirm it first.
use sea_orm::{ColumnTrait, Condition, EntityTrait, QueryFilter};

use super::model::response;
use crate::db::WriteTxn;
use crate::{CoreError, CoreResult, Platform, Viewer};

/// A respondent's keys in one survey.
#[derive(Debug, Clone, Default)]
pub(super) struct RespondentKeys {
    /// Recorded only for a confirmed address.
    pub email: Option<String>,
    pub identity: Option<String>,
    /// The address's key even when unconfirmed, to find what it answered before.
    email_any: Option<String>,
}

impl Platform {
    pub(super) fn respondent_keys(&self, phase_id: i32, viewer: Option<&Viewer>) -> RespondentKeys {
        let Some(viewer) = viewer else { return RespondentKeys::default() };
        let key = |what: String| self.sessions().sign("survey-respondent", &format!("{phase_id}\n{what}"));
        let email_any = Some(key(format!("email:{}", viewer.email.trim().to_lowercase())));
        RespondentKeys {
            email: email_any.clone().filter(|_| viewer.email_confirmed),
            identity: viewer.identity.as_ref().map(|i| key(format!("identity:{i}"))),
            email_any,
        }
    }
}

/// Removes the response the same person left from an account that is gone, so the new one
/// takes its place; refuses when only an unconfirmed address links the two.
pub(super) async fn replace_earlier(txn: &WriteTxn, phase_id: i32, keys: &RespondentKeys) -> CoreResult<()> {
    let mut same = Condition::any();
    if let Some(email) = &keys.email_any {
        same = same.add(response::Column::EmailKey.eq(email.clone()));
    }
    if let Some(identity) = &keys.identity {
        same = same.add(response::Column::IdentityKey.eq(identity.clone()));
    }
    if keys.email_any.is_none() && keys.identity.is_none() {
        return Ok(());
    }
    let earlier = response::Entity::find()
        .filter(response::Column::PhaseId.eq(phase_id))
        .filter(response::Column::UserId.is_null())
        .filter(same)
        .all(txn)
        .await?;
    for found in earlier {
        let by_identity = keys.identity.is_some() && found.identity_key == keys.identity;
        let by_email = keys.email.is_some() && found.email_key == keys.email;
        if !by_identity && !by_email {
            return Err(CoreError::Field { field: "survey", code: "confirm_email_to_answer" });
        }
        // Its answers go with it (ON DELETE CASCADE).
        response::Entity::delete_by_id(found.id).exec(txn).await?;
    }
    Ok(())
}
