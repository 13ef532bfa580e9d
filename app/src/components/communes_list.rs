//! The communes' suggestions (`<datalist id="communes-28">`) as one piece of HTML: one call
//! into the browser for Eure-et-Loir's 363 communes where views made one per option and
//! attribute, and less code in the map's WASM. The map and embed pages write theirs
//! (« Nom (code INSEE) ») once, beside the filter panel (`map::filter_panel::CommunesSuggestions`);
//! the initiative form writes its own (« Nom (code postal) ») the same way; the two are never on
//! one page. Hydration keeps the server's options as they are.

use html_escape::encode_double_quoted_attribute as attribute;
use std::fmt::Write;

/// The id the fields name in their `list` attribute.
pub const COMMUNES_LIST_ID: &str = "communes-28";

/// `<option value="…"></option>` for each label, escaped (the names come from the database).
pub fn communes_options_html(labels: impl IntoIterator<Item = impl AsRef<str>>) -> String {
    let mut html = String::new();
    for label in labels {
        // Writing into a String cannot fail.
        let _ = write!(html, "<option value=\"{}\"></option>", attribute(label.as_ref()));
    }
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_label_is_one_option_escaped() {
        let html = communes_options_html(["Chartres (28085)", "Saint-Lubin-des-Joncherets (28348)", "a\"<b>&"]);
        assert_eq!(
            html,
            "<option value=\"Chartres (28085)\"></option>\
             <option value=\"Saint-Lubin-des-Joncherets (28348)\"></option>\
             <option value=\"a&quot;&lt;b&gt;&amp;\"></option>"
        );
    }
}
