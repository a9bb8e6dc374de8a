//! Exports of the log over HTTP: the file (JSON lines or CSV) and its signed digest.

use crate::auth::{Allowed, Auditors, Caller};
use crate::error::{ApiError, Problem};
use crate::extract::ApiQuery;
use crate::state::AppState;
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use pqrs_domain::actor::Role;
use pqrs_infrastructure::audit::{self, run_export, ExportDigest, ExportFormat, ExportPlan};
use serde::Deserialize;
use utoipa::IntoParams;

/// Parameters of an export.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ExportQuery {
    /// First day (Bogotá), YYYY-MM-DD, inclusive.
    #[param(format = Date, required = true)]
    pub from: String,
    /// Last day (Bogotá), YYYY-MM-DD, inclusive.
    #[param(format = Date, required = true)]
    pub to: String,
    /// `jsonl` or `csv`.
    #[param(value_type = String, pattern = "^(jsonl|csv)$")]
    pub format: String,
    /// Cut the export at this position (default: the ledger head now). Give the
    /// `x-pqrs-export-through` of an export to get the digest of exactly those bytes.
    #[param(minimum = 0)]
    pub through: Option<i64>,
}

fn export_plan(q: &ExportQuery) -> Result<ExportPlan, ApiError> {
    ExportPlan::parse(&q.from, &q.to, &q.format).map_err(|errors| {
        ApiError::Validation(
            errors
                .into_iter()
                .map(|(f, m)| crate::error::FieldError::new(f, m))
                .collect(),
        )
    })
}

async fn through(state: &AppState, q: &ExportQuery) -> Result<i64, ApiError> {
    let (head, _) = audit::head(&state.db).await?;
    match q.through {
        None => Ok(head),
        Some(t) if (0..=head).contains(&t) => Ok(t),
        Some(_) => Err(ApiError::field(
            "through",
            format!("must be between 0 and the ledger head ({head})"),
        )),
    }
}

/// Exports the events recorded between two days (Bogotá), streamed, as JSONL or CSV
/// (RFC 4180, UTF-8, header row): every stored field, `payload` and `metadata` as the exact
/// hashed text, so anyone can recompute each hash. The rows are the contiguous positions from
/// the first to the last event recorded in those days. Headers `x-pqrs-export-through` (the
/// cut) and the digest endpoint give the SHA-256 of the bytes.
#[utoipa::path(get, path = "/v1/audit/export", tag = "audit", params(ExportQuery),
    responses(
        (status = 200, description = "The export: JSON Lines (`format=jsonl`) or CSV (`format=csv`)",
            content(
                (String = "application/jsonl", example = "{\"position\":1,\"aggregate_type\":\"Pqr\",\"event_type\":\"PqrFiled\"}\n"),
                (String = "text/csv", example = "position,aggregate_type,aggregate_id,sequence,event_type\n"),
            )),
        (status = 401, description = "No or invalid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an auditor", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid parameters", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = [])))]
#[tracing::instrument(name = "audit.export_http", skip(state, caller))]
pub async fn export(
    State(state): State<AppState>,
    caller: Caller,
    _allowed: Allowed<Auditors>,
    ApiQuery(q): ApiQuery<ExportQuery>,
) -> Result<Response, ApiError> {
    caller.require(Role::Auditor)?;
    let plan = export_plan(&q)?;
    let through = through(&state, &q).await?;
    let (tx, rx) = tokio::sync::mpsc::channel::<Result<Bytes, std::io::Error>>(4);
    let db = state.db.clone();
    let task_plan = plan.clone();
    tokio::spawn(async move {
        let sink_tx = tx.clone();
        let result = run_export(&db, &task_plan, through, |chunk| {
            let tx = sink_tx.clone();
            async move { tx.send(Ok(Bytes::from(chunk))).await.is_ok() }
        })
        .await;
        if let Err(e) = result {
            tracing::error!(error = %e, "export failed while streaming");
            // Breaks the body so the client sees an incomplete transfer, never a short file
            // that looks whole.
            let _ = tx.send(Err(std::io::Error::other(e.to_string()))).await;
        }
    });
    let stream = futures_util::stream::unfold(rx, |mut rx| async move {
        rx.recv().await.map(|item| (item, rx))
    });
    let mut res = Body::from_stream(stream).into_response();
    *res.status_mut() = StatusCode::OK;
    let headers = res.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(plan.format.media_type()),
    );
    headers.insert("x-pqrs-export-through", HeaderValue::from(through));
    let ext = match plan.format {
        ExportFormat::Jsonl => "jsonl",
        ExportFormat::Csv => "csv",
    };
    if let Ok(v) = HeaderValue::from_str(&format!(
        "attachment; filename=\"pqrs-events-{}-{}.{ext}\"",
        plan.from, plan.to
    )) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(res)
}

/// The digest of an export: SHA-256 of exactly the bytes `GET /v1/audit/export` sends for the
/// same parameters and `through`, the position range and the chain hashes at its ends.
#[utoipa::path(get, path = "/v1/audit/export/digest", tag = "audit", params(ExportQuery),
    responses(
        (status = 200, description = "The digest", body = Object),
        (status = 401, description = "No or invalid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an auditor", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid parameters", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = [])))]
#[tracing::instrument(name = "audit.export_digest_http", skip(state, caller))]
pub async fn export_digest(
    State(state): State<AppState>,
    caller: Caller,
    _allowed: Allowed<Auditors>,
    ApiQuery(q): ApiQuery<ExportQuery>,
) -> Result<Json<ExportDigest>, ApiError> {
    caller.require(Role::Auditor)?;
    let plan = export_plan(&q)?;
    let through = through(&state, &q).await?;
    Ok(Json(
        run_export(&state.db, &plan, through, |_| async { true }).await?,
    ))
}
