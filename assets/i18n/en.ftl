# OnTrack user interface, English. Keys are shared with nl.ftl.
app-title = OnTrack — a calibration simulator for therapists
pseudonym = Pseudonym
pseudonym-hint = a name that does not identify you
scenario = Scenario
course-code = Course code (from your trainer)
course-code-hint = e.g. DCBT-0Z89
results-folder = Results are saved in
start = Start (Enter)
resume = Continue
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
begin = Begin (Enter)
case-of = Case { $n } of { $total }
patient = Client
age-sex = { $age } years, { $sex }
female = woman
male = man
session-of = Session { $seen } of { $total }
intake = intake
chart-spoken = Chart of the { $measure } by session: { $scores }
score = score
alliance = alliance
events = Unwanted events
flag-drift = Flag drift
drift-kind = kind of drift (if you know)
drift-kind-unknown = not sure
flagged = flagged
class-unrelated = unrelated to treatment
class-side_effect = side effect
class-malpractice = malpractice reaction
class-violation = violation of ethics or law
forecast-question = How likely is it that this client will have deteriorated by the end of treatment?
commit-forecast = Commit forecast (Enter)
next-session = Next session (Enter or right arrow)
classify-first = Classify the unwanted events first.
reveal = Reveal the outcome (Enter or right arrow)
next-case = Next case (Enter or right arrow)
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
debrief-contents = Go to:
debrief-contents-drift = Drift and events
debrief-contents-lessons = Cues and blind spots
debrief-contents-progress = Your earlier runs
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
theme-light = light
theme-dark = dark
unfinished-run = Unfinished run
unfinished-line = { $trainee } · at case { $case } of { $cases } · started { $when }
started-today = today at { $time }
started-yesterday = yesterday at { $time }
started-on = on { $date } at { $time }
level-first-lesson = first lesson
level-course = course
level-advanced = advanced
level-drill = drill
level-own = your own scenario
trains-drill = Practice with more { $kind } cases than the course has.
trains-first-lesson = Reading a course on the OQ-45 and saying how likely deterioration is.
trains-depression-cbt-oq45 = Seeing who gets worse in CBT for depression, and when the therapist drifts.
trains-anxiety-exposure-cbt = Telling a side effect of exposure from a treatment error.
trains-pcoms-ors-srs = Reading ORS and SRS, where a higher score is better.
trains-depression-psychodynamic = Foreseeing deterioration in psychodynamic therapy, where drift looks different.
trains-feedback-not-on-track = Clients not on track, when the therapist gets no signal.
trains-feedback-not-on-track-feedback = Clients not on track, when the therapist sees the signal.
trains-feedback-not-on-track-cst = Clients not on track, with feedback and clinical support tools.
trains-hello-goodbye-neq = Seeing harm that good end scores hide.
trains-trauma-recovered-memories = Spotting suggestive drift toward 'recovered' memories in PTSD treatment.
session = Session
checkpoint-of = forecast { $k } of { $total }
forecast-keys = Keys: left and right arrow change it by 1, up and down by 5; only Enter commits it.
classify-as = What kind of event is it?
flag-session = Flag drift from the protocol at session { $session }
card-differences = { $differences ->
    [0] as the protocol asks
    [one] 1 thing differed from the protocol ({ $changed } new)
   *[other] { $differences } things differed from the protocol ({ $changed } new)
}
card-events = { $events ->
    [one] 1 unwanted event
   *[other] { $events } unwanted events
}
as-protocol = As the protocol asks: nothing left out, nothing added.
new-since-before = new
headline-brier = Your Brier score
headline-class-brier = The class's Brier score
headline-brier-context = best possible { $ideal } · base rate { $base } · lower is better
headline-judgement = Your judgement
headline-judgement-context = points from the best possible forecasts on average · 0 is the best · no luck in it
against-best-heading = Your forecasts against the best possible ones
against-best-near = your forecast
against-best-far = { $points } points or more from the best (click to open the case)
against-best-diagonal = equal to the best
against-best-x = best possible forecast (%)
against-best-y = your forecast (%)
against-best-summary = { $n } forecasts: above the line you gave more than the best possible forecast (over-reaction), below it less. { $far ->
    [0] None was { $points } points or more from the best.
   *[other] { $far } were { $points } points or more from the best (cases { $cases }).
}
headline-class-judgement = The class's judgement
col-judgement = judgement (pt)
col-judgement-cost = judgement cost
headline-calibration = Calibration
headline-points = { $points } pt
headline-class-calibration-context = The class's mean forecast minus how often clients deteriorated, in percentage points.
headline-drift = Drift spotted
headline-drift-number = { $hits } of { $cases }
headline-drift-context = { $false ->
    [one] 1 false alarm
   *[other] { $false } false alarms
}
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
progress-help = Brier score per run (lower is better), with its 95 % interval; dashed, with squares: the miscalibration part of it. Green diamonds: the judgement cost, how far the forecasts lay from the best possible ones (no luck in it), on the same scale.
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
cohort-summary = { $runs ->
    [one] 1 run
   *[other] { $runs } runs
} of { $trainees ->
    [one] 1 trainee
   *[other] { $trainees } trainees
}; { $rejected ->
    [one] 1 file
   *[other] { $rejected } files
} could not be used. Loaded in { $seconds } s.
warnings = Files that could not be used ({ $n })
trainer-others = Other entries of the folder, not run files ({ $n })
col-trainee = trainee
col-scenario = scenario
col-started = date
col-cases = cases
col-resolution = resolution
col-citl = bias
col-dprime = d'
row-class = class (pooled)
all-runs = course runs
open-run = open
export-csv = Export CSV
trainer-diagram-help = All forecasts of the class pooled (squares); select a trainee in the table to add theirs (circles, with counts). Bars: 95 % Wilson intervals.
save-png = Save as picture (PNG)
back-to-table = Back to the table
case-button = Case { $n }
axis-forecast = deterioration forecast (%)
axis-case-rank = case, most misjudged first
col-day = meeting
col-date = date
col-runs = runs
trainer-progress-help = Brier score per course day, all runs of that day pooled (lower is better), with its 95 % interval; dashed, with squares: the miscalibration part of it. Green diamonds: the judgement cost, how far the forecasts lay from the best possible ones (no luck in it), on the same scale.
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
trainee-pooled = Course runs pooled (drills apart): Brier { $brier }, miscalibration { $reliability }, AUC { $auc } ({ $n } forecasts).
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
case-hidden = Hidden — course type: { $course }; drift: { $drift }; hello-goodbye: { $hello }; outcome: { $outcome }
    (The course type is the change this client was drawn from, named after its average client. The client's own change varies around it and the shown scores fluctuate from week to week, so even a client of a recovering course can end unchanged or worse; the outcome is judged on the shown scores.)
case-drift-from = { $kind } (from session { $onset })
case-drift-none = none
case-hidden-event = session { $session }: { $event } ({ $class })
case-sudden-gain = A sudden gain: most of this client's improvement came in one step, between sessions { $before } and { $session } ({ $points } points of the true score).
case-sudden-loss = A sudden step for the worse: this client's true change went the wrong way after all, and most of it came in one step, between sessions { $before } and { $session } ({ $points } points of the true score).
case-dropped-out = The client stopped coming after session { $last } of { $sessions }: the outcome is judged on that last score, as outcome studies judge it.
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
sheet-trainer = For the trainer: a class of simulated trainees whose judgement differs by known amounts ranks itself alike on two course codes of { $cases } clients with r = { $judgement_r } by the judgement cost and r = { $brier_r } by the Brier score. A reliable ranking (r ≥ 0.70) needs { $judgement_cases } by the judgement cost and { $brier_cases } by the Brier score; below that, compare trainees by the judgement cost, or not at all.
sheet-trainer-cases = { $n } clients per trainee
sheet-trainer-more = more than 240 clients per trainee
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
station-running = Live class of course { $code }; the record is kept in { $dir }
station-address = Address: { $address }
station-pin = PIN: { $pin }
station-announced = The class is announced on this network: trainees can also pick it under "Join a live class" instead of typing the address.
station-not-announced = The class cannot be announced on this network ({ $error }): trainees type the address.
station-loopback = Listening on this computer only: the class is not announced on the network.
station-stop-hint = Press Ctrl-C to end the class.
station-refused-host = { $host } held more connections than its share without sending a request: some were closed (the trainees' answers still arrive).
station-ended = The class has ended: { $runs } { $runs ->
    [one] run
   *[other] runs
} with { $answers } { $answers ->
    [one] answer
   *[other] answers
} in { $dir }
play-live-delivered = Live class: all { $total } answers are at the station.
play-live-undelivered = Live class: { $delivered } of { $total } answers reached the station ({ $problem }); the run file has every answer, and `ontrack play --resume FILE --bot … --live … --pin …` sends the rest.
play-live-refused = Live class: the station refused this run ({ $reason }); the run file is complete.
check-title = ontrack check { $id } — { $cases } cases, seed { $seed }
check-selection = Selection: the run shows only the clients flagged not on track by session { $session }: { $kept } % of the population, of whom { $rate } deteriorate (the base rate). The declared rates below are the whole population's and are checked on it; the targets and forecasters on the clients shown.
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
check-footnote = * 99.75 % Wilson interval, family-wise over the { $lines } lines (Bonferroni): a correct scenario fails a line by chance in at most 1 run in 400, so that the ten bundled scenarios' rate lines and targets together fail by chance in at most 1 run in 20
check-col-checkpoint = checkpoint
check-col-cases = cases
check-col-forecaster = forecaster
check-col-reliability = reliability
check-col-mean = mean p
check-na = n/a
check-ideal = ideal forecaster after session { $checkpoint } lowest Brier: { $best }   calibrated (Hosmer–Lemeshow { $hl }, p = { $p }): { $calibrated }
check-signal = early-warning signal by session { $checkpoint } flags { $sensitivity } % of the deteriorating cases as not on track (yellow/red), { $flagged } % of all cases
check-spotting = drift spotting per session, d′ = √2·Φ⁻¹(AUC): ideal drift observer { $ideal } (at the first drift session { $ideal_onset }, { $band }); surface scanner (flags every note that lacks an element or names an off-protocol activity) { $scanner } (at the first drift session { $scanner_onset }), { $share } % of the ideal observer's (at most { $max } %): { $verdict }
check-spotting-band = declared band { $low }–{ $high }
check-spotting-no-band = no band declared
check-events-title = Outcome of the clients shown with each unwanted event:
check-event-outcome = { $key } ({ $class }): { $clients } clients, { $recovered } % recovered, { $deteriorated } % deteriorated
check-harm = Clients with a reaction to incorrect treatment or a violation ({ $clients }): { $recovered } % recovered and { $deteriorated } % deteriorated, against { $recovered_other } % and { $deteriorated_other } % of the other clients (recovery × { $recovery_ratio }, deterioration × { $deterioration_ratio }).
check-pass = PASS
check-fail = FAIL
check-pass-all = PASS: every line holds
check-fail-all = FAIL: see the lines marked FAIL
check-targets-title = Qualification targets: published statistics the simulated population must reproduce
check-targets-none = This scenario declares no targets.
check-col-target = target
check-col-source = source
check-col-band = value (band)
check-target-source = { $key } ({ $evidence })
check-targets-footnote = * 99.75 % interval, family-wise over the { $lines } targets (Bonferroni; Wilson for shares, Kaplan–Meier with Greenwood for "by session" and for events (censored where a client stopped early), Cohen's d with its large-sample SE for the alliance of dropouts, Fisher z for correlations): a target passes when its interval reaches the band
evidence-verified = verified
evidence-unverified = not verified
evidence-modelling-choice = modelling choice
target-deterioration = deterioration
target-recovery = recovery
target-reliable-improvement-by = reliable improvement by session { $session }
target-reliably-improved-at = reliably improved at session { $session }
target-recovery-by = recovery by session { $session }
target-sudden-gain = sudden gain (≥ { $points } points, ≥ { $share } % of the score)
target-alliance-outcome = alliance (sessions 1–{ $sessions }) × residual change, r
target-test-retest = test–retest reliability
target-alliance-dropout = alliance (sessions 1–{ $sessions }), completers against dropouts, d
target-dropout = dropout
target-dropout-by = dropouts who left by session { $session }
target-warning-sensitivity-by = early warning: deteriorated clients flagged by session { $session }
target-warning-sensitivity-end = early warning: deteriorated clients flagged before the end
target-warning-flagged-by = early warning: all clients flagged by session { $session }
target-warning-flagged-end = early warning: all clients flagged before the end
target-events = clients with events: { $class }
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
report-judgement = Judgement cost: on average your forecasts were { $points } percentage points{ $interval } from the best possible ones (mean squared distance { $cost }; 0 = every forecast the best possible).
report-judgement-best = Every forecast was the best possible one.
report-judgement-higher = Your forecasts were on average { $bias } points higher than the best ones: that systematic part is { $systematic } ({ $share } % of the cost); the rest, { $scatter }, is scatter — forecasts too high on some clients and too low on others.
report-judgement-lower = Your forecasts were on average { $bias } points lower than the best ones: that systematic part is { $systematic } ({ $share } % of the cost); the rest, { $scatter }, is scatter — forecasts too high on some clients and too low on others.
report-judgement-even = On average your forecasts were neither higher nor lower than the best ones; the cost, { $scatter }, is scatter — forecasts too high on some clients and too low on others.
report-judgement-split-bad-luck = Your Brier score { $brier } = judgement { $cost } + { $unavoidable } that even the best forecasts are expected to score on these clients + { $luck } bad luck (how these clients happened to turn out).
report-judgement-split-good-luck = Your Brier score { $brier } = judgement { $cost } + { $unavoidable } that even the best forecasts are expected to score on these clients − { $luck } good luck (how these clients happened to turn out).
report-judgement-read = The Brier score includes luck; the judgement cost does not. Read the Brier score for how your forecasts fared against what happened, the judgement cost for how good they were.
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
cohort-others = other entries of the folder, not run files ({ $n }):
cohort-legend = Brier: lower is better (0.25 = always 50 %); skill: against the base rate (0 = no better, 1 = perfect); REL: miscalibration; RES: telling cases apart; CITL: mean forecast minus observed rate (negative = under-forecasting); d′, c, lat: spotting drift (sensitivity, criterion, sessions late); κ: classifying unwanted events. — = not defined for this run. J pp: judgement cost, how far the forecasts lay on average from the best possible ones, in percentage points (no luck in it); #B, #J: rank by Brier score and by judgement cost within the course, · where that ranking is not reliable.
report-stopped-early = { $stopped ->
    [one] 1 of the { $cases } clients
   *[other] { $stopped } of the { $cases } clients
} stopped coming before the last checkpoint. The { $absent ->
    [one] 1 forecast
   *[other] { $absent } forecasts
} at the checkpoints after their last session { $absent ->
    [one] was
   *[other] were
} never asked: absent from every score, not counted as 0.
cohort-stopped-early = { $stopped ->
    [one] 1 of these clients (case { $which }) stopped coming before the last checkpoint: no forecast was asked after their last session, and every score leaves those checkpoints out.
   *[other] { $stopped } of these clients (cases { $which }) stopped coming before the last checkpoint: no forecast was asked after their last session, and every score leaves those checkpoints out.
}

## The cohort table: runs and their versions
cohort-started = started (UTC)
cohort-unfinished = (unfinished)
cohort-received-live = (received live)
cohort-version = (version { $n } of { $of }, hash { $hash })
cohort-no-deterioration = No client deteriorated in these cases: always forecasting 1 % beats even the best possible forecaster here, so Brier, skill and AUC say little about forecasting deterioration. Hand out a course code whose cases include a deteriorating client.
ranking-by-brier = Brier score
ranking-by-judgement = judgement cost
ranking-ranked = Ranking by { $score }: reliable ({ $reliability } over { $runs } runs); differences smaller than { $band } are chance, so runs within that of each other share a rank (#).
ranking-not-ranked = Ranking by { $score }: no reliable differences ({ $reliability } over { $runs } runs; at least 0.70 is needed) — with this many cases, differences smaller than { $band } are chance, so these runs are not ranked by it (· in #).
ranking-too-few = Ranking by { $score }: fewer than two runs, nothing to rank.
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
explain-ev-scores-higher = the scores ({ $points } higher than at intake, now { $now }{ $usually })
explain-ev-scores-lower = the scores ({ $points } lower than at intake, now { $now }{ $usually })
explain-ev-scores-same = the scores (the same as at intake, { $now }{ $usually })
explain-point = { $n } point
explain-points = { $n } points
explain-usually-higher = , where clients like this one are usually { $points } higher by now
explain-usually-lower = , where clients like this one are usually { $points } lower by now
explain-usually-same = , where clients like this one usually are by now
explain-ev-alliance = the alliance (mean rating { $mean } of { $max })
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
lens-unclear = These forecasts do not show clearly how much weight you give { $cues }: more cases will tell.
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
report-lens-all-runs = Over all { $runs } of your course runs in this folder (drills apart):
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
waterfall-sum = Base rate { $start }, plus the evidence { $sum }, gives { $total } log-odds ({ $forecast }): the contributions add up to the best possible forecast.
# The app's views of the lessons (src/app/screens/explain.rs)
why-heading = Why the best possible forecast moved
blind-spot-button = Case { $case }, after session { $checkpoint }: you { $you }, best possible { $ideal }
back-to-debrief = Back to the debrief
blind-spot-this = One of your blind spots: the best possible forecast was sure here, and you were far from it.

# Live class (trainee app)
live-join-title = Join a live class
live-join-explain = In a live class your answers also go to the trainer's station as you give them. Pick your class from those found on this network, or type the address from the trainer's screen and the course code above; then type the class PIN.
live-address = Station address
live-address-hint = e.g. 192.168.1.20:47474
live-pin = Class PIN
live-found = Classes on this network — pick yours (its address is on the trainer's screen), then type the PIN:
live-found-class = { $code } at { $address }
live-found-none = Looking for classes on this network… none found yet. If yours does not appear, type the address from the trainer's screen.
live-found-unavailable = This network cannot be searched for classes: type the address from the trainer's screen.
live-join-needs-code = A live class needs the course code from the trainer.
live-status = Live class: { $delivered } of { $total } answers at the station
live-status-problem = Live class: { $delivered } of { $total } answers at the station — the station cannot be reached now; your answers wait and are sent later.
live-status-refused = Live class: the station refused this run ({ $reason }); your own run file is complete.
live-refused-pin = wrong class PIN: ask the trainer for the PIN on the screen
live-refused-class = this is another class, or another version of the course: check the course code; the trainee and the trainer need the same OnTrack version
live-refused-busy = the class is full, or the station cannot save: ask the trainer
live-refused-detail = The station answered with code { $status }; its own words are in the app's log.
# On hover beside a message about the network: the system's own words (English) where the app speaks English.
system-detail = { $error }
live-refused-other = the station does not take this run's answers: ask the trainer
live-held = The trainer holds the reveal for a discussion: it opens when the trainer releases it.
live-held-wait = Waiting for the trainer to release the reveal…
# Live class (trainer station)
tab-live = Live class
live-explain = Start a live class on a course code: the station listens on this room's network until you end the class, and stores every answer the moment it is given, in the folder above.
live-course-code = Course code
live-start = Start a live class
live-start-failed = The class could not start: { $error }
live-address-shown = Address: { $address }
live-pin-shown = PIN: { $pin }
live-running = Live class of course { $code }; answers are stored in { $folder }
live-announced = The class is announced on this network: where the network carries the announcement, trainees can pick it under "Join a live class" instead of typing the address.
live-not-announced = This network does not let the station announce the class: trainees type the address.
live-announced-short = The class is announced on this network.
live-refused-hosts = Connections closed for holding more than their share without sending a request (the trainees' answers still arrive): { $hosts }
live-refused-host = { $host } ({ $closed } closed)
live-hold = Hold the reveal
live-release = Release the reveal of case { $case }
live-end = End the class
live-none-yet = No one has joined yet.
live-trainee-run = { $trainee } (run { $run })
live-trainee-run-explain = Started again in this class: the row shows the latest run. At each checkpoint the class's forecasts count this trainee once, with the first forecast given there (a later one may follow an outcome already seen). Every run is kept.
live-col-trainee = Trainee
live-interrupted = The live class { $code } was still running when the station stopped. Its answers so far are kept in this folder.
live-resume = Resume class { $code }
live-resume-not = Do not resume
live-col-forecasts = Forecasts
live-board-show = Board for the projector
live-board-details = Details
live-board-case = Case
live-board-cases = cases { $first }–{ $last }
live-board-row = { $trainee }: { $n } forecasts, { $where }
live-board-legend = Per checkpoint: a grey dash for each forecast of the class, the green bar the best possible forecast, under it an orange dot if the client deteriorated, an open ring if not (once the whole class may know). Per trainee: a blue square where they gave a forecast, an open square where they are now; which forecast they gave is not shown.
live-col-where = Where
live-where-reading = case { $case }, session { $session }
live-where-revealed = case { $case } revealed
live-where-finished = finished
live-checkpoint = Case { $case }, session { $session }: { $n ->
    [0] no forecasts yet
    [one] 1 forecast, { $median } %
   *[other] { $n } forecasts, median { $median } %
}, best possible { $best } % { $outcome }
live-strip = Forecasts at case { $case }, session { $session }
live-outcome-deteriorated = — deteriorated
live-outcome-not = — did not deteriorate
live-fooled = Cases that fooled the class so far
live-fooled-line = Case { $case }: the class's Brier score { $class }, the best possible forecast's { $best }
live-checkpoint-stopped = Case { $case }, session { $session }: the client had stopped coming before it, so no forecast was asked { $outcome }
live-board-stopped = A cross in a checkpoint's column and a dash in a trainee's row: the client stopped coming before that checkpoint, so no forecast is asked there.
# Adaptive drills (src/teach/drill.rs, ontrack drill)
drill-mix = This drill has more { $kind } cases than practice does: about { $drill } of its clients instead of { $practice }. Your forecasts in it are scored against the best possible forecast for this mix, and the drill is kept apart from your course runs.
drill-none = Your saved runs of this scenario show no blind spot of a known kind, so there is nothing to drill yet: play a course run first.
drill-wrote = Drill scenario written to { $path } (id { $id }). Open it with: ontrack --scenario-file { $path }
practice-title = Practice where you are weak
practice-explain = A drill is this scenario with more of the kind of case you misjudge most, judged from the blind spots of your saved runs. It is scored against the best possible forecast for its own mix and kept apart from your course runs.
practice-ask = Make a drill from my runs
practice-working = Reading your runs…
practice-start = Start the drill
drill-this-run = This run was a drill with more { $kind } cases: it is scored against the best possible forecast for its own mix and kept apart from your course runs.
drills-not-pooled = { $drills ->
    [one] The pooled rows and the headline are about the course runs: the drill run (practice where a trainee is weak, with a mix of its own) is listed but not pooled.
   *[other] The pooled rows and the headline are about the course runs: the { $drills } drill runs (practice where a trainee is weak, each with a mix of its own) are listed but not pooled.
}
# Real session data against a scenario (src/research/compare.rs, ontrack compare)
compare-title = ontrack compare { $id } — real data: { $file }
compare-real = Real data: { $clients } clients, { $scores } scores; { $measure }
compare-simulated = Simulated: { $cases } cases of the scenario, seed { $seed }; { $measure }
compare-measure = reliable change (RCI) { $rci }, { $direction }, sudden gain from { $gain } points (7/9 of the RCI)
compare-higher-worse = higher is worse
compare-lower-worse = lower is worse
compare-col-statistic = statistic
compare-col-real = real (95 % interval*)
compare-col-simulated = simulated (95 % interval*)
compare-col-ratio = simulated ÷ real
compare-stat-residual-lag1 = residual lag-1 autocorrelation
compare-stat-change-sd = SD of weekly change ÷ SD of intake
compare-stat-big-week-15 = clients with a week of ≥ 1.5 × RCI
compare-stat-big-week-21 = clients with a week of ≥ 2.1 × RCI
compare-stat-weeks-over-rci = weekly changes of ≥ 1 × RCI
compare-stat-sudden-gain = clients with a sudden gain
compare-stat-early-auc = AUC of early change for final improvement
compare-stat-deterioration = reliably deteriorated (last score)
compare-stat-improvement = reliably improved (last score)
compare-stat-improved-at-8 = reliably improved at session 8
compare-stat-alliance-outcome = alliance (sessions 1–3) × residual outcome, r
compare-footnote = * percentile bootstrap over clients, { $resamples } resamples; — = the data do not allow the statistic.
compare-definitions =
    Definitions (a missing session is skipped, never filled in):
    - residual lag-1: each client with 4 or more scores gets a least-squares line through them; pooled over clients, (Σ e(t)·e(t+1) / pairs) ÷ (Σ e(t)² / scores), pairs being consecutive sessions.
    - weekly change: score after a session minus the score before it (intake to session 1 included), in either direction.
    - sudden gain (Tang & DeRubeis, 1999, with three full sessions on each side): a gain from session N to N+1 of at least 7/9 of the RCI (their 7 BDI points against the BDI's RCI of 9), at least 25 % of the pre-gain score's distance from the healthy end of the scale, and the mean of sessions N−2…N better than that of N+1…N+3 by more than 2.776 × the pooled SD; share of all clients.
    - early change: the mean of sessions 1–3 minus the intake, for clients with a score after session 3; final improvement: the last score reliably better than the intake.

# Answers only by intent (issue 27): the forecast starts unset, every answer is confirmed.
forecast-not-chosen = not chosen yet
forecast-unset = No forecast yet: move the slider, press an arrow key or pick a value.
forecast-unset-refused = Nothing committed: choose a number first (with the slider, the arrow keys or a value).
saved-forecast = Saved: your forecast of { $percent } %
saved-flag = Saved: drift flagged at session { $session }
saved-class = Saved: { $class }
classified-as = chosen: { $class }
class-option = { $key } · { $class }
panel-dropped-out = The client stopped coming after session { $last } of { $sessions }.
start-chosen = Chosen: { $title }
start-by-code = The course code chooses the scenario.
briefing-back = Back (Escape)

# A case that ended before a checkpoint (issue 26): no forecast is asked after the client stopped coming.
case-stopped-reading = The client did not come to session { $next }: they stopped coming after session { $last }. No forecast is asked at the checkpoints after their last session; the outcome is judged on the last score.
reveal-not-asked = not asked: the client had stopped
drill-stopped = The client stopped coming after session { $last }: no forecast was asked at the checkpoints after it (session { $which }), absent rather than 0.
case-stopped-short = stopped after session { $last }

## Why an entry of a results folder is not used (cohort::reasons)
os-not-found = it is not there
os-permission = no permission to read it
os-already-exists = something of that name is already there
os-is-a-directory = it is a folder, not a file
os-not-a-directory = a part of its path is a file, not a folder
os-too-large = { $error }
os-not-a-file = { $error }
os-invalid-data = { $error }
os-cut-short = it ends before its end: it was cut short
os-storage-full = the disk is full
os-read-only = the disk is read-only
os-busy = it is busy: try again in a moment
os-timed-out = reading it took too long: try again
os-interrupted = reading it was interrupted: try again
os-out-of-memory = there was not enough memory to read it
os-network = the network drive it is on cannot be reached
os-bad-path = its path cannot be followed (a loop of links, or a name the system does not allow)
os-address-in-use = the address is already in use
os-address-not-available = this computer has no such address
os-other = { $error }
os-other-no-code = { $error }
json-syntax = line { $line }, column { $col }: not valid JSON
json-data = line { $line }, column { $col }: valid JSON, but not what a receipt holds
json-eof = line { $line }, column { $col }: it ends in the middle
json-io = it cannot be read to its end
entry-folder = a folder
entry-fifo = a FIFO (named pipe)
entry-device = a device
entry-socket = a socket
entry-not-regular = not a regular file
entry-unlisted = an entry that cannot be listed ({ $error })
entry-link-to = a link to { $what }
entry-link-nothing = a link to nothing (what it linked to is gone)
entry-link-broken = a link that cannot be followed ({ $error })
entry-unreadable = cannot be read ({ $error })
entry-station-lock = the lock of a live class station keeping its record here (or left by one that stopped) — not a run file
entry-run-lock = the lock of a run being written (or left by one that stopped) — not a run file
entry-receipt = the receipt of a run received live — read with its run file
entry-receipt-unreadable = the receipt of a run received live, not used: cannot read it ({ $error }) — its run counts as a file handed in
entry-receipt-damaged = the receipt of a run received live, not used: not a receipt of a live class ({ $error }) — it was edited or damaged; its run counts as a file handed in
entry-temporary = a temporary file of a save in progress (or of one that was interrupted) — not a run file
entry-subfolder = a folder — run files are read from this folder only, not from folders in it
entry-other-file = not a run file (only files named *.ron are read)
not-used-copy = { $file }: the same run as { $kept } (a copy) — counted once
not-used-earlier = { $file }: the same run as { $kept } at an earlier stage ({ $answers } of { $kept_answers } answers) — only the copy that goes furthest counts
not-used-differs-live = { $file }: differs from the run received live in { $kept } from answer { $answer } on ({ $answers } answers here, { $kept_answers } received) — it was changed or carried on after the answers were sent; what was received live is scored
not-used-not-a-file = { $file }: { $what }, not a run file — not read
not-used-other = { $file }: { $what }
run-file-unreadable = { $path }: cannot read the file ({ $error })
run-file-schema = { $path }: run file schema { $found } — this OnTrack reads schema { $schema }; open it with the OnTrack version that wrote it ({ $version })
run-file-parse = { $path }:{ $line }:{ $col }: not a readable run file ({ $error })
run-file-verify = { $path }: { $why }
verify-seal-first = the run's details (pseudonym, seed, course code, start time or case records) or its first answer do not match the seal: the file was edited by hand after it was written
verify-seal = answer { $answer } does not match its seal: the file was edited by hand after it was written
verify-scenario = the embedded scenario is not valid: { $error }
verify-scenario-hash = the scenario stored in the file does not match the scenario hash recorded with it: the scenario or its hash was edited by hand after the run was written
verify-case-count = the file has { $found } case records, the run has { $expected } cases
verify-case-mismatch = case { $case }: the stored record ({ $stored }) differs from the regenerated case ({ $regenerated }): the file was edited
verify-rejected = answer { $index } ({ $action }) is not possible at that point of the run: { $error }
verify-out-of-order = answer { $answer } is dated before the answer before it
verify-cut-short = the file says the run finished, but its { $answers } answers stop before the end: answers were cut off after the run finished
cohort-line = { $runs } runs of { $trainees } trainees · not used: { $rejected } · other entries: { $others } · { $seconds } s

## The trainer's runs table: short column heads, each with its full name (hover text and what a
## screen reader says), so the header keeps to one line of the table.
runs-head-course = course
runs-head-cases = n
runs-head-judgement = judg.
runs-head-skill = BSS
runs-head-reliability = REL
runs-head-resolution = RES
runs-head-citl = CITL
runs-full-trainee = trainee
runs-full-course = course code
runs-full-started = date started
runs-full-cases = number of cases
runs-full-brier = Brier score (lower is better)
runs-full-judgement = judgement cost in percentage points (0 = the best possible forecasts)
runs-full-skill = Brier skill score against the base rate (0 = no better, 1 = perfect)
runs-full-reliability = miscalibration (REL)
runs-full-resolution = resolution: telling the cases apart (RES)
runs-full-auc = AUC: the chance that a deteriorating client got the higher forecast
runs-full-citl = bias: mean forecast minus observed rate (CITL)
runs-full-dprime = d′: sensitivity for drift

## Why an answer is not possible (src/run/words.rs)
run-error-forecast-due = a forecast is due at session { $session } first
run-error-classification-due = event { $event } must be classified before the case is revealed
run-error-not-a-checkpoint = no forecast is asked at session { $session }
run-error-not-reached = the client stopped coming after session { $last }: no forecast is asked at session { $checkpoint }
run-error-no-such-session = the client stopped coming after session { $last }: there was no session { $session }
run-error-already-forecast = the forecast at session { $session } was already given and cannot be changed
run-error-percent = a forecast is a whole percentage from 1 to 99, not { $percent }
run-error-session-not-seen = session { $session } has not been seen
run-error-already-flagged = session { $session } is already flagged
run-error-unknown-drift-kind = there is no drift kind "{ $kind }" in this scenario
run-error-event-not-seen = there is no event { $event } in the sessions seen
run-error-already-classified = event { $event } is already classified
run-error-end-of-reading = the last session to read before the reveal has been reached
run-error-not-reading = { $what } is only possible while reading a case
run-error-what-answer = this answer
run-error-what-reveal = the reveal before the last checkpoint
run-error-not-revealed = the case is not revealed yet
run-error-finished = the run is over
action-next-session = next session
action-forecast = forecast { $percent } %
action-flag = drift flag at session { $session }
action-classify = event { $event } classified as { $class }
action-reveal = reveal
action-next-case = next case

## Why a run cannot start, resume or save (run::words::session_error_text), and why a course
## code cannot be read (run::words::code_error_text)
session-no-pseudonym = the pseudonym is empty — give a name that does not identify you (any text; spaces around it are dropped)
session-save = { $path }: cannot save the run ({ $error }) — check that the results folder can be written, or choose another with --results
session-no-free-name = { $dir }: no free name for a new run file — too many runs of this pseudonym, scenario and seed started at once; try again
session-finished = { $path }: this run is finished and cannot be resumed; start a new run instead
lock-held = { $path }: this run is being written by another OnTrack ({ $holder }) — finish or close that one first; a run takes one writer at a time, so that no answer is lost
lock-station-held = { $path }: another live class station is keeping its record in this folder ({ $holder }) — stop that station first, or give this class another folder; a record takes one station at a time, so that no answer is lost
lock-io = { $path }: cannot lock the run for writing ({ $error }) — check that its folder can be written
code-shape = "{ $code }" is not a course code: it looks like ABCD-1234 (four characters, a dash, four characters)
code-check = "{ $code }" has a typing error: the check character does not match — copy the code again from the board
code-seed-too-large = a course code carries seeds up to { $max }, not { $seed }
code-prefix = "{ $code }" is not a scenario code: use four letters or digits
code-unknown-scenario = { $code }: no scenario has the course code prefix { $prefix } — check the code, or name the scenario file the trainer gave you
drill-failed = No drill can be made of this scenario for that kind of case: practise with a course run instead.
seed-not-a-number = A seed is a whole number from 0 to 32767.
lock-holder-starting = a process that is starting
lock-holder-app = process { $pid }, the OnTrack app
lock-holder-command = process { $pid }, { $program }
live-start-folder = The class's folder cannot be made: { $why }
live-start-pin = No PIN could be drawn or kept for the class (see the log).
live-start-open = The class's record cannot be opened: { $why }
live-start-listen = The station cannot listen on its address (port { $port }): { $why }.
live-take-up-receipt = { $path }: the receipt is not used ({ $error }); the run file beside it is read without it
live-take-up-other-course = { $path }: a run of another course; not taken up in this class
live-take-up-other-run = { $path }: its receipt belongs to another run; not taken up
