//! `/mes-initiatives/{id}/confirmer`: where the yearly « Toujours à jour ? » mail leads. After
//! signing in, one click confirms the initiative current; a change goes through its form. In
//! both languages: its words (`HolderTexts`) come with its data.

use crate::wire::wire_resource;
use leptos::prelude::*;
use leptos_i18n::td_string;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::list::ConfirmButton;
use super::server_fns::{initiative_editor, Editor};
use super::{texts_resource, HolderTexts};
use crate::components::members_only;
use crate::domain::Status;
use crate::language::{href, use_locale};

/// `/mes-initiatives/{id}/confirmer`; anonymous visitors sign in first and come back here.
#[component]
pub fn ConfirmCurrentPage() -> impl IntoView {
    let locale = use_locale();
    let id = use_params_map().with_untracked(|p| p.get("id")).and_then(|id| id.parse::<i64>().ok()).unwrap_or_default();
    let editor = wire_resource(move || id, initiative_editor);
    let texts = texts_resource();
    let back_to = format!("/mes-initiatives/{id}/confirmer");
    view! {
        <Suspense fallback=move || view! { <p class="holder-page">{td_string!(locale, site.loading)}</p> }>
            {move || {
                let back_to = back_to.clone();
                Suspend::new(async move {
                    let both = match (editor.await, texts.await) {
                        (Ok(editor), Ok(t)) => Ok((editor, t)),
                        (Err(error), _) | (_, Err(error)) => Err(error),
                    };
                    members_only(both, &back_to, |(editor, t)| view! {
                        <Title text=t.confirm_title.clone()/>
                        <Confirm editor t/>
                    }.into_any())
                })
            }}
        </Suspense>
    }
}

#[component]
fn Confirm(editor: Editor, t: HolderTexts) -> impl IntoView {
    let Editor { copy, may_edit, .. } = editor;
    let title = copy.input.title.clone();
    let edit = href(&format!("/mes-initiatives/{}", copy.id));
    let answer = if copy.status != Status::Published {
        view! { <p class="notice">{t.not_published.clone()}</p> }.into_any()
    } else if !may_edit {
        view! { <p class="notice">{t.only_holder_confirms.clone()}</p> }.into_any()
    } else {
        view! {
            <p>{t.confirm_text.clone()}</p>
            <ConfirmButton id=copy.id title=title.clone() t=t.clone()/>
        }
        .into_any()
    };
    view! {
        <div class="holder-page">
            <h1>{t.is_it_current_before.clone()}<span lang="fr">{title}</span>{t.is_it_current_after.clone()}</h1>
            {answer}
            <p><a href=edit>{t.something_changed.clone()}</a></p>
        </div>
    }
}
