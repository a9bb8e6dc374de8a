//! Tests of the contact values, the reply channel and rectification.

use super::*;

#[test]
fn a_reply_channel_needs_its_contact_and_a_petitioner() {
    let p = Petitioner::new(RawPetitioner {
        phone: Some("601 555 1234"),
        ..RawPetitioner::default()
    })
    .expect("petitioner");
    assert_eq!(ReplyChannel::Phone.check(Some(&p)), Ok(()));
    assert_eq!(ReplyChannel::InPerson.check(Some(&p)), Ok(()));
    assert_eq!(
        ReplyChannel::Email.check(Some(&p)),
        Err(ReplyChannelError::MissingContact("email"))
    );
    assert_eq!(
        ReplyChannel::Mail.check(Some(&p)),
        Err(ReplyChannelError::MissingContact("address"))
    );
    assert_eq!(
        ReplyChannel::Phone.check(None),
        Err(ReplyChannelError::Anonymous)
    );
    assert_eq!(ReplyChannel::parse("in_person"), Ok(ReplyChannel::InPerson));
    assert_eq!(ReplyChannel::parse("fax"), Err(ReplyChannelError::Unknown));
}

#[test]
fn a_petitioner_stored_before_the_reply_channel_still_decodes() {
    let old = serde_json::json!({"name": null, "id_type": null, "id_number": null,
        "email": "ana@example.co", "phone": null, "address": null});
    let p: Petitioner = serde_json::from_value(old).expect("old payload");
    assert_eq!(p.preferred_reply_channel, None);
    let json = serde_json::to_value(&p).expect("json");
    assert!(json.get("preferred_reply_channel").is_none());
}

/// A petitioner stored before the language was kept is written to in Spanish; Spanish is not
/// written (old and Spanish payloads keep their shape), English is.
#[test]
fn the_petitioners_language_is_spanish_unless_english_was_kept() {
    let old = serde_json::json!({"email": "ana@example.co"});
    let mut p: Petitioner = serde_json::from_value(old).expect("old payload");
    assert_eq!(p.language, Language::Spanish);
    assert!(serde_json::to_value(&p)
        .expect("json")
        .get("language")
        .is_none());
    p.language = Language::English;
    let json = serde_json::to_value(&p).expect("json");
    assert_eq!(json["language"], "en");
    let back: Petitioner = serde_json::from_value(json).expect("decodes");
    assert_eq!(back.language, Language::English);
}

#[test]
fn a_petitioner_needs_a_way_to_reply() {
    let err = Petitioner::new(RawPetitioner {
        name: Some("Ana"),
        ..Default::default()
    })
    .unwrap_err();
    assert_eq!(err.0[0].0, "petitioner");
}

#[test]
fn every_bad_field_is_reported() {
    let err = Petitioner::new(RawPetitioner {
        email: Some("not-an-email"),
        phone: Some("12"),
        id_type: Some("XX"),
        id_number: Some("1"),
        ..Default::default()
    })
    .unwrap_err();
    let fields: Vec<_> = err.0.iter().map(|(f, _)| *f).collect();
    assert_eq!(
        fields,
        [
            "petitioner.id_type",
            "petitioner.id_number",
            "petitioner.email",
            "petitioner.phone"
        ]
    );
}

#[test]
fn a_rectified_value_is_checked_as_at_filing() {
    assert!(ContactValue::parse(ContactField::Email, "nueva@example.co").is_ok());
    assert_eq!(
        ContactValue::parse(ContactField::Email, "no-es-correo"),
        Err(ContactError::BadEmail)
    );
    assert_eq!(
        ContactValue::parse(ContactField::Phone, "12"),
        Err(ContactError::BadPhone)
    );
    assert!(ContactValue::parse(ContactField::Address, " ").is_err());
    assert_eq!(ContactField::parse("address"), Some(ContactField::Address));
    assert_eq!(ContactField::parse("name"), None);
}

#[test]
fn emails_and_phones_are_checked() {
    assert!(Email::parse("ana@example.co").is_ok());
    assert!(Email::parse("ana@@example.co").is_err());
    assert!(Email::parse("ana@localhost").is_err());
    assert!(Phone::parse("+57 (601) 555-1234").is_ok());
    assert!(Phone::parse("call me").is_err());
}
