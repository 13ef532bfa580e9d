//! The fixed vocabularies: the four lab themes and the audiences. Kinds are not here: animators
//! will extend them, so they live in the database (`kinds` table) and travel as [`KindInfo`].
//!
//! [`KindInfo`]: super::KindInfo

use serde::{Deserialize, Serialize};

/// Declares a closed vocabulary whose codes are used in SQL, URLs and exports alike.
macro_rules! vocabulary {
    ($(#[$doc:meta])* $name:ident { $($variant:ident => $code:literal, $label:literal, $label_en:literal;)+ }) => {
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

            /// The English label, for the English pages.
            pub fn label_en(self) -> &'static str {
                match self { $($name::$variant => $label_en),+ }
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
        MarqueEmployeur => "marque-employeur", "Marque employeur", "Employer brand";
        Competences => "competences", "Compétences", "Skills";
        SeConnaitre => "se-connaitre", "Se connaître soi pour mieux s'orienter", "Knowing yourself to choose your path";
        EcoleEntreprise => "ecole-entreprise", "Relation école / entreprise", "School–business links";
    }
}

vocabulary! {
    /// Who an initiative is for; an initiative has one or more.
    Audience {
        Collegiens => "collegiens", "Collégiens", "Lower-secondary pupils";
        Lyceens => "lyceens", "Lycéens", "Upper-secondary pupils";
        Etudiants => "etudiants", "Étudiants", "Students";
        Jeunes16_25 => "jeunes-16-25", "Jeunes 16–25 ans hors scolarité", "Young people aged 16–25 out of school";
        DemandeursEmploi => "demandeurs-emploi", "Demandeurs d'emploi", "Job seekers";
        SalariesReconversion => "salaries-reconversion", "Salariés en reconversion", "Employees changing careers";
        Employeurs => "employeurs", "Employeurs", "Employers";
        ProfessionnelsOrientation => "professionnels-orientation", "Professionnels de l'orientation", "Career-guidance professionals";
        ToutPublic => "tout-public", "Tout public", "Everyone";
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
