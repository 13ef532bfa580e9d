//! `/connexion` and `/inscription` (`/compte` is in `account_page.rs`). Forms are plain labelled inputs: each error is
//! written beside its field and tied to it (`aria-describedby`), a summary is announced, and
//! what was typed stays in the form. Forms are `novalidate`: the browser's own bubbles would
//! stop a submission before our messages, written beside the fields, could say what to fix.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::server_fns::{SignIn, SignUp};
use crate::components::forms::{go_to_on_success, go_to_when, FormErrors, TextInput};
use crate::components::sent_forms::form_action;
use crate::domain::accounts::{SignUpOutcome, CHECK_MAILBOX};
use crate::domain::club::{InvitationForm, InvitationWelcome};
use crate::domain::holding::french_time;
use crate::domain::{Field, Role};
use crate::error::AppError;

/// Where to go once signed in: the `suite` of the URL when it is a path of this site, else the
/// account page (never another site, whatever the encoding: `same_site_path`).
fn next_path(suite: Option<String>) -> String {
    suite.as_deref().and_then(crate::domain::accounts::same_site_path).unwrap_or_else(|| "/compte".into())
}

/// What a new password must be: `MIN_PASSWORD_CHARS` characters (a test checks the figure).
const PASSWORD_HINT: &str = "12 caractères au moins ; une phrase facile à retenir convient très bien.";

/// « Nouveau mot de passe » with its hint and error (`/compte`, and the page of a reset link).
#[component]
pub(super) fn NewPasswordField(errors: FormErrors) -> impl IntoView {
    view! {
        <TextInput
            field=Field::NewPassword
            label="Nouveau mot de passe"
            name="new_password"
            kind="password"
            autocomplete="new-password"
            hint=PASSWORD_HINT
            required=true
            errors
        />
    }
}

/// `/connexion`.
#[component]
pub fn SignInPage() -> impl IntoView {
    let (action, typed) = form_action::<SignIn>();
    let value = action.value();
    let email = typed.map(|typed| typed.email).unwrap_or_default();
    let query = use_query_map();
    go_to_on_success(value, move |_| next_path(query.with_untracked(|q| q.get("suite"))));
    let errors = FormErrors::of(value);
    let everywhere = query.with_untracked(|q| q.get("deconnecte").is_some_and(|d| d == "partout"));
    view! {
        <Title text="Connexion – Carte Orientation 28"/>
        <div class="account-page">
            <h1>"Connexion"</h1>
            <p class="form-success" role="status">
                {everywhere.then_some("Vous êtes déconnecté·e de tous vos appareils.")}
            </p>
            <p>"Pour les porteurs d'initiatives et les animateurs du club."</p>
            {errors.summary()}
            <ActionForm action {..} novalidate=true>
                <TextInput field=Field::Email label="Adresse e-mail" name="email" kind="email" autocomplete="email" value=email required=true errors/>
                <TextInput field=Field::Password label="Mot de passe" name="password" kind="password" autocomplete="current-password" required=true errors/>
                <button class="button" type="submit" disabled=move || action.pending().get()>"Se connecter"</button>
            </ActionForm>
            <p><a href="/mot-de-passe-oublie">"Mot de passe oublié ?"</a></p>
            <p>"Pas encore de compte ? " <a href="/inscription">"Inscrire votre structure"</a></p>
        </div>
    }
}

/// `/inscription`: a holder account for an organisation; `?invitation=…` (a link an animator
/// made) fills the form for the invited organisation.
#[component]
pub fn SignUpPage() -> impl IntoView {
    let query = use_query_map();
    let secret = query.with_untracked(|q| q.get("invitation")).filter(|s| !s.trim().is_empty());
    let welcome = Resource::new(
        move || secret.clone(),
        |secret| async move {
            match secret {
                Some(secret) => Some(super::server_fns::read_invitation(secret).await),
                None => None,
            }
        },
    );
    let secret = query.with_untracked(|q| q.get("invitation")).unwrap_or_default();
    view! {
        <Title text="Inscription – Carte Orientation 28"/>
        <Suspense fallback=|| view! { <p class="account-page">"Chargement…"</p> }>
            {move || {
                let secret = secret.clone();
                Suspend::new(async move {
                    let welcome = welcome.await;
                    view! { <SignUpForm welcome secret/> }
                })
            }}
        </Suspense>
    }
}

#[component]
fn SignUpForm(welcome: Option<Result<InvitationWelcome, AppError>>, secret: String) -> impl IntoView {
    let (action, typed) = form_action::<SignUp>();
    let value = action.value();
    // Signed in at once only when an animator's invitation mailed to this address proves it.
    go_to_when(value, |outcome| match outcome {
        SignUpOutcome::SignedIn { next } => Some(next.clone()),
        SignUpOutcome::CheckMailbox => None,
    });
    let mailbox = move || matches!(value.get(), Some(Ok(SignUpOutcome::CheckMailbox)));
    let errors = FormErrors::of(value);
    let (form, notice, secret) = match welcome {
        Some(Ok(welcome)) => {
            let role = match welcome.role {
                Role::Animator => format!("à animer le club (bassins : {})", welcome.areas.join(", ")),
                _ => "à rejoindre le club".to_string(),
            };
            let notice = format!(
                "Vous êtes invité·e par {} {role}. Vérifiez les informations, choisissez un mot de passe : ce lien sert une fois, jusqu'au {}.",
                welcome.invited_by,
                french_time(&welcome.expires_at)
            );
            (welcome.form, Some(view! { <p class="form-success">{notice}</p> }.into_any()), secret)
        }
        Some(Err(error)) => (
            Default::default(),
            Some(view! { <p class="holder-page__reason">{error.to_string()}</p> }.into_any()),
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
    view! {
        <div class="account-page">
            <h1>"Inscrire votre structure"</h1>
            <p>
                "Un compte permet de publier vos initiatives d'orientation sur la carte et de les tenir à jour. "
                "Rien n'est public avant la validation d'un animateur du club."
            </p>
            {notice}
            <div class="form-success" role="status">
                {move || mailbox().then(|| view! {
                    <p>{CHECK_MAILBOX}</p>
                    <p>"Le lien vous connecte. Vous pourrez ensuite écrire vos initiatives et les soumettre à la validation du club."</p>
                })}
            </div>
            {errors.summary()}
            // Once sent, the form gives way to the message: the same answer for every address.
            <div hidden=mailbox>
            <ActionForm action {..} novalidate=true>
                {(!secret.is_empty()).then(|| view! { <input type="hidden" name="invitation" value=secret.clone()/> })}
                <TextInput field=Field::Organisation label="Structure" name="organisation" autocomplete="organization" value=organisation required=true errors/>
                <TextInput field=Field::ContactName label="Nom de la personne à contacter" name="contact_name" autocomplete="name" value=contact_name required=true errors/>
                <TextInput field=Field::Email label="Adresse e-mail" name="email" kind="email" autocomplete="email" value=email required=true errors/>
                <TextInput
                    field=Field::Password
                    label="Mot de passe"
                    name="password"
                    kind="password"
                    autocomplete="new-password"
                    hint=PASSWORD_HINT
                    required=true
                    errors
                />
                <button class="button" type="submit" disabled=move || action.pending().get()>"Créer le compte"</button>
            </ActionForm>
            </div>
            <p>"Déjà un compte ? " <a href="/connexion">"Se connecter"</a></p>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::next_path;

    #[test]
    fn the_password_hint_says_the_real_minimum() {
        use crate::domain::accounts::MIN_PASSWORD_CHARS;
        assert!(super::PASSWORD_HINT.starts_with(&format!("{MIN_PASSWORD_CHARS} caractères")));
    }

    #[test]
    fn after_sign_in_only_paths_of_this_site() {
        assert_eq!(next_path(Some("/mes-initiatives".into())), "/mes-initiatives");
        assert_eq!(next_path(Some("//ailleurs.example/piege".into())), "/compte");
        assert_eq!(next_path(Some("https://ailleurs.example".into())), "/compte");
        assert_eq!(next_path(None), "/compte");
    }
}
