//! What every page template receives (language, account, CSRF token, flash message), form
//! errors shown next to their fields, and the helpers that turn templates into responses.

use askama::Template;
use axum::body::Bytes;
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};

use crate::platform::Platform;
use crate::platform::error::AppResult;
use crate::platform::i18n::Tr;
use crate::platform::permissions::Action;
use crate::platform::web::visitor::Visitor;
use crate::platform::web::{cookies, csrf};

/// The signed-in person as the layout shows them.
#[derive(Clone, Debug)]
pub struct AccountBadge {
    /// Display name.
    pub display_name: String,
    /// Whether to show the administration link.
    pub is_admin: bool,
    /// Whether to show the management link (processes, territories).
    pub can_manage: bool,
}

/// The context of the base layout, a field of every page template.
#[derive(Clone, Debug)]
pub struct PageCtx {
    /// Translator into the visitor's language.
    pub tr: Tr,
    /// Language code for `<html lang>`.
    pub lang: &'static str,
    /// The signed-in person, if any.
    pub account: Option<AccountBadge>,
    /// A masked CSRF token for the forms of this page.
    pub csrf: String,
    /// The current path and query, to come back to after switching language.
    pub path: String,
    /// A translated one-shot message, shown at the top of the page.
    pub flash: Option<String>,
    /// URL of the stylesheet (with its content hash).
    pub css_url: String,
    /// URL of the favicon.
    pub icon_url: String,
    /// URL of the map script (zoom and pan).
    pub map_js_url: String,
    /// Whether to credit the demo's data sources (IGN, Insee, DGCL) in the footer.
    pub attribution: bool,
}

impl PageCtx {
    /// The context for the current visitor.
    pub fn new(state: &Platform, visitor: &Visitor) -> PageCtx {
        let tr = visitor.tr();
        PageCtx {
            tr,
            lang: visitor.lang.code(),
            account: visitor.account.as_ref().map(|account| AccountBadge {
                display_name: account.display_name.clone(),
                is_admin: account.may(Action::ReadRoleRegistry),
                can_manage: account.may(Action::CreateProcess)
                    || account.may(Action::ManageTerritories),
            }),
            csrf: csrf::mask(&visitor.csrf_secret),
            path: visitor.path.clone(),
            flash: visitor
                .flash
                .as_deref()
                .filter(|key| key.starts_with("flash-"))
                .map(|key| tr.t(key)),
            css_url: state.assets.url("concerto.css"),
            icon_url: state.assets.url("favicon.svg"),
            map_js_url: state.assets.url("map.js"),
            attribution: state.config.demo,
        }
    }
}

/// Renders a page with status 200.
pub fn render(template: &impl Template) -> AppResult<Response> {
    Ok(Html(html(template)?).into_response())
}

/// Renders a form again with its errors (status 422, what the person typed kept).
pub fn render_invalid(template: &impl Template) -> AppResult<Response> {
    Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(html(template)?)).into_response())
}

/// The page as text, written into a buffer sized for a full page so it is not regrown.
fn html(template: &impl Template) -> AppResult<String> {
    let mut out = String::with_capacity(PAGE_BUFFER_BYTES);
    template.render_into(&mut out)?;
    Ok(out)
}

/// Room reserved for a rendered page: most pages fit, lists of needs included.
const PAGE_BUFFER_BYTES: usize = 48 * 1024;

/// Written by a page template where a kept fragment goes (see [`render_around`]).
pub const KEPT_HERE: &str = "<!--concerto:kept-->";

/// Renders a page whose template writes [`KEPT_HERE`] where a large fragment kept in memory
/// goes (a map and its tables): the page is sent as three pieces, the kept one as it is,
/// never copied into the page (at 150 KB and thousands of requests a second, the copies were
/// a tenth of the time).
pub fn render_around(template: &impl Template, kept: Bytes) -> AppResult<Response> {
    let page = html(template)?;
    let (head, tail) = page.split_once(KEPT_HERE).ok_or_else(|| {
        crate::platform::error::AppError::Internal("template without KEPT_HERE".into())
    })?;
    let pieces = Pieces::new([
        Bytes::copy_from_slice(head.as_bytes()),
        kept,
        Bytes::copy_from_slice(tail.as_bytes()),
    ]);
    Ok((
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        axum::body::Body::new(pieces),
    )
        .into_response())
}

/// A response body sent piece by piece, its length known (so it goes with `Content-Length`).
struct Pieces {
    left: std::collections::VecDeque<Bytes>,
    length: u64,
}

impl Pieces {
    fn new(pieces: impl IntoIterator<Item = Bytes>) -> Pieces {
        let left: std::collections::VecDeque<Bytes> =
            pieces.into_iter().filter(|p| !p.is_empty()).collect();
        let length = left.iter().map(|p| p.len() as u64).sum();
        Pieces { left, length }
    }
}

impl http_body::Body for Pieces {
    type Data = Bytes;
    type Error = std::convert::Infallible;

    fn poll_frame(
        self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<http_body::Frame<Bytes>, Self::Error>>> {
        let this = self.get_mut();
        let next = this.left.pop_front();
        if let Some(piece) = &next {
            this.length -= piece.len() as u64;
        }
        std::task::Poll::Ready(next.map(|piece| Ok(http_body::Frame::data(piece))))
    }

    fn is_end_stream(&self) -> bool {
        self.left.is_empty()
    }

    fn size_hint(&self) -> http_body::SizeHint {
        http_body::SizeHint::with_exact(self.length)
    }
}

/// Renders a page holding a form: 200 when `valid`, else 422 with the errors shown.
pub fn render_form(template: &impl Template, valid: bool) -> AppResult<Response> {
    if valid {
        render(template)
    } else {
        render_invalid(template)
    }
}

/// Redirects (303) after a successful form, with a message to show once on the next page.
pub fn redirect_with_flash(state: &Platform, to: &str, flash_key: &'static str) -> Response {
    let mut response = Redirect::to(to).into_response();
    response.headers_mut().append(
        header::SET_COOKIE,
        state.cookies().set(cookies::FLASH, flash_key, 120),
    );
    response
}

/// A form whose only field is the button pressed: `name="action"`, its value saying what to do
/// (support or withdraw, register or cancel, accept or refuse…).
#[derive(serde::Deserialize)]
pub struct ActionForm {
    /// The value of the button pressed (empty when none was).
    #[serde(default)]
    pub action: String,
}

/// A local path to go back to, or `/` when `target` could lead to another site.
pub fn safe_local_path(target: Option<&str>) -> String {
    match target {
        Some(path)
            if path.starts_with('/')
                && !path.starts_with("//")
                && !path.contains('\\')
                && !path.chars().any(char::is_control) =>
        {
            path.to_owned()
        }
        _ => "/".to_owned(),
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(safe_local_path(Some("/compte")), "/compte");
        assert_eq!(safe_local_path(Some("//evil.example")), "/");
        assert_eq!(safe_local_path(Some("https://evil.example")), "/");
        assert_eq!(safe_local_path(Some("/\\evil.example")), "/");
        assert_eq!(safe_local_path(None), "/");
    }
}
