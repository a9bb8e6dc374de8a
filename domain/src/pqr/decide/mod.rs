//! The decisions: which event each command produces, under the state guards of the case and
//! the legal guards of Ley 1755 de 2015 (docs/legal.md §5 "Events that move the clock",
//! through [`crate::clock_rules`]). Nothing here reads a clock: every instant is the command's `at`.

use super::aggregate::{Pqr, PqrServices};
use super::case::{Case, Completion};
use super::commands::*;
use super::error::PqrError;
use super::events::*;
use super::values::Outcome;
use crate::calendar::{Calendar, CalendarError};
use crate::clock_rules::{self, ClockRuleError, ExtensionRequest, Suspension};
use crate::deadline::{due_date, local_date};
use crate::kind::Kind;
use crate::policy::{Policy, Term, TermUnit};
use chrono::{DateTime, FixedOffset, NaiveDate};
use later::{move_for_closures, tacit_withdrawal_reasons};

mod later;

impl Pqr {
    /// Decides the events of `command` without recording them: the filing decision
    /// ([`Pqr::decide_filing`]) or one of the case's commands, with its state and legal
    /// guards. `Aggregate::handle` writes exactly these events.
    pub fn decide(
        &self,
        command: PqrCommand,
        services: &PqrServices,
    ) -> Result<Vec<PqrEvent>, PqrError> {
        if let PqrCommand::File(cmd) = command {
            return Ok(vec![PqrEvent::PqrFiled(self.decide_filing(cmd, services)?)]);
        }
        let case = self.case().ok_or(PqrError::NotFiled)?;
        let calendar = services.calendar.current();
        if let PqrCommand::MoveDueDateForClosures(c) = command {
            return move_for_closures(case, &calendar, c);
        }
        let decider = Decider {
            case,
            cal: &calendar,
            services,
        };
        Ok(vec![decider.decide(command)?])
    }
}

/// One decision on a filed case.
struct Decider<'a> {
    case: &'a Case,
    cal: &'a Calendar,
    services: &'a PqrServices,
}

/// A later change of the due date, replayed in the order it happened.
enum Adjustment {
    /// Ley 1755 de 2015 art. 20: the earlier of the due date and the priority term's.
    Priority(Term),
    /// Ley 1755 de 2015 art. 14 parágrafo: the announced date; `before_suspension` when it
    /// was notified before the art. 17 request, so the suspension moves it too.
    Extension {
        new_due: NaiveDate,
        before_suspension: bool,
    },
}

impl Decider<'_> {
    fn decide(&self, command: PqrCommand) -> Result<PqrEvent, PqrError> {
        use PqrCommand as C;
        match command {
            C::File(_) => Err(PqrError::AlreadyFiled(
                self.case.filing.radicado.to_string(),
            )),
            C::Classify(c) => self.classify(c),
            C::Assign(c) => self.assign(c),
            C::Escalate(c) => self.escalate(c),
            C::AddNote(c) => self.add_note(c),
            C::RequestCompletion(c) => self.request_completion(c),
            C::SupplyCompletion(c) => self.supply_completion(c),
            C::ExtendCompletionWindow(c) => self.extend_completion_window(c),
            C::RecordTacitWithdrawal(c) => self.record_tacit_withdrawal(c),
            C::ExtendTerm(c) => self.extend_term(c),
            C::Forward(c) => self.forward(c),
            C::FlagPriority(c) => self.flag_priority(c),
            C::Answer(c) => self.answer(c),
            C::Rate(c) => self.rate(c),
            C::Withdraw(c) => self.withdraw(c),
            C::Void(c) => self.void(c),
            C::RecordPositiveSilence(c) => self.record_positive_silence(c),
            C::WithdrawNotificationConsent(c) => self.withdraw_notification_consent(c),
            C::RectifyContact(c) => self.rectify_contact(c),
            C::MoveDueDateForClosures(c) => {
                let mut events = move_for_closures(self.case, self.cal, c)?;
                events.pop().ok_or(PqrError::NoClosureToCount)
            }
        }
    }

    // ---- guards -------------------------------------------------------------------------

    /// Every command is dated at or after the receipt.
    fn dated(&self, at: &DateTime<FixedOffset>) -> Result<(), PqrError> {
        let received_at = self.case.filing.received_at;
        if *at < received_at {
            return Err(PqrError::BeforeFiling {
                at: *at,
                received_at,
            });
        }
        Ok(())
    }

    /// Dated, and the case still open.
    fn open(&self, at: &DateTime<FixedOffset>) -> Result<(), PqrError> {
        self.dated(at)?;
        if self.case.status.is_closed() {
            return Err(PqrError::Closed {
                status: self.case.status,
            });
        }
        Ok(())
    }

    /// Dated, open and awaiting completion (Ley 1755 de 2015 art. 17).
    fn suspended(&self, at: &DateTime<FixedOffset>) -> Result<&Completion, PqrError> {
        self.open(at)?;
        self.case.suspension().ok_or(PqrError::NotSuspended)
    }

    // ---- the clock ----------------------------------------------------------------------

    /// The effective receipt date E.
    fn e(&self) -> NaiveDate {
        self.case.filing.effective_received_on
    }

    /// The local receipt date (the policy in force is chosen by it; docs/legal.md §3).
    fn received_on(&self) -> NaiveDate {
        local_date(&self.case.filing.received_at)
    }

    /// The policy whose terms govern the case: the one recorded on it, else the one in force
    /// at receipt.
    fn policy(&self) -> &Policy {
        self.services
            .policies
            .periods()
            .iter()
            .map(|p| &p.policy)
            .find(|p| p.id == self.case.policy_id && p.version == self.case.policy_version)
            .unwrap_or_else(|| self.services.policies.in_force(self.received_on()))
    }

    /// The date the art. 17 petitioner supplied, if they did.
    fn supplied_on(&self) -> Option<NaiveDate> {
        self.case.completion.as_ref().and_then(|c| c.supplied_on)
    }

    /// Moves `base` (a due date counted from E in `unit`) by the art. 17 suspension when the
    /// petitioner supplied on `supplied_on`: the part consumed up to the request stays
    /// consumed and the rest runs from the day after the supply (Ley 1755 de 2015 art. 17;
    /// [`clock_rules::request_completion`], [`clock_rules::resume_after_supply`]).
    fn shift(
        &self,
        base: NaiveDate,
        unit: TermUnit,
        supplied_on: Option<NaiveDate>,
    ) -> Result<NaiveDate, PqrError> {
        let (Some(c), Some(supplied_on)) = (&self.case.completion, supplied_on) else {
            return Ok(base);
        };
        let e = self.e();
        let suspension =
            match clock_rules::request_completion(self.cal, e, base, unit, c.requested_on) {
                Ok(s) => Suspension {
                    window: c.window,
                    ..s
                },
                // A shorter term (reclassified or priority) had already run out at the
                // request: nothing remained, and the rule gives the first business day after
                // the supply.
                Err(ClockRuleError::CompletionRequestAfterDue { .. }) => Suspension {
                    effective: e,
                    requested_on: c.requested_on,
                    consumed: 0,
                    remaining: Term {
                        days: 0,
                        unit: match unit {
                            TermUnit::Business => TermUnit::Business,
                            TermUnit::Calendar | TermUnit::Months => TermUnit::Calendar,
                        },
                    },
                    window: c.window,
                },
                Err(other) => return Err(other.into()),
            };
        Ok(clock_rules::resume_after_supply(
            self.cal,
            &suspension,
            supplied_on,
        )?)
    }

    /// The due date the case's facts give when its kind's term is `kind_term`: from E, moved
    /// by a supplied art. 17 completion, then the art. 20 priority and the art. 14
    /// parágrafo extension in the order they happened. While suspended it is the date on
    /// hold.
    fn scheduled_due(
        &self,
        kind_term: Term,
        supplied_on: Option<NaiveDate>,
    ) -> Result<NaiveDate, PqrError> {
        let e = self.e();
        let mut due = self.shift(
            due_date(self.cal, e, kind_term)?,
            kind_term.unit,
            supplied_on,
        )?;
        let mut adjustments: Vec<(DateTime<FixedOffset>, Adjustment)> = Vec::new();
        if let Some(p) = &self.case.priority {
            adjustments.push((p.at, Adjustment::Priority(p.term)));
        }
        if let Some(x) = &self.case.extension {
            let before_suspension = self
                .case
                .completion
                .as_ref()
                .is_some_and(|c| x.at < c.requested_at);
            adjustments.push((
                x.at,
                Adjustment::Extension {
                    new_due: x.new_due_date,
                    before_suspension,
                },
            ));
        }
        adjustments.sort_by_key(|a| a.0);
        for (_, adjustment) in adjustments {
            due = match adjustment {
                Adjustment::Priority(p) => {
                    let from_e = clock_rules::priority_due_date(self.cal, e, kind_term, p)?;
                    due.min(self.shift(from_e, p.unit, supplied_on)?)
                }
                Adjustment::Extension {
                    new_due,
                    before_suspension,
                } => {
                    let new_due = if before_suspension {
                        self.shift(new_due, kind_term.unit, supplied_on)?
                    } else {
                        new_due
                    };
                    due.max(new_due)
                }
            };
        }
        Ok(due)
    }

    /// The term that produced the due date: the art. 20 priority term when it ends earlier
    /// than the kind's term, else the kind's term (the "inicialmente previsto" of art. 14
    /// parágrafo).
    fn governing_term(&self) -> Result<Term, PqrError> {
        let case = self.case;
        if let Some(p) = &case.priority {
            let e = self.e();
            if due_date(self.cal, e, p.term)? < due_date(self.cal, e, case.term)? {
                return Ok(p.term);
            }
        }
        Ok(case.term)
    }

    // ---- classification and work ---------------------------------------------------------

    fn classify(&self, c: Classify) -> Result<PqrEvent, PqrError> {
        self.open(&c.at)?;
        let case = self.case;
        if c.kind.is_none() && c.topic.is_none() && c.dependency.is_none() {
            return Err(PqrError::NothingToClassify);
        }
        let kind_to = c.kind.unwrap_or(case.kind);
        let (term, due, policy_id, policy_version) = if kind_to == case.kind {
            (
                case.term,
                case.due_date,
                case.policy_id.clone(),
                case.policy_version.clone(),
            )
        } else {
            if case.positive_silence.is_some() {
                return Err(PqrError::KindFixedByPositiveSilence);
            }
            // docs/legal.md §3 "Policies": the term the book gives the new kind for this
            // receipt, from the same E.
            let t = self.services.policies.term_for_case(
                self.cal,
                kind_to,
                self.received_on(),
                self.e(),
            )?;
            let due = self.scheduled_due(t.term, self.supplied_on())?;
            (t.term, due, t.policy_id, t.policy_version)
        };
        Ok(PqrEvent::PqrClassified(PqrClassified {
            kind_from: case.kind,
            kind_to,
            topic: c.topic.or_else(|| case.topic.clone()),
            dependency_from: case.dependency.clone(),
            dependency: c.dependency.or_else(|| case.dependency.clone()),
            reason: c.reason,
            term,
            due_date: due,
            policy_id,
            policy_version,
            at: c.at,
        }))
    }

    fn assign(&self, c: Assign) -> Result<PqrEvent, PqrError> {
        self.open(&c.at)?;
        let case = self.case;
        if case.dependency.as_ref() == Some(&c.dependency)
            && case.official.as_ref() == Some(&c.official)
        {
            return Err(PqrError::AlreadyAssigned);
        }
        Ok(PqrEvent::PqrAssigned(PqrAssigned {
            dependency_changed: case.would_change_dependency(&c.dependency),
            previous_dependency: case.dependency.clone(),
            previous_official: case.official.clone(),
            dependency: c.dependency,
            official: c.official,
            reason: c.reason,
            at: c.at,
        }))
    }

    fn escalate(&self, c: Escalate) -> Result<PqrEvent, PqrError> {
        self.open(&c.at)?;
        let current = self.case.tier;
        if c.tier <= current {
            return Err(PqrError::TierNotHigher {
                current,
                requested: c.tier,
            });
        }
        Ok(PqrEvent::PqrEscalated(PqrEscalated {
            from_tier: current,
            to_tier: c.tier,
            reason: c.reason,
            at: c.at,
        }))
    }

    fn add_note(&self, c: AddNote) -> Result<PqrEvent, PqrError> {
        // Notes change nothing: allowed on closed cases too.
        self.dated(&c.at)?;
        Ok(PqrEvent::InternalNoteAdded(InternalNoteAdded {
            text: c.text,
            at: c.at,
        }))
    }

    // ---- art. 17: incomplete petitions ------------------------------------------------------

    fn request_completion(&self, c: RequestCompletion) -> Result<PqrEvent, PqrError> {
        self.open(&c.at)?;
        let case = self.case;
        if case.suspension().is_some() {
            return Err(PqrError::Suspended);
        }
        if case.completion.is_some() {
            return Err(PqrError::CompletionAlreadyRequested);
        }
        let unit = self.governing_term()?.unit;
        let s = clock_rules::request_completion(
            self.cal,
            self.e(),
            case.due_date,
            unit,
            local_date(&c.at),
        )?;
        Ok(PqrEvent::CompletionRequested(CompletionRequested {
            what: c.what,
            requested_on: s.requested_on,
            consumed: Term {
                days: s.consumed,
                unit: s.remaining.unit,
            },
            remaining: s.remaining,
            due_date_on_hold: case.due_date,
            window_ends_on: s.window.supply_by,
            at: c.at,
        }))
    }

    fn supply_completion(&self, c: SupplyCompletion) -> Result<PqrEvent, PqrError> {
        let pending = self.suspended(&c.at)?;
        let supplied_on = local_date(&c.at);
        // The rule's guards: not before the request, not after the window.
        clock_rules::resume_after_supply(
            self.cal,
            &Suspension {
                effective: self.e(),
                requested_on: pending.requested_on,
                consumed: pending.consumed.days,
                remaining: pending.remaining,
                window: pending.window,
            },
            supplied_on,
        )?;
        // The same rule over the case's facts, so a reclassification or a priority flag made
        // while suspended counts.
        let new_due_date = self.scheduled_due(self.case.term, Some(supplied_on))?;
        let from = supplied_on.max(self.e());
        let resumes_on = from
            .succ_opt()
            .ok_or(CalendarError::OutOfRange { date: from })?;
        Ok(PqrEvent::CompletionSupplied(CompletionSupplied {
            text: c.text,
            supplied_on,
            resumes_on,
            new_due_date,
            at: c.at,
        }))
    }

    fn extend_completion_window(&self, c: ExtendCompletionWindow) -> Result<PqrEvent, PqrError> {
        let pending = self.suspended(&c.at)?;
        let window = clock_rules::extend_completion_window(
            self.cal,
            &pending.window,
            local_date(&c.at),
            c.until,
        )?;
        Ok(PqrEvent::CompletionWindowExtended(
            CompletionWindowExtended {
                asked_on: local_date(&c.at),
                previous_window_ends_on: pending.window.closes_on(),
                window_ends_on: window.closes_on(),
                at: c.at,
            },
        ))
    }

    fn record_tacit_withdrawal(&self, c: RecordTacitWithdrawal) -> Result<PqrEvent, PqrError> {
        let pending = self.suspended(&c.at)?;
        let reasons = tacit_withdrawal_reasons(pending);
        let decision = clock_rules::tacit_withdrawal(&pending.window, local_date(&c.at), &reasons)?;
        Ok(PqrEvent::TacitWithdrawalRecorded(TacitWithdrawalRecorded {
            decided_on: decision.decided_on,
            window_closed_on: decision.lapsed_after,
            reasons: decision.reasons,
            at: c.at,
        }))
    }

    // ---- art. 14 parágrafo, art. 21, art. 20 ----------------------------------------------

    fn extend_term(&self, c: ExtendTerm) -> Result<PqrEvent, PqrError> {
        self.open(&c.at)?;
        let case = self.case;
        if case.suspension().is_some() {
            return Err(PqrError::Suspended);
        }
        let extension = clock_rules::extend_term(
            self.cal,
            &ExtensionRequest {
                effective: self.e(),
                term: self.governing_term()?,
                due: case.due_date,
                already_extended: case.extension.is_some(),
                notified_on: local_date(&c.at),
                new_due: c.new_due_date,
                reasons: c.reasons.as_str(),
            },
        )?;
        Ok(PqrEvent::TermExtended(TermExtended {
            notified_on: extension.notified_on,
            previous_due_date: extension.previous_due,
            new_due_date: extension.new_due,
            cap: extension.at_most,
            reasons: c.reasons,
            at: c.at,
        }))
    }

    fn forward(&self, c: Forward) -> Result<PqrEvent, PqrError> {
        self.open(&c.at)?;
        let forwarding = clock_rules::forward(self.cal, self.e(), local_date(&c.at))?;
        Ok(PqrEvent::PqrForwarded(PqrForwarded {
            authority: c.authority,
            reasons: c.reasons,
            forwarded_on: forwarding.forwarded_on,
            last_day: forwarding.last_day,
            late: forwarding.late,
            at: c.at,
        }))
    }

    fn flag_priority(&self, c: FlagPriority) -> Result<PqrEvent, PqrError> {
        self.open(&c.at)?;
        let case = self.case;
        if case.priority.is_some() {
            return Err(PqrError::AlreadyPriority);
        }
        let priority_term = self.policy().priority_term;
        let from_e = clock_rules::priority_due_date(self.cal, self.e(), case.term, priority_term)?;
        let priority_due = self.shift(from_e, priority_term.unit, self.supplied_on())?;
        Ok(PqrEvent::PriorityFlagged(PriorityFlagged {
            reason: c.reason,
            priority_term,
            previous_due_date: case.due_date,
            new_due_date: case.due_date.min(priority_due),
            at: c.at,
        }))
    }

    // ---- closing --------------------------------------------------------------------------

    fn answer(&self, c: Answer) -> Result<PqrEvent, PqrError> {
        self.open(&c.at)?;
        let case = self.case;
        match (case.kind, c.documents_delivered) {
            (Kind::InformationRequest, None) => return Err(PqrError::DocumentsDeliveredRequired),
            (Kind::InformationRequest, Some(_)) | (_, None) => {}
            (kind, Some(_)) => {
                return Err(PqrError::DocumentsDeliveredNotApplicable {
                    kind: kind.as_str(),
                })
            }
        }
        let answered_on = local_date(&c.at);
        // While suspended the clock is stopped: an answer then is never late. An answer that
        // remits to another authority is a forwarding: Ley 1755 de 2015 art. 21 gives 5
        // business days after E for it, and a later one is a fault (art. 31), so it is
        // measured against that day, not the due date.
        let last_day = match c.outcome {
            Outcome::Forwarded => {
                clock_rules::forwarding_deadline(self.cal, self.e())?.min(case.due_date)
            }
            _ => case.due_date,
        };
        let on_time = case.suspension().is_some() || answered_on <= last_day;
        Ok(PqrEvent::PqrAnswered(PqrAnswered {
            text: c.text,
            outcome: c.outcome,
            documents_delivered: c.documents_delivered,
            answered_on,
            due_date: case.due_date,
            on_time,
            business_days_taken: self.business_days_taken(answered_on)?,
            at: c.at,
        }))
    }

    /// Business days of the term used up to `answered_on`: after E, without the days the
    /// clock was suspended (from the day after the request to the supply day, Ley 1755 de
    /// 2015 art. 17).
    fn business_days_taken(&self, answered_on: NaiveDate) -> Result<u32, PqrError> {
        let e = self.e();
        let cal = self.cal;
        Ok(match &self.case.completion {
            None => cal.business_days_between(e, answered_on)?,
            Some(c) => {
                let before = cal.business_days_between(e, c.requested_on.min(answered_on))?;
                let after = match c.supplied_on {
                    Some(s) => cal.business_days_between(s.max(e), answered_on)?,
                    None => 0,
                };
                before + after
            }
        })
    }
}
