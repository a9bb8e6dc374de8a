//! Bounded, trimmed free text: subjects, descriptions, reasons.
//!
//! Checked when parsed (`parse`); a stored event is read back as stored (`serde(transparent)`),
//! not checked again, unlike the values in `pqr::values`.

use serde::{Deserialize, Serialize};

/// Why a text field was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TextError {
    /// Empty after trimming.
    #[error("must not be empty")]
    Empty,
    /// Longer than allowed.
    #[error("must be at most {max} characters")]
    TooLong {
        /// The limit in characters.
        max: usize,
    },
    /// Contains control characters other than line breaks and tabs.
    #[error("must not contain control characters")]
    ControlCharacters,
}

/// Trims `s` and checks it is non-empty, at most `max` characters and free of control
/// characters (line breaks and tabs allowed when `multiline`).
pub fn bounded(s: &str, max: usize, multiline: bool) -> Result<String, TextError> {
    let t = s.trim();
    if t.is_empty() {
        return Err(TextError::Empty);
    }
    if t.chars().count() > max {
        return Err(TextError::TooLong { max });
    }
    let allowed = |c: char| multiline && (c == '\n' || c == '\r' || c == '\t');
    if t.chars().any(|c| c.is_control() && !allowed(c)) {
        return Err(TextError::ControlCharacters);
    }
    Ok(t.to_owned())
}

macro_rules! bounded_text {
    ($(#[$doc:meta])* $name:ident, $max:expr, $multiline:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// The longest accepted value, in characters.
            pub const MAX: usize = $max;

            /// Trims and checks the value.
            pub fn parse(s: &str) -> Result<Self, TextError> {
                bounded(s, $max, $multiline).map($name)
            }

            /// The text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }
    };
}

bounded_text!(
    /// The subject line of a PQR (one line, at most 200 characters).
    Subject,
    200,
    false
);
bounded_text!(
    /// The body of a PQR (at most 20 000 characters).
    Description,
    20_000,
    true
);
bounded_text!(
    /// A reason or note written by staff (at most 5 000 characters).
    Reason,
    5_000,
    true
);
