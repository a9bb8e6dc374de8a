//! Claiming due messages: one statement takes up to [`BATCH`] due rows, moves their
//! `next_attempt_at` forward by [`LEASE_SECS`] and stamps them with this batch's token. On
//! PostgreSQL the rows are picked with `FOR UPDATE SKIP LOCKED`, so concurrent deliverers take
//! different rows; on SQLite the `UPDATE` is atomic under the file's write lock. Only the
//! holder of the token may record a row's outcome ([`super::settle`]).

use super::{Deliverer, Outgoing, BATCH, LEASE_SECS};
use crate::clock::instant_text;
use crate::db::Backend;
use crate::error::StoreError;
use crate::outbox::Letter;
use chrono::Duration;
use sqlx::Row;

/// Messages claimed together, under one lease token.
#[derive(Debug)]
pub(super) struct Claim {
    /// The token stamped on every row of the claim.
    pub token: String,
    /// The messages, oldest due first.
    pub messages: Vec<Outgoing>,
}

impl Deliverer {
    /// Claims up to [`BATCH`] due messages (none: an empty claim).
    pub(super) async fn claim(&self) -> Result<Claim, StoreError> {
        let now = self.clock.now();
        let token = uuid::Uuid::new_v4().to_string();
        let pick = match self.db.backend {
            Backend::Postgres => " FOR UPDATE SKIP LOCKED",
            Backend::Sqlite => "",
        };
        let sql = format!(
            "UPDATE mail_outbox SET next_attempt_at = $1, lease_token = $2 WHERE id IN \
             (SELECT id FROM mail_outbox WHERE sent_at IS NULL AND failed_at IS NULL \
              AND cancelled_at IS NULL AND next_attempt_at <= $3 \
              ORDER BY next_attempt_at LIMIT $4{pick}) \
             RETURNING id, radicado, caused_by, message, recipient, facts, attempts, created_at"
        );
        let rows = {
            let _turn = self.db.write_turn().await;
            sqlx::query(&sql)
                .bind(instant_text(now + Duration::seconds(LEASE_SECS)))
                .bind(token.clone())
                .bind(instant_text(now))
                .bind(BATCH as i64)
                .fetch_all(&self.db.pool)
                .await?
        };
        let mut messages = Vec::with_capacity(rows.len());
        for row in rows {
            let message: String = row.try_get("message")?;
            let facts: String = row.try_get("facts")?;
            let outgoing = Outgoing {
                id: row.try_get("id")?,
                radicado: row.try_get("radicado")?,
                caused_by: row.try_get("caused_by")?,
                message: Letter::parse(&message)
                    .ok_or_else(|| StoreError::Corrupt(format!("unknown message `{message}`")))?,
                recipient: row.try_get("recipient")?,
                facts: serde_json::from_str(&facts)?,
                attempts: row.try_get("attempts")?,
            };
            let created_at: String = row.try_get("created_at")?;
            messages.push((created_at, outgoing));
        }
        // RETURNING gives no order: the oldest first, so a case's messages are recorded in the
        // order their causes happened.
        messages.sort_by(|(a, x), (b, y)| a.cmp(b).then(x.caused_by.cmp(&y.caused_by)));
        Ok(Claim {
            token,
            messages: messages.into_iter().map(|(_, m)| m).collect(),
        })
    }
}
