//! What every form of the site shares: errors written beside their fields and tied to them
//! (`aria-describedby`), an announced summary, and a full page load once an action succeeds.
//! Forms are `novalidate`: the browser's own bubbles would stop a submission before our
//! messages, written beside the fields, could say what to fix.

use leptos::prelude::*;

use crate::domain::Field;
use crate::error::AppError;

/// A full page load: every part of the page, the header included, then knows who is signed in.
pub fn go_to(path: &str) {
    #[cfg(feature = "hydrate")]
    let _ = window().location().set_href(path);
    #[cfg(not(feature = "hydrate"))]
    let _ = path;
}

/// Once `value` (an action's last result) is a success, loads the page `path` names for it.
pub fn go_to_on_success<T: Send + Sync + 'static>(
    value: MappedSignal<Option<Result<T, AppError>>>,
    path: impl Fn(&T) -> String + 'static,
) {
    go_to_when(value, move |done| Some(path(done)));
}

/// Once `value` is a success for which `path` names a page, loads that page. In the browser, as
/// the success arrives; on the server, when the page answers a form sent without JavaScript
/// (`sent_forms`) that succeeded: the page is then a redirect to where the script would go.
pub fn go_to_when<T: Send + Sync + 'static>(
    value: MappedSignal<Option<Result<T, AppError>>>,
    path: impl Fn(&T) -> Option<String> + 'static,
) {
    let path_now = move || {
        value.with_untracked(|v| match v {
            Some(Ok(done)) => path(done),
            _ => None,
        })
    };
    #[cfg(feature = "ssr")]
    if let Some(path) = path_now() {
        leptos_axum::redirect(&path);
    }
    Effect::new(move |_| {
        value.track();
        if let Some(path) = path_now() {
            go_to(&path);
        }
    });
}

/// The error of a form's last submission, for its summary and its fields, in the page's
/// language (the server writes its messages in both).
#[derive(Clone, Copy)]
pub struct FormErrors {
    error: Signal<Option<AppError>>,
    english: bool,
    /// The page answers this form, sent without JavaScript (`sent_forms`): its summary is where
    /// the browser scrolls to (`#envoi`).
    answered: bool,
}

impl FormErrors {
    pub fn of<T: Send + Sync + 'static>(value: MappedSignal<Option<Result<T, AppError>>>) -> FormErrors {
        FormErrors {
            error: Signal::derive(move || value.with(|v| v.as_ref().and_then(|r| r.as_ref().err().cloned()))),
            answered: value.with_untracked(|v| v.is_some()),
            english: crate::language::use_locale() == crate::language::Locale::en,
        }
    }

    /// The error itself.
    pub fn error(self) -> Signal<Option<AppError>> {
        self.error
    }

    pub fn field(self, field: Field) -> Signal<Option<String>> {
        Signal::derive(move || match self.error.get() {
            Some(AppError::Invalid(errors)) => errors.for_field(field).map(|m| m.text(self.english).to_string()),
            _ => None,
        })
    }

    /// The summary announced when a submission fails; each field's message links to the field
    /// (inputs have the id `champ-{field}`).
    pub fn summary(self) -> impl IntoView {
        view! {
            <div class="form-alert" role="alert" id=self.answered.then_some(crate::domain::sent_forms::ANCHOR)>
                {move || self.error.get().map(|error| match error {
                    AppError::Invalid(errors) if errors.0.len() > 1 => view! {
                        <p>{leptos_i18n::td_string!(crate::language::use_locale(), report.fields_to_correct)}</p>
                        <ul>
                            {errors.0.into_iter().map(|e| view! {
                                <li><a href=format!("#champ-{}", e.field.code())>{e.message.text(self.english).to_string()}</a></li>
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    error => view! { <p>{crate::language::error_message(crate::language::use_locale(), &error)}</p> }.into_any(),
                })}
            </div>
        }
    }
}

/// One labelled one-line input with its hint and its error, both read out with it. Its id is
/// its field's ([`field_id`]), which the error summary links to; `name` is what the server
/// function reads (`email`, `form[title]`…), `label` the field's own unless given.
#[component]
pub fn TextInput(
    field: Field,
    #[prop(into)] name: String,
    #[prop(optional, into)] label: Option<String>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(optional, into)] hint: Option<String>,
    /// What the input starts with: the value saved, an invitation's, or what was typed.
    #[prop(optional, into)]
    value: String,
    /// Announced as required (the form is `novalidate`: our messages say what is missing).
    #[prop(optional)]
    required: bool,
    errors: FormErrors,
) -> impl IntoView {
    let error = errors.field(field);
    let id = field_id(field);
    let has_hint = hint.is_some();
    view! {
        <Labelled field label=label.unwrap_or_else(|| field.label().into()) hint error>
            <input
                id=id.clone()
                name=name
                type=kind
                value=value
                autocomplete=autocomplete
                required=required
                aria-invalid=invalid(error)
                aria-describedby=described_by(&id, has_hint, error)
            />
        </Labelled>
    }
}

/// The ids an input is described by: its hint (when it has one) and its error (when there is
/// one), for `aria-describedby`.
pub fn described_by(
    id: &str,
    has_hint: bool,
    error: Signal<Option<String>>,
) -> impl Fn() -> String + Send + Sync + 'static {
    let (hint_id, error_id) = (format!("{id}-aide"), format!("{id}-erreur"));
    move || {
        let mut ids = Vec::new();
        if has_hint {
            ids.push(hint_id.clone());
        }
        if error.get().is_some() {
            ids.push(error_id.clone());
        }
        ids.join(" ")
    }
}

/// `"true"` when the field has an error, for `aria-invalid`.
pub fn invalid(error: Signal<Option<String>>) -> impl Fn() -> &'static str + Send + Sync + 'static {
    move || if error.get().is_some() { "true" } else { "false" }
}

/// The id of a field's control: `champ-title`… (the error summary links to it).
pub fn field_id(field: Field) -> String {
    format!("champ-{}", field.code())
}

/// A labelled control with its hint and its error; the control itself carries the id
/// ([`field_id`]) and `aria-invalid` / `aria-describedby` ([`invalid`], [`described_by`]).
/// The label is the field's own unless `label` says otherwise.
#[component]
pub fn Labelled(
    field: Field,
    #[prop(optional, into)] label: Option<String>,
    #[prop(optional_no_strip)] hint: Option<String>,
    error: Signal<Option<String>>,
    children: Children,
) -> impl IntoView {
    let id = field_id(field);
    view! {
        <div class="form-field">
            <label for=id.clone()>{label.unwrap_or_else(|| field.label().into())}</label>
            {hint.map(|hint| view! { <p class="form-field__hint" id=format!("{id}-aide")>{hint}</p> })}
            {children()}
            <p class="form-field__error" id=format!("{id}-erreur")>{move || error.get()}</p>
        </div>
    }
}

/// An optional e-mail address to answer to, never published (reports, suggestions).
#[component]
pub fn ContactEmail(
    name: &'static str,
    /// The field's name, when not the French default.
    #[prop(optional, into)]
    label: Option<String>,
    #[prop(into)] hint: String,
    /// What the input starts with (what was typed, on the page answering a refused form).
    #[prop(optional, into)]
    value: String,
    errors: FormErrors,
) -> impl IntoView {
    let error = errors.field(Field::ContactEmail);
    let id = field_id(Field::ContactEmail);
    view! {
        <Labelled field=Field::ContactEmail label=label.unwrap_or_else(|| "Votre adresse e-mail (facultatif)".into()) hint=Some(hint) error>
            <input
                id=id.clone()
                name=name
                type="email"
                value=value
                autocomplete="email"
                aria-invalid=invalid(error)
                aria-describedby=described_by(&id, true, error)
            />
        </Labelled>
    }
}
