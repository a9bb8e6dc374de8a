//! Staff accounts, console sessions, throttling, tokens and the access log (issue 14, part 1),
//! over HTTP against the real server on both backends.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use pqrs_tests::console::webdriver::axe_source;
use pqrs_tests::console::{
    create_account, fill_and_submit, path, sign_in, wait_for_page, Browser, ConsoleClient,
};
use pqrs_tests::*;
use serde_json::json;

on_both_backends!(
    a_session_survives_a_restart_and_ends_at_logout,
    a_console_form_without_its_csrf_token_changes_nothing,
    five_wrong_passwords_lock_the_account_even_against_the_right_one,
    a_disabled_account_is_signed_out_at_its_next_request,
    tokens_are_listed_with_their_creator_and_last_use_and_a_revoked_one_gets_401,
    the_access_log_is_for_auditors_and_never_holds_a_password,
    in_a_browser_an_admin_creates_an_agent_who_signs_in_and_every_page_passes_axe,
    a_session_ends_after_30_idle_minutes_and_12_hours_after_login,
    the_cli_disables_enables_and_resets_an_account,
    behind_an_https_address_the_session_cookie_is_secure,
    twenty_failures_from_one_address_lock_that_address,
    the_consoles_refusals_are_drawn_in_its_own_frame_with_the_way_back,
    an_admin_may_give_a_new_account_its_language_in_the_console_or_the_command_line,
);

const NEW_PASSWORD: &str = "una frase larga y propia";

async fn a_session_survives_a_restart_and_ends_at_logout(b: Backend) {
    let db = TestDb::new(b).await;
    let one_time = create_account(&db, "Ana.Perez@Entidad.gov.co", "Ana Pérez", "agent").await;
    let app = spawn_app(&db).await;
    let mut c = ConsoleClient::new(&app.base);

    // The login page is the console's door, with the portal's headers.
    let login = c.get("/funcionarios").await;
    assert_eq!(login.status, 200);
    assert!(login.body.contains("Acceso funcionarios"));
    assert_eq!(login.cache_control.as_deref(), Some("no-store"));
    assert!(login.csp.unwrap().contains("script-src 'none'"));

    // The e-mail is matched lower-cased; the one-time password leads to the password page.
    let first = c.log_in("ana.perez@entidad.gov.co", &one_time).await;
    assert_eq!(first.status, 303, "{}", first.body);
    let cookie = first
        .set_cookies
        .iter()
        .find(|c| c.starts_with("pqrs_session="))
        .expect("a session cookie");
    for part in ["HttpOnly", "SameSite=Strict", "Path=/funcionarios"] {
        assert!(cookie.contains(part), "{cookie} lacks {part}");
    }
    assert!(!cookie.contains("Secure"), "plain http: not Secure");
    let bandeja = c.get("/funcionarios/bandeja").await;
    assert_eq!(bandeja.status, 303);
    assert_eq!(bandeja.location.as_deref(), Some("/funcionarios/clave"));

    // A weak password is refused, a good one accepted.
    let csrf = c.csrf("/funcionarios/clave").await;
    let weak = c
        .post(
            "/funcionarios/clave",
            &[
                ("csrf", &csrf),
                ("actual", &one_time),
                ("nueva", "corta"),
                ("repetir", "corta"),
            ],
        )
        .await;
    assert_eq!(weak.status, 422);
    assert!(
        weak.body.contains("al menos 12 caracteres"),
        "{}",
        weak.body
    );
    let done = c
        .post(
            "/funcionarios/clave",
            &[
                ("csrf", &csrf),
                ("actual", &one_time),
                ("nueva", NEW_PASSWORD),
                ("repetir", NEW_PASSWORD),
            ],
        )
        .await;
    assert_eq!(done.status, 303, "{}", done.body);
    assert_eq!(done.location.as_deref(), Some("/funcionarios/bandeja"));
    let page = c.get("/funcionarios/bandeja").await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("Ana Pérez"));
    assert_eq!(page.cache_control.as_deref(), Some("no-store"));

    // The session is in the store: a restarted server (or a second process) knows it.
    app.kill9().await;
    let app = spawn_app(&db).await;
    c.base = app.base.clone();
    let again = c.get("/funcionarios/bandeja").await;
    assert_eq!(again.status, 200, "the session survives a restart");
    let second = spawn_app(&db).await;
    let mut other = ConsoleClient::new(&second.base);
    other.cookies = c.cookies.clone();
    assert_eq!(other.get("/funcionarios/bandeja").await.status, 200);

    // Logout ends it everywhere; the one-time password no longer opens anything.
    let csrf = c.csrf("/funcionarios/bandeja").await;
    let out = c.post("/funcionarios/salir", &[("csrf", &csrf)]).await;
    assert_eq!(out.status, 303);
    assert_eq!(
        other.get("/funcionarios/bandeja").await.location.as_deref(),
        Some("/funcionarios")
    );
    let mut fresh = ConsoleClient::new(&app.base);
    assert_eq!(
        fresh
            .log_in("ana.perez@entidad.gov.co", &one_time)
            .await
            .status,
        401
    );
    assert_eq!(
        fresh
            .log_in("ana.perez@entidad.gov.co", NEW_PASSWORD)
            .await
            .status,
        303
    );

    let kinds = db
        .query_i64(
            "SELECT COUNT(*) FROM staff_access_log WHERE kind IN ('login', 'logout', \
             'password_changed', 'account_created', 'login_failed')",
        )
        .await;
    assert_eq!(kinds, vec![6], "created, login ×2, changed, logout, failed");
}

async fn a_console_form_without_its_csrf_token_changes_nothing(b: Backend) {
    let db = TestDb::new(b).await;
    let one_time = create_account(&db, "luis@entidad.gov.co", "Luis", "agent").await;
    let app = spawn_app(&db).await;
    let mut c = ConsoleClient::new(&app.base);

    // The login form itself: no CSRF cookie and field, no login.
    let bare = c
        .post(
            "/funcionarios",
            &[
                ("correo", "luis@entidad.gov.co"),
                ("clave", one_time.as_str()),
            ],
        )
        .await;
    assert_eq!(bare.status, 403, "{}", bare.body);
    assert!(!c.cookies.contains_key("pqrs_session"));

    c.log_in_first_time("luis@entidad.gov.co", &one_time, NEW_PASSWORD)
        .await;
    // Logout without the token, and with a wrong one: refused, the session goes on.
    assert_eq!(c.post("/funcionarios/salir", &[]).await.status, 403);
    let wrong = "0".repeat(64);
    assert_eq!(
        c.post("/funcionarios/salir", &[("csrf", &wrong)])
            .await
            .status,
        403
    );
    assert_eq!(c.get("/funcionarios/bandeja").await.status, 200);
    // A password change without the token: refused, the old password still works.
    let changed = c
        .post(
            "/funcionarios/clave",
            &[
                ("actual", NEW_PASSWORD),
                ("nueva", "otra frase larga y propia"),
                ("repetir", "otra frase larga y propia"),
            ],
        )
        .await;
    assert_eq!(changed.status, 403);
    let mut other = ConsoleClient::new(&app.base);
    assert_eq!(
        other
            .log_in("luis@entidad.gov.co", NEW_PASSWORD)
            .await
            .status,
        303
    );
}

/// The secret a page shows once (`<p … id="secreto">…</p>`).
fn secret(body: &str) -> String {
    let key = "id=\"secreto\">";
    let start = body.find(key).expect("a secret on the page") + key.len();
    let end = body[start..].find('<').unwrap();
    body[start..start + end].trim().to_owned()
}

const AGENT_PASSWORD: &str = "la clave del gestor de prueba";
const ADMIN_PASSWORD: &str = "la clave del administrador";

async fn five_wrong_passwords_lock_the_account_even_against_the_right_one(b: Backend) {
    let db = TestDb::new(b).await;
    let one_time = create_account(&db, "eva@entidad.gov.co", "Eva", "agent").await;
    let app = spawn_app(&db).await;
    let second = spawn_app(&db).await;
    app.set_clock("2026-12-01T09:00:00-05:00").await;
    second.set_clock("2026-12-01T09:00:00-05:00").await;
    let mut c = ConsoleClient::new(&app.base);
    c.log_in_first_time("eva@entidad.gov.co", &one_time, AGENT_PASSWORD)
        .await;

    // Five failures, spread over two processes: the count is in the store.
    for i in 0..5 {
        let mut client = ConsoleClient::new(if i % 2 == 0 { &app.base } else { &second.base });
        let page = client.log_in("eva@entidad.gov.co", "no es la clave").await;
        assert_eq!(page.status, 401, "attempt {i}: {}", page.body);
        assert!(page.body.contains("no son correctos"));
    }
    let mut d = ConsoleClient::new(&second.base);
    let locked = d.log_in("eva@entidad.gov.co", AGENT_PASSWORD).await;
    assert_eq!(locked.status, 429, "{}", locked.body);
    assert!(
        locked.body.contains("Podrá intentar de nuevo"),
        "{}",
        locked.body
    );
    assert!(
        locked.body.contains("9:15 a. m."),
        "says when: {}",
        locked.body
    );
    assert!(!d.cookies.contains_key("pqrs_session"));
    // Another account is not locked by Eva's failures.
    let other = create_account(&db, "otro@entidad.gov.co", "Otro", "agent").await;
    assert_eq!(d.log_in("otro@entidad.gov.co", &other).await.status, 303);

    // After the window the right password works again.
    app.set_clock("2026-12-01T09:16:00-05:00").await;
    let mut e = ConsoleClient::new(&app.base);
    assert_eq!(
        e.log_in("eva@entidad.gov.co", AGENT_PASSWORD).await.status,
        303
    );
    let throttled = db
        .query_i64("SELECT COUNT(*) FROM staff_access_log WHERE kind = 'login_throttled'")
        .await;
    assert_eq!(throttled, vec![1]);
}

/// An admin and an agent, both past their first login; returns their clients and the
/// agent's account id.
async fn admin_and_agent(db: &TestDb, app: &App) -> (ConsoleClient, ConsoleClient, String) {
    let admin_once = create_account(db, "admin@entidad.gov.co", "Admin", "admin").await;
    let agent_once = create_account(db, "gestor@entidad.gov.co", "Gestor", "agent").await;
    let mut admin = ConsoleClient::new(&app.base);
    admin
        .log_in_first_time("admin@entidad.gov.co", &admin_once, ADMIN_PASSWORD)
        .await;
    let mut agent = ConsoleClient::new(&app.base);
    agent
        .log_in_first_time("gestor@entidad.gov.co", &agent_once, AGENT_PASSWORD)
        .await;
    let list = admin.get("/funcionarios/admin/cuentas").await;
    assert_eq!(list.status, 200, "{}", list.body);
    let marker = "/funcionarios/admin/cuentas/";
    // The agent's row is the one whose hidden text names its e-mail.
    let row = list
        .body
        .split("<tr>")
        .find(|r| r.contains("gestor@entidad.gov.co"))
        .expect("the agent's row");
    let start = row.find(marker).expect("a form in the row") + marker.len();
    let agent_id = row[start..start + 36].to_owned();
    (admin, agent, agent_id)
}

async fn a_disabled_account_is_signed_out_at_its_next_request(b: Backend) {
    let db = TestDb::new(b).await;
    let app = spawn_app(&db).await;
    let (mut admin, mut agent, agent_id) = admin_and_agent(&db, &app).await;
    assert_eq!(agent.get("/funcionarios/bandeja").await.status, 200);

    // An agent may not administer.
    assert_eq!(agent.get("/funcionarios/admin/cuentas").await.status, 403);

    let csrf = admin.csrf("/funcionarios/admin/cuentas").await;
    let path = format!("/funcionarios/admin/cuentas/{agent_id}/estado");
    let done = admin
        .post(&path, &[("csrf", &csrf), ("accion", "desactivar")])
        .await;
    assert_eq!(done.status, 303, "{}", done.body);
    let next = agent.get("/funcionarios/bandeja").await;
    assert_eq!(next.status, 303);
    assert_eq!(next.location.as_deref(), Some("/funcionarios"));
    let mut again = ConsoleClient::new(&app.base);
    let refused = again.log_in("gestor@entidad.gov.co", AGENT_PASSWORD).await;
    assert_eq!(refused.status, 403);
    assert!(refused.body.contains("desactivada"));

    // Enabled again, the account signs in; a reset gives a new one-time password.
    let done = admin
        .post(&path, &[("csrf", &csrf), ("accion", "activar")])
        .await;
    assert_eq!(done.status, 303);
    assert_eq!(
        again
            .log_in("gestor@entidad.gov.co", AGENT_PASSWORD)
            .await
            .status,
        303
    );
    let reset = admin
        .post(
            &format!("/funcionarios/admin/cuentas/{agent_id}/clave"),
            &[("csrf", &csrf)],
        )
        .await;
    assert_eq!(reset.status, 200);
    assert_eq!(
        again.get("/funcionarios/bandeja").await.status,
        303,
        "reset ends sessions"
    );
    let new_once = secret(&reset.body);
    let mut fresh = ConsoleClient::new(&app.base);
    fresh
        .log_in_first_time(
            "gestor@entidad.gov.co",
            &new_once,
            "otra clave larga del gestor",
        )
        .await;

    // The admin creates an account in the console; a duplicate e-mail is refused.
    let created = admin
        .post(
            "/funcionarios/admin/cuentas",
            &[
                ("csrf", &csrf),
                ("correo", "Nuevo@Entidad.gov.co"),
                ("nombre", "Nuevo"),
                ("rol", "auditor"),
                ("dependencia", ""),
            ],
        )
        .await;
    assert_eq!(created.status, 200, "{}", created.body);
    assert!(created.body.contains("nuevo@entidad.gov.co"));
    let dup = admin
        .post(
            "/funcionarios/admin/cuentas",
            &[
                ("csrf", &csrf),
                ("correo", "nuevo@entidad.gov.co"),
                ("nombre", "Otro"),
                ("rol", "agent"),
            ],
        )
        .await;
    assert_eq!(dup.status, 409);
    assert!(dup.body.contains("Ya existe una cuenta"));
    let kinds = db
        .query_i64(
            "SELECT COUNT(*) FROM staff_access_log WHERE kind IN ('account_disabled', \
             'account_enabled', 'password_reset') AND actor IS NOT NULL AND address IS NOT NULL",
        )
        .await;
    assert_eq!(kinds, vec![3]);
}

async fn tokens_are_listed_with_their_creator_and_last_use_and_a_revoked_one_gets_401(b: Backend) {
    let db = TestDb::new(b).await;
    let out = pqrs_cli(&[
        "token",
        "create",
        "--role",
        "agent",
        "--name",
        "Integración",
        "--database-url",
        &db.url,
    ])
    .await;
    assert!(out.status.success());
    let token = String::from_utf8(out.stdout).unwrap().trim().to_owned();
    let said = String::from_utf8_lossy(&out.stderr).into_owned();
    let dir = std::fs::canonicalize(db.dir()).unwrap();
    match b {
        Backend::Sqlite => assert!(
            said.contains(&dir.display().to_string()),
            "names the store: {said}"
        ),
        Backend::Postgres => assert!(said.contains("postgres://"), "names the store: {said}"),
    }
    let app = spawn_app(&db).await;
    let list = pqrs_cli_ok(&["token", "list", "--database-url", &db.url]).await;
    let row = list
        .lines()
        .find(|l| l.contains("Integración"))
        .expect("listed");
    let cols: Vec<&str> = row.split('\t').collect();
    assert_eq!(cols.len(), 7, "{row}");
    assert_eq!(cols[2], "agent");
    assert!(cols[3].starts_with("cli"), "created_by: {row}");
    assert_eq!(cols[5], "-", "never used yet");
    assert_eq!(cols[6], "no");

    assert_eq!(app.get_as(&token, "/v1/cases").await.status(), 200);
    let list = pqrs_cli_ok(&["token", "list", "--database-url", &db.url]).await;
    let row = list.lines().find(|l| l.contains("Integración")).unwrap();
    assert_ne!(
        row.split('\t').nth(5),
        Some("-"),
        "last use recorded: {row}"
    );

    let id = cols[0];
    pqrs_cli_ok(&["token", "revoke", id, "--database-url", &db.url]).await;
    assert_eq!(app.get_as(&token, "/v1/cases").await.status(), 401);
    let list = pqrs_cli_ok(&["token", "list", "--database-url", &db.url]).await;
    assert!(list
        .lines()
        .any(|l| l.starts_with(id) && !l.ends_with("\tno")));
    let again = pqrs_cli(&["token", "revoke", id, "--database-url", &db.url]).await;
    assert!(!again.status.success(), "revoking twice says so");

    // An admin creates and revokes tokens in the console too; created_by is the account.
    let admin_once = create_account(&db, "admin@entidad.gov.co", "Admin", "admin").await;
    let mut admin = ConsoleClient::new(&app.base);
    admin
        .log_in_first_time("admin@entidad.gov.co", &admin_once, ADMIN_PASSWORD)
        .await;
    let csrf = admin.csrf("/funcionarios/admin/tokens").await;
    let made = admin
        .post(
            "/funcionarios/admin/tokens",
            &[("csrf", &csrf), ("nombre", "Tablero"), ("rol", "auditor")],
        )
        .await;
    assert_eq!(made.status, 200, "{}", made.body);
    let console_token = secret(&made.body);
    assert!(console_token.starts_with("pqrs_"));
    assert_eq!(
        app.get_as(&console_token, "/v1/audit/access-log")
            .await
            .status(),
        200
    );
    let page = admin.get("/funcionarios/admin/tokens").await;
    assert!(page.body.contains("Tablero"));
    let list = pqrs_cli_ok(&["token", "list", "--database-url", &db.url]).await;
    let row = list.lines().find(|l| l.contains("Tablero")).unwrap();
    let console_id = row.split('\t').next().unwrap();
    assert!(
        !row.contains("cli"),
        "created by the admin's account: {row}"
    );
    let revoked = admin
        .post(
            &format!("/funcionarios/admin/tokens/{console_id}/revocar"),
            &[("csrf", &csrf)],
        )
        .await;
    assert_eq!(revoked.status, 303);
    assert_eq!(
        app.get_as(&console_token, "/v1/audit/access-log")
            .await
            .status(),
        401
    );
}

async fn the_access_log_is_for_auditors_and_never_holds_a_password(b: Backend) {
    let db = TestDb::new(b).await;
    let app = spawn_app(&db).await;
    let auditor_once = create_account(&db, "auditora@entidad.gov.co", "Auditora", "auditor").await;
    let agent_once = create_account(&db, "gestor@entidad.gov.co", "Gestor", "agent").await;
    let mut wrong = ConsoleClient::new(&app.base);
    wrong
        .log_in("gestor@entidad.gov.co", "clave-secreta-equivocada")
        .await;
    let mut auditor = ConsoleClient::new(&app.base);
    auditor
        .log_in_first_time(
            "auditora@entidad.gov.co",
            &auditor_once,
            "la clave de la auditora",
        )
        .await;
    let mut agent = ConsoleClient::new(&app.base);
    agent
        .log_in_first_time("gestor@entidad.gov.co", &agent_once, AGENT_PASSWORD)
        .await;

    let page = auditor.get("/funcionarios/auditoria/accesos").await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("Intento fallido de inicio de sesión"));
    assert!(page.body.contains("gestor@entidad.gov.co"));
    assert!(!page.body.contains("clave-secreta-equivocada"));
    assert_eq!(
        agent.get("/funcionarios/auditoria/accesos").await.status,
        403
    );

    let auditor_token = db.token("auditor").await;
    let agent_token = db.token("agent").await;
    let res = app
        .get_as(&auditor_token, "/v1/audit/access-log?page_size=2")
        .await;
    assert_eq!(res.status(), 200);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["entries"].as_array().unwrap().len(), 2);
    assert!(body["total"].as_i64().unwrap() >= 8, "{body}");
    let all = app
        .get_as(&auditor_token, "/v1/audit/access-log")
        .await
        .text()
        .await
        .unwrap();
    assert!(all.contains("\"login_failed\""));
    assert!(!all.contains("clave-secreta-equivocada"));
    let first: serde_json::Value = serde_json::from_str(&all).unwrap();
    let ids: Vec<i64> = first["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_i64().unwrap())
        .collect();
    assert!(ids.windows(2).all(|w| w[0] > w[1]), "newest first: {ids:?}");
    let res = app.get_as(&agent_token, "/v1/audit/access-log").await;
    assert_eq!(res.status(), 403);
    assert_eq!(
        res.headers()["content-type"].to_str().unwrap(),
        "application/problem+json"
    );
    let doc = app.get_json("/openapi.json").await;
    assert!(doc["paths"]["/v1/audit/access-log"]["get"].is_object());
}

/// Runs axe-core on the browser's page: 0 violations (WCAG 2.0/2.1 A and AA).
async fn no_violations(browser: &Browser, axe: &str, name: &str, b: Backend) {
    browser
        .screenshot(&format!("consola-{name}-{b:?}").to_lowercase())
        .await;
    let violations = browser.axe(axe).await;
    assert!(
        violations.is_empty(),
        "{name}: {} axe violations: {}",
        violations.len(),
        serde_json::to_string_pretty(&violations).unwrap_or_default()
    );
}

async fn in_a_browser_an_admin_creates_an_agent_who_signs_in_and_every_page_passes_axe(b: Backend) {
    let db = TestDb::new(b).await;
    let app = spawn_app(&db).await;
    let admin_once = create_account(&db, "admin@entidad.gov.co", "Admin", "admin").await;
    let axe = axe_source();
    let browser = Browser::start(1024).await;
    let base = app.base.clone();

    // The login page, and its error state.
    browser.goto(&format!("{base}/funcionarios")).await;
    wait_for_page(&browser).await;
    no_violations(&browser, &axe, "login", b).await;
    fill_and_submit(
        &browser,
        json!({"correo": "admin@entidad.gov.co", "clave": "equivocada"}),
    )
    .await;
    assert!(browser.text().await.contains("no son correctos"));
    no_violations(&browser, &axe, "login-error", b).await;

    // First login: the password page, its error state, then the console.
    fill_and_submit(
        &browser,
        json!({"correo": "admin@entidad.gov.co", "clave": admin_once}),
    )
    .await;
    assert_eq!(path(&browser).await, "/funcionarios/clave");
    no_violations(&browser, &axe, "clave", b).await;
    fill_and_submit(
        &browser,
        json!({"actual": admin_once, "nueva": "corta", "repetir": "corta"}),
    )
    .await;
    assert!(browser.text().await.contains("al menos 12 caracteres"));
    no_violations(&browser, &axe, "clave-error", b).await;
    fill_and_submit(
        &browser,
        json!({"actual": admin_once, "nueva": ADMIN_PASSWORD, "repetir": ADMIN_PASSWORD}),
    )
    .await;
    assert_eq!(path(&browser).await, "/funcionarios/bandeja");

    // Administration: create an agent in the page; the one-time password is shown once.
    browser
        .goto(&format!("{base}/funcionarios/admin/cuentas"))
        .await;
    wait_for_page(&browser).await;
    no_violations(&browser, &axe, "admin-cuentas", b).await;
    fill_and_submit(&browser, json!({"correo": "", "nombre": ""})).await;
    assert!(browser.text().await.contains("Revise lo siguiente"));
    no_violations(&browser, &axe, "admin-cuentas-error", b).await;
    fill_and_submit(
        &browser,
        json!({"correo": "gestora@entidad.gov.co", "nombre": "Gestora Díaz", "rol": "agent", "dependencia": "Atención al ciudadano"}),
    )
    .await;
    no_violations(&browser, &axe, "admin-cuenta-creada", b).await;
    let one_time = browser
        .eval(
            "return document.getElementById('secreto').innerText;",
            json!([]),
        )
        .await
        .as_str()
        .unwrap()
        .trim()
        .to_owned();
    assert_eq!(one_time.len(), 19, "{one_time}");
    browser
        .goto(&format!("{base}/funcionarios/admin/tokens"))
        .await;
    wait_for_page(&browser).await;
    no_violations(&browser, &axe, "admin-tokens", b).await;
    fill_and_submit(
        &browser,
        json!({"nombre": "Integración", "rol": "reporter"}),
    )
    .await;
    no_violations(&browser, &axe, "admin-token-creado", b).await;
    browser
        .goto(&format!("{base}/funcionarios/auditoria/accesos"))
        .await;
    wait_for_page(&browser).await;
    assert!(browser.text().await.contains("Cuenta creada"));
    no_violations(&browser, &axe, "accesos", b).await;

    // Sign out (the form in the header), then the agent signs in and changes the password.
    browser
        .eval(
            "document.querySelector('form.salir').requestSubmit();",
            json!([]),
        )
        .await;
    wait_for(std::time::Duration::from_secs(20), || async {
        path(&browser).await == "/funcionarios"
    })
    .await;
    wait_for_page(&browser).await;
    assert!(browser.text().await.contains("Cerró su sesión"));
    no_violations(&browser, &axe, "salida", b).await;
    let now_in_force = sign_in(&browser, &base, "gestora@entidad.gov.co", &one_time).await;
    assert_ne!(now_in_force, one_time);
    assert_eq!(path(&browser).await, "/funcionarios/bandeja");
    assert!(browser.text().await.contains("Gestora Díaz"));
    no_violations(&browser, &axe, "bandeja-provisional", b).await;
    // The agent's navigation has no administration, and its address answers the console's
    // refusal, whose way back leads to the agent's bandeja.
    assert!(!browser.text().await.contains("Administración"));
    browser
        .goto(&format!("{base}/funcionarios/admin/cuentas"))
        .await;
    wait_for_page(&browser).await;
    assert!(browser.text().await.contains("Volver a la consola"));
    no_violations(&browser, &axe, "rechazo-rol", b).await;
    browser
        .eval(
            "document.querySelector('main a[href=\"/funcionarios\"]').click();",
            json!([]),
        )
        .await;
    wait_for(std::time::Duration::from_secs(20), || async {
        path(&browser).await == "/funcionarios/bandeja"
    })
    .await;
    browser.quit().await;
}

async fn a_session_ends_after_30_idle_minutes_and_12_hours_after_login(b: Backend) {
    let db = TestDb::new(b).await;
    let one_time = create_account(&db, "rosa@entidad.gov.co", "Rosa", "agent").await;
    let app = spawn_app(&db).await;
    app.set_clock("2026-12-01T09:00:00-05:00").await;
    let mut c = ConsoleClient::new(&app.base);
    c.log_in_first_time("rosa@entidad.gov.co", &one_time, AGENT_PASSWORD)
        .await;
    // Used every 29 minutes, the session lives on; 31 minutes unused, it ends.
    app.set_clock("2026-12-01T09:29:00-05:00").await;
    assert_eq!(c.get("/funcionarios/bandeja").await.status, 200);
    app.set_clock("2026-12-01T09:58:00-05:00").await;
    assert_eq!(c.get("/funcionarios/bandeja").await.status, 200);
    app.set_clock("2026-12-01T10:29:30-05:00").await;
    let idle = c.get("/funcionarios/bandeja").await;
    assert_eq!(idle.status, 303);
    assert_eq!(idle.location.as_deref(), Some("/funcionarios"));

    // Used every 25 minutes, it still ends 12 hours after login.
    assert_eq!(
        c.log_in("rosa@entidad.gov.co", AGENT_PASSWORD).await.status,
        303
    );
    let start = chrono::DateTime::parse_from_rfc3339("2026-12-01T10:29:30-05:00").unwrap();
    let mut ended = false;
    for step in 1..=30 {
        let at = start + chrono::Duration::minutes(25 * step);
        app.set_clock(&at.to_rfc3339()).await;
        let page = c.get("/funcionarios/bandeja").await;
        let expected = if 25 * step <= 12 * 60 { 200 } else { 303 };
        assert_eq!(page.status, expected, "{} minutes after login", 25 * step);
        if expected == 303 {
            ended = true;
            break;
        }
    }
    assert!(ended, "the absolute timeout was reached");
}

async fn the_cli_disables_enables_and_resets_an_account(b: Backend) {
    let db = TestDb::new(b).await;
    let one_time = create_account(&db, "jefe@entidad.gov.co", "Jefe", "admin").await;
    let app = spawn_app(&db).await;
    let mut c = ConsoleClient::new(&app.base);
    c.log_in_first_time("jefe@entidad.gov.co", &one_time, ADMIN_PASSWORD)
        .await;
    let url = db.url.clone();
    pqrs_cli_ok(&[
        "user",
        "disable",
        "Jefe@entidad.gov.co",
        "--database-url",
        &url,
    ])
    .await;
    assert_eq!(c.get("/funcionarios/admin/cuentas").await.status, 303);
    pqrs_cli_ok(&[
        "user",
        "enable",
        "jefe@entidad.gov.co",
        "--database-url",
        &url,
    ])
    .await;
    let new_once = pqrs_cli_ok(&[
        "user",
        "reset-password",
        "jefe@entidad.gov.co",
        "--database-url",
        &url,
    ])
    .await;
    let new_once = new_once.trim();
    assert_eq!(new_once.len(), 19);
    let mut d = ConsoleClient::new(&app.base);
    assert_eq!(
        d.log_in("jefe@entidad.gov.co", ADMIN_PASSWORD).await.status,
        401
    );
    d.log_in_first_time("jefe@entidad.gov.co", new_once, "otra clave larga del jefe")
        .await;
    let list = pqrs_cli_ok(&["user", "list", "--database-url", &url]).await;
    assert!(list.contains("jefe@entidad.gov.co\tJefe\tadmin"), "{list}");
    let missing = pqrs_cli(&[
        "user",
        "disable",
        "nadie@entidad.gov.co",
        "--database-url",
        &url,
    ])
    .await;
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no hay una cuenta"));
    let dup = pqrs_cli(&[
        "user",
        "create",
        "--email",
        "JEFE@entidad.gov.co",
        "--name",
        "Otro",
        "--role",
        "agent",
        "--database-url",
        &url,
    ])
    .await;
    assert!(!dup.status.success());
    assert!(String::from_utf8_lossy(&dup.stderr).contains("ya existe una cuenta"));
}

async fn behind_an_https_address_the_session_cookie_is_secure(b: Backend) {
    let db = TestDb::new(b).await;
    let one_time = create_account(&db, "tls@entidad.gov.co", "TLS", "agent").await;
    let mut cmd = tokio::process::Command::new(server_binary());
    cmd.args(["serve", "--bind", "127.0.0.1:0", "--database-url", &db.url])
        .env_remove("PQRS_CONFIG")
        .env("PQRS_PORTAL_URL", "https://pqrs.entidad.gov.co")
        .stderr(std::process::Stdio::null());
    let (_child, base) = start_listening(&mut cmd).await;
    let mut c = ConsoleClient::new(&base);
    let page = c.log_in("tls@entidad.gov.co", &one_time).await;
    assert_eq!(page.status, 303, "{}", page.body);
    let cookie = page
        .set_cookies
        .iter()
        .find(|c| c.starts_with("pqrs_session="))
        .expect("a session cookie");
    assert!(cookie.contains("; Secure"), "{cookie}");
}

async fn twenty_failures_from_one_address_lock_that_address(b: Backend) {
    let db = TestDb::new(b).await;
    let one_time = create_account(&db, "sara@entidad.gov.co", "Sara", "agent").await;
    let app = spawn_app(&db).await;
    // Four tries each on five e-mails: no account reaches its own limit of five.
    for i in 0..20 {
        let mut c = ConsoleClient::new(&app.base);
        let page = c
            .log_in(&format!("intruso{}@entidad.gov.co", i % 5), "adivinando")
            .await;
        assert_eq!(page.status, 401, "attempt {i}");
    }
    let mut c = ConsoleClient::new(&app.base);
    let page = c.log_in("sara@entidad.gov.co", &one_time).await;
    assert_eq!(page.status, 429, "the address is locked: {}", page.body);
    assert!(page.body.contains("desde esta conexión"));
}

/// A console page that is refused or fails — a role's 403, a case that does not exist, a form
/// sent after the session ended, an address the console does not have — is drawn in the
/// console's frame with the way back to the console, not in the citizen portal's (whose
/// navigation leads to filing and following a request); the portal's own 404 keeps the portal's.
async fn the_consoles_refusals_are_drawn_in_its_own_frame_with_the_way_back(b: Backend) {
    let db = TestDb::new(b).await;
    let app = spawn_app(&db).await;
    let (_admin, mut agent, _) = admin_and_agent(&db, &app).await;
    fn in_the_console_frame(status: u16, body: &str, expected: u16, what: &str) {
        assert_eq!(status, expected, "{what}: {body}");
        for (needle, why) in [
            ("Consola de funcionarios", "the console's frame"),
            (
                "<a href=\"/funcionarios\">Volver a la consola</a>",
                "the way back",
            ),
        ] {
            assert!(body.contains(needle), "{what}: lacks {why}:\n{body}");
        }
        assert!(
            !body.contains("href=\"/radicar\""),
            "{what}: the portal's navigation:\n{body}"
        );
    }
    let page = agent.get("/funcionarios/admin/cuentas").await;
    in_the_console_frame(page.status, &page.body, 403, "an agent at the accounts");
    assert!(
        page.body.contains("solo para administradores"),
        "{}",
        page.body
    );
    let page = agent.get("/funcionarios/casos/2026-999999").await;
    in_the_console_frame(page.status, &page.body, 404, "a case that does not exist");
    let page = agent.get("/funcionarios/auditoria/accesos").await;
    in_the_console_frame(page.status, &page.body, 403, "an agent at the access log");
    let page = ConsoleClient::new(&app.base)
        .post("/funcionarios/salir", &[("csrf", "0")])
        .await;
    in_the_console_frame(
        page.status,
        &page.body,
        401,
        "a form after the session ended",
    );

    let html = |path: &str| {
        app.client
            .get(app.url(path))
            .header("accept", "text/html")
            .send()
    };
    let res = html("/funcionarios/no-existe").await.unwrap();
    let status = res.status().as_u16();
    let body = res.text().await.unwrap();
    in_the_console_frame(status, &body, 404, "an address the console does not have");
    let res = html("/no-existe").await.unwrap();
    assert_eq!(res.status().as_u16(), 404);
    let body = res.text().await.unwrap();
    assert!(
        body.contains("href=\"/radicar\"") && !body.contains("Volver a la consola"),
        "the portal's 404 keeps the portal's frame:\n{body}"
    );
}

/// Whoever creates an account may give it its language (the console's form, `pqrs user create
/// --language`): the official's console opens in it at the first login and the lists show it;
/// a language that is not one is refused and nothing is created.
async fn an_admin_may_give_a_new_account_its_language_in_the_console_or_the_command_line(
    b: Backend,
) {
    let db = TestDb::new(b).await;
    let app = spawn_app(&db).await;
    let (mut admin, _, _) = admin_and_agent(&db, &app).await;
    let accounts = "/funcionarios/admin/cuentas";
    let form = admin.get(accounts).await;
    assert!(
        form.body
            .contains("<option value=\"\" selected>El de su primer ingreso</option>"),
        "{}",
        form.body
    );
    let csrf = admin.csrf(accounts).await;
    let create = |email: &'static str, idioma: &'static str| {
        [
            ("csrf", csrf.clone()),
            ("correo", email.to_owned()),
            ("nombre", "Ana Gómez".to_owned()),
            ("rol", "agent".to_owned()),
            ("idioma", idioma.to_owned()),
        ]
    };
    let fields = create("ana@entidad.gov.co", "fr");
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let refused = admin.post(accounts, &fields).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(
        refused.body.contains("Elija un idioma de la lista."),
        "{}",
        refused.body
    );
    let fields = create("ana@entidad.gov.co", "en");
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let created = admin.post(accounts, &fields).await;
    assert_eq!(created.status, 200, "{}", created.body);
    let one_time = created
        .body
        .split("id=\"secreto\"")
        .nth(1)
        .expect("the secret");
    let one_time = one_time[one_time.find('>').unwrap() + 1..]
        .split('<')
        .next()
        .unwrap()
        .trim()
        .to_owned();
    assert_eq!(one_time.len(), 19, "{one_time}");
    let list = admin.get(accounts).await;
    let row = list
        .body
        .split("<tr>")
        .find(|r| r.contains("ana@entidad.gov.co"))
        .expect("Ana's row");
    assert!(row.contains("<td>Inglés</td>"), "{row}");

    // Her first login, on a browser that never chose: the console speaks English.
    let mut ana = ConsoleClient::new(&app.base);
    let login = ana.log_in("ana@entidad.gov.co", &one_time).await;
    assert_eq!(login.status, 303, "{}", login.body);
    assert_eq!(ana.cookies.get("pqrs_lang").map(String::as_str), Some("en"));

    // The command line: refused, then kept.
    let refused = pqrs_cli(&[
        "user",
        "create",
        "--email",
        "luis@entidad.gov.co",
        "--name",
        "Luis",
        "--role",
        "agent",
        "--language",
        "fr",
        "--database-url",
        &db.url,
    ])
    .await;
    assert!(!refused.status.success());
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(
        said.contains("el idioma `fr` no existe: use es o en"),
        "{said}"
    );
    pqrs_cli_ok(&[
        "user",
        "create",
        "--email",
        "luis@entidad.gov.co",
        "--name",
        "Luis",
        "--role",
        "agent",
        "--language",
        "en",
        "--database-url",
        &db.url,
    ])
    .await;
    let list = pqrs_cli_ok(&["user", "list", "--database-url", &db.url]).await;
    let luis = list
        .lines()
        .find(|l| l.contains("luis@entidad.gov.co"))
        .expect("Luis's line");
    assert_eq!(luis.split('\t').next_back(), Some("en"), "{list}");
    let admin_line = list
        .lines()
        .find(|l| l.contains("admin@entidad.gov.co"))
        .expect("the admin's line");
    assert_eq!(admin_line.split('\t').next_back(), Some("es"), "{list}");
}
