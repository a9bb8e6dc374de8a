//! The right to know (Ley 1581 de 2012 art. 8 lit. a; art. 14 for the term): everything held
//! about a person, found by identity number or e-mail through the keyed blind index (no
//! decryption of the whole log), exported as JSON. Each request is recorded as an event
//! (which kind of identifier and which cases; never the identifier itself).

use super::index::{normalise_email, normalise_id_number};
use super::keys::{keyring, keys_on};
use crate::audit;
use crate::clock::{instant_text, Clock};
use crate::db::Db;
use crate::error::StoreError;
use crate::ledger::{self, NewEvent};
use pqrs_domain::actor::Actor;
use pqrs_domain::deadline::bogota;
use serde_json::{json, Value};
use sqlx::Row;

/// The aggregate type of the record of privacy requests (one stream per request).
pub const AGGREGATE: &str = "PrivacyRequest";

/// Whom an access request is about.
#[derive(Debug, Clone)]
pub enum Holder {
    /// An identity number (any punctuation).
    IdNumber(String),
    /// An e-mail address.
    Email(String),
}

impl Holder {
    fn kind(&self) -> &'static str {
        match self {
            Holder::IdNumber(_) => "id_number",
            Holder::Email(_) => "email",
        }
    }

    fn normalised(&self) -> String {
        match self {
            Holder::IdNumber(n) => normalise_id_number(n),
            Holder::Email(e) => normalise_email(e),
        }
    }
}

/// The radicados filed by `holder`, found through the blind index.
pub async fn cases_of(db: &Db, holder: &Holder) -> Result<Vec<String>, StoreError> {
    let Some(ring) = keyring() else {
        return Ok(Vec::new());
    };
    let digest = ring.blind(holder.kind(), &holder.normalised());
    let rows = sqlx::query(
        "SELECT radicado FROM personal_data_index WHERE kind = $1 AND digest = $2 \
         ORDER BY radicado",
    )
    .bind(holder.kind())
    .bind(digest)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .iter()
        .map(|r| r.try_get(0))
        .collect::<Result<_, _>>()?)
}

/// Everything held about `holder`: each case's events, personal fields opened, as JSON; the
/// request and its outcome are recorded as a `PersonalDataAccessed` event by `actor`.
pub async fn export(
    db: &Db,
    clock: &Clock,
    holder: &Holder,
    actor: &Actor,
) -> Result<Value, StoreError> {
    let radicados = cases_of(db, holder).await?;
    let keys = keys_on(db, radicados.iter().map(String::as_str)).await?;
    let mut cases = Vec::new();
    for radicado in &radicados {
        let mut events = Vec::new();
        for e in audit::history(db, "Pqr", radicado).await? {
            let position = e.position;
            let recorded_at = e.recorded_at.clone();
            let record = e.decode(&keys)?;
            events.push(json!({
                "position": position,
                "event_type": record.event_type,
                "recorded_at": recorded_at,
                "payload": record.payload,
            }));
        }
        cases.push(json!({"radicado": radicado, "events": events}));
    }
    let at = clock.now().with_timezone(&bogota());
    let recorded_at = instant_text(clock.now());
    let event = NewEvent {
        aggregate_type: AGGREGATE.into(),
        aggregate_id: uuid::Uuid::new_v4().to_string(),
        sequence: 1,
        event_type: "PersonalDataAccessed".into(),
        event_version: "1".into(),
        payload: json!({"PersonalDataAccessed": {
            "identifier": holder.kind(),
            "cases": radicados,
            "at": at,
        }})
        .to_string(),
        metadata: serde_json::to_string(&actor.metadata())?,
    };
    {
        let _turn = db.write_turn().await;
        let mut tx = db.pool.begin().await?;
        ledger::append(&mut tx, vec![event], &recorded_at).await?;
        tx.commit().await?;
    }
    Ok(json!({
        "identifier": holder.kind(),
        "generated_at": at,
        "legal_basis": "Ley 1581 de 2012 art. 8 lit. a (derecho a conocer)",
        "cases": cases,
    }))
}
