// SPDX-License-Identifier: LicenseRef-Townhall-Commercial
//! Webhooks in the API (administrators, with the Premium licence).
use async_graphql::{Context, ID, Object, SimpleObject};
use chrono::{DateTime, Utc};
use townhall_core::graphql::{Page, actor, id_cursor, id_number, page_size, paged, platform, require_feature, to_gql};

use super::FEATURE;
use super::model::{delivery, webhook};
use super::service::{self, NewWebhook};

pub struct Webhook(webhook::Model);

/// One event sent, or waiting to be sent, to an endpoint.
#[derive(SimpleObject)]
pub struct WebhookDelivery {
    id: ID,
    event: String,
    /// `pending`, `delivered` or `dead` (given up after the last attempt).
    status: String,
    attempts: i32,
    /// The receiver's last HTTP status, if it answered.
    last_status_code: Option<i32>,
    last_error: Option<String>,
    created_at: DateTime<Utc>,
    delivered_at: Option<DateTime<Utc>>,
    /// When a pending delivery is tried next.
    next_attempt_at: DateTime<Utc>,
    /// The body as sent (JSON).
    payload: String,
    /// The delivery this one sends again, for a redelivery.
    redelivery_of: Option<ID>,
}

impl From<delivery::Model> for WebhookDelivery {
    fn from(d: delivery::Model) -> Self {
        WebhookDelivery {
            id: ID(d.id.to_string()),
            event: d.event,
            status: d.status,
            attempts: d.attempts,
            last_status_code: d.last_status_code,
            last_error: d.last_error,
            created_at: d.created_at,
            delivered_at: d.delivered_at,
            next_attempt_at: d.next_attempt_at,
            payload: d.payload,
            redelivery_of: d.redelivery_of.map(|id| ID(id.to_string())),
        }
    }
}

#[Object]
impl Webhook {
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }

    async fn url(&self) -> &str {
        &self.0.url
    }

    async fn description(&self) -> &str {
        &self.0.description
    }

    /// The event kinds it hears (see `webhookEventKinds`).
    async fn events(&self) -> Vec<String> {
        self.0.event_list()
    }

    /// Paused endpoints get nothing new and hold what waits for them.
    async fn active(&self) -> bool {
        self.0.active
    }

    /// The key of the `Townhall-Signature` header: HMAC-SHA256 over `<t>.<body>`.
    async fn secret(&self) -> &str {
        &self.0.secret
    }

    /// Until when the secret replaced by the last rotation still signs (a second `v1=` in
    /// `Townhall-Signature`); null when no previous secret signs any more.
    async fn previous_secret_expires_at(&self) -> Option<DateTime<Utc>> {
        self.0.previous_secret_expires_at.filter(|_| self.0.in_grace(Utc::now()))
    }

    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }

    /// The deliveries, newest first.
    async fn deliveries(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 50, desc = "1 to 100.")] first: i64,
        after: Option<String>,
    ) -> async_graphql::Result<Page<WebhookDelivery>> {
        let first = page_size(first)?;
        let after = id_cursor(after.as_deref())?;
        let mut found =
            service::deliveries(platform(ctx)?, actor(ctx), self.0.id, after, first + 1).await.map_err(to_gql)?;
        let more = found.len() as u64 > first;
        found.truncate(first as usize);
        Ok(paged(found.into_iter().map(|d| (d.id.to_string(), WebhookDelivery::from(d))), more))
    }
}

#[derive(Default)]
pub struct HooksQuery;

#[Object]
impl HooksQuery {
    /// Every webhook endpoint, newest first (administrators; needs the Premium licence's
    /// `webhooks`).
    async fn webhooks(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Webhook>> {
        require_feature(ctx, FEATURE).await?;
        let all = service::webhooks(platform(ctx)?, actor(ctx)).await.map_err(to_gql)?;
        Ok(all.into_iter().map(Webhook).collect())
    }

    async fn webhook(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Webhook> {
        require_feature(ctx, FEATURE).await?;
        let id = id_number(&id, "webhook")?;
        Ok(Webhook(service::webhook(platform(ctx)?, actor(ctx), id).await.map_err(to_gql)?))
    }

    /// The events an endpoint can hear.
    async fn webhook_event_kinds(&self) -> Vec<&'static str> {
        townhall_core::events::KINDS.to_vec()
    }
}

#[derive(Default)]
pub struct HooksMutation;

#[Object]
impl HooksMutation {
    /// Registers an endpoint: `https://…` (or `http://` to this machine), hearing `events`.
    async fn create_webhook(
        &self,
        ctx: &Context<'_>,
        url: String,
        events: Vec<String>,
        description: Option<String>,
    ) -> async_graphql::Result<Webhook> {
        require_feature(ctx, FEATURE).await?;
        let new = NewWebhook { url, events, description: description.unwrap_or_default() };
        Ok(Webhook(service::create(platform(ctx)?, actor(ctx), new).await.map_err(to_gql)?))
    }

    async fn set_webhook_active(&self, ctx: &Context<'_>, id: ID, active: bool) -> async_graphql::Result<Webhook> {
        require_feature(ctx, FEATURE).await?;
        let id = id_number(&id, "webhook")?;
        Ok(Webhook(service::set_active(platform(ctx)?, actor(ctx), id, active).await.map_err(to_gql)?))
    }

    /// Deletes an endpoint and its deliveries.
    async fn delete_webhook(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<bool> {
        require_feature(ctx, FEATURE).await?;
        service::delete(platform(ctx)?, actor(ctx), id_number(&id, "webhook")?).await.map_err(to_gql)?;
        Ok(true)
    }

    /// Queues a test event (`ping`) for the endpoint, sent and signed like any event.
    async fn send_webhook_test_event(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<WebhookDelivery> {
        require_feature(ctx, FEATURE).await?;
        let id = id_number(&id, "webhook")?;
        Ok(service::send_test_event(platform(ctx)?, actor(ctx), id).await.map_err(to_gql)?.into())
    }

    /// Sends a past delivery again as a new delivery: the same body, a new delivery id, a
    /// fresh signature.
    async fn redeliver_webhook_delivery(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<WebhookDelivery> {
        require_feature(ctx, FEATURE).await?;
        let id = id_number(&id, "delivery")?;
        Ok(service::redeliver(platform(ctx)?, actor(ctx), id).await.map_err(to_gql)?.into())
    }

    /// Gives the endpoint a new secret (in the answer); the previous one keeps signing beside
    /// it for 24 hours.
    async fn rotate_webhook_secret(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Webhook> {
        require_feature(ctx, FEATURE).await?;
        let id = id_number(&id, "webhook")?;
        Ok(Webhook(service::rotate_secret(platform(ctx)?, actor(ctx), id).await.map_err(to_gql)?))
    }

    /// Tries a delivery again now, also one that was given up.
    async fn retry_webhook_delivery(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<WebhookDelivery> {
        require_feature(ctx, FEATURE).await?;
        let id = id_number(&id, "delivery")?;
        Ok(service::retry(platform(ctx)?, actor(ctx), id).await.map_err(to_gql)?.into())
    }
}
