//! The three legal pages. Their text is the site's own commitments: change it with the code
//! that makes them true.

use crate::wire::wire_resource;
use leptos::prelude::*;
use leptos_i18n::td_string;
use leptos_meta::Title;

use super::{conformity, load_site_identity};
use crate::language::{href, use_locale, Locale};
use crate::settings::SiteIdentity;

/// A page that needs who publishes the site. In English, the page first says that its French
/// version is the one that binds.
fn with_identity(title: &'static str, page: fn(Locale, SiteIdentity) -> AnyView) -> impl IntoView {
    let identity = wire_resource(|| (), |_| load_site_identity());
    let locale = use_locale();
    view! {
        <Title text=td_string!(locale, legal.page_title, title = title).to_string()/>
        <Suspense fallback=move || view! { <p class="legal-page">{td_string!(locale, legal.loading)}</p> }>
            {move || Suspend::new(async move {
                let identity = identity.await.unwrap_or_default();
                view! {
                    <div class="legal-page">
                        {(locale != Locale::fr).then(|| view! { <p class="muted">{td_string!(locale, legal.french_prevails)}</p> })}
                        {page(locale, identity)}
                    </div>
                }
            })}
        </Suspense>
    }
}

/// `/mentions-legales`.
#[component]
pub fn LegalNoticePage() -> impl IntoView {
    with_identity(td_string!(use_locale(), legal.notice), |locale, identity| {
        view! {
            <h1>{td_string!(locale, legal.notice)}</h1>
            <h2>{td_string!(locale, legal.publisher)}</h2>
            <p translate="no">{identity.publisher}</p>
            <p translate="no">{identity.address}</p>
            <p>{td_string!(locale, legal.contact)} <span translate="no">{identity.contact_email}</span></p>
            <h2>{td_string!(locale, legal.director)}</h2>
            <p translate="no">{identity.director}</p>
            <h2>{td_string!(locale, legal.host)}</h2>
            <p translate="no">{identity.host}</p>
            <h2>{td_string!(locale, legal.content)}</h2>
            <p>
                {td_string!(locale, legal.content_before)}
                <a href="https://www.etalab.gouv.fr/licence-ouverte-open-licence/">{td_string!(locale, site.footer_licence)}</a>
                {td_string!(locale, legal.content_after)}
            </p>
            <p>{td_string!(locale, legal.software)}</p>
            <p>
                <a href=href("/confidentialite")>{td_string!(locale, legal.privacy)}</a>
                " · "
                <a href=href("/accessibilite")>{td_string!(locale, legal.accessibility)}</a>
            </p>
        }
        .into_any()
    })
}

/// `/confidentialite`.
#[component]
pub fn PrivacyPage() -> impl IntoView {
    with_identity(td_string!(use_locale(), legal.privacy), |locale, identity| {
        let contact = identity.contact_email.clone();
        let controller = td_string!(
            locale,
            legal.controller,
            publisher = identity.publisher.clone(),
            address = identity.address.clone()
        );
        view! {
            <h1>{td_string!(locale, legal.privacy)}</h1>
            <p>{controller.to_string()}</p>
            <h2>{td_string!(locale, legal.visitors)}</h2>
            <p>{td_string!(locale, legal.visitors_text)}</p>
            {identity.address_service.as_ref().map(|notice| view! { <p>{notice.text(locale == Locale::en).to_string()}</p> })}
            <h2>{td_string!(locale, legal.contributors)}</h2>
            <p>{td_string!(locale, legal.contributors_text)}</p>
            <h2>{td_string!(locale, legal.accounts)}</h2>
            <ul>
                <li>{td_string!(locale, legal.kept)}</li>
                <li>{td_string!(locale, legal.public)}</li>
                <li>{td_string!(locale, legal.why)}</li>
                <li>{td_string!(locale, legal.how_long)}</li>
                <li>{td_string!(locale, legal.cookie)}</li>
            </ul>
            <h2>{td_string!(locale, legal.mails)}</h2>
            <p>{td_string!(locale, legal.mails_text)}</p>
            <h2>{td_string!(locale, legal.rights)}</h2>
            <p>
                {td_string!(locale, legal.rights_text)} <span translate="no">{contact}</span>
                {td_string!(locale, legal.cnil_before)}
                <a href="https://www.cnil.fr/fr/plaintes">"CNIL"</a> "."
            </p>
            <p>{td_string!(locale, legal.tiles)}</p>
        }
        .into_any()
    })
}

/// `/accessibilite`: the RGAA 4.1 declaration.
#[component]
pub fn AccessibilityPage() -> impl IntoView {
    with_identity(td_string!(use_locale(), legal.accessibility), |locale, identity| {
        let contact = identity.contact_email.clone();
        view! {
            <h1>{td_string!(locale, legal.declaration)}</h1>
            <p>{td_string!(locale, legal.commitment, publisher = identity.publisher.clone()).to_string()}</p>
            <h2>{td_string!(locale, legal.conformity)}</h2>
            <p>{td_string!(locale, legal.conformity_text, conformity = conformity(locale)).to_string()}</p>
            <h2>{td_string!(locale, legal.done)}</h2>
            <ul>
                <li>{td_string!(locale, legal.done_tests)}</li>
                <li>{td_string!(locale, legal.done_list)}</li>
                <li>{td_string!(locale, legal.done_forms)}</li>
                <li>{td_string!(locale, legal.done_charts)}</li>
            </ul>
            <h2>{td_string!(locale, legal.known)}</h2>
            <ul>
                <li>{td_string!(locale, legal.known_map)}</li>
                <li>{td_string!(locale, legal.known_picker)}</li>
            </ul>
            <h2>{td_string!(locale, legal.established)}</h2>
            <p>{td_string!(locale, legal.established_text)}</p>
            <h2>{td_string!(locale, legal.report)}</h2>
            <p>
                {td_string!(locale, legal.report_before)}
                <span translate="no">{contact}</span>
                {td_string!(locale, legal.report_after)}
            </p>
            <h2>{td_string!(locale, legal.remedies)}</h2>
            <p>
                {td_string!(locale, legal.remedies_before)}
                <a href="https://formulaire.defenseurdesdroits.fr/">{td_string!(locale, legal.remedies_form)}</a>
                {td_string!(locale, legal.remedies_after)}
            </p>
        }
        .into_any()
    })
}
