//! The rule file's languages through the binary: `--lang`, the locale variables, what
//! changes with the language (texts) and what never does (ids, keys, statuses, the
//! sha256), and the committed side-by-side review of the built-in file's Spanish.

mod common;

use common::{candidate, prescreen, root};
use serde_json::{Value, json};

const ECZEMA_EN: &str = "Microneedling is not advised for people with eczema.";
const ECZEMA_ES: &str = "No se recomienda el microneedling a personas con eczema.";

/// Eczema, and one screening question not answered: two reasons, one from a rule and
/// one from the engine's own texts.
fn answers() -> String {
    candidate(json!({"eczema": true, "other_skin_disease": null})).to_string()
}

fn screen(args: &[&str]) -> common::Test {
    prescreen(["screen", "--date", "2026-11-23"])
        .args(args)
        .stdin(answers())
}

#[test]
fn lang_es_shows_the_spanish_reasons() {
    screen(&["--lang", "es", "--format", "text"])
        .run()
        .status(1)
        .stdout_has(ECZEMA_ES)
        .stdout_has("Esta pregunta no tiene una respuesta clara")
        .stdout_has("Evaluación previa para microneedling 2026.11.0")
        .stdout_lacks(ECZEMA_EN)
        .stderr_empty();
}

#[test]
fn without_a_preference_the_file_s_first_language() {
    screen(&["--format", "text"])
        .run()
        .status(1)
        .stdout_has(ECZEMA_EN)
        .stdout_lacks(ECZEMA_ES)
        .stderr_empty();
}

#[test]
fn the_locale_variables_choose_when_lang_is_not_given() {
    for (name, vars, spanish) in [
        ("a Mexican LANG", vec![("LANG", "es_MX.UTF-8")], true),
        (
            "a Spanish LC_MESSAGES",
            vec![("LC_MESSAGES", "es_ES@euro")],
            true,
        ),
        ("LANG=C", vec![("LANG", "C")], false),
        ("LANG=POSIX", vec![("LANG", "POSIX")], false),
        (
            "LC_ALL=C wins over LANG",
            vec![("LC_ALL", "C"), ("LANG", "es_ES.UTF-8")],
            false,
        ),
        (
            "LC_ALL wins over LANG",
            vec![("LC_ALL", "es_AR.UTF-8"), ("LANG", "en_GB.UTF-8")],
            true,
        ),
        // A language the file does not have, from the environment: quietly the first.
        ("a French LANG", vec![("LANG", "fr_FR.UTF-8")], false),
    ] {
        let mut test = screen(&["--format", "text"]);
        for (key, value) in vars {
            test = test.env(key, value);
        }
        let out = test.run().status(1).stderr_empty();
        let (has, lacks) = if spanish {
            (ECZEMA_ES, ECZEMA_EN)
        } else {
            (ECZEMA_EN, ECZEMA_ES)
        };
        assert!(
            out.stdout.contains(has) && !out.stdout.contains(lacks),
            "{name}: {}",
            out.stdout
        );
    }
}

#[test]
fn lang_wins_over_the_environment_and_a_region_falls_back() {
    screen(&["--lang", "es-MX", "--format", "text"])
        .env("LANG", "en_US.UTF-8")
        .run()
        .status(1)
        .stdout_has(ECZEMA_ES);
    screen(&["--lang", "en", "--format", "text"])
        .env("LC_ALL", "es_ES.UTF-8")
        .run()
        .status(1)
        .stdout_has(ECZEMA_EN);
}

#[test]
fn a_language_the_file_does_not_have_is_refused_with_its_languages() {
    let expected = "prescreen: error: --lang fr: rule file `rules/microneedling.json (built in)` has no texts in that language; its languages are en, es\n";
    screen(&["--lang", "fr", "--format", "text"])
        .run()
        .status(2)
        .stdout("")
        .stderr(expected);
    // The `rules` commands that load the file refuse it the same way.
    prescreen(["rules", "show", "--lang", "fr"])
        .run()
        .status(2)
        .stdout("")
        .stderr(expected);
    // As data, for a script that asked for JSON.
    let out = screen(&["--lang", "fr", "--format", "json"])
        .run()
        .status(2);
    assert_eq!(
        out.json()["error"]["code"],
        "unknown_language",
        "{}",
        out.stdout
    );
}

/// Every place two JSON documents differ, as paths (`reasons[0].message`).
fn differences(a: &Value, b: &Value, path: &str, out: &mut Vec<String>) {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let keys_x: Vec<&String> = x.keys().collect();
            let keys_y: Vec<&String> = y.keys().collect();
            if keys_x != keys_y {
                out.push(format!("{path}: keys {keys_x:?} vs {keys_y:?}"));
                return;
            }
            for (k, v) in x {
                differences(v, &y[k], &format!("{path}.{k}"), out);
            }
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            for (i, (v, w)) in x.iter().zip(y).enumerate() {
                differences(v, w, &format!("{path}[{i}]"), out);
            }
        }
        _ if a != b => out.push(path.to_string()),
        _ => {}
    }
}

#[test]
fn json_output_differs_only_in_its_texts() {
    let cases: [(&[&str], String); 3] = [
        (&["screen", "--format", "json"], answers()),
        (
            &["screen", "--format", "json", "--explain"],
            candidate(json!({"open_wounds": null})).to_string(),
        ),
        (
            &["aftercare", "--format", "json"],
            candidate(json!({"wears_makeup": true, "outdoors_next_24h": null})).to_string(),
        ),
    ];
    for (args, input) in cases {
        let run = |lang: &str| {
            let out = prescreen(args)
                .args(["--date", "2026-11-23", "--lang", lang])
                .stdin(input.clone())
                .run();
            (out.status, out.json())
        };
        let ((status_en, en), (status_es, es)) = (run("en"), run("es"));
        assert_eq!(status_en, status_es, "{args:?}");
        let mut found = Vec::new();
        differences(&en, &es, "", &mut found);
        assert!(!found.is_empty(), "{args:?}: the texts should differ");
        for path in &found {
            let key = path.rsplit('.').next().unwrap_or_default();
            assert!(
                [
                    "message",
                    "text",
                    "why",
                    "prompt",
                    "summary",
                    "description",
                    "label"
                ]
                .contains(&key),
                "{args:?}: `{path}` changed with the language, and it is not a text"
            );
        }
        assert_eq!(
            en["rules"], es["rules"],
            "{args:?}: the rules are named the same"
        );
    }
}

#[test]
fn the_committed_side_by_side_review_is_up_to_date() {
    let path = "rules/microneedling.es.md";
    let out = prescreen(["rules", "show", "--lang", "es", "--format", "markdown"])
        .run()
        .status(0)
        .stderr_empty();
    let copy = std::fs::read_to_string(root().join(path)).unwrap();
    assert!(
        out.stdout == copy,
        "{path} is stale: regenerate it with `cargo run -- rules show --lang es --format markdown > {path}`"
    );
    // Every Spanish text is there beside its English, with nothing left untranslated.
    assert!(copy.contains(&format!("| `eczema.reason` | {ECZEMA_EN} | {ECZEMA_ES} |")));
    assert!(!copy.contains("(sin texto en `es`"));
    // Its own words are Spanish; each column is headed by its language's own name.
    assert!(copy.contains("\n| Dónde | English | Español |\n"));
    assert!(copy.contains("\n## Reglas: motivos y justificaciones\n"));
    assert!(!copy.contains("| Where |"));
}

#[test]
fn a_missing_translation_falls_back_to_the_first_language() {
    let fixture = "tests/lint/translation-missing.json";
    prescreen(["rules", "show", "--lang", "es", "--rules", fixture])
        .current_dir(&root())
        .run()
        .status(0)
        .stdout_has("Pregunta: Is the flag raised?")
        .stdout_has("Motivo: La bandera está levantada.");
    prescreen([
        "rules", "show", "--lang", "es", "--format", "markdown", "--rules", fixture,
    ])
    .current_dir(&root())
    .run()
    .status(0)
    .stdout_has(
        "| `flag.prompt` | Is the flag raised? | _(sin texto en `es`: se muestra el texto en English)_ |",
    );
}

/// `rules show` speaks the chosen language throughout: headings, labels, kinds, the
/// safety note and conditions, not only the rule file's texts. Ids, answer keys and
/// parameter names stay as written.
#[test]
fn rules_show_is_spanish_throughout() {
    let out = prescreen(["rules", "show", "--lang", "es"])
        .run()
        .status(0)
        .stderr_empty();
    for part in [
        "Procedimiento: Microneedling (terapia de inducción de colágeno)\n",
        "SEGURIDAD: LAS EXCLUSIONES DOCUMENTADAS\n",
        "  Cada exclusión que no está dispensada se demostró al cargar este archivo",
        "  pregnancy: aplazar (por defecto: aplazar); demostrada en 1 combinación de\n",
        "PARÁMETROS\n",
        "PREGUNTAS (13), en el orden en que se hacen\n",
        "  8. radiation_end_date [fecha, evaluación]\n     Pregunta: ¿En qué fecha terminó su radioterapia?",
        "     Se pregunta solo si: `radiation_therapy` es sí\n",
        "  eczema: NO APTA\n    Cuando: `eczema` es sí\n    Motivo: ",
        "      se cumplen todas estas:\n        - `radiation_therapy` es sí\n        - `radiation_end_date` es menos de 365 días (parámetro\n",
        "    Apta a partir de: `radiation_end_date` + 365 días (parámetro\n",
        "    makeup_wait [evitar, hasta 24 horas después]\n      Texto: ",
        "          - `treatment_area` no es \"Cuerpo (por ejemplo, estrías)\"\n",
        "      Solo si: `outdoors_next_24h` es sí\n      Por qué: ",
        "APROBACIÓN\n  Revisado y aprobado por: ____",
    ] {
        assert!(
            out.stdout.contains(part),
            "missing {part:?}\n{}",
            out.stdout
        );
    }
    for english in [
        "Prompt:",
        "SAFETY",
        "QUESTIONS",
        "When:",
        "Reason:",
        " is yes",
        "all of these",
        " days",
        "SIGN-OFF",
        "WAIVED",
        "proved over",
    ] {
        assert!(
            !out.stdout.contains(english),
            "{english:?} in\n{}",
            out.stdout
        );
    }
    assert!(
        out.stdout.lines().all(|l| l.chars().count() <= 78),
        "{}",
        out.stdout
    );
    // A waiver, with its reason in Spanish.
    let mut doc: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("rules/microneedling.json")).unwrap(),
    )
    .unwrap();
    doc["waived"] = json!([{
        "exclusion": "pregnancy",
        "reason": {"en": "Reviewed by a clinician.", "es": "Revisado por un clínico."}
    }]);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("waived.json");
    std::fs::write(&path, doc.to_string()).unwrap();
    prescreen(["rules", "show", "--lang", "es", "--format", "text"])
        .arg(&path)
        .run()
        .status(0)
        .stdout_has("  pregnancy: DISPENSADA: Revisado por un clínico.\n");
}

/// A candidate with a procedure the next day, who wears makeup and is not sure about
/// being outdoors: tailored items, clock times and a "not sure" reason.
fn spanish_candidate() -> String {
    candidate(json!({
        "procedure_time": "2026-11-24T14:00:00+01:00",
        "wears_makeup": true,
        "outdoors_next_24h": null
    }))
    .to_string()
}

#[test]
fn the_program_s_own_words_and_dates_are_spanish_in_every_format() {
    let run = |args: &[&str]| {
        prescreen(["screen", "--date", "2026-11-23", "--lang", "es"])
            .args(args)
            .stdin(spanish_candidate())
            .run()
            .status(0)
            .stderr_empty()
    };
    // The checklist's clock times and the "not sure" reason, in every format.
    let until = "hasta el miércoles, 25 de noviembre, 14:00";
    let not_sure = "No estaba seguro/a de “¿Va a estar al aire libre";
    run(&["--format", "text"])
        .stdout_has("✓ APTA: puede seguir adelante")
        .stdout_has("Cuidados posteriores: las primeras 24 horas")
        .stdout_has("Desde el martes, 24 de noviembre, 14:00 hasta el")
        .stdout_has(until)
        .stdout_has("por qué: Suele llevar maquillaje en la zona tratada.")
        .stdout_lacks("Aftercare")
        .stdout_lacks(" Nov ");
    // --explain: what became of each rule, aligned to the longest Spanish word.
    run(&["--format", "text", "--explain"])
        .stdout_has("Reglas comprobadas\n  no se aplica  pregnancy")
        .stdout_lacks("cleared");
    run(&["--format", "markdown"])
        .stdout_has("**Resultado: APTA**: puede seguir adelante")
        .stdout_has("## Las primeras 24 horas")
        .stdout_has("*Hasta el miércoles, 25 de noviembre, 14:00.*")
        .stdout_has(not_sure)
        .stdout_has("## Después del primer día")
        .stdout_lacks("Verdict");
    run(&["--format", "html"])
        .stdout_has("<html lang=\"es\">")
        .stdout_has("<strong>martes, 24 de noviembre de 2026, 14:00</strong>")
        .stdout_has(&format!("<span class=\"until\">{until}</span>"))
        .stdout_has("<span class=\"tag\">Para usted</span>")
        .stdout_has(not_sure)
        .stdout_has("<h2>Señales de alarma: cuándo llamar a la clínica</h2>")
        .stdout_lacks("lang=\"en\"")
        .stdout_lacks("The first 24 hours");
    // In English, the same sheet is as it was.
    prescreen([
        "screen",
        "--date",
        "2026-11-23",
        "--lang",
        "en",
        "--format",
        "html",
    ])
    .stdin(spanish_candidate())
    .run()
    .status(0)
    .stdout_has("<html lang=\"en\">")
    .stdout_has("<span class=\"until\">until Wed 25 Nov 2026 14:00</span>");
}

#[test]
fn for_self_the_verdict_and_its_dates_are_spanish() {
    // Radiation therapy in the last year: wait, with the date written out.
    let input = candidate(json!({"radiation_therapy": true, "radiation_end_date": "2026-06-01"}));
    let out = prescreen([
        "screen",
        "--date",
        "2026-11-23",
        "--lang",
        "es",
        "--for",
        "self",
        "--format",
        "text",
    ])
    .stdin(input.to_string())
    .run()
    .stderr_empty();
    let text = out.stdout.clone();
    assert!(
        text.contains("Espere hasta el martes 1 de junio de 2027"),
        "{text}"
    );
    assert!(
        text.contains("Comprobado el lunes 23 de noviembre de 2026"),
        "{text}"
    );
    assert!(text.contains("Qué hacer ahora"), "{text}");
    assert!(!text.contains("Please wait"), "{text}");
}

#[test]
fn reminders_tell_the_time_in_spanish() {
    let dir = tempfile::tempdir().unwrap();
    let ics = dir.path().join("r.ics");
    prescreen([
        "screen",
        "--date",
        "2026-11-23",
        "--lang",
        "es",
        "--format",
        "json",
        "--ics",
    ])
    .arg(&ics)
    .stdin(spanish_candidate())
    .run()
    .status(0);
    // Unfolded, as a calendar app reads it.
    let calendar = std::fs::read_to_string(&ics).unwrap().replace("\r\n ", "");
    assert!(
        calendar.contains("Tratamiento: martes\\, 24 de noviembre de 2026\\, 14:00 (UTC+01:00)."),
        "{calendar}"
    );
    assert!(!calendar.contains("Procedure:"), "{calendar}");
}

#[test]
fn the_fhir_questionnaire_says_which_language_its_texts_are_in() {
    for (lang, prompt) in [
        ("en", "Are you pregnant, or could you be?"),
        ("es", "¿Está embarazada o podría estarlo?"),
    ] {
        let out = prescreen(["rules", "fhir", "--lang", lang]).run().status(0);
        let q: Value = serde_json::from_str(&out.stdout).unwrap();
        assert_eq!(q["language"], lang);
        assert_eq!(q["item"][0]["text"], prompt, "{lang}");
    }
}
