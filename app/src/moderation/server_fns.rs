//! The animators' server functions. Each checks that the signed-in account moderates the area
//! of the initiative it acts on (`domain::moderation::Scope`), whatever the page sent: an
//! animator of Dreux can neither read nor decide on Chartres's queue. The pages' loaders take
//! the reader's language and send the pages' words with their data.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::journal::JournalTexts;
use super::ModerationTexts;
use crate::domain::audit::AuditEntry;
use crate::domain::moderation::{Case, QueueItem};
use crate::error::AppError;
use crate::language::Locale;
#[cfg(feature = "ssr")]
use crate::ssr::*;

/// An animator's queue and the areas it covers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Queue {
    /// « Tous les bassins », « Bassins de Chartres, Dreux » (“All areas”, “Areas: Chartres,
    /// Dreux”).
    pub scope: String,
    pub items: Vec<QueueItem>,
}

/// What a decision leaves: the initiative, and what was done (`publiee`, `refusee`, `restauree`,
/// `resolu`, `rattachement-accepte`, `rattachement-refuse`), for the message on the page it
/// leads to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decided {
    pub id: i64,
    pub done: String,
}

/// What a decision on initiative `id` did. The case it leads to is a page of its own: the
/// decision's form may be gone from the page it was sent from (`then_without_script`).
#[cfg(feature = "ssr")]
fn decided(id: i64, done: &str) -> Decided {
    let decided = Decided { id, done: done.into() };
    then_without_script(&super::after_decision(&decided));
    decided
}

/// The signed-in animator's queue, oldest first (`/moderation`), and the page's words in
/// `locale`.
#[server(endpoint = "moderation_queue", output = crate::wire::Wire)]
pub async fn moderation_queue(locale: Locale) -> Result<(Queue, ModerationTexts), AppError> {
    answered(
        async {
            let (_, scope, db) = staff().await?;
            let texts = ModerationTexts::new(locale);
            let label = match &scope {
                Scope::Everywhere => texts.all_areas.clone(),
                Scope::Areas(codes) if codes.is_empty() => texts.no_area.clone(),
                Scope::Areas(codes) => {
                    let areas = db.areas().await?;
                    let names: Vec<String> =
                        areas.into_iter().filter(|a| codes.contains(&a.code)).map(|a| a.name).collect();
                    let areas_of = if names.len() > 1 { &texts.area_many } else { &texts.area_one };
                    format!("{areas_of}{}", names.join(", "))
                }
            };
            Ok((Queue { scope: label, items: db.moderation_queue(&scope).await? }, texts))
        }
        .await,
    )
}

/// Everything about initiative `id` that its moderators read before deciding, and the page's
/// words in `locale`.
#[server(endpoint = "moderation_case", output = crate::wire::Wire)]
pub async fn moderation_case(id: i64, locale: Locale) -> Result<(Case, ModerationTexts), AppError> {
    answered(
        async {
            let (_, db) = moderator_of(id).await?;
            Ok((db.case(id).await?, ModerationTexts::new(locale)))
        }
        .await,
    )
}

/// Publishes revision `number` of initiative `id` (the one the moderator read).
#[server(endpoint = "approve_revision", output = crate::wire::Wire)]
pub async fn approve_revision(id: i64, number: i64) -> Result<Decided, AppError> {
    answered(
        async {
            let (account, db) = moderator_of(id).await?;
            db.approve_revision(id, number, &account).await?;
            Ok(decided(id, "publiee"))
        }
        .await,
    )
}

/// Refuses revision `number` of initiative `id`, with a reason its holder reads.
#[server(endpoint = "reject_revision", output = crate::wire::Wire)]
pub async fn reject_revision(id: i64, number: i64, reason: String) -> Result<Decided, AppError> {
    answered(
        async {
            let (account, db) = moderator_of(id).await?;
            let reason = crate::domain::moderation::check_reason(&reason).map_err(AppError::Invalid)?;
            db.reject_revision(id, number, &account, &reason).await?;
            Ok(decided(id, "refusee"))
        }
        .await,
    )
}

/// Makes revision `number` of initiative `id` current again, as a new revision; `base` is the
/// latest revision the moderator saw.
#[server(endpoint = "restore_revision", output = crate::wire::Wire)]
pub async fn restore_revision(id: i64, number: i64, base: i64) -> Result<Decided, AppError> {
    answered(
        async {
            let (account, db) = moderator_of(id).await?;
            db.restore_revision(id, number, base, &account).await?;
            Ok(decided(id, "restauree"))
        }
        .await,
    )
}

/// Marks report `report` resolved, saying what was done (may be empty).
#[server(endpoint = "resolve_report", output = crate::wire::Wire)]
pub async fn resolve_report(report: i64, resolution: String) -> Result<Decided, AppError> {
    answered(
        async {
            let db = use_db()?;
            let id = match db.reported_initiative(report).await {
                Err(crate::data::DataError::NotFound) => {
                    // Unknown report: signed-in moderators learn it, others only that they may not.
                    staff().await?;
                    return Err(AppError::NotFound);
                }
                other => other?,
            };
            let (account, db) = moderator_of(id).await?;
            use crate::domain::contributions::MAX_COMMENT_CHARS;
            if resolution.chars().count() > MAX_COMMENT_CHARS {
                return Err(AppError::BadRequest(crate::domain::Message::new(
                    format!("Le compte rendu doit compter au plus {MAX_COMMENT_CHARS} caractères."),
                    format!("The resolution note must be at most {MAX_COMMENT_CHARS} characters long."),
                )));
            }
            db.resolve_report(report, &account, &resolution).await?;
            Ok(decided(id, "resolu"))
        }
        .await,
    )
}

/// The initiative claim `claim` is about, which the signed-in account must moderate: an
/// unknown claim is `NotFound` for moderators, and only refused for others.
#[cfg(feature = "ssr")]
async fn moderator_of_claim(claim: i64) -> Result<(Account, Db, i64), AppError> {
    let db = use_db()?;
    let id = match db.claimed_initiative(claim).await {
        Err(crate::data::DataError::NotFound) => {
            staff().await?;
            return Err(AppError::NotFound);
        }
        other => other?,
    };
    let (account, db) = moderator_of(id).await?;
    Ok((account, db, id))
}

/// Accepts claim `claim`: its initiative becomes the claimant's.
#[server(endpoint = "accept_claim", output = crate::wire::Wire)]
pub async fn accept_claim(claim: i64) -> Result<Decided, AppError> {
    answered(
        async {
            let (account, db, id) = moderator_of_claim(claim).await?;
            db.accept_claim(claim, &account).await?;
            Ok(decided(id, "rattachement-accepte"))
        }
        .await,
    )
}

/// Refuses claim `claim`, with a reason the claimant reads.
#[server(endpoint = "refuse_claim", output = crate::wire::Wire)]
pub async fn refuse_claim(claim: i64, reason: String) -> Result<Decided, AppError> {
    answered(
        async {
            let (account, db, id) = moderator_of_claim(claim).await?;
            let reason = crate::domain::claims::check_refusal(&reason).map_err(AppError::Invalid)?;
            db.refuse_claim(claim, &account, &reason).await?;
            Ok(decided(id, "rattachement-refuse"))
        }
        .await,
    )
}

/// The latest lines of the audit log (admins only), and the page's words in `locale`.
#[server(endpoint = "audit_log", output = crate::wire::Wire)]
pub async fn audit_log(locale: Locale) -> Result<(Vec<AuditEntry>, JournalTexts), AppError> {
    answered(
        async {
            admin().await?;
            let english = locale == Locale::en;
            let entries: Vec<AuditEntry> =
                use_db()?.audit_log(500).await?.into_iter().map(|entry| entry.in_language(english)).collect();
            Ok((entries, JournalTexts::new(locale)))
        }
        .await,
    )
}
