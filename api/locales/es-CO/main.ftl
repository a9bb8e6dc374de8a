# Textos en español (Colombia) de la API JSON: el idioma por omisión.
#
# Cada clave de este archivo está también en ../en/main.ftl (una prueba falla si no), con las
# mismas variables. Se escribe como un servidor público cuidadoso: de usted, con palabras
# sencillas, y con el artículo de la ley cuando una norma habla. Donde el texto repite uno que
# el dominio o un manejador ya escriben en español, debe quedar idéntico: así se reconoce y se
# traduce (docs/language.md). Cada mensaje en una sola línea.

## Títulos y detalles de los problemas (api/src/error.rs)

problem-validation-title = La solicitud tiene campos no válidos
problem-validation-detail = Revise `errors`: allí se indica cada campo no válido y qué debe corregir.
problem-malformed-title = No se puede leer la solicitud
problem-unauthorized-title = Se requiere autenticación
problem-forbidden-title = Su rol no permite esta acción
problem-not-found-title = No se encontró
problem-not-found-detail = Aquí no hay nada, o el código de acceso no coincide.
problem-rule-title = Una norma legal o de funcionamiento impide atender esta solicitud
problem-conflict-title = La solicitud no es compatible con el estado actual
problem-unavailable-title = El servicio no está disponible en este momento
problem-unavailable-detail = No fue posible comunicarse con el almacén de datos. No se cambió nada; intente de nuevo más tarde (al radicar, con la misma Idempotency-Key).
problem-store-fault-title = El almacén de datos necesita atención
store-fault-detail = { $detail }
problem-too-many-failures-title = Demasiados intentos fallidos con el código de acceso
problem-too-many-failures-detail = Desde esta dirección se hicieron demasiados intentos con un radicado o un código de acceso que no coinciden. Espere { $seconds } segundos antes de intentar de nuevo.
problem-internal-title = Error interno
problem-internal-detail = Ocurrió un error inesperado; quedó registrado con el x-request-id de esta respuesta.

## Respuestas del enrutador y de los intermediarios (404, 405, 408, 413, 500 sin cuerpo)

bare-not-found-title = No se encontró
bare-not-found-detail = Ninguna ruta corresponde a esta dirección.
bare-method-not-allowed-title = Método no permitido
bare-method-not-allowed-detail = Este método no está permitido en esta dirección.
bare-timeout-title = Se agotó el tiempo de espera
bare-timeout-detail = La solicitud tardó demasiado y se abandonó; envíela de nuevo.
bare-too-large-title = La solicitud es demasiado grande
bare-too-large-detail = El cuerpo de la solicitud es demasiado grande.
bare-internal-title = Error interno del servidor
bare-error-title = No se pudo atender la solicitud ({ $reason })
bare-error-detail = No se pudo atender la solicitud.
page-not-found-title = No encontramos esta página
page-not-found-text = La dirección no corresponde a ninguna página. Revísela, o vaya a la página de inicio para radicar o consultar una solicitud.
page-timeout-title = La página tardó demasiado
page-timeout-text = No alcanzamos a responder a tiempo. Intente de nuevo en un momento; si estaba enviando un formulario, consulte antes su solicitud para ver si quedó registrada.
page-error-title = No se pudo mostrar la página
page-error-text = Ocurrió un problema con esta solicitud. Intente de nuevo, o vaya a la página de inicio.

## Lectura de la solicitud (api/src/extract.rs)

body-not-json = El cuerpo no es JSON válido: { $reason }
body-json-parse = no se pudo interpretar el cuerpo como JSON: { $reason }
body-json-deserialize = el cuerpo JSON no tiene la forma esperada: { $reason }
body-query-deserialize = los parámetros de la consulta no tienen la forma esperada: { $reason }
body-not-json-content-type = Envíe el cuerpo en JSON, con `Content-Type: application/json`.
body-larger-than = El cuerpo de la solicitud supera el límite de { $limit } bytes.
body-unfinished = No se pudo leer el cuerpo de la solicitud hasta el final.
body-contains-nul = no debe contener el carácter NUL (U+0000)
serde-missing-field = falta el campo `{ $field }`
serde-unknown-field = el campo `{ $field }` no existe; se esperaba uno de { $expected }
serde-unknown-variant = el valor `{ $value }` no es válido; se esperaba uno de { $expected }
serde-invalid-type = tipo no válido: { $found }; se esperaba { $expected }
serde-invalid-value = valor no válido: { $found }; se esperaba { $expected }

## Autenticación y roles (api/src/auth.rs, los manejadores)

auth-needs-token = Esta operación requiere `Authorization: Bearer <token>`.
auth-use-bearer = Envíe `Authorization: Bearer <token>`.
auth-token-not-valid = El token no es válido (no existe o fue revocado).
auth-role-may-not = El rol `{ $role }` no puede hacer esto; se requiere `{ $needed }`.
auth-only-petitioner = solo el peticionario puede hacer esto, con el código de acceso
auth-reporter-reads-aggregates = El rol `reporter` trabaja con cifras agregadas (informes y el registro de eventos sin datos personales) y no puede consultar casos individuales.
auth-reassign-needs-supervisor = para reasignar un caso a otra dependencia se requiere un supervisor
auth-channel-needs-agent = solo los agentes y los roles superiores pueden radicar por el canal `{ $channel }`

## Campos de una solicitud (los manejadores)

field-required = es obligatorio
field-required-date = es obligatorio (AAAA-MM-DD)
field-unknown = este campo no existe
field-must-be-string = debe ser un texto
field-must-be-object = debe ser un objeto JSON
field-must-be-object-or-null = debe ser un objeto o null
field-must-be-boolean = debe ser true o false
field-consent-required = debe ser true cuando se dan datos del peticionario (Ley 1581 de 2012, art. 9)
field-electronic-notification-needs-email = necesita petitioner.email para notificar por correo electrónico (CPACA, art. 56)
field-not-in-future = no puede ser una fecha futura
field-rfc3339 = debe ser un instante RFC 3339 con zona horaria, por ejemplo 2026-11-23T09:00:00-05:00
field-incomplete = está incompleto
field-idempotency-key = debe tener de 1 a 255 caracteres ASCII visibles (un UUID sirve como clave)
field-at-least-one = debe ser 1 o más
field-zero-or-more = debe ser 0 o más
field-between = debe estar entre { $min } y { $max }
field-zero-or-position = debe ser 0 o una posición del registro
field-log-position = debe ser una posición del registro (0 o más)
field-hex-64 = debe tener 64 dígitos hexadecimales
field-position-and-hash = indique `position` y `hash` de un resumen, o ninguno de los dos
field-ledger-head = debe estar entre 0 y la última posición del registro ({ $head })
field-sort = debe ser due_date, -due_date, received_at o -received_at
field-term-unit = debe ser business, calendar o months
field-kind-or-term = indique uno solo de `kind` y `term`
field-due-out-of-range = la fecha de vencimiento queda fuera del calendario admitido
field-outcome = debe ser granted, denied, partially_granted, informative o forwarded
field-date = debe ser una fecha AAAA-MM-DD
field-not-a-date = `{ $value }` no es una fecha (AAAA-MM-DD)
field-export-format = debe ser jsonl o csv
field-not-before-from = no puede ser anterior a `from`
field-out-of-range = está fuera del rango admitido
field-date-outside-calendar = la fecha { $date } está fuera del calendario admitido ({ $first } a { $last })
field-to-after-from = debe ser igual o posterior a `from`
idempotency-key-reused = esta clave ya se usó con una solicitud distinta; use una clave nueva para cada radicación

## El dominio: una PQR (domain/src/pqr/error.rs)

pqr-already-filed = ya existe una PQR radicada con el número { $radicado }
pqr-not-filed = no hay una PQR radicada con este número
pqr-consent-required = Ley 1581 de 2012 art. 9: consent_personal_data debe ser true cuando se dan datos del peticionario
pqr-closed = el caso está cerrado (estado `{ $status }`)
pqr-before-filing = la actuación tiene fecha { $at }, anterior a la radicación recibida el { $received_at }
pqr-nothing-to-classify = una clasificación debe indicar un tipo, un tema o una dependencia
pqr-kind-fixed-by-positive-silence = art. 14 num. 1: la solicitud de información ya se entendió aceptada (silencio positivo); su tipo no puede cambiar
pqr-already-assigned = el caso ya está asignado a este funcionario en esta dependencia
pqr-tier-not-higher = el escalamiento debe ir a un nivel de atención superior: el caso está en el nivel { $current } y se pidió el nivel { $requested }
pqr-suspended = art. 17: el término está suspendido mientras el peticionario completa la información
pqr-not-suspended = art. 17: el caso no está esperando que el peticionario complete la información
pqr-completion-already-requested = art. 17: ya se pidió una vez completar la información de este caso
pqr-already-priority = art. 20: el caso ya está marcado como prioritario
pqr-documents-delivered-required = art. 14 num. 1: la respuesta a una solicitud de información debe decir si se entregaron los documentos
pqr-documents-delivered-not-applicable = documents_delivered solo aplica a las solicitudes de información (art. 14 num. 1), no a { $kind }
pqr-not-answered = el servicio solo se puede calificar después de que el caso tenga respuesta
pqr-already-rated = el servicio ya fue calificado
pqr-positive-silence-already-recorded = art. 14 num. 1: el silencio positivo ya quedó registrado
pqr-positive-silence-not-due = art. 14 num. 1: no hay silencio positivo antes de que pase la fecha de vencimiento { $due }
pqr-no-closure-to-count = art. 62 Ley 4 de 1913: no queda ningún día de cierre dentro del término en curso por contar

## El dominio: reglas de los términos (domain/src/clock_rules)

rule-completion-request-late = art. 17: la solicitud de completar se hizo el { $requested_on }, después de los 10 días hábiles siguientes a la radicación (el último fue el { $last_day })
rule-completion-request-after-due = art. 17: la solicitud de completar se hizo el { $requested_on }, después de la fecha de vencimiento { $due }
rule-supply-before-request = art. 17: la información se aportó el { $supplied_on }, antes de la solicitud de completar del { $requested_on }
rule-supply-after-window = art. 17: la información se aportó el { $supplied_on }, después de que el plazo para completar venció el { $closed_on }; se entiende que el peticionario desistió (desistimiento tácito)
rule-completion-window-already-extended = art. 17: el plazo para completar ya se prorrogó una vez
rule-completion-window-extension-late = art. 17: la prórroga del plazo para completar se pidió el { $asked_on }, después de que venció el { $closed_on }
rule-completion-window-extension-too-long = art. 17: el plazo para completar se prorrogó hasta el { $granted_until }, más de un mes adicional (a lo sumo hasta el { $at_most })
rule-completion-window-extension-not-later = art. 17: la prórroga hasta el { $granted_until } no amplía el plazo para completar, que vence el { $closed_on }
rule-completion-window-open = art. 17: el desistimiento tácito se decretó el { $decided_on }, cuando el plazo para completar sigue abierto hasta el { $closes_on }
rule-tacit-withdrawal-unreasoned = art. 17: el desistimiento tácito requiere una decisión motivada (acto administrativo motivado)
rule-extension-after-due = art. 14 parágrafo: la ampliación del término se informó después del vencimiento (informada el { $notified_on }, vencía el { $due })
rule-extension-exceeds-double = art. 14 parágrafo: la ampliación hasta el { $new_due } supera el doble del término (a lo sumo hasta el { $at_most })
rule-extension-not-later = art. 14 parágrafo: la nueva fecha de vencimiento { $new_due } no es posterior a la fecha de vencimiento { $due }
rule-extension-not-business-day = art. 14 parágrafo: la nueva fecha de vencimiento { $new_due } no es un día hábil
rule-extension-unreasoned = art. 14 parágrafo: la ampliación debe expresar los motivos de la demora
rule-already-extended = art. 14 parágrafo: el término ya se amplió una vez
rule-not-an-information-request = art. 14 num. 1: el silencio positivo solo aplica a las solicitudes de información, no a { $kind }
rule-withdrawal-before-filing = art. 18: el desistimiento del { $withdrawn_on } es anterior a la radicación del { $received_on }
backdating-too-far-back = la fecha de recibo { $received_on } es anterior en más de { $max_days } días hábiles a la fecha de radicación (la más antigua admitida es { $earliest }; límite `max_backdating_days`, docs/legal.md)

## El dominio: valores (domain/src)

calendar-out-of-range = la fecha { $date } está fuera del calendario admitido, del 1984-01-01 al 2199-12-31
closure-in-the-past = un día de cierre debe ser hoy o posterior (el { $date } ya pasó)
closure-already-non-business = el { $date } ya es un día no hábil
text-empty = no puede estar vacío
text-too-long = debe tener como máximo { $max } caracteres
text-control-characters = no puede contener caracteres de control
contact-unknown-channel = debe ser uno de web, email, phone, in_person, mail
contact-unknown-id-type = debe ser uno de CC, CE, TI, RC, PA, NIT, PEP, PPT
contact-bad-id-number = debe tener de 3 a 20 letras o dígitos
contact-bad-email = debe ser un correo electrónico, por ejemplo nombre@dominio.co
contact-bad-phone = debe ser un número de teléfono de 7 a 15 dígitos (se admiten espacios, guiones, paréntesis y un + al comienzo)
contact-bad-length = debe tener entre 1 y { $max } caracteres
contact-none = se necesita al menos un dato de contacto para responderle: email, phone o address
contact-id-type-and-number-apart = id_type e id_number van juntos: indique los dos o ninguno
value-out-of-range = { $what } debe estar entre { $min } y { $max }; se recibió { $got }
kind-unknown = el tipo `{ $kind }` no existe; debe ser uno de petition, information_request, consultation, complaint, claim, report, suggestion, commendation
radicado-malformed = un radicado tiene la forma AAAA-NNNNNN (año, guion y al menos seis dígitos)
radicado-year-out-of-range = el año de un radicado debe estar entre 1984 y 2199
radicado-zero = los números de radicado empiezan en 1
access-code-malformed = un código de acceso tiene 20 caracteres entre 0-9 y A-Z

## La infraestructura (infrastructure/src, projections/src)

idempotency-key-malformed = Idempotency-Key debe tener de 1 a 255 caracteres ASCII visibles (un UUID sirve como clave)
command-conflict = el caso cambió al mismo tiempo por otra actuación; intente de nuevo
clock-not-settable = el reloj solo se puede fijar si el servidor se inició con --dev-clock
clock-out-of-range = la fecha { $date } (hora de Bogotá) está fuera del calendario soportado, del { $first } al { $last }
report-unknown = el informe `{ $name }` no existe; los informes son access-to-information, pqr-follow-up, dashboard
report-unknown-format = el formato `{ $name }` no existe; use json, csv, csv-es, xlsx o html
report-invalid-period = periodo no válido: { $reason }
report-from-after-to = `from` ({ $from }) es posterior a `to` ({ $to })
report-dates-between = las fechas deben estar entre { $first } y { $last }
report-period-past-9999 = el periodo pasa del año 9999
report-position-not-in-log = la posición { $position } no está en el registro (la última es { $head })

## mail (issue 15): withdrawing the consent to e-mail
pqr-no-email-to-stop = usted no dio un correo electrónico: no hay correos que dejar de enviar
pqr-notification-consent-already-withdrawn = usted ya pidió que no le escribamos por correo electrónico sobre esta solicitud

## privacy (issue 16): solicitudes del oficial de protección de datos

privacy-refused-open = el caso sigue en trámite: mientras la entidad deba atenderlo sus datos no se pueden suprimir (Ley 1581 de 2012 art. 8 lit. e y art. 15; Decreto 1377 de 2013 art. 9), salvo orden de autoridad competente
privacy-refused-retention = el expediente está dentro de su tiempo de retención hasta el { $until } (Ley 594 de 2000 art. 24; Ley 1581 de 2012 art. 15; Decreto 1377 de 2013 art. 9): sus datos no se pueden suprimir antes, salvo orden de autoridad competente
privacy-already-suppressed = los datos personales de este caso ya fueron suprimidos el { $at }
privacy-not-encrypted = este caso se radicó antes del cifrado de datos personales: sus datos están en claro en el registro encadenado y no se pueden suprimir sin romperlo (docs/privacy.md)
privacy-no-key = no hay llave maestra de datos personales configurada (data_key_file)

## retention (issue 16): la tabla de retención, su informe y el acceso por la API
privacy-refused-retention-schedule = el expediente está dentro de su tiempo de retención hasta el { $until } ({ $basis }; Ley 1581 de 2012 art. 15; Decreto 1377 de 2013 art. 9): sus datos no se pueden suprimir antes, salvo orden de autoridad competente
privacy-access-one-identifier = indique uno solo de los dos: el número de identificación (id_number) o el correo electrónico (email)

# portal pages (issue 13): the preferred reply channel of a filing
field-reply-channel-unknown = debe ser uno de email, phone, mail, in_person
field-reply-channel-anonymous = una solicitud anónima no puede elegir un medio para la respuesta
field-reply-channel-missing-contact = necesita petitioner.{ $field } para responder por ese medio

## rights (issue 16): rectificación de datos de contacto y páginas del oficial de protección de datos
pqr-anonymous-case = Ley 1581 de 2012 art. 8 lit. a: el caso es anónimo; no hay datos de contacto que rectificar
pqr-contact-unchanged = el dato { $field } vigente ya tiene ese valor; no hay nada que rectificar
privacy-rectify-unknown-field = el campo debe ser email (correo electrónico), phone (teléfono) o address (dirección)
privacy-rectify-suppressed = los datos personales de este caso fueron suprimidos el { $at }: no quedan datos que rectificar

## La línea de comandos pqrs (api/src/cli): en español salvo --lang en o PQRS_LANG=en
cli-lang-unknown = `{ $value }` no es un idioma de pqrs: use --lang es (español, el predeterminado) o --lang en (inglés)
cli-runtime-failed = no se pudo poner en marcha el programa: { $reason }
cli-store-open-failed = no se pudo abrir el almacén { $store }: { $reason }
cli-store-sqlite-file = el archivo SQLite { $path }
cli-key-created-beside = se creó la llave maestra de los datos personales en { $file } (solo su dueño la puede leer). Guarde una copia fuera de este equipo: sin ella los datos personales no se pueden leer (docs/privacy.md).
cli-key-missing-warning = AVISO: no hay llave maestra de datos personales (data_key_file o PQRS_DATA_KEY_FILE): los datos personales se guardan sin cifrar.
cli-migrated = migraciones aplicadas en { $store }
cli-deadline-received-format = --received debe ser una fecha y hora RFC 3339 con su diferencia horaria, por ejemplo 2026-11-23T09:00:00-05:00
cli-deadline-kind = tipo:                    { $kind } ({ $name })
cli-deadline-received = recibida el:             { $received }
cli-deadline-effective = recibo efectivo (E):     { $effective }
cli-deadline-term = término:                 { $days } { $unit } ({ $policy })
cli-deadline-due = vence:                   { $due } (hasta las 23:59:59, hora de Bogotá)
cli-deadline-calendar = versión del calendario:  { $version }
cli-unit-business = días hábiles
cli-unit-calendar = días calendario
cli-unit-months = meses
cli-jobs-examined = se revisaron { $count } casos abiertos
cli-jobs-alert = { $radicado }  alerta { $kind }
cli-jobs-webhooks-delivered = se hicieron { $count } llamadas a webhooks
cli-jobs-mail-sent = correos: { $sent } aceptados por el servidor SMTP, { $retrying } por intentar de nuevo más tarde, { $failed } fallidos definitivamente (con alerta)
cli-jobs-mail-waiting = quedan { $count } correos por enviar; el más antiguo se encoló el { $since } (hora de Bogotá)
cli-jobs-mail-off = el correo a los peticionarios está apagado (no se configuró PQRS_SMTP_URL)
cli-name-length = --name debe tener entre 1 y 200 caracteres
cli-usage-unknown-argument = la opción `{ $arg }` no existe
cli-usage-unknown-command = el comando `{ $command }` no existe
cli-usage-missing = falta { $args }
cli-usage-missing-command = falta el comando
cli-usage-value-needed = { $arg } necesita un valor
cli-usage-invalid-value = `{ $value }` no es un valor válido para { $arg }
cli-usage-not-a-number = escriba un número entero, solo con cifras
cli-usage-number-too-large = el número es demasiado grande
cli-usage-number-out-of-range = el número está fuera del rango admitido
cli-usage-not-a-date = escriba una fecha que exista, como AAAA-MM-DD
cli-usage-repeated = { $arg } se escribió más de una vez
cli-usage-conflict = { $arg } no se puede usar con { $other }
cli-usage-other = la línea de comandos no es válida cerca de { $arg }
cli-usage-possible = Valores posibles: { $values }
cli-usage-did-you-mean = ¿Quiso decir «{ $suggestion }»?
cli-usage-line = Uso: { $usage }
cli-usage-more = Para más información, use --help.
cli-role-unknown = el rol `{ $role }` no existe: use agent, supervisor, auditor, reporter o admin
cli-user-language-unknown = el idioma `{ $language }` no existe: use es o en
cli-token-created = Token para { $name } (rol { $role }) creado con id { $id } en { $store }; se muestra solo esta vez.
cli-token-columns = id nombre rol creado_por creado_el ultimo_uso revocado
cli-token-count = { $count } tokens en { $store }.
cli-token-not-found = no hay un token vigente con id { $id } en { $store }
cli-token-revoked = Token { $id } revocado en { $store }.
cli-projection-unknown = la proyección `{ $name }` no existe; las que hay son: { $known }
cli-projection-progress = eventos
cli-projection-rebuilt = { $name } reconstruida: { $count } eventos en { $secs } s ({ $rate } eventos/s)
cli-audit-progress = verificando
cli-audit-events-verified = eventos verificados:  { $count }
cli-audit-last-position = última posición:      { $position } { $hash }
cli-audit-ledger-head = cabeza del registro:  { $position } { $hash }
cli-audit-digest = resumen firmado:      { $position } { $hash }
cli-audit-signature = firma:                { $whose }
cli-audit-signed-by-entity = de la clave de la entidad
cli-audit-not-signed-by-entity = NO es de la clave de la entidad
cli-audit-intact = OK: la cadena está intacta
cli-audit-failed-at = FALLÓ en la posición { $position } ({ $kind }): { $reason }
cli-audit-read-digest-failed = no se pudo leer el resumen { $file }: { $reason }
cli-audit-not-a-digest = { $file } no es un resumen de pqrs: { $reason }
cli-write-failed = no se pudo escribir { $file }: { $reason }
cli-audit-keygen-done = llave de firma escrita en { $file }; la línea de arriba es su clave pública: publíquela para que cualquiera pueda comprobar los resúmenes
cli-audit-no-signing-key = no hay llave de firma: indique --key ARCHIVO, PQRS_AUDIT_SIGNING_KEY o audit_signing_key en el archivo de configuración (cree una con `pqrs audit keygen --out ARCHIVO`)
cli-audit-refuse-to-sign = no se firma: el registro no pasa la verificación en la posición { $position } ({ $kind }): { $reason }
cli-audit-signed-head = cabeza firmada: posición { $position }, hash { $hash }
cli-audit-no-entity-key = aviso: no se configuró la clave de la entidad (--key, --public-key, PQRS_AUDIT_SIGNING_KEY, PQRS_AUDIT_PUBLIC_KEY o el archivo de configuración): solo se comprobó que el resumen es coherente con su propia clave { $key }; compárela con la clave pública que la entidad publicó
cli-audit-verify-failed = la verificación falló en la posición { $position }: { $reason }
cli-audit-year-range = --year debe estar entre 1984 y 2199
cli-audit-year = año:                    { $year }
cli-audit-counter = consecutivo:            { $number }
cli-audit-filed = radicados:              { $count }
cli-audit-voided = de ellos anulados:      { $count }
cli-audit-gap = hueco:                  { $from } a { $to }
cli-audit-duplicate = duplicado:              { $radicado } radicado { $count } veces
cli-audit-beyond-counter = más allá del consecutivo: { $radicado }
cli-audit-void-no-filing = anulado sin radicación: { $radicado }
cli-audit-complete = COMPLETO: todos los números están justificados
cli-audit-incomplete = INCOMPLETO
cli-audit-radicados-incomplete = los radicados de { $year } no están completos
cli-audit-export-write-failed = no se pudo escribir la exportación: { $reason }
cli-audit-exported = se exportaron { $count } eventos ({ $bytes } bytes, sha256 { $sha256 }) a { $file }; el resumen está en { $digest }
cli-report-unknown = el informe `{ $name }` no existe: los que hay son access-to-information, pqr-follow-up, dashboard
cli-report-progress = leyendo el registro
cli-report-written = { $report } { $format } en { $file }: posición { $position }, sha256 { $sha256 }
cli-serve-listen-failed = no se pudo escuchar en { $bind }: { $reason }
cli-serve-listening = pqrs escucha en http://{ $addr } — documentación de la API en http://{ $addr }/docs — almacén { $store }
cli-serve-dev-clock = { " — " }reloj de pruebas ENCENDIDO
cli-calendar-in-force = calendario vigente del { $from } al { $to }
cli-calendar-version = versión del calendario: { $version }
cli-calendar-closure = cierre
cli-holidays-title = Festivos nacionales de Colombia, { $year }
cli-calendar-closures = Días de cierre de la entidad (calendario { $version })
cli-keys-init-done = llave maestra de datos personales creada en { $file } (id { $id }). Guarde una copia fuera de este equipo: sin ella los datos personales no se pueden leer.
cli-keys-no-key = este almacén no tiene llave maestra de datos personales: nada que rotar
cli-keys-rotated = { $count } llaves de casos cifradas de nuevo con la llave { $id }; configure data_key_file con el archivo nuevo y guarde el anterior hasta comprobarlo.
cli-user-created = Cuenta creada para { $name } <{ $email }>, rol { $role }, id { $id }, en { $store }.
cli-user-one-time-password = Clave de un solo uso (arriba; se muestra solo esta vez): { $password }
cli-user-first-login = Ingrese en { $url } con el correo y esa clave; en el primer ingreso se le pedirá una clave nueva.
cli-user-password-reset = Nueva clave de un solo uso para { $email } en { $store } (arriba; se muestra solo esta vez). Sus sesiones se cerraron. Ingrese en { $url }; se le pedirá una clave nueva.
cli-user-columns = id correo nombre rol dependencia creada_por creada_el desactivada_el idioma
cli-user-count = { $count } cuentas en { $store }.
cli-user-not-found = no hay una cuenta con el correo { $email } en { $store }
cli-user-disabled = Cuenta { $email } desactivada (sus sesiones se cerraron) en { $store }.
cli-user-enabled = Cuenta { $email } activada en { $store }.
cli-privacy-rectify-refused = rectificación rechazada (queda registrada): { $reason }
cli-privacy-rectified = dato { $field } del caso { $radicado } rectificado; el valor anterior queda cifrado en su evento
cli-privacy-holder-missing = indique --id-number o --email
cli-privacy-bad-radicado = radicado no válido `{ $radicado }`: { $reason }
cli-privacy-basis-length = --basis debe tener de 1 a 1000 caracteres
cli-privacy-suppressed = datos personales del caso { $radicado } suprimidos (evento en la posición { $position }). Para que no queden copias en los archivos de la base de datos, siga docs/privacy.md (checkpoint y VACUUM).
cli-privacy-bad-date = { $flag } debe ser una fecha AAAA-MM-DD, no `{ $value }`
cli-privacy-dates-reversed = --to ({ $to }) no puede ser anterior a --from ({ $from })
cli-case-not-found = no hay un caso con ese radicado
cli-mail-off = el correo está apagado: defina PQRS_SMTP_URL y PQRS_SMTP_FROM (o smtp_url y smtp_from en el archivo de configuración); docs/notifications.md
mail-test-subject = Correo de prueba de pqrs: { $entity }
mail-test-body = Este es un correo de prueba, enviado por quien administra pqrs (desde la consola o con «pqrs mail test») para comprobar la configuración del correo de { $entity }. Si usted lo recibió, el servidor de correo, su cifrado y su clave funcionan, y los peticionarios recibirán los avisos de sus solicitudes. No es necesario responderlo.
cli-mail-test-sent = el servidor SMTP { $server } aceptó el correo de prueba: { $reply }
mail-test-refused = el servidor SMTP no tomó el correo de prueba: { $reason }

## La configuración (api/src/config, api/src/notify.rs, infrastructure/src/outbox/deliver/settings.rs): lo que detiene el arranque
config-read = no se pudo leer el archivo de configuración { $path }: { $reason }
config-parse = el archivo de configuración { $path } no es válido: { $message }
config-toml-at = línea { $line }, columna { $column } (`{ $text }`): { $reason }
config-toml-unknown-key = la clave `{ $key }` no existe; las claves son { $keys }
config-toml-quote = escriba el texto entre comillas, como clave = "valor"
config-toml-duplicate = esta clave ya se escribió más arriba en el archivo
config-toml-unclosed-text = el texto no se cierra con su comilla
config-toml-no-value = la clave no tiene valor: escriba = y el valor después
config-toml-unclosed-table = el nombre de la tabla no se cierra con ]
config-toml-list-comma = los elementos de una lista se separan con comas
config-toml-after-value = después del valor solo puede ir un comentario (# …) en esa línea
config-toml-no-key = falta la clave antes de =
config-toml-whole-number = aquí va un número entero, sin comillas, como clave = 60
config-toml-text = aquí va un texto entre comillas, como clave = "valor"
config-toml-list = aquí va una lista entre corchetes, como clave = ["a", "b"]
config-toml-negative = el número no puede ser negativo
config-toml-too-large = el número es demasiado grande
config-invalid = valor no válido en `{ $key }`: { $message }
config-not-whole = { $env }=`{ $text }` no es un número entero
config-not-business-days = `{ $value }` no es un número entero de días hábiles
config-too-many-business-days = { $days } son más de 3650 días hábiles
config-bind = `{ $value }` no es una dirección como 127.0.0.1:8080
config-whole-1-10000 = debe ser un número entero entre 1 y 10000
config-cors-origin = `{ $origin }` no es un origen: escriba esquema y dominio, sin ruta, p. ej. https://www.entidad.gov.co
config-color = `{ $color }` no es un color #rrggbb
config-color-contrast = el texto blanco sobre `{ $color }` tiene un contraste de { $ratio }:1; se necesita al menos 4.5:1 (WCAG 2.1, 1.4.3)
config-privacy-url = debe empezar por https://, http:// o /
config-logo-type = debe ser un archivo .png, .svg, .jpg o .webp
config-portal-url = `{ $url }` debe empezar por https:// o http://
config-smtp-from-missing = el correo está activado (smtp_url) pero falta el remitente: PQRS_SMTP_FROM o smtp_from, p. ej. "Entidad <pqrs@entidad.gov.co>"
config-mail-off = `{ $name }` no es un mensaje; use { $list }
config-ca-unreadable = no se pudo leer `{ $path }`: { $reason }
config-ca-no-certificate = `{ $path }` no contiene ningún certificado en formato PEM ({ $marker })
config-smtp-url = PQRS_SMTP_URL `{ $url }` no se puede usar: { $message }
config-ca-without-tls = se dio smtp_ca_file pero PQRS_SMTP_URL `{ $url }` no usa TLS: use smtps://… o smtp://…?tls=required
config-mailbox = `{ $key }` no es un buzón como `Entidad <pqrs@entidad.gov.co>`: { $message }
config-io-not-found = el archivo no existe
config-io-denied = no hay permiso para leerlo
config-io-folder = es una carpeta, no un archivo
mail-send-answered = el servidor respondió { $code }: { $reply }
mail-send-timeout = el servidor no respondió a tiempo
mail-send-tls = no se pudo establecer la conexión segura (TLS): { $detail }
mail-send-nothing-listening = nada escucha en esa dirección y puerto: ¿está en marcha el servidor?
store-counter-behind = El contador de radicados del año { $year } (radicado_counters.last_number = { $last }) está por detrás de los radicados ya emitidos: el siguiente número, { $next }, ya existe, y el mayor emitido es { $highest }. No se radica nada, para no repetir un número, hasta que un operador corrija el contador (last_number = { $highest_number } o más).
store-damaged-filing = El almacén de datos está dañado ({ $reason }). No se radica nada hasta que un operador lo repare o lo restaure desde una copia de seguridad.
store-damaged = El almacén de datos está dañado ({ $reason }). No se registra nada hasta que un operador lo repare o lo restaure desde una copia de seguridad.
holiday-basis-moved = Ley 51 de 1983 art. 1 num. 2 (CST art. 177): se traslada al lunes siguiente
holiday-basis-movable = Ley 51 de 1983 art. 1 num. 1-2 (CST art. 177): fiesta móvil que se traslada al lunes siguiente
holiday-basis-rosario = Ley 2578 de 2026: 9 de julio, se traslada al lunes siguiente
infra-account-bad-email = el correo `{ $email }` no es una dirección válida
infra-account-bad-name = el nombre debe tener entre 1 y 200 caracteres
infra-account-email-taken = ya existe una cuenta con el correo { $email }
infra-account-not-found = no existe la cuenta { $id }
infra-wrong-kek = la llave maestra de datos personales ({ $given }) no es la de este almacén (sus llaves están cifradas con { $expected }). Indique el archivo correcto en data_key_file o PQRS_DATA_KEY_FILE; con otra llave los datos personales no se pueden leer
infra-key-missing = este almacén guarda los datos personales cifrados y no se indicó su llave maestra: configure data_key_file o PQRS_DATA_KEY_FILE
infra-sealed-unopenable = el dato cifrado no se puede abrir: llave equivocada o dato alterado o movido
infra-sealed-malformed = el sobre cifrado está mal formado
store-lock = no se puede bloquear { $file }, el archivo con el que los procesos que abren este almacén se turnan para prepararlo: { $reason }
store-folder-not-database = { $file } es una carpeta, no un archivo de base de datos SQLite
store-open-read-write = no se puede abrir { $file } para lectura y escritura: { $reason }
store-read = no se puede leer { $file }: { $reason }
store-not-sqlite = { $file } no es una base de datos SQLite (no empieza con el encabezado "SQLite format 3"); revise la ruta de database_url
store-create-not-folder = no se puede crear { $file }: { $folder } no es una carpeta
store-create-no-folder = no se puede crear { $file }: la carpeta { $folder } no existe o no se puede leer
store-create-cannot-write = no se puede crear { $file } en la carpeta { $folder }: { $reason }
store-open = no se puede abrir { $file }: { $reason }
store-postgres-refused = PostgreSQL rechazó la conexión en { $at }: ¿está el servidor en marcha y escuchando en esa dirección?
store-postgres-cannot-connect = no se puede conectar con PostgreSQL en { $at }: { $reason }
store-postgres-refused-because = PostgreSQL en { $at } rechazó la conexión: { $reason }
store-damaged = { $file } no es una base de datos SQLite o está dañado: { $reason }
store-unsupported-url = la URL del almacén `{ $url }` no es compatible: use postgres://… o sqlite://…
io-write-no-folder = la carpeta no existe
io-write-denied = no hay permiso para escribir allí
io-exists = el archivo ya existe
io-full = el disco está lleno
digest-read = no se pudo leer el archivo de la llave { $path }: { $reason }
digest-write = no se pudo escribir el archivo de la llave { $path }: { $reason }
digest-bad-key = el archivo de la llave { $path } debe contener la llave secreta Ed25519 (32 bytes) en 64 dígitos hexadecimales
digest-malformed = no es un resumen de la cabeza de pqrs: { $reason }
digest-format = el formato `{ $format }` no es `{ $expected }`
digest-public-key-hex = public_key no son 32 bytes en hexadecimal
digest-signature-hex = signature no son 64 bytes en hexadecimal
digest-not-ed25519 = public_key no es una clave Ed25519
digest-bad-signature = la firma del resumen no se verifica con su clave pública: fue alterado o falsificado
crypto-key-file = no se puede usar la llave maestra de datos personales { $path }: { $why }
crypto-key-hex = debe tener 64 dígitos hexadecimales (32 bytes)
cli-listen-in-use = otro programa ya escucha en esa dirección
cli-listen-denied = no hay permiso: un puerto menor que 1024 requiere privilegios
cli-listen-not-here = este equipo no tiene esa dirección
config-smtp-url-not-a-url = no es una URL como smtp://servidor:puerto
config-smtp-url-no-server = no nombra ningún servidor
config-smtp-url-port = el puerto debe ser un número de 1 a 65535
config-smtp-url-server-name = el nombre del servidor tiene caracteres que un nombre de dominio no admite
config-smtp-url-ip = la dirección IP del servidor no es válida
config-smtp-url-scheme = debe empezar por smtp:// o smtps://
config-smtp-url-tls = tls= debe ser required u opportunistic (o use smtps://)
config-mailbox-parts = a la dirección le falta la parte antes o después de la @
config-mailbox-brackets = un signo < o > no está cerrado
config-mailbox-user = la parte antes de la @ no es válida
config-mailbox-domain = la parte después de la @ no es un dominio válido
config-mailbox-input = tiene caracteres que una dirección no admite
config-audit-public-key = la clave pública de auditoría `{ $key }` no es una clave Ed25519 de 64 dígitos hexadecimales

## E-mails to the petitioner (api/src/notify.rs): each message in the petitioner's language.
## Spanish is the official text; an English e-mail carries it after the translation.

mail-greeting = Cordial saludo:
mail-legal = Fundamento: { $legal }.
mail-closing = Atentamente,
mail-automatic = Este mensaje se envió automáticamente; su identificador es { $id }.
mail-follow-at = Puede consultar su solicitud con su número de radicado y su código de acceso en:
mail-follow-portal = Puede consultar su solicitud con su número de radicado y su código de acceso en el portal de la entidad, opción «Consultar su solicitud».
mail-portal-link = Consultar su solicitud en el portal de { $entity }
mail-contact-address = Dirección: { $value }
mail-contact-phone = Teléfono: { $value }
mail-contact-email = Correo: { $value }
mail-contact-hours = Horario de atención: { $value }
mail-translation-note = Este texto es una traducción de cortesía. El texto oficial es el que sigue, en español, idioma oficial de Colombia (Constitución Política, art. 10).
mail-official-heading = Texto oficial en español
mail-fact-radicado = Radicado
mail-fact-kind = Tipo
mail-fact-subject = Asunto
mail-fact-due = Fecha límite de respuesta
mail-ack-subject = Radicado { $radicado }: recibimos su { $kind }
mail-ack-title = Recibimos su { $kind }
mail-ack-received = La entidad recibió su { $kind } el { $when } y le asignó el número de radicado { $radicado }.
mail-ack-due = El plazo de la entidad para responderle vence el { $date }.
mail-ack-no-code = Por su seguridad, este correo no incluye el código de acceso que recibió al radicar.
mail-completion-subject = Radicado { $radicado }: necesitamos que complete su solicitud
mail-completion-title = Necesitamos que complete su solicitud
mail-completion-before = Para resolver su { $kind } con radicado { $radicado }, la entidad necesita que usted aporte lo siguiente:
mail-completion-window = Tiene hasta el { $date } para entregarlo. Mientras tanto, el plazo para responderle está suspendido; vuelve a correr al día siguiente de recibir lo solicitado.
mail-completion-withdrawal = Si no lo entrega en ese plazo se entenderá que desistió de su solicitud, salvo que antes de que venza pida una prórroga, que puede ser de hasta un mes más.
mail-completion-fact = Plazo para completar
mail-extension-subject = Radicado { $radicado }: ampliamos el plazo para responder
mail-extension-title = Ampliamos el plazo para responder su solicitud
mail-extension-before = La entidad no puede responder su { $kind } con radicado { $radicado } dentro del plazo inicial, que vencía el { $date }. Estos son los motivos:
mail-extension-after = La nueva fecha límite de respuesta es el { $date }.
mail-extension-fact = Nueva fecha límite de respuesta
mail-forwarded-subject = Radicado { $radicado }: trasladamos su solicitud a { $authority }
mail-forwarded-title = Trasladamos su solicitud a la autoridad competente
mail-forwarded-before = La entidad no es competente para resolver su { $kind } con radicado { $radicado }. El { $date } remitió su solicitud a: { $authority }. Estos son los motivos:
mail-forwarded-after = En adelante { $authority } es quien debe responderle; el plazo para hacerlo se cuenta desde el día siguiente a aquel en que reciba su solicitud.
mail-forwarded-fact = Autoridad competente
mail-answer-subject = Radicado { $radicado }: respuesta a su { $kind }
mail-answer-title = Respuesta a su { $kind }
mail-answer-before = La entidad respondió su { $kind } con radicado { $radicado } el { $date }. Esta es la respuesta:
mail-answer-fact = Sentido de la respuesta
mail-cpaca-56 = Usted aceptó ser notificado por correo electrónico (Ley 1437 de 2011, art. 56). La notificación queda hecha en la fecha y hora en que usted acceda a este mensaje.
mail-withdrawal-subject = Radicado { $radicado }: decisión de desistimiento tácito
mail-withdrawal-title = Decisión de desistimiento tácito
mail-withdrawal-before = El plazo para completar su { $kind } con radicado { $radicado } venció el { $closed } sin que la entidad recibiera lo solicitado. Por eso, el { $decided } la entidad decretó el desistimiento tácito y archivó la solicitud:
mail-withdrawal-appeal = Contra esta decisión solo procede el recurso de reposición. Usted puede presentar de nuevo su solicitud con todos los requisitos.
mail-silence-subject = Radicado { $radicado }: su solicitud de información se entiende aceptada
mail-silence-title = Su solicitud de información se entiende aceptada
mail-silence-before = La entidad no respondió su { $kind } con radicado { $radicado } a más tardar el { $due }. Por eso, desde el { $from } su solicitud se entiende aceptada (silencio administrativo positivo).
mail-silence-after = La entidad debe entregarle las copias a más tardar el { $date }.
mail-silence-fact = Entrega de las copias a más tardar

## Correos a los funcionarios (api/src/notify/staff_mail.rs): en el idioma que el funcionario
## eligió en la consola, español mientras no elija.

mail-staff-assignment-subject = Radicado { $radicado }: se le asignó un caso
mail-staff-assignment-title = Se le asignó un caso
mail-staff-assignment-before = Se le asignó el caso con radicado { $radicado } ({ $kind }) en { $dependency }. Debe responderse a más tardar el { $date }.
mail-staff-no-petitioner-data = Por seguridad, este correo no incluye los datos del peticionario ni el contenido de la solicitud: consúltelos en la consola.
mail-staff-digest-subject = { $dependency }: { $overdue } y { $soon } por vencer ({ $date })
mail-staff-digest-one-overdue = 1 caso vencido
mail-staff-digest-overdue-count = { $count } casos vencidos
mail-staff-digest-title = Casos vencidos y por vencer de { $dependency }
mail-staff-digest-before = Estos son los casos abiertos de { $dependency } que ya vencieron o que vencen en los próximos { $days } días hábiles, al { $date }.
mail-staff-digest-after = Responder fuera del plazo es falta disciplinaria (Ley 1755 de 2015, art. 31).
mail-staff-digest-overdue = Vencido: { $radicado }
mail-staff-digest-due-soon = Por vencer: { $radicado }
mail-staff-digest-overdue-case = { $kind }, venció el { $date }
mail-staff-digest-due-soon-case = { $kind }, vence el { $date }
mail-staff-follow-at = Consulte el detalle en la consola de funcionarios:
mail-staff-follow-console = Consulte el detalle en la consola de funcionarios (/funcionarios).
mail-staff-console-link = Abrir en la consola de funcionarios
