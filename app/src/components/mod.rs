//! Pieces of pages that several features show: the form plumbing and labelled inputs
//! (`forms`), forms sent without JavaScript (`sent_forms`), an initiative's fields
//! (`initiative_fields`) and its history (`history`), the badges (`badges`), and what a page
//! shows instead of itself (`page_states`: not found, an error, the way to sign in). A feature
//! imports these, never another feature's page.

pub mod badges;
pub mod forms;
pub mod history;
pub mod initiative_fields;
pub mod page_states;
pub mod sent_forms;

pub use badges::{CharterBadge, DemoBadge, ToCheckBadge};
pub use history::History;
pub use initiative_fields::InitiativeFields;
pub use page_states::{members_only, sign_in_path, ErrorNotice, NotFound};
