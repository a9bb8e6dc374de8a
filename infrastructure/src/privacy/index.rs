//! The keyed blind index of petitioners (Ley 1581 de 2012 art. 8 lit. a: the right to know
//! what is held about oneself): HMAC-SHA256, under a key derived from the KEK, of the
//! normalised identity number and e-mail of each filing. It finds a person's cases without
//! decrypting the log, and without the KEK it says nothing about who filed.
//!
//! The index (`personal_data_index`) is derived data, like the case view: the case projection
//! adds a page's entries in the transaction that writes the page's rows and moves its
//! checkpoint ([`crate::projection`]), from the events it has just opened. A filing's own
//! transaction writes none: on SQLite its random keys cost the filing desk about two
//! write-ahead-log pages a filing under the log's one write lock (docs/performance.md, filing
//! run 10), and in the views file they cost nobody's wait. [`super::access::cases_of`] reads
//! the index up to the case view's checkpoint and opens the few events after it, so an access
//! request finds a case filed a moment ago. Suppression removes a case's entries; a case whose
//! key is destroyed never gets any back (a rebuild opens its events as "dato suprimido").
//!
//! A page's entries are appended to `personal_data_index_recent`, a table without keys, and
//! merged into the index in sorted batches once [`MERGE_AT`] are waiting ([`merge_recent`]).
//! The digests are random, so an entry written into the index with its page dirtied an index
//! page of its own — about 11 KB written per identified filing on SQLite, a tenth of the
//! server's work (docs/performance.md, filing runs 14 and 16); merged thousands at a time,
//! many entries share each page. Readers read both tables.

use super::keys::Keyring;
use crate::db::Backend;
use crate::view_schema::{BLIND_INDEX, BLIND_INDEX_RECENT};
use serde_json::Value;
use sqlx::AnyConnection;

/// Entries waiting in `personal_data_index_recent` past which a page's transaction merges
/// them into the index: a few thousand filings' worth, which an access request reads by a
/// full scan of that table in milliseconds.
pub const MERGE_AT: i64 = 10_000;

/// Moves every entry of `personal_data_index_recent` into `personal_data_index`, in the
/// index's order (an entry already there is kept once), on `conn`, inside the caller's
/// transaction; `schema` is the views' ([`crate::db::Db::views_schema`]). On PostgreSQL one
/// statement deletes and inserts the same rows, so an entry another process stages meanwhile
/// is neither lost nor merged twice; on SQLite the caller holds the views file's write lock.
pub async fn merge_recent(
    conn: &mut AnyConnection,
    backend: Backend,
    schema: &str,
) -> Result<(), sqlx::Error> {
    match backend {
        Backend::Postgres => {
            sqlx::query(&format!(
                "WITH moved AS (DELETE FROM {BLIND_INDEX_RECENT} \
                 RETURNING kind, digest, radicado) \
                 INSERT INTO {BLIND_INDEX} (kind, digest, radicado) \
                 SELECT kind, digest, radicado FROM moved ORDER BY kind, digest, radicado \
                 ON CONFLICT DO NOTHING"
            ))
            .execute(&mut *conn)
            .await?;
        }
        Backend::Sqlite => {
            // `WHERE true`: SQLite's grammar for an upsert whose rows come from a SELECT.
            sqlx::query(&format!(
                "INSERT INTO {schema}{BLIND_INDEX} (kind, digest, radicado) \
                 SELECT kind, digest, radicado FROM {schema}{BLIND_INDEX_RECENT} WHERE true \
                 ORDER BY kind, digest, radicado ON CONFLICT DO NOTHING"
            ))
            .execute(&mut *conn)
            .await?;
            sqlx::query(&format!("DELETE FROM {schema}{BLIND_INDEX_RECENT}"))
                .execute(&mut *conn)
                .await?;
        }
    }
    Ok(())
}

/// An identity number as indexed: letters and digits only, upper case.
pub fn normalise_id_number(s: &str) -> String {
    s.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// An e-mail as indexed: trimmed, lower case.
pub fn normalise_email(s: &str) -> String {
    s.trim().to_lowercase()
}

/// The index entries of a `PqrFiled` payload (in clear): `(kind, digest)`.
pub fn digests_of_filing(ring: &Keyring, payload: &Value) -> Vec<(&'static str, String)> {
    let p = payload.get("PqrFiled").unwrap_or(payload).get("petitioner");
    let mut out = Vec::new();
    if let Some(n) = p.and_then(|p| p.get("id_number")).and_then(Value::as_str) {
        let n = normalise_id_number(n);
        if !n.is_empty() {
            out.push(("id_number", ring.blind("id_number", &n)));
        }
    }
    if let Some(e) = p.and_then(|p| p.get("email")).and_then(Value::as_str) {
        let e = normalise_email(e);
        if !e.is_empty() {
            out.push(("email", ring.blind("email", &e)));
        }
    }
    out
}

/// The index entries an event of a case adds, from its payload in clear: a filing's identity
/// number and e-mail, and a rectified e-mail (the old one stays indexed: the log still holds
/// it, sealed, and the right to know covers it). Nothing for any other event.
pub fn digests_of_event(
    ring: &Keyring,
    event_type: &str,
    payload: &Value,
) -> Vec<(&'static str, String)> {
    match event_type {
        "PqrFiled" => digests_of_filing(ring, payload),
        "PetitionerContactRectified" => {
            let r = payload.get(event_type).unwrap_or(payload);
            let email = (r.get("field").and_then(Value::as_str) == Some("email"))
                .then(|| r.get("value").and_then(Value::as_str))
                .flatten()
                .map(normalise_email)
                .filter(|e| !e.is_empty());
            email
                .map(|e| vec![("email", ring.blind("email", &e))])
                .unwrap_or_default()
        }
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::SecretKey;
    use serde_json::json;

    #[test]
    fn a_filing_and_a_rectified_email_are_indexed_and_nothing_else() {
        let ring = Keyring::new(SecretKey::generate());
        let filed = json!({"PqrFiled": {"petitioner": {
            "name": "Ana", "id_number": "1.020.304.050", "email": " Ana@Example.co "
        }}});
        assert_eq!(
            digests_of_event(&ring, "PqrFiled", &filed),
            vec![
                ("id_number", ring.blind("id_number", "1020304050")),
                ("email", ring.blind("email", "ana@example.co")),
            ]
        );
        let anonymous = json!({"PqrFiled": {"petitioner": null}});
        assert!(digests_of_event(&ring, "PqrFiled", &anonymous).is_empty());
        let rectified = |field: &str| json!({"PetitionerContactRectified": {"field": field, "value": "Nueva@Example.co"}});
        assert_eq!(
            digests_of_event(&ring, "PetitionerContactRectified", &rectified("email")),
            vec![("email", ring.blind("email", "nueva@example.co"))]
        );
        assert!(
            digests_of_event(&ring, "PetitionerContactRectified", &rectified("phone")).is_empty()
        );
        assert!(digests_of_event(&ring, "PqrAnswered", &filed).is_empty());
    }
}
