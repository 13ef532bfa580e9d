//! `/compte/supprimer`: a person deletes their account. For each published initiative they
//! choose to hand it over to the club (it stays on the map, held by nobody, moderated as
//! before) or to archive it; their password confirms. `/compte/supprime` says it is done.

use leptos::prelude::*;
use leptos_meta::Title;

use super::server_fns::{load_account_settings, DeleteAccount};
use crate::components::forms::{described_by, field_id, go_to_on_success, invalid, FormErrors, Labelled};
use crate::components::members_only;
use crate::components::sent_forms::form_action;
use crate::domain::accounts::{AccountSettings, AfterDeletion};
use crate::domain::{Field, Role};

/// `/compte/supprimer`.
#[component]
pub fn DeleteAccountPage() -> impl IntoView {
    let settings = Resource::new(|| (), |_| load_account_settings());
    view! {
        <Title text="Supprimer mon compte – Carte Orientation 28"/>
        <Suspense fallback=|| view! { <p class="account-page">"Chargement…"</p> }>
            {move || Suspend::new(async move {
                members_only(settings.await, "/compte/supprimer", |settings| view! { <DeletionForm settings/> }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn DeletionForm(settings: AccountSettings) -> impl IntoView {
    let (action, _) = form_action::<DeleteAccount>();
    let locale = crate::language::use_locale();
    go_to_on_success(action.value(), move |_| crate::language::localized(locale, super::AFTER_DELETION));
    let errors = FormErrors::of(action.value());
    if settings.account.role == Role::Admin {
        return view! {
            <div class="account-page">
                <h1>"Supprimer mon compte"</h1>
                <p class="notice">"Un compte administrateur ne se supprime pas ici : un autre administrateur doit d'abord prendre le relais."</p>
            </div>
        }
        .into_any();
    }
    let published = settings.published;
    view! {
        <div class="account-page">
            <h1>"Supprimer mon compte"</h1>
            <p>"La suppression est définitive. Ce qui disparaît : votre compte, votre adresse, votre nom, vos brouillons et les initiatives jamais publiées, vos signatures de la charte."</p>
            <p>"Ce qui reste : les initiatives publiées que vous confiez au club (sans votre nom), l'historique de leurs versions (sans votre nom), et dans le journal des animateurs, le fait qu'un compte a été supprimé."</p>
            <p><a href="/api/mes-donnees" download="mes-donnees-carte-orientation-28.json">"Télécharger d'abord mes données"</a></p>
            {errors.summary()}
            <ActionForm action {..} novalidate=true>
                {published.into_iter().map(|(id, title)| view! { <Choice id title/> }).collect_view()}
                <Password errors/>
                <button class="button button--danger" type="submit" disabled=move || action.pending().get()>
                    "Supprimer définitivement mon compte"
                </button>
            </ActionForm>
            <p><a href="/compte">"Annuler et revenir à mon compte"</a></p>
        </div>
    }
    .into_any()
}

/// The password that confirms (named `deletion[password]`, labelled like every password field).
#[component]
fn Password(errors: FormErrors) -> impl IntoView {
    let error = errors.field(Field::Password);
    let id = field_id(Field::Password);
    view! {
        <Labelled field=Field::Password label="Votre mot de passe (pour confirmer)" error>
            <input
                id=id.clone()
                name="deletion[password]"
                type="password"
                autocomplete="current-password"
                aria-invalid=invalid(error)
                aria-describedby=described_by(&id, false, error)
            />
        </Labelled>
    }
}

/// What becomes of one published initiative: no default, the person decides.
#[component]
fn Choice(id: i64, title: String) -> impl IntoView {
    let name = format!("deletion[choices][{id}]");
    view! {
        <fieldset class="form-field">
            <legend>{format!("« {title} », publiée")}</legend>
            <label>
                <input type="radio" name=name.clone() value=AfterDeletion::HandOver.code()/>
                " La confier au club : elle reste sur la carte, sans mon nom"
            </label>
            <label>
                <input type="radio" name=name value=AfterDeletion::Archive.code()/>
                " L'archiver : elle disparaît de la carte"
            </label>
        </fieldset>
    }
}

/// `/compte/supprime`: the account is gone.
#[component]
pub fn AccountDeletedPage() -> impl IntoView {
    view! {
        <Title text="Compte supprimé – Carte Orientation 28"/>
        <div class="message-page" role="status">
            <h1>"Votre compte est supprimé"</h1>
            <p>"Merci d'avoir fait vivre la carte. Les initiatives que vous avez confiées au club restent visibles, sans votre nom."</p>
            <p><a class="button" href="/">"Retour à la carte"</a></p>
        </div>
    }
}
