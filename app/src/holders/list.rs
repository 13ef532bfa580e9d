//! `/mes-initiatives`: a holder's initiatives, where each stands, and the way to a new one. In
//! both languages: its words (`HolderTexts`) come with its data; the holders' own words
//! (titles, refusal reasons) stay as written, marked French.

use crate::wire::wire_resource;
use leptos::prelude::*;
use leptos_i18n::td_string;
use leptos_meta::Title;

use leptos_router::hooks::use_query_map;

use super::server_fns::{my_initiatives, ConfirmInitiative};
use super::{texts_resource, HolderTexts};
use crate::claims::server_fns::my_claims;
use crate::components::forms::{go_to_on_success, FormErrors};
use crate::components::sent_forms::form_action;
use crate::components::{members_only, ToCheckBadge};
use crate::domain::claims::{refusal_reason, Claim, ClaimDecision};
use crate::domain::{HeldInitiative, Status};
use crate::language::{date, href, kind_label, localized, moment, use_locale, Locale};

/// `/mes-initiatives`; anonymous visitors are sent to `/connexion` and come back here.
#[component]
pub fn MyInitiativesPage() -> impl IntoView {
    let locale = use_locale();
    let initiatives = wire_resource(|| (), |_| my_initiatives());
    let claims = wire_resource(|| (), |_| my_claims());
    let texts = texts_resource();
    view! {
        <Suspense fallback=move || view! { <p class="holder-page">{td_string!(locale, site.loading)}</p> }>
            {move || Suspend::new(async move {
                let (initiatives, claims, texts) = (initiatives.await, claims.await, texts.await);
                let all = initiatives.and_then(|initiatives| Ok((initiatives, claims?, texts?)));
                members_only(all, "/mes-initiatives", |(initiatives, claims, t)| view! {
                    <Title text=t.list_title.clone()/>
                    <MyInitiatives initiatives claims t/>
                }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn MyInitiatives(initiatives: Vec<HeldInitiative>, claims: Vec<Claim>, t: HolderTexts) -> impl IntoView {
    let empty = initiatives.is_empty();
    let confirmed_now = use_query_map().with_untracked(|q| q.get("confirmee").is_some());
    let verified_now = use_query_map().with_untracked(|q| q.get("adresse").is_some_and(|a| a == "verifiee"));
    view! {
        <div class="holder-page">
            <h1>{t.my_initiatives.clone()}</h1>
            <p class="form-success" role="status">
                {confirmed_now.then(|| t.confirmed_now.clone())}
                {verified_now.then(|| t.verified_now.clone())}
            </p>
            <p>{t.intro.clone()}</p>
            <p class="holder-page__actions">
                <a class="button" href=href("/mes-initiatives/nouvelle")>{t.new_initiative.clone()}</a>
                <a class="button button--secondary" href=href("/charte")>{t.charter.clone()}</a>
            </p>
            {if empty {
                view! { <p class="muted">{t.none_yet.clone()}</p> }.into_any()
            } else {
                view! {
                    <table class="holder-table">
                        <caption class="sr-only">{t.table_caption.clone()}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{t.initiative_column.clone()}</th>
                                <th scope="col">{t.status_column.clone()}</th>
                                <th scope="col">{t.confirmed_column.clone()}</th>
                                <th scope="col">{t.saved_column.clone()}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {initiatives.into_iter().map(|initiative| view! { <HeldRow initiative t=t.clone()/> }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
            <MyClaims claims t=t.clone()/>
        </div>
    }
}

/// The holder's claims (« C'est notre initiative »): waiting, accepted, or refused and why.
#[component]
fn MyClaims(claims: Vec<Claim>, t: HolderTexts) -> impl IntoView {
    let locale = t.locale;
    let english = locale == Locale::en;
    (!claims.is_empty()).then(|| {
        view! {
            <section aria-labelledby="mes-demandes">
                <h2 id="mes-demandes">{t.my_claims.clone()}</h2>
                <table class="holder-table">
                    <caption class="sr-only">{t.claims_caption.clone()}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t.initiative_column.clone()}</th>
                            <th scope="col">{t.requested_column.clone()}</th>
                            <th scope="col">{t.answer_column.clone()}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {claims.into_iter().map(|claim| view! {
                            <tr>
                                <th scope="row"><a href=href(&claim.path) lang="fr">{claim.title.clone()}</a></th>
                                <td>{moment(locale, &claim.created_at)}</td>
                                <td>
                                    {match claim.decision {
                                        None => view! {
                                            <span class="status-tag status-tag--pending">{t.waiting.clone()}</span>
                                        }.into_any(),
                                        Some(ClaimDecision::Accepted) => view! {
                                            <span class="status-tag status-tag--published">{t.accepted.clone()}</span>
                                        }.into_any(),
                                        Some(ClaimDecision::Refused) => {
                                            let reason = claim.reason.clone().unwrap_or_default();
                                            let (reason, lang) = refusal_reason(&reason, english);
                                            let reason = reason.to_string();
                                            view! {
                                                <span class="status-tag status-tag--rejected">{t.refused.clone()}</span>
                                                <p class="holder-table__reason" lang=lang>{reason}</p>
                                            }.into_any()
                                        }
                                    }}
                                </td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </section>
        }
    })
}

#[component]
fn HeldRow(initiative: HeldInitiative, t: HolderTexts) -> impl IntoView {
    let locale = t.locale;
    let english = locale == Locale::en;
    let status_class = format!("status-tag status-tag--{}", initiative.status.code());
    let confirmed = initiative
        .confirmed_at
        .as_deref()
        .and_then(|at| chrono::DateTime::parse_from_rfc3339(at).ok())
        .map(|at| date(locale, at.date_naive()))
        .unwrap_or_else(|| "—".into());
    let published = initiative.status == Status::Published;
    view! {
        <tr>
            <th scope="row">
                <a href=href(&format!("/mes-initiatives/{}", initiative.id)) lang="fr">{initiative.title.clone()}</a>
                <span class="holder-table__meta">
                    {kind_label(locale, &initiative.kind_label, &initiative.kind_label_en)}
                    " · "
                    <span translate="no">{initiative.commune_name.clone()}</span>
                </span>
            </th>
            <td>
                <span class=status_class>{initiative.status_text(english)}</span>
                {initiative.reason.clone().map(|reason| view! {
                    <p class="holder-table__reason">{t.refusal_reason.clone()} <span lang="fr">{reason}</span></p>
                })}
                {initiative.public_path.clone().filter(|_| published).map(|path| view! {
                    <a class="holder-table__public" href=href(&path)>{t.public_page.clone()}</a>
                })}
            </td>
            <td>
                {confirmed}
                {initiative.to_check.then(|| view! { " " <ToCheckBadge/> })}
                {published.then(|| view! { <ConfirmButton id=initiative.id title=initiative.title.clone() t=t.clone()/> })}
            </td>
            <td>{moment(locale, &initiative.updated_at)}</td>
        </tr>
    }
}

/// « Toujours à jour » in one click: the published initiative is confirmed current today.
#[component]
pub(super) fn ConfirmButton(id: i64, title: String, t: HolderTexts) -> impl IntoView {
    let locale = t.locale;
    let (action, _) = form_action::<ConfirmInitiative>();
    go_to_on_success(action.value(), move |_: &String| localized(locale, "/mes-initiatives?confirmee=1"));
    let errors = FormErrors::of(action.value());
    view! {
        {errors.summary()}
        <ActionForm action>
            <input type="hidden" name="id" value=id/>
            <button class="button button--secondary button--small" type="submit" disabled=move || action.pending().get()>
                {t.still_current.clone()}
                <span class="sr-only">{format!("{}{title}{}", t.confirm_before, t.confirm_after)}</span>
            </button>
        </ActionForm>
    }
}
