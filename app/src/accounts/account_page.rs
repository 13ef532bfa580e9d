//! `/compte`: who is signed in and everything a person controls about their account — the
//! address (verified, or a new one waiting for its link), the password, their sessions, the
//! mails they get, their data, and the way to delete the account.
//!
//! In both languages: the page's words (`SettingsTexts`, shared with the deletion pages) come
//! from the server with the account, only the loading words are compiled in.

use crate::wire::{wire_resource, WireResource};
use leptos::prelude::*;
use leptos_i18n::td_string;
use leptos_meta::Title;

use super::pages::NewPasswordField;
use super::server_fns::{
    load_account_settings, settings_texts, ChangePassword, RequestEmailChange, ResendVerification, SetQueueMail,
    SignOut, SignOutEverywhere,
};
use crate::components::forms::{go_to_on_success, FormErrors, TextInput};
use crate::components::members_only;
use crate::components::sent_forms::form_action;
use crate::domain::accounts::{AccountSettings, PublicPage};
use crate::domain::mail::{MailKind, QueueMail};
use crate::domain::{Account, Field};
use crate::error::AppError;
use crate::language::{href, localized, server_texts, use_locale, Locale};
use crate::structures::server_fns::SetShowContactName;

server_texts! {
    /// The words of `/compte` and of the deletion pages (`/compte/supprimer`, `/compte/supprime`).
    pub struct SettingsTexts {
        title => settings.title,
        my_account => settings.my_account,
        organisation => settings.organisation,
        contact => settings.contact,
        email => settings.email,
        verified => settings.verified,
        to_verify => settings.to_verify,
        role => settings.role,
        unverified => settings.unverified,
        unverified_text => settings.unverified_text,
        link_resent => settings.link_resent,
        resend_link => settings.resend_link,
        sign_out_button => settings.sign_out_button,
        sign_out_everywhere => settings.sign_out_everywhere,
        everywhere_hint => settings.everywhere_hint,
        change_password_heading => settings.change_password_heading,
        password_changed => settings.password_changed,
        current_password => settings.current_password,
        new_password => accounts.new_password,
        password_hint => accounts.password_hint,
        change_password_button => settings.change_password_button,
        change_email_heading => settings.change_email_heading,
        pending_before => settings.pending_before,
        pending_after => settings.pending_after,
        email_change_sent => settings.email_change_sent,
        new_email => settings.new_email,
        password_to_confirm => settings.password_to_confirm,
        receive_confirmation => settings.receive_confirmation,
        public_page_heading => settings.public_page_heading,
        public_page_text => settings.public_page_text,
        see_public_page => settings.see_public_page,
        public_page_later => settings.public_page_later,
        noted => settings.noted,
        contact_name_before => settings.contact_name_before,
        contact_name_after => settings.contact_name_after,
        hide_name => settings.hide_name,
        show_name => settings.show_name,
        save_choice => settings.save_choice,
        mails_heading => settings.mails_heading,
        queue_legend => settings.queue_legend,
        each_item => settings.each_item,
        daily => settings.daily,
        unsubscribe_hint => settings.unsubscribe_hint,
        unsubscribed_list => settings.unsubscribed_list,
        my_data => settings.my_data,
        my_data_text => settings.my_data_text,
        what_we_collect => settings.what_we_collect,
        download_my_data => settings.download_my_data,
        delete_heading => settings.delete_heading,
        delete_text => settings.delete_text,
        delete_button => settings.delete_button,
        delete_title => settings.delete_title,
        admin_cannot_delete => settings.admin_cannot_delete,
        what_goes => settings.what_goes,
        what_stays => settings.what_stays,
        download_first => settings.download_first,
        published_before => settings.published_before,
        published_after => settings.published_after,
        hand_over => settings.hand_over,
        archive => settings.archive,
        confirm_password => settings.confirm_password,
        delete_for_good => settings.delete_for_good,
        cancel => settings.cancel,
        deleted_title => settings.deleted_title,
        deleted_heading => settings.deleted_heading,
        deleted_text => settings.deleted_text,
        back_to_map => states.back_to_map,
    }
}

/// The account's settings and the pages' words in this page's language (`/compte` and the
/// deletion page).
pub(super) fn settings_resource() -> WireResource<Result<(AccountSettings, SettingsTexts), AppError>> {
    let locale = use_locale();
    wire_resource(
        || (),
        move |_| async move {
            let texts = settings_texts(locale).await?;
            Ok::<_, AppError>((load_account_settings().await?, texts))
        },
    )
}

/// `/compte`. Anonymous visitors are sent to `/connexion`, and come back here after.
#[component]
pub fn AccountPage() -> impl IntoView {
    let locale = use_locale();
    let settings = settings_resource();
    view! {
        <Suspense fallback=move || view! { <p class="account-page">{td_string!(locale, site.loading)}</p> }>
            {move || Suspend::new(async move {
                members_only(settings.await, "/compte", |(settings, t)| view! { <AccountDetails settings t/> }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn AccountDetails(settings: AccountSettings, t: SettingsTexts) -> impl IntoView {
    let AccountSettings { account, pending_email, queue_mail, unsubscribed, public_page, .. } = settings;
    let unverified = (!account.verified).then(|| view! { <Unverified t=t.clone()/> });
    let contact_name = account.contact_name.clone();
    let public_page = public_page.map(|page| view! { <PublicPageSettings page contact_name t=t.clone()/> });
    let facts = view! { <Facts account t=t.clone()/> };
    let sessions = view! { <Sessions t=t.clone()/> };
    let password = view! { <PasswordForm t=t.clone()/> };
    let email = view! { <EmailForm pending=pending_email t=t.clone()/> };
    let mail = view! { <MailPreferences queue_mail unsubscribed t=t.clone()/> };
    let SettingsTexts {
        title,
        my_account,
        my_data,
        my_data_text,
        what_we_collect,
        download_my_data,
        delete_heading,
        delete_text,
        delete_button,
        ..
    } = t;
    view! {
        <Title text=title/>
        <div class="account-page">
            <h1>{my_account}</h1>
            {facts}
            {unverified}
            {sessions}
            {password}
            {email}
            {mail}
            {public_page}
            <h2>{my_data}</h2>
            <p>
                {my_data_text}
                <a href=href("/confidentialite")>{what_we_collect}</a>
            </p>
            <p><a class="button button--secondary" href="/api/mes-donnees" download="mes-donnees-carte-orientation-28.json">{download_my_data}</a></p>
            <h2>{delete_heading}</h2>
            <p>{delete_text}</p>
            <p><a class="button button--danger" href=href("/compte/supprimer")>{delete_button}</a></p>
        </div>
    }
}

#[component]
fn Facts(account: Account, t: SettingsTexts) -> impl IntoView {
    let role = account.role.label_in(t.locale == Locale::en);
    let SettingsTexts { organisation, contact, email, verified, to_verify, role: role_term, .. } = t;
    let status = if account.verified {
        view! { <span class="status-tag status-tag--published">{verified}</span> }.into_any()
    } else {
        view! { <span class="status-tag status-tag--pending">{to_verify}</span> }.into_any()
    };
    view! {
        <dl class="account-page__facts">
            <dt>{organisation}</dt>
            // Names and the address: the same in every language.
            <dd translate="no">{account.organisation}</dd>
            <dt>{contact}</dt>
            <dd translate="no">{account.contact_name}</dd>
            <dt>{email}</dt>
            <dd>
                <span translate="no">{account.email}</span>
                " "
                {status}
            </dd>
            <dt>{role_term}</dt>
            <dd>{role}</dd>
        </dl>
    }
}

/// An address not yet proven: what it keeps from doing, and a new link in one click.
#[component]
fn Unverified(t: SettingsTexts) -> impl IntoView {
    let (action, _) = form_action::<ResendVerification>();
    let errors = FormErrors::of(action.value());
    let SettingsTexts { unverified, unverified_text, link_resent, resend_link, .. } = t;
    view! {
        <div class="notice" id="verification">
            <p>
                <strong>{unverified}</strong>
                {unverified_text}
            </p>
            {errors.summary()}
            <p class="form-success" role="status">
                {move || matches!(action.value().get(), Some(Ok(_))).then(|| link_resent.clone())}
            </p>
            <ActionForm action>
                <button class="button button--secondary" type="submit" disabled=move || action.pending().get()>{resend_link}</button>
            </ActionForm>
        </div>
    }
}

#[component]
fn Sessions(t: SettingsTexts) -> impl IntoView {
    let (sign_out, _) = form_action::<SignOut>();
    // In the document's language, as the server does for a form sent without script.
    let locale = use_locale();
    go_to_on_success(sign_out.value(), move |_| localized(locale, super::AFTER_SIGN_OUT));
    let (everywhere, _) = form_action::<SignOutEverywhere>();
    go_to_on_success(everywhere.value(), move |_| localized(locale, super::AFTER_SIGN_OUT_EVERYWHERE));
    let SettingsTexts { sign_out_button, sign_out_everywhere, everywhere_hint, .. } = t;
    view! {
        <div class="account-page__sessions">
            <ActionForm action=sign_out>
                <button class="button button--secondary" type="submit">{sign_out_button}</button>
            </ActionForm>
            <ActionForm action=everywhere>
                <button class="button button--secondary" type="submit" aria-describedby="partout-aide">{sign_out_everywhere}</button>
            </ActionForm>
            <p class="form-field__hint" id="partout-aide">{everywhere_hint}</p>
        </div>
    }
}

#[component]
fn PasswordForm(t: SettingsTexts) -> impl IntoView {
    let (action, _) = form_action::<ChangePassword>();
    let changed = action.value();
    let errors = FormErrors::of(changed);
    let SettingsTexts {
        change_password_heading,
        password_changed,
        current_password,
        new_password,
        password_hint,
        change_password_button,
        ..
    } = t;
    view! {
        <h2>{change_password_heading}</h2>
        {errors.summary()}
        <p class="form-success" role="status">
            {move || matches!(changed.get(), Some(Ok(_))).then(|| password_changed.clone())}
        </p>
        <ActionForm action {..} novalidate=true>
            <TextInput
                field=Field::Password
                label=current_password
                name="current_password"
                kind="password"
                autocomplete="current-password"
                required=true
                errors
            />
            <NewPasswordField label=new_password hint=password_hint errors/>
            <button class="button" type="submit" disabled=move || action.pending().get()>{change_password_button}</button>
        </ActionForm>
    }
}

/// A new address replaces the old only once its link is used.
#[component]
fn EmailForm(pending: Option<String>, t: SettingsTexts) -> impl IntoView {
    let (action, _) = form_action::<RequestEmailChange>();
    let errors = FormErrors::of(action.value());
    let SettingsTexts {
        change_email_heading,
        pending_before,
        pending_after,
        email_change_sent,
        new_email,
        password_to_confirm,
        receive_confirmation,
        ..
    } = t;
    let pending = pending.map(|email| {
        let text = format!("{pending_before}{email}{pending_after}");
        view! { <p class="notice">{text}</p> }
    });
    view! {
        <h2>{change_email_heading}</h2>
        {pending}
        {errors.summary()}
        <p class="form-success" role="status">
            {move || matches!(action.value().get(), Some(Ok(_))).then(|| email_change_sent.clone())}
        </p>
        <ActionForm action {..} novalidate=true>
            <TextInput field=Field::Email label=new_email name="new_email" kind="email" autocomplete="email" required=true errors/>
            <TextInput field=Field::Password label=password_to_confirm name="password" kind="password" autocomplete="current-password" required=true errors/>
            <button class="button" type="submit" disabled=move || action.pending().get()>{receive_confirmation}</button>
        </ActionForm>
    }
}

/// A holder's public page: where it is, and whether it shows the contact person's name.
#[component]
fn PublicPageSettings(page: PublicPage, contact_name: String, t: SettingsTexts) -> impl IntoView {
    let (action, _) = form_action::<SetShowContactName>();
    let errors = FormErrors::of(action.value());
    let SettingsTexts {
        public_page_heading,
        public_page_text,
        see_public_page,
        public_page_later,
        noted,
        contact_name_before,
        contact_name_after,
        hide_name,
        show_name,
        save_choice,
        ..
    } = t;
    let where_it_is = if page.visible {
        view! {
            <p>
                {public_page_text}
                <a href=href(&page.path)>{see_public_page}</a>
            </p>
        }
        .into_any()
    } else {
        view! { <p>{public_page_later}</p> }.into_any()
    };
    let legend = format!("{contact_name_before}{contact_name}{contact_name_after}");
    let shown = page.show_contact_name;
    view! {
        <h2>{public_page_heading}</h2>
        {where_it_is}
        {errors.summary()}
        <p class="form-success" role="status">
            {move || matches!(action.value().get(), Some(Ok(_))).then(|| noted.clone())}
        </p>
        <ActionForm action>
            <fieldset class="form-field form-field--choices">
                <legend>{legend}</legend>
                <div class="form-choice">
                    <input type="radio" id="page-publique-masquer" name="choice" value="masquer" checked=!shown/>
                    <label for="page-publique-masquer">{hide_name}</label>
                </div>
                <div class="form-choice">
                    <input type="radio" id="page-publique-afficher" name="choice" value="afficher" checked=shown/>
                    <label for="page-publique-afficher">{show_name}</label>
                </div>
            </fieldset>
            <button class="button button--secondary" type="submit" disabled=move || action.pending().get()>{save_choice}</button>
        </ActionForm>
    }
}

/// How a moderator hears of their queue; the kinds of mail this address unsubscribed from.
#[component]
fn MailPreferences(queue_mail: Option<QueueMail>, unsubscribed: Vec<String>, t: SettingsTexts) -> impl IntoView {
    let (action, _) = form_action::<SetQueueMail>();
    let errors = FormErrors::of(action.value());
    let english = t.locale == Locale::en;
    let unsubscribed: Vec<&'static str> =
        unsubscribed.iter().filter_map(|code| MailKind::from_code(code)).map(|kind| kind.label_in(english)).collect();
    let SettingsTexts {
        mails_heading,
        noted,
        queue_legend,
        each_item,
        daily,
        save_choice,
        unsubscribe_hint,
        unsubscribed_list,
        ..
    } = t;
    let choice = queue_mail.map(|choice| {
        view! {
            {errors.summary()}
            <p class="form-success" role="status">
                {move || matches!(action.value().get(), Some(Ok(_))).then(|| noted.clone())}
            </p>
            <ActionForm action>
                <fieldset class="form-field">
                    <legend>{queue_legend}</legend>
                    <label>
                        <input type="radio" name="choice" value="immediate" checked=choice == QueueMail::Immediate/>
                        {each_item}
                    </label>
                    <label>
                        <input type="radio" name="choice" value="daily" checked=choice == QueueMail::Daily/>
                        {daily}
                    </label>
                </fieldset>
                <button class="button button--secondary" type="submit" disabled=move || action.pending().get()>{save_choice}</button>
            </ActionForm>
        }
    });
    let kinds = if unsubscribed.is_empty() {
        view! { <p>{unsubscribe_hint}</p> }.into_any()
    } else {
        view! {
            <p>{unsubscribed_list}</p>
            <ul>{unsubscribed.into_iter().map(|label| view! { <li>{label}</li> }).collect_view()}</ul>
        }
        .into_any()
    };
    view! {
        <h2>{mails_heading}</h2>
        {choice}
        {kinds}
    }
}
