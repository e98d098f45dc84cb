# Las palabras del propio programa en español (usted, palabras sencillas).
# Las mismas claves y los mismos `{ $nombres }` que en.ftl (un test lo comprueba).

## Fechas: el día 1 es el lunes. En español los nombres se escriben enteros también
## en las listas de cuidados.
weekday-1 = lunes
weekday-2 = martes
weekday-3 = miércoles
weekday-4 = jueves
weekday-5 = viernes
weekday-6 = sábado
weekday-7 = domingo
weekday-short-1 = lunes
weekday-short-2 = martes
weekday-short-3 = miércoles
weekday-short-4 = jueves
weekday-short-5 = viernes
weekday-short-6 = sábado
weekday-short-7 = domingo
month-1 = enero
month-2 = febrero
month-3 = marzo
month-4 = abril
month-5 = mayo
month-6 = junio
month-7 = julio
month-8 = agosto
month-9 = septiembre
month-10 = octubre
month-11 = noviembre
month-12 = diciembre
month-short-1 = enero
month-short-2 = febrero
month-short-3 = marzo
month-short-4 = abril
month-short-5 = mayo
month-short-6 = junio
month-short-7 = julio
month-short-8 = agosto
month-short-9 = septiembre
month-short-10 = octubre
month-short-11 = noviembre
month-short-12 = diciembre
date-long = { $weekday } { $day } de { $month } de { $year }
date-clock = { $weekday }, { $day } de { $month }, { $time }
date-time = { $weekday }, { $day } de { $month } de { $year }, { $time }

## Resultados para el personal.
verdict-candidate = APTA
verdict-candidate-meaning = puede seguir adelante
verdict-review = REVISAR
verdict-review-meaning = un profesional clínico debe decidir antes de seguir
verdict-defer = APLAZAR
verdict-defer-meaning = todavía no; se puede considerar más adelante
verdict-not-candidate = NO APTA
verdict-not-candidate-meaning = no se aconseja
outcome-review = revisar
outcome-defer = aplazar
outcome-not-candidate = no apta

## Resultados para la propia persona (--for self).
# rules show: sus propias palabras (títulos, etiquetas, tipos, la nota de seguridad) y
# las condiciones en palabras sencillas (`describe-*`); ids, parámetros y valores, tal cual.
show-procedure = Procedimiento
show-clinic = Clínica
show-clinic-phone = Teléfono de la clínica
show-rule-file = Archivo de reglas
show-safety = Seguridad: las exclusiones documentadas
show-safety-note = Cada exclusión que no está dispensada se demostró al cargar este archivo: su resultado es al menos el de por defecto y, en cada combinación de respuestas que su condición puede distinguir en la que se da la exclusión (la pregunta con sí; para la radioterapia, una fecha de fin menos de 365 días antes del día valorado, o posterior), su pregunta se hace y su regla se aplica, sean cuales sean las demás respuestas. Se rechaza un plazo más corto que el de por defecto, una condición que otra respuesta anula o un ask_if que oculta la pregunta.
show-exclusion = Exclusión
show-in-this-file = En este archivo
show-waived = DISPENSADA: { $reason }
show-proved-one = demostrada en { $count } combinación de respuestas
show-proved-many = demostrada en { $count } combinaciones de respuestas
show-not-proved = sin demostrar
show-missing = falta
show-outcome-default = { $outcome } (por defecto: { $default }); { $proved }
show-parameters = Parámetros
show-questions-count = PREGUNTAS ({ $count }), en el orden en que se hacen
show-questions-in-order = Preguntas, en el orden en que se hacen
show-yes-no = sí/no
show-date = fecha
show-date-time = fecha y hora
show-choice = opción
show-number = número
show-screening = evaluación
show-aftercare-tailoring = adaptación de los cuidados
show-prompt = Pregunta
show-help = Ayuda
show-staff-cue = Nota para el personal
show-options = Opciones
show-allowed = Valores permitidos
show-at-least = como mínimo { $min }
show-at-most = como máximo { $max }
show-from-to = de { $min } a { $max }
show-asked-only-when = Se pregunta solo si
show-rules-count = REGLAS ({ $count }): se indica cada regla que se aplica; decide la más estricta
show-rules = Reglas
show-rules-note = Se indica cada regla que se aplica; el resultado es el más estricto de todos ellos.
show-when = Cuando
show-reason = Motivo
show-rationale = Justificación
show-eligible-from = Apta a partir de
show-unanswered = Pregunta de evaluación sin respuesta (revisar)
show-contradiction = Respuestas contradictorias (revisar)
show-screen-again = Procedimiento demasiado lejano (revisar)
show-unanswered-adds = Una pregunta de evaluación sin respuesta añade una revisión: { $text }
show-contradiction-adds = Una respuesta que otra respuesta descarta añade una revisión: { $text }
show-screen-again-adds = Un procedimiento para dentro de más de `screening_valid_days` días añade una revisión: { $text }
show-aftercare-text = CUIDADOS POSTERIORES, si es apta; las horas cuentan desde `{ $start }`
show-aftercare-markdown = Cuidados posteriores, si es apta (las horas cuentan desde `{ $start }`)
show-first-24h = Primeras 24 horas
show-after-24h = Después de las primeras 24 horas
show-avoid = evitar
show-care = cuidado
show-expect = qué esperar
show-warning = señal de alarma
show-timed = { $kind }, hasta 24 horas después
show-text = Texto
show-only-when = Solo si
show-because = Por qué
show-sign-off = Aprobación
show-approved-by = Revisado y aprobado por
show-date-signed = Fecha
show-side-title = { $name } { $version }: { $base } y { $lang }, en paralelo
show-languages = Idiomas: { $languages } (el primero es el propio del archivo)
show-side-intro = Todos los textos del archivo de reglas que lee una persona, en `{ $base }` y en `{ $lang }`, para que un revisor compruebe que cada traducción dice lo mismo con palabras sencillas. Generado con `prescreen rules show --lang { $lang } --format markdown`; los ids son los del archivo de reglas.
show-where = Dónde
show-no-text = sin texto en `{ $lang }`: se muestra el texto en { $base }
show-section-file = El archivo
show-section-texts = Textos de los motivos propios del programa
show-section-audiences = Destinatarios: introducciones y próximos pasos
show-section-questions = Preguntas
show-section-rules = Reglas: motivos y justificaciones
show-section-aftercare = Cuidados posteriores
show-section-reminders = Recordatorios del calendario
show-section-waivers = Dispensas
describe-all-of = se cumplen todas estas:
describe-any-of = se cumple al menos una de estas:
describe-and = y
describe-or = o
describe-not = no es cierto que ({ $condition })
describe-is = { $answer } es { $value }
describe-is-not = { $answer } no es { $value }
describe-less-than = { $answer } es menor que { $value }
describe-at-most = { $answer } es como máximo { $value }
describe-more-than = { $answer } es mayor que { $value }
describe-at-least = { $answer } es como mínimo { $value }
describe-within-days = { $answer } es menos de { $days } antes de la fecha de la evaluación, o posterior
describe-days = { $days } días
describe-days-parameter = { $days } días (parámetro { $parameter })
describe-parameter = parámetro { $parameter }
# (fin de rules show; siguen las palabras de --for self del título de arriba)
patient-can-book = Puede pedir cita
patient-talk-first = Hable con la clínica antes de pedir cita
patient-wait-until = Espere hasta el { $date }
patient-wait = Espere antes de pedir cita
patient-not-advised = No se le aconseja este tratamiento
patient-outcome-review = hable con la clínica
patient-outcome-defer = espere
patient-outcome-not-candidate = no se aconseja
patient-checked-on = Comprobado el { $date }
patient-checked-on-for = Comprobado el { $date } para el tratamiento del { $procedure }

## Para qué fecha vale una evaluación.
dates-screened-for = evaluado el { $screened } para un tratamiento el { $judged }
dates-screened = evaluado el { $screened } y valorado para esa fecha

## Los periodos de la lista de cuidados.
window-first = desde el { $from } hasta el { $until } { $offset }
window-first-unknown = durante las primeras 24 horas después del tratamiento (no se dio la hora del tratamiento, así que no se muestran horas)
window-after = desde el { $from } { $offset }
window-after-unknown = a partir de las 24 horas después del tratamiento

## Respuestas tal como se leen.
reply-missing = sin responder
reply-not-sure = no está seguro/a
reply-yes = sí
reply-no = no

## La hoja HTML.
sheet-title-result-aftercare = Resultado de la evaluación y cuidados posteriores
sheet-title-result = Resultado de la evaluación
sheet-title-aftercare = Hoja de cuidados posteriores
sheet-contact = Contacto con la clínica
sheet-phone = Teléfono: { $phone }
sheet-out-of-hours = Fuera del horario: { $text }
sheet-procedure = Tratamiento:
sheet-times-in = horas en { $offset }
sheet-time-not-given = sin hora indicada
sheet-for = Para:
sheet-verdict = Resultado
sheet-final-decision = La clínica toma la decisión final.
sheet-eligible-from = apta a partir del
sheet-checked = Reglas comprobadas
sheet-why = Por qué
sheet-reasons = Motivos
sheet-your-answer-to = Su respuesta a
sheet-eligible-from-sentence = Apta a partir del
sheet-book-from = Puede pedir cita a partir del
sheet-why-this-rule = Por qué existe esta regla: { $rationale }
sheet-next = Qué hacer ahora
sheet-go-ahead-by = Visto bueno para el tratamiento dado por
sheet-avoid = Evite
sheet-care = Cuide su piel
sheet-expect = Lo que es normal
sheet-first-24h = Las primeras 24 horas
sheet-tick = Marque cada casilla cuando lo haga.
sheet-warning-signs = Señales de alarma
sheet-warning-heading = Señales de alarma: cuándo llamar a la clínica
sheet-clinic-phone = Teléfono de la clínica:
sheet-later = Más adelante ({ $when })
sheet-until = hasta el { $time }
sheet-for-you = Para usted
sheet-added = Se añadió por sus respuestas.

## Etiquetas que el Markdown y el texto comparten con la hoja.
label-phone = Teléfono
label-out-of-hours = Fuera del horario
label-questionnaire = Cuestionario
label-dates = Fechas
label-rules = Reglas
label-why-this-rule = Por qué existe esta regla
label-until = Hasta el { $time }
title-aftercare = { $procedure }: cuidados posteriores
heading-after-first-day = Después del primer día

## La salida de texto del terminal.
text-the-clinic = La clínica
text-book-from = puede pedir cita a partir del
text-aftercare-first-24h = Cuidados posteriores: las primeras 24 horas
text-after-first-day = Después del primer día ({ $when })
text-why = por qué
text-go-ahead = Visto bueno para el tratamiento dado por { $initials } ({ $dates }).

## Por qué un cuidado adaptado está en la lista cuando falta una respuesta de la que depende.
why-not-sure-first = No estaba seguro/a de “{ $prompt }”
why-not-sure = no estaba seguro/a de “{ $prompt }”
why-not-answered = “{ $prompt }” no tiene respuesta
why-to-be-safe = { $reasons }, así que se incluye por seguridad.

## Recordatorios del calendario: el final de la descripción de cada evento.
ics-when = { $at }. Tratamiento: { $procedure }.

## El cuestionario (el terminal y la recepción). La tecla de una opción es un solo carácter.
ask-yes = Sí
ask-yes-key = s
ask-no = No
ask-no-key = n
ask-not-sure = No estoy seguro/a
ask-initials = Iniciales del personal (opcional, Intro para saltar)
ask-discard = ¿Descartar esta evaluación?
ask-discard-no = No, seguir
ask-discard-yes = Sí, descartarla
ask-prefill-dropped = Respuesta ya rellenada que no se usa (la pregunta no corresponde): { $prompt }
ask-first-question = Esta es la primera pregunta.
ask-confirm = ¿Está todo bien?
ask-confirm-yes = Sí, mostrar el resultado
ask-confirm-change = Cambiar una respuesta
ask-progress = Pregunta { $number } de { $total }
ask-progress-aftercare = Pregunta de cuidados { $number } de { $total }
ask-removed = Ya no se pregunta, respuesta quitada: { $prompt }
ask-back-to-summary = Volver al resumen
ask-which-to-change = ¿Qué respuesta quiere cambiar?
ask-desk-cue = Recepción: { $cue }
ask-hint-date = AAAA-MM-DD, o ? si no está seguro/a
ask-hint-now = ahora, HH:MM, o AAAA-MM-DD HH:MM; ? si no está seguro/a
ask-hint-appointment = AAAA-MM-DD HH:MM de la cita; ? si no está seguro/a
ask-hint-time = HH:MM o AAAA-MM-DD HH:MM; ? si no está seguro/a
ask-hint-number = un número, o ? si no está seguro/a
ask-now = ahora
ask-twice-first = La primera: { $time }
ask-twice-second = La segunda: { $time }
ask-twice = Las { $time } del { $date } ocurren dos veces (se atrasan los relojes). ¿Cuál?
ask-summary-prefilled = Sus respuestas (* ya rellenadas, no preguntadas: confírmelas o cámbielas):
ask-summary = Sus respuestas:
ask-keys-choose = Arriba/Abajo+Intro: elegir
ask-keys-back = Izquierda/b: atrás
ask-keys-stop = Esc: parar
ask-keys-or = o
ask-keys-type = Escriba y pulse Intro
ask-keys-type-back = Izquierda: atrás
error-type-answer = Escriba una respuesta, o ? si no está seguro/a.
error-twice = Esa hora ocurre dos veces en esa fecha.
error-bad-date = Esa fecha no existe. Escríbala como AAAA-MM-DD, por ejemplo 2026-03-31.
error-bad-time = Escriba la hora como HH:MM para la fecha de la evaluación, o como AAAA-MM-DD HH:MM.
error-out-of-range = Ese número está fuera del rango.
error-number = Escriba un número, por ejemplo 42.
error-before-screening = Es anterior a la fecha de la evaluación, { $date }. Escriba la fecha y la hora del tratamiento.
error-appointment = Escriba la fecha y la hora de la cita como AAAA-MM-DD HH:MM.
error-skipped-time = { $time } no existe aquí: a esa hora se adelantan los relojes. Escriba una hora después del cambio.

## prescreen desk (recepción).
desk-walk-in = Visita { $number }
desk-discarded = Descartada: no se guardó nada de esta visita.
desk-found = Encontrada en la exportación de citas: sus respuestas ya están puestas; solo se pregunta lo que falta.
desk-not-found = No está en la exportación de citas: se hacen todas las preguntas.
desk-reference = Referencia del paciente (nombre o id de la cita; Intro para ninguna)
desk-what-next = ¿Y ahora?
desk-next = Siguiente visita
desk-next-key = s
desk-print = Imprimir la hoja
desk-print-key = i
desk-show = Ver el resultado otra vez
desk-show-key = v
desk-quit = Salir
desk-quit-key = q

## --explain: qué pasó con cada regla comprobada.
check-fired = se aplica
check-cleared = no se aplica
check-undecided = sin decidir

## La página de autocomprobación (prescreen page): sus propias palabras.
page-title = { $procedure }: autocomprobación
page-heading = { $procedure }: compruebe antes de pedir cita
page-language = Idioma
page-before-you-start = Antes de empezar
page-stays-here = Sus respuestas se quedan en este dispositivo: esta página no envía nada a ningún sitio y no guarda nada cuando la cierra.
page-loading = Preparando las preguntas…
page-no-script = Esta comprobación necesita JavaScript, que está desactivado en este navegador.
page-failed = Esta comprobación no pudo empezar en este navegador ({ $error }). Por favor, llame a la clínica.
page-start = Empezar
page-back = Atrás
page-next = Siguiente
page-part-screening = Sobre usted
page-part-aftercare = Sobre su cita
page-progress = { $part }: pregunta { $number } de { $total }
page-label-date = Fecha
page-label-datetime = Fecha y hora de la cita
page-label-number = Número
page-choose = Elija una respuesta, o No estoy seguro/a.
page-enter-date = Escriba la fecha, o marque No estoy seguro/a.
page-enter-datetime = Escriba la fecha y la hora de la cita, o marque No estoy seguro/a.
page-enter-number = Escriba el número, o marque No estoy seguro/a.
page-before-today = Eso es antes de hoy, { $date }: escriba la fecha y la hora de la cita.
page-why = Por qué
page-what-next = Qué hacer ahora
page-your-answer = Su respuesta a “{ $prompt }”: { $reply }.
page-book-from = Puede pedir cita a partir del { $date }.
page-your-sheet = Su hoja de cuidados
page-keep-open = Imprímala, o tenga esta página abierta ese día.
page-print-sheet = Imprimir la hoja
page-calendar = Añadir recordatorios a su calendario (.ics)
page-sheet-frame = Hoja de cuidados
page-no-calendar = Sin recordatorios en el calendario: { $reason }.
page-no-ics-verdict = los recordatorios son solo para quien puede seguir adelante
page-no-ics-none = el archivo de reglas no tiene recordatorios
page-no-ics-time = no se sabe la hora del procedimiento, así que no se puede programar ningún recordatorio
page-print-result = Imprimir este resultado
page-again = Empezar de nuevo
page-footer = { $name } { $version }. Es solo una comprobación previa: la clínica toma la decisión final.
