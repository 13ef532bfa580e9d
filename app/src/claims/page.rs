//! `/initiatives/{id}/rattacher`: « C'est notre initiative ». A holder says what ties them to a
//! published initiative nobody holds; an animator of its area decides. The page says where the
//! account stands: may claim (with the reason of an earlier refusal), waiting, already theirs,
//! held by another, address to verify first, or not a holder's account.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::server_fns::{load_claim_page, ClaimInitiative};
use crate::components::forms::{described_by, field_id, invalid, FormErrors, Labelled};
use crate::components::members_only;
use crate::components::sent_forms::form_action;
use crate::domain::claims::{ClaimPage as Page, ClaimStanding};
use crate::domain::holding::french_time;
use crate::domain::initiative::id_from_path_segment;
use crate::domain::Field;
use crate::error::AppError;

const MESSAGE_HINT: &str = "Par exemple : « Nous organisons ce forum chaque année depuis 2019 ; je suis chargée de projet à la Mission Locale. » L'animateur du bassin lit ce message ; il n'est jamais publié.";

/// `/initiatives/{id}/rattacher`; anonymous visitors are sent to `/connexion` and come back.
#[component]
pub fn ClaimPage() -> impl IntoView {
    let params = use_params_map();
    let segment = move || params.read().get("id").unwrap_or_default();
    let (claim, typed) = form_action::<ClaimInitiative>();
    // Not read again after a claim is sent: the page stays as it is, its status saying the claim
    // was sent (read out: the status region was there before), the form gone.
    let page = Resource::new(
        move || id_from_path_segment(&segment()),
        |id| async move {
            match id {
                Some(id) => load_claim_page(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    let typed = typed.map(|typed| typed.message).unwrap_or_default();
    view! {
        <Title text="C'est notre initiative – Carte Orientation 28"/>
        <Suspense fallback=|| view! { <p class="holder-page">"Chargement…"</p> }>
            {move || {
                let typed = typed.clone();
                Suspend::new(async move {
                    let back = format!("/initiatives/{}/rattacher", segment());
                    members_only(page.await, &back, |page| view! { <ClaimView page claim typed/> }.into_any())
                })
            }}
        </Suspense>
    }
}

#[component]
fn ClaimView(page: Page, claim: ServerAction<ClaimInitiative>, typed: String) -> impl IntoView {
    let Page { initiative_id, title, path, organisation, area_name, standing } = page;
    let sent = move || claim.value().with(|v| matches!(v, Some(Ok(()))));
    view! {
        <div class="holder-page">
            <nav class="breadcrumb" aria-label="Fil d'Ariane">
                <a href="/">"La carte"</a>
                <span aria-hidden="true">" › "</span>
                <a href=path.clone()>{title.clone()}</a>
                <span aria-hidden="true">" › "</span>
                <span aria-current="page">"C'est notre initiative"</span>
            </nav>
            <h1>"C'est notre initiative"</h1>
            <p>
                "« " <a href=path.clone()>{title.clone()}</a> " », publiée au nom de "
                <strong>{organisation}</strong> {format!(", bassin de {area_name}.")}
            </p>
            <p class="form-success" role="status">
                {move || sent().then_some("Demande envoyée : un animateur du bassin vous répondra par courriel, et sa réponse s'affichera aussi dans « Mes initiatives ».")}
            </p>
            {match standing {
                ClaimStanding::MayClaim { refused } => view! {
                    <div hidden=sent>
                    <p>
                        "Personne ne tient cette initiative à jour sur la carte. Si votre structure la porte, demandez à la rattacher à votre compte : "
                        "un animateur du club du " {format!("bassin de {area_name}")} " vérifie votre demande, et une fois acceptée, "
                        "l'initiative rejoint « Mes initiatives » — vous pourrez la modifier, la confirmer à jour, et elle figurera sur la page publique de votre structure."
                    </p>
                    {refused.map(|refused| view! {
                        <div class="notice">
                            <p>{format!("Votre demande du {} a été refusée, pour ce motif :", french_time(&refused.created_at))}</p>
                            <blockquote class="prose">{refused.reason.unwrap_or_default()}</blockquote>
                            <p>"Vous pouvez envoyer une nouvelle demande qui y répond."</p>
                        </div>
                    })}
                    <ClaimForm id=initiative_id claim typed/>
                    </div>
                }.into_any(),
                ClaimStanding::Waiting(waiting) => view! {
                    <p class="notice">
                        {format!("Votre demande du {} attend la réponse d'un animateur du bassin de {area_name}.", french_time(&waiting.created_at))}
                    </p>
                    <p><a href="/mes-initiatives">"Mes initiatives et mes demandes"</a></p>
                }.into_any(),
                ClaimStanding::Yours => view! {
                    <p>"Cette initiative est déjà la vôtre."</p>
                    <p><a class="button" href=format!("/mes-initiatives/{initiative_id}")>"La mettre à jour"</a></p>
                }.into_any(),
                ClaimStanding::HeldByAnother => view! {
                    <p>
                        "Une autre structure tient déjà cette initiative à jour. Si c'est une erreur, dites-le aux animateurs du club : "
                        <a href=format!("{path}#signaler")>"signaler un problème sur cette initiative"</a> "."
                    </p>
                }.into_any(),
                ClaimStanding::Unverified => view! {
                    <p class="notice">
                        "Vérifiez d'abord votre adresse e-mail (le lien reçu par courriel, ou « Renvoyer le lien » sur "
                        <a href="/compte">"Mon compte"</a>
                        ") : une demande de rattachement confie une initiative publique à votre compte."
                    </p>
                }.into_any(),
                ClaimStanding::NotAHolder => view! {
                    <p>
                        "Seuls les comptes de porteurs d'initiatives demandent un rattachement ; les animateurs du bassin en décident dans leur "
                        <a href="/moderation">"file de modération"</a> "."
                    </p>
                }.into_any(),
            }}
        </div>
    }
}

/// The claim: what ties the holder to the initiative, for the animator who decides.
#[component]
fn ClaimForm(id: i64, claim: ServerAction<ClaimInitiative>, typed: String) -> impl IntoView {
    let errors = FormErrors::of(claim.value());
    let message_error = errors.field(Field::ClaimMessage);
    let message_id = field_id(Field::ClaimMessage);
    let action = claim;
    view! {
        {errors.summary()}
        <ActionForm action {..} novalidate=true>
            <input type="hidden" name="id" value=id/>
            <Labelled field=Field::ClaimMessage hint=Some(MESSAGE_HINT.into()) error=message_error>
                <textarea
                    id=message_id.clone()
                    name="message"
                    rows="4"
                    aria-invalid=invalid(message_error)
                    aria-describedby=described_by(&message_id, true, message_error)
                >{typed}</textarea>
            </Labelled>
            <button class="button" type="submit" disabled=move || action.pending().get()>
                "Envoyer la demande"
            </button>
        </ActionForm>
    }
}
