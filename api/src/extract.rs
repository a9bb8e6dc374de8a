//! Extractors whose rejections are problem documents, and the middleware that reads request
//! bodies for them ([`buffer_body`]).

use crate::error::ApiError;
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::StatusCode;
use serde::de::DeserializeOwned;

/// `axum::Json` with problem+json rejections: 400 for syntax, 415 for media type,
/// 413 for size, 422 for a body of the wrong shape.
pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(v)) => Ok(ApiJson(v)),
            Err(rejection) => Err(match rejection {
                JsonRejection::JsonDataError(e) => ApiError::field("body", e.body_text()),
                JsonRejection::JsonSyntaxError(e) => ApiError::Malformed {
                    status: StatusCode::BAD_REQUEST,
                    detail: format!("The body is not valid JSON: {}", e.body_text()),
                },
                JsonRejection::MissingJsonContentType(_) => ApiError::Malformed {
                    status: StatusCode::UNSUPPORTED_MEDIA_TYPE,
                    detail: "Send the body as JSON with `Content-Type: application/json`.".into(),
                },
                other => ApiError::Malformed {
                    status: if other.status() == StatusCode::PAYLOAD_TOO_LARGE {
                        StatusCode::PAYLOAD_TOO_LARGE
                    } else {
                        StatusCode::BAD_REQUEST
                    },
                    detail: other.body_text(),
                },
            }),
        }
    }
}

/// `axum::extract::Query` with a 422 problem on bad parameters.
pub struct ApiQuery<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        axum::extract::Query::<T>::from_request_parts(parts, state)
            .await
            .map(|q| ApiQuery(q.0))
            .map_err(|e: QueryRejection| ApiError::field("query", e.body_text()))
    }
}

/// The request id set by the request-id middleware (`x-request-id`).
#[derive(Debug, Clone)]
pub struct RequestId(pub String);

impl<S: Send + Sync> FromRequestParts<S> for RequestId {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(RequestId(
            parts
                .headers
                .get("x-request-id")
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .to_owned(),
        ))
    }
}

/// How much of an oversized body is read (and discarded) before the 413 is sent.
///
/// A server that answers 413 and closes while the client is still sending makes the kernel
/// reset the connection, and the client usually sees the reset instead of the answer. Reading
/// the rest first lets the client get its problem document; past this bound (or the request
/// timeout) the connection is closed unread.
const DRAIN_OVERSIZED_UP_TO: usize = 16 * 1024 * 1024;

/// Middleware: buffers the request body up to `limit` bytes and refuses larger ones with a
/// 413 problem after draining them (see [`DRAIN_OVERSIZED_UP_TO`]). Handlers then see a body
/// already in memory, so their own extractors never stop half-way through a socket.
pub async fn buffer_body(
    limit: usize,
    req: Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    use futures_util::StreamExt;

    let too_large = || ApiError::Malformed {
        status: StatusCode::PAYLOAD_TOO_LARGE,
        detail: format!("The request body is larger than {limit} bytes."),
    };
    let declared = req
        .headers()
        .get(axum::http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared == Some(0) {
        return next.run(req).await;
    }
    if declared.is_some_and(|n| n > DRAIN_OVERSIZED_UP_TO as u64) {
        let mut response = too_large().into_response();
        response.headers_mut().insert(
            axum::http::header::CONNECTION,
            axum::http::HeaderValue::from_static("close"),
        );
        return response;
    }
    let (parts, body) = req.into_parts();
    let mut stream = body.into_data_stream();
    let mut buffer = Vec::new();
    let mut read = 0usize;
    while let Some(chunk) = stream.next().await {
        let Ok(chunk) = chunk else {
            return ApiError::Malformed {
                status: StatusCode::BAD_REQUEST,
                detail: "The request body could not be read to its end.".into(),
            }
            .into_response();
        };
        read = read.saturating_add(chunk.len());
        if read <= limit {
            buffer.extend_from_slice(&chunk);
        } else if read > DRAIN_OVERSIZED_UP_TO {
            break;
        }
    }
    if read > limit {
        return too_large().into_response();
    }
    next.run(Request::from_parts(parts, axum::body::Body::from(buffer)))
        .await
}
