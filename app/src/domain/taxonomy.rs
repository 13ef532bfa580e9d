//! The fixed vocabularies: the four lab themes and the audiences. Kinds are not here: animators
//! will extend them, so they live in the database (`kinds` table) and travel as [`KindInfo`].
//!
//! [`KindInfo`]: super::KindInfo

use serde::{Deserialize, Serialize};

/// Declares a closed vocabulary whose codes are used in SQL, URLs and exports alike.
macro_rules! vocabulary {
    ($(#[$doc:meta])* $name:ident { $($variant:ident => $code:literal, $label:literal;)+ }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name {
            $(#[serde(rename = $code)] $variant,)+
        }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable code stored in the database and used in URLs.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            /// The French label shown to people.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            /// The value for a stored or typed code, if it is one.
            pub fn from_code(code: &str) -> Option<Self> {
                match code { $($code => Some($name::$variant),)+ _ => None }
            }
        }
    };
}

vocabulary! {
    /// The four themes of the Eure-et-Loir orientation labs; an initiative has one or more.
    Theme {
        MarqueEmployeur => "marque-employeur", "Marque employeur";
        Competences => "competences", "Compétences";
        SeConnaitre => "se-connaitre", "Se connaître soi pour mieux s'orienter";
        EcoleEntreprise => "ecole-entreprise", "Relation école / entreprise";
    }
}

vocabulary! {
    /// Who an initiative is for; an initiative has one or more.
    Audience {
        Collegiens => "collegiens", "Collégiens";
        Lyceens => "lyceens", "Lycéens";
        Etudiants => "etudiants", "Étudiants";
        Jeunes16_25 => "jeunes-16-25", "Jeunes 16–25 ans hors scolarité";
        DemandeursEmploi => "demandeurs-emploi", "Demandeurs d'emploi";
        SalariesReconversion => "salaries-reconversion", "Salariés en reconversion";
        Employeurs => "employeurs", "Employeurs";
        ProfessionnelsOrientation => "professionnels-orientation", "Professionnels de l'orientation";
        ToutPublic => "tout-public", "Tout public";
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_serialise_as_codes() {
        for theme in Theme::ALL {
            assert_eq!(Theme::from_code(theme.code()), Some(*theme));
            assert_eq!(serde_json::to_string(theme).unwrap(), format!("\"{}\"", theme.code()));
        }
        for audience in Audience::ALL {
            assert_eq!(Audience::from_code(audience.code()), Some(*audience));
        }
        assert_eq!(Theme::from_code("inconnu"), None);
    }
}
