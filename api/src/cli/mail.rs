//! `pqrs mail test --to ADDRESS`: one message through the configured SMTP server, to check the
//! settings (server, TLS, credentials, sender) before a citizen depends on them
//! (docs/notifications.md, "Checking the settings"). Nothing is queued or recorded.

use super::common::CliResult;
use super::lang::say;
use crate::config::{self, FileConfig};
use crate::i18n::Msg;
use clap::Subcommand;
use pqrs_domain::contact::Email;
use pqrs_infrastructure::outbox::deliver::redact_url;

/// Mail commands.
#[derive(Debug, Subcommand)]
pub enum MailCommand {
    /// Envía un correo de prueba con la configuración del correo (PQRS_SMTP_URL, PQRS_SMTP_FROM…)
    /// y dice qué respondió el servidor SMTP. No guarda nada.
    Test {
        /// A quién enviarlo, p. ej. el buzón de quien administra el servicio.
        #[arg(long)]
        to: String,
    },
}

/// Runs a mail command.
pub async fn run(command: MailCommand, file: &FileConfig) -> CliResult {
    let MailCommand::Test { to } = command;
    let Some(mail) = crate::notify::mail_config(file)? else {
        return Err(say(Msg::new("cli-mail-off")).into());
    };
    let to = Email::parse(&to)?;
    let entity = config::entity(file)?;
    let reply = mail
        .settings
        .send_test(
            &to,
            &say(Msg::new("mail-test-subject").arg("entity", &entity.name)),
            &say(Msg::new("mail-test-body").arg("entity", &entity.name)),
        )
        .await?;
    println!(
        "{}",
        say(Msg::new("cli-mail-test-sent")
            .arg("server", redact_url(&mail.settings.url))
            .arg("reply", reply))
    );
    Ok(())
}
