//! `/connexion` and `/inscription` (`/compte` is in `account_page.rs`). Forms are plain labelled inputs: each error is
//! written beside its field and tied to it (`aria-describedby`), a summary is announced, and
//! what was typed stays in the form. Forms are `novalidate`: the browser's own bubbles would
//! stop a submission before our messages, written beside the fields, could say what to fix.
//!
//! In both languages: the account pages' words (`AccountTexts`) come from the server with the
//! page, only the documents' titles are compiled in (citizens never download the rest).

use crate::wire::{wire_resource, WireResource};
use leptos::prelude::*;
use leptos_i18n::td_string;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::server_fns::{account_texts, SignIn, SignUp};
use crate::components::forms::{go_to_on_success, go_to_when, FormErrors, TextInput};
use crate::components::sent_forms::form_action;
use crate::components::ErrorNotice;
use crate::domain::accounts::SignUpOutcome;
use crate::domain::club::{InvitationForm, InvitationWelcome};
use crate::domain::{Field, Role};
use crate::error::AppError;
use crate::language::{href, localized, server_texts, use_locale, Locale};

server_texts! {
    /// The words of the account pages (sign-in, sign-up, the pages of mailed links).
    pub struct AccountTexts {
        sign_in => accounts.sign_in,
        signed_out_everywhere => accounts.signed_out_everywhere,
        sign_in_for => accounts.sign_in_for,
        email => accounts.email,
        password => accounts.password,
        sign_in_button => accounts.sign_in_button,
        forgotten => accounts.forgotten,
        no_account => accounts.no_account,
        sign_up => accounts.sign_up,
        sign_up_intro => accounts.sign_up_intro,
        invited_by => accounts.invited_by,
        to_animate => accounts.to_animate,
        to_join => accounts.to_join,
        invitation_until => accounts.invitation_until,
        organisation => accounts.organisation,
        contact_name => accounts.contact_name,
        password_hint => accounts.password_hint,
        create => accounts.create,
        check_mailbox => accounts.check_mailbox,
        link_signs_in => accounts.link_signs_in,
        already => accounts.already,
        broken_link => accounts.broken_link,
        verify => accounts.verify,
        verify_text => accounts.verify_text,
        verify_button => accounts.verify_button,
        forgot => accounts.forgot,
        forgot_intro => accounts.forgot_intro,
        reset_requested => accounts.reset_requested,
        receive_link => accounts.receive_link,
        back_to_sign_in => accounts.back_to_sign_in,
        reset => accounts.reset,
        reset_text => accounts.reset_text,
        new_password => accounts.new_password,
        save_password => accounts.save_password,
    }
}

/// The page's texts, loaded with it (on the server for the first page; a small request when
/// the page is reached from another one).
pub(super) fn texts_resource() -> WireResource<Result<AccountTexts, AppError>> {
    let locale = use_locale();
    wire_resource(|| (), move |_| account_texts(locale))
}

/// The page `body` once its texts are there (the loading words are compiled in).
pub(super) fn with_texts<V: IntoView + 'static>(
    texts: WireResource<Result<AccountTexts, AppError>>,
    body: impl Fn(AccountTexts) -> V + Send + Sync + Clone + 'static,
) -> impl IntoView {
    view! {
        <Suspense fallback=|| view! { <p class="account-page">{td_string!(use_locale(), site.loading)}</p> }>
            {move || {
                let body = body.clone();
                Suspend::new(async move {
                    match texts.await {
                        Ok(texts) => body(texts).into_any(),
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

/// Where to go once signed in: the `suite` of the URL when it is a path of this site, else the
/// account page (never another site, whatever the encoding: `same_site_path`), in the page's
/// language.
fn next_path(locale: Locale, suite: Option<String>) -> String {
    let next = suite.as_deref().and_then(crate::domain::accounts::same_site_path).unwrap_or_else(|| "/compte".into());
    localized(locale, &next)
}

/// « Nouveau mot de passe » with its hint and error (`/compte`, and the page of a reset link).
#[component]
pub(super) fn NewPasswordField(label: String, hint: String, errors: FormErrors) -> impl IntoView {
    view! {
        <TextInput
            field=Field::NewPassword
            label
            name="new_password"
            kind="password"
            autocomplete="new-password"
            hint
            required=true
            errors
        />
    }
}

/// `/connexion`.
#[component]
pub fn SignInPage() -> impl IntoView {
    let locale = use_locale();
    let texts = texts_resource();
    view! {
        <Title text=td_string!(locale, accounts.sign_in_title)/>
        {with_texts(texts, |t| view! { <SignInForm t/> })}
    }
}

#[component]
fn SignInForm(t: AccountTexts) -> impl IntoView {
    let locale = use_locale();
    let (action, typed) = form_action::<SignIn>();
    let value = action.value();
    let email = typed.map(|typed| typed.email).unwrap_or_default();
    let query = use_query_map();
    go_to_on_success(value, move |_| next_path(locale, query.with_untracked(|q| q.get("suite"))));
    let errors = FormErrors::of(value);
    let everywhere = query.with_untracked(|q| q.get("deconnecte").is_some_and(|d| d == "partout"));
    view! {
        <div class="account-page">
            <h1>{t.sign_in}</h1>
            <p class="form-success" role="status">{everywhere.then_some(t.signed_out_everywhere)}</p>
            <p>{t.sign_in_for}</p>
            {errors.summary()}
            <ActionForm action {..} novalidate=true>
                <TextInput field=Field::Email label=t.email name="email" kind="email" autocomplete="email" value=email required=true errors/>
                <TextInput field=Field::Password label=t.password name="password" kind="password" autocomplete="current-password" required=true errors/>
                <button class="button" type="submit" disabled=move || action.pending().get()>{t.sign_in_button}</button>
            </ActionForm>
            <p><a href=href("/mot-de-passe-oublie")>{t.forgotten}</a></p>
            <p>{t.no_account} <a href=href("/inscription")>{t.sign_up}</a></p>
        </div>
    }
}

/// `/inscription`: a holder account for an organisation; `?invitation=…` (a link an animator
/// made) fills the form for the invited organisation.
#[component]
pub fn SignUpPage() -> impl IntoView {
    let query = use_query_map();
    let secret = query.with_untracked(|q| q.get("invitation")).filter(|s| !s.trim().is_empty());
    let welcome = wire_resource(
        move || secret.clone(),
        |secret| async move {
            match secret {
                Some(secret) => Some(super::server_fns::read_invitation(secret).await),
                None => None,
            }
        },
    );
    let secret = query.with_untracked(|q| q.get("invitation")).unwrap_or_default();
    let locale = use_locale();
    let texts = texts_resource();
    view! {
        <Title text=td_string!(locale, accounts.sign_up_title)/>
        <Suspense fallback=move || view! { <p class="account-page">{td_string!(locale, site.loading)}</p> }>
            {move || {
                let secret = secret.clone();
                Suspend::new(async move {
                    match (welcome.await, texts.await) {
                        (welcome, Ok(t)) => view! { <SignUpForm welcome secret t/> }.into_any(),
                        (_, Err(error)) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn SignUpForm(welcome: Option<Result<InvitationWelcome, AppError>>, secret: String, t: AccountTexts) -> impl IntoView {
    let locale = use_locale();
    let (action, typed) = form_action::<SignUp>();
    let value = action.value();
    // Signed in at once only when an animator's invitation mailed to this address proves it.
    go_to_when(value, move |outcome| match outcome {
        SignUpOutcome::SignedIn { next } => Some(localized(locale, next)),
        SignUpOutcome::CheckMailbox => None,
    });
    let mailbox = move || matches!(value.get(), Some(Ok(SignUpOutcome::CheckMailbox)));
    let errors = FormErrors::of(value);
    let (form, notice, secret) = match welcome {
        Some(Ok(welcome)) => {
            let role = match welcome.role {
                Role::Animator => format!("{}{})", t.to_animate, welcome.areas.join(", ")),
                _ => t.to_join.clone(),
            };
            let until = crate::language::moment(locale, &welcome.expires_at);
            let notice = format!("{}{} {role}{}{until}.", t.invited_by, welcome.invited_by, t.invitation_until);
            (welcome.form, Some(view! { <p class="form-success">{notice}</p> }.into_any()), secret)
        }
        Some(Err(error)) => (
            Default::default(),
            Some(
                view! { <p class="holder-page__reason">{crate::language::error_message(locale, &error)}</p> }
                    .into_any(),
            ),
            String::new(),
        ),
        None => (Default::default(), None, String::new()),
    };
    // What was typed, when the form sent without JavaScript was refused, over the invitation's.
    let InvitationForm { organisation, contact_name, email } = match typed {
        Some(typed) => {
            InvitationForm { organisation: typed.organisation, contact_name: typed.contact_name, email: typed.email }
        }
        None => form,
    };
    let (check_mailbox, link_signs_in) = (t.check_mailbox.clone(), t.link_signs_in.clone());
    view! {
        <div class="account-page">
            <h1>{t.sign_up}</h1>
            <p>{t.sign_up_intro}</p>
            {notice}
            <div class="form-success" role="status">
                {move || mailbox().then(|| view! {
                    <p>{check_mailbox.clone()}</p>
                    <p>{link_signs_in.clone()}</p>
                })}
            </div>
            {errors.summary()}
            // Once sent, the form gives way to the message: the same answer for every address.
            <div hidden=mailbox>
            <ActionForm action {..} novalidate=true>
                {(!secret.is_empty()).then(|| view! { <input type="hidden" name="invitation" value=secret.clone()/> })}
                <TextInput field=Field::Organisation label=t.organisation name="organisation" autocomplete="organization" value=organisation required=true errors/>
                <TextInput field=Field::ContactName label=t.contact_name name="contact_name" autocomplete="name" value=contact_name required=true errors/>
                <TextInput field=Field::Email label=t.email name="email" kind="email" autocomplete="email" value=email required=true errors/>
                <TextInput
                    field=Field::Password
                    label=t.password
                    name="password"
                    kind="password"
                    autocomplete="new-password"
                    hint=t.password_hint
                    required=true
                    errors
                />
                <button class="button" type="submit" disabled=move || action.pending().get()>{t.create}</button>
            </ActionForm>
            </div>
            <p>{t.already} <a href=href("/connexion")>{t.sign_in_button}</a></p>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::next_path;

    use crate::language::Locale;

    #[test]
    fn the_password_hint_says_the_real_minimum() {
        use crate::domain::accounts::MIN_PASSWORD_CHARS;
        let (fr, en) = (super::AccountTexts::new(Locale::fr), super::AccountTexts::new(Locale::en));
        assert!(fr.password_hint.starts_with(&format!("{MIN_PASSWORD_CHARS} caractères")));
        assert!(en.password_hint.starts_with(&format!("{MIN_PASSWORD_CHARS} characters")));
    }

    #[test]
    fn after_sign_in_only_paths_of_this_site_in_the_pages_language() {
        assert_eq!(next_path(Locale::fr, Some("/mes-initiatives".into())), "/mes-initiatives");
        assert_eq!(next_path(Locale::en, Some("/mes-initiatives".into())), "/en/mes-initiatives");
        assert_eq!(next_path(Locale::en, Some("/en/mes-initiatives".into())), "/en/mes-initiatives");
        assert_eq!(next_path(Locale::fr, Some("//ailleurs.example/piege".into())), "/compte");
        assert_eq!(next_path(Locale::fr, Some("https://ailleurs.example".into())), "/compte");
        // Taking the English prefix off never leaves `//`, another site to a browser.
        assert_eq!(next_path(Locale::fr, Some("/en//ailleurs.example".into())), "/en//ailleurs.example");
        assert_eq!(next_path(Locale::fr, Some("/..//ailleurs.example".into())), "/compte");
        assert_eq!(next_path(Locale::en, None), "/en/compte");
    }
}
