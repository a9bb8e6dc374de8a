//! The tidy table of a report: one figure per row, keyed (`section`, `dimension`, `group`,
//! `metric`), the manifest first. The CSV and the workbook are written from it; its keys are
//! machine-read and do not change with the language.

use super::super::facts::NO_DEPENDENCY;
use super::super::{FollowUpGroup, Manifest, Report, ReportData};
use std::fmt::Display;

fn opt<T: Display>(v: &Option<T>) -> String {
    v.as_ref().map(ToString::to_string).unwrap_or_default()
}

/// Where the rows of the tidy table go, one at a time (so the CSV is written as it is
/// produced); the flag marks values that are decimal numbers (written with a decimal comma
/// in the es-CO dialect).
struct Rows<'s>(&'s mut dyn FnMut([String; 5], bool));

impl Rows<'_> {
    fn push(&mut self, section: &str, dimension: &str, group: &str, metric: &str, value: String) {
        self.put(section, dimension, group, metric, value, false);
    }

    /// A decimal figure (median, P90, mean, percentage).
    fn push_decimal(
        &mut self,
        section: &str,
        dimension: &str,
        group: &str,
        metric: &str,
        value: Option<f64>,
    ) {
        self.put(section, dimension, group, metric, opt(&value), true);
    }

    fn put(
        &mut self,
        section: &str,
        dimension: &str,
        group: &str,
        metric: &str,
        value: String,
        decimal: bool,
    ) {
        (self.0)(
            [
                section.to_owned(),
                dimension.to_owned(),
                group.to_owned(),
                metric.to_owned(),
                value,
            ],
            decimal,
        );
    }
}

fn manifest_rows(m: &Manifest, rows: &mut Rows<'_>) {
    let mut put = |metric: &str, value: String| rows.push("manifest", "", "", metric, value);
    put("report", m.report.clone());
    put("report_version", m.report_version.clone());
    put("title", m.title.clone());
    put("legal_basis", m.legal_basis.clone());
    put("period_from", m.period.from.to_string());
    put("period_to", m.period.to.to_string());
    put("position", m.position.to_string());
    put("as_of", opt(&m.as_of));
    put("as_of_local_date", opt(&m.as_of_local_date));
    put("calendar_version", m.calendar_version.clone());
    for v in &m.filing_calendar_versions {
        put("filing_calendar_version", v.clone());
    }
    for p in &m.policies {
        put("policy", format!("{} {}", p.id, p.version));
    }
    put("content_sha256", m.content_sha256.clone());
}

fn group_rows(dimension: &str, g: &FollowUpGroup, rows: &mut Rows<'_>) {
    let group = if g.key.is_empty() {
        NO_DEPENDENCY
    } else {
        &g.key
    };
    let mut put = |metric: &str, value: String| rows.push("group", dimension, group, metric, value);
    put("received", g.received.to_string());
    put("answered_on_time", g.answered_on_time.to_string());
    put("answered_late", g.answered_late.to_string());
    put("open", g.open.to_string());
    put("overdue_now", g.overdue_now.to_string());
    let mut decimal = |metric: &str, value: Option<f64>| {
        rows.push_decimal("group", dimension, group, metric, value)
    };
    decimal("median_business_days", g.median_business_days);
    decimal("p90_business_days", g.p90_business_days);
    let mut put = |metric: &str, value: String| rows.push("group", dimension, group, metric, value);
    put("suspensions", g.suspensions.to_string());
    put("extensions", g.extensions.to_string());
    put("forwards", g.forwards.to_string());
    put("forwards_late", g.forwards_late.to_string());
    put("withdrawals_express", g.withdrawals_express.to_string());
    put("withdrawals_tacit", g.withdrawals_tacit.to_string());
    put("voided", g.voided.to_string());
    // Issue 15 (mail): whether and when the petitioners were told by e-mail.
    put("notified", g.notified.to_string());
    put("notification_failures", g.notification_failures.to_string());
    put(
        "last_notified_at",
        g.last_notified_at.map_or(String::new(), |t| t.to_rfc3339()),
    );
    put("ratings_count", g.ratings.count.to_string());
    rows.push_decimal("group", dimension, group, "ratings_mean", g.ratings.mean);
    for (i, n) in g.ratings.distribution.iter().enumerate() {
        rows.push(
            "group",
            dimension,
            group,
            &format!("rating_{}", i + 1),
            n.to_string(),
        );
    }
}

/// The report as the rows of the tidy table, manifest first.
/// Hands every row of the tidy table of `report` to `sink`, in order.
pub(super) fn tidy_rows(report: &Report, sink: &mut dyn FnMut([String; 5], bool)) {
    let mut rows = Rows(sink);
    manifest_rows(&report.manifest, &mut rows);
    match &report.data {
        ReportData::AccessToInformation(a) => {
            let s = &a.summary;
            for (metric, value) in [
                ("received", s.received.to_string()),
                ("forwarded", s.forwarded.to_string()),
                ("forwarded_art_21", s.forwarded_art_21.to_string()),
                ("forwarded_late", s.forwarded_late.to_string()),
                ("answered", s.answered.to_string()),
                ("answered_on_time", s.answered_on_time.to_string()),
                ("answered_late", s.answered_late.to_string()),
                ("access_denied", s.access_denied.to_string()),
                ("denied_fully", s.denied_fully.to_string()),
                ("denied_partially", s.denied_partially.to_string()),
                ("withdrawn", s.withdrawn.to_string()),
                ("open", s.open.to_string()),
                ("overdue_now", s.overdue_now.to_string()),
                ("positive_silence", s.positive_silence.to_string()),
                ("voided", s.voided.to_string()),
            ] {
                rows.push("summary", "total", "", metric, value);
            }
            for (metric, value) in [
                ("median_business_days", s.median_business_days),
                ("p90_business_days", s.p90_business_days),
            ] {
                rows.push_decimal("summary", "total", "", metric, value);
            }
            for r in &a.requests {
                for (metric, value) in [
                    ("received_on", r.received_on.to_string()),
                    ("effective_received_on", r.effective_received_on.to_string()),
                    ("due_date", r.due_date.to_string()),
                    ("status", r.status.clone()),
                    ("outcome", opt(&r.outcome)),
                    ("closed_on", opt(&r.closed_on)),
                    ("business_days", opt(&r.business_days)),
                    ("on_time", opt(&r.on_time)),
                    ("access_denied", r.access_denied.to_string()),
                    ("forwarded_to", opt(&r.forwarded_to)),
                ] {
                    rows.push("request", "radicado", &r.radicado, metric, value);
                }
            }
        }
        ReportData::PqrFollowUp(f) => {
            group_rows("total", &f.total, &mut rows);
            for g in &f.by_kind {
                group_rows("kind", g, &mut rows);
            }
            for g in &f.by_channel {
                group_rows("channel", g, &mut rows);
            }
            for g in &f.by_dependency {
                group_rows("dependency", g, &mut rows);
            }
        }
        ReportData::Dashboard(d) => {
            for w in &d.weeks {
                let week = w.week_start.to_string();
                let mut put = |metric: &str, value: String| {
                    rows.push("week", "week_start", &week, metric, value)
                };
                put("received", w.received.to_string());
                for k in &w.by_kind {
                    put(&format!("received_{}", k.kind), k.count.to_string());
                }
                put("answered_on_time", w.answered_on_time.to_string());
                put("answered_late", w.answered_late.to_string());
                put("open_overdue", w.open_overdue.to_string());
                rows.push_decimal("week", "week_start", &week, "on_time_pct", w.on_time_pct);
            }
            for b in &d.open_by_days_left {
                rows.push(
                    "open_by_days_left",
                    "bucket",
                    &b.key,
                    "count",
                    b.count.to_string(),
                );
            }
            for dep in &d.overdue_by_dependency {
                rows.push(
                    "overdue",
                    "dependency",
                    &dep.dependency,
                    "overdue",
                    dep.overdue.to_string(),
                );
                for c in &dep.top {
                    for (metric, value) in [
                        ("kind", c.kind.clone()),
                        ("due_date", c.due_date.to_string()),
                        ("business_days_overdue", c.business_days_overdue.to_string()),
                    ] {
                        rows.push("overdue_case", &dep.dependency, &c.radicado, metric, value);
                    }
                }
            }
        }
    }
}
