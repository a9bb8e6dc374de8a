//! The limit on failed access-code attempts per client address (issue 11).
//!
//! Access codes have 100 bits, so guessing one is hopeless; the limit keeps it that way under
//! any load and stops a client from probing radicados. Only failures count (a citizen tracking
//! their own PQR is never limited); once an address has used up its failures, every attempt
//! from it — right code or not — is answered `429` with `Retry-After` until a failure is
//! forgiven (the quota refills evenly over the minute). The counting is `governor`'s GCRA,
//! keyed by IP address.

use crate::error::ApiError;
use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use governor::clock::{Clock, DefaultClock};
use governor::middleware::StateInformationMiddleware;
use governor::state::keyed::HashMapStateStore;
use governor::{Quota, RateLimiter};
use pqrs_domain::{AccessCode, Pqr, Radicado};
use pqrs_infrastructure::{access, Db, StoreError};
use std::collections::HashMap;
use std::convert::Infallible;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::num::NonZeroU32;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

type Limiter =
    RateLimiter<IpAddr, HashMapStateStore<IpAddr>, DefaultClock, StateInformationMiddleware>;

/// Beyond this many addresses, forgotten entries are swept on the next failure.
const SWEEP_AT: usize = 10_000;

/// Failed access-code attempts per client address. Cheap to clone (shared).
#[derive(Clone)]
pub struct FailureLimiter {
    inner: Arc<Inner>,
}

struct Inner {
    per_minute: u32,
    limiter: Limiter,
    /// Addresses that used up their failures, until when.
    blocked: Mutex<HashMap<IpAddr, Instant>>,
}

impl std::fmt::Debug for FailureLimiter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FailureLimiter")
            .field("per_minute", &self.inner.per_minute)
            .finish_non_exhaustive()
    }
}

impl FailureLimiter {
    /// Allows `n` failures per address and minute (at least 1).
    pub fn per_minute(n: u32) -> FailureLimiter {
        let n = NonZeroU32::new(n).unwrap_or(NonZeroU32::MIN);
        FailureLimiter {
            inner: Arc::new(Inner {
                per_minute: n.get(),
                limiter: RateLimiter::hashmap(Quota::per_minute(n))
                    .with_middleware::<StateInformationMiddleware>(),
                blocked: Mutex::new(HashMap::new()),
            }),
        }
    }

    fn blocked(&self) -> std::sync::MutexGuard<'_, HashMap<IpAddr, Instant>> {
        self.inner
            .blocked
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// How long `ip` must still wait, if it has used up its failures.
    pub fn wait(&self, ip: IpAddr) -> Option<Duration> {
        let now = Instant::now();
        let mut blocked = self.blocked();
        match blocked.get(&ip) {
            Some(until) if *until > now => Some(*until - now),
            Some(_) => {
                blocked.remove(&ip);
                None
            }
            None => None,
        }
    }

    /// Counts a failure of `ip`; returns how long it must now wait when this failure used up
    /// its quota (the attempt is then answered 429 too).
    pub fn failed(&self, ip: IpAddr) -> Option<Duration> {
        let limiter = &self.inner.limiter;
        let wait = match limiter.check_key(&ip) {
            Ok(state) if state.remaining_burst_capacity() > 0 => None,
            Ok(state) => Some(state.quota().replenish_interval()),
            Err(not_until) => Some(not_until.wait_time_from(limiter.clock().now())),
        }?;
        let wait = wait.max(Duration::from_secs(1));
        let now = Instant::now();
        let mut blocked = self.blocked();
        if blocked.len() >= SWEEP_AT {
            blocked.retain(|_, until| *until > now);
            limiter.retain_recent();
        }
        blocked.insert(ip, now + wait);
        Some(wait)
    }
}

/// The client's IP address, from the connection (`ConnectInfo`); the unspecified address when
/// the server runs without connection info (then every client shares one budget).
#[derive(Debug, Clone, Copy)]
pub struct ClientIp(pub IpAddr);

impl<S: Send + Sync> FromRequestParts<S> for ClientIp {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Infallible> {
        Ok(ClientIp(
            parts
                .extensions
                .get::<ConnectInfo<SocketAddr>>()
                .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |c| c.0.ip()),
        ))
    }
}

/// The one gate of a citizen's access to a case, for tracking and for every citizen action:
/// an address that used up its failures is refused first (429); then the code is checked
/// against its stored hash before anything of the case is read
/// (`pqrs_infrastructure::access::code_matches`); an unknown radicado, a missing or malformed
/// code and a wrong one are the same 404, and each counts as a failure of the address.
pub async fn admit_citizen(
    failures: &FailureLimiter,
    db: &Db,
    ip: IpAddr,
    radicado: &str,
    code: Option<&str>,
) -> Result<Radicado, ApiError> {
    gate(failures, ip, radicado, code, |radicado, code| async move {
        Ok(access::code_matches(db, &radicado, &code)
            .await?
            .then_some(radicado))
    })
    .await
}

/// The same gate, for a request that reads the case and nothing else (tracking): the code is
/// checked and the case read in one statement
/// (`pqrs_infrastructure::access::case_if_code_matches`), nothing of the case is decoded
/// unless the code matches, and refusals are the same as [`admit_citizen`]'s.
pub async fn admit_citizen_to_case(
    failures: &FailureLimiter,
    db: &Db,
    ip: IpAddr,
    radicado: &str,
    code: Option<&str>,
) -> Result<Pqr, ApiError> {
    gate(failures, ip, radicado, code, |radicado, code| async move {
        access::case_if_code_matches(db, &radicado, &code).await
    })
    .await
}

/// The gate itself: the address's quota, the radicado and code well formed, then `open`
/// (`None`: the code does not match); every refusal counts as a failure of the address.
async fn gate<T, Open, Opening>(
    failures: &FailureLimiter,
    ip: IpAddr,
    radicado: &str,
    code: Option<&str>,
    open: Open,
) -> Result<T, ApiError>
where
    Open: FnOnce(Radicado, AccessCode) -> Opening,
    Opening: std::future::Future<Output = Result<Option<T>, StoreError>>,
{
    if let Some(wait) = failures.wait(ip) {
        return Err(ApiError::TooManyFailures(wait));
    }
    let parsed = (
        Radicado::parse(radicado),
        code.and_then(|c| AccessCode::parse(c).ok()),
    );
    if let (Ok(radicado), Some(code)) = parsed {
        if let Some(opened) = open(radicado, code).await? {
            return Ok(opened);
        }
    }
    Err(match failures.failed(ip) {
        Some(wait) => ApiError::TooManyFailures(wait),
        None => ApiError::NotFound,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_is_blocked_after_its_failures_and_others_are_not() {
        let limiter = FailureLimiter::per_minute(3);
        let a = IpAddr::V4(Ipv4Addr::new(10, 0, 0, 1));
        let b = IpAddr::V4(Ipv4Addr::new(10, 0, 0, 2));
        assert_eq!(limiter.failed(a), None);
        assert_eq!(limiter.failed(a), None);
        assert!(limiter.wait(a).is_none());
        let wait = limiter
            .failed(a)
            .expect("the third failure uses up the quota");
        assert!(wait > Duration::ZERO && wait <= Duration::from_secs(20));
        assert!(limiter.wait(a).is_some());
        assert!(limiter.wait(b).is_none());
        assert_eq!(limiter.failed(b), None);
    }
}
