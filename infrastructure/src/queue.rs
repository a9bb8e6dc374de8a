//! Queries on the case view: the work queue and the alert candidates.

use crate::db::Db;
use crate::error::StoreError;
use chrono::NaiveDate;
use sqlx::any::AnyRow;
use sqlx::Row as _;

/// A case as the view stores it.
#[derive(Debug, Clone)]
pub struct Row {
    /// The radicado.
    pub radicado: String,
    /// Kind.
    pub kind: String,
    /// Status.
    pub status: String,
    /// Channel.
    pub channel: String,
    /// Subject.
    pub subject: String,
    /// Dependency.
    pub dependency: Option<String>,
    /// Official.
    pub official: Option<String>,
    /// Tier.
    pub tier: i64,
    /// Priority.
    pub priority: bool,
    /// When received (RFC 3339).
    pub received_at: String,
    /// Effective receipt date.
    pub effective_received_on: NaiveDate,
    /// Due date in force.
    pub due_date: NaiveDate,
    /// Clock stopped.
    pub suspended: bool,
    /// Positive silence reached.
    pub positive_silence: bool,
    /// Closed.
    pub closed: bool,
    /// The id of the policy that governs the case (its due-soon thresholds).
    pub policy: String,
}

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

const COLUMNS: &str = "radicado, kind, status, channel, subject, dependency, official, tier, \
                       priority, received_at, effective_received_on, due_date, suspended, \
                       positive_silence, closed, policy";

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

fn read(row: &AnyRow) -> Result<Row, StoreError> {
    let tier: i64 = row
        .try_get::<i32, _>(7)
        .map(i64::from)
        .or_else(|_| row.try_get::<i64, _>(7))?;
    let flag = |i: usize| -> Result<bool, StoreError> {
        Ok(row
            .try_get::<i32, _>(i)
            .map(i64::from)
            .or_else(|_| row.try_get::<i64, _>(i))?
            != 0)
    };
    let effective: String = row.try_get(10)?;
    let due: String = row.try_get(11)?;
    Ok(Row {
        radicado: row.try_get(0)?,
        kind: row.try_get(1)?,
        status: row.try_get(2)?,
        channel: row.try_get(3)?,
        subject: row.try_get(4)?,
        dependency: row.try_get(5)?,
        official: row.try_get(6)?,
        tier,
        priority: flag(8)?,
        received_at: row.try_get(9)?,
        effective_received_on: parse_date(&effective)?,
        due_date: parse_date(&due)?,
        suspended: flag(12)?,
        positive_silence: flag(13)?,
        closed: flag(14)?,
        policy: row.try_get(15)?,
    })
}

/// A page of the queue and the total number of matching cases.
pub async fn page(
    db: &Db,
    filter: &Filter,
    sort: Sort,
    page: u32,
    page_size: u32,
) -> Result<(Vec<Row>, i64), StoreError> {
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
pub async fn all(db: &Db, filter: &Filter) -> Result<Vec<Row>, StoreError> {
    let (clause, binds) = where_clause(filter);
    let sql = format!("SELECT {COLUMNS} FROM case_view{clause} ORDER BY due_date, radicado");
    let mut q = sqlx::query(&sql);
    for b in &binds {
        q = q.bind(b.clone());
    }
    let rows = q.fetch_all(&db.pool).await?;
    rows.iter().map(read).collect()
}
