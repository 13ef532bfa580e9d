//! `/admin/journal`: who did what, when — every moderation and admin action (admins only). In
//! both languages: its words (`JournalTexts`) come with the log; each line's details stay as
//! the log wrote them, in French.

use crate::wire::wire_resource;
use leptos::prelude::*;
use leptos_i18n::td_string;
use leptos_meta::Title;

use super::server_fns::audit_log;
use crate::components::members_only;
use crate::domain::audit::AuditEntry;
use crate::language::{href, moment, server_texts, use_locale, Locale};

server_texts! {
    /// The audit log's words.
    pub struct JournalTexts {
        title => journal.title,
        heading => journal.heading,
        intro => journal.intro,
        empty => journal.empty,
        caption => journal.caption,
        by => journal.by,
        on => journal.on,
        details => journal.details,
    }
}

/// `/admin/journal`; anonymous visitors are sent to `/connexion`.
#[component]
pub fn JournalPage() -> impl IntoView {
    let locale = use_locale();
    let entries = wire_resource(|| (), move |_| audit_log(locale));
    view! {
        <Suspense fallback=move || view! { <p class="holder-page">{td_string!(locale, site.loading)}</p> }>
            {move || Suspend::new(async move {
                members_only(entries.await, "/admin/journal", |(entries, t)| view! { <Journal entries t/> }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn Journal(entries: Vec<AuditEntry>, t: JournalTexts) -> impl IntoView {
    let locale = t.locale;
    let english = locale == Locale::en;
    let empty = entries.is_empty();
    view! {
        <Title text=t.title.clone()/>
        <div class="holder-page">
            <h1>{t.heading.clone()}</h1>
            <p>{t.intro.clone()}</p>
            {if empty {
                view! { <p class="muted">{t.empty.clone()}</p> }.into_any()
            } else {
                view! {
                    <table class="holder-table">
                        <caption class="sr-only">{t.caption.clone()}</caption>
                        <thead>
                            <tr>
                                <th scope="col">"Date"</th>
                                <th scope="col">{t.by.clone()}</th>
                                <th scope="col">"Action"</th>
                                <th scope="col">{t.on.clone()}</th>
                                <th scope="col">{t.details.clone()}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {entries.into_iter().map(|entry| view! {
                                <tr>
                                    <td>{moment(locale, &entry.at)}</td>
                                    <td translate="no">{entry.actor}</td>
                                    <td>{entry.action.label_in(english)}</td>
                                    <td translate="no">
                                        {match entry.initiative_id {
                                            Some(id) => view! {
                                                <a href=href(&format!("/moderation/initiatives/{id}"))>{entry.subject}</a>
                                            }.into_any(),
                                            None => entry.subject.into_any(),
                                        }}
                                    </td>
                                    <td lang="fr">{entry.details}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
        </div>
    }
}
