//! The reports over a hand-checked fixture history (the same one tests/tests/reports.rs walks
//! over HTTP), and the arithmetic on its own. Holidays used: 8 and 25 December 2026,
//! 1 and 11 January 2027.

use super::stats::{business_days_used, mean, median, percent, percentile};
use super::*;
use crate::record::EventRecord;
use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use cqrs_es::DomainEvent;
use pqrs_domain::access_code::AccessCode;
use pqrs_domain::closures::{CalendarEvent, EntityCalendar};
use pqrs_domain::pqr::*;
use pqrs_domain::text::{Description, Reason, Subject};
use pqrs_domain::{Channel, Kind, PqrServices, Radicado};
use std::collections::HashMap;

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

/// 16:00 Bogotá on `d` (after every filing of the day but the late one of 30 Nov).
fn on(d: &str) -> DateTime<FixedOffset> {
    at(&format!("{d}T16:00:00-05:00"))
}

fn reason(s: &str) -> Reason {
    Reason::parse(s).unwrap()
}

/// An in-memory event log: commands decided by the aggregate, events numbered as the ledger
/// would.
#[derive(Default)]
struct Log {
    events: Vec<EventRecord>,
    cases: HashMap<String, Pqr>,
    sequences: HashMap<String, i64>,
    next: u64,
}

impl Log {
    fn push(
        &mut self,
        aggregate_type: &str,
        id: &str,
        event_type: String,
        payload: serde_json::Value,
        when: DateTime<FixedOffset>,
    ) {
        let seq = self.sequences.entry(id.to_owned()).or_default();
        *seq += 1;
        self.events.push(EventRecord {
            position: self.events.len() as i64 + 1,
            aggregate_type: aggregate_type.into(),
            aggregate_id: id.into(),
            sequence: *seq,
            event_type,
            event_version: "1".into(),
            payload,
            metadata: serde_json::json!({}),
            recorded_at: when
                .with_timezone(&Utc)
                .to_rfc3339_opts(chrono::SecondsFormat::Micros, true),
        });
    }

    fn file(&mut self, received_at: &str, kind: Kind, channel: Channel) -> String {
        self.next += 1;
        let cmd = FilePqr {
            radicado: Radicado::new(2026, self.next).unwrap(),
            kind,
            subject: Subject::parse("Asunto").unwrap(),
            description: Description::parse("Descripción de la petición.").unwrap(),
            channel,
            petitioner: None,
            consent_personal_data: false,
            received_at: at(received_at),
            access_code_hash: AccessCode::from_random_bytes([7; 13]).hash(),
        };
        let filed = Pqr::default()
            .decide_filing(cmd, &PqrServices::default())
            .unwrap();
        let id = filed.radicado.to_string();
        let event = PqrEvent::PqrFiled(filed);
        self.record(&id, event, at(received_at));
        id
    }

    fn record(&mut self, id: &str, event: PqrEvent, when: DateTime<FixedOffset>) {
        let pqr = self.cases.entry(id.to_owned()).or_default();
        cqrs_es::Aggregate::apply(pqr, event.clone());
        let payload = serde_json::to_value(&event).unwrap();
        self.push("Pqr", id, event.event_type(), payload, when);
    }

    fn run(&mut self, id: &str, command: PqrCommand, when: DateTime<FixedOffset>) {
        let pqr = self.cases.get(id).cloned().unwrap_or_default();
        let events = pqr.decide(command, &PqrServices::default()).unwrap();
        for e in events {
            self.record(id, e, when);
        }
    }

    fn assign(&mut self, id: &str, dependency: &str, d: &str) {
        let when = at(&format!("{d}T15:00:00-05:00"));
        self.run(
            id,
            PqrCommand::Assign(Assign {
                dependency: Dependency::parse(dependency).unwrap(),
                official: Official::parse("Funcionario").unwrap(),
                reason: None,
                at: when,
            }),
            when,
        );
    }

    fn answer(&mut self, id: &str, outcome: Outcome, docs: Option<bool>, d: &str) {
        let when = on(d);
        self.run(
            id,
            PqrCommand::Answer(Answer {
                text: AnswerText::parse("Respuesta de fondo.").unwrap(),
                outcome,
                documents_delivered: docs,
                at: when,
            }),
            when,
        );
    }

    fn rate(&mut self, id: &str, score: u8, d: &str) {
        let when = on(d);
        self.run(
            id,
            PqrCommand::Rate(Rate {
                score: Score::new(score).unwrap(),
                comment: None,
                at: when,
            }),
            when,
        );
    }

    fn snapshot(&self, position: i64) -> Snapshot {
        let mut s = Snapshot::new(position);
        for e in &self.events {
            s.push(e).unwrap();
        }
        s.finish().unwrap()
    }

    fn head(&self) -> i64 {
        self.events.len() as i64
    }
}

/// The fixture of docs/reports.md: November 2026, read as of 2026-12-17 16:00.
///
/// | case | kind, channel | received | what happens |
/// |---|---|---|---|
/// | A 2026-000001 | petition, web | Mon 23 Nov | Ambiente; answered on its due date 15 Dec (15 bd), rated 5 |
/// | B 2026-000002 | claim, web | Mon 23 Nov | Hacienda; due 15 Dec, answered 16 Dec (late, 16 bd), rated 2 |
/// | C 2026-000003 | petition, web | Mon 23 Nov | Ambiente; art. 17 request Fri 4 Dec (9 consumed), supplied Thu 10 Dec across the 8 Dec holiday, due 18 Dec, answered 17 Dec (14 bd) |
/// | D 2026-000004 | information request, email | Tue 24 Nov | forwarded Mon 30 Nov (art. 21, 4 bd) |
/// | E 2026-000005 | information request, web | Tue 24 Nov | denied 3 Dec (7 bd) |
/// | M 2026-000006 | petition, web | Tue 24 Nov | Hacienda; due 16 Dec, still open: overdue 1 bd |
/// | F 2026-000007 | information request, web | Wed 25 Nov | partially granted on its due date 10 Dec (10 bd) |
/// | G 2026-000008 | complaint, phone | Thu 26 Nov | Hacienda; due 18 Dec, extended on 11 Dec to 23 Dec; open, 4 bd left |
/// | H 2026-000009 | petition, web | Fri 27 Nov | withdrawn by the citizen 30 Nov (art. 18) |
/// | J 2026-000010 | petition, web | Fri 27 Nov | voided 27 Nov |
/// | I 2026-000011 | suggestion, web | Sat 28 Nov | E = 30 Nov, due 15 Jan 2027; open, 18 bd left |
/// | L 2026-000012 | petition, web | Mon 30 Nov 23:30 | due 22 Dec; open, 3 bd left |
/// | K 2026-000013 | petition, web | Tue 1 Dec | outside the period |
fn fixture() -> Log {
    let mut log = Log::default();
    let a = log.file("2026-11-23T09:00:00-05:00", Kind::Petition, Channel::Web);
    let b = log.file("2026-11-23T09:05:00-05:00", Kind::Claim, Channel::Web);
    let c = log.file("2026-11-23T09:10:00-05:00", Kind::Petition, Channel::Web);
    log.assign(&a, "Secretaría de Ambiente", "2026-11-23");
    log.assign(&b, "Secretaría de Hacienda", "2026-11-23");
    log.assign(&c, "Secretaría de Ambiente", "2026-11-23");
    let d = log.file(
        "2026-11-24T10:00:00-05:00",
        Kind::InformationRequest,
        Channel::Email,
    );
    let e = log.file(
        "2026-11-24T10:05:00-05:00",
        Kind::InformationRequest,
        Channel::Web,
    );
    let m = log.file("2026-11-24T10:10:00-05:00", Kind::Petition, Channel::Web);
    log.assign(&m, "Secretaría de Hacienda", "2026-11-24");
    let f = log.file(
        "2026-11-25T10:00:00-05:00",
        Kind::InformationRequest,
        Channel::Web,
    );
    let g = log.file("2026-11-26T10:00:00-05:00", Kind::Complaint, Channel::Phone);
    log.assign(&g, "Secretaría de Hacienda", "2026-11-26");
    let h = log.file("2026-11-27T10:00:00-05:00", Kind::Petition, Channel::Web);
    let j = log.file("2026-11-27T10:05:00-05:00", Kind::Petition, Channel::Web);
    log.run(
        &j,
        PqrCommand::Void(Void {
            reason: reason("Radicado por error"),
            at: on("2026-11-27"),
        }),
        on("2026-11-27"),
    );
    let _i = log.file("2026-11-28T10:00:00-05:00", Kind::Suggestion, Channel::Web);
    log.run(
        &d,
        PqrCommand::Forward(Forward {
            authority: Authority::parse("Archivo General de la Nación").unwrap(),
            reasons: reason("Competencia del Archivo General"),
            at: on("2026-11-30"),
        }),
        on("2026-11-30"),
    );
    log.run(
        &h,
        PqrCommand::Withdraw(Withdraw {
            reason: None,
            at: on("2026-11-30"),
        }),
        on("2026-11-30"),
    );
    let _l = log.file("2026-11-30T23:30:00-05:00", Kind::Petition, Channel::Web);
    let _k = log.file("2026-12-01T10:00:00-05:00", Kind::Petition, Channel::Web);
    log.answer(&e, Outcome::Denied, Some(false), "2026-12-03");
    log.run(
        &c,
        PqrCommand::RequestCompletion(RequestCompletion {
            what: reason("La dirección exacta"),
            at: on("2026-12-04"),
        }),
        on("2026-12-04"),
    );
    log.run(
        &c,
        PqrCommand::SupplyCompletion(SupplyCompletion {
            text: Description::parse("Calle 12 # 3-45").unwrap(),
            at: on("2026-12-10"),
        }),
        on("2026-12-10"),
    );
    log.answer(&f, Outcome::PartiallyGranted, Some(true), "2026-12-10");
    log.run(
        &g,
        PqrCommand::ExtendTerm(ExtendTerm {
            new_due_date: date("2026-12-23"),
            reasons: reason("Visita técnica"),
            at: on("2026-12-11"),
        }),
        on("2026-12-11"),
    );
    log.answer(&a, Outcome::Granted, None, "2026-12-15");
    log.rate(&a, 5, "2026-12-15");
    log.answer(&b, Outcome::Granted, None, "2026-12-16");
    log.rate(&b, 2, "2026-12-16");
    log.answer(&c, Outcome::Granted, None, "2026-12-17");
    log
}

fn november() -> Period {
    Period::new(date("2026-11-01"), date("2026-11-30")).unwrap()
}

fn report(log: &Log, kind: ReportKind, position: i64) -> Report {
    let s = log.snapshot(position);
    compute(kind, &s, &s.calendar(), november()).unwrap()
}

#[test]
fn percentiles_interpolate_between_ranks_like_a_spreadsheet() {
    assert_eq!(median(&[]), None);
    assert_eq!(median(&[7]), Some(7.0));
    assert_eq!(median(&[16, 7, 15, 10, 14]), Some(14.0));
    assert_eq!(median(&[15, 14]), Some(14.5));
    // PERCENTIL.INC({7,10,14,15,16}; 0,9) = 15 + 0.6 × (16 − 15)
    assert_eq!(percentile(&[7, 10, 14, 15, 16], 0.9), Some(15.6));
    assert_eq!(percentile(&[4, 7, 10], 0.9), Some(9.4));
    assert_eq!(percentile(&[3, 1, 2], 0.0), Some(1.0));
    assert_eq!(percentile(&[3, 1, 2], 1.0), Some(3.0));
    assert_eq!(mean(&[5, 2]), Some(3.5));
    assert_eq!(mean(&[1, 1, 2]), Some(1.33));
    assert_eq!(percent(4, 6), Some(66.7));
    assert_eq!(percent(0, 0), None);
}

#[test]
fn business_days_used_skip_holidays_and_the_art_17_suspension() {
    let cal = pqrs_domain::Calendar::colombia();
    // E Tue 24 Nov → Mon 30 Nov: 25, 26, 27, 30.
    assert_eq!(
        business_days_used(&cal, date("2026-11-24"), None, date("2026-11-30")).unwrap(),
        4
    );
    // E 24 Nov → 9 Dec: 8 Dec (Inmaculada Concepción) is not counted: 10.
    assert_eq!(
        business_days_used(&cal, date("2026-11-24"), None, date("2026-12-09")).unwrap(),
        10
    );
    // Case C of the fixture: suspended 4 → 10 Dec across the 8 Dec holiday.
    let log = fixture();
    let case = log.cases["2026-000003"].case().unwrap().clone();
    let completion = case.completion.as_ref().unwrap();
    assert_eq!(completion.supplied_on, Some(date("2026-12-10")));
    assert_eq!(case.answer.as_ref().unwrap().business_days_taken, 14);
    assert_eq!(
        business_days_used(
            &cal,
            date("2026-11-23"),
            Some(completion),
            date("2026-12-17")
        )
        .unwrap(),
        14,
        "9 days before the request + 11, 14, 15, 16, 17 Dec"
    );
}

#[test]
fn the_on_time_rule_is_the_due_date_in_force_inclusive() {
    let log = fixture();
    let answer = |id: &str| log.cases[id].case().unwrap().answer.clone().unwrap();
    // A: answered on its due date (15 Dec) → on time, 15 business days.
    assert!(answer("2026-000001").on_time);
    assert_eq!(answer("2026-000001").business_days_taken, 15);
    // B: one day late.
    assert!(!answer("2026-000002").on_time);
    assert_eq!(answer("2026-000002").business_days_taken, 16);
    // C: the suspension moved its due date to 18 Dec.
    assert!(answer("2026-000003").on_time);
    assert_eq!(
        log.cases["2026-000003"].case().unwrap().due_date,
        date("2026-12-18")
    );
}

#[test]
fn the_follow_up_report_matches_the_hand_count() {
    let log = fixture();
    let r = report(&log, ReportKind::PqrFollowUp, log.head());
    assert_eq!(
        r.manifest.as_of.as_deref(),
        Some("2026-12-17T21:00:00.000000Z")
    );
    assert_eq!(r.manifest.as_of_local_date, Some(date("2026-12-17")));
    let ReportData::PqrFollowUp(f) = &r.data else {
        panic!("wrong report")
    };
    let t = &f.total;
    assert_eq!(
        (
            t.received,
            t.answered_on_time,
            t.answered_late,
            t.forwards,
            t.withdrawals_express,
            t.withdrawals_tacit,
            t.open
        ),
        (11, 4, 1, 1, 1, 0, 4)
    );
    assert_eq!(
        (t.overdue_now, t.voided, t.suspensions, t.extensions),
        (1, 1, 1, 1)
    );
    assert_eq!(
        (t.median_business_days, t.p90_business_days),
        (Some(14.0), Some(15.6))
    );
    assert_eq!(
        t.ratings,
        Ratings {
            count: 2,
            mean: Some(3.5),
            distribution: [0, 1, 0, 0, 1]
        }
    );
    let kind = |k: &str| f.by_kind.iter().find(|g| g.key == k).unwrap();
    let p = kind("petition");
    assert_eq!(
        (
            p.received,
            p.answered_on_time,
            p.open,
            p.overdue_now,
            p.voided,
            p.withdrawals_express
        ),
        (5, 2, 2, 1, 1, 1)
    );
    assert_eq!(
        (p.median_business_days, p.p90_business_days),
        (Some(14.5), Some(14.9))
    );
    let i = kind("information_request");
    assert_eq!((i.received, i.answered_on_time, i.forwards), (3, 2, 1));
    assert_eq!(
        (i.median_business_days, i.p90_business_days),
        (Some(8.5), Some(9.7))
    );
    assert_eq!(
        (
            kind("claim").answered_late,
            kind("claim").median_business_days
        ),
        (1, Some(16.0))
    );
    assert_eq!(
        (kind("complaint").open, kind("complaint").extensions),
        (1, 1)
    );
    assert_eq!(kind("consultation").received, 0);
    assert_eq!(f.by_kind.len(), 8);
    let channel = |c: &str| f.by_channel.iter().find(|g| g.key == c).unwrap().received;
    assert_eq!(
        (
            channel("web"),
            channel("email"),
            channel("phone"),
            channel("mail")
        ),
        (9, 1, 1, 0)
    );
    let deps: Vec<(&str, u64)> = f
        .by_dependency
        .iter()
        .map(|g| (g.label.as_str(), g.received))
        .collect();
    assert_eq!(
        deps,
        vec![
            ("Secretaría de Ambiente", 2),
            ("Secretaría de Hacienda", 3),
            ("(sin dependencia)", 6)
        ]
    );
    for g in f
        .by_kind
        .iter()
        .chain(&f.by_channel)
        .chain(&f.by_dependency)
    {
        assert_eq!(
            g.received,
            g.answered_on_time
                + g.answered_late
                + g.forwards
                + g.withdrawals_express
                + g.withdrawals_tacit
                + g.open,
            "{}",
            g.key
        );
    }
}

#[test]
fn the_access_to_information_report_counts_forwards_denials_and_each_response_time() {
    let log = fixture();
    let r = report(&log, ReportKind::AccessToInformation, log.head());
    let ReportData::AccessToInformation(a) = &r.data else {
        panic!("wrong report")
    };
    let s = &a.summary;
    assert_eq!(
        (
            s.received,
            s.forwarded,
            s.forwarded_art_21,
            s.forwarded_late
        ),
        (3, 1, 1, 0)
    );
    assert_eq!(
        (s.access_denied, s.denied_fully, s.denied_partially),
        (2, 1, 1)
    );
    assert_eq!((s.answered, s.answered_on_time, s.open), (2, 2, 0));
    assert_eq!(
        (s.median_business_days, s.p90_business_days),
        (Some(7.0), Some(9.4))
    );
    let times: Vec<(&str, Option<u32>, bool)> = a
        .requests
        .iter()
        .map(|r| (r.radicado.as_str(), r.business_days, r.access_denied))
        .collect();
    assert_eq!(
        times,
        vec![
            ("2026-000004", Some(4), false),
            ("2026-000005", Some(7), true),
            ("2026-000007", Some(10), true)
        ]
    );
    assert_eq!(
        a.requests[0].forwarded_to.as_deref(),
        Some("Archivo General de la Nación")
    );
    assert_eq!(a.requests[2].closed_on, Some(date("2026-12-10")));
}

#[test]
fn the_dashboard_buckets_open_cases_and_lists_the_overdue_ones() {
    let log = fixture();
    let r = report(&log, ReportKind::Dashboard, log.head());
    let ReportData::Dashboard(d) = &r.data else {
        panic!("wrong report")
    };
    let mondays: Vec<String> = d.weeks.iter().map(|w| w.week_start.to_string()).collect();
    assert_eq!(
        mondays,
        [
            "2026-10-26",
            "2026-11-02",
            "2026-11-09",
            "2026-11-16",
            "2026-11-23",
            "2026-11-30"
        ]
    );
    let w = &d.weeks[4];
    assert_eq!(
        (
            w.received,
            w.answered_on_time,
            w.answered_late,
            w.open_overdue,
            w.on_time_pct
        ),
        (10, 4, 1, 1, Some(66.7))
    );
    let by_kind: Vec<u64> = w.by_kind.iter().map(|k| k.count).collect();
    assert_eq!(by_kind, [4, 3, 0, 1, 1, 0, 1, 0]);
    assert_eq!((d.weeks[5].received, d.weeks[5].on_time_pct), (1, None));
    let buckets: Vec<(&str, u64)> = d
        .open_by_days_left
        .iter()
        .map(|b| (b.key.as_str(), b.count))
        .collect();
    assert_eq!(
        buckets,
        [
            ("overdue", 1),
            ("0-3", 1),
            ("4-7", 1),
            ("8-15", 0),
            ("16+", 1),
            ("suspended", 0)
        ]
    );
    assert_eq!(d.overdue_by_dependency.len(), 1);
    let h = &d.overdue_by_dependency[0];
    assert_eq!(
        (h.dependency.as_str(), h.overdue),
        ("Secretaría de Hacienda", 1)
    );
    assert_eq!(h.top[0].radicado, "2026-000006");
    assert_eq!(
        (h.top[0].due_date, h.top[0].business_days_overdue),
        (date("2026-12-16"), 1)
    );
}

#[test]
fn a_report_at_an_old_position_ignores_later_events_and_keeps_its_bytes() {
    let mut log = fixture();
    let checkpoint = log.head();
    let before: Vec<Vec<u8>> = ReportKind::ALL
        .iter()
        .flat_map(|k| {
            let r = report(&log, *k, checkpoint);
            [Format::Json, Format::Csv, Format::Html].map(|f| r.render(f).unwrap())
        })
        .collect();
    // Later: the overdue case is answered and a closure day is declared.
    log.answer("2026-000006", Outcome::Granted, None, "2026-12-18");
    log.push(
        <EntityCalendar as cqrs_es::Aggregate>::TYPE,
        "entity",
        "ClosureDayDeclared".into(),
        serde_json::to_value(CalendarEvent::ClosureDayDeclared {
            date: date("2026-12-21"),
            legal_basis: "Resolución 1 de 2026".into(),
            at: None,
        })
        .unwrap(),
        on("2026-12-18"),
    );
    let after: Vec<Vec<u8>> = ReportKind::ALL
        .iter()
        .flat_map(|k| {
            let r = report(&log, *k, checkpoint);
            [Format::Json, Format::Csv, Format::Html].map(|f| r.render(f).unwrap())
        })
        .collect();
    assert!(before == after, "same position, same bytes");
    let now = report(&log, ReportKind::PqrFollowUp, log.head());
    let old = report(&log, ReportKind::PqrFollowUp, checkpoint);
    assert_ne!(now.manifest.content_sha256, old.manifest.content_sha256);
    assert_ne!(
        now.manifest.calendar_version, old.manifest.calendar_version,
        "the closure day is in force at the head only"
    );
}

#[test]
fn the_content_hash_is_the_sha256_of_the_canonical_data() {
    let log = fixture();
    let r = report(&log, ReportKind::AccessToInformation, log.head());
    let json: serde_json::Value = serde_json::from_slice(&r.render(Format::Json).unwrap()).unwrap();
    let canonical = canonical_json(&json["data"]);
    assert!(
        !canonical.contains(' ') || canonical.contains("Archivo General"),
        "no whitespace added"
    );
    assert_eq!(
        hex::encode(Sha256::digest(canonical.as_bytes())),
        r.manifest.content_sha256
    );
    assert_eq!(
        json["manifest"]["content_sha256"],
        r.manifest.content_sha256.as_str()
    );
    assert_eq!(
        canonical_json(&serde_json::json!({"b": 1, "a": [true, null, "x"]})),
        r#"{"a":[true,null,"x"],"b":1}"#
    );
}

#[test]
fn csv_has_the_header_and_parses_back() {
    let log = fixture();
    let r = report(&log, ReportKind::PqrFollowUp, log.head());
    let bytes = r.render(Format::Csv).unwrap();
    let mut reader = ::csv::Reader::from_reader(bytes.as_slice());
    assert_eq!(reader.headers().unwrap(), render::CSV_HEADER.as_slice());
    let rows: Vec<::csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let find = |section: &str, dim: &str, group: &str, metric: &str| {
        rows.iter()
            .find(|r| &r[0] == section && &r[1] == dim && &r[2] == group && &r[3] == metric)
            .map(|r| r[4].to_owned())
    };
    assert_eq!(
        find("manifest", "", "", "report").as_deref(),
        Some("pqr-follow-up")
    );
    assert_eq!(
        find("group", "total", "total", "p90_business_days").as_deref(),
        Some("15.6")
    );
    assert_eq!(
        find(
            "group",
            "dependency",
            "Secretaría de Hacienda",
            "overdue_now"
        )
        .as_deref(),
        Some("1")
    );
    assert!(bytes.windows(2).any(|w| w == b"\r\n"), "RFC 4180 line ends");
}

#[test]
fn html_is_one_spanish_page_with_inline_svg_charts_and_a_print_style() {
    let log = fixture();
    for kind in ReportKind::ALL {
        let html = String::from_utf8(report(&log, kind, log.head()).render(Format::Html).unwrap())
            .unwrap();
        assert!(html.starts_with("<!DOCTYPE html>"));
        assert!(html.contains("<html lang=\"es\">"));
        assert!(html.contains("<svg"), "{kind:?} has a chart");
        assert!(html.contains("@media print"));
        assert!(
            !html.contains("http://") || html.contains("http://www.w3.org/2000/svg"),
            "no external resources"
        );
        assert!(!html.contains("<script"));
        assert!(!html.contains("<link"));
    }
}

#[test]
fn a_position_past_the_log_and_a_reversed_period_are_refused() {
    let log = fixture();
    let mut s = Snapshot::new(log.head() + 5);
    for e in &log.events {
        s.push(e).unwrap();
    }
    assert!(matches!(
        s.finish(),
        Err(ReportError::PositionNotInLog { .. })
    ));
    assert!(Period::new(date("2026-12-01"), date("2026-11-01")).is_err());
    assert!(Period::new(date("1983-12-01"), date("2026-11-01")).is_err());
    assert!(ReportKind::parse("nope").is_err());
    assert_eq!(
        ReportKind::parse("dashboard").unwrap(),
        ReportKind::Dashboard
    );
}

#[test]
fn an_empty_log_gives_an_empty_report() {
    let s = Snapshot::new(0).finish().unwrap();
    let r = compute(ReportKind::Dashboard, &s, &s.calendar(), november()).unwrap();
    assert_eq!(r.manifest.as_of, None);
    for f in [Format::Json, Format::Csv, Format::Html] {
        assert!(!r.render(f).unwrap().is_empty());
    }
}

#[test]
fn a_tacit_withdrawal_is_counted_apart_from_an_express_one() {
    let mut log = Log::default();
    let id = log.file("2026-11-23T09:00:00-05:00", Kind::Petition, Channel::Web);
    log.run(
        &id,
        PqrCommand::RequestCompletion(RequestCompletion {
            what: reason("La dirección"),
            at: on("2026-11-24"),
        }),
        on("2026-11-24"),
    );
    log.run(
        &id,
        PqrCommand::RecordTacitWithdrawal(RecordTacitWithdrawal {
            at: on("2027-01-12"),
        }),
        on("2027-01-12"),
    );
    let r = report(&log, ReportKind::PqrFollowUp, log.head());
    let ReportData::PqrFollowUp(f) = &r.data else {
        panic!("wrong report")
    };
    assert_eq!(
        (
            f.total.withdrawals_tacit,
            f.total.withdrawals_express,
            f.total.suspensions,
            f.total.open
        ),
        (1, 0, 1, 0)
    );
}

/// Writes the samples of docs/reports.md (the fixture as of its last event) to
/// `$PQRS_REPORT_SAMPLES_DIR`: `cargo test -p pqrs-projections -- --ignored write_docs_samples`.
#[test]
#[ignore = "writes files; run by hand to refresh docs/reports.md"]
fn write_docs_samples() {
    let dir = std::path::PathBuf::from(
        std::env::var("PQRS_REPORT_SAMPLES_DIR").unwrap_or_else(|_| "/tmp".into()),
    );
    let log = fixture();
    for kind in ReportKind::ALL {
        let r = report(&log, kind, log.head());
        for f in [Format::Json, Format::Csv, Format::Html] {
            let path = dir.join(format!("{}.{}", kind.as_str(), f.extension()));
            std::fs::write(path, r.render(f).unwrap()).unwrap();
        }
    }
}
