//! `/mes-initiatives/nouvelle` and `/mes-initiatives/{id}`: the initiative form, its pin on a
//! map, saving as a draft or submitting for review, archiving, and the initiative's history.
//!
//! Inputs keep what was typed whatever the server answers (they are never re-rendered from the
//! answer); each error is written beside its field and listed, with links, in a summary.

use leptos::html::Div;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::server_fns::{
    form_choices, initiative_editor, ArchiveInitiative, Choices, CreateInitiative, Editor, SaveInitiative, Saved,
};
use crate::accounts::server_fns::current_account;
use crate::domain::holding::{find_commune, french_time, status_text, IMMERSION_KIND};
use crate::domain::{Audience, Field, InitiativeForm, Revision, Status, Theme};
use crate::error::AppError;
use crate::forms::{described_by, field_id, go_to_on_success, invalid, FormErrors, Labelled};
use crate::layout::{sign_in_path, ErrorNotice};

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
    let choices = Resource::new(|| (), |_| form_choices());
    view! {
        <Title text="Nouvelle initiative – Carte Orientation 28"/>
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                match (account.await, choices.await) {
                    (Ok(None), _) => view! { <Redirect path=sign_in_path("/mes-initiatives/nouvelle")/> }.into_any(),
                    (Ok(Some(account)), Ok(choices)) => {
                        // The holder's organisation is the likeliest: typed once, at sign-up.
                        let form = InitiativeForm { organisation: account.organisation, ..InitiativeForm::default() };
                        view! { <NewForm choices form/> }.into_any()
                    }
                    (Err(error), _) | (_, Err(error)) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn NewForm(choices: Choices, form: InitiativeForm) -> impl IntoView {
    let action = ServerAction::<CreateInitiative>::new();
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
                <InitiativeFields choices form errors/>
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
    let choices = Resource::new(|| (), |_| form_choices());
    view! {
        <Title text="Modifier une initiative – Carte Orientation 28"/>
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                match (editor.await, choices.await) {
                    (Err(AppError::Unauthorized), _) => {
                        let back = format!("/mes-initiatives/{}", id().unwrap_or_default());
                        view! { <Redirect path=sign_in_path(&back)/> }.into_any()
                    }
                    (Ok(editor), Ok(choices)) => view! { <EditForm editor choices/> }.into_any(),
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
fn EditForm(editor: Editor, choices: Choices) -> impl IntoView {
    let Editor { copy, form, history, may_edit } = editor;
    let id = copy.id;
    let save = ServerAction::<SaveInitiative>::new();
    let archive = ServerAction::<ArchiveInitiative>::new();
    let archive_action = archive;
    go_to_on_success(save.value(), after_save);
    go_to_on_success(archive.value(), after_save);
    let errors = FormErrors::of(save.value());
    let archive_errors = FormErrors::of(archive.value());
    // After a conflict, saving again starts from the revision now latest: it replaces it
    // knowingly, having been told what it changed.
    let base = RwSignal::new(copy.number);
    Effect::new(move |_| {
        for error in [errors.0.get(), archive_errors.0.get()] {
            if let Some(AppError::Conflict(conflict)) = error {
                base.set(conflict.latest);
            }
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
                        <input type="hidden" name="base" prop:value=move || base.get().to_string() value=copy.number/>
                        <InitiativeFields choices form errors/>
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
                        <input type="hidden" name="base" prop:value=move || base.get().to_string() value=copy.number/>
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

/// A one-line text input of the form.
#[component]
fn TextInput(
    field: Field,
    name: &'static str,
    value: String,
    #[prop(default = "text")] kind: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    errors: FormErrors,
) -> impl IntoView {
    let error = errors.field(field);
    let id = field_id(field);
    view! {
        <Labelled field hint error>
            <input
                id=id.clone()
                name=format!("form[{name}]")
                type=kind
                value=value
                autocomplete=autocomplete
                aria-invalid=invalid(error)
                aria-describedby=described_by(&id, hint.is_some(), error)
            />
        </Labelled>
    }
}

#[component]
fn TextArea(
    field: Field,
    name: &'static str,
    value: String,
    rows: u32,
    #[prop(optional)] hint: Option<&'static str>,
    errors: FormErrors,
) -> impl IntoView {
    let error = errors.field(field);
    let id = field_id(field);
    view! {
        <Labelled field hint error>
            <textarea
                id=id.clone()
                name=format!("form[{name}]")
                rows=rows
                aria-invalid=invalid(error)
                aria-describedby=described_by(&id, hint.is_some(), error)
            >{value}</textarea>
        </Labelled>
    }
}

/// A group of boxes to tick (themes, audiences): a fieldset whose legend names it.
#[component]
fn Checkboxes(
    field: Field,
    name: &'static str,
    options: Vec<(&'static str, &'static str)>,
    checked: Vec<String>,
    errors: FormErrors,
) -> impl IntoView {
    let error = errors.field(field);
    let id = field_id(field);
    view! {
        <fieldset
            class="form-field form-field--choices"
            id=id.clone()
            tabindex="-1"
            aria-invalid=invalid(error)
            aria-describedby=described_by(&id, false, error)
        >
            <legend>{field.label()} <span class="form-field__hint">" (au moins un)"</span></legend>
            {options.into_iter().map(|(code, label)| {
                let box_id = format!("{id}-{code}");
                view! {
                    <div class="form-choice">
                        <input
                            type="checkbox"
                            id=box_id.clone()
                            name=format!("form[{name}][]")
                            value=code
                            checked=checked.iter().any(|c| c == code)
                        />
                        <label for=box_id>{label}</label>
                    </div>
                }
            }).collect_view()}
            <p class="form-field__error" id=format!("{id}-erreur")>{move || error.get()}</p>
        </fieldset>
    }
}

/// Every field of an initiative, filled with `form` (the holders' form and citizens' suggestions).
#[component]
pub fn InitiativeFields(choices: Choices, form: InitiativeForm, errors: FormErrors) -> impl IntoView {
    let kind_error = errors.field(Field::Kind);
    let kind_id = field_id(Field::Kind);
    let kind_hint = "Une immersion ne peut être soumise qu'après signature de la charte d'immersion.";
    let themes = Theme::ALL.iter().map(|t| (t.code(), t.label())).collect();
    let audiences = Audience::ALL.iter().map(|a| (a.code(), a.label())).collect();
    let kind_options = choices
        .kinds
        .iter()
        .map(|kind| {
            let label = if kind.code == IMMERSION_KIND {
                format!("{} — charte requise", kind.label)
            } else {
                kind.label.clone()
            };
            view! { <option value=kind.code.clone() selected=kind.code == form.kind>{label}</option> }
        })
        .collect_view();
    let no_kind = form.kind.is_empty();
    view! {
        <fieldset class="initiative-form__group">
            <legend>"L'initiative"</legend>
            <TextInput field=Field::Title name="title" value=form.title.clone() errors
                hint="Ce que les gens liront en premier, en 5 à 120 caractères."/>
            <TextArea field=Field::Summary name="summary" value=form.summary.clone() rows=3 errors
                hint="En une ou deux phrases (20 à 280 caractères) : pour qui, pour quoi."/>
            <TextArea field=Field::Description name="description" value=form.description.clone() rows=8 errors
                hint="Facultatif. Séparez les paragraphes par une ligne vide."/>
            <Labelled field=Field::Kind hint=Some(kind_hint) error=kind_error>
                <select
                    id=kind_id.clone()
                    name="form[kind]"
                    aria-invalid=invalid(kind_error)
                    aria-describedby=described_by(&kind_id, true, kind_error)
                >
                    <option value="" selected=no_kind>"Choisissez un type…"</option>
                    {kind_options}
                </select>
            </Labelled>
            <Checkboxes field=Field::Themes name="themes" options=themes checked=form.themes.clone() errors/>
            <Checkboxes field=Field::Audiences name="audiences" options=audiences checked=form.audiences.clone() errors/>
        </fieldset>
        <Place choices form=form.clone() errors/>
        <fieldset class="initiative-form__group">
            <legend>"Contact et dates"</legend>
            <TextInput field=Field::Organisation name="organisation" value=form.organisation.clone() autocomplete="organization" errors/>
            <TextInput field=Field::Website name="website" value=form.website.clone() kind="url" autocomplete="url" errors
                hint="Adresse complète, par exemple https://www.exemple.fr."/>
            <TextInput field=Field::Email name="email" value=form.email.clone() kind="email" autocomplete="email" errors/>
            <TextInput field=Field::Phone name="phone" value=form.phone.clone() kind="tel" autocomplete="tel" errors
                hint="Par exemple 02 37 00 00 00."/>
            <TextInput field=Field::StartDate name="start_date" value=form.start_date.clone() kind="date" errors
                hint="Laissez les dates vides pour une offre permanente."/>
            <TextInput field=Field::EndDate name="end_date" value=form.end_date.clone() kind="date" errors
                hint="Pour une période ; vide pour un événement d'un jour."/>
        </fieldset>
    }
    .into_any()
}

/// Where the initiative is: its commune (autocomplete), its address, and its pin, placed on the
/// map or typed as coordinates. The pin starts at the commune's centre and follows a change of
/// commune until it is placed elsewhere.
#[component]
fn Place(choices: Choices, form: InitiativeForm, errors: FormErrors) -> impl IntoView {
    let communes = StoredValue::new(choices.communes);
    let commune = RwSignal::new(form.commune.clone());
    let lat = RwSignal::new(form.lat.clone());
    let lon = RwSignal::new(form.lon.clone());
    let centre = move |typed: &str| {
        communes.with_value(|all| find_commune(typed, all).map(|c| (format!("{:.6}", c.lat), format!("{:.6}", c.lon))))
    };
    // Where the last recognised commune put the pin. The pin follows a new commune while it is
    // still there (or nowhere); once placed by hand it stays, whatever commune is typed after.
    let followed = StoredValue::new(centre(&form.commune));
    Effect::new(move |_| {
        let Some(new_centre) = centre(&commune.get()) else { return };
        let here = (lat.get_untracked(), lon.get_untracked());
        let unplaced = here.0.trim().is_empty() && here.1.trim().is_empty();
        if unplaced || followed.get_value().as_ref() == Some(&here) {
            lat.set(new_centre.0.clone());
            lon.set(new_centre.1.clone());
            followed.set_value(Some(new_centre));
        }
    });
    let commune_error = errors.field(Field::Commune);
    let commune_id = field_id(Field::Commune);
    let location_error = errors.field(Field::Location);
    let location_id = field_id(Field::Location);
    let map_node = NodeRef::<Div>::new();
    #[cfg(feature = "hydrate")]
    crate::leaflet_map::picker::mount(map_node, lat, lon);
    view! {
        <fieldset class="initiative-form__group">
            <legend>"Le lieu"</legend>
            <Labelled field=Field::Commune hint=Some("Tapez les premières lettres puis choisissez dans la liste.") error=commune_error>
                <input
                    id=commune_id.clone()
                    name="form[commune]"
                    list="communes-28"
                    autocomplete="off"
                    value=form.commune.clone()
                    on:input=move |ev| commune.set(event_target_value(&ev))
                    on:change=move |ev| commune.set(event_target_value(&ev))
                    aria-invalid=invalid(commune_error)
                    aria-describedby=described_by(&commune_id, true, commune_error)
                />
                <datalist id="communes-28">
                    {communes.with_value(|all| all.iter().map(|c| view! { <option value=c.label()></option> }).collect_view())}
                </datalist>
            </Labelled>
            <TextInput field=Field::Address name="address" value=form.address.clone() autocomplete="street-address" errors
                hint="Facultatif : rue, bâtiment, salle."/>
            <div class="form-field">
                <p class="form-field__label" id="position-titre">"Position de l'épingle"</p>
                <p class="form-field__hint" id=format!("{location_id}-aide")>
                    "Cliquez sur la carte ou faites glisser l'épingle ; vous pouvez aussi taper ses coordonnées. "
                    "Sans coordonnées, l'épingle est placée au centre de la commune."
                </p>
                <div
                    class="map map--picker"
                    id="carte-epingle"
                    node_ref=map_node
                    role="region"
                    aria-label="Carte pour placer l'épingle"
                ></div>
                <div class="form-coordinates">
                    <label for=location_id.clone()>"Latitude"</label>
                    <input
                        id=location_id.clone()
                        name="form[lat]"
                        inputmode="decimal"
                        autocomplete="off"
                        value=form.lat.clone()
                        prop:value=move || lat.get()
                        on:input=move |ev| lat.set(event_target_value(&ev))
                        aria-invalid=invalid(location_error)
                        aria-describedby=described_by(&location_id, true, location_error)
                    />
                    <label for="champ-longitude">"Longitude"</label>
                    <input
                        id="champ-longitude"
                        name="form[lon]"
                        inputmode="decimal"
                        autocomplete="off"
                        value=form.lon.clone()
                        prop:value=move || lon.get()
                        on:input=move |ev| lon.set(event_target_value(&ev))
                        aria-invalid=invalid(location_error)
                        aria-describedby=described_by(&location_id, true, location_error)
                    />
                </div>
                <p class="form-field__error" id=format!("{location_id}-erreur")>{move || location_error.get()}</p>
            </div>
        </fieldset>
    }
    .into_any()
}

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
