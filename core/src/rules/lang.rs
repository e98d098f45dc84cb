//! Which of a rule file's languages to use: language tags, the locale variables as the
//! environment gives them, and the choice between what is wanted and what the file has.
//!
//! Pure: the caller reads `--lang` and the environment and passes the values in, so the
//! choice is tested without touching the real environment.

/// The language of a file that does not declare its languages.
pub const DEFAULT_LANGUAGE: &str = "en";

/// What a language tag in a rule file looks like (`en`, `es`, `es-MX`, `zh-Hant`), as
/// a JSON Schema pattern. [`is_tag`] checks the same.
pub const TAG_PATTERN: &str = "^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$";

/// Whether `tag` is a language tag as rule files write them: two or three letters, then
/// any number of `-` subtags of two to eight letters or digits.
pub fn is_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary_ok = parts
        .next()
        .is_some_and(|p| (2..=3).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphabetic()));
    primary_ok
        && parts.all(|p| (2..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// The language a person asked for, and how.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Wanted {
    /// A language tag, or none: use the file's first language.
    pub tag: Option<String>,
    /// Given with `--lang`: a language the file does not have is then an error, not a
    /// quiet fall back to the file's first language.
    pub explicit: bool,
}

impl Wanted {
    /// `--lang TAG` if given, else the locale variables (each `None` when unset).
    pub fn choose(
        flag: Option<&str>,
        lc_all: Option<&str>,
        lc_messages: Option<&str>,
        lang: Option<&str>,
    ) -> Wanted {
        match flag {
            Some(tag) => Wanted {
                tag: Some(tag.to_string()),
                explicit: true,
            },
            None => Wanted {
                tag: from_locale(lc_all, lc_messages, lang),
                explicit: false,
            },
        }
    }
}

/// The language the locale variables ask for. As in POSIX, the first of `LC_ALL`,
/// `LC_MESSAGES` and `LANG` that is set and not empty decides; `C` and `POSIX` (with or
/// without a codeset, `C.UTF-8`) mean no preference.
pub fn from_locale(
    lc_all: Option<&str>,
    lc_messages: Option<&str>,
    lang: Option<&str>,
) -> Option<String> {
    let value = [lc_all, lc_messages, lang]
        .into_iter()
        .flatten()
        .find(|v| !v.is_empty())?;
    locale_tag(value)
}

/// `es_MX.UTF-8` and `es_ES@euro` as language tags (`es-MX`, `es-ES`); `None` for `C`,
/// `POSIX` and anything that does not read as a language.
pub fn locale_tag(value: &str) -> Option<String> {
    let name = value.split(['.', '@']).next().unwrap_or_default();
    if name.is_empty() || name == "C" || name == "POSIX" {
        return None;
    }
    let tag = name.replace('_', "-");
    is_tag(&tag).then_some(tag)
}

/// A language `--lang` asked for that the rule file does not have.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unavailable {
    pub wanted: String,
    /// The file's languages, its first language first.
    pub available: Vec<String>,
}

/// The file's language to use for `wanted`: the same tag (ignoring case), else its
/// primary language (`es-MX` gets `es`), else the file's first language; for a language
/// asked for with `--lang` that neither finds, an error naming the file's languages.
pub fn negotiate(wanted: &Wanted, available: &[&str]) -> Result<String, Unavailable> {
    let first = available.first().copied().unwrap_or(DEFAULT_LANGUAGE);
    let Some(tag) = &wanted.tag else {
        return Ok(first.to_string());
    };
    let primary = tag.split('-').next().unwrap_or_default();
    let found = available
        .iter()
        .find(|a| a.eq_ignore_ascii_case(tag))
        .or_else(|| available.iter().find(|a| a.eq_ignore_ascii_case(primary)));
    match found {
        Some(lang) => Ok((*lang).to_string()),
        None if wanted.explicit => Err(Unavailable {
            wanted: tag.clone(),
            available: available.iter().map(|a| (*a).to_string()).collect(),
        }),
        None => Ok(first.to_string()),
    }
}

/// What a language calls itself, for column headings; the tag for one not listed.
pub fn name(tag: &str) -> &str {
    match tag.split('-').next().unwrap_or_default() {
        "en" => "English",
        "es" => "Español",
        "fr" => "Français",
        "de" => "Deutsch",
        "pt" => "Português",
        "it" => "Italiano",
        _ => tag,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags() {
        for (tag, ok) in [
            ("en", true),
            ("es", true),
            ("es-MX", true),
            ("zh-Hant-TW", true),
            ("ast", true),
            ("e", false),
            ("english", false),
            ("es_MX", false),
            ("es-", false),
            ("", false),
            ("1a", false),
            ("es-M", false),
        ] {
            assert_eq!(is_tag(tag), ok, "{tag}");
        }
    }

    #[test]
    fn locale_variables() {
        for (name, lc_all, lc_messages, lang, expected) in [
            ("nothing set", None, None, None, None),
            ("LANG", None, None, Some("es_MX.UTF-8"), Some("es-MX")),
            ("euro", None, None, Some("es_ES@euro"), Some("es-ES")),
            ("plain", None, None, Some("es"), Some("es")),
            ("C", None, None, Some("C"), None),
            ("C.UTF-8", None, None, Some("C.UTF-8"), None),
            ("POSIX", None, None, Some("POSIX"), None),
            (
                "LC_ALL first",
                Some("en_GB.UTF-8"),
                Some("es_ES"),
                Some("es_ES"),
                Some("en-GB"),
            ),
            (
                "LC_MESSAGES next",
                None,
                Some("es_AR.UTF-8"),
                Some("en_US"),
                Some("es-AR"),
            ),
            (
                "empty is unset",
                Some(""),
                Some(""),
                Some("es_CL.UTF-8"),
                Some("es-CL"),
            ),
            // POSIX: a set LC_ALL decides, even when it says "no preference".
            ("C in LC_ALL", Some("C"), None, Some("es_ES.UTF-8"), None),
            ("nonsense", None, None, Some("???"), None),
        ] {
            assert_eq!(
                from_locale(lc_all, lc_messages, lang).as_deref(),
                expected,
                "{name}"
            );
        }
    }

    #[test]
    fn the_flag_wins_over_the_environment() {
        assert_eq!(
            Wanted::choose(Some("es"), Some("en_US.UTF-8"), None, None),
            Wanted {
                tag: Some("es".into()),
                explicit: true
            }
        );
        assert_eq!(
            Wanted::choose(None, None, None, Some("es_MX.UTF-8")),
            Wanted {
                tag: Some("es-MX".into()),
                explicit: false
            }
        );
    }

    #[test]
    fn negotiation() {
        let file = ["en", "es"];
        let ok = |tag: Option<&str>, explicit: bool| {
            negotiate(
                &Wanted {
                    tag: tag.map(str::to_string),
                    explicit,
                },
                &file,
            )
        };
        for (name, tag, explicit, expected) in [
            ("no preference", None, false, "en"),
            ("exact", Some("es"), true, "es"),
            ("region falls back", Some("es-MX"), true, "es"),
            ("case", Some("ES-mx"), false, "es"),
            ("environment, unknown", Some("fr-FR"), false, "en"),
            ("english region", Some("en-GB"), false, "en"),
        ] {
            assert_eq!(ok(tag, explicit).as_deref(), Ok(expected), "{name}");
        }
        assert_eq!(
            ok(Some("fr"), true),
            Err(Unavailable {
                wanted: "fr".into(),
                available: vec!["en".into(), "es".into()]
            })
        );
        // A file with an exact regional language keeps it.
        let regional = ["en", "es", "es-MX"];
        let wanted = Wanted {
            tag: Some("es-MX".into()),
            explicit: true,
        };
        assert_eq!(negotiate(&wanted, &regional).as_deref(), Ok("es-MX"));
    }
}
