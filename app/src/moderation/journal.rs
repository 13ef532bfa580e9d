//! `/admin/journal`: who did what, when — every moderation and admin action (admins only).

use leptos::prelude::*;
use leptos_meta::Title;

use super::server_fns::audit_log;
use crate::components::members_only;
use crate::domain::audit::AuditEntry;
use crate::domain::holding::french_time;

/// `/admin/journal`; anonymous visitors are sent to `/connexion`.
#[component]
pub fn JournalPage() -> impl IntoView {
    let entries = Resource::new(|| (), |_| audit_log());
    view! {
        <Title text="Journal des actions – Carte Orientation 28"/>
        <Suspense fallback=|| view! { <p class="holder-page">"Chargement du journal…"</p> }>
            {move || Suspend::new(async move {
                members_only(entries.await, "/admin/journal", |entries| view! { <Journal entries/> }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn Journal(entries: Vec<AuditEntry>) -> impl IntoView {
    let empty = entries.is_empty();
    view! {
        <div class="holder-page">
            <h1>"Journal des actions"</h1>
            <p>"Chaque action de modération et d'administration, la plus récente en premier (500 au plus)."</p>
            {if empty {
                view! { <p class="muted">"Aucune action pour le moment."</p> }.into_any()
            } else {
                view! {
                    <table class="holder-table">
                        <caption class="sr-only">"Journal des actions, la plus récente en premier"</caption>
                        <thead>
                            <tr>
                                <th scope="col">"Date"</th>
                                <th scope="col">"Par"</th>
                                <th scope="col">"Action"</th>
                                <th scope="col">"Sur"</th>
                                <th scope="col">"Détails"</th>
                            </tr>
                        </thead>
                        <tbody>
                            {entries.into_iter().map(|entry| view! {
                                <tr>
                                    <td>{french_time(&entry.at)}</td>
                                    <td>{entry.actor}</td>
                                    <td>{entry.action.label()}</td>
                                    <td>
                                        {match entry.initiative_id {
                                            Some(id) => view! {
                                                <a href=format!("/moderation/initiatives/{id}")>{entry.subject}</a>
                                            }.into_any(),
                                            None => entry.subject.into_any(),
                                        }}
                                    </td>
                                    <td>{entry.details}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
        </div>
    }
}
