//! Bogotá civil time (docs/legal.md §2), without a time-zone database dependency.
//!
//! Colombia keeps UTC−05:00 all year, except for the energy-saving "hora Gaviria" of
//! 1992–1993, when clocks were one hour ahead (UTC−04:00). The IANA tz database (release
//! 2025b, file `southamerica`, as compiled in `tzdata.zi`) records it as
//!
//! ```text
//! Rule CO 1992 only - May  3  0:00 1:00 -
//! Rule CO 1993 only - Feb  6 24:00 0    -
//! ```
//!
//! that is, UTC−04:00 from 1992-05-03T05:00:00Z (00:00 −05 became 01:00 −04) until
//! 1993-02-07T04:00:00Z (24:00 −04 on 6 February became 23:00 −05). Older tz releases ended
//! it on 1993-04-04; docs/legal.md records why the current tzdb data is used. Those two
//! instants are the only data this module needs; they are inside the supported calendar
//! range (from 1984), so filings of that period get the right local date.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, Offset, TimeZone, Utc};

/// Start of the 1992–1993 daylight-saving period (hora Gaviria): 1992-05-03T05:00:00Z, as a
/// Unix timestamp. Source: IANA tzdb 2025b `Rule CO 1992 only - May 3 0:00 1:00`.
pub const HORA_GAVIRIA_START_UNIX: i64 = 704_869_200;
/// End of the hora Gaviria: 1993-02-07T04:00:00Z, as a Unix timestamp. Source: IANA tzdb
/// 2025b `Rule CO 1993 only - Feb 6 24:00 0`.
pub const HORA_GAVIRIA_END_UNIX: i64 = 729_057_600;

const STANDARD_SECONDS_WEST: i32 = 5 * 3600;
const GAVIRIA_SECONDS_WEST: i32 = 4 * 3600;

fn west(seconds: i32) -> FixedOffset {
    // Both offsets are well inside ±24 h, so `west_opt` cannot fail.
    FixedOffset::west_opt(seconds).unwrap_or_else(|| Utc.fix())
}

/// Bogotá's standard offset, UTC−05:00 (docs/legal.md §2).
pub fn bogota() -> FixedOffset {
    west(STANDARD_SECONDS_WEST)
}

/// Bogotá's offset in force at `instant`: UTC−04:00 during the hora Gaviria
/// (1992-05-03T05:00Z ..< 1993-02-07T04:00Z), UTC−05:00 otherwise.
pub fn bogota_offset_at<Tz: TimeZone>(instant: &DateTime<Tz>) -> FixedOffset {
    let t = instant.timestamp();
    if (HORA_GAVIRIA_START_UNIX..HORA_GAVIRIA_END_UNIX).contains(&t) {
        west(GAVIRIA_SECONDS_WEST)
    } else {
        bogota()
    }
}

/// The instant in Bogotá civil time (offset included).
pub fn local_datetime<Tz: TimeZone>(instant: &DateTime<Tz>) -> DateTime<FixedOffset> {
    instant.with_timezone(&bogota_offset_at(instant))
}

/// The Bogotá local date of an instant (docs/legal.md §2), hora Gaviria included.
pub fn local_date<Tz: TimeZone>(instant: &DateTime<Tz>) -> NaiveDate {
    local_datetime(instant).date_naive()
}

/// The first instant whose Bogotá local date is after `date`: the local midnight that ends
/// `date` (docs/legal.md §4: from the next local midnight the PQR is overdue). When a
/// clock change skips that midnight (1992-05-03), it is the first instant of the next day.
pub fn start_of_next_local_day(date: NaiveDate) -> Option<DateTime<FixedOffset>> {
    let next: NaiveDateTime = date.succ_opt()?.and_hms_opt(0, 0, 0)?;
    // Try the earlier UTC instant first (−04:00 gives an earlier instant than −05:00).
    for seconds_west in [GAVIRIA_SECONDS_WEST, STANDARD_SECONDS_WEST] {
        let candidate = west(seconds_west).from_local_datetime(&next).single()?;
        let local = local_datetime(&candidate);
        if local.date_naive() > date {
            return Some(local);
        }
    }
    None
}
