//! A holder's public page (`/structures/{slug}`), linked from each of its initiatives. Its
//! content is `domain::structures`, the SQL `data::structures`.

pub mod page;
pub mod server_fns;

pub use page::StructurePage;
