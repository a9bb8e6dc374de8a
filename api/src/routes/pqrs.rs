//! Filing and tracking PQRs (docs/legal.md; Ley 1755 de 2015 arts. 13–14): filing in
//! [`filing`] (`POST /v1/pqrs`), tracking in [`tracking`] (`GET /v1/pqrs/{radicado}`), and
//! the event metadata every write of the API records.

mod filing;
mod tracking;

use crate::auth::Caller;
use crate::extract::RequestId;
use crate::state::AppState;
use pqrs_domain::contact::Channel;
use std::collections::BTreeMap;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub(crate) use filing::{file, TermBody};
pub(crate) use tracking::{tracking_of, Tracking};

/// The routes of filing and tracking.
pub(crate) fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(filing::file_pqr))
        .routes(routes!(tracking::track_pqr))
}

/// Event metadata of a filing: who, through which channel, which request.
pub fn metadata(
    caller: &Caller,
    channel: Channel,
    request_id: &RequestId,
) -> BTreeMap<String, String> {
    metadata_of(caller, Some(channel), request_id)
}

/// Event metadata: who (citizen or staff id, name, role), the channel if any, the request id.
pub fn metadata_of(
    caller: &Caller,
    channel: Option<Channel>,
    request_id: &RequestId,
) -> BTreeMap<String, String> {
    let mut m = match caller {
        Caller::Citizen => pqrs_domain::actor::Actor::Citizen,
        Caller::Staff(s) => pqrs_domain::actor::Actor::Staff {
            id: s.id.clone(),
            name: s.name.clone(),
            role: s.role,
        },
    }
    .metadata();
    if let Some(channel) = channel {
        m.insert("channel".into(), channel.as_str().into());
    }
    m.insert("request_id".into(), request_id.0.clone());
    m
}
