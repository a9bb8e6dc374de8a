//! Who files a PQR and through which channel.

use serde::{Deserialize, Serialize};

/// How a PQR reached the entity. A citizen without a staff token may only use `web`: the other
/// channels are staff recording what arrived by e-mail, phone, in person or by mail (`POST
/// /v1/pqrs` refuses them without a token).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    strum::Display,
    strum::EnumString,
    strum::IntoStaticStr,
    strum::VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Channel {
    /// The web form / API.
    Web,
    /// An e-mail received by the entity.
    Email,
    /// A phone call.
    Phone,
    /// In person at an office (ventanilla).
    InPerson,
    /// Postal mail.
    Mail,
}

impl Channel {
    /// Every channel.
    pub const ALL: [Channel; <Channel as strum::VariantArray>::VARIANTS.len()] =
        all_variants!(Channel);

    /// The API value.
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// Parses the API value.
    pub fn parse(s: &str) -> Result<Channel, ContactError> {
        s.parse().map_err(|_| ContactError::UnknownChannel)
    }
}

/// How the petitioner prefers to receive the answer (issue 13), among the means Colombian
/// entities answer through: e-mail, phone (Decreto 1166 de 2016 for verbal petitions), post
/// to the petitioner's address, or in person at the entity's office (ventanilla). A wish the
/// entity takes into account, not a notification rule: notification by e-mail needs its own
/// consent (CPACA — Ley 1437 de 2011 — art. 56, `accepts_electronic_notification`).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    strum::Display,
    strum::EnumString,
    strum::IntoStaticStr,
    strum::VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum ReplyChannel {
    /// To `petitioner.email`.
    Email,
    /// By phone, to `petitioner.phone`.
    Phone,
    /// By post, to `petitioner.address`.
    Mail,
    /// In person, at the entity's office.
    InPerson,
}

/// The language the entity writes to the petitioner in: the one they filed in (the portal's
/// language, or the API's `Accept-Language`). Spanish is the official language (Constitución
/// Política art. 10) and the default; a message in English also carries its official Spanish
/// text (docs/notifications.md, "Language").
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    strum::Display,
    strum::IntoStaticStr,
)]
pub enum Language {
    /// Spanish (es-CO).
    #[default]
    #[serde(rename = "es")]
    #[strum(serialize = "es")]
    Spanish,
    /// English.
    #[serde(rename = "en")]
    #[strum(serialize = "en")]
    English,
}

impl Language {
    /// The stored value: `es`, `en`.
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// Whether this is Spanish, the default (not written in payloads).
    pub fn is_spanish(&self) -> bool {
        *self == Language::Spanish
    }

    /// Parses [`Language::as_str`].
    pub fn parse(s: &str) -> Option<Language> {
        [Language::Spanish, Language::English]
            .into_iter()
            .find(|l| l.as_str() == s)
    }
}

/// Why a preferred reply channel was refused. Each message is shown to the caller as is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReplyChannelError {
    /// Not one of the reply channels.
    #[error("must be one of email, phone, mail, in_person")]
    Unknown,
    /// An anonymous filing has nobody to reply to.
    #[error("an anonymous filing cannot choose a reply channel")]
    Anonymous,
    /// The contact the channel needs was not given.
    #[error("needs petitioner.{0} to reply that way")]
    MissingContact(&'static str),
}

impl ReplyChannel {
    /// Every reply channel, in the order the form offers them.
    pub const ALL: [ReplyChannel; <ReplyChannel as strum::VariantArray>::VARIANTS.len()] =
        all_variants!(ReplyChannel);

    /// The API value.
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// Parses the API value.
    pub fn parse(s: &str) -> Result<ReplyChannel, ReplyChannelError> {
        s.parse().map_err(|_| ReplyChannelError::Unknown)
    }

    /// Whether the petitioner gave what this channel needs: an e-mail address, a phone, an
    /// address; in person needs only an identified petitioner. Anonymous filings cannot choose.
    pub fn check(self, petitioner: Option<&Petitioner>) -> Result<(), ReplyChannelError> {
        let p = petitioner.ok_or(ReplyChannelError::Anonymous)?;
        let missing = match self {
            ReplyChannel::Email => p.email.is_none().then_some("email"),
            ReplyChannel::Phone => p.phone.is_none().then_some("phone"),
            ReplyChannel::Mail => p.address.is_none().then_some("address"),
            ReplyChannel::InPerson => None,
        };
        missing.map_or(Ok(()), |field| {
            Err(ReplyChannelError::MissingContact(field))
        })
    }
}

/// Why a contact field was refused. Each message is shown to the citizen as is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ContactError {
    /// Not one of the channels.
    #[error("must be one of web, email, phone, in_person, mail")]
    UnknownChannel,
    /// Not one of the identity document types.
    #[error("must be one of CC, CE, TI, RC, PA, NIT, PEP, PPT")]
    UnknownIdType,
    /// Identity number with characters other than digits and letters, or of a bad length.
    #[error("must be 3 to 20 letters or digits")]
    BadIdNumber,
    /// Not an e-mail address.
    #[error("must be an e-mail address such as nombre@dominio.co")]
    BadEmail,
    /// Not a phone number.
    #[error("must be a phone number of 7 to 15 digits (spaces, dashes, parentheses and a leading + allowed)")]
    BadPhone,
    /// Empty or too long.
    #[error("must be between 1 and {max} characters")]
    BadLength {
        /// The limit.
        max: usize,
    },
    /// An identified petitioner with no e-mail, phone or address: nobody to reply to.
    #[error("at least one contact for the reply is required: email, phone or address")]
    NoContact,
    /// A document number without its type, or a type without its number.
    #[error("id_type and id_number go together")]
    IdTypeAndNumberApart,
}

/// Identity document types used in Colombia.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Serialize,
    Deserialize,
    strum::EnumString,
    strum::IntoStaticStr,
    strum::VariantArray,
)]
pub enum IdType {
    /// Cédula de ciudadanía.
    CC,
    /// Cédula de extranjería.
    CE,
    /// Tarjeta de identidad.
    TI,
    /// Registro civil.
    RC,
    /// Pasaporte.
    PA,
    /// Número de identificación tributaria.
    NIT,
    /// Permiso especial de permanencia.
    PEP,
    /// Permiso por protección temporal.
    PPT,
}

impl IdType {
    /// Every identity document type.
    pub const ALL: [IdType; <IdType as strum::VariantArray>::VARIANTS.len()] =
        all_variants!(IdType);

    /// The abbreviation, as the API writes it (`CC`, `NIT`, …).
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// Parses the abbreviation (case-insensitive).
    pub fn parse(s: &str) -> Result<IdType, ContactError> {
        s.trim()
            .to_ascii_uppercase()
            .parse()
            .map_err(|_| ContactError::UnknownIdType)
    }
}

/// An identity document number: 3–20 ASCII letters or digits (dots and dashes are dropped).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct IdNumber(String);

impl IdNumber {
    /// Normalises and checks the number.
    pub fn parse(s: &str) -> Result<Self, ContactError> {
        let n: String = s
            .trim()
            .chars()
            .filter(|c| *c != '.' && *c != '-' && *c != ' ')
            .collect();
        if !(3..=20).contains(&n.len()) || !n.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(ContactError::BadIdNumber);
        }
        Ok(IdNumber(n.to_ascii_uppercase()))
    }

    /// The normalised number.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An e-mail address: one `@`, a non-empty local part, a dotted domain, no spaces, ≤ 254 chars.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Email(String);

impl Email {
    /// Checks the address (the syntax a reply needs, not full RFC 5322).
    pub fn parse(s: &str) -> Result<Self, ContactError> {
        let e = s.trim();
        let ok = e.len() <= 254
            && !e.chars().any(|c| c.is_whitespace() || c.is_control())
            && match e.split_once('@') {
                Some((local, domain)) => {
                    !local.is_empty()
                        && !domain.contains('@')
                        && domain.contains('.')
                        && !domain.starts_with('.')
                        && !domain.ends_with('.')
                        && !domain.contains("..")
                }
                None => false,
            };
        if ok {
            Ok(Email(e.to_owned()))
        } else {
            Err(ContactError::BadEmail)
        }
    }

    /// The address.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A phone number: 7–15 digits, optionally with a leading `+`, spaces, dashes and parentheses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Phone(String);

impl Phone {
    /// Checks the number.
    pub fn parse(s: &str) -> Result<Self, ContactError> {
        let p = s.trim();
        let body = p.strip_prefix('+').unwrap_or(p);
        let digits = body.chars().filter(char::is_ascii_digit).count();
        let ok = (7..=15).contains(&digits)
            && body
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '(' | ')'));
        if ok {
            Ok(Phone(p.to_owned()))
        } else {
            Err(ContactError::BadPhone)
        }
    }

    /// The number as given (trimmed).
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A short free-text contact field (name, address): trimmed, 1..=max characters.
fn short_text(s: &str, max: usize) -> Result<String, ContactError> {
    let t = s.trim();
    if t.is_empty() || t.chars().count() > max || t.chars().any(char::is_control) {
        return Err(ContactError::BadLength { max });
    }
    Ok(t.to_owned())
}

/// The identified petitioner. Every field is optional, but a reply needs at least one contact
/// (e-mail, phone or address) — checked by [`Petitioner::new`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Petitioner {
    /// Full name.
    pub name: Option<String>,
    /// Identity document type.
    pub id_type: Option<IdType>,
    /// Identity document number.
    pub id_number: Option<IdNumber>,
    /// E-mail for the reply.
    pub email: Option<Email>,
    /// Phone for the reply.
    pub phone: Option<Phone>,
    /// Postal address for the reply.
    pub address: Option<String>,
    /// The petitioner accepted to be notified of decisions by e-mail (CPACA — Ley 1437 de
    /// 2011 — art. 56). Absent in filings made before it existed, and when false, so those
    /// payloads keep their shape.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub accepts_electronic_notification: bool,
    /// How the petitioner prefers to receive the answer (issue 13), checked against the
    /// contacts given by [`ReplyChannel::check`]. Absent in filings made before it existed,
    /// and when not chosen, so those payloads keep their shape.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preferred_reply_channel: Option<ReplyChannel>,
    /// The language the entity writes to the petitioner in. Absent when Spanish (the default,
    /// and every filing made before it existed), so those payloads keep their shape.
    #[serde(default, skip_serializing_if = "Language::is_spanish")]
    pub language: Language,
}

/// Raw, unchecked petitioner fields as a client sends them.
#[derive(Debug, Clone, Default)]
pub struct RawPetitioner<'a> {
    /// Full name.
    pub name: Option<&'a str>,
    /// Identity document type.
    pub id_type: Option<&'a str>,
    /// Identity document number.
    pub id_number: Option<&'a str>,
    /// E-mail.
    pub email: Option<&'a str>,
    /// Phone.
    pub phone: Option<&'a str>,
    /// Address.
    pub address: Option<&'a str>,
}

/// Every field error of a petitioner at once, by field name.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PetitionerErrors(pub Vec<(&'static str, String)>);

impl Petitioner {
    /// Parses every field and checks there is a way to reply. Returns all errors, by field.
    pub fn new(raw: RawPetitioner<'_>) -> Result<Petitioner, PetitionerErrors> {
        let mut errors = PetitionerErrors::default();
        fn field<T>(
            errors: &mut PetitionerErrors,
            name: &'static str,
            r: Result<T, ContactError>,
        ) -> Option<T> {
            r.map_err(|e| errors.0.push((name, e.to_string()))).ok()
        }
        let e = &mut errors;
        let p = Petitioner {
            name: raw
                .name
                .and_then(|s| field(e, "petitioner.name", short_text(s, 200))),
            id_type: raw
                .id_type
                .and_then(|s| field(e, "petitioner.id_type", IdType::parse(s))),
            id_number: raw
                .id_number
                .and_then(|s| field(e, "petitioner.id_number", IdNumber::parse(s))),
            email: raw
                .email
                .and_then(|s| field(e, "petitioner.email", Email::parse(s))),
            phone: raw
                .phone
                .and_then(|s| field(e, "petitioner.phone", Phone::parse(s))),
            address: raw
                .address
                .and_then(|s| field(e, "petitioner.address", short_text(s, 300))),
            accepts_electronic_notification: false,
            preferred_reply_channel: None,
            language: Language::Spanish,
        };
        if raw.email.is_none() && raw.phone.is_none() && raw.address.is_none() {
            errors
                .0
                .push(("petitioner", ContactError::NoContact.to_string()));
        }
        if raw.id_number.is_some() != raw.id_type.is_some() {
            errors.0.push((
                "petitioner.id_type",
                ContactError::IdTypeAndNumberApart.to_string(),
            ));
        }
        if errors.0.is_empty() {
            Ok(p)
        } else {
            Err(errors)
        }
    }
}

/// A contact field the petitioner may have rectified (Ley 1581 de 2012 art. 8 lit. a: the
/// holder may "actualizar y rectificar" their data; Decreto 1377 de 2013 art. 22). Name and
/// identity document are not here: they say *who* filed, the blind index of an access request
/// is built on them, and correcting them is a question of identity, not of contact
/// (docs/privacy.md).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    strum::Display,
    strum::EnumString,
    strum::IntoStaticStr,
    strum::VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum ContactField {
    /// The e-mail for the reply.
    Email,
    /// The phone for the reply.
    Phone,
    /// The postal address for the reply.
    Address,
}

impl ContactField {
    /// The API value.
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// Parses the API value (`email`, `phone`, `address`).
    pub fn parse(s: &str) -> Option<ContactField> {
        s.trim().parse().ok()
    }

    /// The field's current value in `p`.
    pub fn of(self, p: &Petitioner) -> Option<&str> {
        match self {
            ContactField::Email => p.email.as_ref().map(Email::as_str),
            ContactField::Phone => p.phone.as_ref().map(Phone::as_str),
            ContactField::Address => p.address.as_deref(),
        }
    }
}

/// A new value for a contact field, checked as at filing ([`Petitioner::new`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ContactValue {
    /// A new e-mail.
    Email(Email),
    /// A new phone.
    Phone(Phone),
    /// A new postal address (1–300 characters).
    Address(String),
}

impl ContactValue {
    /// Checks `raw` as the value of `field`, with the filing's own rules.
    pub fn parse(field: ContactField, raw: &str) -> Result<ContactValue, ContactError> {
        Ok(match field {
            ContactField::Email => ContactValue::Email(Email::parse(raw)?),
            ContactField::Phone => ContactValue::Phone(Phone::parse(raw)?),
            ContactField::Address => ContactValue::Address(short_text(raw, 300)?),
        })
    }

    /// A value as an event recorded it, not checked again: the decoder may have put "dato
    /// suprimido" in it once the case's key is destroyed, and a rule of a later version must
    /// not make an old event unreadable.
    pub fn recorded(field: ContactField, value: String) -> ContactValue {
        match field {
            ContactField::Email => ContactValue::Email(Email(value)),
            ContactField::Phone => ContactValue::Phone(Phone(value)),
            ContactField::Address => ContactValue::Address(value),
        }
    }

    /// Which field.
    pub fn field(&self) -> ContactField {
        match self {
            ContactValue::Email(_) => ContactField::Email,
            ContactValue::Phone(_) => ContactField::Phone,
            ContactValue::Address(_) => ContactField::Address,
        }
    }

    /// The value.
    pub fn as_str(&self) -> &str {
        match self {
            ContactValue::Email(e) => e.as_str(),
            ContactValue::Phone(p) => p.as_str(),
            ContactValue::Address(a) => a,
        }
    }

    /// Writes the value into `p` (used when a rectification is applied).
    pub fn set_on(self, p: &mut Petitioner) {
        match self {
            ContactValue::Email(e) => p.email = Some(e),
            ContactValue::Phone(n) => p.phone = Some(n),
            ContactValue::Address(a) => p.address = Some(a),
        }
    }
}

#[cfg(test)]
mod tests;
