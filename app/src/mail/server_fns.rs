//! The mail server functions: the outbox (admins) and unsubscribing (whoever holds the link:
//! its secret is the proof).

use leptos::prelude::*;

use crate::domain::mail::{Outbox, Subscription};
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::ssr::*;

/// The latest mails and where each stands, and whether a mail server delivers them (admins).
#[server(endpoint = "list_outbox", output = crate::wire::Wire)]
pub async fn list_outbox() -> Result<Outbox, AppError> {
    answered(
        async {
            admin().await?;
            let delivery = use_context::<crate::settings::SiteSettings>().map(|s| s.mail_delivery).unwrap_or(false);
            Ok(use_db()?.outbox_page(delivery).await?)
        }
        .await,
    )
}

/// Sends failed mail `id` again (admins, once the mail server is fixed).
#[server(endpoint = "retry_mail", output = crate::wire::Wire)]
pub async fn retry_mail(id: i64) -> Result<(), AppError> {
    answered(
        async {
            let admin = admin().await?;
            Ok(use_db()?.retry_mail(id, &admin).await?)
        }
        .await,
    )
}

/// Writes now, for every moderator, the digest of the items of their queue not told yet
/// (admins: a demo, or a day the morning's digest must not wait for). Returns how many.
#[server(endpoint = "send_digests_now", output = crate::wire::Wire)]
pub async fn send_digests_now() -> Result<usize, AppError> {
    answered(
        async {
            admin().await?;
            Ok(use_db()?.send_digests(true).await?)
        }
        .await,
    )
}

/// The outbox page's words in `locale` (`outbox::OutboxTexts`): public, the same for everyone
/// (the mails it lists are the admins' only).
#[server(endpoint = "outbox_texts", output = crate::wire::Wire)]
pub async fn outbox_texts(locale: crate::language::Locale) -> Result<super::outbox::OutboxTexts, AppError> {
    Ok(super::outbox::OutboxTexts::new(locale))
}

/// The unsubscribe page's words in `locale` (`unsubscribe::UnsubscribeTexts`): public, the same
/// for everyone.
#[server(endpoint = "unsubscribe_texts", output = crate::wire::Wire)]
pub async fn unsubscribe_texts(
    locale: crate::language::Locale,
) -> Result<super::unsubscribe::UnsubscribeTexts, AppError> {
    Ok(super::unsubscribe::UnsubscribeTexts::new(locale))
}

/// What the unsubscribe link of `secret` is about.
#[server(endpoint = "read_subscription", output = crate::wire::Wire)]
pub async fn read_subscription(secret: String) -> Result<Subscription, AppError> {
    answered(async { Ok(use_db()?.subscription(&secret).await?) }.await)
}

/// Unsubscribes the address and kind of the link `secret` at once (`subscribed` false), or
/// subscribes them again.
#[server(endpoint = "set_subscription", output = crate::wire::Wire)]
pub async fn set_subscription(secret: String, subscribed: bool) -> Result<Subscription, AppError> {
    answered(async { Ok(use_db()?.set_subscribed(&secret, subscribed).await?) }.await)
}
