//! The pages' side of forms sent without JavaScript (`domain::sent_forms`; the server's side is
//! `server/src/sent_forms.rs`). Every form's action comes from [`form_action`]: on the page
//! that answers the form (`?envoi=…`), the action starts with what the server function
//! answered — the very value the script would have received — so the page shows each error
//! beside its field, or goes where a success goes ([`super::forms::go_to_on_success`] redirects
//! on the server), exactly as with the script; and what was typed comes back for the inputs.

use crate::wire::WireCodec;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use crate::domain::SentForm;
use crate::error::AppError;

/// What the page answering a form sent to `S` shows, as the server read the [`SentForm`]: what
/// the server function answered, and what was typed. Handed to the browser as the page's data: the
/// browser never decodes a form's URL encoding itself, which would add a decoder to the first
/// download of the map (the initiative page's report form is there).
#[derive(Serialize, Deserialize)]
#[serde(bound(serialize = "S: Serialize, O: Serialize", deserialize = "S: DeserializeOwned, O: DeserializeOwned"))]
struct Answered<S, O> {
    typed: Option<S>,
    answer: Result<O, AppError>,
}

/// A form's server action, and what was typed when this page answers the form refused (for its
/// inputs to start with; passwords come back empty).
pub fn form_action<S>() -> (ServerAction<S>, Option<S>)
where
    S: ServerFn<Error = AppError> + Serialize + DeserializeOwned + Clone + Send + Sync + 'static,
    S::Output: Serialize + DeserializeOwned + Send + Sync + 'static,
{
    form_action_where(|_: &S| true)
}

/// [`form_action`] for one of several forms of a page that send to the same server function
/// (a button per row): only the one `is_this` recognises in what was sent shows the answer.
pub fn form_action_where<S>(is_this: impl Fn(&S) -> bool) -> (ServerAction<S>, Option<S>)
where
    S: ServerFn<Error = AppError> + Serialize + DeserializeOwned + Clone + Send + Sync + 'static,
    S::Output: Serialize + DeserializeOwned + Send + Sync + 'static,
{
    let action = ServerAction::<S>::new();
    // Read on the server (a context its `sent_forms` gives the page); a browser hydrating that
    // page gets the server's reading, so both render the same page. Elsewhere: nothing.
    let answered = SharedValue::<_, WireCodec>::new_with_encoding(move || {
        #[cfg(feature = "ssr")]
        let answered = use_context::<SentForm>()
            .filter(|sent| sent.endpoint == S::PATH)
            .map(read::<S>)
            .filter(|answered| answered.typed.as_ref().is_none_or(&is_this))
            .map(|Answered { typed, answer }| Answered { typed: typed.filter(|_| answer.is_err()), answer });
        #[cfg(not(feature = "ssr"))]
        let answered: Option<Answered<S, S::Output>> = {
            let _ = &is_this;
            None
        };
        answered
    })
    .into_inner();
    let Some(Answered { typed, answer }) = answered else {
        return (action, None);
    };
    action.value().set(Some(answer));
    (action, typed)
}

/// What the page shows of `sent`: the answer, and what was typed, read as server_fn reads a
/// form's fields (its `PostUrl` codec).
#[cfg(feature = "ssr")]
fn read<S>(sent: SentForm) -> Answered<S, S::Output>
where
    S: ServerFn<Error = AppError> + DeserializeOwned,
    S::Output: DeserializeOwned,
{
    let typed = serde_qs::Config::new(5, false).deserialize_str::<S>(&sent.fields).ok();
    let answer = if sent.succeeded {
        serde_json::from_str::<S::Output>(&sent.answer).map(Ok)
    } else {
        serde_json::from_str::<AppError>(&sent.answer).map(Err)
    };
    // An answer that does not read (a newer release between the POST and this page) shows as
    // the way there or back failing, which asks to try again.
    let answer = answer.unwrap_or_else(|error| Err(AppError::Transport(error.to_string())));
    Answered { typed, answer }
}
