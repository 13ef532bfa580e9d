//! The immersion charter in the interface: `/charte` shows the current version to everyone and
//! lets holders sign it. Versions and signatures are in `data::charter`.

pub mod page;
pub mod server_fns;

pub use page::CharterPage;
