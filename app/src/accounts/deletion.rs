//! `/compte/supprimer`: a person deletes their account. For each published initiative they
//! choose to hand it over to the club (it stays on the map, held by nobody, moderated as
//! before) or to archive it; their password confirms. `/compte/supprime` says it is done.
//!
//! In both languages: their words are `/compte`'s (`SettingsTexts`), sent by the server with
//! the page.

use crate::wire::wire_resource;
use leptos::prelude::*;
use leptos_i18n::td_string;
use leptos_meta::Title;

use super::account_page::SettingsTexts;
use super::server_fns::{settings_texts, DeleteAccount};
use crate::components::forms::{described_by, field_id, go_to_on_success, invalid, FormErrors, Labelled};
use crate::components::sent_forms::form_action;
use crate::components::{members_only, ErrorNotice};
use crate::domain::accounts::{AccountSettings, AfterDeletion};
use crate::domain::{Field, Role};
use crate::language::{href, localized, use_locale};

/// `/compte/supprimer`.
#[component]
pub fn DeleteAccountPage() -> impl IntoView {
    let locale = use_locale();
    let settings = super::account_page::settings_resource();
    view! {
        <Suspense fallback=move || view! { <p class="account-page">{td_string!(locale, site.loading)}</p> }>
            {move || Suspend::new(async move {
                members_only(settings.await, "/compte/supprimer", |(settings, t)| view! { <DeletionForm settings t/> }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn DeletionForm(settings: AccountSettings, t: SettingsTexts) -> impl IntoView {
    let (action, _) = form_action::<DeleteAccount>();
    let locale = use_locale();
    go_to_on_success(action.value(), move |_| localized(locale, super::AFTER_DELETION));
    let errors = FormErrors::of(action.value());
    if settings.account.role == Role::Admin {
        return view! {
            <Title text=t.delete_title/>
            <div class="account-page">
                <h1>{t.delete_heading}</h1>
                <p class="notice">{t.admin_cannot_delete}</p>
            </div>
        }
        .into_any();
    }
    let published = settings.published;
    let SettingsTexts {
        delete_title,
        delete_heading,
        what_goes,
        what_stays,
        download_first,
        published_before,
        published_after,
        hand_over,
        archive,
        confirm_password,
        delete_for_good,
        cancel,
        ..
    } = t;
    let back = href("/compte");
    view! {
        <Title text=delete_title/>
        <div class="account-page">
            <h1>{delete_heading}</h1>
            <p>{what_goes}</p>
            <p>{what_stays}</p>
            <p><a href="/api/mes-donnees" download="mes-donnees-carte-orientation-28.json">{download_first}</a></p>
            {errors.summary()}
            <ActionForm action {..} novalidate=true>
                {published
                    .into_iter()
                    .map(|(id, title)| {
                        let legend = format!("{published_before}{title}{published_after}");
                        view! { <Choice id legend hand_over=hand_over.clone() archive=archive.clone()/> }
                    })
                    .collect_view()}
                <Password label=confirm_password errors/>
                <button class="button button--danger" type="submit" disabled=move || action.pending().get()>
                    {delete_for_good}
                </button>
            </ActionForm>
            <p><a href=back>{cancel}</a></p>
        </div>
    }
    .into_any()
}

/// The password that confirms (named `deletion[password]`, labelled like every password field).
#[component]
fn Password(label: String, errors: FormErrors) -> impl IntoView {
    let error = errors.field(Field::Password);
    let id = field_id(Field::Password);
    view! {
        <Labelled field=Field::Password label error>
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

/// What becomes of one published initiative (`legend`: its title, published): no default, the
/// person decides.
#[component]
fn Choice(id: i64, legend: String, hand_over: String, archive: String) -> impl IntoView {
    let name = format!("deletion[choices][{id}]");
    view! {
        <fieldset class="form-field">
            <legend>{legend}</legend>
            <label>
                <input type="radio" name=name.clone() value=AfterDeletion::HandOver.code()/>
                {hand_over}
            </label>
            <label>
                <input type="radio" name=name value=AfterDeletion::Archive.code()/>
                {archive}
            </label>
        </fieldset>
    }
}

/// `/compte/supprime`: the account is gone.
#[component]
pub fn AccountDeletedPage() -> impl IntoView {
    let locale = use_locale();
    let texts = wire_resource(|| (), move |_| settings_texts(locale));
    let home = href("/");
    view! {
        <Suspense fallback=move || view! { <p class="message-page">{td_string!(locale, site.loading)}</p> }>
            {move || {
                let home = home.clone();
                Suspend::new(async move {
                    match texts.await {
                        Ok(t) => view! {
                            <Title text=t.deleted_title/>
                            <div class="message-page" role="status">
                                <h1>{t.deleted_heading}</h1>
                                <p>{t.deleted_text}</p>
                                <p><a class="button" href=home>{t.back_to_map}</a></p>
                            </div>
                        }
                        .into_any(),
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}
