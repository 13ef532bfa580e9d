//! `/moderation`: what waits for the signed-in animator, in their areas, oldest first. In both
//! languages: its words (`ModerationTexts`) come with the queue; what people sent stays as
//! they wrote it.

use crate::wire::wire_resource;
use leptos::prelude::*;
use leptos_i18n::td_string;
use leptos_meta::Title;

use super::server_fns::{moderation_queue, Queue};
use super::ModerationTexts;
use crate::components::members_only;
use crate::domain::moderation::{author_in, waiting_text_in, QueueItem};
use crate::language::{href, moment, use_locale, Locale};

/// `/moderation`; anonymous visitors are sent to `/connexion` and come back here.
#[component]
pub fn ModerationPage() -> impl IntoView {
    let locale = use_locale();
    let queue = wire_resource(|| (), move |_| moderation_queue(locale));
    view! {
        <Suspense fallback=move || view! { <p class="holder-page">{td_string!(locale, site.loading)}</p> }>
            {move || Suspend::new(async move {
                members_only(queue.await, "/moderation", |(queue, t)| view! { <QueueView queue t/> }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn QueueView(queue: Queue, t: ModerationTexts) -> impl IntoView {
    let locale = t.locale;
    let count = queue.items.len();
    let summary = match count {
        0 => t.empty.clone(),
        1 => t.one_waits.clone(),
        n => format!("{n}{}", t.many_wait),
    };
    let head = t.clone();
    view! {
        <Title text=t.title.clone()/>
        <div class="holder-page">
            <h1>{t.heading.clone()}</h1>
            <p><strong>{queue.scope}</strong> " — " {summary}</p>
            {(count > 0).then(move || view! {
                <table class="holder-table moderation-queue">
                    <caption class="sr-only">{head.caption.clone()}</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Initiative"</th>
                            <th scope="col">{head.to_do.clone()}</th>
                            <th scope="col">{head.area.clone()}</th>
                            <th scope="col">{head.sent_by_column.clone()}</th>
                            <th scope="col">{head.waiting.clone()}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {queue.items.into_iter().map(|item| view! { <QueueRow item locale/> }).collect_view()}
                    </tbody>
                </table>
            })}
        </div>
    }
}

#[component]
fn QueueRow(item: QueueItem, locale: Locale) -> impl IntoView {
    let english = locale == Locale::en;
    let waiting = waiting_text_in(item.days, english);
    // A report's reason in the page's language; then what people wrote, as written (French): a
    // report's comment, a claim's message.
    let reason = item.reason.map(|reason| reason.label_in(english));
    let separator = (reason.is_some() && item.detail.is_some()).then_some(if english { ": " } else { " : " });
    view! {
        <tr>
            <th scope="row">
                <a href=href(&format!("/moderation/initiatives/{}", item.initiative_id)) lang="fr">{item.title.clone()}</a>
            </th>
            <td>
                <span class="status-tag status-tag--pending">{item.kind.label_in(english)}</span>
                {(reason.is_some() || item.detail.is_some()).then(|| view! {
                    <p class="holder-table__reason">
                        {reason}{separator}{item.detail.clone().map(|detail| view! { <span lang="fr">{detail}</span> })}
                    </p>
                })}
            </td>
            <td translate="no">{item.area_name.clone()}</td>
            <td translate="no">{author_in(&item.from, english)}</td>
            <td>{waiting} <span class="holder-table__meta">{moment(locale, &item.since)}</span></td>
        </tr>
    }
}
