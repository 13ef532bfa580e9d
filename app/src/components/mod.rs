//! Pieces of pages that several features show: the form plumbing and labelled inputs
//! (`forms`), an initiative's fields (`initiative_fields`) and its history (`history`). A
//! feature imports these, never another feature's page.

pub mod forms;
pub mod history;
pub mod initiative_fields;

pub use history::History;
pub use initiative_fields::InitiativeFields;
