//! `/desabonnement?jeton=…`: the link at the foot of every mail but the security ones. One
//! click on it unsubscribes: once the page is running in the browser it sends the request
//! itself. The page as the server sends it changes nothing, because mail security scanners
//! fetch every link of a mail before its reader does (RFC 8058's reason); without JavaScript,
//! its button does it. The same button then subscribes again. Mail clients use
//! `POST /api/desabonnement` instead (`List-Unsubscribe-Post`), which acts at once.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::server_fns::{read_subscription, SetSubscription};
use crate::components::forms::FormErrors;
use crate::components::sent_forms::form_action;
use crate::components::ErrorNotice;
use crate::domain::mail::Subscription;

/// `/desabonnement`.
#[component]
pub fn UnsubscribePage() -> impl IntoView {
    let secret = use_query_map().with_untracked(|q| q.get("jeton")).unwrap_or_default();
    let subscription = Resource::new(move || secret.clone(), read_subscription);
    view! {
        <Title text="Désabonnement – Carte Orientation 28"/>
        <Suspense fallback=|| view! { <p class="account-page">"Chargement…"</p> }>
            {move || Suspend::new(async move {
                match subscription.await {
                    Ok(subscription) => view! { <SubscriptionChoice subscription/> }.into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The state of one address's subscription to one kind of mail, and the button that turns it
/// over.
#[component]
fn SubscriptionChoice(subscription: Subscription) -> impl IntoView {
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
    let (email, label) = (subscription.email.clone(), subscription.kind.label());
    let state = move || {
        if unsubscribed() {
            format!("L'adresse {email} ne recevra plus les courriels « {label} ». C'est pris en compte dès maintenant.")
        } else {
            format!("L'adresse {email} reçoit les courriels « {label} ».")
        }
    };
    view! {
        <div class="account-page">
            <h1>"Désabonnement"</h1>
            <p role="status">
                {move || match (changed(), unsubscribed()) {
                    (true, true) => "Désabonnement enregistré. ",
                    (true, false) => "Vous êtes réabonné·e : ces courriels vous parviendront de nouveau. ",
                    (false, _) => "",
                }}
                {state}
            </p>
            <p>"Les courriels de sécurité (vérification d'adresse, mot de passe oublié) partent toujours : vous les demandez vous-même."</p>
            {errors.summary()}
            <ActionForm action>
                <input type="hidden" name="secret" value=secret/>
                <input type="hidden" name="subscribed" value=move || unsubscribed().to_string()/>
                <button class="button" class:button--secondary=unsubscribed type="submit">
                    {move || if unsubscribed() { "Me réabonner" } else { "Me désabonner" }}
                </button>
            </ActionForm>
            <p><a href="/">"Retour à la carte"</a></p>
        </div>
    }
}
