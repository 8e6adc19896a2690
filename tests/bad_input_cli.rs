//! Bad input that would cost too much or fail late is refused at once: a message that names the
//! option, what is wrong and how to fix it, exit status 2, and nothing written.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may fail loudly

mod common;

use common::ontrack;

#[test]
fn check_refuses_too_few_cases_and_says_the_minimum() {
    for cases in ["0", "1"] {
        let (code, stdout, stderr) = ontrack(&["check", "depression-cbt-oq45", "--cases", cases]);
        assert_eq!(code, 2, "{stdout}{stderr}");
        assert!(stdout.is_empty(), "no table of zeros: {stdout}");
        assert!(
            stderr.contains(&format!("--cases {cases}: too few"))
                && stderr.contains("needs at least 685 cases")
                && stderr.contains("Hosmer–Lemeshow"),
            "{stderr}"
        );
    }
    // The minimum itself is judged.
    let (code, _, stderr) = ontrack(&["check", "depression-cbt-oq45", "--cases", "685"]);
    assert_ne!(code, 2, "{stderr}");
}

#[test]
fn check_refuses_more_cases_than_fit_in_memory() {
    let (code, stdout, stderr) =
        ontrack(&["check", "depression-cbt-oq45", "--cases", "1000000000000"]);
    assert_eq!(code, 2, "{stdout}{stderr}");
    assert!(
        stderr.contains("--cases 1000000000000: too many") && stderr.contains("at most 10000000"),
        "{stderr}"
    );
}
