// SPDX-License-Identifier: LicenseRef-Townhall-Commercial
//! The rules of webhook endpoints: administrators register an address and the events it
//! hears, pause, resume and delete it, and read its deliveries. Each endpoint gets its own
//! signing secret, which its receiver needs and administrators can read on its page. They can
//! also send a test event, send a past delivery again, and rotate the secret: the previous one
//! keeps signing (beside the new one) for [`ROTATION_GRACE_HOURS`].
use chrono::Utc;
use rand::RngCore;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde_json::json;
use townhall_core::events::KINDS;
use townhall_core::modules::accounts::audit;
use townhall_core::{Actor, CoreError, CoreResult, Platform, db};

use super::delivery::{body, pending};
use super::model::{delivery, webhook};
use super::{FEATURE, targets};

/// Deliveries listed on an endpoint's page.
pub const DELIVERIES_LISTED: u64 = 50;
pub const PENDING: &str = "pending";
pub const DELIVERED: &str = "delivered";
pub const DEAD: &str = "dead";
/// The event of a test delivery; endpoints hear it whatever events they chose.
pub const PING: &str = "ping";
/// How long the previous secret keeps signing after a rotation.
pub const ROTATION_GRACE_HOURS: i64 = 24;

/// What an administrator registers.
#[derive(Debug, Clone, Default)]
pub struct NewWebhook {
    pub url: String,
    pub description: String,
    pub events: Vec<String>,
}

async fn admin(platform: &Platform, actor: &Actor) -> CoreResult<()> {
    platform.require_admin_of(FEATURE, actor).await
}

/// Why `url` cannot be an endpoint, as a field error's code. It must be `https://`; with
/// `allow_private` (the operator's `webhooks_allow_private_targets`) also `http://` to this
/// machine, for a receiver in development and tests. Without it, a URL whose host is written
/// as an address that is not public is refused here; names are checked at each delivery.
pub fn check_url(url: &str, allow_private: bool) -> Result<(), &'static str> {
    let invalid = "webhook_url_invalid";
    let Ok(parsed) = reqwest::Url::parse(url) else { return Err(invalid) };
    if url.len() > 2_000 || parsed.host_str().is_none_or(str::is_empty) {
        return Err(invalid);
    }
    if !allow_private && targets::refused_literal(&parsed).is_some() {
        return Err("webhook_url_private");
    }
    let local = parsed.host_str() == Some("localhost") || targets::literal(&parsed).is_some_and(|ip| ip.is_loopback());
    match parsed.scheme() {
        "https" => Ok(()),
        "http" if local && allow_private => Ok(()),
        _ => Err(invalid),
    }
}

fn checked(new: NewWebhook, allow_private: bool) -> CoreResult<NewWebhook> {
    let url = new.url.trim().to_owned();
    check_url(&url, allow_private).map_err(|code| CoreError::Field { field: "url", code })?;
    let description = new.description.trim().to_owned();
    if description.chars().count() > 200 {
        return Err(CoreError::Field { field: "description", code: "text_too_long" });
    }
    if new.events.iter().any(|e| !KINDS.contains(&e.as_str())) {
        return Err(CoreError::Field { field: "events", code: "webhook_event_unknown" });
    }
    // In the order of KINDS, each once.
    let events: Vec<String> =
        KINDS.iter().filter(|k| new.events.iter().any(|e| e == *k)).map(|k| (*k).to_owned()).collect();
    if events.is_empty() {
        return Err(CoreError::Field { field: "events", code: "webhook_events_required" });
    }
    Ok(NewWebhook { url, description, events })
}

fn new_secret() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    format!("whsec_{}", hex::encode(bytes))
}

/// Every endpoint, newest first (administrators).
pub async fn webhooks(platform: &Platform, actor: &Actor) -> CoreResult<Vec<webhook::Model>> {
    admin(platform, actor).await?;
    Ok(webhook::Entity::find().order_by_desc(webhook::Column::Id).all(platform.db()).await?)
}

pub async fn webhook(platform: &Platform, actor: &Actor, id: i32) -> CoreResult<webhook::Model> {
    admin(platform, actor).await?;
    webhook::Entity::find_by_id(id).one(platform.db()).await?.ok_or(CoreError::NotFound("webhook"))
}

pub async fn create(platform: &Platform, actor: &Actor, new: NewWebhook) -> CoreResult<webhook::Model> {
    admin(platform, actor).await?;
    let new = checked(new, platform.webhooks_allow_private_targets())?;
    let txn = db::begin_write(platform.db()).await?;
    let created = webhook::ActiveModel {
        url: Set(new.url.clone()),
        description: Set(new.description),
        events: Set(json!(new.events).to_string()),
        secret: Set(new_secret()),
        active: Set(true),
        created_by: Set(actor.user_id()),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let details = json!({ "url": new.url, "events": new.events });
    audit::record(&txn, actor, "webhook.create", "webhook", Some(created.id.to_string()), details).await?;
    txn.commit().await?;
    Ok(created)
}

/// Pauses (nothing new is queued for it, and what waits is held) or resumes an endpoint.
pub async fn set_active(platform: &Platform, actor: &Actor, id: i32, active: bool) -> CoreResult<webhook::Model> {
    admin(platform, actor).await?;
    let txn = db::begin_write(platform.db()).await?;
    let found =
        db::locking(webhook::Entity::find_by_id(id), &txn).one(&txn).await?.ok_or(CoreError::NotFound("webhook"))?;
    let mut changed: webhook::ActiveModel = found.into();
    changed.active = Set(active);
    let saved = changed.update(&txn).await?;
    let action = if active { "webhook.resume" } else { "webhook.pause" };
    audit::record(&txn, actor, action, "webhook", Some(id.to_string()), json!({})).await?;
    txn.commit().await?;
    Ok(saved)
}

/// Deletes an endpoint with its deliveries.
pub async fn delete(platform: &Platform, actor: &Actor, id: i32) -> CoreResult<()> {
    admin(platform, actor).await?;
    let txn = db::begin_write(platform.db()).await?;
    let found = webhook::Entity::find_by_id(id).one(&txn).await?.ok_or(CoreError::NotFound("webhook"))?;
    delivery::Entity::delete_many().filter(delivery::Column::WebhookId.eq(id)).exec(&txn).await?;
    webhook::Entity::delete_by_id(id).exec(&txn).await?;
    audit::record(&txn, actor, "webhook.delete", "webhook", Some(id.to_string()), json!({ "url": found.url })).await?;
    txn.commit().await?;
    Ok(())
}

/// The latest deliveries of an endpoint, newest first.
pub async fn deliveries(
    platform: &Platform,
    actor: &Actor,
    id: i32,
    after: Option<i32>,
    limit: u64,
) -> CoreResult<Vec<delivery::Model>> {
    admin(platform, actor).await?;
    Ok(delivery::Entity::find()
        .filter(delivery::Column::WebhookId.eq(id))
        .filter(delivery::Column::Id.lt(after.unwrap_or(i32::MAX)))
        .order_by_desc(delivery::Column::Id)
        .limit(limit.clamp(1, 200))
        .all(platform.db())
        .await?)
}

/// Tries a delivery again now (after the receiver was fixed), even one that was given up.
pub async fn retry(platform: &Platform, actor: &Actor, delivery_id: i32) -> CoreResult<delivery::Model> {
    admin(platform, actor).await?;
    let txn = db::begin_write(platform.db()).await?;
    let found = delivery::Entity::find_by_id(delivery_id).one(&txn).await?.ok_or(CoreError::NotFound("delivery"))?;
    if found.status == DELIVERED {
        return Ok(found);
    }
    delivery::Entity::update_many()
        .col_expr(delivery::Column::Status, Expr::value(PENDING))
        .col_expr(delivery::Column::NextAttemptAt, Expr::value(Utc::now()))
        .filter(delivery::Column::Id.eq(delivery_id))
        .exec(&txn)
        .await?;
    let details = json!({ "webhook": found.webhook_id });
    audit::record(&txn, actor, "webhook.retry", "webhook_delivery", Some(delivery_id.to_string()), details).await?;
    txn.commit().await?;
    platform.wake_job(super::JOB);
    delivery::Entity::find_by_id(delivery_id).one(platform.db()).await?.ok_or(CoreError::NotFound("delivery"))
}

/// Queues a test event (`ping`) for endpoint `id`, sent, signed and logged like any other.
pub async fn send_test_event(platform: &Platform, actor: &Actor, id: i32) -> CoreResult<delivery::Model> {
    admin(platform, actor).await?;
    let txn = db::begin_write(platform.db()).await?;
    let found = webhook::Entity::find_by_id(id).one(&txn).await?.ok_or(CoreError::NotFound("webhook"))?;
    let data = json!({ "webhook_id": found.id, "url": found.url, "message": "A test event sent from Townhall." });
    let queued = pending(found.id, PING, body(PING, &data), None).insert(&txn).await?;
    let details = json!({ "delivery": queued.id });
    audit::record(&txn, actor, "webhook.test", "webhook", Some(id.to_string()), details).await?;
    txn.commit().await?;
    platform.wake_job(super::JOB);
    Ok(queued)
}

/// Sends a past delivery again as a new delivery: the same body (and so the same event id),
/// a new `Townhall-Delivery` id, signed afresh when it is sent.
pub async fn redeliver(platform: &Platform, actor: &Actor, delivery_id: i32) -> CoreResult<delivery::Model> {
    admin(platform, actor).await?;
    let txn = db::begin_write(platform.db()).await?;
    let found = delivery::Entity::find_by_id(delivery_id).one(&txn).await?.ok_or(CoreError::NotFound("delivery"))?;
    let queued = pending(found.webhook_id, &found.event, found.payload, Some(found.id)).insert(&txn).await?;
    let details = json!({ "webhook": found.webhook_id, "redelivery": queued.id });
    audit::record(&txn, actor, "webhook.redeliver", "webhook_delivery", Some(delivery_id.to_string()), details).await?;
    txn.commit().await?;
    platform.wake_job(super::JOB);
    Ok(queued)
}

/// Gives endpoint `id` a new secret. The one it replaces keeps signing, beside the new one,
/// for [`ROTATION_GRACE_HOURS`]; a secret that was still in its grace period is dropped.
pub async fn rotate_secret(platform: &Platform, actor: &Actor, id: i32) -> CoreResult<webhook::Model> {
    admin(platform, actor).await?;
    let txn = db::begin_write(platform.db()).await?;
    let found =
        db::locking(webhook::Entity::find_by_id(id), &txn).one(&txn).await?.ok_or(CoreError::NotFound("webhook"))?;
    let expires = Utc::now() + chrono::Duration::hours(ROTATION_GRACE_HOURS);
    let previous = found.secret.clone();
    let mut changed: webhook::ActiveModel = found.into();
    changed.secret = Set(new_secret());
    changed.previous_secret = Set(Some(previous));
    changed.previous_secret_expires_at = Set(Some(expires));
    let saved = changed.update(&txn).await?;
    let details = json!({ "previous_secret_expires_at": expires.to_rfc3339() });
    audit::record(&txn, actor, "webhook.rotate_secret", "webhook", Some(id.to_string()), details).await?;
    txn.commit().await?;
    Ok(saved)
}

#[cfg(test)]
mod tests {
    use super::check_url;

    #[test]
    fn endpoints_are_public_https_unless_the_operator_allows_private_targets() {
        assert_eq!(check_url("https://crm.example.org/hooks/townhall", false), Ok(()));
        assert_eq!(check_url("https://203.0.114.7/hook", false), Ok(()));
        assert_eq!(check_url("http://crm.example.org/hook", false), Err("webhook_url_invalid"), "plain HTTP");
        assert_eq!(check_url("http://crm.example.org/hook", true), Err("webhook_url_invalid"), "leaves the machine");
        for bad in ["ftp://example.org/", "not a url", "https://"] {
            assert_eq!(check_url(bad, true), Err("webhook_url_invalid"), "{bad}");
        }
        for private in [
            "https://10.0.0.1/hook",
            "https://169.254.169.254/latest",
            "https://[fd00::1]/",
            "http://127.0.0.1:8080/hook",
        ] {
            assert_eq!(check_url(private, false), Err("webhook_url_private"), "{private}");
            assert_eq!(check_url(private.replace("http:", "https:").as_str(), true), Ok(()), "{private}");
        }
        // A name is resolved when delivering; plain HTTP to this machine needs the switch.
        assert_eq!(check_url("https://localhost:8443/hook", false), Ok(()));
        assert_eq!(check_url("http://localhost/hook", false), Err("webhook_url_invalid"));
        assert_eq!(check_url("http://localhost/hook", true), Ok(()));
        assert_eq!(check_url("http://[::1]:9000/hook", true), Ok(()));
    }
}
