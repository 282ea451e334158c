// SPDX-License-Identifier: AGPL-3.0-only
//! The durable outbox. Every e-mail is a row first, written in the transaction of what it is
//! about where there is one; a worker in each server claims a batch for a while (a lease),
//! sends it, and marks each message sent, or schedules a retry with growing back-off, giving
//! up after `MAX_ATTEMPTS`. Claims are atomic on both databases (on PostgreSQL rows locked by
//! another instance are skipped), so with several instances every message has one owner at a
//! time; a worker stops sending once half its lease is gone, so it never sends what another
//! may have taken over. A worker killed mid-batch loses nothing: its lease runs out and another
//! worker takes the messages again. Only a message the SMTP server accepted in the instant
//! before the kill, before it was marked sent, can then go twice; it keeps its `Message-ID`
//! (`<outbox-ID.…>`), so mail systems can tell. In the normal path each goes once.
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryTrait};

use super::model::outbox;
use crate::mail::Mail;
use crate::{CoreResult, Platform, db};

/// The background job that works the outbox.
pub const JOB: &str = "outbox";

/// Puts a message in the outbox on `conn` (the caller's transaction, so the message exists
/// exactly when what it is about does).
pub(crate) async fn enqueue(conn: &impl ConnectionTrait, mail: Mail) -> Result<(), DbErr> {
    conn.execute_raw(enqueue_statement(conn.get_database_backend(), mail)).await?;
    Ok(())
}

/// The statement of [`enqueue`], for a caller that sends it in a [`db::batch`].
pub(crate) fn enqueue_statement(backend: sea_orm::DbBackend, mail: Mail) -> sea_orm::Statement {
    let now = Utc::now();
    outbox::Entity::insert(outbox::ActiveModel {
        recipient: Set(mail.to),
        subject: Set(mail.subject),
        text_body: Set(mail.text),
        html_body: Set(mail.html),
        unsubscribe_url: Set(mail.unsubscribe),
        status: Set(PENDING.to_owned()),
        attempts: Set(0),
        next_attempt_at: Set(now),
        claimed_by: Set(None),
        claimed_until: Set(None),
        last_error: Set(None),
        created_at: Set(now),
        sent_at: Set(None),
        ..Default::default()
    })
    .build(backend)
}

pub const PENDING: &str = "pending";
pub const SENT: &str = "sent";
pub const DEAD: &str = "dead";
pub const MAX_ATTEMPTS: i32 = 8;
/// Messages a worker takes at once.
pub const BATCH: i64 = 20;

/// When to try again after `attempts` failures: 2, 4, 8… `unit`s, at most 360 (with a unit
/// of a minute: 2 minutes, then 4… at most six hours).
pub fn back_off(attempts: i32, unit: Duration) -> Duration {
    unit * (1_i32 << attempts.clamp(0, 9)).min(360)
}

impl Platform {
    /// Claims due messages for `worker` until the lease ends; returns the lease's end.
    pub(crate) async fn claim_outbox(&self, worker: &str, now: DateTime<Utc>) -> CoreResult<DateTime<Utc>> {
        let until = now + self.outbox_lease();
        db::claim_due(self.db(), "outbox", worker, now, until, BATCH).await?;
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
        // What is left when half the lease is gone goes back to the pool untouched.
        let stop_at = now + self.outbox_lease() / 2;
        for message in mine {
            if Utc::now() >= stop_at {
                break;
            }
            let mail = Mail {
                to: message.recipient.clone(),
                subject: message.subject.clone(),
                text: message.text_body.clone(),
                html: message.html_body.clone(),
                unsubscribe: message.unsubscribe_url.clone(),
                message_id: Some(format!(
                    "<outbox-{}.{}@{}>",
                    message.id,
                    message.created_at.timestamp(),
                    self.mail_domain()
                )),
            };
            let update = outbox::Entity::update_many()
                .col_expr(outbox::Column::ClaimedBy, Expr::value(Option::<String>::None))
                .col_expr(outbox::Column::ClaimedUntil, Expr::value(Option::<DateTime<Utc>>::None))
                .filter(outbox::Column::Id.eq(message.id))
                .filter(outbox::Column::ClaimedBy.eq(worker));
            let sent_or_not = self.mailer().send(mail).await;
            let update = match sent_or_not {
                Ok(()) => {
                    sent += 1;
                    update
                        .col_expr(outbox::Column::Status, Expr::value(SENT))
                        .col_expr(outbox::Column::SentAt, Expr::value(Utc::now()))
                }
                Err(e) => {
                    let attempts = message.attempts + 1;
                    let status = if attempts >= MAX_ATTEMPTS { DEAD } else { PENDING };
                    tracing::warn!(message = message.id, attempts, error = %e, "an e-mail could not be sent");
                    update
                        .col_expr(outbox::Column::Status, Expr::value(status))
                        .col_expr(outbox::Column::Attempts, Expr::value(attempts))
                        .col_expr(outbox::Column::NextAttemptAt, Expr::value(Utc::now() + self.retry_delay(attempts)))
                        .col_expr(outbox::Column::LastError, Expr::value(e.to_string()))
                }
            };
            // One statement, through the write gate like every write (see `db::write_alone`).
            db::write_alone(self.db(), update.build(self.db().get_database_backend())).await?;
        }
        Ok(sent)
    }

    /// Puts a message in the outbox in a transaction of its own and wakes the worker: for
    /// e-mails that belong to no other write (confirmations, password resets). A failure is
    /// logged (the user can ask again), never shown as an error.
    pub(crate) async fn deliver(&self, mail: Mail) {
        if self.mail_muted() {
            return;
        }
        let written = async {
            let txn = db::begin_write(self.db()).await?;
            enqueue(&txn, mail).await?;
            txn.commit().await
        };
        match written.await {
            Ok(()) => self.wake_job(JOB),
            Err(e) => tracing::error!(error = %e, "an e-mail could not be put in the outbox"),
        }
    }

    /// The domain of the `Message-ID`s: the platform's host.
    fn mail_domain(&self) -> String {
        self.host().filter(|h| !h.is_empty()).unwrap_or("townhall.invalid").to_owned()
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
        let minute = chrono::Duration::minutes(1);
        assert_eq!(back_off(1, minute).num_minutes(), 2);
        assert_eq!(back_off(3, minute).num_minutes(), 8);
        assert_eq!(back_off(20, minute).num_minutes(), 360);
        assert_eq!(back_off(1, chrono::Duration::seconds(1)).num_seconds(), 2);
    }
}
