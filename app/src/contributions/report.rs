//! « Signaler un problème » on an initiative's page: why (n'existe plus, informations erronées,
//! ne respecte pas la charte, autre), a comment, an optional address.

use leptos::prelude::*;
use leptos_i18n::td_string;

use super::server_fns::ReportInitiative;
use super::Honeypot;
use crate::components::forms::{described_by, invalid, ContactEmail, FormErrors, Labelled};
use crate::components::sent_forms::form_action;
use crate::domain::contributions::{ReportForm as ReportFields, ReportReason};
use crate::domain::Field;
use crate::language::{use_locale, Locale};

/// A reason's label in `locale`.
fn reason_label(locale: Locale, reason: ReportReason) -> &'static str {
    match reason {
        ReportReason::NoLongerExists => td_string!(locale, report.no_longer_exists),
        ReportReason::WrongInformation => td_string!(locale, report.wrong_information),
        ReportReason::BreaksCharter => td_string!(locale, report.breaks_charter),
        ReportReason::Other => td_string!(locale, report.other),
    }
}

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
    let locale = use_locale();
    view! {
        <details class="report" id="signaler" open=answered>
            <summary>{td_string!(locale, report.open)}</summary>
            <p class="form-success" role="status">
                {move || sent().then_some(td_string!(locale, report.sent))}
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
                    <legend>{td_string!(locale, report.question)}</legend>
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
                                <label for=box_id>{reason_label(locale, reason)}</label>
                            </div>
                        }
                    }).collect_view()}
                    <p class="form-field__error" id="champ-report_reason-erreur">{move || reason_error.get()}</p>
                </fieldset>
                <Labelled
                    field=Field::Comment
                    label=td_string!(locale, report.comment)
                    hint=Some(td_string!(locale, report.comment_hint).into())
                    error=comment_error
                >
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
                    label=td_string!(locale, report.email)
                    hint=td_string!(locale, report.email_hint)
                    errors
                />
                <Honeypot id="signalement-adresse-web"/>
                <button class="button button--secondary" type="submit" disabled=move || action.pending().get()>
                    {td_string!(locale, report.send)}
                </button>
            </ActionForm>
        </details>
    }
}
