//! Rebuilds the crate when a migration is added or changed: `sqlx::migrate!` embeds the
//! `migrations/` folders at compile time, and cargo does not otherwise see new files there.

fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
