//! Reading and writing cookies, with the attributes we always want (HttpOnly, SameSite=Lax,
//! Secure over HTTPS).

use axum::http::{HeaderMap, HeaderValue, header};

/// Name of the sign-in session cookie.
pub const SESSION: &str = "concerto_session";
/// Name of the CSRF secret cookie.
pub const CSRF: &str = "concerto_csrf";
/// Name of the language cookie.
pub const LANG: &str = "concerto_lang";
/// Name of the one-shot message cookie shown after a redirect.
pub const FLASH: &str = "concerto_flash";

/// The value of cookie `name` in the request headers.
pub fn get<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|line| line.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value)
}

/// A `Set-Cookie` value. `max_age_secs` of zero deletes the cookie.
pub fn set(name: &str, value: &str, max_age_secs: i64, secure: bool) -> HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    let line =
        format!("{name}={value}; Path=/; Max-Age={max_age_secs}; HttpOnly; SameSite=Lax{secure}");
    HeaderValue::from_str(&line).expect("cookie values are URL-safe")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_cookies_among_others() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("a=1; concerto_lang=en; b=2"),
        );
        assert_eq!(get(&headers, LANG), Some("en"));
        assert_eq!(get(&headers, "b"), Some("2"));
        assert_eq!(get(&headers, SESSION), None);
    }

    #[test]
    fn cookies_are_http_only_and_lax() {
        let value = set(SESSION, "abc", 60, true);
        let text = value.to_str().unwrap();
        assert!(
            text.contains("HttpOnly") && text.contains("SameSite=Lax") && text.contains("Secure")
        );
        assert!(
            !set(SESSION, "abc", 60, false)
                .to_str()
                .unwrap()
                .contains("Secure")
        );
    }
}
