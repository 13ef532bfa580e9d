//! `/proposer`: a citizen suggests an initiative without an account — the holders' form, an
//! optional address to answer to; animators review it before anything is public.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::server_fns::SuggestInitiative;
use super::Honeypot;
use crate::components::forms::{go_to_on_success, ContactEmail, FormErrors};
use crate::components::sent_forms::form_action;
use crate::components::ErrorNotice;
use crate::components::InitiativeFields;
use crate::holders::server_fns::form_choices;

/// `/proposer`.
#[component]
pub fn SuggestPage() -> impl IntoView {
    let choices = Resource::new(|| (), |_| form_choices());
    let query = use_query_map();
    let thanked = query.with_untracked(|q| q.get("merci").is_some());
    view! {
        <Title text="Proposer une initiative – Carte Orientation 28"/>
        <div class="holder-page">
            <h1>"Proposer une initiative"</h1>
            <p class="form-success" role="status">
                {thanked.then_some("Merci : votre proposition a été transmise aux animateurs du club. Elle apparaîtra sur la carte une fois vérifiée.")}
            </p>
            <p>
                "Vous connaissez une initiative d'orientation en Eure-et-Loir qui manque sur la carte ? Décrivez-la : "
                "un animateur du club la vérifiera avant de la publier. Vous portez cette initiative ? "
                <a href="/inscription">"Créez un compte"</a> " pour la tenir à jour vous-même."
            </p>
            <Suspense fallback=|| view! { <p>"Chargement du formulaire…"</p> }>
                {move || Suspend::new(async move {
                    match choices.await {
                        Ok(choices) => view! { <SuggestForm choices/> }.into_any(),
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn SuggestForm(choices: crate::domain::initiative_form::Choices) -> impl IntoView {
    let (action, typed) = form_action::<SuggestInitiative>();
    let (form, contact_email) = typed.map(|typed| (typed.form, typed.contact_email)).unwrap_or_default();
    go_to_on_success(action.value(), |_: &i64| "/proposer?merci=1".to_string());
    let errors = FormErrors::of(action.value());
    view! {
        {errors.summary()}
        <ActionForm action {..} novalidate=true class="initiative-form">
            <InitiativeFields choices form errors/>
            <fieldset class="initiative-form__group">
                <legend>"Vous"</legend>
                <ContactEmail
                    name="contact_email"
                    value=contact_email
                    hint="Pour qu'un animateur puisse vous poser une question sur votre proposition ; elle n'est jamais publiée."
                    errors
                />
            </fieldset>
            <Honeypot id="proposition-adresse-web"/>
            <div class="form-actions">
                <button class="button" type="submit" disabled=move || action.pending().get()>"Envoyer la proposition"</button>
            </div>
        </ActionForm>
    }
}
