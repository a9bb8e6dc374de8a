//! Messages to staff (issue 15): a notice to the official a case is assigned to, and a daily
//! digest per dependency of its due-soon and overdue cases (as Orfeo's cron mails do).
//!
//! Staff messages travel through the same outbox and deliverer as the petitioner's, with
//! `audience = 'staff'`: queued in the same transaction as the assignment (the notice) or by
//! the deliverer's first run of a business day (the digest), sent at least once with a stable
//! `Message-ID`, retried with backoff. They are not events of the petitioner's case: an
//! accepted one is only marked sent in the outbox; one that fails for good is marked failed
//! and raises an alert `staff_mail_failed` (logged without addresses).
//!
//! **What they say.** Only what the official's role may see in the console: the radicado, the
//! kind, the due date and the link to `/funcionarios/casos/{radicado}`. Never the access code
//! (only its hash is stored anyway), never the petitioner's data, subject or text.
//!
//! **Who gets them.** The notice goes to the enabled `staff_accounts` row whose `id` or
//! `email` equals the assignment's `official` (lower-cased); with no such account nothing is
//! queued (the official may work without an account of their own). The digest goes to the
//! enabled `agent` and `supervisor` accounts of each dependency, in one message per
//! dependency and day (`pqrs.digest.<day>.<dependency hash>@<domain>`): several processes
//! queue it once.
//!
//! **In which language.** The official's, kept with their account (`staff_accounts.language`,
//! docs/language.md), Spanish while none is kept: the notice in its recipient's, the digest once
//! per dependency and language, each to the officials who read that language.

use super::Queueing;
use crate::clock::instant_text;
use crate::db::Db;
use crate::error::StoreError;
use crate::ledger::NewEvent;
use chrono::{DateTime, NaiveDate, Utc};
use pqrs_domain::calendar::Calendar;
use pqrs_domain::contact::Language;
use pqrs_domain::pqr::PqrEvent;
use sha2::{Digest, Sha256};
use sqlx::{AnyConnection, Row};

/// A message to staff. The stored value is [`StaffMessage::as_str`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StaffMessage {
    /// A case was assigned to the official.
    Assignment,
    /// The daily digest of a dependency's due-soon and overdue cases.
    Digest,
}

impl StaffMessage {
    /// Every staff message.
    pub const ALL: [StaffMessage; 2] = [StaffMessage::Assignment, StaffMessage::Digest];

    /// The stored and configured value.
    pub fn as_str(self) -> &'static str {
        match self {
            StaffMessage::Assignment => "staff_assignment",
            StaffMessage::Digest => "staff_digest",
        }
    }

    /// Parses [`StaffMessage::as_str`].
    pub fn parse(s: &str) -> Option<StaffMessage> {
        StaffMessage::ALL.into_iter().find(|m| m.as_str() == s)
    }
}

/// Business days ahead within which an open case is "due soon" in the digest.
pub const DUE_SOON_BUSINESS_DAYS: u32 = 3;

/// The hour (Bogotá) from which the day's digest is queued.
pub const DIGEST_FROM_HOUR: u32 = 6;

/// The address and the chosen language of the enabled account named by an assignment's
/// `official` (its id or its e-mail, lower-cased).
async fn official_address(
    conn: &mut AnyConnection,
    official: &str,
) -> Result<Option<(String, Language)>, sqlx::Error> {
    let key = official.trim().to_lowercase();
    let row = sqlx::query(
        "SELECT email, language FROM staff_accounts WHERE disabled_at IS NULL \
         AND (lower(id) = $1 OR email = $1) ORDER BY email LIMIT 1",
    )
    .bind(key)
    .fetch_optional(&mut *conn)
    .await?;
    row.map(|r| Ok((r.try_get(0)?, language_of(r.try_get(1)?))))
        .transpose()
}

/// An account's stored language: Spanish until the official chooses another.
fn language_of(stored: Option<String>) -> Language {
    stored
        .as_deref()
        .and_then(Language::parse)
        .unwrap_or_default()
}

/// Names `language` in a message's facts when it is not Spanish (`"language": "en"`), as the
/// petitioner's messages do: the renderer writes Spanish when it is absent.
fn with_language(mut facts: serde_json::Value, language: Language) -> serde_json::Value {
    if let (false, Some(map)) = (language.is_spanish(), facts.as_object_mut()) {
        map.insert("language".into(), language.as_str().into());
    }
    facts
}

/// The kind and due date in force of `radicado` (the case view; the filing's when the view
/// has not caught up yet).
async fn kind_and_due(
    conn: &mut AnyConnection,
    radicado: &str,
) -> Result<Option<(String, String)>, sqlx::Error> {
    let row = sqlx::query("SELECT kind, due_date FROM case_view WHERE radicado = $1")
        .bind(radicado.to_owned())
        .fetch_optional(&mut *conn)
        .await?;
    if let Some(r) = row {
        return Ok(Some((r.try_get(0)?, r.try_get(1)?)));
    }
    Ok(super::stored_filing(conn, radicado)
        .await?
        .map(|f| (f.kind.as_str().to_owned(), f.due_date.to_string())))
}

/// Queues, in the assignment's transaction, the notice to the assigned official (a no-op when
/// the notice is off or no enabled account matches).
pub(super) async fn enqueue_assignment(
    conn: &mut AnyConnection,
    q: &Queueing,
    e: &NewEvent,
    recorded_at: &str,
) -> Result<(), sqlx::Error> {
    if !q.staff.contains(&StaffMessage::Assignment) {
        return Ok(());
    }
    let Ok(PqrEvent::PqrAssigned(assigned)) = serde_json::from_str::<PqrEvent>(&e.payload) else {
        return Ok(());
    };
    let Some((to, language)) = official_address(conn, assigned.official.as_str()).await? else {
        return Ok(());
    };
    let Some((kind, due_date)) = kind_and_due(conn, &e.aggregate_id).await? else {
        return Ok(());
    };
    let facts = with_language(
        serde_json::json!({
            "radicado": e.aggregate_id,
            "kind": kind,
            "due_date": due_date,
            "dependency": assigned.dependency.as_str(),
        }),
        language,
    );
    let id = super::message_id_of(
        &e.aggregate_id,
        e.sequence,
        StaffMessage::Assignment.as_str(),
        &q.domain,
    );
    insert(
        conn,
        &id,
        &e.aggregate_id,
        e.sequence,
        StaffMessage::Assignment,
        &to,
        &facts,
        recorded_at,
    )
    .await
}

#[allow(clippy::too_many_arguments)]
async fn insert(
    conn: &mut AnyConnection,
    id: &str,
    radicado: &str,
    caused_by: i64,
    message: StaffMessage,
    recipient: &str,
    facts: &serde_json::Value,
    at: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO mail_outbox (id, radicado, caused_by, message, recipient, facts, \
         created_at, attempts, next_attempt_at, audience) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, 0, $7, 'staff') ON CONFLICT (id) DO NOTHING",
    )
    .bind(id.to_owned())
    .bind(radicado.to_owned())
    .bind(caused_by)
    .bind(message.as_str())
    .bind(recipient.to_owned())
    .bind(facts.to_string())
    .bind(at.to_owned())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The digest's Message-ID (without angle brackets) for `dependency` on `day` in `language`:
/// stable, so every process queues the same row. The Spanish digest's has no language in it
/// (as before officials could choose one); another's ends in its language (`….en@…`).
pub fn digest_id(day: NaiveDate, dependency: &str, language: Language, domain: &str) -> String {
    let hash = hex::encode(&Sha256::digest(dependency.as_bytes())[..8]);
    match language {
        Language::Spanish => format!("pqrs.digest.{day}.{hash}@{domain}"),
        other => format!("pqrs.digest.{day}.{hash}.{}@{domain}", other.as_str()),
    }
}

/// The officials of a dependency who read in one language: the language and their addresses.
type Readers = (Language, Vec<String>);

/// Queues the digest of `today` for every dependency with enabled agent or supervisor
/// accounts and at least one open case overdue or due within [`DUE_SOON_BUSINESS_DAYS`]
/// business days: one message per dependency and language its officials chose, to the
/// officials who chose it. Does nothing on a day that is not a business day. Returns how many
/// digests were newly queued. Idempotent across processes (stable ids, `ON CONFLICT DO
/// NOTHING`).
pub async fn queue_digests(
    db: &Db,
    q: &Queueing,
    calendar: &Calendar,
    now: DateTime<Utc>,
    today: NaiveDate,
) -> Result<usize, StoreError> {
    if !q.staff.contains(&StaffMessage::Digest) || !calendar.is_business_day(today).unwrap_or(false)
    {
        return Ok(0);
    }
    let Ok(soon) = calendar.add_business_days(today, DUE_SOON_BUSINESS_DAYS) else {
        return Ok(0);
    };
    let rows = sqlx::query(
        "SELECT dependency, email, language FROM staff_accounts WHERE disabled_at IS NULL \
         AND role IN ('agent', 'supervisor') AND dependency IS NOT NULL ORDER BY dependency, email",
    )
    .fetch_all(&db.pool)
    .await?;
    // Each dependency's officials, by the language they chose (Spanish first).
    let mut by_dependency: Vec<(String, Vec<Readers>)> = Vec::new();
    for r in &rows {
        let dependency: String = r.try_get(0)?;
        let email: String = r.try_get(1)?;
        let language = language_of(r.try_get(2)?);
        if by_dependency.last().is_none_or(|(d, _)| *d != dependency) {
            by_dependency.push((dependency, Vec::new()));
        }
        let Some((_, languages)) = by_dependency.last_mut() else {
            continue;
        };
        match languages.iter_mut().find(|(l, _)| *l == language) {
            Some((_, emails)) => emails.push(email),
            None => languages.push((language, vec![email])),
        }
    }
    let mut queued = 0;
    let today_text = today.to_string();
    for (dependency, mut languages) in by_dependency {
        let cases = sqlx::query(
            "SELECT radicado, kind, due_date FROM case_view WHERE dependency = $1 \
             AND closed = 0 AND suspended = 0 AND due_date <= $2 ORDER BY due_date, radicado",
        )
        .bind(dependency.clone())
        .bind(soon.to_string())
        .fetch_all(&db.pool)
        .await?;
        if cases.is_empty() {
            continue;
        }
        let (mut overdue, mut due_soon) = (Vec::new(), Vec::new());
        for c in &cases {
            let radicado: String = c.try_get(0)?;
            let kind: String = c.try_get(1)?;
            let due: String = c.try_get(2)?;
            let item = serde_json::json!({"radicado": radicado, "kind": kind, "due_date": due});
            if due < today_text {
                overdue.push(item);
            } else {
                due_soon.push(item);
            }
        }
        let facts = serde_json::json!({
            "dependency": dependency,
            "day": today,
            "overdue": overdue,
            "due_soon": due_soon,
        });
        languages.sort_by_key(|(l, _)| !l.is_spanish());
        for (language, emails) in languages {
            let id = digest_id(today, &dependency, language, &q.domain);
            let facts = with_language(facts.clone(), language);
            let _turn = db.write_turn().await;
            let mut conn = db.pool.acquire().await?;
            let done = sqlx::query(
                "INSERT INTO mail_outbox (id, radicado, caused_by, message, recipient, facts, \
                 created_at, attempts, next_attempt_at, audience) \
                 VALUES ($1, '', 0, $2, $3, $4, $5, 0, $5, 'staff') ON CONFLICT (id) DO NOTHING",
            )
            .bind(id)
            .bind(StaffMessage::Digest.as_str())
            .bind(emails.join(", "))
            .bind(facts.to_string())
            .bind(instant_text(now))
            .execute(&mut *conn)
            .await?
            .rows_affected();
            queued += usize::try_from(done).unwrap_or(0);
        }
    }
    Ok(queued)
}
