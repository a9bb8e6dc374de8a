//! Suppression of a case's personal data (Ley 1581 de 2012 art. 8 lit. e; docs/privacy.md):
//! its data key is destroyed, an event records who, when and on what basis, and the copies
//! kept in clear outside the log (the case view, the e-mail outbox, the blind index, the
//! Idempotency-Keys) are overwritten or removed. The log itself is not touched: its sealed
//! fields can no longer be opened, and the chain still verifies.

use super::keys::keyring;
use super::SUPPRESSED;
use crate::cases;
use crate::clock::{instant_text, Clock};
use crate::db::Db;
use crate::error::StoreError;
use crate::event_store::PqrsEventRepository;
use crate::ledger::{self, NewEvent};
use crate::view_schema::{BLIND_INDEX, BLIND_INDEX_RECENT};
use chrono::{DateTime, FixedOffset};
use pqrs_domain::actor::Actor;
use pqrs_domain::deadline::{bogota, local_date};
use pqrs_domain::personal_data::REDACTED;
use pqrs_domain::retention::{may_suppress, retained_until, RetentionSchedule, SuppressionRefused};
use pqrs_domain::Radicado;
use serde_json::json;
use sqlx::Row;

/// The aggregate type of the data-protection records of a case (its id is the radicado).
pub const AGGREGATE: &str = "PersonalData";

/// A request to suppress a case's personal data.
#[derive(Debug, Clone)]
pub struct Suppression {
    /// The case.
    pub radicado: Radicado,
    /// The legal basis, in the officer's words (e.g. "Solicitud de la titular del 3 de marzo").
    pub basis: String,
    /// The order of a competent authority that overrides the duty to keep the data.
    pub order: Option<String>,
    /// Who asks (the data-protection officer, or the scheduler for retention).
    pub actor: Actor,
    /// The retention schedule whose entry for the case's kind keeps the data (Ley 594 de
    /// 2000 art. 24): the policy book's ([`pqrs_domain::policy::PolicyBook::retention`]).
    pub schedule: RetentionSchedule,
}

impl Suppression {
    /// A suppression under the default retention schedule (use
    /// [`Suppression::with_schedule`] to apply the entity's).
    pub fn new(radicado: Radicado, basis: String, order: Option<String>, actor: Actor) -> Self {
        Suppression {
            radicado,
            basis,
            order,
            actor,
            schedule: RetentionSchedule::default(),
        }
    }

    /// This suppression under `schedule` (the entity's, from its policy file).
    pub fn with_schedule(self, schedule: RetentionSchedule) -> Self {
        Suppression { schedule, ..self }
    }
}

/// Why a suppression was not made.
#[derive(Debug, thiserror::Error)]
pub enum SuppressError {
    /// No case has this radicado.
    #[error("no hay un caso con ese radicado")]
    NotFound,
    /// A legal duty keeps the data.
    #[error(transparent)]
    Refused(#[from] SuppressionRefused),
    /// Already suppressed.
    #[error("los datos personales de este caso ya fueron suprimidos el {0}")]
    AlreadySuppressed(String),
    /// The case was filed before personal data was encrypted (or without a key): it has no
    /// data key to destroy, and its data cannot leave the hash-chained log (docs/privacy.md).
    #[error(
        "este caso se radicó antes del cifrado de datos personales: sus datos están en claro \
         en el registro encadenado y no se pueden suprimir sin romperlo (docs/privacy.md)"
    )]
    NotEncrypted,
    /// No key-encryption key is configured in this process.
    #[error("no hay llave maestra de datos personales configurada (data_key_file)")]
    NoKeyring,
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sqlx::Error> for SuppressError {
    fn from(e: sqlx::Error) -> Self {
        SuppressError::Store(e.into())
    }
}

/// The record of a suppression.
#[derive(Debug, Clone)]
pub struct Suppressed {
    /// The case.
    pub radicado: String,
    /// When.
    pub at: DateTime<FixedOffset>,
    /// The log position of the event that records it.
    pub position: i64,
}

/// Suppresses the personal data of `s.radicado` if no legal duty keeps it (or an order
/// overrides): see the module docs.
pub async fn suppress(
    db: &Db,
    repo: &PqrsEventRepository,
    clock: &Clock,
    s: Suppression,
) -> Result<Suppressed, SuppressError> {
    let ring = keyring().ok_or(SuppressError::NoKeyring)?;
    let radicado = s.radicado.to_string();
    let pqr = cases::find(repo, &s.radicado)
        .await?
        .ok_or(SuppressError::NotFound)?;
    let case = pqr.case().ok_or(SuppressError::NotFound)?;
    let now = clock.now().with_timezone(&bogota());
    let closed_on = case.is_closed().then(|| {
        case.closed_at
            .map(|t| local_date(&t))
            .unwrap_or(local_date(&now))
    });
    let entry = s.schedule.entry(case.kind);
    may_suppress(
        closed_on,
        local_date(&now),
        &entry,
        s.order.as_deref().is_some_and(|o| !o.trim().is_empty()),
    )?;
    let automatic = matches!(s.actor, Actor::System { .. });
    // What the retention report lists of a suppression by the scheduler (its own record,
    // not a recomputation under a schedule that may have changed since).
    let retention = match (automatic, closed_on) {
        (true, Some(closed_on)) => json!({
            "kind": case.kind.as_str(),
            "years": entry.years,
            "closed_on": closed_on.to_string(),
            "retained_until": retained_until(closed_on, entry.years).to_string(),
            "basis": entry.basis,
        }),
        _ => serde_json::Value::Null,
    };
    // The scheduler's basis names the schedule entry it applied.
    let basis = match (automatic, closed_on) {
        (true, Some(closed_on)) => format!(
            "{}: {}, {} {} después del cierre del {closed_on}, conservado hasta el {} ({})",
            s.basis,
            case.kind.spanish(),
            entry.years,
            if entry.years == 1 { "año" } else { "años" },
            retained_until(closed_on, entry.years),
            entry.basis
        ),
        _ => s.basis.clone(),
    };
    let recorded_at = instant_text(clock.now());
    let actor_id = s
        .actor
        .metadata()
        .get("actor_id")
        .cloned()
        .unwrap_or_default();
    let position = {
        let _turn = db.write_turn().await;
        let mut tx = db.pool.begin().await?;
        // Conditional, so that of two processes suppressing the same case (two schedulers,
        // or the officer and the scheduler) only one destroys the key and records it: the
        // other's update waits for the first's row lock and then changes nothing.
        let destroyed = sqlx::query(
            "UPDATE data_keys SET wrapped_key = '', destroyed_at = $1, destroyed_by = $2, \
             basis = $3 WHERE radicado = $4 AND destroyed_at IS NULL",
        )
        .bind(recorded_at.clone())
        .bind(actor_id)
        .bind(basis.clone())
        .bind(radicado.clone())
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if destroyed == 0 {
            let row = sqlx::query("SELECT destroyed_at FROM data_keys WHERE radicado = $1")
                .bind(radicado.clone())
                .fetch_optional(&mut *tx)
                .await?;
            return Err(match row {
                None => SuppressError::NotEncrypted,
                Some(row) => SuppressError::AlreadySuppressed(
                    row.try_get::<Option<String>, _>(0)?.unwrap_or_default(),
                ),
            });
        }
        let sequence: i64 = sqlx::query(
            "SELECT COALESCE(MAX(sequence), 0) + 1 FROM events \
             WHERE aggregate_type = $1 AND aggregate_id = $2",
        )
        .bind(AGGREGATE)
        .bind(radicado.clone())
        .fetch_one(&mut *tx)
        .await?
        .try_get(0)?;
        let mut metadata = s.actor.metadata();
        metadata.insert("channel".into(), "privacy".into());
        let event = NewEvent {
            aggregate_type: AGGREGATE.into(),
            aggregate_id: radicado.clone(),
            sequence,
            event_type: "PersonalDataSuppressed".into(),
            event_version: "1".into(),
            payload: json!({"PersonalDataSuppressed": {
                "radicado": radicado,
                "basis": basis,
                "order": s.order,
                "automatic": automatic,
                "retention": retention,
                "at": now,
            }})
            .to_string(),
            metadata: serde_json::to_string(&metadata).map_err(StoreError::from)?,
        };
        let stored = ledger::append(&mut tx, vec![event], &recorded_at).await?;
        // The copies in clear outside the log; `$2`, where a statement has it, is the
        // value it writes in their place.
        for (sql, written) in [
            ("DELETE FROM idempotency_keys WHERE radicado = $1", None),
            (
                "DELETE FROM mail_outbox WHERE radicado = $1 \
                     AND sent_at IS NULL AND failed_at IS NULL",
                None,
            ),
            (
                "UPDATE mail_outbox SET recipient = $2, facts = '{}' WHERE radicado = $1",
                Some(SUPPRESSED),
            ),
            // A mail server's words recorded before they were redacted may name the
            // address (docs/privacy.md): whole, they go with it.
            (
                "UPDATE mail_outbox SET \
                     server_reply = CASE WHEN server_reply LIKE '%@%' THEN $2 \
                     ELSE server_reply END, \
                     last_error = CASE WHEN last_error LIKE '%@%' THEN $2 ELSE last_error END \
                     WHERE radicado = $1 AND (server_reply LIKE '%@%' OR last_error LIKE '%@%')",
                Some(REDACTED),
            ),
        ] {
            let query = sqlx::query(sql).bind(radicado.clone());
            match written {
                Some(value) => query.bind(value),
                None => query,
            }
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        stored.last().map(|e| e.position).unwrap_or_default()
    };
    ring.forget(&radicado);
    db.recent.forget(&radicado);
    rewrite_view(db, repo, &s.radicado).await?;
    tracing::info!(radicado = %radicado, position, "personal data suppressed");
    Ok(Suppressed {
        radicado,
        at: now,
        position,
    })
}

/// Writes the case view's row of `radicado` again from its events (now read with its key
/// destroyed: "dato suprimido"), so the view keeps no personal data in clear, and removes the
/// case's entries from the blind index the case projection keeps beside it.
pub async fn rewrite_view(
    db: &Db,
    repo: &PqrsEventRepository,
    radicado: &Radicado,
) -> Result<(), StoreError> {
    let Some(pqr) = cases::find(repo, radicado).await? else {
        return Ok(());
    };
    let subject = pqr
        .case()
        .map(|c| c.filing.subject.as_str().to_owned())
        .unwrap_or_default();
    let state = serde_json::to_string(&pqr)?;
    let _turn = db.views_turn().await;
    // The newest entries first: on PostgreSQL a merge that moves this case's entries into the
    // index at the same moment is then waited for, and the second statement finds them there
    // ([`crate::privacy::index::merge_recent`]).
    for table in [BLIND_INDEX_RECENT, BLIND_INDEX] {
        sqlx::query(&format!(
            "DELETE FROM {}{table} WHERE radicado = $1",
            db.views_schema()
        ))
        .bind(radicado.to_string())
        .execute(&db.pool)
        .await?;
    }
    sqlx::query("UPDATE case_view SET subject = $1, state = $2 WHERE radicado = $3")
        .bind(subject)
        .bind(state)
        .bind(radicado.to_string())
        .execute(&db.pool)
        .await?;
    Ok(())
}
