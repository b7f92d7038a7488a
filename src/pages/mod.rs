//! Page handlers, one module per feature. Each handler reads like a recipe: extract,
//! authorise, validate (domain), store (db), render.

pub mod account;
pub mod admin;
pub mod auth;
pub mod decidim;
pub mod events;
pub mod exports;
pub mod home;
pub mod manage;
pub mod moderation;
pub mod needs;
pub mod opinions;
pub mod processes;
pub mod syntheses;
pub mod system;
pub mod territories;

use askama::Template;

use crate::web::page::PageCtx;

/// A short page with a title, a paragraph and an optional link (after a form, for example).
#[derive(Template)]
#[template(path = "message.html")]
pub struct MessagePage {
    /// The base layout's context.
    pub page: PageCtx,
    /// Heading.
    pub title: String,
    /// Explanation.
    pub text: String,
    /// A link to go on: (address, label).
    pub link: Option<(String, String)>,
}

/// A page with one button that uses a link received by e-mail. The link itself changes
/// nothing (mail scanners open links); the button posts the token with CSRF protection.
#[derive(Template)]
#[template(path = "confirm_link.html")]
pub struct ConfirmLinkPage {
    /// The base layout's context.
    pub page: PageCtx,
    /// Heading.
    pub title: String,
    /// Explanation.
    pub text: String,
    /// Where the button posts.
    pub action: &'static str,
    /// The token from the link.
    pub token: String,
    /// Button label.
    pub submit: String,
}
