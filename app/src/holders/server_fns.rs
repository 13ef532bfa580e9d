//! The holders' server functions. Each checks who is signed in and what they may do with the
//! initiative itself (`domain::holding::may_edit` and friends), whatever the page sent. The
//! pages' words come from `holder_texts`, in the page's language; refusals are written in both.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::components::initiative_fields::FormTexts;
pub use crate::domain::initiative_form::Choices;
use crate::domain::{HeldInitiative, InitiativeForm, Revision, Status, WorkingCopy};
use crate::error::AppError;
use crate::language::Locale;
#[cfg(feature = "ssr")]
use crate::ssr::*;

/// An initiative opened in the form: its working copy as the form shows it, and its history.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Editor {
    pub copy: WorkingCopy,
    pub form: InitiativeForm,
    pub history: Vec<Revision>,
    /// Whether the reader may change it (its holder), or only read it (an admin).
    pub may_edit: bool,
}

/// What a save leaves behind: the initiative, its latest revision and the state that revision
/// was saved in (a draft, submitted, archived: a published initiative stays published meanwhile).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Saved {
    pub id: i64,
    pub number: i64,
    pub state: Status,
}

/// What the holder asks for, if their account may: submitting needs a verified address.
#[cfg(feature = "ssr")]
fn intent(code: &str, account: &Account) -> Result<crate::domain::Intent, AppError> {
    let intent = crate::domain::Intent::from_code(code).ok_or_else(|| {
        AppError::BadRequest(Message::new(
            "Choisissez « Enregistrer le brouillon » ou « Soumettre pour validation ».",
            "Choose “Save the draft” or “Submit for review”.",
        ))
    })?;
    if !crate::domain::holding::may_submit(account, intent) {
        return Err(AppError::BadRequest(Message::new(
            crate::domain::holding::VERIFY_BEFORE_SUBMITTING,
            "First confirm your email address with the link sent to you by email; meanwhile, save the draft (nothing \
             is lost). A new link is one click away on the “My account” page.",
        )));
    }
    Ok(intent)
}

/// The form as an initiative, or every problem of it beside its field.
#[cfg(feature = "ssr")]
async fn read_form(db: &Db, form: &InitiativeForm) -> Result<crate::domain::InitiativeInput, AppError> {
    let communes = db.commune_choices().await?;
    form.to_input(&communes, &db.catalogue().await?).map_err(AppError::Invalid)
}

/// The holders' pages' words in `locale` (public: nothing in them is private).
#[server(endpoint = "holder_texts", output = crate::wire::Wire)]
pub async fn holder_texts(locale: Locale) -> Result<super::HolderTexts, AppError> {
    Ok(super::HolderTexts::new(locale))
}

/// The kinds and communes the form offers (public reference data).
#[server(endpoint = "form_choices", output = crate::wire::Wire)]
pub async fn form_choices(locale: Locale) -> Result<(Choices, FormTexts), AppError> {
    answered(
        async {
            let db = use_db()?;
            let choices = Choices { kinds: db.kinds().await?, communes: db.commune_choices().await? };
            Ok((choices, FormTexts::new(locale)))
        }
        .await,
    )
}

/// The signed-in account's initiatives (`/mes-initiatives`).
#[server(endpoint = "my_initiatives", output = crate::wire::Wire)]
pub async fn my_initiatives() -> Result<Vec<HeldInitiative>, AppError> {
    answered(
        async {
            let account = signed_in().await?;
            Ok(use_db()?.held_initiatives(account.id).await?)
        }
        .await,
    )
}

/// Initiative `id` opened for editing: its holder's, or an admin's to read.
#[server(endpoint = "initiative_editor", output = crate::wire::Wire)]
pub async fn initiative_editor(id: i64) -> Result<Editor, AppError> {
    answered(
        async {
            let (account, db) = holder_of(id, crate::domain::holding::may_read_private).await?;
            let copy = db.working_copy(id).await?;
            let form = InitiativeForm::from_input(&copy.input, &db.commune_choices().await?);
            let may_edit = crate::domain::holding::may_edit(&account, copy.holder_id);
            Ok(Editor { copy, form, history: db.history(id).await?, may_edit })
        }
        .await,
    )
}

/// A new initiative of the signed-in holder, as a draft (`intent` = `draft`) or submitted for
/// review (`submit`).
#[server(endpoint = "create_initiative", output = crate::wire::Wire)]
pub async fn create_initiative(intent: String, form: InitiativeForm) -> Result<Saved, AppError> {
    answered(
        async {
            let account = signed_in().await?;
            if !crate::domain::holding::may_create(&account) {
                return Err(AppError::Forbidden);
            }
            let intent = self::intent(&intent, &account)?;
            let db = use_db()?;
            let input = read_form(&db, &form).await?;
            let id = db.create_held_initiative(&account, &input, intent).await?;
            Ok(Saved { id, number: 1, state: intent.state() })
        }
        .await,
    )
}

/// Saves the form of initiative `id`, opened at revision `base`. Someone else's save since
/// `base` is a conflict (409) that says what they changed; nothing is overwritten.
#[server(endpoint = "save_initiative", output = crate::wire::Wire)]
pub async fn save_initiative(id: i64, base: i64, intent: String, form: InitiativeForm) -> Result<Saved, AppError> {
    answered(
        async {
            let (account, db) = holder_of(id, crate::domain::holding::may_edit).await?;
            let intent = self::intent(&intent, &account)?;
            let input = read_form(&db, &form).await?;
            let number = db.save_revision(id, &account, base, &input, intent).await?;
            Ok(Saved { id, number, state: intent.state() })
        }
        .await,
    )
}

/// Withdraws initiative `id` from the map, from revision `base`.
#[server(endpoint = "archive_initiative", output = crate::wire::Wire)]
pub async fn archive_initiative(id: i64, base: i64) -> Result<Saved, AppError> {
    answered(
        async {
            let (account, db) = holder_of(id, crate::domain::holding::may_edit).await?;
            let number = db.archive_initiative(id, &account, base).await?;
            Ok(Saved { id, number, state: Status::Archived })
        }
        .await,
    )
}

/// Its holder confirms in one click that published initiative `id` is still current; returns
/// the confirmation's time.
#[server(endpoint = "confirm_initiative", output = crate::wire::Wire)]
pub async fn confirm_initiative(id: i64) -> Result<String, AppError> {
    answered(
        async {
            let (account, db) = holder_of(id, crate::domain::holding::may_edit).await?;
            let throttle =
                use_context::<std::sync::Arc<crate::accounts::throttle::Throttle>>().ok_or(AppError::Unavailable)?;
            throttle
                .confirmation_by(account.id)
                .map_err(|wait| AppError::TooManyRequests(crate::accounts::throttle::wait_message(wait)))?;
            Ok(db.confirm_current(id).await?)
        }
        .await,
    )
}
