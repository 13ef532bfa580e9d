//! `/club/invitations`: an animator creates a single-use link, valid 14 days, that opens the
//! sign-up form filled for the holder they invite; the invitations made and where each stands.

use leptos::prelude::*;
use leptos_meta::Title;

use super::server_fns::{list_invitations, CreateInvitation};
use super::ClubNav;
use crate::components::forms::{FormErrors, TextInput};
use crate::components::members_only;
use crate::components::sent_forms::form_action;
use crate::domain::club::{Invitation, INVITATION_DAYS};
use crate::domain::holding::french_time;
use crate::domain::Field;

/// `/club/invitations` (animators and admins).
#[component]
pub fn InvitationsPage() -> impl IntoView {
    let (create, typed) = form_action::<CreateInvitation>();
    let typed = typed.map(|typed| typed.invitation).unwrap_or_default();
    // Read again after each new invitation (only then: a refused form stays as typed).
    let last_created =
        move || create.value().with(|v| v.as_ref().and_then(|r| r.as_ref().ok()).map(|c| c.path.clone()));
    let invitations = Resource::new(last_created, |_| list_invitations());
    view! {
        <Title text="Inviter un porteur – Carte Orientation 28"/>
        <div class="holder-page club-page">
            <ClubNav current="/club/invitations"/>
            <h1>"Inviter un porteur d'initiatives"</h1>
            <p>
                {format!("Le lien d'invitation ouvre le formulaire d'inscription déjà rempli pour la structure invitée. Il sert une seule fois et expire au bout de {INVITATION_DAYS} jours. ")}
                "Si vous donnez l'adresse de la personne, le lien lui est envoyé par courriel ; vous pouvez aussi le copier et l'envoyer vous-même."
            </p>
            <Transition fallback=|| view! { <p>"Chargement…"</p> }>
                {move || {
                    let typed = typed.clone();
                    Suspend::new(async move {
                        members_only(invitations.await, "/club/invitations", |invitations| view! {
                            <InvitationForm create typed/>
                            <h2>"Invitations envoyées"</h2>
                            <Invitations invitations/>
                        }.into_any())
                    })
                }}
            </Transition>
        </div>
    }
}

#[component]
fn Invitations(invitations: Vec<Invitation>) -> impl IntoView {
    if invitations.is_empty() {
        return view! { <p class="muted">"Aucune invitation pour le moment."</p> }.into_any();
    }
    view! {
        <table class="holder-table">
            <caption class="sr-only">"Invitations, la plus récente en premier"</caption>
            <thead>
                <tr>
                    <th scope="col">"Structure invitée"</th>
                    <th scope="col">"Par"</th>
                    <th scope="col">"Créée le"</th>
                    <th scope="col">"État"</th>
                </tr>
            </thead>
            <tbody>
                {invitations.into_iter().map(|invitation| view! { <InvitationRow invitation/> }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

#[component]
fn InvitationRow(invitation: Invitation) -> impl IntoView {
    let state = invitation.state_text();
    let who = [invitation.form.contact_name.clone(), invitation.form.email.clone()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" · ");
    view! {
        <tr>
            <th scope="row">
                {invitation.form.organisation.clone()}
                {(!who.is_empty()).then(|| view! { <span class="holder-table__meta">{who}</span> })}
            </th>
            <td>{invitation.created_by.clone()}</td>
            <td>{french_time(&invitation.created_at)}</td>
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
) -> impl IntoView {
    let errors = FormErrors::of(create.value());
    let created = move || create.value().with(|v| v.as_ref().and_then(|r| r.as_ref().ok().cloned()));
    let action = create;
    view! {
        {errors.summary()}
        <ActionForm action {..} novalidate=true class="club-invite">
            <TextInput
                field=Field::Organisation
                name="invitation[organisation]"
                label="Structure invitée"
                autocomplete="organization"
                value=typed.organisation
                errors
            />
            <TextInput
                field=Field::ContactName
                name="invitation[contact_name]"
                label="Nom de la personne (facultatif)"
                autocomplete="name"
                value=typed.contact_name
                errors
            />
            <TextInput
                field=Field::Email
                name="invitation[email]"
                label="Son adresse e-mail (facultatif : le lien y sera envoyé)"
                kind="email"
                autocomplete="email"
                value=typed.email
                errors
            />
            <button class="button" type="submit" disabled=move || create.pending().get()>"Créer le lien d'invitation"</button>
        </ActionForm>
        <div class="form-success" role="status">
            {move || created().map(|created| {
                let link = invitation_link(&created.path);
                view! {
                    <p>{match &created.mailed_to {
                        Some(email) => format!("Lien créé, valable jusqu'au {}, et envoyé par courriel à {email}. Vous pouvez aussi le copier :", french_time(&created.expires_at)),
                        None => format!("Lien créé, valable jusqu'au {} : copiez-le et envoyez-le à la structure.", french_time(&created.expires_at)),
                    }}</p>
                    <p><label for="lien-invitation">"Lien d'invitation"</label></p>
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
