//! `/moderation/initiatives/{id}`: one initiative as its moderators decide on it — the revision
//! waiting, field by field against the published version; approving, refusing with a reason;
//! its reports; its history, each earlier revision restorable.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::after_decision;

use super::server_fns::{
    moderation_case, AcceptClaim, ApproveRevision, RefuseClaim, RejectRevision, ResolveReport, RestoreRevision,
};
use crate::components::forms::{described_by, field_id, go_to_on_success, invalid, FormErrors, Labelled};
use crate::components::sent_forms::{form_action, form_action_where};
use crate::components::{members_only, History};
use crate::domain::claims::Claim;
use crate::domain::contributions::Report;
use crate::domain::holding::french_time;
use crate::domain::moderation::{Case, FieldChange, PendingRevision};
use crate::domain::Field;
use crate::error::AppError;

/// Where a decision leads, in the document's language (as the server's, without script).
fn after_decision_here() -> impl Fn(&super::server_fns::Decided) -> String + 'static {
    let locale = crate::language::use_locale();
    move |decided| crate::language::localized(locale, &after_decision(decided))
}

const REASON_HINT: &str =
    "Le porteur lira ce motif : dites-lui ce qu'il doit changer pour que l'initiative soit publiée.";

/// What the last decision did, said once on the page it led to.
fn done_message(code: Option<String>) -> Option<&'static str> {
    match code?.as_str() {
        "publiee" => Some("Version publiée : les cartes ouvertes la montrent dès maintenant."),
        "refusee" => Some("Refus enregistré : le porteur lit votre motif dans « Mes initiatives »."),
        "restauree" => {
            Some("Version restaurée : elle est désormais la version courante ; les autres restent dans l'historique.")
        }
        "resolu" => Some("Signalement marqué comme résolu."),
        "rattachement-accepte" => Some(
            "Demande acceptée : l'initiative est désormais celle de cette structure, prévenue par courriel (les autres demandes ouvertes sont refusées).",
        ),
        "rattachement-refuse" => Some("Refus enregistré : la structure lit votre motif dans « Mes initiatives »."),
        _ => None,
    }
}

/// `/moderation/initiatives/{id}`.
#[component]
pub fn ModerationCasePage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|id| id.parse::<i64>().ok());
    let case = Resource::new(id, |id| async move {
        match id {
            Some(id) => moderation_case(id).await,
            None => Err(AppError::NotFound),
        }
    });
    view! {
        <Title text="Modération d'une initiative – Carte Orientation 28"/>
        <Suspense fallback=|| view! { <p class="holder-page">"Chargement…"</p> }>
            {move || Suspend::new(async move {
                let back = format!("/moderation/initiatives/{}", id().unwrap_or_default());
                members_only(case.await, &back, |case| view! { <CaseView case/> }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn CaseView(case: Case) -> impl IntoView {
    let query = use_query_map();
    let done = done_message(query.with_untracked(|q| q.get("fait")));
    let Case {
        id,
        title,
        status,
        area_name,
        holder,
        suggested_by,
        pending,
        latest,
        public_path,
        reports,
        claims,
        history,
        ..
    } = case;
    let from = match (holder, suggested_by) {
        (Some(holder), _) => format!("Porteur : {holder}"),
        (None, Some(Some(email))) => format!("Suggestion citoyenne — contact : {email}"),
        (None, Some(None)) => "Suggestion citoyenne, sans adresse de contact".to_string(),
        (None, None) => "Initiative importée, sans porteur".to_string(),
    };
    let restore = RestoreButtons { id, latest };
    view! {
        <div class="holder-page">
            <nav class="breadcrumb" aria-label="Fil d'Ariane">
                <a href="/moderation">"Modération"</a>
                <span aria-hidden="true">" › "</span>
                <span aria-current="page">{title.clone()}</span>
            </nav>
            <h1>{title}</h1>
            <p class="form-success" role="status">{done}</p>
            <p>
                "Statut : " <strong class=format!("status-tag status-tag--{}", status.code())>{status.label()}</strong>
                " · Bassin de " {area_name}
                {public_path.map(|path| view! { " · " <a href=path>"Voir la page publique"</a> })}
            </p>
            <p>{from}</p>
            {match pending {
                Some(pending) => view! { <Decision id pending/> }.into_any(),
                None => view! { <p class="muted">"Rien n'attend de validation pour cette initiative."</p> }.into_any(),
            }}
            <Reports reports/>
            <Claims claims/>
            <History history row_action=Callback::new(move |number: i64| restore.button(number))/>
        </div>
    }
}

/// The revision waiting: what it changes, and the two decisions.
#[component]
fn Decision(id: i64, pending: PendingRevision) -> impl IntoView {
    let (approve, _) = form_action::<ApproveRevision>();
    go_to_on_success(approve.value(), after_decision_here());
    let approve_errors = FormErrors::of(approve.value());
    let is_edit = pending.changes.iter().any(|c| c.before.is_some());
    let number = pending.number;
    view! {
        <section aria-labelledby="a-valider">
            <h2 id="a-valider">{format!("Version {number} à valider")}</h2>
            <p>{format!("Envoyée par {} le {}.", pending.author, french_time(&pending.created_at))}</p>
            <Changes changes=pending.changes is_edit/>
            <div class="moderation-decision">
                <div>
                    {approve_errors.summary()}
                    <ActionForm action=approve>
                        <input type="hidden" name="id" value=id/>
                        <input type="hidden" name="number" value=number/>
                        <button class="button" type="submit" disabled=move || approve.pending().get()>
                            "Valider et publier"
                        </button>
                    </ActionForm>
                </div>
                <RejectForm id number/>
            </div>
        </section>
    }
}

/// Refusing revision `number`, with the reason the holder will read.
#[component]
fn RejectForm(id: i64, number: i64) -> impl IntoView {
    let (action, typed) = form_action::<RejectRevision>();
    let reason = typed.map(|typed| typed.reason).unwrap_or_default();
    go_to_on_success(action.value(), after_decision_here());
    let errors = FormErrors::of(action.value());
    let reason_error = errors.field(Field::Reason);
    let reason_id = field_id(Field::Reason);
    view! {
        <div>
            {errors.summary()}
            <ActionForm action {..} novalidate=true>
                <input type="hidden" name="id" value=id/>
                <input type="hidden" name="number" value=number/>
                <Labelled field=Field::Reason hint=Some(REASON_HINT.into()) error=reason_error>
                    <textarea
                        id=reason_id.clone()
                        name="reason"
                        rows="3"
                        aria-invalid=invalid(reason_error)
                        aria-describedby=described_by(&reason_id, true, reason_error)
                    >{reason}</textarea>
                </Labelled>
                <button class="button button--secondary" type="submit" disabled=move || action.pending().get()>
                    "Refuser avec ce motif"
                </button>
            </ActionForm>
        </div>
    }
}

/// The fields to read: published and proposed values side by side for an edit, every value of a
/// new initiative.
#[component]
fn Changes(changes: Vec<FieldChange>, is_edit: bool) -> impl IntoView {
    if changes.is_empty() {
        return view! { <p class="muted">"Cette version ne change aucun champ de la version publiée."</p> }.into_any();
    }
    view! {
        <table class="holder-table moderation-diff">
            <caption>{if is_edit { "Champs modifiés par rapport à la version publiée" } else { "Contenu proposé" }}</caption>
            <thead>
                <tr>
                    <th scope="col">"Champ"</th>
                    {is_edit.then(|| view! { <th scope="col">"Version publiée"</th> })}
                    <th scope="col">{if is_edit { "Version proposée" } else { "Valeur" }}</th>
                </tr>
            </thead>
            <tbody>
                {changes.into_iter().map(|change| view! {
                    <tr>
                        <th scope="row">{change.field.label()}</th>
                        {change.before.map(|before| view! { <td class="moderation-diff__before">{before}</td> })}
                        <td class="moderation-diff__after">{change.after}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

/// The reports on this initiative: open ones can be marked resolved.
#[component]
fn Reports(reports: Vec<Report>) -> impl IntoView {
    (!reports.is_empty()).then(|| {
        view! {
            <section aria-labelledby="signalements">
                <h2 id="signalements">"Signalements"</h2>
                <ul class="moderation-reports">
                    {reports.into_iter().map(|report| view! { <ReportItem report/> }).collect_view()}
                </ul>
            </section>
        }
    })
}

#[component]
fn ReportItem(report: Report) -> impl IntoView {
    let (resolve, typed) = form_action_where(|sent: &ResolveReport| sent.report == report.id);
    let resolution = typed.map(|typed| typed.resolution).unwrap_or_default();
    go_to_on_success(resolve.value(), after_decision_here());
    let errors = FormErrors::of(resolve.value());
    let field_id = format!("compte-rendu-{}", report.id);
    view! {
        <li class="moderation-report">
            <p>
                <strong>{report.reason.label()}</strong>
                {format!(" — signalé le {}", french_time(&report.created_at))}
                {report.contact_email.clone().map(|email| view! { " · contact : " <a href=format!("mailto:{email}")>{email.clone()}</a> })}
            </p>
            {(!report.comment.is_empty()).then(|| view! { <p class="prose">{report.comment.clone()}</p> })}
            {match report.resolved.clone() {
                Some((at, by, what)) => view! {
                    <p class="muted">
                        {format!("Résolu le {} par {}", french_time(&at), by)}
                        {(!what.is_empty()).then(|| format!(" : {what}"))}
                    </p>
                }.into_any(),
                None => view! {
                    {errors.summary()}
                    <ActionForm action=resolve>
                        <input type="hidden" name="report" value=report.id/>
                        <div class="form-field">
                            <label for=field_id.clone()>"Ce qui a été fait (facultatif)"</label>
                            <input id=field_id name="resolution" autocomplete="off" value=resolution/>
                        </div>
                        <button class="button button--secondary" type="submit" disabled=move || resolve.pending().get()>
                            "Marquer comme résolu"
                        </button>
                    </ActionForm>
                }.into_any(),
            }}
        </li>
    }
}

/// Holders' claims on this initiative (« C'est notre initiative »): open ones can be accepted,
/// or refused with a reason the holder reads.
#[component]
fn Claims(claims: Vec<Claim>) -> impl IntoView {
    (!claims.is_empty()).then(|| {
        view! {
            <section aria-labelledby="demandes-de-rattachement">
                <h2 id="demandes-de-rattachement">"Demandes de rattachement"</h2>
                <p class="muted">
                    "Une structure dit porter cette initiative, que personne ne tient à jour. Acceptée, la demande lui confie l'initiative : "
                    "elle pourra la modifier (chaque modification passe par la modération) et l'initiative figurera sur sa page publique."
                </p>
                <ul class="moderation-reports">
                    {claims.into_iter().map(|claim| view! { <ClaimItem claim/> }).collect_view()}
                </ul>
            </section>
        }
    })
}

#[component]
fn ClaimItem(claim: Claim) -> impl IntoView {
    let (accept, _) = form_action_where(|sent: &AcceptClaim| sent.claim == claim.id);
    go_to_on_success(accept.value(), after_decision_here());
    let accept_errors = FormErrors::of(accept.value());
    let (action, typed) = form_action_where(|sent: &RefuseClaim| sent.claim == claim.id);
    go_to_on_success(action.value(), after_decision_here());
    let refuse_errors = FormErrors::of(action.value());
    let reason = typed.map(|typed| typed.reason).unwrap_or_default();
    let reason_error = refuse_errors.field(Field::Reason);
    let reason_id = format!("motif-rattachement-{}", claim.id);
    // Several claims may wait on one page: each control names whose claim it decides.
    let accept_whose = format!(" ({})", claim.claimant);
    let refuse_whose = accept_whose.clone();
    let of_whose = format!(" de la demande de {}", claim.claimant);
    view! {
        <li class="moderation-report">
            <p>
                <strong>{claim.claimant.clone()}</strong>
                {format!(" — demande du {}", french_time(&claim.created_at))}
            </p>
            <p class="prose">{claim.message.clone()}</p>
            {match claim.decision {
                Some(decision) => view! {
                    <p class="muted">
                        {format!("Demande {} le {}", decision.label(), french_time(&claim.decided_at.clone().unwrap_or_default()))}
                        {claim.reason.clone().map(|reason| format!(" : {reason}"))}
                    </p>
                }.into_any(),
                None => view! {
                    <div class="moderation-decision">
                        <div>
                            {accept_errors.summary()}
                            <ActionForm action=accept>
                                <input type="hidden" name="claim" value=claim.id/>
                                <button class="button" type="submit" disabled=move || accept.pending().get()>
                                    "Accepter : lui confier l'initiative"
                                    <span class="sr-only">{accept_whose.clone()}</span>
                                </button>
                            </ActionForm>
                        </div>
                        <div>
                            {refuse_errors.summary()}
                            <ActionForm action {..} novalidate=true>
                                <input type="hidden" name="claim" value=claim.id/>
                                <div class="form-field">
                                    <label for=reason_id.clone()>
                                        "Motif du refus"
                                        <span class="sr-only">{of_whose.clone()}</span>
                                    </label>
                                    <p class="form-field__hint" id=format!("{reason_id}-aide")>
                                        "La structure lira ce motif : dites-lui pourquoi, et ce qui permettrait d'accepter."
                                    </p>
                                    <textarea
                                        id=reason_id.clone()
                                        name="reason"
                                        rows="3"
                                        aria-invalid=invalid(reason_error)
                                        aria-describedby=described_by(&reason_id, true, reason_error)
                                    >{reason}</textarea>
                                    <p class="form-field__error" id=format!("{reason_id}-erreur")>{move || reason_error.get()}</p>
                                </div>
                                <button class="button button--secondary" type="submit" disabled=move || action.pending().get()>
                                    "Refuser avec ce motif"
                                    <span class="sr-only">{refuse_whose.clone()}</span>
                                </button>
                            </ActionForm>
                        </div>
                    </div>
                }.into_any(),
            }}
        </li>
    }
}

/// « Restaurer la version N » for every revision but the latest.
#[derive(Clone, Copy)]
struct RestoreButtons {
    id: i64,
    latest: i64,
}

impl RestoreButtons {
    fn button(self, number: i64) -> AnyView {
        if number == self.latest {
            return view! { <span class="muted">"Version courante"</span> }.into_any();
        }
        view! { <RestoreButton id=self.id number latest=self.latest/> }.into_any()
    }
}

#[component]
fn RestoreButton(id: i64, number: i64, latest: i64) -> impl IntoView {
    let (restore, _) = form_action_where(|sent: &RestoreRevision| sent.number == number);
    go_to_on_success(restore.value(), after_decision_here());
    let errors = FormErrors::of(restore.value());
    view! {
        {errors.summary()}
        <ActionForm action=restore>
            <input type="hidden" name="id" value=id/>
            <input type="hidden" name="number" value=number/>
            <input type="hidden" name="base" value=latest/>
            <button class="button button--secondary button--small" type="submit" disabled=move || restore.pending().get()>
                {format!("Restaurer la version {number}")}
            </button>
        </ActionForm>
    }
}
