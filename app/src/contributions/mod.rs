//! What citizens contribute without an account: an initiative they suggest (`/proposer`) and a
//! problem they report on an initiative's page. Both go to the animators' queue.

pub mod report;
pub mod server_fns;
pub mod suggest;

pub use report::ReportForm;
pub use suggest::SuggestPage;

use leptos::prelude::*;

/// The honeypot input: off-screen and out of the tab order, named so that form-filling
/// programs fill it; people never see it (its label says to leave it empty, for screen readers
/// that would still reach it).
#[component]
pub fn Honeypot(id: &'static str) -> impl IntoView {
    view! {
        <div class="honeypot" aria-hidden="true">
            <label for=id>{leptos_i18n::td_string!(crate::language::use_locale(), report.honeypot)}</label>
            <input id=id name=server_fns::HONEYPOT type="text" tabindex="-1" autocomplete="off"/>
        </div>
    }
}
