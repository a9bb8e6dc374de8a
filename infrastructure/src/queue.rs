//! Queries on the case view: the work queue and the alert candidates, read as
//! [`CaseRow`]s (the one row type of a case; the deadline input is `DeadlineInput::from(&row)`).

use crate::db::Db;
use crate::error::StoreError;
use chrono::{DateTime, NaiveDate};
use pqrs_projections::CaseRow;
use sqlx::any::AnyRow;
use sqlx::Row as _;

/// Filters of the queue. `today` is the local date "overdue" is judged against.
#[derive(Debug, Clone)]
pub struct Filter {
    /// Status.
    pub status: Option<String>,
    /// Kind.
    pub kind: Option<String>,
    /// Dependency.
    pub dependency: Option<String>,
    /// Official.
    pub official: Option<String>,
    /// Tier.
    pub tier: Option<u8>,
    /// Past the due date (open, not suspended) or not.
    pub overdue: Option<bool>,
    /// Only open cases.
    pub open: bool,
    /// Only cases due on or before this date.
    pub due_on_or_before: Option<NaiveDate>,
    /// The local date of now.
    pub today: NaiveDate,
}

/// Sort orders.
#[derive(Debug, Clone, Copy)]
pub enum Sort {
    /// By due date, then radicado.
    DueDate {
        /// Latest first.
        descending: bool,
    },
    /// By receipt, then radicado.
    ReceivedAt {
        /// Latest first.
        descending: bool,
    },
}

/// Every column of the case view but the folded state.
const COLUMNS: &str = "radicado, year, number, kind, status, channel, subject, dependency, \
                       official, tier, priority, received_at, effective_received_on, due_date, \
                       suspended, positive_silence, closed, policy, position";

fn where_clause(f: &Filter) -> (String, Vec<String>) {
    let mut clauses = Vec::new();
    let mut binds = Vec::new();
    fn push(clauses: &mut Vec<String>, binds: &mut Vec<String>, clause: &str, value: String) {
        binds.push(value);
        clauses.push(clause.replace('?', &format!("${}", binds.len())));
    }
    if let Some(v) = &f.status {
        push(&mut clauses, &mut binds, "status = ?", v.clone());
    }
    if let Some(v) = &f.kind {
        push(&mut clauses, &mut binds, "kind = ?", v.clone());
    }
    if let Some(v) = &f.dependency {
        push(&mut clauses, &mut binds, "dependency = ?", v.clone());
    }
    if let Some(v) = &f.official {
        push(&mut clauses, &mut binds, "official = ?", v.clone());
    }
    if let Some(v) = f.tier {
        clauses.push(format!("tier = {}", i64::from(v)));
    }
    if f.open {
        clauses.push("closed = 0".to_owned());
    }
    match f.overdue {
        Some(true) => push(
            &mut clauses,
            &mut binds,
            "closed = 0 AND suspended = 0 AND due_date < ?",
            f.today.to_string(),
        ),
        Some(false) => push(
            &mut clauses,
            &mut binds,
            "NOT (closed = 0 AND suspended = 0 AND due_date < ?)",
            f.today.to_string(),
        ),
        None => {}
    }
    if let Some(d) = f.due_on_or_before {
        push(&mut clauses, &mut binds, "due_date <= ?", d.to_string());
    }
    let sql = if clauses.is_empty() {
        String::new()
    } else {
        format!(" WHERE {}", clauses.join(" AND "))
    };
    (sql, binds)
}

fn parse_date(s: &str) -> Result<NaiveDate, StoreError> {
    s.parse()
        .map_err(|_| StoreError::Corrupt(format!("date `{s}` in case_view")))
}

/// A case-view row by column name (integers and flags are `integer` on both backends, read
/// as 32 or 64 bits as the driver hands them).
fn read(row: &AnyRow) -> Result<CaseRow, StoreError> {
    let int = |name: &str| -> Result<i64, StoreError> {
        Ok(row
            .try_get::<i32, _>(name)
            .map(i64::from)
            .or_else(|_| row.try_get::<i64, _>(name))?)
    };
    let flag = |name: &str| -> Result<bool, StoreError> { Ok(int(name)? != 0) };
    let text = |name: &str| -> Result<String, StoreError> { Ok(row.try_get(name)?) };
    let radicado = text("radicado")?;
    let corrupt = |what: &str| StoreError::Corrupt(format!("{what} of {radicado} in case_view"));
    let received_at = text("received_at")?;
    Ok(CaseRow {
        year: i32::try_from(int("year")?).map_err(|_| corrupt("year"))?,
        number: int("number")?,
        kind: text("kind")?,
        status: text("status")?,
        channel: text("channel")?,
        subject: text("subject")?,
        dependency: row.try_get("dependency")?,
        official: row.try_get("official")?,
        tier: u8::try_from(int("tier")?).map_err(|_| corrupt("tier"))?,
        priority: flag("priority")?,
        received_at: DateTime::parse_from_rfc3339(&received_at)
            .map_err(|_| corrupt("received_at"))?,
        effective_received_on: parse_date(&text("effective_received_on")?)?,
        due_date: parse_date(&text("due_date")?)?,
        suspended: flag("suspended")?,
        positive_silence: flag("positive_silence")?,
        closed: flag("closed")?,
        policy: text("policy")?,
        position: int("position")?,
        radicado,
    })
}

/// A page of the queue and the total number of matching cases.
pub async fn page(
    db: &Db,
    filter: &Filter,
    sort: Sort,
    page: u32,
    page_size: u32,
) -> Result<(Vec<CaseRow>, i64), StoreError> {
    let (clause, binds) = where_clause(filter);
    let order = match sort {
        Sort::DueDate { descending: false } => "due_date ASC, radicado ASC",
        Sort::DueDate { descending: true } => "due_date DESC, radicado DESC",
        Sort::ReceivedAt { descending: false } => "received_at ASC, radicado ASC",
        Sort::ReceivedAt { descending: true } => "received_at DESC, radicado DESC",
    };
    let offset = i64::from(page.saturating_sub(1)) * i64::from(page_size);
    let sql = format!(
        "SELECT {COLUMNS} FROM case_view{clause} ORDER BY {order} LIMIT {} OFFSET {offset}",
        page_size
    );
    let mut q = sqlx::query(&sql);
    for b in &binds {
        q = q.bind(b.clone());
    }
    let count_sql = format!("SELECT COUNT(*) FROM case_view{clause}");
    let mut count = sqlx::query(&count_sql);
    for b in &binds {
        count = count.bind(b.clone());
    }
    // The page and its total on two connections at once: the latency is the slower of the
    // two, not their sum.
    let (rows, total) = tokio::try_join!(q.fetch_all(&db.pool), count.fetch_one(&db.pool))?;
    let total: i64 = total.try_get(0)?;
    Ok((rows.iter().map(read).collect::<Result<_, _>>()?, total))
}

/// Every case matching `filter`, by due date.
pub async fn all(db: &Db, filter: &Filter) -> Result<Vec<CaseRow>, StoreError> {
    let (clause, binds) = where_clause(filter);
    let sql = format!("SELECT {COLUMNS} FROM case_view{clause} ORDER BY due_date, radicado");
    let mut q = sqlx::query(&sql);
    for b in &binds {
        q = q.bind(b.clone());
    }
    let rows = q.fetch_all(&db.pool).await?;
    rows.iter().map(read).collect()
}

/// How many cases the case view holds with status `filed` whose row changed after log
/// position `since`: the cases filed since a bandeja was shown at that position (the console's
/// "N casos nuevos" notice, fed by polling [`crate::projection::checkpoint`]).
pub async fn filed_since(db: &Db, since: i64) -> Result<i64, StoreError> {
    let row =
        sqlx::query("SELECT COUNT(*) FROM case_view WHERE status = 'filed' AND position > $1")
            .bind(since)
            .fetch_one(&db.pool)
            .await?;
    Ok(row.try_get(0)?)
}
