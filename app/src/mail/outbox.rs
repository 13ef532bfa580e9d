//! `/admin/courriels`: every mail the site wrote, where each stands (waiting, sent, failed after
//! its retries, cancelled by an unsubscribe), and each one as sent, its links clickable. Without
//! a mail server (`make run`) this is where every flow's mail is read.

use leptos::prelude::*;
use leptos_meta::Title;

use super::server_fns::{list_outbox, RetryMail, SendDigestsNow};
use crate::components::forms::FormErrors;
use crate::components::members_only;
use crate::components::sent_forms::form_action;
use crate::domain::holding::french_time;
use crate::domain::mail::{pieces, MailState, OutboxMail, Piece};

/// `/admin/courriels` (admins).
#[component]
pub fn OutboxPage() -> impl IntoView {
    let (retry, _) = form_action::<RetryMail>();
    let (digests, _) = form_action::<SendDigestsNow>();
    // Read again after each retry or digest.
    let outbox = Resource::new(move || (retry.version().get(), digests.version().get()), |_| list_outbox());
    view! {
        <Title text="Courriels – Carte Orientation 28"/>
        <div class="holder-page">
            <h1>"Courriels"</h1>
            <Transition fallback=|| view! { <p>"Chargement…"</p> }>
                {move || Suspend::new(async move {
                    members_only(outbox.await, "/admin/courriels", |outbox| view! {
                        <p class="notice">
                            {if outbox.delivery {
                                "Les courriels partent par le serveur de courriel configuré (SMTP_URL), avec de nouveaux essais espacés en cas d'échec. Le texte des courriels de sécurité est effacé une fois envoyé."
                            } else {
                                "Aucun serveur de courriel n'est configuré (SMTP_URL) : les courriels restent ici. Lisez-les et suivez leurs liens comme le ferait leur destinataire."
                            }}
                        </p>
                        <Digests action=digests/>
                        <h2>"Les derniers courriels"</h2>
                        <Mails mails=outbox.mails retry/>
                    }.into_any())
                })}
            </Transition>
        </div>
    }
}

/// The daily digests, now.
#[component]
fn Digests(action: ServerAction<SendDigestsNow>) -> impl IntoView {
    let errors = FormErrors::of(action.value());
    view! {
        {errors.summary()}
        <p class="form-success" role="status">
            {move || action.value().get().and_then(|r| r.ok()).map(|count| match count {
                0 => "Rien de nouveau à récapituler.".to_string(),
                1 => "1 récapitulatif écrit.".to_string(),
                n => format!("{n} récapitulatifs écrits."),
            })}
        </p>
        <ActionForm action>
            <button class="button button--secondary" type="submit" aria-describedby="recapitulatifs-aide">"Préparer maintenant les récapitulatifs"</button>
        </ActionForm>
        <p class="form-field__hint" id="recapitulatifs-aide">
            "Chaque animateur reçoit chaque matin le récapitulatif de ce qu'on ne lui a pas encore signalé ; ce bouton l'écrit tout de suite."
        </p>
    }
}

#[component]
fn Mails(mails: Vec<OutboxMail>, retry: ServerAction<RetryMail>) -> impl IntoView {
    if mails.is_empty() {
        return view! { <p class="muted">"Aucun courriel pour le moment."</p> }.into_any();
    }
    view! {
        <ul class="outbox">
            {mails.into_iter().map(|mail| view! { <Mail mail retry/> }).collect_view()}
        </ul>
    }
    .into_any()
}

fn state_text(mail: &OutboxMail) -> String {
    match mail.state {
        MailState::Waiting if mail.attempts == 0 => "en attente d'envoi".into(),
        MailState::Waiting => format!(
            "en attente d'un nouvel essai ({} essai(s) : {})",
            mail.attempts,
            mail.last_error.clone().unwrap_or_default()
        ),
        MailState::Sent => format!("envoyé le {}", mail.sent_at.as_deref().map(french_time).unwrap_or_default()),
        MailState::Failed => {
            format!("échec après {} essais : {}", mail.attempts, mail.last_error.clone().unwrap_or_default())
        }
        MailState::Cancelled => "non envoyé : le destinataire s'est désabonné de ce type de courriel".into(),
    }
}

#[component]
fn Mail(mail: OutboxMail, retry: ServerAction<RetryMail>) -> impl IntoView {
    let state = state_text(&mail);
    let class = format!("outbox__mail outbox__mail--{}", mail.state.code());
    let failed = mail.state == MailState::Failed;
    let id = mail.id;
    view! {
        <li class=class>
            <details>
                <summary>
                    <span class="outbox__subject">{mail.subject.clone()}</span>
                    <span class="holder-table__meta">{format!("à {} · {} · {}", mail.recipient, french_time(&mail.created_at), state)}</span>
                </summary>
                <p class="holder-table__meta">{format!("Type : {}", mail.kind)}</p>
                <div class="outbox__text">
                    {mail.text.lines().map(|line| view! { <p>{line_view(line)}</p> }).collect_view()}
                </div>
            </details>
            {failed.then(|| view! {
                <ActionForm action=retry>
                    <input type="hidden" name="id" value=id/>
                    <button class="button button--small" type="submit">"Renvoyer"<span class="sr-only">{format!(" : {}", mail.subject)}</span></button>
                </ActionForm>
            })}
        </li>
    }
}

/// One line of a mail, its addresses as links.
fn line_view(line: &str) -> impl IntoView {
    pieces(line)
        .into_iter()
        .map(|piece| match piece {
            Piece::Words(words) => words.into_any(),
            Piece::Link(url) => view! { <a href=url.clone()>{url.clone()}</a> }.into_any(),
        })
        .collect_view()
}
