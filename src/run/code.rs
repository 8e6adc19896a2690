//! Course codes: a short code a trainer writes on the whiteboard (`DCBT-7Q4K`) that carries the
//! scenario and the seed, so a whole class gets the same cases, with a check character that catches
//! a mistyped or swapped character.
//!
//! Layout: the scenario's four-character code, a dash, three Crockford base-32 characters for the
//! seed (0–32 767), and a check character: Σ (position · value) mod 37 over the scenario code and the
//! seed characters, written with Crockford's check symbols. With a prime modulus and weights 1–7,
//! every single wrong character and every swap of two neighbours changes the check. Reading is
//! forgiving: any case, without the dash, `O` read as 0 and `I`/`L` as 1.

use crate::scenario::Scenario;

/// Crockford base 32 (no I, L, O, U), followed by the five extra check symbols.
const SYMBOLS: &[u8; 37] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ*~$=U";

/// The largest seed a course code carries.
pub const MAX_SEED: u64 = 32 * 32 * 32 - 1;

/// A seed from the clock, for a run or a course nobody chose a seed for.
pub fn clock_seed() -> u64 {
    u64::from(jiff::Timestamp::now().subsec_nanosecond().unsigned_abs()) % (MAX_SEED + 1)
}

/// Why a course code cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CodeError {
    #[error(
        "\"{0}\" is not a course code: it looks like ABCD-1234 (four characters, a dash, four characters)"
    )]
    Shape(String),
    #[error(
        "\"{0}\" has a typing error: the check character does not match — copy the code again from the board"
    )]
    Check(String),
    #[error("a course code carries seeds up to {MAX_SEED}, not {0}")]
    SeedTooLarge(u64),
    #[error("\"{0}\" is not a scenario code: use four letters or digits")]
    Prefix(String),
    #[error(
        "{code}: no scenario has the course code prefix {prefix} — check the code, or name the scenario file the trainer gave you"
    )]
    UnknownScenario { code: String, prefix: String },
}

/// The scenario a course code names among `candidates`, the seed it carries, and the code as it is
/// written on the board (`DCBT-0Z89`, however it was typed), for the command line and the app alike.
pub fn find_course<S: std::borrow::Borrow<Scenario>>(
    code: &str,
    candidates: impl IntoIterator<Item = S>,
) -> Result<(S, u64, String), CodeError> {
    let (prefix, seed) = decode(code)?;
    let scenario = candidates
        .into_iter()
        .find(|s| s.borrow().course_prefix() == prefix)
        .ok_or_else(|| CodeError::UnknownScenario {
            code: code.trim().to_string(),
            prefix: prefix.clone(),
        })?;
    let written = encode(&prefix, seed)?;
    Ok((scenario, seed, written))
}

fn value(c: char) -> Option<usize> {
    let c = match c.to_ascii_uppercase() {
        'O' => '0',
        'I' | 'L' => '1',
        other => other,
    };
    SYMBOLS.iter().take(32).position(|&s| s as char == c)
}

fn check_symbol(values: &[usize]) -> char {
    let sum: usize = values.iter().enumerate().map(|(i, v)| (i + 1) * v).sum();
    SYMBOLS.get(sum % 37).map_or('0', |&b| b as char)
}

/// The course code of a scenario code (four characters) and a seed.
pub fn encode(prefix: &str, seed: u64) -> Result<String, CodeError> {
    if seed > MAX_SEED {
        return Err(CodeError::SeedTooLarge(seed));
    }
    let prefix_values: Option<Vec<usize>> = prefix.chars().map(value).collect();
    let Some(mut values) = prefix_values.filter(|v| v.len() == 4) else {
        return Err(CodeError::Prefix(prefix.to_string()));
    };
    let digits = [(seed >> 10) & 31, (seed >> 5) & 31, seed & 31].map(|d| d as usize);
    values.extend(digits);
    let text: String = values
        .iter()
        .map(|&v| SYMBOLS.get(v).map_or('0', |&b| b as char))
        .collect();
    let (p, s) = text.split_at(4);
    Ok(format!("{p}-{s}{}", check_symbol(&values)))
}

/// The scenario code and seed of a course code, or why it cannot be read.
pub fn decode(code: &str) -> Result<(String, u64), CodeError> {
    let compact: Vec<char> = code
        .trim()
        .chars()
        .filter(|c| *c != '-' && *c != ' ')
        .collect();
    if compact.len() != 8 {
        return Err(CodeError::Shape(code.to_string()));
    }
    let values: Option<Vec<usize>> = compact.iter().take(7).map(|&c| value(c)).collect();
    let Some(values) = values else {
        return Err(CodeError::Shape(code.to_string()));
    };
    let given = compact.get(7).map(|c| c.to_ascii_uppercase());
    if given != Some(check_symbol(&values)) {
        return Err(CodeError::Check(code.to_string()));
    }
    let prefix: String = values
        .iter()
        .take(4)
        .map(|&v| SYMBOLS.get(v).map_or('0', |&b| b as char))
        .collect();
    let seed = values
        .iter()
        .skip(4)
        .fold(0u64, |acc, &v| acc * 32 + v as u64);
    Ok((prefix, seed))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_course_code_finds_its_scenario_among_the_candidates() {
        let bundled: Vec<Scenario> = crate::scenario::bundled_ids()
            .into_iter()
            .filter_map(|id| crate::scenario::resolve(id).ok())
            .collect();
        let target = &bundled[1];
        let code = encode(&target.course_prefix(), 77).expect("encodes");
        let typed = code.to_ascii_lowercase().replace('-', "");
        let (found, seed, written) = find_course(&typed, &bundled).expect("found");
        assert_eq!(found.hash, target.hash);
        assert_eq!(seed, 77);
        assert_eq!(written, code);
        let unknown = encode("ZZZZ", 1).expect("encodes");
        assert!(matches!(
            find_course(&unknown, &bundled),
            Err(CodeError::UnknownScenario { .. })
        ));
    }

    #[test]
    fn round_trip() {
        for seed in [0, 1, 31, 32, 1000, MAX_SEED] {
            let code = encode("DCBT", seed).expect("encodes");
            assert_eq!(code.len(), 9);
            assert_eq!(decode(&code), Ok(("DCBT".to_string(), seed)));
        }
    }

    #[test]
    fn worked_example() {
        // D C B T = 13 12 11 26; seed 1000 = 0·1024 + 31·32 + 8 → "0Z8";
        // check = (1·13 + 2·12 + 3·11 + 4·26 + 5·0 + 6·31 + 7·8) mod 37 = 416 mod 37 = 9 → "9".
        assert_eq!(encode("DCBT", 1000), Ok("DCBT-0Z89".to_string()));
    }

    #[test]
    fn reading_is_forgiving() {
        let code = encode("DCBT", 1000).expect("encodes");
        assert_eq!(decode(&code.to_lowercase()), Ok(("DCBT".to_string(), 1000)));
        assert_eq!(decode("DCBT0Z89"), Ok(("DCBT".to_string(), 1000)));
        assert_eq!(
            decode("DCBT-OZ89"),
            Ok(("DCBT".to_string(), 1000)),
            "O read as 0"
        );
    }

    #[test]
    fn every_single_typo_and_neighbour_swap_is_caught() {
        let code: Vec<char> = encode("DCBT", 12345)
            .expect("encodes")
            .chars()
            .filter(|c| *c != '-')
            .collect();
        for i in 0..code.len() {
            for &b in SYMBOLS.iter().take(32) {
                let c = b as char;
                if c == code[i] {
                    continue;
                }
                let mut typo = code.clone();
                typo[i] = c;
                let text: String = typo.iter().collect();
                assert!(decode(&text).is_err(), "{text} slipped through");
            }
        }
        for i in 0..code.len() - 1 {
            if code[i] == code[i + 1] {
                continue;
            }
            let mut swapped = code.clone();
            swapped.swap(i, i + 1);
            let text: String = swapped.iter().collect();
            assert!(decode(&text).is_err(), "{text} slipped through");
        }
    }

    #[test]
    fn bad_input_says_what_is_wrong() {
        assert!(matches!(decode("DCBT-12"), Err(CodeError::Shape(_))));
        assert!(matches!(decode("DCBT-U123"), Err(CodeError::Shape(_))));
        assert_eq!(
            encode("DCBT", MAX_SEED + 1),
            Err(CodeError::SeedTooLarge(MAX_SEED + 1))
        );
        assert!(matches!(encode("DC", 1), Err(CodeError::Prefix(_))));
    }
}
