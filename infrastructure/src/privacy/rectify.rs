//! Rectification of the petitioner's contact data (Ley 1581 de 2012 art. 8 lit. a and art. 15;
//! Decreto 1377 de 2013 art. 22; docs/privacy.md): a `PetitionerContactRectified` event through
//! the case's own command path (the aggregate decides; the append seals the new value under the
//! case's key). The event is the record of a rectification made; a refused request is recorded
//! as a `PersonalDataRectificationRefused` event of its own stream (like an access request:
//! the case, the field and why, never the value asked for).

use crate::clock::{instant_text, Clock};
use crate::commands::{CommandError, Executor};
use crate::db::Db;
use crate::error::StoreError;
use crate::ledger::{self, NewEvent};
use pqrs_domain::actor::Actor;
use pqrs_domain::contact::{ContactError, ContactField, ContactValue};
use pqrs_domain::deadline::bogota;
use pqrs_domain::pqr::{PqrCommand, RectifyContact};
use pqrs_domain::text::{Reason, TextError};
use pqrs_domain::{Pqr, PqrError, Radicado};
use serde_json::json;
use sqlx::Row;
use std::collections::BTreeMap;

/// The aggregate type of the record of privacy requests (one stream per request).
pub const AGGREGATE: &str = super::access::AGGREGATE;

/// A request to rectify a contact field, as the officer gives it (checked here, once, for the
/// API, the CLI and the console alike).
#[derive(Debug, Clone)]
pub struct Rectification {
    /// The radicado as typed.
    pub radicado: String,
    /// `email`, `phone` or `address`.
    pub field: String,
    /// The new value.
    pub value: String,
    /// The request and its support, in the officer's words.
    pub basis: String,
    /// Who asks (the data-protection officer).
    pub actor: Actor,
    /// Extra metadata for the event (request id, channel).
    pub metadata: BTreeMap<String, String>,
}

/// Why a rectification was not made.
#[derive(Debug, thiserror::Error)]
pub enum RectifyError {
    /// Not a radicado, or no case has it.
    #[error("no hay un caso con ese radicado")]
    NotFound,
    /// The field is not a contact field.
    #[error("el campo debe ser email, phone o address")]
    UnknownField,
    /// The value does not pass the filing's checks.
    #[error(transparent)]
    BadValue(ContactError),
    /// The basis is empty or too long.
    #[error(transparent)]
    BadBasis(TextError),
    /// The case's personal data was suppressed: there is nothing left to rectify.
    #[error(
        "los datos personales de este caso fueron suprimidos el {0}: no quedan datos que rectificar"
    )]
    Suppressed(String),
    /// The case refused it (anonymous, same value).
    #[error(transparent)]
    Refused(PqrError),
    /// Concurrent commands kept conflicting.
    #[error("el caso cambió al mismo tiempo por otra actuación; intente de nuevo")]
    Conflict,
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sqlx::Error> for RectifyError {
    fn from(e: sqlx::Error) -> Self {
        RectifyError::Store(e.into())
    }
}

/// A rectification made.
#[derive(Debug, Clone)]
pub struct Rectified {
    /// The case.
    pub radicado: String,
    /// The field.
    pub field: ContactField,
    /// When.
    pub at: chrono::DateTime<chrono::FixedOffset>,
}

/// Checks `r`, rectifies the case's contact field through the aggregate and records the
/// outcome: the event on success, a `PersonalDataRectificationRefused` record on a refusal
/// (a store failure records nothing). The case projection adds a rectified e-mail to the blind
/// index as it folds the event, so an access request by the new address finds the case.
#[tracing::instrument(name = "privacy.rectify", skip_all, fields(field = %r.field))]
pub async fn rectify(
    db: &Db,
    cases: &Executor<Pqr>,
    clock: &Clock,
    r: Rectification,
) -> Result<Rectified, RectifyError> {
    let at = clock.now().with_timezone(&bogota());
    let outcome = attempt(db, cases, &r, at).await;
    match &outcome {
        Err(RectifyError::Store(_)) | Ok(_) => {}
        Err(refusal) => record_refusal(db, clock, &r, &refusal.to_string()).await?,
    }
    outcome
}

async fn attempt(
    db: &Db,
    cases: &Executor<Pqr>,
    r: &Rectification,
    at: chrono::DateTime<chrono::FixedOffset>,
) -> Result<Rectified, RectifyError> {
    let field = ContactField::parse(&r.field).ok_or(RectifyError::UnknownField)?;
    let value = ContactValue::parse(field, &r.value).map_err(RectifyError::BadValue)?;
    let basis = Reason::parse(&r.basis).map_err(RectifyError::BadBasis)?;
    let radicado = Radicado::parse(r.radicado.trim()).map_err(|_| RectifyError::NotFound)?;
    let id = radicado.to_string();
    let destroyed = sqlx::query("SELECT destroyed_at FROM data_keys WHERE radicado = $1")
        .bind(id.clone())
        .fetch_optional(&db.pool)
        .await?;
    if let Some(row) = destroyed {
        if let Some(when) = row.try_get::<Option<String>, _>(0)? {
            return Err(RectifyError::Suppressed(when));
        }
    }
    let mut metadata = r.actor.metadata();
    metadata.extend(r.metadata.clone());
    metadata.insert("channel".into(), "privacy".into());
    let command = PqrCommand::RectifyContact(RectifyContact { value, basis, at });
    cases
        .execute(&id, command, &metadata)
        .await
        .map_err(|e| match e {
            CommandError::Refused(PqrError::NotFiled) => RectifyError::NotFound,
            CommandError::Refused(rule) => RectifyError::Refused(rule),
            CommandError::Conflict => RectifyError::Conflict,
            CommandError::Store(s) => RectifyError::Store(s),
        })?;
    tracing::info!(radicado = %id, "contact data rectified");
    Ok(Rectified {
        radicado: id,
        field,
        at,
    })
}

async fn record_refusal(
    db: &Db,
    clock: &Clock,
    r: &Rectification,
    refusal: &str,
) -> Result<(), StoreError> {
    let at = clock.now().with_timezone(&bogota());
    let mut metadata = r.actor.metadata();
    metadata.extend(r.metadata.clone());
    let event = NewEvent {
        aggregate_type: AGGREGATE.into(),
        aggregate_id: uuid::Uuid::new_v4().to_string(),
        sequence: 1,
        event_type: "PersonalDataRectificationRefused".into(),
        event_version: "1".into(),
        // Bounded: what the officer typed is recorded only up to a reasonable length.
        payload: json!({"PersonalDataRectificationRefused": {
            "radicado": r.radicado.trim().chars().take(40).collect::<String>(),
            "field": r.field.trim().chars().take(20).collect::<String>(),
            "basis": r.basis.trim().chars().take(1000).collect::<String>(),
            "refusal": refusal,
            "at": at,
        }})
        .to_string(),
        metadata: serde_json::to_string(&metadata)?,
    };
    let _turn = db.write_turn().await;
    let mut tx = db.pool.begin().await?;
    ledger::append(&mut tx, vec![event], &instant_text(clock.now())).await?;
    tx.commit().await?;
    tracing::info!("rectification refused and recorded");
    Ok(())
}
