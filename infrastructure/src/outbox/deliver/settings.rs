//! How mail leaves: the SMTP server, the sender and the reply-to address, as configured
//! (docs/notifications.md, "Settings").

use lettre::message::Mailbox;

/// How mail leaves: the SMTP server and the sender.
#[derive(Clone)]
pub struct MailSettings {
    /// lettre's URL form: `smtp://host:port` (plain, e.g. a loopback relay),
    /// `smtp://user:pass@host:587?tls=required` (STARTTLS), `smtps://user:pass@host` (TLS).
    pub url: String,
    /// The `From` mailbox, e.g. `Alcaldía de Ejemplo <pqrs@alcaldia.gov.co>`.
    pub from: String,
    /// The `Reply-To` mailbox, if any.
    pub reply_to: Option<String>,
}

impl std::fmt::Debug for MailSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MailSettings")
            .field("url", &redact_url(&self.url))
            .field("from", &self.from)
            .field("reply_to", &self.reply_to)
            .finish()
    }
}

/// `url` with any password replaced by `***` (for logs and errors).
pub fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let userinfo = &url[s + 3..at];
            match userinfo.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..s + 3], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

/// Why the mail settings cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum MailError {
    /// The SMTP URL does not parse.
    #[error("PQRS_SMTP_URL `{url}` is not usable: {message}")]
    Url {
        /// The URL, password redacted.
        url: String,
        /// lettre's reason.
        message: String,
    },
    /// A sender or reply-to address does not parse.
    #[error("`{key}` is not a mailbox such as `Entidad <pqrs@entidad.gov.co>`: {message}")]
    Mailbox {
        /// The setting.
        key: &'static str,
        /// Why.
        message: String,
    },
}

impl MailSettings {
    /// The sender's mailbox.
    pub fn from_mailbox(&self) -> Result<Mailbox, MailError> {
        self.from.parse().map_err(|e| MailError::Mailbox {
            key: "smtp_from",
            message: format!("{e}"),
        })
    }

    /// The domain of the sender's address (for Message-IDs).
    pub fn domain(&self) -> Result<String, MailError> {
        Ok(self.from_mailbox()?.email.domain().to_owned())
    }
}
