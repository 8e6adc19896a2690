# Gebruikersinterface van OnTrack, Nederlands. De sleutels zijn dezelfde als in en.ftl.
app-title = OnTrack — een kalibratiesimulator voor behandelaars
pseudonym = Pseudoniem
pseudonym-hint = een naam waaraan niemand je herkent
scenario = Scenario
course-code = Cursuscode (van je docent)
course-code-hint = bijv. DCBT-0Z89
results-folder = Resultaten worden bewaard in
start = Starten (Enter)
resume = Verder
trainer = Docentenweergave
need-pseudonym = Typ eerst een pseudoniem.
scenario-line = { $cases } cliënten · { $sessions } sessies · { $measure } · ongeveer { $minutes } min
briefing = Instructie
measure = Het meetinstrument
measure-rules = Klinische grenswaarde { $cutoff }; een verandering van { $rci } punten of meer is betrouwbaar. { $direction }
higher-worse = Een hogere score is slechter.
higher-better = Een hogere score is beter.
what-asked = Wat je gevraagd wordt
what-asked-text = Na de intake en na sessie { $checkpoints } geef je de kans (1–99 %) dat de cliënt aan het eind van de behandeling betrouwbaar verslechterd is. Markeer sessies waarin de therapeut van het protocol afdrijft, en classificeer elke ongewenste gebeurtenis.
scoring = Hoe je scoort
scoring-text = Je voorspellingen krijgen een Brier-score: het gemiddelde gekwadrateerde verschil tussen jouw kans en wat er gebeurde (0 is perfect; altijd 50 % zeggen geeft 0,25). Zeg je 20 % bij een cliënt die verslechtert, dan scoort die cliënt (0,2 − 1)² = 0,64.
begin = Beginnen (Enter)
case-of = Cliënt { $n } van { $total }
patient = Cliënt
age-sex = { $age } jaar, { $sex }
female = vrouw
male = man
session-of = Sessie { $seen } van { $total }
intake = intake
chart-spoken = Grafiek van de { $measure } per sessie: { $scores }
score = score
alliance = werkrelatie
events = Ongewenste gebeurtenissen
flag-drift = Markeer drift
drift-kind = soort afwijking (als je het weet)
drift-kind-unknown = weet ik niet
flagged = gemarkeerd
class-unrelated = los van de behandeling
class-side_effect = bijwerking
class-malpractice = reactie op een behandelfout
class-violation = schending van ethische of wettelijke normen
forecast-question = Hoe groot is de kans dat deze cliënt aan het eind van de behandeling verslechterd is?
commit-forecast = Voorspelling vastleggen (Enter)
next-session = Volgende sessie (Enter of pijltje rechts)
classify-first = Classificeer eerst de ongewenste gebeurtenissen.
reveal = Toon de afloop (Enter of pijltje rechts)
next-case = Volgende cliënt (Enter of pijltje rechts)
outcome = Afloop
outcome-deteriorated = verslechterd
outcome-unchanged = geen betrouwbare verandering
outcome-improved = verbeterd
outcome-recovered = hersteld
checkpoint = na sessie
your-forecast = jij
ideal-forecast = best mogelijk
drift-onset = Drift vanaf sessie { $onset }: { $kind }
no-drift = Geen drift bij deze cliënt.
true-class = juiste klasse
debrief = Nabespreking
debrief-cases = { $deteriorated } van de { $cases } cliënten verslechterden; jij gaf { $foreseen } van hen 50 % of meer bij het laatste meetmoment.
debrief-contents = Ga naar:
debrief-contents-drift = Afwijkingen en gebeurtenissen
debrief-contents-lessons = Aanwijzingen en blinde vlekken
debrief-contents-progress = Je eerdere rondes
hannan = In Hannan e.a. (2005) verslechterden 40 van 550 cliënten; hun therapeuten voorzagen er 3.
debrief-no-deterioration = Geen van deze cliënten verslechterde: steeds 1 % voorspellen had zelfs de best mogelijke voorspeller verslagen, dus deze scores zeggen weinig over het voorzien van verslechtering. Vraag om een cursuscode met een cliënt die verslechtert.
brier-line = Brier-score { $brier } (best mogelijk { $ideal }, basisfrequentie { $base })
citl-under = Je schatte verslechtering { $points } procentpunt te laag in.
citl-over = Je schatte verslechtering { $points } procentpunt te hoog in.
citl-even = Gemiddeld klopten je kansen met hoe vaak cliënten verslechterden.
new-run = Nieuwe oefening
saved-in = Bewaard in { $path }
error = Er ging iets mis: { $message }
demo-running = demo: de best mogelijke voorspeller speelt
screenshot = Sla een afbeelding van het venster op in de resultatenmap (F12)
screenshot-saved = Afbeelding opgeslagen: { $path }
high-contrast = hoog contrast
theme-light = licht
theme-dark = donker
unfinished-run = Onafgemaakte oefening
unfinished-line = { $trainee } · bij cliënt { $case } van { $cases } · begonnen { $when }
started-today = vandaag om { $time }
started-yesterday = gisteren om { $time }
started-on = op { $date } om { $time }
level-first-lesson = eerste les
level-course = cursus
level-advanced = gevorderd
level-drill = gerichte oefening
level-own = eigen scenario
trains-drill = Oefenen met meer gevallen van { $kind } dan de cursus heeft.
trains-first-lesson = Een verloop op de OQ-45 lezen en zeggen hoe waarschijnlijk verslechtering is.
trains-depression-cbt-oq45 = Zien wie achteruitgaat in CGT bij depressie, en wanneer de therapeut afdwaalt.
trains-anxiety-exposure-cbt = Een bijwerking van exposure onderscheiden van een behandelfout.
trains-pcoms-ors-srs = ORS en SRS lezen, waar een hogere score beter is.
trains-depression-psychodynamic = Verslechtering voorzien in psychodynamische therapie, waar afdwalen er anders uitziet.
trains-feedback-not-on-track = Cliënten die niet op koers zijn, als de therapeut geen signaal krijgt.
trains-feedback-not-on-track-feedback = Cliënten die niet op koers zijn, als de therapeut het signaal ziet.
trains-feedback-not-on-track-cst = Cliënten die niet op koers zijn, met feedback en klinische hulpmiddelen.
trains-hello-goodbye-neq = Schade zien die goede eindscores verbergen.
trains-trauma-recovered-memories = Suggestief afdwalen naar 'hervonden' herinneringen herkennen in een PTSS-behandeling.
session = Sessie
checkpoint-of = voorspelling { $k } van { $total }
forecast-keys = Toetsen: pijltje links en rechts 1 punt, omhoog en omlaag 5 punten; alleen Enter legt vast.
classify-as = Wat voor gebeurtenis is het?
flag-session = Markeer afwijken van het protocol in sessie { $session }
card-differences = { $differences ->
    [0] volgens protocol
    [one] 1 afwijking van het protocol ({ $changed } nieuw)
   *[other] { $differences } afwijkingen van het protocol ({ $changed } nieuw)
}
card-events = { $events ->
    [one] 1 ongewenste gebeurtenis
   *[other] { $events } ongewenste gebeurtenissen
}
as-protocol = Volgens protocol: niets weggelaten, niets toegevoegd.
new-since-before = nieuw
headline-brier = Je Brier-score
headline-class-brier = Brier-score van de groep
headline-brier-context = best mogelijk { $ideal } · basispercentage { $base } · lager is beter
headline-judgement = Je oordeel
headline-judgement-context = punt gemiddeld van de best mogelijke voorspellingen · 0 is het best · zonder geluk
against-best-heading = Je voorspellingen tegen de best mogelijke
against-best-near = jouw voorspelling
against-best-far = { $points } punt of meer van de beste (klik om de cliënt te openen)
against-best-diagonal = gelijk aan de beste
against-best-x = best mogelijke voorspelling (%)
against-best-y = jouw voorspelling (%)
against-best-summary = { $n } voorspellingen: boven de lijn gaf je meer dan de best mogelijke voorspelling (overreactie), eronder minder. { $far ->
    [0] Geen enkele lag { $points } punt of meer van de beste.
   *[other] { $far } lagen { $points } punt of meer van de beste (cliënten { $cases }).
}
headline-class-judgement = Oordeel van de groep
col-judgement = oordeel (pt)
col-judgement-cost = oordeelskosten
headline-calibration = Kalibratie
headline-points = { $points } pt
headline-class-calibration-context = De gemiddelde voorspelling van de groep min hoe vaak cliënten verslechterden, in procentpunten.
headline-drift = Afdwalen opgemerkt
headline-drift-number = { $hits } van { $cases }
headline-drift-context = { $false ->
    [one] 1 vals alarm
   *[other] { $false } valse alarmen
}
text-larger = Grotere tekst
text-smaller = Kleinere tekst
drift-starts = drift begint
axis-session = sessie
band-reliable = betrouwbare verandering rond intake
band-expected = verwacht beloop (80 % van de cliënten)
clinical-cutoff = klinische grens
actuarial-forecast = signaleringsregel
scoring-busy = Je ronde wordt gescoord…
your-forecasts = Jouw voorspellingen
brier-sentence = Brier-score { $brier } (95 %-interval { $interval }): 0 is perfect; altijd 50 % zeggen geeft 0,250.
decomposition = Dat is miskalibratie { $reliability } (hoe ver je percentages van de uitkomsten lagen; lager is beter) min resolutie { $resolution } (hoe goed je cliënten uit elkaar hield; hoger is beter) plus onzekerheid { $uncertainty } (hoe moeilijk deze cliënten waren).
skill-better = Je deed het { $percent } % beter dan altijd het basispercentage voorspellen.
skill-worse = Je deed het { $percent } % slechter dan altijd het basispercentage voorspellen.
auc-sentence = AUC { $auc } ({ $interval }): de kans dat je een cliënt die verslechterde een hogere kans gaf dan een die niet verslechterde (0,5 is gokken).
col-brier = Brier
col-skill = vaardigheid
col-auc = AUC
col-reliability-short = miskalibratie
base-rate-forecast = basispercentage
reliability-diagram = Betrouwbaarheidsdiagram
perfect-calibration = perfecte kalibratie
diagram-help = Elk punt: je voorspellingen in één band van percentages, tegen hoe vaak die cliënten verslechterden; de streep is het 95 %-interval, het getal het aantal voorspellingen. Op de diagonaal ben je gekalibreerd; eronder voorspel je te hoog, erboven te laag.
drift-heading = Afwijken van het protocol
drift-counts = { $cases } cliënten met drift: { $hits } opgemerkt, { $misses } gemist; { $false } vals alarm in { $stretches } stukken zonder drift.
drift-measures = Gevoeligheid d' { $dprime }, criterium c { $c } (positief = voorzichtig), gemiddeld { $latency } sessies na het begin opgemerkt.
events-heading = Ongewenste gebeurtenissen
events-measures = { $n } ingedeeld, { $accuracy } juist, Cohens κ { $kappa }.
truth-answer = juiste klasse · jouw antwoord
progress-heading = Jouw rondes van dit scenario op deze computer
progress-few = { $runs ->
    [one] Dit is je eerste afgeronde ronde van dit scenario hier; na de volgende verschijnt je voortgang als grafiek.
   *[other] { $runs } afgeronde rondes tot nu toe; na de volgende verschijnt je voortgang als grafiek.
}
progress-help = Brier-score per ronde (lager is beter), met het 95 %-interval; gestreept, met vierkantjes: het miskalibratiedeel ervan. Groene ruitjes: de oordeelskosten, hoe ver de voorspellingen van de best mogelijke lagen (zonder geluk), op dezelfde schaal.
auc-undefined = AUC hier niet te berekenen: { $why }.
why-oneoutcome = alle cliënten hadden dezelfde uitkomst
why-nocases = geen cliënten
why-toofewcases = te weinig cliënten
why-nosignal = in de sessies die je zag dreef geen enkele behandeling af
why-nonoise = elke behandeling dreef af
why-nohits = er werd geen drift opgemerkt
why-perfectreference = het basispercentage was op deze cliënten perfect
why-chanceagreementone = jij en de werkelijkheid gebruikten allebei maar één klasse
why-lengthmismatch = de invoer verschilt in lengte
why-notaprobability = een voorspelling is geen kans tussen 0 en 1
why-emptybin = geen voorspelling in deze band
why-nokindnamed = bij geen enkele opgemerkte drift werd de soort benoemd
why-extremerate = een proportie van 0 of 1 heeft geen eindige z-score
why-notfinite = de uitkomst is geen eindig getal
why-notcomputed = niet berekend voor een vergelijkingsvoorspeller binnen één ronde
drift-none = In de sessies die je zag dreef geen behandeling af, dus er viel niets op te merken; gevoeligheid en criterium vragen er minstens één.
short-unrelated = los van de behandeling
short-side_effect = bijwerking
short-malpractice = behandelfout
short-violation = schending
trainer-title = Trainersstation
back-to-start = Terug naar het begin
tab-runs = Rondes
tab-progress = Voortgang
tab-cases = Cliënten die de groep misleidden
tab-handout = Een cursus uitdelen
trainer-load-first = Kies de map met de rondebestanden van je studenten en laad die.
trainer-folder = Resultatenmap
trainer-folder-hint = de map met de .ron-bestanden van de studenten
choose-folder = Kiezen…
load = Laden
reading-files = { $done } van { $total } bestanden gelezen
scoring-runs = De rondes worden gecontroleerd en gescoord…
cohort-summary = { $runs ->
    [one] 1 ronde
   *[other] { $runs } rondes
} van { $trainees ->
    [one] 1 deelnemer
   *[other] { $trainees } deelnemers
}; { $rejected ->
    [one] 1 bestand was
   *[other] { $rejected } bestanden waren
} niet bruikbaar. Geladen in { $seconds } s.
warnings = Niet bruikbare bestanden ({ $n })
trainer-others = Andere items in de map, geen rondebestanden ({ $n })
col-trainee = deelnemer
col-scenario = scenario
col-started = datum
col-cases = cliënten
col-resolution = resolutie
col-citl = vertekening
col-dprime = d'
row-class = groep (samen)
all-runs = cursusrondes
open-run = open
export-csv = CSV exporteren
trainer-diagram-help = Alle voorspellingen van de groep samen (vierkantjes); kies een deelnemer in de tabel om die erbij te zien (rondjes, met aantallen). Strepen: 95 %-Wilson-intervallen.
save-png = Opslaan als afbeelding (PNG)
back-to-table = Terug naar de tabel
case-button = Cliënt { $n }
axis-forecast = kans op verslechtering (%)
axis-case-rank = cliënt, meest misschat eerst
col-day = bijeenkomst
col-date = datum
col-runs = rondes
trainer-progress-help = Brier-score per cursusdag, alle rondes van die dag samen (lager is beter), met het 95 %-interval; gestreept, met vierkantjes: het miskalibratiedeel ervan. Groene ruitjes: de oordeelskosten, hoe ver de voorspellingen van de best mogelijke lagen (zonder geluk), op dezelfde schaal.
cases-help = Per cliënt de gemiddelde voorspelling van de groep bij het laatste meetmoment, naast de best mogelijke voorspelling en wat er gebeurde. Eerst de cliënten waarbij de groep het verst van de uitkomst zat terwijl de aanwijzingen er waren.
col-rank = plaats
col-case = cliënt
col-trainees = deelnemers
col-fooled = misschat met
not-deteriorated = niet verslechterd
handout-help = Kies een scenario en een startgetal: iedereen die de cursuscode intypt krijgt dezelfde cliënten, zodat je ze samen kunt bespreken.
seed = Startgetal
seed-needed = Typ een startgetal (een getal van 0 tot 32767) om een cursuscode te maken.
save-sheet-nl = Instructieblad opslaan (Nederlands)
save-sheet-en = Instructieblad opslaan (English)
saved-file = Opgeslagen: { $path }
col-course = cursuscode
trainee-pooled = Cursusrondes samen (gerichte oefeningen apart): Brier { $brier }, miskalibratie { $reliability }, AUC { $auc } ({ $n } voorspellingen).
new-seed = Kies er een
handout-no-deterioration = In deze cursus verslechtert geen enkele cliënt: 1 % voorspellen zou iedereen verslaan, zelfs de best mogelijke voorspeller. ‘Kies er een’ kiest een cursus met minstens één cliënt die verslechtert.
no-folder-chosen = Geen map gekozen. Je kunt het pad van de map ook intypen en op Laden klikken.
csv-exists = { $path } bestaat al: klik nog eens op CSV exporteren om het te vervangen.

## A case as text (`ontrack case`, and wherever a case is printed)
case-woman = vrouw
case-man = man
case-years = jaar
case-score = score
case-alliance = werkrelatie
case-session = Sessie
case-event = Gebeurtenis
case-neq = { $item } ({ $severity } van 4)
case-hidden = Verborgen — soort beloop: { $course }; drift: { $drift }; hello-goodbye: { $hello }; afloop: { $outcome }
    (De soort beloop is de verandering waaruit deze cliënt getrokken is, genoemd naar de gemiddelde cliënt ervan. De eigen verandering van de cliënt wijkt daarvan af en de getoonde scores schommelen van week tot week, dus ook een cliënt met een herstellend beloop kan onveranderd of slechter eindigen; de afloop wordt beoordeeld op de getoonde scores.)
case-drift-from = { $kind } (vanaf sessie { $onset })
case-drift-none = geen
case-hidden-event = sessie { $session }: { $event } ({ $class })
case-sudden-gain = Een plotselinge verbetering: het grootste deel van de vooruitgang van deze cliënt kwam in één stap, tussen sessie { $before } en { $session } ({ $points } punten van de ware score).
case-sudden-loss = Een plotselinge stap de verkeerde kant op: de ware verandering van deze cliënt ging toch de verkeerde kant op, en het grootste deel ervan kwam in één stap, tussen sessie { $before } en { $session } ({ $points } punten van de ware score).
case-dropped-out = De cliënt kwam na sessie { $last } van de { $sessions } niet meer: de uitkomst wordt beoordeeld op die laatste score, zoals uitkomstonderzoek dat doet.
yes = ja
no = nee

## The course sheet a trainer prints (HTML; the code arrives escaped)
sheet-heading = Oefening in voorspellen: wie gaat achteruit?
sheet-step-1 = Open OnTrack.
sheet-step-2 = Kies een pseudoniem: een naam die jou niet herkenbaar maakt. Gebruik elke week dezelfde, dan zie je je voortgang.
sheet-step-3 = Typ de cursuscode <b>{ $code }</b> in het vak ‘Cursuscode’ en klik op Starten.
sheet-step-4 = Lees de uitleg. Geef bij elk meetmoment de kans (1–99 %) dat de cliënt aan het eind van de behandeling achteruit is gegaan, markeer sessies waarin de therapeut van het protocol afwijkt, en deel elke ongewenste gebeurtenis in.
sheet-step-5 = Na elke cliënt zie je wat er gebeurde; aan het eind krijg je je nabespreking. Je antwoorden worden na elke stap bewaard: sluit je het venster, dan ga je later verder waar je was.
sheet-about = { $cases } cliënten, { $sessions } sessies elk, meetinstrument { $measure }; ongeveer { $minutes } minuten. Iedereen met deze code krijgt dezelfde cliënten, zodat we ze samen kunnen bespreken.
sheet-trainer = Voor de trainer: een groep gesimuleerde deelnemers wier oordeel bekend verschilt, krijgt op twee cursuscodes van { $cases } cliënten een vergelijkbare rangorde met r = { $judgement_r } op de oordeelskosten en r = { $brier_r } op de Brier-score. Een betrouwbare rangorde (r ≥ 0,70) vraagt { $judgement_cases } op de oordeelskosten en { $brier_cases } op de Brier-score; vergelijk deelnemers daaronder op de oordeelskosten, of niet.
sheet-trainer-cases = { $n } cliënten per deelnemer
sheet-trainer-more = meer dan 240 cliënten per deelnemer
sheet-mix = De cliënten worden willekeurig getrokken volgens gepubliceerde percentages: hoeveel er achteruitgaan verschilt per cursus, en niets aan die mix is gegarandeerd.

## The command line's text output (`scenarios`, `validate`, `generate`, `play`, `check`, `score`, `report`, `cohort`)
not-defined = niet te berekenen
bench-ideal = best mogelijk
bench-actuarial = signaleringsregel
bench-base_rate = basispercentage
cli-listing = { $cases } cliënten, { $sessions } sessies, ongeveer { $minutes } min
cli-valid = { $name }: in orde
cli-summary-id = id: { $id } — { $title }
cli-summary-measure = meetinstrument: { $name } { $min }–{ $max } ({ $direction }), klinische grenswaarde { $cutoff }, betrouwbare verandering { $rci } (op de getoonde scores: { $shown })
cli-higher-worse = hoger is slechter
cli-higher-better = hoger is beter
cli-summary-sessions = sessies: { $sessions }, meetmomenten na sessie [{ $checkpoints }], { $cases } cliënten per ronde
cli-summary-rate = opgegeven aandeel cliënten dat verslechtert: { $rate } ({ $source })
cli-summary-priors = opgeloste latente a-priorikansen (zonder drift / met drift):
cli-wrote = { $cases } cliënten van { $id } (startgetal { $seed }) geschreven naar { $dir }
cli-saved = bewaard { $n }
station-running = Live les van cursus { $code }; de registratie wordt bewaard in { $dir }
station-address = Adres: { $address }
station-pin = PIN: { $pin }
station-announced = De les wordt op dit netwerk aangekondigd: deelnemers kunnen hem ook kiezen onder "Meedoen met een live les" in plaats van het adres te typen.
station-not-announced = De les kan op dit netwerk niet worden aangekondigd ({ $error }): deelnemers typen het adres.
station-loopback = Luistert alleen op deze computer: de les wordt niet op het netwerk aangekondigd.
station-stop-hint = Druk op Ctrl-C om de les te beëindigen.
station-refused-host = { $host } hield meer verbindingen open dan zijn deel zonder een verzoek te sturen: een aantal is gesloten (de antwoorden van de deelnemers komen nog steeds binnen).
station-ended = De les is beëindigd: { $runs } { $runs ->
    [one] oefening
   *[other] oefeningen
} met { $answers } { $answers ->
    [one] antwoord
   *[other] antwoorden
} in { $dir }
play-live-delivered = Live les: alle { $total } antwoorden zijn bij het station.
play-live-undelivered = Live les: { $delivered } van de { $total } antwoorden hebben het station bereikt ({ $problem }); het bestand van de oefening bevat elk antwoord, en `ontrack play --resume BESTAND --bot … --live … --pin …` stuurt de rest.
play-live-refused = Live les: het station weigerde deze oefening ({ $reason }); het bestand van de oefening is compleet.
check-title = ontrack check { $id } — { $cases } cliënten, startgetal { $seed }
check-selection = Selectie: de oefening toont alleen cliënten die uiterlijk na sessie { $session } als niet op koers gesignaleerd zijn: { $kept } % van de populatie, van wie { $rate } verslechtert (het basispercentage). De opgegeven percentages hieronder gelden voor de hele populatie en worden daarop gecontroleerd; de doelen en voorspellers voor de getoonde cliënten.
check-col-rate = aandeel
check-col-declared = opgegeven
check-col-realised = gerealiseerd
check-col-interval = interval*
check-col-result = oordeel
check-rate-deterioration = verslechtering
check-rate-recovery = herstel
check-rate-drift = drift
check-rate-events = gebeurtenissen: { $class }
check-model = { $rate } (model)
check-footnote = * 99,75 %-Wilson-interval, familiegewijs over de { $lines } regels (Bonferroni): een juist scenario zakt bij toeval hooguit 1 op de 400 keer voor een regel, zodat de tien meegeleverde scenario's met hun regels en doelen samen bij toeval hooguit 1 op de 20 keer zakken
check-col-checkpoint = meetmoment
check-col-cases = cliënten
check-col-forecaster = voorspeller
check-col-reliability = miskalibratie
check-col-mean = gem. p
check-na = n.v.t.
check-ideal = best mogelijke voorspeller na sessie { $checkpoint } laagste Brier: { $best }   gekalibreerd (Hosmer–Lemeshow { $hl }, p = { $p }): { $calibrated }
check-signal = signaleringsregel tot sessie { $checkpoint } markeert { $sensitivity } % van de cliënten die verslechteren als niet op koers (geel/rood), { $flagged } % van alle cliënten
check-spotting = afdrijven herkennen per sessie, d′ = √2·Φ⁻¹(AUC): ideale waarnemer { $ideal } (in de eerste sessie van het afdrijven { $ideal_onset }, { $band }); oppervlakkige lezer (markeert elke notitie waarin een onderdeel ontbreekt of iets buiten het protocol staat) { $scanner } (in de eerste sessie van het afdrijven { $scanner_onset }), { $share } % van die van de ideale waarnemer (hoogstens { $max } %): { $verdict }
check-spotting-band = opgegeven band { $low }–{ $high }
check-spotting-no-band = geen band opgegeven
check-events-title = Uitkomst van de getoonde cliënten met elke ongewenste gebeurtenis:
check-event-outcome = { $key } ({ $class }): { $clients } cliënten, { $recovered } % hersteld, { $deteriorated } % verslechterd
check-harm = Cliënten met een reactie op onjuiste behandeling of een schending ({ $clients }): { $recovered } % hersteld en { $deteriorated } % verslechterd, tegen { $recovered_other } % en { $deteriorated_other } % van de andere cliënten (herstel × { $recovery_ratio }, verslechtering × { $deterioration_ratio }).
check-pass = GOED
check-fail = FOUT
check-pass-all = GOED: elke regel klopt
check-fail-all = FOUT: zie de regels met FOUT
check-targets-title = Kwalificatiedoelen: gepubliceerde cijfers die de gesimuleerde populatie moet halen
check-targets-none = Dit scenario geeft geen doelen op.
check-col-target = doel
check-col-source = bron
check-col-band = waarde (band)
check-target-source = { $key } ({ $evidence })
check-targets-footnote = * 99,75 %-interval, familiegewijs over de { $lines } doelen (Bonferroni; Wilson voor aandelen, Kaplan–Meier met Greenwood voor "tot sessie" en voor gebeurtenissen (gecensureerd waar een cliënt voortijdig stopte), Cohens d met zijn standaardfout voor grote steekproeven voor de werkrelatie van uitvallers, Fisher z voor correlaties): een doel is gehaald als zijn interval de band raakt
evidence-verified = geverifieerd
evidence-unverified = niet geverifieerd
evidence-modelling-choice = modelkeuze
target-deterioration = verslechtering
target-recovery = herstel
target-reliable-improvement-by = betrouwbare verbetering tot sessie { $session }
target-reliably-improved-at = betrouwbaar verbeterd bij sessie { $session }
target-recovery-by = herstel tot sessie { $session }
target-sudden-gain = plotselinge verbetering (≥ { $points } punten, ≥ { $share } % van de score)
target-alliance-outcome = werkrelatie (sessies 1–{ $sessions }) × gecorrigeerde verandering, r
target-test-retest = test-hertestbetrouwbaarheid
target-alliance-dropout = werkrelatie (sessies 1–{ $sessions }), afmakers tegenover uitvallers, d
target-dropout = voortijdige uitval
target-dropout-by = uitvallers die tot en met sessie { $session } stopten
target-warning-sensitivity-by = signalering: verslechterde cliënten gemarkeerd tot sessie { $session }
target-warning-sensitivity-end = signalering: verslechterde cliënten gemarkeerd vóór het einde
target-warning-flagged-by = signalering: alle cliënten gemarkeerd tot sessie { $session }
target-warning-flagged-end = signalering: alle cliënten gemarkeerd vóór het einde
target-events = cliënten met gebeurtenissen: { $class }
score-n = n
score-brier = Brier-score
score-reliability = miskalibratie (REL)
score-resolution = resolutie (RES)
score-uncertainty = onzekerheid (UNC)
score-skill = vaardigheid (tegen het basispercentage)
score-log = logscore (begrensd op 1–99 %)
score-citl = kalibratie in het groot
score-auc = AUC
score-interval = (95 %-bootstrapinterval { $low }–{ $high })
report-title = Nabespreking — { $trainee } — { $scenario } (startgetal { $seed })
report-title-code = Nabespreking — { $trainee } — { $scenario } (startgetal { $seed }, cursuscode { $code })
report-unfinished = — onafgemaakte ronde
report-cases = { $cases } cliënten, { $forecasts } voorspellingen. { $deteriorated } van de { $cases } cliënten verslechterden. Bij het laatste meetmoment gaf je { $predicted ->
    [one] 1 cliënt
   *[other] { $predicted } cliënten
} 50 % of meer; van hen verslechterden er { $foreseen }.
report-hannan = Ter vergelijking: in Hannan e.a. (2005) verslechterden 40 van 550 cliënten en voorzagen hun therapeuten 3 verslechteringen (waarvan één terecht).
report-interval = (95 %-interval { $low }–{ $high })
report-brier = Brier-score { $brier }{ $interval }{ $why }: 0 is perfect; altijd 50 % zeggen geeft 0,250.
report-decomposition = = miskalibratie { $reliability } − resolutie { $resolution } + onzekerheid { $uncertainty }: miskalibratie is hoe ver je percentages lagen van wat er gebeurde; resolutie hoe goed je cliënten uit elkaar hield; onzekerheid hoe moeilijk deze cliënten waren.
report-skill = Vaardigheid tegen het basispercentage: { $skill }{ $why } (0 = niet beter dan altijd het basispercentage voorspellen, 1 = perfect).
report-auc = AUC { $auc }{ $why }: de kans dat je een cliënt die verslechterde een hogere kans gaf dan een die niet verslechterde.
report-citl-under = Kalibratie in het groot: je schatte verslechtering { $points } procentpunt te laag in.
report-citl-over = Kalibratie in het groot: je schatte verslechtering { $points } procentpunt te hoog in.
report-citl-even = Kalibratie in het groot: gemiddeld klopten je kansen met hoe vaak cliënten verslechterden.
report-log = Logscore { $log } (voorspellingen begrensd op 1–99 %).
report-judgement = Oordeelskosten: je voorspellingen lagen gemiddeld { $points } procentpunt{ $interval } van de best mogelijke (gemiddelde gekwadrateerde afstand { $cost }; 0 = elke voorspelling de best mogelijke).
report-judgement-best = Elke voorspelling was de best mogelijke.
report-judgement-higher = Je voorspellingen lagen gemiddeld { $bias } punt hoger dan de beste: dat systematische deel is { $systematic } ({ $share } % van de kosten); de rest, { $scatter }, is spreiding — bij sommige cliënten te hoog, bij andere te laag.
report-judgement-lower = Je voorspellingen lagen gemiddeld { $bias } punt lager dan de beste: dat systematische deel is { $systematic } ({ $share } % van de kosten); de rest, { $scatter }, is spreiding — bij sommige cliënten te hoog, bij andere te laag.
report-judgement-even = Gemiddeld lagen je voorspellingen niet hoger of lager dan de beste; de kosten, { $scatter }, zijn spreiding — bij sommige cliënten te hoog, bij andere te laag.
report-judgement-split-bad-luck = Je Brier-score { $brier } = oordeel { $cost } + { $unavoidable } die zelfs de beste voorspellingen op deze cliënten naar verwachting halen + { $luck } pech (hoe het met deze cliënten toevallig afliep).
report-judgement-split-good-luck = Je Brier-score { $brier } = oordeel { $cost } + { $unavoidable } die zelfs de beste voorspellingen op deze cliënten naar verwachting halen − { $luck } geluk (hoe het met deze cliënten toevallig afliep).
report-judgement-read = De Brier-score bevat geluk; de oordeelskosten niet. Lees de Brier-score voor hoe je voorspellingen uitpakten tegen wat er gebeurde, de oordeelskosten voor hoe goed ze waren.
report-same-cases = Op dezelfde cliënten en meetmomenten:
report-you = jij
report-drift = Afwijken van het protocol: { $cases } cliënten met drift, { $hits } opgemerkt, { $misses } gemist; { $false } vals alarm in { $stretches } stukken zonder drift.
report-drift-measures = d′ { $dprime } (gevoeligheid), c { $c } (positief = voorzichtig), latentie { $latency } sessies{ $latency_why }, soort juist benoemd { $kind }.
report-events = Ongewenste gebeurtenissen: { $n } ingedeeld, { $accuracy } juist, Cohens κ { $kappa }.
report-confusion = (rijen: juiste klasse, kolommen: jouw antwoord)
cohort-group = { $scenario } — startgetal { $seed } — cursuscode { $code }
cohort-col-interval = 95 %-interval
cohort-none = geen enkel rondebestand kon worden gescoord
cohort-rejected = niet gebruikte bestanden ({ $n }):
cohort-others = overige items in de map, geen rondebestanden ({ $n }):
cohort-legend = Brier: lager is beter (0,25 = altijd 50 %); vaardigheid: tegen het basispercentage (0 = niet beter, 1 = perfect); REL: miskalibratie; RES: cliënten uit elkaar houden; CITL: gemiddelde voorspelling min waargenomen percentage (negatief = te laag voorspeld); d′, c, lat: drift opmerken (gevoeligheid, criterium, sessies te laat); κ: ongewenste gebeurtenissen indelen. — = niet te berekenen voor deze ronde. J pp: oordeelskosten, hoe ver de voorspellingen gemiddeld van de best mogelijke lagen, in procentpunten (zonder geluk); #B, #J: plaats op Brier-score en op oordeelskosten binnen de cursus, · waar die rangorde niet betrouwbaar is.
report-stopped-early = { $stopped ->
    [one] 1 van de { $cases } cliënten kwam
   *[other] { $stopped } van de { $cases } cliënten kwamen
} vóór het laatste meetmoment niet meer. { $absent ->
    [one] De 1 voorspelling
   *[other] De { $absent } voorspellingen
} bij de meetmomenten na hun laatste sessie { $absent ->
    [one] is
   *[other] zijn
} nooit gevraagd: ze ontbreken in elke score en tellen niet als 0.
cohort-stopped-early = { $stopped ->
    [one] 1 van deze cliënten (cliënt { $which }) kwam vóór het laatste meetmoment niet meer: na de laatste sessie is geen voorspelling gevraagd, en elke score laat die meetmomenten weg.
   *[other] { $stopped } van deze cliënten (cliënten { $which }) kwamen vóór het laatste meetmoment niet meer: na hun laatste sessie is geen voorspelling gevraagd, en elke score laat die meetmomenten weg.
}

## The cohort table: runs and their versions
cohort-started = gestart (UTC)
cohort-unfinished = (niet af)
cohort-received-live = (live ontvangen)
cohort-version = (versie { $n } van { $of }, hash { $hash })
cohort-no-deterioration = Geen van deze cliënten ging achteruit: altijd 1 % voorspellen verslaat hier zelfs de best mogelijke voorspeller, dus Brier, vaardigheid en AUC zeggen weinig over het voorspellen van achteruitgang. Geef een cursuscode uit met ten minste één cliënt die achteruitgaat.
ranking-by-brier = Brier-score
ranking-by-judgement = oordeelskosten
ranking-ranked = Rangorde op { $score }: betrouwbaar ({ $reliability } over { $runs } rondes); verschillen kleiner dan { $band } zijn toeval, dus rondes die minder verschillen delen een plaats (#).
ranking-not-ranked = Rangorde op { $score }: geen betrouwbare verschillen ({ $reliability } over { $runs } rondes; minstens 0,70 is nodig) — met zoveel cliënten zijn verschillen kleiner dan { $band } toeval, dus deze rondes krijgen daarop geen plaats (· bij #).
ranking-too-few = Rangorde op { $score }: minder dan twee rondes, niets te ordenen.
cohort-unfinished-note = (niet af): de ronde stopte voor de laatste cliënt; de ↳-rijen eronder zijn de benchmarks op de cliënten die bereikt zijn — vergelijk de ronde daarmee, niet met de rijen bovenaan de groep.
# Why the best possible forecast moved (src/teach/explain.rs)
explain-intake = Bij de intake is de best mogelijke voorspelling { $to }, tegen een basispercentage van { $from }
explain-moved = Na sessie { $session } { $direction ->
    [up] steeg
   *[down] daalde
} de best mogelijke voorspelling van { $from } naar { $to }
explain-same = Na sessie { $session } bleef de best mogelijke voorspelling { $to }
explain-because = , vooral door { $evidence }
explain-up = ; omhoog geduwd door { $evidence }
explain-up-little = ; een beetje omhoog geduwd door { $evidence }
explain-down = ; omlaag getrokken door { $evidence }
explain-down-little = ; een beetje omlaag getrokken door { $evidence }
explain-end = .
explain-ev-intake = de intakescore van { $score }
explain-ev-scores-higher = de scores ({ $points } hoger dan bij de intake, nu { $now }{ $usually })
explain-ev-scores-lower = de scores ({ $points } lager dan bij de intake, nu { $now }{ $usually })
explain-ev-scores-same = de scores (gelijk aan de intake, { $now }{ $usually })
explain-point = { $n } punt
explain-points = { $n } punten
explain-usually-higher = , terwijl cliënten zoals deze dan meestal { $points } hoger zitten
explain-usually-lower = , terwijl cliënten zoals deze dan meestal { $points } lager zitten
explain-usually-same = , waar cliënten zoals deze dan meestal zitten
explain-ev-alliance = de werkrelatie (gemiddeld { $mean } van { $max })
explain-ev-notes = de sessienotities ({ $n } van { $total } sessies buiten het protocol)
explain-ev-events = { $n ->
    [0] het uitblijven van ongewenste gebeurtenissen
    [one] de ongewenste gebeurtenis
   *[other] de { $n } ongewenste gebeurtenissen
}
# Cue weights (src/teach/text.rs)
cue-change = de verandering sinds de intake
cue-alliance = een zwakke werkrelatie
cue-drift = drift in de notities
cue-events = een ongewenste gebeurtenis
cue-severity = de ernst bij de intake
lens-and = en
lens-gave = Je gaf { $clauses }.
lens-twice = { $cue } ongeveer twee keer zoveel gewicht als terecht is
lens-times = { $cue } ongeveer { $times } keer zoveel gewicht als terecht is
lens-half = { $cue } ongeveer de helft van het terechte gewicht
lens-third = { $cue } ongeveer een derde van het terechte gewicht
lens-almost-none = { $cue } bijna niets van het terechte gewicht
lens-reversed = Je las { $cue } verkeerd om: in deze cliënten wijst het de andere kant op.
lens-spurious = Je gaf gewicht aan { $cue }, terwijl dat in deze cliënten weinig zegt over verslechtering.
lens-all-right = Je gaf elke aanwijzing ongeveer het gewicht dat terecht is.
lens-unclear = Uit deze voorspellingen blijkt niet duidelijk hoeveel gewicht je geeft aan { $cues }: meer cliënten maken het duidelijk.
lens-inconsistent = Je voorspellingen liepen sterk uiteen bij cliënten met dezelfde aanwijzingen (consistentie { $r } van 1): gebruik dezelfde aanwijzingen elke keer op dezelfde manier.
lens-col-you = jij
lens-col-task = terecht
lens-numbers = Over { $n } voorspellingen: je voorspellingen volgen de best mogelijke met r = { $achievement }; je eigen gewichten beschrijven je voorspellingen met R = { $consistency } (consistentie); jouw gewichten en de terechte komen overeen met G = { $matching } (overeenstemming). Gewichten in log-odds per eenheid van de aanwijzing.
lens-unavailable = Gewichten van de aanwijzingen: niet beschikbaar ({ $why }).
# Blind spots (src/teach/text.rs)
kind-late-deteriorator = late verslechteraar
kind-hello-goodbye = hello-goodbye
kind-drift = drift
kind-serious-event = ernstige ongewenste gebeurtenis
blind-spot = Cliënt { $case }, na sessie { $checkpoint }: jij { $you }, best mogelijk { $ideal }{ $kinds }.
blind-none = Geen blinde vlekken: waar de best mogelijke voorspelling zeker was, zat jij er binnen 30 punten van.
blind-pattern = { $n } van deze { $of } waren gevallen van { $kind }.
# The report's new sections and case --explain
report-lens-heading = Gewichten van de aanwijzingen: hoe sterk je voorspellingen elke aanwijzing volgen, naast wat terecht is
report-lens-all-runs = Over al je { $runs } cursusrondes in deze map (gerichte oefeningen apart):
report-blind-heading = Blinde vlekken: waar de best mogelijke voorspelling zeker was en jij er ver naast zat
report-why-heading = Waarom de best mogelijke voorspelling bewoog, cliënt voor cliënt
report-why-case = Cliënt { $case } ({ $outcome }):
waterfall-col-session = sessie
waterfall-col-evidence = gegeven
waterfall-col-contribution = bijdrage
waterfall-col-log-odds = log-odds
waterfall-col-forecast = voorspelling
waterfall-base-rate = basispercentage
waterfall-intake = intakescore
waterfall-scores = score
waterfall-alliance = werkrelatie
waterfall-notes = sessienotitie
waterfall-events = ongewenste gebeurtenissen
waterfall-sum = Basispercentage { $start }, plus de gegevens { $sum }, geeft { $total } log-odds ({ $forecast }): de bijdragen tellen op tot de best mogelijke voorspelling.
# The app's views of the lessons (src/app/screens/explain.rs)
why-heading = Waarom de best mogelijke voorspelling bewoog
blind-spot-button = Cliënt { $case }, na sessie { $checkpoint }: jij { $you }, best mogelijk { $ideal }
back-to-debrief = Terug naar de nabespreking
blind-spot-this = Een van je blinde vlekken: de best mogelijke voorspelling was hier zeker, en jij zat er ver vanaf.

# Live class (trainee app)
live-join-title = Meedoen met een live les
live-join-explain = In een live les gaan je antwoorden ook meteen naar het station van de docent. Kies je les uit de lessen die op dit netwerk gevonden zijn, of typ het adres van het scherm van de docent en hierboven de cursuscode; typ daarna de pincode van de les.
live-address = Adres van het station
live-address-hint = bijv. 192.168.1.20:47474
live-pin = Pincode van de les
live-found = Lessen op dit netwerk — kies de jouwe (het adres staat op het scherm van de docent) en typ dan de pincode:
live-found-class = { $code } op { $address }
live-found-none = Zoeken naar lessen op dit netwerk… nog geen gevonden. Staat jouw les er niet bij, typ dan het adres van het scherm van de docent.
live-found-unavailable = Op dit netwerk kan niet naar lessen gezocht worden: typ het adres van het scherm van de docent.
live-join-needs-code = Voor een live les is de cursuscode van de docent nodig.
live-status = Live les: { $delivered } van { $total } antwoorden bij het station
live-status-problem = Live les: { $delivered } van { $total } antwoorden bij het station — het station is nu niet bereikbaar; je antwoorden wachten en gaan later mee.
live-status-refused = Live les: het station weigerde deze oefening ({ $reason }); je eigen bestand van de oefening is compleet.
live-refused-pin = verkeerde pincode van de les: vraag de trainer om de pincode op het scherm
live-refused-class = dit is een andere les, of een andere versie van de cursus: controleer de cursuscode; deelnemer en trainer hebben dezelfde versie van OnTrack nodig
live-refused-busy = de les is vol, of het station kan niet opslaan: vraag het de trainer
live-refused-detail = Het station antwoordde met code { $status }; zijn eigen woorden (in het Engels) staan in het logboek van de app.
# On hover beside a message about the network: the system's own words (English) where the app speaks English.
system-detail = De melding van het systeem (in het Engels) staat in het logboek van de app.
live-refused-other = het station neemt de antwoorden van deze oefening niet aan: vraag het de trainer
live-held = De docent houdt de afloop nog vast voor een bespreking: je ziet hem zodra de docent hem vrijgeeft.
live-held-wait = Wachten tot de docent de afloop vrijgeeft…
# Live class (trainer station)
tab-live = Live les
live-explain = Start een live les op een cursuscode: het station luistert op het netwerk van deze ruimte tot je de les beëindigt, en bewaart elk antwoord zodra het gegeven is, in de map hierboven.
live-course-code = Cursuscode
live-start = Start een live les
live-start-failed = De les kon niet starten: { $error }
live-address-shown = Adres: { $address }
live-pin-shown = Pincode: { $pin }
live-running = Live les van cursus { $code }; antwoorden worden bewaard in { $folder }
live-announced = De les wordt op dit netwerk aangekondigd: waar het netwerk die aankondiging doorgeeft, kiezen deelnemers de les onder "Meedoen met een live les" in plaats van het adres te typen.
live-not-announced = Dit netwerk laat het station de les niet aankondigen: deelnemers typen het adres.
live-announced-short = De les wordt op dit netwerk aangekondigd.
live-refused-hosts = Verbindingen gesloten omdat ze meer dan hun deel openhielden zonder een verzoek te sturen (de antwoorden van de deelnemers komen nog steeds binnen): { $hosts }
live-refused-host = { $host } ({ $closed } gesloten)
live-hold = Afloop vasthouden
live-release = Geef de afloop van cliënt { $case } vrij
live-end = Les beëindigen
live-none-yet = Nog niemand doet mee.
live-trainee-run = { $trainee } (ronde { $run })
live-trainee-run-explain = Opnieuw begonnen in deze les: de rij toont de laatste ronde. Bij elke voorspelling telt deze deelnemer één keer mee in de voorspellingen van de groep, met de eerste voorspelling die daar gegeven is (een latere kan volgen op een afloop die al gezien is). Elke ronde wordt bewaard.
live-col-trainee = Deelnemer
live-interrupted = De live les { $code } liep nog toen het trainersstation stopte. De antwoorden tot nu toe staan in deze map.
live-resume = Les { $code } hervatten
live-resume-not = Niet hervatten
live-col-forecasts = Voorspellingen
live-board-show = Bord voor de beamer
live-board-details = Details
live-board-case = Cliënt
live-board-cases = cliënten { $first }–{ $last }
live-board-row = { $trainee }: { $n } voorspellingen, { $where }
live-board-legend = Per meetmoment: een grijs streepje voor elke voorspelling van de groep, de groene balk de best mogelijke voorspelling, eronder een oranje stip als de cliënt verslechterde, een open rondje als niet (zodra de hele groep het mag weten). Per deelnemer: een blauw vierkantje waar die een voorspelling gaf, een open vierkantje waar die nu is; welke voorspelling het was, staat er niet.
live-col-where = Waar
live-where-reading = cliënt { $case }, sessie { $session }
live-where-revealed = afloop van cliënt { $case } gezien
live-where-finished = klaar
live-checkpoint = Cliënt { $case }, sessie { $session }: { $n ->
    [0] nog geen voorspellingen
    [one] 1 voorspelling, { $median } %
   *[other] { $n } voorspellingen, mediaan { $median } %
}, best mogelijke { $best } % { $outcome }
live-strip = Voorspellingen bij cliënt { $case }, sessie { $session }
live-outcome-deteriorated = — verslechterd
live-outcome-not = — niet verslechterd
live-fooled = Cliënten die de groep tot nu toe misleidden
live-fooled-line = Cliënt { $case }: Brier-score van de groep { $class }, van de best mogelijke voorspelling { $best }
live-checkpoint-stopped = Cliënt { $case }, sessie { $session }: de cliënt was daarvoor al gestopt, dus er is geen voorspelling gevraagd { $outcome }
live-board-stopped = Een kruis in de kolom van een meetmoment en een streepje in de rij van een deelnemer: de cliënt kwam vóór dat meetmoment niet meer, dus daar wordt geen voorspelling gevraagd.
# Adaptive drills (src/teach/drill.rs, ontrack drill)
drill-mix = Deze oefening heeft meer gevallen van { $kind } dan de gewone oefenronde: ongeveer { $drill } van de cliënten in plaats van { $practice }. Je voorspellingen worden gescoord tegen de best mogelijke voorspelling voor deze mix, en de oefening blijft buiten je cursusrondes.
drill-none = Je bewaarde rondes van dit scenario tonen geen blinde vlek van een bekende soort, dus er is nog niets te oefenen: speel eerst een cursusronde.
drill-wrote = Oefenscenario geschreven naar { $path } (id { $id }). Open het met: ontrack --scenario-file { $path }
practice-title = Oefen waar je zwak bent
practice-explain = Een gerichte oefening is dit scenario met meer van het soort geval dat je het vaakst verkeerd inschat, afgeleid uit de blinde vlekken van je bewaarde rondes. Ze wordt gescoord tegen de best mogelijke voorspelling voor haar eigen mix en blijft buiten je cursusrondes.
practice-ask = Maak een gerichte oefening uit mijn rondes
practice-working = Je rondes worden gelezen…
practice-start = Begin de gerichte oefening
drill-this-run = Deze ronde was een gerichte oefening met meer gevallen van { $kind }: ze wordt gescoord tegen de best mogelijke voorspelling voor haar eigen mix en blijft buiten je cursusrondes.
drills-not-pooled = { $drills ->
    [one] De samengenomen rijen en de kopcijfers gaan over de cursusrondes: de gerichte oefening (oefenen waar een cursist zwak is, met een eigen mix) staat in de lijst maar telt niet mee.
   *[other] De samengenomen rijen en de kopcijfers gaan over de cursusrondes: de { $drills } gerichte oefeningen (oefenen waar een cursist zwak is, elk met een eigen mix) staan in de lijst maar tellen niet mee.
}
# Echte sessiegegevens naast een scenario (src/research/compare.rs, ontrack compare)
compare-title = ontrack compare { $id } — echte gegevens: { $file }
compare-real = Echte gegevens: { $clients } cliënten, { $scores } scores; { $measure }
compare-simulated = Gesimuleerd: { $cases } gevallen van het scenario, startgetal { $seed }; { $measure }
compare-measure = betrouwbare verandering (RCI) { $rci }, { $direction }, plotselinge verbetering vanaf { $gain } punten (7/9 van de RCI)
compare-higher-worse = hoger is slechter
compare-lower-worse = lager is slechter
compare-col-statistic = maat
compare-col-real = echt (95 %-interval*)
compare-col-simulated = gesimuleerd (95 %-interval*)
compare-col-ratio = gesimuleerd ÷ echt
compare-stat-residual-lag1 = residuele lag-1-autocorrelatie
compare-stat-change-sd = SD van de wekelijkse verandering ÷ SD bij aanmelding
compare-stat-big-week-15 = cliënten met een week van ≥ 1,5 × RCI
compare-stat-big-week-21 = cliënten met een week van ≥ 2,1 × RCI
compare-stat-weeks-over-rci = wekelijkse veranderingen van ≥ 1 × RCI
compare-stat-sudden-gain = cliënten met een plotselinge verbetering
compare-stat-early-auc = AUC van vroege verandering voor verbetering aan het eind
compare-stat-deterioration = betrouwbaar verslechterd (laatste score)
compare-stat-improvement = betrouwbaar verbeterd (laatste score)
compare-stat-improved-at-8 = betrouwbaar verbeterd bij sessie 8
compare-stat-alliance-outcome = werkrelatie (sessies 1–3) × residuele uitkomst, r
compare-footnote = * percentiel-bootstrap over cliënten, { $resamples } trekkingen; — = de gegevens laten deze maat niet toe.
compare-definitions =
    Definities (een ontbrekende sessie wordt overgeslagen, nooit ingevuld):
    - residuele lag-1: door de scores van elke cliënt met 4 of meer scores gaat een kleinste-kwadratenlijn; over cliënten samengenomen (Σ e(t)·e(t+1) / paren) ÷ (Σ e(t)² / scores), met als paren opeenvolgende sessies.
    - wekelijkse verandering: de score na een sessie min de score ervoor (aanmelding naar sessie 1 meegerekend), in beide richtingen.
    - plotselinge verbetering (Tang & DeRubeis, 1999, met drie volledige sessies aan elke kant): een verbetering van sessie N naar N+1 van ten minste 7/9 van de RCI (hun 7 BDI-punten tegen de RCI van 9 van de BDI), ten minste 25 % van de afstand van de score vóór de verbetering tot het gezonde einde van de schaal, en het gemiddelde van sessies N−2…N beter dan dat van N+1…N+3 met meer dan 2,776 × de gepoolde SD; aandeel van alle cliënten.
    - vroege verandering: het gemiddelde van sessies 1–3 min de aanmeldscore, voor cliënten met een score na sessie 3; verbetering aan het eind: de laatste score betrouwbaar beter dan bij aanmelding.

# Alleen bedoelde antwoorden (issue 27): de voorspelling begint leeg, elk antwoord wordt bevestigd.
forecast-not-chosen = nog niet gekozen
forecast-unset = Nog geen voorspelling: verschuif de schuifregelaar, druk op een pijltjestoets of kies een waarde.
forecast-unset-refused = Niets vastgelegd: kies eerst een getal (met de schuifregelaar, de pijltjestoetsen of een waarde).
saved-forecast = Opgeslagen: je voorspelling van { $percent } %
saved-flag = Opgeslagen: drift gemarkeerd bij sessie { $session }
saved-class = Opgeslagen: { $class }
classified-as = gekozen: { $class }
class-option = { $key } · { $class }
panel-dropped-out = De cliënt kwam na sessie { $last } van { $sessions } niet meer.
start-chosen = Gekozen: { $title }
start-by-code = De cursuscode kiest het scenario.
briefing-back = Terug (Escape)

# A case that ended before a checkpoint (issue 26): no forecast is asked after the client stopped coming.
case-stopped-reading = De cliënt kwam niet naar sessie { $next }: na sessie { $last } is de cliënt gestopt. Bij de meetmomenten na de laatste sessie wordt geen voorspelling gevraagd; de uitkomst wordt beoordeeld op de laatste score.
reveal-not-asked = niet gevraagd: de cliënt was gestopt
drill-stopped = De cliënt kwam na sessie { $last } niet meer: bij de meetmomenten daarna (sessie { $which }) is geen voorspelling gevraagd; die ontbreken, ze tellen niet als 0.
case-stopped-short = gestopt na sessie { $last }

## Waarom een item van een resultatenmap niet wordt gebruikt (cohort::reasons)
os-not-found = het is er niet
os-permission = geen toestemming om het te lezen
os-already-exists = er is al iets met die naam
os-is-a-directory = het is een map, geen bestand
os-not-a-directory = een deel van het pad is een bestand, geen map
os-too-large = het is groter dan wat OnTrack uit zo'n bestand leest: het is geen bestand van OnTrack, of het is beschadigd
os-not-a-file = het is geen gewoon bestand
os-invalid-data = de inhoud is niet als tekst te lezen (geen UTF-8): het is geen bestand van OnTrack, of het is beschadigd
os-cut-short = het houdt op voor het einde: het is afgebroken
os-storage-full = de schijf is vol
os-read-only = op de schijf kan alleen worden gelezen
os-busy = het is bezet: probeer het zo opnieuw
os-timed-out = het lezen duurde te lang: probeer het opnieuw
os-interrupted = het lezen werd onderbroken: probeer het opnieuw
os-out-of-memory = er was niet genoeg geheugen om het te lezen
os-network = de netwerkschijf waar het op staat, is niet bereikbaar
os-bad-path = het pad is niet te volgen (een kringloop van koppelingen, of een naam die het systeem niet toestaat)
os-address-in-use = het adres is al in gebruik
os-address-not-available = deze computer heeft dat adres niet
os-other = een ongewone fout van het besturingssysteem (foutcode { $code })
os-other-no-code = een ongewone fout van het besturingssysteem
json-syntax = regel { $line }, kolom { $col }: geen geldige JSON
json-data = regel { $line }, kolom { $col }: geldige JSON, maar niet wat een ontvangstbewijs bevat
json-eof = regel { $line }, kolom { $col }: het houdt halverwege op
json-io = het is niet tot het einde te lezen
entry-folder = een map
entry-fifo = een FIFO (benoemde pijp)
entry-device = een apparaat
entry-socket = een socket
entry-not-regular = geen gewoon bestand
entry-unlisted = een item dat niet kan worden opgesomd ({ $error })
entry-link-to = een koppeling naar { $what }
entry-link-nothing = een koppeling naar niets (waar hij naar wees, is weg)
entry-link-broken = een koppeling die niet kan worden gevolgd ({ $error })
entry-unreadable = kan niet worden gelezen ({ $error })
entry-station-lock = het slot van een station voor een live les dat hier zijn verslag bijhoudt (of dat een gestopt station achterliet) — geen rondebestand
entry-run-lock = het slot van een ronde die wordt opgeslagen (of dat een gestopte ronde achterliet) — geen rondebestand
entry-receipt = het ontvangstbewijs van een live ontvangen ronde — wordt met het rondebestand gelezen
entry-receipt-unreadable = het ontvangstbewijs van een live ontvangen ronde, niet gebruikt: het kan niet worden gelezen ({ $error }) — de ronde telt als ingeleverd bestand
entry-receipt-damaged = het ontvangstbewijs van een live ontvangen ronde, niet gebruikt: geen ontvangstbewijs van een live les ({ $error }) — het is bewerkt of beschadigd; de ronde telt als ingeleverd bestand
entry-temporary = een tijdelijk bestand van een opslag die bezig is (of die werd onderbroken) — geen rondebestand
entry-subfolder = een map — rondebestanden worden alleen uit deze map gelezen, niet uit mappen erin
entry-other-file = geen rondebestand (alleen bestanden met een naam op *.ron worden gelezen)
not-used-copy = { $file }: dezelfde ronde als { $kept } (een kopie) — telt één keer
not-used-earlier = { $file }: dezelfde ronde als { $kept } in een eerder stadium ({ $answers } van { $kept_answers } antwoorden) — alleen de kopie die het verst gaat telt
not-used-differs-live = { $file }: wijkt af van de live ontvangen ronde in { $kept } vanaf antwoord { $answer } ({ $answers } antwoorden hier, { $kept_answers } ontvangen) — hij is veranderd of voortgezet nadat de antwoorden waren verstuurd; wat live is ontvangen, wordt gescoord
not-used-not-a-file = { $file }: { $what }, geen rondebestand — niet gelezen
not-used-other = { $file }: { $what }
run-file-unreadable = { $path }: het bestand kan niet worden gelezen ({ $error })
run-file-schema = { $path }: rondebestand met schema { $found } — deze OnTrack leest schema { $schema }; open het met de versie van OnTrack die het schreef ({ $version })
run-file-parse = { $path }:{ $line }:{ $col }: geen leesbaar rondebestand — het is beschadigd of geen bestand van OnTrack
run-file-verify = { $path }: { $why }
verify-seal-first = de gegevens van de ronde (pseudoniem, startgetal, cursuscode, starttijd of cliëntgegevens) of het eerste antwoord passen niet bij het zegel: het bestand is met de hand bewerkt nadat het was geschreven
verify-seal = antwoord { $answer } past niet bij zijn zegel: het bestand is met de hand bewerkt nadat het was geschreven
verify-scenario = het ingesloten scenario is niet geldig: { $error }
verify-scenario-hash = het scenario in het bestand past niet bij de scenario-hash die erbij is vastgelegd: het scenario of de hash is met de hand bewerkt nadat de ronde was geschreven
verify-case-count = het bestand heeft { $found } cliëntgegevens, de ronde heeft { $expected } cliënten
verify-case-mismatch = cliënt { $case }: de opgeslagen gegevens ({ $stored }) verschillen van de opnieuw gemaakte cliënt ({ $regenerated }): het bestand is bewerkt
verify-rejected = antwoord { $index } ({ $action }) kan op dat punt van de ronde niet: { $error }
verify-out-of-order = antwoord { $answer } is eerder gedateerd dan het antwoord ervoor
verify-cut-short = volgens het bestand is de ronde af, maar de { $answers } antwoorden stoppen voor het einde: er zijn antwoorden weggeknipt nadat de ronde af was
cohort-line = { $runs } rondes van { $trainees } deelnemers · niet bruikbaar: { $rejected } · andere items: { $others } · { $seconds } s

## The trainer's runs table: short column heads, each with its full name (hover text and what a
## screen reader says), so the header keeps to one line of the table.
runs-head-course = cursus
runs-head-cases = n
runs-head-judgement = oord.
runs-head-skill = BSS
runs-head-reliability = REL
runs-head-resolution = RES
runs-head-citl = CITL
runs-full-trainee = deelnemer
runs-full-course = cursuscode
runs-full-started = begonnen op
runs-full-cases = aantal cliënten
runs-full-brier = Brier-score (lager is beter)
runs-full-judgement = oordeelskosten in procentpunten (0 = de best mogelijke voorspellingen)
runs-full-skill = Brier-vaardigheid tegen het basispercentage (0 = niet beter, 1 = perfect)
runs-full-reliability = miskalibratie (REL)
runs-full-resolution = resolutie: cliënten uit elkaar houden (RES)
runs-full-auc = AUC: de kans dat een cliënt die verslechterde de hogere voorspelling kreeg
runs-full-citl = vertekening: gemiddelde voorspelling min waargenomen percentage (CITL)
runs-full-dprime = d′: gevoeligheid voor drift

## Why an answer is not possible (src/run/words.rs)
run-error-forecast-due = eerst is de voorspelling bij sessie { $session } aan de beurt
run-error-classification-due = gebeurtenis { $event } moet worden ingedeeld voordat de afloop wordt getoond
run-error-not-a-checkpoint = bij sessie { $session } wordt geen voorspelling gevraagd
run-error-not-reached = de cliënt kwam na sessie { $last } niet meer: bij sessie { $checkpoint } wordt geen voorspelling gevraagd
run-error-no-such-session = de cliënt kwam na sessie { $last } niet meer: er was geen sessie { $session }
run-error-already-forecast = de voorspelling bij sessie { $session } is al gegeven en kan niet meer worden veranderd
run-error-percent = een voorspelling is een heel percentage van 1 tot 99, niet { $percent }
run-error-session-not-seen = sessie { $session } is nog niet gezien
run-error-already-flagged = sessie { $session } heeft al een driftvlag
run-error-unknown-drift-kind = dit scenario kent geen soort drift "{ $kind }"
run-error-event-not-seen = er is geen gebeurtenis { $event } in de sessies die zijn gezien
run-error-already-classified = gebeurtenis { $event } is al ingedeeld
run-error-end-of-reading = de laatste sessie voor de afloop is bereikt
run-error-not-reading = { $what } kan alleen terwijl een cliënt wordt gelezen
run-error-what-answer = dit antwoord
run-error-what-reveal = de afloop tonen voor het laatste meetmoment
run-error-not-revealed = de afloop van deze cliënt is nog niet getoond
run-error-finished = de ronde is af
action-next-session = volgende sessie
action-forecast = voorspelling { $percent } %
action-flag = driftvlag bij sessie { $session }
action-classify = gebeurtenis { $event } ingedeeld als { $class }
action-reveal = afloop tonen
action-next-case = volgende cliënt

## Waarom een ronde niet kan beginnen, verdergaan of worden bewaard (run::words::session_error_text),
## en waarom een cursuscode niet te lezen is (run::words::code_error_text)
session-no-pseudonym = het pseudoniem is leeg — geef een naam die jou niet herkenbaar maakt (elke tekst; spaties eromheen vallen weg)
session-save = { $path }: de ronde kan niet worden bewaard ({ $error }) — kijk of er in de resultatenmap mag worden geschreven, of kies een andere met --results
session-no-free-name = { $dir }: geen vrije naam voor een nieuw rondebestand — er zijn te veel rondes van dit pseudoniem, scenario en startgetal tegelijk begonnen; probeer het opnieuw
session-finished = { $path }: deze ronde is af en kan niet verder; begin een nieuwe ronde
lock-held = { $path }: aan deze ronde schrijft al een andere OnTrack ({ $holder }) — maak die eerst af of sluit hem; een ronde heeft één schrijver tegelijk, zodat er geen antwoord verloren gaat
lock-station-held = { $path }: een ander station van een live les houdt zijn verslag in deze map bij ({ $holder }) — stop dat station eerst, of geef deze les een andere map; een verslag heeft één station tegelijk, zodat er geen antwoord verloren gaat
lock-io = { $path }: de ronde kan niet worden vastgezet om erin te schrijven ({ $error }) — kijk of er in de map mag worden geschreven
code-shape = ‘{ $code }’ is geen cursuscode: die ziet eruit als ABCD-1234 (vier tekens, een streepje, vier tekens)
code-check = ‘{ $code }’ bevat een tikfout: het controleteken klopt niet — neem de code opnieuw over van het bord
code-seed-too-large = een cursuscode bevat startgetallen tot en met { $max }, niet { $seed }
code-prefix = ‘{ $code }’ is geen scenariocode: gebruik vier letters of cijfers
code-unknown-scenario = { $code }: geen scenario heeft het cursuscodebegin { $prefix } — kijk de code na, of open het scenariobestand dat de docent je gaf
drill-failed = Van dit scenario kan voor dat soort gevallen geen oefening worden gemaakt: speel een cursusronde.
seed-not-a-number = Een startgetal is een geheel getal van 0 tot en met 32767.
lock-holder-starting = een proces dat net begint
lock-holder-app = proces { $pid }, de OnTrack-app
lock-holder-command = proces { $pid }, { $program }
live-start-folder = De map van de les kan niet worden gemaakt: { $why }
live-start-pin = Er kon geen pincode voor de les worden getrokken of bewaard (zie het logboek).
live-start-open = Het verslag van de les kan niet worden geopend: { $why }
live-start-listen = Het station kan niet luisteren op zijn adres (poort { $port }): { $why }.
live-take-up-receipt = { $path }: het ontvangstbewijs wordt niet gebruikt ({ $error }); het oefenbestand ernaast wordt zonder gelezen
live-take-up-other-course = { $path }: een oefening van een andere cursus; niet opgenomen in deze les
live-take-up-other-run = { $path }: het ontvangstbewijs hoort bij een andere oefening; niet opgenomen
