//! The words a person reads in a report (titles, headings, column labels, chart captions,
//! yes/no, the manifest's labels), one table per language. Both tables are values of the
//! same struct, so a label cannot exist in one language only: the crate does not compile.
//! Machine-read parts (CSV keys, enum values, JSON field names) are not here and do not
//! change with the language.

use super::super::ReportKind;
use pqrs_domain::pqr::{Outcome, Status};
use pqrs_domain::{Channel, Kind};

/// The language of a report's human labels. Spanish (es-CO) unless asked otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// Spanish, as a Colombian official writes it. The default.
    #[default]
    Es,
    /// English, on request.
    En,
}

impl Lang {
    /// The `lang` attribute of the HTML page.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Es => "es",
            Lang::En => "en",
        }
    }

    /// The label table of the language.
    pub(crate) fn labels(self) -> &'static Labels {
        match self {
            Lang::Es => &ES,
            Lang::En => &EN,
        }
    }

    /// A number with the language's decimal mark, or a dash.
    pub(crate) fn num(self, v: Option<f64>) -> String {
        match (v, self) {
            (Some(x), Lang::Es) => x.to_string().replace('.', ","),
            (Some(x), Lang::En) => x.to_string(),
            (None, _) => "—".to_owned(),
        }
    }

    /// The name of a kind of PQRSD.
    pub(crate) fn kind(self, k: Kind) -> &'static str {
        match self {
            Lang::Es => k.spanish(),
            Lang::En => match k {
                Kind::Petition => "petition",
                Kind::InformationRequest => "request for documents and information",
                Kind::Consultation => "consultation",
                Kind::Complaint => "complaint",
                Kind::Claim => "claim",
                Kind::Report => "report of wrongdoing",
                Kind::Suggestion => "suggestion",
                Kind::Commendation => "commendation",
            },
        }
    }

    /// The name of a status in English (Spanish comes with the report's data).
    pub(crate) fn status_en(s: Status) -> &'static str {
        match s {
            Status::Filed => "filed",
            Status::InProgress => "in progress",
            Status::Suspended => "suspended (art. 17)",
            Status::Answered => "answered",
            Status::Forwarded => "forwarded (art. 21)",
            Status::Withdrawn => "withdrawn (art. 18)",
            Status::WithdrawnTacitly => "tacitly withdrawn (art. 17)",
            Status::Voided => "voided",
        }
    }

    /// The name of a channel in English, by its API value (Spanish comes with the report's
    /// data); `None` for a key that is not a channel.
    pub(crate) fn channel_en(key: &str) -> Option<&'static str> {
        let channel = Channel::ALL.into_iter().find(|c| c.as_str() == key)?;
        Some(match channel {
            Channel::Web => "web",
            Channel::Email => "e-mail",
            Channel::Phone => "telephone",
            Channel::InPerson => "in person",
            Channel::Mail => "post",
        })
    }

    /// The label of a bucket of open cases by business days left in English, by its key
    /// (Spanish comes with the report's data); `None` for an unknown key.
    pub(crate) fn bucket_en(key: &str) -> Option<&'static str> {
        Some(match key {
            "overdue" => "overdue",
            "0-3" => "0 to 3 business days",
            "4-7" => "4 to 7 business days",
            "8-15" => "8 to 15 business days",
            "16+" => "16 or more business days",
            "suspended" => "suspended (art. 17)",
            _ => return None,
        })
    }

    /// The name of an outcome in English.
    pub(crate) fn outcome_en(o: Outcome) -> &'static str {
        match o {
            Outcome::Granted => "granted",
            Outcome::Denied => "denied",
            Outcome::PartiallyGranted => "partially granted",
            Outcome::Informative => "informative",
            Outcome::Forwarded => "forwarded (late)",
        }
    }
}

impl Labels {
    /// The title of a report.
    pub(crate) fn title(&self, kind: ReportKind) -> &'static str {
        match kind {
            ReportKind::AccessToInformation => self.title_access,
            ReportKind::PqrFollowUp => self.title_follow_up,
            ReportKind::Dashboard => self.title_dashboard,
        }
    }
}

/// Every human label of the reports.
#[derive(Debug)]
pub(crate) struct Labels {
    pub yes: &'static str,
    pub no: &'static str,
    /// The sheet of the workbook.
    pub sheet: &'static str,
    pub title_access: &'static str,
    pub title_follow_up: &'static str,
    pub title_dashboard: &'static str,
    /// Between the two dates of the `<title>`.
    pub to: &'static str,
    // The header's sentence, in pieces around the figures.
    pub period_from: &'static str,
    pub period_to: &'static str,
    pub period_cut: &'static str,
    pub period_log: &'static str,
    pub recorded_on: &'static str,
    pub footer_1: &'static str,
    pub footer_2: &'static str,
    // The manifest (ficha técnica).
    pub manifest: &'static str,
    pub m_report: &'static str,
    pub m_version: &'static str,
    pub m_period: &'static str,
    pub m_position: &'static str,
    pub m_as_of_local: &'static str,
    pub m_as_of_utc: &'static str,
    pub m_calendar: &'static str,
    pub m_filing_calendars: &'static str,
    pub m_policies: &'static str,
    pub m_sha: &'static str,
    // Access to information.
    pub a_summary: &'static str,
    pub a_rows: [&'static str; 16],
    pub a_chart: &'static str,
    pub business_days: &'static str,
    pub a_chart_caption: &'static str,
    pub a_each: &'static str,
    pub a_cols: [&'static str; 10],
    // Follow-up.
    pub f_total: &'static str,
    pub f_cols: [&'static str; 18],
    pub f_series: [&'static str; 4],
    pub f_chart: &'static str,
    pub f_chart_caption: &'static str,
    pub f_by_kind: &'static str,
    pub f_by_channel: &'static str,
    pub f_by_dependency: &'static str,
    pub f_ratings: &'static str,
    pub cases: &'static str,
    pub f_ratings_caption: &'static str,
    // Dashboard.
    pub d_weekly: &'static str,
    pub d_weekly_chart: &'static str,
    pub d_weekly_caption: &'static str,
    pub d_on_time: &'static str,
    pub d_on_time_chart: &'static str,
    pub d_on_time_axis: &'static str,
    pub d_on_time_caption: &'static str,
    pub d_cols: [&'static str; 6],
    pub d_open: &'static str,
    pub d_open_chart: &'static str,
    pub d_open_caption: &'static str,
    pub d_overdue: &'static str,
    pub d_none_overdue: &'static str,
    pub d_overdue_suffix: &'static str,
    pub d_overdue_cols: [&'static str; 4],
}

/// Spanish (es-CO): the default.
pub(crate) const ES: Labels = Labels {
    yes: "sí",
    no: "no",
    sheet: "informe",
    title_access: "Informe de solicitudes de acceso a la información",
    title_follow_up: "Informe de seguimiento a peticiones, quejas, reclamos, sugerencias y denuncias",
    title_dashboard: "Tablero de gestión de PQRSD",
    to: "a",
    period_from: "Periodo: radicadas entre el ",
    period_to: " y el ",
    period_cut: " (fecha local de recepción, Bogotá). Corte: posición ",
    period_log: " del registro de eventos",
    recorded_on: ", registrada el ",
    footer_1: "Generado por pqrs a partir del registro de eventos. Las cifras se recalculan idénticas desde la posición ",
    footer_2: "; su huella SHA-256 es ",
    manifest: "Ficha técnica (manifiesto)",
    m_report: "Informe",
    m_version: "versión",
    m_period: "Periodo",
    m_position: "Posición del registro",
    m_as_of_local: "Instante de corte (hora de Bogotá)",
    m_as_of_utc: "Instante de corte (as_of, UTC)",
    m_calendar: "Calendario usado",
    m_filing_calendars: "Calendarios de radicación",
    m_policies: "Políticas de términos",
    m_sha: "SHA-256 del contenido",
    a_summary: "Resumen (Decreto 103 de 2015, art. 52)",
    a_rows: [
        "1. Solicitudes de información recibidas",
        "2. Solicitudes trasladadas a otra institución",
        "   — dentro de los 5 días del art. 21 de la Ley 1755",
        "   — remitidas después (respuesta «remitida»)",
        "3. Tiempo de respuesta: mediana (días hábiles)",
        "   Tiempo de respuesta: percentil 90 (días hábiles)",
        "4. Solicitudes en las que se negó el acceso",
        "   — negadas totalmente",
        "   — negadas parcialmente (concedidas en parte)",
        "Respondidas a tiempo",
        "Respondidas fuera de término",
        "Desistidas",
        "Abiertas al corte",
        "Vencidas al corte",
        "Con silencio positivo (art. 14 num. 1)",
        "Radicados anulados (no cuentan como recibidas)",
    ],
    a_chart: "Tiempo de respuesta por solicitud",
    business_days: "días hábiles",
    a_chart_caption: "Días hábiles entre la recepción efectiva y la respuesta o el traslado, sin los días de suspensión del art. 17.",
    a_each: "Tiempo de respuesta de cada solicitud (art. 52 num. 3)",
    a_cols: [
        "Radicado",
        "Recibida",
        "Vence",
        "Estado",
        "Sentido",
        "Cierre",
        "Días hábiles",
        "A tiempo",
        "Acceso negado",
        "Trasladada a",
    ],
    f_total: "Total de la entidad",
    f_cols: [
        "Recibidas",
        "Resp. a tiempo",
        "Resp. tarde",
        "Abiertas",
        "Vencidas hoy",
        "Mediana (días háb.)",
        "P90 (días háb.)",
        "Suspensiones",
        "Prórrogas",
        "Traslados",
        "Desist. expresos",
        "Desist. tácitos",
        "Calificaciones",
        "Promedio",
        "1·2·3·4·5",
        "Avisados por correo",
        "Correos fallidos",
        "Último aviso",
    ],
    f_series: ["a tiempo", "tarde", "abiertas", "otros cierres"],
    f_chart: "Recibidas por tipo y estado",
    f_chart_caption: "Cada barra es un tipo de PQRSD; otros cierres: traslados (art. 21) y desistimientos (arts. 17 y 18).",
    f_by_kind: "Por tipo",
    f_by_channel: "Por canal",
    f_by_dependency: "Por dependencia",
    f_ratings: "Calificaciones de satisfacción",
    cases: "casos",
    f_ratings_caption: "Distribución de las calificaciones (1 = peor, 5 = mejor) de los casos respondidos.",
    d_weekly: "Volumen semanal por tipo",
    d_weekly_chart: "Radicadas por semana",
    d_weekly_caption: "Semanas de lunes a domingo (se indica el lunes), recortadas al periodo.",
    d_on_time: "Cumplimiento semanal",
    d_on_time_chart: "Respuestas a tiempo por semana de radicación (%)",
    d_on_time_axis: "% a tiempo",
    d_on_time_caption: "A tiempo / (a tiempo + tarde + abiertas ya vencidas), por semana de radicación.",
    d_cols: [
        "Semana (lunes)",
        "Radicadas",
        "A tiempo",
        "Tarde",
        "Abiertas vencidas",
        "% a tiempo",
    ],
    d_open: "Casos abiertos por días hábiles restantes",
    d_open_chart: "Abiertas por días hábiles restantes",
    d_open_caption: "Días hábiles que faltan para el vencimiento en la fecha de corte.",
    d_overdue: "Casos más vencidos por dependencia",
    d_none_overdue: "No hay casos vencidos en la fecha de corte.",
    d_overdue_suffix: "vencidas",
    d_overdue_cols: ["Radicado", "Tipo", "Vencía", "Días hábiles de atraso"],
};

/// English, on request.
pub(crate) const EN: Labels = Labels {
    yes: "yes",
    no: "no",
    sheet: "report",
    title_access: "Report on requests for access to information",
    title_follow_up: "Follow-up report on petitions, complaints, claims, suggestions and reports",
    title_dashboard: "PQRSD management dashboard",
    to: "to",
    period_from: "Period: filed between ",
    period_to: " and ",
    period_cut: " (local date of receipt, Bogotá). Cut-off: position ",
    period_log: " of the event log",
    recorded_on: ", recorded on ",
    footer_1: "Produced by pqrs from the event log. The figures are recomputed identically from position ",
    footer_2: "; their SHA-256 fingerprint is ",
    manifest: "Technical sheet (manifest)",
    m_report: "Report",
    m_version: "version",
    m_period: "Period",
    m_position: "Log position",
    m_as_of_local: "Cut-off instant (Bogotá time)",
    m_as_of_utc: "Cut-off instant (as_of, UTC)",
    m_calendar: "Calendar used",
    m_filing_calendars: "Filing calendars",
    m_policies: "Term policies",
    m_sha: "SHA-256 of the content",
    a_summary: "Summary (Decreto 103 de 2015, art. 52)",
    a_rows: [
        "1. Information requests received",
        "2. Requests forwarded to another institution",
        "   — within the 5 days of art. 21 of Ley 1755",
        "   — sent on later (answer «forwarded»)",
        "3. Response time: median (business days)",
        "   Response time: 90th percentile (business days)",
        "4. Requests in which access was denied",
        "   — fully denied",
        "   — partially denied (granted in part)",
        "Answered on time",
        "Answered late",
        "Withdrawn",
        "Open at the cut-off",
        "Overdue at the cut-off",
        "With positive silence (art. 14 num. 1)",
        "Voided radicados (not counted as received)",
    ],
    a_chart: "Response time of each request",
    business_days: "business days",
    a_chart_caption: "Business days between the effective receipt and the answer or the forwarding, without the days suspended under art. 17.",
    a_each: "Response time of each request (art. 52 num. 3)",
    a_cols: [
        "Radicado",
        "Received",
        "Due",
        "Status",
        "Outcome",
        "Closed",
        "Business days",
        "On time",
        "Access denied",
        "Forwarded to",
    ],
    f_total: "Entity total",
    f_cols: [
        "Received",
        "Answ. on time",
        "Answ. late",
        "Open",
        "Overdue today",
        "Median (bus. days)",
        "P90 (bus. days)",
        "Suspensions",
        "Extensions",
        "Forwards",
        "Express withdr.",
        "Tacit withdr.",
        "Ratings",
        "Mean",
        "1·2·3·4·5",
        "Told by e-mail",
        "Failed e-mails",
        "Last notice",
    ],
    f_series: ["on time", "late", "open", "other closures"],
    f_chart: "Received by kind and status",
    f_chart_caption: "Each bar is a kind of PQRSD; other closures: forwards (art. 21) and withdrawals (arts. 17 and 18).",
    f_by_kind: "By kind",
    f_by_channel: "By channel",
    f_by_dependency: "By dependency",
    f_ratings: "Satisfaction ratings",
    cases: "cases",
    f_ratings_caption: "Distribution of the ratings (1 = worst, 5 = best) of the answered cases.",
    d_weekly: "Weekly volume by kind",
    d_weekly_chart: "Filed per week",
    d_weekly_caption: "Weeks from Monday to Sunday (the Monday is shown), cut to the period.",
    d_on_time: "Weekly compliance",
    d_on_time_chart: "Answers on time by week of filing (%)",
    d_on_time_axis: "% on time",
    d_on_time_caption: "On time / (on time + late + open and already overdue), by week of filing.",
    d_cols: [
        "Week (Monday)",
        "Filed",
        "On time",
        "Late",
        "Open overdue",
        "% on time",
    ],
    d_open: "Open cases by business days left",
    d_open_chart: "Open by business days left",
    d_open_caption: "Business days left until the due date on the cut-off date.",
    d_overdue: "Most overdue cases by dependency",
    d_none_overdue: "No case is overdue on the cut-off date.",
    d_overdue_suffix: "overdue",
    d_overdue_cols: ["Radicado", "Kind", "Was due", "Business days late"],
};

#[cfg(test)]
mod tests {
    use super::{EN, ES};

    /// Every label is written in both languages: the same struct holds both tables, and a
    /// label left empty in one language while the other has it fails here.
    #[test]
    fn every_label_exists_in_both_languages() {
        let es = format!("{ES:?}");
        let en = format!("{EN:?}");
        let empties = |s: &str| s.matches("\"\"").count();
        assert_eq!(
            empties(&es),
            empties(&en),
            "an empty label in one language only"
        );
        assert_ne!(es, en);
        for (a, b) in [(ES.yes, EN.yes), (ES.title_access, EN.title_access)] {
            assert_ne!(a, b);
        }
    }
}
