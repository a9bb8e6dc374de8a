use super::digest::*;
use super::verify::recorded_position;
use super::*;
use crate::ledger::{self, NewEvent, StoredEvent, GENESIS_HASH};
use ed25519_dalek::{Signer, SigningKey};

#[test]
fn a_signed_digest_verifies_and_any_changed_field_breaks_it() {
    let key = SigningKey::from_bytes(&[7; 32]);
    let mut d = HeadDigest {
        format: DIGEST_FORMAT.into(),
        position: 42,
        hash: "ab".repeat(32),
        recorded_at: "2026-11-24T14:00:00.000000Z".into(),
        signed_at: "2026-11-24T15:00:00.000000Z".into(),
        public_key: public_key_hex(&key),
        signature: String::new(),
    };
    d.signature = hex::encode(key.sign(&d.message()).to_bytes());
    assert!(d.verify_signature().is_ok());
    let mut moved = d.clone();
    moved.position = 41;
    assert!(matches!(
        moved.verify_signature(),
        Err(DigestError::BadSignature)
    ));
    let mut rekeyed = d.clone();
    rekeyed.public_key = public_key_hex(&SigningKey::from_bytes(&[8; 32]));
    assert!(rekeyed.verify_signature().is_err());
    assert!(String::from_utf8(d.message())
        .unwrap()
        .starts_with("pqrs-head-digest-v1\nposition:42\n"));
}

#[test]
fn an_event_moved_to_another_position_is_recognised_by_its_hash() {
    let e = NewEvent {
        aggregate_type: "Pqr".into(),
        aggregate_id: "2026-000001".into(),
        sequence: 1,
        event_type: "PqrFiled".into(),
        event_version: "1".into(),
        payload: "{}".into(),
        metadata: "{}".into(),
    };
    let at = "2026-11-24T14:00:00.000000Z";
    let stored = StoredEvent {
        position: 12,
        hash: ledger::chain_hash(GENESIS_HASH, 10, &e, at),
        event: e,
        recorded_at: at.into(),
        prev_hash: GENESIS_HASH.into(),
    };
    assert_eq!(recorded_position(&stored, 12), Some(10));
    assert_eq!(recorded_position(&stored, 100), None);
}

#[test]
fn csv_exports_have_a_header_and_quote_json() {
    let mut w = ExportWriter::new(ExportFormat::Csv, "2026-11-01", "2026-11-30", 1);
    let head = w.start().unwrap();
    assert_eq!(
        String::from_utf8(head).unwrap(),
        format!("{}\r\n", EXPORT_COLUMNS.join(","))
    );
    let e = StoredEvent {
        position: 1,
        event: NewEvent {
            aggregate_type: "Pqr".into(),
            aggregate_id: "2026-000001".into(),
            sequence: 1,
            event_type: "PqrFiled".into(),
            event_version: "1".into(),
            payload: "{\"a\":\"x,y\"}".into(),
            metadata: "{}".into(),
        },
        recorded_at: "t".into(),
        prev_hash: GENESIS_HASH.into(),
        hash: "h".into(),
    };
    let row = String::from_utf8(w.row(&e).unwrap()).unwrap();
    assert!(row.contains("\"{\"\"a\"\":\"\"x,y\"\"}\""), "{row}");
    let d = w.finish();
    assert_eq!(d.count, 1);
    assert_eq!(d.first_position, Some(1));
    assert_eq!(d.chain_end_hash.as_deref(), Some("h"));
    assert_eq!(d.sha256.len(), 64);
}

#[test]
fn export_days_are_bogota_days() {
    let plan = ExportPlan::parse("2026-11-01", "2026-11-30", "csv").unwrap();
    assert_eq!(plan.from_instant, "2026-11-01T05:00:00.000000Z");
    assert_eq!(plan.to_instant, "2026-12-01T05:00:00.000000Z");
    assert!(ExportPlan::parse("2026-11-30", "2026-11-01", "csv").is_err());
    assert_eq!(
        ExportPlan::parse("x", "2026-11-01", "xml")
            .unwrap_err()
            .len(),
        2
    );
}
