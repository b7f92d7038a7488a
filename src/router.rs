//! Every route of Concerto, in one place, and the layers every request goes through.
//!
//! Layers, outermost first: request log → metrics → compression → security headers →
//! error pages → shared reads (one read transaction on SQLite) → visitor (session, language,
//! CSRF secret) → timeout → body limit → CSRF check → handler.

use std::time::Duration;

use axum::Router;
use axum::http::StatusCode;
use axum::middleware::from_fn_with_state;
use axum::routing::{get, post};
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;

use crate::features::accounts::{account_pages as account, pages as auth};
use crate::features::admin::pages as admin;
use crate::features::events::pages as events;
use crate::features::moderation::pages as moderation;
use crate::features::needs::{decidim, exports, pages as needs};
use crate::features::opinions::pages as opinions;
use crate::features::processes::{manage, pages as processes};
use crate::features::site::{pages as home, system};
use crate::features::syntheses::pages as syntheses;
use crate::features::territories::pages as territories;
use crate::platform::web::{assets, csrf, error_pages, headers, metrics, reads, visitor};
use crate::state::AppState;

/// The metrics address's application (`CONCERTO_METRICS_BIND`): `/metrics` without sign-in
/// and `/health`, for a collector on a network people do not reach.
pub fn metrics_only(state: AppState) -> Router {
    Router::new()
        .route("/metrics", get(system::metrics_text))
        .route("/health", get(system::health))
        .with_state(state)
}

/// Builds the application: routes and layers.
pub fn build(state: AppState) -> Router {
    let routes = Router::new()
        // Public pages
        .route("/", get(home::home))
        .route("/a-propos", get(home::about))
        .route("/mentions-legales", get(home::legal_notice))
        .route("/donnees-personnelles", get(home::privacy))
        .route("/accessibilite", get(home::accessibility))
        .route("/langue", post(system::switch_language))
        .route("/demarches/{slug}", get(processes::show))
        .route(
            "/demarches/{slug}/besoins",
            get(needs::list).post(needs::create),
        )
        .route("/demarches/{slug}/besoins/nouveau", get(needs::new_form))
        .route("/demarches/{slug}/besoins/carte", get(needs::map))
        .route("/demarches/{slug}/besoins.csv", get(exports::needs_csv))
        .route("/demarches/{slug}/besoins.xlsx", get(exports::needs_xlsx))
        .route(
            "/demarches/{slug}/besoins.geojson",
            get(exports::needs_geojson),
        )
        .route(
            "/gestion/demarches/{slug}/besoins.csv",
            get(exports::needs_full_csv),
        )
        .route(
            "/gestion/demarches/{slug}/besoins.xlsx",
            get(exports::needs_full_xlsx),
        )
        .route(
            "/gestion/demarches/{slug}/import-decidim",
            get(decidim::form).post(decidim::upload),
        )
        .route(
            "/gestion/demarches/{slug}/import-decidim/confirmation",
            post(decidim::confirm),
        )
        .route("/besoins/{id}", get(needs::show))
        .route("/besoins/{id}/soutien", post(needs::support))
        .route("/besoins/{id}/commentaires", post(needs::comment))
        .route("/besoins/{id}/signalement", post(needs::report_need))
        .route(
            "/commentaires/{id}/signalement",
            post(needs::report_comment),
        )
        .route("/demarches/{slug}/moderation", get(moderation::queue))
        .route("/demarches/{slug}/agenda", get(events::agenda))
        .route("/demarches/{slug}/agenda.ics", get(events::ical))
        .route("/ateliers/{id}/inscription", post(events::register))
        .route("/ateliers/{id}/import", post(events::import))
        .route("/demarches/{slug}/ateliers", post(events::create))
        .route("/demarches/{slug}/ateliers/nouveau", get(events::new_form))
        .route("/ateliers/{id}", get(events::show))
        .route("/ateliers/{id}/participation", post(events::attendance))
        .route(
            "/ateliers/{id}/saisie",
            get(events::capture_form).post(events::capture),
        )
        .route("/moderation/besoins/{id}", post(moderation::need))
        .route("/moderation/besoins/{id}/fusion", post(moderation::merge))
        .route("/moderation/commentaires/{id}", post(moderation::comment))
        .route("/demarches/{slug}/synthese", get(syntheses::public))
        .route(
            "/demarches/{slug}/syntheses",
            get(syntheses::manage).post(syntheses::start),
        )
        .route("/syntheses/{id}", get(syntheses::show))
        .route("/syntheses/{id}/statut", post(syntheses::decide))
        .route(
            "/syntheses/{id}/groupes/{cluster}",
            get(syntheses::cluster).post(syntheses::edit_cluster),
        )
        .route("/demarches/{slug}/opinions", get(opinions::vote_form))
        .route("/demarches/{slug}/opinions/votes", post(opinions::vote))
        .route(
            "/demarches/{slug}/opinions/propositions",
            post(opinions::submit),
        )
        .route("/demarches/{slug}/opinions/carte", get(opinions::map))
        .route(
            "/demarches/{slug}/opinions/moderation",
            get(opinions::moderation),
        )
        .route(
            "/demarches/{slug}/opinions/export/{file}",
            get(opinions::export),
        )
        .route("/demarches/{slug}/opinions/rapport", get(opinions::report))
        .route(
            "/demarches/{slug}/opinions/reglage",
            post(opinions::setting),
        )
        .route(
            "/opinions/propositions/{id}/moderation",
            post(opinions::decide),
        )
        .route("/territoires/localiser", get(territories::locate))
        .route("/territoires/{level}/{code}", get(territories::show))
        // Accounts
        .route("/inscription", get(auth::sign_up_form).post(auth::sign_up))
        .route("/confirmation", get(auth::confirm_form).post(auth::confirm))
        .route("/connexion", get(auth::sign_in_form).post(auth::sign_in))
        .route("/deconnexion", post(auth::sign_out))
        .route(
            "/mot-de-passe-oublie",
            get(auth::reset_request_form).post(auth::reset_request),
        )
        .route(
            "/nouveau-mot-de-passe",
            get(auth::reset_form).post(auth::reset),
        )
        .route("/compte", get(account::show))
        .route("/compte/nom", post(account::change_name))
        .route("/compte/profil", post(account::save_profile))
        .route("/compte/courriel", post(account::change_email))
        .route(
            "/compte/courriel/confirmation",
            get(account::confirm_email_change_form).post(account::confirm_email_change),
        )
        .route("/compte/mot-de-passe", post(account::change_password))
        .route("/compte/donnees", get(account::export))
        .route("/compte/suppression", post(account::delete))
        // Management: processes and territories
        .route("/gestion", get(manage::index))
        .route(
            "/gestion/territoires",
            get(territories::import_form).post(territories::import),
        )
        .route("/gestion/demarches", post(manage::create))
        .route(
            "/gestion/demarches/{slug}",
            get(manage::edit).post(manage::update),
        )
        .route(
            "/gestion/demarches/{slug}/territoires",
            post(manage::set_territories),
        )
        .route("/gestion/demarches/{slug}/themes", post(manage::add_theme))
        .route(
            "/gestion/demarches/{slug}/themes/{id}",
            get(manage::edit_theme).post(manage::update_theme),
        )
        .route(
            "/gestion/demarches/{slug}/themes/{id}/suppression",
            post(manage::delete_theme),
        )
        .route("/gestion/demarches/{slug}/phases", post(manage::add_phase))
        .route(
            "/gestion/demarches/{slug}/phases/{id}",
            get(manage::edit_phase).post(manage::update_phase),
        )
        .route(
            "/gestion/demarches/{slug}/phases/{id}/suppression",
            post(manage::delete_phase),
        )
        .route("/gestion/demarches/{slug}/equipe", post(manage::add_member))
        .route(
            "/gestion/demarches/{slug}/equipe/retrait",
            post(manage::remove_member),
        )
        .route("/gestion/demarches/{slug}/copie", post(manage::copy))
        // Administration
        .route("/admin", get(admin::index))
        .route("/admin/roles", get(admin::roles).post(admin::grant))
        .route("/admin/roles/retrait", post(admin::revoke))
        .route("/admin/courriels", get(admin::outbox))
        .route("/admin/courriels/{file}", get(admin::outbox_mail))
        .route("/admin/journal", get(admin::audit))
        // Machines and files
        .route("/health", get(system::health))
        .route("/metrics", get(system::metrics))
        .route("/static/{name}", get(assets::serve))
        .fallback(system::not_found);

    let timeout = Duration::from_secs(state.config.request_timeout_secs);
    routes
        .layer(from_fn_with_state(state.clone(), csrf::protect))
        .layer(RequestBodyLimitLayer::new(state.config.max_body_bytes))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            timeout,
        ))
        .layer(from_fn_with_state(state.clone(), visitor::load_visitor))
        .layer(from_fn_with_state(state.clone(), reads::share))
        .layer(from_fn_with_state(state.clone(), error_pages::draw))
        .layer(from_fn_with_state(state.clone(), headers::secure))
        .layer(CompressionLayer::new())
        .layer(from_fn_with_state(state.clone(), metrics::track))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(request_span)
                .on_response(DefaultOnResponse::new().level(Level::INFO)),
        )
        .with_state(state)
}

/// The span a request is logged under: its method and path, never its query, which can hold a
/// one-time link's token (`?jeton=…`) or what someone searched for.
fn request_span(request: &axum::http::Request<axum::body::Body>) -> tracing::Span {
    tracing::info_span!(
        "request",
        method = %request.method(),
        path = request.uri().path(),
    )
}
