//! Alerts and their webhooks (issue 5).
//!
//! The evaluator (run by the scheduler, against the injectable clock) computes the deadline
//! state of every open case that could be in alert and records each transition into an alert
//! state once — the `alerts_once` constraint on (radicado, kind, due date) — together with one
//! outbox row per configured webhook, in the same transaction. The deliverer posts outbox rows
//! with an HMAC-SHA256 signature and a stable delivery id, retrying with exponential backoff
//! until the receiver answers 2xx. A crash never loses a delivery (the outbox is durable) and
//! never duplicates one beyond at-least-once (receivers dedupe on `X-Pqrs-Delivery`).

use crate::clock::{instant_text, Clock};
use crate::db::Db;
use crate::error::StoreError;
use chrono::{DateTime, Duration, Utc};
use hmac::{Hmac, Mac};
use pqrs_domain::deadline::local_date;
use pqrs_domain::PqrServices;
use pqrs_projections::{deadline_view, AlertThresholds, DeadlineInput, DeadlineState};
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use sqlx::Row;
use std::sync::Arc;

/// A webhook receiver: where alerts are posted and the secret that signs them.
#[derive(Clone, Deserialize)]
pub struct Webhook {
    /// The URL (http or https).
    pub url: String,
    /// The shared HMAC secret.
    pub secret: String,
}

impl std::fmt::Debug for Webhook {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Webhook")
            .field("url", &self.url)
            .field("secret", &"***")
            .finish()
    }
}

/// An alert as delivered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Alert {
    /// Stable id of the alert.
    pub id: String,
    /// The case.
    pub radicado: String,
    /// `due_soon`, `overdue`, `positive_silence`, `copies_overdue` (positive silence and
    /// the 3 business days to deliver the copies passed, Ley 1755 de 2015 art. 14 num. 1) or
    /// `tacit_withdrawal`.
    pub kind: String,
    /// The due date in force when it was raised.
    pub due_date: String,
    /// Business days left (negative: overdue) when raised.
    pub business_days_left: i64,
    /// For `positive_silence` and `copies_overdue`: the last day to deliver the copies (the
    /// 3rd business day after the due date, Ley 1755 de 2015 art. 14 num. 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deliver_by: Option<String>,
    /// The case is flagged priority (Ley 1755 art. 20): the highest alert level.
    pub priority: bool,
    /// The alert level ([`level`]): `highest` for every alert of a priority case (Ley 1755
    /// de 2015 art. 20), then `high`, then `normal`. Absent from alerts recorded before it
    /// existed (read as `""`).
    #[serde(default)]
    pub level: String,
    /// When it was raised (server clock).
    pub raised_at: String,
}

/// The alert level of an alert of `kind` on a case flagged priority or not. Ley 1755 de 2015
/// art. 20 (docs/legal.md §5): a priority PQR carries the highest alert level, whatever its
/// state — a priority case due soon outranks an ordinary overdue one. Then the states that
/// are already a breach (`overdue`, `positive_silence`, `copies_overdue`, `tacit_withdrawal`)
/// are `high`, and `due_soon` is `normal`.
pub fn level(priority: bool, kind: &str) -> &'static str {
    if priority {
        "highest"
    } else if kind == "due_soon" {
        "normal"
    } else {
        "high"
    }
}

/// The order of current alerts, most urgent first: priority cases (Ley 1755 de 2015 art. 20:
/// the highest alert level, listed before every other alert), then by business days left
/// (most overdue first), then by radicado. Use as a sort key.
pub fn urgency(priority: bool, business_days_left: i64, radicado: &str) -> (bool, i64, String) {
    (!priority, business_days_left, radicado.to_owned())
}

fn kind_of(state: DeadlineState) -> Option<&'static str> {
    match state {
        DeadlineState::DueSoon => Some("due_soon"),
        DeadlineState::Overdue => Some("overdue"),
        DeadlineState::PositiveSilence => Some("positive_silence"),
        // Ley 1755 de 2015 art. 14 num. 1: the 3 business days to deliver the copies passed.
        DeadlineState::CopiesOverdue => Some("copies_overdue"),
        _ => None,
    }
}

/// Records `alert` once, with its outbox rows; returns whether it was new.
pub async fn record(
    db: &Db,
    alert: &Alert,
    webhooks: &[Webhook],
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let payload = serde_json::to_string(alert)?;
    let _turn = db.write_turn().await;
    let mut tx = db.pool.begin().await?;
    let inserted = sqlx::query(
        "INSERT INTO alerts (id, radicado, kind, due_date, raised_at, payload) VALUES ($1, $2, $3, $4, $5, $6) \
         ON CONFLICT (radicado, kind, due_date) DO NOTHING",
    )
    .bind(alert.id.clone())
    .bind(alert.radicado.clone())
    .bind(alert.kind.clone())
    .bind(alert.due_date.clone())
    .bind(alert.raised_at.clone())
    .bind(payload)
    .execute(&mut *tx)
    .await?
    .rows_affected()
        == 1;
    if inserted {
        for hook in webhooks {
            let delivery = uuid::Uuid::new_v4().to_string();
            let body = serde_json::to_string(&serde_json::json!({
                "delivery_id": delivery,
                "event": "alert.raised",
                "alert": alert,
            }))?;
            sqlx::query(
                "INSERT INTO webhook_outbox (id, alert_id, url, payload, attempts, next_attempt_at) \
                 VALUES ($1, $2, $3, $4, 0, $5)",
            )
            .bind(delivery)
            .bind(alert.id.clone())
            .bind(hook.url.clone())
            .bind(body)
            .bind(instant_text(now))
            .execute(&mut *tx)
            .await?;
        }
    }
    tx.commit().await?;
    Ok(inserted)
}

/// How many candidate cases the evaluator reads at once. The pass walks every open case due
/// within the horizon (most open cases of a busy entity), page by page, so its memory does not
/// grow with them (issue 11, item 20: reading them all at once took 853 MiB at 1 000 000
/// cases).
pub const EVALUATE_PAGE: i64 = 1_000;

/// What the evaluator reads of a case in the view.
struct Candidate {
    radicado: String,
    kind: String,
    effective_received_on: chrono::NaiveDate,
    due_date: chrono::NaiveDate,
    suspended: bool,
    closed: bool,
    priority: bool,
    policy: String,
}

fn read_candidate(row: &sqlx::any::AnyRow) -> Result<Candidate, StoreError> {
    let flag = |i: usize| -> Result<bool, StoreError> {
        Ok(row
            .try_get::<i32, _>(i)
            .map(i64::from)
            .or_else(|_| row.try_get::<i64, _>(i))?
            != 0)
    };
    let date = |i: usize| -> Result<chrono::NaiveDate, StoreError> {
        let s: String = row.try_get(i)?;
        s.parse()
            .map_err(|_| StoreError::Corrupt(format!("date `{s}` in case_view")))
    };
    Ok(Candidate {
        radicado: row.try_get(0)?,
        kind: row.try_get(1)?,
        effective_received_on: date(2)?,
        due_date: date(3)?,
        suspended: flag(4)?,
        closed: flag(5)?,
        priority: flag(6)?,
        policy: row.try_get(7)?,
    })
}

/// One page of the open cases due on or before `horizon`, by due date then radicado, after
/// the case `(due_date, radicado)` of `after` (keyset paging: a page costs the same wherever
/// it starts, and cases the projection updates meanwhile are neither skipped nor repeated
/// unless their due date moved).
async fn candidates_page(
    db: &Db,
    horizon: chrono::NaiveDate,
    after: Option<(&str, &str)>,
) -> Result<Vec<Candidate>, StoreError> {
    const COLUMNS: &str = "radicado, kind, effective_received_on, due_date, suspended, closed, \
                           priority, policy";
    let rows = match after {
        None => {
            sqlx::query(&format!(
                "SELECT {COLUMNS} FROM case_view WHERE closed = 0 AND due_date <= $1 \
                 ORDER BY due_date, radicado LIMIT {EVALUATE_PAGE}"
            ))
            .bind(horizon.to_string())
            .fetch_all(&db.pool)
            .await?
        }
        Some((due, radicado)) => {
            sqlx::query(&format!(
                "SELECT {COLUMNS} FROM case_view WHERE closed = 0 AND due_date <= $1 \
                 AND (due_date > $2 OR (due_date = $2 AND radicado > $3)) \
                 ORDER BY due_date, radicado LIMIT {EVALUATE_PAGE}"
            ))
            .bind(horizon.to_string())
            .bind(due.to_owned())
            .bind(radicado.to_owned())
            .fetch_all(&db.pool)
            .await?
        }
    };
    rows.iter().map(read_candidate).collect()
}

/// Evaluates every open case that could be in alert at the clock's now and records the new
/// transitions; returns the alerts raised by this run. The cases are read a page at a time
/// ([`EVALUATE_PAGE`]), in due-date order. The server uses [`evaluate_each`], which does not
/// collect them: the first pass over a large store raises an alert on most open cases.
pub async fn evaluate(
    db: &Db,
    services: &PqrServices,
    clock: &Clock,
    webhooks: &[Webhook],
) -> Result<Vec<Alert>, StoreError> {
    let mut raised = Vec::new();
    evaluate_each(db, services, clock, webhooks, |a| raised.push(a)).await?;
    Ok(raised)
}

/// [`evaluate`], handing each alert raised to `on_raised` as it is recorded instead of
/// collecting them; returns how many were raised.
pub async fn evaluate_each(
    db: &Db,
    services: &PqrServices,
    clock: &Clock,
    webhooks: &[Webhook],
    mut on_raised: impl FnMut(Alert),
) -> Result<usize, StoreError> {
    let now = clock.now();
    let today = local_date(&now);
    let horizon = today + Duration::days(services.policies.due_soon_horizon_days());
    let calendar = services.calendar.current();
    let mut raised = 0;
    let mut after: Option<(String, String)> = None;
    loop {
        let page = candidates_page(
            db,
            horizon,
            after.as_ref().map(|(d, r)| (d.as_str(), r.as_str())),
        )
        .await?;
        let Some(last) = page.last() else {
            break;
        };
        after = Some((last.due_date.to_string(), last.radicado.clone()));
        let full = page.len() as i64 == EVALUATE_PAGE;
        for row in page {
            let view = deadline_view(
                DeadlineInput {
                    effective: row.effective_received_on,
                    due_date: row.due_date,
                    suspended: row.suspended,
                    closed: row.closed,
                    information_request: row.kind == "information_request",
                },
                today,
                &calendar,
                // Each case by its own policy's thresholds (issue 5).
                &AlertThresholds::from(services.policies.due_soon(&row.policy)),
            )
            .map_err(|e| StoreError::Corrupt(e.to_string()))?;
            let Some(kind) = kind_of(view.state) else {
                continue;
            };
            let alert = Alert {
                id: uuid::Uuid::new_v4().to_string(),
                radicado: row.radicado,
                kind: kind.to_owned(),
                due_date: row.due_date.to_string(),
                business_days_left: view.business_days_left,
                deliver_by: view.deliver_by.map(|d| d.to_string()),
                priority: row.priority,
                level: level(row.priority, kind).to_owned(),
                raised_at: instant_text(now),
            };
            if record(db, &alert, webhooks, now).await? {
                tracing::info!(radicado = %alert.radicado, kind, "alert raised");
                raised += 1;
                on_raised(alert);
            }
        }
        if !full {
            break;
        }
    }
    Ok(raised)
}

/// Recorded alerts, newest first, optionally of one case.
pub async fn recorded(
    db: &Db,
    radicado: Option<&str>,
    limit: i64,
) -> Result<Vec<Alert>, StoreError> {
    let rows = match radicado {
        Some(r) => sqlx::query(
            "SELECT payload FROM alerts WHERE radicado = $1 ORDER BY raised_at DESC, id LIMIT $2",
        )
        .bind(r.to_owned())
        .bind(limit)
        .fetch_all(&db.pool)
        .await?,
        None => {
            sqlx::query("SELECT payload FROM alerts ORDER BY raised_at DESC, id LIMIT $1")
                .bind(limit)
                .fetch_all(&db.pool)
                .await?
        }
    };
    rows.iter()
        .map(|r| {
            let p: String = r.try_get(0)?;
            Ok(serde_json::from_str(&p)?)
        })
        .collect()
}

/// The signature header value of `body` under `secret`: `sha256=<hex HMAC-SHA256>`.
pub fn signature(secret: &str, body: &str) -> String {
    let mut mac = match Hmac::<Sha256>::new_from_slice(secret.as_bytes()) {
        Ok(m) => m,
        // HMAC accepts keys of any length; this branch cannot be taken.
        Err(_) => return String::new(),
    };
    mac.update(body.as_bytes());
    format!("sha256={}", hex::encode(mac.finalize().into_bytes()))
}

/// Seconds before the next attempt after `attempts` failures: 2, 4, 8 … capped at one hour.
pub fn backoff_secs(attempts: i64) -> i64 {
    2i64.saturating_pow(u32::try_from(attempts.clamp(1, 12)).unwrap_or(12))
        .min(3600)
}

/// Delivers the due outbox rows once; returns how many were delivered.
pub async fn deliver_due(
    db: &Db,
    clock: &Clock,
    webhooks: &[Webhook],
    client: &reqwest::Client,
) -> Result<usize, StoreError> {
    let now = clock.now();
    let rows = sqlx::query(
        "SELECT id, url, payload, attempts, next_attempt_at FROM webhook_outbox \
         WHERE delivered_at IS NULL AND next_attempt_at <= $1 ORDER BY next_attempt_at LIMIT 50",
    )
    .bind(instant_text(now))
    .fetch_all(&db.pool)
    .await?;
    let mut delivered = 0;
    for row in rows {
        let id: String = row.try_get(0)?;
        let url: String = row.try_get(1)?;
        let payload: String = row.try_get(2)?;
        let attempts: i64 = row
            .try_get::<i32, _>(3)
            .map(i64::from)
            .or_else(|_| row.try_get::<i64, _>(3))?;
        let seen: String = row.try_get(4)?;
        // Lease the row so another process does not send it at the same time.
        let lease = instant_text(now + Duration::seconds(60));
        let turn = db.write_turn().await;
        let claimed = sqlx::query(
            "UPDATE webhook_outbox SET next_attempt_at = $1 WHERE id = $2 AND next_attempt_at = $3 AND delivered_at IS NULL",
        )
        .bind(lease)
        .bind(id.clone())
        .bind(seen)
        .execute(&db.pool)
        .await?
        .rows_affected()
            == 1;
        drop(turn);
        if !claimed {
            continue;
        }
        let Some(hook) = webhooks.iter().find(|w| w.url == url) else {
            tracing::warn!(%url, "webhook no longer configured; delivery kept");
            continue;
        };
        let result = client
            .post(&url)
            .header("content-type", "application/json")
            .header("x-pqrs-delivery", &id)
            .header("x-pqrs-event", "alert.raised")
            .header("x-pqrs-signature", signature(&hook.secret, &payload))
            .body(payload.clone())
            .send()
            .await;
        let error = match result {
            Ok(r) if r.status().is_success() => None,
            Ok(r) => Some(format!("HTTP {}", r.status())),
            Err(e) => Some(e.to_string()),
        };
        let now = clock.now();
        let _turn = db.write_turn().await;
        match error {
            None => {
                sqlx::query("UPDATE webhook_outbox SET delivered_at = $1, attempts = attempts + 1 WHERE id = $2")
                    .bind(instant_text(now))
                    .bind(id)
                    .execute(&db.pool)
                    .await?;
                delivered += 1;
            }
            Some(e) => {
                let next = now + Duration::seconds(backoff_secs(attempts + 1));
                sqlx::query(
                    "UPDATE webhook_outbox SET attempts = attempts + 1, next_attempt_at = $1, last_error = $2 WHERE id = $3",
                )
                .bind(instant_text(next))
                .bind(e.clone())
                .bind(id)
                .execute(&db.pool)
                .await?;
                tracing::warn!(%url, error = %e, "webhook delivery failed; will retry");
            }
        }
    }
    Ok(delivered)
}

/// Runs the deliverer every `every` until the runtime stops.
pub fn spawn_deliverer(
    db: Db,
    clock: Clock,
    webhooks: Arc<Vec<Webhook>>,
    every: std::time::Duration,
) {
    if webhooks.is_empty() {
        return;
    }
    tokio::spawn(async move {
        let client = match reqwest::Client::builder()
            .timeout(std::time::Duration::from_secs(10))
            .build()
        {
            Ok(c) => c,
            Err(e) => {
                tracing::error!(error = %e, "cannot build the webhook client");
                return;
            }
        };
        let mut tick = tokio::time::interval(every);
        // A store that keeps failing (unreachable, damaged) is retried less and less often, up
        // to a minute, so the log is not flooded twice a second.
        let mut backoff = every;
        loop {
            tick.tick().await;
            match deliver_due(&db, &clock, &webhooks, &client).await {
                Ok(_) => backoff = every,
                Err(e) => {
                    tracing::warn!(error = %e, retry_in = ?backoff, "webhook delivery run failed");
                    tokio::time::sleep(backoff).await;
                    backoff = (backoff * 2).min(std::time::Duration::from_secs(60));
                }
            }
        }
    });
}

/// Webhook deliveries not yet accepted by their receiver.
pub async fn pending_deliveries(db: &Db) -> Result<i64, StoreError> {
    let row = sqlx::query("SELECT COUNT(*) FROM webhook_outbox WHERE delivered_at IS NULL")
        .fetch_one(&db.pool)
        .await?;
    Ok(row.try_get(0)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_are_hmac_sha256_of_the_body() {
        // RFC 4231 test case 2.
        assert_eq!(
            signature("Jefe", "what do ya want for nothing?"),
            "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn backoff_doubles_and_is_capped() {
        assert_eq!(backoff_secs(1), 2);
        assert_eq!(backoff_secs(3), 8);
        assert_eq!(backoff_secs(40), 3600);
    }
}
