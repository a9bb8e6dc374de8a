//! `pqrs projections rebuild`: replay the whole log into a fresh copy of a view.

use super::common::{open_named, CliResult, DbArgs};
use super::lang::{say, word};
use crate::config::FileConfig;
use crate::i18n::Msg;
use clap::Subcommand;
use pqrs_infrastructure::projection;

/// Projection commands.
#[derive(Debug, Subcommand)]
pub enum ProjectionsCli {
    /// Recorre todo el registro hacia una copia nueva de una vista y la pone en su lugar sin
    /// detener el servicio.
    Rebuild {
        /// La proyección (por omisión, todas). Existe: case_view.
        name: Option<String>,
        /// Dónde está el almacén (`--database-url`, `PQRS_DATABASE_URL` o el archivo de
        /// configuración).
        #[command(flatten)]
        db: DbArgs,
    },
}

/// Runs a projection command.
pub async fn run(command: ProjectionsCli, file: &FileConfig) -> CliResult {
    let ProjectionsCli::Rebuild { name, db } = command;
    if let Some(n) = &name {
        if !projection::PROJECTIONS.contains(&n.as_str()) {
            return Err(say(Msg::new("cli-projection-unknown")
                .arg("name", n)
                .arg("known", projection::PROJECTIONS.join(", ")))
            .into());
        }
    }
    let db = open_named(db, file).await?;
    let bar = indicatif::ProgressBar::new(0);
    if !std::io::IsTerminal::is_terminal(&std::io::stderr()) {
        bar.set_draw_target(indicatif::ProgressDrawTarget::hidden());
    }
    bar.set_style(
        indicatif::ProgressStyle::with_template(&format!(
            "{{msg}} [{{bar:40}}] {{pos}}/{{len}} {} ({{per_sec}}, eta {{eta}})",
            word("cli-projection-progress")
        ))
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
    let rate = replayed as f64 / secs.max(1e-9);
    println!(
        "{}",
        say(Msg::new("cli-projection-rebuilt")
            .arg("name", projection::CASE_VIEW)
            .arg("count", replayed)
            .arg("secs", format!("{secs:.2}"))
            .arg("rate", format!("{rate:.0}")))
    );
    Ok(())
}
