//! The pqrs HTTP service and CLI.
//!
//! `app` assembles the axum router (routes, OpenAPI, middleware); `routes` holds one module per
//! area of the API; `error` is the only place HTTP statuses are chosen (problem+json);
//! `config` layers defaults, an optional TOML file, `PQRS_*` environment and flags.

/// The allocator of every process that runs pqrs (the `pqrs` binary, and the end-to-end
/// server the tests run): mimalloc, whose per-thread heaps take the many small allocations of
/// a filing (JSON, rows, strings) without glibc's locks and consolidation.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

pub mod access;
pub mod app;
pub mod auth;
pub mod bodies;
pub mod cli;
pub mod config;
pub mod console;
pub mod error;
pub mod extract;
pub mod i18n;
pub mod notify;
pub mod openapi;
pub mod pages;
pub mod routes;
pub mod server;
pub mod state;
pub mod words;
