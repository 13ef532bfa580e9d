//! What a citizen is looking for: the filters of the map, the list and the exports, read from
//! and written to a URL query so that a copied link reproduces a view.

use serde::{Deserialize, Serialize};

use super::geography::{is_commune_code, within_reach};
use super::{Audience, Message, Theme, Vocabulary};

/// Longest free-text search accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 200;

/// A view of the initiatives. Within one facet the values add up (kind A or kind B); across
/// facets they narrow (kind A and theme T). Empty means "no filter".
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Filters {
    /// Free-text search, as typed.
    pub q: Option<String>,
    pub kinds: Vec<String>,
    pub themes: Vec<Theme>,
    pub audiences: Vec<Audience>,
    /// Area codes (`chartres`, `dreux`, `chateaudun`, `nogent-le-rotrou`).
    pub areas: Vec<String>,
    /// INSEE code of a commune.
    pub commune: Option<String>,
    /// Only dated events that have not ended yet.
    pub upcoming: bool,
    /// Only what lies within a radius of a place (`autour`, `rayon`).
    pub near: Option<Near>,
    /// The order of the list (`tri`); `None` is the default order, see [`Filters::order`].
    pub sort: Option<Sort>,
    /// The page of the list (`page`, from 1); `None` is the first. Order and page change the
    /// list only: the set of initiatives (map, counts, exports) is the same.
    pub page: Option<u32>,
}

/// Initiatives within `km` of a place (« Autour de moi »): the visitor's position, which the
/// browser sends only when they search by distance (`autour=48.447,1.489`), or the centre of a
/// commune typed instead (`autour=28085`, `autour=Chartres`: from the gazetteer, no outside
/// service), or an address typed, which the geocoder places when the site has one (`GEOCODER_URL`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Near {
    /// The commune `autour` named, or `None` for a position or an address.
    pub commune: Option<String>,
    /// The address `autour` named, and what the geocoder found for it.
    pub address: Option<FoundAddress>,
    /// The centre in hundred-thousandths of a degree (about a metre): exact in the URL and in
    /// cache keys, as `f64` would not be.
    pub lat_e5: i32,
    pub lon_e5: i32,
    /// The radius (`rayon`), in kilometres.
    pub km: u16,
}

/// Kilometres per degree of latitude (mean Earth radius 6 371.0088 km).
pub const KM_PER_DEGREE: f64 = 111.195;
/// Radii offered, and the default when `autour` comes without `rayon`.
pub const RADII_KM: [u16; 5] = [5, 10, 20, 30, 50];
pub const DEFAULT_RADIUS_KM: u16 = 10;
/// Largest radius accepted: the department is about 100 km across.
pub const MAX_RADIUS_KM: u16 = 100;

impl Near {
    pub fn lat(&self) -> f64 {
        f64::from(self.lat_e5) / 1e5
    }

    pub fn lon(&self) -> f64 {
        f64::from(self.lon_e5) / 1e5
    }

    /// Kilometres per degree of longitude at the centre's latitude.
    pub fn km_per_degree_of_longitude(&self) -> f64 {
        KM_PER_DEGREE * self.lat().to_radians().cos()
    }

    /// The distance from the centre to (`lat`, `lon`), in km, on the plane tangent at the centre
    /// (equirectangular): within 0.1 % of the great-circle distance at these radii. The SQL
    /// filter computes the same (`data/search.rs`).
    pub fn distance_km(&self, lat: f64, lon: f64) -> f64 {
        let north = (lat - self.lat()) * KM_PER_DEGREE;
        let east = (lon - self.lon()) * self.km_per_degree_of_longitude();
        (north * north + east * east).sqrt()
    }

    /// What `autour` says in the URL: the commune's code, the address as typed (placed again,
    /// from the geocoder's cache, by whoever opens the link), or the position.
    pub fn place(&self) -> String {
        match (&self.commune, &self.address) {
            (Some(insee), _) => insee.clone(),
            (None, Some(address)) => address.typed.clone(),
            // The shortest decimals that give the same position back: the browser's 48.737.
            (None, None) => format!("{},{}", decimal_e5(self.lat_e5), decimal_e5(self.lon_e5)),
        }
    }
}

/// `e5` hundred-thousandths as the shortest decimal (48.737, 1.5, -0.25, 2): exactly what `f64`'s
/// `Display` writes for `e5 / 1e5`, in integers. Float formatting would cost the map's first
/// visit some 6 kB of WASM (bench/RESULTS.md, twenty-fourth session): this runs in the browser.
fn decimal_e5(e5: i32) -> String {
    let sign = if e5 < 0 { "-" } else { "" };
    let (whole, fraction) = (e5.unsigned_abs() / 100_000, e5.unsigned_abs() % 100_000);
    if fraction == 0 {
        return format!("{sign}{whole}");
    }
    format!("{sign}{whole}.{}", format!("{fraction:05}").trim_end_matches('0'))
}

/// A position the browser gives, rounded to 0.001° (about 100 m: enough for a radius, less
/// precise than what the browser knows), as « Autour de moi » puts it in the view's address:
/// `48.447,1.489`. In integers, as [`decimal_e5`].
pub fn rounded_position(lat: f64, lon: f64) -> String {
    let thousandths = |degrees: f64| {
        let n = (degrees * 1000.0).round() as i64;
        let sign = if n < 0 { "-" } else { "" };
        format!("{sign}{}.{:03}", n.unsigned_abs() / 1000, n.unsigned_abs() % 1000)
    };
    format!("{},{}", thousandths(lat), thousandths(lon))
}

/// An address typed in « Autour de », as the geocoder understood it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FoundAddress {
    /// What the visitor typed, which the view's URL keeps.
    pub typed: String,
    /// The address the geocoder found (« 12 Rue Noël Ballay 28000 Chartres »): the page shows
    /// it, so that a visitor sees which place their words named.
    pub label: String,
}

/// The geocoder's answer for the address `typed`: where it is, and its full label.
#[derive(Clone, Debug, PartialEq)]
pub struct Located {
    pub typed: String,
    pub label: String,
    pub lat: f64,
    pub lon: f64,
}

/// The text of `autour` as a position (« 48.447,1.489 »), if it is written as one.
fn as_position(value: &str) -> Option<(f64, f64)> {
    let (lat, lon) = value.split_once(',')?;
    Some((lat.trim().parse::<f64>().ok()?, lon.trim().parse::<f64>().ok()?))
}

/// Whether the text of `autour` names neither a position nor a commune, nor was meant as a code:
/// only a geocoder can place it (an address, a place name).
pub fn needs_geocoder(value: &str, vocabulary: &impl Vocabulary) -> bool {
    let value = value.trim();
    !value.is_empty()
        && as_position(value).is_none()
        && !looks_like_code(value)
        && parse_commune(value, vocabulary).is_err()
}

/// Parameters of a view's URL, at most.
const MAX_PARAMETERS: usize = 64;
/// Every parameter a view's address may have, as an unknown one's message lists them.
const PARAMETERS: &str = "q, kind, theme, audience, bassin, commune, upcoming, autour, rayon, tri, page";
/// Parameters a view takes once.
const SINGLE_VALUED: [&str; 7] = ["q", "commune", "upcoming", "autour", "rayon", "tri", "page"];

/// Initiatives on one page of the list: enough to scan, never 50 000 rows.
pub const PAGE_SIZE: u32 = 100;

/// Highest page number accepted (5 million initiatives at [`PAGE_SIZE`]).
const MAX_PAGE: u32 = 50_000;

/// The orders of the list. `Distance` needs the visitor's position, which never leaves the
/// browser: the server answers in name order and the browser re-sorts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Sort {
    Relevance,
    Name,
    Date,
    Distance,
}

impl Sort {
    /// Every order, as the list offers them.
    pub const ALL: &'static [Sort] = &[Sort::Relevance, Sort::Name, Sort::Date, Sort::Distance];

    /// The value of `tri` in the URL.
    pub fn code(self) -> &'static str {
        match self {
            Sort::Relevance => "pertinence",
            Sort::Name => "nom",
            Sort::Date => "date",
            Sort::Distance => "distance",
        }
    }

    /// The French label of the option.
    pub fn label(self) -> &'static str {
        match self {
            Sort::Relevance => "Pertinence",
            Sort::Name => "Nom",
            Sort::Date => "Date la plus proche",
            Sort::Distance => "Distance depuis ma position",
        }
    }

    fn from_code(code: &str) -> Option<Sort> {
        Sort::ALL.iter().copied().find(|s| s.code() == code)
    }
}

/// A query parameter that makes no sense, said in both languages: which one and what is expected.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct FilterError(pub Message);

/// A filter error in French and English (the parameters' names are the same in both).
fn refused(french: String, english: String) -> FilterError {
    FilterError(Message::new(french, english))
}

impl Filters {
    /// Reads the filters of a URL query given as (name, value) pairs. Empty values are absent
    /// values (a submitted form sends them); anything else that is not understood is an error,
    /// never a silently ignored filter.
    pub fn from_query(pairs: &[(String, String)], vocabulary: &impl Vocabulary) -> Result<Filters, FilterError> {
        Filters::from_query_located(pairs, vocabulary, None)
    }

    /// The same, with what the geocoder found for the address `autour` names (see
    /// [`needs_geocoder`]), the only kind of place the gazetteer alone cannot place.
    pub fn from_query_located(
        pairs: &[(String, String)],
        vocabulary: &impl Vocabulary,
        located: Option<&Located>,
    ) -> Result<Filters, FilterError> {
        // Every option of every filter at once is about 40 parameters.
        if pairs.len() > MAX_PARAMETERS {
            return Err(refused(
                format!("Cette adresse contient trop de paramètres ({MAX_PARAMETERS} au plus)."),
                format!("This address has too many parameters ({MAX_PARAMETERS} at most)."),
            ));
        }
        let mut filters = Filters::default();
        let mut single: Vec<&str> = Vec::new();
        let (mut place, mut radius) = (None, None);
        for (name, value) in pairs {
            let value = value.trim();
            if value.is_empty() {
                continue;
            }
            // One search, commune, order, page: a second one would silently replace the first.
            if SINGLE_VALUED.contains(&name.as_str()) {
                if single.contains(&name.as_str()) {
                    return Err(refused(
                        format!("Le paramètre « {name} » est donné deux fois : gardez-en un seul."),
                        format!("The parameter “{name}” is given twice: keep only one."),
                    ));
                }
                single.push(name.as_str());
            }
            match name.as_str() {
                "q" => filters.q = Some(parse_query_text(value)?),
                "kind" => push_unique(&mut filters.kinds, parse_kind(value, vocabulary)?),
                "theme" => push_unique(
                    &mut filters.themes,
                    parse_code(value, Theme::from_code, "theme", Theme::ALL.iter().map(|t| t.code()))?,
                ),
                "audience" => push_unique(
                    &mut filters.audiences,
                    parse_code(value, Audience::from_code, "audience", Audience::ALL.iter().map(|a| a.code()))?,
                ),
                "bassin" => push_unique(&mut filters.areas, parse_area(value, vocabulary)?),
                "commune" => filters.commune = Some(parse_commune(value, vocabulary)?),
                "upcoming" => filters.upcoming = parse_flag(value)?,
                "autour" => place = Some(value),
                "rayon" => radius = Some(parse_radius(value)?),
                "tri" => {
                    filters.sort = Some(parse_code(value, Sort::from_code, "tri", Sort::ALL.iter().map(|s| s.code()))?)
                }
                "page" => filters.page = Some(parse_page(value)?),
                other => {
                    let other = shorten(other);
                    return Err(refused(
                        format!("Paramètre inconnu : « {other} ». Paramètres possibles : {PARAMETERS}."),
                        format!("Unknown parameter: “{other}”. Possible parameters: {PARAMETERS}."),
                    ));
                }
            }
        }
        // A radius alone says nothing (the filter form always sends one): it is left out.
        if let Some(place) = place {
            filters.near = Some(parse_near(place, radius.unwrap_or(DEFAULT_RADIUS_KM), vocabulary, located)?);
        }
        Ok(filters)
    }

    /// The URL query that reproduces these filters (without the leading `?`), in a stable order.
    pub fn to_query(&self) -> String {
        let mut pairs = self.set_pairs();
        if let Some(sort) = self.sort {
            pairs.push(("tri", sort.code().to_string()));
        }
        if let Some(page) = self.page.filter(|&p| p > 1) {
            pairs.push(("page", page.to_string()));
        }
        url::form_urlencoded::Serializer::new(String::new()).extend_pairs(pairs).finish()
    }

    /// The canonical form of the view's *set* (what the map, the counts and the exports show):
    /// its filters in a fixed order, without order and page. Caches are keyed by it, so that
    /// `?page=2`, `?tri=nom` or `?kind=a&kind=b` against `?kind=b&kind=a` share one entry and
    /// cannot push the default view out.
    pub fn set_key(&self) -> String {
        let mut pairs = self.set_pairs();
        pairs.sort();
        url::form_urlencoded::Serializer::new(String::new()).extend_pairs(pairs).finish()
    }

    /// This view on page `page` of its list.
    pub fn on_page(&self, page: u32) -> Filters {
        Filters { page: (page > 1).then_some(page), ..self.clone() }
    }

    /// The page of the list asked for, from 1.
    pub fn page_number(&self) -> u32 {
        self.page.unwrap_or(1)
    }

    fn set_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        if let Some(q) = &self.q {
            pairs.push(("q", q.clone()));
        }
        pairs.extend(self.kinds.iter().map(|k| ("kind", k.clone())));
        pairs.extend(self.themes.iter().map(|t| ("theme", t.code().to_string())));
        pairs.extend(self.audiences.iter().map(|a| ("audience", a.code().to_string())));
        pairs.extend(self.areas.iter().map(|a| ("bassin", a.clone())));
        if let Some(commune) = &self.commune {
            pairs.push(("commune", commune.clone()));
        }
        if self.upcoming {
            pairs.push(("upcoming", "1".to_string()));
        }
        if let Some(near) = &self.near {
            pairs.push(("autour", near.place()));
            pairs.push(("rayon", near.km.to_string()));
        }
        pairs
    }

    /// The order of the list: the one asked for, else relevance when searching, else name.
    /// Relevance without a search means nothing, so it falls back to name too.
    pub fn order(&self) -> Sort {
        let searching = !self.search_words().is_empty();
        match self.sort {
            Some(Sort::Relevance) | None if searching => Sort::Relevance,
            Some(Sort::Relevance) | None => Sort::Name,
            Some(other) => other,
        }
    }

    /// Whether no filter is set (order and page are not filters).
    pub fn is_empty(&self) -> bool {
        self.set_pairs().is_empty()
    }

    /// The words of the free-text search, folded for matching: lower case, no accents, no
    /// punctuation. Empty when there is nothing to search.
    pub fn search_words(&self) -> Vec<String> {
        self.q.as_deref().map(fold_words).unwrap_or_default()
    }
}

fn push_unique<T: PartialEq>(values: &mut Vec<T>, value: T) {
    if !values.contains(&value) {
        values.push(value);
    }
}

/// At most 40 characters of a value quoted back in an error message.
pub(crate) fn shorten(value: &str) -> String {
    let short: String = value.chars().take(40).collect();
    if short.len() < value.len() {
        format!("{short}…")
    } else {
        short
    }
}

fn parse_query_text(value: &str) -> Result<String, FilterError> {
    let length = value.chars().count();
    if length > MAX_QUERY_CHARS {
        return Err(refused(
            format!("La recherche est trop longue ({length} caractères) : {MAX_QUERY_CHARS} au plus."),
            format!("The search is too long ({length} characters): {MAX_QUERY_CHARS} at most."),
        ));
    }
    if value.chars().any(char::is_control) {
        return Err(refused(
            "La recherche contient un caractère de contrôle.".into(),
            "The search contains a control character.".into(),
        ));
    }
    Ok(value.to_string())
}

fn parse_kind(value: &str, vocabulary: &impl Vocabulary) -> Result<String, FilterError> {
    if vocabulary.has_kind(value) {
        Ok(value.to_string())
    } else {
        let value = shorten(value);
        Err(refused(
            format!("Type d'initiative inconnu : « {value} » (paramètre kind)."),
            format!("Unknown type of initiative: “{value}” (parameter kind)."),
        ))
    }
}

fn parse_code<T>(
    value: &str,
    from_code: fn(&str) -> Option<T>,
    name: &str,
    codes: impl Iterator<Item = &'static str>,
) -> Result<T, FilterError> {
    from_code(value).ok_or_else(|| {
        let (value, expected) = (shorten(value), codes.collect::<Vec<&str>>().join(", "));
        refused(
            format!("Valeur inconnue pour {name} : « {value} ». Valeurs possibles : {expected}."),
            format!("Unknown value for {name}: “{value}”. Possible values: {expected}."),
        )
    })
}

fn parse_area(value: &str, vocabulary: &impl Vocabulary) -> Result<String, FilterError> {
    if vocabulary.has_area(value) {
        Ok(value.to_string())
    } else {
        let value = shorten(value);
        Err(refused(
            format!("Bassin inconnu : « {value} ». Valeurs possibles : chartres, dreux, chateaudun, nogent-le-rotrou."),
            format!(
                "Unknown employment area: “{value}”. Possible values: chartres, dreux, chateaudun, nogent-le-rotrou."
            ),
        ))
    }
}

/// How the commune field shows a commune, and what its autocomplete offers: "Chartres (28085)".
pub fn commune_label(name: &str, insee: &str) -> String {
    format!("{name} ({insee})")
}

/// The code in brackets of a [`commune_label`] ("28085" of "Chartres (28085)"), if `value` is
/// written as one.
pub fn labelled_code(value: &str) -> Option<&str> {
    value.trim().strip_suffix(')').and_then(|v| v.rsplit_once('(')).map(|(_, code)| code)
}

/// Accepts an INSEE code, a choice of the autocomplete ("Chartres (28085)"), or a commune's name
/// as people type it ("chartres", "St Prest", "28200 Châteaudun": see `Vocabulary::commune_named`).
fn parse_commune(value: &str, vocabulary: &impl Vocabulary) -> Result<String, FilterError> {
    let code = labelled_code(value).map_or(value, str::trim);
    if is_commune_code(code) && vocabulary.has_commune(code) {
        return Ok(code.to_string());
    }
    if let Some(insee) = vocabulary.commune_named(value) {
        return Ok(insee);
    }
    // Five digits are an INSEE code, never a postcode: most of the department's postcodes are
    // also another commune's INSEE code (28100 is Dreux's postcode and Cintray's code).
    if is_commune_code(code) {
        return Err(refused(
            format!("Aucune commune d'Eure-et-Loir n'a le code INSEE {code}. Pour un code postal, tapez aussi le nom de la commune (par exemple « 28000 Chartres »)."),
            format!("No municipality in Eure-et-Loir has the INSEE code {code}. For a postcode, type the municipality's name too (for example “28000 Chartres”)."),
        ));
    }
    if looks_like_code(value) {
        let value = shorten(value);
        return Err(refused(
            format!("Code commune mal formé : « {value} ». Choisissez la commune dans la liste proposée (par exemple « Chartres (28085) ») ou donnez son code INSEE à 5 chiffres."),
            format!("Malformed municipality code: “{value}”. Choose the municipality from the list (for example “Chartres (28085)”) or give its 5-digit INSEE code."),
        ));
    }
    let value = shorten(value);
    Err(refused(
        format!("Aucune commune d'Eure-et-Loir ne s'appelle « {value} ». Choisissez la commune dans la liste proposée (par exemple « Chartres (28085) »)."),
        format!("No municipality in Eure-et-Loir is called “{value}”. Choose the municipality from the list (for example “Chartres (28085)”)."),
    ))
}

/// Whether `value` was meant as an INSEE code (« 2808 », « 28a85 »): letters and digits only,
/// a digit among them.
fn looks_like_code(value: &str) -> bool {
    value.chars().any(|c| c.is_ascii_digit()) && value.chars().all(char::is_alphanumeric)
}

fn parse_radius(value: &str) -> Result<u16, FilterError> {
    let km = value.strip_suffix("km").unwrap_or(value).trim();
    match km.parse::<u16>() {
        Ok(km @ 1..=MAX_RADIUS_KM) => Ok(km),
        _ => Err(refused(
            format!("rayon est une distance en kilomètres, de 1 à {MAX_RADIUS_KM}, pas « {} ».", shorten(value)),
            format!("rayon is a distance in kilometres, from 1 to {MAX_RADIUS_KM}, not “{}”.", shorten(value)),
        )),
    }
}

/// `autour`: a position (`48.447,1.489`) near Eure-et-Loir, a commune as the commune filter
/// takes it (« Chartres (28085) », a code, a name), or the address `located` answers for.
fn parse_near(
    value: &str,
    km: u16,
    vocabulary: &impl Vocabulary,
    located: Option<&Located>,
) -> Result<Near, FilterError> {
    let e5 = |degrees: f64| (degrees * 1e5).round() as i32;
    if let Some((lat, lon)) = as_position(value) {
        if !within_reach(lat, lon) {
            return Err(refused(
                format!("La position {lat},{lon} est loin de l'Eure-et-Loir : la carte ne couvre que le département et ses abords."),
                format!("The position {lat},{lon} is far from Eure-et-Loir: the map covers only the department and its surroundings."),
            ));
        }
        return Ok(Near { commune: None, address: None, lat_e5: e5(lat), lon_e5: e5(lon), km });
    }
    if let Some(found) = located.filter(|found| found.typed == value) {
        let address = FoundAddress { typed: found.typed.clone(), label: found.label.clone() };
        return Ok(Near { commune: None, address: Some(address), lat_e5: e5(found.lat), lon_e5: e5(found.lon), km });
    }
    let insee = match parse_commune(value, vocabulary) {
        Ok(insee) => insee,
        // Words that name no commune: without a geocoder, nothing here can place them.
        Err(_) if !looks_like_code(value) => {
            let value = shorten(value);
            return Err(refused(
                format!("« {value} » n'est ni une commune d'Eure-et-Loir ni une position. Choisissez une commune dans la liste proposée (par exemple « Chartres (28085) »), ou appuyez sur « Autour de moi »."),
                format!("“{value}” is neither a municipality in Eure-et-Loir nor a position. Choose a municipality from the list (for example “Chartres (28085)”), or press “Around me”."),
            ));
        }
        Err(error) => return Err(error),
    };
    let Some((lat, lon)) = vocabulary.commune_centre(&insee) else {
        return Err(refused(
            format!("La position de la commune {insee} est inconnue."),
            format!("The position of the municipality {insee} is unknown."),
        ));
    };
    Ok(Near { commune: Some(insee), address: None, lat_e5: e5(lat), lon_e5: e5(lon), km })
}

fn parse_page(value: &str) -> Result<u32, FilterError> {
    match value.parse::<u32>() {
        Ok(page @ 1..=MAX_PAGE) => Ok(page),
        _ => Err(refused(
            format!("page est un numéro de page de la liste, de 1 à {MAX_PAGE}, pas « {} ».", shorten(value)),
            format!("page is a page number of the list, from 1 to {MAX_PAGE}, not “{}”.", shorten(value)),
        )),
    }
}

fn parse_flag(value: &str) -> Result<bool, FilterError> {
    match value {
        "1" | "true" | "oui" => Ok(true),
        "0" | "false" | "non" => Ok(false),
        other => Err(refused(
            format!("upcoming vaut 1 ou 0, pas « {} ».", shorten(other)),
            format!("upcoming is 1 or 0, not “{}”.", shorten(other)),
        )),
    }
}

/// Lower-case, accent-free words of a text ("Relation École/entreprise" → relation, ecole, entreprise).
pub fn fold_words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    each_word(text.chars().flat_map(fold_char), |word| words.push(word.to_string()));
    words
}

/// Calls `each` with every word (run of letters and digits) of `chars`, reusing one buffer:
/// the search index (`data/search_index.rs`) splits every initiative's text with it.
pub fn each_word(chars: impl Iterator<Item = char>, mut each: impl FnMut(&str)) {
    let mut word = String::new();
    for c in chars {
        if c.is_alphanumeric() {
            word.push(c);
        } else if !word.is_empty() {
            each(&word);
            word.clear();
        }
    }
    if !word.is_empty() {
        each(&word);
    }
}

/// One character without its accent, in lower case (the French letters; others pass through).
fn fold_char(c: char) -> impl Iterator<Item = char> {
    let folded: &'static str = match c {
        'à' | 'á' | 'â' | 'ä' | 'À' | 'Á' | 'Â' | 'Ä' => "a",
        'ç' | 'Ç' => "c",
        'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => "e",
        'î' | 'ï' | 'Î' | 'Ï' => "i",
        'ô' | 'ö' | 'Ô' | 'Ö' => "o",
        'ù' | 'û' | 'ü' | 'Ù' | 'Û' | 'Ü' => "u",
        'ÿ' | 'Ÿ' => "y",
        'œ' | 'Œ' => "oe",
        'æ' | 'Æ' => "ae",
        _ => "",
    };
    let lower = folded.is_empty().then(|| c.to_lowercase());
    folded.chars().chain(lower.into_iter().flatten())
}

#[cfg(test)]
mod tests {
    #[test]
    fn positions_are_written_as_float_formatting_would() {
        use super::{decimal_e5, rounded_position};
        // Every sign, zero, whole degrees, trailing zeros, and a spread of the department's values.
        let mut values = vec![0, 1, -1, 10, -10, 100_000, -100_000, 150_000, 4_873_700, 144_890, -25_000, 99_999];
        let mut seed: u32 = 28;
        for _ in 0..20_000 {
            seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            values.push((seed >> 8) as i32 - (1 << 23));
        }
        for e5 in values {
            assert_eq!(decimal_e5(e5), format!("{}", f64::from(e5) / 1e5), "{e5}");
        }
        assert_eq!(rounded_position(48.44689, 1.48912), "48.447,1.489");
        assert_eq!(rounded_position(48.4, -0.0201), "48.400,-0.020");
        for (lat, lon) in [(48.123_456, 1.000_4), (47.999_6, 0.5), (-1.25, 2.345_678_9)] {
            assert_eq!(rounded_position(lat, lon), format!("{lat:.3},{lon:.3}"));
        }
    }

    use super::*;

    struct Known;
    impl Vocabulary for Known {
        fn has_kind(&self, code: &str) -> bool {
            code == "forum-metiers" || code == "immersion"
        }
        fn has_commune(&self, insee: &str) -> bool {
            insee == "28085"
        }
        fn has_area(&self, code: &str) -> bool {
            ["chartres", "dreux", "chateaudun", "nogent-le-rotrou"].contains(&code)
        }
        fn commune_centre(&self, insee: &str) -> Option<(f64, f64)> {
            (insee == "28085").then_some((48.44685, 1.48925))
        }
        fn commune_named(&self, typed: &str) -> Option<String> {
            matches!(typed, "chartres" | "28000 chartres").then(|| "28085".to_string())
        }
    }

    #[test]
    fn around_a_position_or_a_commune_within_a_radius() {
        let mine = parse("autour=48.4469,1.4892&rayon=20").unwrap().near.unwrap();
        assert_eq!((mine.commune.as_deref(), mine.lat_e5, mine.lon_e5, mine.km), (None, 4_844_690, 148_920, 20));
        let chartres = parse("autour=Chartres+(28085)").unwrap();
        let near = chartres.near.clone().unwrap();
        assert_eq!((near.commune.as_deref(), near.km), (Some("28085"), DEFAULT_RADIUS_KM));
        assert_eq!(chartres.to_query(), "autour=28085&rayon=10");
        assert_eq!(parse(&chartres.to_query()).unwrap(), chartres);
        assert_eq!(parse("autour=48.4469,1.4892&rayon=5km").unwrap().to_query(), "autour=48.4469%2C1.4892&rayon=5");
        assert!(parse("rayon=20").unwrap().is_empty(), "a radius alone is no filter");
        for (query, says) in [
            ("autour=48.8566,2.3522", "loin de l'Eure-et-Loir"),
            ("autour=abc,1.5", "ni une commune d'Eure-et-Loir ni une position"),
            ("autour=Paris", "« Paris » n'est ni une commune"),
            ("autour=2808", "Code commune mal formé"),
            ("autour=28999", "Aucune commune d'Eure-et-Loir n'a le code INSEE 28999"),
            ("autour=28085&rayon=0", "de 1 à 100"),
            ("autour=28085&rayon=500", "de 1 à 100"),
            ("autour=28085&autour=28134", "donné deux fois"),
        ] {
            let error = parse(query).unwrap_err();
            assert!(error.0.french.contains(says), "{query}: {}", error.0);
        }
        // A kilometre east of the centre at this latitude, and one north.
        let east = mine.lon() + 1.0 / mine.km_per_degree_of_longitude();
        assert!((mine.distance_km(mine.lat(), east) - 1.0).abs() < 1e-9);
        assert!((mine.distance_km(mine.lat() + 1.0 / KM_PER_DEGREE, mine.lon()) - 1.0).abs() < 1e-9);
    }

    #[test]
    fn a_commune_typed_by_its_name_or_postcode_is_that_commune() {
        for typed in ["chartres", "28000+chartres"] {
            assert_eq!(parse(&format!("commune={typed}")).unwrap().commune.as_deref(), Some("28085"), "{typed}");
            let near = parse(&format!("autour={typed}")).unwrap().near.unwrap();
            assert_eq!((near.commune.as_deref(), near.lat_e5), (Some("28085"), 4_844_685), "{typed}");
        }
        let postcode = parse("autour=28000").unwrap_err();
        assert!(postcode.0.french.contains("Pour un code postal, tapez aussi le nom de la commune"), "{}", postcode.0);
        assert!(!needs_geocoder("28000", &Known), "a code is never an address");
        let error = parse("commune=Paris").unwrap_err();
        assert!(error.0.french.contains("Aucune commune d'Eure-et-Loir ne s'appelle « Paris »"), "{}", error.0);
        assert!(error.0.english.contains("No municipality in Eure-et-Loir is called “Paris”"), "{}", error.0);
    }

    #[test]
    fn an_address_is_placed_by_what_the_geocoder_found_for_it_and_kept_as_typed() {
        let typed = "12, rue Noël Ballay";
        assert!(needs_geocoder(typed, &Known), "a comma does not make a position");
        for not_an_address in ["48.4469,1.4892", "Chartres (28085)", "28085", "chartres", " "] {
            assert!(!needs_geocoder(not_an_address, &Known), "{not_an_address}");
        }
        let found = Located {
            typed: typed.into(),
            label: "12 Rue Noël Ballay 28000 Chartres".into(),
            lat: 48.44566,
            lon: 1.48785,
        };
        let pairs = vec![("autour".to_string(), typed.to_string()), ("rayon".to_string(), "5".to_string())];
        let filters = Filters::from_query_located(&pairs, &Known, Some(&found)).unwrap();
        let near = filters.near.clone().unwrap();
        assert_eq!((near.commune, near.lat_e5, near.lon_e5, near.km), (None, 4_844_566, 148_785, 5));
        assert_eq!(near.address.unwrap().label, "12 Rue Noël Ballay 28000 Chartres");
        // The link keeps the words, which whoever opens it has placed again.
        assert_eq!(filters.to_query(), "autour=12%2C+rue+No%C3%ABl+Ballay&rayon=5");
        // An answer for other words is not this address's.
        let other = Located { typed: "place des Épars".into(), ..found };
        let error = Filters::from_query_located(&pairs, &Known, Some(&other)).unwrap_err();
        assert!(error.0.french.contains("ni une commune"), "{}", error.0);
    }

    fn parse(query: &str) -> Result<Filters, FilterError> {
        let pairs: Vec<(String, String)> = url::form_urlencoded::parse(query.as_bytes()).into_owned().collect();
        Filters::from_query(&pairs, &Known)
    }

    #[test]
    fn a_full_query_round_trips() {
        let query = "q=%C3%A9cole+entreprise&kind=forum-metiers&kind=immersion&theme=competences&audience=lyceens&bassin=dreux&commune=28085&upcoming=1&tri=date&page=3";
        let filters = parse(query).unwrap();
        assert_eq!(filters.kinds, vec!["forum-metiers", "immersion"]);
        assert_eq!(filters.themes, vec![Theme::Competences]);
        assert_eq!(filters.areas, vec!["dreux"]);
        assert!(filters.upcoming);
        assert_eq!(filters.to_query(), query);
        assert_eq!(parse(&filters.to_query()).unwrap(), filters);
        assert_eq!(filters.page_number(), 3);
    }

    #[test]
    fn a_single_valued_parameter_twice_or_a_flood_of_them_is_refused() {
        let twice = parse("q=forum&q=stage").unwrap_err();
        assert!(twice.0.french.contains("« q » est donné deux fois"), "{}", twice.0);
        assert!(parse("page=2&page=3").is_err());
        // Several areas or kinds are a real view; repeating one is harmless.
        assert_eq!(parse("bassin=dreux&bassin=chartres&bassin=dreux").unwrap().areas, vec!["dreux", "chartres"]);
        let flood = parse(&"bassin=dreux&".repeat(65)).unwrap_err();
        assert!(flood.0.french.contains("trop de paramètres"), "{}", flood.0);
    }

    #[test]
    fn the_set_key_ignores_order_page_and_parameter_order() {
        let one = parse("kind=immersion&kind=forum-metiers&bassin=dreux&tri=nom&page=4").unwrap();
        let other = parse("bassin=dreux&kind=forum-metiers&kind=immersion").unwrap();
        assert_eq!(one.set_key(), other.set_key());
        assert_ne!(one.set_key(), parse("bassin=chartres").unwrap().set_key());
    }

    #[test]
    fn order_and_page_do_not_change_the_set() {
        let filters = parse("bassin=dreux&tri=nom&page=2").unwrap();
        assert_eq!(filters.on_page(1).to_query(), "bassin=dreux&tri=nom");
        assert_eq!(filters.on_page(4).to_query(), "bassin=dreux&tri=nom&page=4");
        assert!(parse("tri=nom&page=2").unwrap().is_empty());
        assert_eq!(parse("").unwrap().page_number(), 1);
    }

    #[test]
    fn empty_values_from_a_submitted_form_mean_no_filter() {
        let filters = parse("q=&kind=&bassin=&commune=&upcoming=").unwrap();
        assert!(filters.is_empty());
        assert_eq!(filters.to_query(), "");
    }

    #[test]
    fn every_nonsense_parameter_is_an_error_that_says_what_is_wrong() {
        for (query, expected) in [
            ("bassin=paris", "Bassin inconnu"),
            ("kind=sieste", "Type d'initiative inconnu"),
            ("theme=cuisine", "Valeur inconnue pour theme"),
            ("audience=martiens", "Valeur inconnue pour audience"),
            ("upcoming=maybe", "upcoming vaut 1 ou 0"),
            ("tri=hasard", "Valeur inconnue pour tri"),
            ("commune=2808", "Code commune mal formé"),
            ("commune=75056", "Code commune mal formé"),
            ("commune=28999", "Aucune commune"),
            ("ordre=nom", "Paramètre inconnu"),
            ("page=0", "numéro de page"),
            ("page=-1", "numéro de page"),
            ("page=deux", "numéro de page"),
            ("page=99999999999", "numéro de page"),
        ] {
            let error = parse(query).unwrap_err();
            assert!(error.0.french.contains(expected), "{query}: {error}");
        }
        let long = format!("q={}", "a".repeat(5000));
        assert!(parse(&long).unwrap_err().0.french.contains("trop longue"));
    }

    #[test]
    fn a_commune_can_be_chosen_from_the_autocomplete() {
        assert_eq!(parse("commune=Chartres+%2828085%29").unwrap().commune.as_deref(), Some("28085"));
        assert!(parse("commune=Lyon").unwrap_err().0.french.contains("ne s'appelle « Lyon »"));
    }

    #[test]
    fn the_default_order_is_relevance_when_searching_and_name_otherwise() {
        assert_eq!(parse("").unwrap().order(), Sort::Name);
        assert_eq!(parse("q=forum").unwrap().order(), Sort::Relevance);
        assert_eq!(parse("tri=pertinence").unwrap().order(), Sort::Name);
        assert_eq!(parse("q=forum&tri=date").unwrap().order(), Sort::Date);
    }

    #[test]
    fn repeated_values_count_once() {
        assert_eq!(parse("bassin=dreux&bassin=dreux").unwrap().areas, vec!["dreux"]);
    }

    #[test]
    fn search_words_ignore_case_accents_and_punctuation() {
        assert_eq!(fold_words("Relation École / entreprise"), vec!["relation", "ecole", "entreprise"]);
        assert_eq!(fold_words("  Cœur d'ÉTÉ! "), vec!["coeur", "d", "ete"]);
        let filters = Filters { q: Some("ÉCOLE-entreprise".into()), ..Filters::default() };
        assert_eq!(filters.search_words(), vec!["ecole", "entreprise"]);
    }
}
