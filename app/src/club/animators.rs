//! `/admin/animateurs`: who animates where. The admin changes an animator's areas (none makes
//! them a holder again) and makes new animators by invitation: a link mailed to the address,
//! carrying the areas, that only a verified account of that address can accept. In both
//! languages: its words (`AnimatorsTexts`, which the page an invitation opens shares) come from
//! the server with the page.

use crate::wire::wire_resource;
use leptos::prelude::*;
use leptos_i18n::td_string;
use leptos_meta::Title;

use super::server_fns::{
    animators_texts, list_animators, Animator, Animators as AnimatorsData, AssignAreas, InviteAnimator,
};
use crate::components::forms::{described_by, field_id, go_to_on_success, FormErrors, TextInput};
use crate::components::members_only;
use crate::components::sent_forms::{form_action, form_action_where};
use crate::domain::club::{AnimatorInvitationForm, Invitation};
use crate::domain::{Area, Field};
use crate::language::{localized, moment, server_texts, use_locale, Locale};

server_texts! {
    /// The words of the admins' page of animators, and of the page an animator's invitation
    /// opens (`joining`).
    pub struct AnimatorsTexts {
        title => animators.title,
        heading => animators.heading,
        intro => animators.intro,
        none_yet => animators.none_yet,
        invitations_heading => animators.invitations_heading,
        save => animators.save,
        save_areas_of => animators.save_areas_of,
        invite_heading => animators.invite_heading,
        invite_intro => animators.invite_intro,
        sent_to => animators.sent_to,
        valid_until => animators.valid_until,
        email => animators.email,
        areas_legend => animators.areas_legend,
        send => animators.send,
        no_invitation => animators.no_invitation,
        invitations_caption => animators.invitations_caption,
        address => animators.address,
        areas => animators.areas,
        by => animators.by,
        state => animators.state,
        join_title => animators.join_title,
        join_heading => animators.join_heading,
        invites_you => animators.invites_you,
        once_until => animators.once_until,
        has_account => animators.has_account,
        sign_in_to_accept => animators.sign_in_to_accept,
        sign_in => animators.sign_in,
        no_account => animators.no_account,
        create_account => animators.create_account,
        addressed_to => animators.addressed_to,
        signed_in_as => animators.signed_in_as,
        sign_out_first => animators.sign_out_first,
        accept => animators.accept,
    }
}

/// `/admin/animateurs` (admins).
#[component]
pub fn AnimatorsPage() -> impl IntoView {
    let locale = use_locale();
    let (invite, typed) = form_action::<InviteAnimator>();
    let typed = typed.map(|typed| typed.invitation).unwrap_or_default();
    // Read again after each invitation (only then: a refused form stays as typed).
    let sent = move || invite.value().with(|v| v.as_ref().and_then(|r| r.as_ref().ok()).map(|c| c.path.clone()));
    let animators = wire_resource(sent, |_| list_animators());
    // The page's words, read once.
    let texts = wire_resource(|| (), move |_| animators_texts(locale));
    view! {
        <Transition fallback=move || view! { <p class="holder-page">{td_string!(locale, site.loading)}</p> }>
            {move || {
                let typed = typed.clone();
                Suspend::new(async move {
                    let loaded = match texts.await {
                        Ok(t) => animators.await.map(|data| (data, t)),
                        Err(error) => Err(error),
                    };
                    members_only(loaded, "/admin/animateurs", |(data, t)| view! {
                        <Title text=t.title.clone()/>
                        <div class="holder-page">
                            <h1>{t.heading.clone()}</h1>
                            <p>{t.intro.clone()}</p>
                            <Animators data invite typed t=t.clone()/>
                        </div>
                    }.into_any())
                })
            }}
        </Transition>
    }
}

#[component]
fn Animators(
    data: AnimatorsData,
    invite: ServerAction<InviteAnimator>,
    typed: AnimatorInvitationForm,
    t: AnimatorsTexts,
) -> impl IntoView {
    let AnimatorsData { animators, areas, invitations } = data;
    view! {
        {if animators.is_empty() {
            view! { <p class="muted">{t.none_yet.clone()}</p> }.into_any()
        } else {
            view! {
                <div class="animators">
                    {animators.into_iter().map(|animator| view! { <AreasForm animator areas=areas.clone() t=t.clone()/> }).collect_view()}
                </div>
            }.into_any()
        }}
        <InviteForm areas invite typed t=t.clone()/>
        <h2>{t.invitations_heading.clone()}</h2>
        <Invitations invitations t=t.clone()/>
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
fn AreasForm(animator: Animator, areas: Vec<Area>, t: AnimatorsTexts) -> impl IntoView {
    let locale = t.locale;
    let email = animator.account.email.clone();
    let (action, typed) = form_action_where(move |sent: &AssignAreas| sent.assignment.email == email);
    go_to_on_success(action.value(), move |_: &()| localized(locale, "/admin/animateurs"));
    let errors = FormErrors::of(action.value());
    let who = format!("{} ({})", animator.account.contact_name, animator.account.organisation);
    // Checked as sent, on the page answering this form refused; else as they are.
    let mine = typed.map(|typed| typed.assignment.areas).unwrap_or_else(|| animator.areas.clone());
    view! {
        <ActionForm action {..} class="animators__row">
            <input type="hidden" name="assignment[email]" value=animator.account.email.clone()/>
            <fieldset class="form-field form-field--choices">
                <legend><span translate="no">{who}</span> <span class="holder-table__meta" translate="no">{animator.account.email.clone()}</span></legend>
                {area_boxes(areas, "assignment[areas][]", format!("animateur-{}", animator.account.id), move |code| mine.iter().any(|a| a == code))}
            </fieldset>
            {errors.summary()}
            <button class="button button--secondary button--small" type="submit" disabled=move || action.pending().get()>
                {t.save.clone()}<span class="sr-only">{format!("{}{}", t.save_areas_of, animator.account.email)}</span>
            </button>
        </ActionForm>
    }
}

/// An address and the areas it will animate: the invitation goes by mail.
#[component]
fn InviteForm(
    areas: Vec<Area>,
    invite: ServerAction<InviteAnimator>,
    typed: AnimatorInvitationForm,
    t: AnimatorsTexts,
) -> impl IntoView {
    let locale = t.locale;
    let errors = FormErrors::of(invite.value());
    let areas_error = errors.field(Field::Areas);
    let sent = move || invite.value().with(|v| v.as_ref().and_then(|r| r.as_ref().ok().cloned()));
    let action = invite;
    let (sent_to, valid_until) = (t.sent_to.clone(), t.valid_until.clone());
    view! {
        <section aria-labelledby="inviter">
            <h2 id="inviter">{t.invite_heading.clone()}</h2>
            <p>{t.invite_intro.clone()}</p>
            {errors.summary()}
            <p class="form-success" role="status">
                {move || sent().map(|sent| format!(
                    "{sent_to}{}{valid_until}{}.",
                    sent.mailed_to.unwrap_or_default(),
                    moment(locale, &sent.expires_at)
                ))}
            </p>
            <ActionForm action {..} novalidate=true class="club-invite">
                <TextInput
                    field=Field::Email
                    name="invitation[email]"
                    label=t.email.clone()
                    kind="email"
                    value=typed.email
                    errors
                />
                <fieldset class="form-field form-field--choices" id=field_id(Field::Areas) aria-describedby=described_by(&field_id(Field::Areas), false, areas_error)>
                    <legend>{t.areas_legend.clone()}</legend>
                    {area_boxes(areas, "invitation[areas][]", "invite".into(), move |code| typed.areas.iter().any(|a| a == code))}
                    <p class="form-field__error" id=format!("{}-erreur", field_id(Field::Areas))>{move || areas_error.get()}</p>
                </fieldset>
                <button class="button" type="submit" disabled=move || invite.pending().get()>{t.send.clone()}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn Invitations(invitations: Vec<Invitation>, t: AnimatorsTexts) -> impl IntoView {
    if invitations.is_empty() {
        return view! { <p class="muted">{t.no_invitation}</p> }.into_any();
    }
    let english = t.locale == Locale::en;
    view! {
        <table class="holder-table">
            <caption class="sr-only">{t.invitations_caption}</caption>
            <thead>
                <tr>
                    <th scope="col">{t.address}</th>
                    <th scope="col">{t.areas}</th>
                    <th scope="col">{t.by}</th>
                    <th scope="col">{t.state}</th>
                </tr>
            </thead>
            <tbody>
                {invitations.into_iter().map(|invitation| {
                    let state = invitation.state_text_in(english);
                    view! {
                        <tr>
                            // Names and addresses: the same in every language.
                            <th scope="row" translate="no">{invitation.form.email.clone()}</th>
                            <td translate="no">{invitation.areas.join(", ")}</td>
                            <td translate="no">{invitation.created_by.clone()}</td>
                            <td>{state}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}
