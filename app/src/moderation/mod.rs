//! The club's animators in the interface: their queue (`/moderation`), the case of one
//! initiative with its decisions, and the admins' audit log (`/admin/journal`). Rules are in
//! `domain::moderation`, the SQL in `data::moderation`.
//!
//! In both languages: the pages' words come from the server with their data
//! (`ModerationTexts`, the journal's `JournalTexts`), never compiled into the browser's code.
//! What people wrote (titles, reasons, messages, the log's details) stays as written, in French.

pub mod case;
pub mod journal;
pub mod queue;
pub mod server_fns;

pub use case::ModerationCasePage;
pub use journal::JournalPage;
pub use queue::ModerationPage;

use crate::language::server_texts;

server_texts! {
    /// The words of the queue and of an initiative's case.
    pub struct ModerationTexts {
        title => moderation.title,
        heading => moderation.heading,
        all_areas => moderation.all_areas,
        no_area => moderation.no_area,
        area_one => moderation.area_one,
        area_many => moderation.area_many,
        empty => moderation.empty,
        one_waits => moderation.one_waits,
        many_wait => moderation.many_wait,
        caption => moderation.caption,
        to_do => moderation.to_do,
        area => moderation.area,
        sent_by_column => moderation.sent_by_column,
        waiting => moderation.waiting,
        case_title => moderation.case_title,
        done_published => moderation.done_published,
        done_refused => moderation.done_refused,
        done_restored => moderation.done_restored,
        done_resolved => moderation.done_resolved,
        done_claim_accepted => moderation.done_claim_accepted,
        done_claim_refused => moderation.done_claim_refused,
        holder => moderation.holder,
        suggestion_contact => moderation.suggestion_contact,
        suggestion_no_contact => moderation.suggestion_no_contact,
        imported => moderation.imported,
        breadcrumb => moderation.breadcrumb,
        status => moderation.status,
        in_area => moderation.in_area,
        public_page => moderation.public_page,
        nothing_waits => moderation.nothing_waits,
        to_review => moderation.to_review,
        sent_by => moderation.sent_by,
        sent_on => moderation.sent_on,
        approve => moderation.approve,
        reason_hint => moderation.reason_hint,
        refuse => moderation.refuse,
        no_change => moderation.no_change,
        changed_fields => moderation.changed_fields,
        proposed_content => moderation.proposed_content,
        field => moderation.field,
        published_version => moderation.published_version,
        proposed_version => moderation.proposed_version,
        value => moderation.value,
        reports => moderation.reports,
        reported_on => moderation.reported_on,
        contact => moderation.contact,
        resolved_on => moderation.resolved_on,
        resolved_by => moderation.resolved_by,
        colon => moderation.colon,
        what_was_done => moderation.what_was_done,
        mark_resolved => moderation.mark_resolved,
        claims => moderation.claims,
        claims_intro => moderation.claims_intro,
        requested_on => moderation.requested_on,
        request => moderation.request,
        decided_on => moderation.decided_on,
        accept => moderation.accept,
        refusal_reason => moderation.refusal_reason,
        of_request => moderation.of_request,
        claim_reason_hint => moderation.claim_reason_hint,
        current_version => moderation.current_version,
        restore => moderation.restore,
    }
}

/// Where a decision leads: the case again, saying what was done (in French; the page's
/// language is added by `language::localized`).
pub fn after_decision(decided: &server_fns::Decided) -> String {
    format!("/moderation/initiatives/{}?fait={}", decided.id, decided.done)
}
