// SPDX-License-Identifier: AGPL-3.0-only
//! Telling people: a notice becomes, for each recipient but the one who acted, an in-app
//! notification and an e-mail in the outbox, as their preferences say, written in the same
//! transaction as the change they are about (so they exist exactly when it does).
use chrono::Utc;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Map, Value};

use super::model::{notification, preference};
use crate::db::WriteTxn;
use crate::modules::accounts::mails::compose_with;
use crate::modules::accounts::model::user;
use crate::{Actor, CoreResult, Platform};

/// The kinds of notification, each with its own preferences.
pub const KINDS: [&str; 10] = [
    "comment_on_idea",
    "reply_to_comment",
    "idea_update",
    "phase_started",
    "content_hidden",
    "rights_received",
    "new_idea",
    "voting_last_day",
    "results_published",
    "event_tomorrow",
];

/// Something to tell people about.
#[derive(Debug, Clone)]
pub struct Notice {
    pub kind: &'static str,
    /// A local path (`/ideas/12`).
    pub link: String,
    /// The message's values, all text (`idea`, `actor`, `reason`…).
    pub values: Vec<(&'static str, String)>,
}

/// Signs an unsubscribe link for `user` and `kind`.
pub(crate) fn unsubscribe_message(user: i32, kind: &str) -> String {
    format!("{user}:{kind}")
}

impl Platform {
    /// The one-click unsubscribe address for `user`'s e-mails of `kind`.
    pub fn unsubscribe_url(&self, user: i32, kind: &str) -> String {
        let signature = self.sessions().sign("unsubscribe", &unsubscribe_message(user, kind));
        format!("{}/unsubscribe?user={user}&kind={kind}&signature={signature}", self.base_url())
    }

    /// Writes `notice` for `recipients` inside `txn`; the actor and blocked accounts are left
    /// out, and each person is told once whatever the list holds.
    pub(crate) async fn notify(
        &self,
        txn: &WriteTxn,
        actor: &Actor,
        recipients: impl IntoIterator<Item = i32>,
        notice: &Notice,
    ) -> CoreResult<()> {
        let mut ids: Vec<i32> = recipients.into_iter().filter(|id| Some(*id) != actor.user_id()).collect();
        ids.sort_unstable();
        ids.dedup();
        if ids.is_empty() {
            return Ok(());
        }
        let users = user::Entity::find().filter(user::Column::Id.is_in(ids.clone())).all(txn).await?;
        let choices = preference::Entity::find()
            .filter(preference::Column::UserId.is_in(ids))
            .filter(preference::Column::Kind.eq(notice.kind))
            .all(txn)
            .await?;
        let payload: Map<String, Value> =
            notice.values.iter().map(|(k, v)| ((*k).to_owned(), Value::String(v.clone()))).collect();
        let now = Utc::now();
        let site = crate::settings::setting::Entity::find_by_id("name".to_owned())
            .one(txn)
            .await?
            .map(|s| s.value)
            .unwrap_or_else(|| crate::settings::DEFAULT_NAME.to_owned());
        for u in users.iter().filter(|u| u.blocked_at.is_none()) {
            let choice = choices.iter().find(|c| c.user_id == u.id);
            if choice.is_none_or(|c| c.in_app) {
                notification::ActiveModel {
                    user_id: Set(u.id),
                    kind: Set(notice.kind.to_owned()),
                    payload: Set(Value::Object(payload.clone()).to_string()),
                    link: Set(notice.link.clone()),
                    created_at: Set(now),
                    read_at: Set(None),
                    ..Default::default()
                }
                .insert(txn)
                .await?;
            }
            if choice.is_none_or(|c| c.email) && u.email_confirmed_at.is_some() && !self.mail_muted() {
                let link = format!("{}{}", self.base_url(), notice.link);
                let unsubscribe = self.unsubscribe_url(u.id, notice.kind);
                let kind = format!("notify-{}", notice.kind);
                let mut mail =
                    compose_with(self, &site, &u.locale, &kind, &u.display_name, &u.email, Some(&link), &notice.values);
                let footer = self.i18n().text(&u.locale, "mail-notify-footer", None);
                mail.text.push_str(&format!("\n\n{footer} {unsubscribe}\n"));
                mail.html = mail.html.replace(
                    "</body>",
                    &format!("<p><small>{} <a href=\"{unsubscribe}\">{unsubscribe}</a></small></p></body>", footer),
                );
                mail.unsubscribe = Some(unsubscribe);
                super::outbox::enqueue(txn, mail).await?;
            }
        }
        Ok(())
    }
}
