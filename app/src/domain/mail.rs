//! The mails the site sends: their kinds (what a person can unsubscribe from), their words, and
//! how one message becomes plain text and its HTML alternative. Every link is a path here and
//! gets the site's address (`PUBLIC_URL`) when rendered, so a mail never points elsewhere.

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

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

impl Mail {
    fn new(kind: MailKind, subject: impl Into<String>, blocks: Vec<Block>) -> Mail {
        Mail { kind, subject: subject.into(), blocks }
    }

    /// The mail for `site` (`https://carte.exemple.fr`, no trailing slash needed), with the
    /// one-click unsubscribe address when the kind has one.
    pub fn render(&self, site: &str, unsubscribe_url: Option<&str>) -> Rendered {
        let site = site.trim_end_matches('/');
        let url = |path: &str| format!("{site}{path}");
        let mut text = String::from("Bonjour,\n\n");
        let mut html = String::from(
            "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"></head>\
             <body style=\"font-family: sans-serif; line-height: 1.5; max-width: 40em\"><p>Bonjour,</p>",
        );
        for block in &self.blocks {
            match block {
                Block::Paragraph(words) => {
                    text.push_str(&format!("{words}\n\n"));
                    html.push_str(&format!("<p>{}</p>", escape(words)));
                }
                Block::Link { label, path } => {
                    text.push_str(&format!("{label} :\n{}\n\n", url(path)));
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
        text.push_str(&format!("-- \n{SIGNATURE}\n{site}/\n"));
        html.push_str(&format!("<p>— {SIGNATURE}<br><a href=\"{0}/\">{0}/</a></p>", escape(site)));
        if let Some(unsubscribe) = unsubscribe_url {
            let why = format!("Pour ne plus recevoir les courriels « {} », en un clic", self.kind.label());
            text.push_str(&format!("\n{why} :\n{unsubscribe}\n"));
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

/// The words of every mail, one function each.
pub mod letters {
    use super::*;

    pub fn verification(secret: &str) -> Mail {
        Mail::new(
            MailKind::Verification,
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

    pub fn new_address(secret: &str) -> Mail {
        Mail::new(
            MailKind::Verification,
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

    pub fn address_change_notice(new_email: &str) -> Mail {
        Mail::new(
            MailKind::AccountSecurity,
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
    pub fn address_in_use() -> Mail {
        Mail::new(
            MailKind::AccountSecurity,
            "Votre adresse a été proposée pour un compte – Carte Orientation 28",
            vec![
                para("Quelqu'un vient de demander à créer un compte (ou à y rattacher cette adresse) sur la Carte Orientation 28, alors qu'un compte existe déjà avec elle."),
                link("Si c'était vous, connectez-vous", "/connexion"),
                link("Mot de passe oublié ? Choisissez-en un nouveau", "/mot-de-passe-oublie"),
                para("Sinon, ignorez ce courriel : votre compte n'a pas changé."),
            ],
        )
    }

    pub fn password_reset(secret: &str) -> Mail {
        Mail::new(
            MailKind::PasswordReset,
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

    pub fn holder_invitation(invited_by: &str, organisation: &str, path: &str, expires: &str) -> Mail {
        Mail::new(
            MailKind::Invitation,
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

    pub fn animator_invitation(invited_by: &str, areas: &[String], path: &str, expires: &str) -> Mail {
        Mail::new(
            MailKind::Invitation,
            "Invitation à animer le club Carte Orientation 28",
            vec![
                para(format!("{invited_by} vous invite à animer le club Carte Orientation 28, et à modérer les initiatives de ces bassins :")),
                Block::List(areas.to_vec()),
                link("Pour accepter (avec votre compte, ou en en créant un avec cette adresse)", path),
                para(format!("Ce lien sert une seule fois, jusqu'au {expires}.")),
            ],
        )
    }

    pub fn published(title: &str, public_path: &str) -> Mail {
        Mail::new(
            MailKind::Decision,
            format!("Publiée : « {title} »"),
            vec![
                para(format!("Bonne nouvelle : un animateur du club a validé votre initiative « {title} ». Elle est visible sur la carte.")),
                link("Voir la page publique", public_path),
            ],
        )
    }

    pub fn refused(title: &str, reason: &str, edit_path: &str) -> Mail {
        Mail::new(
            MailKind::Decision,
            format!("À revoir : « {title} »"),
            vec![
                para(format!("Un animateur du club n'a pas validé la dernière version de votre initiative « {title} », pour ce motif :")),
                Block::Quote(reason.into()),
                link("Modifier l'initiative et la soumettre à nouveau", edit_path),
            ],
        )
    }

    pub fn restored(title: &str, number: i64, public_path: &str) -> Mail {
        Mail::new(
            MailKind::Decision,
            format!("Version restaurée : « {title} »"),
            vec![
                para(format!(
                    "Un animateur du club a republié la version {number} de votre initiative « {title} ». Les versions suivantes restent dans son historique."
                )),
                link("Voir la page publique", public_path),
            ],
        )
    }

    pub fn report_resolved(title: &str, reason: &str, resolution: &str, edit_path: &str) -> Mail {
        let mut blocks = vec![para(format!(
            "Un visiteur avait signalé un problème sur votre initiative « {title} » ({reason}). Un animateur du club l'a traité."
        ))];
        if !resolution.trim().is_empty() {
            blocks.push(para("Ce qui a été fait :"));
            blocks.push(Block::Quote(resolution.trim().into()));
        }
        blocks.push(link("Vérifier votre initiative", edit_path));
        Mail::new(MailKind::ReportResolved, format!("Signalement traité : « {title} »"), blocks)
    }

    /// A holder's claim on `title` accepted: the initiative is theirs to keep up to date.
    pub fn claim_accepted(title: &str, edit_path: &str) -> Mail {
        Mail::new(
            MailKind::Decision,
            format!("Demande de rattachement acceptée : « {title} » est à vous"),
            vec![
                para(format!(
                    "Un animateur du club a accepté votre demande : l'initiative « {title} » fait désormais partie de vos initiatives. Vous pouvez la tenir à jour, et elle figure sur la page publique de votre structure."
                )),
                link("Mettre l'initiative à jour", edit_path),
            ],
        )
    }

    /// A holder's claim on `title` refused, and why.
    pub fn claim_refused(title: &str, reason: &str, public_path: &str) -> Mail {
        Mail::new(
            MailKind::Decision,
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

    /// A month before `title` turns « à vérifier » (`soon`), or when it does.
    pub fn freshness(title: &str, soon: Option<&str>, confirm_path: &str) -> Mail {
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
            subject,
            vec![
                para(first),
                link("Si elle est toujours à jour, confirmez-le en un clic (après connexion)", confirm_path),
                para("Si quelque chose a changé, modifiez-la ; si elle n'existe plus, archivez-la depuis « Mes initiatives »."),
            ],
        )
    }

    /// One new item of an animator's queue.
    pub fn queue_item(what: &str, title: &str, area: &str, case_path: &str) -> Mail {
        Mail::new(
            MailKind::Queue,
            format!("À modérer : « {title} »"),
            vec![
                para(format!("{what} attend une décision dans le bassin de {area} : « {title} ».")),
                link("Ouvrir le dossier", case_path),
                para("Vous pouvez recevoir plutôt un récapitulatif par jour : réglage sur la page « Mon compte »."),
            ],
        )
    }

    /// The daily digest: `items` are « Nouvelle initiative : « … » (bassin de Dreux) ».
    pub fn queue_digest(items: Vec<String>) -> Mail {
        let count = items.len();
        let subject = if count == 1 {
            "1 nouveauté à modérer".to_string()
        } else {
            format!("{count} nouveautés à modérer")
        };
        Mail::new(
            MailKind::Queue,
            format!("{subject} – Carte Orientation 28"),
            vec![
                para("Depuis votre dernier récapitulatif, ces éléments attendent une décision dans vos bassins :"),
                Block::List(items),
                link("Ouvrir la file de modération", "/moderation"),
            ],
        )
    }

    /// To the citizen who suggested `title`: published (`public_path`) or not (`reason`).
    pub fn suggestion_handled(title: &str, public_path: Option<&str>, reason: Option<&str>) -> Mail {
        let mut blocks = Vec::new();
        match public_path {
            Some(path) => {
                blocks.push(para(format!(
                    "Merci ! L'initiative que vous avez proposée, « {title} », est publiée sur la carte."
                )));
                blocks.push(link("La voir", path));
            }
            None => {
                blocks.push(para(format!("Merci pour votre proposition « {title} ». Un animateur du club ne l'a pas retenue, pour ce motif :")));
                blocks.push(Block::Quote(reason.unwrap_or_default().into()));
            }
        }
        blocks.push(para("Votre adresse a servi à ce seul message : elle vient d'être effacée de nos données."));
        Mail::new(MailKind::FollowUp, format!("Votre proposition « {title} »"), blocks)
    }

    /// To the citizen who reported `title`.
    pub fn report_handled(title: &str, resolution: &str) -> Mail {
        let mut blocks =
            vec![para(format!("Merci pour votre signalement sur « {title} » : un animateur du club l'a traité."))];
        if !resolution.trim().is_empty() {
            blocks.push(Block::Quote(resolution.trim().into()));
        }
        blocks.push(para("Votre adresse a servi à ce seul message : elle vient d'être effacée de nos données."));
        Mail::new(MailKind::FollowUp, format!("Votre signalement sur « {title} »"), blocks)
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
    pub kind: String,
    pub recipient: String,
    pub subject: String,
    /// The plain text as sent (a security mail's, once delivered, is wiped: its link is private).
    pub text: String,
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
        let mail = letters::refused("<b>Forum</b>", "Dates « à préciser » & lieu", "/mes-initiatives/4");
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
        let rendered = letters::password_reset("abc").render("http://127.0.0.1:3000", None);
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
        let mail = letters::queue_digest(vec!["a".into(), "b".into()]);
        assert!(mail.subject.starts_with("2 nouveautés"));
        assert_eq!(letters::queue_digest(vec!["a".into()]).subject, "1 nouveauté à modérer – Carte Orientation 28");
    }
}
