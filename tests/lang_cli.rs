//! Every command speaks the language of `--lang`: Dutch (the default) with a decimal comma and no
//! English words left in its headers, or English; and its tables line up in both.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may fail loudly

mod common;

use common::ontrack;

/// Runs `ontrack --lang LANG args…` in Dutch and in English; both must succeed.
fn in_both(args: &[&str]) -> (String, String) {
    in_both_ending(args, &[0])
}

/// Runs `ontrack --lang LANG args…` in Dutch and in English; both must end with one of `codes`.
fn in_both_ending(args: &[&str], codes: &[i32]) -> (String, String) {
    let run = |lang: &str| {
        let mut all = vec!["--lang", lang];
        all.extend_from_slice(args);
        let (code, stdout, stderr) = ontrack(&all);
        assert!(codes.contains(&code), "{lang} {args:?}: {code}\n{stderr}");
        stdout
    };
    (run("nl"), run("en"))
}

fn has_all(text: &str, words: &[&str]) {
    for w in words {
        assert!(text.contains(w), "lacks {w:?}:\n{text}");
    }
}

fn has_none(text: &str, words: &[&str]) {
    for w in words {
        assert!(!text.contains(w), "still has {w:?}:\n{text}");
    }
}

fn width(line: &str) -> usize {
    line.chars().count()
}

/// A finished run of the minimal scenario by the typical bot, in `dir`; its path.
fn a_run(dir: &std::path::Path) -> String {
    let (code, stdout, stderr) = ontrack(&[
        "play",
        "tests/scenarios/minimal.ron",
        "--bot",
        "typical",
        "--trainee",
        "Anna",
        "--results",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    stdout.trim().to_string()
}

#[test]
fn scenarios_lists_in_the_language() {
    let (nl, en) = in_both(&["scenarios"]);
    has_all(
        &nl,
        &[
            "Depressie, CGT, OQ-45",
            "12 cliënten, 16 sessies, ongeveer 40 min",
        ],
    );
    has_none(&nl, &["cases", "sessions", "about"]);
    has_all(
        &en,
        &[
            "Depression, CBT, OQ-45",
            "12 cases, 16 sessions, about 40 min",
        ],
    );
}

#[test]
fn validate_summarises_in_the_language() {
    let (nl, en) = in_both(&["validate", "depression-cbt-oq45"]);
    has_all(
        &nl,
        &[
            "depression-cbt-oq45: in orde",
            "meetinstrument: OQ-45.2 0–180 (hoger is slechter), klinische grenswaarde 64",
            "meetmomenten na sessie [0, 3, 6], 12 cliënten per ronde",
            "0,073",
            "(zonder drift / met drift)",
        ],
    );
    has_none(
        &nl,
        &["measure:", "cutoff", "declared", "solved", "0.073", ": ok"],
    );
    has_all(
        &en,
        &[
            "depression-cbt-oq45: ok",
            "measure: OQ-45.2 0–180 (higher is worse), clinical cutoff 64",
            "declared deterioration rate: 0.073",
        ],
    );
}

#[test]
fn generate_and_play_say_what_they_did_in_the_language() {
    let dir = tempfile::tempdir().unwrap();
    let out = |name: &str| dir.path().join(name).to_str().unwrap().to_string();
    let (nl_dir, en_dir) = (out("nl"), out("en"));
    for (lang, folder, words) in [
        (
            "nl",
            &nl_dir,
            "5 cliënten van minimal (startgetal 3) geschreven naar",
        ),
        ("en", &en_dir, "wrote 5 cases of minimal (seed 3) to"),
    ] {
        let (code, stdout, stderr) = ontrack(&[
            "--lang",
            lang,
            "generate",
            "tests/scenarios/minimal.ron",
            "--seed",
            "3",
            "--cases",
            "5",
            "--out",
            folder,
        ]);
        assert_eq!(code, 0, "{stderr}");
        has_all(&stdout, &[words]);
    }
    let results = out("results");
    let play = |lang: &str| {
        let (code, stdout, stderr) = ontrack(&[
            "--lang",
            lang,
            "play",
            "tests/scenarios/minimal.ron",
            "--bot",
            "ideal",
            "--ack",
            "--results",
            &results,
        ]);
        assert_eq!(code, 0, "{stderr}");
        stdout
    };
    let nl = play("nl");
    assert!(nl.starts_with("bewaard 1\n"), "{nl}");
    has_none(&nl, &["saved"]);
    assert!(play("en").starts_with("saved 1\n"));
}

#[test]
fn check_reports_in_the_language_and_its_tables_line_up() {
    // On 3 000 cases (the fewest that measure the rarest rate line, violations, is 2 038) a line may fail by chance (each table is a family-wise 99.75 % test), with exit
    // status 1; the tables and the language are what is tested here.
    let (nl, en) = in_both_ending(
        &["check", "depression-cbt-oq45", "--cases", "3000"],
        &[0, 1],
    );
    has_all(
        &nl,
        &[
            "3000 cliënten, startgetal 1",
            "aandeel",
            "opgegeven",
            "gerealiseerd",
            "oordeel",
            "verslechtering",
            "gebeurtenissen: bijwerking",
            "meetmoment voorspeller",
            "miskalibratie",
            "signaleringsregel",
            "best mogelijk",
            "0,0730",
            "Kwalificatiedoelen",
            "doel",
            "bron",
            "hannan2005 (geverifieerd)",
            "betrouwbaar verbeterd bij sessie 8",
        ],
    );
    assert!(nl.contains("GOED: elke regel klopt") || nl.contains("FOUT: zie de regels met FOUT"));
    has_none(
        &nl,
        &[
            "declared",
            "realised",
            "result",
            "checkpoint",
            "forecaster",
            "reliability",
            "PASS",
            "FAIL",
            "0.0730",
        ],
    );
    has_all(
        &en,
        &[
            "3000 cases, seed 1",
            "declared",
            "checkpoint forecaster",
            "0.0730",
            "Qualification targets",
            "hannan2005 (verified)",
            "reliably improved at session 8",
        ],
    );
    assert!(
        en.contains("PASS: every line holds") || en.contains("FAIL: see the lines marked FAIL")
    );
    for (text, result) in [(&nl, "oordeel"), (&en, "result")] {
        let lines: Vec<&str> = text.lines().collect();
        // The rate table: the header ends with the result column's name, every row with a verdict
        // of four letters; all else lines up to there.
        // The target table below it is built the same way.
        let headers: Vec<usize> = (0..lines.len())
            .filter(|&i| lines[i].ends_with(result))
            .collect();
        assert_eq!(headers.len(), 2, "{text}");
        for header in headers {
            let edge = width(lines[header]) - width(result);
            let rows: Vec<&&str> = lines[header + 1..]
                .iter()
                .take_while(|l| !l.starts_with('*'))
                .collect();
            assert!(rows.len() >= 3);
            for row in rows {
                assert_eq!(width(row) - 4, edge, "{row}\n{}", lines[header]);
            }
        }
        // The forecasters' table: right-aligned to the last column, so every line is as wide.
        let start = lines
            .iter()
            .position(|l| l.starts_with("meetmoment") || l.starts_with("checkpoint"))
            .unwrap();
        let table = &lines[start..start + 10];
        assert!(
            table.iter().all(|l| width(l) == width(table[0])),
            "{table:#?}"
        );
    }
}

#[test]
fn score_labels_in_the_language_and_the_values_line_up() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("forecasts.csv");
    std::fs::write(&csv, "forecast,outcome\n0.2,0\n0.2,1\n0.8,1\n0.8,1\n").unwrap();
    let (nl, en) = in_both(&["score", "--forecasts", csv.to_str().unwrap()]);
    has_all(
        &nl,
        &[
            "Brier-score",
            "0,1900",
            "miskalibratie (REL)",
            "resolutie (RES)",
            "onzekerheid (UNC)",
            "vaardigheid (tegen het basispercentage)",
            "95 %-bootstrapinterval",
        ],
    );
    has_none(
        &nl,
        &[
            "reliability",
            "resolution (",
            "uncertainty",
            "skill",
            "0.1900",
        ],
    );
    has_all(
        &en,
        &["0.1900", "reliability (REL)", "Brier skill (base rate)"],
    );
    for text in [&nl, &en] {
        // The values start in one column, after the longest label and a space.
        let column = text.lines().next().unwrap().rfind(' ').unwrap() + 1;
        for line in text.lines() {
            let chars: Vec<char> = line.chars().collect();
            assert!(
                chars[column - 1] == ' ' && chars[column] != ' ',
                "{line:?} in\n{text}"
            );
        }
    }
}

#[test]
fn report_debriefs_in_the_language() {
    let dir = tempfile::tempdir().unwrap();
    let run = a_run(dir.path());
    let (nl, en) = in_both(&["report", &run]);
    has_all(
        &nl,
        &[
            "Nabespreking — Anna — minimal (startgetal 1, cursuscode",
            "10 cliënten, 20 voorspellingen.",
            "Bij het laatste meetmoment",
            "Hannan e.a. (2005)",
            "Brier-score ",
            "95 %-interval 0,",
            "Op dezelfde cliënten en meetmomenten:",
            "  jij ",
            "signaleringsregel",
            "Afwijken van het protocol",
            "Ongewenste gebeurtenissen",
            "Cohens κ",
            "(rijen: juiste klasse, kolommen: jouw antwoord)",
        ],
    );
    has_none(
        &nl,
        &[
            "Debrief",
            "course code",
            "forecasts",
            "Brier score",
            "you ",
            "not defined",
            "Unwanted",
            "rows:",
            "actuarial",
            "base_rate",
        ],
    );
    has_all(
        &en,
        &[
            "Debrief — Anna — minimal (seed 1, course code",
            "Hannan et al. (2005)",
            "Cohen's κ",
        ],
    );
}

#[test]
fn cohort_tables_in_the_language_and_its_columns_line_up() {
    let dir = tempfile::tempdir().unwrap();
    a_run(dir.path());
    std::fs::write(dir.path().join("junk.ron"), "junk").unwrap();
    // Entries that are not used, each with its reason in the language.
    std::fs::write(dir.path().join("notes.txt"), "notes").unwrap();
    std::fs::create_dir(dir.path().join("older")).unwrap();
    std::fs::create_dir(dir.path().join("folder.ron")).unwrap();
    let folder = dir.path().to_str().unwrap();
    let (nl, en) = in_both(&["cohort", folder]);
    has_all(
        &nl,
        &[
            "geen leesbaar rondebestand",
            "een map, geen rondebestand — niet gelezen",
            "geen rondebestand (alleen bestanden met een naam op *.ron worden gelezen)",
            "een map — rondebestanden worden alleen uit deze map gelezen",
        ],
    );
    has_none(
        &nl,
        &[
            "not a readable run file",
            "a folder",
            "not a run file",
            "only files named",
            "not read",
        ],
    );
    has_all(
        &en,
        &[
            "not a readable run file",
            "a folder, not a run file — not read",
            "not a run file (only files named *.ron are read)",
            "a folder — run files are read from this folder only",
        ],
    );
    has_all(
        &nl,
        &[
            "minimal — startgetal 1 — cursuscode",
            "deelnemer",
            "cliënten",
            "vaardigheid",
            "95 %-interval",
            "[best mogelijk]",
            "[signaleringsregel]",
            "[basispercentage]",
            "niet gebruikte bestanden (2):",
            "Brier: lager is beter (0,25 = altijd 50 %)",
        ],
    );
    has_none(
        &nl,
        &[
            "course code",
            "trainee",
            "cases",
            "skill",
            "[ideal]",
            "files not used",
            "lower is better",
        ],
    );
    has_all(
        &en,
        &[
            "minimal — seed 1 — course code",
            "trainee",
            "[ideal]",
            "files not used (2):",
            "Brier: lower is better (0.25 = always 50 %)",
        ],
    );
    for (text, first) in [(&nl, "deelnemer"), (&en, "trainee")] {
        // Right-aligned to the last column: the header and a trainee's row are equally wide.
        let header = text.lines().find(|l| l.starts_with(first)).unwrap();
        let anna = text.lines().find(|l| l.starts_with("Anna")).unwrap();
        assert_eq!(width(header), width(anna), "\n{header}\n{anna}");
    }
    // A folder where nothing can be scored says so in the language, and exits 2 (bad input).
    let empty = tempfile::tempdir().unwrap();
    for (lang, said) in [
        ("nl", "geen enkel rondebestand kon worden gescoord"),
        ("en", "no run files could be scored"),
    ] {
        let (code, stdout, stderr) =
            ontrack(&["--lang", lang, "cohort", empty.path().to_str().unwrap()]);
        assert_eq!(code, 2, "{lang}: {stderr}");
        has_all(&stdout, &[said]);
    }
}
