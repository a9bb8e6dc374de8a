//! The kinds of PQR the law and the entity's procedure distinguish.

use serde::{Deserialize, Serialize};

/// What the citizen files. The API value is the `snake_case` name.
///
/// Terms per kind come from Ley 1755 de 2015 art. 14 (see [`crate::policy`]).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    strum::Display,
    strum::EnumString,
    strum::IntoStaticStr,
    strum::VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(
    serialize_all = "snake_case",
    parse_err_ty = UnknownKind,
    parse_err_fn = UnknownKind::named
)]
pub enum Kind {
    /// Petición de interés general o particular (Ley 1755/2015 art. 14).
    Petition,
    /// Petición de documentos y de información (art. 14 num. 1).
    InformationRequest,
    /// Consulta a las autoridades en relación con las materias a su cargo (art. 14 num. 2).
    Consultation,
    /// Queja.
    Complaint,
    /// Reclamo.
    Claim,
    /// Denuncia.
    Report,
    /// Sugerencia (the entity's PQR procedure).
    Suggestion,
    /// Felicitación / elogio (the entity's PQR procedure).
    Commendation,
}

impl Kind {
    /// Every kind, in the order of docs/legal.md §2 (Ley 1755 de 2015 art. 14).
    pub const ALL: [Kind; <Kind as strum::VariantArray>::VARIANTS.len()] = all_variants!(Kind);

    /// The API value, e.g. `information_request`.
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// The Spanish name a citizen reads.
    pub fn spanish(self) -> &'static str {
        match self {
            Kind::Petition => "petición",
            Kind::InformationRequest => "petición de documentos y de información",
            Kind::Consultation => "consulta",
            Kind::Complaint => "queja",
            Kind::Claim => "reclamo",
            Kind::Report => "denuncia",
            Kind::Suggestion => "sugerencia",
            Kind::Commendation => "felicitación",
        }
    }

    /// Parses the API value.
    pub fn parse(s: &str) -> Result<Kind, UnknownKind> {
        s.parse()
    }
}

/// A kind name that is not one of [`Kind::ALL`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown kind `{0}`; expected one of petition, information_request, consultation, complaint, claim, report, suggestion, commendation")]
pub struct UnknownKind(pub String);

impl UnknownKind {
    fn named(s: &str) -> UnknownKind {
        UnknownKind(s.to_owned())
    }
}
