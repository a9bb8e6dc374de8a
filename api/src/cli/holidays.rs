//! `pqrs holidays YEAR`: the national holidays of a year.

use super::common::CliResult;
use super::lang::{lang, say};
use crate::i18n::Msg;
use crate::words::weekday_in;
use pqrs_domain::Calendar;
use std::io::Write;

/// Runs `pqrs holidays YEAR`.
pub fn run(year: i32) -> CliResult {
    let holidays = Calendar::colombia().holidays(year)?;
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{}",
        say(Msg::new("cli-holidays-title").arg("year", year))
    )?;
    for h in holidays {
        writeln!(
            out,
            "{}  {:<9}  {}",
            h.date,
            weekday_in(lang(), h.date),
            h.name
        )?;
    }
    Ok(())
}
