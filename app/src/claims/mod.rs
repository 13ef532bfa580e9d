//! « C'est notre initiative »: a holder's claim on a published initiative that nobody holds
//! (`/initiatives/{id}/rattacher`), and the list of their claims on « Mes initiatives ». Animators
//! decide on claims in the moderation case. Rules are `domain::claims`, the SQL `data::claims`.

pub mod page;
pub mod server_fns;

pub use page::ClaimPage;
