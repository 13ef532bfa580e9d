//! The audit log's vocabulary: what a moderation or admin action was, and one line of the log.
//! (Each line is written with its action, in the same transaction: `data/audit.rs`.) The log
//! stays as written, in French; English readers read its labels in English (`label_in`).

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

    /// The English label, for English pages (the log itself stays as it was written).
    pub fn label_en(self) -> &'static str {
        match self {
            AuditAction::Approve => "Approval",
            AuditAction::Reject => "Refusal",
            AuditAction::Restore => "Version restored",
            AuditAction::ResolveReport => "Report resolved",
            AuditAction::AssignAreas => "Facilitator's areas",
            AuditAction::CreateAccount => "Account created",
            AuditAction::PublishCharter => "New version of the charter",
            AuditAction::InviteAnimator => "Facilitator invited",
            AuditAction::JoinAsAnimator => "Facilitator's invitation accepted",
            AuditAction::DeleteAccount => "Account deleted",
            AuditAction::RetryMail => "Email sent again",
            AuditAction::AcceptClaim => "Request to attach accepted",
            AuditAction::RefuseClaim => "Request to attach refused",
        }
    }

    /// The label in English when `english`, in French otherwise.
    pub fn label_in(self, english: bool) -> &'static str {
        if english {
            self.label_en()
        } else {
            self.label()
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

impl AuditEntry {
    /// This line for a reader in English when `english`: the names the server gives to whoever
    /// is not an account (the command line, `data::COMMAND_LINE`; a deleted account) and to an
    /// erased address are translated (`data::account_life`); names, titles and the details stay
    /// as the log wrote them.
    pub fn in_language(mut self, english: bool) -> AuditEntry {
        if english {
            self.actor = match self.actor.as_str() {
                "Administration du serveur (ligne de commande)" => "Server administration (command line)".into(),
                other => super::moderation::author_in(other, true),
            };
            if self.subject == "adresse effacée" {
                self.subject = "address erased".into();
            }
        }
        self
    }
}
