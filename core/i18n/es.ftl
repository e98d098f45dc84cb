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
