//! The console in English, for an official who asks for it (the header's "English" link or
//! `Accept-Language: en`). The articles of the law and the names of Colombian laws stay as in
//! Spanish; a filing number keeps its Spanish name (radicado) where it is first named.

use super::Texts;
use pqrs_domain::actor::Role;
use pqrs_domain::Kind;
use pqrs_infrastructure::accounts::password::Weakness;
use pqrs_projections::DeadlineState;

/// The English table.
pub static EN: Texts = Texts {
    console: "Console",
    staff_console: "Staff console",
    skip: "Skip to content",
    nav_label: "Console",
    sign_out: "Sign out",
    citizen_portal: "Citizen portal",
    change_password: "Change your password",
    switch_href: "?lang=es",
    switch_lang: "es",
    switch_text: "Español",
    nav_bandeja: "Case queue",
    nav_alerts: "Alerts",
    nav_reports: "Reports",
    nav_audit: "Audit",
    nav_privacy: "Data protection",
    nav_admin: "Administration",
    role: |r| match r {
        Role::Agent => "Case handler",
        Role::Supervisor => "Supervisor",
        Role::Auditor => "Auditor",
        Role::Reporter => "Reporting",
        Role::Admin => "Administrator",
        Role::Privacy => "Data protection",
    },
    error_prefix: "Error:",

    forbidden_title: "You may not open this page",
    forbidden_text: "Your role does not let you open this page of the console.",
    session_ended_title: "Your session has ended",
    session_ended_text: "Your session expired or was closed, and nothing was changed. Sign in \
                         again at /funcionarios and try again.",
    change_first_title: "Change your password first",
    change_first_text: "Before working in the console you must change the one-time password. \
                        Go to /funcionarios/clave.",
    unavailable_title: "Service unavailable",
    unavailable_session_text: "We could not check your session right now. Try again in a few \
                               minutes.",

    login_title: "Staff sign-in",
    login_failed: "You could not sign in",
    login_intro: "Sign in with the e-mail address and the password of your console account. If \
                  this is your first time, use the one-time password the administrator gave \
                  you: we will then ask you for a new one.",
    email_label: "E-mail address",
    password_label: "Password",
    sign_in: "Sign in",
    citizen_a: "Are you a citizen? File or follow your request in the",
    citizen_link: "citizen portal",
    citizen_b: ".",
    signed_out: "You have signed out. You may close this window.",
    login_empty: "Write your e-mail address and your password.",
    login_wrong: |failures, minutes| {
        format!(
            "The e-mail address or the password is not right. After {failures} failed attempts \
             in {minutes} minutes the account is locked for a while."
        )
    },
    login_throttled: |at, minutes| {
        format!(
            "There were too many failed attempts to sign in with this account or from this \
             connection, so signing in is locked for security. You can try again from {at} (in \
             about {minutes} minutes)."
        )
    },
    login_disabled: "Your account is disabled. If you think this is a mistake, talk to the \
                     console administrator at your entity.",

    check_below: "Check the following",
    password_first: "Before you start, replace the one-time password you received with one \
                     that only you know.",
    current_label: "Current password",
    new_label: "New password",
    new_hint: "At least 12 characters. A phrase of several words is easy to remember and hard \
               to guess.",
    again_label: "Repeat the new password",
    save_password: "Save the new password",
    wrong_current: "The current password is not right.",
    same_as_current: "The new password must differ from the current one.",
    mismatch: "The two new passwords do not match.",
    weakness: |w| match w {
        Weakness::TooShort => "The password must have at least 12 characters.",
        Weakness::TooLong => "The password cannot have more than 256 characters.",
        Weakness::Guessable => {
            "Choose a password that is neither your e-mail address nor one character repeated."
        }
    },

    bandeja_title: "Case queue",
    cases_on: "Cases as of",
    in_all: |n| format!("{n} in all"),
    file_for_citizen: "File on a citizen's behalf",
    refresh: "Refresh",
    status_label: "Status",
    all_open: "All open",
    status_filed: "Filed, not assigned",
    status_in_progress: "In progress",
    status_suspended: "Suspended",
    kind_label: "Kind",
    all: "All",
    kind_option: |k| match k {
        Kind::Petition => "Petition",
        Kind::InformationRequest => "Request for information",
        Kind::Consultation => "Consultation",
        Kind::Complaint => "Complaint",
        Kind::Claim => "Claim",
        Kind::Report => "Report of wrongdoing",
        Kind::Suggestion => "Suggestion",
        Kind::Commendation => "Commendation",
    },
    kind: |k| match k {
        Kind::Petition => "petition",
        Kind::InformationRequest => "request for documents and information",
        Kind::Consultation => "consultation",
        Kind::Complaint => "complaint",
        Kind::Claim => "claim",
        Kind::Report => "report of wrongdoing",
        Kind::Suggestion => "suggestion",
        Kind::Commendation => "commendation",
    },
    dependency_label: "Office",
    official_label: "Assigned official",
    overdue_label: "Due date",
    overdue_only: "Overdue only",
    not_overdue_only: "Not overdue only",
    sort_label: "Order",
    sort_due_first: "Due date, nearest first",
    sort_due_last: "Due date, furthest first",
    sort_newest: "Received, newest first",
    sort_oldest: "Received, oldest first",
    tier_label: "Attention level",
    tier: "Level",
    page_size_label: "Cases per page",
    filter: "Filter",
    caption: "Cases, priority ones first (Ley 1755 de 2015, art. 20)",
    col_radicado: "Filing number (radicado)",
    col_term: "Deadline",
    col_days: "Business days",
    col_due: "Due date",
    col_kind: "Kind",
    col_subject: "Subject",
    col_dependency: "Office",
    col_official: "Official",
    priority: "Priority",
    unassigned: "Not assigned",
    no_cases: "No cases match these filters.",
    pages_label: "Pages",
    page_of: |page, pages| format!("Page {page} of {pages}."),
    previous_page: "Previous page",
    next_page: "Next page",
    light: |s| match s {
        DeadlineState::OnTime => "On time",
        DeadlineState::DueSoon => "Due soon",
        DeadlineState::Overdue => "Overdue",
        DeadlineState::Suspended => "Suspended (art. 17)",
        DeadlineState::PositiveSilence => "Positive silence (art. 14)",
        DeadlineState::CopiesOverdue => "Copies overdue (art. 14)",
        DeadlineState::Closed => "Closed",
    },
    days_left: |left| match left {
        1 => "1 business day".into(),
        0 => "due today".into(),
        -1 => "overdue by 1 business day".into(),
        n if n < 0 => format!("overdue by {} business days", -n),
        n => format!("{n} business days"),
    },
    bad_filters: "Check the filters: one of them has a value we do not recognise.",
    check_filters: "Check the filters:",
    bandeja_unavailable: "We could not read the case queue right now. Try again in a few \
                          minutes.",
    new_one: "1 new case",
    new_many: "{n} new cases",
    new_one_added: "1 new case, added to the table",
    new_many_added: "{n} new cases, added to the table",
    refresh_page: "refresh the page",
    refresh_lower: "refresh",
};
