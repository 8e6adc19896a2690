//! The instruction sheet a trainer prints for a course: the course code in large type and the steps
//! a trainee follows, in Dutch or English, as a self-contained HTML page (any browser prints it).

use crate::scenario::{Lang, Scenario};

/// Escapes text for HTML.
fn esc(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The sheet for `code` (a course code of `scenario`), in `lang`.
pub fn handout_html(scenario: &Scenario, code: &str, lang: Lang) -> String {
    let f = &scenario.file;
    let title = esc(f.title.get(lang));
    let (heading, steps, about) = match lang {
        Lang::Nl => (
            "Oefening in voorspellen: wie gaat achteruit?",
            [
                "Open OnTrack.".to_string(),
                "Kies een pseudoniem: een naam die jou niet herkenbaar maakt. Gebruik elke week dezelfde, dan zie je je voortgang.".to_string(),
                format!("Typ de cursuscode <b>{}</b> in het vak ‘Cursuscode’ en klik op Starten.", esc(code)),
                "Lees de uitleg. Geef bij elk meetmoment de kans (1–99 %) dat de cliënt aan het eind van de behandeling achteruit is gegaan, markeer sessies waarin de therapeut van het protocol afwijkt, en deel elke ongewenste gebeurtenis in.".to_string(),
                "Na elke cliënt zie je wat er gebeurde; aan het eind krijg je je nabespreking. Je antwoorden worden na elke stap bewaard: sluit je het venster, dan ga je later verder waar je was.".to_string(),
            ],
            format!(
                "{} cliënten, {} sessies elk, meetinstrument {}; ongeveer {} minuten. Iedereen met deze code krijgt dezelfde cliënten, zodat we ze samen kunnen bespreken.",
                f.cases_per_run, f.sessions, esc(&f.measure.name), f.minutes
            ),
        ),
        Lang::En => (
            "Forecasting exercise: who will get worse?",
            [
                "Open OnTrack.".to_string(),
                "Choose a pseudonym: a name that does not identify you. Use the same one every week to see your progress.".to_string(),
                format!("Type the course code <b>{}</b> in the ‘Course code’ field and click Start.", esc(code)),
                "Read the briefing. At each checkpoint give the chance (1–99 %) that the client will have deteriorated by the end of treatment, flag sessions where the therapist drifts from the protocol, and classify every unwanted event.".to_string(),
                "After each client you see what happened; at the end you get your debrief. Your answers are saved after every step: close the window and you can go on later where you stopped.".to_string(),
            ],
            format!(
                "{} clients, {} sessions each, measure {}; about {} minutes. Everyone with this code gets the same clients, so we can discuss them together.",
                f.cases_per_run, f.sessions, esc(&f.measure.name), f.minutes
            ),
        ),
    };
    let items: String = steps.iter().map(|s| format!("<li>{s}</li>\n")).collect();
    let lang_tag = match lang {
        Lang::Nl => "nl",
        Lang::En => "en",
    };
    format!(
        r#"<!DOCTYPE html>
<html lang="{lang_tag}">
<head><meta charset="utf-8"><title>OnTrack — {code}</title>
<style>
body {{ font-family: sans-serif; max-width: 42em; margin: 2em auto; line-height: 1.5; }}
.code {{ font-size: 4em; font-weight: bold; letter-spacing: 0.1em; text-align: center; border: 3px solid black; padding: 0.3em; margin: 0.5em 0; }}
li {{ margin-bottom: 0.6em; }}
</style></head>
<body>
<h1>{heading}</h1>
<h2>{title}</h2>
<div class="code">{code}</div>
<p>{about}</p>
<ol>
{items}</ol>
</body></html>
"#,
        code = esc(code),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::resolve;

    #[test]
    fn the_sheet_carries_the_code_and_the_steps_in_both_languages() {
        let s = resolve("depression-cbt-oq45").expect("bundled");
        let nl = handout_html(&s, "DCBT-0Z89", Lang::Nl);
        assert!(nl.contains(r#"<div class="code">DCBT-0Z89</div>"#));
        assert!(nl.contains("cursuscode <b>DCBT-0Z89</b>"));
        assert!(nl.contains("12 cliënten, 16 sessies"));
        let en = handout_html(&s, "DCBT-0Z89", Lang::En);
        assert!(en.contains("course code <b>DCBT-0Z89</b>"));
        assert!(en.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(esc("<a & \"b\">"), "&lt;a &amp; &quot;b&quot;&gt;");
    }
}
