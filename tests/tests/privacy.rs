#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Personal data at rest (issue 16, docs/privacy.md): sealed per case in the log, read back
//! through the one decoder, bound to its place, and a wrong key-encryption key refused at
//! start.

use pqrs_infrastructure::privacy::index::MERGE_AT;
use pqrs_tests::*;
use reqwest::StatusCode;
use serde_json::{json, Value};
use std::path::Path;

on_both_backends!(
    personal_data_is_sealed_in_the_log_and_read_back_through_tracking_and_history,
    a_ciphertext_swapped_between_two_events_does_not_open_and_audit_verify_names_it,
    a_wrong_key_encryption_key_is_refused_at_start,
    suppression_is_refused_while_the_case_is_open_and_leaves_no_plaintext_in_the_store,
    the_data_protection_officer_suppresses_through_the_api_and_every_view_shows_dato_suprimido,
    the_access_export_finds_a_persons_three_cases_by_identity_number,
    the_blind_index_is_kept_by_the_case_projection_and_access_reads_past_its_checkpoint,
    two_processes_filing_through_a_merge_of_the_blind_index_lose_no_entry,
    the_upgrade_redacts_the_addresses_earlier_versions_left_in_the_outbox,
);

async fn spawn(db: &TestDb, config: &Path) -> App {
    spawn_app_with(db, &["--dev-clock", "--config", config.to_str().unwrap()]).await
}

fn petition(name: &str, id: &str, email: &str, description: &str) -> Value {
    json!({
        "kind": "claim",
        "subject": "Cobro doble en la factura",
        "description": description,
        "channel": "web",
        "petitioner": {"name": name, "id_type": "CC", "id_number": id, "email": email},
        "consent_personal_data": true
    })
}

async fn payloads(db: &TestDb) -> String {
    use sqlx::Row;
    let mut conn = db.connect().await;
    let rows = sqlx::query("SELECT payload FROM events ORDER BY position")
        .fetch_all(&mut conn)
        .await
        .unwrap();
    // Closed, not dropped: see the search of the raw files below.
    sqlx::Connection::close(conn).await.unwrap();
    rows.iter()
        .map(|r| r.try_get::<String, _>(0).unwrap())
        .collect::<Vec<_>>()
        .join("\n")
}

async fn personal_data_is_sealed_in_the_log_and_read_back_through_tracking_and_history(b: Backend) {
    let db = TestDb::new(b).await;
    let config = db.key_config("kek").await;
    let app = spawn(&db, &config).await;
    app.set_clock("2026-11-23T09:00:00-05:00").await;
    let description = "Vivo en la Calle 45 # 12-30 y me cobraron dos veces el agua.";
    let (radicado, code) = app
        .file_ok(&petition(
            "Ana Pérez Quintero",
            "1020304050",
            "ana.perez@example.co",
            description,
        ))
        .await;

    // The raw log holds none of it.
    let raw = payloads(&db).await;
    for secret in [
        "Ana Pérez Quintero",
        "1020304050",
        "ana.perez@example.co",
        "Calle 45",
        "Cobro doble",
    ] {
        assert!(!raw.contains(secret), "{secret} is in the raw log:\n{raw}");
    }
    assert!(raw.contains("enc:v1:"), "{raw}");
    assert_eq!(
        db.query_i64("SELECT COUNT(*) FROM data_keys").await,
        vec![1]
    );

    // Tracking reads it back (the aggregate is folded through the one decoder).
    let tracked = app.track(&radicado, &code).await;
    assert_eq!(tracked["subject"], "Cobro doble en la factura");

    // The auditor's history shows the event as filed.
    let auditor = db.token("auditor").await;
    let r = app
        .get_as(&auditor, &format!("/v1/pqrs/{radicado}/events"))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let history: Value = r.json().await.unwrap();
    let filed = &history["events"][0]["payload"]["PqrFiled"];
    assert_eq!(filed["description"], description, "{history}");
    assert_eq!(
        filed["petitioner"]["name"], "Ana Pérez Quintero",
        "{history}"
    );

    // The chain covers the sealed bytes: verification needs no key.
    let out = pqrs_cli(&["audit", "verify", "--database-url", &db.url]).await;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

async fn a_ciphertext_swapped_between_two_events_does_not_open_and_audit_verify_names_it(
    b: Backend,
) {
    let db = TestDb::new(b).await;
    let config = db.key_config("kek").await;
    let app = spawn(&db, &config).await;
    app.set_clock("2026-11-23T09:00:00-05:00").await;
    let (first, code) = app
        .file_ok(&petition(
            "Ana Pérez",
            "1020304050",
            "ana@example.co",
            "Primera queja de Ana.",
        ))
        .await;
    let (second, _) = app
        .file_ok(&petition(
            "Luis Gómez",
            "79111222",
            "luis@example.co",
            "Segunda queja de Luis.",
        ))
        .await;
    assert_ne!(first, second);
    // Move the second case's sealed description into the first case's event.
    let position = db
        .query_i64(&format!(
            "SELECT position FROM events WHERE aggregate_id = '{first}' AND sequence = 1"
        ))
        .await[0];
    db.execute(&format!(
        "UPDATE events SET payload = (SELECT payload FROM events WHERE aggregate_id = '{second}' \
         AND sequence = 1) WHERE aggregate_id = '{first}' AND sequence = 1"
    ))
    .await;
    // The first case still answers (the swapped field is marked, no 500) …
    let r = app
        .client
        .get(app.url(&format!("/v1/pqrs/{first}")))
        .header("X-Access-Code", &code)
        .send()
        .await
        .unwrap();
    let status = r.status();
    let body = r.text().await.unwrap();
    assert!(
        status == StatusCode::OK || status == StatusCode::NOT_FOUND,
        "{status}: {body}"
    );
    assert!(!body.contains("Luis"), "{body}");
    assert!(!body.contains("Segunda"), "{body}");
    // … and the auditor's history shows the field as unreadable, not Luis's text.
    let auditor = db.token("auditor").await;
    let r = app
        .get_as(&auditor, &format!("/v1/pqrs/{first}/events"))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let history = r.text().await.unwrap();
    assert!(history.contains("dato ilegible"), "{history}");
    assert!(!history.contains("Luis"), "{history}");
    // The chain names the tampering at position 1.
    let out = pqrs_cli(&["audit", "verify", "--json", "--database-url", &db.url]).await;
    assert!(!out.status.success());
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["finding"]["position"], position, "{report}");
}

async fn a_wrong_key_encryption_key_is_refused_at_start(b: Backend) {
    let db = TestDb::new(b).await;
    let config = db.key_config("kek").await;
    let app = spawn(&db, &config).await;
    app.set_clock("2026-11-23T09:00:00-05:00").await;
    app.file_ok(&petition(
        "Ana",
        "1020304050",
        "ana@example.co",
        "Una queja.",
    ))
    .await;
    drop(app);
    let other = db.key_config("other").await;
    let out = pqrs_cli(&[
        "serve",
        "--bind",
        "127.0.0.1:0",
        "--database-url",
        &db.url,
        "--config",
        other.to_str().unwrap(),
    ])
    .await;
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no es la de este almacén"),
        "the error names the wrong key: {err}"
    );
}

/// Every file the store keeps on disk, by name: the SQLite files (log, views, their WALs), or
/// the PostgreSQL relation files of the test database after a checkpoint.
async fn raw_store(db: &TestDb) -> Vec<(String, Vec<u8>)> {
    match db.backend {
        Backend::Sqlite => {
            let mut out = Vec::new();
            for entry in std::fs::read_dir(db.dir()).unwrap() {
                let path = entry.unwrap().path();
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                if name.starts_with("pqrs.") && !name.ends_with(".key") {
                    match std::fs::read(&path) {
                        Ok(bytes) => out.push((name, bytes)),
                        // A WAL or shared-memory file that SQLite deleted after listing: its
                        // pages are in the database file by then.
                        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                        Err(e) => panic!("read {name}: {e}"),
                    }
                }
            }
            out
        }
        Backend::Postgres => {
            use sqlx::Row;
            let mut conn = db.connect().await;
            sqlx::query("CHECKPOINT").execute(&mut conn).await.unwrap();
            let rows = sqlx::query(
                "SELECT n.nspname || '.' || c.relname, \
                 encode(pg_read_binary_file(pg_relation_filepath(c.oid)), 'hex') \
                 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
                 WHERE c.relkind IN ('r', 't', 'i') AND n.nspname NOT IN \
                 ('pg_catalog', 'information_schema') AND pg_relation_filepath(c.oid) IS NOT NULL",
            )
            .fetch_all(&mut conn)
            .await
            .unwrap();
            rows.iter()
                .map(|r| {
                    (
                        r.try_get::<String, _>(0).unwrap(),
                        hex::decode(r.try_get::<String, _>(1).unwrap()).unwrap(),
                    )
                })
                .collect()
        }
    }
}

/// The files of `raw` that hold `needle`, by name (empty when none does).
fn holding(raw: &[(String, Vec<u8>)], needle: &str) -> Vec<String> {
    raw.iter()
        .filter(|(_, bytes)| bytes.windows(needle.len()).any(|w| w == needle.as_bytes()))
        .map(|(name, _)| name.clone())
        .collect()
}

/// Waits until no other session is connected to the test database. A killed server's
/// PostgreSQL sessions end only when their backends notice the closed socket; one still inside
/// a query holds a snapshot that may be older than the suppression, and `VACUUM FULL` keeps
/// every row version such a snapshot could see (docs/privacy.md says so to operators).
async fn wait_for_no_other_sessions(db: &TestDb) {
    if db.backend != Backend::Postgres {
        return;
    }
    wait_for(std::time::Duration::from_secs(30), || async {
        db.query_i64(
            "SELECT COUNT(*) FROM pg_stat_activity \
             WHERE datname = current_database() AND pid <> pg_backend_pid()",
        )
        .await
        .contains(&0)
    })
    .await;
}

async fn suppression_is_refused_while_the_case_is_open_and_leaves_no_plaintext_in_the_store(
    b: Backend,
) {
    let db = TestDb::new(b).await;
    let config = db.key_config("kek").await;
    let app = spawn(&db, &config).await;
    app.set_clock("2026-11-23T09:00:00-05:00").await;
    let subject = "Cobro doble en la factura";
    let (radicado, code) = app
        .file_ok(&petition(
            "Ana Pérez Quintero",
            "1020304050",
            "ana.perez@example.co",
            "Vivo en la Calle 45 # 12-30.",
        ))
        .await;
    // The case view holds the subject in clear until the suppression (the control that the
    // search below can find it).
    wait_for(std::time::Duration::from_secs(20), || async {
        !db.query_i64(&format!(
            "SELECT COUNT(*) FROM case_view WHERE radicado = '{radicado}'"
        ))
        .await
        .contains(&0)
    })
    .await;
    let wrapped = {
        use sqlx::Row;
        let mut conn = db.connect().await;
        let wrapped = sqlx::query("SELECT wrapped_key FROM data_keys")
            .fetch_one(&mut conn)
            .await
            .unwrap()
            .try_get::<String, _>(0)
            .unwrap();
        // Closed now: dropped, it would close in the background, and on SQLite the last
        // connection's close checkpoints the WAL into the file and deletes it while the files
        // are being read below (the row would be in neither copy the search reads).
        sqlx::Connection::close(conn).await.unwrap();
        wrapped
    };
    // Wait until the server has exited: a process still dying could fold the suppression
    // event below with its cached key and write the view row back in clear.
    app.kill9().await;
    // An outbox row of an earlier version, whose mail server's words were recorded before they
    // were redacted and name the address (docs/privacy.md).
    db.execute(&format!(
        "INSERT INTO mail_outbox (id, radicado, caused_by, message, recipient, facts, \
         created_at, attempts, next_attempt_at, failed_at, last_error) VALUES \
         ('{radicado}/answer', '{radicado}', 1, 'answer', 'ana.perez@example.co', '{{}}', \
         '2026-11-23T14:00:00.000000Z', 1, '2026-11-23T14:00:00.000000Z', \
         '2026-11-23T14:00:01.000000Z', \
         '550 5.1.1 <ana.perez@example.co>: Recipient address rejected')"
    ))
    .await;
    assert!(
        !holding(&raw_store(&db).await, subject).is_empty(),
        "control: the search finds the subject"
    );

    let cfg = config.to_str().unwrap();
    let suppress = |order: Option<&'static str>| {
        let url = db.url.clone();
        let radicado = radicado.clone();
        let cfg = cfg.to_owned();
        async move {
            let mut args = vec![
                "privacy".to_owned(),
                "suppress".into(),
                "--radicado".into(),
                radicado,
                "--basis".into(),
                "Solicitud de la titular".into(),
                "--database-url".into(),
                url,
                "--config".into(),
                cfg,
            ];
            if let Some(o) = order {
                args.extend(["--order".into(), o.into()]);
            }
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            pqrs_cli(&args).await
        }
    };
    // Open: refused, with the article.
    let out = suppress(None).await;
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("Ley 1581 de 2012 art. 8"), "{err}");
    assert_eq!(
        db.query_i64("SELECT COUNT(*) FROM data_keys WHERE destroyed_at IS NULL")
            .await,
        vec![1]
    );
    // An authority's order overrides.
    let out = suppress(Some("Sentencia T-100 de 2026")).await;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        db.query_i64("SELECT COUNT(*) FROM events WHERE event_type = 'PersonalDataSuppressed'")
            .await,
        vec![1]
    );
    // The earlier version's row keeps its place in the outbox, with neither the address nor
    // the server's words that named it.
    assert_eq!(
        db.query_i64(&format!(
            "SELECT COUNT(*) FROM mail_outbox WHERE id = '{radicado}/answer' \
             AND recipient = 'dato suprimido' AND last_error = '[redacted]'"
        ))
        .await,
        vec![1]
    );

    let app = spawn(&db, &config).await;
    let tracked = app.track(&radicado, &code).await;
    assert_eq!(tracked["subject"], "dato suprimido", "{tracked}");
    assert_eq!(tracked["due_date"], "2026-12-15", "terms unchanged");
    let auditor = db.token("auditor").await;
    let history: Value = app
        .get_as(&auditor, &format!("/v1/pqrs/{radicado}/events"))
        .await
        .json()
        .await
        .unwrap();
    let filed = &history["events"][0]["payload"]["PqrFiled"];
    assert_eq!(filed["description"], "dato suprimido", "{history}");
    assert_eq!(filed["petitioner"]["name"], "dato suprimido", "{history}");
    app.kill9().await;
    let out = pqrs_cli(&["audit", "verify", "--database-url", &db.url]).await;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // What docs/privacy.md tells operators to run after a suppression, once no transaction
    // older than it is open.
    wait_for_no_other_sessions(&db).await;
    let secrets = [
        subject,
        "Ana Pérez Quintero",
        "1020304050",
        "ana.perez@example.co",
        "Calle 45",
        wrapped.as_str(),
    ];
    // On PostgreSQL, VACUUM FULL keeps a row version while any snapshot may still see it, and
    // a snapshot's horizon can be held back by a transaction of another database of the
    // cluster (the other tests' databases, in a full run). So the procedure is repeated until
    // it leaves nothing, for at most 60 s: a copy that a later vacuum removes was a version
    // still visible then; a leak (a copy written again in clear) stays and fails the test.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    loop {
        match b {
            Backend::Sqlite => {
                db.execute(
                    "PRAGMA wal_checkpoint(TRUNCATE); VACUUM; \
                     PRAGMA views.wal_checkpoint(TRUNCATE); VACUUM views;",
                )
                .await
            }
            Backend::Postgres => {
                db.execute(
                    "VACUUM FULL case_view, data_keys, mail_outbox, personal_data_index, \
                     personal_data_index_recent, idempotency_keys",
                )
                .await
            }
        }
        let raw = raw_store(&db).await;
        let found: Vec<(&str, Vec<String>)> = secrets
            .iter()
            .map(|secret| (*secret, holding(&raw, secret)))
            .filter(|(_, files)| !files.is_empty())
            .collect();
        if found.is_empty() {
            break;
        }
        assert!(
            b == Backend::Postgres && std::time::Instant::now() < deadline,
            "still in the store's files: {found:?}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    }
}

async fn the_data_protection_officer_suppresses_through_the_api_and_every_view_shows_dato_suprimido(
    b: Backend,
) {
    let db = TestDb::new(b).await;
    let config = db.key_config("kek").await;
    let app = spawn(&db, &config).await;
    app.set_clock("2026-11-23T09:00:00-05:00").await;
    let (radicado, code) = app
        .file_ok(&petition(
            "Ana Pérez",
            "1020304050",
            "ana@example.co",
            "Una queja sobre el agua.",
        ))
        .await;
    // Read once, so the server caches the case's key.
    assert_eq!(
        app.track(&radicado, &code).await["subject"],
        "Cobro doble en la factura"
    );
    let officer = db.token("privacy").await;
    let agent = db.token("agent").await;
    let post = |token: String, body: Value| {
        let app = &app;
        async move {
            app.client
                .post(app.url("/v1/privacy/suppressions"))
                .bearer_auth(token)
                .json(&body)
                .send()
                .await
                .unwrap()
        }
    };
    let r = post(agent, json!({"radicado": radicado, "basis": "Solicitud"})).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = post(
        officer.clone(),
        json!({"radicado": radicado, "basis": "Solicitud"}),
    )
    .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.headers()["content-type"], "application/problem+json");
    let problem: Value = r.json().await.unwrap();
    let detail = problem["detail"].as_str().unwrap();
    assert!(detail.contains("sigue en trámite"), "{problem}");
    assert!(detail.contains("Ley 1581 de 2012 art. 8"), "{problem}");
    let r = post(
        officer.clone(),
        json!({"radicado": radicado, "basis": "Solicitud de la titular", "order": "Auto 55 de 2026"}),
    )
    .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let r = post(
        officer,
        json!({"radicado": radicado, "basis": "Otra vez", "order": "Auto 55 de 2026"}),
    )
    .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    // At once, in the same process: tracking, the case view's queue, the history.
    let tracked = app.track(&radicado, &code).await;
    assert_eq!(tracked["subject"], "dato suprimido", "{tracked}");
    assert_eq!(tracked["due_date"], "2026-12-15");
    let in_view = format!(
        "SELECT COUNT(*) FROM case_view WHERE radicado = '{radicado}' \
         AND subject = 'dato suprimido' AND state NOT LIKE '%Ana%'"
    );
    wait_for(std::time::Duration::from_secs(20), || async {
        db.query_i64(&in_view).await == vec![1]
    })
    .await;
    let auditor = db.token("auditor").await;
    let history = app
        .get_as(&auditor, &format!("/v1/pqrs/{radicado}/events"))
        .await
        .text()
        .await
        .unwrap();
    assert!(!history.contains("Ana"), "{history}");
    assert!(history.contains("PersonalDataSuppressed") || history.contains("dato suprimido"));
}

async fn the_access_export_finds_a_persons_three_cases_by_identity_number(b: Backend) {
    let db = TestDb::new(b).await;
    let config = db.key_config("kek").await;
    let app = spawn(&db, &config).await;
    app.set_clock("2026-11-23T09:00:00-05:00").await;
    let mut hers = Vec::new();
    for (id, text) in [
        ("1020304050", "Primera queja de Ana."),
        ("1.020.304.050", "Segunda queja de Ana."),
        ("1020304050", "Tercera queja de Ana."),
    ] {
        hers.push(
            app.file_ok(&petition("Ana Pérez", id, "ana@example.co", text))
                .await
                .0,
        );
    }
    app.file_ok(&petition(
        "Luis Gómez",
        "79111222",
        "luis@example.co",
        "Queja de Luis.",
    ))
    .await;
    drop(app);
    let (found, out) = access_by_id_number(&db, &config, "1020304050").await;
    assert_eq!(found, hers);
    assert!(out.contains("Tercera queja de Ana."), "opened: {out}");
    assert!(!out.contains("Luis"), "{out}");
    // The request is recorded, without the identity number.
    assert_eq!(
        db.query_i64("SELECT COUNT(*) FROM events WHERE event_type = 'PersonalDataAccessed'")
            .await,
        vec![1]
    );
    assert_eq!(
        db.query_i64("SELECT COUNT(*) FROM events WHERE payload LIKE '%1020304050%'")
            .await,
        vec![0]
    );
}

/// The radicados an access request by identity number `id` finds, through the real CLI, and
/// the export it printed.
async fn access_by_id_number(db: &TestDb, config: &Path, id: &str) -> (Vec<String>, String) {
    let out = pqrs_cli_ok(&[
        "privacy",
        "access",
        "--id-number",
        id,
        "--database-url",
        &db.url,
        "--config",
        config.to_str().unwrap(),
    ])
    .await;
    let export: Value = serde_json::from_str(&out).unwrap();
    let found = export["cases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["radicado"].as_str().unwrap().to_owned())
        .collect();
    (found, out)
}

/// Waits until the case view has folded the whole log.
async fn wait_for_the_case_view(db: &TestDb) {
    // The runner creates its checkpoint row with its first step: until then, not caught up.
    wait_for(std::time::Duration::from_secs(60), || async {
        db.query_i64(
            "SELECT (SELECT position FROM ledger_head WHERE id = 1) - \
             COALESCE((SELECT position FROM projection_checkpoints WHERE name = 'case_view'), -1)",
        )
        .await
            == vec![0]
    })
    .await;
}

/// The blind index's entries, merged or not (`personal_data_index` and
/// `personal_data_index_recent`).
const INDEX_ENTRIES: &str = "SELECT (SELECT COUNT(*) FROM personal_data_index) + \
                             (SELECT COUNT(*) FROM personal_data_index_recent)";

/// The blind index is derived data (docs/privacy.md): the case projection adds a page's
/// entries with its checkpoint, a filing's transaction adds none, and an access request reads
/// the index up to the checkpoint and the events after it. A page's entries wait in a table of
/// their own until thousands have gathered, then are merged into the index in one sorted batch.
async fn the_blind_index_is_kept_by_the_case_projection_and_access_reads_past_its_checkpoint(
    b: Backend,
) {
    let db = TestDb::new(b).await;
    let config = db.key_config("kek").await;
    let app = spawn(&db, &config).await;
    app.set_clock("2026-11-23T09:00:00-05:00").await;
    let mut hers = Vec::new();
    for text in ["Primera queja de Ana.", "Segunda queja de Ana."] {
        let filed = app
            .file_ok(&petition("Ana Pérez", "1020304050", "ana@example.co", text))
            .await;
        hers.push(filed.0);
    }
    let (his, _) = app
        .file_ok(&petition(
            "Luis Gómez",
            "79111222",
            "luis@example.co",
            "Queja de Luis.",
        ))
        .await;
    wait_for_the_case_view(&db).await;
    // An identity number and an e-mail for each of the three filings, waiting to be merged.
    assert_eq!(
        db.query_i64("SELECT COUNT(*) FROM personal_data_index_recent")
            .await,
        vec![6]
    );
    assert_eq!(
        db.query_i64("SELECT COUNT(*) FROM personal_data_index")
            .await,
        vec![0]
    );
    if b == Backend::Sqlite {
        // In the views file, under the views' write lock, not the log's.
        assert_eq!(
            db.query_i64(
                "SELECT COUNT(*) FROM main.sqlite_master \
                 WHERE name IN ('personal_data_index', 'personal_data_index_recent')"
            )
            .await,
            vec![0]
        );
    }
    drop(app);

    // The index emptied and the case view sent back to the start of the log, with no runner
    // to fold it again: the request finds her cases by opening the events past the checkpoint.
    db.execute(
        "DELETE FROM personal_data_index; DELETE FROM personal_data_index_recent; \
         UPDATE projection_checkpoints SET position = 0 WHERE name = 'case_view'",
    )
    .await;
    assert_eq!(
        access_by_id_number(&db, &config, "1020304050").await.0,
        hers
    );
    assert_eq!(
        db.query_i64(INDEX_ENTRIES).await,
        vec![0],
        "an access request writes no index"
    );

    // The runner folds the log again and writes the index again, with its checkpoint.
    let app = spawn(&db, &config).await;
    wait_for_the_case_view(&db).await;
    assert_eq!(db.query_i64(INDEX_ENTRIES).await, vec![6]);
    drop(app);
    // Up to the checkpoint, the request reads the index as well as the entries waiting to be
    // merged into it (hers): an entry planted in the index under her digest is followed,
    // though no event of his case names her.
    db.execute(&format!(
        "INSERT INTO personal_data_index (kind, digest, radicado) \
         SELECT kind, digest, '{his}' FROM personal_data_index_recent \
         WHERE kind = 'id_number' AND radicado = '{}'",
        hers[0]
    ))
    .await;
    let mut with_his = hers.clone();
    with_his.push(his.clone());
    with_his.sort();
    assert_eq!(
        access_by_id_number(&db, &config, "1.020.304.050").await.0,
        with_his
    );

    if b == Backend::Sqlite {
        // A store from before the move kept the index in the log's file: the first start
        // moves its entries to the views file and drops it there.
        db.execute(
            "CREATE TABLE main.personal_data_index (kind text NOT NULL, digest text NOT NULL, \
             radicado text NOT NULL, PRIMARY KEY (kind, digest, radicado)); \
             INSERT INTO main.personal_data_index SELECT * FROM views.personal_data_index; \
             DROP TABLE views.personal_data_index",
        )
        .await;
        assert_eq!(
            access_by_id_number(&db, &config, "1020304050").await.0,
            with_his
        );
        assert_eq!(
            db.query_i64(
                "SELECT COUNT(*) FROM main.sqlite_master WHERE name = 'personal_data_index'"
            )
            .await,
            vec![0]
        );
        assert_eq!(
            db.query_i64(
                "SELECT (SELECT COUNT(*) FROM views.personal_data_index) + \
                 (SELECT COUNT(*) FROM views.personal_data_index_recent)"
            )
            .await,
            vec![7]
        );
    }

    // The merge: entries waiting are counted when the server starts, and the page that brings
    // them to MERGE_AT moves them all into the index, each kept once (one planted twice here).
    let waiting = db
        .query_i64("SELECT COUNT(*) FROM personal_data_index_recent")
        .await[0];
    let planted = MERGE_AT - 1 - waiting - 1;
    db.execute(&format!(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {planted}) \
         INSERT INTO personal_data_index_recent (kind, digest, radicado) \
         SELECT 'email', 'planted-' || i, 'planted' FROM n; \
         INSERT INTO personal_data_index_recent (kind, digest, radicado) \
         SELECT kind, digest, radicado FROM personal_data_index_recent WHERE digest = 'planted-1'"
    ))
    .await;
    let distinct = "SELECT COUNT(*) FROM (SELECT kind, digest, radicado FROM personal_data_index \
                    UNION SELECT kind, digest, radicado FROM personal_data_index_recent) u";
    let before = db.query_i64(distinct).await[0];
    assert_eq!(
        db.query_i64("SELECT COUNT(*) FROM personal_data_index_recent")
            .await,
        vec![MERGE_AT - 1]
    );
    let app = spawn(&db, &config).await;
    let (luz, _) = app
        .file_ok(&petition(
            "Luz Rojas",
            "52333444",
            "luz@example.co",
            "Queja de Luz.",
        ))
        .await;
    wait_for_the_case_view(&db).await;
    drop(app);
    assert_eq!(
        db.query_i64("SELECT COUNT(*) FROM personal_data_index_recent")
            .await,
        vec![0],
        "the page that passed MERGE_AT merged every waiting entry"
    );
    assert_eq!(
        db.query_i64("SELECT COUNT(*) FROM personal_data_index")
            .await,
        vec![before + 2]
    );
    assert_eq!(
        access_by_id_number(&db, &config, "52.333.444").await.0,
        vec![luz]
    );
    assert_eq!(
        access_by_id_number(&db, &config, "1020304050").await.0,
        with_his
    );
}

/// Two servers on one store, both filing and both running the case projection, while the
/// blind index's waiting entries pass MERGE_AT: every entry of every filing is kept, once,
/// whichever process staged it and whichever merged.
async fn two_processes_filing_through_a_merge_of_the_blind_index_lose_no_entry(b: Backend) {
    let db = TestDb::new(b).await;
    let config = db.key_config("kek").await;
    let first = spawn(&db, &config).await;
    // Waiting entries planted just short of a merge, before either process counts them.
    let planted = MERGE_AT - 30;
    db.execute(&format!(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {planted}) \
         INSERT INTO personal_data_index_recent (kind, digest, radicado) \
         SELECT 'email', 'planted-' || i, 'planted' FROM n"
    ))
    .await;
    let second = spawn(&db, &config).await;
    let (ours, theirs) = tokio::join!(forty_filings(&first, "111"), forty_filings(&second, "222"));
    wait_for_the_case_view(&db).await;
    drop((first, second));
    // An identity number and an e-mail for each of the 80 filings, besides the planted ones.
    assert_eq!(
        db.query_i64(
            "SELECT COUNT(*) FROM (SELECT kind, digest, radicado FROM personal_data_index \
             UNION SELECT kind, digest, radicado FROM personal_data_index_recent) u"
        )
        .await,
        vec![planted + 160]
    );
    let merged = db
        .query_i64("SELECT COUNT(*) FROM personal_data_index")
        .await[0];
    assert!(
        merged >= planted,
        "no merge ran: {merged} entries in the index"
    );
    assert_eq!(
        db.query_i64(
            "SELECT COUNT(*) FROM personal_data_index i WHERE EXISTS (SELECT 1 FROM \
             personal_data_index_recent r WHERE r.kind = i.kind AND r.digest = i.digest \
             AND r.radicado = i.radicado)"
        )
        .await,
        vec![0],
        "an entry both merged and still waiting"
    );
    assert_eq!(
        access_by_id_number(&db, &config, "1110000").await.0,
        vec![ours[0].clone()]
    );
    assert_eq!(
        access_by_id_number(&db, &config, "2220039").await.0,
        vec![theirs[39].clone()]
    );
}

/// Forty identified filings through `app`, each petitioner's identity number `who` and four
/// digits; their radicados.
async fn forty_filings(app: &App, who: &str) -> Vec<String> {
    let mut filed = Vec::new();
    for i in 0..40 {
        let id = format!("{who}{i:04}");
        let email = format!("{id}@example.co");
        filed.push(
            app.file_ok(&petition("Peticionario", &id, &email, "Queja."))
                .await
                .0,
        );
    }
    filed
}

/// Earlier versions recorded a mail server's words as they came, and servers name the address
/// they refuse: the upgrade replaces such words (docs/privacy.md), and only those.
async fn the_upgrade_redacts_the_addresses_earlier_versions_left_in_the_outbox(b: Backend) {
    let db = TestDb::new(b).await;
    let app = spawn_app(&db).await;
    let (radicado, _) = app
        .file_ok(&petition(
            "Ana Pérez",
            "1020304050",
            "ana@example.co",
            "Agua.",
        ))
        .await;
    drop(app);
    // The rows as an earlier version wrote them, and the store back at its schema then.
    let row = |id: &str, column: &str, words: &str| {
        format!(
            "INSERT INTO mail_outbox (id, radicado, caused_by, message, recipient, facts, \
             created_at, attempts, next_attempt_at, {column}) VALUES ('{id}', '{radicado}', 1, \
             'answer', 'ana@example.co', '{{}}', '2026-11-23T14:00:00.000000Z', 1, \
             '2026-11-23T14:00:00.000000Z', '{words}');"
        )
    };
    db.execute(&format!(
        "{}{}{}",
        row(
            "a",
            "last_error",
            "550 5.1.1 <ana@example.co>: Recipient address rejected"
        ),
        row(
            "b",
            "server_reply",
            "250 2.0.0 Ok: queued for ana@example.co"
        ),
        row("c", "server_reply", "250 2.0.0 Ok: queued as 4F2A"),
    ))
    .await;
    let version = match b {
        Backend::Sqlite => 11,
        Backend::Postgres => 18,
    };
    db.execute(&format!(
        "DELETE FROM _sqlx_migrations WHERE version = {version}"
    ))
    .await;
    let _app = spawn_app(&db).await;
    let words = |id: &str| {
        format!(
            "SELECT COUNT(*) FROM mail_outbox WHERE id = '{id}' AND \
             COALESCE(last_error, server_reply) = '[redacted]'"
        )
    };
    assert_eq!(db.query_i64(&words("a")).await, vec![1]);
    assert_eq!(db.query_i64(&words("b")).await, vec![1]);
    assert_eq!(
        db.query_i64(
            "SELECT COUNT(*) FROM mail_outbox WHERE id = 'c' \
             AND server_reply = '250 2.0.0 Ok: queued as 4F2A'"
        )
        .await,
        vec![1],
        "words without an address are kept"
    );
}
