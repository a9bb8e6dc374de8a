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

mod book;
mod file;

pub use book::{
    CaseTerm, ColombiaTransitions, InProgressCases, PolicyBook, PolicyPeriod, ReceiptDeadline,
    DECRETO_491_FROM, LEY_2207_FROM,
};

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

#[cfg(test)]
mod tests;
