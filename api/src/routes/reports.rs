//! Statutory and management reports over HTTP (issue 7; docs/reports.md), for the `reporter`
//! role (admins include it): `GET /v1/reports/{name}`.
//!
//! - `access-to-information`: Ley 1712 de 2014 art. 11 lit. h; Decreto 103 de 2015 art. 52.
//! - `pqr-follow-up`: Ley 1474 de 2011 art. 76.
//! - `dashboard`: management.
//!
//! Each report is computed as of a log position (default: the head) and carries a manifest
//! with the position, the "as of" instant derived from it, the calendar and policy versions
//! and the SHA-256 of its content: the same position gives the same bytes.

use crate::auth::{Allowed, Caller, Reporters};
use crate::error::{ApiError, FieldError, Problem};
use crate::extract::ApiQuery;
use crate::i18n::Lang;
use crate::state::AppState;
use axum::body::{Body, Bytes};
use axum::extract::{Path, State};
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use pqrs_domain::actor::Role;
use pqrs_infrastructure::reports::{build, ReportRunError};
use pqrs_projections::reports::{ReportError, ReportRequest, RequestError};
use serde::Deserialize;
use utoipa::IntoParams;

impl From<ReportRunError> for ApiError {
    fn from(e: ReportRunError) -> Self {
        match e {
            ReportRunError::Store(s) => s.into(),
            ReportRunError::Report(r) => match r {
                ReportError::UnknownReport(_) => ApiError::NotFound,
                ReportError::PositionNotInLog { .. } => {
                    ApiError::field("at_position", r.to_string())
                }
                ReportError::InvalidPeriod(_) => ApiError::field("to", r.to_string()),
                ReportError::UnknownFormat(_) => ApiError::field("format", r.to_string()),
                other => ApiError::Internal(other.to_string()),
            },
        }
    }
}

/// The query of a report.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ReportQuery {
    /// First day of the period (local receipt date, YYYY-MM-DD), inclusive. Required.
    #[param(required = true, format = Date, value_type = String)]
    pub from: Option<String>,
    /// Last day of the period, inclusive. Required.
    #[param(required = true, format = Date, value_type = String)]
    pub to: Option<String>,
    /// `json` (default), `csv`, `csv-es` (`;` and decimal comma, for es-CO spreadsheets), `xlsx` or `html`.
    #[param(schema_with = report_format)]
    pub format: Option<String>,
    /// The log position to compute at (default: the head now). The same position always
    /// gives the same bytes.
    #[param(value_type = Option<i64>, minimum = 0)]
    pub at_position: Option<String>,
}

fn report_format() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
    utoipa::openapi::schema::ObjectBuilder::new()
        .schema_type(utoipa::openapi::schema::Type::String)
        .enum_values(Some(["json", "csv", "csv-es", "xlsx", "html"]))
        .into()
}

/// A statutory or management report as of a log position (reporter; admins too).
#[utoipa::path(get, path = "/v1/reports/{name}", tag = "reports",
    params(
        ("name" = String, Path, description = "access-to-information, pqr-follow-up or dashboard"),
        ReportQuery
    ),
    responses(
        (status = 200, description = "The report with its manifest, in the `format` asked for",
            content(
                (Object = "application/json"),
                (String = "text/csv"),
                (String = "text/html"),
                (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            )),
        (status = 401, description = "No or invalid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a reporter", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such report", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid dates, format or position", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = [])))]
#[tracing::instrument(name = "reports.http", skip(state, caller, lang, q))]
pub async fn report(
    State(state): State<AppState>,
    caller: Caller,
    _allowed: Allowed<Reporters>,
    lang: Lang,
    Path(name): Path<String>,
    ApiQuery(q): ApiQuery<ReportQuery>,
) -> Result<Response, ApiError> {
    caller.require(Role::Reporter)?;
    let req = ReportRequest::parse(
        &name,
        q.from.as_deref(),
        q.to.as_deref(),
        q.format.as_deref(),
        q.at_position.as_deref(),
    )
    .map_err(|e| match e {
        RequestError::UnknownReport(_) => ApiError::NotFound,
        RequestError::Fields(f) => ApiError::Validation(
            f.into_iter()
                .map(|(field, message)| FieldError::new(field, message))
                .collect(),
        ),
    })?;
    let report = build(&state.db, req.kind, req.period, req.at_position, |_, _| {}).await?;
    let position = report.manifest.position;
    let sha256 = report.manifest.content_sha256.clone();
    // The body is rendered on a blocking thread straight into the response, a chunk at a
    // time through a small bounded channel (issue 11, item 20): no second copy of the report
    // in memory. If the client goes away the channel closes and the rendering stops.
    let (tx, rx) = tokio::sync::mpsc::channel::<Result<Bytes, std::io::Error>>(4);
    let format = req.format;
    let lang = report_lang(lang);
    tokio::task::spawn_blocking(move || {
        use std::io::Write as _;
        let mut out = ChunkWriter {
            buf: Vec::with_capacity(CHUNK),
            tx,
        };
        let result = report
            .render_to(format, lang, &mut out)
            .map_err(|e| std::io::Error::other(e.to_string()))
            .and_then(|()| out.flush());
        if let Err(e) = result {
            tracing::debug!(error = %e, "report body not sent whole");
            let _ = out.tx.blocking_send(Err(e));
        }
    });
    let body = futures_util::stream::unfold(rx, |mut rx| async move {
        rx.recv().await.map(|item| (item, rx))
    });
    let mut res = Body::from_stream(body).into_response();
    let headers = res.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(req.format.media_type()),
    );
    headers.insert("x-pqrs-report-position", HeaderValue::from(position));
    if let Ok(v) = HeaderValue::from_str(&sha256) {
        headers.insert("x-pqrs-report-sha256", v);
    }
    if let Ok(v) =
        HeaderValue::from_str(&format!("inline; filename=\"{}\"", req.file_name(position)))
    {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(res)
}

/// The language of a report's labels: the one negotiated from `Accept-Language` (Spanish
/// unless the client prefers English). Figures, keys and values do not change with it.
pub(crate) fn report_lang(lang: Lang) -> pqrs_projections::reports::Lang {
    match lang {
        Lang::Es => pqrs_projections::reports::Lang::Es,
        Lang::En => pqrs_projections::reports::Lang::En,
    }
}

/// The size of a chunk of a report's body.
const CHUNK: usize = 64 * 1024;

/// Sends what is written to it down a channel, [`CHUNK`] bytes at a time, waiting while the
/// channel is full (so at most a few chunks are in flight). Fails once the receiver is gone.
struct ChunkWriter {
    buf: Vec<u8>,
    tx: tokio::sync::mpsc::Sender<Result<Bytes, std::io::Error>>,
}

impl ChunkWriter {
    fn send(&mut self) -> std::io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let chunk = std::mem::replace(&mut self.buf, Vec::with_capacity(CHUNK));
        self.tx
            .blocking_send(Ok(Bytes::from(chunk)))
            .map_err(|_| std::io::Error::from(std::io::ErrorKind::BrokenPipe))
    }
}

impl std::io::Write for ChunkWriter {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        let n = data.len().min(CHUNK - self.buf.len());
        self.buf.extend_from_slice(&data[..n]);
        if self.buf.len() >= CHUNK {
            self.send()?;
        }
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.send()
    }
}

/// The routes of this module.
pub(crate) fn router() -> utoipa_axum::router::OpenApiRouter<AppState> {
    utoipa_axum::router::OpenApiRouter::new().routes(utoipa_axum::routes!(report))
}
