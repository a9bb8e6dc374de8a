use super::*;
use crate::event_store::to_new_event;
use cqrs_es::persist::SerializedEvent;
use cqrs_es::EventEnvelope;
use pqrs_domain::contact::RawPetitioner;

/// The desk writes a filing's row itself (no sink, envelope or serialized event), made before
/// the filing had its number; it must be byte for byte the row the cqrs-es path writes for
/// the numbered filing, or the hash chain and every reader would see two shapes.
#[test]
fn a_filing_is_stored_as_the_row_the_cqrs_es_path_writes() {
    let code = AccessCode::from_random_bytes([7; 13]);
    let petitioner = Petitioner::new(RawPetitioner {
        name: Some("Ana Pérez"),
        id_type: None,
        id_number: None,
        email: Some("ana@example.co"),
        phone: None,
        address: None,
    })
    .unwrap();
    let accepted = Pqr::accept_filing(
        NewFiling {
            kind: Kind::Petition,
            subject: Subject::parse("Poda de árbol").unwrap(),
            description: Description::parse("Solicito la poda del árbol.").unwrap(),
            channel: Channel::Web,
            petitioner: Some(petitioner),
            consent_personal_data: true,
            received_at: DateTime::parse_from_rfc3339("2026-11-23T09:00:00-05:00").unwrap(),
            access_code_hash: code.hash(),
        },
        &PqrServices::default(),
    )
    .unwrap();
    let metadata: BTreeMap<String, String> = [
        ("request_id", "r-1"),
        ("actor_kind", "citizen"),
        ("channel", "web"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect();

    // Made ready under a stand-in number, then numbered 7.
    let ready = Ready::new(&accepted, &metadata, true).unwrap();
    let (filed, row) = ready.numbered(Radicado::new(2026, 7).unwrap());
    assert_eq!(
        filed,
        accepted.clone().numbered(Radicado::new(2026, 7).unwrap())
    );
    let (case, clear) = row.numbered(&filed, true).unwrap();
    let clear = clear.unwrap();
    assert_eq!(case.filing, &filed);
    assert_eq!(clear.payload, case.payload);
    // The payload as the append prints it (here without a keyring: nothing to seal).
    let ours = NewEvent {
        payload: case.payload.to_string(),
        ..case.row.clone()
    };
    // What the case projection is handed is what it would read back.
    assert_eq!(
        case.payload,
        serde_json::from_str::<serde_json::Value>(&ours.payload).unwrap()
    );
    assert_eq!(
        clear.metadata,
        serde_json::from_str::<serde_json::Value>(&ours.metadata).unwrap()
    );
    let envelope = EventEnvelope::<Pqr> {
        aggregate_id: filed.radicado.to_string(),
        sequence: 1,
        payload: PqrEvent::PqrFiled(filed.clone()),
        metadata: metadata.clone().into_iter().collect(),
    };
    let theirs = to_new_event(&SerializedEvent::try_from(&envelope).unwrap()).unwrap();
    assert_eq!(ours, theirs);
    assert_eq!(ours.aggregate_id, "2026-000007");
    assert!(ours.payload.contains(r#""radicado":"2026-000007""#));

    // Without the case projection's copy, and with it asked for when none was kept (a
    // projection turned on after the filing was taken): the same row either way.
    for (kept, asked) in [(false, false), (false, true), (true, false)] {
        let (filed, row) = Ready::new(&accepted, &metadata, kept)
            .unwrap()
            .numbered(Radicado::new(2026, 7).unwrap());
        let (case, clear) = row.numbered(&filed, asked).unwrap();
        assert_eq!(case.payload.to_string(), ours.payload);
        assert_eq!(case.row.metadata, ours.metadata);
        assert_eq!(
            clear.map(|c| c.payload.to_string()),
            asked.then(|| ours.payload.clone())
        );
    }
}
