//! « Signaler un problème » on an initiative's page: why (n'existe plus, informations erronées,
//! ne respecte pas la charte, autre), a comment, an optional address.

use leptos::prelude::*;

use super::server_fns::ReportInitiative;
use super::Honeypot;
use crate::components::forms::{described_by, invalid, ContactEmail, FormErrors, Labelled};
use crate::components::sent_forms::form_action;
use crate::domain::contributions::{ReportForm as ReportFields, ReportReason};
use crate::domain::Field;

const COMMENT_HINT: &str =
    "Ce qui est faux, ce qui a changé (2 000 caractères au plus ; obligatoire pour « Autre problème »).";

/// The report form of initiative `id`, folded until opened.
#[component]
pub fn ReportForm(id: i64) -> impl IntoView {
    let (action, typed) = form_action::<ReportInitiative>();
    let errors = FormErrors::of(action.value());
    // Unfolded on the page answering it (sent without JavaScript), with what was typed.
    let answered = action.value().with_untracked(|v| v.is_some());
    let typed = typed.map(|typed| typed.report).unwrap_or_default();
    let ReportFields { reason: typed_reason, comment, contact_email } = typed;
    let sent = move || action.value().with(|v| matches!(v, Some(Ok(()))));
    let reason_error = errors.field(Field::ReportReason);
    let comment_error = errors.field(Field::Comment);
    view! {
        <details class="report" id="signaler" open=answered>
            <summary>"Signaler un problème sur cette initiative"</summary>
            <p class="form-success" role="status">
                {move || sent().then_some("Merci : votre signalement a été transmis aux animateurs du club, qui vont le vérifier.")}
            </p>
            {errors.summary()}
            // Once sent, the form goes: nothing invites sending the same report twice.
            <ActionForm action {..} novalidate=true class="report__form" hidden=sent>
                <input type="hidden" name="id" value=id/>
                <fieldset
                    class="form-field form-field--choices"
                    role="radiogroup"
                    id="champ-report_reason"
                    tabindex="-1"
                    aria-invalid=invalid(reason_error)
                    aria-describedby=described_by("champ-report_reason", false, reason_error)
                >
                    <legend>"Quel est le problème ?"</legend>
                    {ReportReason::ALL.into_iter().map(|reason| {
                        let box_id = format!("signalement-{}", reason.code());
                        view! {
                            <div class="form-choice">
                                <input
                                    type="radio"
                                    id=box_id.clone()
                                    name="report[reason]"
                                    value=reason.code()
                                    checked=typed_reason == reason.code()
                                />
                                <label for=box_id>{reason.label()}</label>
                            </div>
                        }
                    }).collect_view()}
                    <p class="form-field__error" id="champ-report_reason-erreur">{move || reason_error.get()}</p>
                </fieldset>
                <Labelled field=Field::Comment hint=Some(COMMENT_HINT) error=comment_error>
                    <textarea
                        id="champ-comment"
                        name="report[comment]"
                        rows="3"
                        aria-invalid=invalid(comment_error)
                        aria-describedby=described_by("champ-comment", true, comment_error)
                    >{comment}</textarea>
                </Labelled>
                <ContactEmail
                    name="report[contact_email]"
                    value=contact_email
                    hint="Seulement si vous acceptez qu'un animateur vous réponde ; elle n'est jamais publiée."
                    errors
                />
                <Honeypot id="signalement-adresse-web"/>
                <button class="button button--secondary" type="submit" disabled=move || action.pending().get()>
                    "Envoyer le signalement"
                </button>
            </ActionForm>
        </details>
    }
}
