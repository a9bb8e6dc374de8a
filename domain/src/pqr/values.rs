//! Values that commands and events of a case's life carry: names, texts, the support tier,
//! the satisfaction score and the outcome of an answer. Each is parsed once at the edge
//! (`parse`/`new` → `Result`) so an invalid value cannot be constructed, and deserializing a
//! stored event validates these values again (`serde(try_from)`). The free texts of
//! [`crate::text`] (subject, description, reason) are not validated again: they are read back
//! as stored.

use crate::text::{bounded, TextError};
use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! case_text {
    ($(#[$doc:meta])* $name:ident, $max:expr, $multiline:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            /// The longest accepted value, in characters.
            pub const MAX: usize = $max;

            /// Trims and checks the value (non-empty, at most [`Self::MAX`] characters, no
            /// control characters).
            pub fn parse(s: &str) -> Result<Self, TextError> {
                bounded(s, $max, $multiline).map($name)
            }

            /// The text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = TextError;
            fn try_from(s: String) -> Result<Self, Self::Error> {
                $name::parse(&s)
            }
        }

        impl From<$name> for String {
            fn from(v: $name) -> String {
                v.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

case_text!(
    /// The topic a case is classified under (one line, at most 200 characters), e.g. "Poda
    /// de árboles". Classification by the affected process is the PQR office's routing step.
    Topic,
    200,
    false
);
case_text!(
    /// A dependency of the entity — the office responsible for the case (one line, at most
    /// 200 characters), e.g. "Secretaría de Ambiente".
    Dependency,
    200,
    false
);
case_text!(
    /// The official a case is assigned to (one line, at most 200 characters): a name or a
    /// staff id. Never shown to the citizen.
    Official,
    200,
    false
);
case_text!(
    /// The competent authority a case is forwarded to (Ley 1755 de 2015 art. 21; one line,
    /// at most 300 characters).
    Authority,
    300,
    false
);
case_text!(
    /// An internal note on a case (at most 5 000 characters). Never shown to the citizen.
    Note,
    5_000,
    true
);
case_text!(
    /// The final response to a PQR (at most 20 000 characters): the decision "de fondo" that
    /// Ley 1755 de 2015 art. 14 requires within the term.
    AnswerText,
    20_000,
    true
);
case_text!(
    /// The citizen's comment on the service (at most 2 000 characters).
    Comment,
    2_000,
    true
);

/// A number outside the range its value type accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("{what} must be between {min} and {max}, got {got}")]
pub struct OutOfRange {
    /// What was given ("tier", "score").
    pub what: &'static str,
    /// The smallest accepted value.
    pub min: u8,
    /// The largest accepted value.
    pub max: u8,
    /// The value given.
    pub got: u8,
}

/// A support tier, 1 to 4: the levels through which a help desk escalates a case it cannot
/// solve (1: first contact … 4: specialist or external provider). Every case starts at
/// [`Tier::FIRST`] and may only be escalated upwards.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct Tier(u8);

impl Tier {
    /// Tier 1, where every case starts.
    pub const FIRST: Tier = Tier(1);
    /// The highest tier, 4.
    pub const LAST: Tier = Tier(4);

    /// A tier from its number, 1 to 4.
    pub fn new(n: u8) -> Result<Tier, OutOfRange> {
        if (Tier::FIRST.0..=Tier::LAST.0).contains(&n) {
            Ok(Tier(n))
        } else {
            Err(OutOfRange {
                what: "tier",
                min: Tier::FIRST.0,
                max: Tier::LAST.0,
                got: n,
            })
        }
    }

    /// The tier's number.
    pub fn get(self) -> u8 {
        self.0
    }
}

impl Default for Tier {
    fn default() -> Self {
        Tier::FIRST
    }
}

impl TryFrom<u8> for Tier {
    type Error = OutOfRange;
    fn try_from(n: u8) -> Result<Self, Self::Error> {
        Tier::new(n)
    }
}

impl From<Tier> for u8 {
    fn from(t: Tier) -> u8 {
        t.0
    }
}

impl fmt::Display for Tier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// The citizen's satisfaction with the service, 1 (worst) to 5 (best): the satisfaction
/// figure contact centers measure after closing a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct Score(u8);

impl Score {
    /// A score from 1 to 5.
    pub fn new(n: u8) -> Result<Score, OutOfRange> {
        if (1..=5).contains(&n) {
            Ok(Score(n))
        } else {
            Err(OutOfRange {
                what: "score",
                min: 1,
                max: 5,
                got: n,
            })
        }
    }

    /// The score's number.
    pub fn get(self) -> u8 {
        self.0
    }
}

impl TryFrom<u8> for Score {
    type Error = OutOfRange;
    fn try_from(n: u8) -> Result<Self, Self::Error> {
        Score::new(n)
    }
}

impl From<Score> for u8 {
    fn from(s: Score) -> u8 {
        s.0
    }
}

impl fmt::Display for Score {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// What an answer decides (Ley 1755 de 2015 art. 14: a resolution "de fondo"). The API value
/// is the `snake_case` name.
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
pub enum Outcome {
    /// What was asked is granted.
    Granted,
    /// What was asked is denied, with reasons.
    Denied,
    /// Part of it is granted.
    PartiallyGranted,
    /// The answer informs (consultas, suggestions, commendations, information).
    Informative,
    /// The answer tells the petitioner the petition was sent to the competent authority: a
    /// remission, measured against the 5 business days of Ley 1755 de 2015 art. 21 (not the
    /// due date), so a remission after them is counted late (art. 31). The `forward` action
    /// is the proper way to record it (see docs/lifecycle.md).
    Forwarded,
}

impl Outcome {
    /// Every outcome.
    pub const ALL: [Outcome; <Outcome as strum::VariantArray>::VARIANTS.len()] =
        all_variants!(Outcome);

    /// The API value.
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// Parses the API value.
    pub fn parse(s: &str) -> Option<Outcome> {
        s.parse().ok()
    }
}
