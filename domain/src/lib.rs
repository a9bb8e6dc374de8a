//! The pure PQR domain of pqrs.
//!
//! Nothing in this crate does I/O or reads a clock: instants, random bytes and the calendar in
//! force come in as arguments or through [`pqr::PqrServices`]. The modules are named after the
//! concepts of Colombian PQR law so that a rule can be found by grepping its article
//! (e.g. `art. 14`).
//!
//! The string enums (kinds, channels, roles, statuses, outcomes…) derive their API value,
//! parsing, `Display` and list of values from one declaration (`strum`, `serialize_all =
//! "snake_case"`, the same spelling serde uses): a new value is one line.

/// `[T; N]` holding every value of the string enum `T` in declaration order (strum's
/// `VariantArray`), for the `ALL` constants that callers iterate by value.
macro_rules! all_variants {
    ($t:ty) => {{
        const VARIANTS: &[$t] = <$t as strum::VariantArray>::VARIANTS;
        let mut all = [VARIANTS[0]; VARIANTS.len()];
        let mut i = 0;
        while i < VARIANTS.len() {
            all[i] = VARIANTS[i];
            i += 1;
        }
        all
    }};
}

pub mod access_code;
pub mod actor;
pub mod calendar;
pub mod clock_rules;
pub mod closures;
pub mod contact;
pub mod deadline;
pub mod kind;
pub mod notification;
pub mod personal_data;
pub mod policy;
pub mod pqr;
pub mod radicado;
pub mod retention;
pub mod text;

pub use access_code::{AccessCode, AccessCodeHash};
pub use calendar::{Calendar, CalendarError};
pub use contact::{Channel, Petitioner};
pub use kind::Kind;
pub use pqr::{Pqr, PqrCommand, PqrError, PqrEvent, PqrServices};
pub use radicado::Radicado;

#[cfg(test)]
mod enum_strings {
    //! The derived API values are the strings serde writes, and parse back.
    use super::*;
    use serde::Serialize;

    fn same_as_serde<T: Serialize + Copy>(all: &[T], as_str: fn(T) -> &'static str) {
        for v in all {
            assert_eq!(
                serde_json::to_value(v).unwrap(),
                serde_json::Value::String(as_str(*v).to_owned())
            );
        }
    }

    #[test]
    fn every_api_value_is_the_serde_string_and_parses_back() {
        same_as_serde(&Kind::ALL, Kind::as_str);
        same_as_serde(&Channel::ALL, Channel::as_str);
        same_as_serde(&actor::Role::ALL, actor::Role::as_str);
        same_as_serde(&contact::IdType::ALL, contact::IdType::as_str);
        same_as_serde(&policy::TermUnit::ALL, policy::TermUnit::as_str);
        same_as_serde(&pqr::Status::ALL, pqr::Status::as_str);
        same_as_serde(&pqr::Outcome::ALL, pqr::Outcome::as_str);
        for k in Kind::ALL {
            assert_eq!(Kind::parse(k.as_str()), Ok(k));
            assert_eq!(k.to_string(), k.as_str());
        }
        for c in Channel::ALL {
            assert_eq!(Channel::parse(c.as_str()), Ok(c));
        }
        assert_eq!(contact::IdType::parse(" nit "), Ok(contact::IdType::NIT));
        assert_eq!(
            Kind::parse("Petition"),
            Err(kind::UnknownKind("Petition".into()))
        );
        assert_eq!(
            Channel::parse("fax"),
            Err(contact::ContactError::UnknownChannel)
        );
        // The lists as the API documents them (the OpenAPI document is built from these).
        assert_eq!(
            Kind::ALL.map(Kind::as_str).join(","),
            "petition,information_request,consultation,complaint,claim,report,suggestion,commendation"
        );
        assert_eq!(
            Channel::ALL.map(Channel::as_str).join(","),
            "web,email,phone,in_person,mail"
        );
        assert_eq!(
            contact::IdType::ALL.map(contact::IdType::as_str).join(","),
            "CC,CE,TI,RC,PA,NIT,PEP,PPT"
        );
    }
}
