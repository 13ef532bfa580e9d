//! `server admin …`: what only the person running the server may do, such as creating the first
//! administrator (nobody can sign up as one) or publishing a new version of the charter (until
//! the admin pages exist).

use app::data::{DataError, Db};
use app::domain::audit::AuditAction;
use app::domain::{Account, NewAccount, Role};

/// The organisation and name of an administrator created from the command line; they can be
/// changed later like any account's.
pub const ADMIN_ORGANISATION: &str = "Club des animateurs de la Carte Orientation 28";
pub const ADMIN_NAME: &str = "Administration";

/// Creates an administrator account. Refuses an email that already has an account (never
/// changes someone's role or password behind their back) and a password the sign-up form
/// would refuse, with the reason in French.
pub async fn create_admin(db: &Db, email: &str, password: &str) -> Result<Account, String> {
    create(db, email, password, Role::Admin).await
}

/// Creates an animator of `areas` (area codes), with the same refusals as [`create_admin`];
/// the areas are checked first, so a typo creates nothing.
pub async fn create_animator(db: &Db, email: &str, password: &str, areas: &[String]) -> Result<Account, String> {
    let known: Vec<String> = db.areas().await.map_err(|e| e.to_string())?.into_iter().map(|a| a.code).collect();
    if areas.is_empty() || areas.iter().any(|a| !known.contains(a)) {
        return Err(format!(
            "Indiquez un ou plusieurs bassins avec --area, parmi : {}. Rien n'a été créé.",
            known.join(", ")
        ));
    }
    let account = create(db, email, password, Role::Animator).await?;
    db.set_animator_areas(None, &account.email, areas).await.map_err(|e| e.to_string())
}

async fn create(db: &Db, email: &str, password: &str, role: Role) -> Result<Account, String> {
    let input = NewAccount {
        organisation: ADMIN_ORGANISATION.into(),
        contact_name: if role == Role::Admin { ADMIN_NAME.into() } else { "Animation".into() },
        email: email.into(),
        password: password.into(),
    };
    let account = match db.create_account(&input, role).await {
        Ok(account) => account,
        Err(DataError::EmailTaken) => {
            return Err(format!("Un compte existe déjà avec l'adresse {email} : rien n'a été changé."))
        }
        Err(DataError::Invalid(errors)) => return Err(errors.to_string()),
        Err(other) => return Err(other.to_string()),
    };
    db.log_command(AuditAction::CreateAccount, &account.email, role.label()).await.map_err(|e| e.to_string())?;
    Ok(account)
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

/// Shortest and longest charter text accepted: a stray empty file or a wrong file (a database
/// dump…) must not become the charter everyone is asked to sign.
const CHARTER_CHARS: std::ops::RangeInclusive<usize> = 200..=20_000;

/// Publishes the text of `file` as the next version of the immersion charter; returns its number.
pub async fn publish_charter(db: &Db, file: &std::path::Path) -> Result<i64, String> {
    let text = std::fs::read_to_string(file).map_err(|e| format!("Lecture de {} impossible : {e}", file.display()))?;
    let length = text.trim().chars().count();
    if !CHARTER_CHARS.contains(&length) {
        return Err(format!(
            "Le texte de la charte doit compter de {} à {} caractères (ici {length}) : rien n'a été publié.",
            CHARTER_CHARS.start(),
            CHARTER_CHARS.end()
        ));
    }
    db.publish_charter(&text).await.map_err(|e| e.to_string())
}
