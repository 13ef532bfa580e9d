//! `/club`: the directory of the club's holders — organisation, areas, published initiatives,
//! charter signed — for holders and animators. In both languages: its words (`ClubTexts`) come
//! with the directory.

use crate::wire::wire_resource;
use leptos::prelude::*;
use leptos_i18n::td_string;
use leptos_meta::Title;

use super::server_fns::{club_directory, club_texts};
use super::{ClubNav, ClubTexts};
use crate::accounts::server_fns::current_account;
use crate::components::{members_only, CharterBadge};
use crate::domain::club::DirectoryEntry;
use crate::domain::Role;
use crate::error::AppError;
use crate::language::{href, use_locale, Locale};

/// `/club`; anonymous visitors are sent to `/connexion`.
#[component]
pub fn DirectoryPage() -> impl IntoView {
    let locale = use_locale();
    let directory = wire_resource(
        || (),
        move |_| async move {
            let texts = club_texts(locale).await?;
            Ok::<_, AppError>((club_directory().await?, texts))
        },
    );
    let account = wire_resource(|| (), |_| current_account());
    view! {
        <Suspense fallback=move || view! { <p class="holder-page">{td_string!(locale, site.loading)}</p> }>
            {move || Suspend::new(async move {
                let (entries, account) = (directory.await, account.await);
                let both = entries.and_then(|entries| account.map(|account| (entries, account)));
                members_only(both, "/club", |((entries, t), account)| {
                    let staff = account.is_some_and(|a| a.role != Role::Holder);
                    view! { <Directory entries staff t/> }.into_any()
                })
            })}
        </Suspense>
    }
}

#[component]
fn Directory(entries: Vec<DirectoryEntry>, staff: bool, t: ClubTexts) -> impl IntoView {
    let count = entries.len();
    // « 1 structure membre », « 2 structures membres »; "1 member organisation", "0 member
    // organisations" (French takes the singular for none).
    let many = if t.locale == Locale::en { count != 1 } else { count > 1 };
    let members = if many { t.members_several.clone() } else { t.members_single.clone() };
    let nav = t.clone();
    view! {
        <Title text=t.directory_title.clone()/>
        <div class="holder-page club-page">
            {staff.then(move || view! { <ClubNav current="/club" t=nav/> })}
            <h1>{t.directory_heading.clone()}</h1>
            <p>
                {format!("{count}{members}")}
                {t.directory_areas_note.clone()}
            </p>
            <table class="holder-table">
                <caption class="sr-only">{t.directory_caption.clone()}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t.organisation.clone()}</th>
                        <th scope="col">{t.areas.clone()}</th>
                        <th scope="col">{t.published.clone()}</th>
                        <th scope="col">{t.charter.clone()}</th>
                    </tr>
                </thead>
                <tbody>
                    {entries.into_iter().map(|entry| view! {
                        <tr>
                            <th scope="row" translate="no">
                                {match entry.page {
                                    Some(page) => view! { <a href=href(&page)>{entry.organisation}</a> }.into_any(),
                                    None => entry.organisation.into_any(),
                                }}
                            </th>
                            <td translate="no">{if entry.areas.is_empty() { "—".to_string() } else { entry.areas.join(", ") }}</td>
                            <td>{entry.published}</td>
                            <td>
                                {if entry.charter_signed {
                                    view! { <CharterBadge/> }.into_any()
                                } else {
                                    view! { <span class="muted">{t.not_signed.clone()}</span> }.into_any()
                                }}
                            </td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
