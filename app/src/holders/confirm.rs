//! `/mes-initiatives/{id}/confirmer`: where the yearly « Toujours à jour ? » mail leads. After
//! signing in, one click confirms the initiative current; a change goes through its form.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::list::ConfirmButton;
use super::server_fns::{initiative_editor, Editor};
use crate::components::members_only;
use crate::domain::Status;

/// `/mes-initiatives/{id}/confirmer`; anonymous visitors sign in first and come back here.
#[component]
pub fn ConfirmCurrentPage() -> impl IntoView {
    let id = use_params_map().with_untracked(|p| p.get("id")).and_then(|id| id.parse::<i64>().ok()).unwrap_or_default();
    let editor = Resource::new(move || id, initiative_editor);
    let back_to = format!("/mes-initiatives/{id}/confirmer");
    view! {
        <Title text="Toujours à jour ? – Carte Orientation 28"/>
        <Suspense fallback=|| view! { <p class="holder-page">"Chargement…"</p> }>
            {move || {
                let back_to = back_to.clone();
                Suspend::new(async move {
                    members_only(editor.await, &back_to, |editor| view! { <Confirm editor/> }.into_any())
                })
            }}
        </Suspense>
    }
}

#[component]
fn Confirm(editor: Editor) -> impl IntoView {
    let Editor { copy, may_edit, .. } = editor;
    let title = copy.input.title.clone();
    let edit = format!("/mes-initiatives/{}", copy.id);
    let answer = if copy.status != Status::Published {
        view! { <p class="notice">"Cette initiative n'est pas publiée : il n'y a rien à confirmer."</p> }.into_any()
    } else if !may_edit {
        view! { <p class="notice">"Seul son porteur peut la confirmer à jour."</p> }.into_any()
    } else {
        view! {
            <p>"Si elle est toujours exacte — dates, publics, lieu, contact —, confirmez-le : la carte la montrera à jour pour un an."</p>
            <ConfirmButton id=copy.id title=title.clone()/>
        }
        .into_any()
    };
    view! {
        <div class="holder-page">
            <h1>{format!("« {title} » est-elle toujours à jour ?")}</h1>
            {answer}
            <p><a href=edit>"Quelque chose a changé ? Modifier l'initiative"</a></p>
        </div>
    }
}
