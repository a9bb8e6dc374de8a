//! Durable, replayable projections: the global order, the work queue, alerts against the
//! clock, rebuilds, and recovery after kill -9 — on SQLite and on PostgreSQL.

// Test code: a failed step panics, naming what failed (the workspace warns elsewhere).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use pqrs_tests::*;
use reqwest::StatusCode;
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::time::Duration;

on_both_backends!(
    a_reader_tailing_the_log_never_skips_an_event_while_two_processes_write,
    the_work_queue_filters_sorts_and_pages_cases_with_their_deadline,
    a_case_becomes_overdue_at_midnight_without_a_new_event,
    after_a_kill_9_the_views_equal_a_rebuild_from_scratch,
    the_case_view_fed_by_the_desk_equals_a_rebuild_from_the_log,
    the_case_view_is_kept_by_threads_that_let_filing_go_first,
    a_runner_that_starts_pages_behind_catches_up,
    readiness_judges_a_long_lag_by_how_long_its_oldest_event_has_waited,
);

/// A CLI command closes the store before it exits, and on SQLite folds both write-ahead logs
/// into their files first: a process that only exits leaves its log to the next one, which
/// reads and checks every frame before its first query. (`pqrs projections rebuild` left a
/// log behind in 12 runs of 20 before; five runs make a miss unlikely to pass.)
#[tokio::test]
async fn on_sqlite_a_command_leaves_no_write_ahead_log_behind() {
    let db = TestDb::new(Backend::Sqlite).await;
    let app = spawn_app_with(&db, &[]).await;
    file_and_project(&app, 3).await;
    app.kill9().await;
    let store = std::path::PathBuf::from(db.url.strip_prefix("sqlite://").unwrap());
    let logs = [
        store.with_file_name("pqrs.db-wal"),
        store.with_file_name("pqrs.views.db-wal"),
    ];
    for run in 0..5 {
        pqrs_cli_ok(&["projections", "rebuild", "--database-url", &db.url]).await;
        for log in &logs {
            let size = std::fs::metadata(log).map(|m| m.len()).unwrap_or(0);
            assert_eq!(size, 0, "run {run}: {} holds {size} bytes", log.display());
        }
    }
    assert_eq!(
        db.query_i64("SELECT COUNT(*) FROM case_view").await,
        vec![3]
    );
}

/// On SQLite the views live in their own file (their own write lock, so projecting never
/// makes a filing wait): the log's file holds none of them, an older store that had them is
/// migrated, and a deleted views file is filled again from the log.
#[tokio::test]
async fn on_sqlite_the_views_live_in_their_own_file_and_come_back_from_the_log() {
    let db = TestDb::new(Backend::Sqlite).await;
    let app = spawn_app_with(&db, &[]).await;
    file_and_project(&app, 5).await;
    let tables = |schema: &'static str| {
        let db = &db;
        async move {
            db.query_i64(&format!(
                "SELECT COUNT(*) FROM {schema}.sqlite_master WHERE type = 'table' \
                 AND name IN ('case_view', 'projection_checkpoints')"
            ))
            .await[0]
        }
    };
    assert_eq!(tables("main").await, 0, "no view in the log's file");
    assert_eq!(tables("views").await, 2);
    let live = db.case_view_snapshot().await;
    assert_eq!(live.len(), 5);
    app.kill9().await;

    // Deleted: the next start fills a new views file from the log.
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(db.dir().join(format!("pqrs.views.db{suffix}")));
    }
    let app = spawn_app_with(&db, &[]).await;
    wait_projected(&app).await;
    assert_eq!(db.case_view_snapshot().await, live);
    app.kill9().await;

    // A store from before the views file (views in the log's file, migration 5 not applied):
    // the migration drops the old copies, which would otherwise hide the attached ones.
    db.execute(
        "CREATE TABLE main.case_view (radicado text); \
         CREATE TABLE main.projection_checkpoints (name text, position bigint); \
         DELETE FROM _sqlx_migrations WHERE version = 5;",
    )
    .await;
    let app = spawn_app_with(&db, &[]).await;
    assert_eq!(
        app.file(&anonymous_petition()).await.status(),
        StatusCode::CREATED
    );
    wait_projected(&app).await;
    assert_eq!(tables("main").await, 0);
    assert_eq!(db.case_view_snapshot().await.len(), 6);
}

async fn queue(app: &App, token: &str, query: &str) -> Value {
    let r = app
        .client
        .get(app.url(&format!("/v1/cases{query}")))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{query}");
    r.json().await.unwrap()
}

/// Files `n` anonymous petitions one after the other and waits until the view has them.
async fn file_and_project(app: &App, n: usize) {
    for _ in 0..n {
        assert_eq!(
            app.file(&anonymous_petition()).await.status(),
            StatusCode::CREATED
        );
    }
    wait_projected(app).await;
}

async fn wait_projected(app: &App) {
    wait_for(Duration::from_secs(30), || async {
        let r: Value = app.get_json("/ready").await;
        r["projection_lag"] == 0
    })
    .await;
}

async fn a_reader_tailing_the_log_never_skips_an_event_while_two_processes_write(b: Backend) {
    let db = TestDb::new(b).await;
    let a = spawn_app_with(&db, &[]).await;
    let c = spawn_app_with(&db, &[]).await;
    let writers = tokio::spawn({
        let (ca, cc) = (a.client.clone(), c.client.clone());
        let (ua, uc) = (a.url("/v1/pqrs"), c.url("/v1/pqrs"));
        async move {
            futures_util::future::join_all((0..200).map(|i| {
                let (client, url) = if i % 2 == 0 { (&ca, &ua) } else { (&cc, &uc) };
                async move {
                    client
                        .post(url)
                        .json(&anonymous_petition())
                        .send()
                        .await
                        .unwrap()
                        .status()
                }
            }))
            .await
        }
    });
    // Tail the log as a projection would: read after the cursor, advance to the last seen.
    let mut seen = BTreeSet::new();
    let mut cursor = 0i64;
    loop {
        let page = db
            .query_i64(&format!(
                "SELECT position FROM events WHERE position > {cursor} ORDER BY position"
            ))
            .await;
        for p in &page {
            assert!(seen.insert(*p), "position {p} read twice");
        }
        if let Some(last) = page.last() {
            cursor = *last;
        }
        if writers.is_finished() && page.is_empty() {
            break;
        }
    }
    let statuses = writers.await.unwrap();
    assert!(statuses.iter().all(|s| *s == StatusCode::CREATED));
    assert_eq!(seen.len(), 200);
    assert_eq!(
        seen.into_iter().collect::<Vec<_>>(),
        (1..=200).collect::<Vec<_>>(),
        "no skipped position"
    );
}

async fn the_work_queue_filters_sorts_and_pages_cases_with_their_deadline(b: Backend) {
    let db = TestDb::new(b).await;
    let agent = db.token("agent").await;
    // The mail of 1 October is registered late: a wide backdating limit allows it.
    let config = db.dir().join("backdating.toml");
    std::fs::write(&config, "max_backdating_days = 3650\n").unwrap();
    let config = config.display().to_string();
    let app = spawn_app_with(&db, &["--dev-clock", "--config", &config]).await;
    app.set_clock("2026-11-24T10:00:00-05:00").await;
    // Two cases today and an information request received by mail long ago (overdue).
    let mut consultation = anonymous_petition();
    consultation["kind"] = json!("consultation");
    for body in [anonymous_petition(), consultation] {
        assert_eq!(app.file(&body).await.status(), StatusCode::CREATED);
    }
    let mut old = anonymous_petition();
    old["kind"] = json!("information_request");
    old["channel"] = json!("mail");
    old["received_at"] = json!("2026-10-01T10:00:00-05:00");
    let r = app.file_as(&agent, &old).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    wait_projected(&app).await;

    let all = queue(&app, &agent, "").await;
    assert_eq!(all["total"], 3);
    assert_eq!(all["today"], "2026-11-24");
    let items = all["items"].as_array().unwrap();
    // Sorted by due date: the old information request first.
    assert_eq!(items[0]["kind"], "information_request");
    // Deemed accepted long ago and the 3 business days to deliver the copies passed too
    // (Ley 1755 de 2015 art. 14 num. 1).
    assert_eq!(items[0]["deadline"]["state"], "copies_overdue");
    assert!(items[0]["deadline"]["business_days_left"].as_i64().unwrap() < 0);
    assert_eq!(items[1]["kind"], "petition");
    assert_eq!(items[1]["deadline"]["due_date"], "2026-12-16");
    assert_eq!(items[1]["deadline"]["state"], "on_time");
    assert_eq!(items[2]["kind"], "consultation");

    let overdue = queue(&app, &agent, "?overdue=true").await;
    assert_eq!(overdue["total"], 1);
    assert_eq!(overdue["items"][0]["kind"], "information_request");
    assert_eq!(queue(&app, &agent, "?kind=petition").await["total"], 1);
    assert_eq!(
        queue(&app, &agent, "?status=filed&overdue=false").await["total"],
        2
    );
    let desc = queue(&app, &agent, "?sort=-due_date&page_size=2").await;
    assert_eq!(desc["items"].as_array().unwrap().len(), 2);
    assert_eq!(desc["items"][0]["kind"], "consultation");
    let page2 = queue(&app, &agent, "?sort=-due_date&page_size=2&page=2").await;
    assert_eq!(page2["items"].as_array().unwrap().len(), 1);
    assert_eq!(page2["items"][0]["kind"], "information_request");

    // Bad filters and missing credentials are problems.
    for q in ["?page_size=0", "?tier=9", "?sort=subject", "?colour=red"] {
        let r = app
            .client
            .get(app.url(&format!("/v1/cases{q}")))
            .bearer_auth(&agent)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{q}");
    }
    let r = app.client.get(app.url("/v1/cases")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
}

async fn a_case_becomes_overdue_at_midnight_without_a_new_event(b: Backend) {
    let db = TestDb::new(b).await;
    let agent = db.token("agent").await;
    let app = spawn_app(&db).await;
    app.set_clock("2026-11-23T09:00:00-05:00").await;
    let filed: Value = app.file(&anonymous_petition()).await.json().await.unwrap();
    wait_projected(&app).await;
    let alerts = |at: &'static str| {
        let (app, agent) = (&app, agent.clone());
        async move {
            app.set_clock(at).await;
            let r = app
                .client
                .get(app.url("/v1/alerts"))
                .bearer_auth(agent)
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), StatusCode::OK);
            let v: Value = r.json().await.unwrap();
            v["alerts"].as_array().unwrap().clone()
        }
    };
    assert!(
        alerts("2026-11-24T12:00:00-05:00").await.is_empty(),
        "on time: no alert"
    );
    let soon = alerts("2026-12-10T12:00:00-05:00").await;
    assert_eq!(soon.len(), 1);
    assert_eq!(soon[0]["radicado"], filed["radicado"]);
    assert_eq!(soon[0]["deadline"]["state"], "due_soon");
    let last = alerts("2026-12-15T23:59:00-05:00").await;
    assert_eq!(last[0]["deadline"]["state"], "due_soon");
    let overdue = alerts("2026-12-16T00:00:30-05:00").await;
    assert_eq!(overdue[0]["deadline"]["state"], "overdue");
    assert_eq!(overdue[0]["deadline"]["business_days_left"], -1);
    // Nothing was written to make it overdue.
    assert_eq!(db.query_i64("SELECT COUNT(*) FROM events").await, vec![1]);
}

async fn after_a_kill_9_the_views_equal_a_rebuild_from_scratch(b: Backend) {
    let db = TestDb::new(b).await;
    let app = spawn_app_with(&db, &[]).await;
    let load: Vec<_> = (0..6)
        .map(|_| {
            let (client, url) = (app.client.clone(), app.url("/v1/pqrs"));
            tokio::spawn(async move {
                for _ in 0..100 {
                    if client
                        .post(&url)
                        .json(&anonymous_petition())
                        .send()
                        .await
                        .is_err()
                    {
                        break;
                    }
                }
            })
        })
        .collect();
    wait_for(Duration::from_secs(30), || async {
        db.query_i64("SELECT COUNT(*) FROM events").await[0] >= 80
    })
    .await;
    app.kill9().await;
    for l in load {
        l.await.unwrap();
    }
    let app = spawn_app_with(&db, &[]).await;
    wait_projected(&app).await;
    let events = db.query_i64("SELECT COUNT(*) FROM events").await[0];
    assert_eq!(
        db.query_i64("SELECT COUNT(*) FROM case_view").await[0],
        events
    );
    let live = db.case_view_snapshot().await;

    let out = pqrs_cli_ok(&[
        "projections",
        "rebuild",
        "case_view",
        "--database-url",
        &db.url,
    ])
    .await;
    assert!(out.contains(&format!("{events} eventos")), "{out}");
    assert_eq!(
        db.case_view_snapshot().await,
        live,
        "a rebuild equals the live view"
    );
    if b == Backend::Postgres {
        // The rebuilt table keeps the live one's autovacuum settings (migration 0015) and was
        // vacuumed before the swap, so the queue's counts are index-only scans at once.
        let settings = db
            .query_i64(
                "SELECT COUNT(*) FROM pg_class WHERE relname = 'case_view' \
                 AND 'autovacuum_vacuum_scale_factor=0.02' = ANY(reloptions)",
            )
            .await;
        assert_eq!(
            settings,
            vec![1],
            "the rebuilt case view's autovacuum settings"
        );
        let vacuumed = db
            .query_i64(
                "SELECT COUNT(*) FROM pg_stat_user_tables \
                 WHERE relname = 'case_view' AND last_vacuum IS NOT NULL",
            )
            .await;
        assert_eq!(vacuumed, vec![1], "the rebuilt case view was vacuumed");
    }

    // The live runner continues on the rebuilt table.
    let filed: Value = app.file(&anonymous_petition()).await.json().await.unwrap();
    wait_projected(&app).await;
    let rows = db
        .query_i64(&format!(
            "SELECT COUNT(*) FROM case_view WHERE radicado = '{}'",
            filed["radicado"].as_str().unwrap()
        ))
        .await;
    assert_eq!(rows, vec![1]);
    let unknown = pqrs_cli(&["projections", "rebuild", "nope", "--database-url", &db.url]).await;
    assert!(!unknown.status.success());
}

/// The live case view takes the events the filing desk has just committed from memory
/// (`pqrs_projection_events_handed_total` in `/metrics`), and ends equal to a rebuild, which
/// reads and opens every event from the log: identified petitions, personal data sealed, four
/// clients at once.
async fn the_case_view_fed_by_the_desk_equals_a_rebuild_from_the_log(b: Backend) {
    let db = TestDb::new(b).await;
    let config = db.key_config("kek").await;
    let config = config.to_str().unwrap();
    let app = spawn_app_with(&db, &["--config", config]).await;
    let load: Vec<_> = (0..4)
        .map(|client| {
            let (http, url) = (app.client.clone(), app.url("/v1/pqrs"));
            tokio::spawn(async move {
                for i in 0..30 {
                    let mut petition = identified_petition();
                    petition["petitioner"]["id_number"] = json!(format!("10{client}{i:04}"));
                    petition["petitioner"]["email"] = json!(format!("p{client}-{i}@example.co"));
                    let r = http.post(&url).json(&petition).send().await.unwrap();
                    assert_eq!(r.status(), StatusCode::CREATED);
                }
            })
        })
        .collect();
    for l in load {
        l.await.unwrap();
    }
    wait_projected(&app).await;
    let handed = app
        .metric("pqrs_projection_events_handed_total{projection=\"case_view\"}")
        .await;
    assert!((1..=120).contains(&handed), "handed {handed}");

    let live = db.case_view_snapshot().await;
    assert_eq!(live.len(), 120);
    let petitioners = live
        .iter()
        .filter(|row| row.contains("@example.co"))
        .count();
    assert_eq!(petitioners, 120, "every row holds its petitioner, opened");
    app.terminate().await;
    pqrs_cli_ok(&[
        "projections",
        "rebuild",
        "case_view",
        "--database-url",
        &db.url,
        "--config",
        config,
    ])
    .await;
    assert_eq!(
        db.case_view_snapshot().await,
        live,
        "a rebuild from the log equals the view the desk fed"
    );
}

/// The server's threads named `name` (a prefix of the kernel's 15-character thread name),
/// with their `nice` values (`/proc/<pid>/task/<tid>/stat`, field 19).
fn threads_nice(pid: u32, name: &str) -> Vec<i64> {
    let mut found = Vec::new();
    for task in std::fs::read_dir(format!("/proc/{pid}/task")).unwrap() {
        let dir = task.unwrap().path();
        let comm = std::fs::read_to_string(dir.join("comm")).unwrap_or_default();
        if !comm.trim_end().starts_with(name) {
            continue;
        }
        let stat = std::fs::read_to_string(dir.join("stat")).unwrap();
        // Fields after the name (which may hold spaces) start at field 3.
        let after = &stat[stat.rfind(')').unwrap() + 2..];
        found.push(after.split_whitespace().nth(16).unwrap().parse().unwrap());
    }
    found
}

/// The case projection runs on a thread of its own at a lower priority (`nice` 10), with
/// connections of its own opened there (on SQLite each is a thread, which inherits it), so
/// when the cores are busy the filing desk and the HTTP tasks go first (docs/performance.md,
/// "Run 14"). The view is still kept, and the server still stops cleanly on SIGTERM.
async fn the_case_view_is_kept_by_threads_that_let_filing_go_first(b: Backend) {
    let db = TestDb::new(b).await;
    let app = spawn_app_with(&db, &[]).await;
    file_and_project(&app, 3).await;
    assert_eq!(
        db.query_i64("SELECT CAST(COUNT(*) AS BIGINT) FROM case_view")
            .await,
        vec![3]
    );
    let pid = app.pid().unwrap();
    assert_eq!(
        threads_nice(pid, "pqrs-views"),
        vec![10],
        "the runner's thread"
    );
    assert!(
        threads_nice(pid, "tokio-rt-worker").iter().all(|&n| n == 0),
        "the HTTP workers keep the normal priority"
    );
    if b == Backend::Sqlite {
        let sqlite = threads_nice(pid, "sqlx-sqlite-wor");
        assert!(
            sqlite.contains(&10),
            "the runner's own connections run at its priority: {sqlite:?}"
        );
        assert!(
            sqlite.contains(&0),
            "the desk's connections keep the normal priority: {sqlite:?}"
        );
    }
    let stopped = app.terminate().await;
    assert!(stopped.success(), "exit status {stopped}");
}

/// A runner more than a page (1 000 events) behind — here a server starting on a log of
/// 1 200 filings with an emptied view — takes its next steps at normal priority, on the
/// server's own runtime (on SQLite through connections of their own), and catches up (the
/// path a saturated machine takes).
async fn a_runner_that_starts_pages_behind_catches_up(b: Backend) {
    use futures_util::stream::{self, StreamExt};
    let db = TestDb::new(b).await;
    let app = spawn_app_with(&db, &[]).await;
    let filed: Vec<StatusCode> = stream::iter(0..1_200)
        .map(|_| async { app.file(&anonymous_petition()).await.status() })
        .buffer_unordered(16)
        .collect()
        .await;
    assert!(filed.iter().all(|s| *s == StatusCode::CREATED));
    app.kill9().await;
    db.execute(
        "DELETE FROM case_view; \
         UPDATE projection_checkpoints SET position = 0 WHERE name = 'case_view';",
    )
    .await;
    let app = spawn_app_with(&db, &[]).await;
    wait_projected(&app).await;
    assert_eq!(
        db.query_i64("SELECT CAST(COUNT(*) AS BIGINT) FROM case_view")
            .await,
        vec![1_200]
    );
    assert_eq!(
        db.query_i64("SELECT position FROM projection_checkpoints WHERE name = 'case_view'")
            .await,
        db.query_i64("SELECT position FROM ledger_head").await
    );
}

/// A view more than 10 000 events behind (`MAX_READY_LAG`) is still ready while the oldest
/// event it has not applied was recorded less than 30 s ago (`MAX_READY_WAIT`): a burst of
/// filings, not a stuck runner. The same lag with that event two minutes old is not ready.
/// The runner is held back by a transaction of the test's that locks the view's checkpoint.
async fn readiness_judges_a_long_lag_by_how_long_its_oldest_event_has_waited(b: Backend) {
    use futures_util::StreamExt;
    use sqlx::{Connection, Executor};
    let db = TestDb::new(b).await;
    let app = spawn_app(&db).await;
    file_and_project(&app, 1).await;

    let mut hold = db.connect().await;
    match b {
        // The views file's write lock (a plain BEGIN: IMMEDIATE would lock the log file too):
        // the runner's next commit waits for it.
        Backend::Sqlite => hold.execute("BEGIN; UPDATE projection_checkpoints SET position = position WHERE name = 'case_view'").await.unwrap(),
        // The checkpoint's row lock: the runner's compare-and-set waits for it.
        Backend::Postgres => hold.execute("BEGIN; SELECT position FROM projection_checkpoints WHERE name = 'case_view' FOR UPDATE").await.unwrap(),
    };

    let burst = 10_050;
    let client = app.client.clone();
    let url = app.url("/v1/pqrs");
    futures_util::stream::iter(0..burst)
        .for_each_concurrent(32, |_| {
            let (client, url) = (client.clone(), url.clone());
            async move {
                let r = client
                    .post(url)
                    .json(&anonymous_petition())
                    .send()
                    .await
                    .unwrap();
                assert_eq!(r.status(), StatusCode::CREATED);
            }
        })
        .await;

    let r = app.client.get(app.url("/ready")).send().await.unwrap();
    let status = r.status();
    let ready: Value = r.json().await.unwrap();
    assert!(
        ready["projection_lag"].as_i64().unwrap() > 10_000,
        "{ready}"
    );
    assert!(
        ready["projection_wait_seconds"].as_i64().unwrap() < 30,
        "{ready}"
    );
    assert_eq!(status, StatusCode::OK, "{ready}");
    assert_eq!(ready["status"], "ready");

    // Two minutes later by the server's clock, the same lag is a stuck view.
    let later = chrono::Utc::now() + chrono::Duration::minutes(2);
    app.set_clock(&later.to_rfc3339()).await;
    let r = app.client.get(app.url("/ready")).send().await.unwrap();
    let status = r.status();
    let ready: Value = r.json().await.unwrap();
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{ready}");
    assert_eq!(ready["status"], "not_ready");
    assert!(
        ready["projection_wait_seconds"].as_i64().unwrap() >= 110,
        "{ready}"
    );

    // Let go, the runner catches up and the service is ready again.
    hold.execute("ROLLBACK").await.unwrap();
    hold.close().await.unwrap();
    wait_for(Duration::from_secs(120), || async {
        let r: Value = app.get_json("/ready").await;
        r["projection_lag"] == 0 && r["status"] == "ready"
    })
    .await;
}
