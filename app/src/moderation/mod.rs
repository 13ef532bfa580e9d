//! The club's animators in the interface: their queue (`/moderation`), the case of one
//! initiative with its decisions, and the admins' audit log (`/admin/journal`). Rules are in
//! `domain::moderation`, the SQL in `data::moderation`.

pub mod case;
pub mod journal;
pub mod queue;
pub mod server_fns;

pub use case::ModerationCasePage;
pub use journal::JournalPage;
pub use queue::ModerationPage;

/// Where a decision leads: the case again, saying what was done.
pub fn after_decision(decided: &server_fns::Decided) -> String {
    format!("/moderation/initiatives/{}?fait={}", decided.id, decided.done)
}
