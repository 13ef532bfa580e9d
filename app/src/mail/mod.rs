//! Mail in the interface: the outbox admins read (`/admin/courriels`) and the page of one-click
//! unsubscribing (`/desabonnement`). The words of each mail are in `domain::mail`, the outbox
//! in `data::outbox`, delivery in the server's mail task.

pub mod outbox;
pub mod server_fns;
pub mod unsubscribe;

pub use outbox::OutboxPage;
pub use unsubscribe::UnsubscribePage;
