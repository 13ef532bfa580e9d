//! The server's configuration, read once from the environment into one typed struct.

use std::time::Duration;

use app::settings::{MapSettings, SiteIdentity};

use crate::mail::{MailConfig, Smtp};

/// Whether to load the demo initiatives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DemoData {
    /// Load them into a database that holds no initiative yet (the default).
    Auto,
    /// Never load them (production).
    Off,
}

/// Everything the server reads from the environment (`LEPTOS_*` aside, read by Leptos).
#[derive(Clone, Debug)]
pub struct Config {
    /// `DATABASE_URL`, default `sqlite://data/carte-orientation-28.db` (created when missing).
    pub database_url: String,
    /// `TILE_URL` and `TILE_ATTRIBUTION`; no tiles by default.
    pub map: MapSettings,
    /// `DEMO_DATA`: `auto` (default) or `off`.
    pub demo_data: DemoData,
    /// `PUBLIC_URL`: the address people use, e.g. `https://carte.exemple.fr` behind a reverse
    /// proxy. Session cookies are `Secure` when it is https; state-changing requests must come
    /// from this origin.
    pub public_url: String,
    /// Whether `PUBLIC_URL` was set (unset, `http://127.0.0.1:3000` is assumed and the log
    /// says so: fine on a developer's machine, wrong anywhere else).
    pub public_url_set: bool,
    /// `TRUSTED_PROXIES`: the reverse proxies whose `X-Forwarded-For` names the client.
    pub trusted_proxies: crate::client_address::TrustedProxies,
    /// `DEMO_PASSWORD`: when set, the demo accounts (see `Db::load_demo_holder`) exist with
    /// this password, so a demo can be shown signed in. Refused when `PUBLIC_URL` is https (a
    /// real deployment); unset, existing demo accounts are disabled at start-up.
    pub demo_password: Option<String>,
    /// `SMTP_URL`, `SMTP_USERNAME`, `SMTP_PASSWORD`, `MAIL_FROM`, `MAIL_RETRY_DELAYS`.
    pub mail: MailConfig,
    /// `PUBLISHER_NAME`, `PUBLISHER_ADDRESS`, `PUBLISHER_EMAIL`, `PUBLICATION_DIRECTOR`, `HOST`:
    /// who publishes the site, for its legal pages.
    pub identity: SiteIdentity,
    /// Which of those were left unset (said once in the log at start-up).
    pub identity_unset: Vec<&'static str>,
    /// `SIGN_IN_BURST_PER_ADDRESS`: sign-ins, sign-ups and links one network address may try at
    /// once before it is slowed to one every 10 seconds (default 30).
    pub sign_in_burst_per_address: u32,
    /// `CONTRIBUTIONS_BURST_PER_ADDRESS`: citizens' suggestions and reports one network address
    /// may send at once before it is slowed to one every 6 minutes (default 10).
    pub contributions_burst_per_address: u32,
    /// `GEOCODER_URL`: the national address service's search endpoint
    /// (`https://data.geopf.fr/geocodage/search`), which places addresses typed in « Autour de »;
    /// unset, only communes and positions are understood (no outside service).
    pub geocoder: Option<app::geocoder::Geocoder>,
}

impl Config {
    /// Whether cookies must only travel over https.
    pub fn secure_cookies(&self) -> bool {
        self.public_url.starts_with("https://")
    }
}

/// A configuration value that makes no sense, said so that an operator can fix it.
#[derive(Debug, thiserror::Error)]
#[error("{variable}: {message}")]
pub struct ConfigError {
    pub variable: &'static str,
    pub message: String,
}

pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/carte-orientation-28.db";

impl Config {
    /// Reads the configuration from the process environment.
    pub fn from_env() -> Result<Config, ConfigError> {
        Config::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads the configuration through `lookup` (the environment, or a map in tests).
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Config, ConfigError> {
        let database_url = lookup("DATABASE_URL").filter(|v| !v.trim().is_empty());
        let database_url = database_url.unwrap_or_else(|| DEFAULT_DATABASE_URL.to_string());
        if !database_url.starts_with("sqlite:") {
            return Err(ConfigError {
                variable: "DATABASE_URL",
                message: format!("only sqlite: URLs are supported for now, got {database_url:?}"),
            });
        }
        let burst = |variable: &'static str, default: u32| match lookup(variable).filter(|v| !v.trim().is_empty()) {
            None => Ok(default),
            Some(value) => value.trim().parse().ok().filter(|n| *n > 0).ok_or_else(|| ConfigError {
                variable,
                message: format!("a whole number of attempts above 0, got {value:?}"),
            }),
        };
        let sign_in_burst_per_address = burst("SIGN_IN_BURST_PER_ADDRESS", app::accounts::throttle::IP_BURST)?;
        let contributions_burst_per_address =
            burst("CONTRIBUTIONS_BURST_PER_ADDRESS", app::accounts::throttle::CONTRIBUTION_BURST)?;
        let demo_data = match lookup("DEMO_DATA").unwrap_or_default().trim() {
            "" | "auto" => DemoData::Auto,
            "off" => DemoData::Off,
            other => {
                return Err(ConfigError {
                    variable: "DEMO_DATA",
                    message: format!("expected \"auto\" or \"off\", got {other:?}"),
                })
            }
        };
        let map =
            MapSettings::new(&lookup("TILE_URL").unwrap_or_default(), &lookup("TILE_ATTRIBUTION").unwrap_or_default());
        let public_url = lookup("PUBLIC_URL").map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
        let public_url_set = public_url.is_some();
        let public_url = public_url.unwrap_or_else(|| "http://127.0.0.1:3000".to_string());
        if !(public_url.starts_with("http://") || public_url.starts_with("https://")) {
            return Err(ConfigError {
                variable: "PUBLIC_URL",
                message: format!("expected an http:// or https:// address, got {public_url:?}"),
            });
        }
        if url::Url::parse(&public_url).map(|url| !url.has_host()).unwrap_or(true) {
            return Err(ConfigError { variable: "PUBLIC_URL", message: format!("not a web address: {public_url:?}") });
        }
        let demo_password = lookup("DEMO_PASSWORD").filter(|v| !v.is_empty());
        if demo_password.is_some() && public_url.starts_with("https://") {
            return Err(ConfigError {
                variable: "DEMO_PASSWORD",
                message:
                    "demo accounts share a published password: never on a site served over https (unset DEMO_PASSWORD)"
                        .into(),
            });
        }
        let trusted_proxies =
            crate::client_address::TrustedProxies::parse(&lookup("TRUSTED_PROXIES").unwrap_or_default())
                .map_err(|message| ConfigError { variable: "TRUSTED_PROXIES", message })?;
        let mail = mail_config(&lookup)?;
        let geocoder = set(&lookup, "GEOCODER_URL")
            .as_deref()
            .map(app::geocoder::Geocoder::new)
            .transpose()
            .map_err(|message| ConfigError { variable: "GEOCODER_URL", message })?;
        let (mut identity, identity_unset) = identity(&lookup);
        identity.address_service =
            geocoder.as_ref().map(|geocoder| app::legal::address_service_notice(&geocoder.service()));
        Ok(Config {
            database_url,
            map,
            demo_data,
            public_url,
            public_url_set,
            trusted_proxies,
            demo_password,
            mail,
            identity,
            identity_unset,
            sign_in_burst_per_address,
            contributions_burst_per_address,
            geocoder,
        })
    }
}

fn set(lookup: &impl Fn(&str) -> Option<String>, name: &str) -> Option<String> {
    lookup(name).map(|v| v.trim().to_string()).filter(|v| !v.is_empty())
}

fn mail_config(lookup: &impl Fn(&str) -> Option<String>) -> Result<MailConfig, ConfigError> {
    let mut config = MailConfig::default();
    if let Some(delays) = set(lookup, "MAIL_RETRY_DELAYS") {
        let parsed: Result<Vec<Duration>, _> =
            delays.split(',').map(|d| d.trim().parse::<u64>().map(Duration::from_secs)).collect();
        config.retry_delays = parsed.map_err(|_| ConfigError {
            variable: "MAIL_RETRY_DELAYS",
            message: format!("expected seconds separated by commas (30,120,600), got {delays:?}"),
        })?;
    }
    let Some(url) = set(lookup, "SMTP_URL") else { return Ok(config) };
    let credentials = match (set(lookup, "SMTP_USERNAME"), lookup("SMTP_PASSWORD")) {
        (Some(user), Some(password)) => Some((user, password)),
        (None, None) => None,
        _ => {
            return Err(ConfigError {
                variable: "SMTP_USERNAME",
                message: "SMTP_USERNAME and SMTP_PASSWORD go together".into(),
            })
        }
    };
    config.smtp = Some(Smtp { url: smtp_url(&url)?, credentials });
    config.from = set(lookup, "MAIL_FROM").ok_or(ConfigError {
        variable: "MAIL_FROM",
        message:
            "with SMTP_URL, say who mail comes from, e.g. \"Carte Orientation 28 <ne-pas-repondre@carte.exemple.fr>\""
                .into(),
    })?;
    if config.from.parse::<lettre::message::Mailbox>().is_err() {
        return Err(ConfigError { variable: "MAIL_FROM", message: format!("not a mail address: {:?}", config.from) });
    }
    Ok(config)
}

/// `SMTP_URL` as lettre reads it. `smtp://` means STARTTLS, required, unless `?tls=opportunistic`
/// or `?tls=none` (a relay on this machine) says otherwise; `smtps://` is TLS from the start.
fn smtp_url(url: &str) -> Result<String, ConfigError> {
    let wrong = |message: String| ConfigError { variable: "SMTP_URL", message };
    let mut parsed = url::Url::parse(url).map_err(|e| wrong(format!("{e}: {url:?}")))?;
    if parsed.host_str().unwrap_or_default().is_empty() {
        return Err(wrong("no host".into()));
    }
    let tls = parsed.query_pairs().find(|(k, _)| k == "tls").map(|(_, v)| v.to_string());
    match (parsed.scheme(), tls.as_deref()) {
        ("smtps", _) | ("smtp", Some("required" | "opportunistic")) => {}
        ("smtp", None) => {
            parsed.query_pairs_mut().append_pair("tls", "required");
        }
        ("smtp", Some("none")) => {
            let others: Vec<(String, String)> =
                parsed.query_pairs().filter(|(k, _)| k != "tls").map(|(k, v)| (k.into(), v.into())).collect();
            parsed.set_query(None);
            if !others.is_empty() {
                parsed.query_pairs_mut().extend_pairs(others);
            }
        }
        ("smtp", Some(other)) => {
            return Err(wrong(format!("tls must be required, opportunistic or none, got {other:?}")))
        }
        (scheme, _) => return Err(wrong(format!("expected smtp:// or smtps://, got {scheme}://"))),
    }
    Ok(parsed.to_string())
}

/// Who publishes the site; the defaults say plainly what is to be filled in.
fn identity(lookup: &impl Fn(&str) -> Option<String>) -> (SiteIdentity, Vec<&'static str>) {
    let mut identity = SiteIdentity::default();
    let mut unset = Vec::new();
    for (variable, field) in [
        ("PUBLISHER_NAME", &mut identity.publisher),
        ("PUBLISHER_ADDRESS", &mut identity.address),
        ("PUBLISHER_EMAIL", &mut identity.contact_email),
        ("PUBLICATION_DIRECTOR", &mut identity.director),
        ("HOST", &mut identity.host),
    ] {
        match set(lookup, variable) {
            Some(value) => *field = value,
            None => unset.push(variable),
        }
    }
    (identity, unset)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn config(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let vars: HashMap<String, String> = vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        Config::from_lookup(|name| vars.get(name).cloned())
    }

    #[test]
    fn a_geocoder_is_optional_and_named_on_the_privacy_page() {
        let none = config(&[]).unwrap();
        assert!(none.geocoder.is_none() && none.identity.address_service.is_none());
        // Credentials or a key in the address stay out of the page.
        let set = config(&[("GEOCODER_URL", " https://carte:secret@data.geopf.fr/geocodage/search?cle=x ")]).unwrap();
        assert_eq!(set.geocoder.unwrap().service(), "data.geopf.fr");
        let notice = set.identity.address_service.unwrap();
        assert!(notice.french.contains("au service d'adresses national (data.geopf.fr)"), "{}", notice.french);
        assert!(notice.english.contains("to the national address service (data.geopf.fr)"), "{}", notice.english);
        assert!(!notice.french.contains("secret") && !notice.french.contains("cle"));
        // The tests' stand-in on this machine may be plain http; nothing else.
        assert!(config(&[("GEOCODER_URL", "http://127.0.0.1:3127/search")]).is_ok());
        for wrong in ["data.geopf.fr/geocodage/search", "ftp://data.geopf.fr/search", "http://data.geopf.fr/search"] {
            let error = config(&[("GEOCODER_URL", wrong)]).unwrap_err();
            assert_eq!(error.variable, "GEOCODER_URL", "{wrong}");
        }
    }

    #[test]
    fn defaults_are_an_sqlite_file_with_demo_data_and_no_tiles() {
        let config = config(&[]).unwrap();
        assert_eq!(config.database_url, DEFAULT_DATABASE_URL);
        assert_eq!(config.demo_data, DemoData::Auto);
        assert_eq!(config.map.tile_url, "");
    }

    #[test]
    fn nonsense_is_refused_with_the_variable_named() {
        assert_eq!(config(&[("DEMO_DATA", "maybe")]).unwrap_err().variable, "DEMO_DATA");
        assert_eq!(config(&[("DATABASE_URL", "mysql://x")]).unwrap_err().variable, "DATABASE_URL");
        assert_eq!(config(&[("PUBLIC_URL", "carte.exemple.fr")]).unwrap_err().variable, "PUBLIC_URL");
    }

    #[test]
    fn demo_accounts_never_run_on_a_real_deployment() {
        let error = config(&[("PUBLIC_URL", "https://carte.exemple.fr"), ("DEMO_PASSWORD", "demo")]).unwrap_err();
        assert_eq!(error.variable, "DEMO_PASSWORD");
        assert!(config(&[("PUBLIC_URL", "http://127.0.0.1:3100"), ("DEMO_PASSWORD", "demo")]).is_ok());
    }

    #[test]
    fn trusted_proxies_are_addresses_or_networks() {
        assert!(config(&[("TRUSTED_PROXIES", "127.0.0.1, 10.0.0.0/8")]).is_ok());
        assert_eq!(config(&[("TRUSTED_PROXIES", "le proxy")]).unwrap_err().variable, "TRUSTED_PROXIES");
    }

    #[test]
    fn cookies_are_secure_when_the_site_is_served_over_https() {
        assert!(!config(&[]).unwrap().secure_cookies());
        assert!(config(&[("PUBLIC_URL", "https://carte.exemple.fr")]).unwrap().secure_cookies());
    }

    #[test]
    fn smtp_means_starttls_unless_told_otherwise() {
        let url = |value: &str| {
            config(&[("SMTP_URL", value), ("MAIL_FROM", "Carte <carte@exemple.fr>")]).map(|c| c.mail.smtp.unwrap().url)
        };
        assert_eq!(url("smtp://mail.exemple.fr:587").unwrap(), "smtp://mail.exemple.fr:587?tls=required");
        assert_eq!(url("smtp://127.0.0.1:2525?tls=none").unwrap(), "smtp://127.0.0.1:2525");
        assert_eq!(url("smtps://u:p@mail.exemple.fr").unwrap(), "smtps://u:p@mail.exemple.fr");
        assert_eq!(url("http://mail.exemple.fr").unwrap_err().variable, "SMTP_URL");
        assert_eq!(url("smtp://mail.exemple.fr?tls=maybe").unwrap_err().variable, "SMTP_URL");
        assert_eq!(config(&[("SMTP_URL", "smtp://mail.exemple.fr")]).unwrap_err().variable, "MAIL_FROM");
        assert!(config(&[]).unwrap().mail.smtp.is_none(), "no SMTP_URL: mail stays in the outbox");
    }

    #[test]
    fn the_publisher_is_configuration_and_says_so_when_unset() {
        let unset = config(&[]).unwrap();
        assert!(unset.identity.publisher.contains("PUBLISHER_NAME"));
        assert_eq!(unset.identity_unset.len(), 5);
        let set = config(&[("PUBLISHER_NAME", "Région Centre-Val de Loire"), ("MAIL_RETRY_DELAYS", "1, 2")]).unwrap();
        assert_eq!(set.identity.publisher, "Région Centre-Val de Loire");
        assert_eq!(set.mail.retry_delays, vec![Duration::from_secs(1), Duration::from_secs(2)]);
        assert_eq!(config(&[("MAIL_RETRY_DELAYS", "vite")]).unwrap_err().variable, "MAIL_RETRY_DELAYS");
    }

    #[test]
    fn tiles_are_configuration() {
        let config =
            config(&[("TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png"), ("DEMO_DATA", "off")]).unwrap();
        assert!(config.map.tile_attribution.contains("OpenStreetMap"));
        assert_eq!(config.demo_data, DemoData::Off);
    }

    #[test]
    fn the_sign_in_burst_per_address_is_configuration_and_a_positive_number() {
        assert_eq!(config(&[]).unwrap().sign_in_burst_per_address, 30);
        assert_eq!(config(&[("SIGN_IN_BURST_PER_ADDRESS", "1000")]).unwrap().sign_in_burst_per_address, 1000);
        for wrong in ["0", "-3", "beaucoup"] {
            let error = config(&[("SIGN_IN_BURST_PER_ADDRESS", wrong)]).unwrap_err();
            assert_eq!(error.variable, "SIGN_IN_BURST_PER_ADDRESS");
        }
        assert_eq!(config(&[]).unwrap().contributions_burst_per_address, 10);
        assert_eq!(config(&[("CONTRIBUTIONS_BURST_PER_ADDRESS", "200")]).unwrap().contributions_burst_per_address, 200);
        let error = config(&[("CONTRIBUTIONS_BURST_PER_ADDRESS", "0")]).unwrap_err();
        assert_eq!(error.variable, "CONTRIBUTIONS_BURST_PER_ADDRESS");
    }
}
