//! E-mail to the petitioner (issue 15): settings, the Spanish messages and the start of the
//! deliverer. The outbox and the SMTP delivery live in `pqrs_infrastructure::outbox`; this
//! module gives them the words, through [`EmailRenderer`] (askama templates
//! `templates/email/mensaje.{txt,html}`, branded with the `[entity]` settings).
//!
//! Messages are rendered when they are sent, from the facts stored in the outbox row (the
//! causing event and the filing's radicado, kind and subject): the store stays free of
//! templates, and a corrected template applies to the messages still waiting.
//!
//! Settings (environment first, then the configuration file; docs/notifications.md):
//! `PQRS_SMTP_URL` / `smtp_url`, `PQRS_SMTP_FROM` / `smtp_from`, `PQRS_SMTP_REPLY_TO` /
//! `smtp_reply_to`, `PQRS_MAIL_OFF` / `mail_off` (messages not to send) and
//! `PQRS_PORTAL_URL` / `portal_url` (the public address of the portal, for the link to follow
//! the case). Without an SMTP URL mail is off and one log line says so.

use crate::config::{ConfigError, Entity, FileConfig};
use askama::Template;
use chrono::{DateTime, FixedOffset};
use pqrs_domain::notification::Message;
use pqrs_domain::pqr::PqrEvent;
use pqrs_domain::pqr::SharedCalendar;
use pqrs_domain::Kind;
use pqrs_infrastructure::alerts::Webhook;
use pqrs_infrastructure::outbox::deliver::{Deliverer, MailSettings, Outgoing, Rendered, Renderer};
use pqrs_infrastructure::outbox::staff::StaffMessage;
use pqrs_infrastructure::outbox::{self, Letter, Queueing};
use pqrs_infrastructure::{Clock, Db};
use std::sync::Arc;

/// The mail settings of a process, resolved.
#[derive(Debug, Clone)]
pub struct MailConfig {
    /// The SMTP server and sender.
    pub settings: MailSettings,
    /// The messages switched on (all but those in `mail_off`).
    pub enabled: Vec<Message>,
    /// The staff messages switched on (all but those in `mail_off`).
    pub staff: Vec<StaffMessage>,
    /// The portal's public address, e.g. `https://pqrs.entidad.gov.co`.
    pub portal_url: Option<String>,
}

fn env_text(name: &str) -> Option<String> {
    std::env::var(name)
        .ok()
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
}

/// Resolves the mail settings: `None` when no SMTP URL is given (mail off).
pub fn mail_config(file: &FileConfig) -> Result<Option<MailConfig>, ConfigError> {
    let Some(url) = env_text("PQRS_SMTP_URL").or_else(|| file.smtp_url.clone()) else {
        return Ok(None);
    };
    let Some(from) = env_text("PQRS_SMTP_FROM").or_else(|| file.smtp_from.clone()) else {
        return Err(ConfigError::Invalid {
            key: "smtp_from",
            message: "el correo está activado (smtp_url) pero falta el remitente: \
                      PQRS_SMTP_FROM o smtp_from, p. ej. \"Entidad <pqrs@entidad.gov.co>\""
                .into(),
        });
    };
    let reply_to = env_text("PQRS_SMTP_REPLY_TO").or_else(|| file.smtp_reply_to.clone());
    let off: Vec<String> = match env_text("PQRS_MAIL_OFF") {
        Some(list) => list.split(',').map(|s| s.trim().to_owned()).collect(),
        None => file.mail_off.clone().unwrap_or_default(),
    };
    let mut enabled = Message::ALL.to_vec();
    let mut staff = StaffMessage::ALL.to_vec();
    for name in off.iter().filter(|s| !s.is_empty()) {
        match (Message::parse(name), StaffMessage::parse(name)) {
            (Some(m), _) => enabled.retain(|e| *e != m),
            (None, Some(m)) => staff.retain(|e| *e != m),
            (None, None) => {
                return Err(ConfigError::Invalid {
                    key: "mail_off",
                    message: format!(
                        "`{name}` no es un mensaje; use {}, {}",
                        Message::ALL.map(Message::as_str).join(", "),
                        StaffMessage::ALL.map(StaffMessage::as_str).join(", ")
                    ),
                })
            }
        }
    }
    let portal_url = env_text("PQRS_PORTAL_URL")
        .or_else(|| file.portal_url.clone())
        .map(|u| u.trim_end_matches('/').to_owned());
    if let Some(u) = &portal_url {
        if !(u.starts_with("https://") || u.starts_with("http://")) {
            return Err(ConfigError::Invalid {
                key: "portal_url",
                message: format!("`{u}` debe empezar por https:// o http://"),
            });
        }
    }
    let settings = MailSettings {
        url,
        from,
        reply_to,
    };
    settings.domain().map_err(|e| ConfigError::Invalid {
        key: "smtp_from",
        message: e.to_string(),
    })?;
    Ok(Some(MailConfig {
        settings,
        enabled,
        staff,
        portal_url,
    }))
}

/// Switches queueing on and builds the deliverer when mail is configured; logs one line
/// saying whether mail is on. `None`: mail is off.
pub fn prepare(
    db: &Db,
    clock: &Clock,
    file: &FileConfig,
    entity: &Entity,
    webhooks: Arc<Vec<Webhook>>,
    calendar: SharedCalendar,
) -> Result<Option<Deliverer>, Box<dyn std::error::Error + Send + Sync>> {
    let Some(config) = mail_config(file)? else {
        outbox::set_queueing(None);
        tracing::info!(
            "e-mail to petitioners is OFF: set PQRS_SMTP_URL and PQRS_SMTP_FROM (or smtp_url \
             and smtp_from in the configuration file) to switch it on (docs/notifications.md)"
        );
        return Ok(None);
    };
    let deliverer = Deliverer::new(
        db.clone(),
        clock.clone(),
        &config.settings,
        Arc::new(EmailRenderer {
            entity: entity.clone(),
            portal_url: config.portal_url.clone(),
        }),
        webhooks,
    )?;
    let queueing = Queueing {
        domain: config.settings.domain()?,
        enabled: config.enabled.clone(),
        staff: config.staff.clone(),
    };
    let deliverer = deliverer.with_digest(queueing.clone(), calendar);
    outbox::set_queueing(Some(queueing));
    tracing::info!(
        smtp = %pqrs_infrastructure::outbox::deliver::redact_url(&config.settings.url),
        from = %config.settings.from,
        messages = %config.enabled.iter().map(|m| m.as_str())
            .chain(config.staff.iter().map(|m| m.as_str()))
            .collect::<Vec<_>>().join(","),
        "e-mail to petitioners is ON"
    );
    Ok(Some(deliverer))
}

/// Starts the deliverer of `pqrs serve` when mail is configured (polls every 500 ms).
pub fn start(
    db: &Db,
    clock: &Clock,
    file: &FileConfig,
    entity: &Entity,
    webhooks: Arc<Vec<Webhook>>,
    calendar: SharedCalendar,
) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    if let Some(d) = prepare(db, clock, file, entity, webhooks, calendar)? {
        outbox::deliver::spawn(d, std::time::Duration::from_millis(500));
    }
    Ok(())
}

/// Writes the messages with the entity's name, colour and contact data.
#[derive(Debug, Clone)]
pub struct EmailRenderer {
    /// The entity (the `[entity]` settings).
    pub entity: Entity,
    /// The portal's public address.
    pub portal_url: Option<String>,
}

/// The parts of a message, before the layout.
#[derive(Debug, Default)]
pub(crate) struct Content {
    pub(crate) subject: String,
    pub(crate) title: String,
    pub(crate) before: Vec<String>,
    pub(crate) quote: Option<String>,
    pub(crate) after: Vec<String>,
    pub(crate) facts: Vec<(String, String)>,
    pub(crate) legal: &'static str,
}

#[derive(Template)]
#[template(path = "email/mensaje.txt")]
struct TextMail<'a> {
    entity: &'a str,
    title: &'a str,
    before: &'a [String],
    quote: &'a Option<String>,
    after: &'a [String],
    facts: &'a [(String, String)],
    follow: &'a str,
    follow_url: &'a Option<String>,
    legal: &'a str,
    contact: &'a [String],
    message_id: &'a str,
}

#[derive(Template)]
#[template(path = "email/mensaje.html")]
struct HtmlMail<'a> {
    entity: &'a str,
    primary_color: &'a str,
    title: &'a str,
    before: &'a [String],
    quote: &'a Option<String>,
    after: &'a [String],
    facts: &'a [(String, String)],
    follow: &'a str,
    follow_url: &'a Option<String>,
    legal: &'a str,
    contact: &'a [String],
    message_id: &'a str,
}

/// The filing's facts as stored in the outbox row.
#[derive(Debug, serde::Deserialize)]
struct FilingFacts {
    radicado: String,
    kind: String,
    subject: String,
    received_at: DateTime<FixedOffset>,
    /// Absent only from facts queued before it was written, which carry the filing event (and
    /// its due date) too.
    #[serde(default)]
    due_date: Option<chrono::NaiveDate>,
}

/// A queued message's facts (infrastructure/src/outbox): the filing's facts and the causing
/// event, except for a filing's acknowledgement, queued since 2026-12-01 with the filing's
/// facts alone (a row queued before carries the filing event too, and still renders).
#[derive(Debug, serde::Deserialize)]
struct Facts {
    #[serde(default)]
    event: Option<PqrEvent>,
    filing: FilingFacts,
}

use crate::words::{fecha, fecha_hora};

mod staff_mail;

const CPACA_56: &str = "Usted aceptó ser notificado por correo electrónico (Ley 1437 de 2011, \
                        art. 56). La notificación queda hecha en la fecha y hora en que usted \
                        acceda a este mensaje.";

/// The acknowledgement of a filing (Ley 1755 de 2015, art. 14: the term it runs in).
fn acknowledgement(
    c: &mut Content,
    kind: &str,
    radicado: &str,
    received_at: DateTime<FixedOffset>,
    due_date: chrono::NaiveDate,
) {
    c.subject = format!("Radicado {radicado}: recibimos su {kind}");
    c.title = format!("Recibimos su {kind}");
    c.before = vec![
        format!(
            "La entidad recibió su {kind} el {} y le asignó el número de radicado {radicado}.",
            fecha_hora(received_at)
        ),
        format!(
            "El plazo de la entidad para responderle vence el {}.",
            fecha(due_date)
        ),
    ];
    // How to follow the case comes after, in every message to the petitioner (`render`).
    c.after = vec![
        "Por su seguridad, este correo no incluye el código de acceso que recibió al radicar."
            .into(),
    ];
    c.facts
        .push(("Fecha límite de respuesta".into(), fecha(due_date)));
    c.legal = "Ley 1755 de 2015, art. 14";
}

fn content(message: Message, facts: &Facts) -> Result<Content, String> {
    let f = &facts.filing;
    let r = &f.radicado;
    let kind = Kind::parse(&f.kind).map_or("solicitud", Kind::spanish);
    let mut c = Content {
        facts: vec![
            ("Radicado".into(), r.clone()),
            ("Tipo".into(), kind.to_owned()),
            ("Asunto".into(), f.subject.clone()),
        ],
        ..Content::default()
    };
    let Some(event) = &facts.event else {
        return match (message, f.due_date) {
            (Message::FilingAcknowledgement, Some(due)) => {
                acknowledgement(&mut c, kind, r, f.received_at, due);
                Ok(c)
            }
            (m, _) => Err(format!(
                "the stored facts have no event for the message `{}`",
                m.as_str()
            )),
        };
    };
    match (message, event) {
        (Message::FilingAcknowledgement, PqrEvent::PqrFiled(e)) => {
            acknowledgement(&mut c, kind, r, f.received_at, e.due_date);
        }
        (Message::CompletionRequested, PqrEvent::CompletionRequested(e)) => {
            c.subject = format!("Radicado {r}: necesitamos que complete su solicitud");
            c.title = "Necesitamos que complete su solicitud".into();
            c.before = vec![format!(
                "Para resolver su {kind} con radicado {r}, la entidad necesita que usted \
                 aporte lo siguiente:"
            )];
            c.quote = Some(e.what.as_str().to_owned());
            c.after = vec![
                format!(
                    "Tiene hasta el {} para entregarlo. Mientras tanto, el plazo para \
                     responderle está suspendido; vuelve a correr al día siguiente de recibir \
                     lo solicitado.",
                    fecha(e.window_ends_on)
                ),
                "Si no lo entrega en ese plazo se entenderá que desistió de su solicitud, \
                 salvo que antes de que venza pida una prórroga, que puede ser de hasta un mes \
                 más."
                    .into(),
            ];
            c.facts
                .push(("Plazo para completar".into(), fecha(e.window_ends_on)));
            c.legal = "Ley 1755 de 2015, art. 17";
        }
        (Message::TermExtended, PqrEvent::TermExtended(e)) => {
            c.subject = format!("Radicado {r}: ampliamos el plazo para responder");
            c.title = "Ampliamos el plazo para responder su solicitud".into();
            c.before = vec![format!(
                "La entidad no puede responder su {kind} con radicado {r} dentro del plazo \
                 inicial, que vencía el {}. Estos son los motivos:",
                fecha(e.previous_due_date)
            )];
            c.quote = Some(e.reasons.as_str().to_owned());
            c.after = vec![format!(
                "La nueva fecha límite de respuesta es el {}.",
                fecha(e.new_due_date)
            )];
            c.facts.push((
                "Nueva fecha límite de respuesta".into(),
                fecha(e.new_due_date),
            ));
            c.legal = "Ley 1755 de 2015, art. 14 parágrafo";
        }
        (Message::Forwarded, PqrEvent::PqrForwarded(e)) => {
            c.subject = format!("Radicado {r}: trasladamos su solicitud a {}", e.authority);
            c.title = "Trasladamos su solicitud a la autoridad competente".into();
            c.before = vec![format!(
                "La entidad no es competente para resolver su {kind} con radicado {r}. El {} \
                 remitió su solicitud a: {}. Estos son los motivos:",
                fecha(e.forwarded_on),
                e.authority
            )];
            c.quote = Some(e.reasons.as_str().to_owned());
            c.after = vec![format!(
                "En adelante {} es quien debe responderle; el plazo para hacerlo se cuenta \
                 desde el día siguiente a aquel en que reciba su solicitud.",
                e.authority
            )];
            c.facts
                .push(("Autoridad competente".into(), e.authority.to_string()));
            c.legal = "Ley 1755 de 2015, art. 21";
        }
        (Message::Answer, PqrEvent::PqrAnswered(e)) => {
            c.subject = format!("Radicado {r}: respuesta a su {kind}");
            c.title = format!("Respuesta a su {kind}");
            c.before = vec![format!(
                "La entidad respondió su {kind} con radicado {r} el {}. Esta es la respuesta:",
                fecha(e.answered_on)
            )];
            c.quote = Some(e.text.as_str().to_owned());
            c.after = vec![CPACA_56.into()];
            c.facts.push((
                "Sentido de la respuesta".into(),
                crate::words::outcome_text(e.outcome.as_str()).to_owned(),
            ));
            c.legal = "Ley 1755 de 2015, art. 14; Ley 1437 de 2011, art. 56";
        }
        (Message::TacitWithdrawal, PqrEvent::TacitWithdrawalRecorded(e)) => {
            c.subject = format!("Radicado {r}: decisión de desistimiento tácito");
            c.title = "Decisión de desistimiento tácito".into();
            c.before = vec![format!(
                "El plazo para completar su {kind} con radicado {r} venció el {} sin que la \
                 entidad recibiera lo solicitado. Por eso, el {} la entidad decretó el \
                 desistimiento tácito y archivó la solicitud:",
                fecha(e.window_closed_on),
                fecha(e.decided_on)
            )];
            c.quote = Some(e.reasons.clone());
            c.after = vec![
                "Contra esta decisión solo procede el recurso de reposición. Usted puede \
                 presentar de nuevo su solicitud con todos los requisitos."
                    .into(),
                CPACA_56.into(),
            ];
            c.legal = "Ley 1755 de 2015, art. 17; Ley 1437 de 2011, art. 56";
        }
        (Message::PositiveSilence, PqrEvent::PositiveSilenceReached(e)) => {
            c.subject = format!("Radicado {r}: su solicitud de información se entiende aceptada");
            c.title = "Su solicitud de información se entiende aceptada".into();
            c.before = vec![format!(
                "La entidad no respondió su {kind} con radicado {r} a más tardar el {}. Por \
                 eso, desde el {} su solicitud se entiende aceptada (silencio administrativo \
                 positivo).",
                fecha(e.due_date),
                fecha(e.accepted_from)
            )];
            c.after = vec![format!(
                "La entidad debe entregarle las copias a más tardar el {}.",
                fecha(e.deliver_by)
            )];
            c.facts.push((
                "Entrega de las copias a más tardar".into(),
                fecha(e.deliver_by),
            ));
            c.legal = "Ley 1755 de 2015, art. 14 num. 1";
        }
        (m, _) => {
            return Err(format!(
                "the stored event does not match the message `{}`",
                m.as_str()
            ))
        }
    }
    Ok(c)
}

impl Renderer for EmailRenderer {
    fn render(&self, m: &Outgoing) -> Result<Rendered, String> {
        let (c, follow_url, follow) = match m.message {
            Letter::Petitioner(message) => {
                let facts: Facts = serde_json::from_value(m.facts.clone())
                    .map_err(|e| format!("stored facts: {e}"))?;
                let follow_url = self.portal_url.as_ref().map(|u| format!("{u}/consultar"));
                let follow = if follow_url.is_some() {
                    "Puede consultar su solicitud con su número de radicado y su código de \
                     acceso en:"
                } else {
                    "Puede consultar su solicitud con su número de radicado y su código de \
                     acceso en el portal de la entidad, opción «Consultar su solicitud»."
                };
                (content(message, &facts)?, follow_url, follow)
            }
            Letter::Staff(message) => {
                let (c, path) = staff_mail::content(message, &m.facts)?;
                let follow_url = self.portal_url.as_ref().map(|u| format!("{u}{path}"));
                let follow = if follow_url.is_some() {
                    "Consulte el detalle en la consola de funcionarios:"
                } else {
                    "Consulte el detalle en la consola de funcionarios (/funcionarios)."
                };
                (c, follow_url, follow)
            }
        };
        let e = &self.entity;
        let contact: Vec<String> = [
            e.address.as_ref().map(|a| format!("Dirección: {a}")),
            e.phone.as_ref().map(|p| format!("Teléfono: {p}")),
            e.email.as_ref().map(|m| format!("Correo: {m}")),
            e.hours
                .as_ref()
                .map(|h| format!("Horario de atención: {h}")),
        ]
        .into_iter()
        .flatten()
        .collect();
        let message_id = format!("<{}>", m.id);
        let text = TextMail {
            entity: &e.name,
            title: &c.title,
            before: &c.before,
            quote: &c.quote,
            after: &c.after,
            facts: &c.facts,
            follow,
            follow_url: &follow_url,
            legal: c.legal,
            contact: &contact,
            message_id: &message_id,
        }
        .render()
        .map_err(|e| e.to_string())?;
        let html = HtmlMail {
            entity: &e.name,
            primary_color: &e.primary_color,
            title: &c.title,
            before: &c.before,
            quote: &c.quote,
            after: &c.after,
            facts: &c.facts,
            follow,
            follow_url: &follow_url,
            legal: c.legal,
            contact: &contact,
            message_id: &message_id,
        }
        .render()
        .map_err(|e| e.to_string())?;
        Ok(Rendered {
            subject: c.subject,
            text,
            html,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filing_facts() -> serde_json::Value {
        serde_json::json!({
            "radicado": "2026-000001",
            "kind": "petition",
            "subject": "Alumbrado público",
            "received_at": "2026-11-24T09:00:00.123456-05:00",
            "due_date": "2026-12-16",
        })
    }

    /// What the acknowledgement says, as one text to compare.
    fn said(facts: serde_json::Value) -> String {
        let facts: Facts = serde_json::from_value(facts).expect("facts");
        let c = content(Message::FilingAcknowledgement, &facts).expect("an acknowledgement");
        format!("{c:?}")
    }

    /// A filing's acknowledgement is queued with the filing's facts alone; one queued before
    /// that, with the filing event too (and, older still, without `due_date` in the filing's
    /// facts), says the same.
    #[test]
    fn an_acknowledgement_reads_the_same_from_old_and_new_facts() {
        let new = said(serde_json::json!({ "filing": filing_facts() }));
        assert!(new.contains("16 de diciembre de 2026"), "{new}");
        assert!(new.contains("2026-000001"), "{new}");
        let event = serde_json::json!({"PqrFiled": {
            "access_code_hash": "3f1a9c0d2b7e4f6a8c1d3e5f7a9b0c2d4e6f8a1b3c5d7e9f0a2b4c6d8e0f1a3b",
            "calendar_version": "co-2026-9c1e4b7a",
            "channel": "web",
            "consent_personal_data": true,
            "description": "La luminaria no enciende.",
            "due_date": "2026-12-16",
            "effective_received_on": "2026-11-24",
            "kind": "petition",
            "petitioner": {"name": "Ana Pérez", "email": "ana@example.co"},
            "policy_id": "ley-1755-2015",
            "policy_version": "1",
            "radicado": "2026-000001",
            "received_at": "2026-11-24T09:00:00.123456-05:00",
            "subject": "Alumbrado público",
            "term": {"days": 15, "unit": "business"}
        }});
        assert_eq!(
            said(serde_json::json!({ "event": event, "filing": filing_facts() })),
            new
        );
        let mut older = filing_facts();
        older.as_object_mut().map(|o| o.remove("due_date"));
        assert_eq!(
            said(serde_json::json!({ "event": event, "filing": older })),
            new
        );
    }

    /// Without the event, only the acknowledgement can be written: any other message needs
    /// what its event says, and is refused (kept and reported by the deliverer), not sent
    /// empty.
    #[test]
    fn other_messages_need_their_event() {
        let facts: Facts =
            serde_json::from_value(serde_json::json!({ "filing": filing_facts() })).expect("facts");
        assert!(content(Message::CompletionRequested, &facts).is_err());
    }
}
