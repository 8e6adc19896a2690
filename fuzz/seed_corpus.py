#!/usr/bin/env python3
"""Seeds fuzz/corpus/scenario_parse and fuzz/corpus/run_parse (both git-ignored) for the fuzz targets.

scenario_parse: copies the shipped scenarios, the test scenarios and the fuzz regressions, then writes
variants of the reference scenario that still load (other onsets, drift and hello-goodbye rates, scale
directions, steps) or fail in each way the loader explains, and a small valid scenario: short inputs
mutate far faster than the 22 kB reference file.

run_parse: plays short runs with the release binary (`target/release/ontrack`, built first without the app
if missing, or the binary `ONTRACK_BIN` names)
and every bot, kills some mid-way, and writes variants (truncated, other schema, edited answers, edited
scenario, seed and records, answers out of order or not allowed, one line, binary).

Run from anywhere: `python3 fuzz/seed_corpus.py`.
"""
import os, re, pathlib, glob, shutil, subprocess, tempfile, time
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
# Small scenarios (under 4 kB, the -max_len of the runs in README.md) with what the mini one lacks:
# a selection (clients flagged by the warning rule), and sudden gains, a course shape, dropout,
# a course code and qualification targets.
for f in glob.glob(str(root / "fuzz/seeds/*.ron")):
    shutil.copy(f, out / pathlib.Path(f).name)


# ---------------------------------------------------------------------------------------------------
# run_parse: run files played by the release binary, and variants of them.
runs = root / "fuzz/corpus/run_parse"
runs.mkdir(parents=True, exist_ok=True)
# Only the core is needed to play runs: `--no-default-features` leaves the app (bevy) out. ONTRACK_BIN
# names a binary already built (such as a debug one in another target folder).
binary = pathlib.Path(os.environ.get("ONTRACK_BIN") or root / "target/release/ontrack")
if not binary.exists():
    subprocess.run(["cargo", "build", "--release", "--no-default-features", "--bin", "ontrack"], cwd=root, check=True)
work = pathlib.Path(tempfile.mkdtemp(prefix="ontrack-seed-"))
minimal = (root / "tests/scenarios/minimal.ron").read_text()
# Two cases only: a whole run in about 30 answers, so the fuzzer mutates short files.
two = work / "minimal-two.ron"
two.write_text(sub(minimal, "cases_per_run: 10", "cases_per_run: 2"))

def play(scenario, bot, seed, name, kill_after=None):
    """Plays one run into a fresh folder and copies its file to the corpus as run-<name>.ron; with
    `kill_after`, the player is killed (SIGKILL) after that many acknowledged answers."""
    out = work / name
    out.mkdir()
    args = [str(binary), "play", str(scenario), "--bot", bot, "--seed", str(seed), "--trainee", "t",
            "--results", str(out)]
    if kill_after is None:
        subprocess.run(args, cwd=root, check=True, stdout=subprocess.DEVNULL)
    else:
        child = subprocess.Popen(args + ["--ack", "--pace-ms", "2"], cwd=root, stdout=subprocess.PIPE, text=True)
        for line in child.stdout:
            if line.startswith("saved ") and int(line.split()[1]) >= kill_after:
                break
        child.kill()
        child.wait()
    [f] = [f for f in out.iterdir() if f.suffix == ".ron"]
    text = f.read_text()
    (runs / f"run-{name}.ron").write_text(text)
    return text

played = {}
for bot in ["ideal", "random"]:
    for seed in [1, 2, 3]:
        played[f"minimal-{bot}-{seed}"] = play("tests/scenarios/minimal.ron", bot, seed, f"minimal-{bot}-{seed}")
for bot in ["base-rate", "actuarial", "overconfident", "typical"]:
    played[f"minimal-{bot}-4"] = play("tests/scenarios/minimal.ron", bot, 4, f"minimal-{bot}-4")
for bot in ["ideal", "random", "typical"]:
    for seed in [5, 6]:
        played[f"two-{bot}-{seed}"] = play(two, bot, seed, f"two-{bot}-{seed}")
# Runs of the small scenarios (two cases each, 5-7.5 kB): the mini one, the rich one, and the
# reference's drift kind renamed with a character that is not ASCII, so an answer's line holds one
# (FlagDrift names the kind) and a cut can fall inside it. Runs of the selection scenario go to
# run_append only: replaying one norms its selection on 10^5 clients, about a second per input.
for name, path in [("mini", out / "mini.ron"), ("rich", root / "fuzz/seeds/mini-rich.ron"), ("selection", root / "fuzz/seeds/mini-selection.ron")]:
    small = work / f"{name}-two.ron"
    small.write_text(re.sub(r"cases_per_run: \d+", "cases_per_run: 2", path.read_text()))
    for bot in ["ideal", "random", "typical"]:
        played[f"{name}-{bot}-3"] = play(small, bot, 3, f"{name}-{bot}-3")
umlaut = work / "umlaut-two.ron"
umlaut.write_text(sub(sub(minimal, "cases_per_run: 10", "cases_per_run: 2"), 'key: "talk"', 'key: "tälk"'))
played["umlaut-ideal-6"] = play(umlaut, "ideal", 6, "umlaut-ideal-6")
played["tiny-ideal-7"] = play("tests/scenarios/tiny.ron", "ideal", 7, "tiny-ideal-7")
played["tiny-random-7"] = play("tests/scenarios/tiny.ron", "random", 7, "tiny-random-7")
# Unfinished runs: the player killed after 1, 7 and 25 answers.
for k in [1, 7, 25]:
    play("tests/scenarios/minimal.ron", "ideal", 8 + k, f"killed-after-{k}", kill_after=k)
play(two, "random", 9, "two-killed-after-5", kill_after=5)
shutil.rmtree(work)

base_run = played["two-ideal-5"]
full_run = played["minimal-ideal-1"]
# Schema 3: the header, then one answer per line.
entries = re.compile(r"^\(at: .*\n", re.M)

def keep_entries(text, n):
    """The run with only its first n answer lines: still sealed (the seals are a chain), unfinished."""
    found = list(entries.finditer(text))
    if n >= len(found):
        return text
    start = found[n].start()
    end = found[-1].end()
    return re.sub(r"finished: Some\([^)]*\)", "finished: None", text[:start] + text[end:])

r = {}
r["first-3-answers"] = keep_entries(base_run, 3)
r["first-half"] = keep_entries(base_run, len(entries.findall(base_run)) // 2)
r["no-answers"] = keep_entries(base_run, 0)
r["truncated-bytes"] = base_run[: len(base_run) * 2 // 3]
r["truncated-header"] = base_run[:300]
r["schema-2"] = sub(base_run, "schema: 3,", "schema: 2,")
r["schema-0-with-version"] = sub(sub(base_run, "schema: 3,", "schema: 0,"), 'program_version: "0.1.0"', 'program_version: "0.0.9"')
r["no-schema"] = sub(base_run, "    schema: 3,\n", "")
r["torn-last-line"] = base_run[: len(base_run) - 20]
r["edited-percent"] = re.sub(r"Forecast\(percent: \d+\)", "Forecast(percent: 99)", base_run, count=1)
r["percent-0"] = re.sub(r"Forecast\(percent: \d+\)", "Forecast(percent: 0)", base_run, count=1)
r["percent-255"] = re.sub(r"Forecast\(percent: \d+\)", "Forecast(percent: 255)", base_run, count=1)
r["percent-256"] = re.sub(r"Forecast\(percent: \d+\)", "Forecast(percent: 256)", base_run, count=1)
r["edited-seal"] = re.sub(r'seal: "[0-9a-f]', 'seal: "X', base_run, count=1)
r["edited-seed"] = sub(base_run, "    seed: 5,", "    seed: 6,")
r["seed-max"] = sub(base_run, "    seed: 5,", "    seed: 18446744073709551615,")
r["edited-trainee"] = sub(base_run, 'trainee: "t"', 'trainee: "someone else"')
r["edited-record"] = re.sub(r"intake: [0-9.]+", "intake: 1.5", base_run, count=1)
r["record-nan"] = re.sub(r"last: [0-9.]+", "last: NaN", base_run, count=1)
r["record-removed"] = re.sub(r"\n        \(\n            intake:.*?\n        \),", "", base_run, count=1, flags=re.S)
r["edited-hash"] = re.sub(r'scenario_hash: "[0-9a-f]', 'scenario_hash: "0', base_run, count=1)
r["edited-scenario-cases"] = sub(base_run, "cases_per_run: 2,", "cases_per_run: 3,")
r["edited-scenario-checkpoints"] = sub(base_run, "checkpoints: [", "checkpoints: [1, ")
r["edited-scenario-no-drift-kinds"] = re.sub(r"kinds: \[.*?\n            \),\n        \],", "kinds: [],", base_run, count=1, flags=re.S)
r["invalid-scenario"] = sub(base_run, "sessions: 6,", "sessions: 0,")
def second_at(m, seen=[0]):
    seen[0] += 1
    return 'at: "1999-01-01T00:00:00Z"' if seen[0] == 2 else m.group(0)
r["out-of-order"] = re.sub(r'at: "[^"]*"', second_at, base_run)
r["reordered-answers"] = (lambda m: base_run[: m[0].start()] + m[1].group(0) + m[0].group(0) + base_run[m[1].end():])(list(entries.finditer(base_run))[:2])
r["duplicated-answer"] = (lambda m: base_run[: m.end()] + m.group(0) + base_run[m.end():])(entries.search(base_run))
r["flag-unseen-session"] = sub(base_run, "action: NextSession,", 'action: FlagDrift(session: 4000000000, kind: Some("nothing")),')
r["flag-drift"] = sub(base_run, "action: Reveal,", 'action: FlagDrift(session: 1, kind: Some("talk")), seal: "")\n(at: "2030-01-01T00:00:00Z", action: Reveal,')
r["classify-unseen"] = sub(base_run, "action: Reveal,", "action: ClassifyEvent(event: 18446744073709551615, class: Violation),")
r["next-case-early"] = sub(base_run, "action: NextSession,", "action: NextCase,")
r["unknown-action"] = sub(base_run, "action: NextSession,", "action: Undo,")
r["bad-timestamp"] = re.sub(r'at: "[^"]*"', 'at: "2024-02-30T25:61:00Z"', base_run, count=1)
r["finished-early"] = sub(keep_entries(base_run, 3), "finished: None", 'finished: Some("2020-01-01T00:00:00Z")')
r["one-line"] = re.sub(r"\n\s*", "", base_run)
r["comments"] = "// a run\n" + base_run.replace("\n(at: ", "\n/* answers */ (at: ", 1)
r["implicit-some"] = "#![enable(implicit_some)]\n" + base_run
r["empty"] = ""
r["unit"] = "()"
r["named"] = "Run()"
r["deep"] = "(" * 300 + ")" * 300
for name, text in r.items():
    (runs / f"variant-{name}.ron").write_text(text)
(runs / "variant-full-one-line.ron").write_text(re.sub(r"\n\s*", "", full_run))
# Binary: Latin-1 and UTF-16 encodings, invalid UTF-8 in a string, and bytes.
(runs / "variant-latin1.bin").write_bytes(base_run.replace('"t"', '"tŕ"').encode("latin-1", "replace"))
(runs / "variant-utf16.bin").write_bytes(base_run.encode("utf-16"))
(runs / "variant-bad-utf8.bin").write_bytes(base_run.encode().replace(b'trainee: "t"', b'trainee: "\xff\xfe\xc3"'))
(runs / "variant-nul.bin").write_bytes(base_run.encode()[:200] + b"\x00" * 64 + base_run.encode()[200:])
(runs / "variant-random.bin").write_bytes(bytes((i * 7919 + 13) % 256 for i in range(512)))
# run_append: the same seeds (it parses the same files), and the selection runs.
appends = root / "fuzz/corpus/run_append"
appends.mkdir(parents=True, exist_ok=True)
for f in runs.iterdir():
    shutil.copy(f, appends / f.name)
for f in runs.glob("run-selection-*"):
    f.unlink()
# Seeds longer than the -max_len of their target (README.md) would be cut by libFuzzer: left out.
for folder, max_len in [(out, 4096), (runs, 8192), (appends, 8192)]:
    for f in folder.iterdir():
        if f.stat().st_size > max_len:
            f.unlink()
print(f"{len(list(out.iterdir()))} files in {out}, {len(list(runs.iterdir()))} files in {runs}, {len(list(appends.iterdir()))} in {appends}")
