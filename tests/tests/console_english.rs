//! The staff console in English on request, over plain HTTP and in Chromium, on SQLite and
//! PostgreSQL. Every page of the console — the frame, the login and the password change, the
//! bandeja with its live notice, the case page and its actions, filing on a citizen's behalf,
//! the alerts, the reports, the audit pages and the access log, the data-protection pages and
//! administration (accounts, tokens, closure days, the term policy, the mail settings) — with
//! its refusals is in English for an official who asks for it, with the header's "English"
//! link (`?lang=en`, kept in the `pqrs_lang` cookie the portal also reads) or with
//! `Accept-Language: en`: no Spanish word or month is left in what the page shows, and the
//! articles of the law stay. Spanish stays the default and the link brings it back
//! (docs/language.md).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use pqrs_tests::console::webdriver::{axe_source, Browser};
use pqrs_tests::console::{
    create_account, fill_and_submit, new_password_for, path, sign_in, wait_for_page, ConsoleClient,
    Page,
};
use pqrs_tests::*;
use serde_json::{json, Value};
use std::time::Duration;

on_both_backends!(
    every_console_page_speaks_english_to_an_official_who_asks_over_http,
    the_english_console_passes_axe_and_its_live_notice_speaks_english_in_a_browser,
);

/// Words of the Spanish console that must not be left on an English page.
const SPANISH: [&str; 12] = [
    "Bandeja",
    "Sin asignar",
    "A tiempo",
    "Cerrar sesión",
    "Casos por página",
    "Página ",
    "Filtrar",
    "Clave",
    "Ingresar",
    "días hábiles",
    "Saltar al contenido",
    "Revise",
];

/// Spanish month names, which an English date never carries.
const MESES: [&str; 12] = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
];

fn says(page: &Page, texts: &[&str]) {
    for t in texts {
        assert!(page.body.contains(t), "`{t}` not in page:\n{}", page.body);
    }
}

fn never_says(page: &Page, texts: &[&str]) {
    for t in texts {
        assert!(
            !page.body.contains(t),
            "`{t}` still in page:\n{}",
            page.body
        );
    }
}

/// The visible text of a page: its markup without tags (the `data-` words of the live notice
/// are checked on their own).
fn english_only(page: &Page) {
    let mut text = String::new();
    let mut inside = false;
    for c in page.body.chars() {
        match c {
            '<' => inside = true,
            '>' => inside = false,
            c if !inside => text.push(c),
            _ => {}
        }
    }
    for word in SPANISH {
        assert!(!text.contains(word), "`{word}` on an English page:\n{text}");
    }
    for mes in MESES {
        assert!(!text.contains(mes), "`{mes}` on an English page:\n{text}");
    }
}

async fn file(app: &App) -> String {
    let r = app.file(&anonymous_petition()).await;
    assert_eq!(r.status(), 201);
    let v: Value = r.json().await.unwrap();
    v["radicado"].as_str().unwrap().to_owned()
}

async fn every_console_page_speaks_english_to_an_official_who_asks_over_http(b: Backend) {
    let db = TestDb::new(b).await;
    let app = spawn_app(&db).await;
    let one_time = create_account(&db, "gestor@entidad.gov.co", "Gloria Gestora", "agent").await;
    let auditor_one_time =
        create_account(&db, "auditor@entidad.gov.co", "Aurelio Auditor", "auditor").await;
    let reporter_one_time =
        create_account(&db, "reportes@entidad.gov.co", "Rita Reportes", "reporter").await;
    let privacy_one_time =
        create_account(&db, "datos@entidad.gov.co", "Pablo Privacidad", "privacy").await;
    let admin_one_time =
        create_account(&db, "admin@entidad.gov.co", "Ana Administradora", "admin").await;
    let radicado = file(&app).await;

    // Spanish by default.
    let mut c = ConsoleClient::new(&app.base);
    let login = c.get("/funcionarios").await;
    assert_eq!(login.status, 200);
    says(
        &login,
        &[
            "<html lang=\"es-CO\">",
            "Acceso funcionarios",
            "Ingresar",
            "hreflang=\"en\"",
        ],
    );

    // The browser's language alone is enough.
    let by_header = reqwest::Client::new()
        .get(app.url("/funcionarios"))
        .header("accept-language", "en-GB,en;q=0.9")
        .send()
        .await
        .unwrap();
    assert_eq!(
        by_header.headers()["content-language"].to_str().unwrap(),
        "en"
    );
    let html = by_header.text().await.unwrap();
    assert!(html.contains("<h1>Staff sign-in</h1>"), "{html}");
    assert!(!html.contains("Ingresar"), "{html}");

    // The header's link switches to English and keeps it in the cookie.
    let login = c.get("/funcionarios?lang=en").await;
    assert!(
        login
            .set_cookies
            .iter()
            .any(|k| k.starts_with("pqrs_lang=en")),
        "{:?}",
        login.set_cookies
    );
    says(
        &login,
        &[
            "<html lang=\"en\">",
            "<h1>Staff sign-in</h1>",
            "Skip to content",
            "Staff console",
            ">Sign in</button>",
            "Español",
            "hreflang=\"es\"",
            "citizen portal",
        ],
    );
    english_only(&login);

    // The login's refusals, in English.
    let empty = c.log_in("gestor@entidad.gov.co", "").await;
    assert_eq!(empty.status, 422);
    says(
        &empty,
        &[
            "You could not sign in",
            "Write your e-mail address and your password.",
        ],
    );
    english_only(&empty);
    let wrong = c.log_in("gestor@entidad.gov.co", "not the password").await;
    assert_eq!(wrong.status, 401);
    says(
        &wrong,
        &["After 5 failed attempts in 15 minutes the account is locked for a while."],
    );
    english_only(&wrong);

    // The forced password change, with its refusals.
    let landed = c.log_in("gestor@entidad.gov.co", &one_time).await;
    assert_eq!(landed.status, 303, "{}", landed.body);
    let form = c.get("/funcionarios/clave").await;
    assert_eq!(form.status, 200);
    says(
        &form,
        &[
            "<h1>Change your password</h1>",
            "replace the one-time password",
            "Current password",
            "Repeat the new password",
        ],
    );
    english_only(&form);
    let csrf = form.hidden("csrf").unwrap();
    let weak = c
        .post(
            "/funcionarios/clave",
            &[
                ("csrf", &csrf),
                ("actual", "wrong one"),
                ("nueva", "short"),
                ("repetir", "short"),
            ],
        )
        .await;
    assert_eq!(weak.status, 422);
    says(
        &weak,
        &[
            "Check the following",
            "The current password is not right.",
            "The password must have at least 12 characters.",
            "<span class=\"oculto\">Error:</span>",
        ],
    );
    english_only(&weak);
    let new = new_password_for(&one_time);
    let mismatch = c
        .post(
            "/funcionarios/clave",
            &[
                ("csrf", &csrf),
                ("actual", &one_time),
                ("nueva", &new),
                ("repetir", "something else entirely"),
            ],
        )
        .await;
    assert_eq!(mismatch.status, 422);
    says(&mismatch, &["The two new passwords do not match."]);
    let changed = c
        .post(
            "/funcionarios/clave",
            &[
                ("csrf", &csrf),
                ("actual", &one_time),
                ("nueva", &new),
                ("repetir", &new),
            ],
        )
        .await;
    assert_eq!(changed.status, 303, "{}", changed.body);

    // The bandeja: frame, filters, the case's row, dates and paging in English.
    let bandeja = c.get("/funcionarios/bandeja").await;
    assert_eq!(bandeja.status, 200, "{}", bandeja.body);
    says(
        &bandeja,
        &[
            "<h1>Case queue</h1>",
            "Gloria Gestora · Case handler",
            "aria-label=\"Console\"",
            "aria-current=\"page\">Case queue</a>",
            ">Sign out</button>",
            "Change your password",
            "1 in all",
            "on a citizen",
            "All open",
            "Request for information",
            "Overdue only",
            "Due date, nearest first",
            "Attention level",
            "Cases per page",
            ">Filter</button>",
            "Cases, priority ones first (Ley 1755 de 2015, art. 20)",
            "Filing number (radicado)",
            &radicado,
            "On time",
            "business days",
            ">petition<",
            "Not assigned",
            "Page 1 of 1.",
            "data-varios=\"{n} new cases\"",
            "data-uno-anadido=\"1 new case, added to the table\"",
        ],
    );
    english_only(&bandeja);

    // A filter the API refuses: the API's own words, in English, and 422.
    let refused = c.get("/funcionarios/bandeja?tier=9").await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    says(&refused, &["Check the filters:"]);
    english_only(&refused);

    // The case page: the panel, the request, every action's legal limit with its article,
    // the history.
    let case_path = format!("/funcionarios/casos/{radicado}");
    let case = c.get(&case_path).await;
    assert_eq!(case.status, 200);
    says(
        &case,
        &[
            "<html lang=\"en\">",
            &format!("<h1>Case {radicado}</h1>"),
            "Back to the case queue",
            "Filed, not assigned",
            "Business days left",
            "(Ley 1755 de 2015, art. 14)",
            "Anonymous request.",
            "the term is suspended while the petitioner completes it (Ley 1755 de 2015, art. 17)",
            "telling the petitioner the reasons (Ley 1755 de 2015, art. 14 parágrafo)",
            "within the 5 business days after it was received (Ley 1755 de 2015, art. 21)",
            "the shorter term applies (Ley 1755 de 2015, art. 20)",
            "Answering closes the case.",
            ">Partly favourable<",
            ">Request for information<",
            "No e-mail has been sent to the petitioner.",
            "Full history",
            "<strong>Filed</strong> — The petitioner (channel: web)",
        ],
    );
    english_only(&case);

    // An action refused, then done: the refusal and the notice in English.
    let csrf = case.hidden("csrf").unwrap();
    let refused = c
        .post(
            &format!("{case_path}/nota"),
            &[("csrf", &csrf), ("text", "")],
        )
        .await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    says(&refused, &["Nothing was changed. Check: Text:"]);
    english_only(&refused);
    let done = c
        .post(
            &format!("{case_path}/nota"),
            &[("csrf", &csrf), ("text", "Call the petitioner")],
        )
        .await;
    assert_eq!(done.status, 303, "{}", done.body);
    let noted = c.get(done.location.as_deref().unwrap()).await;
    says(
        &noted,
        &[
            "Done: the internal note was added.",
            "Internal notes",
            "Call the petitioner",
            "<strong>Internal note</strong> — Gloria Gestora (Case handler)",
        ],
    );
    english_only(&noted);
    let missing = c.get("/funcionarios/casos/2026-999999").await;
    assert_eq!(missing.status, 404);
    says(&missing, &["Case not found"]);

    // Filing on a citizen's behalf: the form, the desk's refusals, the confirmation.
    let form = c.get("/funcionarios/radicar").await;
    assert_eq!(form.status, 200);
    says(
        &form,
        &[
            "<h1>File on a citizen&#39;s behalf</h1>",
            "How it arrived",
            "Received on (Colombia time)",
            ">In person<",
            ">request for documents and information<",
            "Citizenship card number (cédula de ciudadanía)",
            "(Ley 1581 de 2012)",
            "(Ley 1437 de 2011, art. 56)",
            ">English, with the official Spanish text<",
            ">No preference<",
        ],
    );
    english_only(&form);
    let csrf = form.hidden("csrf").unwrap();
    let desk = |changes: &'static [(&'static str, &'static str)]| {
        let mut fields: Vec<(&'static str, String)> = [
            ("csrf", csrf.as_str()),
            ("channel", "phone"),
            ("received_at", ""),
            ("kind", "complaint"),
            ("subject", "Noise at night"),
            ("description", "The plant works all night."),
            ("name", "Ann Smith"),
            ("phone", "3001234567"),
            ("consent", "si"),
            ("preferred_reply_channel", "phone"),
            ("idioma", "es"),
        ]
        .iter()
        .map(|(k, v)| (*k, (*v).to_owned()))
        .collect();
        for (k, v) in changes {
            match fields.iter_mut().find(|(f, _)| f == k) {
                Some(f) => f.1 = (*v).to_owned(),
                None => fields.push((k, (*v).to_owned())),
            }
        }
        fields
    };
    let post = |fields: Vec<(&'static str, String)>| {
        let mut c2 = ConsoleClient::new(&app.base);
        c2.cookies = c.cookies.clone();
        async move {
            let refs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            c2.post("/funcionarios/radicar", &refs).await
        }
    };
    let no_channel = post(desk(&[("channel", "")])).await;
    assert_eq!(no_channel.status, 422);
    says(
        &no_channel,
        &[
            "Nothing was filed: check the following",
            "Channel: choose how the request arrived.",
            "Noise at night",
        ],
    );
    english_only(&no_channel);
    let no_email = post(desk(&[("notificacion", "si")])).await;
    assert_eq!(no_email.status, 422);
    says(
        &no_email,
        &["Notification by e-mail: write the citizen&#39;s e-mail address"],
    );
    english_only(&no_email);
    let bad_email = post(desk(&[("email", "not an address")])).await;
    assert_eq!(bad_email.status, 422, "{}", bad_email.body);
    says(&bad_email, &["<li>E-mail address: "]);
    english_only(&bad_email);
    let filed = post(desk(&[])).await;
    assert_eq!(filed.status, 201, "{}", filed.body);
    says(
        &filed,
        &[
            "<h1>Request filed</h1>",
            "Give these details to the citizen",
            "Access code",
            "Due date for the answer",
            "Open the case",
        ],
    );
    english_only(&filed);

    // The deadline alerts, with a filter.
    let alerts = c.get("/funcionarios/alertas?dependencia=Hacienda").await;
    assert_eq!(alerts.status, 200);
    says(
        &alerts,
        &[
            "<h1>Deadline alerts</h1>",
            "Priority cases first (Ley 1755 de 2015, art. 20)",
            "Kind of alert",
            ">Positive silence (art. 14)<",
            ">Suspended (art. 17)<",
            "There are no alerts for the office “Hacienda”.",
        ],
    );
    english_only(&alerts);

    // The link brings Spanish back.
    let spanish = c.get("/funcionarios/bandeja?lang=es").await;
    says(
        &spanish,
        &[
            "<html lang=\"es-CO\">",
            "<h1>Bandeja de casos</h1>",
            "Sin asignar",
            "A tiempo",
            "Página 1 de 1.",
            "data-varios=\"{n} casos nuevos\"",
        ],
    );
    never_says(&spanish, &["Case queue", "Not assigned"]);
    let english = c.get("/funcionarios/bandeja?lang=en").await;
    says(&english, &["<h1>Case queue</h1>"]);

    // The session's and the role's refusals, in English.
    let mut gone = ConsoleClient::new(&app.base);
    gone.get("/funcionarios?lang=en").await;
    let ended = gone.post("/funcionarios/salir", &[("csrf", "x")]).await;
    assert_eq!(ended.status, 401, "{}", ended.body);
    says(&ended, &["Your session has ended", "nothing was changed"]);
    english_only(&ended);

    let mut auditor = ConsoleClient::new(&app.base);
    auditor.get("/funcionarios?lang=en").await;
    auditor
        .log_in_first_time(
            "auditor@entidad.gov.co",
            &auditor_one_time,
            &new_password_for(&auditor_one_time),
        )
        .await;
    let refused = auditor.get("/funcionarios/bandeja").await;
    assert_eq!(refused.status, 403);
    says(&refused, &["You may not open this page", "Your role"]);
    english_only(&refused);
    let refused = auditor.get("/funcionarios/alertas").await;
    assert_eq!(refused.status, 403);
    says(
        &refused,
        &[
            "You do not have permission",
            "Your role (Auditor) does not let you see the deadline alerts.",
        ],
    );
    english_only(&refused);

    // Reports: the form, its refusal, and a report in English (the report's own labels too).
    let mut reporter = ConsoleClient::new(&app.base);
    reporter.get("/funcionarios?lang=en").await;
    reporter
        .log_in_first_time(
            "reportes@entidad.gov.co",
            &reporter_one_time,
            &new_password_for(&reporter_one_time),
        )
        .await;
    let form = reporter.get("/funcionarios/informes").await;
    assert_eq!(form.status, 200);
    says(
        &form,
        &[
            "<h1>Reports</h1>",
            "Rita Reportes · Reporting",
            "Each report names the rule that asks for it.",
            "PQRSD management dashboard",
            "Internal management (no statutory report)",
            "Ley 1474 de 2011 art. 76",
        ],
    );
    english_only(&form);
    let period = "informe=dashboard&desde=2026-01-01&hasta=2026-12-31&ver=1";
    let bad = reporter
        .get("/funcionarios/informes?informe=dashboard&desde=2026-12-01&hasta=2026-11-01&ver=1")
        .await;
    assert_eq!(bad.status, 422);
    says(
        &bad,
        &[
            "Check the form",
            "The end date must be the same as the start date or later.",
        ],
    );
    english_only(&bad);
    let shown = reporter
        .get(&format!("/funcionarios/informes?{period}"))
        .await;
    assert_eq!(shown.status, 200, "{}", shown.body);
    says(
        &shown,
        &[
            "Period: filed between ",
            "Download XLSX (Excel)",
            "aria-label=\"The report's table\"",
        ],
    );
    english_only(&shown);
    let refused = c.get("/funcionarios/informes").await;
    assert_eq!(refused.status, 403);
    says(
        &refused,
        &["Your role (Case handler) does not let you see the reports."],
    );

    // Audit: the tools, a verification, a refused year, a case's history, the access log.
    let audit = auditor.get("/funcionarios/auditoria").await;
    assert_eq!(audit.status, 200);
    says(
        &audit,
        &[
            "<h1>Audit</h1>",
            "Aurelio Auditor · Auditor",
            "chained to the earlier ones by a SHA-256 hash",
            "Verify the chain",
            "Complete filing numbers of a year",
            "Verify a signed digest",
        ],
    );
    english_only(&audit);
    let csrf = audit.hidden("csrf").unwrap();
    let verified = auditor
        .post("/funcionarios/auditoria/verificar", &[("csrf", &csrf)])
        .await;
    assert_eq!(verified.status, 200, "{}", verified.body);
    says(
        &verified,
        &["The chain is intact", "Events checked", "None."],
    );
    english_only(&verified);
    let digest = auditor
        .post(
            "/funcionarios/auditoria/compendio",
            &[("csrf", &csrf), ("compendio", "not a digest")],
        )
        .await;
    assert_eq!(digest.status, 422);
    says(
        &digest,
        &["Paste the digest as “pqrs audit digest” wrote it"],
    );
    english_only(&digest);
    let year = auditor
        .get("/funcionarios/auditoria/radicados?anio=1900")
        .await;
    assert_eq!(year.status, 422);
    says(&year, &["Write a year between 1984 and 2199"]);
    let year = auditor
        .get("/funcionarios/auditoria/radicados?anio=2026")
        .await;
    assert_eq!(year.status, 200);
    says(&year, &["Last number assigned:", "Numbers not filed: none"]);
    english_only(&year);
    let history = auditor
        .get(&format!(
            "/funcionarios/auditoria/historia?radicado={radicado}"
        ))
        .await;
    assert_eq!(history.status, 200, "{}", history.body);
    says(
        &history,
        &[
            &format!("<h1>History of case {radicado}</h1>"),
            "events, in order.",
            "Position in the log",
            "Previous hash",
            "Official: Gloria Gestora (Case handler)",
        ],
    );
    english_only(&history);
    let accesses = auditor.get("/funcionarios/auditoria/accesos").await;
    assert_eq!(accesses.status, 200);
    says(
        &accesses,
        &[
            "<h1>Access log</h1>",
            "Failed sign-in attempt",
            "Password changed",
            "Account created",
            "Page 1 of 1.",
        ],
    );
    english_only(&accesses);

    // A page not yet translated stays whole in Spanish, without the language link.
    let mut privacy = ConsoleClient::new(&app.base);
    privacy.get("/funcionarios?lang=en").await;
    privacy
        .log_in_first_time(
            "datos@entidad.gov.co",
            &privacy_one_time,
            &new_password_for(&privacy_one_time),
        )
        .await;
    // Data protection: the tasks, a lookup refused, a suppression reviewed and refused while the
    // case is open, a correction refused, the retention report.
    let home = privacy.get("/funcionarios/privacidad").await;
    assert_eq!(home.status, 200, "{}", home.body);
    says(
        &home,
        &[
            "<h1>Personal data protection</h1>",
            "(Ley 1581 de 2012, art. 8)",
            "Look up a person&#39;s data",
            "(art. 8 lit. a, the right to know)",
            "(Ley 594 de 2000, art. 24)",
        ],
    );
    english_only(&home);
    let csrf = privacy.csrf("/funcionarios/privacidad/acceso").await;
    let lookup = privacy
        .post(
            "/funcionarios/privacidad/acceso",
            &[("csrf", &csrf), ("identificacion", ""), ("correo", "")],
        )
        .await;
    assert_eq!(lookup.status, 422, "{}", lookup.body);
    says(&lookup, &["Check the following", "Identity number"]);
    english_only(&lookup);
    let bad = privacy
        .post(
            "/funcionarios/privacidad/supresion/confirmar",
            &[("csrf", &csrf), ("radicado", "x"), ("fundamento", "")],
        )
        .await;
    assert_eq!(bad.status, 422);
    says(
        &bad,
        &[
            "Write the filing number as it appears on the case",
            "Write the basis of the suppression",
        ],
    );
    english_only(&bad);
    let review = privacy
        .post(
            "/funcionarios/privacidad/supresion/confirmar",
            &[
                ("csrf", &csrf),
                ("radicado", &radicado),
                ("fundamento", "Request of the data subject"),
            ],
        )
        .await;
    assert_eq!(review.status, 200, "{}", review.body);
    says(
        &review,
        &[
            "Confirm the suppression",
            "No: the case is still in progress",
            "This cannot be undone.",
            "(Ley 1581 de 2012, art. 8 lit. e)",
        ],
    );
    english_only(&review);
    let refused = privacy
        .post(
            "/funcionarios/privacidad/supresion",
            &[
                ("csrf", &csrf),
                ("radicado", &radicado),
                ("fundamento", "Request of the data subject"),
                ("confirmado", "si"),
            ],
        )
        .await;
    // Refused: the case is open (422), or, on a store without a data key, no key to destroy (409).
    assert!(
        matches!(refused.status, 409 | 422),
        "{}: {}",
        refused.status,
        refused.body
    );
    says(
        &refused,
        &["The data were not suppressed", "Nothing was changed."],
    );
    english_only(&refused);
    let rectify = privacy
        .post(
            "/funcionarios/privacidad/rectificacion",
            &[
                ("csrf", &csrf),
                ("radicado", &radicado),
                ("campo", "email"),
                ("valor", "ana@example.co"),
                ("fundamento", "Request of the data subject"),
            ],
        )
        .await;
    assert_ne!(rectify.status, 201, "{}", rectify.body);
    says(
        &rectify,
        &["The detail was not corrected", ">E-mail address<"],
    );
    english_only(&rectify);
    let retention = privacy
        .get("/funcionarios/privacidad/retencion?desde=2026-01-01&hasta=2026-12-31")
        .await;
    assert_eq!(retention.status, 200);
    says(
        &retention,
        &["Cases suppressed by retention: none in the period"],
    );
    english_only(&retention);

    // A page not yet translated stays whole in Spanish, without the language link.
    let mut admin = ConsoleClient::new(&app.base);
    admin.get("/funcionarios?lang=en").await;
    admin
        .log_in_first_time(
            "admin@entidad.gov.co",
            &admin_one_time,
            &new_password_for(&admin_one_time),
        )
        .await;
    let accounts = admin.get("/funcionarios/admin/cuentas").await;
    assert_eq!(accounts.status, 200, "{}", accounts.body);
    says(
        &accounts,
        &[
            "<h1>Accounts</h1>",
            "aria-label=\"Administration\"",
            "aria-current=\"page\">Accounts</a>",
            "Closure days",
            "Aurelio Auditor",
            "Case handler: works the cases.",
            ">Data protection<",
            "Reset the password<span class=\"oculto\"> of gestor@entidad.gov.co</span>",
        ],
    );
    english_only(&accounts);
    let csrf = accounts.hidden("csrf").unwrap();
    let bad = admin
        .post(
            "/funcionarios/admin/cuentas",
            &[
                ("csrf", &csrf),
                ("correo", "x"),
                ("nombre", ""),
                ("rol", "boss"),
            ],
        )
        .await;
    assert_eq!(bad.status, 422);
    says(
        &bad,
        &[
            "Write a valid e-mail address",
            "Write the official&#39;s name (up to 200 characters).",
            "Choose a role.",
        ],
    );
    english_only(&bad);
    let taken = admin
        .post(
            "/funcionarios/admin/cuentas",
            &[
                ("csrf", &csrf),
                ("correo", "gestor@entidad.gov.co"),
                ("nombre", "Otra"),
                ("rol", "agent"),
            ],
        )
        .await;
    assert_eq!(taken.status, 409);
    says(
        &taken,
        &["There is already an account with the e-mail address gestor@entidad.gov.co."],
    );
    let created = admin
        .post(
            "/funcionarios/admin/cuentas",
            &[
                ("csrf", &csrf),
                ("correo", "nuevo@entidad.gov.co"),
                ("nombre", "Nora Nueva"),
                ("rol", "reporter"),
            ],
        )
        .await;
    assert_eq!(created.status, 200, "{}", created.body);
    says(
        &created,
        &[
            "Account created for Nora Nueva (nuevo@entidad.gov.co)",
            "This is the one-time password.",
            "Back to the accounts",
        ],
    );
    english_only(&created);
    let tokens_page = admin.get("/funcionarios/admin/tokens").await;
    says(
        &tokens_page,
        &[
            "<h1>Tokens</h1>",
            "Tokens are for systems",
            "Who will use it",
        ],
    );
    english_only(&tokens_page);
    let token = admin
        .post(
            "/funcionarios/admin/tokens",
            &[("csrf", &csrf), ("nombre", "Ventanilla"), ("rol", "agent")],
        )
        .await;
    assert_eq!(token.status, 200, "{}", token.body);
    says(
        &token,
        &["Token created for Ventanilla", "Back to the tokens"],
    );
    english_only(&token);
    let refused = c.get("/funcionarios/admin/cuentas").await;
    assert_eq!(refused.status, 403);
    says(&refused, &["This page is only for console administrators."]);

    // Closure days: the page, a refused form, a refused day with the rule, a declaration.
    let closures = admin.get("/funcionarios/admin/cierres").await;
    assert_eq!(closures.status, 200, "{}", closures.body);
    says(
        &closures,
        &[
            "<h1>Closure days</h1>",
            "aria-current=\"page\">Closure days</a>",
            "(Ley 4 de 1913, art. 62)",
            "No closure days are declared.",
            "Declare a closure day",
        ],
    );
    english_only(&closures);
    let bad = admin
        .post(
            "/funcionarios/admin/cierres",
            &[("csrf", &csrf), ("desde", "someday"), ("fundamento", "")],
        )
        .await;
    assert_eq!(bad.status, 422);
    says(
        &bad,
        &[
            "Write the date of the closure as YYYY-MM-DD",
            "Write the act that closes the offices",
        ],
    );
    english_only(&bad);
    let past = admin
        .post(
            "/funcionarios/admin/cierres",
            &[
                ("csrf", &csrf),
                ("desde", "2020-01-02"),
                ("fundamento", "Resolución 1 de 2020"),
            ],
        )
        .await;
    assert!(matches!(past.status, 409 | 422), "{}", past.body);
    says(&past, &["Not declared: ", "(Ley 4 de 1913, art. 62)."]);
    english_only(&past);

    // The term policy, read-only.
    let policy = admin.get("/funcionarios/admin/politica").await;
    assert_eq!(policy.status, 200, "{}", policy.body);
    says(
        &policy,
        &[
            "<h1>Term policy</h1>",
            "The default policy is in force: the terms of Ley 1755 de 2015 (art. 14)",
            " (in force today)",
            "Ley 1755 de 2015, art. 14 num. 1",
            ">business days<",
            "The entity&#39;s PQR procedure (the law sets no term)",
            "Cases in progress when the period starts keep the term they were filed with.",
        ],
    );
    english_only(&policy);

    // The mail settings, with e-mail off in this server.
    let mail = admin.get("/funcionarios/admin/correo").await;
    assert_eq!(mail.status, 200, "{}", mail.body);
    says(
        &mail,
        &[
            "<h1>E-mail to petitioners</h1>",
            "<strong>off</strong>",
            "Send a test message",
        ],
    );
    english_only(&mail);
    let test = admin
        .post(
            "/funcionarios/admin/correo",
            &[("csrf", &csrf), ("para", "yo@entidad.gov.co")],
        )
        .await;
    assert_eq!(test.status, 409);
    says(
        &test,
        &["E-mail is off in this service: there is nothing to send the test with."],
    );
    english_only(&test);

    // Signing out says so in English.
    let csrf = c.csrf("/funcionarios/bandeja").await;
    let out = c.post("/funcionarios/salir", &[("csrf", &csrf)]).await;
    assert_eq!(out.status, 303);
    let after = c.get(out.location.as_deref().unwrap()).await;
    says(&after, &["You have signed out. You may close this window."]);
    english_only(&after);
}

async fn check_page(browser: &Browser, axe: &str, name: &str, b: Backend) {
    let shot = format!("consola-en-{name}-{b:?}").to_lowercase();
    browser.check_page(axe, name, &shot).await;
}

async fn the_english_console_passes_axe_and_its_live_notice_speaks_english_in_a_browser(
    b: Backend,
) {
    let db = TestDb::new(b).await;
    let app = spawn_app(&db).await;
    let one_time = create_account(&db, "gestor@entidad.gov.co", "Gloria Gestora", "agent").await;
    let radicado = file(&app).await;
    let axe = axe_source();
    let browser = Browser::start(360).await;
    let check = |name: &'static str| check_page(&browser, &axe, name, b);

    // The link in the login page's header.
    browser.goto(&app.url("/funcionarios")).await;
    wait_for_page(&browser).await;
    browser
        .eval("document.getElementById('idioma').click();", json!([]))
        .await;
    wait_for(Duration::from_secs(15), || async {
        browser.text().await.contains("Staff sign-in")
    })
    .await;
    wait_for_page(&browser).await;
    check("login").await;

    // A wrong password, then the forced change with a refusal, each page scanned.
    fill_and_submit(
        &browser,
        json!({"correo": "gestor@entidad.gov.co", "clave": "not the password"}),
    )
    .await;
    assert!(
        browser.text().await.contains("You could not sign in"),
        "{}",
        browser.text().await
    );
    check("login-error").await;
    fill_and_submit(
        &browser,
        json!({"correo": "gestor@entidad.gov.co", "clave": one_time}),
    )
    .await;
    assert_eq!(path(&browser).await, "/funcionarios/clave");
    fill_and_submit(
        &browser,
        json!({"actual": one_time, "nueva": "short", "repetir": "short"}),
    )
    .await;
    assert!(
        browser
            .text()
            .await
            .contains("The password must have at least 12 characters."),
        "{}",
        browser.text().await
    );
    check("password-error").await;
    let new = new_password_for(&one_time);
    fill_and_submit(
        &browser,
        json!({"actual": one_time, "nueva": new, "repetir": new}),
    )
    .await;
    assert_eq!(path(&browser).await, "/funcionarios/bandeja");
    wait_for_page(&browser).await;
    let page = browser.text().await;
    assert!(page.contains("Case queue"), "{page}");
    assert!(page.contains(&radicado), "{page}");
    assert!(page.contains("On time"), "{page}");
    let lang = browser
        .eval("return document.documentElement.lang;", json!([]))
        .await;
    assert_eq!(lang, json!("en"));
    check("bandeja").await;

    // A filing made while the bandeja is open is announced in English.
    let third = file(&app).await;
    wait_for(Duration::from_secs(20), || async {
        browser
            .text()
            .await
            .contains("1 new case, added to the table")
    })
    .await;
    let notice = browser
        .eval(
            "return document.getElementById('nuevos').innerText;",
            json!([]),
        )
        .await;
    let notice = notice.as_str().unwrap_or_default();
    assert!(notice.contains("refresh the page"), "{notice}");
    assert!(!notice.contains("caso"), "{notice}");
    assert!(browser.text().await.contains(&third));
    check("bandeja-new").await;

    // The case page, and an action's refusal on it.
    browser
        .goto(&app.url(&format!("/funcionarios/casos/{radicado}")))
        .await;
    wait_for_page(&browser).await;
    assert!(browser.text().await.contains("Full history"));
    check("case").await;
    browser.tab_to("nota-enviar").await;
    browser.keys(pqrs_tests::console::webdriver::ENTER).await;
    wait_for(Duration::from_secs(15), || async {
        browser.text().await.contains("Nothing was changed")
    })
    .await;
    check("case-refusal").await;

    // Filing on a citizen's behalf, refused and then done.
    browser.goto(&app.url("/funcionarios/radicar")).await;
    wait_for_page(&browser).await;
    check("desk").await;
    fill_and_submit(&browser, json!({"asunto": "Noise at night"})).await;
    assert!(
        browser.text().await.contains("Nothing was filed"),
        "{}",
        browser.text().await
    );
    check("desk-refusal").await;
    fill_and_submit(
        &browser,
        json!({"canal-phone": true, "tipo-complaint": true, "asunto": "Noise at night",
               "descripcion": "The plant works all night.", "nombre": "Ann Smith",
               "telefono": "3001234567", "consentimiento": true}),
    )
    .await;
    assert!(
        browser.text().await.contains("Request filed"),
        "{}",
        browser.text().await
    );
    check("desk-filed").await;

    browser.goto(&app.url("/funcionarios/alertas")).await;
    wait_for_page(&browser).await;
    assert!(browser.text().await.contains("Deadline alerts"));
    check("alerts").await;

    // An admin's back office: a report read in the page, the audit tools after a
    // verification, a case's history and the access log.
    browser
        .eval(
            "document.querySelector('form.salir').requestSubmit();",
            json!([]),
        )
        .await;
    wait_for(Duration::from_secs(15), || async {
        path(&browser).await == "/funcionarios"
    })
    .await;
    let admin_one_time =
        create_account(&db, "admin@entidad.gov.co", "Ana Administradora", "admin").await;
    sign_in(&browser, &app.base, "admin@entidad.gov.co", &admin_one_time).await;
    browser
        .goto(&app.url(
            "/funcionarios/informes?informe=pqr-follow-up&desde=2026-01-01&hasta=2026-12-31&ver=1",
        ))
        .await;
    wait_for_page(&browser).await;
    assert!(browser.text().await.contains("Download XLSX (Excel)"));
    check("report").await;
    browser.goto(&app.url("/funcionarios/auditoria")).await;
    wait_for_page(&browser).await;
    browser
        .eval("document.getElementById('verificar').click();", json!([]))
        .await;
    wait_for(Duration::from_secs(20), || async {
        browser.text().await.contains("The chain is intact")
    })
    .await;
    check("audit").await;
    browser
        .goto(&app.url(&format!(
            "/funcionarios/auditoria/historia?radicado={radicado}"
        )))
        .await;
    wait_for_page(&browser).await;
    assert!(browser.text().await.contains("Previous hash"));
    check("audit-history").await;
    browser
        .goto(&app.url("/funcionarios/auditoria/accesos"))
        .await;
    wait_for_page(&browser).await;
    assert!(browser.text().await.contains("Access log"));
    check("access-log").await;

    // Data protection: the tasks, a suppression under review, a refused lookup.
    browser.goto(&app.url("/funcionarios/privacidad")).await;
    wait_for_page(&browser).await;
    assert!(browser.text().await.contains("Personal data protection"));
    check("privacy").await;
    browser
        .goto(&app.url("/funcionarios/privacidad/supresion"))
        .await;
    wait_for_page(&browser).await;
    fill_and_submit(
        &browser,
        json!({"radicado": radicado, "fundamento": "Request of the data subject"}),
    )
    .await;
    assert!(
        browser.text().await.contains("This cannot be undone."),
        "{}",
        browser.text().await
    );
    check("privacy-review").await;
    browser
        .goto(&app.url("/funcionarios/privacidad/acceso"))
        .await;
    wait_for_page(&browser).await;
    fill_and_submit(&browser, json!({"identificacion": "", "correo": ""})).await;
    assert!(browser.text().await.contains("Check the following"));
    check("privacy-lookup-refused").await;

    // Administration: each page, and a refused form.
    for (path, name, heading) in [
        (
            "/funcionarios/admin/cuentas",
            "accounts",
            "Create an account",
        ),
        ("/funcionarios/admin/tokens", "tokens", "Create a token"),
        (
            "/funcionarios/admin/cierres",
            "closures",
            "Declare a closure day",
        ),
        (
            "/funcionarios/admin/politica",
            "policy",
            "The default policy is in force",
        ),
        ("/funcionarios/admin/correo", "mail", "Send a test message"),
    ] {
        browser.goto(&app.url(path)).await;
        wait_for_page(&browser).await;
        assert!(browser.text().await.contains(heading), "{name}");
        check(name).await;
    }
    fill_and_submit(&browser, json!({"para": "not an address"})).await;
    assert!(browser.text().await.contains("Check the following"));
    check("mail-refused").await;
    browser.quit().await;
}
