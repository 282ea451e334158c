// SPDX-License-Identifier: LicenseRef-Townhall-Commercial
//! Deliveries. An event becomes one row per endpoint that hears it, written in the transaction
//! of the change (so a delivery exists exactly when what it tells of does). A worker claims due
//! rows with a lease, as the e-mail outbox does (`townhall_core::db::claim_due`), posts each
//! body signed with HMAC-SHA256, and marks it delivered on a 2xx answer, or schedules a retry
//! with the outbox's back-off, giving up after its last attempt (or at once when the target is
//! not a public address and the operator did not allow those: `targets.rs`). A worker killed
//! mid-batch loses nothing: the lease runs out and another worker takes the rows again (a
//! receiver may then see a delivery twice; it keeps its `Townhall-Delivery` id, so receivers
//! can tell).
//!
//! The signature: `Townhall-Signature: t=<unix seconds>,v1=<hex>` where the hex is
//! HMAC-SHA256 with the endpoint's secret over `<t>.<body>`. Receivers recompute it and refuse
//! a timestamp more than five minutes away from their clock (replays). For a day after the
//! secret is rotated, a second `v1=` follows, made with the previous secret
//! (`t=…,v1=<new>,v1=<old>`): a receiver accepts the request when any `v1` matches the secret
//! it holds, so it can switch secrets at any moment of the grace period (docs/webhooks.md).
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use chrono::Utc;
use hmac::{Hmac, Mac};
use rand::RngCore;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;
use sha2::Sha256;
use townhall_core::db::WriteTxn;
use townhall_core::events::PlatformEvent;
use townhall_core::modules::notifications::outbox::MAX_ATTEMPTS;
use townhall_core::{CoreResult, Platform, db};

use super::model::{delivery, webhook};
use super::service::{DEAD, DELIVERED, PENDING};
use super::{FEATURE, JOB, targets};

/// Deliveries a worker takes at once.
pub const BATCH: i64 = 20;
/// How long a receiver has to answer.
const TIMEOUT: Duration = Duration::from_secs(10);

/// `t=…,v1=…` for `body` sent at `timestamp` with `secret`.
pub fn signature(secret: &str, timestamp: i64, body: &str) -> String {
    signature_header(&[secret], timestamp, body)
}

/// `t=…,v1=…[,v1=…]`: one `v1` per secret, in the order given (the current secret first).
pub fn signature_header(secrets: &[&str], timestamp: i64, body: &str) -> String {
    let mut header = format!("t={timestamp}");
    for secret in secrets {
        // HMAC takes a key of any length; this cannot fail.
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(secret.as_bytes()).unwrap_or_else(|_| unreachable!());
        mac.update(timestamp.to_string().as_bytes());
        mac.update(b".");
        mac.update(body.as_bytes());
        header.push_str(",v1=");
        header.push_str(&hex::encode(mac.finalize().into_bytes()));
    }
    header
}

/// A delivery of `payload` to endpoint `webhook_id`, due now.
pub(crate) fn pending(
    webhook_id: i32,
    event: &str,
    payload: String,
    redelivery_of: Option<i32>,
) -> delivery::ActiveModel {
    let now = Utc::now();
    delivery::ActiveModel {
        webhook_id: Set(webhook_id),
        event: Set(event.to_owned()),
        payload: Set(payload),
        status: Set(PENDING.to_owned()),
        attempts: Set(0),
        next_attempt_at: Set(now),
        claimed_by: Set(None),
        claimed_until: Set(None),
        last_status_code: Set(None),
        last_error: Set(None),
        created_at: Set(now),
        delivered_at: Set(None),
        redelivery_of: Set(redelivery_of),
        ..Default::default()
    }
}

/// The body of an event: its id (shared by every endpoint that hears it), kind, time and data.
pub(crate) fn body(kind: &str, data: &serde_json::Value) -> String {
    let mut id = [0u8; 12];
    rand::rngs::OsRng.fill_bytes(&mut id);
    json!({
        "id": hex::encode(id),
        "event": kind,
        "occurred_at": Utc::now().to_rfc3339(),
        "data": data,
    })
    .to_string()
}

/// Queues `event` for every active endpoint that hears it, inside `txn`.
pub async fn enqueue(platform: &Platform, txn: &WriteTxn, event: &PlatformEvent) -> CoreResult<()> {
    if !platform.is_active(FEATURE).await {
        return Ok(());
    }
    let listening: Vec<webhook::Model> = webhook::Entity::find()
        .filter(webhook::Column::Active.eq(true))
        .all(txn)
        .await?
        .into_iter()
        .filter(|w| w.event_list().iter().any(|e| e == event.kind))
        .collect();
    if listening.is_empty() {
        return Ok(());
    }
    // One body for every endpoint: the same event id lets receivers of several endpoints match.
    let body = body(event.kind, &event.data);
    let rows = listening.iter().map(|w| pending(w.id, event.kind, body.clone(), None));
    delivery::Entity::insert_many(rows).exec(txn).await?;
    platform.wake_job(JOB);
    Ok(())
}

/// The HTTP client: without `allow_private`, names are resolved by [`targets::PublicOnly`].
/// Neither goes through a proxy from the environment: the addresses checked must be the ones
/// connected to.
fn client(allow_private: bool) -> Result<&'static reqwest::Client, String> {
    static PUBLIC: OnceLock<reqwest::Client> = OnceLock::new();
    static ANY: OnceLock<reqwest::Client> = OnceLock::new();
    let cell = if allow_private { &ANY } else { &PUBLIC };
    if let Some(client) = cell.get() {
        return Ok(client);
    }
    let mut builder = reqwest::Client::builder()
        .timeout(TIMEOUT)
        .redirect(reqwest::redirect::Policy::none())
        .no_proxy()
        .user_agent(concat!("Townhall-Webhooks/", env!("CARGO_PKG_VERSION")));
    if !allow_private {
        builder = builder.dns_resolver(Arc::new(targets::PublicOnly));
    }
    let built = builder.build().map_err(|e| format!("cannot build the HTTP client: {e}"))?;
    Ok(cell.get_or_init(|| built))
}

/// Why an attempt failed.
enum Failure {
    /// The receiver answered something else than 2xx, or could not be reached: tried again.
    Retry(Option<u16>, String),
    /// The target is not a public address and private targets are not allowed: given up at once
    /// (the log says why; an administrator can try again once the operator allows it).
    Refused(String),
}

/// What one attempt came to: delivered with its status, or the failure.
async fn post(target: &webhook::Model, row: &delivery::Model, allow_private: bool) -> Result<u16, Failure> {
    let url = reqwest::Url::parse(&target.url).map_err(|e| Failure::Retry(None, e.to_string()))?;
    // A written address reaches no resolver: it is checked here.
    if !allow_private && let Some(refused) = targets::refused_literal(&url) {
        return Err(Failure::Refused(refused.to_string()));
    }
    let client = client(allow_private).map_err(|e| Failure::Retry(None, e))?;
    let now = Utc::now();
    let signed = signature_header(&target.signing_secrets(now), now.timestamp(), &row.payload);
    let answer = client
        .post(url)
        .header(reqwest::header::CONTENT_TYPE, "application/json")
        .header("Townhall-Event", &row.event)
        .header("Townhall-Delivery", row.id.to_string())
        .header("Townhall-Signature", signed)
        .body(row.payload.clone())
        .send()
        .await
        .map_err(|e| match targets::refusal(&e) {
            Some(refused) => Failure::Refused(refused.to_string()),
            None => Failure::Retry(None, e.to_string()),
        })?;
    let status = answer.status();
    if status.is_success() {
        Ok(status.as_u16())
    } else {
        Err(Failure::Retry(Some(status.as_u16()), format!("the receiver answered {status}")))
    }
}

/// Sends what is due; returns how many deliveries succeeded.
pub async fn deliver_due(platform: &Platform, worker: &str) -> CoreResult<usize> {
    if !platform.is_active(FEATURE).await {
        return Ok(0);
    }
    let now = Utc::now();
    let until = now + platform.outbox_lease();
    db::claim_due(platform.db(), "webhook_deliveries", worker, now, until, BATCH).await?;
    let mine = delivery::Entity::find()
        .filter(delivery::Column::ClaimedBy.eq(worker))
        .filter(delivery::Column::ClaimedUntil.eq(until))
        .filter(delivery::Column::Status.eq(PENDING))
        .all(platform.db())
        .await?;
    let ids: Vec<i32> = mine.iter().map(|d| d.webhook_id).collect();
    let targets = webhook::Entity::find().filter(webhook::Column::Id.is_in(ids)).all(platform.db()).await?;
    let stop_at = now + platform.outbox_lease() / 2;
    let mut delivered = 0;
    for row in mine {
        if Utc::now() >= stop_at {
            break;
        }
        let release = delivery::Entity::update_many()
            .col_expr(delivery::Column::ClaimedBy, Expr::value(Option::<String>::None))
            .col_expr(delivery::Column::ClaimedUntil, Expr::value(Option::<chrono::DateTime<Utc>>::None))
            .filter(delivery::Column::Id.eq(row.id))
            .filter(delivery::Column::ClaimedBy.eq(worker));
        // A paused endpoint holds its deliveries until it resumes.
        let Some(target) = targets.iter().find(|t| t.id == row.webhook_id && t.active) else {
            // Through the write gate like every write (see `db::begin_write`).
            let txn = db::begin_write(platform.db()).await?;
            release.exec(&txn).await?;
            txn.commit().await?;
            continue;
        };
        let attempts = row.attempts + 1;
        let done = match post(target, &row, platform.webhooks_allow_private_targets()).await {
            Ok(code) => {
                delivered += 1;
                release
                    .col_expr(delivery::Column::Status, Expr::value(DELIVERED))
                    .col_expr(delivery::Column::DeliveredAt, Expr::value(Utc::now()))
                    .col_expr(delivery::Column::LastStatusCode, Expr::value(i32::from(code)))
                    .col_expr(delivery::Column::LastError, Expr::value(Option::<String>::None))
            }
            Err(failure) => {
                let (code, error, last) = match failure {
                    Failure::Retry(code, error) => (code, error, attempts >= MAX_ATTEMPTS),
                    Failure::Refused(error) => (None, error, true),
                };
                tracing::warn!(delivery = row.id, webhook = target.id, attempts, error = %error, "a webhook delivery failed");
                let status = if last { DEAD } else { PENDING };
                let error: String = error.chars().take(500).collect();
                release
                    .col_expr(delivery::Column::Status, Expr::value(status))
                    .col_expr(delivery::Column::NextAttemptAt, Expr::value(Utc::now() + platform.retry_delay(attempts)))
                    .col_expr(delivery::Column::LastStatusCode, Expr::value(code.map(i32::from)))
                    .col_expr(delivery::Column::LastError, Expr::value(error))
            }
        };
        let txn = db::begin_write(platform.db()).await?;
        done.col_expr(delivery::Column::Attempts, Expr::value(attempts)).exec(&txn).await?;
        txn.commit().await?;
    }
    Ok(delivered)
}

#[cfg(test)]
mod tests {
    use super::{signature, signature_header};

    #[test]
    fn the_signature_is_hmac_sha256_over_the_timestamp_and_the_body() {
        // Computed with Python's hmac module: hmac.new(b"Jefe", b'1700000000.{"a":1}', sha256).
        let expected = "t=1700000000,v1=fa5f6481efc59da48b19c9dc10196c9953e5651f8304b3a318b6b87d70272e0a";
        assert_eq!(signature("Jefe", 1_700_000_000, "{\"a\":1}"), expected);
        assert_ne!(signature("Jefe", 1_700_000_001, "{\"a\":1}"), expected, "the timestamp is signed");
    }

    #[test]
    fn during_a_rotation_each_secret_adds_its_own_v1() {
        let both = signature_header(&["new", "Jefe"], 1_700_000_000, "{\"a\":1}");
        let new = signature("new", 1_700_000_000, "{\"a\":1}");
        let old = "fa5f6481efc59da48b19c9dc10196c9953e5651f8304b3a318b6b87d70272e0a";
        assert_eq!(both, format!("{new},v1={old}"));
    }
}
