//! One initiative: its detail page and the server function behind it.

mod detail;

pub use detail::{get_initiative, InitiativePage};
