//! The words of the staff messages (issue 15): the assignment notice and the daily digest of
//! a dependency. Only what the official's role may see in the console: radicado, kind, due
//! date and the link to the console; never the petitioner's data, the subject, the text or an
//! access code.

use super::Content;
use crate::pages::fecha;
use chrono::NaiveDate;
use pqrs_domain::Kind;
use pqrs_infrastructure::outbox::staff::{StaffMessage, DUE_SOON_BUSINESS_DAYS};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct CaseFacts {
    radicado: String,
    kind: String,
    due_date: NaiveDate,
}

#[derive(Debug, Deserialize)]
struct Assignment {
    #[serde(flatten)]
    case: CaseFacts,
    dependency: String,
}

#[derive(Debug, Deserialize)]
struct Digest {
    dependency: String,
    day: NaiveDate,
    overdue: Vec<CaseFacts>,
    due_soon: Vec<CaseFacts>,
}

fn kind(k: &str) -> String {
    Kind::parse(k).map_or_else(|_| "solicitud".to_owned(), |k| k.spanish().to_owned())
}

/// The content of a staff message and the console path it links to.
pub(crate) fn content(
    message: StaffMessage,
    facts: &serde_json::Value,
) -> Result<(Content, String), String> {
    let bad = |e: serde_json::Error| format!("stored facts: {e}");
    match message {
        StaffMessage::Assignment => {
            let a: Assignment = serde_json::from_value(facts.clone()).map_err(bad)?;
            let r = &a.case.radicado;
            let k = kind(&a.case.kind);
            let c = Content {
                subject: format!("Radicado {r}: se le asignó un caso"),
                title: "Se le asignó un caso".into(),
                before: vec![format!(
                    "Se le asignó el caso con radicado {r} ({k}) en {}. Debe responderse a \
                     más tardar el {}.",
                    a.dependency,
                    fecha(a.case.due_date)
                )],
                after: vec![
                    "Por seguridad, este correo no incluye los datos del peticionario ni el \
                     contenido de la solicitud: consúltelos en la consola."
                        .into(),
                ],
                facts: vec![
                    ("Radicado".into(), r.clone()),
                    ("Tipo".into(), k),
                    ("Fecha límite de respuesta".into(), fecha(a.case.due_date)),
                ],
                legal: "Ley 1755 de 2015, art. 14",
                ..Content::default()
            };
            Ok((c, format!("/funcionarios/casos/{r}")))
        }
        StaffMessage::Digest => {
            let d: Digest = serde_json::from_value(facts.clone()).map_err(bad)?;
            let mut facts = Vec::new();
            for c in &d.overdue {
                facts.push((
                    format!("Vencido: {}", c.radicado),
                    format!("{}, venció el {}", kind(&c.kind), fecha(c.due_date)),
                ));
            }
            for c in &d.due_soon {
                facts.push((
                    format!("Por vencer: {}", c.radicado),
                    format!("{}, vence el {}", kind(&c.kind), fecha(c.due_date)),
                ));
            }
            let overdue = match d.overdue.len() {
                1 => "1 caso vencido".to_owned(),
                n => format!("{n} casos vencidos"),
            };
            let c = Content {
                subject: format!(
                    "{}: {overdue} y {} por vencer ({})",
                    d.dependency,
                    d.due_soon.len(),
                    fecha(d.day)
                ),
                title: format!("Casos vencidos y por vencer de {}", d.dependency),
                before: vec![format!(
                    "Estos son los casos abiertos de {} que ya vencieron o que vencen en los \
                     próximos {DUE_SOON_BUSINESS_DAYS} días hábiles, al {}.",
                    d.dependency,
                    fecha(d.day)
                )],
                after: vec![
                    "Responder fuera del plazo es falta disciplinaria (Ley 1755 de 2015, art. \
                     31)."
                        .into(),
                ],
                facts,
                legal: "Ley 1755 de 2015, arts. 14 y 31",
                ..Content::default()
            };
            Ok((c, "/funcionarios/bandeja".into()))
        }
    }
}
