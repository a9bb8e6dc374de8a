use super::*;
use crate::event_store::to_new_event;
use cqrs_es::persist::SerializedEvent;
use cqrs_es::EventEnvelope;
use pqrs_domain::contact::RawPetitioner;

/// The desk writes a filing's row itself (no sink, envelope or serialized event); it must
/// be byte for byte the row the cqrs-es path writes, or the hash chain and every reader
/// would see two shapes.
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
    let filed = accepted.numbered(Radicado::new(2026, 7).unwrap());
    let metadata: BTreeMap<String, String> = [
        ("request_id", "r-1"),
        ("actor_kind", "citizen"),
        ("channel", "web"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect();

    let (case, clear_metadata) = stored_row(&filed, &metadata).unwrap();
    assert_eq!(case.filing, &filed);
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
        clear_metadata,
        serde_json::from_str::<serde_json::Value>(&ours.metadata).unwrap()
    );
    let envelope = EventEnvelope::<Pqr> {
        aggregate_id: filed.radicado.to_string(),
        sequence: 1,
        payload: PqrEvent::PqrFiled(filed.clone()),
        metadata: metadata.into_iter().collect(),
    };
    let theirs = to_new_event(&SerializedEvent::try_from(&envelope).unwrap()).unwrap();
    assert_eq!(ours, theirs);
    assert_eq!(ours.aggregate_id, "2026-000007");
}
