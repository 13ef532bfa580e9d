//! An initiative's history, as its holder (`holders/editor.rs`) and its moderators
//! (`moderation/case.rs`) read it, in the language of the page around it. Its few words are
//! compiled in (both pages' chunks share it; the revisions' own words are the fields' and
//! states' labels, in the domain).

use leptos::prelude::*;
use leptos_i18n::td_string;

use crate::domain::moderation::author_in;
use crate::domain::Revision;
use crate::language::{moment, use_locale, Locale};

/// Every revision: who, when, in which state, which fields changed; `row_action` adds a last
/// column (moderators restore a revision from there).
#[component]
pub fn History(history: Vec<Revision>, #[prop(optional)] row_action: Option<Callback<i64, AnyView>>) -> impl IntoView {
    let locale = use_locale();
    let english = locale == Locale::en;
    (!history.is_empty()).then(|| view! {
        <section class="holder-page__history" aria-labelledby="historique">
            <h2 id="historique">{td_string!(locale, history.heading)}</h2>
            <table class="holder-table">
                <thead>
                    <tr>
                        <th scope="col">"Version"</th>
                        <th scope="col">"Date"</th>
                        <th scope="col">{td_string!(locale, history.by)}</th>
                        <th scope="col">{td_string!(locale, history.state)}</th>
                        <th scope="col">{td_string!(locale, history.changed)}</th>
                        {row_action.map(|_| view! { <th scope="col">"Action"</th> })}
                    </tr>
                </thead>
                <tbody>
                    {history.into_iter().map(|revision| {
                        let changed = if revision.changed.is_empty() {
                            "—".to_string()
                        } else {
                            revision.changed.iter().map(|f| f.label_in(english)).collect::<Vec<_>>().join(", ")
                        };
                        view! {
                            <tr>
                                <td>{revision.number}</td>
                                <td>{moment(locale, &revision.created_at)}</td>
                                // A person's name, or the server's name for what no account wrote.
                                <td translate="no">{author_in(&revision.author, english)}</td>
                                <td>
                                    {revision.state.label_in(english)}
                                    {revision.reason.map(|reason| view! { <p class="holder-table__reason">{td_string!(locale, history.reason)}<span lang="fr">{reason}</span></p> })}
                                </td>
                                <td>{changed}</td>
                                {row_action.map(|action| view! { <td>{action.run(revision.number)}</td> })}
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }.into_any())
}
