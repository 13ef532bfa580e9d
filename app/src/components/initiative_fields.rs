//! Every field of an initiative, as the holders' form (`holders/editor.rs`) and the citizens'
//! suggestion (`contributions/suggest.rs`) show it: what was typed is kept whatever the server
//! answers, and each error sits beside its field (`forms::FormErrors`).

use leptos::html::Div;
use leptos::prelude::*;

use super::forms::{described_by, field_id, invalid, FormErrors, Labelled, TextInput};
use crate::domain::holding::IMMERSION_KIND;
use crate::domain::initiative_form::find_commune;
use crate::domain::initiative_form::Choices;
use crate::domain::{Audience, Field, InitiativeForm, Theme};

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
            <TextInput field=Field::Title name="form[title]" value=form.title.clone() errors
                hint="Ce que les gens liront en premier, en 5 à 120 caractères."/>
            <TextArea field=Field::Summary name="summary" value=form.summary.clone() rows=3 errors
                hint="En une ou deux phrases (20 à 280 caractères) : pour qui, pour quoi."/>
            <TextArea field=Field::SummaryEn name="summary_en" value=form.summary_en.clone() rows=3 errors
                hint="Facultatif : le même résumé en anglais, montré aux lecteurs de la carte en anglais (20 à 280 caractères)."/>
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
            <TextInput field=Field::Organisation name="form[organisation]" value=form.organisation.clone() autocomplete="organization" errors/>
            <TextInput field=Field::Website name="form[website]" value=form.website.clone() kind="url" autocomplete="url" errors
                hint="Adresse complète, par exemple https://www.exemple.fr."/>
            <TextInput field=Field::Email name="form[email]" value=form.email.clone() kind="email" autocomplete="email" errors/>
            <TextInput field=Field::Phone name="form[phone]" value=form.phone.clone() kind="tel" autocomplete="tel" errors
                hint="Par exemple 02 37 00 00 00."/>
            <TextInput field=Field::StartDate name="form[start_date]" value=form.start_date.clone() kind="date" errors
                hint="Laissez les dates vides pour une offre permanente."/>
            <TextInput field=Field::EndDate name="form[end_date]" value=form.end_date.clone() kind="date" errors
                hint="Pour une période ; vide pour un événement d'un jour."/>
            <TextInput field=Field::StartTime name="form[start_time]" value=form.start_time.clone() kind="time" errors
                hint="Facultatif : l'heure d'ouverture, chaque jour (par exemple 09:00)."/>
            <TextInput field=Field::EndTime name="form[end_time]" value=form.end_time.clone() kind="time" errors
                hint="Facultatif : l'heure de fermeture, chaque jour."/>
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
            <TextInput field=Field::Address name="form[address]" value=form.address.clone() autocomplete="street-address" errors
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
