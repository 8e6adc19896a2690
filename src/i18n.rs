//! Every sentence OnTrack says, in Dutch and English: the app's screens, the command line's reports
//! and the case texts, from Fluent files under `assets/i18n/` that are built into the binary.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

use crate::scenario::Lang;

const EN: &str = include_str!("../assets/i18n/en.ftl");
const NL: &str = include_str!("../assets/i18n/nl.ftl");

/// Both languages' texts.
pub struct Texts {
    en: FluentBundle<FluentResource>,
    nl: FluentBundle<FluentResource>,
}

fn bundle(source: &str, lang: &str) -> FluentBundle<FluentResource> {
    let id = lang.parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // egui shows the Unicode isolation marks Fluent puts around arguments as boxes: leave them out.
    bundle.set_use_isolating(false);
    // The files are part of the program and tested; a broken entry is skipped, never a crash.
    let resource =
        FluentResource::try_new(source.to_string()).unwrap_or_else(|(partial, _)| partial);
    let _ = bundle.add_resource(resource);
    bundle
}

/// The texts, parsed once on first use and shared by the whole program.
pub fn texts() -> &'static Texts {
    static TEXTS: std::sync::OnceLock<Texts> = std::sync::OnceLock::new();
    TEXTS.get_or_init(Texts::default)
}

/// The text of `key` in `lang`.
pub fn t(lang: Lang, key: &str) -> String {
    texts().get(lang, key)
}

/// The text of `key` in `lang`, with `args` filled in.
pub fn tf(lang: Lang, key: &str, args: &[(&str, FluentValue)]) -> String {
    texts().fmt(lang, key, args)
}

impl Default for Texts {
    fn default() -> Self {
        Texts {
            en: bundle(EN, "en"),
            nl: bundle(NL, "nl"),
        }
    }
}

impl Texts {
    /// The text of `key` in `lang`, with `args` filled in; the key itself when it is missing.
    pub fn fmt(&self, lang: Lang, key: &str, args: &[(&str, FluentValue)]) -> String {
        let bundle = match lang {
            Lang::En => &self.en,
            Lang::Nl => &self.nl,
        };
        let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
            return key.to_string();
        };
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, value.clone());
        }
        let mut errors = Vec::new();
        bundle
            .format_pattern(pattern, Some(&fluent_args), &mut errors)
            .into_owned()
    }

    /// The text of `key` in `lang`.
    pub fn get(&self, lang: Lang, key: &str) -> String {
        self.fmt(lang, key, &[])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(source: &str) -> Vec<&str> {
        source
            .lines()
            .filter(|l| !l.starts_with('#') && l.contains(" = "))
            .filter_map(|l| l.split(" = ").next())
            .collect()
    }

    #[test]
    fn both_languages_have_every_key_and_parse() {
        assert_eq!(keys(EN), keys(NL));
        // Fluent keeps only the first of two messages with one key: every key once.
        let mut unique = keys(EN);
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), keys(EN).len(), "a key appears twice");
        assert!(FluentResource::try_new(EN.to_string()).is_ok());
        assert!(FluentResource::try_new(NL.to_string()).is_ok());
    }

    #[test]
    fn arguments_are_filled_in() {
        let t = Texts::default();
        let args = [
            ("n", FluentValue::from(2)),
            ("total", FluentValue::from(12)),
        ];
        assert_eq!(t.fmt(Lang::En, "case-of", &args), "Case 2 of 12");
        assert_eq!(t.fmt(Lang::Nl, "case-of", &args), "Cliënt 2 van 12");
        assert_eq!(t.get(Lang::Nl, "no-such-key"), "no-such-key");
    }
}
