//! `pqrs projections rebuild`: replay the whole log into a fresh copy of a view.

use super::common::{open_named, CliResult, DbArgs};
use crate::config::FileConfig;
use clap::Subcommand;
use pqrs_infrastructure::projection;

/// Projection commands.
#[derive(Debug, Subcommand)]
pub enum ProjectionsCli {
    /// Replay the whole log into a fresh copy of a view and swap it in without downtime.
    Rebuild {
        /// The projection (default: all). Known: case_view.
        name: Option<String>,
        /// Where the store is (`--database-url`, `PQRS_DATABASE_URL` or the config file).
        #[command(flatten)]
        db: DbArgs,
    },
}

/// Runs a projection command.
pub async fn run(command: ProjectionsCli, file: &FileConfig) -> CliResult {
    let ProjectionsCli::Rebuild { name, db } = command;
    if let Some(n) = &name {
        if !projection::PROJECTIONS.contains(&n.as_str()) {
            return Err(format!(
                "unknown projection `{n}`; known: {}",
                projection::PROJECTIONS.join(", ")
            )
            .into());
        }
    }
    let db = open_named(db, file).await?;
    let bar = indicatif::ProgressBar::new(0);
    if !std::io::IsTerminal::is_terminal(&std::io::stderr()) {
        bar.set_draw_target(indicatif::ProgressDrawTarget::hidden());
    }
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{msg} [{bar:40}] {pos}/{len} events ({per_sec}, eta {eta})",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    bar.set_message(projection::CASE_VIEW);
    let started = std::time::Instant::now();
    let replayed = projection::rebuild_case_view(&db, 5_000, |at, head| {
        bar.set_length(u64::try_from(head).unwrap_or(0));
        bar.set_position(u64::try_from(at).unwrap_or(0));
    })
    .await?;
    bar.finish_and_clear();
    let secs = started.elapsed().as_secs_f64();
    println!(
        "rebuilt {}: {replayed} events in {secs:.2} s ({:.0} events/s)",
        projection::CASE_VIEW,
        replayed as f64 / secs.max(1e-9)
    );
    Ok(())
}
