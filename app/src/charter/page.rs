//! `/charte`: the current immersion charter, and for a signed-in holder, their signature.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use super::server_fns::{load_charter, SignCharter};
use crate::components::forms::{go_to_on_success, FormErrors};
use crate::components::sent_forms::form_action;
use crate::components::ErrorNotice;
use crate::domain::holding::french_time;

/// `/charte` (public).
#[component]
pub fn CharterPage() -> impl IntoView {
    let page = Resource::new(|| (), |_| load_charter());
    view! {
        <Title text="Charte d'immersion – Carte Orientation 28"/>
        <Meta name="description" content="Les engagements des structures qui proposent des immersions en Eure-et-Loir."/>
        <Suspense fallback=|| view! { <p class="charter-page">"Chargement de la charte…"</p> }>
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
    view! {
        <article class="charter-page">
            <h1>{title}</h1>
            <p class="muted">
                {format!("Version {} en vigueur depuis le {}.", page.current.version, french_time(&page.current.published_at))}
            </p>
            {body.into_iter().map(|p| view! { <p class="prose">{p}</p> }).collect_view()}
            <Signature page/>
        </article>
    }
}

/// Where the reader stands: signed, to sign (again), or how to sign.
#[component]
fn Signature(page: crate::domain::CharterPage) -> impl IntoView {
    let (action, _) = form_action::<SignCharter>();
    go_to_on_success(action.value(), |_| "/charte".into());
    let errors = FormErrors::of(action.value());
    let version = page.current.version;
    let body = match (page.may_sign, page.signed_at) {
        (true, Some(at)) => view! {
            <p class="charter-page__signed">
                <span class="charter-badge">"Charte signée"</span>
                {format!(" Vous avez signé la version {version} le {}.", french_time(&at))}
            </p>
        }
        .into_any(),
        (true, None) => view! {
            {page.signed_earlier.map(|earlier| view! {
                <p>{format!("Vous aviez signé la version {earlier}. La charte a changé depuis : relisez-la, puis signez la version {version}.")}</p>
            })}
            {errors.summary()}
            <ActionForm action>
                <input type="hidden" name="version" value=version/>
                <button class="button" type="submit" disabled=move || action.pending().get()>
                    {format!("Signer la charte (version {version})")}
                </button>
            </ActionForm>
            <p class="muted">"Vos initiatives publiées porteront le badge « Charte signée » sur la carte."</p>
        }
        .into_any(),
        (false, _) => view! {
            <p>
                "Vous proposez des immersions ? "
                <a href="/connexion?suite=/charte">"Connectez-vous"</a>
                " avec votre compte de porteur pour signer la charte, ou "
                <a href="/inscription">"inscrivez votre structure"</a>
                "."
            </p>
        }
        .into_any(),
    };
    view! {
        <section class="charter-page__signature" aria-labelledby="signature">
            <h2 id="signature">"Signature"</h2>
            {body}
        </section>
    }
}
