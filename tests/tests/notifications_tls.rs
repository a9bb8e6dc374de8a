//! How mail leaves (issue 15, item 2): over STARTTLS or TLS from the first byte, with
//! authentication, to a real SMTP server (aiosmtpd on loopback, tests/src/smtp.rs) whose
//! certificate an entity's own authority signed (tests/fixtures/smtp-tls), on SQLite and
//! PostgreSQL. A server the process cannot trust, or one that refuses its password, keeps the
//! messages waiting until the settings are mended; settings that cannot work stop the start;
//! `pqrs mail test` checks them by sending one message.

// Test code: a failed step panics, naming what failed (the workspace warns elsewhere).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use pqrs_tests::console::webdriver::{axe_source, Browser};
use pqrs_tests::console::{
    client_as, create_account, fill_and_submit, new_password_for, sign_in, wait_for_page,
    ConsoleClient,
};
use pqrs_tests::smtp::{
    count, file_case, log_with, mail_petition, spawn_mailing_app, spawn_mailing_app_with_env,
    tls_fixture, wait_for_count, Received, SmtpSink, NOTIFIED,
};
use pqrs_tests::*;
use serde_json::json;
use std::time::Duration;

on_both_backends!(
    mail_goes_over_starttls_authenticated_to_a_relay_the_entitys_own_authority_signed,
    mail_goes_over_tls_from_the_first_byte_with_the_authority_of_the_configuration_file,
    a_relay_not_trusted_or_refusing_the_password_keeps_the_messages_until_the_settings_are_mended,
    an_admin_reads_the_mail_settings_and_sends_a_test_message_from_the_console,
);

/// A password in a plain `smtp://` URL to another machine crosses the network in clear: the
/// start warns, and the console's mail page says so first.
#[tokio::test]
async fn a_password_sent_in_clear_is_warned_of_at_start_and_on_the_mail_page() {
    let db = TestDb::new(Backend::Sqlite).await;
    let log = db.dir().join("server.log");
    let secret = "clave-en-claro-9";
    let url = format!("smtp://pqrs:{secret}@relay.invalid:25");
    let app = spawn_mailing_app_with_env(&db, &url, &[], &log).await;
    let text = log_with(&log, "crosses the network unencrypted").await;
    assert!(!text.contains(secret), "{text}");
    let mut admin = client_as(&app, &db, "admin").await;
    let page = admin.get(MAIL_PAGE).await;
    assert!(
        page.body.contains("id=\"clave-sin-cifrar\""),
        "{}",
        page.body
    );
    assert!(
        page.body.contains("Ninguno: los correos viajan sin cifrar"),
        "{}",
        page.body
    );
    assert!(!page.body.contains(secret), "{}", page.body);
    // The alert passes axe-core at 360 px like the page's other states.
    let password = create_account(&db, "admin@entidad.gov.co", "Ana Admin", "admin").await;
    let browser = Browser::start(360).await;
    sign_in(&browser, &app.base, "admin@entidad.gov.co", &password).await;
    browser.goto(&app.url(MAIL_PAGE)).await;
    wait_for_page(&browser).await;
    assert!(browser.text().await.contains("viaja sin cifrar por la red"));
    browser
        .check_page(
            &axe_source(),
            "admin-correo-sin-cifrar",
            "consola-admin-correo-sin-cifrar",
        )
        .await;
    browser.quit().await;
}

/// A server that takes the connection and never says a word: the console's test says so on its
/// page, within its wait (15 s), rather than leaving the request to time out.
#[tokio::test]
async fn a_test_message_to_a_server_that_never_answers_is_said_on_the_page() {
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = silent.local_addr().unwrap().port();
    let db = TestDb::new(Backend::Sqlite).await;
    let log = db.dir().join("server.log");
    let app = spawn_mailing_app_with_env(&db, &format!("smtp://127.0.0.1:{port}"), &[], &log).await;
    let mut admin = client_as(&app, &db, "admin").await;
    let csrf = admin.csrf(MAIL_PAGE).await;
    let page = admin
        .post(
            MAIL_PAGE,
            &[("csrf", &csrf), ("para", "sistemas@entidad.gov.co")],
        )
        .await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(
        page.body.contains("no respondió en 15 segundos"),
        "{}",
        page.body
    );
    drop(silent);
}

const WAIT: Duration = Duration::from_secs(60);
const USER: &str = "pqrs";
const PASSWORD: &str = "clave-del-relevo-2026";

/// The authority that signed the test server's certificate.
fn ca() -> String {
    tls_fixture("ca.pem").display().to_string()
}

/// `smtp://USER:password@localhost:PORT?tls=required` (STARTTLS required).
fn starttls_url(sink: &SmtpSink, password: &str) -> String {
    format!(
        "smtp://{USER}:{password}@localhost:{}?tls=required",
        sink.port
    )
}

/// `pqrs serve` with mail to `sink` over STARTTLS as `USER`/`password`, trusting the test
/// authority (`PQRS_SMTP_CA_FILE`), its log written to `log`.
async fn trusting_app(db: &TestDb, sink: &SmtpSink, password: &str, log: &std::path::Path) -> App {
    spawn_mailing_app_with_env(
        db,
        &starttls_url(sink, password),
        &[("PQRS_SMTP_CA_FILE", &ca())],
        log,
    )
    .await
}

/// The one message `sink` received, once it arrives: to `to`, over TLS, authenticated as
/// `USER`.
async fn the_message(sink: &SmtpSink, to: &str) -> Received {
    let received = sink.wait_for(1, WAIT).await;
    assert_eq!(received.len(), 1);
    let m = received.into_iter().next().unwrap();
    assert!(m.tls, "over TLS");
    assert_eq!(m.user.as_deref(), Some(USER), "authenticated");
    assert_eq!(m.rcpt_tos, [to]);
    m
}

async fn mail_goes_over_starttls_authenticated_to_a_relay_the_entitys_own_authority_signed(
    b: Backend,
) {
    let db = TestDb::new(b).await;
    let sink = SmtpSink::start_secured(false, USER, PASSWORD).await;
    let log = db.dir().join("server.log");
    let app = trusting_app(&db, &sink, PASSWORD, &log).await;
    let (radicado, _) = file_case(&app, &mail_petition("ana.perez@example.co", false)).await;
    let m = the_message(&sink, "ana.perez@example.co").await;
    wait_for_count(&db, NOTIFIED, 1).await;
    assert!(m.header("subject").contains(&radicado), "{m:?}");
    // The start names the server with its password hidden; no line holds the password.
    let text = log_with(&log, "e-mail to petitioners is ON").await;
    assert!(text.contains(&format!("{USER}:***@localhost")), "{text}");
    assert!(!text.contains(PASSWORD), "{text}");
}

async fn mail_goes_over_tls_from_the_first_byte_with_the_authority_of_the_configuration_file(
    b: Backend,
) {
    let db = TestDb::new(b).await;
    let sink = SmtpSink::start_secured(true, USER, PASSWORD).await;
    let config = db.dir().join("pqrs.toml");
    std::fs::write(&config, format!("smtp_ca_file = {:?}\n", ca())).unwrap();
    let url = format!("smtps://{USER}:{PASSWORD}@localhost:{}", sink.port);
    let app = spawn_mailing_app(&db, &url, Some(&config)).await;
    file_case(&app, &mail_petition("luis@example.co", false)).await;
    the_message(&sink, "luis@example.co").await;
    wait_for_count(&db, NOTIFIED, 1).await;
}

/// Outbox rows still waiting: neither sent nor failed.
const WAITING: &str =
    "SELECT COUNT(*) FROM mail_outbox WHERE sent_at IS NULL AND failed_at IS NULL";

async fn a_relay_not_trusted_or_refusing_the_password_keeps_the_messages_until_the_settings_are_mended(
    b: Backend,
) {
    let db = TestDb::new(b).await;
    let sink = SmtpSink::start_secured(false, USER, PASSWORD).await;
    let failed = "SELECT COUNT(*) FROM events WHERE event_type = 'NotificationFailed'";

    // Without the entity's authority the server's certificate is not trusted: nothing is sent
    // over a connection that could be another's, and the message waits.
    let log = db.dir().join("untrusted.log");
    let app = spawn_mailing_app_with_env(&db, &starttls_url(&sink, PASSWORD), &[], &log).await;
    file_case(&app, &mail_petition("ana.perez@example.co", false)).await;
    wait_for_count(
        &db,
        "SELECT COUNT(*) FROM mail_outbox WHERE attempts >= 1 AND last_error IS NOT NULL",
        1,
    )
    .await;
    let text = log_with(&log, "SMTP server unreachable").await;
    assert!(!text.contains(PASSWORD), "{text}");
    app.terminate().await;
    assert!(sink.received().is_empty());
    assert_eq!(count(&db, WAITING).await, 1, "waiting, not failed");

    // Trusted, but with a password the server refuses (535): the settings are wrong, not the
    // message, which waits for them to be mended instead of failing for good.
    let log = db.dir().join("refused.log");
    let app = trusting_app(&db, &sink, "clave-vieja", &log).await;
    wait_for_count(
        &db,
        "SELECT COUNT(*) FROM mail_outbox WHERE attempts >= 2",
        1,
    )
    .await;
    let text = log_with(&log, "535").await;
    assert!(!text.contains("clave-vieja"), "{text}");
    app.terminate().await;
    assert!(sink.received().is_empty());
    assert_eq!(count(&db, WAITING).await, 1, "waiting, not failed");
    assert_eq!(count(&db, failed).await, 0);

    // Mended: the message goes, once, and only its acceptance is in the history.
    let log = db.dir().join("mended.log");
    let _app = trusting_app(&db, &sink, PASSWORD, &log).await;
    the_message(&sink, "ana.perez@example.co").await;
    wait_for_count(&db, NOTIFIED, 1).await;
    assert_eq!(count(&db, WAITING).await, 0);
    assert_eq!(count(&db, failed).await, 0);
}

/// A new directory under the system's temporary one.
fn scratch_dir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("pqrs-tls-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// `pqrs serve` (after `lang`, e.g. `--lang en`) with mail through `url` and
/// `PQRS_SMTP_CA_FILE=ca_file`: must fail at start, before it opens the store (no file made);
/// returns what it said.
async fn start_refused(lang: &[&str], url: &str, ca_file: &str) -> String {
    let store = scratch_dir().join("pqrs.db");
    let db = format!("sqlite://{}", store.display());
    let args = [
        lang,
        &["serve", "--bind", "127.0.0.1:0", "--database-url", &db],
    ]
    .concat();
    let out = cli_command(&args)
        .env_remove("PQRS_CONFIG")
        .env("PQRS_SMTP_URL", url)
        .env("PQRS_SMTP_FROM", "Alcaldía de Prueba <pqrs@prueba.gov.co>")
        .env("PQRS_SMTP_CA_FILE", ca_file)
        .output()
        .await
        .unwrap();
    let said = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(
        !out.status.success(),
        "pqrs serve started with {url} and {ca_file}"
    );
    assert!(
        !store.exists(),
        "the store was opened before the settings were checked: {said}"
    );
    said
}

#[tokio::test]
async fn an_authority_file_that_cannot_work_stops_the_start_naming_the_setting() {
    let secure = "smtp://localhost:2525?tls=required";
    let missing = start_refused(&[], secure, "/no/existe/ca.pem").await;
    assert!(missing.contains("smtp_ca_file"), "{missing}");
    assert!(missing.contains("no se pudo leer"), "{missing}");

    let not_pem = scratch_dir().join("ca.txt");
    std::fs::write(&not_pem, "esto no es un certificado\n").unwrap();
    let text = start_refused(&[], secure, &not_pem.display().to_string()).await;
    assert!(text.contains("smtp_ca_file"), "{text}");
    assert!(text.contains("ningún certificado"), "{text}");

    // An authority for a server reached in clear would protect nothing: refused, with the way out.
    let clear = format!("smtp://{USER}:{PASSWORD}@localhost:2525");
    let plain = start_refused(&[], &clear, &ca()).await;
    assert!(plain.contains("smtp_ca_file"), "{plain}");
    assert!(plain.contains("no usa TLS"), "{plain}");
    assert!(plain.contains("tls=required"), "{plain}");
    assert!(!plain.contains(PASSWORD), "{plain}");
    // In English when asked, as every line the command line writes for a person.
    let english = start_refused(&["--lang", "en"], &clear, &ca()).await;
    assert!(english.contains("does not use TLS"), "{english}");
}

/// A URL that cannot be a mail server's stops the start with the reason in the operator's
/// language all through, not in the mail library's English.
#[tokio::test]
async fn a_bad_smtp_url_stops_the_start_saying_why_in_spanish_or_english() {
    let port = start_refused(&[], "smtp://relay.prueba.gov.co:99999?tls=required", &ca()).await;
    assert!(
        port.contains("no se puede usar: el puerto debe ser un número de 1 a 65535"),
        "{port}"
    );
    let scheme = start_refused(&[], "correo://relay.prueba.gov.co", &ca()).await;
    assert!(
        scheme.contains("debe empezar por smtp:// o smtps://"),
        "{scheme}"
    );
    assert!(!scheme.contains("Unknown scheme"), "{scheme}");
    let english = start_refused(&["--lang", "en"], "correo://relay.prueba.gov.co", &ca()).await;
    assert!(
        english.contains("is not usable: it must start with smtp:// or smtps://"),
        "{english}"
    );
}

/// `pqrs mail test --to ana.perez@example.co` (after `lang`) with mail through `url`, trusting
/// the test authority.
async fn mail_test(lang: &[&str], url: Option<&str>) -> std::process::Output {
    let args = [lang, &["mail", "test", "--to", "ana.perez@example.co"]].concat();
    let mut cmd = cli_command(&args);
    cmd.env_remove("PQRS_CONFIG")
        .env_remove("PQRS_SMTP_URL")
        .env("PQRS_SMTP_FROM", "Alcaldía de Prueba <pqrs@prueba.gov.co>")
        .env("PQRS_SMTP_CA_FILE", ca());
    if let Some(url) = url {
        cmd.env("PQRS_SMTP_URL", url);
    }
    cmd.output().await.unwrap()
}

#[tokio::test]
async fn an_operator_checks_the_mail_settings_with_a_test_message() {
    let sink = SmtpSink::start_secured(false, USER, PASSWORD).await;
    let out = mail_test(&[], Some(&starttls_url(&sink, PASSWORD))).await;
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{said} {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(said.contains("aceptó el correo de prueba: 250"), "{said}");
    assert!(
        said.contains(&format!("{USER}:***@localhost")) && !said.contains(PASSWORD),
        "{said}"
    );
    let m = the_message(&sink, "ana.perez@example.co").await;
    assert!(m.header("subject").starts_with("Correo de prueba de pqrs"));
    assert!(m.text.contains("pqrs mail test"), "{}", m.text);

    // A refusal is said with the server's words, and fails the command for a script to see.
    let out = mail_test(&[], Some(&starttls_url(&sink, "clave-vieja"))).await;
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        said.contains("no tomó el correo de prueba: el servidor respondió 535"),
        "{said}"
    );
    assert!(!said.contains("clave-vieja"), "{said}");
    // Nothing listening: said in the operator's words, not lettre's.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("smtp://{}?tls=required", closed.local_addr().unwrap());
    drop(closed);
    for (lang, words) in [
        (
            &[][..],
            "nada escucha en esa dirección y puerto: ¿está en marcha el servidor?",
        ),
        (
            &["--lang", "en"][..],
            "nothing is listening at that address and port: is the server running?",
        ),
    ] {
        let out = mail_test(lang, Some(&url)).await;
        let said = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success());
        assert!(said.contains(words), "{said}");
        assert!(!said.contains("Connection error"), "{said}");
    }
    let out = mail_test(&["--lang", "en"], None).await;
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        said.contains("e-mail is off") && said.contains("PQRS_SMTP_URL"),
        "{said}"
    );
    assert_eq!(
        sink.received().len(),
        1,
        "only the accepted test reached the server"
    );
}

const MAIL_PAGE: &str = "/funcionarios/admin/correo";

async fn an_admin_reads_the_mail_settings_and_sends_a_test_message_from_the_console(b: Backend) {
    let db = TestDb::new(b).await;
    let sink = SmtpSink::start_secured(false, USER, PASSWORD).await;
    let log = db.dir().join("server.log");
    let app = trusting_app(&db, &sink, PASSWORD, &log).await;
    let password = create_account(&db, "admin@entidad.gov.co", "Ana Admin", "admin").await;
    let axe = axe_source();
    let browser = Browser::start(360).await;
    sign_in(&browser, &app.base, "admin@entidad.gov.co", &password).await;
    browser.goto(&app.url(MAIL_PAGE)).await;
    wait_for_page(&browser).await;
    let text = browser.text().await;
    assert!(text.contains("está activado"), "{text}");
    assert!(text.contains(&format!("{USER}:***@localhost")), "{text}");
    let html = browser
        .eval("return document.documentElement.outerHTML;", json!([]))
        .await;
    assert!(!html.as_str().unwrap().contains(PASSWORD));
    assert!(text.contains("Sí: se confía también"), "{text}");
    assert!(text.contains("STARTTLS obligatorio"), "{text}");
    assert!(!text.contains("viaja sin cifrar por la red"), "{text}");
    assert!(text.contains("Mensajes en espera de envío: 0"), "{text}");
    browser
        .check_page(
            &axe,
            "admin-correo",
            &format!("consola-admin-correo-{b:?}").to_lowercase(),
        )
        .await;

    // Not an address: the error beside the field and in the summary, what was typed kept,
    // nothing sent.
    fill_and_submit(&browser, json!({"para": "no-es-un-correo"})).await;
    let text = browser.text().await;
    assert!(text.contains("Revise lo siguiente"), "{text}");
    assert!(text.contains("Escriba un correo electrónico"), "{text}");
    let typed = browser
        .eval("return document.getElementById('para').value;", json!([]))
        .await;
    assert_eq!(typed, "no-es-un-correo");
    browser
        .check_page(
            &axe,
            "admin-correo-error",
            &format!("consola-admin-correo-error-{b:?}").to_lowercase(),
        )
        .await;

    fill_and_submit(&browser, json!({"para": "sistemas@entidad.gov.co"})).await;
    let text = browser.text().await;
    assert!(
        text.contains("El servidor SMTP aceptó el correo de prueba: 250"),
        "{text}"
    );
    browser
        .check_page(
            &axe,
            "admin-correo-enviado",
            &format!("consola-admin-correo-enviado-{b:?}").to_lowercase(),
        )
        .await;
    browser.quit().await;
    let m = the_message(&sink, "sistemas@entidad.gov.co").await;
    assert!(m.header("subject").starts_with("Correo de prueba de pqrs"));
    assert!(m.text.contains("desde la consola"), "{}", m.text);
    let text = log_with(&log, "test e-mail sent from the console").await;
    assert!(
        !text.contains("sistemas@entidad.gov.co"),
        "no address in the log: {text}"
    );

    // Only admins, and only with the session's token.
    let mut agent = client_as(&app, &db, "agent").await;
    assert_eq!(agent.get(MAIL_PAGE).await.status, 403);
    let mut admin = client_as(&app, &db, "admin").await;
    let refused = admin
        .post(MAIL_PAGE, &[("para", "sistemas@entidad.gov.co")])
        .await;
    assert_eq!(refused.status, 403, "{}", refused.body);
    assert_eq!(sink.received().len(), 1, "nothing more sent");
    app.terminate().await;

    // With mail off the page says so, and a test is refused.
    let app = spawn_app(&db).await;
    let one_time = create_account(&db, "otra@entidad.gov.co", "Otra Admin", "admin").await;
    let mut admin = ConsoleClient::new(&app.base);
    admin
        .log_in_first_time(
            "otra@entidad.gov.co",
            &one_time,
            &new_password_for(&one_time),
        )
        .await;
    let page = admin.get(MAIL_PAGE).await;
    assert!(
        page.body.contains("<strong>desactivado</strong>"),
        "{}",
        page.body
    );
    let csrf = admin.csrf(MAIL_PAGE).await;
    let off = admin
        .post(
            MAIL_PAGE,
            &[("csrf", &csrf), ("para", "sistemas@entidad.gov.co")],
        )
        .await;
    assert_eq!(off.status, 409, "{}", off.body);
    assert!(off.body.contains("El correo está apagado"), "{}", off.body);
}
