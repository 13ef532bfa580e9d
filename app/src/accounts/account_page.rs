//! `/compte`: who is signed in and everything a person controls about their account — the
//! address (verified, or a new one waiting for its link), the password, their sessions, the
//! mails they get, their data, and the way to delete the account.

use leptos::prelude::*;
use leptos_meta::Title;

use super::pages::{AccountTexts, NewPasswordField};
use super::server_fns::{
    account_texts, load_account_settings, ChangePassword, RequestEmailChange, ResendVerification, SetQueueMail,
    SignOut, SignOutEverywhere,
};
use crate::components::forms::{go_to_on_success, FormErrors, TextInput};
use crate::components::members_only;
use crate::components::sent_forms::form_action;
use crate::domain::accounts::{AccountSettings, PublicPage};
use crate::domain::mail::{MailKind, QueueMail};
use crate::domain::{Account, Field};
use crate::language::Locale;
use crate::structures::server_fns::SetShowContactName;

/// `/compte`. Anonymous visitors are sent to `/connexion`, and come back here after.
#[component]
pub fn AccountPage() -> impl IntoView {
    // The account pages' words, in French: this page is not translated yet (issue 17).
    let settings = Resource::new(
        || (),
        |_| async {
            let texts = account_texts(Locale::fr).await?;
            Ok((load_account_settings().await?, texts))
        },
    );
    view! {
        <Title text="Mon compte – Carte Orientation 28"/>
        <Suspense fallback=|| view! { <p class="account-page">"Chargement…"</p> }>
            {move || Suspend::new(async move {
                members_only(settings.await, "/compte", |(settings, t)| view! { <AccountDetails settings t/> }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn AccountDetails(settings: AccountSettings, t: AccountTexts) -> impl IntoView {
    let AccountSettings { account, pending_email, queue_mail, unsubscribed, public_page, .. } = settings;
    view! {
        <div class="account-page">
            <h1>"Mon compte"</h1>
            <Facts account=account.clone()/>
            {(!account.verified).then(|| view! { <Unverified/> })}
            <Sessions/>
            <PasswordForm t/>
            <EmailForm pending=pending_email/>
            <MailPreferences queue_mail unsubscribed/>
            {public_page.map(|page| view! { <PublicPageSettings page contact_name=account.contact_name.clone()/> })}
            <h2>"Mes données"</h2>
            <p>
                "Tout ce que la carte garde de votre compte — le compte, vos initiatives et chacune de leurs versions, "
                "vos signatures de la charte — dans un seul fichier JSON. "
                <a href="/confidentialite">"Ce que nous collectons et pourquoi"</a>
            </p>
            <p><a class="button button--secondary" href="/api/mes-donnees" download="mes-donnees-carte-orientation-28.json">"Télécharger mes données"</a></p>
            <h2>"Supprimer mon compte"</h2>
            <p>
                "Vous choisirez pour chaque initiative publiée de la confier au club ou de l'archiver ; "
                "vos brouillons seront supprimés, et rien d'autre de vous ne restera."
            </p>
            <p><a class="button button--danger" href="/compte/supprimer">"Supprimer mon compte…"</a></p>
        </div>
    }
}

#[component]
fn Facts(account: Account) -> impl IntoView {
    view! {
        <dl class="account-page__facts">
            <dt>"Structure"</dt>
            <dd>{account.organisation}</dd>
            <dt>"Contact"</dt>
            <dd>{account.contact_name}</dd>
            <dt>"Adresse e-mail"</dt>
            <dd>
                {account.email}
                " "
                {if account.verified {
                    view! { <span class="status-tag status-tag--published">"vérifiée"</span> }.into_any()
                } else {
                    view! { <span class="status-tag status-tag--pending">"à vérifier"</span> }.into_any()
                }}
            </dd>
            <dt>"Rôle"</dt>
            <dd>{account.role.label()}</dd>
        </dl>
    }
}

/// An address not yet proven: what it keeps from doing, and a new link in one click.
#[component]
fn Unverified() -> impl IntoView {
    let (action, _) = form_action::<ResendVerification>();
    let errors = FormErrors::of(action.value());
    view! {
        <div class="notice" id="verification">
            <p>
                <strong>"Votre adresse n'est pas encore vérifiée."</strong>
                " Ouvrez le lien reçu par courriel : d'ici là, vous pouvez écrire des brouillons, mais pas les soumettre à la validation."
            </p>
            {errors.summary()}
            <p class="form-success" role="status">
                {move || matches!(action.value().get(), Some(Ok(_))).then_some("Un nouveau lien vient de partir : il reste valable 48 heures.")}
            </p>
            <ActionForm action>
                <button class="button button--secondary" type="submit" disabled=move || action.pending().get()>"Renvoyer le lien"</button>
            </ActionForm>
        </div>
    }
}

#[component]
fn Sessions() -> impl IntoView {
    let (sign_out, _) = form_action::<SignOut>();
    // In the document's language, as the server does for a form sent without script.
    let locale = crate::language::use_locale();
    go_to_on_success(sign_out.value(), move |_| crate::language::localized(locale, super::AFTER_SIGN_OUT));
    let (everywhere, _) = form_action::<SignOutEverywhere>();
    go_to_on_success(everywhere.value(), move |_| crate::language::localized(locale, super::AFTER_SIGN_OUT_EVERYWHERE));
    view! {
        <div class="account-page__sessions">
            <ActionForm action=sign_out>
                <button class="button button--secondary" type="submit">"Se déconnecter"</button>
            </ActionForm>
            <ActionForm action=everywhere>
                <button class="button button--secondary" type="submit" aria-describedby="partout-aide">"Se déconnecter partout"</button>
            </ActionForm>
            <p class="form-field__hint" id="partout-aide">
                "Ferme aussi les sessions ouvertes sur vos autres appareils (un téléphone perdu, un ordinateur partagé), et annule les liens de changement d'adresse ou de mot de passe qui attendent encore."
            </p>
        </div>
    }
}

#[component]
fn PasswordForm(t: AccountTexts) -> impl IntoView {
    let (action, _) = form_action::<ChangePassword>();
    let changed = action.value();
    let errors = FormErrors::of(changed);
    view! {
        <h2>"Changer de mot de passe"</h2>
        {errors.summary()}
        <p class="form-success" role="status">
            {move || matches!(changed.get(), Some(Ok(_))).then_some("Mot de passe changé. Vos autres sessions sont fermées.")}
        </p>
        <ActionForm action {..} novalidate=true>
            <TextInput
                field=Field::Password
                label="Mot de passe actuel"
                name="current_password"
                kind="password"
                autocomplete="current-password"
                required=true
                errors
            />
            <NewPasswordField label=t.new_password hint=t.password_hint errors/>
            <button class="button" type="submit" disabled=move || action.pending().get()>"Changer le mot de passe"</button>
        </ActionForm>
    }
}

/// A new address replaces the old only once its link is used.
#[component]
fn EmailForm(pending: Option<String>) -> impl IntoView {
    let (action, _) = form_action::<RequestEmailChange>();
    let errors = FormErrors::of(action.value());
    view! {
        <h2>"Changer d'adresse e-mail"</h2>
        {pending.map(|email| view! {
            <p class="notice">{format!("Un lien de confirmation attend à l'adresse {email} : elle remplacera l'actuelle quand il sera ouvert.")}</p>
        })}
        {errors.summary()}
        <p class="form-success" role="status">
            {move || matches!(action.value().get(), Some(Ok(_))).then_some(
                "Si cette adresse peut être utilisée, un lien de confirmation vient de lui être envoyé (valable 48 heures). Votre adresse actuelle reste celle du compte jusque-là."
            )}
        </p>
        <ActionForm action {..} novalidate=true>
            <TextInput field=Field::Email label="Nouvelle adresse e-mail" name="new_email" kind="email" autocomplete="email" required=true errors/>
            <TextInput field=Field::Password label="Mot de passe (pour confirmer)" name="password" kind="password" autocomplete="current-password" required=true errors/>
            <button class="button" type="submit" disabled=move || action.pending().get()>"Recevoir le lien de confirmation"</button>
        </ActionForm>
    }
}

/// A holder's public page: where it is, and whether it shows the contact person's name.
#[component]
fn PublicPageSettings(page: PublicPage, contact_name: String) -> impl IntoView {
    let (action, _) = form_action::<SetShowContactName>();
    let errors = FormErrors::of(action.value());
    view! {
        <h2>"Page publique de ma structure"</h2>
        {if page.visible {
            view! {
                <p>
                    "Chaque initiative publiée renvoie à la page de votre structure : vos bassins, ce que vous proposez, vos initiatives. "
                    <a href=page.path.clone()>"Voir la page publique"</a>
                </p>
            }.into_any()
        } else {
            view! {
                <p>"Votre structure aura sa page publique dès qu'une de vos initiatives sera publiée : elle n'existe pas avant."</p>
            }.into_any()
        }}
        {errors.summary()}
        <p class="form-success" role="status">
            {move || matches!(action.value().get(), Some(Ok(_))).then_some("C'est noté.")}
        </p>
        <ActionForm action>
            <fieldset class="form-field form-field--choices">
                <legend>{format!("Le nom de la personne à contacter ({contact_name}) sur cette page")}</legend>
                <div class="form-choice">
                    <input type="radio" id="page-publique-masquer" name="choice" value="masquer" checked=!page.show_contact_name/>
                    <label for="page-publique-masquer">"Ne pas l'afficher : seul le nom de la structure apparaît"</label>
                </div>
                <div class="form-choice">
                    <input type="radio" id="page-publique-afficher" name="choice" value="afficher" checked=page.show_contact_name/>
                    <label for="page-publique-afficher">"L'afficher"</label>
                </div>
            </fieldset>
            <button class="button button--secondary" type="submit" disabled=move || action.pending().get()>"Enregistrer ce choix"</button>
        </ActionForm>
    }
}

/// How a moderator hears of their queue; the kinds of mail this address unsubscribed from.
#[component]
fn MailPreferences(queue_mail: Option<QueueMail>, unsubscribed: Vec<String>) -> impl IntoView {
    let (action, _) = form_action::<SetQueueMail>();
    let errors = FormErrors::of(action.value());
    let unsubscribed: Vec<&'static str> =
        unsubscribed.iter().filter_map(|code| MailKind::from_code(code)).map(MailKind::label).collect();
    view! {
        <h2>"Courriels"</h2>
        {queue_mail.map(|choice| view! {
            {errors.summary()}
            <p class="form-success" role="status">
                {move || matches!(action.value().get(), Some(Ok(_))).then_some("C'est noté.")}
            </p>
            <ActionForm action>
                <fieldset class="form-field">
                    <legend>"Nouveautés à modérer dans vos bassins"</legend>
                    <label>
                        <input type="radio" name="choice" value="immediate" checked=choice == QueueMail::Immediate/>
                        " Un courriel à chaque nouveauté"
                    </label>
                    <label>
                        <input type="radio" name="choice" value="daily" checked=choice == QueueMail::Daily/>
                        " Un récapitulatif par jour, le matin"
                    </label>
                </fieldset>
                <button class="button button--secondary" type="submit" disabled=move || action.pending().get()>"Enregistrer ce choix"</button>
            </ActionForm>
        })}
        {if unsubscribed.is_empty() {
            view! { <p>"Chaque courriel (hors liens de sécurité) porte un lien pour se désabonner de son type en un clic."</p> }.into_any()
        } else {
            view! {
                <p>"Vous ne recevez plus ces courriels (le lien de désabonnement de chacun permet de s'y réabonner) :"</p>
                <ul>{unsubscribed.into_iter().map(|label| view! { <li>{label}</li> }).collect_view()}</ul>
            }.into_any()
        }}
    }
}
