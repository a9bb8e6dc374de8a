//! Staff accounts, console sessions, throttling, tokens and the access log (issue 14, part 1),
//! over HTTP against the real server on both backends.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use pqrs_tests::console::{create_account, ConsoleClient};
use pqrs_tests::*;

on_both_backends!(
    a_session_survives_a_restart_and_ends_at_logout,
    a_console_form_without_its_csrf_token_changes_nothing,
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
