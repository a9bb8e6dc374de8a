//! The access-code check of citizen tracking (`GET /v1/pqrs/{radicado}`: a citizen tracks a
//! PQR with its radicado and the access code shown at filing).
//!
//! The check must not tell a wrong code from an unknown radicado, not even by its duration:
//! it reads one row of `access_codes` by primary key (the code's hash, written in the same
//! transaction as the `PqrFiled` event) and compares in constant time, against a fixed dummy
//! hash when the radicado is unknown. Nothing of the case is loaded until the code matches:
//! [`code_matches`] reads nothing else, and [`case_if_code_matches`] (tracking: the check and
//! the case in one round trip) joins the case's events only when the hashes are equal.

use crate::cases::unreadable;
use crate::error::StoreError;
use crate::event_rows::Rows;
use crate::{event_store, stored, Backend, Db};
use pqrs_domain::{AccessCode, AccessCodeHash, Pqr, Radicado};
use sqlx::Row;
use std::sync::LazyLock;
use subtle::ConstantTimeEq;

/// What an unknown radicado's code is compared with, so both paths do the same work: the
/// SHA-256 of no access code (no code hashes to it: codes are 20 characters).
pub const DUMMY_HASH: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/// The key of the dummy row (never a radicado: years start at 1984).
pub const DUMMY_RADICADO: &str = "0000-000000";

/// The `access_codes` rows of filings, written by the filing's append in its transaction (so a
/// filed radicado always has its row). `codes` are (radicado, code hash).
pub fn rows(codes: impl IntoIterator<Item = (String, String)>) -> Rows {
    Rows {
        table_and_columns: "access_codes (radicado, code_hash)",
        per_row: 2,
        values: codes.into_iter().flat_map(|(r, h)| [r, h]).collect(),
        select: "*",
    }
}

/// The access code's row, as both checks read it: exactly one row either way, the radicado's
/// (`$1`) or the dummy row (`$2`, [`DUMMY_RADICADO`]) when it is unknown — a B-tree hit and a
/// miss would otherwise differ by a heap read.
const CODE_ROW: &str = "SELECT radicado, code_hash FROM access_codes WHERE radicado = \
                        COALESCE((SELECT a.radicado FROM access_codes a WHERE a.radicado = $1), $2)";

/// Whether the code row `row` (radicado, hash; `None` read as the dummy row) admits the code
/// whose hash is `given` to `wanted`: a constant-time comparison, against [`DUMMY_HASH`] when
/// the radicado is unknown, so both paths do the same work.
fn admits(wanted: &str, row: Option<(String, String)>, given: &AccessCodeHash) -> bool {
    let (found, stored) = row.unwrap_or_else(|| (DUMMY_RADICADO.to_owned(), DUMMY_HASH.to_owned()));
    let known = found == wanted;
    let expected = if known { stored } else { DUMMY_HASH.to_owned() };
    let equal: bool = given.as_str().as_bytes().ct_eq(expected.as_bytes()).into();
    equal & known
}

/// Whether `code` is the access code of `radicado`. One statement that reads one row by
/// primary key ([`CODE_ROW`]), then a constant-time comparison ([`admits`]); the events are
/// never read.
#[tracing::instrument(name = "access.check", skip_all)]
pub async fn code_matches(
    db: &Db,
    radicado: &Radicado,
    code: &AccessCode,
) -> Result<bool, StoreError> {
    let wanted = radicado.to_string();
    let mut reader = db.reader().await?;
    let row = sqlx::query(CODE_ROW)
        .bind(wanted.clone())
        .bind(DUMMY_RADICADO)
        .fetch_optional(&mut *reader.conn())
        .await?;
    reader.done();
    let row = row.map(|r| Ok::<_, sqlx::Error>((r.try_get(0)?, r.try_get(1)?)));
    Ok(admits(&wanted, row.transpose()?, &code.hash()))
}

/// The statement of [`case_if_code_matches`] on `backend`: the columns of [`stored::COLUMNS`]
/// of each of the case's events (from index 0, as [`stored::stored`] reads them), then the
/// access-code row's radicado and hash (indexes 11 and 12). The row of the code is read as in
/// [`code_matches`]; the case's events are joined only when its hash equals the given one.
///
/// Each backend has its own way of keeping that "only" true in its plan — not a join filter
/// checked after the events' index was already walked (both planners do that with a plain
/// `ON … AND c.code_hash = $3`: a wrong code would then walk the case's index entries, and
/// take longer than an unknown radicado). PostgreSQL: a lateral subquery whose condition on
/// the code is a one-time filter in front of its index scan (`OFFSET 0` keeps it a subquery).
/// SQLite: the join key is NULL unless the hash matches, and a NULL key is no seek at all.
pub fn case_if_code_matches_sql(backend: Backend) -> &'static str {
    static SQL: LazyLock<[String; 2]> = LazyLock::new(|| {
        let columns: Vec<String> = stored::COLUMNS
            .split(',')
            .map(|c| format!("e.{}", c.trim()))
            .collect();
        let head = format!(
            "SELECT {}, c.radicado, c.code_hash FROM ({CODE_ROW}) c ",
            columns.join(", ")
        );
        [
            format!(
                "{head}LEFT JOIN LATERAL (SELECT * FROM events WHERE aggregate_type = 'Pqr' \
                 AND aggregate_id = c.radicado AND c.code_hash = $3 OFFSET 0) e ON true"
            ),
            format!(
                "{head}LEFT JOIN events e ON e.aggregate_type = 'Pqr' \
                 AND e.aggregate_id = CASE WHEN c.code_hash = $3 THEN c.radicado END"
            ),
        ]
    });
    match backend {
        Backend::Postgres => &SQL[0],
        Backend::Sqlite => &SQL[1],
    }
}

/// The case of `radicado` if `code` is its access code, in one statement — one round trip
/// instead of [`code_matches`]'s and the case's — or `None` if the code does not match (a
/// known radicado with no events, which filing never leaves, is an empty aggregate).
///
/// The same guarantees as [`code_matches`]: the statement reads one `access_codes` row by
/// primary key ([`CODE_ROW`]), the radicado's or the dummy row; the case's events are joined only when the
/// stored hash equals the given one, so an unknown radicado and a wrong code both read that
/// one row and no event, not even an index entry ([`case_if_code_matches_sql`]). That
/// equality in SQL only decides which rows are read; whether the citizen is admitted is
/// decided here, by the same constant-time comparison ([`admits`]).
#[tracing::instrument(name = "access.case", skip_all)]
pub async fn case_if_code_matches(
    db: &Db,
    radicado: &Radicado,
    code: &AccessCode,
) -> Result<Option<Pqr>, StoreError> {
    let wanted = radicado.to_string();
    let given = code.hash();
    let mut reader = db.reader().await?;
    let rows = sqlx::query(case_if_code_matches_sql(db.backend))
        .bind(wanted.clone())
        .bind(DUMMY_RADICADO)
        .bind(given.as_str().to_owned())
        .fetch_all(&mut *reader.conn())
        .await?;
    reader.done();
    let row = rows
        .first()
        .map(|r| Ok::<_, sqlx::Error>((r.try_get(11)?, r.try_get(12)?)));
    if !admits(&wanted, row.transpose()?, &given) {
        return Ok(None);
    }
    let keys = event_store::keys_of(db, "Pqr", &wanted)
        .await
        .map_err(unreadable)?;
    let mut events = Vec::with_capacity(rows.len());
    for row in &rows {
        // The one row of a case with no events has no event columns (the LEFT JOIN's NULLs).
        if row.try_get::<Option<i64>, _>(0)?.is_some() {
            events.push(event_store::deser(row, &keys).map_err(unreadable)?);
        }
    }
    // In the stream's order (the statement has no ORDER BY, and no sort to pay for).
    events.sort_by_key(|e| e.sequence);
    Ok(Some(
        event_store::fold::<Pqr>(events)
            .map_err(unreadable)?
            .unwrap_or_default(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use sha2::{Digest, Sha256};

    #[test]
    fn the_dummy_hash_is_the_hash_of_nothing_so_no_code_matches_it() {
        assert_eq!(DUMMY_HASH, hex::encode(Sha256::digest(b"")));
        let code = AccessCode::from_random_bytes([0; 13]);
        assert_ne!(code.hash().as_str(), DUMMY_HASH);
    }
}
