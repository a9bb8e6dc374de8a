//! Exports of the log (CSV or JSON lines) with a digest of what was written.

use crate::clock::instant_text;
use crate::db::Db;
use crate::error::StoreError;
use crate::ledger::StoredEvent;
use chrono::{NaiveDate, TimeZone, Utc};
use pqrs_domain::deadline::bogota;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use sqlx::Row;

/// The file formats of an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    /// One JSON object per line.
    Jsonl,
    /// RFC 4180 CSV, UTF-8, with a header row.
    Csv,
}

impl ExportFormat {
    /// Parses `jsonl` or `csv`.
    pub fn parse(s: &str) -> Option<ExportFormat> {
        match s {
            "jsonl" => Some(ExportFormat::Jsonl),
            "csv" => Some(ExportFormat::Csv),
            _ => None,
        }
    }

    /// The media type.
    pub fn media_type(self) -> &'static str {
        match self {
            ExportFormat::Jsonl => "application/jsonl; charset=utf-8",
            ExportFormat::Csv => "text/csv; charset=utf-8",
        }
    }
}

/// The columns of an export, in order: exactly the stored fields, `payload` and `metadata`
/// as the stored JSON text, so every row's hash can be recomputed from the export alone.
pub const EXPORT_COLUMNS: [&str; 11] = [
    "position",
    "aggregate_type",
    "aggregate_id",
    "sequence",
    "event_type",
    "event_version",
    "payload",
    "metadata",
    "recorded_at",
    "prev_hash",
    "hash",
];

#[derive(Serialize)]
struct ExportRow<'a> {
    position: i64,
    aggregate_type: &'a str,
    aggregate_id: &'a str,
    sequence: i64,
    event_type: &'a str,
    event_version: &'a str,
    payload: &'a str,
    metadata: &'a str,
    recorded_at: &'a str,
    prev_hash: &'a str,
    hash: &'a str,
}

impl<'a> From<&'a StoredEvent> for ExportRow<'a> {
    fn from(e: &'a StoredEvent) -> Self {
        ExportRow {
            position: e.position,
            aggregate_type: &e.event.aggregate_type,
            aggregate_id: &e.event.aggregate_id,
            sequence: e.event.sequence,
            event_type: &e.event.event_type,
            event_version: &e.event.event_version,
            payload: &e.event.payload,
            metadata: &e.event.metadata,
            recorded_at: &e.recorded_at,
            prev_hash: &e.prev_hash,
            hash: &e.hash,
        }
    }
}

/// What was exported: the SHA-256 of the exact bytes, and where the rows sit in the chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportDigest {
    /// `pqrs-export-digest-v1`.
    pub digest_format: String,
    /// `jsonl` or `csv`.
    pub format: ExportFormat,
    /// First day asked for (Bogotá), inclusive.
    pub from: String,
    /// Last day asked for (Bogotá), inclusive.
    pub to: String,
    /// The ledger head when the export was cut: later events are never included.
    pub through: i64,
    /// Rows exported.
    pub count: u64,
    /// First position exported (`None` when nothing was).
    pub first_position: Option<i64>,
    /// Last position exported.
    pub last_position: Option<i64>,
    /// The `prev_hash` of the first row: the chain hash just before the export.
    pub chain_start_hash: Option<String>,
    /// The `hash` of the last row: the chain hash at the end of the export.
    pub chain_end_hash: Option<String>,
    /// Bytes exported.
    pub bytes: u64,
    /// SHA-256 of the exported bytes, hex.
    pub sha256: String,
}

/// Serializes exported rows and keeps the digest of every byte it hands out.
#[derive(Debug)]
pub struct ExportWriter {
    format: ExportFormat,
    hasher: Sha256,
    digest: ExportDigest,
}

impl ExportWriter {
    /// A writer for the export of `from..=to` (dates as given) through position `through`.
    pub fn new(format: ExportFormat, from: &str, to: &str, through: i64) -> Self {
        ExportWriter {
            format,
            hasher: Sha256::new(),
            digest: ExportDigest {
                digest_format: "pqrs-export-digest-v1".into(),
                format,
                from: from.into(),
                to: to.into(),
                through,
                count: 0,
                first_position: None,
                last_position: None,
                chain_start_hash: None,
                chain_end_hash: None,
                bytes: 0,
                sha256: String::new(),
            },
        }
    }

    fn emit(&mut self, bytes: Vec<u8>) -> Vec<u8> {
        self.hasher.update(&bytes);
        self.digest.bytes += bytes.len() as u64;
        bytes
    }

    /// The bytes that start the export (the CSV header; nothing for JSONL).
    pub fn start(&mut self) -> Result<Vec<u8>, StoreError> {
        match self.format {
            ExportFormat::Jsonl => Ok(Vec::new()),
            ExportFormat::Csv => {
                let mut w = csv::WriterBuilder::new()
                    .terminator(csv::Terminator::CRLF)
                    .from_writer(Vec::new());
                w.write_record(EXPORT_COLUMNS).map_err(csv_err)?;
                let bytes = w.into_inner().map_err(|e| csv_err(e.into_error().into()))?;
                Ok(self.emit(bytes))
            }
        }
    }

    /// The bytes of one row.
    pub fn row(&mut self, e: &StoredEvent) -> Result<Vec<u8>, StoreError> {
        if self.digest.first_position.is_none() {
            self.digest.first_position = Some(e.position);
            self.digest.chain_start_hash = Some(e.prev_hash.clone());
        }
        self.digest.last_position = Some(e.position);
        self.digest.chain_end_hash = Some(e.hash.clone());
        self.digest.count += 1;
        let bytes = match self.format {
            ExportFormat::Jsonl => {
                let mut b = serde_json::to_vec(&ExportRow::from(e))?;
                b.push(b'\n');
                b
            }
            ExportFormat::Csv => {
                let mut w = csv::WriterBuilder::new()
                    .has_headers(false)
                    .terminator(csv::Terminator::CRLF)
                    .from_writer(Vec::new());
                w.serialize(ExportRow::from(e)).map_err(csv_err)?;
                w.into_inner().map_err(|e| csv_err(e.into_error().into()))?
            }
        };
        Ok(self.emit(bytes))
    }

    /// The digest of everything handed out.
    pub fn finish(mut self) -> ExportDigest {
        self.digest.sha256 = hex::encode(self.hasher.finalize());
        self.digest
    }
}

fn csv_err(e: csv::Error) -> StoreError {
    StoreError::Corrupt(format!("cannot write CSV: {e}"))
}

/// The positions an export of `[from, to)` (canonical instants) covers, cut at `through`: the
/// contiguous range from the first to the last event recorded in it, so the export is one
/// unbroken piece of the chain. `None` when no event was recorded then.
#[tracing::instrument(name = "audit.export_range", skip(db))]
pub async fn export_range(
    db: &Db,
    from: &str,
    to: &str,
    through: i64,
) -> Result<Option<(i64, i64)>, StoreError> {
    let row = sqlx::query(
        "SELECT MIN(position), MAX(position) FROM events \
         WHERE recorded_at >= $1 AND recorded_at < $2 AND position <= $3",
    )
    .bind(from.to_owned())
    .bind(to.to_owned())
    .bind(through)
    .fetch_one(&db.pool)
    .await?;
    let first: Option<i64> = row.try_get(0)?;
    let last: Option<i64> = row.try_get(1)?;
    Ok(first.zip(last))
}

/// An export request, checked.
#[derive(Debug, Clone)]
pub struct ExportPlan {
    /// The format.
    pub format: ExportFormat,
    /// First day.
    pub from: NaiveDate,
    /// Last day.
    pub to: NaiveDate,
    /// Canonical instant of the start of `from` in Bogotá.
    pub from_instant: String,
    /// Canonical instant of the start of the day after `to` in Bogotá.
    pub to_instant: String,
}

/// The canonical UTC instant of the start of `day` in Bogotá.
pub fn bogota_midnight(day: NaiveDate) -> Option<String> {
    let local = bogota()
        .from_local_datetime(&day.and_hms_opt(0, 0, 0)?)
        .single()?;
    Some(instant_text(local.with_timezone(&Utc)))
}

impl ExportPlan {
    /// Checks dates (`YYYY-MM-DD`, `from <= to`) and the format; errors name the field.
    pub fn parse(from: &str, to: &str, format: &str) -> Result<ExportPlan, Vec<(String, String)>> {
        let mut errors = Vec::new();
        let date = |field: &str, s: &str, errors: &mut Vec<(String, String)>| {
            NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .map_err(|_| errors.push((field.into(), "must be a date YYYY-MM-DD".into())))
                .ok()
        };
        let from_d = date("from", from, &mut errors);
        let to_d = date("to", to, &mut errors);
        let format = ExportFormat::parse(format);
        if format.is_none() {
            errors.push(("format".into(), "must be jsonl or csv".into()));
        }
        let (Some(from), Some(to), Some(format)) = (from_d, to_d, format) else {
            return Err(errors);
        };
        if from > to {
            return Err(vec![("to".into(), "must not be before `from`".into())]);
        }
        let bounds = bogota_midnight(from).zip(to.succ_opt().and_then(bogota_midnight));
        let Some((from_instant, to_instant)) = bounds else {
            return Err(vec![("to".into(), "is out of range".into())]);
        };
        Ok(ExportPlan {
            format,
            from,
            to,
            from_instant,
            to_instant,
        })
    }
}

/// Streams an export through `sink` page by page and returns its digest: every event from the
/// first to the last position recorded in the plan's days, cut at `through`.
pub async fn run_export<F, Fut>(
    db: &Db,
    plan: &ExportPlan,
    through: i64,
    mut sink: F,
) -> Result<ExportDigest, StoreError>
where
    F: FnMut(Vec<u8>) -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let mut writer = ExportWriter::new(
        plan.format,
        &plan.from.to_string(),
        &plan.to.to_string(),
        through,
    );
    let start = writer.start()?;
    if !start.is_empty() && !sink(start).await {
        return Ok(writer.finish());
    }
    if let Some((first, last)) =
        export_range(db, &plan.from_instant, &plan.to_instant, through).await?
    {
        let mut after = first - 1;
        while after < last {
            let rows = super::page(db, after, Some(last), super::PAGE).await?;
            let Some(end) = rows.last().map(|e| e.position) else {
                break;
            };
            let mut chunk = Vec::new();
            for e in &rows {
                chunk.extend(writer.row(e)?);
            }
            if !sink(chunk).await {
                break;
            }
            after = end;
        }
    }
    Ok(writer.finish())
}
