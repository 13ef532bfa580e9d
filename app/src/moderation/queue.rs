//! `/moderation`: what waits for the signed-in animator, in their areas, oldest first.

use leptos::prelude::*;
use leptos_meta::Title;

use super::server_fns::{moderation_queue, Queue};
use crate::components::members_only;
use crate::domain::holding::french_time;
use crate::domain::moderation::{waiting_text, QueueItem};

/// `/moderation`; anonymous visitors are sent to `/connexion` and come back here.
#[component]
pub fn ModerationPage() -> impl IntoView {
    let queue = Resource::new(|| (), |_| moderation_queue());
    view! {
        <Title text="Modération – Carte Orientation 28"/>
        <Suspense fallback=|| view! { <p class="holder-page">"Chargement de la file de modération…"</p> }>
            {move || Suspend::new(async move {
                members_only(queue.await, "/moderation", |queue| view! { <QueueView queue/> }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn QueueView(queue: Queue) -> impl IntoView {
    let count = queue.items.len();
    let summary = match count {
        0 => "Rien n'attend : la file est vide.".to_string(),
        1 => "1 élément attend, ci-dessous.".to_string(),
        n => format!("{n} éléments attendent, le plus ancien en premier."),
    };
    view! {
        <div class="holder-page">
            <h1>"Modération"</h1>
            <p><strong>{queue.scope}</strong> " — " {summary}</p>
            {(count > 0).then(|| view! {
                <table class="holder-table moderation-queue">
                    <caption class="sr-only">"File de modération, le plus ancien en premier"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Initiative"</th>
                            <th scope="col">"À faire"</th>
                            <th scope="col">"Bassin"</th>
                            <th scope="col">"Envoyé par"</th>
                            <th scope="col">"En attente"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {queue.items.into_iter().map(|item| view! { <QueueRow item/> }).collect_view()}
                    </tbody>
                </table>
            })}
        </div>
    }
}

#[component]
fn QueueRow(item: QueueItem) -> impl IntoView {
    let waiting = waiting_text(item.days);
    view! {
        <tr>
            <th scope="row">
                <a href=format!("/moderation/initiatives/{}", item.initiative_id)>{item.title.clone()}</a>
            </th>
            <td>
                <span class="status-tag status-tag--pending">{item.kind.label()}</span>
                {item.detail.clone().map(|detail| view! { <p class="holder-table__reason">{detail}</p> })}
            </td>
            <td>{item.area_name.clone()}</td>
            <td>{item.from.clone()}</td>
            <td>{waiting} <span class="holder-table__meta">{french_time(&item.since)}</span></td>
        </tr>
    }
}
