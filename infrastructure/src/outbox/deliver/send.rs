//! One message over SMTP: rendered, built (`multipart/alternative`, the stable Message-ID)
//! and handed to the pooled transport; the server's reply decides the [`Outcome`].

use super::{Deliverer, Outgoing};
use lettre::message::{header::ContentType, MultiPart, SinglePart};
use lettre::AsyncTransport;
use pqrs_domain::personal_data::redact_addresses;

/// What the SMTP server made of a message. Every text is the server's words (or lettre's about
/// the transfer) with the addresses in them redacted: they are recorded in clear and logged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Outcome {
    /// A 2xx reply to the message: its text, e.g. `250 2.0.0 Ok: queued as 4F2A`.
    Accepted(String),
    /// Worth retrying, the server said so: a 4xx reply to the message.
    Transient(String),
    /// Worth retrying, the server was not reached, did not answer or refused this process:
    /// refused or dropped connection, timeout, failed TLS, credentials refused. About the
    /// server or the settings, not the message.
    Unreached(String),
    /// Never worth retrying: a 5xx reply, or a message that cannot be written or built.
    Permanent(String),
}

impl Deliverer {
    pub(super) async fn send(&self, m: &Outgoing) -> Outcome {
        let rendered = match self.renderer.render(m) {
            Ok(r) => r,
            Err(e) => return Outcome::Permanent(format!("cannot write the message: {e}")),
        };
        let to: lettre::message::Mailboxes = match m.recipient.parse() {
            Ok(to) => to,
            Err(e) => return Outcome::Permanent(format!("bad recipient address: {e}")),
        };
        let mut builder = lettre::Message::builder()
            .message_id(Some(format!("<{}>", m.id)))
            .from(self.from.clone())
            .subject(rendered.subject);
        for mailbox in to {
            builder = builder.to(mailbox);
        }
        if let Some(r) = &self.reply_to {
            builder = builder.reply_to(r.clone());
        }
        let email = builder.multipart(
            MultiPart::alternative()
                .singlepart(
                    SinglePart::builder()
                        .header(ContentType::TEXT_PLAIN)
                        .body(rendered.text),
                )
                .singlepart(
                    SinglePart::builder()
                        .header(ContentType::TEXT_HTML)
                        .body(rendered.html),
                ),
        );
        let email = match email {
            Ok(e) => e,
            Err(e) => return Outcome::Permanent(format!("cannot build the message: {e}")),
        };
        let words = |text: String| redact_addresses(&text).into_owned();
        match self.transport.send(email).await {
            Ok(response) => Outcome::Accepted(accepted(&response)),
            // The server refusing this process, not the message: its credentials, or TLS it
            // requires. The message waits for the settings to be mended (Postfix defers so
            // too, `smtp_sasl_auth_soft_bounce`), rather than fail for good.
            Err(e)
                if e.status()
                    .is_some_and(|code| refuses_the_client(&code.to_string())) =>
            {
                Outcome::Unreached(words(e.to_string()))
            }
            Err(e) if e.is_permanent() => Outcome::Permanent(words(e.to_string())),
            Err(e) if e.status().is_some() => Outcome::Transient(words(e.to_string())),
            Err(e) => Outcome::Unreached(words(e.to_string())),
        }
    }
}

/// The server's reply to a message it took, e.g. `250 2.0.0 Ok: queued as 4F2A`, with any
/// address in it redacted (it is recorded in clear and logged).
pub(super) fn accepted(response: &lettre::transport::smtp::response::Response) -> String {
    let text = response.message().collect::<Vec<_>>().join(" ");
    redact_addresses(format!("{} {text}", response.code()).trim()).into_owned()
}

/// Whether an SMTP reply code refuses the client rather than a message (RFC 4954 §6):
/// `530` authentication (or STARTTLS) required, `534` mechanism too weak, `535` credentials
/// invalid, `538` encryption required for the mechanism.
fn refuses_the_client(code: &str) -> bool {
    matches!(code, "530" | "534" | "535" | "538")
}

#[cfg(test)]
mod tests {
    use super::refuses_the_client;

    #[test]
    fn authentication_refusals_are_about_the_client_and_a_refused_recipient_is_not() {
        for code in ["530", "534", "535", "538"] {
            assert!(refuses_the_client(code), "{code}");
        }
        for code in ["550", "552", "553", "554", "450", "250"] {
            assert!(!refuses_the_client(code), "{code}");
        }
    }
}
