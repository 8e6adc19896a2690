# OnTrack user interface, English. Keys are shared with nl.ftl.
app-title = OnTrack — a calibration simulator for therapists
language = Language
pseudonym = Pseudonym
pseudonym-hint = a name that does not identify you
scenario = Scenario
course-code = Course code (from your trainer)
course-code-hint = e.g. DCBT-0Z89
results-folder = Results are saved in
start = Start
resume = Resume the unfinished run
trainer = Trainer view
need-pseudonym = Type a pseudonym first.
scenario-line = { $cases } cases · { $sessions } sessions · { $measure } · about { $minutes } min
briefing = Briefing
measure = The measure
measure-rules = Clinical cutoff { $cutoff }; a change of { $rci } points or more is reliable. { $direction }
higher-worse = Higher scores are worse.
higher-better = Higher scores are better.
what-asked = What you will be asked
what-asked-text = After intake and after sessions { $checkpoints } you give the chance (1–99 %) that the client will have reliably deteriorated by the end of treatment. Flag sessions where the therapist drifts from the protocol, and classify every unwanted event.
scoring = How you are scored
scoring-text = Your forecasts get a Brier score: the mean squared difference between your chance and what happened (0 is perfect; always saying 50 % scores 0.25). If you say 20 % for a client who deteriorates, that case scores (0.2 − 1)² = 0.64.
begin = Begin
case-of = Case { $n } of { $total }
patient = Client
age-sex = { $age } years, { $sex }
female = woman
male = man
session-of = Session { $seen } of { $total }
intake = intake
score = score
alliance = alliance
notes = Session notes
events = Unwanted events
flag-drift = Flag drift
drift-kind = kind
drift-kind-unknown = not sure
flagged = flagged
classify = classify
class-unrelated = unrelated to treatment
class-side_effect = side effect
class-malpractice = malpractice reaction
class-violation = violation of ethics or law
forecast-question = How likely is it that this client will have deteriorated by the end of treatment?
commit-forecast = Commit forecast (Enter)
next-session = Next session (right arrow key)
classify-first = Classify the unwanted events first.
reveal = Reveal the outcome
next-case = Next case
outcome = Outcome
outcome-deteriorated = deteriorated
outcome-unchanged = no reliable change
outcome-improved = improved
outcome-recovered = recovered
checkpoint = after session
your-forecast = you
ideal-forecast = best possible
drift-onset = Drift from session { $onset }: { $kind }
no-drift = No drift in this case.
true-class = true class
debrief = Debrief
debrief-cases = { $deteriorated } of { $cases } clients deteriorated; you gave { $foreseen } of them 50 % or more at the last checkpoint.
hannan = In Hannan et al. (2005) 40 of 550 clients deteriorated; their therapists foresaw 3.
debrief-no-deterioration = No client deteriorated in these cases: always forecasting 1 % would have beaten even the best possible forecaster, so these scores say little about foreseeing deterioration. Ask for a course code whose cases include a client who deteriorates.
brier-line = Brier score { $brier } (ideal { $ideal }, base rate { $base })
citl-under = You under-forecast deterioration by { $points } percentage points.
citl-over = You over-forecast deterioration by { $points } percentage points.
citl-even = On average your forecasts matched how often clients deteriorated.
new-run = New run
saved-in = Saved in { $path }
error = Something went wrong: { $message }
demo-running = demo: the best possible forecaster plays
screenshot = Save a picture of the window in the results folder (F12)
screenshot-saved = Picture saved: { $path }
high-contrast = high contrast
text-larger = Larger text
text-smaller = Smaller text
drift-starts = drift starts
axis-session = session
band-reliable = reliable change around intake
band-expected = expected course (80 % of clients)
clinical-cutoff = clinical cutoff
actuarial-forecast = early-warning rule
scoring-busy = Scoring your run…
your-forecasts = Your forecasts
brier-sentence = Brier score { $brier } (95 % interval { $interval }): 0 is perfect; always saying 50 % scores 0.250.
decomposition = That is miscalibration { $reliability } (how far your percentages were from what happened; lower is better) minus resolution { $resolution } (how well you told clients apart; higher is better) plus uncertainty { $uncertainty } (how hard these cases were).
skill-better = You did { $percent } % better than always forecasting the base rate.
skill-worse = You did { $percent } % worse than always forecasting the base rate.
auc-sentence = AUC { $auc } ({ $interval }): the chance that you gave a client who deteriorated a higher forecast than one who did not (0.5 is guessing).
col-brier = Brier
col-skill = skill
col-auc = AUC
col-reliability-short = miscalibration
base-rate-forecast = base rate
reliability-diagram = Reliability diagram
perfect-calibration = perfect calibration
diagram-help = Each point: your forecasts in one band of percentages, against how often those clients deteriorated; the bar is its 95 % interval, the number how many forecasts. On the diagonal you are calibrated; below it you forecast too high, above it too low.
drift-heading = Drift from the protocol
drift-counts = { $cases } cases with drift: { $hits } spotted, { $misses } missed; { $false } false alarms in { $stretches } stretches without drift.
drift-measures = Sensitivity d' { $dprime }, criterion c { $c } (positive = cautious), spotted on average { $latency } sessions after it began.
events-heading = Unwanted events
events-measures = { $n } classified, { $accuracy } correct, Cohen's κ { $kappa }.
truth-answer = true class · your answer
progress-heading = Your runs of this scenario on this computer
progress-few = { $runs ->
    [one] This is your first finished run of this scenario here; after the next one your progress appears as a plot.
   *[other] { $runs } finished runs so far; after the next one your progress appears as a plot.
}
progress-help = Brier score per run (lower is better), with its 95 % interval; dashed, with squares: the miscalibration part of it.
auc-undefined = AUC not defined here: { $why }.
why-oneoutcome = all clients had the same outcome
why-nocases = no cases
why-toofewcases = too few cases
why-nosignal = no case drifted in the sessions you saw
why-nonoise = every case drifted
why-nohits = no drift was spotted
why-perfectreference = the base rate was perfect on these cases
why-chanceagreementone = both you and the truth used one class only
why-lengthmismatch = the inputs differ in length
why-notaprobability = a forecast is not a probability from 0 to 1
why-emptybin = no forecast in this band
why-nokindnamed = no spotted drift had its kind named
why-extremerate = a rate of 0 or 1 has no finite z-score
why-notfinite = the result is not a finite number
why-notcomputed = not computed for a benchmark within one run
drift-none = No case drifted in the sessions you saw, so there was nothing to spot; sensitivity and criterion need at least one.
short-unrelated = unrelated
short-side_effect = side effect
short-malpractice = malpractice
short-violation = violation
trainer-title = Trainer station
back-to-start = Back to the start
tab-runs = Runs
tab-progress = Progress
tab-cases = Cases that fooled the class
tab-handout = Hand out a course
trainer-load-first = Choose the folder with your students' run files and load it.
trainer-folder = Results folder
trainer-folder-hint = the folder with the students' .ron files
choose-folder = Choose…
load = Load
reading-files = Reading { $done } of { $total } files
scoring-runs = Checking and scoring the runs…
cohort-summary = { $runs } runs of { $trainees } trainees; { $rejected } files could not be used. Loaded in { $seconds } s.
warnings = Files that could not be used ({ $n })
col-trainee = trainee
col-scenario = scenario
col-started = date
col-cases = cases
col-resolution = resolution
col-citl = bias
col-dprime = d'
row-class = class (pooled)
all-runs = all runs
open-run = open
export-csv = Export CSV
trainer-diagram-help = All forecasts of the class pooled (squares); select a trainee in the table to add theirs (circles, with counts). Bars: 95 % Wilson intervals.
save-png = Save as picture (PNG)
back-to-table = Back to the table
case-button = Case { $n }
axis-forecast = forecast of deterioration (%)
axis-case-rank = case, most misjudged first
col-day = meeting
col-date = date
col-runs = runs
trainer-progress-help = Brier score per course day, all runs of that day pooled (lower is better), with its 95 % interval; dashed, with squares: the miscalibration part of it.
cases-help = Per case, the class's mean forecast at the last checkpoint beside the best possible forecast and what happened. First the cases where the class was furthest from the outcome although the evidence was there.
col-rank = rank
col-case = case
col-trainees = trainees
col-fooled = misjudged by
not-deteriorated = did not deteriorate
handout-help = Choose a scenario and a seed: everyone who types the course code gets the same cases, so you can discuss them together.
seed = Seed
seed-needed = Type a seed (a number from 0 to 32767) to make a course code.
save-sheet-nl = Save the instruction sheet (Nederlands)
save-sheet-en = Save the instruction sheet (English)
saved-file = Saved: { $path }
col-course = course code
trainee-pooled = All runs pooled: Brier { $brier }, miscalibration { $reliability }, AUC { $auc } ({ $n } forecasts).
new-seed = Pick one
handout-no-deterioration = No client deteriorates in this course’s cases: forecasting 1 % would beat everyone, even the best possible forecaster. ‘Pick one’ picks a course with at least one client who deteriorates.
no-folder-chosen = No folder chosen. You can also type the folder's path and press Load.
csv-exists = { $path } exists already: press Export CSV again to replace it.

## A case as text (`ontrack case`, and wherever a case is printed)
case-woman = woman
case-man = man
case-years = years
case-score = score
case-alliance = alliance
case-session = Session
case-event = Event
case-neq = { $item } ({ $severity } of 4)
case-hidden = Hidden: course { $course }; drift: { $drift }; hello-goodbye: { $hello }; outcome: { $outcome }
case-drift-from = { $kind } (from session { $onset })
case-drift-none = none
case-hidden-event = session { $session }: { $event } = { $class }
yes = yes
no = no

## The course sheet a trainer prints (HTML; the code arrives escaped)
sheet-heading = Forecasting exercise: who will get worse?
sheet-step-1 = Open OnTrack.
sheet-step-2 = Choose a pseudonym: a name that does not identify you. Use the same one every week to see your progress.
sheet-step-3 = Type the course code <b>{ $code }</b> in the ‘Course code’ field and click Start.
sheet-step-4 = Read the briefing. At each checkpoint give the chance (1–99 %) that the client will have deteriorated by the end of treatment, flag sessions where the therapist drifts from the protocol, and classify every unwanted event.
sheet-step-5 = After each client you see what happened; at the end you get your debrief. Your answers are saved after every step: close the window and you can go on later where you stopped.
sheet-about = { $cases } clients, { $sessions } sessions each, measure { $measure }; about { $minutes } minutes. Everyone with this code gets the same clients, so we can discuss them together.
sheet-mix = The clients are drawn at random from published rates: how many get worse differs from course to course, and nothing about the mix is guaranteed.

## The command line's text output (`scenarios`, `validate`, `generate`, `play`, `check`, `score`, `report`, `cohort`)
not-defined = not defined
bench-ideal = ideal
bench-actuarial = actuarial
bench-base_rate = base_rate
cli-listing = { $cases } cases, { $sessions } sessions, about { $minutes } min
cli-valid = { $name }: ok
cli-summary-id = id: { $id } — { $title }
cli-summary-measure = measure: { $name } { $min }–{ $max } ({ $direction }), clinical cutoff { $cutoff }, reliable change { $rci } (on shown scores: { $shown })
cli-higher-worse = higher is worse
cli-higher-better = higher is better
cli-summary-sessions = sessions: { $sessions }, checkpoints after sessions [{ $checkpoints }], { $cases } cases per run
cli-summary-rate = declared deterioration rate: { $rate } ({ $source })
cli-summary-priors = solved latent priors (no drift / drift):
cli-wrote = wrote { $cases } cases of { $id } (seed { $seed }) to { $dir }
cli-saved = saved { $n }
check-title = ontrack check { $id } — { $cases } cases, seed { $seed }
check-col-rate = rate
check-col-declared = declared
check-col-realised = realised
check-col-interval = interval*
check-col-result = result
check-rate-deterioration = deterioration
check-rate-recovery = recovery
check-rate-drift = drift
check-rate-events = events: { $class }
check-model = { $rate } (model)
check-footnote = * 95 % Wilson interval, family-wise over the { $lines } lines (Bonferroni): a correct scenario fails a line by chance in at most 1 run in 20
check-col-checkpoint = checkpoint
check-col-forecaster = forecaster
check-col-reliability = reliability
check-col-mean = mean p
check-na = n/a
check-ideal = ideal forecaster after session { $checkpoint } lowest Brier: { $best }   calibrated (Hosmer–Lemeshow { $hl }, p = { $p }): { $calibrated }
check-signal = early-warning signal by session { $checkpoint } flags { $sensitivity } % of the deteriorating cases as not on track (yellow/red), { $flagged } % of all cases
check-pass = PASS
check-fail = FAIL
check-pass-all = PASS: every line holds
check-fail-all = FAIL: see the lines marked FAIL
score-n = n
score-brier = Brier
score-reliability = reliability (REL)
score-resolution = resolution (RES)
score-uncertainty = uncertainty (UNC)
score-skill = Brier skill (base rate)
score-log = log score (clipped 1–99%)
score-citl = calibration-in-the-large
score-auc = AUC
score-interval = (95 % bootstrap interval { $low }–{ $high })
report-title = Debrief — { $trainee } — { $scenario } (seed { $seed })
report-title-code = Debrief — { $trainee } — { $scenario } (seed { $seed }, course code { $code })
report-unfinished = — unfinished run
report-cases = { $cases } cases, { $forecasts } forecasts. { $deteriorated } of the { $cases } clients deteriorated. At the last checkpoint you gave 50 % or more to { $predicted ->
    [one] 1 client
   *[other] { $predicted } clients
}, { $foreseen } of whom deteriorated.
report-hannan = For comparison: in Hannan et al. (2005) 40 of 550 clients deteriorated and their therapists foresaw 3 deteriorations (one of them correctly).
report-interval = (95 % interval { $low }–{ $high })
report-brier = Brier score { $brier }{ $interval }{ $why }: 0 is perfect, always saying 50 % scores 0.250.
report-decomposition = = miscalibration { $reliability } − resolution { $resolution } + uncertainty { $uncertainty }: miscalibration is how far your percentages were from what happened; resolution how well you told clients apart; uncertainty how hard these cases were.
report-skill = Skill against the base rate: { $skill }{ $why } (0 = no better than always forecasting the base rate, 1 = perfect).
report-auc = AUC { $auc }{ $why }: the chance that you gave a deteriorating client a higher forecast than one who did not.
report-citl-under = Calibration in the large: you under-forecast deterioration by { $points } percentage points.
report-citl-over = Calibration in the large: you over-forecast deterioration by { $points } percentage points.
report-citl-even = Calibration in the large: on average your forecasts matched how often clients deteriorated.
report-log = Log score { $log } (forecasts clipped to 1–99 %).
report-same-cases = On the same cases and checkpoints:
report-you = you
report-drift = Drift from the protocol: { $cases } drift cases, { $hits } spotted, { $misses } missed; { $false } false alarms in { $stretches } stretches without drift.
report-drift-measures = d′ { $dprime } (sensitivity), c { $c } (positive = cautious), latency { $latency } sessions{ $latency_why }, kind named correctly { $kind }.
report-events = Unwanted events: { $n } classified, accuracy { $accuracy }, Cohen's κ { $kappa }.
report-confusion = (rows: true class, columns: your answer)
cohort-group = { $scenario } — seed { $seed } — course code { $code }
cohort-col-interval = 95 % interval
cohort-none = no run files could be scored
cohort-rejected = files not used ({ $n }):
cohort-legend = Brier: lower is better (0.25 = always 50 %); skill: against the base rate (0 = no better, 1 = perfect); REL: miscalibration; RES: telling cases apart; CITL: mean forecast minus observed rate (negative = under-forecasting); d′, c, lat: spotting drift (sensitivity, criterion, sessions late); κ: classifying unwanted events. — = not defined for this run.

## The cohort table: runs and their versions
cohort-started = started (UTC)
cohort-unfinished = (unfinished)
cohort-version = (version { $n } of { $of }, hash { $hash })
cohort-no-deterioration = No client deteriorated in these cases: always forecasting 1 % beats even the best possible forecaster here, so Brier, skill and AUC say little about forecasting deterioration. Hand out a course code whose cases include a deteriorating client.
cohort-unfinished-note = (unfinished): the run stopped before the last case; the ↳ rows under it are the benchmarks on the cases it reached — compare it with those, not with the rows at the top of its group.
# Why the best possible forecast moved (src/teach/explain.rs)
explain-intake = At intake the best possible forecast is { $to }, against a base rate of { $from }
explain-moved = By session { $session } the best possible forecast { $direction ->
    [up] rose
   *[down] fell
} from { $from } to { $to }
explain-same = By session { $session } the best possible forecast stayed at { $to }
explain-because = , mostly because of { $evidence }
explain-up = ; { $evidence } pushed it up
explain-up-little = ; { $evidence } pushed it up a little
explain-down = ; { $evidence } pulled it down
explain-down-little = ; { $evidence } pulled it down a little
explain-end = .
explain-ev-intake = the intake score of { $score }
explain-ev-scores-higher = the scores ({ $points } points higher than at intake, now { $now })
explain-ev-scores-lower = the scores ({ $points } points lower than at intake, now { $now })
explain-ev-scores-same = the scores (the same as at intake, { $now })
explain-ev-alliance = the alliance ratings (mean { $mean } of { $max })
explain-ev-notes = the session notes ({ $n } of { $total } sessions off protocol)
explain-ev-events = { $n ->
    [0] the absence of unwanted events
    [one] the unwanted event
   *[other] the { $n } unwanted events
}
# Cue weights (src/teach/text.rs)
cue-change = the change since intake
cue-alliance = a low alliance
cue-drift = drift in the notes
cue-events = an unwanted event
cue-severity = the severity at intake
lens-and = and
lens-gave = You gave { $clauses }.
lens-twice = { $cue } about twice the weight it deserves
lens-times = { $cue } about { $times } times the weight it deserves
lens-half = { $cue } about half
lens-third = { $cue } about a third
lens-almost-none = { $cue } almost none of its weight
lens-reversed = You read { $cue } the wrong way round: in these cases it points the other way.
lens-spurious = You gave weight to { $cue }, which says little about deterioration in these cases.
lens-all-right = You weighed every cue about as much as it deserves.
lens-inconsistent = Your forecasts varied a lot between cases with the same cues (consistency { $r } of 1): use the same cues the same way each time.
lens-col-you = you
lens-col-task = deserved
lens-numbers = Over { $n } forecasts: your forecasts follow the best possible ones with r = { $achievement }; your own cue weights describe your forecasts with R = { $consistency } (consistency); your weights and the deserved ones agree with G = { $matching } (matching). Weights are in log-odds per unit of the cue.
lens-unavailable = Cue weights: not available ({ $why }).
# Blind spots (src/teach/text.rs)
kind-late-deteriorator = late deteriorator
kind-hello-goodbye = hello-goodbye
kind-drift = drift
kind-serious-event = serious unwanted event
blind-spot = Case { $case }, after session { $checkpoint }: you { $you }, best possible { $ideal }{ $kinds }.
blind-none = No blind spots: wherever the best possible forecast was sure, you were within 30 points of it.
blind-pattern = { $n } of these { $of } were { $kind } cases.
# The report's new sections and case --explain
report-lens-heading = Cue weights: how strongly your forecasts follow each cue, beside what it deserves
report-blind-heading = Blind spots: where the best possible forecast was sure and you were far from it
report-why-heading = Why the best possible forecast moved, case by case
report-why-case = Case { $case } ({ $outcome }):
waterfall-col-session = session
waterfall-col-evidence = evidence
waterfall-col-contribution = contribution
waterfall-col-log-odds = log-odds
waterfall-col-forecast = forecast
waterfall-base-rate = base rate
waterfall-intake = intake score
waterfall-scores = score
waterfall-alliance = alliance
waterfall-notes = session note
waterfall-events = unwanted events
waterfall-sum = { $start } { $sum } = { $total } log-odds = { $forecast }: the contributions add up to the best possible forecast.
