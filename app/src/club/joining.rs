//! `/rejoindre-l-animation?invitation=…`: the page an animator's invitation opens. The account
//! of the invited address accepts it once signed in; a person without an account creates it
//! here with that address (the link mailed to it proves it).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::server_fns::AcceptAnimatorInvitation;
use crate::accounts::server_fns::{current_account, read_invitation};
use crate::components::forms::{go_to_on_success, FormErrors};
use crate::components::sent_forms::form_action;
use crate::components::ErrorNotice;
use crate::domain::club::InvitationWelcome;
use crate::domain::holding::french_time;
use crate::domain::{Account, Role};
use crate::error::AppError;

/// `/rejoindre-l-animation`.
#[component]
pub fn AnimatorInvitationPage() -> impl IntoView {
    let secret = use_query_map().with_untracked(|q| q.get("invitation")).unwrap_or_default();
    let read = Resource::new(
        move || secret.clone(),
        |secret| async move { (read_invitation(secret).await, current_account().await) },
    );
    view! {
        <Title text="Invitation à animer le club – Carte Orientation 28"/>
        <Suspense fallback=|| view! { <p class="account-page">"Chargement…"</p> }>
            {move || Suspend::new(async move {
                match read.await {
                    (Err(error), _) | (_, Err(error)) => view! { <ErrorNotice error/> }.into_any(),
                    (Ok(welcome), Ok(account)) if welcome.role == Role::Animator => view! { <Welcome welcome account/> }.into_any(),
                    (Ok(_), Ok(_)) => view! {
                        <ErrorNotice error=AppError::BadRequest(crate::domain::Message::french("Ce lien invite un porteur d'initiatives : ouvrez-le tel quel, il mène au formulaire d'inscription."))/>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Welcome(welcome: InvitationWelcome, account: Option<Account>) -> impl IntoView {
    let secret = use_query_map().with_untracked(|q| q.get("invitation")).unwrap_or_default();
    let invited = welcome.form.email.clone();
    let here = format!("/rejoindre-l-animation?invitation={secret}");
    let what = match &account {
        None => view! {
            <p>{format!("Vous avez déjà un compte avec l'adresse {invited} ? Connectez-vous : vous reviendrez ici pour accepter.")}</p>
            <p><a class="button" href=format!("/connexion?suite={}", urlencoded(&here))>"Se connecter"</a></p>
            <p>"Pas encore de compte ? Créez-le avec cette adresse : il sera animateur dès sa création."</p>
            <p><a class="button button--secondary" href=format!("/inscription?invitation={secret}")>"Créer mon compte d'animateur"</a></p>
        }.into_any(),
        Some(account) if account.email != invited => view! {
            <p class="notice">{format!(
                "Cette invitation est adressée à {invited}, et vous êtes connecté·e avec {}. Déconnectez-vous, puis connectez-vous avec le compte de l'adresse invitée.",
                account.email
            )}</p>
        }.into_any(),
        Some(_) => view! { <Accept secret/> }.into_any(),
    };
    view! {
        <div class="account-page">
            <h1>"Invitation à animer le club"</h1>
            <p>{format!(
                "{} vous invite à animer le club Carte Orientation 28 et à modérer les bassins de : {}. Ce lien sert une fois, jusqu'au {}.",
                welcome.invited_by,
                welcome.areas.join(", "),
                french_time(&welcome.expires_at)
            )}</p>
            {what}
        </div>
    }
}

#[component]
fn Accept(secret: String) -> impl IntoView {
    let (action, _) = form_action::<AcceptAnimatorInvitation>();
    let locale = crate::language::use_locale();
    go_to_on_success(action.value(), move |_| crate::language::localized(locale, super::AFTER_JOINING));
    let errors = FormErrors::of(action.value());
    view! {
        {errors.summary()}
        <ActionForm action>
            <input type="hidden" name="secret" value=secret/>
            <button class="button" type="submit" disabled=move || action.pending().get()>"Accepter l'invitation"</button>
        </ActionForm>
    }
}

/// `path` as the value of a query parameter.
fn urlencoded(path: &str) -> String {
    url::form_urlencoded::byte_serialize(path.as_bytes()).collect()
}
