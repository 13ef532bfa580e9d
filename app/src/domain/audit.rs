//! The audit log's vocabulary: what a moderation or admin action was, and one line of the log.
//! (Each line is written with its action, in the same transaction: `data/audit.rs`.)

use serde::{Deserialize, Serialize};

/// What a moderation or admin action was, as the audit log stores it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AuditAction {
    Approve,
    Reject,
    Restore,
    ResolveReport,
    AssignAreas,
    CreateAccount,
    PublishCharter,
    InviteAnimator,
    JoinAsAnimator,
    DeleteAccount,
    RetryMail,
    AcceptClaim,
    RefuseClaim,
}

impl AuditAction {
    pub const ALL: [AuditAction; 13] = [
        AuditAction::Approve,
        AuditAction::Reject,
        AuditAction::Restore,
        AuditAction::ResolveReport,
        AuditAction::AssignAreas,
        AuditAction::CreateAccount,
        AuditAction::PublishCharter,
        AuditAction::InviteAnimator,
        AuditAction::JoinAsAnimator,
        AuditAction::DeleteAccount,
        AuditAction::RetryMail,
        AuditAction::AcceptClaim,
        AuditAction::RefuseClaim,
    ];

    pub fn code(self) -> &'static str {
        match self {
            AuditAction::Approve => "approve",
            AuditAction::Reject => "reject",
            AuditAction::Restore => "restore",
            AuditAction::ResolveReport => "resolve-report",
            AuditAction::AssignAreas => "assign-areas",
            AuditAction::CreateAccount => "create-account",
            AuditAction::PublishCharter => "publish-charter",
            AuditAction::InviteAnimator => "invite-animator",
            AuditAction::JoinAsAnimator => "join-as-animator",
            AuditAction::DeleteAccount => "delete-account",
            AuditAction::RetryMail => "retry-mail",
            AuditAction::AcceptClaim => "accept-claim",
            AuditAction::RefuseClaim => "refuse-claim",
        }
    }

    pub fn from_code(code: &str) -> Option<AuditAction> {
        AuditAction::ALL.into_iter().find(|a| a.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            AuditAction::Approve => "Validation",
            AuditAction::Reject => "Refus",
            AuditAction::Restore => "Restauration d'une version",
            AuditAction::ResolveReport => "Signalement résolu",
            AuditAction::AssignAreas => "Bassins d'un animateur",
            AuditAction::CreateAccount => "Création d'un compte",
            AuditAction::PublishCharter => "Nouvelle version de la charte",
            AuditAction::InviteAnimator => "Invitation d'un animateur",
            AuditAction::JoinAsAnimator => "Invitation d'animateur acceptée",
            AuditAction::DeleteAccount => "Compte supprimé",
            AuditAction::RetryMail => "Courriel renvoyé",
            AuditAction::AcceptClaim => "Demande de rattachement acceptée",
            AuditAction::RefuseClaim => "Demande de rattachement refusée",
        }
    }
}

/// One line of the audit log: who, when, what.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub at: String,
    pub actor: String,
    pub action: AuditAction,
    pub initiative_id: Option<i64>,
    pub subject: String,
    pub details: String,
}
