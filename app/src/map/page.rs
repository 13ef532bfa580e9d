//! `/`: the map page and the server function that feeds it.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use super::legend::Legend;
use super::list::InitiativeList;
use super::map_view::InitiativeMap;
use crate::domain::MapData;
use crate::error::AppError;
use crate::layout::ErrorNotice;

/// The published initiatives and the kinds of the legend.
#[server]
pub async fn load_map_data() -> Result<MapData, AppError> {
    let db = crate::data::use_db()?;
    Ok(MapData { initiatives: db.published_summaries(&Default::default()).await?, kinds: db.kinds().await? })
}

/// The map page: introduction, then the list and the map of the same initiatives.
#[component]
pub fn MapPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| load_map_data());
    view! {
        <Title text="Carte des initiatives d'orientation en Eure-et-Loir – Carte Orientation 28"/>
        <Meta
            name="description"
            content="Immersions, parrainage, visites d'entreprise, forums des métiers, ateliers : \
                     qui peut vous aider à choisir votre voie en Eure-et-Loir, sur une carte et en liste."
        />
        <div class="map-page">
            <div class="map-page__intro">
                <h1>"Qui peut m'aider à m'orienter en Eure-et-Loir ?"</h1>
                <p>
                    "Immersions, parrainage, visites d'entreprise, forums des métiers, ateliers pour se connaître : "
                    "les initiatives des bassins de Chartres, Dreux, Châteaudun et Nogent-le-Rotrou, "
                    "sur la carte et dans la liste."
                </p>
            </div>
            <Suspense fallback=|| view! { <p class="loading">"Chargement des initiatives…"</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(data) => view! { <MapAndList data/> }.into_any(),
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

/// The list and the map side by side; choosing an item in the list shows its pin.
#[component]
fn MapAndList(data: MapData) -> impl IntoView {
    // The initiative whose pin the map should show, set by the list's "Voir sur la carte".
    let focused = RwSignal::new(None::<i64>);
    let MapData { initiatives, kinds } = data;
    // Each kind's colour as a CSS variable (`--kind-forum-metiers`), declared once for the list,
    // the pins and the legend. Kind codes are slugs, safe inside a style attribute.
    let palette: String = kinds.iter().map(|k| format!("--kind-{}: {}; ", k.code, k.colour)).collect();
    view! {
        <div class="map-layout" style=palette>
            <InitiativeList items=initiatives.clone() focused/>
            <section class="map-panel" aria-labelledby="carte-titre">
                <h2 id="carte-titre" class="sr-only">"Carte"</h2>
                <InitiativeMap pins=initiatives focused/>
                <Legend kinds/>
            </section>
        </div>
    }
}
