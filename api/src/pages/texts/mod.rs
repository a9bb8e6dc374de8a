//! What the portal's pages say, one table per language: [`es::ES`] (Spanish, es-CO, the
//! default) and [`en::EN`] (English, on request). The templates read the fields of [`Texts`]
//! (`{{ l.w.nav_file }}`) and the handlers call its functions, so a text missing in one
//! language does not compile: the two tables are struct literals of the same type, which is
//! how "every key in both catalogues" is kept for the pages (docs/language.md). The JSON API's
//! problems keep their Fluent catalogues (`api/locales`).
//!
//! Where a sentence wraps a value the page fills in (the entity's name, a date), the table
//! holds the parts before and after it (`_a`, `_b`) or a function that writes the sentence.
//! The article of the law stays in every refusal and term, in both languages.

mod en;
mod es;

use crate::i18n::Lang;
use pqrs_domain::policy::Term;
use pqrs_domain::text::TextError;
use pqrs_domain::Kind;

/// The portal's texts in one language.
pub struct Texts {
    // Frame (base.html).
    pub skip: &'static str,
    pub nav_label: &'static str,
    pub nav_file: &'static str,
    pub nav_follow: &'static str,
    /// The link to the other language: its query, `hreflang`, and its name in that language.
    pub switch_href: &'static str,
    pub switch_lang: &'static str,
    pub switch_text: &'static str,
    pub footer_address: &'static str,
    pub footer_hours: &'static str,
    pub footer_email: &'static str,
    pub footer_phone: &'static str,
    pub privacy_policy: &'static str,
    pub staff_access: &'static str,
    pub back_home: &'static str,
    pub error_prefix: &'static str,

    // Home (inicio.html).
    pub home_title: &'static str,
    pub home_intro_a: &'static str,
    pub home_intro_b: &'static str,
    pub home_follow: &'static str,
    pub home_what: &'static str,
    pub home_what_p: &'static str,
    pub home_term: &'static str,
    pub home_how: &'static str,
    pub home_how_1: &'static str,
    pub home_how_2: &'static str,
    pub home_how_3: &'static str,
    pub home_privacy: &'static str,
    pub home_privacy_a: &'static str,
    pub home_privacy_b: &'static str,
    pub home_privacy_read_a: &'static str,
    /// After the policy's link, with its own leading space where one is needed.
    pub home_privacy_read_b: &'static str,
    pub home_privacy_contact: &'static str,

    // Filing form (radicar.html).
    pub form_error_title: &'static str,
    pub form_summary: &'static str,
    pub form_intro: &'static str,
    pub kind_legend: &'static str,
    pub kind_help: &'static str,
    pub kind_term: &'static str,
    pub subject_label: &'static str,
    pub subject_hint: &'static str,
    pub description_label: &'static str,
    pub description_hint: &'static str,
    pub ident_legend: &'static str,
    pub ident_hint: &'static str,
    pub ident_anonymous: &'static str,
    pub ident_identified: &'static str,
    pub data_legend: &'static str,
    pub data_hint: &'static str,
    pub name_label: &'static str,
    pub id_type_label: &'static str,
    pub id_none: &'static str,
    pub id_types: [(&'static str, &'static str); 8],
    pub id_number_label: &'static str,
    pub email_label: &'static str,
    pub phone_label: &'static str,
    pub address_label: &'static str,
    pub consent_a: &'static str,
    pub consent_b: &'static str,
    pub consent_hint_a: &'static str,
    pub consent_hint_link: &'static str,
    pub notif_legend: &'static str,
    pub notif_hint: &'static str,
    pub notif_label: &'static str,
    pub reply_legend: &'static str,
    pub reply_hint: &'static str,
    pub reply_none: &'static str,
    /// The preferred reply channels offered, by API value.
    pub reply_channel: fn(&str) -> &'static str,
    pub honeypot_label: &'static str,
    pub form_submit: &'static str,

    // Form errors.
    pub err_kind: &'static str,
    /// An error of the subject (`subject = true`) or of the description.
    pub err_text: fn(subject: bool, max: usize, e: &TextError) -> String,
    /// An error of a petitioner field, by the domain's field name (`petitioner.email`, …).
    pub err_petitioner: fn(field: &str) -> &'static str,
    pub err_ident: &'static str,
    pub err_consent: &'static str,
    pub err_notif: &'static str,
    /// A preferred reply channel the contacts given cannot serve, by API value.
    pub err_reply: fn(channel: &str) -> &'static str,

    // Confirmation (radicado.html).
    pub confirm_title: &'static str,
    pub radicado_label: &'static str,
    pub constancia: &'static str,
    pub dt_entity: &'static str,
    pub dt_radicado: &'static str,
    pub dt_kind: &'static str,
    pub dt_received: &'static str,
    pub dt_due: &'static str,
    pub dt_filed_as: &'static str,
    pub dt_reply: &'static str,
    pub code_title: &'static str,
    pub code_keep: &'static str,
    pub code_keep_text: &'static str,
    pub due_title: &'static str,
    /// What the due date means: the term, the policy and the date, written out.
    pub due_meaning: fn(term: &str, policy: &str, due: &str) -> String,
    pub reply_anonymous: &'static str,
    pub reply_identified: &'static str,
    pub print_hint: &'static str,

    // Lookup (consultar.html).
    pub lookup_error_title: &'static str,
    pub lookup_not_found: &'static str,
    pub lookup_intro: &'static str,
    pub radicado_hint: &'static str,
    pub code_label: &'static str,
    pub code_hint: &'static str,
    pub lookup_submit: &'static str,
    pub no_match: &'static str,

    // Case page (caso.html).
    pub case_title: &'static str,
    pub dt_status: &'static str,
    pub dt_subject: &'static str,
    pub overdue: &'static str,
    pub completion_title: &'static str,
    pub completion_until_a: &'static str,
    pub completion_until_b: &'static str,
    pub completion_label: &'static str,
    pub your_code: &'static str,
    pub retype_code: &'static str,
    pub completion_send: &'static str,
    pub more_time_title: &'static str,
    pub more_time_text: &'static str,
    pub more_time_send: &'static str,
    pub answer_title: &'static str,
    pub answer_of: &'static str,
    pub answer_on_time: &'static str,
    pub answer_late: &'static str,
    pub rate_title: &'static str,
    pub rate_legend: &'static str,
    pub rate_scores: [&'static str; 5],
    pub rate_comment: &'static str,
    pub rate_send: &'static str,
    pub rated_a: &'static str,
    pub rated_b: &'static str,
    pub history_title: &'static str,
    pub mail_title: &'static str,
    pub mail_accepted: &'static str,
    pub mail_refused: &'static str,
    pub mail_stopped_a: &'static str,
    pub mail_stopped_b: &'static str,
    pub mail_none: &'static str,
    pub mail_sent: &'static str,
    pub mail_failed: &'static str,
    pub mail_other: &'static str,
    pub stop_summary: &'static str,
    pub stop_text: &'static str,
    pub stop_send: &'static str,
    pub withdraw_summary: &'static str,
    pub withdraw_text: &'static str,
    pub withdraw_reason: &'static str,
    pub withdraw_send: &'static str,
    pub other_case: &'static str,
    /// The status of a case, by its API value.
    pub status: fn(&str) -> &'static str,
    /// A line of the timeline, by the milestone's API value.
    pub step: fn(&str) -> &'static str,
    pub from_to: fn(from: &str, to: &str) -> String,
    pub asked_until: fn(what: &str, date: &str) -> String,
    pub new_due_reasons: fn(date: &str, reasons: &str) -> String,
    pub to_reasons: fn(to: &str, reasons: &str) -> String,
    pub new_due: fn(date: &str) -> String,

    // Case actions.
    pub bad_completion: &'static str,
    pub bad_reason: &'static str,
    pub bad_score: &'static str,
    pub bad_comment: &'static str,
    pub bad_action: &'static str,
    /// Why an action (`completar`, `ampliar`, …) was refused.
    pub refused: fn(action: &str) -> &'static str,
    /// What the page says when an action was done.
    pub done: fn(action: &str) -> &'static str,

    // Kinds and terms.
    pub kind_name: fn(Kind) -> &'static str,
    pub kind_hint: fn(Kind) -> &'static str,
    pub entity_procedure: &'static str,
    pub term: fn(Term) -> String,

    // Message pages.
    pub not_found_title: &'static str,
    pub not_found_text: &'static str,
    pub unavailable_title: &'static str,
    pub unavailable_text: &'static str,
    pub csrf_title: &'static str,
    pub csrf_text: fn(back: &str) -> String,
    pub not_filed_title: &'static str,
    pub honeypot_text: &'static str,
    pub too_many_filings_title: &'static str,
    pub too_many_filings_text: &'static str,
    pub filing_failed_text: &'static str,
    pub too_many_attempts_title: &'static str,
    pub too_many_attempts_text: fn(seconds: u64) -> String,
}

/// The table of `lang`.
pub fn of(lang: Lang) -> &'static Texts {
    match lang {
        Lang::Es => &es::ES,
        Lang::En => &en::EN,
    }
}

/// A kind's name with a capital first letter, as a heading or a radio label shows it.
pub fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Both tables are one struct, so a text missing in one does not compile; this checks the
    /// texts chosen by value are really written in each language, not left to the fallback.
    #[test]
    fn every_status_step_and_kind_is_written_in_both_languages() {
        let (es, en) = (of(Lang::Es), of(Lang::En));
        let statuses = [
            "filed",
            "in_progress",
            "suspended",
            "answered",
            "forwarded",
            "withdrawn",
            "withdrawn_tacitly",
            "voided",
        ];
        for s in statuses {
            assert_ne!((es.status)(s), (es.status)("?"), "{s} in Spanish");
            assert_ne!((en.status)(s), (en.status)("?"), "{s} in English");
            assert_ne!((es.status)(s), (en.status)(s), "{s}");
        }
        for k in Kind::ALL {
            assert_ne!((es.kind_name)(k), (en.kind_name)(k));
            assert_ne!((es.kind_hint)(k), (en.kind_hint)(k));
        }
        for c in pqrs_domain::contact::ReplyChannel::ALL {
            let c = c.as_str();
            assert_ne!((es.reply_channel)(c), es.reply_none, "{c}");
            assert_ne!((en.reply_channel)(c), en.reply_none, "{c}");
        }
        // The article of the law stays in the refusals, in both languages.
        assert!((es.refused)("ampliar").contains("art. 17"));
        assert!((en.refused)("ampliar").contains("art. 17"));
    }
}
