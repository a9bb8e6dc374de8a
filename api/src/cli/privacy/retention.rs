//! `pqrs privacy retention-report --from --to`: the cases whose personal data the scheduler
//! suppressed by retention in a period (Ley 594 de 2000 art. 24; docs/privacy.md), as JSON,
//! the same rows as `GET /v1/privacy/retention-report`.

use crate::cli::common::{open, CliResult};
use crate::cli::lang::say;
use crate::i18n::Msg;
use chrono::NaiveDate;
use pqrs_infrastructure::privacy::retention;
use serde_json::json;

/// A date argument.
fn date(flag: &str, value: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d").map_err(|_| {
        say(Msg::new("cli-privacy-bad-date")
            .arg("flag", flag)
            .arg("value", value))
    })
}

/// Prints the report of `from` through `to` for the store at `url`.
pub async fn run(url: &str, from: &str, to: &str) -> CliResult {
    let from = date("--from", from)?;
    let to = date("--to", to)?;
    if to < from {
        return Err(say(Msg::new("cli-privacy-dates-reversed")
            .arg("from", from)
            .arg("to", to))
        .into());
    }
    let db = open(url).await?;
    let cases = retention::report(&db, from, to).await?;
    let out = json!({"from": from, "to": to, "cases": cases});
    println!("{}", serde_json::to_string_pretty(&out)?);
    Ok(())
}
