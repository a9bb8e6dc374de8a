//! How the service writes dates, answers and message titles for a person to read (Spanish,
//! es-CO): one place the portal, the console and the e-mails share.

use chrono::{Datelike, NaiveDate};
use pqrs_domain::notification::Message;

/// A date written out in Spanish: "martes 15 de diciembre de 2026".
pub fn fecha(d: NaiveDate) -> String {
    const DIAS: [&str; 7] = [
        "lunes",
        "martes",
        "miércoles",
        "jueves",
        "viernes",
        "sábado",
        "domingo",
    ];
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

/// An instant as a person in Bogotá reads it: "lunes 23 de noviembre de 2026, 9:00 a. m.".
pub fn fecha_hora(at: chrono::DateTime<chrono::FixedOffset>) -> String {
    use chrono::Timelike;
    let local = at.with_timezone(&pqrs_domain::deadline::bogota());
    let (pm, hour) = local.hour12();
    format!(
        "{}, {}:{:02} {}",
        fecha(local.date_naive()),
        hour,
        local.minute(),
        if pm { "p. m." } else { "a. m." }
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
}
