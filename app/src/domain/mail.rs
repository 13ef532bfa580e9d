//! The mails the site sends: their kinds (what a person can unsubscribe from), their words in
//! French and in English, and how one message becomes plain text and its HTML alternative. Each
//! mail is written in one language, the recipient's, which the callers in `data/` choose. Every
//! link is a path here and gets the site's address (`PUBLIC_URL`) when rendered, so a mail never
//! points elsewhere; an English mail's links open the English pages (under `/en`).

use serde::{Deserialize, Serialize};

/// What a mail is about. People unsubscribe from a kind, except from the security ones.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum MailKind {
    /// The link that proves an address (a new account, or a new address).
    Verification,
    /// The link that sets a new password.
    PasswordReset,
    /// Notices about the account itself: someone signed up with this address, the address is
    /// being changed. Never unsubscribable: they are how a person learns of an attack.
    AccountSecurity,
    /// An invitation to join the club, as a holder or as an animator.
    Invitation,
    /// A holder's initiative published, refused or restored.
    Decision,
    /// A report about a holder's initiative resolved.
    ReportResolved,
    /// « Toujours à jour ? »: the yearly reminder before and when a pin turns « à vérifier ».
    Freshness,
    /// New items in an animator's queue, one by one or as a daily digest.
    Queue,
    /// A citizen's suggestion or report handled.
    FollowUp,
}

impl MailKind {
    pub const ALL: [MailKind; 9] = [
        MailKind::Verification,
        MailKind::PasswordReset,
        MailKind::AccountSecurity,
        MailKind::Invitation,
        MailKind::Decision,
        MailKind::ReportResolved,
        MailKind::Freshness,
        MailKind::Queue,
        MailKind::FollowUp,
    ];

    /// The code stored in the outbox and the subscriptions.
    pub fn code(self) -> &'static str {
        match self {
            MailKind::Verification => "verification",
            MailKind::PasswordReset => "password-reset",
            MailKind::AccountSecurity => "account-security",
            MailKind::Invitation => "invitation",
            MailKind::Decision => "decision",
            MailKind::ReportResolved => "report-resolved",
            MailKind::Freshness => "freshness",
            MailKind::Queue => "queue",
            MailKind::FollowUp => "follow-up",
        }
    }

    pub fn from_code(code: &str) -> Option<MailKind> {
        MailKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The kind as people read it (« Vous ne recevrez plus : … »).
    pub fn label(self) -> &'static str {
        match self {
            MailKind::Verification => "vérification de votre adresse",
            MailKind::PasswordReset => "nouveau mot de passe",
            MailKind::AccountSecurity => "sécurité de votre compte",
            MailKind::Invitation => "invitations à rejoindre le club",
            MailKind::Decision => "décisions sur vos initiatives (publiée, refusée, restaurée)",
            MailKind::ReportResolved => "signalements résolus sur vos initiatives",
            MailKind::Freshness => "rappels annuels « Toujours à jour ? »",
            MailKind::Queue => "nouveautés à modérer dans vos bassins",
            MailKind::FollowUp => "suite donnée à vos suggestions et signalements",
        }
    }

    /// The kind as people read it in English (the English account and unsubscribe pages, the
    /// outbox, the unsubscribe line of English mails).
    pub fn label_en(self) -> &'static str {
        match self {
            MailKind::Verification => "verification of your address",
            MailKind::PasswordReset => "new password",
            MailKind::AccountSecurity => "security of your account",
            MailKind::Invitation => "invitations to join the club",
            MailKind::Decision => "decisions on your initiatives (published, refused, restored)",
            MailKind::ReportResolved => "reports resolved on your initiatives",
            MailKind::Freshness => "yearly “Still up to date?” reminders",
            MailKind::Queue => "new items to moderate in your areas",
            MailKind::FollowUp => "follow-up of your suggestions and reports",
        }
    }

    /// The kind as people read it, in English or in French.
    pub fn label_in(self, english: bool) -> &'static str {
        if english {
            self.label_en()
        } else {
            self.label()
        }
    }

    /// Security mails carry links a person asked for, or warn them: no unsubscribe link.
    pub fn is_security(self) -> bool {
        matches!(self, MailKind::Verification | MailKind::PasswordReset | MailKind::AccountSecurity)
    }
}

/// One block of a mail's body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    Paragraph(String),
    /// A link on its own line: `label` then the whole address (plain-text readers see both).
    Link {
        label: String,
        path: String,
    },
    /// Words of someone else (a refusal's reason, a resolution), set apart.
    Quote(String),
    List(Vec<String>),
}

/// A mail before it is rendered for one site.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mail {
    pub kind: MailKind,
    /// The mail's language: English when true, French otherwise.
    pub english: bool,
    pub subject: String,
    pub blocks: Vec<Block>,
}

/// A mail as sent: plain text and its HTML alternative, every link absolute.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rendered {
    pub text: String,
    pub html: String,
}

const SIGNATURE: &str = "Le club Carte Orientation 28";
const SIGNATURE_EN: &str = "The Carte Orientation 28 club";

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

impl Mail {
    fn new(kind: MailKind, english: bool, subject: impl Into<String>, blocks: Vec<Block>) -> Mail {
        Mail { kind, english, subject: subject.into(), blocks }
    }

    /// The mail for `site` (`https://carte.exemple.fr`, no trailing slash needed), with the
    /// one-click unsubscribe address when the kind has one (given whole by the caller). An
    /// English mail greets, signs and links in English: its links lead to the English pages.
    pub fn render(&self, site: &str, unsubscribe_url: Option<&str>) -> Rendered {
        let site = site.trim_end_matches('/');
        let english = self.english;
        let url = |path: &str| {
            if english {
                format!("{site}{}", english_path(path))
            } else {
                format!("{site}{path}")
            }
        };
        let (greeting, lang) = if english { ("Hello,", "en") } else { ("Bonjour,", "fr") };
        let mut text = format!("{greeting}\n\n");
        let mut html = format!(
            "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"></head>\
             <body style=\"font-family: sans-serif; line-height: 1.5; max-width: 40em\"><p>{greeting}</p>",
        );
        for block in &self.blocks {
            match block {
                Block::Paragraph(words) => {
                    text.push_str(&format!("{words}\n\n"));
                    html.push_str(&format!("<p>{}</p>", escape(words)));
                }
                Block::Link { label, path } => {
                    let colon = if english { ":" } else { " :" };
                    text.push_str(&format!("{label}{colon}\n{}\n\n", url(path)));
                    html.push_str(&format!("<p><a href=\"{}\">{}</a></p>", escape(&url(path)), escape(label)));
                }
                Block::Quote(words) => {
                    let quoted: Vec<String> = words.lines().map(|line| format!("> {line}")).collect();
                    text.push_str(&format!("{}\n\n", quoted.join("\n")));
                    html.push_str(&format!("<blockquote>{}</blockquote>", escape(words).replace('\n', "<br>")));
                }
                Block::List(items) => {
                    for item in items {
                        text.push_str(&format!("- {item}\n"));
                    }
                    text.push('\n');
                    let items: String = items.iter().map(|item| format!("<li>{}</li>", escape(item))).collect();
                    html.push_str(&format!("<ul>{items}</ul>"));
                }
            }
        }
        let (signature, home) = if english { (SIGNATURE_EN, "/en") } else { (SIGNATURE, "/") };
        text.push_str(&format!("-- \n{signature}\n{site}{home}\n"));
        html.push_str(&format!("<p>— {signature}<br><a href=\"{0}{home}\">{0}{home}</a></p>", escape(site)));
        if let Some(unsubscribe) = unsubscribe_url {
            let (why, colon) = if english {
                (format!("To stop receiving “{}” emails, in one click", self.kind.label_en()), ":")
            } else {
                (format!("Pour ne plus recevoir les courriels « {} », en un clic", self.kind.label()), " :")
            };
            text.push_str(&format!("\n{why}{colon}\n{unsubscribe}\n"));
            html.push_str(&format!(
                "<p style=\"font-size: smaller\"><a href=\"{}\">{}</a></p>",
                escape(unsubscribe),
                escape(&why)
            ));
        }
        html.push_str("</body></html>");
        Rendered { text, html }
    }
}

/// `path` (one of our pages, French) as the English page: `/mes-initiatives/3` →
/// `/en/mes-initiatives/3`, `/` and `/?…` → `/en` and `/en?…`. The API's addresses (`/api/…`),
/// paths already English and anything not a path stay as they are.
fn english_path(path: &str) -> String {
    let already = path == "/en" || ["/en/", "/en?", "/en#"].iter().any(|prefix| path.starts_with(*prefix));
    if already || path.starts_with("/api/") || !path.starts_with('/') {
        return path.to_string();
    }
    let rest = &path[1..];
    if rest.is_empty() || rest.starts_with('?') || rest.starts_with('#') {
        format!("/en{rest}")
    } else {
        format!("/en{path}")
    }
}

fn para(words: impl Into<String>) -> Block {
    Block::Paragraph(words.into())
}

fn link(label: impl Into<String>, path: impl Into<String>) -> Block {
    Block::Link { label: label.into(), path: path.into() }
}

/// The path of a mailed link: `page` with the link's secret.
pub fn link_path(page: &str, secret: &str) -> String {
    format!("{page}?jeton={secret}")
}

/// The page a verification link opens.
pub const VERIFY_PAGE: &str = "/verifier-adresse";
/// The page a password-reset link opens.
pub const RESET_PAGE: &str = "/nouveau-mot-de-passe";
/// The page an animator's invitation opens.
pub const ANIMATOR_INVITATION_PAGE: &str = "/rejoindre-l-animation";
/// The page of one-click unsubscribing.
pub const UNSUBSCRIBE_PAGE: &str = "/desabonnement";

/// Hours a verification (or change of address) link stays valid.
pub const VERIFICATION_HOURS: i64 = 48;
/// Hours a password-reset link stays valid.
pub const RESET_HOURS: i64 = 1;

/// The words of every mail, one function each, in English when `english` (the recipient's
/// language, chosen by the callers in `data/`) and in French otherwise. Values passed in
/// (titles, reasons, names, dates, areas) are inserted as they are: callers format them in the
/// mail's language.
pub mod letters {
    use super::*;

    pub fn verification(secret: &str, english: bool) -> Mail {
        if english {
            return Mail::new(
                MailKind::Verification,
                true,
                "Confirm your email address – Carte Orientation 28",
                vec![
                    para("An initiative holder's account has just been created on Carte Orientation 28 with this address."),
                    link("To confirm your address, open this link", link_path(VERIFY_PAGE, secret)),
                    para(format!(
                        "This link works only once and stays valid for {VERIFICATION_HOURS} hours. Until the address is confirmed, you can write drafts but not submit them."
                    )),
                    para("If you did not sign up, ignore this email: without confirmation, the account cannot publish anything."),
                ],
            );
        }
        Mail::new(
            MailKind::Verification,
            false,
            "Confirmez votre adresse e-mail – Carte Orientation 28",
            vec![
                para("Un compte de porteur d'initiatives vient d'être créé sur la Carte Orientation 28 avec cette adresse."),
                link("Pour confirmer votre adresse, ouvrez ce lien", link_path(VERIFY_PAGE, secret)),
                para(format!(
                    "Ce lien sert une seule fois et reste valable {VERIFICATION_HOURS} heures. Tant que l'adresse n'est pas confirmée, vous pouvez écrire des brouillons mais pas les soumettre."
                )),
                para("Si vous n'êtes pas à l'origine de cette inscription, ignorez ce courriel : sans confirmation, le compte ne peut rien publier."),
            ],
        )
    }

    pub fn new_address(secret: &str, english: bool) -> Mail {
        if english {
            return Mail::new(
                MailKind::Verification,
                true,
                "Confirm your new address – Carte Orientation 28",
                vec![
                    para("You asked to use this address for your Carte Orientation 28 account."),
                    link("To confirm this new address, open this link", link_path(VERIFY_PAGE, secret)),
                    para(format!(
                        "This link works only once and stays valid for {VERIFICATION_HOURS} hours. Until then, your old address remains the account's address."
                    )),
                ],
            );
        }
        Mail::new(
            MailKind::Verification,
            false,
            "Confirmez votre nouvelle adresse – Carte Orientation 28",
            vec![
                para("Vous avez demandé à utiliser cette adresse pour votre compte de la Carte Orientation 28."),
                link("Pour confirmer cette nouvelle adresse, ouvrez ce lien", link_path(VERIFY_PAGE, secret)),
                para(format!(
                    "Ce lien sert une seule fois et reste valable {VERIFICATION_HOURS} heures. Votre ancienne adresse reste celle du compte jusque-là."
                )),
            ],
        )
    }

    pub fn address_change_notice(new_email: &str, english: bool) -> Mail {
        if english {
            return Mail::new(
                MailKind::AccountSecurity,
                true,
                "Change of address requested – Carte Orientation 28",
                vec![
                    para(format!(
                        "Someone signed in to your account has asked to replace this address with {new_email}."
                    )),
                    para("Nothing changes until the new address is confirmed through the link that was sent to it."),
                    link("If this was not you, choose a new password straight away", "/mot-de-passe-oublie"),
                ],
            );
        }
        Mail::new(
            MailKind::AccountSecurity,
            false,
            "Changement d'adresse demandé – Carte Orientation 28",
            vec![
                para(format!(
                    "Quelqu'un, connecté à votre compte, a demandé à remplacer cette adresse par {new_email}."
                )),
                para(
                    "Rien ne change tant que la nouvelle adresse n'est pas confirmée par le lien qui lui a été envoyé.",
                ),
                link("Si ce n'est pas vous, choisissez tout de suite un nouveau mot de passe", "/mot-de-passe-oublie"),
            ],
        )
    }

    /// To the owner of an address someone tried to sign up (or move an account) with.
    pub fn address_in_use(english: bool) -> Mail {
        if english {
            return Mail::new(
                MailKind::AccountSecurity,
                true,
                "Your address was put forward for an account – Carte Orientation 28",
                vec![
                    para("Someone has just asked to create an account (or to attach this address to one) on Carte Orientation 28, although an account already exists with it."),
                    link("If it was you, sign in", "/connexion"),
                    link("Forgotten your password? Choose a new one", "/mot-de-passe-oublie"),
                    para("Otherwise, ignore this email: your account has not changed."),
                ],
            );
        }
        Mail::new(
            MailKind::AccountSecurity,
            false,
            "Votre adresse a été proposée pour un compte – Carte Orientation 28",
            vec![
                para("Quelqu'un vient de demander à créer un compte (ou à y rattacher cette adresse) sur la Carte Orientation 28, alors qu'un compte existe déjà avec elle."),
                link("Si c'était vous, connectez-vous", "/connexion"),
                link("Mot de passe oublié ? Choisissez-en un nouveau", "/mot-de-passe-oublie"),
                para("Sinon, ignorez ce courriel : votre compte n'a pas changé."),
            ],
        )
    }

    pub fn password_reset(secret: &str, english: bool) -> Mail {
        if english {
            return Mail::new(
                MailKind::PasswordReset,
                true,
                "Choose a new password – Carte Orientation 28",
                vec![
                    para("You asked to choose a new password for your Carte Orientation 28 account."),
                    link("To choose it, open this link", link_path(RESET_PAGE, secret)),
                    para(format!(
                        "This link works only once and stays valid for {RESET_HOURS} hour. Once the password is changed, all your other sessions are closed."
                    )),
                    para("If you did not ask for anything, ignore this email: your password stays the same."),
                ],
            );
        }
        Mail::new(
            MailKind::PasswordReset,
            false,
            "Choisir un nouveau mot de passe – Carte Orientation 28",
            vec![
                para("Vous avez demandé à choisir un nouveau mot de passe pour votre compte de la Carte Orientation 28."),
                link("Pour le choisir, ouvrez ce lien", link_path(RESET_PAGE, secret)),
                para(format!(
                    "Ce lien sert une seule fois et reste valable {RESET_HOURS} heure. Une fois le mot de passe changé, toutes vos autres sessions sont fermées."
                )),
                para("Si vous n'avez rien demandé, ignorez ce courriel : votre mot de passe ne change pas."),
            ],
        )
    }

    /// `expires`: the link's last day, already written in the mail's language.
    pub fn holder_invitation(invited_by: &str, organisation: &str, path: &str, expires: &str, english: bool) -> Mail {
        if english {
            return Mail::new(
                MailKind::Invitation,
                true,
                "Invitation to join the Carte Orientation 28 club",
                vec![
                    para(format!(
                        "{invited_by} invites {organisation} to join the club of career-guidance initiative holders in Eure-et-Loir and to publish its initiatives on Carte Orientation 28."
                    )),
                    link("To create your account (the form is already filled in)", path),
                    para(format!("This link works only once, until {expires}.")),
                ],
            );
        }
        Mail::new(
            MailKind::Invitation,
            false,
            "Invitation à rejoindre le club Carte Orientation 28",
            vec![
                para(format!(
                    "{invited_by} invite {organisation} à rejoindre le club des porteurs d'initiatives d'orientation d'Eure-et-Loir et à publier ses initiatives sur la Carte Orientation 28."
                )),
                link("Pour créer votre compte (le formulaire est déjà rempli)", path),
                para(format!("Ce lien sert une seule fois, jusqu'au {expires}.")),
            ],
        )
    }

    /// `expires`: the link's last day, already written in the mail's language.
    pub fn animator_invitation(invited_by: &str, areas: &[String], path: &str, expires: &str, english: bool) -> Mail {
        if english {
            return Mail::new(
                MailKind::Invitation,
                true,
                "Invitation to facilitate the Carte Orientation 28 club",
                vec![
                    para(format!("{invited_by} invites you to facilitate the Carte Orientation 28 club, and to moderate the initiatives of these areas:")),
                    Block::List(areas.to_vec()),
                    link("To accept (with your account, or by creating one with this address)", path),
                    para(format!("This link works only once, until {expires}.")),
                ],
            );
        }
        Mail::new(
            MailKind::Invitation,
            false,
            "Invitation à animer le club Carte Orientation 28",
            vec![
                para(format!("{invited_by} vous invite à animer le club Carte Orientation 28, et à modérer les initiatives de ces bassins :")),
                Block::List(areas.to_vec()),
                link("Pour accepter (avec votre compte, ou en en créant un avec cette adresse)", path),
                para(format!("Ce lien sert une seule fois, jusqu'au {expires}.")),
            ],
        )
    }

    pub fn published(title: &str, public_path: &str, english: bool) -> Mail {
        if english {
            return Mail::new(
                MailKind::Decision,
                true,
                format!("Published: “{title}”"),
                vec![
                    para(format!("Good news: a facilitator of the club has approved your initiative “{title}”. It is now visible on the map.")),
                    link("See the public page", public_path),
                ],
            );
        }
        Mail::new(
            MailKind::Decision,
            false,
            format!("Publiée : « {title} »"),
            vec![
                para(format!("Bonne nouvelle : un animateur du club a validé votre initiative « {title} ». Elle est visible sur la carte.")),
                link("Voir la page publique", public_path),
            ],
        )
    }

    pub fn refused(title: &str, reason: &str, edit_path: &str, english: bool) -> Mail {
        if english {
            return Mail::new(
                MailKind::Decision,
                true,
                format!("To be revised: “{title}”"),
                vec![
                    para(format!("A facilitator of the club did not approve the latest version of your initiative “{title}”, for this reason:")),
                    Block::Quote(reason.into()),
                    link("Edit the initiative and submit it again", edit_path),
                ],
            );
        }
        Mail::new(
            MailKind::Decision,
            false,
            format!("À revoir : « {title} »"),
            vec![
                para(format!("Un animateur du club n'a pas validé la dernière version de votre initiative « {title} », pour ce motif :")),
                Block::Quote(reason.into()),
                link("Modifier l'initiative et la soumettre à nouveau", edit_path),
            ],
        )
    }

    pub fn restored(title: &str, number: i64, public_path: &str, english: bool) -> Mail {
        if english {
            return Mail::new(
                MailKind::Decision,
                true,
                format!("Version restored: “{title}”"),
                vec![
                    para(format!(
                        "A facilitator of the club has republished version {number} of your initiative “{title}”. The later versions remain in its history."
                    )),
                    link("See the public page", public_path),
                ],
            );
        }
        Mail::new(
            MailKind::Decision,
            false,
            format!("Version restaurée : « {title} »"),
            vec![
                para(format!(
                    "Un animateur du club a republié la version {number} de votre initiative « {title} ». Les versions suivantes restent dans son historique."
                )),
                link("Voir la page publique", public_path),
            ],
        )
    }

    /// `reason`: the report's reason, already written in the mail's language.
    pub fn report_resolved(title: &str, reason: &str, resolution: &str, edit_path: &str, english: bool) -> Mail {
        let mut blocks = vec![para(if english {
            format!(
                "A visitor had reported a problem with your initiative “{title}” ({reason}). A facilitator of the club has dealt with it."
            )
        } else {
            format!(
                "Un visiteur avait signalé un problème sur votre initiative « {title} » ({reason}). Un animateur du club l'a traité."
            )
        })];
        if !resolution.trim().is_empty() {
            blocks.push(para(if english { "What was done:" } else { "Ce qui a été fait :" }));
            blocks.push(Block::Quote(resolution.trim().into()));
        }
        blocks.push(link(if english { "Check your initiative" } else { "Vérifier votre initiative" }, edit_path));
        let subject = if english {
            format!("Report dealt with: “{title}”")
        } else {
            format!("Signalement traité : « {title} »")
        };
        Mail::new(MailKind::ReportResolved, english, subject, blocks)
    }

    /// A holder's claim on `title` accepted: the initiative is theirs to keep up to date.
    pub fn claim_accepted(title: &str, edit_path: &str, english: bool) -> Mail {
        if english {
            return Mail::new(
                MailKind::Decision,
                true,
                format!("Your request for “{title}” was accepted: it is now yours"),
                vec![
                    para(format!(
                        "A facilitator of the club has accepted your request: the initiative “{title}” is now one of your initiatives. You can keep it up to date, and it appears on your organisation's public page."
                    )),
                    link("Update the initiative", edit_path),
                ],
            );
        }
        Mail::new(
            MailKind::Decision,
            false,
            format!("Demande de rattachement acceptée : « {title} » est à vous"),
            vec![
                para(format!(
                    "Un animateur du club a accepté votre demande : l'initiative « {title} » fait désormais partie de vos initiatives. Vous pouvez la tenir à jour, et elle figure sur la page publique de votre structure."
                )),
                link("Mettre l'initiative à jour", edit_path),
            ],
        )
    }

    /// A holder's claim on `title` refused, and why (`reason`, as the animator wrote it).
    pub fn claim_refused(title: &str, reason: &str, public_path: &str, english: bool) -> Mail {
        if english {
            return Mail::new(
                MailKind::Decision,
                true,
                format!("Your request for “{title}” was refused"),
                vec![
                    para(format!(
                        "A facilitator of the club did not accept your request to attach the initiative “{title}” to your account, for this reason:"
                    )),
                    Block::Quote(reason.into()),
                    link("See the initiative", public_path),
                ],
            );
        }
        Mail::new(
            MailKind::Decision,
            false,
            format!("Demande de rattachement refusée : « {title} »"),
            vec![
                para(format!(
                    "Un animateur du club n'a pas accepté votre demande de rattachement de l'initiative « {title} », pour ce motif :"
                )),
                Block::Quote(reason.into()),
                link("Voir l'initiative", public_path),
            ],
        )
    }

    /// A month before `title` turns « à vérifier » (`soon`: that day, already written in the
    /// mail's language), or when it does.
    pub fn freshness(title: &str, soon: Option<&str>, confirm_path: &str, english: bool) -> Mail {
        if english {
            let (subject, first) = match soon {
                Some(date) => (
                    format!("Still up to date? “{title}”"),
                    format!("Your initiative “{title}” has not been confirmed for almost a year. Without confirmation, the map will mark it “Needs checking” on {date}."),
                ),
                None => (
                    format!("“{title}” is now marked “Needs checking”"),
                    format!("Your initiative “{title}” has not been confirmed for a year: the map now marks it “Needs checking”."),
                ),
            };
            return Mail::new(
                MailKind::Freshness,
                true,
                subject,
                vec![
                    para(first),
                    link("If it is still up to date, confirm it in one click (after signing in)", confirm_path),
                    para(
                        "If something has changed, edit it; if it no longer exists, archive it from “My initiatives”.",
                    ),
                ],
            );
        }
        let (subject, first) = match soon {
            Some(date) => (
                format!("Toujours à jour ? « {title} »"),
                format!("Votre initiative « {title} » n'a pas été confirmée depuis bientôt un an. Sans confirmation, elle sera signalée « à vérifier » sur la carte le {date}."),
            ),
            None => (
                format!("« {title} » est désormais « à vérifier »"),
                format!("Votre initiative « {title} » n'a pas été confirmée depuis un an : la carte la signale désormais « à vérifier »."),
            ),
        };
        Mail::new(
            MailKind::Freshness,
            false,
            subject,
            vec![
                para(first),
                link("Si elle est toujours à jour, confirmez-le en un clic (après connexion)", confirm_path),
                para("Si quelque chose a changé, modifiez-la ; si elle n'existe plus, archivez-la depuis « Mes initiatives »."),
            ],
        )
    }

    /// One new item of an animator's queue; `what` (« Nouvelle initiative », “New
    /// initiative”…) is already written in the mail's language, `area` is the area's name.
    pub fn queue_item(what: &str, title: &str, area: &str, case_path: &str, english: bool) -> Mail {
        if english {
            return Mail::new(
                MailKind::Queue,
                true,
                format!("To moderate: “{title}”"),
                vec![
                    para(format!("A decision is awaited in the {area} area — {what}: “{title}”.")),
                    link("Open the case", case_path),
                    para("You can receive a daily summary instead: change this on the “My account” page."),
                ],
            );
        }
        Mail::new(
            MailKind::Queue,
            false,
            format!("À modérer : « {title} »"),
            vec![
                para(format!("{what} attend une décision dans le bassin de {area} : « {title} ».")),
                link("Ouvrir le dossier", case_path),
                para("Vous pouvez recevoir plutôt un récapitulatif par jour : réglage sur la page « Mon compte »."),
            ],
        )
    }

    /// The daily digest: `items` are « Nouvelle initiative : « … » (bassin de Dreux) », or
    /// their English twins, already written in the mail's language.
    pub fn queue_digest(items: Vec<String>, english: bool) -> Mail {
        let count = items.len();
        if english {
            let subject = if count == 1 {
                "1 new item to moderate".to_string()
            } else {
                format!("{count} new items to moderate")
            };
            return Mail::new(
                MailKind::Queue,
                true,
                format!("{subject} – Carte Orientation 28"),
                vec![
                    para("Since your last summary, these items have been awaiting a decision in your areas:"),
                    Block::List(items),
                    link("Open the moderation queue", "/moderation"),
                ],
            );
        }
        let subject = if count == 1 {
            "1 nouveauté à modérer".to_string()
        } else {
            format!("{count} nouveautés à modérer")
        };
        Mail::new(
            MailKind::Queue,
            false,
            format!("{subject} – Carte Orientation 28"),
            vec![
                para("Depuis votre dernier récapitulatif, ces éléments attendent une décision dans vos bassins :"),
                Block::List(items),
                link("Ouvrir la file de modération", "/moderation"),
            ],
        )
    }

    /// To the citizen who suggested `title`: published (`public_path`) or not (`reason`).
    pub fn suggestion_handled(title: &str, public_path: Option<&str>, reason: Option<&str>, english: bool) -> Mail {
        let mut blocks = Vec::new();
        match public_path {
            Some(path) => {
                blocks.push(para(if english {
                    format!("Thank you! The initiative you suggested, “{title}”, is now published on the map.")
                } else {
                    format!("Merci ! L'initiative que vous avez proposée, « {title} », est publiée sur la carte.")
                }));
                blocks.push(link(if english { "See it" } else { "La voir" }, path));
            }
            None => {
                blocks.push(para(if english {
                    format!("Thank you for your suggestion “{title}”. A facilitator of the club did not accept it, for this reason:")
                } else {
                    format!("Merci pour votre proposition « {title} ». Un animateur du club ne l'a pas retenue, pour ce motif :")
                }));
                blocks.push(Block::Quote(reason.unwrap_or_default().into()));
            }
        }
        blocks.push(para(if english {
            "Your address was used for this message only: it has just been erased from our data."
        } else {
            "Votre adresse a servi à ce seul message : elle vient d'être effacée de nos données."
        }));
        let subject =
            if english { format!("Your suggestion “{title}”") } else { format!("Votre proposition « {title} »") };
        Mail::new(MailKind::FollowUp, english, subject, blocks)
    }

    /// To the citizen who reported `title`.
    pub fn report_handled(title: &str, resolution: &str, english: bool) -> Mail {
        let mut blocks = vec![para(if english {
            format!("Thank you for your report on “{title}”: a facilitator of the club has dealt with it.")
        } else {
            format!("Merci pour votre signalement sur « {title} » : un animateur du club l'a traité.")
        })];
        if !resolution.trim().is_empty() {
            blocks.push(Block::Quote(resolution.trim().into()));
        }
        blocks.push(para(if english {
            "Your address was used for this message only: it has just been erased from our data."
        } else {
            "Votre adresse a servi à ce seul message : elle vient d'être effacée de nos données."
        }));
        let subject = if english {
            format!("Your report on “{title}”")
        } else {
            format!("Votre signalement sur « {title} »")
        };
        Mail::new(MailKind::FollowUp, english, subject, blocks)
    }
}

/// Where a mail of the outbox stands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum MailState {
    /// Not delivered yet: never tried, or tried `attempts` times (the last error said why).
    Waiting,
    Sent,
    /// Given up after every retry.
    Failed,
    /// Not sent: the recipient unsubscribed from its kind meanwhile.
    Cancelled,
}

impl MailState {
    pub fn code(&self) -> &'static str {
        match self {
            MailState::Waiting => "waiting",
            MailState::Sent => "sent",
            MailState::Failed => "failed",
            MailState::Cancelled => "cancelled",
        }
    }

    pub fn from_code(code: &str) -> MailState {
        match code {
            "sent" => MailState::Sent,
            "failed" => MailState::Failed,
            "cancelled" => MailState::Cancelled,
            _ => MailState::Waiting,
        }
    }
}

/// A mail as admins read it in `/admin/courriels`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxMail {
    pub id: i64,
    /// Its `MailKind` code (`freshness`…), as stored.
    pub kind: String,
    pub recipient: String,
    pub subject: String,
    /// The plain text as sent (a security mail's, once delivered, is wiped: its link is private).
    pub text: String,
    /// Written in English (else French): the language of its reader.
    pub english: bool,
    pub created_at: String,
    pub state: MailState,
    pub attempts: i64,
    pub last_error: Option<String>,
    pub sent_at: Option<String>,
}

/// What `/admin/courriels` shows: whether a mail server is configured, and the latest mails.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outbox {
    pub delivery: bool,
    pub mails: Vec<OutboxMail>,
}

/// A line of mail text split into words and links, for pages that show a mail.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece {
    Words(String),
    Link(String),
}

/// `line` cut at every `http://` or `https://` address (the text of our mails puts each link
/// on a line of its own, so an address ends at the first space).
pub fn pieces(line: &str) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut words = String::new();
    for (index, token) in line.split(' ').enumerate() {
        if index > 0 {
            words.push(' ');
        }
        if token.starts_with("http://") || token.starts_with("https://") {
            if !words.is_empty() {
                pieces.push(Piece::Words(std::mem::take(&mut words)));
            }
            pieces.push(Piece::Link(token.to_string()));
        } else {
            words.push_str(token);
        }
    }
    if !words.is_empty() {
        pieces.push(Piece::Words(words));
    }
    pieces
}

/// Where one unsubscribe link leads: the kind of mail and the address (partly hidden).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Subscription {
    pub kind: MailKind,
    pub email: String,
    pub unsubscribed: bool,
}

/// How an animator hears of new items in their queue.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum QueueMail {
    /// One mail per new item, as it arrives.
    Immediate,
    /// One digest a day, in the morning, of the items not told yet.
    Daily,
}

impl QueueMail {
    pub fn code(self) -> &'static str {
        match self {
            QueueMail::Immediate => "immediate",
            QueueMail::Daily => "daily",
        }
    }

    pub fn from_code(code: &str) -> Option<QueueMail> {
        [QueueMail::Immediate, QueueMail::Daily].into_iter().find(|q| q.code() == code)
    }
}

/// The hour (Paris time) daily digests leave.
pub const DIGEST_HOUR: u32 = 8;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_link_gets_the_site_address_and_markup_is_escaped() {
        let mail = letters::refused("<b>Forum</b>", "Dates « à préciser » & lieu", "/mes-initiatives/4", false);
        let rendered = mail.render("https://carte.exemple.fr/", Some("https://carte.exemple.fr/desabonnement?jeton=x"));
        assert!(rendered.text.contains("https://carte.exemple.fr/mes-initiatives/4\n"), "{}", rendered.text);
        assert!(rendered.text.contains("> Dates « à préciser » & lieu"));
        assert!(rendered.html.contains("href=\"https://carte.exemple.fr/mes-initiatives/4\""));
        assert!(rendered.html.contains("&lt;b&gt;Forum&lt;/b&gt;") && !rendered.html.contains("<b>"));
        assert!(rendered.html.contains("Dates « à préciser » &amp; lieu"));
        assert!(rendered.text.contains("Pour ne plus recevoir les courriels « décisions sur vos initiatives"));
    }

    #[test]
    fn security_mails_have_no_unsubscribe_link() {
        assert!(MailKind::Verification.is_security() && MailKind::PasswordReset.is_security());
        assert!(!MailKind::Queue.is_security() && !MailKind::FollowUp.is_security());
        let rendered = letters::password_reset("abc", false).render("http://127.0.0.1:3000", None);
        assert!(rendered.text.contains("http://127.0.0.1:3000/nouveau-mot-de-passe?jeton=abc"));
        assert!(!rendered.text.contains("ne plus recevoir"));
        for kind in MailKind::ALL {
            assert_eq!(MailKind::from_code(kind.code()), Some(kind));
        }
    }

    #[test]
    fn lines_of_a_mail_are_cut_at_their_links() {
        assert_eq!(
            pieces("Voir : https://carte.exemple.fr/x?jeton=1 maintenant"),
            vec![
                Piece::Words("Voir : ".into()),
                Piece::Link("https://carte.exemple.fr/x?jeton=1".into()),
                Piece::Words(" maintenant".into())
            ]
        );
        assert_eq!(pieces("Bonjour,"), vec![Piece::Words("Bonjour,".into())]);
    }

    #[test]
    fn a_digest_counts_its_items() {
        let mail = letters::queue_digest(vec!["a".into(), "b".into()], false);
        assert!(mail.subject.starts_with("2 nouveautés"));
        assert_eq!(
            letters::queue_digest(vec!["a".into()], false).subject,
            "1 nouveauté à modérer – Carte Orientation 28"
        );
    }

    const SITE: &str = "https://carte.exemple.fr";

    /// Every letter (and each of its variants) in one language, the same values each time.
    fn every_letter(english: bool) -> Vec<Mail> {
        let areas = vec!["Dreux".to_string(), "Chartres".to_string()];
        let (by, until) = ("Alice Martin", "2030-03-01");
        vec![
            letters::verification("abc", english),
            letters::new_address("abc", english),
            letters::address_change_notice("new@exemple.fr", english),
            letters::address_in_use(english),
            letters::password_reset("abc", english),
            letters::holder_invitation(by, "Mission Locale", "/inscription?invitation=s", until, english),
            letters::animator_invitation(by, &areas, "/rejoindre-l-animation?invitation=s", until, english),
            letters::published("Forum", "/initiatives/3-forum", english),
            letters::refused("Forum", "Dates", "/mes-initiatives/3", english),
            letters::restored("Forum", 2, "/initiatives/3-forum", english),
            letters::report_resolved("Forum", "wrong dates", "Fixed", "/mes-initiatives/3", english),
            letters::report_resolved("Forum", "wrong dates", " ", "/mes-initiatives/3", english),
            letters::claim_accepted("Forum", "/mes-initiatives/3", english),
            letters::claim_refused("Forum", "Not yours", "/initiatives/3-forum", english),
            letters::freshness("Forum", Some("2030-03-01"), "/mes-initiatives/3", english),
            letters::freshness("Forum", None, "/mes-initiatives/3", english),
            letters::queue_item("Initiative", "Forum", "Dreux", "/moderation/initiatives/3", english),
            letters::queue_digest(vec!["Forum (Dreux)".into()], english),
            letters::queue_digest(vec!["Forum (Dreux)".into(), "Salon (Chartres)".into()], english),
            letters::suggestion_handled("Forum", Some("/initiatives/3-forum"), None, english),
            letters::suggestion_handled("Forum", None, Some("Duplicate"), english),
            letters::report_handled("Forum", "Fixed", english),
            letters::report_handled("Forum", "", english),
        ]
    }

    fn rendered(mail: &Mail) -> Rendered {
        let unsubscribe = if mail.english {
            format!("{SITE}/en/desabonnement?jeton=x")
        } else {
            format!("{SITE}/desabonnement?jeton=x")
        };
        mail.render(SITE, (!mail.kind.is_security()).then_some(unsubscribe.as_str()))
    }

    /// Words and marks of the French mails that no English mail may contain (the values the
    /// tests pass in are neither French nor accented).
    const FRENCH: [&str; 22] = [
        "«", "»", " :", " ?", "Bonjour", "courriel", "Le club", " vous", "Vous", " votre", "Votre", " le ", " la ",
        " les ", " des ", " de ", " du ", " un ", " une ", " est ", "é", "à",
    ];

    #[test]
    fn every_letter_is_written_in_english_too() {
        for (french, english) in every_letter(false).into_iter().zip(every_letter(true)) {
            assert!(!french.english && english.english, "{}", english.subject);
            assert_eq!(french.kind, english.kind);
            assert_ne!(french.subject, english.subject);
            let suffix = " – Carte Orientation 28";
            assert_eq!(english.subject.ends_with(suffix), french.subject.ends_with(suffix), "{}", english.subject);
            assert_eq!(french.blocks.len(), english.blocks.len(), "{}", english.subject);
            for (fr, en) in french.blocks.iter().zip(&english.blocks) {
                match (fr, en) {
                    (Block::Paragraph(fr), Block::Paragraph(en)) => assert_ne!(fr, en),
                    (Block::Link { label: fr, path: fr_path }, Block::Link { label: en, path: en_path }) => {
                        assert_ne!(fr, en);
                        assert_eq!(fr_path, en_path, "the page is made English when rendered");
                    }
                    (Block::Quote(fr), Block::Quote(en)) => assert_eq!(fr, en, "someone's words, as they are"),
                    (Block::List(fr), Block::List(en)) => assert_eq!(fr, en, "the caller's items, as they are"),
                    _ => panic!("not the same blocks: {fr:?} / {en:?}"),
                }
            }

            let text = rendered(&english).text;
            let html = rendered(&english).html;
            for word in FRENCH {
                assert!(!english.subject.contains(word), "{word:?} in {}", english.subject);
                assert!(!text.contains(word), "{word:?} in {text}");
            }
            assert!(text.starts_with("Hello,\n\n"), "{text}");
            assert!(html.starts_with("<!DOCTYPE html><html lang=\"en\">") && html.contains("<p>Hello,</p>"), "{html}");
            assert!(text.contains("-- \nThe Carte Orientation 28 club\nhttps://carte.exemple.fr/en\n"), "{text}");
            assert!(html.contains("<p>— The Carte Orientation 28 club<br><a href=\"https://carte.exemple.fr/en\">"));
            for line in text.lines().filter(|line| line.starts_with(SITE)) {
                assert!(
                    line == "https://carte.exemple.fr/en" || line.starts_with("https://carte.exemple.fr/en/"),
                    "{text}"
                );
            }
            assert_eq!(
                html.matches("href=\"https://carte.exemple.fr").count(),
                html.matches("href=\"https://carte.exemple.fr/en").count(),
                "{html}"
            );
            if english.kind.is_security() {
                assert!(!text.contains("To stop receiving"), "{text}");
            } else {
                let why = format!("To stop receiving “{}” emails, in one click", english.kind.label_en());
                let line = format!("\n{why}:\nhttps://carte.exemple.fr/en/desabonnement?jeton=x\n");
                assert!(text.ends_with(&line), "{text}");
                assert!(html.contains(&format!("{why}</a></p></body></html>")), "{html}");
            }

            let text = rendered(&french).text;
            let html = rendered(&french).html;
            assert!(text.starts_with("Bonjour,\n\n") && !text.contains("Hello"), "{text}");
            assert!(html.starts_with("<!DOCTYPE html><html lang=\"fr\">") && html.contains("<p>Bonjour,</p>"));
            assert!(text.contains("-- \nLe club Carte Orientation 28\nhttps://carte.exemple.fr/\n"), "{text}");
            assert!(!text.contains("/en/") && !html.contains("/en/") && !text.contains("fr/en\n"), "{text}");
            if !french.kind.is_security() {
                let why = format!("\nPour ne plus recevoir les courriels « {} », en un clic :\n", french.kind.label());
                assert!(text.contains(&why), "{text}");
            }
        }
    }

    #[test]
    fn english_links_open_the_english_pages() {
        assert_eq!(english_path("/verifier-adresse?jeton=a"), "/en/verifier-adresse?jeton=a");
        assert_eq!(english_path("/mes-initiatives/3"), "/en/mes-initiatives/3");
        assert_eq!(english_path("/"), "/en");
        assert_eq!(english_path("/?bassin=dreux"), "/en?bassin=dreux");
        assert_eq!(english_path("/entreprises"), "/en/entreprises");
        assert_eq!(english_path("/en/charte"), "/en/charte");
        assert_eq!(english_path("/en"), "/en");
        assert_eq!(english_path("/api/export.csv"), "/api/export.csv");
        let text = letters::verification("abc", true).render("https://carte.exemple.fr/", None).text;
        let expected = format!("To confirm your address, open this link:\n{SITE}/en/verifier-adresse?jeton=abc\n\n");
        assert!(text.contains(&expected), "{text}");
        let text = letters::address_in_use(true).render(SITE, None).text;
        assert!(text.contains("If it was you, sign in:\nhttps://carte.exemple.fr/en/connexion\n\n"), "{text}");
        assert!(text.contains("https://carte.exemple.fr/en/mot-de-passe-oublie\n"), "{text}");
    }

    #[test]
    fn a_mail_renders_whole_in_each_language() {
        let french = letters::published("Forum", "/initiatives/3-forum", false)
            .render(SITE, Some("https://carte.exemple.fr/desabonnement?jeton=x"));
        assert_eq!(
            french.text,
            "Bonjour,\n\n\
             Bonne nouvelle : un animateur du club a validé votre initiative « Forum ». Elle est visible sur la carte.\n\n\
             Voir la page publique :\nhttps://carte.exemple.fr/initiatives/3-forum\n\n\
             -- \nLe club Carte Orientation 28\nhttps://carte.exemple.fr/\n\n\
             Pour ne plus recevoir les courriels « décisions sur vos initiatives (publiée, refusée, restaurée) », en un clic :\n\
             https://carte.exemple.fr/desabonnement?jeton=x\n"
        );
        assert_eq!(
            french.html,
            "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"></head>\
             <body style=\"font-family: sans-serif; line-height: 1.5; max-width: 40em\"><p>Bonjour,</p>\
             <p>Bonne nouvelle : un animateur du club a validé votre initiative « Forum ». Elle est visible sur la carte.</p>\
             <p><a href=\"https://carte.exemple.fr/initiatives/3-forum\">Voir la page publique</a></p>\
             <p>— Le club Carte Orientation 28<br><a href=\"https://carte.exemple.fr/\">https://carte.exemple.fr/</a></p>\
             <p style=\"font-size: smaller\"><a href=\"https://carte.exemple.fr/desabonnement?jeton=x\">\
             Pour ne plus recevoir les courriels « décisions sur vos initiatives (publiée, refusée, restaurée) », en un clic</a></p>\
             </body></html>"
        );
        let english = letters::published("Forum", "/initiatives/3-forum", true)
            .render(SITE, Some("https://carte.exemple.fr/en/desabonnement?jeton=x"));
        assert_eq!(
            english.text,
            "Hello,\n\n\
             Good news: a facilitator of the club has approved your initiative “Forum”. It is now visible on the map.\n\n\
             See the public page:\nhttps://carte.exemple.fr/en/initiatives/3-forum\n\n\
             -- \nThe Carte Orientation 28 club\nhttps://carte.exemple.fr/en\n\n\
             To stop receiving “decisions on your initiatives (published, refused, restored)” emails, in one click:\n\
             https://carte.exemple.fr/en/desabonnement?jeton=x\n"
        );
        assert_eq!(
            english.html,
            "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"></head>\
             <body style=\"font-family: sans-serif; line-height: 1.5; max-width: 40em\"><p>Hello,</p>\
             <p>Good news: a facilitator of the club has approved your initiative “Forum”. It is now visible on the map.</p>\
             <p><a href=\"https://carte.exemple.fr/en/initiatives/3-forum\">See the public page</a></p>\
             <p>— The Carte Orientation 28 club<br><a href=\"https://carte.exemple.fr/en\">https://carte.exemple.fr/en</a></p>\
             <p style=\"font-size: smaller\"><a href=\"https://carte.exemple.fr/en/desabonnement?jeton=x\">\
             To stop receiving “decisions on your initiatives (published, refused, restored)” emails, in one click</a></p>\
             </body></html>"
        );
    }

    #[test]
    fn an_english_digest_counts_its_items() {
        assert_eq!(
            letters::queue_digest(vec!["a".into()], true).subject,
            "1 new item to moderate – Carte Orientation 28"
        );
        assert_eq!(
            letters::queue_digest(vec!["a".into(), "b".into()], true).subject,
            "2 new items to moderate – Carte Orientation 28"
        );
    }
}
