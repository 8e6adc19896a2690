//! Numbers for people: how every screen, report and table writes a metric, with the decimal mark of
//! the language and one way of saying that a metric is not defined.

use crate::i18n::t;
use crate::scenario::Lang;
use crate::score::{Interval, Metric};

/// A number with `decimals` decimals, with a decimal comma in Dutch.
pub fn number(value: f64, decimals: usize, lang: Lang) -> String {
    let text = format!("{value:.decimals$}");
    match lang {
        Lang::Nl => text.replace('.', ","),
        Lang::En => text,
    }
}

/// A metric with `decimals` decimals, or `undefined` when it is not defined on these forecasts
/// (a table says "—", a sentence "not defined").
pub fn metric(m: &Metric, decimals: usize, lang: Lang, undefined: &str) -> String {
    m.as_ref()
        .value()
        .map_or_else(|| undefined.to_string(), |v| number(*v, decimals, lang))
}

/// A number as short as it can be written exactly (14, 13.5), with a decimal comma in Dutch: for
/// numbers a scenario declares, which should read as the author wrote them.
pub fn decimal(value: f64, lang: Lang) -> String {
    let text = value.to_string();
    match lang {
        Lang::Nl => text.replace('.', ","),
        Lang::En => text,
    }
}

/// Why a metric is not defined, as " (reason)" in `lang`; nothing when it is defined. The reasons are
/// the ones the app's debrief gives; one without a translation is given as the JSON says it.
pub fn why(m: &Metric, lang: Lang) -> String {
    m.undefined().map_or(String::new(), |u| {
        let key = format!("why-{u:?}").to_lowercase();
        let text = t(lang, &key);
        let reason = if text == key {
            u.reason().to_string()
        } else {
            text
        };
        format!(" ({reason})")
    })
}

/// An interval as "low–high", or `undefined` when there is none.
pub fn interval(m: &Metric<Interval>, decimals: usize, lang: Lang, undefined: &str) -> String {
    m.as_ref().value().map_or_else(
        || undefined.to_string(),
        |i| {
            format!(
                "{}–{}",
                number(i.low, decimals, lang),
                number(i.high, decimals, lang)
            )
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::score::Undefined;

    #[test]
    fn dutch_writes_a_decimal_comma() {
        assert_eq!(number(0.1234, 3, Lang::Nl), "0,123");
        assert_eq!(number(0.1236, 3, Lang::En), "0.124");
        assert_eq!(decimal(13.5, Lang::Nl), "13,5");
        assert_eq!(decimal(64.0, Lang::En), "64");
    }

    #[test]
    fn an_undefined_metric_says_so_and_why() {
        let m: Metric = Metric::Undefined(Undefined::OneOutcome);
        assert_eq!(metric(&m, 2, Lang::En, "—"), "—");
        assert_eq!(why(&m, Lang::En), " (all clients had the same outcome)");
        assert_eq!(
            why(&m, Lang::Nl),
            " (alle cliënten hadden dezelfde uitkomst)"
        );
        assert_eq!(metric(&Metric::Value(0.5), 2, Lang::En, "—"), "0.50");
        assert_eq!(why(&Metric::Value(0.5), Lang::Nl), "");
    }
}
