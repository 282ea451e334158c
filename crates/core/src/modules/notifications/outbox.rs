// SPDX-License-Identifier: AGPL-3.0-only
//! The durable outbox. E-mails are rows first; a worker in each server claims a batch for a
//! while (a lease), sends it, and marks each message sent, or schedules a retry with growing
//! back-off, giving up after `MAX_ATTEMPTS`. Claims are atomic on both databases (on
//! PostgreSQL rows locked by another instance are skipped), so with several instances every
//! message has one owner at a time. A worker killed mid-batch loses nothing: its lease runs
//! out and another worker takes the messages again (a message sent just before the kill can
//! then go twice; in the normal path each goes once).
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, QueryFilter};

use super::model::outbox;
use crate::mail::Mail;
use crate::{CoreResult, Platform};

pub const PENDING: &str = "pending";
pub const SENT: &str = "sent";
pub const DEAD: &str = "dead";
pub const MAX_ATTEMPTS: i32 = 8;
/// Messages a worker takes at once.
pub const BATCH: i64 = 20;
/// How long a claim holds.
pub const LEASE_SECONDS: i64 = 300;

/// When to try again after `attempts` failures: 1, 2, 4… minutes, at most six hours.
pub fn back_off(attempts: i32) -> Duration {
    Duration::minutes((1_i64 << attempts.clamp(0, 9)).min(360))
}

impl Platform {
    /// Claims due messages for `worker` until the lease ends; returns the lease's end.
    pub(crate) async fn claim_outbox(&self, worker: &str, now: DateTime<Utc>) -> CoreResult<DateTime<Utc>> {
        let until = now + Duration::seconds(LEASE_SECONDS);
        let backend = self.db().get_database_backend();
        let lock = if backend == DbBackend::Postgres { " FOR UPDATE SKIP LOCKED" } else { "" };
        let sql = format!(
            "UPDATE outbox SET claimed_by = ?, claimed_until = ? WHERE id IN (SELECT id FROM outbox \
             WHERE status = 'pending' AND next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until < ?) \
             ORDER BY id LIMIT {BATCH}{lock})"
        );
        let values = vec![worker.into(), until.into(), now.into(), now.into()];
        self.db().execute_raw(crate::db::statement(backend, &sql, values)).await?;
        Ok(until)
    }

    /// Sends what is due; returns how many messages were sent.
    pub async fn deliver_outbox(&self, worker: &str) -> CoreResult<usize> {
        let now = Utc::now();
        let until = self.claim_outbox(worker, now).await?;
        let mine = outbox::Entity::find()
            .filter(outbox::Column::ClaimedBy.eq(worker))
            .filter(outbox::Column::ClaimedUntil.eq(until))
            .filter(outbox::Column::Status.eq(PENDING))
            .all(self.db())
            .await?;
        let mut sent = 0;
        for message in mine {
            let mail = Mail {
                to: message.recipient.clone(),
                subject: message.subject.clone(),
                text: message.text_body.clone(),
                html: message.html_body.clone(),
                unsubscribe: message.unsubscribe_url.clone(),
            };
            let update = outbox::Entity::update_many()
                .col_expr(outbox::Column::ClaimedBy, Expr::value(Option::<String>::None))
                .col_expr(outbox::Column::ClaimedUntil, Expr::value(Option::<DateTime<Utc>>::None))
                .filter(outbox::Column::Id.eq(message.id))
                .filter(outbox::Column::ClaimedBy.eq(worker));
            match self.mailer().send(mail).await {
                Ok(()) => {
                    update
                        .col_expr(outbox::Column::Status, Expr::value(SENT))
                        .col_expr(outbox::Column::SentAt, Expr::value(Utc::now()))
                        .exec(self.db())
                        .await?;
                    sent += 1;
                }
                Err(e) => {
                    let attempts = message.attempts + 1;
                    let status = if attempts >= MAX_ATTEMPTS { DEAD } else { PENDING };
                    tracing::warn!(message = message.id, attempts, error = %e, "an e-mail could not be sent");
                    update
                        .col_expr(outbox::Column::Status, Expr::value(status))
                        .col_expr(outbox::Column::Attempts, Expr::value(attempts))
                        .col_expr(outbox::Column::NextAttemptAt, Expr::value(Utc::now() + back_off(attempts)))
                        .col_expr(outbox::Column::LastError, Expr::value(e.to_string()))
                        .exec(self.db())
                        .await?;
                }
            }
        }
        Ok(sent)
    }

    /// Messages waiting to be sent (for monitoring).
    pub async fn outbox_backlog(&self) -> CoreResult<u64> {
        use sea_orm::PaginatorTrait;
        Ok(outbox::Entity::find().filter(outbox::Column::Status.eq(PENDING)).count(self.db()).await?)
    }
}

#[cfg(test)]
mod tests {
    use super::back_off;

    #[test]
    fn retries_back_off_to_six_hours() {
        assert_eq!(back_off(1).num_minutes(), 2);
        assert_eq!(back_off(3).num_minutes(), 8);
        assert_eq!(back_off(20).num_minutes(), 360);
    }
}
