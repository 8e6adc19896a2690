//! The instruction sheet a trainer prints for a course: the course code in large type and the steps
//! a trainee follows, in Dutch or English, as a self-contained HTML page (any browser prints it).

use crate::i18n::{t, tf};
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
    let code_html = esc(code);
    let heading = t(lang, "sheet-heading");
    let steps = [
        t(lang, "sheet-step-1"),
        t(lang, "sheet-step-2"),
        tf(lang, "sheet-step-3", &[("code", code_html.clone().into())]),
        t(lang, "sheet-step-4"),
        t(lang, "sheet-step-5"),
    ];
    let about = tf(
        lang,
        "sheet-about",
        &[
            ("cases", f.cases_per_run.into()),
            ("sessions", f.sessions.into()),
            ("measure", esc(&f.measure.name).into()),
            ("minutes", f.minutes.into()),
        ],
    );
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
        code = code_html,
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
