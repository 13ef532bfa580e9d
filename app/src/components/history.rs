//! An initiative's history, as its holder (`holders/editor.rs`) and its moderators
//! (`moderation/case.rs`) read it.

use leptos::prelude::*;

use crate::domain::holding::french_time;
use crate::domain::Revision;

/// Every revision: who, when, in which state, which fields changed; `row_action` adds a last
/// column (moderators restore a revision from there).
#[component]
pub fn History(history: Vec<Revision>, #[prop(optional)] row_action: Option<Callback<i64, AnyView>>) -> impl IntoView {
    (!history.is_empty()).then(|| view! {
        <section class="holder-page__history" aria-labelledby="historique">
            <h2 id="historique">"Historique"</h2>
            <table class="holder-table">
                <thead>
                    <tr>
                        <th scope="col">"Version"</th>
                        <th scope="col">"Date"</th>
                        <th scope="col">"Par"</th>
                        <th scope="col">"État"</th>
                        <th scope="col">"Champs modifiés"</th>
                        {row_action.map(|_| view! { <th scope="col">"Action"</th> })}
                    </tr>
                </thead>
                <tbody>
                    {history.into_iter().map(|revision| {
                        let changed = if revision.changed.is_empty() {
                            "—".to_string()
                        } else {
                            revision.changed.iter().map(|f| f.label()).collect::<Vec<_>>().join(", ")
                        };
                        view! {
                            <tr>
                                <td>{revision.number}</td>
                                <td>{french_time(&revision.created_at)}</td>
                                <td>{revision.author}</td>
                                <td>
                                    {revision.state.label()}
                                    {revision.reason.map(|reason| view! { <p class="holder-table__reason">"Motif : " {reason}</p> })}
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
