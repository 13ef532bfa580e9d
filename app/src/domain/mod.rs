//! The vocabulary of Carte Orientation 28 and its rules, shared by the server and the browser.
//! Nothing here knows about Leptos, HTTP or SQL: rules are plain functions with plain tests.

pub mod accounts;
pub mod audit;
pub mod charter;
pub mod claims;
pub mod club;
pub mod cluster_options;
pub mod contributions;
pub mod filters;
pub mod geography;
pub mod holding;
pub mod initiative;
pub mod initiative_form;
pub mod mail;
pub mod message;
pub mod moderation;
pub mod network;
pub mod ordering;
pub mod pins;
pub mod revisions;
pub mod sent_forms;
pub mod structures;
#[cfg(feature = "ssr")]
pub mod supercluster;
pub mod taxonomy;
pub mod validation;
pub mod wire_dates;

pub use accounts::{Account, NewAccount, Role};
pub use charter::{CharterPage, CharterVersion};
pub use filters::{FilterError, Filters, Sort, PAGE_SIZE};
pub use geography::{within_department, Area};
pub use holding::{HeldInitiative, Intent, WorkingCopy};
pub use initiative::{
    DatedInitiative, Facets, InitiativeDetail, InitiativeInput, InitiativeSummary, KindInfo, ListPage, MapData, Status,
};
pub use initiative_form::{CommuneChoice, InitiativeForm};
pub use message::Message;
pub use pins::{Pin, PinSet};
pub use revisions::{Conflict, Revision};
pub use sent_forms::SentForm;
pub use taxonomy::{Audience, Theme};
pub use validation::{validate, Field, FieldError, ValidationErrors, Vocabulary};

/// The embed page's path (`/integrer`, `map::view_address`): the only page other sites may frame
/// (the server's `security_headers`), whose links to other pages open a new tab (`leaflet_map`).
pub const EMBED_PATH: &str = "/integrer";
