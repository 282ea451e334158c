// SPDX-License-Identifier: AGPL-3.0-only
//! Notifications (issue #6): what happens to people's ideas, comments and projects reaches
//! them in the platform (a bell with the unread count) and by e-mail through a durable outbox,
//! as each resident chooses per kind; every e-mail has a one-click unsubscribe for its kind.
use std::sync::OnceLock;
use std::time::Duration;

use townhall_license::Edition;

use crate::graphql::ModuleGraphql;
use crate::{BackgroundJob, Module};

mod graphql;
pub mod model;
mod notify;
pub mod outbox;
mod recipients;
mod scheduler;
mod service;
#[cfg(test)]
mod tests;

pub use notify::{KINDS, Notice};
pub(crate) use outbox::{JOB as OUTBOX_JOB, enqueue_statement};
pub(crate) use recipients::followers;
pub(crate) use recipients::{followers as followers_of, moderators as moderators_of};
pub use service::{NotificationPage, Preference};

/// This process's name in outbox claims.
pub fn worker_id() -> &'static str {
    static ID: OnceLock<String> = OnceLock::new();
    ID.get_or_init(|| {
        let mut bytes = [0u8; 6];
        rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, &mut bytes);
        format!("{}-{}", std::process::id(), hex::encode(bytes))
    })
}

#[derive(Debug, Default)]
pub struct NotificationsModule;

#[async_trait::async_trait]
impl Module for NotificationsModule {
    fn id(&self) -> &'static str {
        "notifications"
    }

    fn edition(&self) -> Edition {
        Edition::Core
    }

    fn jobs(&self) -> Vec<BackgroundJob> {
        vec![
            BackgroundJob::new(OUTBOX_JOB, Duration::from_secs(5), |platform| async move {
                // A full batch means more may wait: keep going until the outbox is drained.
                loop {
                    let sent = platform.deliver_outbox(worker_id()).await.map_err(|e| e.to_string())?;
                    if (sent as i64) < outbox::BATCH {
                        return Ok(());
                    }
                }
            }),
            // Time-based notices; a minute late at most.
            BackgroundJob::new("notification_schedule", Duration::from_secs(60), |platform| async move {
                platform.run_scheduler(chrono::Utc::now()).await.map(drop).map_err(|e| e.to_string())
            }),
        ]
    }

    fn translations(&self) -> Vec<(&'static str, &'static str)> {
        vec![
            ("en", include_str!("../../../locales/en/notifications.ftl")),
            ("nl", include_str!("../../../locales/nl/notifications.ftl")),
            ("fr", include_str!("../../../locales/fr/notifications.ftl")),
        ]
    }

    async fn export_personal_data(
        &self,
        db: &sea_orm::DatabaseConnection,
        user_id: i32,
    ) -> Result<Option<serde_json::Value>, sea_orm::DbErr> {
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        let prefs =
            model::preference::Entity::find().filter(model::preference::Column::UserId.eq(user_id)).all(db).await?;
        let list =
            model::notification::Entity::find().filter(model::notification::Column::UserId.eq(user_id)).all(db).await?;
        Ok(Some(serde_json::json!({
            "preferences": prefs.iter().map(|p| serde_json::json!({ "kind": p.kind, "in_app": p.in_app, "email": p.email })).collect::<Vec<_>>(),
            "notifications": list.iter().map(|n| serde_json::json!({ "kind": n.kind, "link": n.link, "at": n.created_at, "read_at": n.read_at })).collect::<Vec<_>>(),
        })))
    }
}

impl ModuleGraphql for NotificationsModule {
    type Query = graphql::NotificationsQuery;
    type Mutation = graphql::NotificationsMutation;
}
