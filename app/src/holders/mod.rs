//! Initiative holders in the interface: their list (`/mes-initiatives`), the form that creates
//! and edits an initiative, and its history. Rules are in `domain::holding`, the SQL in
//! `data::holding`.

pub mod confirm;
pub mod editor;
pub mod list;
pub mod server_fns;

pub use confirm::ConfirmCurrentPage;
pub use editor::{EditInitiativePage, NewInitiativePage};
pub use list::MyInitiativesPage;
