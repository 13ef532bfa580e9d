//! One initiative: its detail page and the server function behind it.

mod detail;
mod server_fns;

pub use detail::InitiativePage;
pub use server_fns::get_initiative;
