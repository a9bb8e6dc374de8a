//! Extractors whose rejections are problem documents.

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
