#!/usr/bin/env python3
"""Seeds fuzz/corpus/scenario_parse (git-ignored) for the `scenario_parse` fuzz target.

Copies the shipped scenarios, the test scenarios and the fuzz regressions, then writes variants of the
reference scenario that still load (other onsets, drift and hello-goodbye rates, scale directions, steps)
or fail in each way the loader explains, and a small valid scenario: short inputs mutate far faster than
the 22 kB reference file. Run from anywhere: `python3 fuzz/seed_corpus.py`.
"""
import re, pathlib, glob, shutil
root = pathlib.Path(__file__).resolve().parent.parent
out = root / "fuzz/corpus/scenario_parse"
out.mkdir(parents=True, exist_ok=True)
# The scenarios as shipped, the test scenarios (valid and invalid) and the fuzz regressions.
for pattern in ["scenarios/*.ron", "tests/scenarios/*.ron", "tests/scenarios/bad/*.ron", "tests/fuzz_regressions/*.ron"]:
    for f in glob.glob(str(root / pattern)):
        name = pattern.split("/*")[0].replace("/", "-") + "-" + pathlib.Path(f).name
        shutil.copy(f, out / name)
base = (root / "scenarios/depression-cbt-oq45.ron").read_text()

class Gone(Exception):
    pass

def sub(text, old, new, count=1):
    if old not in text:
        raise Gone(old)
    return text.replace(old, new, count)

class Variants(dict):
    """Collects variants; one whose anchor text is no longer in the reference is skipped with a note."""
    def __setitem__(self, name, make):
        try:
            super().__setitem__(name, make() if callable(make) else make)
        except Gone as gone:
            print(f"skipped variant {name}: {gone} is no longer in the reference scenario")

v = Variants()
v["nocomments"] = "\n".join(l for l in base.splitlines() if not l.lstrip().startswith("//"))
v["weights"] = lambda: sub(base, "onset: Uniform(first: 2, last: 10)", "onset: Weights([0, 1, 2, 3, 0.5])")
v["drift-all"] = lambda: sub(base, "rate: (value: 0.30, source: \"choice-drift\")", "rate: (value: 1.0, source: \"choice-drift\")")
v["drift-none"] = lambda: sub(base, "rate: (value: 0.30, source: \"choice-drift\")", "rate: (value: 0.0, source: \"choice-drift\")")
v["hg-none"] = lambda: sub(base, "rate: (value: 0.15, source: \"choice-hello-goodbye\")", "rate: (value: 0, source: \"choice-hello-goodbye\")")
v["hg-all"] = lambda: sub(base, "rate: (value: 0.15, source: \"choice-hello-goodbye\")", "rate: (value: 1, source: \"choice-hello-goodbye\")")
v["one-session"] = lambda: sub(sub(sub(base, "sessions: 16", "sessions: 1"), "checkpoints: [0, 3, 6]", "checkpoints: [0]"), "Uniform(first: 2, last: 10)", "Uniform(first: 1, last: 1)")
v["all-checkpoints"] = lambda: sub(base, "checkpoints: [0, 3, 6]", "checkpoints: [" + ", ".join(str(i) for i in range(16)) + "]")
v["half-steps"] = lambda: sub(sub(base, "step: 1,\n        higher_is_worse", "step: 0.5,\n        higher_is_worse"), "step: 1,\n        sd: 3.5", "step: 0.5,\n        sd: 3.5")
def lower_is_worse():
    ors = base
    for a, b in [("min: 0,\n        max: 180,\n        step: 1,\n        higher_is_worse: true", "min: 0,\n        max: 40,\n        step: 0.1,\n        higher_is_worse: false"),
                 ("clinical_cutoff: (value: 64,", "clinical_cutoff: (value: 25,"),
                 ("reliable_change: (value: 14,", "reliable_change: (value: 5,"),
                 ("intake_mean: (value: 83,", "intake_mean: (value: 19,"),
                 ("intake_sd: (value: 20,", "intake_sd: (value: 8,"),
                 ("session_noise_sd: (value: 7,", "session_noise_sd: (value: 2.5,"),
                 ("mean_change: -35", "mean_change: 12"), ("mean_change: -17", "mean_change: 6"),
                 ("mean_change: 20,", "mean_change: -8,"), ("sd_change: 10", "sd_change: 4"),
                 ("size: (value: 7,", "size: (value: 2,"),
                 ("(value: 0.073,", "(value: 0.15,")]:
        ors = sub(ors, a, b)
    return ors
v["ors-lower-is-worse"] = lower_is_worse
# Invalid ones: every kind of error the loader explains.
v["bad-unknown-field"] = lambda: sub(base, "    minutes: 40,", "    minutes: 40,\n    colour: \"blue\",")
v["bad-missing-field"] = lambda: sub(base, "    minutes: 40,\n", "")
v["bad-duplicate-field"] = lambda: sub(base, "    minutes: 40,", "    minutes: 40,\n    minutes: 41,")
v["bad-variant"] = lambda: sub(base, "linden: Unrelated", "linden: Unknown")
v["bad-format"] = lambda: sub(base, "format: 1", "format: 2")
v["bad-values"] = lambda: sub(sub(sub(base, "sd_change: 10", "sd_change: -1"), "(value: 0.073,", "(value: NaN,"), "step: 1,\n        sd: 3.5", "step: 0,\n        sd: inf")
v["bad-keys"] = lambda: sub(base, "AfterElement(\"activation\")", "AfterElement(\"nothing\")")
v["bad-unreachable-rate"] = lambda: sub(base, "(value: 0.073,", "(value: 0.9,")
v["truncated"] = base[: len(base) // 2]
v["deep"] = "Scenario(" + "(" * 200 + ")" * 200 + ")"
v["raw-strings"] = lambda: sub(base, "id: \"depression-cbt-oq45\"", "id: r#\"depression-cbt-oq45\"#")
v["implicit-some"] = lambda: "#![enable(implicit_some)]\n" + re.sub(r'link: Some\(("[^"]*")\)', r'link: \1', base)
for name, text in v.items():
    (out / f"variant-{name}.ron").write_text(text)

# A small valid scenario: short inputs mutate much faster than the 22 kB reference file.
mini = '''Scenario(
    format: 1,
    id: "mini",
    title: (nl: "t", en: "t"),
    briefing: (nl: "b", en: "b"),
    sources: [(key: "s", citation: "c", kind: ModellingChoice)],
    measure: (
        name: "M",
        explanation: (nl: "e", en: "e"),
        min: 0, max: 100, step: 1, higher_is_worse: true,
        clinical_cutoff: (value: 50, source: "s"),
        reliable_change: (value: 10, source: "s"),
        intake_mean: (value: 60, source: "s"),
        intake_sd: (value: 10, source: "s"),
        test_retest: (value: 0.8, source: "s"),
        session_noise_sd: (value: 5, source: "s"),
    ),
    sessions: 4,
    checkpoints: [0, 2],
    deterioration_rate: (value: 0.1, source: "s"),
    recovery_rate: (low: 0.2, high: 0.4, source: "s"),
    courses: [
        (key: "a", label: (nl: "a", en: "a"), prior: Share(1), mean_change: -10, sd_change: 5, alliance_mean: 5, source: "s"),
        (key: "d", label: (nl: "d", en: "d"), prior: SolvedFromDeteriorationRate, mean_change: 15, sd_change: 5, alliance_mean: 3, source: "s"),
    ],
    alliance: (name: "A", min: 0, max: 10, step: 1, sd: 2, concern_below: 4, source: "s"),
    protocol: (
        name: (nl: "p", en: "p"),
        elements: [(key: "e", label: (nl: "e", en: "e"), omission_before_drift: 0.1, delivered: (nl: "y", en: "y"), omitted: (nl: "n", en: "n"))],
        off_protocol: [(key: "o", label: (nl: "o", en: "o"), text: (nl: "o", en: "o"), rate_before_drift: 0.1)],
        source: "s",
    ),
    drift: (
        rate: (value: 0.5, source: "s"),
        onset: Weights([1, 1]),
        odds_ratio_deterioration: (value: 3, source: "s"),
        kinds: [(key: "k", label: (nl: "k", en: "k"), description: (nl: "k", en: "k"), weight: 1,
                 omission_after_onset: [(key: "e", probability: 0.7)], off_protocol_after_onset: [(key: "o", probability: 0.6)])],
    ),
    events: [
        (key: "x", text: (nl: "x", en: "x"), linden: Malpractice, rate: (value: 0.2, source: "s"), condition: AfterDrift, neq: Some((item: "q", severity: 3))),
        (key: "y", text: (nl: "y", en: "y"), linden: SideEffect, rate: (value: 0.1, source: "s"), condition: AfterElement("e")),
    ],
    neq_items: [(key: "q", factor: Stigma, text: (nl: "q", en: "q"))],
    hello_goodbye: (rate: (value: 0.2, source: "s"), size: (value: 3, source: "s")),
    patients: (population: (nl: "p", en: "p"), age_min: 18, age_max: 80, female_share: 0.5, complaints: [(nl: "c", en: "c")]),
    cases_per_run: 5,
    minutes: 10,
)
'''
(out / "mini.ron").write_text(mini)
compact = re.sub(r"\s+", " ", mini)
(out / "mini-one-line.ron").write_text(compact)
(out / "mini-no-drift.ron").write_text(mini.replace('rate: (value: 0.5, source: "s")', 'rate: (value: 0, source: "s")'))
