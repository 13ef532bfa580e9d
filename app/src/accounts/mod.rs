//! Accounts in the interface: sign-up, sign-in, sign-out, change of password, and who is signed
//! in; the links sent by mail (verification, new password), the account page and deletion.
//! The rules are in `domain::accounts`, the SQL in `data::accounts` and its neighbours.

pub mod account_page;
pub mod deletion;
pub mod links;
pub mod pages;
pub mod server_fns;
#[cfg(feature = "ssr")]
pub mod throttle;

pub use account_page::AccountPage;
pub use deletion::{AccountDeletedPage, DeleteAccountPage};
pub use links::{ForgotPasswordPage, ResetPasswordPage, VerifyEmailPage};
pub use pages::{SignInPage, SignUpPage};

// Where each action whose page is gone once it succeeded goes next: the page's script goes
// there (`go_to_on_success`), and so does a form sent without JavaScript (`then_without_script`
// in the server function).

/// After signing out.
pub const AFTER_SIGN_OUT: &str = "/";
/// After signing out everywhere.
pub const AFTER_SIGN_OUT_EVERYWHERE: &str = "/connexion?deconnecte=partout";
/// After deleting one's account.
pub const AFTER_DELETION: &str = "/compte/supprime";

/// After using a verification link: the account's first page `next`, saying so.
pub fn after_verification(next: &str) -> String {
    format!("{next}?adresse=verifiee")
}

/// After choosing a new password from a link: the account's first page `next`, saying so.
pub fn after_password_reset(next: &str) -> String {
    format!("{next}?mot-de-passe=change")
}

/// What a sign-up or an invitation's page says of a secret no invitation has.
pub fn invalid_invitation() -> crate::domain::Message {
    crate::domain::Message::new(
        "Ce lien d'invitation n'est pas valable : vérifiez qu'il a été copié en entier, ou inscrivez-vous sans invitation.",
        "This invitation link is not valid: check that it was copied in full, or sign up without an invitation.",
    )
}
