//! Radicado completeness: every number of a year filed once, gaps and duplicates named.

use super::*;
use crate::db::Db;
use crate::error::StoreError;
use futures_util::TryStreamExt;
use pqrs_domain::Radicado;
use serde::{Deserialize, Serialize};
use sqlx::Row;

/// A run of consecutive numbers, both ends included.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NumberRange {
    /// First number.
    pub from: u64,
    /// Last number.
    pub to: u64,
}

/// A number filed more than once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Duplicate {
    /// The radicado.
    pub radicado: String,
    /// How many `PqrFiled` events it has.
    pub filings: u64,
}

/// Whether every radicado of a year from 1 to the counter is a filed PQR.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RadicadoReport {
    /// The year of receipt.
    pub year: i32,
    /// The counter (`radicado_counters.last_number`; 0 if the year has none).
    pub last_number: u64,
    /// Numbers in 1..=last_number with a `PqrFiled` event.
    pub filed: u64,
    /// Of those, how many were voided afterwards (still accounted for).
    pub voided: u64,
    /// Whether every number is filed exactly once and nothing lies beyond the counter.
    pub complete: bool,
    /// Numbers with no filing, as ranges.
    pub gaps: Vec<NumberRange>,
    /// Numbers with more than one filing.
    pub duplicates: Vec<Duplicate>,
    /// Filings of this year numbered above the counter.
    pub beyond_counter: Vec<String>,
    /// Voids of numbers that were never filed.
    pub voided_without_filing: Vec<String>,
}

/// Most numbers a year may have for the check (the counter is bounded by real filings; a
/// larger counter is itself corruption).
const MAX_NUMBERS: u64 = 100_000_000;

/// Checks that every number of `year` from 1 to its counter is a filed PQR (voided ones
/// included), listing gaps, duplicates and filings beyond the counter. Streams the filings.
#[tracing::instrument(name = "audit.radicados", skip(db))]
pub async fn radicados(db: &Db, year: i32) -> Result<RadicadoReport, StoreError> {
    let last_number: i64 = sqlx::query("SELECT last_number FROM radicado_counters WHERE year = $1")
        .bind(year)
        .fetch_optional(&db.pool)
        .await?
        .map(|r| r.try_get(0))
        .transpose()?
        .unwrap_or(0);
    let last_number = u64::try_from(last_number).unwrap_or(0);
    if last_number > MAX_NUMBERS {
        return Err(StoreError::Corrupt(format!(
            "the radicado counter of {year} is {last_number}, beyond any plausible year"
        )));
    }
    let size = usize::try_from(last_number + 1).unwrap_or(0);
    let mut filings = vec![0_u8; size];
    let mut voids = vec![false; size];
    let mut beyond = Vec::new();
    let mut voided_without_filing = Vec::new();
    let mut rows = sqlx::query(
        "SELECT aggregate_id, event_type FROM events WHERE aggregate_type = 'Pqr' \
         AND event_type IN ($1, $2) AND aggregate_id LIKE $3",
    )
    .bind(PQR_FILED)
    .bind(RADICADO_VOIDED)
    .bind(format!("{year}-%"))
    .fetch(&db.pool);
    while let Some(row) = rows.try_next().await? {
        let id: String = row.try_get(0)?;
        let event_type: String = row.try_get(1)?;
        let Ok(radicado) = Radicado::parse(&id) else {
            beyond.push(id);
            continue;
        };
        let n = radicado.number();
        let Some(i) = usize::try_from(n).ok().filter(|_| n <= last_number) else {
            if event_type == PQR_FILED {
                beyond.push(id);
            } else {
                voided_without_filing.push(id);
            }
            continue;
        };
        if event_type == PQR_FILED {
            filings[i] = filings[i].saturating_add(1);
        } else {
            voids[i] = true;
        }
    }
    let mut gaps: Vec<NumberRange> = Vec::new();
    let mut duplicates = Vec::new();
    let (mut filed, mut voided) = (0, 0);
    for n in 1..=last_number {
        let i = n as usize;
        match filings[i] {
            0 => {
                match gaps.last_mut() {
                    Some(g) if g.to + 1 == n => g.to = n,
                    _ => gaps.push(NumberRange { from: n, to: n }),
                }
                if voids[i] {
                    voided_without_filing.push(format!("{year}-{n:06}"));
                }
            }
            count => {
                filed += 1;
                if voids[i] {
                    voided += 1;
                }
                if count > 1 {
                    duplicates.push(Duplicate {
                        radicado: format!("{year}-{n:06}"),
                        filings: u64::from(count),
                    });
                }
            }
        }
    }
    beyond.sort();
    voided_without_filing.sort();
    Ok(RadicadoReport {
        year,
        last_number,
        filed,
        voided,
        complete: gaps.is_empty() && duplicates.is_empty() && beyond.is_empty(),
        gaps,
        duplicates,
        beyond_counter: beyond,
        voided_without_filing,
    })
}
