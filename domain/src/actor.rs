//! Who acts on a PQR: a citizen, a staff member with a role, or the system itself.
//! Every event's metadata records the actor (issue 4: "who, when, channel, request id").

use serde::{Deserialize, Serialize};
use std::fmt;

/// Staff roles (api-contract.md, "General").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
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
}

impl Role {
    /// Every role.
    pub const ALL: [Role; 5] = [
        Role::Agent,
        Role::Supervisor,
        Role::Auditor,
        Role::Reporter,
        Role::Admin,
    ];

    /// The API value.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Agent => "agent",
            Role::Supervisor => "supervisor",
            Role::Auditor => "auditor",
            Role::Reporter => "reporter",
            Role::Admin => "admin",
        }
    }

    /// Parses the API value.
    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// Whether a holder of `self` may act where `required` is needed. Supervisors include
    /// agents; admins include everyone; auditors and reporters hold only their own role.
    pub fn includes(self, required: Role) -> bool {
        self == required
            || self == Role::Admin
            || (self == Role::Supervisor && required == Role::Agent)
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Who caused an event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
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
    /// A decision of the system (scheduler): positive silence, tacit withdrawal.
    System,
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
}
