//! The keyed blind index of petitioners (Ley 1581 de 2012 art. 8 lit. a: the right to know
//! what is held about oneself): HMAC-SHA256, under a key derived from the KEK, of the
//! normalised identity number and e-mail of each filing. It finds a person's cases without
//! decrypting the log, and without the KEK it says nothing about who filed.

use super::keys::Keyring;
use serde_json::Value;

/// An identity number as indexed: letters and digits only, upper case.
pub fn normalise_id_number(s: &str) -> String {
    s.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// An e-mail as indexed: trimmed, lower case.
pub fn normalise_email(s: &str) -> String {
    s.trim().to_lowercase()
}

/// The index entries of a `PqrFiled` payload (in clear): `(kind, digest)`.
pub fn digests_of_filing(ring: &Keyring, payload: &Value) -> Vec<(&'static str, String)> {
    let p = payload.get("PqrFiled").unwrap_or(payload).get("petitioner");
    let mut out = Vec::new();
    if let Some(n) = p.and_then(|p| p.get("id_number")).and_then(Value::as_str) {
        let n = normalise_id_number(n);
        if !n.is_empty() {
            out.push(("id_number", ring.blind("id_number", &n)));
        }
    }
    if let Some(e) = p.and_then(|p| p.get("email")).and_then(Value::as_str) {
        let e = normalise_email(e);
        if !e.is_empty() {
            out.push(("email", ring.blind("email", &e)));
        }
    }
    out
}
