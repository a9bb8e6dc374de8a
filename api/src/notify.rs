//! E-mail to the petitioner (issue 15): settings, the messages and the start of the
//! deliverer. The outbox and the SMTP delivery live in `pqrs_infrastructure::outbox`; this
//! module gives them the words, through [`EmailRenderer`] (askama templates
//! `templates/email/mensaje.{txt,html}`, branded with the `[entity]` settings, and the
//! `mail-…` messages of the Fluent catalogues).
//!
//! A message is written in the language the petitioner filed in (`"language"` in its facts;
//! Spanish when absent). Spanish is the official language (Constitución Política art. 10), so a
//! message in English is followed by its official Spanish text. Messages to staff are in the
//! official's language (kept with their account, docs/language.md), Spanish while none is kept:
//! an internal notice, not an act of the entity, so an English one carries no Spanish text.
//!
//! Messages are rendered when they are sent, from the facts stored in the outbox row (the
//! causing event and the filing's radicado, kind and subject): the store stays free of
//! templates, and a corrected template applies to the messages still waiting.
//!
//! Settings (environment first, then the configuration file; docs/notifications.md):
//! `PQRS_SMTP_URL` / `smtp_url`, `PQRS_SMTP_FROM` / `smtp_from`, `PQRS_SMTP_REPLY_TO` /
//! `smtp_reply_to`, `PQRS_SMTP_CA_FILE` / `smtp_ca_file` (authorities to trust for the server's
//! certificate beside the Mozilla roots), `PQRS_MAIL_OFF` / `mail_off` (messages not to send) and
//! `PQRS_PORTAL_URL` / `portal_url` (the public address of the portal, for the link to follow
//! the case). Without an SMTP URL mail is off and one log line says so.

use crate::config::{ConfigError, Entity, FileConfig};
use crate::i18n::{Lang, Msg};
use crate::pages::texts;
use crate::words::{date_in, date_time_in, outcome_in};
use askama::Template;
use chrono::{DateTime, FixedOffset};
use pqrs_domain::contact::Language;
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

impl MailConfig {
    /// The names of the messages on, the petitioner's then staff's (as `mail_off` names them).
    pub fn messages_on(&self) -> Vec<&'static str> {
        let petitioner = self.enabled.iter().map(|m| m.as_str());
        petitioner
            .chain(self.staff.iter().map(|m| m.as_str()))
            .collect()
    }
}

fn env_text(name: &str) -> Option<String> {
    std::env::var(name)
        .ok()
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
}

/// Resolves the mail settings, each checked: `None` when no SMTP URL is given (mail off).
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
        ca_pem: ca_file(file)?,
    };
    settings.check()?;
    Ok(Some(MailConfig {
        settings,
        enabled,
        staff,
        portal_url,
    }))
}

/// The certificates of `PQRS_SMTP_CA_FILE` / `smtp_ca_file`, read at start so that a file
/// that cannot be used stops it, naming the setting.
fn ca_file(file: &FileConfig) -> Result<Option<Vec<u8>>, ConfigError> {
    let Some(path) = env_text("PQRS_SMTP_CA_FILE").or_else(|| file.smtp_ca_file.clone()) else {
        return Ok(None);
    };
    let invalid = |message: String| ConfigError::Invalid {
        key: "smtp_ca_file",
        message,
    };
    let pem = std::fs::read(&path).map_err(|e| {
        invalid(format!(
            "no se pudo leer `{path}`: {}",
            crate::config::io_reason(&e)
        ))
    })?;
    if !pem
        .windows(CERTIFICATE.len())
        .any(|w| w == CERTIFICATE.as_bytes())
    {
        return Err(invalid(format!(
            "`{path}` no contiene ningún certificado en formato PEM ({CERTIFICATE})"
        )));
    }
    Ok(Some(pem))
}

/// How a certificate starts in a PEM file.
const CERTIFICATE: &str = "-----BEGIN CERTIFICATE-----";

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
        messages = %config.messages_on().join(","),
        "e-mail to petitioners is ON"
    );
    if config.settings.password_in_clear() {
        tracing::warn!(
            smtp = %pqrs_infrastructure::outbox::deliver::redact_url(&config.settings.url),
            "the SMTP password crosses the network unencrypted: use smtps:// or ?tls=required \
             (docs/notifications.md)"
        );
    }
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

/// One language's text of a message, as the layout shows it: the petitioner's language first,
/// then (when that is not Spanish) the official Spanish text.
#[derive(Debug)]
struct Section {
    /// The BCP 47 tag of its language (`lang` of its `div`).
    lang: &'static str,
    /// Above the title, for the official Spanish text after a translation.
    heading: Option<String>,
    title: String,
    /// Under the title: what a translation is.
    note: Option<String>,
    greeting: String,
    before: Vec<String>,
    quote: Option<String>,
    after: Vec<String>,
    facts: Vec<(String, String)>,
    follow: String,
    follow_url: Option<String>,
    follow_link: String,
    legal: String,
    closing: String,
}

#[derive(Template)]
#[template(path = "email/mensaje.txt")]
struct TextMail<'a> {
    entity: &'a str,
    sections: &'a [Section],
    contact: &'a [String],
    automatic: &'a str,
}

#[derive(Template)]
#[template(path = "email/mensaje.html")]
struct HtmlMail<'a> {
    lang: &'a str,
    entity: &'a str,
    primary_color: &'a str,
    title: &'a str,
    sections: &'a [Section],
    contact: &'a [String],
    automatic: &'a str,
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
    /// The petitioner's language; absent for Spanish and in facts queued before it was kept.
    #[serde(default)]
    language: Language,
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

mod staff_mail;

/// The `mail-…` message `key` of the catalogues in `lang`, with `args`.
fn say(lang: Lang, key: &str, args: &[(&str, &str)]) -> String {
    args.iter()
        .fold(Msg::new(key), |m, (name, value)| m.arg(name, value))
        .text(lang)
}

/// The acknowledgement of a filing (Ley 1755 de 2015, art. 14: the term it runs in).
fn acknowledgement(
    c: &mut Content,
    lang: Lang,
    kind: &str,
    radicado: &str,
    received_at: DateTime<FixedOffset>,
    due_date: chrono::NaiveDate,
) {
    let due = date_in(lang, due_date);
    let args = [("kind", kind), ("radicado", radicado)];
    c.subject = say(lang, "mail-ack-subject", &args);
    c.title = say(lang, "mail-ack-title", &args);
    c.before = vec![
        say(
            lang,
            "mail-ack-received",
            &[
                ("kind", kind),
                ("radicado", radicado),
                ("when", &date_time_in(lang, received_at)),
            ],
        ),
        say(lang, "mail-ack-due", &[("date", &due)]),
    ];
    // How to follow the case comes after, in every message to the petitioner (`render`).
    c.after = vec![say(lang, "mail-ack-no-code", &[])];
    c.facts.push((say(lang, "mail-fact-due", &[]), due));
    c.legal = "Ley 1755 de 2015, art. 14";
}

/// What `message` says, in `lang`, from the stored `facts`.
fn content(message: Message, facts: &Facts, lang: Lang) -> Result<Content, String> {
    let f = &facts.filing;
    let r = f.radicado.as_str();
    let kind = match (Kind::parse(&f.kind), lang) {
        (Ok(k), _) => (texts::of(lang).kind_name)(k),
        (Err(_), Lang::Es) => "solicitud",
        (Err(_), Lang::En) => "request",
    };
    let t = |key: &str, args: &[(&str, &str)]| say(lang, key, args);
    let date = |d: chrono::NaiveDate| date_in(lang, d);
    let case = [("kind", kind), ("radicado", r)];
    let mut c = Content {
        facts: vec![
            (t("mail-fact-radicado", &[]), r.to_owned()),
            (t("mail-fact-kind", &[]), kind.to_owned()),
            (t("mail-fact-subject", &[]), f.subject.clone()),
        ],
        ..Content::default()
    };
    let Some(event) = &facts.event else {
        return match (message, f.due_date) {
            (Message::FilingAcknowledgement, Some(due)) => {
                acknowledgement(&mut c, lang, kind, r, f.received_at, due);
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
            acknowledgement(&mut c, lang, kind, r, f.received_at, e.due_date);
        }
        (Message::CompletionRequested, PqrEvent::CompletionRequested(e)) => {
            let window = date(e.window_ends_on);
            c.subject = t("mail-completion-subject", &case);
            c.title = t("mail-completion-title", &case);
            c.before = vec![t("mail-completion-before", &case)];
            c.quote = Some(e.what.as_str().to_owned());
            c.after = vec![
                t("mail-completion-window", &[("date", &window)]),
                t("mail-completion-withdrawal", &[]),
            ];
            c.facts.push((t("mail-completion-fact", &[]), window));
            c.legal = "Ley 1755 de 2015, art. 17";
        }
        (Message::TermExtended, PqrEvent::TermExtended(e)) => {
            let new_due = date(e.new_due_date);
            c.subject = t("mail-extension-subject", &case);
            c.title = t("mail-extension-title", &case);
            c.before = vec![t(
                "mail-extension-before",
                &[
                    ("kind", kind),
                    ("radicado", r),
                    ("date", &date(e.previous_due_date)),
                ],
            )];
            c.quote = Some(e.reasons.as_str().to_owned());
            c.after = vec![t("mail-extension-after", &[("date", &new_due)])];
            c.facts.push((t("mail-extension-fact", &[]), new_due));
            c.legal = "Ley 1755 de 2015, art. 14 parágrafo";
        }
        (Message::Forwarded, PqrEvent::PqrForwarded(e)) => {
            let authority = e.authority.to_string();
            let about = [
                ("kind", kind),
                ("radicado", r),
                ("authority", authority.as_str()),
                ("date", &date(e.forwarded_on)),
            ];
            c.subject = t("mail-forwarded-subject", &about);
            c.title = t("mail-forwarded-title", &about);
            c.before = vec![t("mail-forwarded-before", &about)];
            c.quote = Some(e.reasons.as_str().to_owned());
            c.after = vec![t("mail-forwarded-after", &about)];
            c.facts.push((t("mail-forwarded-fact", &[]), authority));
            c.legal = "Ley 1755 de 2015, art. 21";
        }
        (Message::Answer, PqrEvent::PqrAnswered(e)) => {
            c.subject = t("mail-answer-subject", &case);
            c.title = t("mail-answer-title", &case);
            c.before = vec![t(
                "mail-answer-before",
                &[
                    ("kind", kind),
                    ("radicado", r),
                    ("date", &date(e.answered_on)),
                ],
            )];
            c.quote = Some(e.text.as_str().to_owned());
            c.after = vec![t("mail-cpaca-56", &[])];
            c.facts.push((
                t("mail-answer-fact", &[]),
                outcome_in(lang, e.outcome.as_str()).to_owned(),
            ));
            c.legal = "Ley 1755 de 2015, art. 14; Ley 1437 de 2011, art. 56";
        }
        (Message::TacitWithdrawal, PqrEvent::TacitWithdrawalRecorded(e)) => {
            c.subject = t("mail-withdrawal-subject", &case);
            c.title = t("mail-withdrawal-title", &case);
            c.before = vec![t(
                "mail-withdrawal-before",
                &[
                    ("kind", kind),
                    ("radicado", r),
                    ("closed", &date(e.window_closed_on)),
                    ("decided", &date(e.decided_on)),
                ],
            )];
            c.quote = Some(e.reasons.clone());
            c.after = vec![t("mail-withdrawal-appeal", &[]), t("mail-cpaca-56", &[])];
            c.legal = "Ley 1755 de 2015, art. 17; Ley 1437 de 2011, art. 56";
        }
        (Message::PositiveSilence, PqrEvent::PositiveSilenceReached(e)) => {
            let deliver_by = date(e.deliver_by);
            c.subject = t("mail-silence-subject", &case);
            c.title = t("mail-silence-title", &case);
            c.before = vec![t(
                "mail-silence-before",
                &[
                    ("kind", kind),
                    ("radicado", r),
                    ("due", &date(e.due_date)),
                    ("from", &date(e.accepted_from)),
                ],
            )];
            c.after = vec![t("mail-silence-after", &[("date", &deliver_by)])];
            c.facts.push((t("mail-silence-fact", &[]), deliver_by));
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

impl EmailRenderer {
    /// `c` as a section of a message to the petitioner, in `lang`, with the way to follow the
    /// case.
    fn petitioner_section(&self, c: Content, lang: Lang) -> Section {
        let follow_url = self.portal_url.as_ref().map(|u| format!("{u}/consultar"));
        let follow = match follow_url {
            Some(_) => "mail-follow-at",
            None => "mail-follow-portal",
        };
        Section {
            lang: lang.tag(),
            heading: None,
            title: c.title,
            note: None,
            greeting: say(lang, "mail-greeting", &[]),
            before: c.before,
            quote: c.quote,
            after: c.after,
            facts: c.facts,
            follow: say(lang, follow, &[]),
            follow_url,
            follow_link: say(lang, "mail-portal-link", &[("entity", &self.entity.name)]),
            legal: say(lang, "mail-legal", &[("legal", c.legal)]),
            closing: say(lang, "mail-closing", &[]),
        }
    }

    /// A staff message's one section, in the official's language `lang`, with the link to the
    /// console page at `path`.
    fn staff_section(&self, c: Content, lang: Lang, path: &str) -> Section {
        let follow_url = self.portal_url.as_ref().map(|u| format!("{u}{path}"));
        let follow = match follow_url {
            Some(_) => "mail-staff-follow-at",
            None => "mail-staff-follow-console",
        };
        Section {
            follow: say(lang, follow, &[]),
            follow_url,
            follow_link: say(lang, "mail-staff-console-link", &[]),
            ..self.petitioner_section(c, lang)
        }
    }
}

impl Renderer for EmailRenderer {
    fn render(&self, m: &Outgoing) -> Result<Rendered, String> {
        let (lang, subject, sections) = match m.message {
            Letter::Petitioner(message) => {
                let facts: Facts = serde_json::from_value(m.facts.clone())
                    .map_err(|e| format!("stored facts: {e}"))?;
                let lang = Lang::from(facts.filing.language);
                let c = content(message, &facts, lang)?;
                let subject = c.subject.clone();
                let mut sections = vec![self.petitioner_section(c, lang)];
                // Spanish is the official language (Constitución Política art. 10): a message
                // in another language is a translation, followed by the official text.
                if lang != Lang::Es {
                    sections[0].note = Some(say(lang, "mail-translation-note", &[]));
                    let official = content(message, &facts, Lang::Es)?;
                    sections.push(Section {
                        heading: Some(say(Lang::Es, "mail-official-heading", &[])),
                        ..self.petitioner_section(official, Lang::Es)
                    });
                }
                (lang, subject, sections)
            }
            Letter::Staff(message) => {
                let (lang, c, path) = staff_mail::content(message, &m.facts)?;
                let subject = c.subject.clone();
                (lang, subject, vec![self.staff_section(c, lang, &path)])
            }
        };
        let e = &self.entity;
        let contact: Vec<String> = [
            ("mail-contact-address", &e.address),
            ("mail-contact-phone", &e.phone),
            ("mail-contact-email", &e.email),
            ("mail-contact-hours", &e.hours),
        ]
        .into_iter()
        .filter_map(|(key, value)| Some(say(lang, key, &[("value", value.as_ref()?)])))
        .collect();
        let automatic = say(lang, "mail-automatic", &[("id", &format!("<{}>", m.id))]);
        let text = TextMail {
            entity: &e.name,
            sections: &sections,
            contact: &contact,
            automatic: &automatic,
        }
        .render()
        .map_err(|e| e.to_string())?;
        let html = HtmlMail {
            lang: lang.tag(),
            entity: &e.name,
            primary_color: &e.primary_color,
            title: sections.first().map_or("", |s| s.title.as_str()),
            sections: &sections,
            contact: &contact,
            automatic: &automatic,
        }
        .render()
        .map_err(|e| e.to_string())?;
        Ok(Rendered {
            subject,
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
        let c =
            content(Message::FilingAcknowledgement, &facts, Lang::Es).expect("an acknowledgement");
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

    /// Each message the law names, from its event (the samples' shape, as stored).
    fn every_message() -> Vec<(Message, serde_json::Value)> {
        let at = "2026-11-23T09:00:00-05:00";
        let term = serde_json::json!({"days": 15, "unit": "business"});
        vec![
            (Message::FilingAcknowledgement, serde_json::Value::Null),
            (
                Message::CompletionRequested,
                serde_json::json!({"CompletionRequested": {"what": "Falta la dirección",
                    "requested_on": "2026-11-24", "consumed": term, "remaining": term,
                    "due_date_on_hold": "2026-12-15", "window_ends_on": "2026-12-24",
                    "at": at}}),
            ),
            (
                Message::TermExtended,
                serde_json::json!({"TermExtended": {"notified_on": "2026-12-10",
                    "previous_due_date": "2026-12-15", "new_due_date": "2027-01-15",
                    "cap": "2027-01-20", "reasons": "Volumen", "at": at}}),
            ),
            (
                Message::Forwarded,
                serde_json::json!({"PqrForwarded": {"authority": "Gobernación",
                    "reasons": "No es competente", "forwarded_on": "2026-11-24",
                    "last_day": "2026-11-30", "late": false, "at": at}}),
            ),
            (
                Message::Answer,
                serde_json::json!({"PqrAnswered": {"text": "Se repara el alumbrado",
                    "outcome": "granted", "documents_delivered": true,
                    "answered_on": "2026-12-01", "due_date": "2026-12-15", "on_time": true,
                    "business_days_taken": 6, "at": at}}),
            ),
            (
                Message::TacitWithdrawal,
                serde_json::json!({"TacitWithdrawalRecorded": {"decided_on": "2027-01-25",
                    "window_closed_on": "2027-01-24", "reasons": "No completó", "at": at}}),
            ),
            (
                Message::PositiveSilence,
                serde_json::json!({"PositiveSilenceReached": {"due_date": "2026-12-15",
                    "accepted_from": "2026-12-16", "deliver_by": "2026-12-21", "at": at}}),
            ),
        ]
    }

    /// Every message is written whole in both languages: each argument filled in, no key
    /// shown in place of a text, and the English words not the Spanish ones.
    #[test]
    fn every_message_is_written_in_spanish_and_in_english() {
        assert_eq!(every_message().len(), Message::ALL.len());
        for (message, event) in every_message() {
            let facts: Facts = serde_json::from_value(serde_json::json!({
                "event": (!event.is_null()).then_some(event),
                "filing": filing_facts(),
            }))
            .expect("facts");
            let [es, en] = Lang::ALL.map(|lang| {
                let c = content(message, &facts, lang).expect("a message");
                let mut all = vec![c.subject, c.title];
                all.extend(c.before);
                all.extend(c.after);
                all.extend(c.facts.into_iter().flat_map(|(l, v)| [l, v]));
                for text in &all {
                    assert!(
                        !text.contains('{') && !text.contains("mail-") && !text.is_empty(),
                        "{message:?} in {lang:?}: {text:?}"
                    );
                }
                all
            });
            assert_eq!(es.len(), en.len(), "{message:?}");
            // Only values (radicado, subject, the authority's name) are the same in both.
            let same: Vec<_> = es.iter().zip(&en).filter(|(a, b)| a == b).collect();
            assert!(same.len() <= 3, "{message:?}: {same:?}");
            assert_ne!(es[0], en[0], "{message:?}: the subject");
        }
    }

    /// A message to a petitioner who filed in English: the translation, then the official
    /// Spanish text, each part marked with its language; in Spanish, the Spanish text alone.
    #[test]
    fn an_english_message_carries_the_official_spanish_text_after_it() {
        let renderer = EmailRenderer {
            entity: crate::config::entity(&FileConfig::default()).expect("the default entity"),
            portal_url: Some("https://pqrs.entidad.gov.co".into()),
        };
        let outgoing = |language: Option<&str>| {
            let mut filing = filing_facts();
            if let Some(l) = language {
                filing["language"] = l.into();
            }
            Outgoing {
                id: "pqrs.2026-000001.1.filing_acknowledgement@entidad.gov.co".into(),
                radicado: "2026-000001".into(),
                caused_by: 1,
                message: Letter::Petitioner(Message::FilingAcknowledgement),
                recipient: "ana@example.co".into(),
                facts: serde_json::json!({ "filing": filing }),
                attempts: 0,
            }
        };
        let en = renderer.render(&outgoing(Some("en"))).expect("rendered");
        assert_eq!(
            en.subject,
            "Filing number 2026-000001: we received your petition"
        );
        let (translation, official) = en
            .text
            .split_once("Texto oficial en español")
            .expect("the official text after the translation");
        assert!(translation.contains("We received your petition"));
        assert!(translation.contains("Wednesday 16 December 2026"));
        assert!(official.contains("Recibimos su petición"));
        assert!(official.contains("miércoles 16 de diciembre de 2026"));
        assert!(en.html.contains("<html lang=\"en\">"));
        assert!(en.html.contains("<div lang=\"es-CO\""));
        let es = renderer.render(&outgoing(None)).expect("rendered");
        assert_eq!(es.subject, "Radicado 2026-000001: recibimos su petición");
        assert!(!es.text.contains("Texto oficial") && !es.text.contains("We received"));
        assert!(es.html.contains("<html lang=\"es-CO\">"));
    }

    /// Without the event, only the acknowledgement can be written: any other message needs
    /// what its event says, and is refused (kept and reported by the deliverer), not sent
    /// empty.
    #[test]
    fn other_messages_need_their_event() {
        let facts: Facts =
            serde_json::from_value(serde_json::json!({ "filing": filing_facts() })).expect("facts");
        assert!(content(Message::CompletionRequested, &facts, Lang::Es).is_err());
    }
}
