//! The frame around every page: the HTML shell, header, footer, and the error pages.

use crate::wire::wire_resource;
use leptos::prelude::*;
use leptos_meta::MetaTags;
use leptos_router::hooks::use_location;

use leptos_i18n::td_string;

use crate::domain::Role;
use crate::language::{document_locale, href, lang_tag, unprefixed, use_locale, LanguageSwitch};
use crate::pages::page_styles;
use crate::settings::MapSettings;

/// The HTML document the server sends; the browser then hydrates `<body>`.
/// Leaflet comes from our own `/vendor` (built from npm's sources: scripts/build-leaflet.mjs),
/// never from a CDN.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let map = use_context::<MapSettings>().unwrap_or_default();
    #[cfg(feature = "ssr")]
    let split_loader = crate::pages::chunk_preloads::provide(&options);
    #[cfg(not(feature = "ssr"))]
    let split_loader: Option<String> = None;
    #[cfg(feature = "ssr")]
    let chunk_preloads = crate::pages::chunk_preloads::links();
    #[cfg(not(feature = "ssr"))]
    let chunk_preloads = ();
    view! {
        <!DOCTYPE html>
        <html lang=lang_tag(document_locale())>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="theme-color" content="#1d4e89"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <link rel="stylesheet" href="/vendor/leaflet/leaflet.css"/>
                // The stylesheets here, in this order, never among leptos_meta's tags below: those
                // are hydrated by their order, so a tag only the server writes there is taken for
                // the page's next one, and removed with it when the visitor leaves the page.
                <link rel="stylesheet" id="leptos" href="/pkg/carte-orientation-28.css"/>
                {page_styles::linked_by_server().then(|| {
                    view! { <link rel="stylesheet" id=page_styles::ID href=page_styles::HREF/> }
                })}
                // Read by the map once hydrated; the head is never hydrated, so no mismatch.
                <meta name="carte-tile-url" content=map.tile_url/>
                <meta name="carte-tile-attribution" content=map.tile_attribution/>
                <meta name="carte-cadre" content=crate::domain::geography::frame_for_maps()/>
                // `defer` keeps document order: Leaflet and Supercluster, the maps' own script
                // (it draws the map page's pins before the WASM arrives), then the hydration
                // module, which finds them all loaded.
                <script src="/vendor/leaflet/leaflet.js" defer></script>
                <script src="/vendor/supercluster/supercluster.min.js" defer></script>
                <script src="/carte28.js" defer></script>
                <AutoReload options=options.clone()/>
                <HydrationScripts options/>
                {split_loader.map(|href| view! { <link rel="modulepreload" href=href/> })}
                <MetaTags/>
            </head>
            <body>
                <crate::App/>
                // After the app, where nothing hydrates them (chunk_preloads.rs says why).
                {chunk_preloads}
            </body>
        </html>
    }
}

/// The skip link, the site name and the main navigation: one line at a desktop's width whatever
/// the role, two short lines on a phone. Every visitor sees the map and the charter; a signed-in
/// account adds what its role needs most and « Mon compte »; an admin's less frequent pages sit
/// under « Administration ».
#[component]
pub fn SiteHeader() -> impl IntoView {
    let location = use_location();
    let locale = use_locale();
    // On the map page the list is the keyboard-friendly way through the initiatives.
    let on_map = move || unprefixed(&location.pathname.get()) == "/";
    let skip_to_list = td_string!(locale, site.skip_to_list);
    let skip_to_content = td_string!(locale, site.skip_to_content);
    (!on_embed_page()).then(|| {
        view! {
            <a class="skip-link" href=move || if on_map() { "#liste" } else { "#contenu" }>
                {move || if on_map() { skip_to_list } else { skip_to_content }}
            </a>
            <header class="site-header">
                <a class="brand" href=href("/")>
                    <img src="/favicon.svg" alt="" width="32" height="32"/>
                    <span class="brand__name">"Carte Orientation 28"</span>
                </a>
                <nav class="site-nav" aria-label=td_string!(locale, site.main_nav)>
                    <ul>
                        <li><a href=href("/")>{td_string!(locale, site.the_map)}</a></li>
                        <li><a href=href("/charte")>{td_string!(locale, site.charter)}</a></li>
                        <AccountLinks/>
                        <li><LanguageSwitch/></li>
                    </ul>
                </nav>
            </header>
        }
    })
}

/// Whether the document opened on the embed page (`/integrer`), shown inside partners' pages:
/// it has neither our header nor our footer, and no account link. Read once, not followed: the
/// embed page's links to other pages open a new tab, so its document never shows another page.
fn on_embed_page() -> bool {
    unprefixed(&use_location().pathname.get_untracked()) == crate::map::view_address::EMBED_PATH
}

/// The links that depend on who is signed in: « Proposer une initiative » (the public's
/// suggestion form) and « Se connecter » for visitors; for a holder « Mes initiatives » (where
/// they create theirs) and the club's directory; for animators and admins « Modération » (they
/// approve what suggestions bring) and the club's dashboard; for admins the animators' areas,
/// the audit log and the mail log under « Administration »; and « Mon compte » with the
/// organisation's name.
#[component]
fn AccountLinks() -> impl IntoView {
    let account = wire_resource(|| (), |_| crate::accounts::server_fns::current_account());
    let locale = use_locale();
    let visitor = move || {
        view! {
            <li><a href=href("/proposer")>{td_string!(locale, site.suggest)}</a></li>
            <li><a href=href("/connexion")>{td_string!(locale, site.sign_in)}</a></li>
        }
    };
    view! {
        <Transition fallback=visitor>
            {move || Suspend::new(async move {
                match account.await {
                    Ok(Some(account)) => view! {
                        {match account.role {
                            Role::Holder => view! {
                                <li><a href=href("/mes-initiatives")>{td_string!(locale, site.my_initiatives)}</a></li>
                                <li><a href=href("/club")>{td_string!(locale, site.the_club)}</a></li>
                            }.into_any(),
                            Role::Animator => view! {
                                <li><a href=href("/moderation")>{td_string!(locale, site.moderation)}</a></li>
                                <li><a href=href("/club/tableau-de-bord")>{td_string!(locale, site.the_club)}</a></li>
                            }.into_any(),
                            Role::Admin => view! {
                                <li><a href=href("/moderation")>{td_string!(locale, site.moderation)}</a></li>
                                <li><a href=href("/club/tableau-de-bord")>{td_string!(locale, site.the_club)}</a></li>
                                <li><AdministrationMenu/></li>
                            }.into_any(),
                        }}
                        <li>
                            <a class="site-nav__account" href=href("/compte")>
                                {td_string!(locale, site.my_account)} <span class="site-nav__who">" (" <span translate="no">{account.organisation}</span> ")"</span>
                            </a>
                        </li>
                    }.into_any(),
                    _ => visitor().into_any(),
                }
            })}
        </Transition>
    }
}

/// An admin's less frequent pages, behind a disclosure button (`<details>`: it opens with the
/// keyboard and without JavaScript). Once hydrated it closes when one of its links is followed
/// (the page changes without reloading) and on Escape, giving the focus back to its button.
#[component]
fn AdministrationMenu() -> impl IntoView {
    let menu = NodeRef::<leptos::html::Details>::new();
    let locale = use_locale();
    let close = move |focus_button: bool| {
        if let Some(menu) = menu.get_untracked() {
            let _ = menu.remove_attribute("open");
            if focus_button {
                if let Ok(Some(button)) = menu.query_selector("summary") {
                    use leptos::wasm_bindgen::JsCast;
                    if let Ok(button) = button.dyn_into::<leptos::web_sys::HtmlElement>() {
                        let _ = button.focus();
                    }
                }
            }
        }
    };
    view! {
        <details
            class="site-nav__menu"
            node_ref=menu
            on:keydown=move |event| {
                if event.key() == "Escape" {
                    close(true);
                }
            }
        >
            <summary>{td_string!(locale, site.administration)}</summary>
            <ul on:click=move |_| close(false)>
                <li><a href=href("/admin/animateurs")>{td_string!(locale, site.animators)}</a></li>
                <li><a href=href("/admin/journal")>{td_string!(locale, site.journal)}</a></li>
                <li><a href=href("/admin/courriels")>{td_string!(locale, site.mails)}</a></li>
            </ul>
        </details>
    }
}

/// Who runs the site and under which licence its data is published.
#[component]
pub fn SiteFooter() -> impl IntoView {
    let locale = use_locale();
    (!on_embed_page()).then(|| {
        view! {
            <footer class="site-footer">
                <p>{td_string!(locale, site.footer_about)}</p>
                <p>
                    {td_string!(locale, site.footer_licence_before)}
                    <a href="https://www.etalab.gouv.fr/licence-ouverte-open-licence/">{td_string!(locale, site.footer_licence)}</a>
                    {td_string!(locale, site.footer_licence_after)}
                </p>
                <nav aria-label=td_string!(locale, site.legal_nav)>
                    <ul class="site-footer__links">
                        <li><a href="/api/initiatives.geojson">{td_string!(locale, site.open_data)}</a></li>
                        <li><a href=href("/mentions-legales")>{td_string!(locale, site.legal_notice)}</a></li>
                        <li><a href=href("/confidentialite")>{td_string!(locale, site.privacy)}</a></li>
                        <li><a href=href("/accessibilite")>{td_string!(locale, site.accessibility, conformity = crate::legal::conformity(locale))}</a></li>
                    </ul>
                </nav>
            </footer>
        }
    })
}
