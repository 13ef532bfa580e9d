//! Accounts in the interface: sign-up, sign-in, sign-out, change of password, and who is signed
//! in. The rules are in `domain::accounts`, the SQL in `data::accounts`.

pub mod pages;
pub mod server_fns;
#[cfg(feature = "ssr")]
pub mod session;
#[cfg(feature = "ssr")]
pub mod throttle;

pub use pages::{AccountPage, SignInPage, SignUpPage};
