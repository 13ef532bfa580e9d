//! `/admin/courriels`: every mail the site wrote, where each stands (waiting, sent, failed after
//! its retries, cancelled by an unsubscribe), and each one as sent, its links clickable. Without
//! a mail server (`make run`) this is where every flow's mail is read.
//!
//! In both languages: the page's words (`OutboxTexts`) come from the server; the mails listed
//! stay as they were written (in French).

use crate::wire::wire_resource;
use leptos::prelude::*;
use leptos_i18n::td_string;
use leptos_meta::Title;

use super::server_fns::{list_outbox, outbox_texts, RetryMail, SendDigestsNow};
use crate::components::forms::FormErrors;
use crate::components::members_only;
use crate::components::sent_forms::form_action;
use crate::domain::mail::{pieces, MailKind, MailState, OutboxMail, Piece};
use crate::language::{moment, server_texts, use_locale, Locale};

server_texts! {
    /// The outbox page's words.
    pub struct OutboxTexts {
        title => outbox.title,
        heading => outbox.heading,
        delivery => outbox.delivery,
        no_delivery => outbox.no_delivery,
        latest => outbox.latest,
        nothing_to_sum_up => outbox.nothing_to_sum_up,
        one_digest => outbox.one_digest,
        digests_written => outbox.digests_written,
        prepare_digests => outbox.prepare_digests,
        digests_hint => outbox.digests_hint,
        no_mail => outbox.no_mail,
        waiting => outbox.waiting,
        waiting_retry => outbox.waiting_retry,
        attempts => outbox.attempts,
        sent_on => outbox.sent_on,
        failed_after => outbox.failed_after,
        failed_attempts => outbox.failed_attempts,
        cancelled => outbox.cancelled,
        to => outbox.to,
        kind => outbox.kind,
        resend => outbox.resend,
        colon => outbox.colon,
    }
}

/// `/admin/courriels` (admins).
#[component]
pub fn OutboxPage() -> impl IntoView {
    let locale = use_locale();
    let (retry, _) = form_action::<RetryMail>();
    let (digests, _) = form_action::<SendDigestsNow>();
    // Read again after each retry or digest.
    let outbox = wire_resource(move || (retry.version().get(), digests.version().get()), |_| list_outbox());
    let texts = wire_resource(|| (), move |_| outbox_texts(locale));
    view! {
        <div class="holder-page">
            <Transition fallback=move || view! { <p>{td_string!(locale, site.loading)}</p> }>
                {move || Suspend::new(async move {
                    let loaded = match (outbox.await, texts.await) {
                        (Ok(outbox), Ok(t)) => Ok((outbox, t)),
                        (Err(error), _) | (_, Err(error)) => Err(error),
                    };
                    members_only(loaded, "/admin/courriels", |(outbox, t)| {
                        let notice = if outbox.delivery { t.delivery.clone() } else { t.no_delivery.clone() };
                        let (title, heading, latest) = (t.title.clone(), t.heading.clone(), t.latest.clone());
                        let digests_view = view! { <Digests action=digests t=t.clone()/> };
                        view! {
                            <Title text=title/>
                            <h1>{heading}</h1>
                            <p class="notice">{notice}</p>
                            {digests_view}
                            <h2>{latest}</h2>
                            <Mails mails=outbox.mails retry t/>
                        }
                        .into_any()
                    })
                })}
            </Transition>
        </div>
    }
}

/// The daily digests, now.
#[component]
fn Digests(action: ServerAction<SendDigestsNow>, t: OutboxTexts) -> impl IntoView {
    let errors = FormErrors::of(action.value());
    let OutboxTexts { nothing_to_sum_up, one_digest, digests_written, prepare_digests, digests_hint, .. } = t;
    view! {
        {errors.summary()}
        <p class="form-success" role="status">
            {move || action.value().get().and_then(|r| r.ok()).map(|count| match count {
                0 => nothing_to_sum_up.clone(),
                1 => one_digest.clone(),
                n => format!("{n}{digests_written}"),
            })}
        </p>
        <ActionForm action>
            <button class="button button--secondary" type="submit" aria-describedby="recapitulatifs-aide">{prepare_digests}</button>
        </ActionForm>
        <p class="form-field__hint" id="recapitulatifs-aide">{digests_hint}</p>
    }
}

#[component]
fn Mails(mails: Vec<OutboxMail>, retry: ServerAction<RetryMail>, t: OutboxTexts) -> impl IntoView {
    if mails.is_empty() {
        return view! { <p class="muted">{t.no_mail}</p> }.into_any();
    }
    view! {
        <ul class="outbox">
            {mails.into_iter().map(|mail| view! { <Mail mail retry t=t.clone()/> }).collect_view()}
        </ul>
    }
    .into_any()
}

fn state_text(mail: &OutboxMail, t: &OutboxTexts) -> String {
    let error = mail.last_error.clone().unwrap_or_default();
    match mail.state {
        MailState::Waiting if mail.attempts == 0 => t.waiting.clone(),
        MailState::Waiting => format!("{}{}{}{error})", t.waiting_retry, mail.attempts, t.attempts),
        MailState::Sent => {
            format!("{}{}", t.sent_on, mail.sent_at.as_deref().map(|at| moment(t.locale, at)).unwrap_or_default())
        }
        MailState::Failed => format!("{}{}{}{error}", t.failed_after, mail.attempts, t.failed_attempts),
        MailState::Cancelled => t.cancelled.clone(),
    }
}

/// A mail's kind (its code, as stored) as people read it in the page's language.
fn kind_label(code: &str, english: bool) -> String {
    MailKind::from_code(code).map_or_else(|| code.to_string(), |kind| kind.label_in(english).to_string())
}

#[component]
fn Mail(mail: OutboxMail, retry: ServerAction<RetryMail>, t: OutboxTexts) -> impl IntoView {
    let state = state_text(&mail, &t);
    let when = format!(" · {} · {}", moment(t.locale, &mail.created_at), state);
    let kind = format!("{}{}", t.kind, kind_label(&mail.kind, t.locale == Locale::en));
    let class = format!("outbox__mail outbox__mail--{}", mail.state.code());
    let failed = mail.state == MailState::Failed;
    let lang = if mail.english { "en" } else { "fr" };
    let id = mail.id;
    let resend = t.resend;
    view! {
        <li class=class>
            <details>
                <summary>
                    // A mail is written in its reader's language, whatever the page's; the record
                    // of what was sent, word for word (`translate="no"`).
                    <span class="outbox__subject" lang=lang translate="no">{mail.subject.clone()}</span>
                    <span class="holder-table__meta">{t.to.clone()}<span translate="no">{mail.recipient.clone()}</span>{when}</span>
                </summary>
                <p class="holder-table__meta">{kind}</p>
                <div class="outbox__text" lang=lang translate="no">
                    {mail.text.lines().map(|line| view! { <p>{line_view(line)}</p> }).collect_view()}
                </div>
            </details>
            {failed.then(|| view! {
                <ActionForm action=retry>
                    <input type="hidden" name="id" value=id/>
                    <button class="button button--small" type="submit">{resend}<span class="sr-only">{t.colon.clone()}<span lang=lang>{mail.subject.clone()}</span></span></button>
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
