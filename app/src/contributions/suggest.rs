//! `/proposer`: a citizen suggests an initiative without an account — the holders' form, an
//! optional address to answer to; animators review it before anything is public. In both
//! languages: the page's own words are compiled in, the form's come with its choices.

use crate::wire::wire_resource;
use leptos::prelude::*;
use leptos_i18n::td_string;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::server_fns::SuggestInitiative;
use super::Honeypot;
use crate::components::forms::{go_to_on_success, ContactEmail, FormErrors};
use crate::components::initiative_fields::FormTexts;
use crate::components::sent_forms::form_action;
use crate::components::ErrorNotice;
use crate::components::InitiativeFields;
use crate::domain::initiative_form::Choices;
use crate::holders::server_fns::form_choices;
use crate::language::{href, localized, use_locale};

/// `/proposer`.
#[component]
pub fn SuggestPage() -> impl IntoView {
    let locale = use_locale();
    let choices = wire_resource(|| (), move |_| form_choices(locale));
    let query = use_query_map();
    let thanked = query.with_untracked(|q| q.get("merci").is_some());
    view! {
        <Title text=td_string!(locale, suggest.title)/>
        <div class="holder-page">
            <h1>{td_string!(locale, suggest.heading)}</h1>
            <p class="form-success" role="status">{thanked.then_some(td_string!(locale, suggest.thanks))}</p>
            <p>
                {td_string!(locale, suggest.intro)}
                <a href=href("/inscription")>{td_string!(locale, suggest.sign_up)}</a>
                {td_string!(locale, suggest.sign_up_after)}
            </p>
            <Suspense fallback=move || view! { <p>{td_string!(locale, suggest.loading)}</p> }>
                {move || Suspend::new(async move {
                    match choices.await {
                        Ok((choices, texts)) => view! { <SuggestForm choices texts/> }.into_any(),
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn SuggestForm(choices: Choices, texts: FormTexts) -> impl IntoView {
    let locale = use_locale();
    let (action, typed) = form_action::<SuggestInitiative>();
    let (form, contact_email) = typed.map(|typed| (typed.form, typed.contact_email)).unwrap_or_default();
    go_to_on_success(action.value(), move |_: &i64| localized(locale, "/proposer?merci=1"));
    let errors = FormErrors::of(action.value());
    view! {
        {errors.summary()}
        <ActionForm action {..} novalidate=true class="initiative-form">
            <InitiativeFields choices texts form errors/>
            <fieldset class="initiative-form__group">
                <legend>{td_string!(locale, suggest.you)}</legend>
                <ContactEmail
                    name="contact_email"
                    label=td_string!(locale, report.email)
                    value=contact_email
                    hint=td_string!(locale, suggest.email_hint)
                    errors
                />
            </fieldset>
            <Honeypot id="proposition-adresse-web"/>
            <div class="form-actions">
                <button class="button" type="submit" disabled=move || action.pending().get()>
                    {td_string!(locale, suggest.send)}
                </button>
            </div>
        </ActionForm>
    }
}
