//! Site settings that the server reads from its configuration and pages need.

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn openstreetmap_tiles_get_their_attribution() {
        let osm = MapSettings::new("https://tile.openstreetmap.org/{z}/{x}/{y}.png", "");
        assert!(osm.tile_attribution.contains("OpenStreetMap"));
        assert_eq!(MapSettings::new("", "").tile_attribution, "");
        assert_eq!(MapSettings::new("https://t.example.org/{z}/{x}/{y}.png", "© X").tile_attribution, "© X");
    }
}
