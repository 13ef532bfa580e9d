//! `/admin/animateurs`: the admin makes an account an animator of one or more areas, and sees
//! who animates where.

use leptos::prelude::*;
use leptos_meta::Title;

use super::server_fns::{list_animators, Animator, AssignAreas};
use crate::domain::{Area, Field};
use crate::forms::{described_by, field_id, go_to_on_success, invalid, FormErrors, Labelled};
use crate::layout::members_only;

/// `/admin/animateurs` (admins).
#[component]
pub fn AnimatorsPage() -> impl IntoView {
    let animators = Resource::new(|| (), |_| list_animators());
    view! {
        <Title text="Animateurs et bassins – Carte Orientation 28"/>
        <Suspense fallback=|| view! { <p class="holder-page">"Chargement…"</p> }>
            {move || Suspend::new(async move {
                members_only(animators.await, "/admin/animateurs", |(animators, areas)| view! { <Animators animators areas/> }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn Animators(animators: Vec<Animator>, areas: Vec<Area>) -> impl IntoView {
    let name_of = {
        let areas = areas.clone();
        move |code: &String| areas.iter().find(|a| &a.code == code).map(|a| a.name.clone()).unwrap_or_else(|| code.clone())
    };
    let rows = animators
        .into_iter()
        .map(|animator| {
            let names: Vec<String> = animator.areas.iter().map(&name_of).collect();
            view! {
                <tr>
                    <th scope="row">
                        {format!("{} ({})", animator.account.contact_name, animator.account.organisation)}
                        <span class="holder-table__meta">{animator.account.email.clone()}</span>
                    </th>
                    <td>{if names.is_empty() { "Aucun".to_string() } else { names.join(", ") }}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="holder-page">
            <h1>"Animateurs et bassins"</h1>
            <p>"Un animateur modère les initiatives, suggestions et signalements de ses bassins, et invite des porteurs."</p>
            <table class="holder-table">
                <caption class="sr-only">"Les animateurs et leurs bassins"</caption>
                <thead><tr><th scope="col">"Animateur"</th><th scope="col">"Bassins"</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
            <AssignForm areas/>
        </div>
    }
}

/// An account (by its address) and the areas it will animate, replacing its previous ones.
#[component]
fn AssignForm(areas: Vec<Area>) -> impl IntoView {
    let action = ServerAction::<AssignAreas>::new();
    go_to_on_success(action.value(), |_: &()| "/admin/animateurs".to_string());
    let errors = FormErrors::of(action.value());
    let email_error = errors.field(Field::Email);
    view! {
        <section aria-labelledby="confier">
            <h2 id="confier">"Confier des bassins"</h2>
            <p>
                "Le compte doit déjà exister (l'animateur s'inscrit d'abord) et ne porter aucune initiative. "
                "Ses bassins sont remplacés par ceux cochés ici."
            </p>
            {errors.summary()}
            <ActionForm action {..} novalidate=true class="club-invite">
                <Labelled field=Field::Email label="Adresse e-mail du compte" error=email_error>
                    <input
                        id=field_id(Field::Email)
                        name="assignment[email]"
                        type="email"
                        autocomplete="off"
                        aria-invalid=invalid(email_error)
                        aria-describedby=described_by(&field_id(Field::Email), false, email_error)
                    />
                </Labelled>
                <fieldset class="form-field form-field--choices">
                    <legend>"Bassins"</legend>
                    {areas.into_iter().map(|area| {
                        let id = format!("bassin-{}", area.code);
                        view! {
                            <div class="form-choice">
                                <input type="checkbox" id=id.clone() name="assignment[areas][]" value=area.code.clone()/>
                                <label for=id>{area.name}</label>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
                <button class="button" type="submit" disabled=move || action.pending().get()>"Enregistrer"</button>
            </ActionForm>
        </section>
    }
}
