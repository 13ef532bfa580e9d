//! `server admin …`: what only the person running the server may do, such as creating the first
//! administrator (nobody can sign up as one).

use app::data::{DataError, Db};
use app::domain::{Account, Role, NewAccount};

/// The organisation and name of an administrator created from the command line; they can be
/// changed later like any account's.
pub const ADMIN_ORGANISATION: &str = "Club des animateurs de la Carte Orientation 28";
pub const ADMIN_NAME: &str = "Administration";

/// Creates an administrator account. Refuses an email that already has an account (never
/// changes someone's role or password behind their back) and a password the sign-up form
/// would refuse, with the reason in French.
pub async fn create_admin(db: &Db, email: &str, password: &str) -> Result<Account, String> {
    let input = NewAccount {
        organisation: ADMIN_ORGANISATION.into(),
        contact_name: ADMIN_NAME.into(),
        email: email.into(),
        password: password.into(),
    };
    match db.create_account(&input, Role::Admin).await {
        Ok(account) => Ok(account),
        Err(DataError::EmailTaken) => Err(format!("Un compte existe déjà avec l'adresse {email} : rien n'a été changé.")),
        Err(DataError::Invalid(errors)) => Err(errors.to_string()),
        Err(other) => Err(other.to_string()),
    }
}

/// The administrator's password: `ADMIN_PASSWORD` when set (scripts), else asked on the
/// terminal without echo, twice.
pub fn admin_password() -> Result<String, String> {
    if let Ok(password) = std::env::var("ADMIN_PASSWORD") {
        return Ok(password);
    }
    let first = rpassword::prompt_password("Mot de passe de l'administrateur : ").map_err(|e| e.to_string())?;
    let second = rpassword::prompt_password("Le même, encore une fois : ").map_err(|e| e.to_string())?;
    if first != second {
        return Err("Les deux mots de passe diffèrent : rien n'a été créé.".into());
    }
    Ok(first)
}
