//! Who acts on a PQR: a citizen, a staff member with a role, or the system itself.
//! Every event's metadata records the actor (issue 4: "who, when, channel, request id").

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Staff roles: what each may do is [`Role::includes`]; the routes name the role each needs.
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
pub enum Role {
    /// Works cases: files on a citizen's behalf, classifies, answers.
    Agent,
    /// An agent who may also void radicados and reassign across dependencies.
    Supervisor,
    /// Reads and verifies the full history (control bodies, internal control office).
    Auditor,
    /// Produces statutory and management reports.
    Reporter,
    /// May do everything.
    Admin,
    /// The entity's data-protection officer (Ley 1581 de 2012 art. 17 and Decreto 1377 de
    /// 2013 art. 23): answers the petitioners' requests to know, correct and suppress their
    /// personal data (docs/privacy.md).
    Privacy,
}

impl Role {
    /// Every role.
    pub const ALL: [Role; <Role as strum::VariantArray>::VARIANTS.len()] = all_variants!(Role);

    /// The API value.
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// Parses the API value.
    pub fn parse(s: &str) -> Option<Role> {
        s.parse().ok()
    }

    /// Whether a holder of `self` may act where `required` is needed. Supervisors include
    /// agents; admins include everyone; auditors and reporters hold only their own role.
    pub fn includes(self, required: Role) -> bool {
        self == required
            || self == Role::Admin
            || (self == Role::Supervisor && required == Role::Agent)
    }
}

/// Who caused an event, as its metadata records it: every writer of events (filing and case
/// actions, the scheduler, the CLI) builds the actor entries of the metadata through
/// [`Actor::metadata`], so the keys and values are spelled in one place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Actor {
    /// The petitioner (identified by the access code, or anonymous at filing).
    Citizen,
    /// A staff member.
    Staff {
        /// Token owner id.
        id: String,
        /// Display name.
        name: String,
        /// Role used.
        role: Role,
    },
    /// A decision of the system: positive silence, tacit withdrawal.
    System {
        /// The part of the system that decided (`scheduler`).
        id: String,
    },
    /// An operator at the command line of the server (`pqrs calendar close`).
    Cli,
}

impl Actor {
    /// The metadata entries that name the actor: `actor_kind` (`citizen`, `staff`, `system`
    /// or `cli`), and `actor_id`, `actor_name`, `actor_role` where the actor has them.
    pub fn metadata(&self) -> BTreeMap<String, String> {
        let mut m = BTreeMap::new();
        let kind = match self {
            Actor::Citizen => "citizen",
            Actor::Staff { id, name, role } => {
                m.insert("actor_id".to_owned(), id.clone());
                m.insert("actor_name".to_owned(), name.clone());
                m.insert("actor_role".to_owned(), role.as_str().to_owned());
                "staff"
            }
            Actor::System { id } => {
                m.insert("actor_id".to_owned(), id.clone());
                "system"
            }
            Actor::Cli => "cli",
        };
        m.insert("actor_kind".to_owned(), kind.to_owned());
        m
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_include_what_the_contract_says() {
        assert!(Role::Supervisor.includes(Role::Agent));
        assert!(Role::Admin.includes(Role::Auditor));
        assert!(!Role::Agent.includes(Role::Supervisor));
        assert!(!Role::Auditor.includes(Role::Agent));
        assert!(!Role::Reporter.includes(Role::Auditor));
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()), Some(r));
        }
    }

    #[test]
    fn each_actor_writes_its_metadata_entries() {
        let entries = |a: Actor| {
            a.metadata()
                .into_iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join(" ")
        };
        assert_eq!(entries(Actor::Citizen), "actor_kind=citizen");
        assert_eq!(entries(Actor::Cli), "actor_kind=cli");
        assert_eq!(
            entries(Actor::System {
                id: "scheduler".into()
            }),
            "actor_id=scheduler actor_kind=system"
        );
        assert_eq!(
            entries(Actor::Staff {
                id: "t1".into(),
                name: "Ana".into(),
                role: Role::Supervisor
            }),
            "actor_id=t1 actor_kind=staff actor_name=Ana actor_role=supervisor"
        );
    }
}
