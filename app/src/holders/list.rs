//! `/mes-initiatives`: a holder's initiatives, where each stands, and the way to a new one.

use leptos::prelude::*;
use leptos_meta::Title;

use leptos_router::hooks::use_query_map;

use super::server_fns::{my_initiatives, ConfirmInitiative};
use crate::claims::server_fns::my_claims;
use crate::components::forms::{go_to_on_success, FormErrors};
use crate::components::sent_forms::form_action;
use crate::components::{members_only, ToCheckBadge};
use crate::domain::claims::{Claim, ClaimDecision};
use crate::domain::holding::french_time;
use crate::domain::initiative::french_date;
use crate::domain::{HeldInitiative, Status};

/// `/mes-initiatives`; anonymous visitors are sent to `/connexion` and come back here.
#[component]
pub fn MyInitiativesPage() -> impl IntoView {
    let initiatives = Resource::new(|| (), |_| my_initiatives());
    let claims = Resource::new(|| (), |_| my_claims());
    view! {
        <Title text="Mes initiatives – Carte Orientation 28"/>
        <Suspense fallback=|| view! { <p class="holder-page">"Chargement…"</p> }>
            {move || Suspend::new(async move {
                let (initiatives, claims) = (initiatives.await, claims.await);
                let both = initiatives.and_then(|initiatives| Ok((initiatives, claims?)));
                members_only(both, "/mes-initiatives", |(initiatives, claims)| view! { <MyInitiatives initiatives claims/> }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn MyInitiatives(initiatives: Vec<HeldInitiative>, claims: Vec<Claim>) -> impl IntoView {
    let empty = initiatives.is_empty();
    let confirmed_now = use_query_map().with_untracked(|q| q.get("confirmee").is_some());
    let verified_now = use_query_map().with_untracked(|q| q.get("adresse").is_some_and(|a| a == "verifiee"));
    view! {
        <div class="holder-page">
            <h1>"Mes initiatives"</h1>
            <p class="form-success" role="status">
                {confirmed_now.then_some("Merci : l'initiative est confirmée à jour aujourd'hui.")}
                {verified_now.then_some("Votre adresse est vérifiée : vos initiatives peuvent être soumises à la validation du club.")}
            </p>
            <p>
                "Vos initiatives, et où chacune en est. Rien n'est public avant la validation d'un animateur du club ; "
                "une modification d'une initiative publiée attend elle aussi sa validation, et la carte montre la version publiée d'ici là."
            </p>
            <p class="holder-page__actions">
                <a class="button" href="/mes-initiatives/nouvelle">"Nouvelle initiative"</a>
                <a class="button button--secondary" href="/charte">"Charte d'immersion"</a>
            </p>
            {if empty {
                view! { <p class="muted">"Vous n'avez encore aucune initiative : créez la première."</p> }.into_any()
            } else {
                view! {
                    <table class="holder-table">
                        <caption class="sr-only">"Mes initiatives et leur statut"</caption>
                        <thead>
                            <tr>
                                <th scope="col">"Initiative"</th>
                                <th scope="col">"Statut"</th>
                                <th scope="col">"Confirmée à jour le"</th>
                                <th scope="col">"Dernier enregistrement"</th>
                            </tr>
                        </thead>
                        <tbody>
                            {initiatives.into_iter().map(|initiative| view! { <HeldRow initiative/> }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
            <MyClaims claims/>
        </div>
    }
}

/// The holder's claims (« C'est notre initiative »): waiting, accepted, or refused and why.
#[component]
fn MyClaims(claims: Vec<Claim>) -> impl IntoView {
    (!claims.is_empty()).then(|| {
        view! {
            <section aria-labelledby="mes-demandes">
                <h2 id="mes-demandes">"Mes demandes de rattachement"</h2>
                <table class="holder-table">
                    <caption class="sr-only">"Les initiatives que vous avez demandé à rattacher, et la réponse des animateurs"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Initiative"</th>
                            <th scope="col">"Demandée le"</th>
                            <th scope="col">"Réponse"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {claims.into_iter().map(|claim| view! {
                            <tr>
                                <th scope="row"><a href=claim.path.clone()>{claim.title.clone()}</a></th>
                                <td>{french_time(&claim.created_at)}</td>
                                <td>
                                    {match claim.decision {
                                        None => view! { <span class="status-tag status-tag--pending">"En attente"</span> }.into_any(),
                                        Some(ClaimDecision::Accepted) => view! {
                                            <span class="status-tag status-tag--published">"Acceptée"</span>
                                        }.into_any(),
                                        Some(ClaimDecision::Refused) => view! {
                                            <span class="status-tag status-tag--rejected">"Refusée"</span>
                                            <p class="holder-table__reason">{claim.reason.clone()}</p>
                                        }.into_any(),
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
fn HeldRow(initiative: HeldInitiative) -> impl IntoView {
    let status_class = format!("status-tag status-tag--{}", initiative.status.code());
    let confirmed = initiative
        .confirmed_at
        .as_deref()
        .and_then(|at| chrono::DateTime::parse_from_rfc3339(at).ok())
        .map(|at| french_date(at.date_naive()))
        .unwrap_or_else(|| "—".into());
    view! {
        <tr>
            <th scope="row">
                <a href=format!("/mes-initiatives/{}", initiative.id)>{initiative.title.clone()}</a>
                <span class="holder-table__meta">{format!("{} · {}", initiative.kind_label, initiative.commune_name)}</span>
            </th>
            <td>
                <span class=status_class>{initiative.status_text()}</span>
                {initiative.reason.clone().map(|reason| view! {
                    <p class="holder-table__reason">"Motif du refus : " {reason}</p>
                })}
                {initiative.public_path.clone().filter(|_| initiative.status == Status::Published).map(|path| view! {
                    <a class="holder-table__public" href=path>"Voir la page publique"</a>
                })}
            </td>
            <td>
                {confirmed}
                {initiative.to_check.then(|| view! { " " <ToCheckBadge/> })}
                {(initiative.status == Status::Published).then(|| view! { <ConfirmButton id=initiative.id title=initiative.title.clone()/> })}
            </td>
            <td>{french_time(&initiative.updated_at)}</td>
        </tr>
    }
}

/// « Toujours à jour » in one click: the published initiative is confirmed current today.
#[component]
pub(super) fn ConfirmButton(id: i64, title: String) -> impl IntoView {
    let (action, _) = form_action::<ConfirmInitiative>();
    go_to_on_success(action.value(), |_: &String| "/mes-initiatives?confirmee=1".to_string());
    let errors = FormErrors::of(action.value());
    view! {
        {errors.summary()}
        <ActionForm action>
            <input type="hidden" name="id" value=id/>
            <button class="button button--secondary button--small" type="submit" disabled=move || action.pending().get()>
                "Toujours à jour"
                <span class="sr-only">{format!(" : confirmer « {title} »")}</span>
            </button>
        </ActionForm>
    }
}
