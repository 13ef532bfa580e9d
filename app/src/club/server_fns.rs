//! The club's server functions: the directory (every signed-in member), invitations and the
//! dashboard (animators and admins), animators' areas (admins). An invitation's welcome is
//! public: its link is the proof; so are the pages' words (`club_texts`, `animators_texts`).

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::domain::club::{
    AnimatorInvitationForm, Dashboard, DirectoryEntry, Invitation, InvitationForm, NewInvitation,
};
use crate::domain::{Account, Area};
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::ssr::*;

/// The signed-in admin, and the database.
#[cfg(feature = "ssr")]
async fn admin_with_db() -> Result<(Account, Db), AppError> {
    Ok((admin().await?, use_db()?))
}

/// The words of the club's pages (the directory, the invitations, the dashboard) in `locale`.
/// Public: they are the site's texts, nothing of anyone's.
#[server(endpoint = "club_texts", output = crate::wire::Wire)]
pub async fn club_texts(locale: crate::language::Locale) -> Result<super::ClubTexts, AppError> {
    Ok(super::ClubTexts::new(locale))
}

/// The words of the admins' page of animators and of the page an animator's invitation opens,
/// in `locale`. Public, as `club_texts`.
#[server(endpoint = "animators_texts", output = crate::wire::Wire)]
pub async fn animators_texts(locale: crate::language::Locale) -> Result<super::animators::AnimatorsTexts, AppError> {
    Ok(super::animators::AnimatorsTexts::new(locale))
}

/// The club's holders (any signed-in member).
#[server(endpoint = "club_directory", output = crate::wire::Wire)]
pub async fn club_directory() -> Result<Vec<DirectoryEntry>, AppError> {
    answered(
        async {
            signed_in().await?;
            Ok(use_db()?.club_directory().await?)
        }
        .await,
    )
}

/// A new invitation link for the holder `invitation` describes, mailed to its address if it
/// has one.
#[server(endpoint = "create_invitation", output = crate::wire::Wire)]
pub async fn create_invitation(invitation: InvitationForm) -> Result<NewInvitation, AppError> {
    answered(
        async {
            let (account, _, db) = staff().await?;
            Ok(db.create_invitation(&account, &invitation).await?)
        }
        .await,
    )
}

/// Every invitation and where it stands.
#[server(endpoint = "list_invitations", output = crate::wire::Wire)]
pub async fn list_invitations() -> Result<Vec<Invitation>, AppError> {
    answered(
        async {
            let (_, _, db) = staff().await?;
            Ok(db.invitations(Role::Holder).await?)
        }
        .await,
    )
}

/// The figures of the club (animators and admins).
#[server(endpoint = "club_dashboard", output = crate::wire::Wire)]
pub async fn club_dashboard() -> Result<Dashboard, AppError> {
    answered(
        async {
            let (_, scope, db) = staff().await?;
            Ok(db.dashboard(&scope).await?)
        }
        .await,
    )
}

/// An animator and the areas they moderate.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Animator {
    pub account: Account,
    pub areas: Vec<String>,
}

/// What `/admin/animateurs` shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Animators {
    pub animators: Vec<Animator>,
    /// Every area (for the boxes).
    pub areas: Vec<Area>,
    /// The invitations of animators, the newest first.
    pub invitations: Vec<Invitation>,
}

/// The animators, every area, and the animators' invitations (admins).
#[server(endpoint = "list_animators", output = crate::wire::Wire)]
pub async fn list_animators() -> Result<Animators, AppError> {
    answered(
        async {
            let (_, db) = admin_with_db().await?;
            let animators =
                db.animators().await?.into_iter().map(|(account, areas)| Animator { account, areas }).collect();
            Ok(Animators { animators, areas: db.areas().await?, invitations: db.invitations(Role::Animator).await? })
        }
        .await,
    )
}

/// Invites `invitation.email` to animate `invitation.areas`: the link goes by mail (admins).
#[server(endpoint = "invite_animator", output = crate::wire::Wire)]
pub async fn invite_animator(invitation: AnimatorInvitationForm) -> Result<NewInvitation, AppError> {
    answered(
        async {
            let (account, db) = admin_with_db().await?;
            Ok(db.invite_animator(&account, &invitation).await?)
        }
        .await,
    )
}

/// The signed-in account accepts the animator's invitation of `secret` (it must be the account
/// of the address the invitation was mailed to).
#[server(endpoint = "accept_animator_invitation", output = crate::wire::Wire)]
pub async fn accept_animator_invitation(secret: String) -> Result<(), AppError> {
    answered(
        async {
            let account = signed_in().await?;
            match use_db()?.accept_animator_invitation(&account, &secret).await {
                Err(crate::data::DataError::NotFound) => {
                    Err(AppError::BadRequest(crate::accounts::invalid_invitation()))
                }
                other => {
                    other?;
                    then_without_script(super::AFTER_JOINING);
                    Ok(())
                }
            }
        }
        .await,
    )
}

/// What the admin's form sends: whose areas, and which.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AreaAssignment {
    pub email: String,
    pub areas: Vec<String>,
}

/// Gives animator `assignment.email` its areas (admins); none makes it a holder again.
#[server(endpoint = "assign_areas", output = crate::wire::Wire)]
pub async fn assign_areas(assignment: AreaAssignment) -> Result<(), AppError> {
    answered(
        async {
            let (account, db) = admin_with_db().await?;
            db.set_animator_areas(Some(&account), &assignment.email, &assignment.areas).await?;
            Ok(())
        }
        .await,
    )
}
