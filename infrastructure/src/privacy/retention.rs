//! Retention applied by the scheduler (issue 16 item 3; docs/privacy.md): every closed case
//! whose file has passed its kind's years of retention (the policy book's
//! [`RetentionSchedule`], Ley 594 de 2000 art. 24) has its personal data suppressed, each with
//! its own `PersonalDataSuppressed` event by the system; and the report of those
//! suppressions for a period.
//!
//! Safe with several processes: the decision is
//! [`suppress`](super::suppress::suppress())'s, whose key destruction is conditional, so a
//! case another process suppressed first is skipped; a case that fails is logged (radicado
//! and error only, no personal data) and the others go on.

use super::keys::keyring;
use super::suppress::{self, suppress, SuppressError, Suppression};
use crate::clock::{instant_text, Clock};
use crate::db::Db;
use crate::error::StoreError;
use crate::event_store::PqrsEventRepository;
use chrono::{Months, NaiveDate, TimeZone};
use pqrs_domain::actor::Actor;
use pqrs_domain::deadline::{bogota, local_date};
use pqrs_domain::retention::RetentionSchedule;
use pqrs_domain::{Kind, Radicado};
use serde::Serialize;
use serde_json::Value;
use sqlx::Row;

/// The basis the scheduler gives; [`suppress`](super::suppress::suppress()) adds the schedule
/// entry it applied.
pub const AUTOMATIC_BASIS: &str = "retención cumplida";

/// How many candidates are read at once.
const PAGE: i64 = 500;

/// What one retention pass did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RetentionRun {
    /// Closed cases examined (filed long enough ago to be past some retention).
    pub examined: usize,
    /// The radicados suppressed.
    pub suppressed: Vec<String>,
    /// Cases that failed (logged; retried on the next pass).
    pub failed: usize,
}

/// The first day a case filed on `day` could be past `years` of retention, with a margin of
/// two days for the time zone: a case filed (UTC) on or after it cannot be due on `today`.
fn filed_before(today: NaiveDate, years: u32) -> String {
    today
        .checked_sub_months(Months::new(years.saturating_mul(12)))
        .and_then(|d| d.succ_opt())
        .and_then(|d| d.succ_opt())
        .unwrap_or(NaiveDate::MIN)
        .to_string()
}

/// One page of closed cases with a live data key, filed early enough to be past their kind's
/// retention today, after radicado `after`. The decision is [`suppress`]'s.
async fn candidates(
    db: &Db,
    schedule: &RetentionSchedule,
    today: NaiveDate,
    after: &str,
) -> Result<Vec<String>, StoreError> {
    let mut sql = "SELECT v.radicado FROM case_view v JOIN data_keys k ON k.radicado = v.radicado \
         WHERE v.closed = 1 AND k.destroyed_at IS NULL AND v.radicado > $1 AND ("
        .to_owned();
    let mut binds = vec![after.to_owned()];
    for (i, kind) in Kind::ALL.into_iter().enumerate() {
        if i > 0 {
            sql.push_str(" OR ");
        }
        sql.push_str(&format!(
            "(v.kind = ${} AND k.created_at < ${})",
            binds.len() + 1,
            binds.len() + 2
        ));
        binds.push(kind.as_str().to_owned());
        binds.push(filed_before(today, schedule.entry(kind).years));
    }
    sql.push_str(&format!(") ORDER BY v.radicado LIMIT {PAGE}"));
    let mut query = sqlx::query(&sql);
    for b in binds {
        query = query.bind(b);
    }
    let rows = query.fetch_all(&db.pool).await?;
    rows.iter()
        .map(|r| r.try_get::<String, _>(0).map_err(StoreError::from))
        .collect()
}

/// Suppresses the personal data of every closed case past its kind's retention at the
/// clock's today (see the module docs): once the file's retention (Ley 594 de 2000 art. 24)
/// has passed no legal duty keeps the data, and data whose purpose is fulfilled must be
/// suppressed (Decreto 1377 de 2013 art. 11; Ley 1581 de 2012 art. 15). Without a
/// key-encryption key there is nothing to destroy and nothing is done.
#[tracing::instrument(name = "job.retention", skip_all)]
pub async fn run(
    db: &Db,
    clock: &Clock,
    schedule: &RetentionSchedule,
) -> Result<RetentionRun, StoreError> {
    let mut out = RetentionRun::default();
    if keyring().is_none() {
        return Ok(out);
    }
    let repo = PqrsEventRepository::new(db.clone(), clock.clone());
    let today = local_date(&clock.now().with_timezone(&bogota()));
    let mut after = String::new();
    loop {
        let page = candidates(db, schedule, today, &after).await?;
        let Some(last) = page.last() else { break };
        after = last.clone();
        let full = page.len() as i64 == PAGE;
        for radicado in page {
            out.examined += 1;
            let Ok(parsed) = Radicado::parse(&radicado) else {
                continue;
            };
            let request = Suppression::new(
                parsed,
                AUTOMATIC_BASIS.to_owned(),
                None,
                Actor::System {
                    id: "scheduler".to_owned(),
                },
            )
            .with_schedule(schedule.clone());
            match suppress(db, &repo, clock, request).await {
                Ok(done) => {
                    tracing::info!(%radicado, position = done.position, "retention: personal data suppressed");
                    out.suppressed.push(radicado);
                }
                // Within retention still, or done by another process, or nothing to destroy.
                Err(
                    SuppressError::Refused(_)
                    | SuppressError::AlreadySuppressed(_)
                    | SuppressError::NotEncrypted
                    | SuppressError::NotFound,
                ) => {}
                Err(SuppressError::NoKeyring) => return Ok(out),
                Err(SuppressError::Store(e)) => {
                    out.failed += 1;
                    tracing::warn!(%radicado, error = %e, "retention: suppression failed; retried on the next pass");
                }
            }
        }
        if !full {
            break;
        }
    }
    Ok(out)
}

/// One case suppressed by retention, as the report lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RetentionReportRow {
    /// The case.
    pub radicado: String,
    /// Its kind when suppressed.
    pub kind: String,
    /// The local date it was closed.
    pub closed_on: String,
    /// The last day of its retention.
    pub retained_until: String,
    /// Years of retention applied.
    pub years: u64,
    /// When the scheduler suppressed it (Bogotá time).
    pub suppressed_at: String,
    /// The schedule entry's basis.
    pub basis: String,
}

/// The instant text of Bogotá local midnight starting `day`.
fn local_midnight(day: NaiveDate) -> String {
    let start = bogota()
        .from_local_datetime(&day.and_time(chrono::NaiveTime::MIN))
        .single()
        .map(|t| t.with_timezone(&chrono::Utc))
        .unwrap_or_default();
    instant_text(start)
}

/// The cases the scheduler suppressed by retention from `from` through `to` (Bogotá local
/// dates, both included), in the order of the log.
pub async fn report(
    db: &Db,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<RetentionReportRow>, StoreError> {
    let end = to.succ_opt().unwrap_or(to);
    let rows = sqlx::query(
        "SELECT payload FROM events WHERE aggregate_type = $1 \
         AND event_type = 'PersonalDataSuppressed' AND recorded_at >= $2 AND recorded_at < $3 \
         ORDER BY position",
    )
    .bind(suppress::AGGREGATE)
    .bind(local_midnight(from))
    .bind(local_midnight(end))
    .fetch_all(&db.pool)
    .await?;
    let mut out = Vec::new();
    for row in rows {
        let payload: Value = serde_json::from_str(&row.try_get::<String, _>(0)?)?;
        let e = &payload["PersonalDataSuppressed"];
        let r = &e["retention"];
        if !r.is_object() {
            continue;
        }
        let text = |v: &Value| v.as_str().unwrap_or_default().to_owned();
        out.push(RetentionReportRow {
            radicado: text(&e["radicado"]),
            kind: text(&r["kind"]),
            closed_on: text(&r["closed_on"]),
            retained_until: text(&r["retained_until"]),
            years: r["years"].as_u64().unwrap_or_default(),
            suppressed_at: text(&e["at"]),
            basis: text(&r["basis"]),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_case_filed_after_the_cut_cannot_be_past_retention() {
        let today: NaiveDate = "2037-11-25".parse().unwrap();
        assert_eq!(filed_before(today, 10), "2027-11-27");
        assert_eq!(filed_before(today, 1), "2036-11-27");
    }
}
