//! The people who sign in: initiative holders, club animators and administrators, and the rules
//! their account forms must meet. (Who may do what with an account is in `../shared/domain.md`,
//! "Who may do what", and enforced in every server function.)

use serde::{Deserialize, Serialize};

use super::validation::{is_well_formed_email, push_email_error};
use super::{Field, FieldError, Message, ValidationErrors};

/// Shortest password accepted. Length is what makes a password strong; no composition rules
/// (they push people to predictable patterns), as the ANSSI and NIST recommend.
pub const MIN_PASSWORD_CHARS: usize = 12;

/// Longest password accepted: hashing cost grows with length, and nobody types more.
pub const MAX_PASSWORD_CHARS: usize = 128;

/// Longest organisation or contact name.
pub const MAX_NAME_CHARS: usize = 120;

/// What an account may do (see "Who may do what").
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Holds initiatives: creates and edits their own pins, signs the charter.
    Holder,
    /// Animates the club in one or more areas: moderates, invites holders.
    Animator,
    /// Manages animators, areas, kinds and charter versions.
    Admin,
}

impl Role {
    /// The code stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            Role::Holder => "holder",
            Role::Animator => "animator",
            Role::Admin => "admin",
        }
    }

    pub fn from_code(code: &str) -> Option<Role> {
        [Role::Holder, Role::Animator, Role::Admin].into_iter().find(|r| r.code() == code)
    }

    /// The name people read.
    pub fn label(self) -> &'static str {
        match self {
            Role::Holder => "Porteur d'initiatives",
            Role::Animator => "Animateur du club",
            Role::Admin => "Administrateur",
        }
    }

    /// The name people read, in English.
    pub fn label_en(self) -> &'static str {
        match self {
            Role::Holder => "Initiative holder",
            Role::Animator => "Club facilitator",
            Role::Admin => "Administrator",
        }
    }

    /// The name people read, in English or in French.
    pub fn label_in(self, english: bool) -> &'static str {
        if english {
            self.label_en()
        } else {
            self.label()
        }
    }
}

/// A signed-in person as pages and server functions see them (never the password hash).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    pub id: i64,
    pub email: String,
    pub organisation: String,
    pub contact_name: String,
    pub role: Role,
    /// Its address was proven by a link sent to it. Until then a holder writes drafts but
    /// submits nothing, and nobody can make the account an animator.
    pub verified: bool,
}

/// What a new account needs: what `/inscription` asks for.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewAccount {
    pub organisation: String,
    pub contact_name: String,
    pub email: String,
    pub password: String,
}

/// What a sign-up answers. It must not tell whether the address already had an account, so
/// unless an admin's animator invitation mailed to that very address proves it, the answer is
/// always « check your mailbox » (a holder invitation proves nothing: the animator who made it
/// holds the same link).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SignUpOutcome {
    /// A mail went to the address: a link to verify it, or a notice to its existing owner.
    CheckMailbox,
    /// An animator's invitation was mailed to this address: the account is verified and signed in;
    /// its first page.
    SignedIn { next: String },
}

/// What a single-use link sent by mail is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum LinkPurpose {
    VerifyEmail,
    ResetPassword,
    ChangeEmail,
}

impl LinkPurpose {
    /// The code stored in `account_links`.
    pub fn code(self) -> &'static str {
        match self {
            LinkPurpose::VerifyEmail => "verify-email",
            LinkPurpose::ResetPassword => "reset-password",
            LinkPurpose::ChangeEmail => "change-email",
        }
    }

    pub fn from_code(code: &str) -> Option<LinkPurpose> {
        [LinkPurpose::VerifyEmail, LinkPurpose::ResetPassword, LinkPurpose::ChangeEmail]
            .into_iter()
            .find(|p| p.code() == code)
    }

    /// Where to ask for a new link of this kind.
    fn ask_again(self) -> (&'static str, &'static str) {
        match self {
            LinkPurpose::ResetPassword => (
                "Demandez-en un nouveau depuis « Mot de passe oublié ? » sur la page de connexion.",
                "Ask for a new one with “Forgotten password?” on the sign-in page.",
            ),
            LinkPurpose::VerifyEmail | LinkPurpose::ChangeEmail => (
                "Connectez-vous : la page « Mon compte » vous en envoie un nouveau en un clic.",
                "Sign in: the “My account” page sends you a new one in one click.",
            ),
        }
    }
}

/// Why a link sent by mail does not work.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum LinkProblem {
    /// No link has this secret: mistyped, cut, or tampered with.
    Unknown,
    Used,
    Expired,
}

impl LinkProblem {
    /// What the page of the link says, with what to do.
    pub fn message(self, purpose: Option<LinkPurpose>) -> Message {
        let (french, english) = match self {
            LinkProblem::Unknown => (
                "Ce lien n'est pas valable : il a peut-être été coupé en deux par votre messagerie. Copiez-le en entier dans la barre d'adresse.",
                "This link is not valid: your mail program may have cut it in two. Copy all of it into the address bar.",
            ),
            LinkProblem::Used => (
                "Ce lien a déjà servi : chaque lien envoyé par courriel ne sert qu'une fois.",
                "This link has already been used: each link sent by email works only once.",
            ),
            LinkProblem::Expired => ("Ce lien a expiré.", "This link has expired."),
        };
        match purpose.map(LinkPurpose::ask_again) {
            Some((again, again_en)) => Message::new(format!("{french} {again}"), format!("{english} {again_en}")),
            None => Message::new(french, english),
        }
    }
}

/// What becomes of a published initiative when its holder deletes their account.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AfterDeletion {
    /// Stays on the map, held by the club (by nobody), moderated as before.
    HandOver,
    /// Leaves the map.
    Archive,
}

impl AfterDeletion {
    pub fn code(self) -> &'static str {
        match self {
            AfterDeletion::HandOver => "confier",
            AfterDeletion::Archive => "archiver",
        }
    }

    pub fn from_code(code: &str) -> Option<AfterDeletion> {
        [AfterDeletion::HandOver, AfterDeletion::Archive].into_iter().find(|c| c.code() == code)
    }
}

/// What `/compte` shows beyond the account: a change of address waiting for its link, the
/// animator's choice of queue mails, and the published initiatives a deletion must decide on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountSettings {
    pub account: Account,
    /// The address a change waits to move to, until its link is used.
    pub pending_email: Option<String>,
    /// How the account hears of its queue (animators and admins), if it moderates.
    pub queue_mail: Option<crate::domain::mail::QueueMail>,
    /// Kinds of mail this address unsubscribed from (codes of `MailKind`).
    pub unsubscribed: Vec<String>,
    /// Its published initiatives (id, title): a deletion hands each over or archives it.
    pub published: Vec<(i64, String)>,
    /// A holder's public page (`/structures/{slug}`); `None` for animators and admins.
    pub public_page: Option<PublicPage>,
}

/// A holder's public page as its account page speaks of it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicPage {
    pub path: String,
    /// The contact person's name shows on it.
    pub show_contact_name: bool,
    /// It has a published initiative: otherwise nobody sees the page (it answers 404).
    pub visible: bool,
}

/// An e-mail address as accounts are keyed: trimmed, lower case (addresses are matched without
/// regard to case, so `Marie@Exemple.fr` and `marie@exemple.fr` are one account).
pub fn normalise_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// `suite` (where to go after signing in) when it is a path of this site, as the browser will
/// read it; `None` for anything that could lead elsewhere. Browsers drop tabs and line breaks
/// from URLs and read `\` as `/`, so `/\evil.example` and `/<tab>/evil.example` mean
/// `//evil.example`: any of those characters is refused outright, then the path is resolved
/// against a stand-in origin and kept only if it stays there and does not start with `//`.
pub fn same_site_path(suite: &str) -> Option<String> {
    if suite.chars().any(|c| c.is_control() || c.is_whitespace() || c == '\\') {
        return None;
    }
    if !suite.starts_with('/') || suite.starts_with("//") {
        return None;
    }
    // Resolving removes dot segments, so `/..//evil.example` comes out as `//evil.example`,
    // which a browser reads as another site: refused too.
    resolve_on_stand_in_site(suite).filter(|path| !path.starts_with("//"))
}

const STAND_IN_SITE: &str = "https://site.invalid";

/// The path, query and fragment `suite` leads to from a page of `STAND_IN_SITE`, if it stays there.
/// The server asks the `url` crate, the browser its own parser (the same WHATWG standard): in the
/// WASM, `url` would bring `idna` and its Unicode tables (about 100 KiB) for this one check.
#[cfg(not(feature = "hydrate"))]
fn resolve_on_stand_in_site(suite: &str) -> Option<String> {
    let site = url::Url::parse(STAND_IN_SITE).expect("a valid URL");
    let resolved = site.join(suite).ok()?;
    (resolved.origin() == site.origin()).then(|| resolved[url::Position::BeforePath..].to_string())
}

#[cfg(feature = "hydrate")]
fn resolve_on_stand_in_site(suite: &str) -> Option<String> {
    let resolved = web_sys::Url::new_with_base(suite, STAND_IN_SITE).ok()?;
    (resolved.origin() == STAND_IN_SITE)
        .then(|| format!("{}{}{}", resolved.pathname(), resolved.search(), resolved.hash()))
}

/// The longest address any mail system accepts (RFC 5321's 254 characters).
pub const MAX_EMAIL_CHARS: usize = 254;

/// Refuses, before any throttle counts it or any hash runs, an address or a password longer than
/// any real one: such input only costs the server (a throttle key, an argon2 hash) and tells a
/// person nothing more than this message.
pub fn oversized_credentials(email: &str, password: &str) -> Option<Message> {
    if email.trim().chars().count() > MAX_EMAIL_CHARS {
        Some(Message::new(
            format!(
                "Une adresse e-mail compte au plus {MAX_EMAIL_CHARS} caractères : vérifiez celle que vous avez saisie."
            ),
            format!("An email address has at most {MAX_EMAIL_CHARS} characters: check the one you typed."),
        ))
    } else if password.chars().count() > MAX_PASSWORD_CHARS {
        Some(too_long_password())
    } else {
        None
    }
}

fn too_long_password() -> Message {
    Message::new(
        format!("Le mot de passe doit compter au plus {MAX_PASSWORD_CHARS} caractères."),
        format!("The password must be at most {MAX_PASSWORD_CHARS} characters long."),
    )
}

/// Checks a sign-up form; every broken rule names its field.
pub fn validate_sign_up(input: &NewAccount) -> Result<(), ValidationErrors> {
    let mut errors = ValidationErrors::default();
    let organisation = ("Indiquez le nom de votre structure.", "Give your organisation's name.");
    check_name(&mut errors, Field::Organisation, &input.organisation, organisation);
    let contact = ("Indiquez le nom de la personne à contacter.", "Give the name of the person to contact.");
    check_name(&mut errors, Field::ContactName, &input.contact_name, contact);
    if !is_well_formed_email(&normalise_email(&input.email)) {
        push_email_error(&mut errors, Field::Email);
    }
    if let Some(message) = password_problem(&input.password) {
        errors.0.push(FieldError { field: Field::Password, message });
    }
    if errors.0.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// What is wrong with `password` as a new password, if anything.
pub fn password_problem(password: &str) -> Option<Message> {
    let length = password.chars().count();
    if length < MIN_PASSWORD_CHARS {
        Some(Message::new(
            format!("Le mot de passe doit compter au moins {MIN_PASSWORD_CHARS} caractères (une phrase facile à retenir convient très bien)."),
            format!("The password must be at least {MIN_PASSWORD_CHARS} characters long (an easy-to-remember sentence is fine)."),
        ))
    } else if length > MAX_PASSWORD_CHARS {
        Some(too_long_password())
    } else {
        None
    }
}

fn check_name(errors: &mut ValidationErrors, field: Field, value: &str, missing: (&str, &str)) {
    let value = value.trim();
    if value.is_empty() {
        errors.push(field, missing.0, missing.1);
    } else if value.chars().count() > MAX_NAME_CHARS {
        errors.push(
            field,
            format!("{MAX_NAME_CHARS} caractères au plus."),
            format!("{MAX_NAME_CHARS} characters at most."),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid() -> NewAccount {
        NewAccount {
            organisation: "Mission locale du Drouais".into(),
            contact_name: "Camille Martin".into(),
            email: " Camille.Martin@Exemple.fr ".into(),
            password: "un long mot de passe".into(),
        }
    }

    fn fields(input: NewAccount) -> Vec<Field> {
        validate_sign_up(&input).err().map(|e| e.0.into_iter().map(|e| e.field).collect()).unwrap_or_default()
    }

    #[test]
    fn only_paths_of_this_site_are_followed_after_sign_in() {
        assert_eq!(same_site_path("/mes-initiatives").as_deref(), Some("/mes-initiatives"));
        assert_eq!(same_site_path("/?bassin=dreux#liste").as_deref(), Some("/?bassin=dreux#liste"));
        // Encoded slashes stay inside the path: the browser never reads them as a host.
        assert_eq!(same_site_path("/%2F%2Fevil.example").as_deref(), Some("/%2F%2Fevil.example"));
        // The known ways off-site, as the query string decodes them.
        for bypass in [
            "//evil.example",
            "/\\evil.example",
            "\\/evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r\n/evil.example",
            "/ /evil.example",
            "https://evil.example/",
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "evil.example",
            "",
            "/\u{0}/evil.example",
            // Dot segments the resolution removes, leaving `//` at the path's start.
            "/..//evil.example",
            "/.//evil.example",
            "/a/..//evil.example",
            "/%2e%2e//evil.example",
        ] {
            assert_eq!(same_site_path(bypass), None, "{bypass:?}");
        }
    }

    #[test]
    fn oversized_addresses_and_passwords_are_refused_first() {
        let longest = format!("{}@exemple.fr", "a".repeat(MAX_EMAIL_CHARS - 11));
        assert_eq!(oversized_credentials(&longest, "secret"), None);
        let message = oversized_credentials(&format!("a{longest}"), "secret").unwrap();
        assert!(message.french.contains("254 caractères"), "{message}");
        assert!(oversized_credentials("a@exemple.fr", &"x".repeat(MAX_PASSWORD_CHARS + 1)).is_some());
    }

    #[test]
    fn a_complete_form_passes_and_emails_are_matched_without_case() {
        assert_eq!(validate_sign_up(&valid()), Ok(()));
        assert_eq!(normalise_email(&valid().email), "camille.martin@exemple.fr");
    }

    #[test]
    fn every_broken_rule_names_its_field() {
        let empty = NewAccount::default();
        assert_eq!(fields(empty), vec![Field::Organisation, Field::ContactName, Field::Email, Field::Password]);
        assert_eq!(fields(NewAccount { password: "court".into(), ..valid() }), vec![Field::Password]);
        assert_eq!(
            fields(NewAccount { password: "x".repeat(MAX_PASSWORD_CHARS + 1), ..valid() }),
            vec![Field::Password]
        );
        assert_eq!(fields(NewAccount { email: "camille@".into(), ..valid() }), vec![Field::Email]);
        assert_eq!(
            fields(NewAccount { organisation: "x".repeat(MAX_NAME_CHARS + 1), ..valid() }),
            vec![Field::Organisation]
        );
    }

    #[test]
    fn password_length_counts_characters_not_bytes() {
        // Twelve accented characters are 24 bytes: still twelve characters.
        assert_eq!(password_problem(&"é".repeat(MIN_PASSWORD_CHARS)), None);
        assert!(password_problem(&"é".repeat(MIN_PASSWORD_CHARS - 1)).is_some());
    }

    #[test]
    fn a_broken_link_says_what_to_do() {
        assert!(LinkProblem::Used.message(Some(LinkPurpose::ResetPassword)).french.contains("Mot de passe oublié"));
        assert!(LinkProblem::Expired.message(Some(LinkPurpose::VerifyEmail)).english.contains("Sign in"));
        for purpose in [LinkPurpose::VerifyEmail, LinkPurpose::ResetPassword, LinkPurpose::ChangeEmail] {
            assert_eq!(LinkPurpose::from_code(purpose.code()), Some(purpose));
        }
        assert_eq!(AfterDeletion::from_code("confier"), Some(AfterDeletion::HandOver));
    }

    #[test]
    fn roles_round_trip_through_their_codes() {
        for role in [Role::Holder, Role::Animator, Role::Admin] {
            assert_eq!(Role::from_code(role.code()), Some(role));
        }
        assert_eq!(Role::from_code("superuser"), None);
    }
}
