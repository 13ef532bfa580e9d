//! `/mes-initiatives/nouvelle` and `/mes-initiatives/{id}`: the initiative form, its pin on a
//! map, saving as a draft or submitting for review, archiving, and the initiative's history.
//!
//! Inputs keep what was typed whatever the server answers (they are never re-rendered from the
//! answer); each error is written beside its field and listed, with links, in a summary.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::server_fns::{
    form_choices, initiative_editor, ArchiveInitiative, Choices, CreateInitiative, Editor, SaveInitiative, Saved,
};
use crate::accounts::server_fns::current_account;
use crate::components::forms::{go_to_on_success, FormErrors};
use crate::components::initiative_fields::FormTexts;
use crate::components::sent_forms::form_action;
use crate::components::{sign_in_path, ErrorNotice};
use crate::components::{History, InitiativeFields};
use crate::domain::holding::{may_create, status_text};
use crate::domain::{InitiativeForm, Status};
use crate::error::AppError;
use crate::language::Locale;

/// Where a save leads: the initiative's page, saying what just happened.
fn after_save(saved: &Saved) -> String {
    format!("/mes-initiatives/{}?enregistre={}", saved.id, saved.state.code())
}

fn loading() -> impl IntoView {
    view! { <p class="holder-page">"Chargement du formulaire…"</p> }
}

/// `/mes-initiatives/nouvelle`.
#[component]
pub fn NewInitiativePage() -> impl IntoView {
    let account = Resource::new(|| (), |_| current_account());
    // French: the holders' pages are not translated yet (issue 17).
    let choices = Resource::new(|| (), |_| form_choices(Locale::fr));
    view! {
        <Title text="Nouvelle initiative – Carte Orientation 28"/>
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                match (account.await, choices.await) {
                    (Ok(None), _) => view! { <Redirect path=sign_in_path("/mes-initiatives/nouvelle")/> }.into_any(),
                    (Ok(Some(account)), _) if !may_create(&account) => view! { <NotForModerators/> }.into_any(),
                    (Ok(Some(account)), Ok((choices, texts))) => {
                        // The holder's organisation is the likeliest: typed once, at sign-up.
                        let form = InitiativeForm { organisation: account.organisation, ..InitiativeForm::default() };
                        view! { <NewForm choices texts form/> }.into_any()
                    }
                    (Err(error), _) | (_, Err(error)) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// What an animator or an admin opening the holders' form gets instead of a form they could
/// fill in only to be refused (403) when saving: why, and what they may do instead.
#[component]
fn NotForModerators() -> impl IntoView {
    crate::error::set_status(403);
    view! {
        <div class="holder-page">
            <h1>"Nouvelle initiative"</h1>
            <p role="alert">
                "Ce formulaire est celui des porteurs d'initiatives : un compte d'animateur ou d'administrateur "
                "ne porte pas d'initiative à son nom."
            </p>
            <p>"Ce que vous pouvez faire à la place :"</p>
            <ul>
                <li>
                    <a href="/proposer">"Proposer l'initiative"</a>
                    " comme le public : elle arrive dans la file de modération de son bassin, où vous pouvez la valider."
                </li>
                <li>
                    "Inviter sa structure à créer son compte de porteur ("
                    <a href="/inscription">"inscription"</a>
                    ") : elle tiendra ensuite l'initiative à jour elle-même."
                </li>
                <li><a href="/moderation">"Voir la file de modération"</a></li>
            </ul>
        </div>
    }
}

#[component]
fn NewForm(choices: Choices, texts: FormTexts, form: InitiativeForm) -> impl IntoView {
    let (action, typed) = form_action::<CreateInitiative>();
    let form = typed.map(|typed| typed.form).unwrap_or(form);
    let value = action.value();
    go_to_on_success(value, after_save);
    let errors = FormErrors::of(value);
    view! {
        <div class="holder-page">
            <Breadcrumb current="Nouvelle initiative".into()/>
            <h1>"Nouvelle initiative"</h1>
            <p>"Enregistrez un brouillon à tout moment ; rien n'est public avant la validation d'un animateur du club."</p>
            {errors.summary()}
            <ActionForm action {..} novalidate=true class="initiative-form">
                <InitiativeFields choices texts form errors/>
                <SaveButtons pending=action.pending().into()/>
            </ActionForm>
        </div>
    }
}

/// `/mes-initiatives/{id}`: its holder edits it; an admin reads it.
#[component]
pub fn EditInitiativePage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|id| id.parse::<i64>().ok());
    let editor = Resource::new(id, |id| async move {
        match id {
            Some(id) => initiative_editor(id).await,
            None => Err(AppError::NotFound),
        }
    });
    let choices = Resource::new(|| (), |_| form_choices(Locale::fr));
    view! {
        <Title text="Modifier une initiative – Carte Orientation 28"/>
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                match (editor.await, choices.await) {
                    (Err(AppError::Unauthorized), _) => {
                        let back = format!("/mes-initiatives/{}", id().unwrap_or_default());
                        view! { <Redirect path=sign_in_path(&back)/> }.into_any()
                    }
                    (Ok(editor), Ok((choices, texts))) => view! { <EditForm editor choices texts/> }.into_any(),
                    (Err(error), _) | (_, Err(error)) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// What the last save did (the state it saved in), said once on the page it led to.
fn saved_message(code: Option<String>, status: Status) -> Option<&'static str> {
    match (Status::from_code(&code?)?, status) {
        (Status::Draft, Status::Published) => {
            Some("Brouillon de modification enregistré. La carte montre toujours la version publiée.")
        }
        (Status::Draft, _) => Some("Brouillon enregistré. Il reste privé : soumettez-le quand il est prêt."),
        (Status::Pending, Status::Published) => Some(
            "Modification soumise : un animateur du club la relira. La carte montre la version publiée jusqu'à sa validation.",
        ),
        (Status::Pending, _) => Some("Initiative soumise : un animateur du club la relira avant publication."),
        (Status::Archived, _) => Some("Initiative archivée : elle n'apparaît plus sur la carte."),
        (Status::Published | Status::Rejected, _) => None,
    }
}

#[component]
fn EditForm(editor: Editor, choices: Choices, texts: FormTexts) -> impl IntoView {
    let Editor { copy, form, history, may_edit } = editor;
    let id = copy.id;
    let (save, typed) = form_action::<SaveInitiative>();
    let form = typed.map(|typed| typed.form).unwrap_or(form);
    let (archive, _) = form_action::<ArchiveInitiative>();
    let archive_action = archive;
    go_to_on_success(save.value(), after_save);
    go_to_on_success(archive.value(), after_save);
    let errors = FormErrors::of(save.value());
    let archive_errors = FormErrors::of(archive.value());
    // After a conflict, saving again starts from the revision now latest: it replaces it
    // knowingly, having been told what it changed.
    let conflict_latest = move || {
        [errors.error().get(), archive_errors.error().get()].into_iter().find_map(|error| match error {
            Some(AppError::Conflict(conflict)) => Some(conflict.latest),
            _ => None,
        })
    };
    // The page answering a conflict sent without JavaScript starts from the latest too.
    let base = RwSignal::new(untrack(conflict_latest).unwrap_or(copy.number));
    Effect::new(move |_| {
        if let Some(latest) = conflict_latest() {
            base.set(latest);
        }
    });
    let query = use_query_map();
    let saved = saved_message(query.with_untracked(|q| q.get("enregistre")), copy.status);
    let status_text = status_text(copy.status, copy.edit);
    let title = copy.input.title.clone();
    view! {
        <div class="holder-page">
            <Breadcrumb current=title.clone()/>
            <h1>{title}</h1>
            <p class="form-success" role="status">{saved}</p>
            <p>
                "Statut : " <strong class=format!("status-tag status-tag--{}", copy.status.code())>{status_text}</strong>
                {copy.public_path.clone().map(|path| view! { " · " <a href=path>"Voir la page publique"</a> })}
            </p>
            {copy.reason.clone().map(|reason| view! {
                <p class="holder-page__reason">"Motif du refus : " {reason} " Modifiez l'initiative puis soumettez-la de nouveau."</p>
            })}
            {(!may_edit).then(|| view! {
                <p class="holder-page__reason">"Lecture seule : seul le porteur de l'initiative peut la modifier."</p>
            })}
            {errors.summary()}
            {
                let action = save;
                view! {
                    <ActionForm action {..} novalidate=true class="initiative-form">
                        <input type="hidden" name="id" value=id/>
                        <input type="hidden" name="base" prop:value=move || base.get().to_string() value=base.get_untracked()/>
                        <InitiativeFields choices texts form errors/>
                        {may_edit.then(|| view! { <SaveButtons pending=save.pending().into()/> })}
                    </ActionForm>
                }
            }
            {(may_edit && copy.status != Status::Archived).then(|| view! {
                <section class="holder-page__archive" aria-labelledby="archiver">
                    <h2 id="archiver">"Retirer de la carte"</h2>
                    <p>"Une initiative qui n'existe plus s'archive : elle quitte la carte, son historique reste."</p>
                    {archive_errors.summary()}
                    <ActionForm action=archive_action>
                        <input type="hidden" name="id" value=id/>
                        <input type="hidden" name="base" prop:value=move || base.get().to_string() value=base.get_untracked()/>
                        <button class="button button--secondary" type="submit" disabled=move || archive.pending().get()>
                            "Archiver l'initiative"
                        </button>
                    </ActionForm>
                </section>
            })}
            <History history/>
        </div>
    }
    .into_any()
}

#[component]
fn Breadcrumb(current: String) -> impl IntoView {
    view! {
        <nav class="breadcrumb" aria-label="Fil d'Ariane">
            <a href="/mes-initiatives">"Mes initiatives"</a>
            <span aria-hidden="true">" › "</span>
            <span aria-current="page">{current}</span>
        </nav>
    }
}

#[component]
fn SaveButtons(pending: Signal<bool>) -> impl IntoView {
    view! {
        <div class="form-actions">
            // First: what Enter in a field does, the harmless choice.
            <button class="button button--secondary" type="submit" name="intent" value="draft" disabled=pending>
                "Enregistrer le brouillon"
            </button>
            <button class="button" type="submit" name="intent" value="submit" disabled=pending>
                "Soumettre pour validation"
            </button>
        </div>
    }
}
