//! What accounts do that other parts of the application call: the mails that carry one-time
//! links (queued, never sent inside a request), the notices to an account, and the worker step
//! that writes the password resets asked for (only for addresses that have an account).

use crate::features::accounts::users;
use crate::platform::Platform;
use crate::platform::auth::rate_limits;
use crate::platform::auth::tokens::{self, TokenPurpose};
use crate::platform::error::AppResult;
use crate::platform::i18n::{Lang, Tr};
use crate::platform::mail::Email;
use crate::platform::mail::postman::{self, BATCH, LEASE_MS};
use crate::platform::mail::queue::{self as mail_queue, MailKind, NewMail};
use crate::platform::secrets;

/// Mails of one kind allowed to one address in an hour (beyond, they are quietly skipped, so
/// nobody can flood an inbox through our forms).
const MAILS_PER_ADDRESS: i64 = 3;

/// Whether another mail of `kind` may go to `email` this hour.
pub async fn may_mail(platform: &Platform, kind: &str, email: &str) -> AppResult<bool> {
    let bucket = format!("mail:{kind}:{}", secrets::token_digest(email));
    Ok(rate_limits::hit(&platform.db, &bucket, 3_600_000).await? <= MAILS_PER_ADDRESS)
}

/// Creates a one-time link and writes the mail that carries it. `to` is the address that
/// receives it (the new one for a change of address).
async fn link_mail(
    platform: &Platform,
    tr: Tr,
    user: &users::User,
    purpose: TokenPurpose,
    to: &str,
) -> AppResult<Email> {
    let token = secrets::new_token();
    let new_email = (purpose == TokenPurpose::ChangeEmail).then_some(to);
    tokens::create(
        &platform.db,
        &secrets::token_digest(&token),
        user.id,
        purpose,
        new_email,
    )
    .await?;
    let (path, key) = match purpose {
        TokenPurpose::ConfirmEmail => ("/confirmation", "mail-confirm"),
        TokenPurpose::ResetPassword => ("/nouveau-mot-de-passe", "mail-reset"),
        TokenPurpose::ChangeEmail => ("/compte/courriel/confirmation", "mail-change"),
    };
    let link = format!("{}{path}?jeton={token}", platform.config.base_url());
    let args = [
        ("name", user.display_name.as_str()),
        ("link", link.as_str()),
    ];
    Ok(Email {
        to: to.to_owned(),
        subject: tr.t(&format!("{key}-subject")),
        body: tr.t_args(&format!("{key}-body"), &args),
    })
}

/// Creates a one-time link and queues the mail that carries it.
pub async fn mail_link(
    platform: &Platform,
    tr: Tr,
    user: &users::User,
    purpose: TokenPurpose,
    to: &str,
) -> AppResult<()> {
    let email = link_mail(platform, tr, user, purpose, to).await?;
    postman::queue(platform, Some(user.id), &email, tr.lang).await?;
    Ok(())
}

/// The password-reset mail for an address and the account it is for, written when the queue
/// sends it: `None` when the address has no account, or had its share of reset mails this hour.
pub async fn password_reset_mail(
    platform: &Platform,
    tr: Tr,
    address: &str,
) -> AppResult<Option<(i64, Email)>> {
    let Some(user) = users::by_email(&platform.db, address).await? else {
        return Ok(None);
    };
    if !may_mail(platform, "reset", &user.email).await? {
        return Ok(None);
    }
    let email = link_mail(
        platform,
        tr,
        &user,
        TokenPurpose::ResetPassword,
        &user.email,
    )
    .await?;
    Ok(Some((user.id, email)))
}

/// Queues a notice that needs no link (for example "someone tried to sign up with your
/// address") to an account.
pub async fn mail_notice(
    platform: &Platform,
    tr: Tr,
    user: &users::User,
    key: &str,
) -> AppResult<()> {
    let url = platform.config.base_url();
    let email = Email {
        to: user.email.clone(),
        subject: tr.t(&format!("{key}-subject")),
        body: tr.t_args(
            &format!("{key}-body"),
            &[("name", user.display_name.as_str()), ("url", url)],
        ),
    };
    postman::queue(platform, Some(user.id), &email, tr.lang).await?;
    Ok(())
}

/// Queues a password reset for an address, whatever it is: the worker writes the link if the
/// address has an account, so that the request does the same work either way.
pub async fn ask_password_reset(platform: &Platform, address: &str, lang: Lang) -> AppResult<()> {
    let request = NewMail {
        kind: MailKind::PasswordReset,
        user_id: None,
        recipient: address,
        lang: lang.code(),
        subject: "",
        body: "",
    };
    postman::queue_row(platform, &request).await?;
    Ok(())
}

/// Writes the password resets asked for: each becomes a message for its account (sent by the
/// postman), or goes when the address has no account. Returns how many were written.
pub async fn write_password_resets(platform: &Platform) -> Result<usize, sqlx::Error> {
    let mut written = 0;
    loop {
        let asked =
            mail_queue::claim(&platform.db, MailKind::PasswordReset, LEASE_MS, BATCH).await?;
        if asked.is_empty() {
            return Ok(written);
        }
        for request in asked {
            let tr = Tr::new(Lang::from_code(&request.lang));
            match password_reset_mail(platform, tr, &request.recipient).await {
                Ok(Some((user_id, email))) => {
                    mail_queue::write(
                        &platform.db,
                        request.id,
                        user_id,
                        &email.subject,
                        &email.body,
                    )
                    .await?;
                    written += 1;
                }
                Ok(None) => mail_queue::remove(&platform.db, request.id).await?,
                Err(error) => {
                    postman::retry_later(platform, &request, &format!("{error:?}")).await?;
                }
            }
        }
    }
}
