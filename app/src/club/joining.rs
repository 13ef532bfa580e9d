//! `/rejoindre-l-animation?invitation=…`: the page an animator's invitation opens. The account
//! of the invited address accepts it once signed in; a person without an account creates it
//! here with that address (the link mailed to it proves it). In both languages: its words
//! (`AnimatorsTexts`) come from the server with the invitation.

use crate::wire::wire_resource;
use leptos::prelude::*;
use leptos_i18n::td_string;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::animators::AnimatorsTexts;
use super::server_fns::{animators_texts, AcceptAnimatorInvitation};
use crate::accounts::server_fns::{current_account, read_invitation};
use crate::components::forms::{go_to_on_success, FormErrors};
use crate::components::sent_forms::form_action;
use crate::components::ErrorNotice;
use crate::domain::club::InvitationWelcome;
use crate::domain::{Account, Role};
use crate::error::AppError;
use crate::language::{href, localized, moment, use_locale};

/// `/rejoindre-l-animation`.
#[component]
pub fn AnimatorInvitationPage() -> impl IntoView {
    let locale = use_locale();
    let secret = use_query_map().with_untracked(|q| q.get("invitation")).unwrap_or_default();
    let read = wire_resource(
        move || secret.clone(),
        move |secret| async move { (read_invitation(secret).await, current_account().await, animators_texts(locale).await) },
    );
    view! {
        <Suspense fallback=move || view! { <p class="account-page">{td_string!(locale, site.loading)}</p> }>
            {move || Suspend::new(async move {
                match read.await {
                    (Err(error), _, _) | (_, Err(error), _) | (_, _, Err(error)) => view! { <ErrorNotice error/> }.into_any(),
                    (Ok(welcome), Ok(account), Ok(t)) if welcome.role == Role::Animator => view! { <Welcome welcome account t/> }.into_any(),
                    (Ok(_), Ok(_), Ok(_)) => view! {
                        <ErrorNotice error=AppError::BadRequest(crate::domain::Message::new(
                            "Ce lien invite un porteur d'initiatives : ouvrez-le tel quel, il mène au formulaire d'inscription.",
                            "This link invites an initiative holder: open it as it is, it leads to the sign-up form.",
                        ))/>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Welcome(welcome: InvitationWelcome, account: Option<Account>, t: AnimatorsTexts) -> impl IntoView {
    let locale = t.locale;
    let secret = use_query_map().with_untracked(|q| q.get("invitation")).unwrap_or_default();
    let invited = welcome.form.email.clone();
    let here = format!("/rejoindre-l-animation?invitation={secret}");
    let what = match &account {
        None => view! {
            <p>{t.has_account.clone()}<span translate="no">{invited.clone()}</span>{t.sign_in_to_accept.clone()}</p>
            <p><a class="button" href=href(&format!("/connexion?suite={}", urlencoded(&here)))>{t.sign_in.clone()}</a></p>
            <p>{t.no_account.clone()}</p>
            <p><a class="button button--secondary" href=href(&format!("/inscription?invitation={secret}"))>{t.create_account.clone()}</a></p>
        }.into_any(),
        Some(account) if account.email != invited => view! {
            // Addresses and names: the same in every language (`translate="no"`).
            <p class="notice">
                {t.addressed_to.clone()}<span translate="no">{invited.clone()}</span>
                {t.signed_in_as.clone()}<span translate="no">{account.email.clone()}</span>
                {t.sign_out_first.clone()}
            </p>
        }.into_any(),
        Some(_) => view! { <Accept secret t=t.clone()/> }.into_any(),
    };
    view! {
        <Title text=t.join_title.clone()/>
        <div class="account-page">
            <h1>{t.join_heading.clone()}</h1>
            <p>
                <span translate="no">{welcome.invited_by.clone()}</span>
                {t.invites_you.clone()}
                <span translate="no">{welcome.areas.join(", ")}</span>
                {format!("{}{}.", t.once_until, moment(locale, &welcome.expires_at))}
            </p>
            {what}
        </div>
    }
}

#[component]
fn Accept(secret: String, t: AnimatorsTexts) -> impl IntoView {
    let (action, _) = form_action::<AcceptAnimatorInvitation>();
    let locale = t.locale;
    go_to_on_success(action.value(), move |_| localized(locale, super::AFTER_JOINING));
    let errors = FormErrors::of(action.value());
    view! {
        {errors.summary()}
        <ActionForm action>
            <input type="hidden" name="secret" value=secret/>
            <button class="button" type="submit" disabled=move || action.pending().get()>{t.accept}</button>
        </ActionForm>
    }
}

/// `path` as the value of a query parameter.
fn urlencoded(path: &str) -> String {
    url::form_urlencoded::byte_serialize(path.as_bytes()).collect()
}
