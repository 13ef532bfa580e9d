//! `/charte`: the current immersion charter, and for a signed-in holder, their signature.

use crate::wire::wire_resource;
use leptos::prelude::*;
use leptos_i18n::td_string;
use leptos_meta::{Meta, Title};

use super::server_fns::{load_charter, SignCharter};
use crate::components::forms::{go_to_on_success, FormErrors};
use crate::components::sent_forms::form_action;
use crate::components::ErrorNotice;
use crate::language::{href, moment, use_locale, Locale};

/// `/charte` (public).
#[component]
pub fn CharterPage() -> impl IntoView {
    let page = wire_resource(|| (), |_| load_charter());
    let locale = use_locale();
    view! {
        <Title text=td_string!(locale, charter.title)/>
        <Meta name="description" content=td_string!(locale, charter.description)/>
        <Suspense fallback=move || view! { <p class="charter-page">{td_string!(locale, charter.loading)}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) => view! { <Charter page/> }.into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Charter(page: crate::domain::CharterPage) -> impl IntoView {
    let paragraphs = page.current.paragraphs().into_iter().map(String::from).collect::<Vec<_>>();
    let (title, body) = paragraphs.split_first().map(|(t, b)| (t.clone(), b.to_vec())).unwrap_or_default();
    let locale = use_locale();
    // The charter is the text holders sign, in French: said so to English readers.
    let french_text = (locale != Locale::fr).then_some("fr");
    let version = td_string!(
        locale,
        charter.version,
        version = page.current.version,
        date = moment(locale, &page.current.published_at)
    );
    view! {
        <article class="charter-page">
            <h1 lang=french_text>{title}</h1>
            {french_text.map(|_| view! { <p class="muted">{td_string!(locale, charter.in_french)}</p> })}
            <p class="muted">{version.to_string()}</p>
            <div lang=french_text>{body.into_iter().map(|p| view! { <p class="prose">{p}</p> }).collect_view()}</div>
            <Signature page/>
        </article>
    }
}

/// Where the reader stands: signed, to sign (again), or how to sign.
#[component]
fn Signature(page: crate::domain::CharterPage) -> impl IntoView {
    let (action, _) = form_action::<SignCharter>();
    let locale = use_locale();
    let here = href("/charte");
    go_to_on_success(action.value(), move |_| here.clone());
    let errors = FormErrors::of(action.value());
    let version = page.current.version;
    let body = match (page.may_sign, page.signed_at) {
        (true, Some(at)) => view! {
            <p class="charter-page__signed">
                <span class="charter-badge">{td_string!(locale, badges.charter)}</span>
                {td_string!(locale, charter.signed, version = version, date = moment(locale, &at)).to_string()}
            </p>
        }
        .into_any(),
        (true, None) => view! {
            {page.signed_earlier.map(|earlier| view! {
                <p>{td_string!(locale, charter.changed, earlier = earlier, version = version).to_string()}</p>
            })}
            {errors.summary()}
            <ActionForm action>
                <input type="hidden" name="version" value=version/>
                <button class="button" type="submit" disabled=move || action.pending().get()>
                    {td_string!(locale, charter.sign, version = version).to_string()}
                </button>
            </ActionForm>
            <p class="muted">{td_string!(locale, charter.badge_note)}</p>
        }
        .into_any(),
        (false, _) => view! {
            <p>
                {td_string!(locale, charter.offer)}
                <a href=href(&format!("/connexion?suite={}", href("/charte")))>{td_string!(locale, charter.sign_in)}</a>
                {td_string!(locale, charter.sign_in_after)}
                <a href=href("/inscription")>{td_string!(locale, charter.sign_up)}</a>
                "."
            </p>
        }
        .into_any(),
    };
    view! {
        <section class="charter-page__signature" aria-labelledby="signature">
            <h2 id="signature">{td_string!(locale, charter.signature)}</h2>
            {body}
        </section>
    }
}
