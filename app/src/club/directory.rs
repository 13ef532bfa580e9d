//! `/club`: the directory of the club's holders — organisation, areas, published initiatives,
//! charter signed — for holders and animators.

use leptos::prelude::*;
use leptos_meta::Title;

use super::server_fns::club_directory;
use super::ClubNav;
use crate::accounts::server_fns::current_account;
use crate::components::{members_only, CharterBadge};
use crate::domain::club::DirectoryEntry;
use crate::domain::Role;

/// `/club`; anonymous visitors are sent to `/connexion`.
#[component]
pub fn DirectoryPage() -> impl IntoView {
    let directory = Resource::new(|| (), |_| club_directory());
    let account = Resource::new(|| (), |_| current_account());
    view! {
        <Title text="Annuaire du club – Carte Orientation 28"/>
        <Suspense fallback=|| view! { <p class="holder-page">"Chargement de l'annuaire…"</p> }>
            {move || Suspend::new(async move {
                let (entries, account) = (directory.await, account.await);
                let both = entries.and_then(|entries| account.map(|account| (entries, account)));
                members_only(both, "/club", |(entries, account)| {
                    let staff = account.is_some_and(|a| a.role != Role::Holder);
                    view! { <Directory entries staff/> }.into_any()
                })
            })}
        </Suspense>
    }
}

#[component]
fn Directory(entries: Vec<DirectoryEntry>, staff: bool) -> impl IntoView {
    let count = entries.len();
    view! {
        <div class="holder-page club-page">
            {staff.then(|| view! { <ClubNav current="/club"/> })}
            <h1>"Annuaire des porteurs d'initiatives"</h1>
            <p>
                {format!("{count} structure{} membre{} du club. ", if count > 1 { "s" } else { "" }, if count > 1 { "s" } else { "" })}
                "Les bassins sont ceux de leurs initiatives publiées."
            </p>
            <table class="holder-table">
                <caption class="sr-only">"Les porteurs d'initiatives du club"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Structure"</th>
                        <th scope="col">"Bassins"</th>
                        <th scope="col">"Initiatives publiées"</th>
                        <th scope="col">"Charte d'immersion"</th>
                    </tr>
                </thead>
                <tbody>
                    {entries.into_iter().map(|entry| view! {
                        <tr>
                            <th scope="row">
                                {match entry.page {
                                    Some(page) => view! { <a href=page>{entry.organisation}</a> }.into_any(),
                                    None => entry.organisation.into_any(),
                                }}
                            </th>
                            <td>{if entry.areas.is_empty() { "—".to_string() } else { entry.areas.join(", ") }}</td>
                            <td>{entry.published}</td>
                            <td>
                                {if entry.charter_signed {
                                    view! { <CharterBadge/> }.into_any()
                                } else {
                                    view! { <span class="muted">"Non signée"</span> }.into_any()
                                }}
                            </td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
