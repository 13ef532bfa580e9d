//! `/club/invitations`: an animator creates a single-use link, valid 14 days, that opens the
//! sign-up form filled for the holder they invite; the invitations made and where each stands.
//! In both languages: its words (`ClubTexts`) come from the server with the page.

use crate::wire::wire_resource;
use leptos::prelude::*;
use leptos_i18n::td_string;
use leptos_meta::Title;

use super::server_fns::{club_texts, list_invitations, CreateInvitation};
use super::{ClubNav, ClubTexts};
use crate::components::forms::{FormErrors, TextInput};
use crate::components::members_only;
use crate::components::sent_forms::form_action;
use crate::domain::club::{Invitation, INVITATION_DAYS};
use crate::domain::Field;
use crate::language::{moment, use_locale, Locale};

/// `/club/invitations` (animators and admins).
#[component]
pub fn InvitationsPage() -> impl IntoView {
    let locale = use_locale();
    let (create, typed) = form_action::<CreateInvitation>();
    let typed = typed.map(|typed| typed.invitation).unwrap_or_default();
    // Read again after each new invitation (only then: a refused form stays as typed).
    let last_created =
        move || create.value().with(|v| v.as_ref().and_then(|r| r.as_ref().ok()).map(|c| c.path.clone()));
    let invitations = wire_resource(last_created, |_| list_invitations());
    // The page's words, read once.
    let texts = wire_resource(|| (), move |_| club_texts(locale));
    view! {
        <Transition fallback=move || view! { <p class="holder-page">{td_string!(locale, site.loading)}</p> }>
            {move || {
                let typed = typed.clone();
                Suspend::new(async move {
                    let loaded = match texts.await {
                        Ok(t) => invitations.await.map(|invitations| (invitations, t)),
                        Err(error) => Err(error),
                    };
                    members_only(loaded, "/club/invitations", |(invitations, t)| view! {
                        <Title text=t.invitations_title.clone()/>
                        <div class="holder-page club-page">
                            <ClubNav current="/club/invitations" t=t.clone()/>
                            <h1>{t.invitations_heading.clone()}</h1>
                            <p>
                                {format!("{}{INVITATION_DAYS}{}", t.invitations_intro_before, t.invitations_intro_days)}
                                {t.invitations_intro_mail.clone()}
                            </p>
                            <InvitationForm create typed t=t.clone()/>
                            <h2>{t.invitations_sent.clone()}</h2>
                            <Invitations invitations t=t.clone()/>
                        </div>
                    }.into_any())
                })
            }}
        </Transition>
    }
}

#[component]
fn Invitations(invitations: Vec<Invitation>, t: ClubTexts) -> impl IntoView {
    if invitations.is_empty() {
        return view! { <p class="muted">{t.no_invitation}</p> }.into_any();
    }
    let locale = t.locale;
    view! {
        <table class="holder-table">
            <caption class="sr-only">{t.invitations_caption}</caption>
            <thead>
                <tr>
                    <th scope="col">{t.invited_organisation}</th>
                    <th scope="col">{t.by}</th>
                    <th scope="col">{t.created_on}</th>
                    <th scope="col">{t.state}</th>
                </tr>
            </thead>
            <tbody>
                {invitations.into_iter().map(|invitation| view! { <InvitationRow invitation locale/> }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

#[component]
fn InvitationRow(invitation: Invitation, locale: Locale) -> impl IntoView {
    let state = invitation.state_text_in(locale == Locale::en);
    let who = [invitation.form.contact_name.clone(), invitation.form.email.clone()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" · ");
    view! {
        <tr>
            // Names and addresses: the same in every language.
            <th scope="row" translate="no">
                {invitation.form.organisation.clone()}
                {(!who.is_empty()).then(|| view! { <span class="holder-table__meta">{who}</span> })}
            </th>
            <td translate="no">{invitation.created_by.clone()}</td>
            <td>{moment(locale, &invitation.created_at)}</td>
            <td>{state}</td>
        </tr>
    }
}

/// The form: who is invited; once created, the link to copy.
#[component]
fn InvitationForm(
    create: ServerAction<CreateInvitation>,
    /// What was typed, on the page answering this form refused.
    typed: crate::domain::club::InvitationForm,
    t: ClubTexts,
) -> impl IntoView {
    let locale = t.locale;
    let errors = FormErrors::of(create.value());
    let created = move || create.value().with(|v| v.as_ref().and_then(|r| r.as_ref().ok().cloned()));
    let action = create;
    let words = t.clone();
    view! {
        {errors.summary()}
        <ActionForm action {..} novalidate=true class="club-invite">
            <TextInput
                field=Field::Organisation
                name="invitation[organisation]"
                label=t.invited_organisation
                autocomplete="organization"
                value=typed.organisation
                errors
            />
            <TextInput
                field=Field::ContactName
                name="invitation[contact_name]"
                label=t.contact_name
                autocomplete="name"
                value=typed.contact_name
                errors
            />
            <TextInput
                field=Field::Email
                name="invitation[email]"
                label=t.email
                kind="email"
                autocomplete="email"
                value=typed.email
                errors
            />
            <button class="button" type="submit" disabled=move || create.pending().get()>{t.create_link}</button>
        </ActionForm>
        <div class="form-success" role="status">
            {move || created().map(|created| {
                let link = invitation_link(&created.path);
                let until = moment(locale, &created.expires_at);
                view! {
                    <p>{match &created.mailed_to {
                        Some(email) => format!("{}{until}{}{email}{}", words.link_created_until, words.and_mailed_to, words.copy_it_too),
                        None => format!("{}{until}{}", words.link_created_until, words.copy_and_send),
                    }}</p>
                    <p><label for="lien-invitation">{words.invitation_link.clone()}</label></p>
                    <input id="lien-invitation" class="club-invite__link" readonly value=link.clone() prop:value=link/>
                }
            })}
        </div>
    }
}

/// The whole address of the link (this site's, as the browser sees it).
fn invitation_link(path: &str) -> String {
    #[cfg(feature = "hydrate")]
    if let Ok(origin) = window().location().origin() {
        return format!("{origin}{path}");
    }
    path.to_string()
}
