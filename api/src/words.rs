//! How the service writes dates, answers and message titles for a person to read: one place
//! the portal, the console and the e-mails share, in the person's language (`date_in`,
//! `date_time_in`, `outcome_in`, `message_title_in`); `fecha`, `outcome_text` and
//! `message_title` are their Spanish forms.

use crate::i18n::Lang;
use chrono::{Datelike, NaiveDate};
use pqrs_domain::notification::Message;

/// A date written out in `lang`: "martes 15 de diciembre de 2026", "Tuesday 15 December 2026".
pub fn date_in(lang: Lang, d: NaiveDate) -> String {
    match lang {
        Lang::Es => fecha(d),
        Lang::En => d.format("%A %-d %B %Y").to_string(),
    }
}

/// An instant as a person in Bogotá reads it, in `lang`: "lunes 23 de noviembre de 2026,
/// 9:00 a. m.", "Monday 23 November 2026, 9:00 a.m.".
pub fn date_time_in(lang: Lang, at: chrono::DateTime<chrono::FixedOffset>) -> String {
    use chrono::Timelike;
    let local = at.with_timezone(&pqrs_domain::deadline::bogota());
    let (pm, hour) = local.hour12();
    let (am_text, pm_text) = match lang {
        Lang::Es => ("a. m.", "p. m."),
        Lang::En => ("a.m.", "p.m."),
    };
    format!(
        "{}, {}:{:02} {}",
        date_in(lang, local.date_naive()),
        hour,
        local.minute(),
        if pm { pm_text } else { am_text }
    )
}

/// The outcome of an answer in plain words, in `lang`.
pub fn outcome_in(lang: Lang, outcome: &str) -> &'static str {
    match lang {
        Lang::Es => outcome_text(outcome),
        Lang::En => match outcome {
            "granted" => "Favourable",
            "denied" => "Unfavourable",
            "partially_granted" => "Partly favourable",
            "informative" => "Informative",
            "forwarded" => "Forwarded to the competent authority",
            _ => "Answer",
        },
    }
}

/// The title of a message, by its stored name, in `lang` (for the case page).
pub fn message_title_in(lang: Lang, name: &str) -> Option<&'static str> {
    match lang {
        Lang::Es => message_title(name),
        Lang::En => Some(match Message::parse(name)? {
            Message::FilingAcknowledgement => "Filing receipt",
            Message::CompletionRequested => "Request to complete the information (art. 17)",
            Message::TermExtended => "Extension of the term to answer (art. 14)",
            Message::Forwarded => "Forwarding to the competent authority (art. 21)",
            Message::Answer => "Answer to your request",
            Message::TacitWithdrawal => "Decision of tacit withdrawal (art. 17)",
            Message::PositiveSilence => "Positive administrative silence (art. 14)",
        }),
    }
}

/// The days of the week in Spanish, Monday first.
const DIAS: [&str; 7] = [
    "lunes",
    "martes",
    "miércoles",
    "jueves",
    "viernes",
    "sábado",
    "domingo",
];

/// The day of the week of `d` in `lang`: "martes", "Tuesday".
pub fn weekday_in(lang: Lang, d: NaiveDate) -> &'static str {
    const DAYS: [&str; 7] = [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ];
    let i = d.weekday().num_days_from_monday() as usize;
    match lang {
        Lang::Es => DIAS[i],
        Lang::En => DAYS[i],
    }
}

/// A date written out in Spanish: "martes 15 de diciembre de 2026".
pub fn fecha(d: NaiveDate) -> String {
    const MESES: [&str; 12] = [
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ];
    format!(
        "{} {} de {} de {}",
        DIAS[d.weekday().num_days_from_monday() as usize],
        d.day(),
        MESES[d.month0() as usize],
        d.year()
    )
}

/// The outcome of an answer in plain Spanish.
pub fn outcome_text(outcome: &str) -> &'static str {
    match outcome {
        "granted" => "Favorable",
        "denied" => "Desfavorable",
        "partially_granted" => "Parcialmente favorable",
        "informative" => "Informativa",
        "forwarded" => "Trasladada a la autoridad competente",
        _ => "Respuesta",
    }
}

/// The Spanish title of a message, by its stored name (for the case page).
pub fn message_title(name: &str) -> Option<&'static str> {
    Some(match Message::parse(name)? {
        Message::FilingAcknowledgement => "Constancia de radicación",
        Message::CompletionRequested => "Solicitud para completar la información (art. 17)",
        Message::TermExtended => "Ampliación del plazo para responder (art. 14)",
        Message::Forwarded => "Traslado a la autoridad competente (art. 21)",
        Message::Answer => "Respuesta a su solicitud",
        Message::TacitWithdrawal => "Decisión de desistimiento tácito (art. 17)",
        Message::PositiveSilence => "Silencio administrativo positivo (art. 14)",
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_out_in_spanish() {
        let d = NaiveDate::from_ymd_opt(2026, 12, 15).expect("date");
        assert_eq!(fecha(d), "martes 15 de diciembre de 2026");
        let d = NaiveDate::from_ymd_opt(2027, 1, 6).expect("date");
        assert_eq!(fecha(d), "miércoles 6 de enero de 2027");
    }

    #[test]
    fn dates_are_written_out_in_english_on_request() {
        let d = NaiveDate::from_ymd_opt(2026, 12, 15).expect("date");
        assert_eq!(date_in(Lang::En, d), "Tuesday 15 December 2026");
        assert_eq!(date_in(Lang::Es, d), "martes 15 de diciembre de 2026");
        let at = chrono::DateTime::parse_from_rfc3339("2026-11-23T14:05:00Z").expect("instant");
        assert_eq!(
            date_time_in(Lang::En, at),
            "Monday 23 November 2026, 9:05 a.m."
        );
    }
}
