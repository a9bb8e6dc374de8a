//! The bodies of the case actions and the one place each becomes a [`PqrCommand`]
//! ([`ActionBody::command`]): the JSON endpoints (`POST /v1/pqrs/{radicado}/…`) deserialize
//! them from JSON, the staff console builds them from its forms, and both run them through
//! [`super::run`] — one path from a request to the store.

use super::text;
use crate::auth::Caller;
use crate::error::ApiError;
use chrono::{DateTime, FixedOffset, NaiveDate};
use pqrs_domain::actor::Role;
use pqrs_domain::pqr::{
    AddNote, Answer, AnswerText, Assign, Authority, Case, Classify, Comment, Dependency, Escalate,
    ExtendCompletionWindow, ExtendTerm, FlagPriority, Forward, Note, Official, Outcome, PqrCommand,
    Rate, RequestCompletion, Score, SupplyCompletion, Tier, Topic, Void, Withdraw,
};
use pqrs_domain::text::{Description, Reason};
use pqrs_domain::Kind;
use serde::Deserialize;
use utoipa::ToSchema;

/// A case action's body: the command it asks for, built for `caller` at `at` on the case as
/// it stands (the state the command will be decided on).
pub(crate) trait ActionBody {
    /// The command, or the 403/422 that refuses the body before the aggregate sees it.
    fn command(
        self,
        caller: &Caller,
        at: DateTime<FixedOffset>,
        case: &Case,
    ) -> Result<PqrCommand, ApiError>;
}

/// Classify or reclassify: kind, topic, dependency.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"kind": "information_request", "dependency": "Secretaría de Movilidad", "reason": "Pide copias de documentos"}))]
pub(crate) struct ClassifyBody {
    /// A new kind; the term is recomputed as the policy says.
    #[schema(schema_with = crate::routes::schema::opt_kind)]
    pub(crate) kind: Option<String>,
    /// Topic (process affected).
    #[schema(schema_with = crate::routes::schema::opt_line_200)]
    pub(crate) topic: Option<String>,
    /// Dependency (office) responsible.
    #[schema(schema_with = crate::routes::schema::opt_line_200)]
    pub(crate) dependency: Option<String>,
    /// Why.
    #[schema(schema_with = crate::routes::schema::text_5000)]
    pub(crate) reason: String,
}

impl ActionBody for ClassifyBody {
    fn command(
        self,
        _caller: &Caller,
        at: DateTime<FixedOffset>,
        _case: &Case,
    ) -> Result<PqrCommand, ApiError> {
        let kind = self
            .kind
            .as_deref()
            .map(|k| Kind::parse(k).map_err(|e| ApiError::field("kind", e.to_string())))
            .transpose()?;
        Ok(PqrCommand::Classify(Classify {
            kind,
            topic: self
                .topic
                .as_deref()
                .map(|t| text("topic", Topic::parse(t)))
                .transpose()?,
            dependency: self
                .dependency
                .as_deref()
                .map(|d| text("dependency", Dependency::parse(d)))
                .transpose()?,
            reason: text("reason", Reason::parse(&self.reason))?,
            at,
        }))
    }
}

/// Assign to a dependency and an official.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"dependency": "Secretaría de Ambiente", "official": "lmartinez", "reason": "Competencia de la dependencia"}))]
pub(crate) struct AssignBody {
    /// Dependency (office).
    #[schema(schema_with = crate::routes::schema::line_200)]
    pub(crate) dependency: String,
    /// Official responsible.
    #[schema(schema_with = crate::routes::schema::line_200)]
    pub(crate) official: String,
    /// Why (optional).
    #[schema(schema_with = crate::routes::schema::opt_text_5000)]
    pub(crate) reason: Option<String>,
}

impl ActionBody for AssignBody {
    fn command(
        self,
        caller: &Caller,
        at: DateTime<FixedOffset>,
        case: &Case,
    ) -> Result<PqrCommand, ApiError> {
        let dependency = text("dependency", Dependency::parse(&self.dependency))?;
        if case.would_change_dependency(&dependency) {
            caller.require(Role::Supervisor).map_err(|_| {
                ApiError::Forbidden(
                    "reassigning a case to another dependency needs a supervisor".into(),
                )
            })?;
        }
        Ok(PqrCommand::Assign(Assign {
            dependency,
            official: text("official", Official::parse(&self.official))?,
            reason: self
                .reason
                .as_deref()
                .map(|r| text("reason", Reason::parse(r)))
                .transpose()?,
            at,
        }))
    }
}

/// Escalate to a higher support tier.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"tier": 2, "reason": "Requiere concepto técnico"}))]
pub(crate) struct EscalateBody {
    /// The new tier (2–4), higher than the current one.
    #[schema(minimum = 2, maximum = 4)]
    #[serde(deserialize_with = "crate::routes::schema::whole_u8")]
    pub(crate) tier: u8,
    /// Why.
    #[schema(schema_with = crate::routes::schema::text_5000)]
    pub(crate) reason: String,
}

impl ActionBody for EscalateBody {
    fn command(
        self,
        _caller: &Caller,
        at: DateTime<FixedOffset>,
        _case: &Case,
    ) -> Result<PqrCommand, ApiError> {
        Ok(PqrCommand::Escalate(Escalate {
            tier: Tier::new(self.tier).map_err(|e| ApiError::field("tier", e.to_string()))?,
            reason: text("reason", Reason::parse(&self.reason))?,
            at,
        }))
    }
}

/// An internal note.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"text": "Se llamó al peticionario para confirmar la dirección."}))]
pub(crate) struct NoteBody {
    /// The note (never shown to the citizen).
    #[schema(schema_with = crate::routes::schema::text_5000)]
    pub(crate) text: String,
}

impl ActionBody for NoteBody {
    fn command(
        self,
        _caller: &Caller,
        at: DateTime<FixedOffset>,
        _case: &Case,
    ) -> Result<PqrCommand, ApiError> {
        Ok(PqrCommand::AddNote(AddNote {
            text: text("text", Note::parse(&self.text))?,
            at,
        }))
    }
}

/// What the petition lacks.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"what": "Copia del recibo de pago de octubre"}))]
pub(crate) struct CompletionRequestBody {
    /// What the petitioner must supply.
    #[schema(schema_with = crate::routes::schema::text_5000)]
    pub(crate) what: String,
}

impl ActionBody for CompletionRequestBody {
    fn command(
        self,
        _caller: &Caller,
        at: DateTime<FixedOffset>,
        _case: &Case,
    ) -> Result<PqrCommand, ApiError> {
        Ok(PqrCommand::RequestCompletion(RequestCompletion {
            what: text("what", Reason::parse(&self.what))?,
            at,
        }))
    }
}

/// What the petitioner supplies.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"text": "Adjunto el recibo de pago de octubre."}))]
pub(crate) struct SupplyBody {
    /// The information or documents supplied (described).
    #[schema(schema_with = crate::routes::schema::text_20000)]
    pub(crate) text: String,
}

impl ActionBody for SupplyBody {
    fn command(
        self,
        _caller: &Caller,
        at: DateTime<FixedOffset>,
        _case: &Case,
    ) -> Result<PqrCommand, ApiError> {
        Ok(PqrCommand::SupplyCompletion(SupplyCompletion {
            text: text("text", Description::parse(&self.text))?,
            at,
        }))
    }
}

/// More time to complete.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"until": "2027-01-15"}))]
pub(crate) struct WindowBody {
    /// The new end of the completion window (at most one more month, once).
    #[schema(value_type = String, format = Date)]
    pub(crate) until: NaiveDate,
}

impl ActionBody for WindowBody {
    fn command(
        self,
        _caller: &Caller,
        at: DateTime<FixedOffset>,
        _case: &Case,
    ) -> Result<PqrCommand, ApiError> {
        Ok(PqrCommand::ExtendCompletionWindow(ExtendCompletionWindow {
            until: self.until,
            at,
        }))
    }
}

/// An extension of the term.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"new_due_date": "2027-01-05", "reasons": "Se requiere visita técnica al sitio."}))]
pub(crate) struct ExtendBody {
    /// The new due date (at most the double of the initial term).
    #[schema(value_type = String, format = Date)]
    pub(crate) new_due_date: NaiveDate,
    /// The reasons notified to the petitioner.
    #[schema(schema_with = crate::routes::schema::text_5000)]
    pub(crate) reasons: String,
}

impl ActionBody for ExtendBody {
    fn command(
        self,
        _caller: &Caller,
        at: DateTime<FixedOffset>,
        _case: &Case,
    ) -> Result<PqrCommand, ApiError> {
        Ok(PqrCommand::ExtendTerm(ExtendTerm {
            new_due_date: self.new_due_date,
            reasons: text("reasons", Reason::parse(&self.reasons))?,
            at,
        }))
    }
}

/// Forwarding for lack of competence.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"authority": "Superintendencia de Servicios Públicos Domiciliarios", "reasons": "El asunto es de su competencia."}))]
pub(crate) struct ForwardBody {
    /// The competent authority.
    #[schema(schema_with = crate::routes::schema::line_300)]
    pub(crate) authority: String,
    /// Why the entity is not competent.
    #[schema(schema_with = crate::routes::schema::text_5000)]
    pub(crate) reasons: String,
}

impl ActionBody for ForwardBody {
    fn command(
        self,
        _caller: &Caller,
        at: DateTime<FixedOffset>,
        _case: &Case,
    ) -> Result<PqrCommand, ApiError> {
        Ok(PqrCommand::Forward(Forward {
            authority: text("authority", Authority::parse(&self.authority))?,
            reasons: text("reasons", Reason::parse(&self.reasons))?,
            at,
        }))
    }
}

/// Why the case is a priority.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"reason": "Riesgo para la salud de un menor de edad"}))]
pub(crate) struct PriorityBody {
    /// The fundamental right at risk.
    #[schema(schema_with = crate::routes::schema::text_5000)]
    pub(crate) reason: String,
}

impl ActionBody for PriorityBody {
    fn command(
        self,
        _caller: &Caller,
        at: DateTime<FixedOffset>,
        _case: &Case,
    ) -> Result<PqrCommand, ApiError> {
        Ok(PqrCommand::FlagPriority(FlagPriority {
            reason: text("reason", Reason::parse(&self.reason))?,
            at,
        }))
    }
}

/// The final response.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"text": "Se programó la poda para el 2 de diciembre.", "outcome": "granted"}))]
pub(crate) struct AnswerBody {
    /// The response text.
    #[schema(schema_with = crate::routes::schema::text_20000)]
    pub(crate) text: String,
    /// granted, denied, partially_granted, informative, forwarded.
    #[schema(schema_with = crate::routes::schema::outcome)]
    pub(crate) outcome: String,
    /// For information requests: whether the documents were delivered (required there).
    pub(crate) documents_delivered: Option<bool>,
}

impl ActionBody for AnswerBody {
    fn command(
        self,
        _caller: &Caller,
        at: DateTime<FixedOffset>,
        _case: &Case,
    ) -> Result<PqrCommand, ApiError> {
        let outcome = Outcome::parse(&self.outcome).ok_or_else(|| {
            ApiError::field(
                "outcome",
                "must be granted, denied, partially_granted, informative or forwarded",
            )
        })?;
        Ok(PqrCommand::Answer(Answer {
            text: text("text", AnswerText::parse(&self.text))?,
            outcome,
            documents_delivered: self.documents_delivered,
            at,
        }))
    }
}

/// The petitioner's rating.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"score": 5, "comment": "Respuesta clara y a tiempo."}))]
pub(crate) struct RatingBody {
    /// 1 (worst) to 5 (best).
    #[schema(minimum = 1, maximum = 5)]
    #[serde(deserialize_with = "crate::routes::schema::whole_u8")]
    pub(crate) score: u8,
    /// A comment.
    #[schema(schema_with = crate::routes::schema::opt_text_2000)]
    pub(crate) comment: Option<String>,
}

impl ActionBody for RatingBody {
    fn command(
        self,
        _caller: &Caller,
        at: DateTime<FixedOffset>,
        _case: &Case,
    ) -> Result<PqrCommand, ApiError> {
        Ok(PqrCommand::Rate(Rate {
            score: Score::new(self.score).map_err(|e| ApiError::field("score", e.to_string()))?,
            comment: self
                .comment
                .as_deref()
                .map(|c| text("comment", Comment::parse(c)))
                .transpose()?,
            at,
        }))
    }
}

/// A withdrawal.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"reason": "Ya se resolvió por otra vía."}))]
pub(crate) struct WithdrawBody {
    /// Why (optional).
    #[schema(schema_with = crate::routes::schema::opt_text_5000)]
    pub(crate) reason: Option<String>,
}

impl ActionBody for WithdrawBody {
    fn command(
        self,
        _caller: &Caller,
        at: DateTime<FixedOffset>,
        _case: &Case,
    ) -> Result<PqrCommand, ApiError> {
        Ok(PqrCommand::Withdraw(Withdraw {
            reason: self
                .reason
                .as_deref()
                .map(|r| text("reason", Reason::parse(r)))
                .transpose()?,
            at,
        }))
    }
}

/// Why a radicado is void.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"reason": "Radicado emitido dos veces por error de digitación."}))]
pub(crate) struct VoidBody {
    /// Why it was issued in error.
    #[schema(schema_with = crate::routes::schema::text_5000)]
    pub(crate) reason: String,
}

impl ActionBody for VoidBody {
    fn command(
        self,
        _caller: &Caller,
        at: DateTime<FixedOffset>,
        _case: &Case,
    ) -> Result<PqrCommand, ApiError> {
        Ok(PqrCommand::Void(Void {
            reason: text("reason", Reason::parse(&self.reason))?,
            at,
        }))
    }
}
