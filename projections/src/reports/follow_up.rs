//! The PQR follow-up report (Ley 1474 de 2011 art. 76: the control office reports every six
//! months on how the entity handles petitions, complaints, claims, suggestions and reports),
//! by kind, by channel and by dependency.

use super::facts::{channel_es, Facts, CHANNELS, NO_DEPENDENCY};
use super::stats::{mean_of, Histogram};
use pqrs_domain::pqr::Status;
use pqrs_domain::Kind;
use serde::Serialize;
use std::collections::BTreeMap;

/// Satisfaction ratings of the answered cases of a group.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ratings {
    /// Cases rated.
    pub count: u64,
    /// Mean score (1–5), two decimals.
    pub mean: Option<f64>,
    /// Cases rated 1, 2, 3, 4 and 5.
    pub distribution: [u64; 5],
}

/// The figures of one group of cases (all, one kind, one channel or one dependency).
///
/// Every case received and not voided is in exactly one of `answered_on_time`,
/// `answered_late`, `forwards`, `withdrawals_express`, `withdrawals_tacit` and `open`, so they
/// add up to `received`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FollowUpGroup {
    /// The key: `total`, the kind's or channel's API value, or the dependency's name.
    pub key: String,
    /// The label in Spanish.
    pub label: String,
    /// Received in the period (voided radicados excluded).
    pub received: u64,
    /// Answered on or before the due date in force (Ley 1755 de 2015 art. 14, with art. 14
    /// parágrafo extensions and art. 17 suspensions).
    pub answered_on_time: u64,
    /// Answered after it.
    pub answered_late: u64,
    /// Not answered, forwarded or withdrawn at the report's position.
    pub open: u64,
    /// Open, running and past the due date at the report's instant.
    pub overdue_now: u64,
    /// Median business days taken by the answers.
    pub median_business_days: Option<f64>,
    /// 90th percentile of the same.
    pub p90_business_days: Option<f64>,
    /// Cases whose clock was suspended by a completion request (art. 17).
    pub suspensions: u64,
    /// Cases whose term was extended (art. 14 parágrafo).
    pub extensions: u64,
    /// Cases forwarded to the competent authority (art. 21).
    pub forwards: u64,
    /// Forwardings (the `forward` action, or an answer with outcome `forwarded`) made after
    /// the 5 business days of Ley 1755 de 2015 art. 21: still owed, but a fault (art. 31).
    pub forwards_late: u64,
    /// Express withdrawals (art. 18).
    pub withdrawals_express: u64,
    /// Tacit withdrawals (art. 17).
    pub withdrawals_tacit: u64,
    /// Voided radicados (issued in error).
    pub voided: u64,
    /// Satisfaction ratings.
    pub ratings: Ratings,
    /// Issue 15: cases whose petitioner was told by e-mail at least once (the entity's mail
    /// server accepted a message: `PetitionerNotified`).
    pub notified: u64,
    /// Issue 15: cases with a message to the petitioner that failed for good
    /// (`NotificationFailed`): the entity must tell them by other means.
    pub notification_failures: u64,
    /// Issue 15: the last time a message to a petitioner of the group was accepted.
    pub last_notified_at: Option<chrono::DateTime<chrono::FixedOffset>>,
}

/// A group being counted, one case at a time.
#[derive(Debug, Clone)]
pub(crate) struct GroupTally {
    group: FollowUpGroup,
    times: Histogram,
    score_sum: u64,
}

impl GroupTally {
    fn new(key: String, label: String) -> Self {
        GroupTally {
            group: FollowUpGroup {
                key,
                label,
                received: 0,
                answered_on_time: 0,
                answered_late: 0,
                open: 0,
                overdue_now: 0,
                median_business_days: None,
                p90_business_days: None,
                suspensions: 0,
                extensions: 0,
                forwards: 0,
                forwards_late: 0,
                withdrawals_express: 0,
                withdrawals_tacit: 0,
                voided: 0,
                ratings: Ratings {
                    count: 0,
                    mean: None,
                    distribution: [0; 5],
                },
                notified: 0,
                notification_failures: 0,
                last_notified_at: None,
            },
            times: Histogram::default(),
            score_sum: 0,
        }
    }

    fn add(&mut self, f: &Facts) {
        let g = &mut self.group;
        if f.status == Status::Voided {
            g.voided += 1;
            return;
        }
        g.received += 1;
        match f.status {
            Status::Answered => {
                if f.on_time == Some(true) {
                    g.answered_on_time += 1;
                } else {
                    g.answered_late += 1;
                }
                if let Some(d) = f.response_days {
                    self.times.add(d);
                }
            }
            Status::Forwarded => g.forwards += 1,
            Status::Withdrawn => g.withdrawals_express += 1,
            Status::WithdrawnTacitly => g.withdrawals_tacit += 1,
            _ => g.open += 1,
        }
        if f.overdue_now {
            g.overdue_now += 1;
        }
        if f.suspended_ever {
            g.suspensions += 1;
        }
        if f.extended {
            g.extensions += 1;
        }
        if f.forwarded_late {
            g.forwards_late += 1;
        }
        if f.notified {
            g.notified += 1;
        }
        if f.notification_failed {
            g.notification_failures += 1;
        }
        if f.last_notified_at > g.last_notified_at {
            g.last_notified_at = f.last_notified_at;
        }
        if let Some(s) = f.rating {
            g.ratings.count += 1;
            self.score_sum += u64::from(s);
            if let Some(slot) = g
                .ratings
                .distribution
                .get_mut(usize::from(s).wrapping_sub(1))
            {
                *slot += 1;
            }
        }
    }

    fn finish(self) -> FollowUpGroup {
        let mut g = self.group;
        g.median_business_days = self.times.median();
        g.p90_business_days = self.times.percentile(0.9);
        g.ratings.mean = mean_of(self.score_sum, g.ratings.count);
        g
    }
}

/// The report: the whole entity, then one group per kind (all eight, in the order of
/// docs/legal.md §3), per channel (all five) and per dependency (those with cases, by name;
/// cases never classified or assigned last, as "(sin dependencia)").
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PqrFollowUp {
    /// The whole entity.
    pub total: FollowUpGroup,
    /// By kind in force.
    pub by_kind: Vec<FollowUpGroup>,
    /// By channel of receipt.
    pub by_channel: Vec<FollowUpGroup>,
    /// By the dependency responsible at the report's position.
    pub by_dependency: Vec<FollowUpGroup>,
}

/// The report being counted, one case at a time: memory grows with the number of
/// dependencies and of distinct response times, not of cases.
#[derive(Debug, Clone)]
pub(crate) struct FollowUpTally {
    total: GroupTally,
    by_kind: Vec<GroupTally>,
    by_channel: Vec<GroupTally>,
    /// `None` sorts first in a BTreeMap; the report lists it last.
    by_dependency: BTreeMap<Option<String>, GroupTally>,
}

impl FollowUpTally {
    pub(crate) fn new() -> Self {
        FollowUpTally {
            total: GroupTally::new("total".into(), "Total de la entidad".into()),
            by_kind: Kind::ALL
                .iter()
                .map(|k| GroupTally::new(k.as_str().into(), k.spanish().into()))
                .collect(),
            by_channel: CHANNELS
                .iter()
                .map(|c| GroupTally::new(c.as_str().into(), channel_es(*c).into()))
                .collect(),
            by_dependency: BTreeMap::new(),
        }
    }

    pub(crate) fn add(&mut self, f: &Facts) {
        self.total.add(f);
        if let Some(g) = Kind::ALL
            .iter()
            .position(|k| *k == f.kind)
            .and_then(|i| self.by_kind.get_mut(i))
        {
            g.add(f);
        }
        if let Some(g) = CHANNELS
            .iter()
            .position(|c| *c == f.channel)
            .and_then(|i| self.by_channel.get_mut(i))
        {
            g.add(f);
        }
        let dependency = f.dependency.clone();
        self.by_dependency
            .entry(dependency.clone())
            .or_insert_with(|| match dependency {
                Some(name) => GroupTally::new(name.clone(), name),
                None => GroupTally::new(String::new(), NO_DEPENDENCY.into()),
            })
            .add(f);
    }

    pub(crate) fn finish(self) -> PqrFollowUp {
        let mut by_dependency = self.by_dependency;
        let none = by_dependency.remove(&None);
        let mut by_dependency: Vec<FollowUpGroup> = by_dependency
            .into_values()
            .map(GroupTally::finish)
            .collect();
        if let Some(g) = none {
            by_dependency.push(g.finish());
        }
        PqrFollowUp {
            total: self.total.finish(),
            by_kind: self.by_kind.into_iter().map(GroupTally::finish).collect(),
            by_channel: self
                .by_channel
                .into_iter()
                .map(GroupTally::finish)
                .collect(),
            by_dependency,
        }
    }
}
