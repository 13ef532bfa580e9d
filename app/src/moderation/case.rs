//! `/moderation/initiatives/{id}`: one initiative as its moderators decide on it — the revision
//! waiting, field by field against the published version; approving, refusing with a reason;
//! its reports; its history, each earlier revision restorable. In both languages: its words
//! (`ModerationTexts`) come with the case; what holders, citizens and moderators wrote stays as
//! they wrote it (`lang="fr"`).

use crate::wire::wire_resource;
use leptos::prelude::*;
use leptos_i18n::td_string;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::{after_decision, ModerationTexts};

use super::server_fns::{
    moderation_case, AcceptClaim, ApproveRevision, RefuseClaim, RejectRevision, ResolveReport, RestoreRevision,
};
use crate::components::forms::{described_by, field_id, go_to_on_success, invalid, FormErrors, Labelled};
use crate::components::sent_forms::{form_action, form_action_where};
use crate::components::{members_only, History};
use crate::domain::claims::Claim;
use crate::domain::contributions::Report;
use crate::domain::moderation::{author_in, Case, FieldChange, PendingRevision};
use crate::domain::Field;
use crate::error::AppError;
use crate::language::{href, moment, use_locale, Locale};

/// Where a decision leads, in the document's language (as the server's, without script).
fn after_decision_here() -> impl Fn(&super::server_fns::Decided) -> String + 'static {
    let locale = use_locale();
    move |decided| crate::language::localized(locale, &after_decision(decided))
}

/// What the last decision did, said once on the page it led to.
fn done_message(code: Option<String>, t: &ModerationTexts) -> Option<String> {
    let message = match code?.as_str() {
        "publiee" => &t.done_published,
        "refusee" => &t.done_refused,
        "restauree" => &t.done_restored,
        "resolu" => &t.done_resolved,
        "rattachement-accepte" => &t.done_claim_accepted,
        "rattachement-refuse" => &t.done_claim_refused,
        _ => return None,
    };
    Some(message.clone())
}

/// `/moderation/initiatives/{id}`.
#[component]
pub fn ModerationCasePage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|id| id.parse::<i64>().ok());
    let locale = use_locale();
    let case = wire_resource(id, move |id| async move {
        match id {
            Some(id) => moderation_case(id, locale).await,
            None => Err(AppError::NotFound),
        }
    });
    view! {
        <Suspense fallback=move || view! { <p class="holder-page">{td_string!(locale, site.loading)}</p> }>
            {move || Suspend::new(async move {
                let back = format!("/moderation/initiatives/{}", id().unwrap_or_default());
                members_only(case.await, &back, |(case, t)| view! { <CaseView case t/> }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn CaseView(case: Case, t: ModerationTexts) -> impl IntoView {
    let query = use_query_map();
    let done = done_message(query.with_untracked(|q| q.get("fait")), &t);
    let english = t.locale == Locale::en;
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
    // A name or an address: the same in every language (`translate="no"`).
    let from = match (holder, suggested_by) {
        (Some(holder), _) => view! { {t.holder.clone()}<span translate="no">{holder}</span> }.into_any(),
        (None, Some(Some(email))) => {
            view! { {t.suggestion_contact.clone()}<span translate="no">{email}</span> }.into_any()
        }
        (None, Some(None)) => t.suggestion_no_contact.clone().into_any(),
        (None, None) => t.imported.clone().into_any(),
    };
    let restore = RestoreButtons { id, latest, current: t.current_version.clone(), restore: t.restore.clone() };
    view! {
        <Title text=t.case_title.clone()/>
        <div class="holder-page">
            <nav class="breadcrumb" aria-label=t.breadcrumb.clone()>
                <a href=href("/moderation")>{t.heading.clone()}</a>
                <span aria-hidden="true">" › "</span>
                <span aria-current="page" lang="fr">{title.clone()}</span>
            </nav>
            <h1 lang="fr">{title}</h1>
            <p class="form-success" role="status">{done}</p>
            <p>
                {t.status.clone()}
                <strong class=format!("status-tag status-tag--{}", status.code())>{status.label_in(english)}</strong>
                {t.in_area.clone()} <span translate="no">{area_name}</span>
                {public_path.map(|path| view! { " · " <a href=href(&path)>{t.public_page.clone()}</a> })}
            </p>
            <p>{from}</p>
            {match pending {
                Some(pending) => view! { <Decision id pending t=t.clone()/> }.into_any(),
                None => view! { <p class="muted">{t.nothing_waits.clone()}</p> }.into_any(),
            }}
            <Reports reports t=t.clone()/>
            <Claims claims t=t.clone()/>
            <History history row_action=Callback::new(move |number: i64| restore.button(number))/>
        </div>
    }
}

/// The revision waiting: what it changes, and the two decisions.
#[component]
fn Decision(id: i64, pending: PendingRevision, t: ModerationTexts) -> impl IntoView {
    let (approve, _) = form_action::<ApproveRevision>();
    go_to_on_success(approve.value(), after_decision_here());
    let approve_errors = FormErrors::of(approve.value());
    let is_edit = pending.changes.iter().any(|c| c.before.is_some());
    let number = pending.number;
    let english = t.locale == Locale::en;
    let sent = view! {
        {t.sent_by.clone()}
        <span translate="no">{author_in(&pending.author, english)}</span>
        {format!("{}{}.", t.sent_on, moment(t.locale, &pending.created_at))}
    };
    let approve_label = t.approve.clone();
    view! {
        <section aria-labelledby="a-valider">
            <h2 id="a-valider">{format!("Version {number}{}", t.to_review)}</h2>
            <p>{sent}</p>
            <Changes changes=pending.changes is_edit t=t.clone()/>
            <div class="moderation-decision">
                <div>
                    {approve_errors.summary()}
                    <ActionForm action=approve>
                        <input type="hidden" name="id" value=id/>
                        <input type="hidden" name="number" value=number/>
                        <button class="button" type="submit" disabled=move || approve.pending().get()>
                            {approve_label}
                        </button>
                    </ActionForm>
                </div>
                <RejectForm id number t=t.clone()/>
            </div>
        </section>
    }
}

/// Refusing revision `number`, with the reason the holder will read.
#[component]
fn RejectForm(id: i64, number: i64, t: ModerationTexts) -> impl IntoView {
    let (action, typed) = form_action::<RejectRevision>();
    let reason = typed.map(|typed| typed.reason).unwrap_or_default();
    go_to_on_success(action.value(), after_decision_here());
    let errors = FormErrors::of(action.value());
    let reason_error = errors.field(Field::Reason);
    let reason_id = field_id(Field::Reason);
    let ModerationTexts { refusal_reason, reason_hint, refuse, .. } = t;
    view! {
        <div>
            {errors.summary()}
            <ActionForm action {..} novalidate=true>
                <input type="hidden" name="id" value=id/>
                <input type="hidden" name="number" value=number/>
                <Labelled field=Field::Reason label=refusal_reason hint=Some(reason_hint) error=reason_error>
                    <textarea
                        id=reason_id.clone()
                        name="reason"
                        rows="3"
                        aria-invalid=invalid(reason_error)
                        aria-describedby=described_by(&reason_id, true, reason_error)
                    >{reason}</textarea>
                </Labelled>
                <button class="button button--secondary" type="submit" disabled=move || action.pending().get()>
                    {refuse}
                </button>
            </ActionForm>
        </div>
    }
}

/// The fields to read: published and proposed values side by side for an edit, every value of a
/// new initiative (values as the holder wrote them: in French, themes and dates included).
#[component]
fn Changes(changes: Vec<FieldChange>, is_edit: bool, t: ModerationTexts) -> impl IntoView {
    if changes.is_empty() {
        return view! { <p class="muted">{t.no_change}</p> }.into_any();
    }
    let english = t.locale == Locale::en;
    let caption = if is_edit { t.changed_fields } else { t.proposed_content };
    let published = t.published_version;
    let last_column = if is_edit { t.proposed_version } else { t.value };
    view! {
        <table class="holder-table moderation-diff">
            <caption>{caption}</caption>
            <thead>
                <tr>
                    <th scope="col">{t.field}</th>
                    {is_edit.then(|| view! { <th scope="col">{published}</th> })}
                    <th scope="col">{last_column}</th>
                </tr>
            </thead>
            <tbody>
                {changes.into_iter().map(|change| view! {
                    <tr>
                        <th scope="row">{change.field.label_in(english)}</th>
                        {change.before.map(|before| view! { <td class="moderation-diff__before" lang="fr">{before}</td> })}
                        <td class="moderation-diff__after" lang="fr">{change.after}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

/// The reports on this initiative: open ones can be marked resolved.
#[component]
fn Reports(reports: Vec<Report>, t: ModerationTexts) -> impl IntoView {
    (!reports.is_empty()).then(move || {
        view! {
            <section aria-labelledby="signalements">
                <h2 id="signalements">{t.reports.clone()}</h2>
                <ul class="moderation-reports">
                    {reports.into_iter().map(|report| view! { <ReportItem report t=t.clone()/> }).collect_view()}
                </ul>
            </section>
        }
    })
}

#[component]
fn ReportItem(report: Report, t: ModerationTexts) -> impl IntoView {
    let (resolve, typed) = form_action_where(|sent: &ResolveReport| sent.report == report.id);
    let resolution = typed.map(|typed| typed.resolution).unwrap_or_default();
    go_to_on_success(resolve.value(), after_decision_here());
    let errors = FormErrors::of(resolve.value());
    let field_id = format!("compte-rendu-{}", report.id);
    let locale = t.locale;
    let english = locale == Locale::en;
    let reported = format!("{}{}", t.reported_on, moment(locale, &report.created_at));
    let contact = t.contact.clone();
    let resolved = report.resolved.clone().map(|(at, by, what)| {
        let what = (!what.is_empty()).then(|| format!("{}{what}", t.colon));
        (format!("{}{}{}{by}", t.resolved_on, moment(locale, &at), t.resolved_by), what)
    });
    let ModerationTexts { what_was_done, mark_resolved, .. } = t;
    view! {
        <li class="moderation-report">
            <p>
                <strong>{report.reason.label_in(english)}</strong>
                {reported}
                {report.contact_email.clone().map(|email| view! {
                    {contact} <a href=format!("mailto:{email}") translate="no">{email.clone()}</a>
                })}
            </p>
            {(!report.comment.is_empty()).then(|| view! { <p class="prose" lang="fr">{report.comment.clone()}</p> })}
            {match resolved {
                Some((resolved, what)) => view! {
                    <p class="muted">{resolved} {what}</p>
                }.into_any(),
                None => view! {
                    {errors.summary()}
                    <ActionForm action=resolve>
                        <input type="hidden" name="report" value=report.id/>
                        <div class="form-field">
                            <label for=field_id.clone()>{what_was_done}</label>
                            <input id=field_id name="resolution" autocomplete="off" value=resolution/>
                        </div>
                        <button class="button button--secondary" type="submit" disabled=move || resolve.pending().get()>
                            {mark_resolved}
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
fn Claims(claims: Vec<Claim>, t: ModerationTexts) -> impl IntoView {
    (!claims.is_empty()).then(move || {
        view! {
            <section aria-labelledby="demandes-de-rattachement">
                <h2 id="demandes-de-rattachement">{t.claims.clone()}</h2>
                <p class="muted">{t.claims_intro.clone()}</p>
                <ul class="moderation-reports">
                    {claims.into_iter().map(|claim| view! { <ClaimItem claim t=t.clone()/> }).collect_view()}
                </ul>
            </section>
        }
    })
}

#[component]
fn ClaimItem(claim: Claim, t: ModerationTexts) -> impl IntoView {
    let (accept, _) = form_action_where(|sent: &AcceptClaim| sent.claim == claim.id);
    go_to_on_success(accept.value(), after_decision_here());
    let accept_errors = FormErrors::of(accept.value());
    let (action, typed) = form_action_where(|sent: &RefuseClaim| sent.claim == claim.id);
    go_to_on_success(action.value(), after_decision_here());
    let refuse_errors = FormErrors::of(action.value());
    let reason = typed.map(|typed| typed.reason).unwrap_or_default();
    let reason_error = refuse_errors.field(Field::Reason);
    let reason_id = format!("motif-rattachement-{}", claim.id);
    let locale = t.locale;
    let english = locale == Locale::en;
    // Several claims may wait on one page: each control names whose claim it decides.
    let accept_whose = format!(" ({})", claim.claimant);
    let refuse_whose = accept_whose.clone();
    let of_whose = format!("{}{}", t.of_request, claim.claimant);
    let requested = format!("{}{}", t.requested_on, moment(locale, &claim.created_at));
    let decided = claim.decision.map(|decision| {
        let at = moment(locale, &claim.decided_at.clone().unwrap_or_default());
        let reason = claim.reason.clone().map(|reason| format!("{}{reason}", t.colon));
        (format!("{}{}{}{at}", t.request, decision.label_in(english), t.decided_on), reason)
    });
    let ModerationTexts { accept: accept_label, refusal_reason, claim_reason_hint, refuse, .. } = t;
    view! {
        <li class="moderation-report">
            <p>
                <strong translate="no">{claim.claimant.clone()}</strong>
                {requested}
            </p>
            <p class="prose" lang="fr">{claim.message.clone()}</p>
            {match decided {
                Some((decided, reason)) => view! {
                    <p class="muted">{decided} {reason}</p>
                }.into_any(),
                None => view! {
                    <div class="moderation-decision">
                        <div>
                            {accept_errors.summary()}
                            <ActionForm action=accept>
                                <input type="hidden" name="claim" value=claim.id/>
                                <button class="button" type="submit" disabled=move || accept.pending().get()>
                                    {accept_label}
                                    <span class="sr-only" translate="no">{accept_whose.clone()}</span>
                                </button>
                            </ActionForm>
                        </div>
                        <div>
                            {refuse_errors.summary()}
                            <ActionForm action {..} novalidate=true>
                                <input type="hidden" name="claim" value=claim.id/>
                                <div class="form-field">
                                    <label for=reason_id.clone()>
                                        {refusal_reason}
                                        <span class="sr-only">{of_whose.clone()}</span>
                                    </label>
                                    <p class="form-field__hint" id=format!("{reason_id}-aide")>{claim_reason_hint}</p>
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
                                    {refuse}
                                    <span class="sr-only" translate="no">{refuse_whose.clone()}</span>
                                </button>
                            </ActionForm>
                        </div>
                    </div>
                }.into_any(),
            }}
        </li>
    }
}

/// « Restaurer la version N » (“Restore version N”) for every revision but the latest.
#[derive(Clone)]
struct RestoreButtons {
    id: i64,
    latest: i64,
    /// « Version courante », in the page's language.
    current: String,
    /// « Restaurer la version  », in the page's language.
    restore: String,
}

impl RestoreButtons {
    fn button(&self, number: i64) -> AnyView {
        if number == self.latest {
            return view! { <span class="muted">{self.current.clone()}</span> }.into_any();
        }
        let label = format!("{}{number}", self.restore);
        view! { <RestoreButton id=self.id number latest=self.latest label/> }.into_any()
    }
}

#[component]
fn RestoreButton(id: i64, number: i64, latest: i64, label: String) -> impl IntoView {
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
                {label}
            </button>
        </ActionForm>
    }
}
