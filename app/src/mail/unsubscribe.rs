//! `/desabonnement?jeton=…`: the link at the foot of every mail but the security ones. Opening
//! it unsubscribes its address from that kind of mail at once (one click, as the mail
//! promises); a button undoes it. Mail clients use `POST /api/desabonnement` instead
//! (`List-Unsubscribe-Post`, RFC 8058).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::server_fns::{set_subscription, SetSubscription};
use crate::domain::mail::Subscription;
use crate::forms::FormErrors;
use crate::layout::ErrorNotice;

/// `/desabonnement`.
#[component]
pub fn UnsubscribePage() -> impl IntoView {
    let secret = use_query_map().with_untracked(|q| q.get("jeton")).unwrap_or_default();
    let unsubscribed = Resource::new(move || secret.clone(), |secret| set_subscription(secret, false));
    view! {
        <Title text="Désabonnement – Carte Orientation 28"/>
        <Suspense fallback=|| view! { <p class="account-page">"Chargement…"</p> }>
            {move || Suspend::new(async move {
                match unsubscribed.await {
                    Ok(subscription) => view! { <Unsubscribed subscription/> }.into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Unsubscribed(subscription: Subscription) -> impl IntoView {
    let secret = use_query_map().with_untracked(|q| q.get("jeton")).unwrap_or_default();
    let action = ServerAction::<SetSubscription>::new();
    let errors = FormErrors::of(action.value());
    let again = move || matches!(action.value().get(), Some(Ok(ref s)) if !s.unsubscribed);
    let label = subscription.kind.label();
    view! {
        <div class="account-page">
            <h1>"Désabonnement enregistré"</h1>
            <p>{format!("L'adresse {} ne recevra plus les courriels « {label} ». C'est pris en compte dès maintenant.", subscription.email)}</p>
            <p>"Les courriels de sécurité (vérification d'adresse, mot de passe oublié) partent toujours : vous les demandez vous-même."</p>
        {errors.summary()}
        <p class="form-success" role="status">{move || again().then_some("Vous êtes réabonné·e : ces courriels vous parviendront de nouveau.")}</p>
        <div hidden=again>
            <ActionForm action>
                <input type="hidden" name="secret" value=secret/>
                <input type="hidden" name="subscribed" value="true"/>
                <button class="button button--secondary" type="submit">"Me réabonner"</button>
            </ActionForm>
        </div>
        <p><a href="/">"Retour à la carte"</a></p>
        </div>
    }
}
