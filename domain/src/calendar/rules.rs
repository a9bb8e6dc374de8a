//! National holiday rules as data: each rule says how the holiday's date is found, which law
//! makes it a holiday, and from when (and until when) it is in force.
//!
//! A new law that adds or removes a holiday is one more entry in [`NATIONAL_RULES`] (or an
//! `in_force_until` on an existing one), not a change to the engine.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// How a holiday's observed date is found in a given year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum HolidayDate {
    /// A fixed day of the year, never moved (Ley 51 de 1983 art. 1 num. 1).
    Fixed {
        /// Month, 1–12.
        month: u32,
        /// Day of the month.
        day: u32,
    },
    /// A day of the year moved to the following Monday when it does not fall on a Monday
    /// (Ley 51 de 1983 art. 1 num. 2, "Ley Emiliani").
    NextMonday {
        /// Month, 1–12.
        month: u32,
        /// Day of the month.
        day: u32,
    },
    /// A fixed offset in days from Easter Sunday (Gregorian computus). The offsets of the
    /// movable feasts already include the move to Monday of Ley 51 de 1983 art. 1 num. 2
    /// (docs/legal.md §1: Ascensión +43, Corpus Christi +64, Sagrado Corazón +71).
    Easter {
        /// Days after (positive) or before (negative) Easter Sunday.
        offset: i32,
    },
}

/// One national holiday rule: a name, how its date is found, the law that makes it a holiday
/// and the dates between which it is in force (docs/legal.md §1: "rules are data with a
/// legal basis and an effective date").
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct HolidayRule {
    /// The holiday's name in Spanish, e.g. "San José".
    pub name: Cow<'static, str>,
    /// How its date is found.
    pub date: HolidayDate,
    /// The law (and article) that makes it a holiday, e.g. "Ley 51 de 1983 art. 1".
    pub legal_basis: Cow<'static, str>,
    /// First observed date on which the rule applies (inclusive).
    pub in_force_from: NaiveDate,
    /// Last observed date on which the rule applies (inclusive); `None` while in force.
    pub in_force_until: Option<NaiveDate>,
}

const fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(y, m, d) {
        Some(d) => d,
        None => panic!("invalid date in the holiday rule table"),
    }
}

/// Ley 51 de 1983 applies from 1 January 1984 (docs/legal.md §1).
const LEY_51_1983: NaiveDate = date(1984, 1, 1);
/// Ley 2578 de 2026 (1 June 2026).
const LEY_2578_2026: NaiveDate = date(2026, 6, 1);

const fn rule(
    name: &'static str,
    date: HolidayDate,
    legal_basis: &'static str,
    in_force_from: NaiveDate,
) -> HolidayRule {
    HolidayRule {
        name: Cow::Borrowed(name),
        date,
        legal_basis: Cow::Borrowed(legal_basis),
        in_force_from,
        in_force_until: None,
    }
}

const fn fixed(month: u32, day: u32) -> HolidayDate {
    HolidayDate::Fixed { month, day }
}

const fn monday(month: u32, day: u32) -> HolidayDate {
    HolidayDate::NextMonday { month, day }
}

const fn easter(offset: i32) -> HolidayDate {
    HolidayDate::Easter { offset }
}

const FIXED: &str = "Ley 51 de 1983 art. 1 num. 1 (CST art. 177)";
const MOVED: &str = "Ley 51 de 1983 art. 1 num. 2 (CST art. 177): moved to the following Monday";
const HOLY_WEEK: &str = "Ley 51 de 1983 art. 1 num. 1 (CST art. 177): Jueves y Viernes Santo";
const MOVABLE: &str =
    "Ley 51 de 1983 art. 1 num. 1-2 (CST art. 177): movable feast moved to the following Monday";

/// The national holiday rules of Colombia, in force from 1984 (Ley 51 de 1983) plus
/// Ley 2578 de 2026. This table is the whole holiday law of the engine.
pub const NATIONAL_RULES: &[HolidayRule] = &[
    rule("Año Nuevo", fixed(1, 1), FIXED, LEY_51_1983),
    rule("Reyes Magos", monday(1, 6), MOVED, LEY_51_1983),
    rule("San José", monday(3, 19), MOVED, LEY_51_1983),
    rule("Jueves Santo", easter(-3), HOLY_WEEK, LEY_51_1983),
    rule("Viernes Santo", easter(-2), HOLY_WEEK, LEY_51_1983),
    rule("Día del Trabajo", fixed(5, 1), FIXED, LEY_51_1983),
    rule("Ascensión del Señor", easter(43), MOVABLE, LEY_51_1983),
    rule("Corpus Christi", easter(64), MOVABLE, LEY_51_1983),
    rule("Sagrado Corazón de Jesús", easter(71), MOVABLE, LEY_51_1983),
    rule("San Pedro y San Pablo", monday(6, 29), MOVED, LEY_51_1983),
    rule(
        "Nuestra Señora del Rosario de Chiquinquirá",
        monday(7, 9),
        "Ley 2578 de 2026: 9 July, moved to the following Monday",
        LEY_2578_2026,
    ),
    rule("Día de la Independencia", fixed(7, 20), FIXED, LEY_51_1983),
    rule("Batalla de Boyacá", fixed(8, 7), FIXED, LEY_51_1983),
    rule("Asunción de la Virgen", monday(8, 15), MOVED, LEY_51_1983),
    rule("Día de la Raza", monday(10, 12), MOVED, LEY_51_1983),
    rule("Todos los Santos", monday(11, 1), MOVED, LEY_51_1983),
    rule(
        "Independencia de Cartagena",
        monday(11, 11),
        MOVED,
        LEY_51_1983,
    ),
    rule("Inmaculada Concepción", fixed(12, 8), FIXED, LEY_51_1983),
    rule("Navidad", fixed(12, 25), FIXED, LEY_51_1983),
];

/// Easter Sunday of `year` in the Gregorian calendar (anonymous Gregorian algorithm, Meeus /
/// Jones / Butcher). `None` only for years chrono cannot represent.
pub fn easter_sunday(year: i32) -> Option<NaiveDate> {
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

/// `d` if it is a Monday, otherwise the following Monday (Ley 51 de 1983 art. 1 num. 2).
pub fn on_or_next_monday(d: NaiveDate) -> NaiveDate {
    let ahead = (7 - d.weekday().num_days_from_monday()) % 7;
    d + Duration::days(i64::from(ahead))
}

impl HolidayDate {
    /// The observed date in `year`; `None` when the date does not exist in that year.
    pub fn in_year(self, year: i32) -> Option<NaiveDate> {
        match self {
            HolidayDate::Fixed { month, day } => NaiveDate::from_ymd_opt(year, month, day),
            HolidayDate::NextMonday { month, day } => {
                NaiveDate::from_ymd_opt(year, month, day).map(on_or_next_monday)
            }
            HolidayDate::Easter { offset } => {
                easter_sunday(year).map(|e| e + Duration::days(i64::from(offset)))
            }
        }
    }
}

impl HolidayRule {
    /// Whether the rule applies on the observed date `d` (inside its effective range).
    pub fn in_force_on(&self, d: NaiveDate) -> bool {
        d >= self.in_force_from && self.in_force_until.is_none_or(|u| d <= u)
    }

    /// Whether the rule is in force on any day of `from..=to`.
    pub fn in_force_between(&self, from: NaiveDate, to: NaiveDate) -> bool {
        from <= to && self.in_force_from <= to && self.in_force_until.is_none_or(|u| u >= from)
    }

    /// The date the holiday is observed on in `year`, if the rule is in force on that date.
    pub fn observed_in(&self, year: i32) -> Option<NaiveDate> {
        self.date.in_year(year).filter(|d| self.in_force_on(*d))
    }

    /// A canonical one-line description, hashed into the calendar version.
    /// How the date is found, as the calendar version hashes it: `fixed:MM-DD`,
    /// `next-monday:MM-DD` (moved to the following Monday, Ley 51 de 1983 art. 1 num. 2) or
    /// `easter:±N` (days from Easter Sunday).
    pub fn date_rule(&self) -> String {
        match self.date {
            HolidayDate::Fixed { month, day } => format!("fixed:{month:02}-{day:02}"),
            HolidayDate::NextMonday { month, day } => format!("next-monday:{month:02}-{day:02}"),
            HolidayDate::Easter { offset } => format!("easter:{offset:+}"),
        }
    }

    pub(crate) fn canonical(&self) -> String {
        let until = self
            .in_force_until
            .map(|d| d.to_string())
            .unwrap_or_default();
        let how = self.date_rule();
        format!(
            "{}|{}|{}|{}|{}",
            self.name, how, self.legal_basis, self.in_force_from, until
        )
    }
}

/// Whether `d` falls on a weekend (never a business day, docs/legal.md §1).
pub fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}
