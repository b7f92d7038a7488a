//! Reading and writing cookies, with the attributes we always want (HttpOnly, SameSite=Lax,
//! and over HTTPS Secure and the `__Host-` prefix).

use axum::http::{HeaderMap, HeaderValue, header};

/// Name of the sign-in session cookie.
pub const SESSION: &str = "concerto_session";
/// Name of the CSRF secret cookie.
pub const CSRF: &str = "concerto_csrf";
/// Name of the language cookie.
pub const LANG: &str = "concerto_lang";
/// Name of the one-shot message cookie shown after a redirect.
pub const FLASH: &str = "concerto_flash";

/// The site's cookies, named and set for how the site is served. Over HTTPS every name takes
/// the `__Host-` prefix: browsers then accept the cookie only over HTTPS, from this very host,
/// for the whole site (`Path=/`, no `Domain`), so neither a sibling subdomain nor a plain-HTTP
/// page can plant or overwrite a session or a CSRF secret.
#[derive(Clone, Copy, Debug)]
pub struct Jar {
    https: bool,
}

impl Jar {
    /// The jar of a site served over HTTPS or not.
    pub fn new(https: bool) -> Jar {
        Jar { https }
    }

    /// The name cookie `name` goes by.
    pub fn name(&self, name: &str) -> String {
        if self.https {
            format!("__Host-{name}")
        } else {
            name.to_owned()
        }
    }

    /// The value of cookie `name` in the request headers.
    pub fn get<'a>(&self, headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
        let name = self.name(name);
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
    pub fn set(&self, name: &str, value: &str, max_age_secs: i64) -> HeaderValue {
        let name = self.name(name);
        let secure = if self.https { "; Secure" } else { "" };
        let line = format!(
            "{name}={value}; Path=/; Max-Age={max_age_secs}; HttpOnly; SameSite=Lax{secure}"
        );
        HeaderValue::from_str(&line).expect("cookie values are URL-safe")
    }

    /// Whether one of these `Set-Cookie` values sets cookie `name`.
    pub fn sets<'a>(&self, mut values: impl Iterator<Item = &'a HeaderValue>, name: &str) -> bool {
        let prefix = format!("{}=", self.name(name));
        values.any(|v| v.to_str().is_ok_and(|v| v.starts_with(&prefix)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_cookies_among_others() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("a=1; concerto_lang=en; b=2; __Host-concerto_lang=de"),
        );
        assert_eq!(Jar::new(false).get(&headers, LANG), Some("en"));
        assert_eq!(Jar::new(true).get(&headers, LANG), Some("de"));
        assert_eq!(Jar::new(false).get(&headers, "b"), Some("2"));
        assert_eq!(Jar::new(false).get(&headers, SESSION), None);
    }

    #[test]
    fn cookies_are_http_only_and_lax_and_host_only_over_https() {
        let value = Jar::new(true).set(SESSION, "abc", 60);
        let text = value.to_str().unwrap();
        assert!(text.starts_with("__Host-concerto_session=abc; Path=/;"));
        assert!(
            text.contains("HttpOnly") && text.contains("SameSite=Lax") && text.contains("Secure")
        );
        assert!(!text.contains("Domain"));
        let plain = Jar::new(false).set(SESSION, "abc", 60);
        let plain = plain.to_str().unwrap();
        assert!(plain.starts_with("concerto_session=abc;") && !plain.contains("Secure"));
    }
}
