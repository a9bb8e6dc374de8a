//! `pqrs holidays YEAR`: the national holidays of a year.

use super::common::CliResult;
use pqrs_domain::Calendar;
use std::io::Write;

/// Runs `pqrs holidays YEAR`.
pub fn run(year: i32) -> CliResult {
    let holidays = Calendar::colombia().holidays(year)?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "Festivos nacionales de Colombia, {year}")?;
    for h in holidays {
        writeln!(out, "{}  {:<9}  {}", h.date, h.date.format("%A"), h.name)?;
    }
    Ok(())
}
