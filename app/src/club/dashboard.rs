//! `/club/tableau-de-bord`: the state of the club for its animators — published initiatives by
//! area and theme and by kind, what waits in their queue and since when, the pins « à vérifier ».
//! In both languages: its words (`ClubTexts`) come with its figures.

use crate::wire::wire_resource;
use leptos::prelude::*;
use leptos_i18n::td_string;
use leptos_meta::Title;

use super::charts::{Bar, BarChart, FiguresWords};
use super::server_fns::{club_dashboard, club_texts};
use super::{ClubNav, ClubTexts};
use crate::components::members_only;
use crate::domain::club::Dashboard;
use crate::domain::Theme;
use crate::error::AppError;
use crate::language::{href, kind_label, theme_label, use_locale};

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
    let locale = use_locale();
    let dashboard = wire_resource(
        || (),
        move |_| async move {
            let texts = club_texts(locale).await?;
            Ok::<_, AppError>((club_dashboard().await?, texts))
        },
    );
    view! {
        <Suspense fallback=move || view! { <p class="holder-page">{td_string!(locale, site.loading)}</p> }>
            {move || Suspend::new(async move {
                members_only(dashboard.await, "/club/tableau-de-bord", |(dashboard, t)| view! { <DashboardView dashboard t/> }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn DashboardView(dashboard: Dashboard, t: ClubTexts) -> impl IntoView {
    let locale = t.locale;
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
        .map(|(kind, count)| Bar {
            label: kind_label(locale, &kind.label, &kind.label_en),
            value: *count,
            colour: kind.colour.clone(),
        })
        .collect();
    // The queue's three age groups (`domain::club::queue_ages`), named in the page's language.
    let age_labels = [t.age_recent.clone(), t.age_week.clone(), t.age_older.clone()];
    let ages: Vec<Bar> = dashboard
        .queue_ages
        .iter()
        .enumerate()
        .map(|(n, (label, count))| Bar {
            label: age_labels.get(n).cloned().unwrap_or_else(|| label.clone()),
            value: *count,
            colour: "#6b3a00".into(),
        })
        .collect();
    let figures = FiguresWords { before: t.figures_before.clone(), after: t.figures_after.clone() };
    // « (la plus ancienne depuis 12 jours) »: how long the oldest item has waited.
    let oldest = dashboard.oldest_days.map(|days| match days {
        0 => t.oldest_today.clone(),
        1 => t.oldest_one_day.clone(),
        n => format!("{}{n}{}", t.oldest_before, t.oldest_days),
    });
    let themes_by_area = dashboard
        .areas
        .iter()
        .map(|area| {
            let bars = dashboard
                .themes_of(&area.code)
                .into_iter()
                .map(|(theme, n)| Bar {
                    label: theme_label(locale, theme).into(),
                    value: n,
                    colour: theme_colour(theme).into(),
                })
                .collect();
            let caption = format!("{}{}{}", t.themes_before, area.name, t.themes_after);
            view! {
                <BarChart id=format!("themes-{}", area.code) caption bars figures=figures.clone()/>
            }
        })
        .collect_view();
    view! {
        <Title text=t.dashboard_title.clone()/>
        <div class="holder-page club-page">
            <ClubNav current="/club/tableau-de-bord" t=t.clone()/>
            <h1>{t.dashboard_heading.clone()}</h1>
            <ul class="dashboard-figures">
                <li><strong>{published}</strong>{t.published_initiatives.clone()}</li>
                <li><strong>{waiting}</strong>{t.waiting_moderation.clone()}
                    {oldest}
                </li>
                <li><strong>{to_check}</strong>{t.to_check.clone()}</li>
            </ul>
            <section aria-labelledby="par-bassin">
                <h2 id="par-bassin">{t.by_area.clone()}</h2>
                <BarChart id="publiees-par-bassin".to_string() caption=t.published_by_area.clone() bars=by_area figures=figures.clone()/>
                <BarChart id="a-verifier-par-bassin".to_string() caption=t.to_check_by_area.clone() bars=stale figures=figures.clone()/>
            </section>
            <section aria-labelledby="par-thematique">
                <h2 id="par-thematique">{t.by_area_theme.clone()}</h2>
                <p class="muted">{t.one_per_theme.clone()}</p>
                <div class="chart-grid">{themes_by_area}</div>
            </section>
            <section aria-labelledby="par-type">
                <h2 id="par-type">{t.by_kind.clone()}</h2>
                <BarChart id="publiees-par-type".to_string() caption=t.published_by_kind.clone() bars=by_kind figures=figures.clone()/>
            </section>
            <section aria-labelledby="file">
                <h2 id="file">{t.queue.clone()}</h2>
                <BarChart id="file-par-anciennete".to_string() caption=t.queue_by_age.clone() bars=ages figures=figures.clone()/>
                <p><a href=href("/moderation")>{t.open_queue.clone()}</a></p>
            </section>
        </div>
    }
}
