//! The console in English, for an official who asks for it (the header's "English" link or
//! `Accept-Language: en`). The articles of the law and the names of Colombian laws stay as in
//! Spanish; a filing number keeps its Spanish name (radicado) where it is first named.

use super::Texts;
use pqrs_domain::actor::Role;
use pqrs_domain::contact::Language;
use pqrs_domain::policy::{InProgressCases, TermUnit};
use pqrs_domain::Kind;
use pqrs_infrastructure::accounts::log::Kind as AccessKind;
use pqrs_infrastructure::accounts::password::Weakness;
use pqrs_infrastructure::audit::FindingKind;
use pqrs_infrastructure::outbox::deliver::Encryption;
use pqrs_projections::reports::{Lang as ReportLang, ReportKind};
use pqrs_projections::DeadlineState;

/// A language's name, as the accounts list and form show it.
fn language(l: Language) -> &'static str {
    match l {
        Language::Spanish => "Spanish",
        Language::English => "English",
    }
}

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
    back_to_console: "Back to the console",

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
    kind: |k| (crate::pages::texts::of(crate::i18n::Lang::En).kind_name)(k),
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

    back_to_bandeja: "Back to the case queue",
    case_title: |r| format!("Case {r}"),
    case_not_found_title: "Case not found",
    case_not_found_text: "There is no case with that filing number.",
    dt_status: "Status",
    dt_received: "Received",
    dt_tier: "Level",
    dt_priority: "Priority (art. 20)",
    dt_forwarded_to: "Forwarded to",
    days_left_label: "Business days left",
    elapsed_label: "Term elapsed",
    term_label: "Term",
    term_with_article: |t| format!("{t} (Ley 1755 de 2015, art. 14)"),
    term_priority: "; priority: shorter term (art. 20)",
    term_extended: "; extended (art. 14 parágrafo)",
    request_heading: "Request",
    petitioner_heading: "Petitioner",
    anonymous: "Anonymous request.",
    completion_heading: "Request to complete (art. 17)",
    completion_line: |what, until, supplied| match supplied {
        Some(on) => {
            format!("{what} — the petitioner may supply it until {until}; supplied on {on}.")
        }
        None => format!("{what} — the petitioner may supply it until {until}."),
    },
    answer_heading: "Answer",
    answer_line: |on, on_time| {
        let when = if on_time {
            "within the term"
        } else {
            "after the term"
        };
        format!(", on {on}, {when}.")
    },
    actions_heading: "Actions",
    assign_heading: "Assign",
    assign_hint: "Assigning to an office other than the current one needs a supervisor.",
    assign_official_label: "Official (e-mail address or identifier)",
    reason_optional_label: "Reason (optional)",
    classify_heading: "Classify",
    classify_hint: "Changing the kind works out the term again under the policy in force \
                    (art. 14).",
    no_change: "No change",
    topic_label: "Topic (optional)",
    reason_label: "Reason",
    escalate_heading: "Escalate",
    escalate_tier_label: "New level (higher than the current one)",
    note_heading: "Internal note",
    note_hint: "The petitioner never sees internal notes.",
    note_label: "Note",
    note_button: "Add the note",
    ask_completion_heading: "Ask the petitioner to complete the request",
    ask_completion_limit: |until| {
        format!(
            "You may ask until {until}, only once; the term is suspended while the petitioner \
             completes it (Ley 1755 de 2015, art. 17)."
        )
    },
    missing_label: "What is missing",
    ask_completion_button: "Ask to complete",
    supply_heading: "Record what the petitioner supplied",
    supply_limit: "The term runs again from the next day (art. 17).",
    supplied_label: "What was supplied",
    supply_button: "Record",
    extend_heading: "Extend the term",
    extend_limit: |until, due| {
        format!(
            "You may extend it until {until}, only once and before it ends on {due}, telling the \
             petitioner the reasons (Ley 1755 de 2015, art. 14 parágrafo)."
        )
    },
    new_due_label: "New due date",
    reasons_label: "Reasons",
    extend_button: "Extend",
    forward_heading: "Forward for lack of competence",
    forward_limit: |until| {
        format!(
            "It must be forwarded by {until}, within the 5 business days after it was received \
             (Ley 1755 de 2015, art. 21). This closes the case."
        )
    },
    authority_label: "Competent authority",
    forward_button: "Forward",
    priority_heading: "Mark as priority",
    priority_limit: "When a fundamental right is at risk the shorter term applies (Ley 1755 de \
                     2015, art. 20).",
    right_at_risk_label: "Right at risk",
    priority_button: "Mark as priority",
    answer_limit: |due| {
        format!("You must answer by {due} (Ley 1755 de 2015, art. 14). Answering closes the case.")
    },
    answer_label: "Answer",
    outcome_label: "Outcome",
    documents_label: "Were the documents delivered?",
    yes: "Yes",
    no: "No",
    answer_button: "Answer",
    void_heading: "Void the filing number",
    void_limit: "Only for a filing number issued by mistake (supervisor). The number stays on \
                 record as voided.",
    void_button: "Void",
    notes_heading: "Internal notes",
    mails_heading: "Notifications to the petitioner",
    no_mails: "No e-mail has been sent to the petitioner.",
    mail_accepted: "Handed to the mail server",
    mail_failed: "Could not be sent",
    mail_other: "Message from the entity",
    history_heading: "Full history",
    channel_word: "channel",
    status: |s| match s {
        "filed" => "Filed, not assigned",
        "suspended" => "Suspended: waiting for the petitioner to complete it (art. 17)",
        "answered" => "Answered",
        "forwarded" => "Forwarded for lack of competence (art. 21)",
        "withdrawn" => "Withdrawn (art. 18)",
        "withdrawn_tacitly" => "Tacit withdrawal (art. 17)",
        "voided" => "Voided",
        _ => "In progress",
    },
    event: |e| match e {
        "PqrFiled" => "Filed",
        "PqrClassified" => "Classified",
        "PqrAssigned" => "Assigned",
        "PqrEscalated" => "Escalated",
        "InternalNoteAdded" => "Internal note",
        "CompletionRequested" => "Asked to complete (art. 17)",
        "CompletionSupplied" => "The petitioner completed it (art. 17)",
        "CompletionWindowExtended" => "The time to complete was extended (art. 17)",
        "TacitWithdrawalRecorded" => "Tacit withdrawal (art. 17)",
        "TermExtended" => "Term extended (art. 14 parágrafo)",
        "PqrForwarded" => "Forwarded for lack of competence (art. 21)",
        "PriorityFlagged" => "Marked as priority (art. 20)",
        "PqrAnswered" => "Answered",
        "ServiceRated" => "The petitioner rated the service",
        "PqrWithdrawn" => "Withdrawn (art. 18)",
        "RadicadoVoided" => "Filing number voided",
        "PositiveSilenceReached" => "Positive administrative silence (art. 14)",
        "DueDateMovedByClosure" => "Due date moved by a closure of the entity",
        "PetitionerNotified" => "The petitioner was notified by e-mail",
        "NotificationFailed" => "The e-mail to the petitioner failed",
        _ => "Event",
    },
    by_petitioner: "The petitioner",
    by_command_line: "Command line",
    by_system: "The system",
    channel: |c| match c {
        "web" => "web",
        "email" => "e-mail",
        "phone" => "phone",
        "in_person" => "in person",
        "mail" => "post",
        _ => "other",
    },
    petitioner_field: |f| {
        Some(match f {
            "name" => "Name",
            "id_type" => "Identity document type",
            "id_number" => "Identity document number",
            "email" => "E-mail address",
            "phone" => "Phone",
            "address" => "Address",
            _ => return None,
        })
    },
    petitioner_choice: |f| {
        Some(match f {
            "preferred_reply_channel" => "Preferred way to be answered",
            "language" => "Language of the e-mails",
            _ => return None,
        })
    },
    consent_label: "Notification by e-mail (Ley 1437 de 2011, art. 56)",
    consent_given: "Accepted",
    consent_refused: "Not accepted",
    reply_channel: |c| match c {
        "email" => "E-mail",
        "phone" => "Phone",
        "mail" => "Post to their address",
        "in_person" => "In person, at the entity's office",
        _ => "No preference",
    },
    mail_language: |l| match l {
        "en" => "English, with the official Spanish text",
        _ => "Spanish",
    },
    deliver_by_channel: |c| format!("by the means they preferred: {}", c.to_lowercase()),
    deliver_by_contact: "by one of the contact details they gave",
    delivery_refused: |by| {
        format!(
            "The petitioner did not accept notification by e-mail (Ley 1437 de 2011, art. 56): \
             the answer will not be sent to them by e-mail. Get it to them {by}."
        )
    },
    delivery_by_email: "The answer will be sent to the petitioner's e-mail address; they \
                        accepted that notification (Ley 1437 de 2011, art. 56).",
    delivery_not_sent: |by| {
        format!(
            "The petitioner accepted notification by e-mail (Ley 1437 de 2011, art. 56), but this \
             service does not send answers by e-mail: get it to them {by}."
        )
    },
    done: |a| {
        Some(match a {
            "clasificar" => "Done: the case is classified.",
            "asignar" => "Done: the case is assigned.",
            "escalar" => "Done: the case is escalated.",
            "nota" => "Done: the internal note was added.",
            "pedir-completar" => {
                "Done: the petitioner was asked to complete the request; the term is suspended \
                 (art. 17)."
            }
            "completar" => "Done: what the petitioner supplied is recorded; the term runs again.",
            "prorrogar" => "Done: the term is extended (art. 14 parágrafo).",
            "trasladar" => "Done: the case is forwarded for lack of competence (art. 21).",
            "prioridad" => "Done: the case is marked as priority (art. 20).",
            "responder" => "Done: the case is answered.",
            "anular" => "Done: the filing number is voided.",
            _ => return None,
        })
    },
    field: |f| {
        Some(match f {
            "kind" => "Kind",
            "topic" => "Topic",
            "dependency" => "Office",
            "official" => "Official",
            "reason" | "reasons" => "Reason",
            "tier" => "Level",
            "text" => "Text",
            "what" => "What is missing",
            "new_due_date" => "New due date",
            "authority" => "Competent authority",
            "outcome" => "Outcome of the answer",
            _ => return None,
        })
    },
    refused_check: "Nothing was changed. Check:",
    refused: "Nothing was changed:",
    form_expired_title: "We could not receive the form",
    form_expired_text: "The form expired or arrived incomplete, and nothing was changed. Open \
                        the case again and send it again.",
    action_failed_text: "We could not record the action right now, and nothing was changed. Try \
                         again in a few minutes.",
    file_intro: "Record here a request that arrived by phone, in person, by post or by e-mail. \
                 The due date counts from the moment the entity received it.",
    file_refused: "Nothing was filed: check the following",
    channel_legend: "How it arrived",
    received_label: "Received on (Colombia time)",
    kind_legend: "Kind of request",
    description_label: "Description",
    anonymous_hint: "Leave it empty for an anonymous request.",
    id_number_label: "Citizenship card number (cédula de ciudadanía)",
    consent_data_label: "The citizen authorised the processing of their personal data (Ley 1581 \
                         de 2012)",
    reply_legend: "How the citizen prefers to receive the answer",
    no_preference: "No preference",
    notification_label: "The citizen accepts that decisions on their request be notified to \
                         them by e-mail (Ley 1437 de 2011, art. 56)",
    language_legend: "Language of the e-mails to the citizen",
    file_button: "File",
    filing_channel: |c| match c {
        "phone" => "Phone",
        "in_person" => "In person",
        "mail" => "Post",
        "email" => "E-mail",
        _ => "Web",
    },
    desk_field: |f| {
        Some(match f {
            "kind" => "Kind of request",
            "subject" => "Subject",
            "description" => "Description",
            "channel" => "Channel",
            "received_at" => "Received on",
            "petitioner" => "Petitioner",
            "consent_personal_data" => "Authorisation of personal data",
            _ => return None,
        })
    },
    notification_needs_email: "Notification by e-mail: write the citizen's e-mail address, or \
                               untick the box if they did not give one (Ley 1437 de 2011, art. \
                               56).",
    reply_needs: |reply| {
        Some(match reply {
            "email" => {
                "Preferred way to be answered: to answer by e-mail write the citizen's e-mail \
                 address, or choose another way."
            }
            "phone" => {
                "Preferred way to be answered: to answer by phone write the citizen's phone \
                 number, or choose another way."
            }
            "mail" => {
                "Preferred way to be answered: to answer by post write the citizen's address, \
                 or choose another way."
            }
            _ => return None,
        })
    },
    channel_missing: "Channel: choose how the request arrived.",
    language_invalid: "Language of the e-mails: choose Spanish or English.",
    filing_expired_text: "The form expired or arrived incomplete, and nothing was filed. Open the \
                          form again and send it again.",
    filing_failed_title: "We could not file the request",
    filing_failed_text: "We had a problem and the request was not filed. Try again in a few \
                         minutes.",
    filed_title: "Request filed",
    filed_notice: "The request is filed.",
    filed_intro: "Give these details to the citizen: with them they follow their request in the \
                  portal. The access code is shown only this once.",
    access_code_label: "Access code",
    answer_due_label: "Due date for the answer",
    open_case: "Open the case",
    file_another: "File another request",
    no_permission_title: "You do not have permission",
    role_may_not: |role, what| {
        format!(
            "Your role ({role}) does not let you {what}. If you need it for your work, ask a \
             console administrator."
        )
    },
    nothing_done_reopen: |back| {
        format!(
            "The form expired or arrived incomplete, and nothing was done. Open {back} again and \
             send it again."
        )
    },
    not_found_title: "Not found",
    not_found_text: "There is nothing with that name or number. Check what you wrote.",
    record_unavailable_text: "We could not read the record right now. Try again in a few \
                              minutes.",
    check_data_title: "Check the data",
    unexpected_title: "Unexpected error",
    unexpected_text: "An unexpected error happened. Try again later.",

    alerts_title: "Deadline alerts",
    alerts_intro: |today| {
        format!(
            "Open cases that are due soon, overdue, in positive silence or suspended, worked out \
             as of {today}. Priority cases first (Ley 1755 de 2015, art. 20), then those with \
             fewer business days left."
        )
    },
    alerts_filter: "Filter alerts",
    alert_class_label: "Kind of alert",
    all_feminine: "All",
    alert_class: |s| match s {
        DeadlineState::Overdue => "Overdue",
        DeadlineState::DueSoon => "Due soon",
        DeadlineState::PositiveSilence => "Positive silence (art. 14)",
        DeadlineState::CopiesOverdue => "Copies not delivered (art. 14)",
        DeadlineState::Suspended => "Suspended (art. 17)",
        _ => "Up to date",
    },
    no_alerts: |d| {
        if d.is_empty() {
            "There are no alerts.".to_owned()
        } else {
            format!("There are no alerts for the office “{d}”.")
        }
    },
    alerts_count: |n| {
        if n == 1 {
            "1 alert.".to_owned()
        } else {
            format!("{n} alerts.")
        }
    },
    alerts_caption: "Alerts, the most urgent first",
    col_alert: "Alert",
    col_expires: "Due",
    priority_article: " · priority (art. 20)",
    overdue_mark: "(overdue)",
    see_alerts: "see the deadline alerts",
    reports_intro: "Choose a report and the period (date received, Bogotá time). You can read it \
                    here and download it as CSV or XLSX with the same figures.",
    check_form: "Check the form",
    report_legend: "Report",
    report_hint: "Each report names the rule that asks for it.",
    from_label: "From",
    to_label: "To",
    show_report: "Show the report",
    report_table: "The report's table",
    download: |f| match f {
        "csv-es" => "Download CSV for Excel set up for Spanish (semicolons)",
        "xlsx" => "Download XLSX (Excel)",
        _ => "Download CSV",
    },
    choose_report: "Choose a report.",
    from_format: "Write the start date as YYYY-MM-DD, for example 2026-07-01.",
    to_format: "Write the end date as YYYY-MM-DD, for example 2026-12-31.",
    to_before_from: "The end date must be the same as the start date or later.",
    see_reports: "see the reports",
    download_reports: "download reports",
    report_basis: |k| match k {
        ReportKind::Dashboard => "Internal management (no statutory report)",
        other => other.legal_basis(),
    },
    report_lang: ReportLang::En,
    audit_intro: "Every action on a case is an event chained to the earlier ones by a SHA-256 \
                  hash. Here you can check that nobody changed them, read a case's full \
                  history, check that no filing number is missing and download the log.",
    accesses_link: "Staff sign-ins and account changes",
    chain_ok: "The chain is intact",
    chain_broken: "The chain is NOT intact",
    dt_checked: "Events checked",
    dt_position: "Position reached",
    dt_hash_at: "Hash at that position",
    dt_signature: "Signature",
    dt_findings: "Findings",
    none_found: "None.",
    finding_at: |position, what, detail| format!("Position {position}: {what}. {detail}"),
    finding: |k| match k {
        FindingKind::Modified => "an event was modified (its hash does not match)",
        FindingKind::Removed => "an event is missing",
        FindingKind::Inserted => "there is an event the log did not write",
        FindingKind::Reordered => "the events are not in the order they were recorded in",
        FindingKind::Truncated => "the end of the log is missing",
        FindingKind::HeadMismatch => "the head of the log does not match the last event",
        FindingKind::Signature => "the digest is not signed with the entity's key",
        #[allow(unreachable_patterns)]
        _ => "the log does not verify",
    },
    signed: "Signed with the entity's key.",
    not_signed: "Not signed with the entity's key.",
    verify_heading: "Verify the chain",
    verify_intro: "Works out the hash of every event again, from the first position to the last. \
                   On a large log it may take a while.",
    history_of_case: "History of a case",
    radicado_label: "Filing number (radicado)",
    radicado_hint: "For example, 2026-000123.",
    show_history: "Show the history",
    radicados_heading: "Complete filing numbers of a year",
    radicados_complete: |last, year| {
        format!("Complete: every number from 1 to {last} of {year} is filed exactly once.")
    },
    radicados_incomplete: |year| format!("Incomplete: check the findings for {year}."),
    last_assigned: "Last number assigned:",
    filed_count: |filed, voided| format!("Filed: {filed} (voided among them: {voided})"),
    unfiled_numbers: "Numbers not filed:",
    none_lower: "none",
    duplicates: "Duplicates:",
    times: |n| format!("({n} times)"),
    beyond_counter: "Above the counter:",
    voided_unfiled: "Voided without a filing:",
    year_label: "Year",
    check_radicados: "Check the filing numbers",
    year_error: "Write a year between 1984 and 2199, for example 2026.",
    export_heading: "Export the log",
    export_intro: "Every event recorded between two days (Bogotá time), with each field as it \
                   was chained, to work out the hashes again outside the system.",
    format_label: "Format",
    download_button: "Download",
    digest_heading: "Verify a signed digest",
    digest_intro: "Paste the digest of the log's head that the entity handed over (written by \
                   “pqrs audit digest”). Its signature is checked, and that the log still holds \
                   it.",
    digest_label: "Digest (JSON)",
    digest_button: "Verify the digest",
    digest_error: "Paste the digest as “pqrs audit digest” wrote it: a JSON object with format, \
                   position, hash, recorded_at, signed_at, public_key and signature.",
    use_audit: "use the audit tools",
    audit_page: "the audit page",
    history_title: |r| format!("History of case {r}"),
    history_intro: |n| {
        format!(
            "{n} events, in order. Each keeps the hash of the one before: if someone changes one, \
             verifying the chain finds it."
        )
    },
    back_to_audit: "Back to audit",
    dt_when: "When",
    dt_who: "Who",
    dt_channel: "Channel",
    dt_log_position: "Position in the log",
    dt_hash: "Hash (SHA-256)",
    dt_prev_hash: "Previous hash",
    event_content: "The event's content",
    withheld: " (personal data withheld)",
    actor_kind: |k| match k {
        "citizen" => "Citizen",
        "staff" => "Official",
        "system" => "System",
        "cli" => "Command line",
        _ => "Unknown",
    },
    access_title: "Access log",
    access_intro: |total| {
        format!(
            "Sign-ins and sign-outs, failed attempts (with the e-mail address tried, never the \
             password) and changes to accounts and tokens: who, when and from where. {total} \
             entries; the newest first."
        )
    },
    access_caption: |page, pages| format!("Access log, page {page} of {pages}"),
    col_when: "When",
    col_what: "What",
    col_account: "Account",
    col_who: "Who",
    col_from: "From",
    col_detail: "Detail",
    access_pages: "Pages of the log",
    newer: "Newer",
    older: "Older",
    access_forbidden: "The access log is for auditors and administrators.",
    access_kind: |k| match k {
        AccessKind::Login => "Sign-in",
        AccessKind::LoginFailed => "Failed sign-in attempt",
        AccessKind::LoginThrottled => "Sign-in locked after failed attempts",
        AccessKind::LoginDisabled => "Sign-in to a disabled account",
        AccessKind::Logout => "Sign-out",
        AccessKind::PasswordChanged => "Password changed",
        AccessKind::AccountCreated => "Account created",
        AccessKind::AccountDisabled => "Account disabled",
        AccessKind::AccountEnabled => "Account enabled",
        AccessKind::PasswordReset => "Password reset",
        AccessKind::TokenCreated => "Token created",
        AccessKind::TokenRevoked => "Token revoked",
    },
    privacy_title: "Personal data protection",
    privacy_intro: "Here the requests of the people whose personal data the entity holds are \
                    dealt with (Ley 1581 de 2012, art. 8). Each request is recorded with who \
                    dealt with it and when; the data looked up or corrected do not stay in the \
                    application's logs.",
    task_access: (
        "Look up a person's data",
        ": everything the entity keeps about them, by identity number or e-mail address (art. 8 \
         lit. a, the right to know).",
    ),
    task_rectify: (
        "Correct a contact detail",
        ": the e-mail address, phone or address of a case's petitioner (art. 8 lit. a; Decreto \
         1377 de 2013, art. 22).",
    ),
    task_suppress: (
        "Suppress a case's personal data",
        ": when no legal duty requires keeping them, or an authority orders it (art. 8 lit. e).",
    ),
    task_retention: (
        "Report of suppressions by retention",
        ": the cases whose data were suppressed when their retention time ended (Ley 594 de \
         2000, art. 24).",
    ),
    privacy_also_api: "The same requests can be dealt with through the API",
    privacy_also_cli: "and the command line",
    attend_privacy: "deal with personal data protection requests",
    privacy_page: "the data protection page",
    nothing_changed: "Nothing was changed.",
    back_to_form: "Back to the form",
    dt_basis: "Legal basis",
    radicado_error: "Write the filing number as it appears on the case, for example \
                     2026-000123.",
    no_case: |r| format!("There is no case with the filing number {r}. Check the number."),
    supp_title: "Suppress a case's personal data",
    supp_done_heading: "Data suppressed",
    supp_done_after: "From now on the case shows “dato suprimido” (data suppressed) instead of \
                      the petitioner's data, in the citizen's view, in the console and in the \
                      reports. So that no copies remain in the database's files, the technical \
                      administrator must follow the procedure in docs/privacy.md.",
    supp_another: "Suppress the data of another case",
    supp_refused_heading: "The data were not suppressed",
    supp_confirm_heading: "Confirm the suppression",
    dt_closed_q: "Closed?",
    dt_order: "Authority's order",
    no_order: "None",
    supp_warning_strong: "This cannot be undone.",
    supp_warning: "The key that encrypts the case's personal data is destroyed: nobody will be \
                   able to read them again, neither the entity nor the citizen. A record is kept \
                   of who did it, when and on what basis (Ley 1581 de 2012, art. 8 lit. e).",
    supp_button: "Suppress the personal data",
    supp_cancel: "Do not suppress, go back",
    supp_intro: "Suppression destroys a case's personal data: name, identity document, contact \
                 details and the texts that hold them. It is allowed only when no legal duty \
                 requires keeping them: the case must be closed and its retention time over (Ley \
                 1581 de 2012, art. 8 lit. e and art. 15; Decreto 1377 de 2013, art. 9; Ley 594 \
                 de 2000, art. 24), unless a competent authority orders their suppression.",
    supp_basis_hint: "The request or the reason, for example “Request of the data subject of 3 \
                      March 2027”. Up to 1000 characters.",
    order_label: "Order of a competent authority (optional)",
    order_hint: "Only if a judge or another authority ordered the data suppressed early, for \
                 example “Auto 55 de 2027 del Juzgado 3 Civil Municipal”. Leave it empty if there \
                 is no order.",
    review_case: "Review the case",
    supp_basis_error: "Write the basis of the suppression, 1 to 1000 characters, for example \
                       “Request of the data subject of 3 March 2027”.",
    order_error: "The authority's order may have up to 1000 characters.",
    closed_on: |d| format!("Yes, on {d}"),
    closed_yes: "Yes",
    still_open: "No: the case is still in progress",
    confirm_first: "Review the case and confirm the suppression before making it.",
    suppressed: |r, at, position| {
        format!(
            "The personal data of case {r} were suppressed on {at}. The suppression is recorded \
             at position {position} of the log."
        )
    },
    suppress_what: "suppress personal data",
    access_req_title: "Look up a person's data",
    cases_found: |n| match n {
        0 => "No cases were found".to_owned(),
        1 => "1 case was found".to_owned(),
        n => format!("{n} cases were found"),
    },
    access_recorded: "The lookup is recorded (Ley 1581 de 2012, art. 8 lit. a). The data subject \
                      has the right to receive this information; the answer must be given \
                      within ten business days of the request (art. 14).",
    case_heading: |r| format!("Filing number {r}"),
    dt_filed: "Received",
    dt_closed: "Closed",
    download_json: "Download JSON",
    download_json_hint: "The file has each case with all its events and the personal data \
                         opened. The download is recorded too.",
    new_query: "New lookup",
    access_intro_a: "Write the person's identity number",
    access_or: "or",
    access_intro_b: "their e-mail address (only one). The lookup is recorded with your name; \
                     what you write is not kept.",
    id_label: "Identity number",
    id_hint: "No dots or spaces, for example 1020304050.",
    email_hint: "Leave it empty if you wrote the identity number.",
    consult: "Look up",
    rectified_on: |what, when| format!("{what} (corrected, {when})"),
    access_what: "look up a person's personal data",
    rect_title: "Correct a contact detail",
    rect_done_heading: "Detail corrected",
    rect_another: "Correct another detail",
    rect_refused_heading: "The detail was not corrected",
    rect_refused_note: "Nothing was changed; the refused request is recorded.",
    rect_intro: "The data subject may ask for their contact details to be corrected (Ley 1581 \
                 de 2012, art. 8 lit. a; Decreto 1377 de 2013, art. 22). The name and the \
                 identity document are not corrected here. The correction and its basis are \
                 recorded, and the earlier value is kept encrypted.",
    rect_field_label: "Detail to correct",
    new_value_label: "New value",
    new_value_hint: "Checked as at filing: a valid e-mail address, a phone of 7 to 15 digits or \
                     an address.",
    rect_basis_hint: "The request and its support, for example “Request of the data subject of 3 \
                      March 2027, with a copy of the cédula”. Up to 1000 characters.",
    rect_button: "Correct",
    rectified: |what, r, at| {
        format!(
            "{what} of the petitioner of case {r} was corrected on {at}. From now on the \
             citizen's view, the console and the e-mails use the new value; the earlier one \
             stays encrypted in the log."
        )
    },
    the_field: "The detail",
    rect_what: "correct personal data",
    ret_title: "Report of suppressions by retention",
    ret_intro: "The closed cases whose retention time ended (the entity's records retention \
                schedule, Ley 594 de 2000, art. 24) and whose personal data the system \
                suppressed (Ley 1581 de 2012, art. 15). The report holds no personal data.",
    ret_from_hint: "Date of the suppression, for example 2031-01-01.",
    ret_to_hint: "Included; it cannot be before “From”.",
    ret_show: "Show the report",
    ret_caption: |empty| {
        if empty {
            "Cases suppressed by retention: none in the period".to_owned()
        } else {
            "Cases suppressed by retention".to_owned()
        }
    },
    col_closed_on: "Closed on",
    col_years: "Years of retention",
    col_kept_until: "Kept until",
    col_suppressed_on: "Suppressed on",
    ret_what: "read the report of suppressions by retention",
    admin_nav_label: "Administration",
    admin_accounts: "Accounts",
    admin_tokens: "Tokens",
    admin_closures: "Closure days",
    admin_policy: "Term policy",
    admin_mail: "E-mail",
    admin_only: "This page is only for console administrators.",
    accounts_intro: "People sign in to the console with their account. Disabling an account \
                     ends its sessions at once. Each official chooses their language with the \
                     link in the header; the console and their e-mails speak it.",
    accounts_caption: "Console accounts",
    col_name: "Name",
    col_email: "E-mail address",
    col_role: "Role",
    col_state: "State",
    col_language: "Language",
    account_language: |l| l.map_or("Spanish (by default)", language),
    col_actions: "Actions",
    account_disabled: "Disabled",
    account_active: "Active",
    enable: "Enable",
    disable: "Disable",
    of_account: |e| format!(" the account of {e}"),
    reset_password: "Reset the password",
    of_person: |e| format!(" of {e}"),
    create_account: "Create an account",
    create_account_intro: "The account gets a one-time password, shown once, which the official \
                           changes at the first sign-in.",
    name_label: "Name",
    role_label: "Role",
    role_hint: "Case handler: works the cases. Supervisor: also voids and reassigns. Auditor: \
                reads and verifies the history. Reporting: reports. Data protection: the requests \
                of the people whose personal data the entity holds. Administrator: everything, \
                accounts included.",
    dependency_optional: "Office (optional)",
    dependency_hint: "The office where they work, for example “Atención al ciudadano”.",
    create_account_button: "Create the account",
    email_invalid: |reason| format!("Write a valid e-mail address: {reason}."),
    name_invalid: "Write the official's name (up to 200 characters).",
    choose_role: "Choose a role.",
    account_language_label: "Language of the console and of their e-mails",
    account_language_hint: "The official can change it later with the link in the header.",
    account_language_choice: |l| l.map_or("The one of their first sign-in", language),
    choose_language: "Choose a language from the list.",
    account_created: "Account created",
    account_created_for: |name, email| format!("Account created for {name} ({email})"),
    one_time_shown: "This is the one-time password. Give it to the official by a safe means: it \
                     will not be shown again. On signing in at /funcionarios they will be asked \
                     for a new password.",
    back_to_accounts: "Back to the accounts",
    email_taken: |e| format!("There is already an account with the e-mail address {e}."),
    not_yourself: "You cannot disable your own account.",
    account_not_found_title: "Account not found",
    account_not_found_text: "The account you tried to change does not exist.",
    password_reset_title: "Password reset",
    password_reset_shown: "This is the new one-time password. Give it to the official by a safe \
                           means: it will not be shown again. Their open sessions were ended.",
    tokens_intro: "Tokens are for systems (integrations, scheduled jobs), not for people. A \
                   revoked token stops working at once.",
    tokens_caption: "API tokens",
    col_created_by: "Created by",
    col_created: "Created",
    col_last_used: "Last used",
    never: "Never",
    revoked_on: |at| format!("Revoked on {at}"),
    revoke: "Revoke",
    of_token: |id| format!(" the token {id}"),
    create_token: "Create a token",
    token_user_label: "Who will use it",
    token_user_hint: "For example, “Integration with the single service window”.",
    create_token_button: "Create the token",
    token_user_invalid: "Write who will use the token (up to 200 characters).",
    token_created: "Token created",
    token_created_for: |name, id| format!("Token created for {name} (id {id})"),
    token_shown: "This is the token. Copy it now into the system that will use it (header \
                  Authorization: Bearer): it will not be shown again.",
    back_to_tokens: "Back to the tokens",
    closures_intro: "A closure day is a day the entity closes its offices by an administrative \
                     act (a civic day, for example). From its declaration it does not count as a \
                     business day in the terms (Ley 4 de 1913, art. 62): cases filed later skip \
                     it, and open cases whose term includes it get their due date moved one \
                     business day, with a record in their history.",
    closures_whole: "Closure days apply to the whole entity: there are no closures by office. A \
                     declared closure is in the audited log and may have moved terms, so it \
                     cannot be withdrawn from the console or the API.",
    closures_caption: "Declared closure days",
    col_date: "Date",
    no_closures: "No closure days are declared.",
    calendar_version: "Version of the calendar in force (filings record it):",
    declare_heading: "Declare a closure day",
    closure_from_label: "Date of the closure (or first day of the range)",
    closure_from_hint: "Today or a later date, for example 2026-12-24.",
    closure_to_label: "Last day of the range (optional)",
    closure_to_hint: "Leave it empty for a single day. In a range only its business days are \
                      declared, up to 31 days.",
    closure_basis_hint: "The act that closes the offices, for example “Resolución 123 de 2026 \
                         (día cívico)”.",
    declare_button: "Declare the closure",
    declared: |n, m| {
        let mut text = match n {
            1 => "1 closure day was declared.".to_owned(),
            n => format!("{n} closure days were declared."),
        };
        match m {
            0 => {}
            1 => text.push_str(" 1 day of the range was skipped: it was no longer a business day."),
            m => text.push_str(&format!(
                " {m} days of the range were skipped: they were no longer business days."
            )),
        }
        text
    },
    not_declared: |reason| format!("Not declared: {reason} (Ley 4 de 1913, art. 62)."),
    closure_from_error: "Write the date of the closure as YYYY-MM-DD, for example 2026-12-24.",
    closure_to_error: "Write the last day of the range as YYYY-MM-DD, or leave it empty for a \
                       single day.",
    closure_basis_error: "Write the act that closes the offices, for example “Resolución 123 de \
                          2026 (día cívico)”.",
    closure_order_error: "The last day of the range cannot be before the first.",
    closure_range_error: |max| {
        format!("A range may have up to {max} days; declare the rest separately.")
    },
    declared_before: |n| format!(" Before that day {n} were declared."),
    no_business_days: "The range has no business days: they are all weekends, holidays or \
                       already closed (Ley 4 de 1913, art. 62).",
    policy_default: "The default policy is in force: the terms of Ley 1755 de 2015 (art. 14), \
                     with the window of Decreto Legislativo 491 de 2020 (art. 5) for what was \
                     received between 28 March 2020 and 17 May 2022.",
    policy_own: "The entity's own policy is in force, loaded from a policy file. Beside each \
                 term that differs, the default policy's term is shown.",
    policy_read_only: "This page only shows the policy. The service's settings set it \
                       (policy_file or PQRS_POLICY_FILE), and it is checked at start. If an own \
                       file is loaded: cases received from then on take its terms; cases already \
                       filed keep the policy and version they recorded when filed (unless a \
                       period says otherwise of the cases in progress); the “due soon” \
                       thresholds change at once for open cases, because they are not a legal \
                       term and never move a due date.",
    policy_horizon: |d| {
        format!("The deadline alerts look at the cases due in the next {d} calendar days.")
    },
    in_force_today: " (in force today)",
    dt_period_basis: "Basis of the period",
    dt_policy: "Policy",
    dt_in_progress: "Cases in progress when it starts",
    dt_priority_term: "Priority (Ley 1755 de 2015, art. 20)",
    dt_due_soon: "“Due soon”",
    dt_cutoff: "Cut-off time",
    cutoff: |t| format!("What is received from {t} counts as received the next business day"),
    no_cutoff: "No cut-off time",
    terms_caption: "Terms by kind:",
    col_unit: "Unit",
    col_article: "Article",
    col_default: "Default",
    same: "Same",
    unit: |u| match u {
        TermUnit::Business => "business days",
        TermUnit::Calendar => "calendar days",
        TermUnit::Months => "months",
    },
    no_legal_term: "The entity's PQR procedure (the law sets no term)",
    in_progress: |c| match c {
        InProgressCases::TermAtFilingStands => {
            "Cases in progress when the period starts keep the term they were filed with."
        }
        InProgressCases::NewTermApplies => {
            "Cases in progress when the period starts take the new term, counted from the same \
             date received."
        }
    },
    period_always: "Always",
    period_until: |u| format!("Received until {u}"),
    period_from: |s| format!("Received from {s} on"),
    period_between: |s, u| format!("Received from {s} to {u}"),
    due_soon_rule: |days, percent| {
        format!(
            "when {days} business days or fewer are left, or when {percent} % of the term has \
             passed, whichever comes first"
        )
    },
    mail_title: "E-mail to petitioners",
    mail_test_accepted: |r| format!("The SMTP server accepted the test message: {r}."),
    mail_accepted_after: "Check the destination mailbox (and its spam folder).",
    mail_refused_after: "Check the server, the encryption (TLS), the password and the \
                         certificate authority in the service's settings; meanwhile the messages \
                         wait in the queue and are tried again.",
    mail_clear_password_a: "The mail server's password crosses the network unencrypted: anyone \
                            on the way can read it. Set",
    mail_clear_password_b: "in",
    mail_on_a: "E-mail to petitioners is",
    mail_on_word: "on",
    mail_on_b: ": the notices the law requires (Ley 1755 de 2015; Ley 1437 de 2011, art. 56, for \
                the answer) are sent through this server.",
    dt_smtp_server: "SMTP server",
    dt_encryption: "Encryption",
    dt_own_authority: "Own certificate authority",
    own_authority_yes: "Yes: the one in this file is trusted too:",
    own_authority_no: "No: only the public authorities (Mozilla's roots)",
    dt_sender: "Sender",
    dt_reply_to: "Reply to",
    reply_to_sender: "The sender",
    dt_messages_on: "Messages on",
    mail_off_a: "E-mail to petitioners is",
    mail_off_word: "off",
    mail_off_b: ": nobody gets notices by e-mail and the entity must tell each step by other \
                 means. To switch it on, set",
    mail_off_c: "(or",
    mail_off_d: "in the configuration file) and restart the service.",
    mail_waiting: "Messages waiting to be sent:",
    mail_oldest: |s| format!("; the oldest since {s}"),
    mail_read_only: "Whoever runs the service sets these settings, and they are checked at \
                     start; this page only shows them.",
    mail_test_heading: "Send a test message",
    mail_to_label: "Destination e-mail address",
    mail_to_hint: "A mailbox of yours or of the entity. A test message is sent with these \
                   settings; it stays in no case.",
    mail_test_button: "Send the test",
    encryption: |e| match e {
        Encryption::Tls => "TLS from the start of the connection (smtps)",
        Encryption::StartTls => "STARTTLS required: nothing is sent without encryption",
        Encryption::StartTlsIfOffered => {
            "STARTTLS only if the server offers it: if not, messages travel unencrypted"
        }
        Encryption::None => "None: messages travel unencrypted",
    },
    mail_off_refusal: "E-mail is off in this service: there is nothing to send the test with.",
    mail_to_invalid: "Write an e-mail address, for example nombre@entidad.gov.co.",
    mail_silent: |s| format!("The SMTP server did not answer within {s} seconds."),
};
