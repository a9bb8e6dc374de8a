//! The events the filing desk has just committed, handed to the case projection in clear
//! (`pqrs_infrastructure::recent`), driven directly on a real store with personal data sealed.

// Test code: a failed step panics, naming what failed (the workspace warns elsewhere).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use pqrs_domain::contact::{Channel, RawPetitioner};
use pqrs_domain::text::{Description, Subject};
use pqrs_domain::{Kind, Petitioner, PqrServices};
use pqrs_infrastructure::crypto::SecretKey;
use pqrs_infrastructure::projection::{read_events, CaseProjection};
use pqrs_infrastructure::radicacion::{FilingDesk, FilingRequest};
use pqrs_infrastructure::{privacy, Clock, Db};
use pqrs_tests::*;
use sqlx::Row;
use std::collections::BTreeMap;

/// An identified petition of petitioner `n`: name, identity number and e-mail, all sealed in
/// the log.
fn identified(n: u32) -> FilingRequest {
    let (name, id_number, email) = (
        format!("Ana Pérez {n}"),
        format!("52{n:06}"),
        format!("ana.{n}@example.co"),
    );
    let petitioner = Petitioner::new(RawPetitioner {
        name: Some(&name),
        id_type: Some("CC"),
        id_number: Some(&id_number),
        email: Some(&email),
        phone: None,
        address: None,
    })
    .unwrap();
    FilingRequest {
        kind: Kind::Petition,
        subject: Subject::parse("Poda de árbol").unwrap(),
        description: Description::parse("Solicito la poda del árbol frente a mi casa.").unwrap(),
        channel: Channel::Web,
        petitioner: Some(petitioner),
        consent_personal_data: true,
        received_at: None,
        idempotency: None,
        metadata: [("request_id".to_owned(), format!("r-{n}"))]
            .into_iter()
            .collect::<BTreeMap<_, _>>(),
    }
}

/// What the desk hands over is what the runner would read back from the log (payload opened
/// with the case's key, metadata, positions); a page mixes both: the events this process
/// holds are taken, the others (another process's) read from the log, in position order. The
/// view then holds every case, its petitioner in clear, and the runner took exactly the
/// events this process committed while it was on.
#[tokio::test(flavor = "multi_thread")]
async fn the_case_view_takes_what_the_desk_just_committed_and_reads_the_rest_from_the_log() {
    for backend in BACKENDS {
        // A keyring per store: its cache of data keys is keyed by radicado, and both stores
        // number from 1.
        privacy::keys::install(SecretKey::generate());
        let test_db = TestDb::new(backend).await;
        let ours = Db::connect(&test_db.url).await.unwrap();
        ours.migrate().await.unwrap();
        let theirs = Db::connect(&test_db.url).await.unwrap();
        let desk =
            |db: &Db| FilingDesk::start(db.clone(), PqrServices::default(), Clock::system(), 64);
        let (desk, other) = (desk(&ours), desk(&theirs));

        // Kept only while a runner takes them.
        desk.file_batch(vec![identified(0)]).await[0]
            .as_ref()
            .unwrap();
        assert!(ours.recent.is_empty(), "{backend:?}");
        ours.recent.enable();

        for r in desk.file_batch((1..=3).map(identified).collect()).await {
            r.unwrap();
        }
        let handed = ours.recent.take_after(1, 100).run;
        let read = read_events(&ours, 1, 100).await.unwrap();
        assert_eq!(handed.len(), 3, "{backend:?}");
        assert_eq!(handed, read, "{backend:?}");
        assert!(
            read[0].payload.to_string().contains("ana.1@example.co"),
            "the log's copy is opened: {}",
            read[0].payload
        );

        // Positions 5 and 6 from another process, 7 and 8 from this one.
        for r in other.file_batch((5..=6).map(identified).collect()).await {
            r.unwrap();
        }
        for r in desk.file_batch((7..=8).map(identified).collect()).await {
            r.unwrap();
        }
        let taken_before = ours.recent.taken();
        let view = CaseProjection::live(ours.clone());
        assert_eq!(view.step(1_000).await.unwrap(), 8, "{backend:?}");
        assert_eq!(ours.recent.taken() - taken_before, 2, "{backend:?}");
        assert!(ours.recent.is_empty());

        let rows = sqlx::query("SELECT radicado, state, position FROM case_view ORDER BY position")
            .fetch_all(&ours.pool)
            .await
            .unwrap();
        let petitioners = [0, 1, 2, 3, 5, 6, 7, 8];
        assert_eq!(rows.len(), petitioners.len(), "{backend:?}");
        for (row, n) in rows.iter().zip(petitioners) {
            let state: String = row.try_get(1).unwrap();
            let position: i64 = row.try_get(2).unwrap();
            assert!(
                state.contains(&format!("ana.{n}@example.co")),
                "{backend:?}: case at position {position} holds petitioner {n}: {state}"
            );
        }
        // The log is read again past what is held: nothing held, nothing missed.
        desk.file_batch(vec![identified(9)]).await[0]
            .as_ref()
            .unwrap();
        ours.recent.disable();
        assert_eq!(view.step(1_000).await.unwrap(), 1, "{backend:?}");
        assert_eq!(
            test_db.query_i64("SELECT COUNT(*) FROM case_view").await,
            vec![9]
        );
        ours.pool.close().await;
        theirs.pool.close().await;
    }
}
