//! `prescreen page`: the self-check as one self-contained HTML file for a person at
//! home. The page carries the rule file, the WebAssembly engine (prescreen-core, see
//! `page/engine`) and thin JavaScript glue; it asks one question per screen and shows
//! the result, the aftercare sheet and the calendar reminders, all made on the device.
//!
//! Its Content-Security-Policy forbids every network request (`default-src 'none'`,
//! no `connect-src`), allows only the page's own script (by hash) and the engine's
//! compilation (`'wasm-unsafe-eval'`), and the page stores nothing.
//!
//! Every word on the page is in the rule file's languages: the page's own words are the
//! catalogue's `page-*` messages. The HTML is written in `rules.lang`; once the engine has
//! started, the page reloads it in the browser's language (the first of
//! `navigator.languages` the file has) unless `fixed` (the language was given with
//! `--lang`), and offers the file's other languages in a switcher.
//!
//! Builds a string; writing it is the caller's (with the same checks as `--out`).

use sha2::{Digest, Sha256};

use crate::i18n;
use crate::render::html::Esc;
use crate::rules::{RuleSet, phone};

const TEMPLATE: &str = include_str!("page/page.html");
const STYLE: &str = include_str!("page/page.css");
/// The page's one script: the engine call, then the glue.
const SCRIPT: &str = concat!(include_str!("page/call.js"), include_str!("page/page.js"));

/// The engine, zlib-compressed, when this binary was built with `PRESCREEN_PAGE_WASM`
/// (see build.rs); empty otherwise.
const ENGINE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/page-engine.wasm.z"));

/// Whether this binary carries the page's engine.
pub fn has_engine() -> bool {
    !ENGINE.is_empty()
}

/// The page for this rule file (`bytes`, exactly as loaded: the engine loads the same
/// bytes, so the page's results name the same SHA-256 and read as the CLI's in the same
/// language). It opens in `rules.lang` when `fixed`, else in the browser's language,
/// falling back to `rules.lang`. `None` without the engine.
pub fn build(rules: &RuleSet, bytes: &[u8], fixed: bool) -> Option<String> {
    if !has_engine() {
        return None;
    }
    let script = SCRIPT;
    let csp = format!(
        "default-src 'none'; script-src 'sha256-{}' 'wasm-unsafe-eval'; style-src 'unsafe-inline'; \
         img-src data:; base-uri 'none'; form-action 'none'",
        base64(&Sha256::digest(format!("\n{script}").as_bytes()))
    );
    let words = rules.words();
    let procedure = [("procedure", rules.procedure.as_str())];
    let clinic = clinic(rules);
    let intro = rules.audiences.patient.intro.as_deref();
    // The person reads the rule file's name and version only, as on a patient's sheet;
    // the checksum that says exactly which file made the page is for staff, in a meta tag.
    let footer = words.fill(
        "page-footer",
        &[
            ("name", rules.text(&rules.file.name)),
            ("version", &rules.file.version),
        ],
    );
    let rules_id = format!(
        "{} {} sha256:{}",
        Esc(&rules.name),
        Esc(&rules.file.version),
        rules.sha256
    );
    // The page's own words, `{{page-…}}` in the template, as the engine's `load` gives
    // them: the script puts the same words back in the same places in another language.
    let mut page = TEMPLATE.to_string();
    for key in i18n::words(i18n::BASE)
        .keys()
        .filter(|k| k.starts_with("page-"))
    {
        page = page.replace(&format!("{{{{{key}}}}}"), &Esc(words.get(key)).to_string());
    }
    let page = page
        .replace("{{CSP}}", &csp)
        .replace("{{STYLE}}", STYLE)
        .replace("{{LANG}}", &Esc(&rules.lang).to_string())
        .replace("{{FIXED}}", if fixed { "true" } else { "false" })
        .replace(
            "{{TITLE}}",
            &Esc(&words.fill("page-title", &procedure)).to_string(),
        )
        .replace(
            "{{HEADING}}",
            &Esc(&words.fill("page-heading", &procedure)).to_string(),
        )
        .replace("{{CLINIC}}", &clinic)
        .replace(
            "{{INTRO_HIDDEN}}",
            if intro.is_some() { "" } else { " hidden" },
        )
        .replace("{{INTRO}}", &Esc(intro.unwrap_or_default()).to_string())
        .replace("{{FOOTER}}", &Esc(&footer).to_string())
        .replace("{{RULES_ID}}", &rules_id)
        .replace("{{RULES}}", &script_json(bytes))
        .replace("{{ENGINE}}", &base64(ENGINE))
        .replace("{{SCRIPT}}", script);
    Some(page)
}

/// The clinic's name and a `tel:` link to its phone, as the rule file gives them.
fn clinic(rules: &RuleSet) -> String {
    let Some(contact) = crate::render::contact(rules) else {
        return String::new();
    };
    let mut parts = Vec::new();
    if let Some(name) = contact.name {
        parts.push(format!("<strong>{}</strong>", Esc(name)));
    }
    if let Some(number) = contact.phone {
        parts.push(format!(
            "<a href=\"{}\">{}</a>",
            Esc(&phone::tel_uri(number)),
            Esc(number)
        ));
    }
    format!("<p class=\"clinic\">{}</p>\n", parts.join(" · "))
}

/// The rule file as a JSON string inside a `<script type="application/json">`: `<`
/// written as `\u003c`, so no `</script>` or `<!--` in the text can end the element.
fn script_json(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    serde_json::Value::String(text.into_owned())
        .to_string()
        .replace('<', "\\u003c")
}

/// Standard base64 with padding (RFC 4648, section 4).
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i)) as usize & 63]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_rfc_vectors() {
        let cases = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ];
        for (input, expected) in cases {
            assert_eq!(base64(input.as_bytes()), expected, "{input:?}");
        }
    }

    #[test]
    fn the_rule_file_cannot_end_its_script_element() {
        let json = script_json(br#"{"a": "</script><!-- x"}"#);
        assert!(!json.contains('<'), "{json}");
        let back: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(back, r#"{"a": "</script><!-- x"}"#);
    }

    #[test]
    fn the_script_hash_covers_the_script_as_the_template_places_it() {
        // The CSP hash is of the <script> element's text: a newline, then the script.
        let at = TEMPLATE.find("<script>\n{{SCRIPT}}</script>");
        assert!(at.is_some(), "the template's script element changed");
    }
}
