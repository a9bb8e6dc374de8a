//! The right to know (Ley 1581 de 2012 art. 8 lit. a; art. 14 for the term): everything held
//! about a person, found by identity number or e-mail through the keyed blind index (no
//! decryption of the whole log), exported as JSON. Each request is recorded as an event
//! (which kind of identifier and which cases; never the identifier itself).

use super::index::{digests_of_event, normalise_email, normalise_id_number};
use super::keys::{keyring, keys_on, KeyState};
use crate::audit;
use crate::clock::{instant_text, Clock};
use crate::db::Db;
use crate::error::StoreError;
use crate::ledger::{self, NewEvent};
use crate::view_schema::{BLIND_INDEX, BLIND_INDEX_RECENT, CASE_VIEW};
use pqrs_domain::actor::Actor;
use pqrs_domain::deadline::bogota;
use serde_json::{json, Value};
use sqlx::Row;
use std::collections::BTreeSet;

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

/// Events opened per query when reading the log past the case view's checkpoint.
const TAIL_PAGE: i64 = 1_000;

/// The radicados filed by `holder` (or rectified to its e-mail), found through the blind
/// index, which the case projection writes as it folds the log ([`super::index`]): the index
/// up to the case view's checkpoint, then the events after it, opened and digested here (a
/// moment's worth while the runner follows the log). Cases whose key was destroyed are left
/// out: nothing of their petitioner remains to give.
pub async fn cases_of(db: &Db, holder: &Holder) -> Result<Vec<String>, StoreError> {
    let Some(ring) = keyring() else {
        return Ok(Vec::new());
    };
    let (kind, digest) = (
        holder.kind(),
        ring.blind(holder.kind(), &holder.normalised()),
    );
    // The checkpoint first: the runner writes a page's entries with its checkpoint, so every
    // event up to it is in the index read next (0 when the case view has none yet).
    let mut after: i64 = sqlx::query("SELECT position FROM projection_checkpoints WHERE name = $1")
        .bind(CASE_VIEW)
        .fetch_optional(&db.pool)
        .await?
        .map(|row| row.try_get(0))
        .transpose()?
        .unwrap_or(0);
    // The index and its newest entries, not yet merged into it ([`super::index`]), in one
    // statement: a merge moves entries from one to the other in one transaction.
    let schema = db.views_schema();
    let rows = sqlx::query(&format!(
        "SELECT i.radicado FROM (\
         SELECT radicado FROM {schema}{BLIND_INDEX} WHERE kind = $1 AND digest = $2 \
         UNION SELECT radicado FROM {schema}{BLIND_INDEX_RECENT} WHERE kind = $3 AND digest = $4\
         ) i WHERE NOT EXISTS (SELECT 1 FROM data_keys d WHERE d.radicado = i.radicado \
         AND d.destroyed_at IS NOT NULL)"
    ))
    .bind(kind)
    .bind(digest.clone())
    .bind(kind)
    .bind(digest.clone())
    .fetch_all(&db.pool)
    .await?;
    let mut found: BTreeSet<String> = rows
        .iter()
        .map(|r| r.try_get(0))
        .collect::<Result<_, _>>()?;
    loop {
        let rows = audit::page(db, after, None, TAIL_PAGE).await?;
        let Some(last) = rows.last().map(|e| e.position) else {
            break;
        };
        after = last;
        let cases = rows.iter().filter(|e| e.event.aggregate_type == "Pqr");
        let keys = keys_on(db, cases.map(|e| e.event.aggregate_id.as_str())).await?;
        for stored in rows {
            let case = &stored.event.aggregate_id;
            // A case whose key is destroyed opens as "dato suprimido", and one whose key does
            // not open as a placeholder: neither is the holder's.
            if stored.event.aggregate_type != "Pqr"
                || matches!(
                    keys.get(case),
                    Some(KeyState::Destroyed | KeyState::Unreadable)
                )
            {
                continue;
            }
            let e = stored.decode(&keys)?;
            let hit = digests_of_event(&ring, &e.event_type, &e.payload)
                .iter()
                .any(|(k, d)| *k == kind && *d == digest);
            if hit {
                found.insert(e.aggregate_id);
            }
        }
    }
    Ok(found.into_iter().collect())
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
