//! The frame around every page: the HTML shell, header, footer, and the error pages.

use leptos::prelude::*;
use leptos_meta::MetaTags;
use leptos_router::hooks::use_location;

use crate::domain::Role;
use crate::settings::MapSettings;

/// The HTML document the server sends; the browser then hydrates `<body>`.
/// Leaflet comes from our own `/vendor` (copied from npm), never from a CDN.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let map = use_context::<MapSettings>().unwrap_or_default();
    #[cfg(feature = "ssr")]
    crate::pages::chunk_preloads::provide(&options);
    view! {
        <!DOCTYPE html>
        <html lang="fr">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="theme-color" content="#1d4e89"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <link rel="stylesheet" href="/vendor/leaflet/leaflet.css"/>
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
                <MetaTags/>
            </head>
            <body>
                <crate::App/>
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
    // On the map page the list is the keyboard-friendly way through the initiatives.
    let on_map = move || location.pathname.get() == "/";
    (!on_embed_page()).then(|| {
        view! {
            <a class="skip-link" href=move || if on_map() { "#liste" } else { "#contenu" }>
                {move || if on_map() { "Aller à la liste des initiatives" } else { "Aller au contenu" }}
            </a>
            <header class="site-header">
                <a class="brand" href="/">
                    <img src="/favicon.svg" alt="" width="32" height="32"/>
                    <span class="brand__name">"Carte Orientation 28"</span>
                </a>
                <nav class="site-nav" aria-label="Navigation principale">
                    <ul>
                        <li><a href="/">"La carte"</a></li>
                        <li><a href="/charte">"Charte d'immersion"</a></li>
                        <AccountLinks/>
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
    use_location().pathname.get_untracked() == crate::map::view_address::EMBED_PATH
}

/// The links that depend on who is signed in: « Proposer une initiative » (the public's
/// suggestion form) and « Se connecter » for visitors; for a holder « Mes initiatives » (where
/// they create theirs) and the club's directory; for animators and admins « Modération » (they
/// approve what suggestions bring) and the club's dashboard; for admins the animators' areas,
/// the audit log and the mail log under « Administration »; and « Mon compte » with the
/// organisation's name.
#[component]
fn AccountLinks() -> impl IntoView {
    let account = Resource::new(|| (), |_| crate::accounts::server_fns::current_account());
    let visitor = || {
        view! {
            <li><a href="/proposer">"Proposer une initiative"</a></li>
            <li><a href="/connexion">"Se connecter"</a></li>
        }
    };
    view! {
        <Transition fallback=visitor>
            {move || Suspend::new(async move {
                match account.await {
                    Ok(Some(account)) => view! {
                        {match account.role {
                            Role::Holder => view! {
                                <li><a href="/mes-initiatives">"Mes initiatives"</a></li>
                                <li><a href="/club">"Le club"</a></li>
                            }.into_any(),
                            Role::Animator => view! {
                                <li><a href="/moderation">"Modération"</a></li>
                                <li><a href="/club/tableau-de-bord">"Le club"</a></li>
                            }.into_any(),
                            Role::Admin => view! {
                                <li><a href="/moderation">"Modération"</a></li>
                                <li><a href="/club/tableau-de-bord">"Le club"</a></li>
                                <li><AdministrationMenu/></li>
                            }.into_any(),
                        }}
                        <li>
                            <a class="site-nav__account" href="/compte">
                                "Mon compte" <span class="site-nav__who">" (" {account.organisation} ")"</span>
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
            <summary>"Administration"</summary>
            <ul on:click=move |_| close(false)>
                <li><a href="/admin/animateurs">"Animateurs"</a></li>
                <li><a href="/admin/journal">"Journal"</a></li>
                <li><a href="/admin/courriels">"Courriels"</a></li>
            </ul>
        </details>
    }
}

/// Who runs the site and under which licence its data is published.
#[component]
pub fn SiteFooter() -> impl IntoView {
    (!on_embed_page()).then(|| {
        view! {
            <footer class="site-footer">
                <p>
                    "Carte Orientation 28 — la carte collaborative des initiatives d'orientation en Eure-et-Loir, "
                    "animée par le club des porteurs d'initiatives."
                </p>
                <p>
                    "Données publiées sous "
                    <a href="https://www.etalab.gouv.fr/licence-ouverte-open-licence/">"Licence Ouverte 2.0"</a>
                    " ; contours des communes : IGN / INSEE (Licence Ouverte)."
                </p>
                <nav aria-label="Informations légales">
                    <ul class="site-footer__links">
                        <li><a href="/api/initiatives.geojson">"Données ouvertes (GeoJSON)"</a></li>
                        <li><a href="/mentions-legales">"Mentions légales"</a></li>
                        <li><a href="/confidentialite">"Données personnelles"</a></li>
                        <li><a href="/accessibilite">{format!("Accessibilité : {}", crate::legal::CONFORMITY)}</a></li>
                    </ul>
                </nav>
            </footer>
        }
    })
}
