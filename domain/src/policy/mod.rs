//! Response-term policies: which term applies to which kind, from which date
//! (docs/legal.md §3).
//!
//! A [`Policy`] is a versioned catalog of terms per [`Kind`] plus the priority term of
//! Ley 1755 de 2015 art. 20. A [`PolicyBook`] is an effective-dated sequence of policies
//! ([`PolicyPeriod`]): the default book is "Ley 1755 de 2015", with the Decreto 491 de 2020
//! art. 5 window for petitions received 2020-03-28 … 2022-05-17 (repealed by Ley 2207 de
//! 2022). Each period says what happens to cases already in progress when it starts
//! ([`InProgressCases`]). Entities may build their own catalogs, in business days, calendar
//! days or months.

use crate::calendar::{Calendar, CalendarError};
use crate::deadline::due_date;
/// Terms are counted by the deadline engine; re-exported where the catalogs name them.
pub use crate::deadline::{Term, TermUnit};
use crate::kind::Kind;
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::sync::Arc;

/// Why a policy or a policy book is not acceptable.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PolicyError {
    /// A catalog must give a term for every kind (docs/legal.md §3).
    #[error("policy {policy}: no term for kind {kind}")]
    MissingKind {
        /// The policy id.
        policy: String,
        /// The kind without a term.
        kind: &'static str,
    },
    /// A kind was given two terms.
    #[error("policy {policy}: kind {kind} has more than one term")]
    DuplicateKind {
        /// The policy id.
        policy: String,
        /// The repeated kind.
        kind: &'static str,
    },
    /// A term of zero units would make the PQR due on receipt.
    #[error("policy {policy}: the term of {what} must be at least 1")]
    ZeroTerm {
        /// The policy id.
        policy: String,
        /// The kind, or "priority" (Ley 1755 de 2015 art. 20).
        what: &'static str,
    },
    /// Policies are recorded on filings by id and version; both must be given.
    #[error("a policy needs a non-empty id and version")]
    Unidentified,
    /// A book needs at least one period.
    #[error("a policy book needs at least one period")]
    EmptyBook,
    /// The first period must have no start date, so every receipt date has a policy.
    #[error("the first period of a policy book must have no start date")]
    FirstPeriodStarts,
    /// The due-soon share must be a percentage of the term, 1 to 100.
    #[error("policy {policy}: due_soon.percent_elapsed must be 1 to 100, not {percent}")]
    DueSoonPercent {
        /// The policy id.
        policy: String,
        /// The value given.
        percent: u8,
    },
    /// The office-hours cut-off must leave part of the day in hours (docs/legal.md §4).
    #[error(
        "policy {policy}: office_hours_cutoff must be a local time after 00:00, e.g. \"17:00\""
    )]
    CutoffAtMidnight {
        /// The policy id.
        policy: String,
    },
    /// Periods after the first must start on strictly increasing dates.
    #[error("policy period starting {starts_on} does not start after the previous one")]
    PeriodsOutOfOrder {
        /// The offending start date.
        starts_on: String,
    },
}

/// A policy: an id and the version that filings record, its legal basis, and its terms per
/// kind plus the priority term (Ley 1755 de 2015 arts. 14 and 20).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Policy {
    /// Stable identifier, e.g. `ley-1755-2015`.
    pub id: String,
    /// Human name, e.g. "Ley 1755 de 2015".
    pub name: String,
    /// Version recorded on filings, e.g. `ley-1755-2015@1`.
    pub version: String,
    /// The norm the terms come from, e.g. "Ley 1755 de 2015 art. 14".
    #[serde(default)]
    pub legal_basis: String,
    terms: Vec<(Kind, Term)>,
    /// The shortened term of a PQR flagged as involving a fundamental right at risk
    /// (Ley 1755 de 2015 art. 20, "atención prioritaria"). The law fixes no number; the
    /// priority due date is never later than the ordinary one
    /// ([`crate::clock_rules::priority_due_date`]).
    #[serde(default = "default_priority_term")]
    pub priority_term: Term,
    /// When an open case under this policy is flagged "due soon" (issue 5: thresholds per
    /// policy). A management setting, not a legal term: it changes alerts, never a due date,
    /// and is left out of the [`Policy::fingerprint`].
    #[serde(default)]
    pub due_soon: DueSoon,
    /// The optional office-hours cut-off (docs/legal.md §4: an optional office-hours cut-off,
    /// off by default, moves receipts after that local time to the next business day): a
    /// receipt at or after this Bogotá local time (`"17:00"`) counts as received the next
    /// business day ([`crate::deadline::effective_receipt_date_with_cutoff`]). Absent: off.
    /// Part of the [`Policy::fingerprint`] when set, since it changes E and due dates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub office_hours_cutoff: Option<NaiveTime>,
}

/// The "due soon" thresholds of a policy: a case is due soon with at most
/// `business_days_left` business days left, or once `percent_elapsed` % of its term has
/// elapsed, whichever comes first. Defaults: 3 business days, 80 %.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DueSoon {
    /// Due soon at this many business days left or fewer.
    #[serde(default = "default_due_soon_days")]
    pub business_days_left: u32,
    /// Due soon once this share of the term has elapsed (percent, 1–100).
    #[serde(default = "default_due_soon_percent")]
    pub percent_elapsed: u8,
}

fn default_due_soon_days() -> u32 {
    3
}

fn default_due_soon_percent() -> u8 {
    80
}

impl Default for DueSoon {
    fn default() -> Self {
        DueSoon {
            business_days_left: default_due_soon_days(),
            percent_elapsed: default_due_soon_percent(),
        }
    }
}

/// The default priority term (Ley 1755 de 2015 art. 20): 5 business days, a choice recorded in
/// docs/legal.md (the law gives no number).
pub const DEFAULT_PRIORITY_TERM: Term = Term::business(5);

fn default_priority_term() -> Term {
    DEFAULT_PRIORITY_TERM
}

impl Policy {
    /// A validated catalog: every kind exactly once, every term and the priority term at least
    /// 1 unit, non-empty id and version (docs/legal.md, "Configuring an entity's
    /// catalog": an entity may configure its own catalog, including terms in calendar days).
    pub fn new(
        id: impl Into<String>,
        name: impl Into<String>,
        version: impl Into<String>,
        legal_basis: impl Into<String>,
        terms: Vec<(Kind, Term)>,
        priority_term: Term,
    ) -> Result<Policy, PolicyError> {
        let policy = Policy {
            id: id.into(),
            name: name.into(),
            version: version.into(),
            legal_basis: legal_basis.into(),
            terms,
            priority_term,
            due_soon: DueSoon::default(),
            office_hours_cutoff: None,
        };
        policy.validate()?;
        Ok(policy)
    }

    fn validate(&self) -> Result<(), PolicyError> {
        if self.id.trim().is_empty() || self.version.trim().is_empty() {
            return Err(PolicyError::Unidentified);
        }
        for kind in Kind::ALL {
            let mut found = self.terms.iter().filter(|(k, _)| *k == kind);
            match (found.next(), found.next()) {
                (None, _) => {
                    return Err(PolicyError::MissingKind {
                        policy: self.id.clone(),
                        kind: kind.as_str(),
                    })
                }
                (Some(_), Some(_)) => {
                    return Err(PolicyError::DuplicateKind {
                        policy: self.id.clone(),
                        kind: kind.as_str(),
                    })
                }
                (Some((_, t)), None) if t.days == 0 => {
                    return Err(PolicyError::ZeroTerm {
                        policy: self.id.clone(),
                        what: kind.as_str(),
                    })
                }
                _ => {}
            }
        }
        if self.priority_term.days == 0 {
            return Err(PolicyError::ZeroTerm {
                policy: self.id.clone(),
                what: "priority",
            });
        }
        if self.office_hours_cutoff == Some(NaiveTime::MIN) {
            return Err(PolicyError::CutoffAtMidnight {
                policy: self.id.clone(),
            });
        }
        if !(1..=100).contains(&self.due_soon.percent_elapsed) {
            return Err(PolicyError::DueSoonPercent {
                policy: self.id.clone(),
                percent: self.due_soon.percent_elapsed,
            });
        }
        Ok(())
    }

    /// The default catalog, "Ley 1755 de 2015" (docs/legal.md §3): petition, complaint,
    /// claim and report 15 business days (art. 14); information request 10 (art. 14 num. 1);
    /// consultation 30 (art. 14 num. 2); suggestion and commendation 30 (the entity's PQR
    /// procedure). Priority term (art. 20): [`DEFAULT_PRIORITY_TERM`].
    pub fn ley_1755_2015() -> Policy {
        use Kind::*;
        let b = Term::business;
        Policy {
            id: "ley-1755-2015".into(),
            name: "Ley 1755 de 2015".into(),
            version: "ley-1755-2015@1".into(),
            legal_basis: "Ley 1755 de 2015 art. 14 (Ley 1437 de 2011 art. 14)".into(),
            terms: vec![
                (Petition, b(15)),
                (InformationRequest, b(10)),
                (Consultation, b(30)),
                (Complaint, b(15)),
                (Claim, b(15)),
                (Report, b(15)),
                (Suggestion, b(30)),
                (Commendation, b(30)),
            ],
            priority_term: DEFAULT_PRIORITY_TERM,
            due_soon: DueSoon::default(),
            office_hours_cutoff: None,
        }
    }

    /// The emergency catalog of Decreto 491 de 2020 art. 5 (docs/legal.md §3): general term
    /// 30 business days (petition, complaint, claim, report), documents and information 20,
    /// consultations 35; suggestion and commendation stay 30.
    pub fn decreto_491_2020() -> Policy {
        use Kind::*;
        let b = Term::business;
        Policy {
            id: "decreto-491-2020".into(),
            name: "Decreto 491 de 2020 art. 5".into(),
            version: "decreto-491-2020@1".into(),
            legal_basis: "Decreto Legislativo 491 de 2020 art. 5 (repealed by Ley 2207 de 2022)"
                .into(),
            terms: vec![
                (Petition, b(30)),
                (InformationRequest, b(20)),
                (Consultation, b(35)),
                (Complaint, b(30)),
                (Claim, b(30)),
                (Report, b(30)),
                (Suggestion, b(30)),
                (Commendation, b(30)),
            ],
            priority_term: DEFAULT_PRIORITY_TERM,
            due_soon: DueSoon::default(),
            office_hours_cutoff: None,
        }
    }

    /// The term of `kind` under this policy. A catalog built with [`Policy::new`] has every
    /// kind; for one that lacks it (e.g. deserialized from an older record) the petition term
    /// applies, as art. 14's general rule ("toda petición"), or 15 business days.
    pub fn term(&self, kind: Kind) -> Term {
        let find = |k: Kind| self.terms.iter().find(|(x, _)| *x == k).map(|(_, t)| *t);
        find(kind)
            .or_else(|| find(Kind::Petition))
            .unwrap_or(Term::business(15))
    }

    /// Every (kind, term) of the catalog.
    pub fn terms(&self) -> &[(Kind, Term)] {
        &self.terms
    }

    /// A hash of the policy's content (id, version, terms, priority term): two policies with
    /// the same version and different content have different fingerprints.
    pub fn fingerprint(&self) -> String {
        let mut h = Sha256::new();
        h.update(format!("{}|{}|", self.id, self.version).as_bytes());
        let mut terms = self.terms.clone();
        terms.sort_by_key(|(k, _)| *k);
        for (k, t) in terms {
            h.update(format!("{}:{}{};", k.as_str(), t.days, t.unit.as_str()).as_bytes());
        }
        h.update(
            format!(
                "priority:{}{}",
                self.priority_term.days,
                self.priority_term.unit.as_str()
            )
            .as_bytes(),
        );
        if let Some(cutoff) = self.office_hours_cutoff {
            h.update(format!("|cutoff:{}", cutoff.format("%H:%M:%S")).as_bytes());
        }
        hex::encode(h.finalize())[..16].to_owned()
    }
}

/// What happens to a case received under the previous period and still in progress (its
/// term not yet run out) on the day a new period starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InProgressCases {
    /// The term fixed at filing stands (the default; docs/legal.md §3 for cases in progress
    /// on 2022-05-18, when Ley 2207 de 2022 restored the ordinary terms).
    #[default]
    TermAtFilingStands,
    /// The new period's term applies, counted from the same effective receipt date (Decreto
    /// 491 de 2020 art. 5 covered petitions "en curso" on 2020-03-28). May make a case
    /// overdue at once when the new term is shorter.
    NewTermApplies,
}

/// One effective-dated period of a [`PolicyBook`]: the policy for PQRs received (local date)
/// from `starts_on` until the next period starts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyPeriod {
    /// First local receipt date of the period; `None` for the first period ("since always").
    pub starts_on: Option<NaiveDate>,
    /// The policy in force.
    pub policy: Policy,
    /// The norm that put the period in force, e.g. "Ley 2207 de 2022".
    pub legal_basis: String,
    /// How cases in progress on `starts_on` are treated.
    pub cases_in_progress: InProgressCases,
}

/// Transitional settings of the default book (docs/legal.md §3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColombiaTransitions {
    /// Cases in progress on 2020-03-28 (Decreto 491 de 2020 art. 5: covered).
    pub in_progress_on_2020_03_28: InProgressCases,
    /// Cases in progress on 2022-05-18 (Ley 2207 de 2022; an open legal question, default:
    /// the term fixed at filing stands).
    pub in_progress_on_2022_05_18: InProgressCases,
}

impl Default for ColombiaTransitions {
    fn default() -> Self {
        ColombiaTransitions {
            in_progress_on_2020_03_28: InProgressCases::NewTermApplies,
            in_progress_on_2022_05_18: InProgressCases::TermAtFilingStands,
        }
    }
}

/// First receipt date under Decreto 491 de 2020 art. 5.
pub const DECRETO_491_FROM: NaiveDate = match NaiveDate::from_ymd_opt(2020, 3, 28) {
    Some(d) => d,
    None => panic!("valid date"),
};
/// First receipt date with the ordinary terms again (Ley 2207 de 2022).
pub const LEY_2207_FROM: NaiveDate = match NaiveDate::from_ymd_opt(2022, 5, 18) {
    Some(d) => d,
    None => panic!("valid date"),
};

/// The term a case ends up with after the book's transitions ([`PolicyBook::term_for_case`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseTerm {
    /// The id of the policy whose term governs.
    pub policy_id: String,
    /// Its version.
    pub policy_version: String,
    /// The term.
    pub term: Term,
    /// The due date from the effective receipt date.
    pub due_date: NaiveDate,
}

/// The deadline of a PQR received at an instant, as [`PolicyBook::deadline_for`] computes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceiptDeadline {
    /// The Bogotá local date of receipt (what selects the policy period).
    pub received_on: NaiveDate,
    /// The effective receipt date E (docs/legal.md §4).
    pub effective_received_on: NaiveDate,
    /// The governing policy, term and due date, after the book's transitions.
    pub case_term: CaseTerm,
}

/// The policies an entity uses, by effective date: a validated, non-empty sequence of
/// periods, the first without a start date, the rest in increasing order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "Vec<PolicyPeriod>", into = "Vec<PolicyPeriod>")]
pub struct PolicyBook {
    /// Shared: the book is cloned with the services of every request and command.
    periods: Arc<Vec<PolicyPeriod>>,
}

impl Default for PolicyBook {
    fn default() -> Self {
        PolicyBook::colombia()
    }
}

impl TryFrom<Vec<PolicyPeriod>> for PolicyBook {
    type Error = PolicyError;
    fn try_from(periods: Vec<PolicyPeriod>) -> Result<Self, Self::Error> {
        PolicyBook::new(periods)
    }
}

impl From<PolicyBook> for Vec<PolicyPeriod> {
    fn from(book: PolicyBook) -> Self {
        Arc::unwrap_or_clone(book.periods)
    }
}

impl PolicyBook {
    /// The default book: Ley 1755 de 2015 art. 14, with the Decreto 491 de 2020 art. 5 window
    /// for filings received 2020-03-28 … 2022-05-17 (repealed by Ley 2207 de 2022) and the
    /// default transitional settings ([`ColombiaTransitions::default`]).
    pub fn colombia() -> PolicyBook {
        PolicyBook::colombia_with(ColombiaTransitions::default())
    }

    /// The default book with explicit transitional settings (docs/legal.md §3).
    pub fn colombia_with(transitions: ColombiaTransitions) -> PolicyBook {
        PolicyBook {
            periods: Arc::new(vec![
                PolicyPeriod {
                    starts_on: None,
                    policy: Policy::ley_1755_2015(),
                    legal_basis: "Ley 1755 de 2015".into(),
                    cases_in_progress: InProgressCases::TermAtFilingStands,
                },
                PolicyPeriod {
                    starts_on: Some(DECRETO_491_FROM),
                    policy: Policy::decreto_491_2020(),
                    legal_basis: "Decreto Legislativo 491 de 2020 art. 5".into(),
                    cases_in_progress: transitions.in_progress_on_2020_03_28,
                },
                PolicyPeriod {
                    starts_on: Some(LEY_2207_FROM),
                    policy: Policy::ley_1755_2015(),
                    legal_basis: "Ley 2207 de 2022 (repeals Decreto 491 de 2020 art. 5)".into(),
                    cases_in_progress: transitions.in_progress_on_2022_05_18,
                },
            ]),
        }
    }

    /// A validated book from its periods (see [`PolicyBook`]).
    pub fn new(periods: Vec<PolicyPeriod>) -> Result<PolicyBook, PolicyError> {
        let first = periods.first().ok_or(PolicyError::EmptyBook)?;
        if first.starts_on.is_some() {
            return Err(PolicyError::FirstPeriodStarts);
        }
        let mut last: Option<NaiveDate> = None;
        for p in &periods {
            p.policy.validate()?;
        }
        for p in periods.iter().skip(1) {
            match p.starts_on {
                Some(s) if last.is_none_or(|l| s > l) => last = Some(s),
                other => {
                    return Err(PolicyError::PeriodsOutOfOrder {
                        starts_on: other.map(|d| d.to_string()).unwrap_or_default(),
                    })
                }
            }
        }
        Ok(PolicyBook {
            periods: Arc::new(periods),
        })
    }

    /// An entity catalog in force for every receipt date.
    pub fn single(
        policy: Policy,
        legal_basis: impl Into<String>,
    ) -> Result<PolicyBook, PolicyError> {
        PolicyBook::new(vec![PolicyPeriod {
            starts_on: None,
            policy,
            legal_basis: legal_basis.into(),
            cases_in_progress: InProgressCases::TermAtFilingStands,
        }])
    }

    /// This book with one more period starting on `starts_on` (a new catalog version, e.g. an
    /// entity's new PQR procedure); it must start after the last period.
    pub fn with_period(
        self,
        starts_on: NaiveDate,
        policy: Policy,
        legal_basis: impl Into<String>,
        cases_in_progress: InProgressCases,
    ) -> Result<PolicyBook, PolicyError> {
        let mut periods = Arc::unwrap_or_clone(self.periods);
        periods.push(PolicyPeriod {
            starts_on: Some(starts_on),
            policy,
            legal_basis: legal_basis.into(),
            cases_in_progress,
        });
        PolicyBook::new(periods)
    }

    /// The periods, in order.
    pub fn periods(&self) -> &[PolicyPeriod] {
        &self.periods
    }

    fn index_in_force(&self, received_on: NaiveDate) -> usize {
        // Periods after the first all have a start date, in increasing order.
        self.periods
            .iter()
            .rposition(|p| p.starts_on.is_none_or(|s| s <= received_on))
            .unwrap_or(0)
    }

    /// The period in force for a PQR received (local date) on `received_on`.
    pub fn period_in_force(&self, received_on: NaiveDate) -> &PolicyPeriod {
        // `new` guarantees at least one period; index_in_force returns a valid index.
        &self.periods[self.index_in_force(received_on)]
    }

    /// The due-soon thresholds of the policy with id `policy_id` (the one a case records), from
    /// its latest period in the book: thresholds are a management setting, so a case follows
    /// the current one. Defaults if the book no longer holds that policy.
    pub fn due_soon(&self, policy_id: &str) -> DueSoon {
        self.periods
            .iter()
            .rev()
            .find(|p| p.policy.id == policy_id)
            .map(|p| p.policy.due_soon)
            .unwrap_or_default()
    }

    /// How many calendar days before its due date a case of this book can first be "due
    /// soon", at most (never less than 31): the window the alert checks scan. Bounded by the
    /// larger of the days-left threshold (in calendar days: twice the business days, plus two
    /// weeks for holidays) and the unelapsed share of the longest term, doubled for an
    /// extension (Ley 1755 art. 14 parágrafo).
    pub fn due_soon_horizon_days(&self) -> i64 {
        let span = |t: &Term| -> i64 {
            let n = i64::from(t.days);
            match t.unit {
                TermUnit::Business => n * 2 + 14,
                TermUnit::Calendar => n,
                TermUnit::Months => n * 31,
            }
        };
        self.periods
            .iter()
            .map(|p| {
                let policy = &p.policy;
                let longest = policy
                    .terms
                    .iter()
                    .map(|(_, t)| span(t))
                    .chain([span(&policy.priority_term)])
                    .max()
                    .unwrap_or(0)
                    * 2;
                let days_left = i64::from(policy.due_soon.business_days_left) * 2 + 14;
                let unelapsed =
                    (longest * (100 - i64::from(policy.due_soon.percent_elapsed)) + 99) / 100;
                days_left.max(unelapsed)
            })
            .max()
            .unwrap_or(0)
            .max(31)
    }

    /// The policy in force for a PQR received (locally) on `received_on`.
    pub fn in_force(&self, received_on: NaiveDate) -> &Policy {
        &self.period_in_force(received_on).policy
    }

    /// The deadline of a PQR of `kind` received at `received_at`: its local receipt date, E,
    /// and the governing term and due date after the book's transitions
    /// ([`PolicyBook::term_for_case`]: e.g. Decreto 491 de 2020 art. 5 covers petitions in
    /// progress on 2020-03-28). The one computation behind a filing (`PqrFiled`), the public
    /// calculator (`POST /v1/deadlines/calculate`) and `pqrs deadline`, so they never disagree.
    pub fn deadline_for(
        &self,
        calendar: &Calendar,
        kind: Kind,
        received_at: &DateTime<FixedOffset>,
    ) -> Result<ReceiptDeadline, CalendarError> {
        let received_on = crate::deadline::local_date(received_at);
        let effective = self.effective_receipt_date(calendar, received_at)?;
        Ok(ReceiptDeadline {
            received_on,
            effective_received_on: effective,
            case_term: self.term_for_case(calendar, kind, received_on, effective)?,
        })
    }

    /// The effective receipt date E of a receipt at `received_at` (docs/legal.md §4), with the
    /// office-hours cut-off of the policy in force at its local date, if that policy sets one.
    pub fn effective_receipt_date(
        &self,
        calendar: &Calendar,
        received_at: &DateTime<FixedOffset>,
    ) -> Result<NaiveDate, CalendarError> {
        let cutoff = self
            .in_force(crate::deadline::local_date(received_at))
            .office_hours_cutoff;
        crate::deadline::effective_receipt_date_with_cutoff(calendar, received_at, cutoff)
    }

    /// The policy `id` at `version` in the book, if any.
    pub fn policy(&self, id: &str, version: &str) -> Option<&Policy> {
        self.periods
            .iter()
            .map(|p| &p.policy)
            .find(|p| p.id == id && p.version == version)
    }

    /// The term of a case of `kind` received (local date) on `received_on` with effective
    /// receipt date `effective`, after the book's transitions: at each later period start on
    /// which the case is still in progress (its due date not yet passed: due ≥ start), the
    /// period's [`InProgressCases`] setting decides whether its term replaces the current one,
    /// counted from the same E (Decreto 491 de 2020 art. 5; Ley 2207 de 2022). A case already
    /// answered before a start date must not be passed through this function for it.
    pub fn term_for_case(
        &self,
        calendar: &Calendar,
        kind: Kind,
        received_on: NaiveDate,
        effective: NaiveDate,
    ) -> Result<CaseTerm, CalendarError> {
        let i = self.index_in_force(received_on);
        let mut governing = &self.periods[i].policy;
        let mut term = governing.term(kind);
        let mut due = due_date(calendar, effective, term)?;
        for next in self.periods.iter().skip(i + 1) {
            let Some(start) = next.starts_on else {
                continue;
            };
            if due < start {
                break;
            }
            if next.cases_in_progress == InProgressCases::NewTermApplies {
                governing = &next.policy;
                term = governing.term(kind);
                due = due_date(calendar, effective, term)?;
            }
        }
        Ok(CaseTerm {
            policy_id: governing.id.clone(),
            policy_version: governing.version.clone(),
            term,
            due_date: due,
        })
    }
}

#[cfg(test)]
mod tests;
