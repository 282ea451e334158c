// SPDX-License-Identifier: AGPL-3.0-only
//! Notifications in GraphQL: `notifications(first, after)`, `unreadNotificationCount`,
//! `markNotificationsRead`, `notificationPreferences`, `updateNotificationPreferences`.
use async_graphql::{Context, ID, InputObject, Json, Object, SimpleObject};
use chrono::{DateTime, Utc};

use crate::graphql::{Page, actor, id_cursor, page_size, paged, platform, to_gql};
use crate::modules::projects::locale_of;

#[derive(SimpleObject)]
pub struct Notification {
    id: ID,
    kind: String,
    /// The text, in the asker's language.
    text: String,
    /// A local path to what it is about.
    link: String,
    /// The values the text is written with.
    values: Json<serde_json::Value>,
    created_at: DateTime<Utc>,
    read: bool,
}

#[derive(SimpleObject)]
pub struct NotificationPreference {
    kind: String,
    in_app: bool,
    email: bool,
}

#[derive(InputObject)]
pub struct NotificationPreferenceInput {
    kind: String,
    in_app: bool,
    email: bool,
}

#[derive(Default)]
pub struct NotificationsQuery;

#[Object]
impl NotificationsQuery {
    /// The asker's notifications, newest first.
    async fn notifications(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 20, desc = "1 to 100.")] first: i64,
        after: Option<String>,
        locale: Option<String>,
    ) -> async_graphql::Result<Page<Notification>> {
        let first = page_size(first)?;
        let after = id_cursor(after.as_deref())?;
        let p = platform(ctx)?;
        let page = p.notifications(actor(ctx), first, after).await.map_err(to_gql)?;
        let locale = locale_of(ctx, locale);
        let more = page.next.is_some();
        Ok(paged(
            page.items.into_iter().map(|n| {
                let values: serde_json::Value = serde_json::from_str(&n.payload).unwrap_or_default();
                let cursor = n.id.to_string();
                let node = Notification {
                    id: ID(n.id.to_string()),
                    text: p.notification_text(&locale, &n.kind, &values),
                    kind: n.kind,
                    link: n.link,
                    values: Json(values),
                    created_at: n.created_at,
                    read: n.read_at.is_some(),
                };
                (cursor, node)
            }),
            more,
        ))
    }

    async fn unread_notification_count(&self, ctx: &Context<'_>) -> async_graphql::Result<u64> {
        platform(ctx)?.unread_notification_count(actor(ctx)).await.map_err(to_gql)
    }

    async fn notification_preferences(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<NotificationPreference>> {
        let list = platform(ctx)?.notification_preferences(actor(ctx)).await.map_err(to_gql)?;
        Ok(list
            .into_iter()
            .map(|p| NotificationPreference { kind: p.kind.to_owned(), in_app: p.in_app, email: p.email })
            .collect())
    }
}

#[derive(Default)]
pub struct NotificationsMutation;

#[Object]
impl NotificationsMutation {
    /// Marks the given notifications read, or all of them when `ids` is left out.
    async fn mark_notifications_read(&self, ctx: &Context<'_>, ids: Option<Vec<ID>>) -> async_graphql::Result<bool> {
        let ids: Option<Vec<i32>> = ids.map(|list| list.iter().filter_map(|i| i.parse().ok()).collect());
        platform(ctx)?.mark_notifications_read(actor(ctx), ids.as_deref()).await.map_err(to_gql)?;
        Ok(true)
    }

    async fn update_notification_preferences(
        &self,
        ctx: &Context<'_>,
        preferences: Vec<NotificationPreferenceInput>,
    ) -> async_graphql::Result<Vec<NotificationPreference>> {
        let changes: Vec<(String, bool, bool)> = preferences.into_iter().map(|p| (p.kind, p.in_app, p.email)).collect();
        let p = platform(ctx)?;
        p.update_notification_preferences(actor(ctx), &changes).await.map_err(to_gql)?;
        let list = p.notification_preferences(actor(ctx)).await.map_err(to_gql)?;
        Ok(list
            .into_iter()
            .map(|p| NotificationPreference { kind: p.kind.to_owned(), in_app: p.in_app, email: p.email })
            .collect())
    }
}
