//! The access-code check of citizen tracking (`GET /v1/pqrs/{radicado}`: a citizen tracks a
//! PQR with its radicado and the access code shown at filing).
//!
//! The check must not tell a wrong code from an unknown radicado, not even by its duration:
//! it reads one row of `access_codes` by primary key (the code's hash, written in the same
//! transaction as the `PqrFiled` event) and compares in constant time, against a fixed dummy
//! hash when the radicado is unknown. Nothing of the case is loaded until the code matches.

use crate::error::StoreError;
use crate::event_rows::Rows;
use crate::Db;
use pqrs_domain::{AccessCode, Radicado};
use sqlx::Row;
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

/// Whether `code` is the access code of `radicado`. One statement that reads one row by
/// primary key — the radicado's, or the dummy row ([`DUMMY_RADICADO`], [`DUMMY_HASH`]) when it
/// is unknown — then a constant-time comparison; the events are never read.
#[tracing::instrument(name = "access.check", skip_all)]
pub async fn code_matches(
    db: &Db,
    radicado: &Radicado,
    code: &AccessCode,
) -> Result<bool, StoreError> {
    // One statement that reads exactly one row either way: the radicado's, or the dummy row
    // when it is unknown (a B-tree hit and a miss would otherwise differ by a heap read).
    let wanted = radicado.to_string();
    let mut reader = db.reader().await?;
    let row = sqlx::query(
        "SELECT radicado, code_hash FROM access_codes WHERE radicado = \
         COALESCE((SELECT a.radicado FROM access_codes a WHERE a.radicado = $1), $2)",
    )
    .bind(wanted.clone())
    .bind(DUMMY_RADICADO)
    .fetch_optional(&mut *reader.conn())
    .await?;
    reader.done();
    let (found, stored): (String, String) = match row {
        Some(r) => (r.try_get(0)?, r.try_get(1)?),
        None => (DUMMY_RADICADO.to_owned(), DUMMY_HASH.to_owned()),
    };
    let known = found == wanted;
    let expected = if known { stored } else { DUMMY_HASH.to_owned() };
    let given = code.hash();
    let equal: bool = given.as_str().as_bytes().ct_eq(expected.as_bytes()).into();
    Ok(equal & known)
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
