//! The server's configuration, read once from the environment into one typed struct.

use app::settings::MapSettings;

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
    /// proxy. Session cookies are `Secure` when it is https.
    pub public_url: String,
    /// `DEMO_PASSWORD`: when set, the demo holder account (see `Db::load_demo_holder`) exists
    /// with this password, so a demo can be shown signed in. Never set it in production.
    pub demo_password: Option<String>,
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
        let map = MapSettings::new(
            &lookup("TILE_URL").unwrap_or_default(),
            &lookup("TILE_ATTRIBUTION").unwrap_or_default(),
        );
        let public_url = lookup("PUBLIC_URL").map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
        let public_url = public_url.unwrap_or_else(|| "http://127.0.0.1:3000".to_string());
        if !(public_url.starts_with("http://") || public_url.starts_with("https://")) {
            return Err(ConfigError {
                variable: "PUBLIC_URL",
                message: format!("expected an http:// or https:// address, got {public_url:?}"),
            });
        }
        let demo_password = lookup("DEMO_PASSWORD").filter(|v| !v.is_empty());
        Ok(Config { database_url, map, demo_data, public_url, demo_password })
    }
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
    fn cookies_are_secure_when_the_site_is_served_over_https() {
        assert!(!config(&[]).unwrap().secure_cookies());
        assert!(config(&[("PUBLIC_URL", "https://carte.exemple.fr")]).unwrap().secure_cookies());
    }

    #[test]
    fn tiles_are_configuration() {
        let config = config(&[("TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png"), ("DEMO_DATA", "off")]).unwrap();
        assert!(config.map.tile_attribution.contains("OpenStreetMap"));
        assert_eq!(config.demo_data, DemoData::Off);
    }
}
