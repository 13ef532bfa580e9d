//! Every field of an initiative, as the holders' form (`holders/editor.rs`) and the citizens'
//! suggestion (`contributions/suggest.rs`) show it: what was typed is kept whatever the server
//! answers, and each error sits beside its field (`forms::FormErrors`). The form's words come
//! from the server with its choices, in the page's language (`FormTexts`).

use leptos::html::Div;
use leptos::prelude::*;

use super::communes_list::{communes_options_html, COMMUNES_LIST_ID};
use super::forms::{described_by, field_id, invalid, FormErrors, Labelled, TextInput};
use crate::domain::holding::IMMERSION_KIND;
use crate::domain::initiative_form::find_commune;
use crate::domain::initiative_form::Choices;
use crate::domain::{Audience, Field, InitiativeForm, Theme};
use crate::language::{audience_label, kind_label, server_texts, theme_label};

server_texts! {
    /// The initiative form's words (labels, hints, legends), sent with its choices: the
    /// citizens' suggestion and the holders' form are the only pages that need them.
    pub struct FormTexts {
        initiative => form.initiative,
        place => form.place,
        contact_and_dates => form.contact_and_dates,
        title => form.title,
        title_hint => form.title_hint,
        summary => form.summary,
        summary_hint => form.summary_hint,
        summary_en => form.summary_en,
        summary_en_hint => form.summary_en_hint,
        description => form.description,
        description_hint => form.description_hint,
        kind => form.kind,
        kind_hint => form.kind_hint,
        choose_kind => form.choose_kind,
        charter_required => form.charter_required,
        themes => form.themes,
        audiences => form.audiences,
        at_least_one => form.at_least_one,
        commune => form.commune,
        commune_hint => form.commune_hint,
        address => form.address,
        address_hint => form.address_hint,
        location => form.location,
        location_hint => form.location_hint,
        location_map => form.location_map,
        pin_title => form.pin_title,
        latitude => form.latitude,
        longitude => form.longitude,
        organisation => form.organisation,
        website => form.website,
        website_hint => form.website_hint,
        email => form.email,
        phone => form.phone,
        phone_hint => form.phone_hint,
        start_date => form.start_date,
        start_date_hint => form.start_date_hint,
        end_date => form.end_date,
        end_date_hint => form.end_date_hint,
        start_time => form.start_time,
        start_time_hint => form.start_time_hint,
        end_time => form.end_time,
        end_time_hint => form.end_time_hint,
    }
}

#[component]
fn TextArea(
    field: Field,
    name: &'static str,
    label: String,
    value: String,
    rows: u32,
    hint: String,
    errors: FormErrors,
) -> impl IntoView {
    let error = errors.field(field);
    let id = field_id(field);
    view! {
        <Labelled field label hint=Some(hint) error>
            <textarea
                id=id.clone()
                name=format!("form[{name}]")
                rows=rows
                aria-invalid=invalid(error)
                aria-describedby=described_by(&id, true, error)
            >{value}</textarea>
        </Labelled>
    }
}

/// A group of boxes to tick (themes, audiences): a fieldset whose legend names it.
#[component]
fn Checkboxes(
    field: Field,
    name: &'static str,
    legend: String,
    at_least_one: String,
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
            <legend>{legend} <span class="form-field__hint">{at_least_one}</span></legend>
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
pub fn InitiativeFields(choices: Choices, texts: FormTexts, form: InitiativeForm, errors: FormErrors) -> impl IntoView {
    let kind_error = errors.field(Field::Kind);
    let kind_id = field_id(Field::Kind);
    let locale = texts.locale;
    let themes = Theme::ALL.iter().map(|t| (t.code(), theme_label(locale, *t))).collect();
    let audiences = Audience::ALL.iter().map(|a| (a.code(), audience_label(locale, *a))).collect();
    let kind_options = choices
        .kinds
        .iter()
        .map(|kind| {
            let label = kind_label(locale, &kind.label, &kind.label_en);
            let label =
                if kind.code == IMMERSION_KIND { format!("{label} — {}", texts.charter_required) } else { label };
            view! { <option value=kind.code.clone() selected=kind.code == form.kind>{label}</option> }
        })
        .collect_view();
    let no_kind = form.kind.is_empty();
    let t = texts.clone();
    view! {
        <fieldset class="initiative-form__group">
            <legend>{t.initiative}</legend>
            <TextInput field=Field::Title name="form[title]" label=t.title value=form.title.clone() errors
                hint=t.title_hint/>
            <TextArea field=Field::Summary name="summary" label=t.summary value=form.summary.clone() rows=3 errors
                hint=t.summary_hint/>
            <TextArea field=Field::SummaryEn name="summary_en" label=t.summary_en value=form.summary_en.clone() rows=3 errors
                hint=t.summary_en_hint/>
            <TextArea field=Field::Description name="description" label=t.description value=form.description.clone() rows=8 errors
                hint=t.description_hint/>
            <Labelled field=Field::Kind label=t.kind hint=Some(t.kind_hint) error=kind_error>
                <select
                    id=kind_id.clone()
                    name="form[kind]"
                    aria-invalid=invalid(kind_error)
                    aria-describedby=described_by(&kind_id, true, kind_error)
                >
                    <option value="" selected=no_kind>{t.choose_kind}</option>
                    {kind_options}
                </select>
            </Labelled>
            <Checkboxes field=Field::Themes name="themes" legend=t.themes at_least_one=t.at_least_one.clone()
                options=themes checked=form.themes.clone() errors/>
            <Checkboxes field=Field::Audiences name="audiences" legend=t.audiences at_least_one=t.at_least_one
                options=audiences checked=form.audiences.clone() errors/>
        </fieldset>
        <Place choices texts form=form.clone() errors/>
        <fieldset class="initiative-form__group">
            <legend>{t.contact_and_dates}</legend>
            <TextInput field=Field::Organisation name="form[organisation]" label=t.organisation value=form.organisation.clone()
                autocomplete="organization" errors/>
            <TextInput field=Field::Website name="form[website]" label=t.website value=form.website.clone() kind="url"
                autocomplete="url" errors hint=t.website_hint/>
            <TextInput field=Field::Email name="form[email]" label=t.email value=form.email.clone() kind="email"
                autocomplete="email" errors/>
            <TextInput field=Field::Phone name="form[phone]" label=t.phone value=form.phone.clone() kind="tel"
                autocomplete="tel" errors hint=t.phone_hint/>
            <TextInput field=Field::StartDate name="form[start_date]" label=t.start_date value=form.start_date.clone()
                kind="date" errors hint=t.start_date_hint/>
            <TextInput field=Field::EndDate name="form[end_date]" label=t.end_date value=form.end_date.clone()
                kind="date" errors hint=t.end_date_hint/>
            <TextInput field=Field::StartTime name="form[start_time]" label=t.start_time value=form.start_time.clone()
                kind="time" errors hint=t.start_time_hint/>
            <TextInput field=Field::EndTime name="form[end_time]" label=t.end_time value=form.end_time.clone()
                kind="time" errors hint=t.end_time_hint/>
        </fieldset>
    }
    .into_any()
}

/// Where the initiative is: its commune (autocomplete), its address, and its pin, placed on the
/// map or typed as coordinates. The pin starts at the commune's centre and follows a change of
/// commune until it is placed elsewhere.
#[component]
fn Place(choices: Choices, texts: FormTexts, form: InitiativeForm, errors: FormErrors) -> impl IntoView {
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
    crate::leaflet_map::picker::mount(map_node, lat, lon, texts.pin_title.clone());
    let t = texts;
    view! {
        <fieldset class="initiative-form__group">
            <legend>{t.place}</legend>
            <Labelled field=Field::Commune label=t.commune hint=Some(t.commune_hint) error=commune_error>
                <input
                    id=commune_id.clone()
                    name="form[commune]"
                    list=COMMUNES_LIST_ID
                    autocomplete="off"
                    value=form.commune.clone()
                    on:input=move |ev| commune.set(event_target_value(&ev))
                    on:change=move |ev| commune.set(event_target_value(&ev))
                    aria-invalid=invalid(commune_error)
                    aria-describedby=described_by(&commune_id, true, commune_error)
                />
                <datalist id=COMMUNES_LIST_ID inner_html=communes.with_value(|all| communes_options_html(all.iter().map(|c| c.label())))></datalist>
            </Labelled>
            <TextInput field=Field::Address name="form[address]" label=t.address value=form.address.clone()
                autocomplete="street-address" errors hint=t.address_hint/>
            <div class="form-field">
                <p class="form-field__label" id="position-titre">{t.location}</p>
                <p class="form-field__hint" id=format!("{location_id}-aide")>{t.location_hint}</p>
                <div
                    class="map map--picker"
                    id="carte-epingle"
                    node_ref=map_node
                    role="region"
                    aria-label=t.location_map
                ></div>
                <div class="form-coordinates">
                    <label for=location_id.clone()>{t.latitude}</label>
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
                    <label for="champ-longitude">{t.longitude}</label>
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
