//! The pages that links sent by mail open: `/verifier-adresse` (an address proven),
//! `/mot-de-passe-oublie` (asking for a link) and `/nouveau-mot-de-passe` (using it). A link
//! does nothing by being opened — mail scanners open links too — but by a button on its page;
//! a link that cannot serve says why on a page of its own, never a bare error.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::pages::NewPasswordField;
use super::server_fns::{check_account_link, RequestPasswordReset, ResetPassword, VerifyEmail};
use crate::components::forms::{go_to_on_success, FormErrors, TextInput};
use crate::components::sent_forms::form_action;
use crate::domain::accounts::{LinkProblem, LinkPurpose, RESET_REQUESTED};
use crate::domain::Field;
use crate::error::set_status;
use crate::error::AppError;

/// The secret of the link that opened this page (`?jeton=…`).
fn secret() -> String {
    use_query_map().with_untracked(|q| q.get("jeton")).unwrap_or_default()
}

/// Whether the link of this page may serve `purpose`, read once on the server.
fn link_state(purpose: LinkPurpose) -> Resource<Result<(), AppError>> {
    let secret = secret();
    Resource::new(
        move || secret.clone(),
        move |secret| async move {
            if secret.trim().is_empty() {
                return Err(AppError::BadRequest(LinkProblem::Unknown.message(Some(purpose))));
            }
            check_account_link(secret, purpose.code().into()).await
        },
    )
}

/// A link that cannot serve: why, and what to do (status 400, not a server error).
#[component]
fn BrokenLink(error: AppError) -> impl IntoView {
    set_status(error.status());
    view! {
        <div class="message-page" role="alert">
            <h1>"Ce lien ne fonctionne pas"</h1>
            <p>{error.to_string()}</p>
            <p>
                <a class="button" href="/connexion">"Se connecter"</a>
                " "
                <a class="button button--secondary" href="/mot-de-passe-oublie">"Mot de passe oublié ?"</a>
            </p>
        </div>
    }
}

/// The page of a link of `purpose`: its form once the link is known to serve, or why not.
fn link_page(purpose: LinkPurpose, form: fn() -> AnyView) -> impl IntoView {
    let state = link_state(purpose);
    view! {
        <Suspense fallback=|| view! { <p class="account-page">"Chargement…"</p> }>
            {move || Suspend::new(async move {
                match state.await {
                    Ok(()) => form(),
                    Err(error) => view! { <BrokenLink error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// `/verifier-adresse?jeton=…`: confirms an address (a new account's, or a new one for an
/// account) and signs its account in.
#[component]
pub fn VerifyEmailPage() -> impl IntoView {
    view! {
        <Title text="Confirmer votre adresse – Carte Orientation 28"/>
        {link_page(LinkPurpose::VerifyEmail, || view! { <VerifyForm/> }.into_any())}
    }
}

#[component]
fn VerifyForm() -> impl IntoView {
    let (action, _) = form_action::<VerifyEmail>();
    go_to_on_success(action.value(), |next: &String| super::after_verification(next));
    let errors = FormErrors::of(action.value());
    view! {
        <div class="account-page">
            <h1>"Confirmer votre adresse"</h1>
            <p>"Un clic, et votre adresse est vérifiée : vous êtes connecté·e, et vos initiatives peuvent être soumises à la validation du club."</p>
            {errors.summary()}
            <ActionForm action>
                <input type="hidden" name="secret" value=secret()/>
                <button class="button" type="submit" disabled=move || action.pending().get()>"Confirmer mon adresse"</button>
            </ActionForm>
        </div>
    }
}

/// `/mot-de-passe-oublie`: asks for a link to choose a new password. The answer never tells
/// whether the address has an account.
#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let (action, _) = form_action::<RequestPasswordReset>();
    let errors = FormErrors::of(action.value());
    let sent = move || matches!(action.value().get(), Some(Ok(_)));
    view! {
        <Title text="Mot de passe oublié – Carte Orientation 28"/>
        <div class="account-page">
            <h1>"Mot de passe oublié"</h1>
            <p>"Indiquez l'adresse de votre compte : nous y enverrons un lien pour choisir un nouveau mot de passe."</p>
            <p class="form-success" role="status">{move || sent().then_some(RESET_REQUESTED)}</p>
            {errors.summary()}
            <ActionForm action {..} novalidate=true>
                <TextInput field=Field::Email label="Adresse e-mail" name="email" kind="email" autocomplete="email" required=true errors/>
                <button class="button" type="submit" disabled=move || action.pending().get()>"Recevoir le lien"</button>
            </ActionForm>
            <p><a href="/connexion">"Retour à la connexion"</a></p>
        </div>
    }
}

/// `/nouveau-mot-de-passe?jeton=…`: the new password; every other session of the account ends
/// and this browser is signed in.
#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    view! {
        <Title text="Nouveau mot de passe – Carte Orientation 28"/>
        {link_page(LinkPurpose::ResetPassword, || view! { <ResetForm/> }.into_any())}
    }
}

#[component]
fn ResetForm() -> impl IntoView {
    let (action, _) = form_action::<ResetPassword>();
    go_to_on_success(action.value(), |next: &String| super::after_password_reset(next));
    let errors = FormErrors::of(action.value());
    view! {
        <div class="account-page">
            <h1>"Choisir un nouveau mot de passe"</h1>
            <p>"Une fois enregistré, vous êtes connecté·e ici, et toutes vos autres sessions sont fermées."</p>
            {errors.summary()}
            <ActionForm action {..} novalidate=true>
                <input type="hidden" name="secret" value=secret()/>
                <NewPasswordField errors/>
                <button class="button" type="submit" disabled=move || action.pending().get()>"Enregistrer le mot de passe"</button>
            </ActionForm>
        </div>
    }
}
