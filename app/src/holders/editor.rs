//! `/mes-initiatives/nouvelle` and `/mes-initiatives/{id}`: the initiative form, its pin on a
//! map, saving as a draft or submitting for review, archiving, and the initiative's history.
//!
//! Inputs keep what was typed whatever the server answers (they are never re-rendered from the
//! answer); each error is written beside its field and listed, with links, in a summary.
//!
//! In both languages: the page's words (`HolderTexts`) come with its data, the form's
//! (`FormTexts`) with its choices; a save leads to the page in the same language.

use crate::wire::wire_resource;
use leptos::prelude::*;
use leptos_i18n::td_string;
use leptos_meta::Title;
use leptos_router::components::Redirect;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::server_fns::{
    form_choices, initiative_editor, ArchiveInitiative, Choices, CreateInitiative, Editor, SaveInitiative, Saved,
};
use super::{texts_resource, HolderTexts};
use crate::accounts::server_fns::current_account;
use crate::components::forms::{go_to_on_success, FormErrors};
use crate::components::initiative_fields::FormTexts;
use crate::components::sent_forms::form_action;
use crate::components::{sign_in_path, ErrorNotice};
use crate::components::{History, InitiativeFields};
use crate::domain::holding::may_create;
use crate::domain::{InitiativeForm, Status};
use crate::error::AppError;
use crate::language::{href, localized, use_locale, Locale};

/// Where a save leads: the initiative's page in the page's language, saying what just happened.
fn after_save(locale: Locale, saved: &Saved) -> String {
    localized(locale, &format!("/mes-initiatives/{}?enregistre={}", saved.id, saved.state.code()))
}

/// While the form loads (the words the citizens' suggestion form compiles in already).
fn loading() -> impl IntoView {
    let locale = use_locale();
    view! { <p class="holder-page">{td_string!(locale, suggest.loading)}</p> }
}

/// `/mes-initiatives/nouvelle`.
#[component]
pub fn NewInitiativePage() -> impl IntoView {
    let locale = use_locale();
    let account = wire_resource(|| (), |_| current_account());
    let choices = wire_resource(|| (), move |_| form_choices(locale));
    let texts = texts_resource();
    view! {
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                match (account.await, choices.await, texts.await) {
                    (Ok(None), _, _) => view! { <Redirect path=sign_in_path("/mes-initiatives/nouvelle")/> }.into_any(),
                    (Ok(Some(account)), _, Ok(t)) if !may_create(&account) => view! {
                        <Title text=t.new_title.clone()/>
                        <NotForModerators t/>
                    }.into_any(),
                    (Ok(Some(account)), Ok((choices, texts)), Ok(t)) => {
                        // The holder's organisation is the likeliest: typed once, at sign-up.
                        let form = InitiativeForm { organisation: account.organisation, ..InitiativeForm::default() };
                        view! {
                            <Title text=t.new_title.clone()/>
                            <NewForm choices texts form t/>
                        }.into_any()
                    }
                    (Err(error), _, _) | (_, Err(error), _) | (_, _, Err(error)) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// What an animator or an admin opening the holders' form gets instead of a form they could
/// fill in only to be refused (403) when saving: why, and what they may do instead.
#[component]
fn NotForModerators(t: HolderTexts) -> impl IntoView {
    crate::error::set_status(403);
    view! {
        <div class="holder-page">
            <h1>{t.new_initiative}</h1>
            <p role="alert">{t.holders_form}</p>
            <p>{t.instead}</p>
            <ul>
                <li>
                    <a href=href("/proposer")>{t.suggest_it}</a>
                    {t.suggest_it_after}
                </li>
                <li>
                    {t.invite_before}
                    <a href=href("/inscription")>{t.sign_up}</a>
                    {t.invite_after}
                </li>
                <li><a href=href("/moderation")>{t.moderation_queue}</a></li>
            </ul>
        </div>
    }
}

#[component]
fn NewForm(choices: Choices, texts: FormTexts, form: InitiativeForm, t: HolderTexts) -> impl IntoView {
    let locale = t.locale;
    let (action, typed) = form_action::<CreateInitiative>();
    let form = typed.map(|typed| typed.form).unwrap_or(form);
    let value = action.value();
    go_to_on_success(value, move |saved: &Saved| after_save(locale, saved));
    let errors = FormErrors::of(value);
    // Moved into the form's children.
    let buttons_texts = t.clone();
    view! {
        <div class="holder-page">
            <Breadcrumb current=t.new_initiative.clone() t=t.clone()/>
            <h1>{t.new_initiative.clone()}</h1>
            <p>{t.new_intro.clone()}</p>
            {errors.summary()}
            <ActionForm action {..} novalidate=true class="initiative-form">
                <InitiativeFields choices texts form errors/>
                <SaveButtons pending=action.pending().into() t=buttons_texts/>
            </ActionForm>
        </div>
    }
}

/// `/mes-initiatives/{id}`: its holder edits it; an admin reads it.
#[component]
pub fn EditInitiativePage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|id| id.parse::<i64>().ok());
    let editor = wire_resource(id, |id| async move {
        match id {
            Some(id) => initiative_editor(id).await,
            None => Err(AppError::NotFound),
        }
    });
    let locale = use_locale();
    let choices = wire_resource(|| (), move |_| form_choices(locale));
    let texts = texts_resource();
    view! {
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                match (editor.await, choices.await, texts.await) {
                    (Err(AppError::Unauthorized), _, _) => {
                        let back = format!("/mes-initiatives/{}", id().unwrap_or_default());
                        view! { <Redirect path=sign_in_path(&back)/> }.into_any()
                    }
                    (Ok(editor), Ok((choices, texts)), Ok(t)) => view! {
                        <Title text=t.edit_title.clone()/>
                        <EditForm editor choices texts t/>
                    }.into_any(),
                    (Err(error), _, _) | (_, Err(error), _) | (_, _, Err(error)) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// What the last save did (the state it saved in), said once on the page it led to.
fn saved_message(t: &HolderTexts, code: Option<String>, status: Status) -> Option<String> {
    let message = match (Status::from_code(&code?)?, status) {
        (Status::Draft, Status::Published) => &t.saved_edit_draft,
        (Status::Draft, _) => &t.saved_draft,
        (Status::Pending, Status::Published) => &t.submitted_edit,
        (Status::Pending, _) => &t.submitted,
        (Status::Archived, _) => &t.archived,
        (Status::Published | Status::Rejected, _) => return None,
    };
    Some(message.clone())
}

#[component]
fn EditForm(editor: Editor, choices: Choices, texts: FormTexts, t: HolderTexts) -> impl IntoView {
    let locale = t.locale;
    let english = locale == Locale::en;
    let Editor { copy, form, history, may_edit } = editor;
    let id = copy.id;
    let (save, typed) = form_action::<SaveInitiative>();
    let form = typed.map(|typed| typed.form).unwrap_or(form);
    let (archive, _) = form_action::<ArchiveInitiative>();
    let archive_action = archive;
    go_to_on_success(save.value(), move |saved: &Saved| after_save(locale, saved));
    go_to_on_success(archive.value(), move |saved: &Saved| after_save(locale, saved));
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
    let saved = saved_message(&t, query.with_untracked(|q| q.get("enregistre")), copy.status);
    let status_text = crate::domain::holding::status_text(copy.status, copy.edit, english);
    let title = copy.input.title.clone();
    // Moved into the forms' children (the page reads `t` after them).
    let buttons_texts = t.clone();
    let archive_label = t.archive.clone();
    view! {
        <div class="holder-page">
            <Breadcrumb current=title.clone() t=t.clone() own=true/>
            <h1 lang="fr">{title}</h1>
            <p class="form-success" role="status">{saved}</p>
            <p>
                {t.status.clone()} <strong class=format!("status-tag status-tag--{}", copy.status.code())>{status_text}</strong>
                {copy.public_path.clone().map(|path| view! { " · " <a href=href(&path)>{t.public_page.clone()}</a> })}
            </p>
            {copy.reason.clone().map(|reason| view! {
                <p class="holder-page__reason">{t.refusal_reason.clone()} <span lang="fr">{reason}</span> {t.resubmit.clone()}</p>
            })}
            {(!may_edit).then(|| view! {
                <p class="holder-page__reason">{t.read_only.clone()}</p>
            })}
            {errors.summary()}
            {
                let action = save;
                view! {
                    <ActionForm action {..} novalidate=true class="initiative-form">
                        <input type="hidden" name="id" value=id/>
                        <input type="hidden" name="base" prop:value=move || base.get().to_string() value=base.get_untracked()/>
                        <InitiativeFields choices texts form errors/>
                        {may_edit.then(|| view! { <SaveButtons pending=save.pending().into() t=buttons_texts.clone()/> })}
                    </ActionForm>
                }
            }
            {(may_edit && copy.status != Status::Archived).then(|| view! {
                <section class="holder-page__archive" aria-labelledby="archiver">
                    <h2 id="archiver">{t.withdraw.clone()}</h2>
                    <p>{t.withdraw_text.clone()}</p>
                    {archive_errors.summary()}
                    <ActionForm action=archive_action>
                        <input type="hidden" name="id" value=id/>
                        <input type="hidden" name="base" prop:value=move || base.get().to_string() value=base.get_untracked()/>
                        <button class="button button--secondary" type="submit" disabled=move || archive.pending().get()>
                            {archive_label}
                        </button>
                    </ActionForm>
                </section>
            })}
            <History history/>
        </div>
    }
    .into_any()
}

/// The way back to the list; `current` is the holder's own words (their initiative's title)
/// when `own`.
#[component]
fn Breadcrumb(current: String, t: HolderTexts, #[prop(optional)] own: bool) -> impl IntoView {
    view! {
        <nav class="breadcrumb" aria-label=t.breadcrumb>
            <a href=href("/mes-initiatives")>{t.my_initiatives}</a>
            <span aria-hidden="true">" › "</span>
            <span aria-current="page" lang=own.then_some("fr")>{current}</span>
        </nav>
    }
}

#[component]
fn SaveButtons(pending: Signal<bool>, t: HolderTexts) -> impl IntoView {
    view! {
        <div class="form-actions">
            // First: what Enter in a field does, the harmless choice.
            <button class="button button--secondary" type="submit" name="intent" value="draft" disabled=pending>
                {t.save_draft}
            </button>
            <button class="button" type="submit" name="intent" value="submit" disabled=pending>
                {t.submit}
            </button>
        </div>
    }
}
