//! `/admin/animateurs`: who animates where. The admin changes an animator's areas (none makes
//! them a holder again) and makes new animators by invitation: a link mailed to the address,
//! carrying the areas, that only a verified account of that address can accept.

use leptos::prelude::*;
use leptos_meta::Title;

use super::server_fns::{list_animators, Animator, Animators as AnimatorsData, AssignAreas, InviteAnimator};
use crate::components::forms::{described_by, field_id, go_to_on_success, FormErrors, TextInput};
use crate::components::members_only;
use crate::components::sent_forms::{form_action, form_action_where};
use crate::domain::club::{AnimatorInvitationForm, Invitation};
use crate::domain::holding::french_time;
use crate::domain::{Area, Field};

/// `/admin/animateurs` (admins).
#[component]
pub fn AnimatorsPage() -> impl IntoView {
    let (invite, typed) = form_action::<InviteAnimator>();
    let typed = typed.map(|typed| typed.invitation).unwrap_or_default();
    // Read again after each invitation (only then: a refused form stays as typed).
    let sent = move || invite.value().with(|v| v.as_ref().and_then(|r| r.as_ref().ok()).map(|c| c.path.clone()));
    let animators = Resource::new(sent, |_| list_animators());
    view! {
        <Title text="Animateurs et bassins – Carte Orientation 28"/>
        <div class="holder-page">
            <h1>"Animateurs et bassins"</h1>
            <p>"Un animateur modère les initiatives, suggestions et signalements de ses bassins, et invite des porteurs."</p>
            <Transition fallback=|| view! { <p>"Chargement…"</p> }>
                {move || {
                    let typed = typed.clone();
                    Suspend::new(async move {
                        members_only(animators.await, "/admin/animateurs", |data| view! { <Animators data invite typed/> }.into_any())
                    })
                }}
            </Transition>
        </div>
    }
}

#[component]
fn Animators(
    data: AnimatorsData,
    invite: ServerAction<InviteAnimator>,
    typed: AnimatorInvitationForm,
) -> impl IntoView {
    let AnimatorsData { animators, areas, invitations } = data;
    view! {
        {if animators.is_empty() {
            view! { <p class="muted">"Aucun animateur pour le moment : invitez le premier ci-dessous."</p> }.into_any()
        } else {
            view! {
                <div class="animators">
                    {animators.into_iter().map(|animator| view! { <AreasForm animator areas=areas.clone()/> }).collect_view()}
                </div>
            }.into_any()
        }}
        <InviteForm areas invite typed/>
        <h2>"Invitations d'animateurs"</h2>
        <Invitations invitations/>
    }
}

/// Area boxes, checked where they are the animator's.
fn area_boxes(
    areas: Vec<Area>,
    name: &'static str,
    prefix: String,
    checked: impl Fn(&str) -> bool + 'static,
) -> impl IntoView {
    areas
        .into_iter()
        .map(|area| {
            let id = format!("{prefix}-{}", area.code);
            view! {
                <div class="form-choice">
                    <input type="checkbox" id=id.clone() name=name value=area.code.clone() checked=checked(&area.code)/>
                    <label for=id>{area.name}</label>
                </div>
            }
        })
        .collect_view()
}

/// One animator and their areas, changed in place (no box left: a holder again).
#[component]
fn AreasForm(animator: Animator, areas: Vec<Area>) -> impl IntoView {
    let email = animator.account.email.clone();
    let (action, typed) = form_action_where(move |sent: &AssignAreas| sent.assignment.email == email);
    go_to_on_success(action.value(), |_: &()| "/admin/animateurs".to_string());
    let errors = FormErrors::of(action.value());
    let who = format!("{} ({})", animator.account.contact_name, animator.account.organisation);
    // Checked as sent, on the page answering this form refused; else as they are.
    let mine = typed.map(|typed| typed.assignment.areas).unwrap_or_else(|| animator.areas.clone());
    view! {
        <ActionForm action {..} class="animators__row">
            <input type="hidden" name="assignment[email]" value=animator.account.email.clone()/>
            <fieldset class="form-field form-field--choices">
                <legend>{who} <span class="holder-table__meta">{animator.account.email.clone()}</span></legend>
                {area_boxes(areas, "assignment[areas][]", format!("animateur-{}", animator.account.id), move |code| mine.iter().any(|a| a == code))}
            </fieldset>
            {errors.summary()}
            <button class="button button--secondary button--small" type="submit" disabled=move || action.pending().get()>
                "Enregistrer"<span class="sr-only">{format!(" les bassins de {}", animator.account.email)}</span>
            </button>
        </ActionForm>
    }
}

/// An address and the areas it will animate: the invitation goes by mail.
#[component]
fn InviteForm(areas: Vec<Area>, invite: ServerAction<InviteAnimator>, typed: AnimatorInvitationForm) -> impl IntoView {
    let errors = FormErrors::of(invite.value());
    let areas_error = errors.field(Field::Areas);
    let sent = move || invite.value().with(|v| v.as_ref().and_then(|r| r.as_ref().ok().cloned()));
    let action = invite;
    view! {
        <section aria-labelledby="inviter">
            <h2 id="inviter">"Inviter un animateur"</h2>
            <p>
                "Le lien d'invitation part par courriel à cette adresse. Il s'accepte avec le compte de cette adresse (une fois l'adresse vérifiée, "
                "sans initiative portée), ou en créant ce compte ; il sert une fois, pendant 14 jours."
            </p>
            {errors.summary()}
            <p class="form-success" role="status">
                {move || sent().map(|sent| format!(
                    "Invitation envoyée à {}, valable jusqu'au {}.",
                    sent.mailed_to.unwrap_or_default(),
                    french_time(&sent.expires_at)
                ))}
            </p>
            <ActionForm action {..} novalidate=true class="club-invite">
                <TextInput
                    field=Field::Email
                    name="invitation[email]"
                    label="Adresse e-mail de l'animateur"
                    kind="email"
                    value=typed.email
                    errors
                />
                <fieldset class="form-field form-field--choices" id=field_id(Field::Areas) aria-describedby=described_by(&field_id(Field::Areas), false, areas_error)>
                    <legend>"Bassins qu'il modérera"</legend>
                    {area_boxes(areas, "invitation[areas][]", "invite".into(), move |code| typed.areas.iter().any(|a| a == code))}
                    <p class="form-field__error" id=format!("{}-erreur", field_id(Field::Areas))>{move || areas_error.get()}</p>
                </fieldset>
                <button class="button" type="submit" disabled=move || invite.pending().get()>"Envoyer l'invitation"</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn Invitations(invitations: Vec<Invitation>) -> impl IntoView {
    if invitations.is_empty() {
        return view! { <p class="muted">"Aucune invitation pour le moment."</p> }.into_any();
    }
    view! {
        <table class="holder-table">
            <caption class="sr-only">"Invitations d'animateurs, la plus récente en premier"</caption>
            <thead>
                <tr>
                    <th scope="col">"Adresse"</th>
                    <th scope="col">"Bassins"</th>
                    <th scope="col">"Par"</th>
                    <th scope="col">"État"</th>
                </tr>
            </thead>
            <tbody>
                {invitations.into_iter().map(|invitation| {
                    let state = invitation.state_text();
                    view! {
                        <tr>
                            <th scope="row">{invitation.form.email.clone()}</th>
                            <td>{invitation.areas.join(", ")}</td>
                            <td>{invitation.created_by.clone()}</td>
                            <td>{state}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}
