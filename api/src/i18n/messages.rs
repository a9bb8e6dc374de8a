//! The message of every error of the domain and the infrastructure the API can show.
//!
//! The domain's own `Display` texts are English (and a few Spanish) and belong to the domain;
//! here each variant is named by a catalogue key and its arguments, matched exhaustively so a
//! new variant does not compile until it has a message in both catalogues. The English
//! catalogue repeats the domain's words exactly, so a text a handler already wrote out is
//! recognised too (the tests below check both for every variant).

use super::Msg;
use pqrs_domain::access_code::BadAccessCode;
use pqrs_domain::calendar::CalendarError;
use pqrs_domain::clock_rules::backdating::BackdatingError;
use pqrs_domain::clock_rules::ClockRuleError;
use pqrs_domain::closures::ClosureError;
use pqrs_domain::contact::ContactError;
use pqrs_domain::kind::UnknownKind;
use pqrs_domain::pqr::OutOfRange;
use pqrs_domain::radicado::RadicadoError;
use pqrs_domain::text::TextError;
use pqrs_domain::PqrError;
use pqrs_infrastructure::clock::ClockError;
use pqrs_infrastructure::commands::CommandError;
use pqrs_infrastructure::idempotency::BadIdempotencyKey;
use pqrs_infrastructure::radicacion::FilingError;
use pqrs_infrastructure::StoreError;
use pqrs_projections::reports::ReportError;

/// An error that a person may read: its message in the catalogues.
pub trait Localize {
    /// The key and arguments of this error's message.
    fn message(&self) -> Msg;
}

impl Localize for PqrError {
    fn message(&self) -> Msg {
        match self {
            PqrError::AlreadyFiled(radicado) => {
                Msg::new("pqr-already-filed").arg("radicado", radicado)
            }
            PqrError::NotFiled => Msg::new("pqr-not-filed"),
            PqrError::ConsentRequired => Msg::new("pqr-consent-required"),
            PqrError::Calendar(e) => e.message(),
            PqrError::Rule(e) => e.message(),
            PqrError::Closed { status } => Msg::new("pqr-closed").arg("status", status.as_str()),
            PqrError::BeforeFiling { at, received_at } => Msg::new("pqr-before-filing")
                .arg("at", at)
                .arg("received_at", received_at),
            PqrError::NothingToClassify => Msg::new("pqr-nothing-to-classify"),
            PqrError::KindFixedByPositiveSilence => Msg::new("pqr-kind-fixed-by-positive-silence"),
            PqrError::AlreadyAssigned => Msg::new("pqr-already-assigned"),
            PqrError::TierNotHigher { current, requested } => Msg::new("pqr-tier-not-higher")
                .arg("current", current)
                .arg("requested", requested),
            PqrError::Suspended => Msg::new("pqr-suspended"),
            PqrError::NotSuspended => Msg::new("pqr-not-suspended"),
            PqrError::CompletionAlreadyRequested => Msg::new("pqr-completion-already-requested"),
            PqrError::AlreadyPriority => Msg::new("pqr-already-priority"),
            PqrError::DocumentsDeliveredRequired => Msg::new("pqr-documents-delivered-required"),
            PqrError::DocumentsDeliveredNotApplicable { kind } => {
                Msg::new("pqr-documents-delivered-not-applicable").arg("kind", kind)
            }
            PqrError::NotAnswered => Msg::new("pqr-not-answered"),
            PqrError::AlreadyRated => Msg::new("pqr-already-rated"),
            PqrError::NoEmailToStop => Msg::new("pqr-no-email-to-stop"),
            PqrError::AnonymousCase => Msg::new("pqr-anonymous-case"),
            PqrError::ContactUnchanged { field } => {
                Msg::new("pqr-contact-unchanged").arg("field", field)
            }
            PqrError::NotificationConsentAlreadyWithdrawn => {
                Msg::new("pqr-notification-consent-already-withdrawn")
            }
            PqrError::PositiveSilenceAlreadyRecorded => {
                Msg::new("pqr-positive-silence-already-recorded")
            }
            PqrError::PositiveSilenceNotDue { due } => {
                Msg::new("pqr-positive-silence-not-due").arg("due", due)
            }
            PqrError::NoClosureToCount => Msg::new("pqr-no-closure-to-count"),
        }
    }
}

impl Localize for ClockRuleError {
    fn message(&self) -> Msg {
        use ClockRuleError as E;
        match self {
            E::Calendar(e) => e.message(),
            E::CompletionRequestLate {
                requested_on,
                last_day,
            } => Msg::new("rule-completion-request-late")
                .arg("requested_on", requested_on)
                .arg("last_day", last_day),
            E::CompletionRequestAfterDue { requested_on, due } => {
                Msg::new("rule-completion-request-after-due")
                    .arg("requested_on", requested_on)
                    .arg("due", due)
            }
            E::SupplyBeforeRequest {
                supplied_on,
                requested_on,
            } => Msg::new("rule-supply-before-request")
                .arg("supplied_on", supplied_on)
                .arg("requested_on", requested_on),
            E::SupplyAfterWindow {
                supplied_on,
                closed_on,
            } => Msg::new("rule-supply-after-window")
                .arg("supplied_on", supplied_on)
                .arg("closed_on", closed_on),
            E::CompletionWindowAlreadyExtended => {
                Msg::new("rule-completion-window-already-extended")
            }
            E::CompletionWindowExtensionLate {
                asked_on,
                closed_on,
            } => Msg::new("rule-completion-window-extension-late")
                .arg("asked_on", asked_on)
                .arg("closed_on", closed_on),
            E::CompletionWindowExtensionTooLong {
                granted_until,
                at_most,
            } => Msg::new("rule-completion-window-extension-too-long")
                .arg("granted_until", granted_until)
                .arg("at_most", at_most),
            E::CompletionWindowExtensionNotLater {
                granted_until,
                closed_on,
            } => Msg::new("rule-completion-window-extension-not-later")
                .arg("granted_until", granted_until)
                .arg("closed_on", closed_on),
            E::CompletionWindowOpen {
                decided_on,
                closes_on,
            } => Msg::new("rule-completion-window-open")
                .arg("decided_on", decided_on)
                .arg("closes_on", closes_on),
            E::TacitWithdrawalUnreasoned => Msg::new("rule-tacit-withdrawal-unreasoned"),
            E::ExtensionAfterDue { notified_on, due } => Msg::new("rule-extension-after-due")
                .arg("notified_on", notified_on)
                .arg("due", due),
            E::ExtensionExceedsDouble { new_due, at_most } => {
                Msg::new("rule-extension-exceeds-double")
                    .arg("new_due", new_due)
                    .arg("at_most", at_most)
            }
            E::ExtensionNotLater { new_due, due } => Msg::new("rule-extension-not-later")
                .arg("new_due", new_due)
                .arg("due", due),
            E::ExtensionNotBusinessDay { new_due } => {
                Msg::new("rule-extension-not-business-day").arg("new_due", new_due)
            }
            E::ExtensionUnreasoned => Msg::new("rule-extension-unreasoned"),
            E::AlreadyExtended => Msg::new("rule-already-extended"),
            E::NotAnInformationRequest { kind } => {
                Msg::new("rule-not-an-information-request").arg("kind", kind)
            }
            E::WithdrawalBeforeFiling {
                withdrawn_on,
                received_on,
            } => Msg::new("rule-withdrawal-before-filing")
                .arg("withdrawn_on", withdrawn_on)
                .arg("received_on", received_on),
        }
    }
}

impl Localize for BackdatingError {
    fn message(&self) -> Msg {
        match self {
            BackdatingError::TooFarBack {
                received_on,
                earliest,
                max_days,
            } => Msg::new("backdating-too-far-back")
                .arg("received_on", received_on)
                .arg("max_days", max_days)
                .arg("earliest", earliest),
            BackdatingError::Calendar(e) => e.message(),
        }
    }
}

impl Localize for CalendarError {
    fn message(&self) -> Msg {
        match self {
            CalendarError::OutOfRange { date } => {
                Msg::new("calendar-out-of-range").arg("date", date)
            }
        }
    }
}

impl Localize for ClosureError {
    fn message(&self) -> Msg {
        match self {
            ClosureError::InThePast { date } => Msg::new("closure-in-the-past").arg("date", date),
            ClosureError::AlreadyNonBusiness { date } => {
                Msg::new("closure-already-non-business").arg("date", date)
            }
            ClosureError::Calendar(e) => e.message(),
        }
    }
}

impl Localize for TextError {
    fn message(&self) -> Msg {
        match self {
            TextError::Empty => Msg::new("text-empty"),
            TextError::TooLong { max } => Msg::new("text-too-long").arg("max", max),
            TextError::ControlCharacters => Msg::new("text-control-characters"),
        }
    }
}

impl Localize for ContactError {
    fn message(&self) -> Msg {
        match self {
            ContactError::UnknownChannel => Msg::new("contact-unknown-channel"),
            ContactError::UnknownIdType => Msg::new("contact-unknown-id-type"),
            ContactError::BadIdNumber => Msg::new("contact-bad-id-number"),
            ContactError::BadEmail => Msg::new("contact-bad-email"),
            ContactError::BadPhone => Msg::new("contact-bad-phone"),
            ContactError::BadLength { max } => Msg::new("contact-bad-length").arg("max", max),
            ContactError::NoContact => Msg::new("contact-none"),
            ContactError::IdTypeAndNumberApart => Msg::new("contact-id-type-and-number-apart"),
        }
    }
}

impl Localize for OutOfRange {
    fn message(&self) -> Msg {
        let OutOfRange {
            what,
            min,
            max,
            got,
        } = self;
        Msg::new("value-out-of-range")
            .arg("what", what)
            .arg("min", min)
            .arg("max", max)
            .arg("got", got)
    }
}

impl Localize for UnknownKind {
    fn message(&self) -> Msg {
        let UnknownKind(kind) = self;
        Msg::new("kind-unknown").arg("kind", kind)
    }
}

impl Localize for RadicadoError {
    fn message(&self) -> Msg {
        match self {
            RadicadoError::Malformed => Msg::new("radicado-malformed"),
            RadicadoError::YearOutOfRange => Msg::new("radicado-year-out-of-range"),
            RadicadoError::Zero => Msg::new("radicado-zero"),
        }
    }
}

impl Localize for BadAccessCode {
    fn message(&self) -> Msg {
        let BadAccessCode = self;
        Msg::new("access-code-malformed")
    }
}

impl Localize for BadIdempotencyKey {
    fn message(&self) -> Msg {
        let BadIdempotencyKey = self;
        Msg::new("idempotency-key-malformed")
    }
}

impl<E: std::error::Error + Localize> Localize for CommandError<E> {
    fn message(&self) -> Msg {
        match self {
            CommandError::Refused(e) => e.message(),
            CommandError::Conflict => Msg::new("command-conflict"),
            CommandError::Store(e) => e.message(),
        }
    }
}

impl Localize for FilingError {
    fn message(&self) -> Msg {
        match self {
            FilingError::Refused(e) => e.message(),
            FilingError::KeyReused => Msg::new("idempotency-key-reused"),
            FilingError::Store(e) => e.message(),
            FilingError::Closed => Msg::new("problem-unavailable-detail"),
        }
    }
}

/// What a store failure tells a person: that the store is out of reach, or the fault as the
/// infrastructure wrote it for the operator (a message of the catalogues, so in the reader's
/// language); never the database's words.
impl Localize for StoreError {
    fn message(&self) -> Msg {
        match self {
            StoreError::Unusable(detail) | StoreError::Fault(detail) => for_the_operator(detail),
            StoreError::Unavailable(_) => Msg::new("problem-unavailable-detail"),
            StoreError::Database(_) => match self.fault_detail() {
                Some(detail) => for_the_operator(&detail),
                None if self.is_unavailable() => Msg::new("problem-unavailable-detail"),
                None => Msg::new("problem-internal-detail"),
            },
            StoreError::Migration(_) | StoreError::Corrupt(_) | StoreError::UnsupportedUrl(_) => {
                Msg::new("problem-internal-detail")
            }
        }
    }
}

/// The infrastructure's explanation of a store it cannot use: its message of the catalogues,
/// or the text as it wrote it.
fn for_the_operator(detail: &str) -> Msg {
    Msg::recognise(detail).unwrap_or_else(|| Msg::new("store-fault-detail").arg("detail", detail))
}

impl Localize for ClockError {
    fn message(&self) -> Msg {
        match self {
            ClockError::NotSettable => Msg::new("clock-not-settable"),
            ClockError::OutOfRange { date, first, last } => Msg::new("clock-out-of-range")
                .arg("date", date)
                .arg("first", first)
                .arg("last", last),
        }
    }
}

impl Localize for ReportError {
    fn message(&self) -> Msg {
        match self {
            ReportError::UnknownReport(name) => Msg::new("report-unknown").arg("name", name),
            ReportError::UnknownFormat(name) => Msg::new("report-unknown-format").arg("name", name),
            ReportError::InvalidPeriod(reason) => {
                Msg::new("report-invalid-period").arg("reason", reason)
            }
            ReportError::PositionNotInLog { position, head } => {
                Msg::new("report-position-not-in-log")
                    .arg("position", position)
                    .arg("head", head)
            }
            // A bug or corrupt data: the API shows the opaque internal error.
            ReportError::Unreadable(_)
            | ReportError::BadInstant { .. }
            | ReportError::Render(_) => Msg::new("problem-internal-detail"),
            ReportError::Calendar(e) => e.message(),
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::i18n::{keys, Lang, EN_FTL, ES_CO_FTL};
    use chrono::{FixedOffset, NaiveDate, TimeZone};
    use pqrs_domain::pqr::Status;
    use pqrs_domain::pqr::Tier;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("a date")
    }

    /// One value of every variant of every error above (the `message` impls are exhaustive
    /// matches, so a new variant breaks the build there; add it here too).
    pub(crate) fn samples() -> Vec<(String, Msg)> {
        let (a, b) = (d("2026-03-02"), d("2026-03-16"));
        let cal = CalendarError::OutOfRange {
            date: d("2200-01-01"),
        };
        let bogota = FixedOffset::west_opt(5 * 3600).expect("offset");
        let at = bogota
            .with_ymd_and_hms(2026, 3, 2, 9, 0, 0)
            .single()
            .expect("instant");
        let received_at = bogota
            .with_ymd_and_hms(2026, 3, 3, 9, 0, 0)
            .single()
            .expect("instant");
        let tier = |n| Tier::new(n).expect("a tier");
        let rules = vec![
            ClockRuleError::Calendar(cal.clone()),
            ClockRuleError::CompletionRequestLate {
                requested_on: b,
                last_day: a,
            },
            ClockRuleError::CompletionRequestAfterDue {
                requested_on: b,
                due: a,
            },
            ClockRuleError::SupplyBeforeRequest {
                supplied_on: a,
                requested_on: b,
            },
            ClockRuleError::SupplyAfterWindow {
                supplied_on: b,
                closed_on: a,
            },
            ClockRuleError::CompletionWindowAlreadyExtended,
            ClockRuleError::CompletionWindowExtensionLate {
                asked_on: b,
                closed_on: a,
            },
            ClockRuleError::CompletionWindowExtensionTooLong {
                granted_until: b,
                at_most: a,
            },
            ClockRuleError::CompletionWindowExtensionNotLater {
                granted_until: a,
                closed_on: b,
            },
            ClockRuleError::CompletionWindowOpen {
                decided_on: a,
                closes_on: b,
            },
            ClockRuleError::TacitWithdrawalUnreasoned,
            ClockRuleError::ExtensionAfterDue {
                notified_on: b,
                due: a,
            },
            ClockRuleError::ExtensionExceedsDouble {
                new_due: b,
                at_most: a,
            },
            ClockRuleError::ExtensionNotLater { new_due: a, due: b },
            ClockRuleError::ExtensionNotBusinessDay { new_due: a },
            ClockRuleError::ExtensionUnreasoned,
            ClockRuleError::AlreadyExtended,
            ClockRuleError::NotAnInformationRequest { kind: "complaint" },
            ClockRuleError::WithdrawalBeforeFiling {
                withdrawn_on: a,
                received_on: b,
            },
        ];
        let pqr = vec![
            PqrError::AlreadyFiled("2026-000001".into()),
            PqrError::NotFiled,
            PqrError::ConsentRequired,
            PqrError::Calendar(cal.clone()),
            PqrError::Rule(ClockRuleError::AlreadyExtended),
            PqrError::Closed {
                status: Status::Answered,
            },
            PqrError::BeforeFiling { at, received_at },
            PqrError::NothingToClassify,
            PqrError::KindFixedByPositiveSilence,
            PqrError::AlreadyAssigned,
            PqrError::TierNotHigher {
                current: tier(3),
                requested: tier(2),
            },
            PqrError::Suspended,
            PqrError::NotSuspended,
            PqrError::CompletionAlreadyRequested,
            PqrError::AlreadyPriority,
            PqrError::DocumentsDeliveredRequired,
            PqrError::DocumentsDeliveredNotApplicable { kind: "petition" },
            PqrError::NotAnswered,
            PqrError::AlreadyRated,
            PqrError::NoEmailToStop,
            PqrError::AnonymousCase,
            PqrError::ContactUnchanged { field: "email" },
            PqrError::NotificationConsentAlreadyWithdrawn,
            PqrError::PositiveSilenceAlreadyRecorded,
            PqrError::PositiveSilenceNotDue { due: a },
            PqrError::NoClosureToCount,
        ];
        let mut out: Vec<(String, Msg)> = Vec::new();
        fn push<E: std::fmt::Display + Localize>(out: &mut Vec<(String, Msg)>, e: E) {
            out.push((e.to_string(), e.message()));
        }
        for e in rules {
            push(&mut out, e);
        }
        for e in pqr {
            push(&mut out, e);
        }
        push(
            &mut out,
            BackdatingError::TooFarBack {
                received_on: a,
                earliest: b,
                max_days: 5,
            },
        );
        push(&mut out, BackdatingError::Calendar(cal.clone()));
        push(&mut out, cal.clone());
        push(&mut out, ClosureError::InThePast { date: a });
        push(&mut out, ClosureError::AlreadyNonBusiness { date: a });
        push(&mut out, ClosureError::Calendar(cal.clone()));
        for e in [
            TextError::Empty,
            TextError::TooLong { max: 200 },
            TextError::ControlCharacters,
        ] {
            push(&mut out, e);
        }
        for e in [
            ContactError::UnknownChannel,
            ContactError::UnknownIdType,
            ContactError::BadIdNumber,
            ContactError::BadEmail,
            ContactError::BadPhone,
            ContactError::BadLength { max: 120 },
            ContactError::NoContact,
            ContactError::IdTypeAndNumberApart,
        ] {
            push(&mut out, e);
        }
        push(
            &mut out,
            OutOfRange {
                what: "score",
                min: 1,
                max: 5,
                got: 9,
            },
        );
        push(&mut out, UnknownKind("queja".into()));
        for e in [
            RadicadoError::Malformed,
            RadicadoError::YearOutOfRange,
            RadicadoError::Zero,
        ] {
            push(&mut out, e);
        }
        push(&mut out, BadAccessCode);
        push(&mut out, BadIdempotencyKey);
        push(&mut out, CommandError::<PqrError>::Conflict);
        push(
            &mut out,
            CommandError::<PqrError>::Refused(PqrError::AlreadyRated),
        );
        push(&mut out, ClockError::NotSettable);
        push(
            &mut out,
            ClockError::OutOfRange {
                date: d("2200-01-01"),
                first: d("1984-01-01"),
                last: d("2199-12-31"),
            },
        );
        push(&mut out, ReportError::UnknownReport("ventas".into()));
        push(&mut out, ReportError::UnknownFormat("pdf".into()));
        push(
            &mut out,
            ReportError::PositionNotInLog {
                position: 90,
                head: 12,
            },
        );
        push(&mut out, ReportError::Calendar(cal));
        out
    }

    #[test]
    fn every_domain_error_has_a_message_in_both_catalogues() {
        let (es, en) = (keys(ES_CO_FTL), keys(EN_FTL));
        for (written, msg) in samples() {
            for (name, cat) in [("es-CO", &es), ("en", &en)] {
                let vars = cat.get(&msg.key).unwrap_or_else(|| {
                    panic!("{name}/main.ftl has no `{}` (for: {written})", msg.key)
                });
                let mut given: Vec<String> = msg.args.iter().map(|(n, _)| n.clone()).collect();
                given.sort();
                assert_eq!(&given, vars, "arguments of `{}` in {name}", msg.key);
            }
        }
    }

    #[test]
    fn the_catalogues_repeat_the_domain_words_so_written_texts_are_recognised() {
        for (written, msg) in samples() {
            let (en, es) = (msg.text(Lang::En), msg.text(Lang::Es));
            assert!(
                written == en || written == es,
                "`{}`: the domain writes\n  {written}\nthe catalogues say\n  {en}\n  {es}",
                msg.key
            );
            assert_eq!(
                Msg::recognise(&written).as_ref(),
                Some(&msg),
                "recognising: {written}"
            );
            assert_ne!(es, en, "`{}` is translated", msg.key);
        }
    }

    /// A fault of the store (a damaged file, a radicado counter behind the numbers issued) is
    /// written by the infrastructure in Spanish for the operator; a client who asked for
    /// English reads it in English.
    #[test]
    fn a_fault_of_the_store_is_told_in_the_readers_language() {
        for (written, english) in [
            (
                "El contador de radicados del año 2026 (radicado_counters.last_number = 2) \
                 está por detrás de los radicados ya emitidos: el siguiente número, \
                 2026-000003, ya existe, y el mayor emitido es 2026-000005. No se radica nada, \
                 para no repetir un número, hasta que un operador corrija el contador \
                 (last_number = 5 o más).",
                "The radicado counter of the year 2026",
            ),
            (
                "El almacén de datos está dañado (database disk image is malformed). No se \
                 radica nada hasta que un operador lo repare o lo restaure desde una copia de \
                 seguridad.",
                "The data store is damaged (database disk image is malformed). Nothing is filed",
            ),
        ] {
            let msg = StoreError::Fault(written.to_owned()).message();
            assert_eq!(msg.text(Lang::Es), written);
            assert!(
                msg.text(Lang::En).starts_with(english),
                "{}",
                msg.text(Lang::En)
            );
        }
    }

    #[test]
    fn every_refusal_of_a_legal_rule_keeps_its_article_in_spanish() {
        for (written, msg) in samples() {
            if let Some(article) = written.split(':').next().filter(|a| a.starts_with("art. ")) {
                let es = msg.text(Lang::Es);
                assert!(es.starts_with(article), "{es} should start with {article}");
            }
        }
    }
}
