# prescreen's own words in English: the base catalogue, complete by definition.
# A subset of Fluent (https://projectfluent.org): `key = text` on one line, `{ $name }`
# placeables. Every other catalogue has exactly these keys with the same placeables
# (a test checks it). Rule-file texts are not here: they are in the rule file.

## Dates: weekday 1 is Monday. The short names are used on checklists.
weekday-1 = Monday
weekday-2 = Tuesday
weekday-3 = Wednesday
weekday-4 = Thursday
weekday-5 = Friday
weekday-6 = Saturday
weekday-7 = Sunday
weekday-short-1 = Mon
weekday-short-2 = Tue
weekday-short-3 = Wed
weekday-short-4 = Thu
weekday-short-5 = Fri
weekday-short-6 = Sat
weekday-short-7 = Sun
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
month-short-1 = Jan
month-short-2 = Feb
month-short-3 = Mar
month-short-4 = Apr
month-short-5 = May
month-short-6 = Jun
month-short-7 = Jul
month-short-8 = Aug
month-short-9 = Sep
month-short-10 = Oct
month-short-11 = Nov
month-short-12 = Dec
date-long = { $weekday } { $day } { $month } { $year }
date-clock = { $weekday } { $day } { $month } { $year } { $time }
date-time = { $weekday } { $day } { $month } { $year }, { $time }

## Verdicts for staff: the word, then what it means.
verdict-candidate = CANDIDATE
verdict-candidate-meaning = can go ahead
verdict-review = REVIEW
verdict-review-meaning = a clinician must decide before going ahead
verdict-defer = DEFER
verdict-defer-meaning = not yet; can be considered later
verdict-not-candidate = NOT A CANDIDATE
verdict-not-candidate-meaning = not advised
outcome-review = review
outcome-defer = defer
outcome-not-candidate = not a candidate

## Verdicts and outcomes for the person themselves (--for self).
# rules show: its own words (headings, labels, kinds, the safety note) and conditions in
# plain words (`describe-*`); ids, parameter names and values stay as written.
show-procedure = Procedure
show-clinic = Clinic
show-clinic-phone = Clinic phone
show-rule-file = Rule file
show-safety = Safety: the documented exclusions
show-safety-note = Each exclusion that is not waived was proved when this file loaded: its outcome is at least the default, and for every combination of answers its condition can tell apart in which the exclusion is given (the question yes; for radiation, an end date less than 365 days before the day judged, or later), its question is asked and its rule fires, whatever the other answers. A window shorter than the default, a condition that another answer switches off, or an ask_if that hides the question is refused.
show-exclusion = Exclusion
show-in-this-file = In this file
show-waived = WAIVED: { $reason }
show-proved-one = proved over { $count } answer combination
show-proved-many = proved over { $count } answer combinations
show-not-proved = not proved
show-missing = missing
show-outcome-default = { $outcome } (default: { $default }); { $proved }
show-parameters = Parameters
show-questions-count = QUESTIONS ({ $count }), asked in this order
show-questions-in-order = Questions, asked in this order
show-yes-no = yes/no
show-date = date
show-date-time = date and time
show-choice = choice
show-number = number
show-screening = screening
show-aftercare-tailoring = aftercare tailoring
show-prompt = Prompt
show-help = Help
show-staff-cue = Staff cue
show-options = Options
show-allowed = Allowed
show-at-least = at least { $min }
show-at-most = at most { $max }
show-from-to = from { $min } to { $max }
show-asked-only-when = Asked only when
show-rules-count = RULES ({ $count }): every rule that fires is reported; the verdict is the strictest
show-rules = Rules
show-rules-note = Every rule that fires is reported; the verdict is the strictest outcome among them.
show-when = When
show-reason = Reason
show-rationale = Rationale
show-eligible-from = Eligible from
show-unanswered = A screening question without an answer (review)
show-contradiction = Contradictory answers (review)
show-screen-again = Procedure too far ahead (review)
show-unanswered-adds = A screening question without an answer adds a review: { $text }
show-contradiction-adds = An answer that another answer rules out adds a review: { $text }
show-screen-again-adds = A procedure more than `screening_valid_days` ahead adds a review: { $text }
show-aftercare-text = AFTERCARE, for a candidate; clock times count from `{ $start }`
show-aftercare-markdown = Aftercare, for a candidate (clock times count from `{ $start }`)
show-first-24h = First 24 hours
show-after-24h = After the first 24 hours
show-avoid = avoid
show-care = care
show-expect = what to expect
show-warning = warning sign
show-timed = { $kind }, until 24 hours after
show-text = Text
show-only-when = Only when
show-because = Because
show-sign-off = Sign-off
show-approved-by = Reviewed and approved by
show-date-signed = Date
show-side-title = { $name } { $version }: { $base } and { $lang }, side by side
show-languages = Languages: { $languages } (the first is the file's own)
show-side-intro = Every text of the rule file a person reads, in `{ $base }` and in `{ $lang }`, for a reviewer to check that each translation says the same in plain words. Generated by `prescreen rules show --lang { $lang } --format markdown`; ids are the rule file's.
show-where = Where
show-no-text = no `{ $lang }` text: the { $base } is shown
show-section-file = The file
show-section-texts = Texts of the engine's own reasons
show-section-audiences = Audiences: introductions and next steps
show-section-questions = Questions
show-section-rules = Rules: reasons and rationales
show-section-aftercare = Aftercare
show-section-reminders = Calendar reminders
show-section-waivers = Waivers
describe-all-of = all of these:
describe-any-of = any of these:
describe-and = and
describe-or = or
describe-not = not ({ $condition })
describe-is = { $answer } is { $value }
describe-is-not = { $answer } is not { $value }
describe-less-than = { $answer } is less than { $value }
describe-at-most = { $answer } is at most { $value }
describe-more-than = { $answer } is more than { $value }
describe-at-least = { $answer } is at least { $value }
describe-within-days = { $answer } is less than { $days } before the screening date, or later
describe-days = { $days } days
describe-days-parameter = { $days } days (parameter { $parameter })
describe-parameter = parameter { $parameter }
# (end of rules show; the --for self words of the heading above follow)
patient-can-book = You can book
patient-talk-first = Please talk to the clinic before booking
patient-wait-until = Please wait until { $date }
patient-wait = Please wait before booking
patient-not-advised = This treatment is not advised for you
patient-outcome-review = talk to the clinic
patient-outcome-defer = wait
patient-outcome-not-candidate = not advised
patient-checked-on = Checked on { $date }
patient-checked-on-for = Checked on { $date } for the procedure on { $procedure }

## Which date a screening holds for.
dates-screened-for = screened on { $screened } for a procedure on { $judged }
dates-screened = screened on { $screened } and judged on that date

## The windows of the aftercare checklist.
window-first = from { $from } until { $until } { $offset }
window-first-unknown = for the first 24 hours after the procedure (the procedure time was not given, so no clock times are shown)
window-after = from { $from } { $offset }
window-after-unknown = from 24 hours after the procedure

## Replies as people read them.
reply-missing = not answered
reply-not-sure = not sure
reply-yes = yes
reply-no = no

## The HTML sheet.
sheet-title-result-aftercare = Screening result and aftercare
sheet-title-result = Screening result
sheet-title-aftercare = Aftercare sheet
sheet-contact = Contact the clinic
sheet-phone = Phone: { $phone }
sheet-out-of-hours = Out of hours: { $text }
sheet-procedure = Procedure:
sheet-times-in = times in { $offset }
sheet-time-not-given = time not given
sheet-for = For:
sheet-verdict = Verdict
sheet-final-decision = The clinic makes the final decision.
sheet-eligible-from = eligible from
sheet-checked = Checked
sheet-why = Why
sheet-reasons = Reasons
sheet-your-answer-to = Your answer to
sheet-eligible-from-sentence = Eligible from
sheet-book-from = You can book from
sheet-why-this-rule = Why this rule: { $rationale }
sheet-next = What to do next
sheet-go-ahead-by = Go-ahead for the procedure given by
sheet-avoid = Avoid
sheet-care = Look after your skin
sheet-expect = What is normal
sheet-first-24h = The first 24 hours
sheet-tick = Tick each box as you go.
sheet-warning-signs = Warning signs
sheet-warning-heading = Warning signs: when to call the clinic
sheet-clinic-phone = Clinic phone:
sheet-later = What comes later ({ $when })
sheet-until = until { $time }
sheet-for-you = For you
sheet-added = Added because of your answers.

## Labels the Markdown and text outputs share with the sheet.
label-phone = Phone
label-out-of-hours = Out of hours
label-questionnaire = Questionnaire
label-dates = Dates
label-rules = Rules
label-why-this-rule = Why this rule
label-until = Until { $time }
title-aftercare = { $procedure }: aftercare
heading-after-first-day = After the first day

## The terminal's text output.
text-the-clinic = The clinic
text-book-from = you can book from
text-aftercare-first-24h = Aftercare: the first 24 hours
text-after-first-day = After the first day ({ $when })
text-why = why
text-go-ahead = Go-ahead for the procedure given by { $initials } ({ $dates }).

## Why a tailored aftercare item is on the list when an answer it depends on is unknown.
why-not-sure-first = You were not sure about “{ $prompt }”
why-not-sure = you were not sure about “{ $prompt }”
why-not-answered = “{ $prompt }” was not answered
why-to-be-safe = { $reasons }, so this is included to be safe.

## Calendar reminders: the end of each event's description.
ics-when = { $at }. Procedure: { $procedure }.

## The questionnaire (the terminal and the desk). A choice's key is a single character.
ask-yes = Yes
ask-yes-key = y
ask-no = No
ask-no-key = n
ask-not-sure = Not sure
ask-initials = Staff initials (optional, Enter to skip)
ask-discard = Discard this screening?
ask-discard-no = No, go on
ask-discard-yes = Yes, discard it
ask-prefill-dropped = Pre-filled answer not used (the question does not apply): { $prompt }
ask-first-question = This is the first question.
ask-confirm = Is everything right?
ask-confirm-yes = Yes, show the result
ask-confirm-change = Change an answer
ask-progress = Question { $number } of { $total }
ask-progress-aftercare = Aftercare question { $number } of { $total }
ask-removed = No longer asked, answer removed: { $prompt }
ask-back-to-summary = Back to the summary
ask-which-to-change = Which answer do you want to change?
ask-desk-cue = Desk: { $cue }
ask-hint-date = YYYY-MM-DD, or ? if not sure
ask-hint-now = now, HH:MM, or YYYY-MM-DD HH:MM; ? if not sure
ask-hint-appointment = the appointment's YYYY-MM-DD HH:MM; ? if not sure
ask-hint-time = HH:MM or YYYY-MM-DD HH:MM; ? if not sure
ask-hint-number = a number, or ? if not sure
ask-now = now
ask-twice-first = The first: { $time }
ask-twice-second = The second: { $time }
ask-twice = { $time } happens twice on { $date } (the clocks go back). Which one?
ask-summary-prefilled = Your answers (* pre-filled, not asked: confirm or change them):
ask-summary = Your answers:
ask-keys-choose = Up/Down+Enter: choose
ask-keys-back = Left/b: back
ask-keys-stop = Esc: stop
ask-keys-or = or
ask-keys-type = Type, then Enter
ask-keys-type-back = Left: back
error-type-answer = Type an answer, or ? if you are not sure.
error-twice = That time happens twice on that date.
error-bad-date = That is not a real date. Type it as YYYY-MM-DD, for example 2026-03-31.
error-bad-time = Type the time as HH:MM for the screening date, or as YYYY-MM-DD HH:MM.
error-out-of-range = That number is out of range.
error-number = Type a number, for example 42.
error-before-screening = That is before the screening date, { $date }. Type the date and time of the procedure.
error-appointment = Type the appointment's date and time as YYYY-MM-DD HH:MM.
error-skipped-time = { $time } does not exist here: the clocks go forward at that time. Type a time after the change.

## prescreen desk.
desk-walk-in = Walk-in { $number }
desk-discarded = Discarded: nothing was recorded for this walk-in.
desk-found = Found in the booking export: its answers are filled in; only what is missing is asked.
desk-not-found = Not in the booking export: every question is asked.
desk-reference = Patient reference (name or booking id; Enter for none)
desk-what-next = What next?
desk-next = Next walk-in
desk-next-key = n
desk-print = Print the sheet
desk-print-key = p
desk-show = Show the result again
desk-show-key = s
desk-quit = Quit
desk-quit-key = q

## --explain: what became of each rule checked.
check-fired = fired
check-cleared = cleared
check-undecided = undecided

## The self-check page (prescreen page): its own words; the rule file's are in the file.
page-title = { $procedure }: self-check
page-heading = { $procedure }: check before you book
page-language = Language
page-before-you-start = Before you start
page-stays-here = Your answers stay on this device: this page sends nothing anywhere and keeps nothing once you close it.
page-loading = Getting the questions ready…
page-no-script = This check needs JavaScript, which is turned off in this browser.
page-failed = This check could not start in this browser ({ $error }). Please contact the clinic.
page-start = Start
page-back = Back
page-next = Next
page-part-screening = About you
page-part-aftercare = About your appointment
page-progress = { $part }: question { $number } of { $total }
page-label-date = Date
page-label-datetime = Date and time of the appointment
page-label-number = Number
page-choose = Choose one answer, or Not sure.
page-enter-date = Enter the date, or tick Not sure.
page-enter-datetime = Enter the date and time of the appointment, or tick Not sure.
page-enter-number = Enter the number, or tick Not sure.
page-before-today = That is before today, { $date }: enter the date and time of the appointment.
page-why = Why
page-what-next = What to do next
page-your-answer = Your answer to “{ $prompt }”: { $reply }.
page-book-from = You can book from { $date }.
page-your-sheet = Your aftercare sheet
page-keep-open = Print it, or keep this page open on the day.
page-print-sheet = Print the sheet
page-calendar = Add reminders to your calendar (.ics)
page-sheet-frame = Aftercare sheet
page-no-calendar = No calendar reminders: { $reason }.
page-no-ics-verdict = reminders are only for a candidate
page-no-ics-none = the rule file defines no reminders
page-no-ics-time = the procedure time is not known, so no reminder can be timed
page-print-result = Print this result
page-again = Start again
page-footer = { $name } { $version }. A pre-check only: the clinic makes the final decision.
