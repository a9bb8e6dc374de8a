//! Extractors whose rejections are problem documents, and the middleware that reads request
//! bodies for them ([`buffer_body`]).

use crate::error::ApiError;
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::StatusCode;
use serde::de::DeserializeOwned;

/// The detail of a text that holds the NUL character (U+0000): PostgreSQL cannot store it in
/// text, and no field of this API has a use for it, so it is refused wherever it comes in.
const NUL_MESSAGE: &str = "no debe contener el carácter NUL (U+0000)";

/// The first string (key or value) of `value` holding a NUL character, as a dotted path.
fn nul_in(value: &serde_json::Value, path: &str) -> Option<String> {
    use serde_json::Value;
    let join = |key: &str| {
        if path.is_empty() {
            key.to_owned()
        } else {
            format!("{path}.{key}")
        }
    };
    match value {
        Value::String(s) if s.contains('\0') => Some(if path.is_empty() {
            "body".to_owned()
        } else {
            path.to_owned()
        }),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, v)| nul_in(v, &join(&i.to_string()))),
        Value::Object(map) => map.iter().find_map(|(k, v)| {
            if k.contains('\0') {
                Some(join(&k.replace('\0', "\\u0000")))
            } else {
                nul_in(v, &join(k))
            }
        }),
        _ => None,
    }
}

/// `axum::Json` with problem+json rejections: 400 for syntax, 415 for media type,
/// 413 for size, 422 for a body of the wrong shape.
///
/// Every JSON body of this API is an object: anything else (an array, a string, `null`…) is
/// refused with 422 "must be a JSON object" before the handler sees it, and so is any string
/// holding a NUL character. This is the one place request bodies are read.
pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let value = match axum::Json::<serde_json::Value>::from_request(req, state).await {
            Ok(axum::Json(v)) => v,
            Err(rejection) => {
                return Err(match rejection {
                    JsonRejection::JsonDataError(e) => ApiError::field("body", e.body_text()),
                    JsonRejection::JsonSyntaxError(e) => ApiError::Malformed {
                        status: StatusCode::BAD_REQUEST,
                        detail: format!("The body is not valid JSON: {}", e.body_text()),
                    },
                    JsonRejection::MissingJsonContentType(_) => ApiError::Malformed {
                        status: StatusCode::UNSUPPORTED_MEDIA_TYPE,
                        detail: "Send the body as JSON with `Content-Type: application/json`."
                            .into(),
                    },
                    other => ApiError::Malformed {
                        status: if other.status() == StatusCode::PAYLOAD_TOO_LARGE {
                            StatusCode::PAYLOAD_TOO_LARGE
                        } else {
                            StatusCode::BAD_REQUEST
                        },
                        detail: other.body_text(),
                    },
                })
            }
        };
        if !value.is_object() {
            return Err(ApiError::field("body", "must be a JSON object"));
        }
        if let Some(field) = nul_in(&value, "") {
            return Err(ApiError::field(&field, NUL_MESSAGE));
        }
        serde_json::from_value::<T>(value)
            .map(ApiJson)
            .map_err(|e| ApiError::field("body", e.to_string()))
    }
}

/// `axum::extract::Query` with a 422 problem on bad parameters. A parameter (name or value)
/// holding a NUL character (`%00`) is refused with 422 here, for every query of the API.
pub struct ApiQuery<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        if let Ok(axum::extract::Query(pairs)) =
            axum::extract::Query::<Vec<(String, String)>>::from_request_parts(parts, state).await
        {
            if let Some((name, _)) = pairs
                .iter()
                .find(|(k, v)| k.contains('\0') || v.contains('\0'))
            {
                return Err(ApiError::field(&name.replace('\0', "\\u0000"), NUL_MESSAGE));
            }
        }
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
