//! The audit trail (issue 6) on SQLite and PostgreSQL: tampering done with plain SQL is found
//! and named by `pqrs audit verify` and `GET /v1/audit/verify`; case history, the feed,
//! radicado completeness and exports.

// Test code: a failed step panics, naming what failed (the workspace warns elsewhere).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use pqrs_tests::*;
use reqwest::StatusCode;
use serde_json::Value;
use sha2::{Digest, Sha256};
use sqlx::Row;
use std::path::Path;
use std::process::Output;

on_both_backends!(
    an_untouched_log_verifies_on_the_cli_and_over_http,
    an_edited_payload_is_found_at_its_position,
    edited_metadata_is_found_at_its_position,
    a_deleted_event_is_found_as_removed,
    an_inserted_event_with_a_valid_hash_is_found_as_inserted,
    two_swapped_events_are_found_as_reordered,
    a_truncated_tail_with_the_head_rolled_back_is_found_against_an_earlier_digest,
    the_case_history_shows_everything_to_auditors_and_redacts_personal_data_for_other_staff,
    the_feed_pages_are_stable_and_filters_apply,
    radicado_completeness_finds_a_gap_made_by_sql,
    exports_parse_and_match_their_digest,
    a_digest_signed_with_another_key_over_a_rewritten_log_fails_every_way_the_key_is_given,
);

/// Runs the real CLI with `args` and `--database-url` of `db`.
async fn cli(db: &TestDb, args: &[&str]) -> Output {
    tokio::process::Command::new(server_binary())
        .args(args)
        .args(["--database-url", &db.url])
        .env_remove("PQRS_CONFIG")
        .env_remove("PQRS_AUDIT_SIGNING_KEY")
        .env_remove("PQRS_LANG")
        .output()
        .await
        .expect("run pqrs")
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// Files `n` anonymous petitions and one identified one; returns the radicados.
async fn file_some(app: &App, n: usize) -> Vec<String> {
    let mut out = Vec::new();
    for i in 0..=n {
        let body = if i == 1 {
            identified_petition()
        } else {
            anonymous_petition()
        };
        let r = app.file(&body).await;
        assert_eq!(r.status(), StatusCode::CREATED);
        let v: Value = r.json().await.unwrap();
        out.push(v["radicado"].as_str().unwrap().to_owned());
    }
    out
}

async fn verify_http(app: &App, token: &str, query: &str) -> Value {
    let r = app.get_as(token, &format!("/v1/audit/verify{query}")).await;
    assert_eq!(r.status(), StatusCode::OK);
    r.json().await.unwrap()
}

/// Both the CLI and the endpoint fail, naming `position` and `kind`.
async fn assert_found(db: &TestDb, app: &App, token: &str, position: i64, kind: &str) {
    let out = cli(db, &["audit", "verify", "--json"]).await;
    assert!(!out.status.success(), "verify must fail: {}", text(&out));
    let report: Value = serde_json::from_slice(&out.stdout).expect("JSON report");
    assert_eq!(report["ok"], false);
    assert_eq!(report["finding"]["position"], position, "{report}");
    assert_eq!(report["finding"]["kind"], kind, "{report}");
    assert!(
        text(&out).contains(&format!("la verificación falló en la posición {position}")),
        "{}",
        text(&out)
    );
    let human = cli(db, &["audit", "verify"]).await;
    assert!(text(&human).contains(&format!("FALLÓ en la posición {position}")));
    let report = verify_http(app, token, "").await;
    assert_eq!(report["ok"], false);
    assert_eq!(report["finding"]["position"], position, "{report}");
    assert_eq!(report["finding"]["kind"], kind, "{report}");
}

async fn setup(b: Backend, n: usize) -> (TestDb, App, String, Vec<String>) {
    let db = TestDb::new(b).await;
    let app = spawn_app(&db).await;
    let radicados = file_some(&app, n).await;
    let token = db.token("auditor").await;
    (db, app, token, radicados)
}

async fn an_untouched_log_verifies_on_the_cli_and_over_http(b: Backend) {
    let (db, app, token, _) = setup(b, 5).await;
    let head = db.query_i64("SELECT position FROM ledger_head").await[0];
    assert!(head >= 6);
    let out = cli(&db, &["audit", "verify"]).await;
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("OK: la cadena está intacta"));
    let report = verify_http(&app, &token, "").await;
    assert_eq!(report["ok"], true, "{report}");
    assert_eq!(report["checked"], head);
    assert_eq!(report["head_position"], head);
    assert!(report["finding"].is_null());
    // Only auditors (and admins) verify.
    let r = app
        .get_as(&db.token("reporter").await, "/v1/audit/verify")
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = app
        .get_as(&db.token("admin").await, "/v1/audit/verify")
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let r = app
        .client
        .get(app.url("/v1/audit/verify"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    // A half checkpoint is a request error, not a failed verification.
    let r = app.get_as(&token, "/v1/audit/verify?position=1").await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.headers()["content-type"], "application/problem+json");
}

async fn an_edited_payload_is_found_at_its_position(b: Backend) {
    let (db, app, token, _) = setup(b, 4).await;
    db.execute(
        "UPDATE events SET payload = replace(payload, '\"web\"', '\"mail\"') WHERE position = 3",
    )
    .await;
    assert_found(&db, &app, &token, 3, "modified").await;
}

async fn edited_metadata_is_found_at_its_position(b: Backend) {
    let (db, app, token, _) = setup(b, 4).await;
    db.execute(
        "UPDATE events SET metadata = replace(metadata, '\"web\"', '\"in_person\"') \
         WHERE position = 4",
    )
    .await;
    assert_eq!(
        db.query_i64("SELECT COUNT(*) FROM events WHERE metadata LIKE '%in_person%'")
            .await,
        vec![1]
    );
    assert_found(&db, &app, &token, 4, "modified").await;
}

async fn a_deleted_event_is_found_as_removed(b: Backend) {
    let (db, app, token, _) = setup(b, 4).await;
    db.execute("DELETE FROM events WHERE position = 2").await;
    assert_found(&db, &app, &token, 2, "removed").await;
}

/// Text columns of one row.
async fn strings(db: &TestDb, sql: &str) -> Vec<String> {
    let mut conn = db.connect().await;
    let row = sqlx::query(sql).fetch_one(&mut conn).await.unwrap();
    (0..row.len())
        .map(|i| row.try_get::<String, _>(i).unwrap())
        .collect()
}

/// Moves positions `>= from` by `by` (in two steps: a single UPDATE would collide on the
/// primary key midway on PostgreSQL).
async fn shift(db: &TestDb, from: i64, by: i64) {
    db.execute(&format!(
        "UPDATE events SET position = position + 1000000 WHERE position >= {from}"
    ))
    .await;
    db.execute(&format!(
        "UPDATE events SET position = position - 1000000 + ({by}) WHERE position >= 1000000"
    ))
    .await;
}

async fn an_inserted_event_with_a_valid_hash_is_found_as_inserted(b: Backend) {
    let (db, app, token, _) = setup(b, 4).await;
    // The forger knows the algorithm: the forged event links correctly to position 2.
    let prev = strings(&db, "SELECT hash FROM events WHERE position = 2").await;
    let forged = pqrs_infrastructure::ledger::NewEvent {
        aggregate_type: "Pqr".into(),
        aggregate_id: "2026-999999".into(),
        sequence: 1,
        event_type: "PqrFiled".into(),
        event_version: "1".into(),
        payload: "{}".into(),
        metadata: "{}".into(),
    };
    let at = "2026-11-24T12:00:00.000000Z";
    let hash = pqrs_infrastructure::ledger::chain_hash(&prev[0], 3, &forged, at);
    shift(&db, 3, 1).await;
    db.execute(&format!(
        "INSERT INTO events (position, aggregate_type, aggregate_id, sequence, event_type, \
         event_version, payload, metadata, recorded_at, prev_hash, hash) VALUES \
         (3, 'Pqr', '2026-999999', 1, 'PqrFiled', '1', '{{}}', '{{}}', '{at}', '{}', '{hash}')",
        prev[0]
    ))
    .await;
    assert_found(&db, &app, &token, 3, "inserted").await;
}

async fn two_swapped_events_are_found_as_reordered(b: Backend) {
    let (db, app, token, _) = setup(b, 4).await;
    db.execute("UPDATE events SET position = 1000000 WHERE position = 2")
        .await;
    db.execute("UPDATE events SET position = 2 WHERE position = 3")
        .await;
    db.execute("UPDATE events SET position = 3 WHERE position = 1000000")
        .await;
    assert_found(&db, &app, &token, 2, "reordered").await;
}

async fn a_truncated_tail_with_the_head_rolled_back_is_found_against_an_earlier_digest(b: Backend) {
    let (db, app, token, _) = setup(b, 5).await;
    let dir = std::env::temp_dir().join(format!("pqrs-audit-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    let key = dir.join("audit.key");
    let digest = dir.join("head.json");
    let key_s = key.display().to_string();
    let out = tokio::process::Command::new(server_binary())
        .args(["audit", "keygen", "--out", &key_s])
        .output()
        .await
        .unwrap();
    assert!(out.status.success(), "{}", text(&out));
    let public = String::from_utf8(out.stdout).unwrap().trim().to_owned();
    assert_eq!(public.len(), 64);
    let out = cli(
        &db,
        &[
            "audit",
            "digest",
            "--key",
            &key_s,
            "--out",
            &digest.display().to_string(),
        ],
    )
    .await;
    assert!(out.status.success(), "{}", text(&out));
    let signed: Value = serde_json::from_str(&std::fs::read_to_string(&digest).unwrap()).unwrap();
    let head = db.query_i64("SELECT position FROM ledger_head").await[0];
    assert_eq!(signed["position"], head);
    assert_eq!(signed["public_key"], public.as_str());
    assert_eq!(signed["format"], "pqrs-head-digest-v1");
    let signed_hash = signed["hash"].as_str().unwrap().to_owned();

    // The digest verifies against the untouched log.
    let digest_s = digest.display().to_string();
    let out = cli(&db, &["audit", "verify", "--digest", &digest_s]).await;
    assert!(out.status.success(), "{}", text(&out));

    // Cut the last two events and roll the head back so the chain itself looks whole.
    let keep = head - 2;
    db.execute(&format!("DELETE FROM events WHERE position > {keep}"))
        .await;
    db.execute(&format!(
        "UPDATE ledger_head SET position = {keep}, \
         hash = (SELECT hash FROM events WHERE position = {keep}) WHERE id = 1"
    ))
    .await;
    let out = cli(&db, &["audit", "verify"]).await;
    assert!(
        out.status.success(),
        "without a digest a clean cut is undetectable: {}",
        text(&out)
    );
    let out = cli(&db, &["audit", "verify", "--digest", &digest_s, "--json"]).await;
    assert!(!out.status.success(), "{}", text(&out));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["finding"]["kind"], "truncated", "{report}");
    assert_eq!(report["finding"]["position"], keep + 1, "{report}");
    let report = verify_http(
        &app,
        &token,
        &format!("?position={head}&hash={signed_hash}"),
    )
    .await;
    assert_eq!(report["ok"], false);
    assert_eq!(report["finding"]["kind"], "truncated", "{report}");
    assert_eq!(report["finding"]["position"], keep + 1, "{report}");

    // A forged digest (position changed, old signature) is refused.
    let mut forged = signed.clone();
    forged["position"] = Value::from(keep);
    let forged_path = dir.join("forged.json");
    std::fs::write(&forged_path, forged.to_string()).unwrap();
    let out = cli(
        &db,
        &[
            "audit",
            "verify",
            "--digest",
            &forged_path.display().to_string(),
        ],
    )
    .await;
    assert!(!out.status.success());
    assert!(
        text(&out).contains("la firma del resumen no se verifica con su clave pública"),
        "{}",
        text(&out)
    );

    // Cut without rolling the head back: found without any digest.
    db.execute(&format!("DELETE FROM events WHERE position = {keep}"))
        .await;
    let out = cli(&db, &["audit", "verify", "--json"]).await;
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["finding"]["kind"], "truncated", "{report}");
    assert_eq!(report["finding"]["position"], keep, "{report}");
    let _ = std::fs::remove_dir_all(&dir);
}

async fn the_case_history_shows_everything_to_auditors_and_redacts_personal_data_for_other_staff(
    b: Backend,
) {
    let (db, app, auditor, radicados) = setup(b, 2).await;
    let identified = &radicados[1];
    let path = format!("/v1/pqrs/{identified}/events");
    let r = app.get_as(&auditor, &path).await;
    assert_eq!(r.status(), StatusCode::OK);
    let h: Value = r.json().await.unwrap();
    assert_eq!(h["radicado"], identified.as_str());
    let events = h["events"].as_array().unwrap();
    assert!(!events.is_empty());
    let first = &events[0];
    assert_eq!(first["event_type"], "PqrFiled");
    assert_eq!(first["sequence"], 1);
    assert_eq!(first["event_version"], "1");
    assert_eq!(first["actor"]["kind"], "citizen");
    assert_eq!(first["channel"], "web");
    assert!(first["request_id"].as_str().is_some_and(|s| !s.is_empty()));
    assert_eq!(first["hash"].as_str().unwrap().len(), 64);
    assert_eq!(first["prev_hash"].as_str().unwrap().len(), 64);
    assert!(first["position"].as_i64().unwrap() >= 1);
    assert!(first["recorded_at"].as_str().unwrap().ends_with('Z'));
    assert_eq!(first["redacted"], false);
    let body = first["payload"].to_string();
    assert!(
        body.contains("Ana Pérez") && body.contains("1020304050"),
        "{body}"
    );
    // The position and hash are the stored ones.
    let pos = first["position"].as_i64().unwrap();
    let stored = strings(
        &db,
        &format!("SELECT hash FROM events WHERE position = {pos}"),
    )
    .await;
    assert_eq!(first["hash"], stored[0].as_str());

    // Reporters work with aggregates: no single case (tests/tests/access.rs).
    let r = app.get_as(&db.token("reporter").await, &path).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    for role in ["agent", "supervisor"] {
        let r = app.get_as(&db.token(role).await, &path).await;
        assert_eq!(r.status(), StatusCode::OK, "{role}");
        let h: Value = r.json().await.unwrap();
        let first = &h["events"][0];
        assert_eq!(first["redacted"], true, "{role}");
        let body = first["payload"].to_string();
        assert!(
            !body.contains("Ana") && !body.contains("1020304050") && !body.contains("ana@"),
            "{role} sees personal data: {body}"
        );
        assert!(body.contains("[redacted]"));
        assert_eq!(first["hash"], stored[0].as_str());
    }
    // Admins include auditors.
    let h: Value = app
        .get_as(&db.token("admin").await, &path)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(h["events"][0]["redacted"], false);
    // Citizens: 401, even with the access code's radicado.
    let r = app.client.get(app.url(&path)).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    for unknown in ["/v1/pqrs/2026-999999/events", "/v1/pqrs/nope/events"] {
        let r = app.get_as(&auditor, unknown).await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
        assert_eq!(r.headers()["content-type"], "application/problem+json");
    }
}

async fn feed(app: &App, token: &str, query: &str) -> Value {
    let r = app.get_as(token, &format!("/v1/events{query}")).await;
    assert_eq!(r.status(), StatusCode::OK, "{query}");
    r.json().await.unwrap()
}

fn positions(page: &Value) -> Vec<i64> {
    page["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["position"].as_i64().unwrap())
        .collect()
}

async fn the_feed_pages_are_stable_and_filters_apply(b: Backend) {
    let (db, app, auditor, radicados) = setup(b, 6).await;
    let head = db.query_i64("SELECT position FROM ledger_head").await[0];
    // Walk in pages of 3: every position once, in order, and each page again is identical.
    let mut seen: Vec<i64> = Vec::new();
    let mut after = 0;
    loop {
        let page = feed(&app, &auditor, &format!("?after={after}&limit=3")).await;
        let again = feed(&app, &auditor, &format!("?after={after}&limit=3")).await;
        assert_eq!(page, again, "the same cursor gives the same page");
        let p = positions(&page);
        if p.is_empty() {
            assert_eq!(page["next_after"], after);
            break;
        }
        seen.extend(&p);
        after = page["next_after"].as_i64().unwrap();
        assert_eq!(after, *p.last().unwrap());
    }
    assert_eq!(seen, (1..=head).collect::<Vec<_>>());
    // A page read before more filings is unchanged after them.
    let before = feed(&app, &auditor, "?after=1&limit=2").await;
    file_some(&app, 1).await;
    assert_eq!(feed(&app, &auditor, "?after=1&limit=2").await, before);

    // Filters.
    let page = feed(&app, &auditor, &format!("?radicado={}", radicados[2])).await;
    assert_eq!(positions(&page).len(), 1);
    assert_eq!(page["events"][0]["aggregate_id"], radicados[2].as_str());
    let page = feed(&app, &auditor, "?type=PqrFiled&limit=1000").await;
    let filed = db
        .query_i64("SELECT COUNT(*) FROM events WHERE event_type = 'PqrFiled'")
        .await[0];
    assert_eq!(positions(&page).len() as i64, filed);
    // An unknown type is a 422, not an empty page that would hide a typo (issue 11).
    let r = app.get_as(&auditor, "/v1/events?type=NoSuchEvent").await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = feed(
        &app,
        &auditor,
        "?from=2000-01-01T00:00:00Z&to=2000-01-02T00:00:00Z",
    )
    .await;
    assert!(positions(&page).is_empty());
    let page = feed(&app, &auditor, "?from=2000-01-01T00:00:00Z&limit=1000").await;
    assert!(positions(&page).len() as i64 >= filed);

    // By actor: an agent files for a citizen; only that filing carries the agent's id.
    let agent = db.token("agent").await;
    let mut petition = anonymous_petition();
    petition["channel"] = Value::from("phone");
    let r = app.file_as(&agent, &petition).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let latest = feed(&app, &auditor, "?type=PqrFiled&limit=1000").await;
    let staff_event = latest["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["actor"]["kind"] == "staff")
        .expect("the agent's filing")
        .clone();
    let actor_id = staff_event["actor"]["id"].as_str().unwrap();
    assert_eq!(staff_event["actor"]["role"], "agent");
    let page = feed(&app, &auditor, &format!("?actor={actor_id}")).await;
    assert_eq!(
        positions(&page),
        vec![staff_event["position"].as_i64().unwrap()]
    );

    // Reporters read the feed redacted; agents may not read it; bad parameters are 422.
    let reporter = db.token("reporter").await;
    let page = feed(&app, &reporter, "?limit=1000").await;
    assert!(!page.to_string().contains("1020304050"));
    assert!(feed(&app, &auditor, "?limit=1000")
        .await
        .to_string()
        .contains("1020304050"));
    assert_eq!(
        app.get_as(&agent, "/v1/events").await.status(),
        StatusCode::FORBIDDEN
    );
    for bad in [
        "?limit=0",
        "?limit=5000",
        "?after=-1",
        "?from=yesterday",
        "?color=red",
    ] {
        let r = app.get_as(&auditor, &format!("/v1/events{bad}")).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
        assert_eq!(r.headers()["content-type"], "application/problem+json");
    }
}

async fn radicado_completeness_finds_a_gap_made_by_sql(b: Backend) {
    let (db, app, auditor, radicados) = setup(b, 4).await;
    let year: i32 = radicados[0][..4].parse().unwrap();
    let n = radicados.len() as i64;
    let out = cli(&db, &["audit", "radicados", "--year", &year.to_string()]).await;
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("COMPLETO: todos los números están justificados"));
    let r: Value = app
        .get_as(&auditor, &format!("/v1/audit/radicados?year={year}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(r["complete"], true, "{r}");
    assert_eq!(r["last_number"], n);
    assert_eq!(r["filed"], n);
    assert_eq!(r["voided"], 0);

    // Remove the filing of number 3 and duplicate number 2 under a later sequence.
    db.execute(&format!(
        "DELETE FROM events WHERE aggregate_id = '{year}-000003'"
    ))
    .await;
    db.execute(&format!(
        "INSERT INTO events (position, aggregate_type, aggregate_id, sequence, event_type, \
         event_version, payload, metadata, recorded_at, prev_hash, hash) \
         SELECT 900000, aggregate_type, aggregate_id, 2, event_type, event_version, payload, \
         metadata, recorded_at, prev_hash, hash FROM events WHERE aggregate_id = '{year}-000002'"
    ))
    .await;
    let out = cli(
        &db,
        &["audit", "radicados", "--year", &year.to_string(), "--json"],
    )
    .await;
    assert!(!out.status.success());
    let r: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(r["complete"], false, "{r}");
    assert_eq!(r["gaps"], serde_json::json!([{"from": 3, "to": 3}]));
    assert_eq!(
        r["duplicates"],
        serde_json::json!([{"radicado": format!("{year}-000002"), "filings": 2}])
    );
    assert_eq!(r["filed"], n - 1);
    let r: Value = app
        .get_as(&auditor, &format!("/v1/audit/radicados?year={year}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(r["gaps"][0]["from"], 3);

    // A year with no filings is trivially complete; a bad year is a 422.
    let r: Value = app
        .get_as(&auditor, "/v1/audit/radicados?year=1999")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(r["complete"], true);
    assert_eq!(r["last_number"], 0);
    let r = app.get_as(&auditor, "/v1/audit/radicados?year=3000").await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

fn sha256(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Every exported row's hash recomputes from the row alone, and rows link.
fn check_chain(rows: &[Value]) {
    for (i, r) in rows.iter().enumerate() {
        let s = |k: &str| r[k].as_str().unwrap().to_owned();
        let e = pqrs_infrastructure::ledger::NewEvent {
            aggregate_type: s("aggregate_type"),
            aggregate_id: s("aggregate_id"),
            sequence: r["sequence"].as_i64().unwrap(),
            event_type: s("event_type"),
            event_version: s("event_version"),
            payload: s("payload"),
            metadata: s("metadata"),
        };
        let position = r["position"].as_i64().unwrap();
        assert_eq!(
            pqrs_infrastructure::ledger::chain_hash(
                &s("prev_hash"),
                position,
                &e,
                &s("recorded_at")
            ),
            s("hash")
        );
        if i > 0 {
            assert_eq!(rows[i - 1]["hash"], r["prev_hash"]);
            assert_eq!(rows[i - 1]["position"].as_i64().unwrap() + 1, position);
        }
    }
}

async fn exports_parse_and_match_their_digest(b: Backend) {
    let (db, app, auditor, _) = setup(b, 4).await;
    let head = db.query_i64("SELECT position FROM ledger_head").await[0];
    let today = chrono::Utc::now()
        .with_timezone(&pqrs_domain::deadline::bogota())
        .date_naive();
    let (from, to) = (
        (today - chrono::Duration::days(1)).to_string(),
        (today + chrono::Duration::days(1)).to_string(),
    );
    let dir = std::env::temp_dir().join(format!("pqrs-export-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();

    // CLI, JSONL.
    let jsonl = dir.join("events.jsonl");
    let out = cli(
        &db,
        &[
            "audit",
            "export",
            "--from",
            &from,
            "--to",
            &to,
            "--format",
            "jsonl",
            "--out",
            &jsonl.display().to_string(),
        ],
    )
    .await;
    assert!(out.status.success(), "{}", text(&out));
    let bytes = std::fs::read(&jsonl).unwrap();
    let digest = read_json(&dir.join("events.jsonl.digest.json"));
    assert_eq!(digest["sha256"], sha256(&bytes));
    assert_eq!(digest["bytes"], bytes.len());
    assert_eq!(digest["count"], head);
    assert_eq!(digest["first_position"], 1);
    assert_eq!(digest["last_position"], head);
    let rows: Vec<Value> = String::from_utf8(bytes.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len() as i64, head);
    check_chain(&rows);
    assert_eq!(digest["chain_start_hash"], rows[0]["prev_hash"]);
    assert_eq!(digest["chain_end_hash"], rows[rows.len() - 1]["hash"]);

    // CLI, CSV: RFC 4180 with a header, same rows.
    let csv_path = dir.join("events.csv");
    let out = cli(
        &db,
        &[
            "audit",
            "export",
            "--from",
            &from,
            "--to",
            &to,
            "--format",
            "csv",
            "--out",
            &csv_path.display().to_string(),
        ],
    )
    .await;
    assert!(out.status.success(), "{}", text(&out));
    let bytes = std::fs::read(&csv_path).unwrap();
    let digest = read_json(&dir.join("events.csv.digest.json"));
    assert_eq!(digest["sha256"], sha256(&bytes));
    let mut reader = csv::Reader::from_reader(bytes.as_slice());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(header[0], "position");
    assert_eq!(header[10], "hash");
    let csv_rows: Vec<Value> = reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            let mut o = serde_json::Map::new();
            for (k, v) in header.iter().zip(r.iter()) {
                let v = if k == "position" || k == "sequence" {
                    Value::from(v.parse::<i64>().unwrap())
                } else {
                    Value::from(v)
                };
                o.insert(k.clone(), v);
            }
            Value::Object(o)
        })
        .collect();
    assert_eq!(csv_rows, rows);

    // HTTP: streamed, and the digest endpoint matches the bytes.
    for format in ["jsonl", "csv"] {
        let q = format!("from={from}&to={to}&format={format}");
        let r = app.get_as(&auditor, &format!("/v1/audit/export?{q}")).await;
        assert_eq!(r.status(), StatusCode::OK);
        let through = r.headers()["x-pqrs-export-through"]
            .to_str()
            .unwrap()
            .to_owned();
        let body = r.bytes().await.unwrap();
        let d: Value = app
            .get_as(
                &auditor,
                &format!("/v1/audit/export/digest?{q}&through={through}"),
            )
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(d["sha256"], sha256(&body), "{format}");
        assert_eq!(d["count"], head);
    }
    // Nothing recorded in those days: an empty export (CSV: just the header).
    let r = app
        .get_as(
            &auditor,
            "/v1/audit/export?from=2001-01-01&to=2001-01-31&format=jsonl",
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.bytes().await.unwrap().is_empty());
    for bad in [
        "from=2026-13-01&to=2026-12-01&format=csv",
        "from=2026-12-02&to=2026-12-01&format=csv",
        "from=2026-12-01&to=2026-12-01&format=xml",
    ] {
        let r = app
            .get_as(&auditor, &format!("/v1/audit/export?{bad}"))
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
    }
    let r = app
        .get_as(
            &db.token("reporter").await,
            &format!("/v1/audit/export?from={from}&to={to}&format=csv"),
        )
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let _ = std::fs::remove_dir_all(&dir);
}

fn read_json(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Runs the CLI against `db` with extra environment variables (and nothing inherited that
/// names a key or a config file).
async fn cli_env(db: &TestDb, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = tokio::process::Command::new(server_binary());
    cmd.args(args)
        .args(["--database-url", &db.url])
        .env_remove("PQRS_CONFIG")
        .env_remove("PQRS_AUDIT_SIGNING_KEY")
        .env_remove("PQRS_AUDIT_PUBLIC_KEY")
        .env_remove("PQRS_LANG");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().await.expect("run pqrs")
}

/// A way of naming the entity's key: its name, CLI arguments and environment.
type KeyWay<'a> = (&'a str, Vec<&'a str>, Vec<(&'a str, &'a str)>);

async fn keygen(path: &Path) -> String {
    let out = tokio::process::Command::new(server_binary())
        .args(["audit", "keygen", "--out", &path.display().to_string()])
        .output()
        .await
        .unwrap();
    assert!(out.status.success(), "{}", text(&out));
    String::from_utf8(out.stdout).unwrap().trim().to_owned()
}

async fn post_digest(app: &App, token: &str, digest: &Path) -> Value {
    let body: Value = serde_json::from_str(&std::fs::read_to_string(digest).unwrap()).unwrap();
    let r = app
        .client
        .post(app.url("/v1/audit/verify"))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    r.json().await.unwrap()
}

async fn a_digest_signed_with_another_key_over_a_rewritten_log_fails_every_way_the_key_is_given(
    b: Backend,
) {
    let db = TestDb::new(b).await;
    let dir = std::env::temp_dir().join(format!("pqrs-forged-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    let entity_key = dir.join("entity.key");
    let attacker_key = dir.join("attacker.key");
    let entity_public = keygen(&entity_key).await;
    let attacker_public = keygen(&attacker_key).await;
    let entity_key_s = entity_key.display().to_string();
    let config = dir.join("pqrs.toml");
    std::fs::write(&config, format!("audit_signing_key = {:?}\n", entity_key_s)).unwrap();
    let config_s = config.display().to_string();
    let public_config = dir.join("public.toml");
    std::fs::write(
        &public_config,
        format!("audit_public_key = \"{entity_public}\"\n"),
    )
    .unwrap();
    let public_config_s = public_config.display().to_string();
    let app = spawn_app_with(&db, &["--dev-clock", "--config", &config_s]).await;
    file_some(&app, 4).await;
    let auditor = db.token("auditor").await;

    // Every documented way of naming the entity's key.
    let flag = ["--key", entity_key_s.as_str()];
    let public_flag = ["--public-key", entity_public.as_str()];
    let ways: Vec<KeyWay> = vec![
        ("--key", flag.to_vec(), vec![]),
        ("--public-key", public_flag.to_vec(), vec![]),
        (
            "PQRS_AUDIT_SIGNING_KEY",
            vec![],
            vec![("PQRS_AUDIT_SIGNING_KEY", entity_key_s.as_str())],
        ),
        (
            "PQRS_AUDIT_PUBLIC_KEY",
            vec![],
            vec![("PQRS_AUDIT_PUBLIC_KEY", entity_public.as_str())],
        ),
        (
            "audit_signing_key",
            vec!["--config", config_s.as_str()],
            vec![],
        ),
        (
            "audit_public_key",
            vec!["--config", public_config_s.as_str()],
            vec![],
        ),
    ];
    let verify = |digest: String, way: &KeyWay| {
        let mut args = vec![
            "audit".to_owned(),
            "verify".into(),
            "--digest".into(),
            digest,
        ];
        args.extend(way.1.iter().map(|s| s.to_string()));
        let env: Vec<(String, String)> = way
            .2
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let db = &db;
        async move {
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let env: Vec<(&str, &str)> =
                env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            cli_env(db, &args, &env).await
        }
    };

    // The genuine digest, signed with the entity's key, verifies every way.
    let genuine = dir.join("genuine.json");
    let out = cli_env(
        &db,
        &[
            "audit",
            "digest",
            "--key",
            &entity_key_s,
            "--out",
            &genuine.display().to_string(),
        ],
        &[],
    )
    .await;
    assert!(out.status.success(), "{}", text(&out));
    for way in &ways {
        let out = verify(genuine.display().to_string(), way).await;
        assert!(
            out.status.success(),
            "genuine, key by {}: {}",
            way.0,
            text(&out)
        );
    }
    let report = post_digest(&app, &auditor, &genuine).await;
    assert_eq!(report["ok"], true, "{report}");
    assert_eq!(report["signed_by_entity_key"], true, "{report}");

    // Whoever can write the database cuts the tail, rolls the head back (the chain is whole
    // again) and signs the new head with a key of their own.
    let head = db.query_i64("SELECT position FROM ledger_head").await[0];
    let keep = head - 2;
    db.execute(&format!("DELETE FROM events WHERE position > {keep}"))
        .await;
    db.execute(&format!(
        "UPDATE ledger_head SET position = {keep}, \
         hash = (SELECT hash FROM events WHERE position = {keep}) WHERE id = 1"
    ))
    .await;
    let forged = dir.join("forged.json");
    let out = cli_env(
        &db,
        &[
            "audit",
            "digest",
            "--key",
            &attacker_key.display().to_string(),
            "--out",
            &forged.display().to_string(),
        ],
        &[],
    )
    .await;
    assert!(out.status.success(), "{}", text(&out));
    for way in &ways {
        let out = verify(forged.display().to_string(), way).await;
        assert!(
            !out.status.success(),
            "forged, key by {}: {}",
            way.0,
            text(&out)
        );
        let said = text(&out);
        assert!(
            said.contains(&attacker_public)
                && said.contains(&entity_public)
                && said.contains("no es la clave de la entidad"),
            "forged, key by {}: {said}",
            way.0
        );
    }
    let mut args = vec!["audit", "verify", "--json", "--key", &entity_key_s];
    let forged_s = forged.display().to_string();
    args.extend(["--digest", &forged_s]);
    let out = cli_env(&db, &args, &[]).await;
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["ok"], false, "{report}");
    assert_eq!(report["finding"]["kind"], "signature", "{report}");
    assert_eq!(report["signed_by_entity_key"], false, "{report}");

    // The endpoint says so too.
    let report = post_digest(&app, &auditor, &forged).await;
    assert_eq!(report["ok"], false, "{report}");
    assert_eq!(report["finding"]["kind"], "signature", "{report}");
    assert_eq!(report["signed_by_entity_key"], false, "{report}");
    assert!(
        report["finding"]["detail"]
            .as_str()
            .unwrap()
            .contains(&attacker_public),
        "{report}"
    );
    // Only auditors; a body that is not a digest is a 422 problem.
    let r = app
        .client
        .post(app.url("/v1/audit/verify"))
        .bearer_auth(db.token("agent").await)
        .json(&serde_json::json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = app
        .client
        .post(app.url("/v1/audit/verify"))
        .bearer_auth(&auditor)
        .json(&serde_json::json!({"position": 1}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.headers()["content-type"], "application/problem+json");
    let _ = std::fs::remove_dir_all(&dir);
}
