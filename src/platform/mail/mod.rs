//! Outgoing mail: through SMTP when configured, otherwise into an outbox folder that admins
//! read on the site, so that every account flow works on a fresh machine.

pub mod postman;
pub mod queue;

use std::path::{Path, PathBuf};

use lettre::message::{Mailbox, header::ContentType};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use serde::{Deserialize, Serialize};

use crate::platform::clock::{new_id, now_ms};

/// A plain-text e-mail to one person.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct Email {
    /// Recipient address.
    pub to: String,
    /// Subject line.
    pub subject: String,
    /// Plain-text body.
    pub body: String,
}

/// An e-mail kept in the outbox.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct OutboxEntry {
    /// File name in the outbox, used in links.
    #[serde(skip)]
    pub file: String,
    /// When it was written.
    pub sent_at: i64,
    /// The message.
    #[serde(flatten)]
    pub email: Email,
}

/// Why an e-mail could not be sent.
#[derive(Debug)]
pub struct MailError(pub String);

impl std::fmt::Display for MailError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "mail not sent: {}", self.0)
    }
}

impl std::error::Error for MailError {}

/// Where mail goes.
pub enum Mailer {
    /// An SMTP server.
    Smtp {
        /// The connection pool to the server.
        transport: Box<AsyncSmtpTransport<Tokio1Executor>>,
        /// The sender.
        from: Mailbox,
    },
    /// JSON files in a folder.
    Outbox {
        /// The folder.
        dir: PathBuf,
    },
}

impl Mailer {
    /// SMTP when a URL is given, the outbox folder otherwise.
    pub fn new(smtp_url: Option<&str>, from: &str, outbox: PathBuf) -> Result<Mailer, MailError> {
        match smtp_url {
            Some(url) => Ok(Mailer::Smtp {
                transport: Box::new(
                    AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                        .map_err(|e| MailError(format!("invalid SMTP URL: {e}")))?
                        .build(),
                ),
                from: from
                    .parse()
                    .map_err(|e| MailError(format!("invalid sender {from:?}: {e}")))?,
            }),
            None => Ok(Mailer::Outbox { dir: outbox }),
        }
    }

    /// Sends one e-mail.
    pub async fn send(&self, email: Email) -> Result<(), MailError> {
        match self {
            Mailer::Smtp { transport, from } => {
                let to: Mailbox = email
                    .to
                    .parse()
                    .map_err(|e| MailError(format!("invalid recipient: {e}")))?;
                let message = Message::builder()
                    .from(from.clone())
                    .to(to)
                    .subject(email.subject)
                    .header(ContentType::TEXT_PLAIN)
                    .body(email.body)
                    .map_err(|e| MailError(e.to_string()))?;
                transport
                    .send(message)
                    .await
                    .map_err(|e| MailError(e.to_string()))?;
                Ok(())
            }
            Mailer::Outbox { dir } => write_to_outbox(dir, email).await,
        }
    }

    /// The outbox folder, when mail goes there.
    pub fn outbox_dir(&self) -> Option<&Path> {
        match self {
            Mailer::Outbox { dir } => Some(dir),
            Mailer::Smtp { .. } => None,
        }
    }
}

async fn write_to_outbox(dir: &Path, email: Email) -> Result<(), MailError> {
    let sent_at = now_ms();
    let entry = OutboxEntry {
        file: String::new(),
        sent_at,
        email,
    };
    let json = serde_json::to_vec_pretty(&entry).map_err(|e| MailError(e.to_string()))?;
    tokio::fs::create_dir_all(dir)
        .await
        .map_err(|e| MailError(format!("outbox folder: {e}")))?;
    // Write then rename, so a reader never sees half a message.
    let name = format!("{sent_at}-{}.json", new_id());
    let partial = dir.join(format!(".{name}.part"));
    tokio::fs::write(&partial, json)
        .await
        .map_err(|e| MailError(format!("outbox write: {e}")))?;
    tokio::fs::rename(&partial, dir.join(&name))
        .await
        .map_err(|e| MailError(format!("outbox write: {e}")))?;
    Ok(())
}

/// The messages in an outbox folder, newest first.
pub fn read_outbox(dir: &Path) -> Vec<OutboxEntry> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut mails: Vec<OutboxEntry> = entries
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let file = entry.file_name().into_string().ok()?;
            if file.starts_with('.') || !file.ends_with(".json") {
                return None;
            }
            let text = std::fs::read(entry.path()).ok()?;
            let mut mail: OutboxEntry = serde_json::from_slice(&text).ok()?;
            mail.file = file;
            Some(mail)
        })
        .collect();
    mails.sort_by(|a, b| b.file.cmp(&a.file));
    mails
}

/// One message of an outbox folder by file name; names with path separators are refused.
pub fn read_outbox_entry(dir: &Path, file: &str) -> Option<OutboxEntry> {
    let safe = !file.is_empty()
        && file.ends_with(".json")
        && file
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
        && !file.starts_with('.');
    if !safe {
        return None;
    }
    let text = std::fs::read(dir.join(file)).ok()?;
    let mut mail: OutboxEntry = serde_json::from_slice(&text).ok()?;
    mail.file = file.to_owned();
    Some(mail)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn outbox_keeps_messages_newest_first() {
        let dir = tempfile::tempdir().unwrap();
        let mailer = Mailer::new(None, "Concerto <a@b.fr>", dir.path().to_path_buf()).unwrap();
        for n in 0..3 {
            let email = Email {
                to: format!("p{n}@exemple.fr"),
                subject: format!("Sujet {n} — é"),
                body: "Bonjour".into(),
            };
            mailer.send(email).await.unwrap();
            tokio::time::sleep(std::time::Duration::from_millis(2)).await;
        }
        let mails = read_outbox(dir.path());
        assert_eq!(mails.len(), 3);
        assert_eq!(mails[0].email.to, "p2@exemple.fr");
        assert_eq!(mails[2].email.subject, "Sujet 0 — é");
        let one = read_outbox_entry(dir.path(), &mails[1].file).unwrap();
        assert_eq!(one.email.to, "p1@exemple.fr");
        assert!(read_outbox_entry(dir.path(), "../etc/passwd").is_none());
    }
}
