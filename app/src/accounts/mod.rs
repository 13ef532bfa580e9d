//! Accounts in the interface: sign-up, sign-in, sign-out, change of password, and who is signed
//! in; the links sent by mail (verification, new password), the account page and deletion.
//! The rules are in `domain::accounts`, the SQL in `data::accounts` and its neighbours.

pub mod account_page;
pub mod deletion;
pub mod links;
pub mod pages;
pub mod server_fns;
#[cfg(feature = "ssr")]
pub mod session;
#[cfg(feature = "ssr")]
pub mod throttle;

pub use account_page::AccountPage;
pub use deletion::{AccountDeletedPage, DeleteAccountPage};
pub use links::{ForgotPasswordPage, ResetPasswordPage, VerifyEmailPage};
pub use pages::{SignInPage, SignUpPage};

/// What a sign-up or an invitation's page says of a secret no invitation has.
pub const INVALID_INVITATION: &str =
    "Ce lien d'invitation n'est pas valable : vérifiez qu'il a été copié en entier, ou inscrivez-vous sans invitation.";
