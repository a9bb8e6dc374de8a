//! The citizen portal in English on request (issue 13), over plain HTTP on SQLite and
//! PostgreSQL: with `Accept-Language: en`, and with the "English" link of every page's header
//! (`?lang=en`, kept in the `pqrs_lang` cookie, no script), every page — the form, its error
//! summary and field errors, the confirmation, the case page with its timeline, the refusals
//! with their article, the 403/404 pages — is in English, dates written out in English;
//! Spanish stays the default and the link brings it back. Also the preferred reply channel
//! of a filing (issue 13 item 1): through the form and the JSON API, accepted, refused when the
//! contacts given cannot serve it, and shown back.

// Test code: a failed step panics, naming what failed (the workspace warns elsewhere).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use pqrs_tests::*;
use reqwest::StatusCode;
use serde_json::{json, Value};
use std::collections::BTreeMap;

on_both_backends!(
    a_citizen_files_and_follows_a_case_in_english_with_accept_language,
    the_language_link_switches_to_english_and_back_without_scripts,
    a_preferred_reply_channel_is_accepted_refused_when_inconsistent_and_shown_back,
);

/// A page as the test reads it.
struct Page {
    status: StatusCode,
    headers: reqwest::header::HeaderMap,
    html: String,
}

impl Page {
    fn between(&self, start: &str, end: &str) -> String {
        let from = self
            .html
            .find(start)
            .unwrap_or_else(|| panic!("`{start}` not in page:\n{}", self.html))
            + start.len();
        let len = self.html[from..].find(end).expect("end marker");
        self.html[from..from + len].to_owned()
    }

    /// Asserts the page says each of `texts`.
    fn says(&self, texts: &[&str]) {
        for t in texts {
            assert!(self.html.contains(t), "`{t}` not in page:\n{}", self.html);
        }
    }

    /// Asserts the page does not say any of `texts`.
    fn never_says(&self, texts: &[&str]) {
        for t in texts {
            assert!(
                !self.html.contains(t),
                "`{t}` still in page:\n{}",
                self.html
            );
        }
    }
}

/// A browser without scripts: a cookie jar, an optional `Accept-Language`, the form's token.
struct Citizen<'a> {
    app: &'a App,
    accept_language: Option<&'static str>,
    cookies: BTreeMap<String, String>,
    token: String,
}

impl<'a> Citizen<'a> {
    fn new(app: &'a App, accept_language: Option<&'static str>) -> Self {
        Citizen {
            app,
            accept_language,
            cookies: BTreeMap::new(),
            token: String::new(),
        }
    }

    fn cookie_header(&self) -> String {
        self.cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    async fn send(&mut self, req: reqwest::RequestBuilder) -> Page {
        let mut req = req.header("cookie", self.cookie_header());
        if let Some(l) = self.accept_language {
            req = req.header("accept-language", l);
        }
        let r = req.send().await.unwrap();
        let status = r.status();
        let headers = r.headers().clone();
        for c in headers.get_all("set-cookie") {
            let c = c.to_str().unwrap();
            let (name, value) = c.split(';').next().unwrap().split_once('=').unwrap();
            self.cookies.insert(name.to_owned(), value.to_owned());
        }
        let page = Page {
            status,
            headers,
            html: r.text().await.unwrap(),
        };
        if page.html.contains("name=\"pqrs_csrf\"") {
            self.token = page.between("name=\"pqrs_csrf\" value=\"", "\"");
        }
        page
    }

    async fn get(&mut self, path: &str) -> Page {
        let req = self.app.client.get(self.app.url(path));
        self.send(req).await
    }

    async fn post(&mut self, path: &str, fields: &[(&str, &str)]) -> Page {
        let mut fields = fields.to_vec();
        let token = self.token.clone();
        fields.push(("pqrs_csrf", &token));
        let req = self.app.client.post(self.app.url(path)).form(&fields);
        self.send(req).await
    }

    async fn file(&mut self, fields: &[(&str, &str)]) -> (Page, String, String) {
        self.get("/radicar").await;
        let page = self.post("/radicar", fields).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.html);
        let radicado = page.between("id=\"radicado\">", "<");
        let code = page.between("id=\"codigo\">", "<").replace(' ', "");
        (page, radicado, code)
    }

    async fn lookup(&mut self, radicado: &str, code: &str) -> Page {
        self.get("/consultar").await;
        self.post("/consultar", &[("radicado", radicado), ("codigo", code)])
            .await
    }
}

const ANONYMOUS: [(&str, &str); 4] = [
    ("kind", "petition"),
    ("subject", "Tree pruning"),
    (
        "description",
        "Please prune the tree in front of Calle 12 # 3-45.",
    ),
    ("identificacion", "anonima"),
];

async fn a_citizen_files_and_follows_a_case_in_english_with_accept_language(b: Backend) {
    let db = TestDb::new(b).await;
    let agent = db.token("agent").await;
    let app = spawn_app(&db).await;
    app.set_clock("2026-11-23T09:00:00-05:00").await;
    let mut citizen = Citizen::new(&app, Some("en-GB, es;q=0.5"));

    let home = citizen.get("/").await;
    assert_eq!(home.headers["content-language"], "en");
    home.says(&[
        "<html lang=\"en\">",
        "Petitions, complaints, claims and reports",
        "File a request",
        "15 business days (Ley 1755 de 2015, art. 14)",
        "Privacy notice",
        "hreflang=\"es\"",
    ]);
    home.never_says(&[
        "Radicar una solicitud",
        "días hábiles",
        "Aviso de privacidad",
    ]);

    // The error summary and the errors beside the fields, in English.
    citizen.get("/radicar").await;
    let errors = citizen
        .post(
            "/radicar",
            &[("identificacion", "identificada"), ("email", "no")],
        )
        .await;
    assert_eq!(errors.status, StatusCode::UNPROCESSABLE_ENTITY);
    errors.says(&[
        "There is a problem with your request",
        "<a href=\"#kind-petition\">Choose what kind of request you want to file.</a>",
        "Write the subject.",
        "Write a valid e-mail address",
        "you must authorise their processing (Ley 1581 de 2012)",
        "What do you want to file?",
    ]);
    errors.never_says(&[
        "Hay un problema",
        "Escriba el asunto",
        "¿Qué quiere presentar?",
    ]);

    let (page, radicado, code) = citizen.file(&ANONYMOUS).await;
    page.says(&[
        "Your request has been filed",
        "Keep it now.",
        "Filing receipt",
        // 15 business days from Monday 23 Nov 2026 (8 Dec is a holiday), written out.
        "Tuesday 15 December 2026",
        "Monday 23 November 2026, 9:00 a.m.",
        "The entity has 15 business days (Ley 1755 de 2015)",
        "(art. 17)",
    ]);
    page.never_says(&["Guárdelo", "martes", "Constancia de radicación"]);

    let case = citizen.lookup(&radicado, &code).await;
    assert_eq!(case.status, StatusCode::OK, "{}", case.html);
    case.says(&[
        "Filed: the entity received it and will assign it",
        "What has happened",
        "Withdraw your request",
        "Tuesday 15 December 2026",
    ]);
    case.never_says(&["Lo que ha pasado", "Radicada", "Desistir de su solicitud"]);

    app.act_ok(
        &agent,
        &radicado,
        "completion-request",
        json!({"what": "Give the exact address of the tree"}),
    )
    .await;
    let case = citizen.lookup(&radicado, &code).await;
    case.says(&[
        "Suspended while you complete the information (Ley 1755 de 2015, art. 17)",
        "Give the exact address of the tree",
        "The entity asks you to complete your request",
    ]);
    let more = [
        ("accion", "ampliar"),
        ("radicado", &radicado),
        ("codigo", &code),
    ];
    let page = citizen.post("/consultar/accion", &more).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.html);
    page.says(&["Done: you have one more month to complete the information."]);
    // The refusal keeps its article in English.
    let page = citizen.post("/consultar/accion", &more).await;
    assert_eq!(page.status, StatusCode::CONFLICT, "{}", page.html);
    page.says(&[
        "it can be asked for only once",
        "(Ley 1755 de 2015, art. 17)",
    ]);
    page.never_says(&["solo se puede pedir una vez"]);

    let supply = [
        ("accion", "completar"),
        ("radicado", &radicado),
        ("codigo", &code),
        ("texto", "Calle 12 # 3-45, by the park."),
    ];
    citizen.post("/consultar/accion", &supply).await;
    app.act_ok(
        &agent,
        &radicado,
        "answer",
        json!({"text": "The pruning is set for 10 December.", "outcome": "granted"}),
    )
    .await;
    let case = citizen.lookup(&radicado, &code).await;
    case.says(&[
        "The entity&#39;s answer",
        "<strong>Favourable</strong>",
        "within the term",
        "Rate the service",
        "5 – Very good",
    ]);
    case.never_says(&["Favorable</strong>", "Califique la atención"]);

    // A wrong code: the lookup page in English, 404.
    let wrong = citizen.lookup(&radicado, "ABCDEFGHJK0123456789").await;
    assert_eq!(wrong.status, StatusCode::NOT_FOUND);
    wrong.says(&["We found no request with that filing number"]);

    // A form without its token: the 403 page in English.
    citizen.token = "0".repeat(64);
    let refused = citizen.post("/radicar", &ANONYMOUS).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    refused.says(&["We could not receive the form", "<html lang=\"en\">"]);
}

async fn the_language_link_switches_to_english_and_back_without_scripts(b: Backend) {
    let db = TestDb::new(b).await;
    let app = spawn_app(&db).await;
    let mut citizen = Citizen::new(&app, None);

    let home = citizen.get("/").await;
    home.says(&[
        "<html lang=\"es-CO\">",
        "<a href=\"?lang=en\" hreflang=\"en\" lang=\"en\" id=\"idioma\">English</a>",
        "Radicar una solicitud",
    ]);
    assert_eq!(home.headers["content-language"], "es-CO");

    let english = citizen.get("/radicar?lang=en").await;
    let set: Vec<_> = english
        .headers
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect();
    assert!(
        set.iter()
            .any(|c| c.starts_with("pqrs_lang=en;") && c.contains("SameSite=Lax")),
        "{set:?}"
    );
    english.says(&["<html lang=\"en\">", "What do you want to file?", "Español"]);

    // The choice is kept by the cookie: later pages and form errors are in English.
    let lookup = citizen.get("/consultar").await;
    lookup.says(&["Follow your request", "Access code"]);
    let errors = citizen.post("/radicar", &[("subject", "Hole")]).await;
    errors.says(&["There is a problem with your request", "value=\"Hole\""]);

    // Back to Spanish with the link, and the choice wins over the browser's header.
    citizen.accept_language = Some("en");
    let spanish = citizen.get("/?lang=es").await;
    spanish.says(&[
        "<html lang=\"es-CO\">",
        "Peticiones, quejas, reclamos y denuncias",
    ]);
    let form = citizen.get("/radicar").await;
    form.says(&["¿Qué quiere presentar?"]);
    form.never_says(&["What do you want to file?"]);
}

async fn a_preferred_reply_channel_is_accepted_refused_when_inconsistent_and_shown_back(
    b: Backend,
) {
    let db = TestDb::new(b).await;
    let app = spawn_app(&db).await;
    app.set_clock("2026-11-23T09:00:00-05:00").await;
    let mut citizen = Citizen::new(&app, None);

    let identified = |reply: &'static str| {
        [
            ("kind", "claim"),
            ("subject", "Cobro doble"),
            ("description", "Me cobraron dos veces octubre."),
            ("identificacion", "identificada"),
            ("phone", "601 555 1234"),
            ("consent", "si"),
            ("preferred_reply_channel", reply),
        ]
    };
    // The form offers it, with no preference checked.
    let form = citizen.get("/radicar").await;
    form.says(&[
        "name=\"preferred_reply_channel\" value=\"in_person\"",
        "id=\"reply-none\" name=\"preferred_reply_channel\" value=\"\" checked",
    ]);

    // E-mail chosen without an e-mail address: refused beside the field and in the summary.
    let page = citizen.post("/radicar", &identified("email")).await;
    assert_eq!(
        page.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        page.html
    );
    page.says(&[
        "<a href=\"#reply-email\">Para recibir la respuesta por correo electrónico escriba su \
         correo electrónico.</a>",
        "id=\"reply-error\"",
        "id=\"reply-email\" name=\"preferred_reply_channel\" value=\"email\" checked",
    ]);
    // An anonymous filing cannot choose.
    let mut anonymous = ANONYMOUS.to_vec();
    anonymous.push(("preferred_reply_channel", "mail"));
    let page = citizen.post("/radicar", &anonymous).await;
    assert_eq!(
        page.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        page.html
    );
    page.says(&["presente la solicitud con sus datos"]);

    // Phone, with a phone: filed, shown on the receipt, the case page and in tracking.
    let (page, radicado, code) = citizen.file(&identified("phone")).await;
    page.says(&[
        "Medio preferido para la respuesta",
        "id=\"medio-respuesta\">Teléfono<",
    ]);
    assert_eq!(
        app.track(&radicado, &code).await["preferred_reply_channel"],
        "phone"
    );
    let case = citizen.lookup(&radicado, &code).await;
    case.says(&["id=\"medio-respuesta\">Teléfono<"]);
    citizen.accept_language = Some("en");
    let case = citizen.lookup(&radicado, &code).await;
    case.says(&[
        "Preferred way to receive the answer",
        "id=\"medio-respuesta\">Phone<",
    ]);

    // The JSON API: the same rule, 422 on the field, and tracking returns the choice.
    let mut body = identified_petition();
    body["preferred_reply_channel"] = json!("mail");
    body["petitioner"]["address"] = Value::Null;
    let r = app.file(&body).await;
    let status = r.status();
    let problem: Value = r.json().await.unwrap();
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
    let errors = problem["errors"].as_array().unwrap();
    assert!(
        errors
            .iter()
            .any(|e| e["field"] == "preferred_reply_channel"
                && e["message"]
                    .as_str()
                    .unwrap()
                    .contains("necesita petitioner.address")),
        "{problem}"
    );
    let mut anonymous = anonymous_petition();
    anonymous["preferred_reply_channel"] = json!("phone");
    let r = app.file(&anonymous).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let mut unknown = identified_petition();
    unknown["preferred_reply_channel"] = json!("fax");
    assert_eq!(
        app.file(&unknown).await.status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let mut ok = identified_petition();
    ok["preferred_reply_channel"] = json!("in_person");
    let (radicado, code) = app.file_ok(&ok).await;
    let t = app.track(&radicado, &code).await;
    assert_eq!(t["preferred_reply_channel"], "in_person");
    // Without a choice the field is absent, as in filings made before it existed.
    let (radicado, code) = app.file_ok(&identified_petition()).await;
    let t = app.track(&radicado, &code).await;
    assert!(t.get("preferred_reply_channel").is_none(), "{t}");
}
