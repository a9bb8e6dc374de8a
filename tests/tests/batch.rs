//! The batch path of radicación, driven directly through the filing desk on a real store.

// Test code: a failed step panics, naming what failed (the workspace warns elsewhere).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use pqrs_domain::contact::Channel;
use pqrs_domain::text::{Description, Subject};
use pqrs_domain::{Kind, PqrServices};
use pqrs_infrastructure::idempotency::{request_hash, IdempotencyKey};
use pqrs_infrastructure::radicacion::{Filing, FilingDesk, FilingError, FilingRequest};
use pqrs_infrastructure::{Clock, Db};
use pqrs_tests::*;
use std::collections::BTreeMap;

fn request(key: Option<&str>) -> FilingRequest {
    FilingRequest {
        kind: Kind::Complaint,
        subject: Subject::parse("Atención").unwrap(),
        description: Description::parse("Demora en la atención de la ventanilla 3.").unwrap(),
        channel: Channel::Web,
        petitioner: None,
        consent_personal_data: false,
        received_at: None,
        idempotency: key.map(|k| (IdempotencyKey::parse(k).unwrap(), request_hash(k))),
        metadata: BTreeMap::new(),
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_failing_filing_in_a_batch_is_refused_alone_and_leaves_no_gap() {
    for backend in BACKENDS {
        let test_db = TestDb::new(backend).await;
        let db = Db::connect(&test_db.url).await.unwrap();
        db.migrate().await.unwrap();
        // Another process already recorded this key (for another request) after our
        // pre-check: the batch transaction hits the primary key and must not lose the others.
        let taken = IdempotencyKey::parse("taken-key-0001").unwrap();
        test_db
            .execute(&format!(
                "INSERT INTO idempotency_keys (key_hash, request_hash, radicado, sealed_code, created_at) \
                 VALUES ('{}', 'another-request', '2026-999999', '00', '2026-01-01T00:00:00Z')",
                taken.lookup_hash()
            ))
            .await;
        let desk = FilingDesk::start(db.clone(), PqrServices::default(), Clock::system(), 64);
        let results = desk
            .file_batch(vec![
                request(None),
                request(Some("fresh-key-0001")),
                request(Some("taken-key-0001")),
                request(None),
                request(None),
            ])
            .await;
        assert!(
            matches!(results[2], Err(FilingError::KeyReused)),
            "{:?}",
            results[2]
        );
        let mut numbers: Vec<u64> = results
            .iter()
            .filter_map(|r| r.as_ref().ok())
            .map(|f| f.filed.radicado.number())
            .collect();
        numbers.sort_unstable();
        assert_eq!(numbers, vec![1, 2, 3, 4], "{backend:?}");
        assert_eq!(
            test_db
                .query_i64("SELECT last_number FROM radicado_counters")
                .await,
            vec![4]
        );
        assert_eq!(
            test_db.query_i64("SELECT COUNT(*) FROM events").await,
            vec![4]
        );
        db.pool.close().await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_log_is_a_gapless_hash_chain() {
    for backend in BACKENDS {
        let test_db = TestDb::new(backend).await;
        let db = Db::connect(&test_db.url).await.unwrap();
        db.migrate().await.unwrap();
        let desk = FilingDesk::start(db.clone(), PqrServices::default(), Clock::system(), 64);
        let results = desk
            .file_batch((0..10).map(|_| request(None)).collect())
            .await;
        assert!(results.iter().all(Result::is_ok));
        let results =
            futures_util::future::join_all((0..10).map(|_| desk.file(request(None)))).await;
        assert!(results.iter().all(Result::is_ok));
        assert_one_chain(&test_db, 20, backend).await;
        db.pool.close().await;
    }
}

/// The log holds positions 1 to `events` with no gap, each event's `prev_hash` is the previous
/// event's hash, and the head is the last event.
async fn assert_one_chain(test_db: &TestDb, events: i64, backend: Backend) {
    assert_eq!(
        test_db
            .query_i64("SELECT position FROM events ORDER BY position")
            .await,
        (1..=events).collect::<Vec<_>>(),
        "{backend:?}"
    );
    let broken = test_db
        .query_i64(
            "SELECT COUNT(*) FROM events e JOIN events p ON p.position = e.position - 1 \
             WHERE e.prev_hash <> p.hash",
        )
        .await;
    assert_eq!(broken, vec![0], "{backend:?}");
    let head = test_db
        .query_i64("SELECT COUNT(*) FROM ledger_head h JOIN events e ON e.position = h.position AND e.hash = h.hash")
        .await;
    assert_eq!(head, vec![1], "{backend:?}");
}

/// The year's counter stands at `counter`, and the log is one chain of `events` events.
async fn assert_counter_and_chain(test_db: &TestDb, counter: i64, events: i64, backend: Backend) {
    assert_eq!(
        test_db
            .query_i64("SELECT last_number FROM radicado_counters")
            .await,
        vec![counter],
        "{backend:?}"
    );
    assert_one_chain(test_db, events, backend).await;
}

/// Constraint errors are told apart by the constraint, not by a word in the message: only
/// `events_stream_sequence` is an optimistic-lock conflict or a counter behind the log, and
/// only the key of `idempotency_keys` is a concurrent use of an Idempotency-Key. PostgreSQL
/// names the constraint; SQLite lists its columns, and both must map the same.
#[tokio::test(flavor = "multi_thread")]
async fn unique_violations_are_named_by_their_constraint_on_both_backends() {
    use pqrs_infrastructure::error::{unique_violation, Constraint};
    for backend in BACKENDS {
        let test_db = TestDb::new(backend).await;
        let db = Db::connect(&test_db.url).await.unwrap();
        db.migrate().await.unwrap();
        let desk = FilingDesk::start(db.clone(), PqrServices::default(), Clock::system(), 64);
        let filed = desk
            .file_batch(vec![request(Some("named-key-0001"))])
            .await
            .remove(0)
            .unwrap();
        let radicado = filed.filed.radicado.to_string();
        let key = IdempotencyKey::parse("named-key-0001").unwrap();
        let cases = [
            (
                format!(
                    "INSERT INTO events (position, aggregate_type, aggregate_id, sequence, \
                     event_type, event_version, payload, metadata, recorded_at, prev_hash, hash) \
                     VALUES (999, 'Pqr', '{radicado}', 1, 'PqrFiled', '1', '{{}}', '{{}}', 't', 'h', 'h')"
                ),
                Constraint::StreamSequence,
            ),
            (
                "INSERT INTO events (position, aggregate_type, aggregate_id, sequence, \
                 event_type, event_version, payload, metadata, recorded_at, prev_hash, hash) \
                 VALUES (1, 'Pqr', '2026-999999', 1, 'PqrFiled', '1', '{}', '{}', 't', 'h', 'h')"
                    .to_owned(),
                Constraint::EventPosition,
            ),
            (
                format!(
                    "INSERT INTO idempotency_keys (key_hash, request_hash, radicado, sealed_code, \
                     created_at) VALUES ('{}', 'r', '2026-999999', '00', 't')",
                    key.lookup_hash()
                ),
                Constraint::IdempotencyKey,
            ),
            (
                format!("INSERT INTO access_codes (radicado, code_hash) VALUES ('{radicado}', 'h')"),
                Constraint::AccessCode,
            ),
        ];
        for (sql, constraint) in cases {
            let error = sqlx::query(&sql).execute(&db.pool).await.unwrap_err();
            assert_eq!(
                unique_violation(&error),
                Some(constraint),
                "{backend:?}: {error}"
            );
        }
        let other = sqlx::query("SELECT 1 FROM no_such_table")
            .execute(&db.pool)
            .await
            .unwrap_err();
        assert_eq!(unique_violation(&other), None, "{backend:?}");
    }
}

/// The radicados of `results`, which must all be filed.
fn numbers(results: Vec<Result<Filing, FilingError>>) -> Vec<u64> {
    results
        .into_iter()
        .map(|r| r.expect("filed").filed.radicado.number())
        .collect()
}

/// A migrated store and two connection pools on it with a filing desk each, as two
/// processes have.
async fn two_processes(backend: Backend) -> (TestDb, (Db, FilingDesk), (Db, FilingDesk)) {
    let test_db = TestDb::new(backend).await;
    let ours = Db::connect(&test_db.url).await.unwrap();
    ours.migrate().await.unwrap();
    let theirs = Db::connect(&test_db.url).await.unwrap();
    let desk = |db: &Db| FilingDesk::start(db.clone(), PqrServices::default(), Clock::system(), 64);
    let (ours_desk, theirs_desk) = (desk(&ours), desk(&theirs));
    (test_db, (ours, ours_desk), (theirs, theirs_desk))
}

/// On SQLite the desk numbers a batch from what its previous batch left in the store (one
/// round trip), checking it in the same query: another process that filed, or appended any
/// other event, or a counter moved by hand in between is caught before anything is written,
/// and the batch is numbered afresh. Both backends: on PostgreSQL the desk always reads the
/// counter and the head.
#[tokio::test(flavor = "multi_thread")]
async fn a_desk_that_numbers_from_its_last_batch_sees_another_process_write() {
    for backend in BACKENDS {
        let (test_db, (ours, desk), (theirs, other)) = two_processes(backend).await;
        let two = || vec![request(None), request(None)];

        assert_eq!(numbers(desk.file_batch(two()).await), [1, 2]);
        assert_eq!(numbers(desk.file_batch(two()).await), [3, 4]);
        // Another process files: its counter and the head move. (One filing at a time from
        // here: a batch that fails is filed again one by one, which would hide a failure.)
        let one = || vec![request(None)];
        assert_eq!(numbers(other.file_batch(one()).await), [5]);
        assert_eq!(numbers(desk.file_batch(one()).await), [6], "{backend:?}");
        // Another process appends an event of no filing: only the head moves.
        let mut tx = theirs.pool.begin().await.unwrap();
        pqrs_infrastructure::ledger::append(
            &mut tx,
            vec![pqrs_infrastructure::ledger::NewEvent {
                aggregate_type: "Prueba".into(),
                aggregate_id: "otro-proceso".into(),
                sequence: 1,
                event_type: "Escrito".into(),
                event_version: "1".into(),
                payload: "{}".into(),
                metadata: "{}".into(),
            }],
            "2026-11-30T12:00:00Z",
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        assert_eq!(numbers(desk.file_batch(one()).await), [7], "{backend:?}");
        assert_eq!(numbers(desk.file_batch(two()).await), [8, 9]);
        // An operator moves the counter by hand (as the counter fault's message tells them
        // to, there after numbers already filed): the desk follows the counter, not what it
        // remembers. (Without the check of the counter this filing would be number 10 and the
        // counter left behind the log.)
        test_db
            .execute("UPDATE radicado_counters SET last_number = 20")
            .await;
        assert_eq!(numbers(desk.file_batch(one()).await), [21], "{backend:?}");
        assert_eq!(numbers(desk.file_batch(one()).await), [22]);

        assert_counter_and_chain(&test_db, 22, 12, backend).await;
        ours.pool.close().await;
        theirs.pool.close().await;
    }
}

/// Two desks (two processes) on one store file at once through their queues. On SQLite
/// many of their batches are numbered from what the desk's own last commit left while the
/// other process has written since, and must be numbered afresh (see the test above). Every
/// caller gets its own filing (the access code it is given opens the radicado it is given),
/// every number is used once, and the log is one chain. A key used by several concurrent
/// requests files once.
#[tokio::test(flavor = "multi_thread")]
async fn two_processes_filing_at_once_answer_each_caller_with_its_own_filing() {
    use futures_util::{stream, StreamExt};
    use sqlx::Connection as _;
    for backend in BACKENDS {
        let (test_db, (ours, desk), (theirs, other)) = two_processes(backend).await;

        // 240 filings here, 16 at a time, 5 of them with one key; 60 there, 3 at a time.
        // (`buffered` answers in request order, so the shared key's answers are 100..105.)
        let here = stream::iter(0..240)
            .map(|i| {
                desk.file(request(
                    (100..105).contains(&i).then_some("shared-key-0001"),
                ))
            })
            .buffered(16)
            .collect::<Vec<_>>();
        let there = stream::iter(0..60)
            .map(|_| other.file(request(None)))
            .buffer_unordered(3)
            .collect::<Vec<_>>();
        let (here, there) = tokio::join!(here, there);
        let all: Vec<Filing> = here
            .into_iter()
            .chain(there)
            .map(|r| r.expect("filed"))
            .collect();

        let shared = &all[100..105];
        assert!(
            shared
                .iter()
                .all(|f| f.filed.radicado == shared[0].filed.radicado),
            "{backend:?}: the shared key's answers name one radicado"
        );
        assert_eq!(
            shared.iter().filter(|f| !f.replayed).count(),
            1,
            "{backend:?}: the shared key filed once"
        );
        // Each caller's code is the one stored for the radicado it was given.
        let mut conn = test_db.connect().await;
        let stored: std::collections::HashMap<String, String> =
            sqlx::query_as("SELECT radicado, code_hash FROM access_codes")
                .fetch_all(&mut conn)
                .await
                .unwrap()
                .into_iter()
                .collect();
        conn.close().await.unwrap();
        for f in &all {
            assert_eq!(
                stored
                    .get(&f.filed.radicado.to_string())
                    .map(String::as_str),
                Some(f.access_code.hash().as_str()),
                "{backend:?}: {} answered with another filing's code",
                f.filed.radicado
            );
        }
        let mut filed: Vec<u64> = all
            .iter()
            .filter(|f| !f.replayed)
            .map(|f| f.filed.radicado.number())
            .collect();
        filed.sort_unstable();
        assert_eq!(filed, (1..=296).collect::<Vec<_>>(), "{backend:?}");
        assert_counter_and_chain(&test_db, 296, 296, backend).await;
        ours.pool.close().await;
        theirs.pool.close().await;
    }
}
