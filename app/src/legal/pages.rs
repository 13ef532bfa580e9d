//! The three legal pages. Their text is the site's own commitments: change it with the code
//! that makes them true.

use leptos::prelude::*;
use leptos_meta::Title;

use super::{load_site_identity, CONFORMITY};
use crate::settings::SiteIdentity;

/// A page that needs who publishes the site.
fn with_identity(title: &'static str, page: fn(SiteIdentity) -> AnyView) -> impl IntoView {
    let identity = Resource::new(|| (), |_| load_site_identity());
    view! {
        <Title text=format!("{title} – Carte Orientation 28")/>
        <Suspense fallback=|| view! { <p class="legal-page">"Chargement…"</p> }>
            {move || Suspend::new(async move {
                let identity = identity.await.unwrap_or_default();
                view! { <div class="legal-page">{page(identity)}</div> }
            })}
        </Suspense>
    }
}

/// `/mentions-legales`.
#[component]
pub fn LegalNoticePage() -> impl IntoView {
    with_identity("Mentions légales", |identity| {
        view! {
            <h1>"Mentions légales"</h1>
            <h2>"Éditeur"</h2>
            <p>{identity.publisher}</p>
            <p>{identity.address}</p>
            <p>"Contact : " {identity.contact_email}</p>
            <h2>"Directeur ou directrice de la publication"</h2>
            <p>{identity.director}</p>
            <h2>"Hébergement"</h2>
            <p>{identity.host}</p>
            <h2>"Contenus et données"</h2>
            <p>
                "Les initiatives sont publiées par leurs porteurs et validées par les animateurs du club. Les données publiées sont réutilisables sous "
                <a href="https://www.etalab.gouv.fr/licence-ouverte-open-licence/">"Licence Ouverte 2.0"</a>
                " (export GeoJSON et CSV) ; les contours des communes viennent de l'IGN et de l'INSEE (Licence Ouverte). "
                "Les données de démonstration sont signalées comme telles sur chaque page."
            </p>
            <p>"Le logiciel est publié sous licence MIT ; il utilise notamment Leaflet (licence BSD-2)."</p>
            <p><a href="/confidentialite">"Données personnelles"</a> " · " <a href="/accessibilite">"Accessibilité"</a></p>
        }
        .into_any()
    })
}

/// `/confidentialite`.
#[component]
pub fn PrivacyPage() -> impl IntoView {
    with_identity("Données personnelles", |identity| {
        let contact = identity.contact_email.clone();
        view! {
            <h1>"Données personnelles"</h1>
            <p>{format!("Responsable du traitement : {}, {}.", identity.publisher, identity.address)}</p>
            <h2>"Si vous consultez la carte"</h2>
            <p>
                "Nous ne collectons rien : pas de compte, pas de mesure d'audience, pas de cookie de suivi. "
                "Le tri par distance se fait dans votre navigateur : votre position ne nous est pas envoyée. "
                "« Autour de moi » l'envoie, arrondie à une centaine de mètres et seulement quand vous appuyez sur ce bouton, "
                "dans l'adresse de cette recherche : elle sert à choisir les initiatives proches, et nous ne l'enregistrons pas "
                "(elle reste dans l'historique de votre navigateur, comme toute adresse visitée). "
                "L'adresse IP de votre connexion sert, en mémoire seulement et sans être enregistrée, à limiter les envois automatiques."
            </p>
            <h2>"Si vous proposez une initiative ou signalez un problème"</h2>
            <p>
                "Votre adresse e-mail est facultative. Si vous la donnez, elle sert à vous dire une fois ce qu'il est advenu de votre envoi, "
                "puis elle est effacée. Seuls les animateurs du club la voient d'ici là ; elle n'est jamais publiée ni exportée."
            </p>
            <h2>"Si vous avez un compte (porteurs d'initiatives, animateurs)"</h2>
            <ul>
                <li>"Ce que nous gardons : votre adresse e-mail, le nom de votre structure et de la personne à contacter, votre mot de passe sous une forme qui ne permet pas de le retrouver (argon2id), vos initiatives et chacune de leurs versions, vos signatures de la charte, vos demandes de rattachement (« C'est notre initiative ») avec leur message et la réponse, vos choix de courriels."</li>
                <li>"Ce qui est public : le nom de votre structure, sur vos initiatives et sur sa page publique ; le nom de la personne à contacter seulement si vous choisissez de l'y afficher (page « Mon compte ») ; jamais votre adresse de compte. Le message d'une demande de rattachement n'est lu que par les animateurs du bassin et les administrateurs."</li>
                <li>"Pourquoi : publier et tenir à jour vos initiatives, les modérer, vous écrire à leur sujet. Base légale : l'exécution du service que vous demandez en créant le compte, et la mission d'intérêt public d'information sur l'orientation (article 6-1-e du RGPD) pour les initiatives publiées."</li>
                <li>"Combien de temps : jusqu'à ce que vous supprimiez votre compte. Les sessions expirent après 14 jours sans utilisation ; les liens envoyés par courriel après une heure (mot de passe) ou 48 heures (adresse) ; les invitations après 14 jours."</li>
                <li>"Un seul cookie, nécessaire à la connexion (carte28_session) : il ne suit rien d'autre et ne demande donc pas de consentement."</li>
            </ul>
            <h2>"Les courriels"</h2>
            <p>
                "Chaque courriel est conservé 30 jours (90 jours s'il n'a pas pu partir) pour que les administrateurs puissent vérifier qu'il est bien parti ; "
                "l'adresse laissée avec une suggestion ou un signalement est oubliée avec le dernier courriel qui lui a été écrit ; "
                "le texte des courriels de sécurité (liens de vérification ou de mot de passe) est effacé dès l'envoi. "
                "Chaque courriel, sauf ceux de sécurité, porte un lien pour se désabonner de son type en un clic."
            </p>
            <h2>"Vos droits"</h2>
            <p>
                "Vous pouvez accéder à vos données et les emporter (« Télécharger mes données » sur la page « Mon compte »), "
                "les corriger (page « Mon compte », et vos initiatives), les effacer (« Supprimer mon compte » : vos initiatives publiées peuvent être confiées au club, sans votre nom), "
                "et vous opposer à un traitement ou en demander la limitation en écrivant à : " {contact}
                ". Si vous estimez que vos droits ne sont pas respectés, vous pouvez saisir la "
                <a href="https://www.cnil.fr/fr/plaintes">"CNIL"</a> "."
            </p>
            <p>
                "Si un fond de carte externe est configuré, votre navigateur en télécharge les images depuis son serveur, qui voit alors votre adresse IP."
            </p>
        }
        .into_any()
    })
}

/// `/accessibilite`: the RGAA 4.1 declaration.
#[component]
pub fn AccessibilityPage() -> impl IntoView {
    with_identity("Accessibilité", |identity| {
        let contact = identity.contact_email.clone();
        view! {
            <h1>"Déclaration d'accessibilité"</h1>
            <p>
                {format!("{} s'engage à rendre la Carte Orientation 28 accessible, conformément à l'article 47 de la loi n° 2005-102 du 11 février 2005.", identity.publisher)}
            </p>
            <h2>"État de conformité"</h2>
            <p>
                {format!("La Carte Orientation 28 est {CONFORMITY} avec le référentiel général d'amélioration de l'accessibilité (RGAA), version 4.1 : ")}
                "le site n'a pas encore été audité."
            </p>
            <h2>"Ce qui est fait"</h2>
            <ul>
                <li>"Chaque page est vérifiée à chaque modification par des tests automatiques (axe-core, WCAG 2.1 niveaux A et AA) et utilisée au clavier seul dans ces tests."</li>
                <li>"La liste des initiatives est une alternative complète à la carte : les mêmes filtres, les mêmes informations, un lien « Voir sur la carte »."</li>
                <li>"Les erreurs des formulaires sont écrites à côté de leur champ, liées à lui et annoncées ; rien de ce qui a été saisi n'est perdu."</li>
                <li>"Les graphiques du tableau de bord sont accompagnés de leur tableau de chiffres."</li>
            </ul>
            <h2>"Contenus non accessibles connus"</h2>
            <ul>
                <li>"La carte elle-même est une représentation visuelle : les regroupements d'épingles et les épingles sont atteignables au clavier et nommés, mais leur position n'est pas restituée autrement que par la commune et l'adresse, dans la liste."</li>
                <li>"Le choix de l'emplacement d'une épingle, dans le formulaire des porteurs, se fait à la souris ; au clavier, la commune et les coordonnées se saisissent dans des champs."</li>
            </ul>
            <h2>"Établissement de cette déclaration"</h2>
            <p>"Déclaration établie le 2 décembre 2026. Technologies : HTML, CSS, WebAssembly et JavaScript. Tests : Chromium, axe-core, navigation au clavier."</p>
            <h2>"Signaler un problème"</h2>
            <p>
                "Si vous n'arrivez pas à accéder à un contenu ou à un service, écrivez-nous : " {contact}
                ". Nous vous aiderons à y accéder par un autre moyen, et corrigerons le site."
            </p>
            <h2>"Voies de recours"</h2>
            <p>
                "Si vous nous avez signalé un défaut d'accessibilité sans obtenir de réponse satisfaisante, vous pouvez saisir le Défenseur des droits : "
                <a href="https://formulaire.defenseurdesdroits.fr/">"par son formulaire en ligne"</a>
                ", auprès de l'un de ses délégués dans votre région, ou par courrier gratuit, sans affranchissement : "
                "Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07."
            </p>
        }
        .into_any()
    })
}
