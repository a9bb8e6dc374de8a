//! The words of the staff messages (issue 15): the assignment notice and the daily digest of
//! a dependency, in the official's language (kept with their account and named by `"language"`
//! in the facts; Spanish when absent, docs/language.md). Only what the official's role may see in the
//! console: radicado, kind, due date and the link to the console; never the petitioner's data,
//! the subject, the text or an access code.

use super::{say, Content};
use crate::i18n::Lang;
use crate::pages::texts;
use crate::words::date_in;
use chrono::NaiveDate;
use pqrs_domain::contact::Language;
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

/// The language a staff message is written in: the one its recipient chose.
#[derive(Debug, Default, Deserialize)]
struct Written {
    #[serde(default)]
    language: Language,
}

fn kind(lang: Lang, k: &str) -> &'static str {
    match (Kind::parse(k), lang) {
        (Ok(k), _) => (texts::of(lang).kind_name)(k),
        (Err(_), Lang::Es) => "solicitud",
        (Err(_), Lang::En) => "request",
    }
}

/// The language of a staff message, its content and the console path it links to.
pub(crate) fn content(
    message: StaffMessage,
    facts: &serde_json::Value,
) -> Result<(Lang, Content, String), String> {
    let bad = |e: serde_json::Error| format!("stored facts: {e}");
    let lang = Lang::from(
        Written::deserialize(facts)
            .map_err(bad)
            .map(|w| w.language)?,
    );
    let t = |key: &str, args: &[(&str, &str)]| say(lang, key, args);
    let date = |d: NaiveDate| date_in(lang, d);
    match message {
        StaffMessage::Assignment => {
            let a = Assignment::deserialize(facts).map_err(bad)?;
            let r = a.case.radicado.as_str();
            let k = kind(lang, &a.case.kind);
            let due = date(a.case.due_date);
            let c = Content {
                subject: t("mail-staff-assignment-subject", &[("radicado", r)]),
                title: t("mail-staff-assignment-title", &[]),
                before: vec![t(
                    "mail-staff-assignment-before",
                    &[
                        ("radicado", r),
                        ("kind", k),
                        ("dependency", &a.dependency),
                        ("date", &due),
                    ],
                )],
                after: vec![t("mail-staff-no-petitioner-data", &[])],
                facts: vec![
                    (t("mail-fact-radicado", &[]), r.to_owned()),
                    (t("mail-fact-kind", &[]), k.to_owned()),
                    (t("mail-fact-due", &[]), due),
                ],
                legal: "Ley 1755 de 2015, art. 14",
                ..Content::default()
            };
            Ok((lang, c, format!("/funcionarios/casos/{r}")))
        }
        StaffMessage::Digest => {
            let d = Digest::deserialize(facts).map_err(bad)?;
            let mut facts = Vec::new();
            for (cases, label, line) in [
                (
                    &d.overdue,
                    "mail-staff-digest-overdue",
                    "mail-staff-digest-overdue-case",
                ),
                (
                    &d.due_soon,
                    "mail-staff-digest-due-soon",
                    "mail-staff-digest-due-soon-case",
                ),
            ] {
                for c in cases {
                    facts.push((
                        t(label, &[("radicado", &c.radicado)]),
                        t(
                            line,
                            &[("kind", kind(lang, &c.kind)), ("date", &date(c.due_date))],
                        ),
                    ));
                }
            }
            let overdue = match d.overdue.len() {
                1 => t("mail-staff-digest-one-overdue", &[]),
                n => t(
                    "mail-staff-digest-overdue-count",
                    &[("count", &n.to_string())],
                ),
            };
            let day = date(d.day);
            let dependency = [("dependency", d.dependency.as_str())];
            let c = Content {
                subject: t(
                    "mail-staff-digest-subject",
                    &[
                        ("dependency", &d.dependency),
                        ("overdue", &overdue),
                        ("soon", &d.due_soon.len().to_string()),
                        ("date", &day),
                    ],
                ),
                title: t("mail-staff-digest-title", &dependency),
                before: vec![t(
                    "mail-staff-digest-before",
                    &[
                        ("dependency", &d.dependency),
                        ("days", &DUE_SOON_BUSINESS_DAYS.to_string()),
                        ("date", &day),
                    ],
                )],
                after: vec![t("mail-staff-digest-after", &[])],
                facts,
                legal: match lang {
                    Lang::Es => "Ley 1755 de 2015, arts. 14 y 31",
                    Lang::En => "Ley 1755 de 2015, arts. 14 and 31",
                },
                ..Content::default()
            };
            Ok((lang, c, "/funcionarios/bandeja".into()))
        }
    }
}
