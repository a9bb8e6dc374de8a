//! The policy book: effective-dated periods of [`Policy`], and the term and due date each
//! case gets from the period of its receipt (docs/legal.md §3).

use super::*;
use crate::retention::RetentionSchedule;

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
/// periods, the first without a start date, the rest in increasing order; and the retention
/// schedule of its PQR files (Ley 594 de 2000 art. 24). Read from and written to the policy
/// file by `policy::file` (an array of periods, or an object with `periods` and `retention`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyBook {
    /// Shared: the book is cloned with the services of every request and command.
    periods: Arc<Vec<PolicyPeriod>>,
    /// Years after closing per kind, each with its basis.
    retention: Arc<RetentionSchedule>,
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
            retention: Arc::default(),
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
            retention: Arc::default(),
        })
    }

    /// This book with the entity's retention schedule (Ley 594 de 2000 art. 24).
    pub fn with_retention(self, retention: RetentionSchedule) -> PolicyBook {
        PolicyBook {
            retention: Arc::new(retention),
            ..self
        }
    }

    /// The retention schedule of PQR files per kind (the default one, 10 years with its
    /// basis, unless the policy file gives the entity's; docs/privacy.md).
    pub fn retention(&self) -> &RetentionSchedule {
        &self.retention
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
        let retention = self.retention;
        let mut periods = Arc::unwrap_or_clone(self.periods);
        periods.push(PolicyPeriod {
            starts_on: Some(starts_on),
            policy,
            legal_basis: legal_basis.into(),
            cases_in_progress,
        });
        Ok(PolicyBook {
            retention,
            ..PolicyBook::new(periods)?
        })
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
