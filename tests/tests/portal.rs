//! The citizen portal (issue 13) over plain HTTP, as a browser without scripts would use it,
//! on SQLite and PostgreSQL: filing anonymous and identified through the form, following the
//! case with the radicado and access code read from the pages, supplying a completion after
//! staff asked for it through the API, asking once for more time, seeing the answer, rating,
//! withdrawing; errors that keep what was typed; CSRF refusals; security headers; the same
//! page for a wrong code and an unknown radicado; the honeypot; branding and the filing limit
//! from the configuration.

// Test code: a failed step panics, naming what failed (the workspace warns elsewhere).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use pqrs_tests::*;
use reqwest::header::HeaderMap;
use reqwest::StatusCode;
use serde_json::{json, Value};

on_both_backends!(
    a_citizen_files_anonymously_and_identified_through_the_form_and_follows_the_case,
    a_citizen_completes_asks_for_more_time_reads_the_answer_rates_and_withdraws_through_the_pages,
    form_errors_keep_what_was_typed_and_the_summary_links_each_field,
    forms_without_a_matching_csrf_token_are_refused_and_change_nothing,
    every_portal_response_carries_the_security_headers,
    a_wrong_code_and_an_unknown_radicado_give_the_same_page,
    a_filled_honeypot_files_nothing,
    the_same_form_sent_twice_is_one_filing,
    failed_lookups_share_the_access_code_limit_of_the_api,
    the_entity_brands_the_portal_from_the_configuration_and_form_filings_are_limited,
    consent_to_electronic_notification_is_asked_recorded_and_needs_an_email,
    the_petitioner_stops_email_from_the_case_page,
    a_browser_gets_pages_for_the_routers_own_errors_and_the_api_keeps_problems,
);

/// A page as the test reads it.
struct Page {
    status: StatusCode,
    headers: HeaderMap,
    html: String,
}

impl Page {
    /// The text between `start` and the next `end` after it.
    fn between(&self, start: &str, end: &str) -> String {
        let from = self
            .html
            .find(start)
            .unwrap_or_else(|| panic!("`{start}` not in page:\n{}", self.html))
            + start.len();
        let len = self.html[from..].find(end).expect("end marker");
        self.html[from..from + len].to_owned()
    }

    fn csrf(&self) -> String {
        self.between("name=\"pqrs_csrf\" value=\"", "\"")
    }

    fn has(&self, text: &str) -> bool {
        self.html.contains(text)
    }
}

/// A browser without scripts: keeps the CSRF cookie and sends the form's hidden token.
struct Citizen<'a> {
    app: &'a App,
    cookie: Option<String>,
    token: Option<String>,
}

impl<'a> Citizen<'a> {
    fn new(app: &'a App) -> Self {
        Citizen {
            app,
            cookie: None,
            token: None,
        }
    }

    async fn read(&mut self, r: reqwest::Response) -> Page {
        let status = r.status();
        let headers = r.headers().clone();
        if let Some(c) = headers
            .get("set-cookie")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
        {
            self.cookie = Some(c.to_owned());
        }
        let html = r.text().await.unwrap();
        let page = Page {
            status,
            headers,
            html,
        };
        if page.has("name=\"pqrs_csrf\"") {
            self.token = Some(page.csrf());
        }
        page
    }

    async fn get(&mut self, path: &str) -> Page {
        let mut req = self.app.client.get(self.app.url(path));
        if let Some(c) = &self.cookie {
            req = req.header("cookie", c);
        }
        let r = req.send().await.unwrap();
        self.read(r).await
    }

    /// Posts a form with the page's CSRF token and cookie.
    async fn post(&mut self, path: &str, fields: &[(&str, &str)]) -> Page {
        let mut fields: Vec<(&str, &str)> = fields.to_vec();
        let token = self.token.clone().unwrap_or_default();
        fields.push(("pqrs_csrf", &token));
        let mut req = self.app.client.post(self.app.url(path)).form(&fields);
        if let Some(c) = &self.cookie {
            req = req.header("cookie", c);
        }
        let r = req.send().await.unwrap();
        self.read(r).await
    }

    /// Files through the form; returns the confirmation page, radicado and access code.
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
    ("subject", "Poda de árbol"),
    (
        "description",
        "Solicito la poda del árbol frente a la Calle 12 # 3-45.",
    ),
    ("identificacion", "anonima"),
];

async fn track(app: &App, radicado: &str, code: &str) -> Value {
    let r = app
        .client
        .get(app.url(&format!("/v1/pqrs/{radicado}")))
        .header("X-Access-Code", code)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    r.json().await.unwrap()
}

async fn a_citizen_files_anonymously_and_identified_through_the_form_and_follows_the_case(
    b: Backend,
) {
    let db = TestDb::new(b).await;
    let agent = db.token("agent").await;
    let app = spawn_app(&db).await;
    app.set_clock("2026-11-23T09:00:00-05:00").await;
    let mut citizen = Citizen::new(&app);

    let (page, radicado, code) = citizen.file(&ANONYMOUS).await;
    assert!(page.has("Guárdelo"), "{}", page.html);
    // 15 business days from Monday 23 Nov 2026 (8 Dec is a holiday), written out.
    assert!(page.has("martes 15 de diciembre de 2026"), "{}", page.html);
    assert!(page.has("15 días hábiles"));
    let t = track(&app, &radicado, &code).await;
    assert_eq!(t["channel"], "web");
    assert_eq!(t["kind"], "petition");
    assert_eq!(t["due_date"], "2026-12-15");

    let identified = [
        ("kind", "claim"),
        ("subject", "Cobro doble en la factura"),
        ("description", "Me cobraron dos veces el mes de octubre."),
        ("identificacion", "identificada"),
        ("name", "Ana Pérez"),
        ("id_type", "CC"),
        ("id_number", "1020304050"),
        ("email", "ana@example.co"),
        ("consent", "si"),
    ];
    let (_, radicado2, code2) = citizen.file(&identified).await;
    assert_ne!(radicado, radicado2);
    let staff: Value = app
        .get_as(&agent, &format!("/v1/pqrs/{radicado2}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(staff["staff"]["petitioner"]["email"], "ana@example.co");
    assert_eq!(staff["kind"], "claim");

    let case = citizen.lookup(&radicado2, &code2).await;
    assert_eq!(case.status, StatusCode::OK, "{}", case.html);
    assert!(case.has("Cobro doble en la factura"));
    assert!(case.has("Radicada"));
    assert!(case.has("reclamo"));
    assert!(
        !case.has(&code2),
        "the access code is never written into the case page"
    );
    // The code typed with spaces and in lower case is the same code.
    let spaced = code
        .to_lowercase()
        .chars()
        .collect::<Vec<_>>()
        .chunks(5)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join(" ");
    let case = citizen.lookup(&radicado, &spaced).await;
    assert_eq!(case.status, StatusCode::OK, "{}", case.html);
    assert!(case.has("Poda de árbol"));
}

async fn a_citizen_completes_asks_for_more_time_reads_the_answer_rates_and_withdraws_through_the_pages(
    b: Backend,
) {
    let db = TestDb::new(b).await;
    let agent = db.token("agent").await;
    let app = spawn_app(&db).await;
    app.set_clock("2026-11-23T09:00:00-05:00").await;
    let mut citizen = Citizen::new(&app);
    let (_, radicado, code) = citizen.file(&ANONYMOUS).await;
    let staff = |action: &'static str, body: Value| {
        let url = app.url(&format!("/v1/pqrs/{radicado}/{action}"));
        let agent = agent.clone();
        let client = app.client.clone();
        async move {
            let r = client
                .post(url)
                .bearer_auth(agent)
                .json(&body)
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), StatusCode::OK, "{action}");
        }
    };
    staff(
        "completion-request",
        json!({"what": "Indique la dirección exacta del árbol"}),
    )
    .await;

    let case = citizen.lookup(&radicado, &code).await;
    assert!(case.has("Suspendida mientras usted completa la información"));
    assert!(case.has("Indique la dirección exacta del árbol"));
    let window = track(&app, &radicado, &code).await["completion"]["window_ends_on"].clone();

    // More time, once (art. 17).
    let more = [
        ("accion", "ampliar"),
        ("radicado", &radicado),
        ("codigo", &code),
    ];
    let page = citizen.post("/consultar/accion", &more).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.html);
    assert!(page.has("tiene un mes más"));
    let extended = track(&app, &radicado, &code).await["completion"]["window_ends_on"].clone();
    assert_ne!(window, extended);
    let page = citizen.post("/consultar/accion", &more).await;
    assert_eq!(page.status, StatusCode::CONFLICT, "{}", page.html);
    assert!(page.has("solo se puede pedir una vez"));
    assert!(page.has("role=\"alert\""));

    // An action with a wrong code does nothing and says what the lookup says.
    let wrong = [
        ("accion", "completar"),
        ("radicado", &radicado),
        ("codigo", "ABCDEFGHJK0123456789"),
        ("texto", "Calle 12 # 3-45"),
    ];
    let page = citizen.post("/consultar/accion", &wrong).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert_eq!(track(&app, &radicado, &code).await["status"], "suspended");

    let supply = [
        ("accion", "completar"),
        ("radicado", &radicado),
        ("codigo", &code),
        ("texto", "Calle 12 # 3-45, frente al parque."),
    ];
    let page = citizen.post("/consultar/accion", &supply).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.html);
    assert!(page.has("Recibimos la información"));
    let t = track(&app, &radicado, &code).await;
    assert!(t["completion"]["supplied_on"].is_string(), "{t}");

    staff(
        "answer",
        json!({"text": "Programamos la poda para el 10 de diciembre.", "outcome": "granted"}),
    )
    .await;
    let case = citizen.lookup(&radicado, &code).await;
    assert!(case.has("Programamos la poda para el 10 de diciembre."));
    assert!(case.has("Favorable"));
    let rate = [
        ("accion", "calificar"),
        ("radicado", &radicado),
        ("codigo", &code),
        ("puntaje", "5"),
        ("comentario", "Muy claro."),
    ];
    let page = citizen.post("/consultar/accion", &rate).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.html);
    assert_eq!(track(&app, &radicado, &code).await["rating"], 5);
    let page = citizen.post("/consultar/accion", &rate).await;
    assert_eq!(page.status, StatusCode::CONFLICT, "rated once only");

    // Withdrawal (art. 18) of another case.
    let mut second = ANONYMOUS;
    second[1] = ("subject", "Poda de otro árbol");
    let (_, other, other_code) = citizen.file(&second).await;
    assert_ne!(other, radicado);
    let withdraw = [
        ("accion", "desistir"),
        ("radicado", &other),
        ("codigo", &other_code),
        ("motivo", "Ya se resolvió."),
    ];
    let page = citizen.post("/consultar/accion", &withdraw).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.html);
    assert_eq!(
        track(&app, &other, &other_code).await["status"],
        "withdrawn"
    );
}

async fn the_same_form_sent_twice_is_one_filing(b: Backend) {
    let db = TestDb::new(b).await;
    let app = spawn_app(&db).await;
    let mut citizen = Citizen::new(&app);
    let (_, radicado, code) = citizen.file(&ANONYMOUS).await;
    // A reload of the confirmation sends the same form again.
    let again = citizen.post("/radicar", &ANONYMOUS).await;
    assert_eq!(again.status, StatusCode::OK);
    assert_eq!(again.between("id=\"radicado\">", "<"), radicado);
    assert_eq!(again.between("id=\"codigo\">", "<").replace(' ', ""), code);
    // Another browser (another token) sending the same words files a new PQR.
    let mut other = Citizen::new(&app);
    let (_, second, _) = other.file(&ANONYMOUS).await;
    assert_ne!(second, radicado);
    // So does the same browser with other words.
    let mut changed = ANONYMOUS;
    changed[2] = ("description", "Otro árbol, en la Calle 13.");
    let (_, third, _) = citizen.file(&changed).await;
    assert!(third != radicado && third != second);
}

async fn form_errors_keep_what_was_typed_and_the_summary_links_each_field(b: Backend) {
    let db = TestDb::new(b).await;
    let app = spawn_app(&db).await;
    let mut citizen = Citizen::new(&app);
    citizen.get("/radicar").await;
    let page = citizen
        .post(
            "/radicar",
            &[
                ("subject", "Huecos en la vía <b>"),
                ("description", "La calle 5 tiene huecos."),
                ("identificacion", "identificada"),
                ("email", "no-es-un-correo"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.has("role=\"alert\""));
    assert!(page.has("autofocus"));
    for field in ["kind-petition", "email", "consent"] {
        assert!(
            page.has(&format!("href=\"#{field}\"")),
            "summary links #{field}"
        );
        assert!(
            page.has(&format!("id=\"{field}\"")),
            "field #{field} exists"
        );
    }
    assert!(page.has("Elija qué tipo de solicitud"));
    // What was typed is kept (and escaped).
    assert!(
        page.has("value=\"Huecos en la vía &#60;b&#62;\"")
            || page.has("value=\"Huecos en la vía &lt;b&gt;\""),
        "{}",
        page.html
    );
    assert!(page.has(">La calle 5 tiene huecos.</textarea>"));
    assert!(page.has("value=\"no-es-un-correo\""));
    assert!(page.has("value=\"identificada\" checked"));
    assert!(page.headers["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));

    // Nothing was filed: the first filing still gets the first number.
    let (_, radicado, _) = citizen.file(&ANONYMOUS).await;
    assert!(radicado.ends_with("-000001"), "{radicado}");
}

async fn forms_without_a_matching_csrf_token_are_refused_and_change_nothing(b: Backend) {
    let db = TestDb::new(b).await;
    let app = spawn_app(&db).await;
    // No cookie, no token.
    let r = app
        .client
        .post(app.url("/radicar"))
        .form(&ANONYMOUS)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert!(r.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    // A cookie, but another token in the form.
    let mut citizen = Citizen::new(&app);
    citizen.get("/radicar").await;
    citizen.token = Some("0".repeat(64));
    let page = citizen.post("/radicar", &ANONYMOUS).await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert!(page.has("No pudimos recibir el formulario"));
    // A token but no cookie.
    let token = citizen.token.clone().unwrap();
    let mut fields = ANONYMOUS.to_vec();
    fields.push(("pqrs_csrf", &token));
    let r = app
        .client
        .post(app.url("/radicar"))
        .form(&fields)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let mut lookup = Citizen::new(&app);
    lookup.token = Some("1".repeat(64));
    let page = lookup
        .post(
            "/consultar",
            &[("radicado", "2026-000001"), ("codigo", "x")],
        )
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    let page = lookup
        .post("/consultar/accion", &[("accion", "desistir")])
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    // Nothing was filed.
    let (_, radicado, _) = citizen.file(&ANONYMOUS).await;
    assert!(radicado.ends_with("-000001"), "{radicado}");
}

async fn every_portal_response_carries_the_security_headers(b: Backend) {
    let db = TestDb::new(b).await;
    let app = spawn_app(&db).await;
    let mut citizen = Citizen::new(&app);
    let mut pages = Vec::new();
    for path in [
        "/",
        "/radicar",
        "/consultar",
        "/funcionarios",
        "/static/portal.css",
    ] {
        pages.push((path, citizen.get(path).await));
    }
    pages.push((
        "POST /consultar",
        citizen
            .post(
                "/consultar",
                &[("radicado", "2026-000009"), ("codigo", "x")],
            )
            .await,
    ));
    for (path, page) in &pages {
        let h = &page.headers;
        let csp = h["content-security-policy"].to_str().unwrap();
        assert!(csp.contains("default-src 'self'"), "{path}: {csp}");
        assert!(csp.contains("frame-ancestors 'none'"), "{path}");
        assert!(!csp.contains("unsafe-inline"), "{path}");
        assert_eq!(h["x-frame-options"], "DENY", "{path}");
        assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(h["referrer-policy"], "no-referrer", "{path}");
        assert!(!page.html.contains("<script"), "{path}: no script");
        assert!(!page.html.contains("style=\""), "{path}: no inline style");
    }
    assert_eq!(pages[0].1.status, StatusCode::OK);
    assert!(pages[0].1.has("href=\"/funcionarios\">Acceso funcionarios"));
    assert!(pages[0].1.has("lang=\"es-CO\""));
    let css = &pages[4].1;
    assert!(css.headers["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/css"));
    assert!(css.headers["cache-control"]
        .to_str()
        .unwrap()
        .contains("max-age"));
    assert_eq!(pages[1].1.headers["cache-control"], "no-store");
    let cookie = pages[1].1.headers["set-cookie"].to_str().unwrap();
    assert!(cookie.starts_with("pqrs_csrf="), "{cookie}");
    assert!(
        cookie.contains("SameSite=Strict") && cookie.contains("HttpOnly"),
        "{cookie}"
    );
    // A form's address opened directly gives a page, not a JSON 405.
    let page = citizen.get("/consultar/accion").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.has("Consultar su solicitud"));
    // The JSON API keeps answering problem+json for unknown paths.
    let r = app
        .client
        .get(app.url("/no-such-page"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert!(r.headers()["content-type"]
        .to_str()
        .unwrap()
        .contains("problem+json"));
}

async fn a_wrong_code_and_an_unknown_radicado_give_the_same_page(b: Backend) {
    let db = TestDb::new(b).await;
    let app = spawn_app(&db).await;
    let mut citizen = Citizen::new(&app);
    let (_, radicado, _) = citizen.file(&ANONYMOUS).await;
    let unknown = format!("{}-999999", &radicado[..4]);
    let wrong = citizen.lookup(&radicado, "ABCDEFGHJK0123456789").await;
    let missing = citizen.lookup(&unknown, "ABCDEFGHJK0123456789").await;
    assert_eq!(wrong.status, StatusCode::NOT_FOUND);
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(wrong.has("No encontramos una solicitud con ese radicado y ese código"));
    // The same page but for the radicado typed, which is kept in its field.
    assert_eq!(
        wrong.html.replace(&radicado, "R"),
        missing.html.replace(&unknown, "R")
    );
    assert!(
        !wrong.has("ABCDEFGHJK0123456789"),
        "the code typed is not echoed"
    );
}

async fn a_filled_honeypot_files_nothing(b: Backend) {
    let db = TestDb::new(b).await;
    let app = spawn_app(&db).await;
    let mut citizen = Citizen::new(&app);
    citizen.get("/radicar").await;
    let mut fields = ANONYMOUS.to_vec();
    fields.push(("sitio_web", "http://spam.example"));
    let page = citizen.post("/radicar", &fields).await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert!(page.has("no se radicó nada"));
    let (_, radicado, _) = citizen.file(&ANONYMOUS).await;
    assert!(radicado.ends_with("-000001"), "{radicado}");
}

async fn the_entity_brands_the_portal_from_the_configuration_and_form_filings_are_limited(
    b: Backend,
) {
    let db = TestDb::new(b).await;
    let config = db.dir().join("pqrs.toml");
    std::fs::write(
        &config,
        r##"portal_filings_per_minute = 2
[entity]
name = "Alcaldía de Villa Prueba"
primary_color = "#0b5d1e"
address = "Carrera 1 # 2-3, Villa Prueba"
email = "pqrs@villaprueba.gov.co"
privacy_policy_url = "https://villaprueba.gov.co/datos"
"##,
    )
    .unwrap();
    let app = spawn_app_with(&db, &["--dev-clock", "--config", config.to_str().unwrap()]).await;
    let mut citizen = Citizen::new(&app);
    let home = citizen.get("/").await;
    assert!(home.has("Alcaldía de Villa Prueba"));
    assert!(home.has("Carrera 1 # 2-3, Villa Prueba"));
    assert!(home.has("href=\"https://villaprueba.gov.co/datos\""));
    let css = citizen.get("/static/entidad.css").await;
    assert!(css.has("#0b5d1e"));
    let form = citizen.get("/radicar").await;
    assert!(form.has("Autorizo a Alcaldía de Villa Prueba"));
    let (mut first, mut second, mut third) = (ANONYMOUS, ANONYMOUS, ANONYMOUS);
    first[1] = ("subject", "Primera");
    second[1] = ("subject", "Segunda");
    third[1] = ("subject", "Tercera");
    let (_, one, _) = citizen.file(&first).await;
    let (_, two, _) = citizen.file(&second).await;
    assert_ne!(one, two);
    citizen.get("/radicar").await;
    let page = citizen.post("/radicar", &third).await;
    assert_eq!(page.status, StatusCode::TOO_MANY_REQUESTS, "{}", page.html);
    assert!(page.has("Espere un minuto"));
    // The JSON API is not limited by the form's limit.
    assert_eq!(
        app.file(&anonymous_petition()).await.status(),
        StatusCode::CREATED
    );
}

async fn failed_lookups_share_the_access_code_limit_of_the_api(b: Backend) {
    let db = TestDb::new(b).await;
    let config = db.dir().join("pqrs.toml");
    std::fs::write(&config, "access_failures_per_minute = 3\n").unwrap();
    let app = spawn_app_with(&db, &["--dev-clock", "--config", config.to_str().unwrap()]).await;
    let mut citizen = Citizen::new(&app);
    let (_, radicado, code) = citizen.file(&ANONYMOUS).await;
    for _ in 0..2 {
        let page = citizen.lookup(&radicado, "ABCDEFGHJK0123456789").await;
        assert_eq!(page.status, StatusCode::NOT_FOUND);
    }
    let page = citizen.lookup(&radicado, "ABCDEFGHJK0123456789").await;
    assert_eq!(page.status, StatusCode::TOO_MANY_REQUESTS, "{}", page.html);
    assert!(page.has("Demasiados intentos"));
    // Blocked now even with the right code, on the page and in the JSON API alike.
    let page = citizen.lookup(&radicado, &code).await;
    assert_eq!(page.status, StatusCode::TOO_MANY_REQUESTS);
    let r = app
        .client
        .get(app.url(&format!("/v1/pqrs/{radicado}")))
        .header("X-Access-Code", &code)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
}

/// CPACA (Ley 1437 de 2011) art. 56: the form asks, unchecked, whether the petitioner accepts
/// electronic notification; a yes is recorded with the petitioner's data and shown on the case
/// page; a yes without an e-mail address is an error beside the field and in the summary, and
/// files nothing.
async fn consent_to_electronic_notification_is_asked_recorded_and_needs_an_email(b: Backend) {
    let db = TestDb::new(b).await;
    let agent = db.token("agent").await;
    let app = spawn_app(&db).await;
    let mut citizen = Citizen::new(&app);

    let form = citizen.get("/radicar").await;
    assert!(form.has("¿Acepta ser notificado por correo electrónico?"));
    assert!(form
        .has("<input type=\"checkbox\" id=\"notificacion\" name=\"notificacion\" value=\"si\">"));
    assert!(form.has("aria-describedby=\"notificacion-pista\""));
    assert!(form.has("Ley 1437 de 2011, art. 56"));

    // Checked, with a phone and no e-mail: refused beside the field and in the summary.
    let page = citizen
        .post(
            "/radicar",
            &[
                ("kind", "petition"),
                ("subject", "Alumbrado público"),
                ("description", "La luminaria de la esquina no prende."),
                ("identificacion", "identificada"),
                ("phone", "601 555 1234"),
                ("consent", "si"),
                ("notificacion", "si"),
            ],
        )
        .await;
    assert_eq!(
        page.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        page.html
    );
    assert!(page.has("href=\"#notificacion\""), "{}", page.html);
    assert!(page.has("id=\"notificacion-error\""));
    assert!(page.has("aria-describedby=\"notificacion-pista notificacion-error\""));
    assert!(page.has("escriba su correo electrónico, o desmarque la casilla"));
    assert!(page.has("value=\"si\" checked"), "what was typed is kept");

    // The JSON API has the same rule (422 on the field, in Spanish by default), for a
    // petitioner without an e-mail and for an anonymous filing; neither files anything.
    let mut phone_only = identified_petition();
    phone_only["petitioner"] = json!({"name": "Luis Gómez", "phone": "601 555 1234"});
    phone_only["consent_electronic_notification"] = json!(true);
    let mut anonymous = anonymous_petition();
    anonymous["consent_electronic_notification"] = json!(true);
    for body in [phone_only, anonymous] {
        let r = app.file(&body).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let problem: Value = r.json().await.unwrap();
        assert_eq!(
            problem["errors"][0]["field"], "consent_electronic_notification",
            "{problem}"
        );
        assert!(
            problem["errors"][0]["message"]
                .as_str()
                .is_some_and(|m| m.contains("correo electrónico")),
            "{problem}"
        );
    }

    // Checked with an e-mail: recorded with the petitioner, shown on the case page.
    let (_, radicado, code) = citizen
        .file(&[
            ("kind", "petition"),
            ("subject", "Alumbrado público"),
            ("description", "La luminaria de la esquina no prende."),
            ("identificacion", "identificada"),
            ("email", "luis@example.co"),
            ("consent", "si"),
            ("notificacion", "si"),
        ])
        .await;
    assert!(
        radicado.ends_with("-000001"),
        "the refused form filed nothing: {radicado}"
    );
    let staff: Value = app
        .get_as(&agent, &format!("/v1/pqrs/{radicado}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        staff["staff"]["petitioner"]["accepts_electronic_notification"], true,
        "{staff}"
    );
    let case = citizen.lookup(&radicado, &code).await;
    assert_eq!(case.status, StatusCode::OK, "{}", case.html);
    assert!(case.has("Usted aceptó que le notifiquemos por correo electrónico"));
    assert!(case.has("Todavía no le hemos enviado ningún correo"));

    // Unchecked (the default): recorded as not accepted, and the page says so.
    let (_, radicado, code) = citizen
        .file(&[
            ("kind", "petition"),
            ("subject", "Alumbrado del parque"),
            ("description", "Las luminarias del parque no prenden."),
            ("identificacion", "identificada"),
            ("email", "luis@example.co"),
            ("consent", "si"),
        ])
        .await;
    let staff: Value = app
        .get_as(&agent, &format!("/v1/pqrs/{radicado}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(staff["staff"]["petitioner"]["email"], "luis@example.co");
    assert!(
        staff["staff"]["petitioner"]["accepts_electronic_notification"] != true,
        "{staff}"
    );
    let case = citizen.lookup(&radicado, &code).await;
    assert!(case.has("Usted no aceptó que le notifiquemos por correo electrónico"));

    // An anonymous case says nothing about e-mail.
    let (_, radicado, code) = citizen.file(&ANONYMOUS).await;
    let case = citizen.lookup(&radicado, &code).await;
    assert!(!case.has("Avisos por correo electrónico"));
}

/// Issue 15 (mail helper): the form under «Avisos por correo electrónico» withdraws the
/// consent to e-mail with the access code (CPACA art. 56), once; the page then says since when.
async fn the_petitioner_stops_email_from_the_case_page(b: Backend) {
    let db = TestDb::new(b).await;
    let auditor = db.token("auditor").await;
    let app = spawn_app(&db).await;
    let mut citizen = Citizen::new(&app);
    let (_, radicado, code) = citizen
        .file(&[
            ("kind", "petition"),
            ("subject", "Alumbrado público"),
            ("description", "La luminaria de la esquina no prende."),
            ("identificacion", "identificada"),
            ("email", "luis@example.co"),
            ("consent", "si"),
            ("notificacion", "si"),
        ])
        .await;
    let case = citizen.lookup(&radicado, &code).await;
    assert!(case.has("No quiero recibir más correos sobre esta solicitud"));
    assert!(case.has("name=\"accion\" value=\"sin_correo\""));

    let stop = [
        ("accion", "sin_correo"),
        ("radicado", radicado.as_str()),
        ("codigo", code.as_str()),
    ];
    let page = citizen.post("/consultar/accion", &stop).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.html);
    assert!(page.has("no le enviaremos más correos sobre esta solicitud"));
    assert!(page.has("id=\"sin-correo\""), "{}", page.html);
    assert!(
        !page.has("name=\"accion\" value=\"sin_correo\""),
        "the form is gone"
    );
    assert!(page.has("Usted pidió no recibir más correos electrónicos"));

    let page = citizen.post("/consultar/accion", &stop).await;
    assert_eq!(page.status, StatusCode::CONFLICT, "{}", page.html);
    assert!(page.has("Usted ya había pedido que no le escribamos"));

    let events: Value = app
        .get_as(&auditor, &format!("/v1/pqrs/{radicado}/events"))
        .await
        .json()
        .await
        .unwrap();
    let withdrawn = events["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["event_type"] == "NotificationConsentWithdrawn")
        .count();
    assert_eq!(withdrawn, 1);
}

/// The router's own errors (an unknown address, a method a page does not take) reach a
/// person's browser as the portal's message page, in the page's language; the JSON API, and any
/// client that does not ask for HTML, keep getting problem documents.
async fn a_browser_gets_pages_for_the_routers_own_errors_and_the_api_keeps_problems(b: Backend) {
    let db = TestDb::new(b).await;
    let app = spawn_app(&db).await;
    let browser_asks = |method: reqwest::Method, path: &str, cookie: Option<&str>| {
        let mut r = app
            .client
            .request(method, app.url(path))
            .header("accept", "text/html,application/xhtml+xml,*/*;q=0.8");
        if let Some(c) = cookie {
            r = r.header("cookie", c);
        }
        r.send()
    };
    for path in ["/una-pagina-que-no-existe", "/funcionarios/no-existe"] {
        let r = browser_asks(reqwest::Method::GET, path, None)
            .await
            .unwrap();
        assert_eq!(r.status(), 404);
        assert!(r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html"));
        let page = r.text().await.unwrap();
        assert!(page.contains("No encontramos esta página"), "{page}");
    }
    let r = browser_asks(reqwest::Method::PUT, "/radicar", Some("pqrs_lang=en"))
        .await
        .unwrap();
    assert_eq!(r.status(), 405);
    assert!(
        r.headers().contains_key("allow"),
        "the Allow header is kept"
    );
    assert_eq!(r.headers()["content-language"], "en");
    assert!(r
        .text()
        .await
        .unwrap()
        .contains("The page could not be shown"));

    // A form over the body limit, refused before any page reads it: a page too.
    let big = app
        .client
        .post(app.url("/radicar"))
        .header("accept", "text/html")
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!("subject={}", "a".repeat(300_000)))
        .send()
        .await
        .unwrap();
    assert_eq!(big.status(), 413);
    assert!(big.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    assert!(big.text().await.unwrap().contains("supera el límite"));

    // The API, even from a browser, and any client that does not ask for HTML: problems.
    let r = browser_asks(reqwest::Method::GET, "/v1/no-existe", None)
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    assert_eq!(r.headers()["content-type"], "application/problem+json");
    let r = app
        .client
        .get(app.url("/una-pagina-que-no-existe"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    assert_eq!(r.headers()["content-type"], "application/problem+json");
}
