//! The server's mail task: it delivers the outbox over SMTP (lettre), retrying a mail the
//! server refused or could not be reached for with growing delays, then giving up and showing
//! it failed to admins; and it runs the mail jobs — the animators' daily digests, the holders'
//! freshness reminders, forgetting old mails. A mail never fails the action that wrote it: the
//! action only wrote it to the outbox.

use std::sync::Arc;
use std::time::Duration;

use app::data::{Db, Delivery, Outgoing};
use lettre::message::header::{Header, HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use tokio::sync::watch;

/// How often the outbox is looked at for mails due.
const DELIVERY_POLL: Duration = Duration::from_secs(1);
/// How often the jobs (digests, reminders, forgetting) run.
const JOBS_PERIOD: Duration = Duration::from_secs(5 * 60);
/// Mails sent per look at the outbox.
const BATCH: i64 = 20;

/// The waits between attempts by default: a minute-long outage costs a minute, a day-long one
/// still delivers (nine attempts over about 23 hours).
pub const DEFAULT_RETRY_DELAYS: [u64; 8] = [30, 120, 600, 1800, 3600, 3 * 3600, 6 * 3600, 12 * 3600];

/// Where and how mail leaves.
#[derive(Clone)]
pub struct Smtp {
    /// A URL lettre reads: `smtps://host:465`, `smtp://host:587?tls=required`, or plain
    /// `smtp://host:25` (only when the configuration asked for `tls=none`).
    pub url: String,
    pub credentials: Option<(String, String)>,
}

impl std::fmt::Debug for Smtp {
    /// Never the password, even in a debug print of the configuration.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let url = match url::Url::parse(&self.url) {
            Ok(mut parsed) if parsed.password().is_some() => {
                let _ = parsed.set_password(Some("…"));
                parsed.to_string()
            }
            _ => self.url.clone(),
        };
        f.debug_struct("Smtp")
            .field("url", &url)
            .field("credentials", &self.credentials.as_ref().map(|(user, _)| user))
            .finish()
    }
}

/// The mail part of the configuration.
#[derive(Clone, Debug)]
pub struct MailConfig {
    /// `SMTP_URL`; `None`: mail stays in the outbox, where admins read it.
    pub smtp: Option<Smtp>,
    /// `MAIL_FROM`: `Carte Orientation 28 <ne-pas-repondre@carte.exemple.fr>`.
    pub from: String,
    /// The waits between attempts; past the last, a mail has failed.
    pub retry_delays: Vec<Duration>,
}

impl Default for MailConfig {
    fn default() -> Self {
        MailConfig {
            smtp: None,
            from: "Carte Orientation 28 <ne-pas-repondre@carte-orientation-28.localhost>".into(),
            retry_delays: DEFAULT_RETRY_DELAYS.iter().map(|s| Duration::from_secs(*s)).collect(),
        }
    }
}

/// The running mail task; [`MailTask::stop`] ends it (at shutdown). A watch channel, not a
/// `Notify`: a stop asked while a task is busy sending is still seen when it next waits.
/// Dropping every handle stops it too.
#[derive(Clone)]
pub struct MailTask {
    stop: Arc<watch::Sender<bool>>,
}

impl MailTask {
    /// Starts delivering (when a mail server is configured) and running the jobs.
    pub fn start(db: Db, config: MailConfig) -> Result<MailTask, String> {
        let (stop, stopped) = watch::channel(false);
        match &config.smtp {
            Some(smtp) => {
                let sender = Sender::new(smtp, &config)?;
                tokio::spawn(deliver_until_stopped(db.clone(), sender, stopped.clone()));
            }
            None => tracing::warn!(
                "no SMTP_URL: mail is not sent, it stays in the outbox where administrators read it (/admin/courriels)"
            ),
        }
        tokio::spawn(run_jobs_until_stopped(db, stopped));
        Ok(MailTask { stop: Arc::new(stop) })
    }

    pub fn stop(&self) {
        self.stop.send_replace(true);
    }
}

/// `List-Unsubscribe` (RFC 2369): mail clients show their own « unsubscribe ».
#[derive(Clone)]
struct ListUnsubscribe(String);

impl Header for ListUnsubscribe {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe")
    }
    fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(ListUnsubscribe(s.into()))
    }
    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), self.0.clone())
    }
}

/// `List-Unsubscribe-Post` (RFC 8058): the client unsubscribes in one click by a POST.
#[derive(Clone)]
struct ListUnsubscribePost;

impl Header for ListUnsubscribePost {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe-Post")
    }
    fn parse(_: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(ListUnsubscribePost)
    }
    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), "List-Unsubscribe=One-Click".into())
    }
}

/// What sends one mail.
struct Sender {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    retry_delays: Vec<Duration>,
}

impl Sender {
    fn new(smtp: &Smtp, config: &MailConfig) -> Result<Sender, String> {
        let mut builder =
            AsyncSmtpTransport::<Tokio1Executor>::from_url(&smtp.url).map_err(|e| format!("SMTP_URL: {e}"))?;
        if let Some((user, password)) = &smtp.credentials {
            builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
        }
        let from = config.from.parse().map_err(|e| format!("MAIL_FROM: {e}"))?;
        Ok(Sender {
            transport: builder.timeout(Some(Duration::from_secs(30))).build(),
            from,
            retry_delays: config.retry_delays.clone(),
        })
    }

    fn message(&self, mail: &Outgoing) -> Result<Message, String> {
        let to: Mailbox = mail.recipient.parse().map_err(|e| format!("adresse du destinataire : {e}"))?;
        let mut builder = Message::builder().from(self.from.clone()).to(to).subject(mail.subject.clone());
        if let Some(url) = &mail.unsubscribe_url {
            // The same page as the link in the text, for a POST (RFC 8058).
            // (An English mail's page is `/en/desabonnement`: the API's address says its language
            // in `langue`, for a client that opens it instead of posting.)
            let post_url = if url.contains("/en/desabonnement?") {
                url.replacen("/en/desabonnement?", "/api/desabonnement?langue=en&", 1)
            } else {
                url.replacen("/desabonnement?", "/api/desabonnement?", 1)
            };
            builder = builder.header(ListUnsubscribe(format!("<{post_url}>"))).header(ListUnsubscribePost);
        }
        builder
            .multipart(MultiPart::alternative_plain_html(mail.text.clone(), mail.html.clone()))
            .map_err(|e| format!("courriel mal formé : {e}"))
    }

    /// Sends `mail` once; what became of it.
    async fn attempt(&self, mail: &Outgoing) -> Delivery {
        let error = match self.message(mail) {
            // A mail that cannot even be written will not get better: failed at once.
            Err(error) => return Delivery::Failed { error },
            Ok(message) => match self.transport.send(message).await {
                Ok(_) => return Delivery::Sent,
                Err(error) => error.to_string(),
            },
        };
        match self.retry_delays.get(mail.attempts as usize) {
            Some(wait) => Delivery::Retry {
                error,
                at: chrono::Utc::now() + chrono::Duration::from_std(*wait).unwrap_or_default(),
            },
            None => Delivery::Failed { error },
        }
    }
}

async fn deliver_until_stopped(db: Db, sender: Sender, mut stopped: watch::Receiver<bool>) {
    while !*stopped.borrow() {
        if let Err(error) = deliver_due(&db, &sender).await {
            tracing::error!(%error, "reading the outbox failed");
        }
        tokio::select! {
            _ = tokio::time::sleep(DELIVERY_POLL) => {}
            _ = stopped.wait_for(|stop| *stop) => return,
        }
    }
}

/// Sends every mail due now.
async fn deliver_due(db: &Db, sender: &Sender) -> Result<(), app::data::DataError> {
    for mail in db.due_mails(BATCH).await? {
        let delivery = sender.attempt(&mail).await;
        match &delivery {
            Delivery::Sent => tracing::info!(id = mail.id, kind = mail.kind.code(), "mail sent"),
            Delivery::Retry { error, at } => tracing::warn!(id = mail.id, %error, %at, "mail not sent, will retry"),
            Delivery::Failed { error } => tracing::error!(id = mail.id, %error, "mail failed after its retries"),
        }
        db.record_delivery(mail.id, &delivery).await?;
    }
    Ok(())
}

async fn run_jobs_until_stopped(db: Db, mut stopped: watch::Receiver<bool>) {
    while !*stopped.borrow() {
        run_jobs(&db).await;
        tokio::select! {
            _ = tokio::time::sleep(JOBS_PERIOD) => {}
            _ = stopped.wait_for(|stop| *stop) => return,
        }
    }
}

/// The periodic mail jobs; a failure is logged and retried at the next run.
pub async fn run_jobs(db: &Db) {
    match db.send_digests(false).await {
        Ok(0) => {}
        Ok(written) => tracing::info!(written, "daily digests written"),
        Err(error) => tracing::error!(%error, "daily digests failed"),
    }
    match db.send_freshness_reminders().await {
        Ok(0) => {}
        Ok(written) => tracing::info!(written, "freshness reminders written"),
        Err(error) => tracing::error!(%error, "freshness reminders failed"),
    }
    if let Err(error) = db.purge_outbox().await {
        tracing::error!(%error, "forgetting old mails failed");
    }
}
