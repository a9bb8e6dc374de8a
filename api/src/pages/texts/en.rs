//! The portal in English, for a person who asks for it (`Accept-Language: en` or the
//! "English" link). The articles of the law stay as in Spanish.

use super::Texts;
use pqrs_domain::policy::{Term, TermUnit};
use pqrs_domain::text::TextError;
use pqrs_domain::Kind;

/// The English table.
pub static EN: Texts = Texts {
    skip: "Skip to content",
    nav_label: "Main",
    nav_file: "File a request",
    nav_follow: "Follow your request",
    switch_href: "?lang=es",
    switch_lang: "es",
    switch_text: "Español",
    footer_address: "Address:",
    footer_hours: "Opening hours:",
    footer_email: "E-mail:",
    footer_phone: "Phone:",
    privacy_policy: "Personal data processing policy",
    staff_access: "Staff access",
    back_home: "Back to the home page",
    error_prefix: "Error:",

    home_title: "Petitions, complaints, claims and reports",
    home_intro_a: "Here you can file a request with",
    home_intro_b: "and follow it. You do not need an account.",
    home_follow: "Follow a request",
    home_what: "What you can file",
    home_what_p: "The entity must answer you within the term the law sets for each kind of \
                  request. Business days are Monday to Friday, not counting public holidays or \
                  days the entity is closed.",
    home_term: "Term to answer:",
    home_how: "How it works",
    home_how_1: "Fill in the form. You can do it anonymously or with your details.",
    home_how_2: "When you send it you get a filing number (radicado) and an access code. Keep \
                 them: the code is shown only once.",
    home_how_3: "With those two you can see the status, the due date and the answer, and supply \
                 what the entity asks of you.",
    home_privacy: "Privacy notice",
    home_privacy_a: "If you file your request with your details,",
    home_privacy_b: "uses them only to process it and answer you, as Ley 1581 de 2012 requires. \
                     You may see, update, correct and ask for the deletion of your data, and \
                     withdraw your authorisation.",
    home_privacy_read_a: "Read the entity's",
    home_privacy_read_b: ".",
    home_privacy_contact: "To exercise these rights, contact the entity through the means shown \
                           at the foot of this page.",

    form_error_title: "Error: check your request",
    form_summary: "There is a problem with your request",
    form_intro: "You may leave the fields marked optional blank. Everything else is required.",
    kind_legend: "What do you want to file?",
    kind_help: "Choose the option that best describes your request. If you choose wrongly, the \
                entity will classify it correctly.",
    kind_term: "Term:",
    subject_label: "Subject",
    subject_hint: "A short sentence, for example: “Pruning of the tree in front of my house”.",
    description_label: "Your request",
    description_hint: "Tell us what happened or what you need, where and since when. Up to 20 000 \
                       characters.",
    ident_legend: "How do you want to file it?",
    ident_hint: "If you file it anonymously, the entity cannot send you the answer: you read it \
                 here with your filing number and your code.",
    ident_anonymous: "Anonymously",
    ident_identified: "With my details",
    data_legend: "Your details",
    data_hint: "Only if you chose “With my details”. Give at least one way to answer you: e-mail, \
                phone or address.",
    name_label: "Full name (optional)",
    id_type_label: "Identity document type (optional)",
    id_none: "No document",
    id_types: [
        ("CC", "Colombian citizen ID card (cédula de ciudadanía)"),
        ("CE", "Foreigner ID card (cédula de extranjería)"),
        ("TI", "Minor's ID card (tarjeta de identidad)"),
        ("RC", "Civil registry (registro civil)"),
        ("PA", "Passport"),
        ("NIT", "Tax ID (NIT)"),
        ("PEP", "Special stay permit (PEP)"),
        ("PPT", "Temporary protection permit (PPT)"),
    ],
    id_number_label: "Document number (optional)",
    email_label: "E-mail address",
    phone_label: "Phone",
    address_label: "Address",
    consent_a: "I authorise",
    consent_b: "to process my personal data to handle and answer this request.",
    consent_hint_a: "Ley 1581 de 2012. Read the",
    consent_hint_link: "personal data processing policy",
    notif_legend: "Do you agree to be notified by e-mail?",
    notif_hint: "If you tick it, we will send the answer and the other decisions on your request \
                 to your e-mail address, and that will be the official notification (Ley 1437 de \
                 2011, art. 56). If you do not, we will notify you through the other means you \
                 gave us.",
    notif_label: "Yes, I agree to be notified by e-mail",
    reply_legend: "How would you prefer to receive the answer? (optional)",
    reply_hint: "Choose one of the means you wrote above. The entity will take it into account \
                 when it answers you.",
    reply_none: "No preference",
    reply_channel: |c| match c {
        "email" => "E-mail",
        "phone" => "Phone",
        "mail" => "Post to my address",
        "in_person" => "In person, at the entity's office",
        _ => "No preference",
    },
    honeypot_label: "Leave this field empty",
    form_submit: "File the request",

    err_kind: "Choose what kind of request you want to file.",
    err_text: |subject, max, e| {
        let what = if subject {
            "the subject"
        } else {
            "your request"
        };
        match e {
            TextError::Empty => format!("Write {what}."),
            TextError::TooLong { .. } => format!("Write {what} in {max} characters at most."),
            TextError::ControlCharacters => {
                format!("Check {what}: it has characters that are not allowed.")
            }
        }
    },
    err_petitioner: |field| match field {
        "petitioner.name" => "Write your name in 200 characters at most.",
        "petitioner.id_type" => {
            "If you give your document number, choose the document type too, and the other way \
             round."
        }
        "petitioner.id_number" => "Write the document number: 3 to 20 letters or digits.",
        "petitioner.email" => "Write a valid e-mail address, for example name@example.co.",
        "petitioner.phone" => "Write a valid phone number, for example 601 555 1234.",
        "petitioner.address" => "Write the address in 300 characters at most.",
        _ => "Give at least one way to answer you: e-mail, phone or address.",
    },
    err_ident: "Say whether you file the request anonymously or with your details.",
    err_consent: "To file with your details you must authorise their processing (Ley 1581 de \
                  2012).",
    err_notif: "To be notified by e-mail, write your e-mail address, or untick the box.",
    err_reply: |c| match c {
        "email" => "To receive the answer by e-mail, write your e-mail address.",
        "phone" => "To receive the answer by phone, write your phone number.",
        "mail" => "To receive the answer by post, write your address.",
        "in_person" => "To receive the answer in person, file the request with your details.",
        _ => "Choose a way to receive the answer from the list.",
    },

    confirm_title: "Your request has been filed",
    radicado_label: "Filing number (radicado)",
    constancia: "Filing receipt (constancia de radicación)",
    dt_entity: "Entity",
    dt_radicado: "Filing number",
    dt_kind: "Kind",
    dt_received: "Received",
    dt_due: "Due date for the answer",
    dt_filed_as: "Filed",
    dt_reply: "Preferred way to receive the answer",
    code_title: "Your access code",
    code_keep: "Keep it now.",
    code_keep_text: "This code is shown only once and cannot be recovered. You need it, with the \
                     filing number, to follow your request, supply information or rate the \
                     answer. Do not share it.",
    due_title: "What the due date means",
    due_meaning: |term, policy, due| {
        format!(
            "The entity has {term} ({policy}) to answer you: by {due} at the latest. If the \
             entity needs you to complete the information, the term stops while you provide it \
             (art. 17). If it cannot answer in time, it may extend the term once, telling you \
             why (art. 14, paragraph)."
        )
    },
    reply_anonymous: "As you filed it anonymously, the entity will not send you the answer: \
                      read it here.",
    reply_identified: "The entity will send you the answer through the contact details you gave \
                       us.",
    print_hint: "To keep this receipt, use your browser's Print option (you can also save it as \
                 a PDF).",

    lookup_error_title: "Error: follow your request",
    lookup_not_found: "We could not find your request",
    lookup_intro: "Write the filing number and the access code you received when you filed.",
    radicado_hint: "For example, 2026-000123.",
    code_label: "Access code",
    code_hint: "The 20 characters on your receipt. You may write them with or without spaces.",
    lookup_submit: "Look up",
    no_match: "We found no request with that filing number and that access code. Check both \
               on your filing receipt and try again.",

    case_title: "Request",
    dt_status: "Status",
    dt_subject: "Subject",
    overdue: "(overdue)",
    completion_title: "The entity asks you to complete your request",
    completion_until_a: "You can provide it until",
    completion_until_b: "Meanwhile the term to answer you is stopped. If you do not provide it \
                         in time, the entity takes it that you withdrew (Ley 1755 de 2015, art. \
                         17).",
    completion_label: "What you were asked for",
    your_code: "Your access code",
    retype_code: "For security, type it again.",
    completion_send: "Send the information",
    more_time_title: "Do you need more time?",
    more_time_text: "You may ask once for one more month to complete the information (art. 17).",
    more_time_send: "Ask for one more month",
    answer_title: "The entity's answer",
    answer_of: "of",
    answer_on_time: "within the term",
    answer_late: "after the term",
    rate_title: "Rate the service",
    rate_legend: "How was the service?",
    rate_scores: [
        "1 – Very poor",
        "2 – Poor",
        "3 – Fair",
        "4 – Good",
        "5 – Very good",
    ],
    rate_comment: "Comment (optional)",
    rate_send: "Send the rating",
    rated_a: "You rated the service",
    rated_b: "out of 5.",
    history_title: "What has happened",
    mail_title: "E-mail notices",
    mail_accepted: "You agreed to be notified by e-mail: the answer and the other decisions on \
                    your request reach your e-mail, and that is the official notification (Ley \
                    1437 de 2011, art. 56).",
    mail_refused: "You did not agree to be notified by e-mail: the answer and the other \
                   decisions are notified to you through the other means (Ley 1437 de 2011, art. \
                   56).",
    mail_stopped_a: "On",
    mail_stopped_b: "you asked us not to e-mail you again about this request: we will send no \
                     more e-mails, and the answer and the other decisions are notified to you \
                     through the other means you gave (Ley 1437 de 2011, arts. 56 and 67).",
    mail_none: "We have not sent you any e-mail about this request yet.",
    mail_sent: "Sent: the entity's mail server accepted it for delivery.",
    mail_failed: "Could not be sent: check that your e-mail address is written correctly.",
    mail_other: "Message from the entity",
    stop_summary: "I do not want more e-mails about this request",
    stop_text: "If you ask, the entity will send you no more e-mails about this request and \
                those pending will not be sent. The answer and the other decisions will be \
                notified to you through the other means you gave, such as your address (Ley \
                1437 de 2011, arts. 56 and 67).",
    stop_send: "Send me no more e-mails",
    withdraw_summary: "Withdraw your request",
    withdraw_text: "If you withdraw, the entity stops processing your request (Ley 1755 de 2015, \
                    art. 18). You can file it again later.",
    withdraw_reason: "Reason (optional)",
    withdraw_send: "Withdraw the request",
    other_case: "Follow another request",
    status: |s| match s {
        "filed" => "Filed: the entity received it and will assign it",
        "in_progress" => "In progress: assigned to an area of the entity",
        "suspended" => "Suspended while you complete the information (Ley 1755 de 2015, art. 17)",
        "answered" => "Answered",
        "forwarded" => "Forwarded to the competent authority (Ley 1755 de 2015, art. 21)",
        "withdrawn" => "Withdrawn by you (Ley 1755 de 2015, art. 18)",
        "withdrawn_tacitly" => {
            "Withdrawn because it was not completed in time (Ley 1755 de 2015, art. 17)"
        }
        "voided" => "Voided: the filing number was issued by mistake",
        _ => "In progress",
    },
    step: |s| match s {
        "filed" => "Filed",
        "reclassified" => "Reclassified",
        "in_progress" => "Assigned to an area of the entity",
        "completion_requested" => "Suspended while you complete the information (art. 17)",
        "completion_supplied" => "You completed the information; the term runs again",
        "completion_window_extended" => "Your time to complete was extended (art. 17)",
        "withdrawn_tacitly" => "Tacit withdrawal: not completed in time (art. 17)",
        "term_extended" => "Extended: the entity extended the term (art. 14)",
        "forwarded" => "Forwarded to the competent authority (art. 21)",
        "priority_flagged" => "Priority attention (art. 20)",
        "positive_silence_reached" => "Positive administrative silence",
        "answered" => "Answered",
        "rated" => "You rated the service",
        "withdrawn" => "Withdrawn by you (art. 18)",
        "voided" => "Voided",
        "petitioner_notified" => "We sent you an e-mail",
        "notification_failed" => "We could not send you an e-mail",
        "notification_consent_withdrawn" => "You asked to receive no more e-mails",
        _ => "Updated",
    },
    from_to: |a, b| format!("From {a} to {b}"),
    asked_until: |w, d| format!("{w} (you can provide it until {d})"),
    new_due_reasons: |d, r| format!("New due date: {d}. Reasons: {r}"),
    to_reasons: |a, r| format!("To: {a}. Reasons: {r}"),
    new_due: |d| format!("New due date: {d}"),

    bad_completion: "Write the information you were asked for (up to 20 000 characters).",
    bad_reason: "Check the reason: it is too long or has characters that are not allowed.",
    bad_score: "Choose a rating from 1 to 5.",
    bad_comment: "Check the comment: it is too long or has characters that are not allowed.",
    bad_action: "We do not recognise that action.",
    refused: |a| match a {
        "completar" => {
            "The information could not be recorded: the entity has no open request to complete \
             this case."
        }
        "ampliar" => {
            "The time could not be extended: it can be asked for only once, for up to one more \
             month, before it runs out (Ley 1755 de 2015, art. 17)."
        }
        "calificar" => {
            "The rating could not be recorded: you can rate only once, after the answer."
        }
        "sin_correo" => "You had already asked us not to e-mail you about this request.",
        _ => "The request could not be withdrawn: it is already closed.",
    },
    done: |a| match a {
        "completar" => {
            "We received the information. The term to answer you runs again from tomorrow."
        }
        "ampliar" => "Done: you have one more month to complete the information.",
        "calificar" => "Thank you: we recorded your rating.",
        "sin_correo" => {
            "Done: we will send you no more e-mails about this request. The answer will be \
             notified to you through the other means you gave."
        }
        _ => "We recorded your withdrawal: the entity will not process your request any further.",
    },

    kind_name: |k| match k {
        Kind::Petition => "petition",
        Kind::InformationRequest => "request for documents and information",
        Kind::Consultation => "consultation",
        Kind::Complaint => "complaint",
        Kind::Claim => "claim",
        Kind::Report => "report of wrongdoing",
        Kind::Suggestion => "suggestion",
        Kind::Commendation => "commendation",
    },
    kind_hint: |k| match k {
        Kind::Petition => {
            "Ask the entity to do something, to recognise a right or to settle a situation, in \
             your own interest or everyone's."
        }
        Kind::InformationRequest => "Ask for information or copies of documents the entity holds.",
        Kind::Consultation => "Ask for the entity's opinion on a matter in its charge.",
        Kind::Complaint => "Say you are unhappy with how a public servant treated you.",
        Kind::Claim => "Demand that a service not given, or given badly, be put right.",
        Kind::Report => "Report possibly irregular conduct so that the entity looks into it.",
        Kind::Suggestion => "Propose an improvement to a service or a procedure.",
        Kind::Commendation => "Recognise good service or the work of a public servant.",
    },
    entity_procedure: "the entity's PQRS procedure",
    term: |t: Term| {
        let n = t.days;
        match t.unit {
            TermUnit::Business if n == 1 => "1 business day".to_owned(),
            TermUnit::Business => format!("{n} business days"),
            TermUnit::Calendar if n == 1 => "1 calendar day".to_owned(),
            TermUnit::Calendar => format!("{n} calendar days"),
            TermUnit::Months if n == 1 => "1 month".to_owned(),
            TermUnit::Months => format!("{n} months"),
        }
    },

    not_found_title: "Page not found",
    not_found_text: "The address you opened does not exist on this portal.",
    unavailable_title: "Service unavailable",
    unavailable_text: "We could not read the information right now. Try again in a few minutes.",
    csrf_title: "We could not receive the form",
    csrf_text: |back| {
        format!(
            "The form expired or arrived incomplete, and nothing was changed. Open the form at \
             {back} again and send it again."
        )
    },
    not_filed_title: "We could not file your request",
    honeypot_text: "The form arrived with a field people do not fill in, and nothing was filed. \
                    If you are a person, open the form again and send it again.",
    too_many_filings_title: "Too many requests in a row",
    too_many_filings_text: "Many requests were sent from this connection in a short time, and \
                            this one was not filed. Wait a minute and send it again.",
    filing_failed_text: "We had a problem and your request was not filed. Try again in a few \
                         minutes.",
    too_many_attempts_title: "Too many attempts",
    too_many_attempts_text: |s| {
        format!(
            "Too many attempts with a filing number or a code that do not match were made from \
             this connection. Wait {s} seconds and try again."
        )
    },
};
