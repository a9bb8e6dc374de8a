//! The kinds of PQR the law and the entity's procedure distinguish.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// What the citizen files. The API value is the `snake_case` name.
///
/// Terms per kind come from Ley 1755 de 2015 art. 14 (see [`crate::policy`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
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
    /// Every kind, in the order of legal-terms.md §2.
    pub const ALL: [Kind; 8] = [
        Kind::Petition,
        Kind::InformationRequest,
        Kind::Consultation,
        Kind::Complaint,
        Kind::Claim,
        Kind::Report,
        Kind::Suggestion,
        Kind::Commendation,
    ];

    /// The API value, e.g. `information_request`.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Petition => "petition",
            Kind::InformationRequest => "information_request",
            Kind::Consultation => "consultation",
            Kind::Complaint => "complaint",
            Kind::Claim => "claim",
            Kind::Report => "report",
            Kind::Suggestion => "suggestion",
            Kind::Commendation => "commendation",
        }
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
        Kind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| UnknownKind(s.to_owned()))
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Kind {
    type Err = UnknownKind;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Kind::parse(s)
    }
}

/// A kind name that is not one of [`Kind::ALL`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown kind `{0}`; expected one of petition, information_request, consultation, complaint, claim, report, suggestion, commendation")]
pub struct UnknownKind(pub String);
