//! `/initiatives/{id}/rattacher`: « C'est notre initiative ». A holder says what ties them to a
//! published initiative nobody holds; an animator of its area decides. The page says where the
//! account stands: may claim (with the reason of an earlier refusal), waiting, already theirs,
//! held by another, address to verify first, or not a holder's account. In both languages (it
//! is reached from an initiative's page): its words come with its data (`ClaimTexts`).

use crate::wire::wire_resource;
use leptos::prelude::*;
use leptos_i18n::td_string;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::server_fns::{load_claim_page, ClaimInitiative};
use crate::components::forms::{described_by, field_id, invalid, FormErrors, Labelled};
use crate::components::members_only;
use crate::components::sent_forms::form_action;
use crate::domain::claims::{ClaimPage as Page, ClaimStanding};
use crate::domain::initiative::id_from_path_segment;
use crate::domain::Field;
use crate::error::AppError;
use crate::language::{href, moment, server_texts, use_locale};

server_texts! {
    /// The claim page's words.
    pub struct ClaimTexts {
        heading => claims.heading,
        the_map => claims.the_map,
        breadcrumb => claims.breadcrumb,
        quote_open => claims.quote_open,
        published_as => claims.published_as,
        in_area => claims.in_area,
        sent => claims.sent,
        may_claim => claims.may_claim,
        may_claim_after => claims.may_claim_after,
        your_request_of => claims.your_request_of,
        was_refused => claims.was_refused,
        send_again => claims.send_again,
        waits => claims.waits,
        my_claims => claims.my_claims,
        yours => claims.yours,
        update => claims.update,
        held_by_another => claims.held_by_another,
        report => claims.report,
        unverified => claims.unverified,
        my_account => claims.my_account,
        unverified_after => claims.unverified_after,
        not_a_holder => claims.not_a_holder,
        moderation_queue => claims.moderation_queue,
        message => claims.message,
        message_hint => claims.message_hint,
        send => claims.send,
    }
}

/// `/initiatives/{id}/rattacher`; anonymous visitors are sent to `/connexion` and come back.
#[component]
pub fn ClaimPage() -> impl IntoView {
    let params = use_params_map();
    let segment = move || params.read().get("id").unwrap_or_default();
    let (claim, typed) = form_action::<ClaimInitiative>();
    // Not read again after a claim is sent: the page stays as it is, its status saying the claim
    // was sent (read out: the status region was there before), the form gone.
    let locale = use_locale();
    let page = wire_resource(
        move || id_from_path_segment(&segment()),
        move |id| async move {
            match id {
                Some(id) => load_claim_page(id, locale).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    let typed = typed.map(|typed| typed.message).unwrap_or_default();
    view! {
        <Title text=td_string!(locale, claims.title)/>
        <Suspense fallback=move || view! { <p class="holder-page">{td_string!(locale, site.loading)}</p> }>
            {move || {
                let typed = typed.clone();
                Suspend::new(async move {
                    let back = format!("/initiatives/{}/rattacher", segment());
                    members_only(page.await, &back, |(page, t)| view! { <ClaimView page t claim typed/> }.into_any())
                })
            }}
        </Suspense>
    }
}

#[component]
fn ClaimView(page: Page, t: ClaimTexts, claim: ServerAction<ClaimInitiative>, typed: String) -> impl IntoView {
    let locale = t.locale;
    let Page { initiative_id, title, path, organisation, area_name, standing } = page;
    let path = href(&path);
    let sent = move || claim.value().with(|v| matches!(v, Some(Ok(()))));
    let sent_text = t.sent.clone();
    view! {
        <div class="holder-page">
            <nav class="breadcrumb" aria-label=t.breadcrumb.clone()>
                <a href=href("/")>{t.the_map.clone()}</a>
                <span aria-hidden="true">" › "</span>
                <a href=path.clone() lang="fr" translate="no">{title.clone()}</a>
                <span aria-hidden="true">" › "</span>
                <span aria-current="page">{t.heading.clone()}</span>
            </nav>
            <h1>{t.heading.clone()}</h1>
            <p>
                {t.quote_open.clone()} <a href=path.clone() lang="fr" translate="no">{title.clone()}</a> {t.published_as.clone()}
                <strong translate="no">{organisation}</strong> {format!("{}{area_name}.", t.in_area)}
            </p>
            <p class="form-success" role="status">{move || sent().then(|| sent_text.clone())}</p>
            {match standing {
                ClaimStanding::MayClaim { refused } => view! {
                    <div hidden=sent>
                    <p>{format!("{}{area_name}{}", t.may_claim, t.may_claim_after)}</p>
                    {refused.map(|refused| view! {
                        <div class="notice">
                            <p>{format!("{}{}{}", t.your_request_of, moment(locale, &refused.created_at), t.was_refused)}</p>
                            <blockquote class="prose" lang="fr">{refused.reason.unwrap_or_default()}</blockquote>
                            <p>{t.send_again.clone()}</p>
                        </div>
                    })}
                    <ClaimForm id=initiative_id claim typed t=t.clone()/>
                    </div>
                }.into_any(),
                ClaimStanding::Waiting(waiting) => view! {
                    <p class="notice">
                        {format!("{}{}{}{area_name}.", t.your_request_of, moment(locale, &waiting.created_at), t.waits)}
                    </p>
                    <p><a href=href("/mes-initiatives")>{t.my_claims.clone()}</a></p>
                }.into_any(),
                ClaimStanding::Yours => view! {
                    <p>{t.yours.clone()}</p>
                    <p><a class="button" href=href(&format!("/mes-initiatives/{initiative_id}"))>{t.update.clone()}</a></p>
                }.into_any(),
                ClaimStanding::HeldByAnother => view! {
                    <p>
                        {t.held_by_another.clone()}
                        <a href=format!("{path}#signaler")>{t.report.clone()}</a> "."
                    </p>
                }.into_any(),
                ClaimStanding::Unverified => view! {
                    <p class="notice">
                        {t.unverified.clone()}
                        <a href=href("/compte")>{t.my_account.clone()}</a>
                        {t.unverified_after.clone()}
                    </p>
                }.into_any(),
                ClaimStanding::NotAHolder => view! {
                    <p>
                        {t.not_a_holder.clone()}
                        <a href=href("/moderation")>{t.moderation_queue.clone()}</a> "."
                    </p>
                }.into_any(),
            }}
        </div>
    }
}

/// The claim: what ties the holder to the initiative, for the animator who decides.
#[component]
fn ClaimForm(id: i64, claim: ServerAction<ClaimInitiative>, typed: String, t: ClaimTexts) -> impl IntoView {
    let errors = FormErrors::of(claim.value());
    let message_error = errors.field(Field::ClaimMessage);
    let message_id = field_id(Field::ClaimMessage);
    let action = claim;
    view! {
        {errors.summary()}
        <ActionForm action {..} novalidate=true>
            <input type="hidden" name="id" value=id/>
            <Labelled field=Field::ClaimMessage label=t.message hint=Some(t.message_hint) error=message_error>
                <textarea
                    id=message_id.clone()
                    name="message"
                    rows="4"
                    aria-invalid=invalid(message_error)
                    aria-describedby=described_by(&message_id, true, message_error)
                >{typed}</textarea>
            </Labelled>
            <button class="button" type="submit" disabled=move || action.pending().get()>{t.send}</button>
        </ActionForm>
    }
}
