//! The account server functions. Each checks everything itself (who is signed in, limits,
//! the form) whatever the page sent, and answers with the status its error deserves.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::domain::accounts::{AccountSettings, SignUpOutcome};
use crate::domain::club::InvitationWelcome;
use crate::domain::Account;
use crate::error::AppError;

#[cfg(feature = "ssr")]
use crate::ssr::*;

#[cfg(feature = "ssr")]
fn throttle() -> Result<std::sync::Arc<super::throttle::Throttle>, AppError> {
    use_context::<std::sync::Arc<super::throttle::Throttle>>().ok_or(AppError::Unavailable)
}

/// Refuses an address or password longer than any real one before a throttle or a hash sees it.
#[cfg(feature = "ssr")]
fn refuse_oversized(email: &str, password: &str) -> Result<(), AppError> {
    match crate::domain::accounts::oversized_credentials(email, password) {
        Some(message) => Err(AppError::BadRequest(message)),
        None => Ok(()),
    }
}

/// Counts one attempt on the signed-in account's password (changing it, changing the address,
/// deleting the account) like a sign-in: a stolen session cannot guess the password faster.
#[cfg(feature = "ssr")]
async fn count_password_attempt(account: &Account) -> Result<std::sync::Arc<super::throttle::Throttle>, AppError> {
    let throttle = throttle()?;
    throttle
        .sign_in(&account.email, client_ip().await)
        .map_err(|wait| AppError::TooManyRequests(super::throttle::wait_message(wait)))?;
    Ok(throttle)
}

/// Counts one request from this address (sign-up, forgotten password…); 429 past the limit.
#[cfg(feature = "ssr")]
async fn count_attempt() -> Result<std::sync::Arc<super::throttle::Throttle>, AppError> {
    let throttle = throttle()?;
    throttle
        .attempt_from(client_ip().await)
        .map_err(|wait| AppError::TooManyRequests(super::throttle::wait_message(wait)))?;
    Ok(throttle)
}

/// Where an account goes once signed in by a link: its work.
#[cfg(feature = "ssr")]
fn first_page(account: &Account) -> String {
    match account.role {
        Role::Holder => "/mes-initiatives".into(),
        _ => "/moderation".into(),
    }
}

/// Creates a holder account and mails the link that verifies its address. Whether the
/// address already had an account is never told: its owner gets a mail instead. With the
/// secret of an invitation link, that invitation serves (once); an admin's animator invitation
/// mailed to this very address proves it, and the account is signed in at once.
#[server(endpoint = "sign_up", output = crate::wire::Wire)]
pub async fn sign_up(
    organisation: String,
    contact_name: String,
    email: String,
    password: String,
    invitation: Option<String>,
) -> Result<SignUpOutcome, AppError> {
    use crate::ssr::session;
    answered(
        async {
            refuse_oversized(&email, &password)?;
            let throttle = count_attempt().await?;
            let may_mail = throttle.may_mail(&crate::domain::accounts::normalise_email(&email));
            let input = crate::domain::NewAccount { organisation, contact_name, email, password };
            let invitation = invitation.filter(|secret| !secret.trim().is_empty());
            let db = use_db()?;
            match db.sign_up(&input, invitation.as_deref(), may_mail).await {
                Ok(Some(account)) => {
                    session::start(&db, &account).await?;
                    Ok(SignUpOutcome::SignedIn { next: first_page(&account) })
                }
                Ok(None) => Ok(SignUpOutcome::CheckMailbox),
                Err(crate::data::DataError::NotFound) => Err(AppError::BadRequest(super::invalid_invitation())),
                Err(error) => Err(error.into()),
            }
        }
        .await,
    )
}

/// Signs in. A wrong password and an unknown email get the same answer, in the same time.
#[server(endpoint = "sign_in", output = crate::wire::Wire)]
pub async fn sign_in(email: String, password: String) -> Result<Account, AppError> {
    use crate::ssr::session;
    answered(
        async {
            refuse_oversized(&email, &password)?;
            let throttle = throttle()?;
            let key = crate::domain::accounts::normalise_email(&email);
            throttle
                .sign_in(&key, client_ip().await)
                .map_err(|wait| AppError::TooManyRequests(super::throttle::wait_message(wait)))?;
            let db = use_db()?;
            match db.authenticate(&email, &password).await? {
                Some(account) => {
                    session::start(&db, &account).await?;
                    // Mails others cause are written in the language signed in from.
                    db.remember_language(account.id).await?;
                    Ok(account)
                }
                None => Err(AppError::BadRequest(wrong_credentials())),
            }
        }
        .await,
    )
}

/// What an invitation's link (`secret`) fills the sign-up form with, and says of who invited
/// whom for what: the sign-up page and the animators' joining page read it. Public: the link
/// is the proof.
#[server(endpoint = "read_invitation", output = crate::wire::Wire)]
pub async fn read_invitation(secret: String) -> Result<InvitationWelcome, AppError> {
    answered(
        async {
            match use_db()?.invitation_welcome(&secret).await {
                Err(crate::data::DataError::NotFound) => Err(AppError::BadRequest(super::invalid_invitation())),
                other => Ok(other?),
            }
        }
        .await,
    )
}

/// What a failed sign-in says, whatever failed.
pub fn wrong_credentials() -> crate::domain::Message {
    crate::domain::Message::new(
        "Adresse e-mail ou mot de passe incorrect. Vérifiez les deux, ou créez un compte si vous n'en avez pas.",
        "Wrong email address or password. Check both, or create an account if you have none.",
    )
}

/// Signs out of this browser.
#[server(endpoint = "sign_out", output = crate::wire::Wire)]
pub async fn sign_out() -> Result<(), AppError> {
    answered(crate::ssr::session::end().await.inspect(|_| then_without_script(super::AFTER_SIGN_OUT)))
}

/// Ends every session of the signed-in account, this one included (« Se déconnecter
/// partout »: a lost phone, a shared computer).
#[server(endpoint = "sign_out_everywhere", output = crate::wire::Wire)]
pub async fn sign_out_everywhere() -> Result<(), AppError> {
    use crate::ssr::session;
    answered(
        async {
            let account = signed_in().await?;
            use_db()?.end_sessions(account.id).await?;
            session::end().await?;
            then_without_script(super::AFTER_SIGN_OUT_EVERYWHERE);
            Ok(())
        }
        .await,
    )
}

/// Changes the signed-in account's password, once the current one is checked; every other
/// session of the account ends.
#[server(endpoint = "change_password", output = crate::wire::Wire)]
pub async fn change_password(current_password: String, new_password: String) -> Result<(), AppError> {
    use crate::ssr::session;
    answered(
        async {
            let account = signed_in().await?;
            refuse_oversized("", &current_password)?;
            count_password_attempt(&account).await?;
            let generation = use_db()?.change_password(account.id, &current_password, &new_password).await?;
            session::renew(generation).await
        }
        .await,
    )
}

/// The signed-in account, if any.
#[server(endpoint = "current_account", output = crate::wire::Wire)]
pub async fn current_account() -> Result<Option<Account>, AppError> {
    answered(maybe_signed_in().await)
}

/// The account pages' words in `locale` (`pages::AccountTexts`): public, the same for everyone.
#[server(endpoint = "account_texts", output = crate::wire::Wire)]
pub async fn account_texts(locale: crate::language::Locale) -> Result<super::pages::AccountTexts, AppError> {
    Ok(super::pages::AccountTexts::new(locale))
}

/// The words of `/compte` and of the deletion pages in `locale` (`account_page::SettingsTexts`):
/// public, the same for everyone (`/compte/supprime` is read once signed out).
#[server(endpoint = "settings_texts", output = crate::wire::Wire)]
pub async fn settings_texts(locale: crate::language::Locale) -> Result<super::account_page::SettingsTexts, AppError> {
    Ok(super::account_page::SettingsTexts::new(locale))
}

/// What `/compte` shows: the account, a change of address waiting, mail preferences, and its
/// published initiatives (a deletion decides on each).
#[server(endpoint = "load_account_settings", output = crate::wire::Wire)]
pub async fn load_account_settings() -> Result<AccountSettings, AppError> {
    answered(
        async {
            let account = signed_in().await?;
            Ok(use_db()?.account_settings(&account).await?)
        }
        .await,
    )
}

/// Mails the signed-in account a new link to verify its address.
#[server(endpoint = "resend_verification", output = crate::wire::Wire)]
pub async fn resend_verification() -> Result<(), AppError> {
    answered(
        async {
            let account = signed_in().await?;
            if !throttle()?.may_mail(&account.email) {
                return Err(AppError::TooManyRequests(Message::new(
                    "Plusieurs liens viennent déjà de partir : attendez quelques minutes, et regardez aussi dans vos indésirables.",
                    "Several links have just been sent: wait a few minutes, and look in your spam folder too.",
                )));
            }
            Ok(use_db()?.send_verification(&account).await?)
        }
        .await,
    )
}

/// Whether the link of `secret` may still serve (`purpose`: `verify-email` or
/// `reset-password`): its page says why not before anyone types anything.
#[server(endpoint = "check_account_link", output = crate::wire::Wire)]
pub async fn check_account_link(secret: String, purpose: String) -> Result<(), AppError> {
    answered(
        async {
            let purpose = crate::domain::accounts::LinkPurpose::from_code(&purpose).ok_or_else(|| {
                AppError::BadRequest(Message::new("Ce type de lien n'existe pas.", "This kind of link does not exist."))
            })?;
            Ok(use_db()?.check_link(&secret, purpose).await?)
        }
        .await,
    )
}

/// Uses a verification link: the address is proven and its account signed in here. Returns
/// the page to go to.
#[server(endpoint = "verify_email", output = crate::wire::Wire)]
pub async fn verify_email(secret: String) -> Result<String, AppError> {
    answered(
        async {
            count_attempt().await?;
            let db = use_db()?;
            let account = db.verify_address(&secret).await?;
            crate::ssr::session::start(&db, &account).await?;
            db.remember_language(account.id).await?;
            let next = first_page(&account);
            then_without_script(&super::after_verification(&next));
            Ok(next)
        }
        .await,
    )
}

/// Mails a link to choose a new password to the account of `email`, if any. The answer is the
/// same for every address; asking is limited per connection and per address.
#[server(endpoint = "request_password_reset", output = crate::wire::Wire)]
pub async fn request_password_reset(email: String) -> Result<(), AppError> {
    answered(
        async {
            refuse_oversized(&email, "")?;
            let throttle = count_attempt().await?;
            let may_mail = throttle.may_mail(&crate::domain::accounts::normalise_email(&email));
            Ok(use_db()?.request_password_reset(&email, may_mail).await?)
        }
        .await,
    )
}

/// Uses a password-reset link: sets the new password, ends every other session of the
/// account and signs it in here. Returns the page to go to.
#[server(endpoint = "reset_password", output = crate::wire::Wire)]
pub async fn reset_password(secret: String, new_password: String) -> Result<String, AppError> {
    answered(
        async {
            count_attempt().await?;
            // Signed in here in the account's new generation: every other session just ended.
            let db = use_db()?;
            let (account, _) = db.reset_password(&secret, &new_password).await?;
            crate::ssr::session::start(&db, &account).await?;
            db.remember_language(account.id).await?;
            let next = first_page(&account);
            then_without_script(&super::after_password_reset(&next));
            Ok(next)
        }
        .await,
    )
}

/// Starts moving the signed-in account to `new_email` (its password confirms it is them).
#[server(endpoint = "request_email_change", output = crate::wire::Wire)]
pub async fn request_email_change(new_email: String, password: String) -> Result<(), AppError> {
    answered(
        async {
            let account = signed_in().await?;
            refuse_oversized(&new_email, &password)?;
            let throttle = count_password_attempt(&account).await?;
            let may_mail = throttle.may_mail(&crate::domain::accounts::normalise_email(&new_email));
            Ok(use_db()?.request_email_change(&account, &password, &new_email, may_mail).await?)
        }
        .await,
    )
}

/// How a moderator hears of new items in their queue (`immediate` or `daily`).
#[server(endpoint = "set_queue_mail", output = crate::wire::Wire)]
pub async fn set_queue_mail(choice: String) -> Result<(), AppError> {
    answered(
        async {
            let account = signed_in().await?;
            if !matches!(account.role, Role::Animator | Role::Admin) {
                return Err(AppError::Forbidden);
            }
            let choice = crate::domain::mail::QueueMail::from_code(&choice).ok_or_else(|| {
                AppError::BadRequest(Message::new(
                    "Choisissez « à chaque nouveauté » ou « un récapitulatif par jour ».",
                    "Choose “An email for each new item” or “A daily summary, in the morning”.",
                ))
            })?;
            Ok(use_db()?.set_queue_mail(account.id, choice).await?)
        }
        .await,
    )
}

/// What « Supprimer mon compte » sends: the password, and for each published initiative
/// (`choices[id]`) `confier` (hand it over to the club) or `archiver`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Deletion {
    pub password: String,
    pub choices: std::collections::BTreeMap<String, String>,
}

/// Deletes the signed-in account (not an administrator's), once its password is checked; its
/// published initiatives go as `deletion.choices` say. Signs out.
#[server(endpoint = "delete_account", output = crate::wire::Wire)]
pub async fn delete_account(deletion: Deletion) -> Result<(), AppError> {
    use crate::domain::accounts::AfterDeletion;
    use crate::ssr::session;
    answered(
        async {
            let account = signed_in().await?;
            if account.role == Role::Admin {
                return Err(AppError::Forbidden);
            }
            refuse_oversized("", &deletion.password)?;
            count_password_attempt(&account).await?;
            let mut choices = Vec::new();
            for (id, choice) in &deletion.choices {
                let id = id
                    .parse::<i64>()
                    .map_err(|_| AppError::BadRequest(Message::new("Initiative inconnue.", "Unknown initiative.")))?;
                let choice = AfterDeletion::from_code(choice).ok_or_else(|| {
                    AppError::BadRequest(Message::new(
                        "Choisissez « Confier au club » ou « Archiver ».",
                        "Choose “Hand it over to the club” or “Archive it”.",
                    ))
                })?;
                choices.push((id, choice));
            }
            use_db()?.delete_account(&account, &deletion.password, &choices).await?;
            session::end().await?;
            then_without_script(super::AFTER_DELETION);
            Ok(())
        }
        .await,
    )
}
