//! The check that the radicado counters are not behind the numbers already filed.

use crate::db::Db;
use crate::error::StoreError;
use pqrs_domain::Radicado;
use sqlx::Row;
use std::collections::BTreeMap;

/// Finds a radicado counter behind the numbers already filed: a year whose counter would hand
/// out next a number the log already holds (a counter moved back, or its row deleted, by
/// hand). Checks every year with a counter and `current_year` (whose row may be gone); one
/// indexed lookup per year. Returns the message that names the fault and its repair.
pub async fn counter_fault(db: &Db, current_year: i32) -> Result<Option<String>, StoreError> {
    let mut years: BTreeMap<i32, i64> = BTreeMap::new();
    for row in sqlx::query("SELECT year, last_number FROM radicado_counters")
        .fetch_all(&db.pool)
        .await?
    {
        let year: i32 = row.try_get(0)?;
        let last: i64 = row.try_get(1)?;
        years.insert(year, last);
    }
    years.entry(current_year).or_insert(0);
    for (year, last) in years {
        let Ok(next) = Radicado::new(year, u64::try_from(last + 1).unwrap_or(1)) else {
            continue;
        };
        let taken = sqlx::query(
            "SELECT 1 FROM events WHERE aggregate_type = 'Pqr' AND aggregate_id = $1 \
             AND sequence = 1",
        )
        .bind(next.to_string())
        .fetch_optional(&db.pool)
        .await?
        .is_some();
        if !taken {
            continue;
        }
        let highest: Option<String> = sqlx::query(
            "SELECT aggregate_id FROM events WHERE aggregate_type = 'Pqr' AND sequence = 1 \
             AND aggregate_id LIKE $1 ORDER BY length(aggregate_id) DESC, aggregate_id DESC \
             LIMIT 1",
        )
        .bind(format!("{year:04}-%"))
        .fetch_optional(&db.pool)
        .await?
        .map(|row| row.try_get(0))
        .transpose()?;
        let highest = highest.unwrap_or_else(|| next.to_string());
        let highest_number = highest
            .rsplit('-')
            .next()
            .and_then(|n| n.parse::<u64>().ok())
            .unwrap_or(0);
        return Ok(Some(format!(
            "El contador de radicados del año {year} (radicado_counters.last_number = {last}) \
             está por detrás de los radicados ya emitidos: el siguiente número, {next}, ya \
             existe, y el mayor emitido es {highest}. No se radica nada, para no repetir un \
             número, hasta que un operador corrija el contador (last_number = \
             {highest_number} o más)."
        )));
    }
    Ok(None)
}
