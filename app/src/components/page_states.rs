//! What a page shows instead of itself: not found, an error, or — for pages of signed-in
//! people — the way to the sign-in page. Every feature's pages use these.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use leptos_i18n::td_string;

use crate::error::{set_status, AppError};
use crate::language::{error_message, href, use_locale};

/// The 404 page, with a way back to the map.
#[component]
pub fn NotFound() -> impl IntoView {
    set_status(404);
    let locale = use_locale();
    view! {
        <Title text=td_string!(locale, states.not_found_title)/>
        <Meta name="description" content=td_string!(locale, states.not_found_description)/>
        <div class="message-page">
            <h1>{td_string!(locale, states.not_found)}</h1>
            <p>{td_string!(locale, states.not_found_text)}</p>
            <p>
                <a class="button" href=href("/") target=super::target_out_of_frame()>
                    {td_string!(locale, states.back_to_map)}{super::new_tab_note()}
                </a>
            </p>
        </div>
    }
}

/// Where anonymous visitors of the pages for signed-in people go, and come back from, in the
/// page's language (the sign-in page keeps it for the way back).
pub fn sign_in_path(back_to: &str) -> String {
    href(&format!("/connexion?suite={back_to}"))
}

/// A page for signed-in people once its data is in: the page itself, the sign-in page for an
/// anonymous visitor (who comes back to `back_to` after), or the error's page.
pub fn members_only<T>(result: Result<T, AppError>, back_to: &str, page: impl FnOnce(T) -> AnyView) -> AnyView {
    match result {
        Ok(data) => page(data),
        Err(AppError::Unauthorized) => {
            view! { <leptos_router::components::Redirect path=sign_in_path(back_to)/> }.into_any()
        }
        Err(error) => view! { <ErrorNotice error/> }.into_any(),
    }
}

/// Any other error: its message in the page's language, the matching status, and a way back.
#[component]
pub fn ErrorNotice(error: AppError) -> impl IntoView {
    if error == AppError::NotFound {
        return view! { <NotFound/> }.into_any();
    }
    set_status(error.status());
    let locale = crate::language::use_locale();
    view! {
        <Title text=td_string!(locale, states.error_title)/>
        <div class="message-page" role="alert">
            <h1>{td_string!(locale, states.error)}</h1>
            <p>{error_message(locale, &error)}</p>
            <p>
                <a class="button" href=href("/") target=super::target_out_of_frame()>
                    {td_string!(locale, states.back_to_map)}{super::new_tab_note()}
                </a>
            </p>
        </div>
    }
    .into_any()
}
