//! `/desabonnement?jeton=…`: the link at the foot of every mail but the security ones. One
//! click on it unsubscribes: once the page is running in the browser it sends the request
//! itself. The page as the server sends it changes nothing, because mail security scanners
//! fetch every link of a mail before its reader does (RFC 8058's reason); without JavaScript,
//! its button does it. The same button then subscribes again. Mail clients use
//! `POST /api/desabonnement` instead (`List-Unsubscribe-Post`), which acts at once.
//!
//! In both languages: the page's words (`UnsubscribeTexts`) come from the server with it (an
//! English mail's link opens the English page).

use crate::wire::wire_resource;
use leptos::prelude::*;
use leptos_i18n::td_string;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::server_fns::{read_subscription, unsubscribe_texts, SetSubscription};
use crate::components::forms::FormErrors;
use crate::components::sent_forms::form_action;
use crate::components::ErrorNotice;
use crate::domain::mail::Subscription;
use crate::error::AppError;
use crate::language::{href, server_texts, use_locale, Locale};

server_texts! {
    /// The unsubscribe page's words.
    pub struct UnsubscribeTexts {
        title => unsubscribe.title,
        heading => unsubscribe.heading,
        unsubscribed_done => unsubscribe.unsubscribed_done,
        resubscribed => unsubscribe.resubscribed,
        address => unsubscribe.address,
        will_no_longer => unsubscribe.will_no_longer,
        taken_into_account => unsubscribe.taken_into_account,
        receives => unsubscribe.receives,
        receives_after => unsubscribe.receives_after,
        security_always => unsubscribe.security_always,
        resubscribe_me => unsubscribe.resubscribe_me,
        unsubscribe_me => unsubscribe.unsubscribe_me,
        back_to_map => states.back_to_map,
    }
}

/// `/desabonnement`.
#[component]
pub fn UnsubscribePage() -> impl IntoView {
    let locale = use_locale();
    let secret = use_query_map().with_untracked(|q| q.get("jeton")).unwrap_or_default();
    let subscription = wire_resource(
        move || secret.clone(),
        move |secret| async move {
            let texts = unsubscribe_texts(locale).await?;
            Ok::<_, AppError>((read_subscription(secret).await?, texts))
        },
    );
    view! {
        <Suspense fallback=move || view! { <p class="account-page">{td_string!(locale, site.loading)}</p> }>
            {move || Suspend::new(async move {
                match subscription.await {
                    Ok((subscription, t)) => view! { <SubscriptionChoice subscription t/> }.into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The state of one address's subscription to one kind of mail, and the button that turns it
/// over.
#[component]
fn SubscriptionChoice(subscription: Subscription, t: UnsubscribeTexts) -> impl IntoView {
    let secret = use_query_map().with_untracked(|q| q.get("jeton")).unwrap_or_default();
    let (action, _) = form_action::<SetSubscription>();
    let errors = FormErrors::of(action.value());
    let initially = subscription.unsubscribed;
    // What the last click did, or what the link found.
    let unsubscribed = move || match action.value().get() {
        Some(Ok(s)) => s.unsubscribed,
        _ => initially,
    };
    let changed = move || matches!(action.value().get(), Some(Ok(_)));
    // In the browser only (effects do not run on the server): the click on the link was the
    // reader's, so act on it once.
    if !initially {
        let secret = secret.clone();
        Effect::new(move |done: Option<()>| {
            if done.is_none() {
                action.dispatch(SetSubscription { secret: secret.clone(), subscribed: false });
            }
        });
    }
    let (email, label) = (subscription.email.clone(), subscription.kind.label_in(t.locale == Locale::en));
    let UnsubscribeTexts {
        title,
        heading,
        unsubscribed_done,
        resubscribed,
        address,
        will_no_longer,
        taken_into_account,
        receives,
        receives_after,
        security_always,
        resubscribe_me,
        unsubscribe_me,
        back_to_map,
        ..
    } = t;
    let state = move || {
        if unsubscribed() {
            format!("{address}{email}{will_no_longer}{label}{taken_into_account}")
        } else {
            format!("{address}{email}{receives}{label}{receives_after}")
        }
    };
    let done = move || match (changed(), unsubscribed()) {
        (true, true) => unsubscribed_done.clone(),
        (true, false) => resubscribed.clone(),
        (false, _) => String::new(),
    };
    let home = href("/");
    view! {
        <Title text=title/>
        <div class="account-page">
            <h1>{heading}</h1>
            <p role="status">
                {done}
                {state}
            </p>
            <p>{security_always}</p>
            {errors.summary()}
            <ActionForm action>
                <input type="hidden" name="secret" value=secret/>
                <input type="hidden" name="subscribed" value=move || unsubscribed().to_string()/>
                <button class="button" class:button--secondary=unsubscribed type="submit">
                    {move || if unsubscribed() { resubscribe_me.clone() } else { unsubscribe_me.clone() }}
                </button>
            </ActionForm>
            <p><a href=home>{back_to_map}</a></p>
        </div>
    }
}
