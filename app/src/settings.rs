//! Site settings that the server reads from its configuration and pages need: the map's
//! background, who publishes the site, whether mail leaves it.

/// How the map draws its background. Tiles are optional: without them the map draws the
/// outlines of the areas and communes from local files, so it works offline.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MapSettings {
    /// Tile URL template (`https://tile.openstreetmap.org/{z}/{x}/{y}.png`); empty = no tiles.
    pub tile_url: String,
    /// Attribution shown under the map when tiles are drawn.
    pub tile_attribution: String,
}

impl MapSettings {
    /// Settings for a tile URL, with OpenStreetMap's required attribution when it is theirs.
    pub fn new(tile_url: &str, tile_attribution: &str) -> MapSettings {
        let tile_url = tile_url.trim().to_string();
        let tile_attribution = match tile_attribution.trim() {
            "" if tile_url.contains("openstreetmap.org") => {
                "© <a href=\"https://www.openstreetmap.org/copyright\">les contributeurs d'OpenStreetMap</a>"
                    .to_string()
            }
            other => other.to_string(),
        };
        MapSettings { tile_url, tile_attribution }
    }
}

/// `example.org` of `https://example.org/…`: the host part of the site's address (`PUBLIC_URL`),
/// as `webcal://` links and calendar `UID`s need it.
pub fn host_of(public_url: &str) -> &str {
    let rest = public_url.split_once("://").map_or(public_url, |(_, rest)| rest);
    rest.split('/').next().unwrap_or(rest)
}

/// Who publishes the site, for its legal pages (`/mentions-legales`, `/confidentialite`,
/// `/accessibilite`). Every deployment sets its own (README, "Configuration").
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SiteIdentity {
    /// `PUBLISHER_NAME`: the organisation that publishes the map.
    pub publisher: String,
    /// `PUBLISHER_ADDRESS`: its postal address.
    pub address: String,
    /// `PUBLISHER_EMAIL`: where people write (questions, their rights, accessibility).
    pub contact_email: String,
    /// `PUBLICATION_DIRECTOR`: the person legally responsible for the publication.
    pub director: String,
    /// `HOST`: who hosts the server (name, address, telephone).
    pub host: String,
    /// When `GEOCODER_URL` is set, what the privacy page says of the address service that
    /// receives the addresses typed in « Autour de » (`legal::address_service_notice`): written
    /// on the server, so that citizens' code carries none of it.
    pub address_service: Option<crate::domain::Message>,
}

impl Default for SiteIdentity {
    /// What a demo shows: plainly marked as to be filled in.
    fn default() -> Self {
        let unset = |variable: &str| format!("(à renseigner par l'éditeur du site : variable {variable})");
        SiteIdentity {
            publisher: unset("PUBLISHER_NAME"),
            address: unset("PUBLISHER_ADDRESS"),
            contact_email: unset("PUBLISHER_EMAIL"),
            director: unset("PUBLICATION_DIRECTOR"),
            host: unset("HOST"),
            address_service: None,
        }
    }
}

/// What pages need of the site's configuration beyond the map.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SiteSettings {
    pub identity: SiteIdentity,
    /// Whether mails leave through a mail server (`SMTP_URL`); without one they stay in the
    /// outbox, where admins read them.
    pub mail_delivery: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_host_is_the_address_without_scheme_or_path() {
        assert_eq!(host_of("https://carte.orientation28.fr"), "carte.orientation28.fr");
        assert_eq!(host_of("http://127.0.0.1:3000/"), "127.0.0.1:3000");
        assert_eq!(host_of("https://exemple.fr/carte/"), "exemple.fr");
    }

    #[test]
    fn openstreetmap_tiles_get_their_attribution() {
        let osm = MapSettings::new("https://tile.openstreetmap.org/{z}/{x}/{y}.png", "");
        assert!(osm.tile_attribution.contains("OpenStreetMap"));
        assert_eq!(MapSettings::new("", "").tile_attribution, "");
        assert_eq!(MapSettings::new("https://t.example.org/{z}/{x}/{y}.png", "© X").tile_attribution, "© X");
    }
}
