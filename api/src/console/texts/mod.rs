//! What the console's pages say, one table per language: [`es::ES`] (Spanish, es-CO, the
//! default) and [`en::EN`] (English, for an official who asks for it with the header's link or
//! the browser's language). As in the portal (`crate::pages::texts`), the two tables are struct
//! literals of one type, so a text missing in one language does not compile.
//!
//! Every console page reads these tables, with its refusals (docs/language.md). The language an
//! official reads the login page in at their first login, and the one they later choose with
//! the header's link, is kept with their account: the console opens in it at their next login
//! and their e-mails are written in it.

mod en;
mod es;

use crate::i18n::Lang;
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

/// The console's texts in one language.
pub struct Texts {
    // Frame (console/base.html).
    pub console: &'static str,
    pub staff_console: &'static str,
    pub skip: &'static str,
    pub nav_label: &'static str,
    pub sign_out: &'static str,
    pub citizen_portal: &'static str,
    pub change_password: &'static str,
    /// The link to the other language: its query, `hreflang`, and its name in that language.
    pub switch_href: &'static str,
    pub switch_lang: &'static str,
    pub switch_text: &'static str,
    pub nav_bandeja: &'static str,
    pub nav_alerts: &'static str,
    pub nav_reports: &'static str,
    pub nav_audit: &'static str,
    pub nav_privacy: &'static str,
    pub nav_admin: &'static str,
    pub role: fn(Role) -> &'static str,
    pub error_prefix: &'static str,

    // Refusals any page may give.
    pub forbidden_title: &'static str,
    pub forbidden_text: &'static str,
    pub session_ended_title: &'static str,
    pub session_ended_text: &'static str,
    pub change_first_title: &'static str,
    pub change_first_text: &'static str,
    pub unavailable_title: &'static str,
    pub unavailable_session_text: &'static str,
    /// The way back from a refusal: the console's root, the official's home page or the login.
    pub back_to_console: &'static str,

    // Login (console/login.html).
    pub login_title: &'static str,
    pub login_failed: &'static str,
    pub login_intro: &'static str,
    pub email_label: &'static str,
    pub password_label: &'static str,
    pub sign_in: &'static str,
    pub citizen_a: &'static str,
    pub citizen_link: &'static str,
    pub citizen_b: &'static str,
    pub signed_out: &'static str,
    pub login_empty: &'static str,
    pub login_wrong: fn(failures: usize, minutes: i64) -> String,
    pub login_throttled: fn(at: &str, minutes: i64) -> String,
    pub login_disabled: &'static str,

    // Password change (console/password.html).
    pub check_below: &'static str,
    pub password_first: &'static str,
    pub current_label: &'static str,
    pub new_label: &'static str,
    pub new_hint: &'static str,
    pub again_label: &'static str,
    pub save_password: &'static str,
    pub wrong_current: &'static str,
    pub same_as_current: &'static str,
    pub mismatch: &'static str,
    pub weakness: fn(Weakness) -> &'static str,

    // Bandeja (console/bandeja.html, console.js).
    pub bandeja_title: &'static str,
    pub cases_on: &'static str,
    pub in_all: fn(total: i64) -> String,
    pub file_for_citizen: &'static str,
    pub refresh: &'static str,
    pub status_label: &'static str,
    pub all_open: &'static str,
    pub status_filed: &'static str,
    pub status_in_progress: &'static str,
    pub status_suspended: &'static str,
    pub kind_label: &'static str,
    pub all: &'static str,
    pub kind_option: fn(Kind) -> &'static str,
    /// A case's kind in the table.
    pub kind: fn(Kind) -> &'static str,
    pub dependency_label: &'static str,
    pub official_label: &'static str,
    pub overdue_label: &'static str,
    pub overdue_only: &'static str,
    pub not_overdue_only: &'static str,
    pub sort_label: &'static str,
    pub sort_due_first: &'static str,
    pub sort_due_last: &'static str,
    pub sort_newest: &'static str,
    pub sort_oldest: &'static str,
    pub tier_label: &'static str,
    pub tier: &'static str,
    pub page_size_label: &'static str,
    pub filter: &'static str,
    /// The table's caption, with the article that puts priority cases first.
    pub caption: &'static str,
    pub col_radicado: &'static str,
    pub col_term: &'static str,
    pub col_days: &'static str,
    pub col_due: &'static str,
    pub col_kind: &'static str,
    pub col_subject: &'static str,
    pub col_dependency: &'static str,
    pub col_official: &'static str,
    pub priority: &'static str,
    pub unassigned: &'static str,
    pub no_cases: &'static str,
    pub pages_label: &'static str,
    pub page_of: fn(page: u32, pages: u32) -> String,
    pub previous_page: &'static str,
    pub next_page: &'static str,
    /// The deadline state in words (never colour alone), with its article where one speaks.
    pub light: fn(DeadlineState) -> &'static str,
    /// Business days left in words.
    pub days_left: fn(i64) -> String,
    pub bad_filters: &'static str,
    pub check_filters: &'static str,
    pub bandeja_unavailable: &'static str,
    /// The live notice of console.js; `{n}` is the number of new cases.
    pub new_one: &'static str,
    pub new_many: &'static str,
    pub new_one_added: &'static str,
    pub new_many_added: &'static str,
    pub refresh_page: &'static str,
    pub refresh_lower: &'static str,

    // Case page (console/caso.html) and its actions.
    pub back_to_bandeja: &'static str,
    pub case_title: fn(radicado: &str) -> String,
    pub case_not_found_title: &'static str,
    pub case_not_found_text: &'static str,
    pub dt_status: &'static str,
    pub dt_received: &'static str,
    pub dt_tier: &'static str,
    pub dt_priority: &'static str,
    pub dt_forwarded_to: &'static str,
    pub days_left_label: &'static str,
    pub elapsed_label: &'static str,
    pub term_label: &'static str,
    /// The term with its article: "15 días hábiles (Ley 1755 de 2015, art. 14)".
    pub term_with_article: fn(term: &str) -> String,
    pub term_priority: &'static str,
    pub term_extended: &'static str,
    pub request_heading: &'static str,
    pub petitioner_heading: &'static str,
    pub anonymous: &'static str,
    pub completion_heading: &'static str,
    pub completion_line: fn(what: &str, until: &str, supplied: Option<&str>) -> String,
    pub answer_heading: &'static str,
    /// What follows the answer's outcome: its date and whether it was on time.
    pub answer_line: fn(on: &str, on_time: bool) -> String,
    pub actions_heading: &'static str,
    pub assign_heading: &'static str,
    pub assign_hint: &'static str,
    pub assign_official_label: &'static str,
    pub reason_optional_label: &'static str,
    pub classify_heading: &'static str,
    pub classify_hint: &'static str,
    pub no_change: &'static str,
    pub topic_label: &'static str,
    pub reason_label: &'static str,
    pub escalate_heading: &'static str,
    pub escalate_tier_label: &'static str,
    pub note_heading: &'static str,
    pub note_hint: &'static str,
    pub note_label: &'static str,
    pub note_button: &'static str,
    pub ask_completion_heading: &'static str,
    pub ask_completion_limit: fn(until: &str) -> String,
    pub missing_label: &'static str,
    pub ask_completion_button: &'static str,
    pub supply_heading: &'static str,
    pub supply_limit: &'static str,
    pub supplied_label: &'static str,
    pub supply_button: &'static str,
    pub extend_heading: &'static str,
    pub extend_limit: fn(until: &str, due: &str) -> String,
    pub new_due_label: &'static str,
    pub reasons_label: &'static str,
    pub extend_button: &'static str,
    pub forward_heading: &'static str,
    pub forward_limit: fn(until: &str) -> String,
    pub authority_label: &'static str,
    pub forward_button: &'static str,
    pub priority_heading: &'static str,
    pub priority_limit: &'static str,
    pub right_at_risk_label: &'static str,
    pub priority_button: &'static str,
    pub answer_limit: fn(due: &str) -> String,
    pub answer_label: &'static str,
    pub outcome_label: &'static str,
    pub documents_label: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    pub answer_button: &'static str,
    pub void_heading: &'static str,
    pub void_limit: &'static str,
    pub void_button: &'static str,
    pub notes_heading: &'static str,
    pub mails_heading: &'static str,
    pub no_mails: &'static str,
    pub mail_accepted: &'static str,
    pub mail_failed: &'static str,
    pub mail_other: &'static str,
    pub history_heading: &'static str,
    pub channel_word: &'static str,
    /// A case's status (its API value) in words, with its article where one speaks.
    pub status: fn(&str) -> &'static str,
    /// An event of the history (its type) in words.
    pub event: fn(&str) -> &'static str,
    pub by_petitioner: &'static str,
    pub by_command_line: &'static str,
    pub by_system: &'static str,
    /// A filing's channel (its API value) in words.
    pub channel: fn(&str) -> &'static str,
    /// A field of the petitioner's identity and contact.
    pub petitioner_field: fn(&str) -> Option<&'static str>,
    /// A petitioner's choice about how to be answered.
    pub petitioner_choice: fn(&str) -> Option<&'static str>,
    pub consent_label: &'static str,
    pub consent_given: &'static str,
    pub consent_refused: &'static str,
    /// The reply channel the petitioner prefers, as an official reads it.
    pub reply_channel: fn(&str) -> &'static str,
    /// The language of the e-mails to the petitioner, as an official reads it: Spanish, or
    /// English followed by the official Spanish text (Constitución Política art. 10).
    pub mail_language: fn(&str) -> &'static str,
    pub deliver_by_channel: fn(channel: &str) -> String,
    pub deliver_by_contact: &'static str,
    pub delivery_refused: fn(by: &str) -> String,
    pub delivery_by_email: &'static str,
    pub delivery_not_sent: fn(by: &str) -> String,
    /// What an action (its path segment) says when it was done.
    pub done: fn(&str) -> Option<&'static str>,
    /// A field of the API's bodies, named in a refusal.
    pub field: fn(&str) -> Option<&'static str>,
    pub refused_check: &'static str,
    pub refused: &'static str,
    pub form_expired_title: &'static str,
    pub form_expired_text: &'static str,
    pub action_failed_text: &'static str,

    // Filing on a citizen's behalf (console/radicar.html, console/radicado.html).
    pub file_intro: &'static str,
    pub file_refused: &'static str,
    pub channel_legend: &'static str,
    pub received_label: &'static str,
    pub kind_legend: &'static str,
    pub description_label: &'static str,
    pub anonymous_hint: &'static str,
    pub id_number_label: &'static str,
    pub consent_data_label: &'static str,
    pub reply_legend: &'static str,
    pub no_preference: &'static str,
    pub notification_label: &'static str,
    pub language_legend: &'static str,
    pub file_button: &'static str,
    /// A channel the desk files through (its API value), as a choice.
    pub filing_channel: fn(&str) -> &'static str,
    /// A field of `POST /v1/pqrs` that is not the petitioner's own, named in a refusal of the
    /// desk (the petitioner's fields are named by `petitioner_field` and `petitioner_choice`).
    pub desk_field: fn(&str) -> Option<&'static str>,
    pub notification_needs_email: &'static str,
    /// What the desk must write for the reply channel the citizen chose.
    pub reply_needs: fn(&str) -> Option<&'static str>,
    pub channel_missing: &'static str,
    pub language_invalid: &'static str,
    pub filing_expired_text: &'static str,
    pub filing_failed_title: &'static str,
    pub filing_failed_text: &'static str,
    pub filed_title: &'static str,
    pub filed_notice: &'static str,
    pub filed_intro: &'static str,
    pub access_code_label: &'static str,
    pub answer_due_label: &'static str,
    pub open_case: &'static str,
    pub file_another: &'static str,

    // The back office's shared refusals (informes_comun.rs).
    pub no_permission_title: &'static str,
    /// "Your role (…) does not let you …": the role and what the page does.
    pub role_may_not: fn(role: &str, what: &str) -> String,
    /// A form whose token is missing or wrong: nothing was done; open `back` again.
    pub nothing_done_reopen: fn(back: &str) -> String,
    pub not_found_title: &'static str,
    pub not_found_text: &'static str,
    pub record_unavailable_text: &'static str,
    pub check_data_title: &'static str,
    pub unexpected_title: &'static str,
    pub unexpected_text: &'static str,

    // Alerts (console/alertas.html).
    pub alerts_title: &'static str,
    pub alerts_intro: fn(today: &str) -> String,
    pub alerts_filter: &'static str,
    pub alert_class_label: &'static str,
    pub all_feminine: &'static str,
    /// An alert's class in words, with its article where one speaks.
    pub alert_class: fn(DeadlineState) -> &'static str,
    pub no_alerts: fn(dependency: &str) -> String,
    pub alerts_count: fn(usize) -> String,
    pub alerts_caption: &'static str,
    pub col_alert: &'static str,
    pub col_expires: &'static str,
    pub priority_article: &'static str,
    pub overdue_mark: &'static str,
    pub see_alerts: &'static str,

    // Reports (console/informes.html).
    pub reports_intro: &'static str,
    pub check_form: &'static str,
    pub report_legend: &'static str,
    pub report_hint: &'static str,
    pub from_label: &'static str,
    pub to_label: &'static str,
    pub show_report: &'static str,
    pub report_table: &'static str,
    /// A download link's words, by format (`csv`, `csv-es`, `xlsx`).
    pub download: fn(&str) -> &'static str,
    pub choose_report: &'static str,
    pub from_format: &'static str,
    pub to_format: &'static str,
    pub to_before_from: &'static str,
    pub see_reports: &'static str,
    pub download_reports: &'static str,
    /// The legal basis of a report, as the form shows it.
    pub report_basis: fn(ReportKind) -> &'static str,
    /// The language of a report's own labels.
    pub report_lang: ReportLang,

    // Audit (console/auditoria.html, auditoria_historia.html, accesos.html).
    pub audit_intro: &'static str,
    pub accesses_link: &'static str,
    pub chain_ok: &'static str,
    pub chain_broken: &'static str,
    pub dt_checked: &'static str,
    pub dt_position: &'static str,
    pub dt_hash_at: &'static str,
    pub dt_signature: &'static str,
    pub dt_findings: &'static str,
    pub none_found: &'static str,
    /// A finding: its position, what it shows, the verifier's detail.
    pub finding_at: fn(position: i64, what: &str, detail: &str) -> String,
    /// What kind of tampering a finding shows.
    pub finding: fn(FindingKind) -> &'static str,
    pub signed: &'static str,
    pub not_signed: &'static str,
    pub verify_heading: &'static str,
    pub verify_intro: &'static str,
    pub history_of_case: &'static str,
    pub radicado_label: &'static str,
    pub radicado_hint: &'static str,
    pub show_history: &'static str,
    pub radicados_heading: &'static str,
    pub radicados_complete: fn(last: u64, year: i32) -> String,
    pub radicados_incomplete: fn(year: i32) -> String,
    pub last_assigned: &'static str,
    pub filed_count: fn(filed: u64, voided: u64) -> String,
    pub unfiled_numbers: &'static str,
    pub none_lower: &'static str,
    pub duplicates: &'static str,
    pub times: fn(u64) -> String,
    pub beyond_counter: &'static str,
    pub voided_unfiled: &'static str,
    pub year_label: &'static str,
    pub check_radicados: &'static str,
    pub year_error: &'static str,
    pub export_heading: &'static str,
    pub export_intro: &'static str,
    pub format_label: &'static str,
    pub download_button: &'static str,
    pub digest_heading: &'static str,
    pub digest_intro: &'static str,
    pub digest_label: &'static str,
    pub digest_button: &'static str,
    pub digest_error: &'static str,
    pub use_audit: &'static str,
    pub audit_page: &'static str,
    pub history_title: fn(radicado: &str) -> String,
    pub history_intro: fn(events: usize) -> String,
    pub back_to_audit: &'static str,
    pub dt_when: &'static str,
    pub dt_who: &'static str,
    pub dt_channel: &'static str,
    pub dt_log_position: &'static str,
    pub dt_hash: &'static str,
    pub dt_prev_hash: &'static str,
    pub event_content: &'static str,
    pub withheld: &'static str,
    /// Who acted, by the actor's kind (`citizen`, `staff`, `system`, `cli`).
    pub actor_kind: fn(&str) -> &'static str,
    pub access_title: &'static str,
    pub access_intro: fn(total: i64) -> String,
    pub access_caption: fn(page: i64, pages: i64) -> String,
    pub col_when: &'static str,
    pub col_what: &'static str,
    pub col_account: &'static str,
    pub col_who: &'static str,
    pub col_from: &'static str,
    pub col_detail: &'static str,
    pub access_pages: &'static str,
    pub newer: &'static str,
    pub older: &'static str,
    pub access_forbidden: &'static str,
    /// An entry of the access log, by kind.
    pub access_kind: fn(AccessKind) -> &'static str,

    // Data protection (console/privacidad*.html).
    pub privacy_title: &'static str,
    pub privacy_intro: &'static str,
    /// The four tasks: the link's words and what follows them.
    pub task_access: (&'static str, &'static str),
    pub task_rectify: (&'static str, &'static str),
    pub task_suppress: (&'static str, &'static str),
    pub task_retention: (&'static str, &'static str),
    pub privacy_also_api: &'static str,
    pub privacy_also_cli: &'static str,
    pub attend_privacy: &'static str,
    pub privacy_page: &'static str,
    pub nothing_changed: &'static str,
    pub back_to_form: &'static str,
    pub dt_basis: &'static str,
    pub radicado_error: &'static str,
    /// No case has this radicado.
    pub no_case: fn(radicado: &str) -> String,
    pub supp_title: &'static str,
    pub supp_done_heading: &'static str,
    pub supp_done_after: &'static str,
    pub supp_another: &'static str,
    pub supp_refused_heading: &'static str,
    pub supp_confirm_heading: &'static str,
    pub dt_closed_q: &'static str,
    pub dt_order: &'static str,
    pub no_order: &'static str,
    pub supp_warning_strong: &'static str,
    pub supp_warning: &'static str,
    pub supp_button: &'static str,
    pub supp_cancel: &'static str,
    pub supp_intro: &'static str,
    pub supp_basis_hint: &'static str,
    pub order_label: &'static str,
    pub order_hint: &'static str,
    pub review_case: &'static str,
    pub supp_basis_error: &'static str,
    pub order_error: &'static str,
    pub closed_on: fn(date: &str) -> String,
    pub closed_yes: &'static str,
    pub still_open: &'static str,
    pub confirm_first: &'static str,
    pub suppressed: fn(radicado: &str, at: &str, position: i64) -> String,
    pub suppress_what: &'static str,
    pub access_req_title: &'static str,
    pub cases_found: fn(usize) -> String,
    pub access_recorded: &'static str,
    pub case_heading: fn(radicado: &str) -> String,
    pub dt_filed: &'static str,
    pub dt_closed: &'static str,
    pub download_json: &'static str,
    pub download_json_hint: &'static str,
    pub new_query: &'static str,
    pub access_intro_a: &'static str,
    pub access_or: &'static str,
    pub access_intro_b: &'static str,
    pub id_label: &'static str,
    pub id_hint: &'static str,
    pub email_hint: &'static str,
    pub consult: &'static str,
    pub rectified_on: fn(what: &str, when: &str) -> String,
    pub access_what: &'static str,
    pub rect_title: &'static str,
    pub rect_done_heading: &'static str,
    pub rect_another: &'static str,
    pub rect_refused_heading: &'static str,
    pub rect_refused_note: &'static str,
    pub rect_intro: &'static str,
    pub rect_field_label: &'static str,
    pub new_value_label: &'static str,
    pub new_value_hint: &'static str,
    pub rect_basis_hint: &'static str,
    pub rect_button: &'static str,
    pub rectified: fn(what: &str, radicado: &str, at: &str) -> String,
    pub the_field: &'static str,
    pub rect_what: &'static str,
    pub ret_title: &'static str,
    pub ret_intro: &'static str,
    pub ret_from_hint: &'static str,
    pub ret_to_hint: &'static str,
    pub ret_show: &'static str,
    pub ret_caption: fn(empty: bool) -> String,
    pub col_closed_on: &'static str,
    pub col_years: &'static str,
    pub col_kept_until: &'static str,
    pub col_suppressed_on: &'static str,
    pub ret_what: &'static str,

    // Administration (console/admin_*.html).
    pub admin_nav_label: &'static str,
    pub admin_accounts: &'static str,
    pub admin_tokens: &'static str,
    pub admin_closures: &'static str,
    pub admin_policy: &'static str,
    pub admin_mail: &'static str,
    pub admin_only: &'static str,
    pub accounts_intro: &'static str,
    pub accounts_caption: &'static str,
    pub col_name: &'static str,
    pub col_email: &'static str,
    pub col_role: &'static str,
    pub col_state: &'static str,
    /// The accounts' column of the language each official chose.
    pub col_language: &'static str,
    /// The language of an official (none kept: Spanish by default), as the accounts list shows
    /// it.
    pub account_language: fn(Option<Language>) -> &'static str,
    pub col_actions: &'static str,
    pub account_disabled: &'static str,
    pub account_active: &'static str,
    pub enable: &'static str,
    pub disable: &'static str,
    /// The hidden end of a button's words: "… the account of X".
    pub of_account: fn(email: &str) -> String,
    pub reset_password: &'static str,
    pub of_person: fn(email: &str) -> String,
    pub create_account: &'static str,
    pub create_account_intro: &'static str,
    pub name_label: &'static str,
    pub role_label: &'static str,
    pub role_hint: &'static str,
    pub dependency_optional: &'static str,
    pub dependency_hint: &'static str,
    pub create_account_button: &'static str,
    pub email_invalid: fn(reason: &str) -> String,
    pub name_invalid: &'static str,
    pub choose_role: &'static str,
    /// The account form's language field: its label, its hint, a choice's name (none: the one
    /// of the first login) and its refusal.
    pub account_language_label: &'static str,
    pub account_language_hint: &'static str,
    pub account_language_choice: fn(Option<Language>) -> &'static str,
    pub choose_language: &'static str,
    pub account_created: &'static str,
    pub account_created_for: fn(name: &str, email: &str) -> String,
    pub one_time_shown: &'static str,
    pub back_to_accounts: &'static str,
    pub email_taken: fn(email: &str) -> String,
    pub not_yourself: &'static str,
    pub account_not_found_title: &'static str,
    pub account_not_found_text: &'static str,
    pub password_reset_title: &'static str,
    pub password_reset_shown: &'static str,
    pub tokens_intro: &'static str,
    pub tokens_caption: &'static str,
    pub col_created_by: &'static str,
    pub col_created: &'static str,
    pub col_last_used: &'static str,
    pub never: &'static str,
    pub revoked_on: fn(at: &str) -> String,
    pub revoke: &'static str,
    pub of_token: fn(id: &str) -> String,
    pub create_token: &'static str,
    pub token_user_label: &'static str,
    pub token_user_hint: &'static str,
    pub create_token_button: &'static str,
    pub token_user_invalid: &'static str,
    pub token_created: &'static str,
    pub token_created_for: fn(name: &str, id: &str) -> String,
    pub token_shown: &'static str,
    pub back_to_tokens: &'static str,

    // Closure days (console/admin_cierres.html).
    pub closures_intro: &'static str,
    pub closures_whole: &'static str,
    pub closures_caption: &'static str,
    pub col_date: &'static str,
    pub no_closures: &'static str,
    pub calendar_version: &'static str,
    pub declare_heading: &'static str,
    pub closure_from_label: &'static str,
    pub closure_from_hint: &'static str,
    pub closure_to_label: &'static str,
    pub closure_to_hint: &'static str,
    pub closure_basis_hint: &'static str,
    pub declare_button: &'static str,
    /// After a declaration: the days declared and the days of the range skipped.
    pub declared: fn(declared: u32, skipped: u32) -> String,
    /// A refusal, with the rule behind closure days.
    pub not_declared: fn(reason: &str) -> String,
    pub closure_from_error: &'static str,
    pub closure_to_error: &'static str,
    pub closure_basis_error: &'static str,
    pub closure_order_error: &'static str,
    pub closure_range_error: fn(max: i64) -> String,
    pub declared_before: fn(declared: u32) -> String,
    pub no_business_days: &'static str,

    // Term policy (console/admin_politica.html).
    pub policy_default: &'static str,
    pub policy_own: &'static str,
    pub policy_read_only: &'static str,
    pub policy_horizon: fn(days: i64) -> String,
    pub in_force_today: &'static str,
    pub dt_period_basis: &'static str,
    pub dt_policy: &'static str,
    pub dt_in_progress: &'static str,
    pub dt_priority_term: &'static str,
    pub dt_due_soon: &'static str,
    pub dt_cutoff: &'static str,
    pub cutoff: fn(time: &str) -> String,
    pub no_cutoff: &'static str,
    pub terms_caption: &'static str,
    pub col_unit: &'static str,
    pub col_article: &'static str,
    pub col_default: &'static str,
    pub same: &'static str,
    /// A term's unit in words.
    pub unit: fn(TermUnit) -> &'static str,
    /// When no law sets a term (suggestions, commendations).
    pub no_legal_term: &'static str,
    /// What a period does to the cases in progress when it starts.
    pub in_progress: fn(InProgressCases) -> &'static str,
    pub period_always: &'static str,
    pub period_until: fn(until: &str) -> String,
    pub period_from: fn(from: &str) -> String,
    pub period_between: fn(from: &str, until: &str) -> String,
    pub due_soon_rule: fn(days: u32, percent: u8) -> String,

    // The mail settings (console/admin_correo.html).
    pub mail_title: &'static str,
    pub mail_test_accepted: fn(reply: &str) -> String,
    pub mail_accepted_after: &'static str,
    pub mail_refused_after: &'static str,
    pub mail_clear_password_a: &'static str,
    pub mail_clear_password_b: &'static str,
    pub mail_on_a: &'static str,
    pub mail_on_word: &'static str,
    pub mail_on_b: &'static str,
    pub dt_smtp_server: &'static str,
    pub dt_encryption: &'static str,
    pub dt_own_authority: &'static str,
    pub own_authority_yes: &'static str,
    pub own_authority_no: &'static str,
    pub dt_sender: &'static str,
    pub dt_reply_to: &'static str,
    pub reply_to_sender: &'static str,
    pub dt_messages_on: &'static str,
    pub mail_off_a: &'static str,
    pub mail_off_word: &'static str,
    pub mail_off_b: &'static str,
    pub mail_off_c: &'static str,
    pub mail_off_d: &'static str,
    pub mail_waiting: &'static str,
    pub mail_oldest: fn(since: &str) -> String,
    pub mail_read_only: &'static str,
    pub mail_test_heading: &'static str,
    pub mail_to_label: &'static str,
    pub mail_to_hint: &'static str,
    pub mail_test_button: &'static str,
    /// How the connection to the mail server is encrypted.
    pub encryption: fn(Encryption) -> &'static str,
    pub mail_off_refusal: &'static str,
    pub mail_to_invalid: &'static str,
    pub mail_silent: fn(seconds: u64) -> String,
}

/// The console's texts in `lang`.
pub fn of(lang: Lang) -> &'static Texts {
    match lang {
        Lang::Es => &es::ES,
        Lang::En => &en::EN,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Words that give away a page left in the other language.
    const SPANISH: [&str; 8] = [
        "Bandeja", " de ", "Clave", " los ", "Casos", "Cerrar", "Ingresar", "ñ",
    ];
    const ENGLISH: [&str; 7] = [
        " the ", "Sign", "Case", " you", "Filter", " of ", "Password",
    ];

    fn strings(w: &Texts) -> Vec<String> {
        let mut all: Vec<String> = [
            w.staff_console,
            w.sign_out,
            w.change_password,
            w.nav_bandeja,
            w.forbidden_text,
            w.session_ended_text,
            w.login_intro,
            w.login_disabled,
            w.password_first,
            w.new_hint,
            w.bandeja_title,
            w.file_for_citizen,
            w.no_cases,
            w.bad_filters,
            w.new_many_added,
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
        all.push((w.login_wrong)(5, 15));
        all.push((w.login_throttled)("x", 3));
        all.push((w.page_of)(1, 2));
        all.push((w.days_left)(-3));
        all.extend([DeadlineState::Overdue, DeadlineState::Suspended].map(|s| (w.light)(s).into()));
        all.extend(
            [Weakness::TooShort, Weakness::TooLong, Weakness::Guessable]
                .map(|x| (w.weakness)(x).into()),
        );
        all
    }

    #[test]
    fn each_table_speaks_its_own_language() {
        let es = strings(of(Lang::Es)).join(" | ");
        let en = strings(of(Lang::En)).join(" | ");
        for word in ENGLISH {
            assert!(!es.contains(word), "`{word}` in the Spanish table: {es}");
        }
        for word in SPANISH {
            assert!(!en.contains(word), "`{word}` in the English table: {en}");
        }
    }

    #[test]
    fn the_articles_of_the_law_stay_in_both_languages() {
        for lang in Lang::ALL {
            let w = of(lang);
            assert!(
                w.caption.contains("Ley 1755 de 2015, art. 20"),
                "{}",
                w.caption
            );
            assert!((w.light)(DeadlineState::Suspended).contains("art. 17"));
            assert!((w.light)(DeadlineState::PositiveSilence).contains("art. 14"));
        }
    }

    #[test]
    fn business_days_are_counted_in_words() {
        let es = of(Lang::Es);
        let en = of(Lang::En);
        assert_eq!((es.days_left)(1), "1 día hábil");
        assert_eq!((es.days_left)(-2), "vencida hace 2 días hábiles");
        assert_eq!((en.days_left)(1), "1 business day");
        assert_eq!((en.days_left)(0), "due today");
        assert_eq!((en.days_left)(-1), "overdue by 1 business day");
        assert_eq!((en.days_left)(-4), "overdue by 4 business days");
        assert_eq!((en.days_left)(7), "7 business days");
    }
}
