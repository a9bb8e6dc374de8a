//! When a case's personal data may be suppressed (issue 16, docs/privacy.md, docs/legal.md).
//!
//! The petitioner may ask that their data be suppressed (Ley 1581 de 2012 art. 8 lit. e), but
//! not while a legal or contractual duty keeps it (art. 15; Decreto 1377 de 2013 art. 9): the
//! case is being handled, or its file is within the retention period of the entity's table of
//! documentary retention (Ley 594 de 2000 art. 24, Acuerdo 004 de 2019 del AGN). An order of a
//! competent authority (a judge, the Superintendencia de Industria y Comercio) overrides.

use chrono::{Datelike, NaiveDate};

mod schedule;

pub use schedule::{
    RetentionEntry, RetentionSchedule, ScheduleError, DEFAULT_BASIS, DEFAULT_RETENTION_YEARS,
    MAX_RETENTION_YEARS,
};

/// Why a suppression is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SuppressionRefused {
    /// The case is open: handling it is a legal duty (Ley 1581 de 2012 art. 8 lit. e and art.
    /// 15; Decreto 1377 de 2013 art. 9).
    #[error(
        "el caso sigue en trámite: mientras la entidad deba atenderlo sus datos no se pueden \
         suprimir (Ley 1581 de 2012 art. 8 lit. e y art. 15; Decreto 1377 de 2013 art. 9), \
         salvo orden de autoridad competente"
    )]
    Open,
    /// The closed case's file is within its retention period (its kind's entry of the
    /// [`RetentionSchedule`]).
    #[error(
        "el expediente está dentro de su tiempo de retención hasta el {until} ({basis}; Ley 1581 \
         de 2012 art. 15; Decreto 1377 de 2013 art. 9): sus datos no se pueden suprimir antes, \
         salvo orden de autoridad competente"
    )]
    WithinRetention {
        /// The last day of retention.
        until: NaiveDate,
        /// The schedule entry's basis.
        basis: String,
    },
}

/// The last day a case closed on `closed_on` must be kept.
pub fn retained_until(closed_on: NaiveDate, years: u32) -> NaiveDate {
    let year = closed_on.year() + i32::try_from(years).unwrap_or(i32::MAX / 2);
    closed_on
        .with_year(year)
        // 29 February of a year that has none: the 28th.
        .or_else(|| NaiveDate::from_ymd_opt(year, closed_on.month(), 28))
        .unwrap_or(NaiveDate::MAX)
}

/// Whether a case closed on `closed_on` (`None`: open) may have its personal data suppressed
/// on `today`, given its kind's `entry` of the retention schedule and whether an authority's
/// order was given (Ley 1581 de 2012 art. 15; Ley 594 de 2000 art. 24).
pub fn may_suppress(
    closed_on: Option<NaiveDate>,
    today: NaiveDate,
    entry: &RetentionEntry,
    ordered: bool,
) -> Result<(), SuppressionRefused> {
    if ordered {
        return Ok(());
    }
    let closed_on = closed_on.ok_or(SuppressionRefused::Open)?;
    let until = retained_until(closed_on, entry.years);
    if today <= until {
        return Err(SuppressionRefused::WithinRetention {
            until,
            basis: entry.basis.clone(),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn years(years: u32) -> RetentionEntry {
        RetentionEntry {
            years,
            basis: "TRD".into(),
        }
    }

    #[test]
    fn an_open_case_is_kept_unless_ordered() {
        assert_eq!(
            may_suppress(None, d("2040-01-01"), &years(10), false),
            Err(SuppressionRefused::Open)
        );
        assert_eq!(
            may_suppress(None, d("2026-01-01"), &years(10), true),
            Ok(())
        );
    }

    #[test]
    fn a_closed_case_is_kept_through_its_last_day_of_retention() {
        let closed = d("2026-12-01");
        assert_eq!(
            may_suppress(Some(closed), d("2036-12-01"), &years(10), false),
            Err(SuppressionRefused::WithinRetention {
                until: d("2036-12-01"),
                basis: "TRD".into()
            })
        );
        assert_eq!(
            may_suppress(Some(closed), d("2036-12-02"), &years(10), false),
            Ok(())
        );
        assert_eq!(retained_until(d("2028-02-29"), 1), d("2029-02-28"));
    }
}
