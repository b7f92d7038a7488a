//! Accounts: signing up, in and out, confirming and changing an address, resetting and changing a
//! password, the account page with its optional profile, the personal-data download and deleting
//! the account.

pub mod account_pages;
pub mod pages;
pub mod personal_data;
pub mod profiles;
pub mod roles;
pub mod rules;
pub mod service;
pub mod users;

use axum::Router;
use axum::routing::{get, post};

use crate::state::AppState;

/// Its routes (accounts: signing up, in and out, links received by e-mail, the account page).
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/inscription",
            get(pages::sign_up_form).post(pages::sign_up),
        )
        .route(
            "/confirmation",
            get(pages::confirm_form).post(pages::confirm),
        )
        .route("/connexion", get(pages::sign_in_form).post(pages::sign_in))
        .route("/deconnexion", post(pages::sign_out))
        .route(
            "/mot-de-passe-oublie",
            get(pages::reset_request_form).post(pages::reset_request),
        )
        .route(
            "/nouveau-mot-de-passe",
            get(pages::reset_form).post(pages::reset),
        )
        .route("/compte", get(account_pages::show))
        .route("/compte/nom", post(account_pages::change_name))
        .route("/compte/profil", post(account_pages::save_profile))
        .route("/compte/courriel", post(account_pages::change_email))
        .route(
            "/compte/courriel/confirmation",
            get(account_pages::confirm_email_change_form).post(account_pages::confirm_email_change),
        )
        .route("/compte/mot-de-passe", post(account_pages::change_password))
        .route("/compte/donnees", get(account_pages::export))
        .route("/compte/suppression", post(account_pages::delete))
}
