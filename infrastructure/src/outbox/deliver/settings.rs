//! How mail leaves: the SMTP server, the sender and the reply-to address, as configured
//! (docs/notifications.md, "Settings").

use lettre::message::Mailbox;
use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
use lettre::transport::smtp::AsyncSmtpTransportBuilder;

/// How long the SMTP transport waits on each step of a connection (connecting, each reply)
/// before it gives up on the server.
pub const TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);

/// How the connection to the SMTP server is encrypted ([`MailSettings::encryption`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encryption {
    /// `smtps://`: TLS from the first byte.
    Tls,
    /// `?tls=required`: STARTTLS, or no message is sent.
    StartTls,
    /// `?tls=opportunistic`: STARTTLS when the server offers it, in clear otherwise.
    StartTlsIfOffered,
    /// Plain `smtp://`: in clear.
    None,
}

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
    /// Certificates (PEM) of the authorities to trust for the SMTP server's TLS certificate
    /// beside the Mozilla roots: an entity's relay whose certificate its own CA signed.
    pub ca_pem: Option<Vec<u8>>,
}

impl std::fmt::Debug for MailSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MailSettings")
            .field("url", &redact_url(&self.url))
            .field("from", &self.from)
            .field("reply_to", &self.reply_to)
            .field("ca_pem", &self.ca_pem.as_ref().map(|pem| pem.len()))
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
    /// Certificate authorities were given for a server reached without TLS.
    #[error(
        "smtp_ca_file is set but PQRS_SMTP_URL `{url}` does not use TLS: use smtps://… or \
         smtp://…?tls=required"
    )]
    CaWithoutTls {
        /// The URL, password redacted.
        url: String,
    },
    /// The SMTP server did not take a test message ([`MailSettings::send_test`]).
    #[error("the SMTP server did not take the test message: {reason}")]
    TestRefused {
        /// The server's reply or the transfer's error, addresses redacted.
        reason: String,
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

/// Why `url` cannot be an SMTP server's URL, in this crate's words (each a message of the
/// service's catalogues, so an operator reads it in their language, where lettre's reasons are
/// English only); `None` for a URL lettre's `from_url` reads the way [`MailSettings::encryption`]
/// describes.
fn url_problem(url: &str) -> Option<&'static str> {
    const NO_SERVER: &str = "it names no server";
    let parsed = match url::Url::parse(url) {
        Ok(parsed) => parsed,
        Err(e) => {
            return Some(match e {
                url::ParseError::EmptyHost => NO_SERVER,
                url::ParseError::InvalidPort => "the port must be a number from 1 to 65535",
                url::ParseError::IdnaError | url::ParseError::InvalidDomainCharacter => {
                    "the server's name holds characters a domain name cannot have"
                }
                url::ParseError::InvalidIpv4Address | url::ParseError::InvalidIpv6Address => {
                    "the server's IP address is not valid"
                }
                _ => "it is not a URL such as smtp://server:port",
            })
        }
    };
    if !matches!(parsed.scheme(), "smtp" | "smtps") {
        return Some("it must start with smtp:// or smtps://");
    }
    if parsed.host_str().is_none_or(str::is_empty) {
        return Some(NO_SERVER);
    }
    let tls = parsed
        .query_pairs()
        .find(|(k, _)| k == "tls")
        .map(|(_, v)| v.into_owned());
    match (parsed.scheme(), tls.as_deref()) {
        ("smtp", Some(t)) if t != "required" && t != "opportunistic" => {
            Some("tls= must be required or opportunistic (or use smtps://)")
        }
        _ => None,
    }
}

/// Why the mailbox `written` was refused, in this crate's words (messages of the service's
/// catalogues, as [`url_problem`]'s). lettre's mailbox parser says only "Invalid input"
/// whatever is wrong, so the address inside the angle brackets is read again on its own, which
/// tells which part is wrong.
fn mailbox_problem(written: &str) -> String {
    use lettre::address::AddressError;
    let written = written.trim();
    let address = match (written.find('<'), written.rfind('>')) {
        (Some(open), Some(close)) if open < close => &written[open + 1..close],
        (None, None) => written,
        _ => return "an angle bracket < or > is not closed".to_owned(),
    };
    let e = match address.trim().parse::<lettre::Address>() {
        Err(e) => e,
        Ok(_) => AddressError::InvalidInput,
    };
    match e {
        AddressError::MissingParts => "the address lacks the part before or after the @",
        AddressError::Unbalanced => "an angle bracket < or > is not closed",
        AddressError::InvalidUser => "the part before the @ is not valid",
        AddressError::InvalidDomain => "the part after the @ is not a valid domain",
        AddressError::InvalidInput => "it holds characters an address cannot have",
        _ => return e.to_string(),
    }
    .to_owned()
}

impl MailSettings {
    /// The transport's builder for [`MailSettings::url`], with its [`TIMEOUT`], trusting
    /// [`MailSettings::ca_pem`] too when given: the URL's TLS (`smtps://`, `?tls=required`, `?tls=opportunistic`) with
    /// those authorities added to the Mozilla roots.
    pub fn transport(&self) -> Result<AsyncSmtpTransportBuilder, MailError> {
        let bad_url = |message: String| MailError::Url {
            url: redact_url(&self.url),
            message,
        };
        if let Some(problem) = url_problem(&self.url) {
            return Err(bad_url(problem.to_owned()));
        }
        let builder = lettre::AsyncSmtpTransport::<lettre::Tokio1Executor>::from_url(&self.url)
            .map_err(|e| bad_url(e.to_string()))?
            .timeout(Some(TIMEOUT));
        let Some(pem) = &self.ca_pem else {
            return Ok(builder);
        };
        let parameters = || {
            Certificate::from_pem(pem)
                .and_then(|ca| {
                    TlsParameters::builder(self.host())
                        .add_root_certificate(ca)
                        .build_rustls()
                })
                .map_err(|e| bad_url(format!("smtp_ca_file: {e}")))
        };
        Ok(match self.encryption() {
            Encryption::Tls => builder.tls(Tls::Wrapper(parameters()?)),
            Encryption::StartTls => builder.tls(Tls::Required(parameters()?)),
            Encryption::StartTlsIfOffered => builder.tls(Tls::Opportunistic(parameters()?)),
            Encryption::None => {
                return Err(MailError::CaWithoutTls {
                    url: redact_url(&self.url),
                })
            }
        })
    }

    /// How the URL says the connection is encrypted, as lettre reads it (`from_url`): the
    /// scheme, then `?tls=`.
    pub fn encryption(&self) -> Encryption {
        let Ok(url) = url::Url::parse(&self.url) else {
            return Encryption::None;
        };
        let tls = url.query_pairs().find(|(k, _)| k == "tls").map(|(_, v)| v);
        match (url.scheme(), tls.as_deref()) {
            ("smtps", _) => Encryption::Tls,
            ("smtp", Some("required")) => Encryption::StartTls,
            ("smtp", Some("opportunistic")) => Encryption::StartTlsIfOffered,
            _ => Encryption::None,
        }
    }

    /// The server's host: the name its certificate must carry.
    fn host(&self) -> String {
        url::Url::parse(&self.url)
            .ok()
            .and_then(|u| u.host_str().map(str::to_owned))
            .unwrap_or_default()
    }

    /// Whether a password in the URL would cross a network in clear: no TLS required, to a
    /// server that is not this machine (a loopback relay is the one case plain SMTP is for).
    pub fn password_in_clear(&self) -> bool {
        let Ok(url) = url::Url::parse(&self.url) else {
            return false;
        };
        let loopback = match url.host() {
            // An `smtp:` URL's host is opaque to `url`: an IPv4 address comes as a name.
            Some(url::Host::Domain(name)) => {
                name == "localhost"
                    || name
                        .parse::<std::net::IpAddr>()
                        .is_ok_and(|ip| ip.is_loopback())
            }
            Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
            Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
            None => false,
        };
        url.password().is_some()
            && matches!(
                self.encryption(),
                Encryption::None | Encryption::StartTlsIfOffered
            )
            && !loopback
    }

    /// The sender's mailbox.
    pub fn from_mailbox(&self) -> Result<Mailbox, MailError> {
        self.from.parse().map_err(|_| MailError::Mailbox {
            key: "smtp_from",
            message: mailbox_problem(&self.from),
        })
    }

    /// The `Reply-To` mailbox, if one is set.
    pub fn reply_to_mailbox(&self) -> Result<Option<Mailbox>, MailError> {
        self.reply_to
            .as_ref()
            .map(|r| {
                r.parse().map_err(|_| MailError::Mailbox {
                    key: "smtp_reply_to",
                    message: mailbox_problem(r),
                })
            })
            .transpose()
    }

    /// Whether every setting can be used (the transport is built, not connected): so that a
    /// start stops on them before it runs anything.
    pub fn check(&self) -> Result<(), MailError> {
        self.transport()?;
        self.from_mailbox()?;
        self.reply_to_mailbox()?;
        Ok(())
    }

    /// Sends one plain-text message to `to` through these settings, outside the outbox (nothing
    /// queued or recorded on a case): what `pqrs mail test` sends, so that an operator sees the
    /// server, TLS and credentials work before a citizen depends on them. Returns the server's
    /// reply as the deliverer records it ([`super::send::accepted`]).
    pub async fn send_test(
        &self,
        to: &pqrs_domain::contact::Email,
        subject: &str,
        text: &str,
    ) -> Result<String, MailError> {
        use lettre::AsyncTransport;
        let refused = |reason: String| MailError::TestRefused {
            reason: pqrs_domain::personal_data::redact_addresses(&reason).into_owned(),
        };
        let transport = self.transport()?.build();
        let mut message = lettre::Message::builder()
            .message_id(Some(format!(
                "<pqrs.prueba.{}@{}>",
                uuid::Uuid::new_v4().simple(),
                self.domain()?
            )))
            .from(self.from_mailbox()?)
            .to(to.as_str().parse().map_err(|_| MailError::Mailbox {
                key: "--to",
                message: mailbox_problem(to.as_str()),
            })?)
            .subject(subject);
        if let Some(reply_to) = self.reply_to_mailbox()? {
            message = message.reply_to(reply_to);
        }
        let message = message
            .header(lettre::message::header::ContentType::TEXT_PLAIN)
            .body(text.to_owned())
            .map_err(|e| refused(e.to_string()))?;
        let response = transport
            .send(message)
            .await
            .map_err(|e| refused(send_problem(&e)))?;
        Ok(super::send::accepted(&response))
    }

    /// The domain of the sender's address (for Message-IDs).
    pub fn domain(&self) -> Result<String, MailError> {
        Ok(self.from_mailbox()?.email.domain().to_owned())
    }
}

/// Why the SMTP server did not take a message, in this crate's words (English messages of the
/// API's catalogues, so the operator reads them in their language) for what an operator can
/// act on: nothing listening, no answer in time, TLS that could not be set up; a reply of the
/// server with its code and its own words; lettre's words otherwise.
pub fn send_problem(e: &lettre::transport::smtp::Error) -> String {
    use std::error::Error as _;
    let detail = e.source().map(ToString::to_string).unwrap_or_default();
    if let Some(code) = e.status() {
        return format!("the server answered {code}: {detail}");
    }
    if e.is_timeout() {
        return "the server did not answer in time".into();
    }
    if e.is_tls() {
        return format!("the secure connection (TLS) could not be set up: {detail}");
    }
    let mut source = e.source();
    while let Some(cause) = source {
        if let Some(io) = cause.downcast_ref::<std::io::Error>() {
            if io.kind() == std::io::ErrorKind::ConnectionRefused {
                return "nothing is listening at that address and port: is the server running?"
                    .into();
            }
        }
        source = cause.source();
    }
    e.to_string()
}

#[cfg(test)]
mod tests {
    use super::{mailbox_problem, url_problem, Encryption, MailSettings};

    /// Each refused URL gets its own reason in this crate's words, and a URL lettre takes gets
    /// none.
    #[test]
    fn a_refused_smtp_url_is_told_why_in_the_services_words() {
        for (url, reason) in [
            ("/relay", "it is not a URL such as smtp://server:port"),
            (
                "relay.prueba.gov.co:25",
                "it must start with smtp:// or smtps://",
            ),
            ("smtp://", "it names no server"),
            ("smtp://:25", "it names no server"),
            (
                "smtp://relay.prueba.gov.co:99999",
                "the port must be a number from 1 to 65535",
            ),
            (
                "smtp://relay prueba.gov.co",
                "the server's name holds characters a domain name cannot have",
            ),
            ("smtp://[::1", "the server's IP address is not valid"),
            (
                "correo://relay.prueba.gov.co",
                "it must start with smtp:// or smtps://",
            ),
            (
                "smtp://relay.prueba.gov.co?tls=siempre",
                "tls= must be required or opportunistic (or use smtps://)",
            ),
        ] {
            assert_eq!(url_problem(url), Some(reason), "{url}");
            assert!(settings(url).transport().is_err(), "{url}");
        }
        for url in [
            "smtp://127.0.0.1:2525",
            "smtp://relay.prueba.gov.co?tls=required",
            "smtp://relay.prueba.gov.co?tls=opportunistic",
            "smtps://usuario:clave@relay.prueba.gov.co",
            "smtps://relay.prueba.gov.co:465?tls=cualquiera",
        ] {
            assert_eq!(url_problem(url), None, "{url}");
            assert!(settings(url).transport().is_ok(), "{url}");
        }
    }

    #[test]
    fn a_refused_mailbox_is_told_why_in_the_services_words() {
        for (written, reason) in [
            (
                "Alcaldía <pqrs@prueba.gov.co",
                "an angle bracket < or > is not closed",
            ),
            (
                "Alcaldía pqrs@prueba.gov.co>",
                "an angle bracket < or > is not closed",
            ),
            ("pqrs", "the address lacks the part before or after the @"),
            (
                "Alcaldía <pqrs@>",
                "the part after the @ is not a valid domain",
            ),
            (
                "pqrs@prueba..gov.co",
                "the part after the @ is not a valid domain",
            ),
            (
                "Alcaldía <@prueba.gov.co>",
                "the part before the @ is not valid",
            ),
            ("pq rs@prueba.gov.co", "the part before the @ is not valid"),
        ] {
            assert!(
                written.parse::<lettre::message::Mailbox>().is_err(),
                "{written}"
            );
            assert_eq!(mailbox_problem(written), reason, "{written}");
        }
    }

    fn settings(url: &str) -> MailSettings {
        MailSettings {
            url: url.into(),
            from: "pqrs@prueba.gov.co".into(),
            reply_to: None,
            ca_pem: None,
        }
    }

    #[test]
    fn a_password_is_in_clear_only_without_required_tls_to_another_machine() {
        for (url, encryption, in_clear) in [
            ("smtps://u:p@relay.gov.co", Encryption::Tls, false),
            (
                "smtp://u:p@relay.gov.co:587?tls=required",
                Encryption::StartTls,
                false,
            ),
            (
                "smtp://u:p@relay.gov.co:587?tls=opportunistic",
                Encryption::StartTlsIfOffered,
                true,
            ),
            ("smtp://u:p@relay.gov.co:25", Encryption::None, true),
            ("smtp://relay.gov.co:25", Encryption::None, false),
            ("smtp://u:p@127.0.0.1:2525", Encryption::None, false),
            ("smtp://u:p@localhost:2525", Encryption::None, false),
            ("smtp://u:p@[::1]:2525", Encryption::None, false),
        ] {
            let s = settings(url);
            assert_eq!(s.encryption(), encryption, "{url}");
            assert_eq!(s.password_in_clear(), in_clear, "{url}");
        }
    }
}
