//! Sealing and opening one personal field (issue 16, docs/privacy.md): what a filing pays for
//! each of its sealed fields (the petitioner, the subject, the description) when the desk
//! writes it and again when the case projection and the outbox read it. Prints the time per
//! field at the sizes those fields have; no assertion (docs/performance.md, run 15: the
//! Poly1305 back end chosen in `.cargo/config.toml`).
//!
//! Run: `cargo bench -p pqrs-tests --bench sealing`. Environment: `PQRS_BENCH_ITERATIONS`
//! (default 200000).

// Test code: a failed step panics, naming what failed (the workspace warns elsewhere).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use pqrs_infrastructure::crypto::{open_field, seal_field, SecretKey};
use std::hint::black_box;
use std::time::Instant;

fn main() {
    let iterations: u32 = std::env::var("PQRS_BENCH_ITERATIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200_000);
    let key = SecretKey::generate();
    let fields = [
        ("subject", "Cobro doble".to_owned()),
        (
            "petitioner",
            r#"{"name":"Ana Pérez","id_type":"CC","id_number":"1020304050","email":"ana@example.co","phone":null,"address":null}"#
                .to_owned(),
        ),
        (
            "description",
            "Me cobraron dos veces el mismo servicio en la factura de octubre. ".repeat(3),
        ),
    ];
    println!("| field | bytes | seal ns | open ns |");
    println!("|---|---:|---:|---:|");
    for (path, plain) in &fields {
        let started = Instant::now();
        let mut sealed = String::new();
        for _ in 0..iterations {
            sealed = seal_field(&key, "2026-000001", 1, path, black_box(plain));
        }
        let seal = started.elapsed().as_nanos() / u128::from(iterations);
        let started = Instant::now();
        for _ in 0..iterations {
            let opened = open_field(&key, "2026-000001", 1, path, black_box(&sealed)).unwrap();
            black_box(opened);
        }
        let open = started.elapsed().as_nanos() / u128::from(iterations);
        println!("| {path} | {} | {seal} | {open} |", plain.len());
    }
}
