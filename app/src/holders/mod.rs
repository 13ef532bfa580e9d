//! Initiative holders in the interface: their list (`/mes-initiatives`), the form that creates
//! and edits an initiative, and its history. Rules are in `domain::holding`, the SQL in
//! `data::holding`.
//!
//! In both languages: the pages' words (`HolderTexts`) come from the server with the page
//! (`server_fns::holder_texts`), the form's with its choices (`FormTexts`); only the loading
//! words are compiled in. The holders' own words (titles, refusal reasons) stay as written,
//! marked French.

use crate::wire::{wire_resource, WireResource};

use crate::error::AppError;
use crate::language::{server_texts, use_locale};

pub mod confirm;
pub mod editor;
pub mod list;
pub mod server_fns;

pub use confirm::ConfirmCurrentPage;
pub use editor::{EditInitiativePage, NewInitiativePage};
pub use list::MyInitiativesPage;

server_texts! {
    /// The words of the holders' pages: their list, the frame of the initiative form, the
    /// confirmation page.
    pub struct HolderTexts {
        list_title => holders.list_title,
        new_title => holders.new_title,
        edit_title => holders.edit_title,
        confirm_title => holders.confirm_title,
        my_initiatives => holders.my_initiatives,
        confirmed_now => holders.confirmed_now,
        verified_now => holders.verified_now,
        intro => holders.intro,
        new_initiative => holders.new_initiative,
        charter => holders.charter,
        none_yet => holders.none_yet,
        table_caption => holders.table_caption,
        initiative_column => holders.initiative_column,
        status_column => holders.status_column,
        confirmed_column => holders.confirmed_column,
        saved_column => holders.saved_column,
        my_claims => holders.my_claims,
        claims_caption => holders.claims_caption,
        requested_column => holders.requested_column,
        answer_column => holders.answer_column,
        waiting => holders.waiting,
        accepted => holders.accepted,
        refused => holders.refused,
        refusal_reason => holders.refusal_reason,
        public_page => holders.public_page,
        still_current => holders.still_current,
        confirm_before => holders.confirm_before,
        confirm_after => holders.confirm_after,
        not_published => holders.not_published,
        only_holder_confirms => holders.only_holder_confirms,
        confirm_text => holders.confirm_text,
        is_it_current_before => holders.is_it_current_before,
        is_it_current_after => holders.is_it_current_after,
        something_changed => holders.something_changed,
        holders_form => holders.holders_form,
        instead => holders.instead,
        suggest_it => holders.suggest_it,
        suggest_it_after => holders.suggest_it_after,
        invite_before => holders.invite_before,
        sign_up => holders.sign_up,
        invite_after => holders.invite_after,
        moderation_queue => holders.moderation_queue,
        new_intro => holders.new_intro,
        saved_edit_draft => holders.saved_edit_draft,
        saved_draft => holders.saved_draft,
        submitted_edit => holders.submitted_edit,
        submitted => holders.submitted,
        archived => holders.archived,
        status => holders.status,
        resubmit => holders.resubmit,
        read_only => holders.read_only,
        withdraw => holders.withdraw,
        withdraw_text => holders.withdraw_text,
        archive => holders.archive,
        breadcrumb => holders.breadcrumb,
        save_draft => holders.save_draft,
        submit => holders.submit,
    }
}

/// The holders' pages' words in this page's language, loaded with the page (on the server for
/// the first page; a small request when the page is reached from another one).
fn texts_resource() -> WireResource<Result<HolderTexts, AppError>> {
    let locale = use_locale();
    wire_resource(|| (), move |_| server_fns::holder_texts(locale))
}
