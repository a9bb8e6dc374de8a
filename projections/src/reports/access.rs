//! The access-to-public-information report (Ley 1712 de 2014 art. 11 lit. h; Decreto 103 de
//! 2015 art. 52, compiled in Decreto 1081 de 2015 art. 2.1.1.6.2): for the period, (1) the
//! number of information requests received, (2) the number forwarded to another institution,
//! (3) the response time of each request, and (4) the number where access was denied.

use super::facts::{outcome_es, status_es, Facts};
use super::stats::Histogram;
use chrono::NaiveDate;
use pqrs_domain::pqr::{Outcome, Status};
use serde::Serialize;

/// The totals of the report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AccessSummary {
    /// Art. 52 num. 1: information requests received in the period (kind in force
    /// `information_request`), without voided radicados.
    pub received: u64,
    /// Art. 52 num. 2: forwarded to another institution: `forwarded_art_21 +
    /// forwarded_late`.
    pub forwarded: u64,
    /// Forwarded within the 5 business days of Ley 1755 de 2015 art. 21.
    pub forwarded_art_21: u64,
    /// Remitted after those 5 days: forwarded late (art. 31), or recorded as an answer with
    /// outcome `forwarded`.
    pub forwarded_late: u64,
    /// Answered (any outcome, late remissions included).
    pub answered: u64,
    /// Answered on or before the due date in force.
    pub answered_on_time: u64,
    /// Answered after it.
    pub answered_late: u64,
    /// Art. 52 num. 4: access denied: `denied_fully + denied_partially`.
    pub access_denied: u64,
    /// Answered with outcome `denied`.
    pub denied_fully: u64,
    /// Answered with outcome `partially_granted`: part of the information was withheld
    /// (Ley 1712 de 2014 art. 28: partial disclosure), so access was denied in part.
    pub denied_partially: u64,
    /// Withdrawn by the petitioner (art. 18) or tacitly (art. 17).
    pub withdrawn: u64,
    /// Still open at the report's position.
    pub open: u64,
    /// Open and past the due date at the report's instant.
    pub overdue_now: u64,
    /// Deemed accepted by positive silence (Ley 1755 de 2015 art. 14 num. 1).
    pub positive_silence: u64,
    /// Voided radicados (issued in error; not counted as received).
    pub voided: u64,
    /// Median response time in business days (answers and forwards).
    pub median_business_days: Option<f64>,
    /// 90th percentile of the same.
    pub p90_business_days: Option<f64>,
}

/// One request (art. 52 num. 3: the response time of each request).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AccessRow {
    /// The radicado.
    pub radicado: String,
    /// Local date of receipt.
    pub received_on: NaiveDate,
    /// Effective receipt date E.
    pub effective_received_on: NaiveDate,
    /// Due date in force.
    pub due_date: NaiveDate,
    /// Status (API value).
    pub status: String,
    /// Status in Spanish.
    pub status_es: String,
    /// Outcome of the answer (API value), if answered.
    pub outcome: Option<String>,
    /// The local date it was answered, forwarded, withdrawn or voided.
    pub closed_on: Option<NaiveDate>,
    /// Business days used to answer or forward (without art. 17 suspensions).
    pub business_days: Option<u32>,
    /// For answers: within the term.
    pub on_time: Option<bool>,
    /// Whether access was denied (fully or in part).
    pub access_denied: bool,
    /// The authority it was forwarded to (art. 21).
    pub forwarded_to: Option<String>,
}

/// The report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AccessToInformation {
    /// The totals.
    pub summary: AccessSummary,
    /// Every request of the period, by radicado (voided ones excluded).
    pub requests: Vec<AccessRow>,
}

/// The report being counted, one case at a time: the totals, the response times as counts
/// per value, and the rows (one per request: the report lists each, art. 52 num. 3).
#[derive(Debug, Clone)]
pub(crate) struct AccessTally {
    s: AccessSummary,
    times: Histogram,
    requests: Vec<AccessRow>,
}

impl AccessTally {
    pub(crate) fn new() -> Self {
        AccessTally {
            s: AccessSummary {
                received: 0,
                forwarded: 0,
                forwarded_art_21: 0,
                forwarded_late: 0,
                answered: 0,
                answered_on_time: 0,
                answered_late: 0,
                access_denied: 0,
                denied_fully: 0,
                denied_partially: 0,
                withdrawn: 0,
                open: 0,
                overdue_now: 0,
                positive_silence: 0,
                voided: 0,
                median_business_days: None,
                p90_business_days: None,
            },
            times: Histogram::default(),
            requests: Vec::new(),
        }
    }

    pub(crate) fn add(&mut self, f: &Facts) {
        let s = &mut self.s;
        if f.status == Status::Voided {
            s.voided += 1;
            return;
        }
        s.received += 1;
        match f.status {
            // Ley 1755 de 2015 arts. 21 and 31: a forwarding after the 5 days is late.
            Status::Forwarded if f.forwarded_late => s.forwarded_late += 1,
            Status::Forwarded => s.forwarded_art_21 += 1,
            Status::Answered => {
                s.answered += 1;
                if f.on_time == Some(true) {
                    s.answered_on_time += 1;
                } else {
                    s.answered_late += 1;
                }
            }
            Status::Withdrawn | Status::WithdrawnTacitly => s.withdrawn += 1,
            _ => {}
        }
        match f.outcome {
            Some(Outcome::Forwarded) => s.forwarded_late += 1,
            Some(Outcome::Denied) => s.denied_fully += 1,
            Some(Outcome::PartiallyGranted) => s.denied_partially += 1,
            _ => {}
        }
        if f.open() {
            s.open += 1;
        }
        if f.overdue_now {
            s.overdue_now += 1;
        }
        if f.positive_silence {
            s.positive_silence += 1;
        }
        if let Some(d) = f.response_days {
            self.times.add(d);
        }
        self.requests.push(AccessRow {
            radicado: f.radicado.clone(),
            received_on: f.received_on,
            effective_received_on: f.effective,
            due_date: f.due_date,
            status: f.status.as_str().to_owned(),
            status_es: status_es(f.status).to_owned(),
            outcome: f.outcome.map(|o| o.as_str().to_owned()),
            closed_on: f.closed_on,
            business_days: f.response_days,
            on_time: f.on_time,
            access_denied: matches!(f.outcome, Some(Outcome::Denied | Outcome::PartiallyGranted)),
            forwarded_to: f.forwarded_to.clone(),
        });
    }

    pub(crate) fn finish(self) -> AccessToInformation {
        let mut s = self.s;
        s.forwarded = s.forwarded_art_21 + s.forwarded_late;
        s.access_denied = s.denied_fully + s.denied_partially;
        s.median_business_days = self.times.median();
        s.p90_business_days = self.times.percentile(0.9);
        let mut requests = self.requests;
        requests.sort_by(|a, b| a.radicado.cmp(&b.radicado));
        AccessToInformation {
            summary: s,
            requests,
        }
    }
}

/// The Spanish outcome label of a row.
pub(crate) fn row_outcome_es(row: &AccessRow) -> &'static str {
    row.outcome
        .as_deref()
        .and_then(Outcome::parse)
        .map(outcome_es)
        .unwrap_or("—")
}
