//! Spanish first (issue 13): every text a person reads in a problem (`title`, `detail`,
//! `errors[].message`) is Spanish (es-CO) by default and English with `Accept-Language: en`,
//! while what machines read (`type`, `status`, field names) is the same in both; on SQLite
//! and PostgreSQL.

// Test code: a failed step panics, naming what failed (the workspace warns elsewhere).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use pqrs_tests::*;
use reqwest::{RequestBuilder, StatusCode};
use serde_json::{json, Value};

on_both_backends!(
    every_representative_error_is_spanish_by_default_and_english_on_request,
    a_refusal_of_a_legal_rule_names_its_article_in_both_languages,
    too_many_failed_attempts_are_told_in_both_languages,
    the_accept_language_header_is_negotiated_with_q_values,
);

/// One request answered twice: without `Accept-Language` and with `Accept-Language: en`.
struct Both {
    es: Value,
    en: Value,
}

async fn problem(req: RequestBuilder, status: StatusCode) -> (Value, String) {
    let r = req.send().await.expect("an answer");
    assert_eq!(r.status(), status);
    assert_eq!(r.headers()["content-type"], "application/problem+json");
    let language = r
        .headers()
        .get("content-language")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (r.json().await.expect("a problem document"), language)
}

/// Sends `req` without and with `Accept-Language: en`, checks that both answers are the same
/// problem for a machine and differ for a person.
async fn both(req: RequestBuilder, status: StatusCode) -> Both {
    let en_req = req.try_clone().expect("a body that can be sent twice");
    let (es, es_lang) = problem(req, status).await;
    let (en, en_lang) = problem(en_req.header("Accept-Language", "en"), status).await;
    assert_eq!(es_lang, "es-CO", "{es}");
    assert_eq!(en_lang, "en", "{en}");
    assert_eq!(es["type"], en["type"]);
    assert_eq!(es["status"], en["status"]);
    assert_eq!(es["status"], status.as_u16());
    let fields = |p: &Value| -> Vec<Value> {
        p["errors"]
            .as_array()
            .map(|a| a.iter().map(|e| e["field"].clone()).collect())
            .unwrap_or_default()
    };
    assert_eq!(
        fields(&es),
        fields(&en),
        "the same fields in both languages"
    );
    assert_ne!(
        es["title"], en["title"],
        "the title is translated: {es} / {en}"
    );
    assert_ne!(
        es["detail"], en["detail"],
        "the detail is translated: {es} / {en}"
    );
    for (e, n) in fields(&es).iter().zip(0..) {
        assert_ne!(
            es["errors"][n]["message"], en["errors"][n]["message"],
            "the message of {e} is translated"
        );
    }
    Both { es, en }
}

fn text(v: &Value, key: &str) -> String {
    v[key].as_str().unwrap_or_default().to_owned()
}

fn message_of(p: &Value, field: &str) -> String {
    p["errors"]
        .as_array()
        .and_then(|a| a.iter().find(|e| e["field"] == field))
        .and_then(|e| e["message"].as_str())
        .unwrap_or_else(|| panic!("no error for {field} in {p}"))
        .to_owned()
}

async fn filed(app: &App) -> (String, String) {
    let r = app.file(&anonymous_petition()).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let v: Value = r.json().await.unwrap();
    (
        v["radicado"].as_str().unwrap().to_owned(),
        v["access_code"].as_str().unwrap().to_owned(),
    )
}

async fn every_representative_error_is_spanish_by_default_and_english_on_request(b: Backend) {
    let db = TestDb::new(b).await;
    let app = spawn_app(&db).await;
    let (radicado, _) = filed(&app).await;

    // 422 with errors[]: a bad kind and an empty subject.
    let mut body = anonymous_petition();
    body["kind"] = json!("queja");
    body["subject"] = json!("   ");
    let p = both(
        app.client.post(app.url("/v1/pqrs")).json(&body),
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(p.es["type"], "urn:pqrs:problem:validation");
    assert_eq!(text(&p.es, "title"), "La solicitud tiene campos no válidos");
    assert_eq!(text(&p.en, "title"), "The request has invalid fields");
    assert!(
        message_of(&p.es, "kind").starts_with("el tipo `queja` no existe"),
        "{}",
        p.es
    );
    assert!(
        message_of(&p.en, "kind").starts_with("unknown kind `queja`"),
        "{}",
        p.en
    );
    assert_eq!(message_of(&p.es, "subject"), "no puede estar vacío");
    assert_eq!(message_of(&p.en, "subject"), "must not be empty");

    // 422 for the petitioner as a whole: nobody to reply to, a document type without its number.
    let mut body = identified_petition();
    body["petitioner"] = json!({"name": "Ana Pérez", "id_type": "CC"});
    body["consent_personal_data"] = json!(true);
    let p = both(
        app.client.post(app.url("/v1/pqrs")).json(&body),
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(
        message_of(&p.es, "petitioner"),
        "se necesita al menos un dato de contacto para responderle: email, phone o address"
    );
    assert_eq!(
        message_of(&p.es, "petitioner.id_type"),
        "id_type e id_number van juntos: indique los dos o ninguno"
    );

    // 404: an unknown radicado.
    let p = both(
        app.client
            .get(app.url("/v1/pqrs/2026-999999"))
            .header("X-Access-Code", "ABCDEFGHJK0123456789"),
        StatusCode::NOT_FOUND,
    )
    .await;
    assert_eq!(text(&p.es, "title"), "No se encontró");
    assert_eq!(text(&p.en, "title"), "Not found");
    assert!(
        text(&p.es, "detail").contains("código de acceso"),
        "{}",
        p.es
    );

    // 401: staff route without a token.
    let p = both(
        app.client.get(app.url("/v1/cases")),
        StatusCode::UNAUTHORIZED,
    )
    .await;
    assert_eq!(text(&p.es, "title"), "Se requiere autenticación");
    assert_eq!(text(&p.en, "title"), "Authentication required");
    assert!(
        text(&p.es, "detail").contains("Authorization: Bearer"),
        "{}",
        p.es
    );
    let p = both(
        app.client
            .get(app.url("/v1/cases"))
            .bearer_auth("not-a-token"),
        StatusCode::UNAUTHORIZED,
    )
    .await;
    assert_eq!(
        text(&p.es, "detail"),
        "El token no es válido (no existe o fue revocado)."
    );
    assert_eq!(
        text(&p.en, "detail"),
        "The token is not valid (unknown or revoked)."
    );

    // 403: a reporter reads aggregates, not cases; an agent is not an admin.
    let reporter = db.token("reporter").await;
    let p = both(
        app.client
            .get(app.url(&format!("/v1/pqrs/{radicado}")))
            .bearer_auth(&reporter),
        StatusCode::FORBIDDEN,
    )
    .await;
    assert!(
        text(&p.es, "detail").contains("cifras agregadas"),
        "{}",
        p.es
    );
    assert!(
        text(&p.en, "detail").contains("aggregate figures"),
        "{}",
        p.en
    );
    let agent = db.token("agent").await;
    let p = both(
        app.client
            .post(app.url("/v1/calendar/closures"))
            .bearer_auth(&agent)
            .json(&json!({"date": "2026-12-24", "legal_basis": "Decreto 1 de 2026"})),
        StatusCode::FORBIDDEN,
    )
    .await;
    assert_eq!(text(&p.es, "title"), "Su rol no permite esta acción");
    assert!(
        text(&p.es, "detail").starts_with("El rol `agent` no puede hacer esto"),
        "{}",
        p.es
    );
    assert!(
        text(&p.en, "detail").starts_with("The role `agent` may not do this"),
        "{}",
        p.en
    );

    // 413: a body over the limit.
    let mut huge = anonymous_petition();
    huge["description"] = json!("a".repeat(3_000_000));
    let p = both(
        app.client.post(app.url("/v1/pqrs")).json(&huge),
        StatusCode::PAYLOAD_TOO_LARGE,
    )
    .await;
    assert!(
        text(&p.es, "detail").contains("supera el límite"),
        "{}",
        p.es
    );
    assert!(text(&p.en, "detail").contains("larger than"), "{}", p.en);

    // 415: not JSON.
    let p = both(
        app.client.post(app.url("/v1/pqrs")).body("kind=petition"),
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
    )
    .await;
    assert_eq!(text(&p.es, "title"), "No se puede leer la solicitud");

    // An unknown route and a wrong method: the router's own answers.
    let p = both(
        app.client.get(app.url("/v1/nothing-here")),
        StatusCode::NOT_FOUND,
    )
    .await;
    assert_eq!(p.es["type"], "urn:pqrs:problem:not-found");
    assert_eq!(
        text(&p.es, "detail"),
        "Ninguna ruta corresponde a esta dirección."
    );
    assert_eq!(text(&p.en, "detail"), "No route matches this path.");
    assert_eq!(text(&p.en, "title"), "Not Found");
    let p = both(
        app.client.delete(app.url("/v1/pqrs")),
        StatusCode::METHOD_NOT_ALLOWED,
    )
    .await;
    assert_eq!(text(&p.es, "title"), "Método no permitido");
    assert_eq!(text(&p.en, "title"), "Method Not Allowed");
}

async fn a_refusal_of_a_legal_rule_names_its_article_in_both_languages(b: Backend) {
    let db = TestDb::new(b).await;
    let app = spawn_app_with(&db, &["--dev-clock"]).await;
    let agent = db.token("agent").await;
    app.set_clock("2026-11-23T09:00:00-05:00").await;
    let (radicado, _) = filed(&app).await;
    let url = app.url(&format!("/v1/pqrs/{radicado}/completion-request"));
    let ask = json!({"what": "Indique la dirección exacta"});

    // 422: asked after the 10 business days that follow the filing (art. 17).
    app.set_clock("2026-12-10T10:00:00-05:00").await;
    let p = both(
        app.client.post(&url).bearer_auth(&agent).json(&ask),
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(p.es["type"], "urn:pqrs:problem:rule-violation");
    assert!(
        text(&p.es, "detail")
            .starts_with("art. 17: la solicitud de completar se hizo el 2026-12-10"),
        "{}",
        p.es
    );
    assert!(
        text(&p.en, "detail").starts_with("art. 17: completion requested on 2026-12-10"),
        "{}",
        p.en
    );

    // 409: asked in time, then asked again while the term is suspended (art. 17).
    app.set_clock("2026-11-25T10:00:00-05:00").await;
    let r = app
        .client
        .post(&url)
        .bearer_auth(&agent)
        .json(&ask)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let p = both(
        app.client.post(&url).bearer_auth(&agent).json(&ask),
        StatusCode::CONFLICT,
    )
    .await;
    assert_eq!(
        text(&p.es, "detail"),
        "art. 17: el término está suspendido mientras el peticionario completa la información"
    );
    assert_eq!(
        text(&p.en, "detail"),
        "art. 17: the term is suspended awaiting the petitioner's completion"
    );
    assert_eq!(
        text(&p.es, "title"),
        "La solicitud no es compatible con el estado actual"
    );
}

async fn too_many_failed_attempts_are_told_in_both_languages(b: Backend) {
    let db = TestDb::new(b).await;
    let dir = std::env::temp_dir().join(format!("pqrs-lang-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    let config = dir.join("pqrs.toml");
    std::fs::write(&config, "access_failures_per_minute = 1\n").unwrap();
    let app = spawn_app_with(&db, &["--config", &config.display().to_string()]).await;
    let (radicado, _) = filed(&app).await;
    let track = || {
        app.client
            .get(app.url(&format!("/v1/pqrs/{radicado}")))
            .header("X-Access-Code", "ABCDEFGHJK0123456789")
    };
    // Until the quota is used up the wrong code is a 404; then every attempt is a 429.
    let mut status = StatusCode::NOT_FOUND;
    for _ in 0..5 {
        status = track().send().await.unwrap().status();
        if status == StatusCode::TOO_MANY_REQUESTS {
            break;
        }
        assert_eq!(status, StatusCode::NOT_FOUND);
    }
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    let p = both(track(), StatusCode::TOO_MANY_REQUESTS).await;
    assert_eq!(p.es["type"], "urn:pqrs:problem:too-many-failed-attempts");
    assert!(text(&p.es, "detail").contains("segundos"), "{}", p.es);
    assert!(text(&p.en, "detail").contains("seconds"), "{}", p.en);
    let r = track()
        .header("Accept-Language", "en")
        .send()
        .await
        .unwrap();
    assert!(
        r.headers().contains_key("retry-after"),
        "Retry-After kept in English"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

async fn the_accept_language_header_is_negotiated_with_q_values(b: Backend) {
    let db = TestDb::new(b).await;
    let app = spawn_app(&db).await;
    for (header, english) in [
        ("en", true),
        ("en-US", true),
        ("en-GB,en;q=0.9,es;q=0.5", true),
        ("fr-FR, en;q=0.4", true),
        ("es;q=0.3, en;q=0.7", true),
        ("es", false),
        ("es-CO", false),
        ("*", false),
        ("fr", false),
        ("en;q=0.5, es", false),
        ("en;q=0", false),
    ] {
        let r = app
            .client
            .get(app.url("/v1/cases"))
            .header("Accept-Language", header)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
        let p: Value = r.json().await.unwrap();
        let title = if english {
            "Authentication required"
        } else {
            "Se requiere autenticación"
        };
        assert_eq!(p["title"], title, "Accept-Language: {header}");
    }
}
