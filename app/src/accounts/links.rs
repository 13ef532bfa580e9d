//! The pages that links sent by mail open: `/verifier-adresse` (an address proven),
//! `/mot-de-passe-oublie` (asking for a link) and `/nouveau-mot-de-passe` (using it). A link
//! does nothing by being opened — mail scanners open links too — but by a button on its page;
//! a link that cannot serve says why on a page of its own, never a bare error.

use crate::wire::{wire_resource, WireResource};
use leptos::prelude::*;
use leptos_i18n::td_string;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::pages::{texts_resource, with_texts, AccountTexts, NewPasswordField};
use super::server_fns::{check_account_link, RequestPasswordReset, ResetPassword, VerifyEmail};
use crate::components::forms::{go_to_on_success, FormErrors, TextInput};
use crate::components::sent_forms::form_action;
use crate::domain::accounts::{LinkProblem, LinkPurpose};
use crate::domain::Field;
use crate::error::set_status;
use crate::error::AppError;
use crate::language::{error_message, href, localized, use_locale};

/// The secret of the link that opened this page (`?jeton=…`).
fn secret() -> String {
    use_query_map().with_untracked(|q| q.get("jeton")).unwrap_or_default()
}

/// Whether the link of this page may serve `purpose`, read once on the server.
fn link_state(purpose: LinkPurpose) -> WireResource<Result<(), AppError>> {
    let secret = secret();
    wire_resource(
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
fn BrokenLink(error: AppError, t: AccountTexts) -> impl IntoView {
    set_status(error.status());
    view! {
        <div class="message-page" role="alert">
            <h1>{t.broken_link}</h1>
            <p>{error_message(use_locale(), &error)}</p>
            <p>
                <a class="button" href=href("/connexion")>{t.sign_in_button}</a>
                " "
                <a class="button button--secondary" href=href("/mot-de-passe-oublie")>{t.forgotten}</a>
            </p>
        </div>
    }
}

/// The page of a link of `purpose`: its form once the link is known to serve, or why not.
fn link_page(purpose: LinkPurpose, form: fn(AccountTexts) -> AnyView) -> impl IntoView {
    let state = link_state(purpose);
    let texts = texts_resource();
    view! {
        <Suspense fallback=|| view! { <p class="account-page">{td_string!(use_locale(), site.loading)}</p> }>
            {move || Suspend::new(async move {
                match (state.await, texts.await) {
                    (_, Err(error)) => view! { <crate::components::ErrorNotice error/> }.into_any(),
                    (Ok(()), Ok(t)) => form(t),
                    (Err(error), Ok(t)) => view! { <BrokenLink error t/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// `/verifier-adresse?jeton=…`: confirms an address (a new account's, or a new one for an
/// account) and signs its account in.
#[component]
pub fn VerifyEmailPage() -> impl IntoView {
    let locale = use_locale();
    view! {
        <Title text=td_string!(locale, accounts.verify_title)/>
        {link_page(LinkPurpose::VerifyEmail, |t| view! { <VerifyForm t/> }.into_any())}
    }
}

#[component]
fn VerifyForm(t: AccountTexts) -> impl IntoView {
    let locale = use_locale();
    let (action, _) = form_action::<VerifyEmail>();
    go_to_on_success(action.value(), move |next: &String| localized(locale, &super::after_verification(next)));
    let errors = FormErrors::of(action.value());
    view! {
        <div class="account-page">
            <h1>{t.verify}</h1>
            <p>{t.verify_text}</p>
            {errors.summary()}
            <ActionForm action>
                <input type="hidden" name="secret" value=secret()/>
                <button class="button" type="submit" disabled=move || action.pending().get()>{t.verify_button}</button>
            </ActionForm>
        </div>
    }
}

/// `/mot-de-passe-oublie`: asks for a link to choose a new password. The answer never tells
/// whether the address has an account.
#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let locale = use_locale();
    let texts = texts_resource();
    view! {
        <Title text=td_string!(locale, accounts.forgot_title)/>
        {with_texts(texts, |t| view! { <ForgotForm t/> })}
    }
}

#[component]
fn ForgotForm(t: AccountTexts) -> impl IntoView {
    let (action, _) = form_action::<RequestPasswordReset>();
    let errors = FormErrors::of(action.value());
    let sent = move || matches!(action.value().get(), Some(Ok(_)));
    let requested = t.reset_requested.clone();
    view! {
        <div class="account-page">
            <h1>{t.forgot}</h1>
            <p>{t.forgot_intro}</p>
            <p class="form-success" role="status">{move || sent().then(|| requested.clone())}</p>
            {errors.summary()}
            <ActionForm action {..} novalidate=true>
                <TextInput field=Field::Email label=t.email name="email" kind="email" autocomplete="email" required=true errors/>
                <button class="button" type="submit" disabled=move || action.pending().get()>{t.receive_link}</button>
            </ActionForm>
            <p><a href=href("/connexion")>{t.back_to_sign_in}</a></p>
        </div>
    }
}

/// `/nouveau-mot-de-passe?jeton=…`: the new password; every other session of the account ends
/// and this browser is signed in.
#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let locale = use_locale();
    view! {
        <Title text=td_string!(locale, accounts.reset_title)/>
        {link_page(LinkPurpose::ResetPassword, |t| view! { <ResetForm t/> }.into_any())}
    }
}

#[component]
fn ResetForm(t: AccountTexts) -> impl IntoView {
    let locale = use_locale();
    let (action, _) = form_action::<ResetPassword>();
    go_to_on_success(action.value(), move |next: &String| localized(locale, &super::after_password_reset(next)));
    let errors = FormErrors::of(action.value());
    view! {
        <div class="account-page">
            <h1>{t.reset}</h1>
            <p>{t.reset_text}</p>
            {errors.summary()}
            <ActionForm action {..} novalidate=true>
                <input type="hidden" name="secret" value=secret()/>
                <NewPasswordField label=t.new_password hint=t.password_hint errors/>
                <button class="button" type="submit" disabled=move || action.pending().get()>{t.save_password}</button>
            </ActionForm>
        </div>
    }
}
