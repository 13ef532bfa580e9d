//! `/connexion`, `/inscription` and `/compte`. Forms are plain labelled inputs: each error is
//! written beside its field and tied to it (`aria-describedby`), a summary is announced, and
//! what was typed stays in the form. Forms are `novalidate`: the browser's own bubbles would
//! stop a submission before our messages, written beside the fields, could say what to fix.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_query_map;

use super::server_fns::{ChangePassword, SignIn, SignOut, SignUp};
use crate::domain::accounts::MIN_PASSWORD_CHARS;
use crate::domain::club::{InvitationForm, InvitationWelcome};
use crate::domain::holding::french_time;
use crate::domain::{Account, Field};
use crate::error::AppError;
use crate::forms::{go_to_on_success, FormErrors, FormField};
use crate::layout::ErrorNotice;

/// Where to go once signed in: the `suite` of the URL when it is a path of this site, else the
/// account page (never another site: `//ailleurs.example` is refused).
fn next_path(suite: Option<String>) -> String {
    suite.filter(|path| path.starts_with('/') && !path.starts_with("//")).unwrap_or_else(|| "/compte".into())
}

fn password_hint() -> String {
    format!("{MIN_PASSWORD_CHARS} caractères au moins ; une phrase facile à retenir convient très bien.")
}

/// `/connexion`.
#[component]
pub fn SignInPage() -> impl IntoView {
    let action = ServerAction::<SignIn>::new();
    let value = action.value();
    let query = use_query_map();
    go_to_on_success(value, move |_| next_path(query.with_untracked(|q| q.get("suite"))));
    let errors = FormErrors::of(value);
    view! {
        <Title text="Connexion – Carte Orientation 28"/>
        <div class="account-page">
            <h1>"Connexion"</h1>
            <p>"Pour les porteurs d'initiatives et les animateurs du club."</p>
            {errors.summary()}
            <ActionForm action {..} novalidate=true>
                <FormField label="Adresse e-mail" name="email" kind="email" autocomplete="email" error=errors.field(Field::Email)/>
                <FormField label="Mot de passe" name="password" kind="password" autocomplete="current-password" error=errors.field(Field::Password)/>
                <button class="button" type="submit" disabled=move || action.pending().get()>"Se connecter"</button>
            </ActionForm>
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
                Some(secret) => Some(crate::club::server_fns::read_invitation(secret).await),
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
    let action = ServerAction::<SignUp>::new();
    let value = action.value();
    go_to_on_success(value, |_| "/compte".into());
    let errors = FormErrors::of(value);
    let (form, notice, secret) = match welcome {
        Some(Ok(welcome)) => {
            let notice = format!(
                "Vous êtes invité·e par {} à rejoindre le club. Vérifiez les informations, choisissez un mot de passe : ce lien sert une fois, jusqu'au {}.",
                welcome.invited_by,
                french_time(&welcome.expires_at)
            );
            (welcome.form, Some(view! { <p class="form-success">{notice}</p> }.into_any()), secret)
        }
        Some(Err(error)) => (Default::default(), Some(view! { <p class="holder-page__reason">{error.to_string()}</p> }.into_any()), String::new()),
        None => (Default::default(), None, String::new()),
    };
    let InvitationForm { organisation, contact_name, email } = form;
    view! {
        <div class="account-page">
            <h1>"Inscrire votre structure"</h1>
            <p>
                "Un compte permet de publier vos initiatives d'orientation sur la carte et de les tenir à jour. "
                "Rien n'est public avant la validation d'un animateur du club."
            </p>
            {notice}
            {errors.summary()}
            <ActionForm action {..} novalidate=true>
                {(!secret.is_empty()).then(|| view! { <input type="hidden" name="invitation" value=secret.clone()/> })}
                <FormField label="Structure" name="organisation" autocomplete="organization" value=organisation error=errors.field(Field::Organisation)/>
                <FormField label="Nom de la personne à contacter" name="contact_name" autocomplete="name" value=contact_name error=errors.field(Field::ContactName)/>
                <FormField label="Adresse e-mail" name="email" kind="email" autocomplete="email" value=email error=errors.field(Field::Email)/>
                <FormField
                    label="Mot de passe"
                    name="password"
                    kind="password"
                    autocomplete="new-password"
                    hint=password_hint()
                    error=errors.field(Field::Password)
                />
                <button class="button" type="submit" disabled=move || action.pending().get()>"Créer le compte"</button>
            </ActionForm>
            <p>"Déjà un compte ? " <a href="/connexion">"Se connecter"</a></p>
        </div>
    }
}

/// `/compte`: who is signed in, change of password, sign-out. Anonymous visitors are sent to
/// `/connexion`, and come back here after.
#[component]
pub fn AccountPage() -> impl IntoView {
    let account = Resource::new(|| (), |_| super::server_fns::current_account());
    view! {
        <Title text="Mon compte – Carte Orientation 28"/>
        <Suspense fallback=|| view! { <p class="account-page">"Chargement…"</p> }>
            {move || Suspend::new(async move {
                match account.await {
                    Ok(Some(account)) => view! { <AccountDetails account/> }.into_any(),
                    Ok(None) => view! { <Redirect path="/connexion?suite=/compte"/> }.into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn AccountDetails(account: Account) -> impl IntoView {
    let action = ServerAction::<ChangePassword>::new();
    let changed = action.value();
    let errors = FormErrors::of(changed);
    let sign_out = ServerAction::<SignOut>::new();
    let signed_out = sign_out.value();
    go_to_on_success(signed_out, |_| "/".into());
    view! {
        <div class="account-page">
            <h1>"Mon compte"</h1>
            <dl class="account-page__facts">
                <dt>"Structure"</dt>
                <dd>{account.organisation}</dd>
                <dt>"Contact"</dt>
                <dd>{account.contact_name}</dd>
                <dt>"Adresse e-mail"</dt>
                <dd>{account.email}</dd>
                <dt>"Rôle"</dt>
                <dd>{account.role.label()}</dd>
            </dl>
            <ActionForm action=sign_out>
                <button class="button button--secondary" type="submit">"Se déconnecter"</button>
            </ActionForm>

            <h2>"Changer de mot de passe"</h2>
            {errors.summary()}
            <p class="form-success" role="status">
                {move || matches!(changed.get(), Some(Ok(_))).then_some("Mot de passe changé.")}
            </p>
            <ActionForm action {..} novalidate=true>
                <FormField
                    label="Mot de passe actuel"
                    name="current_password"
                    kind="password"
                    autocomplete="current-password"
                    error=errors.field(Field::Password)
                />
                <FormField
                    label="Nouveau mot de passe"
                    name="new_password"
                    kind="password"
                    autocomplete="new-password"
                    hint=password_hint()
                    error=errors.field(Field::NewPassword)
                />
                <button class="button" type="submit" disabled=move || action.pending().get()>"Changer le mot de passe"</button>
            </ActionForm>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::next_path;

    #[test]
    fn after_sign_in_only_paths_of_this_site() {
        assert_eq!(next_path(Some("/mes-initiatives".into())), "/mes-initiatives");
        assert_eq!(next_path(Some("//ailleurs.example/piege".into())), "/compte");
        assert_eq!(next_path(Some("https://ailleurs.example".into())), "/compte");
        assert_eq!(next_path(None), "/compte");
    }
}
