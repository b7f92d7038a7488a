//! Interface languages: French by default, English available. Messages are Fluent files, the
//! platform's (`src/platform/locales/`) and each feature's (`src/features/*/locales/`),
//! gathered by the build script and embedded in the binary.

use std::collections::HashMap;
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};

/// A language of the interface.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// French, the default.
    #[default]
    Fr,
    /// English.
    En,
}

impl Lang {
    /// The BCP 47 code, for `<html lang>` and the language cookie.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }

    /// Reads a language code; anything unknown is French.
    pub fn from_code(code: &str) -> Lang {
        match code {
            "en" => Lang::En,
            _ => Lang::Fr,
        }
    }
}

impl Lang {
    /// A number with `places` decimals, with the language's decimal mark (`42,5`); `–` when
    /// it is not finite.
    pub fn decimal(self, value: f64, places: usize) -> String {
        if !value.is_finite() {
            return "–".into();
        }
        let written = format!("{value:.places$}");
        match self {
            Lang::Fr => written.replace('.', ","),
            Lang::En => written,
        }
    }

    /// A share (a fraction of 1) as a percentage with one decimal (`42,5 %`).
    pub fn percent(self, share: f64) -> String {
        format!("{}\u{a0}%", self.decimal(share * 100.0, 1))
    }
}

/// The Fluent source of each language: every locales folder's file, one after the other.
pub const SOURCES: [(Lang, &str); 2] = [
    (Lang::Fr, include_str!(concat!(env!("OUT_DIR"), "/fr.ftl"))),
    (Lang::En, include_str!(concat!(env!("OUT_DIR"), "/en.ftl"))),
];

struct Bundles {
    fr: Messages,
    en: Messages,
}

/// One language's messages: the Fluent bundle, and the text of every message that takes no
/// argument, formatted once (a page asks for dozens of them).
struct Messages {
    bundle: FluentBundle<FluentResource>,
    plain: HashMap<String, String>,
}

impl Messages {
    fn new(lang: Lang, source: &str) -> Messages {
        let bundle = bundle(lang, source);
        let plain = message_ids(source)
            .filter_map(|id| {
                let pattern = bundle.get_message(id)?.value()?;
                let mut errors = Vec::new();
                let text = bundle.format_pattern(pattern, None, &mut errors);
                // A message that needs arguments reports them missing: formatted each time.
                errors
                    .is_empty()
                    .then(|| (id.to_owned(), text.into_owned()))
            })
            .collect();
        Messages { bundle, plain }
    }
}

/// The identifiers of the messages a Fluent source defines (lines `id = …`).
fn message_ids(source: &str) -> impl Iterator<Item = &str> {
    source
        .lines()
        .filter(|l| l.chars().next().is_some_and(|c| c.is_ascii_lowercase()))
        .filter_map(|l| l.split_once(" =").map(|(id, _)| id.trim()))
}

fn bundle(lang: Lang, source: &str) -> FluentBundle<FluentResource> {
    let resource = FluentResource::try_new(source.to_owned())
        .unwrap_or_else(|(_, errors)| panic!("locale {} does not parse: {errors:?}", lang.code()));
    let langid = lang.code().parse().expect("valid language identifier");
    let mut bundle = FluentBundle::new_concurrent(vec![langid]);
    // Isolation marks around placeables would end up inside e-mail links and attributes.
    bundle.set_use_isolating(false);
    bundle
        .add_resource(resource)
        .expect("no message is defined twice");
    bundle
}

fn bundles() -> &'static Bundles {
    static BUNDLES: OnceLock<Bundles> = OnceLock::new();
    BUNDLES.get_or_init(|| Bundles {
        fr: Messages::new(Lang::Fr, SOURCES[0].1),
        en: Messages::new(Lang::En, SOURCES[1].1),
    })
}

impl Bundles {
    fn of(&self, lang: Lang) -> &Messages {
        match lang {
            Lang::Fr => &self.fr,
            Lang::En => &self.en,
        }
    }
}

/// Translates message keys into one language; templates call it as `tr.t("key")`.
#[derive(Clone, Copy, Debug, Default)]
pub struct Tr {
    /// The language it translates into.
    pub lang: Lang,
}

impl Tr {
    /// A translator into `lang`.
    pub fn new(lang: Lang) -> Tr {
        Tr { lang }
    }

    /// The message `key`; the key itself when it is missing (and a warning in the log).
    pub fn t(&self, key: &str) -> String {
        match bundles().of(self.lang).plain.get(key) {
            Some(text) => text.clone(),
            None => self.format(key, None),
        }
    }

    /// The message `key`, or `fallback` when there is none (names that come from data, such
    /// as an imported territory level).
    pub fn t_or(&self, key: &str, fallback: &str) -> String {
        if bundles().of(self.lang).bundle.has_message(key) {
            self.t(key)
        } else {
            fallback.to_owned()
        }
    }

    /// The message `key` with named arguments.
    pub fn t_args(&self, key: &str, args: &[(&str, &str)]) -> String {
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, *value);
        }
        self.format(key, Some(&fluent_args))
    }

    /// The message `key` with one named argument, for templates.
    pub fn t1(&self, key: &str, name: &str, value: impl std::fmt::Display) -> String {
        self.t_args(key, &[(name, &value.to_string())])
    }

    /// The message `key` with one numeric argument `n` (for plurals). Lists ask the same few
    /// ("3 soutiens") many times a page: each thread remembers the last ones it formatted.
    pub fn t_count(&self, key: &str, n: impl Count) -> String {
        thread_local! {
            static RECENT: std::cell::RefCell<std::collections::HashMap<(Lang, String, i64), String>> =
                Default::default();
        }
        let n = n.count();
        let memo_key = (self.lang, key.to_owned(), n);
        if let Some(text) = RECENT.with_borrow(|recent| recent.get(&memo_key).cloned()) {
            return text;
        }
        let mut fluent_args = FluentArgs::new();
        fluent_args.set("n", n);
        let text = self.format(key, Some(&fluent_args));
        RECENT.with_borrow_mut(|recent| {
            if recent.len() >= 4_096 {
                recent.clear();
            }
            recent.insert(memo_key, text.clone());
        });
        text
    }

    fn format(&self, key: &str, args: Option<&FluentArgs<'_>>) -> String {
        let bundle = &bundles().of(self.lang).bundle;
        let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
            tracing::warn!(key, lang = self.lang.code(), "missing translation");
            return key.to_owned();
        };
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, args, &mut errors);
        if !errors.is_empty() {
            tracing::warn!(key, ?errors, "translation formatting errors");
        }
        text.into_owned()
    }
}

/// A number of things, as templates hold it (by value or by reference).
pub trait Count {
    /// The number.
    fn count(&self) -> i64;
}

impl Count for i64 {
    fn count(&self) -> i64 {
        *self
    }
}

impl Count for usize {
    fn count(&self) -> i64 {
        i64::try_from(*self).unwrap_or(i64::MAX)
    }
}

impl<T: Count> Count for &T {
    fn count(&self) -> i64 {
        (**self).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(source: &str) -> Vec<String> {
        let mut keys: Vec<String> = message_ids(source).map(str::to_owned).collect();
        keys.sort();
        keys
    }

    #[test]
    fn both_languages_define_the_same_messages() {
        let (fr, en) = (keys(SOURCES[0].1), keys(SOURCES[1].1));
        let only_fr: Vec<_> = fr.iter().filter(|k| !en.contains(k)).collect();
        let only_en: Vec<_> = en.iter().filter(|k| !fr.contains(k)).collect();
        assert!(only_fr.is_empty(), "missing in English: {only_fr:?}");
        assert!(only_en.is_empty(), "missing in French: {only_en:?}");
        assert!(fr.len() > 50);
    }

    #[test]
    fn every_locales_folder_defines_the_same_messages_in_both_languages() {
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut folders = vec![src.join("platform/locales")];
        for feature in std::fs::read_dir(src.join("features")).unwrap().flatten() {
            folders.push(feature.path().join("locales"));
        }
        let mut checked = 0;
        for folder in folders.iter().filter(|f| f.is_dir()) {
            let read = |lang: &str| {
                let file = folder.join(format!("{lang}.ftl"));
                keys(&std::fs::read_to_string(&file).unwrap())
            };
            let (fr, en) = (read("fr"), read("en"));
            assert!(!fr.is_empty(), "{}", folder.display());
            assert_eq!(fr, en, "{}", folder.display());
            checked += 1;
        }
        assert!(checked > 10, "{checked} locales folders");
    }

    #[test]
    fn messages_format_with_arguments() {
        let fr = Tr::new(Lang::Fr);
        assert_eq!(fr.t("nav-home"), "Accueil");
        assert_eq!(Tr::new(Lang::En).t("nav-home"), "Home");
        assert!(
            fr.t_args(
                "mail-confirm-body",
                &[("name", "Léa"), ("link", "http://x/y")]
            )
            .contains("http://x/y")
        );
        assert_eq!(fr.t("no-such-key"), "no-such-key");
    }

    #[test]
    fn messages_without_arguments_are_kept_formatted_as_fluent_formats_them() {
        for (lang, source) in SOURCES {
            let messages = bundles().of(lang);
            let tr = Tr::new(lang);
            for id in message_ids(source) {
                if let Some(kept) = messages.plain.get(id) {
                    assert_eq!(*kept, tr.format(id, None), "{id} in {}", lang.code());
                }
            }
            assert!(messages.plain.contains_key("nav-home"));
            assert!(messages.plain.len() * 2 > message_ids(source).count());
            // Needs its arguments: formatted at each call, never kept without them.
            assert!(!messages.plain.contains_key("mail-confirm-body"));
        }
        assert_eq!(Tr::new(Lang::En).t("nav-home"), "Home");
    }
}
