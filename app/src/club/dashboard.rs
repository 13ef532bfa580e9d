//! `/club/tableau-de-bord`: the state of the club for its animators — published initiatives by
//! area and theme and by kind, what waits in their queue and since when, the pins « à vérifier ».

use leptos::prelude::*;
use leptos_meta::Title;

use super::charts::{Bar, BarChart};
use super::server_fns::club_dashboard;
use super::ClubNav;
use crate::components::members_only;
use crate::domain::club::Dashboard;
use crate::domain::moderation::waiting_text;
use crate::domain::Theme;

/// The colours of the four themes (dark enough for the white page and the labels beside them).
fn theme_colour(theme: Theme) -> &'static str {
    match theme {
        Theme::MarqueEmployeur => "#7b2d8e",
        Theme::Competences => "#0f6e5f",
        Theme::SeConnaitre => "#6d4c1d",
        Theme::EcoleEntreprise => "#1d4e89",
    }
}

/// `/club/tableau-de-bord` (animators and admins).
#[component]
pub fn DashboardPage() -> impl IntoView {
    let dashboard = Resource::new(|| (), |_| club_dashboard());
    view! {
        <Title text="Tableau de bord du club – Carte Orientation 28"/>
        <Suspense fallback=|| view! { <p class="holder-page">"Chargement du tableau de bord…"</p> }>
            {move || Suspend::new(async move {
                members_only(dashboard.await, "/club/tableau-de-bord", |dashboard| view! { <DashboardView dashboard/> }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn DashboardView(dashboard: Dashboard) -> impl IntoView {
    let area_name =
        |code: &str| dashboard.areas.iter().find(|a| a.code == code).map(|a| a.name.clone()).unwrap_or_default();
    let published: i64 = dashboard.by_area.iter().map(|(_, n, _)| n).sum();
    let to_check: i64 = dashboard.by_area.iter().map(|(_, _, n)| n).sum();
    let waiting: i64 = dashboard.queue_ages.iter().map(|(_, n)| n).sum();
    let by_area: Vec<Bar> = dashboard
        .by_area
        .iter()
        .map(|(code, count, _)| Bar { label: area_name(code), value: *count, colour: "#1d4e89".into() })
        .collect();
    let stale: Vec<Bar> = dashboard
        .by_area
        .iter()
        .map(|(code, _, stale)| Bar { label: area_name(code), value: *stale, colour: "#a15c00".into() })
        .collect();
    let by_kind: Vec<Bar> = dashboard
        .by_kind
        .iter()
        .map(|(kind, count)| Bar { label: kind.label.clone(), value: *count, colour: kind.colour.clone() })
        .collect();
    let ages: Vec<Bar> = dashboard
        .queue_ages
        .iter()
        .map(|(label, n)| Bar { label: label.clone(), value: *n, colour: "#6b3a00".into() })
        .collect();
    let themes_by_area = dashboard.areas.iter().map(|area| {
        let bars = dashboard
            .themes_of(&area.code)
            .into_iter()
            .map(|(theme, n)| Bar { label: theme.label().into(), value: n, colour: theme_colour(theme).into() })
            .collect();
        view! {
            <BarChart id=format!("themes-{}", area.code) caption=format!("Bassin de {} : initiatives publiées par thématique", area.name) bars/>
        }
    }).collect_view();
    view! {
        <div class="holder-page club-page">
            <ClubNav current="/club/tableau-de-bord"/>
            <h1>"Tableau de bord du club"</h1>
            <ul class="dashboard-figures">
                <li><strong>{published}</strong>" initiatives publiées"</li>
                <li><strong>{waiting}</strong>" en attente de modération"
                    {dashboard.oldest_days.map(|days| format!(" (la plus ancienne {})", waiting_text(days)))}
                </li>
                <li><strong>{to_check}</strong>" à vérifier (non confirmées depuis 12 mois)"</li>
            </ul>
            <section aria-labelledby="par-bassin">
                <h2 id="par-bassin">"Par bassin"</h2>
                <BarChart id="publiees-par-bassin".to_string() caption="Initiatives publiées par bassin".to_string() bars=by_area/>
                <BarChart id="a-verifier-par-bassin".to_string() caption="Initiatives à vérifier par bassin".to_string() bars=stale/>
            </section>
            <section aria-labelledby="par-thematique">
                <h2 id="par-thematique">"Par bassin et par thématique"</h2>
                <p class="muted">"Une initiative compte pour chacune de ses thématiques."</p>
                <div class="chart-grid">{themes_by_area}</div>
            </section>
            <section aria-labelledby="par-type">
                <h2 id="par-type">"Par type d'initiative"</h2>
                <BarChart id="publiees-par-type".to_string() caption="Initiatives publiées par type".to_string() bars=by_kind/>
            </section>
            <section aria-labelledby="file">
                <h2 id="file">"La file de modération"</h2>
                <BarChart id="file-par-anciennete".to_string() caption="Éléments en attente dans vos bassins, par ancienneté".to_string() bars=ages/>
                <p><a href="/moderation">"Ouvrir la file de modération"</a></p>
            </section>
        </div>
    }
}
