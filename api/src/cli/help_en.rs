//! The English of the command line's help (`--lang en --help`): each Spanish text of the
//! doc comments of `cli` with its translation. A unit test of `cli::usage` holds that every
//! help text of the command tree is here, so a doc comment changed without its English fails.

/// (Spanish, English) for every help text but the `--config` flag's, which lists the
/// configuration keys and is translated by [`super::usage`].
pub static HELP_EN: &[(&str, &str)] = &[
    (
        "A quién enviarlo, p. ej. el buzón de quien administra el servicio",
        "Who to send it to, e.g. the mailbox of whoever runs the service",
    ),
    (
        "Activa de nuevo una cuenta desactivada",
        "Enables a disabled account again",
    ),
    (
        "Aplica las migraciones del esquema y termina",
        "Applies the schema migrations and exits",
    ),
    (
        "Calcula a esta posición del registro (por omisión, la cabeza al empezar). La misma posición da siempre los mismos bytes",
        "Computes at this position of the log (by default, the head when it starts). The same position always gives the same bytes",
    ),
    (
        "Calcula la fecha de vencimiento de una PQR",
        "Computes the due date of a PQR",
    ),
    (
        "Cifra de nuevo cada llave de caso del almacén con la llave de `--new` y la registra como la llave del almacén. Después configure `data_key_file` con el archivo nuevo",
        "Encrypts every case key of the store again with the key of `--new` and records it as the store's key. Then set `data_key_file` to the new file",
    ),
    (
        "Comprueba que cada radicado de un año, del 1 al consecutivo, sea una PQR radicada",
        "Checks that every filing number of a year, from 1 to the counter, is a filed PQR",
    ),
    (
        "Crea un archivo con una llave de firma Ed25519 (nunca sobrescribe) y muestra su clave pública",
        "Creates a file with an Ed25519 signing key (never overwrites) and prints its public key",
    ),
    (
        "Crea un archivo con una llave maestra nueva (modo 0600; el archivo no debe existir)",
        "Creates a file with a new master key (mode 0600; the file must not exist)",
    ),
    (
        "Crea un token y lo muestra una sola vez",
        "Creates a token and prints it once",
    ),
    (
        "Crea una cuenta y muestra una sola vez su clave de un solo uso (se cambia en el primer ingreso)",
        "Creates an account and prints its one-time password once (it is changed at the first sign-in)",
    ),
    (
        "Cuentas de los funcionarios para la consola (personas; los sistemas usan tokens)",
        "Officials' accounts for the console (people; systems use tokens)",
    ),
    (
        "Cuándo se recibió (RFC 3339 con diferencia horaria, p. ej. 2026-11-23T09:00:00-05:00)",
        "When it was received (RFC 3339 with the UTC offset, e.g. 2026-11-23T09:00:00-05:00)",
    ),
    (
        "Da a una cuenta una nueva clave de un solo uso, que se muestra una vez (p. ej. a un administrador que olvidó la suya)",
        "Gives an account a new one-time password, printed once (e.g. to an administrator who forgot theirs)",
    ),
    (
        "Declara un día de cierre (hoy o después) con su fundamento legal",
        "Declares a closure day (today or later) with its legal basis",
    ),
    (
        "Desactiva una cuenta (sus sesiones se cierran de inmediato)",
        "Disables an account (its sessions end at once)",
    ),
    (
        "Dirección en la que escucha (por omisión 127.0.0.1:8080; el puerto 0 toma uno libre)",
        "Address to listen on (by default 127.0.0.1:8080; port 0 takes a free one)",
    ),
    (
        "Dónde escribir la llave secreta (hexadecimal, solo su dueño la puede leer)",
        "Where to write the secret key (hexadecimal, readable by its owner only)",
    ),
    (
        "El acto que cierra las oficinas, p. ej. \"Resolución 123 de 2026\"",
        "The act that closes the offices, e.g. \"Resolución 123 de 2026\"",
    ),
    (
        "El archivo de la llave de firma (si no, `audit_signing_key` del archivo de configuración)",
        "The signing key's file (otherwise `audit_signing_key` of the configuration file)",
    ),
    (
        "El archivo de la llave de firma de la entidad: el resumen debe estar firmado con ella (si no, `audit_signing_key` del archivo de configuración)",
        "The entity's signing key's file: the digest must be signed with it (otherwise `audit_signing_key` of the configuration file)",
    ),
    (
        "El archivo de la llave nueva (hecho con `pqrs keys init`)",
        "The new key's file (made with `pqrs keys init`)",
    ),
    (
        "El archivo que se crea",
        "The file to create",
    ),
    (
        "El año de recibo",
        "The year of receipt",
    ),
    (
        "El caso, p. ej. 2026-000001",
        "The case, e.g. 2026-000001",
    ),
    (
        "El correo a los peticionarios: probar su configuración (docs/notifications.md)",
        "E-mail to petitioners: test its settings (docs/notifications.md)",
    ),
    (
        "El correo de ingreso (se guarda en minúsculas; una cuenta por correo)",
        "The sign-in e-mail address (stored in lower case; one account per address)",
    ),
    (
        "El correo de la cuenta",
        "The account's e-mail address",
    ),
    (
        "El correo electrónico",
        "The e-mail address",
    ),
    (
        "El fundamento (p. ej. \"Solicitud de la titular radicada el 3 de marzo\")",
        "The grounds (e.g. \"Solicitud de la titular radicada el 3 de marzo\")",
    ),
    (
        "El id del token (de `pqrs token list`)",
        "The token's id (from `pqrs token list`)",
    ),
    (
        "El idioma de su consola y de sus correos: es o en. Sin él, el de la página con la que ingrese por primera vez",
        "The language of their console and e-mails: es or en. Without it, the one of the page they first sign in with",
    ),
    (
        "El nombre del funcionario",
        "The official's name",
    ),
    (
        "El número de identificación (se ignoran puntos y guiones)",
        "The identification number (dots and hyphens are ignored)",
    ),
    (
        "El tipo (petition, information_request, consultation, complaint, claim, report, suggestion, commendation)",
        "The kind (petition, information_request, consultation, complaint, claim, report, suggestion, commendation)",
    ),
    (
        "El valor nuevo (se revisa como al radicar)",
        "The new value (checked as when filing)",
    ),
    (
        "Envía un correo de prueba con la configuración del correo (PQRS_SMTP_URL, PQRS_SMTP_FROM…) y dice qué respondió el servidor SMTP. No guarda nada",
        "Sends a test message with the mail settings (PQRS_SMTP_URL, PQRS_SMTP_FROM…) and says what the SMTP server answered. Stores nothing",
    ),
    (
        "Escribe JSON (el cuerpo HTTP) en lugar de texto",
        "Writes JSON (the HTTP body) instead of text",
    ),
    (
        "Escribe el informe en JSON (igual en todos los idiomas)",
        "Writes the report in JSON (the same in every language)",
    ),
    (
        "Escribe el informe en este archivo (de forma atómica) y no en la salida estándar",
        "Writes the report to this file (atomically) instead of standard output",
    ),
    (
        "Escribe el resumen en este archivo y no en la salida estándar",
        "Writes the digest to this file instead of standard output",
    ),
    (
        "Escribe la exportación en este archivo (y su resumen en ARCHIVO.digest.json) y no en la salida estándar",
        "Writes the export to this file (and its digest to FILE.digest.json) instead of standard output",
    ),
    (
        "Exporta los eventos registrados entre dos días (Bogotá), con el resumen de sus bytes",
        "Exports the events recorded between two days (Bogotá), with the digest of their bytes",
    ),
    (
        "Habilita `PUT /v1/dev/clock` para fijar el reloj del servidor (solo para pruebas)",
        "Enables `PUT /v1/dev/clock` to set the server's clock (for tests only)",
    ),
    (
        "Idioma de los mensajes: es (español, el predeterminado) o en (inglés). Sin esta opción vale PQRS_LANG=en; la salida --json no cambia con el idioma",
        "Language of the messages: es (Spanish, the default) or en (English). Without this option PQRS_LANG=en counts; --json output does not change with the language",
    ),
    (
        "Informes de ley y de gestión a una posición del registro (access-to-information, pqr-follow-up, dashboard), en JSON, CSV, XLSX o HTML",
        "Statutory and management reports at a position of the log (access-to-information, pqr-follow-up, dashboard), in JSON, CSV, XLSX or HTML",
    ),
    (
        "La auditoría: resúmenes firmados, verificación, radicados completos, exportaciones",
        "The audit: signed digests, verification, complete filing numbers, exports",
    ),
    (
        "La clave pública de la entidad (64 dígitos hexadecimales), en lugar del archivo de la llave secreta: el resumen debe estar firmado con ella (si no, `audit_public_key` del archivo de configuración)",
        "The entity's public key (64 hexadecimal digits), instead of the secret key's file: the digest must be signed with it (otherwise `audit_public_key` of the configuration file)",
    ),
    (
        "La dependencia en la que trabaja el funcionario",
        "The office (dependencia) the official works in",
    ),
    (
        "La fecha de cierre, AAAA-MM-DD",
        "The closure date, YYYY-MM-DD",
    ),
    (
        "La llave maestra de los datos personales: crearla, rotarla (docs/privacy.md)",
        "The master key of personal data: create it, rotate it (docs/privacy.md)",
    ),
    (
        "La orden de autoridad competente, si una levanta el deber de conservar los datos",
        "The order of a competent authority, if one lifts the duty to keep the data",
    ),
    (
        "La proyección (por omisión, todas). Existe: case_view",
        "The projection (by default, all). There is: case_view",
    ),
    (
        "La solicitud y su soporte (p. ej. \"Solicitud de la titular con copia de la cédula\")",
        "The request and its support (e.g. \"Solicitud de la titular con copia de la cédula\")",
    ),
    (
        "Las reglas de festivos vigentes en un rango de fechas, con su fundamento legal, sus fechas de vigencia y la versión del calendario (como `GET /v1/calendar/rules`)",
        "The holiday rules in force in a range of dates, with their legal basis, their dates in force and the calendar's version (as `GET /v1/calendar/rules`)",
    ),
    (
        "Lista las cuentas",
        "Lists the accounts",
    ),
    (
        "Lista los días de cierre declarados",
        "Lists the declared closure days",
    ),
    (
        "Lista los festivos nacionales de un año",
        "Lists the national holidays of a year",
    ),
    (
        "Lista los tokens (id, nombre, rol, quién lo creó, cuándo, último uso, revocado)",
        "Lists the tokens (id, name, role, who created it, when, last use, revoked)",
    ),
    (
        "Los casos cuyos datos personales suprimió el programador porque pasó su tiempo de retención (Ley 594 de 2000 art. 24), de `--from` a `--to`, en JSON",
        "The cases whose personal data the scheduler suppressed because their retention time had passed (Ley 594 de 2000 art. 24), from `--from` to `--to`, in JSON",
    ),
    (
        "Los días de cierre de la entidad",
        "The entity's closure days",
    ),
    (
        "Muestra esta ayuda",
        "Prints this help",
    ),
    (
        "Muestra la versión",
        "Prints the version",
    ),
    (
        "Máximo de radicaciones guardadas en una transacción (por omisión 256)",
        "Most filings stored in one transaction (by default 256)",
    ),
    (
        "Pliega cada caso desde el registro de eventos, sin tomar los casos de la vista de casos (da los mismos bytes; para quien reproduce un informe desde el registro solamente)",
        "Folds every case from the event log, without taking the cases from the case view (gives the same bytes; for whoever reproduces a report from the log alone)",
    ),
    (
        "Pone en marcha el servicio HTTP (primero migra el almacén)",
        "Starts the HTTP service (migrating the store first)",
    ),
    (
        "Primer día del periodo (fecha local de recibo, AAAA-MM-DD), incluido",
        "First day of the period (local date of receipt, YYYY-MM-DD), included",
    ),
    (
        "Primer día, AAAA-MM-DD",
        "First day, YYYY-MM-DD",
    ),
    (
        "Primer día, AAAA-MM-DD (Bogotá)",
        "First day, YYYY-MM-DD (Bogotá)",
    ),
    (
        "Primera fecha, AAAA-MM-DD",
        "First date, YYYY-MM-DD",
    ),
    (
        "Quién lo tiene",
        "Who holds it",
    ),
    (
        "Recalcula cada hash en orden de posición e informa el primer evento alterado; con `--digest` comprueba además que el registro aún contiene esa cabeza anterior (truncamiento)",
        "Recomputes every hash in position order and reports the first altered event; with `--digest` it also checks that the log still holds that earlier head (truncation)",
    ),
    (
        "Recorre todo el registro hacia una copia nueva de una vista y la pone en su lugar sin detener el servicio",
        "Replays the whole log into a new copy of a view and puts it in place without stopping the service",
    ),
    (
        "Rectifica un dato de contacto del peticionario de un caso a solicitud del titular (Ley 1581 de 2012 art. 8 lit. a; Decreto 1377 de 2013 art. 22). La solicitud y su resultado quedan registrados, se acepte o no",
        "Corrects a contact detail of a case's petitioner at the data subject's request (Ley 1581 de 2012 art. 8 lit. a; Decreto 1377 de 2013 art. 22). The request and its outcome are recorded, accepted or not",
    ),
    (
        "Registra las decisiones del sistema que ya vencieron (silencio positivo, desistimiento tácito), envía alertas y correos, y termina",
        "Records the system's decisions that are due (positive silence, tacit withdrawal), sends alerts and e-mails, and exits",
    ),
    (
        "Revoca un token por su id: deja de funcionar de inmediato",
        "Revokes a token by its id: it stops working at once",
    ),
    (
        "Segundos entre pasadas del programador (silencio positivo, desistimiento tácito; por omisión 60)",
        "Seconds between the scheduler's passes (positive silence, tacit withdrawal; by default 60)",
    ),
    (
        "Solicitudes del oficial de protección de datos: supresión, acceso, rectificación (docs/privacy.md)",
        "The data protection officer's requests: suppression, access, correction (docs/privacy.md)",
    ),
    (
        "Suprime los datos personales de un caso: se destruye su llave y un evento lo registra. Se rechaza mientras el caso está en trámite o dentro de su tiempo de retención, salvo que `--order` nombre la orden de autoridad que lo permite (Ley 1581 de 2012 art. 8 lit. e y art. 15)",
        "Suppresses a case's personal data: its key is destroyed and an event records it. Refused while the case is open or within its retention time, unless `--order` names the authority's order that allows it (Ley 1581 de 2012 art. 8 lit. e and art. 15)",
    ),
    (
        "Tareas para cron",
        "Tasks for cron",
    ),
    (
        "Todo lo que se guarda de una persona (Ley 1581 de 2012 art. 8 lit. a), buscada por número de identificación o correo, en JSON. La consulta queda registrada",
        "Everything stored about a person (Ley 1581 de 2012 art. 8 lit. a), looked up by identification number or e-mail, in JSON. The lookup is recorded",
    ),
    (
        "Tokens de los sistemas que llaman a la API",
        "Tokens of the systems that call the API",
    ),
    (
        "Un año entre 1984 y 2199",
        "A year between 1984 and 2199",
    ),
    (
        "Un resumen escrito antes por `pqrs audit digest`",
        "A digest written earlier by `pqrs audit digest`",
    ),
    (
        "Verifica el registro y luego escribe una constancia firmada de su cabeza (posición, hash, hora)",
        "Verifies the log, then writes a signed statement of its head (position, hash, time)",
    ),
    (
        "Vistas de lectura: reconstruirlas desde todo el registro",
        "Read views: rebuild them from the whole log",
    ),
    (
        "`jsonl` o `csv`",
        "`jsonl` or `csv`",
    ),
    (
        "`sqlite://ARCHIVO` (por omisión `sqlite://pqrs.db`) o `postgres://USUARIO@SERVIDOR/BASE`",
        "`sqlite://FILE` (by default `sqlite://pqrs.db`) or `postgres://USER@HOST/DATABASE`",
    ),
    (
        "access-to-information (Ley 1712 de 2014; Decreto 103 de 2015 art. 52), pqr-follow-up (Ley 1474 de 2011 art. 76) o dashboard",
        "access-to-information (Ley 1712 de 2014; Decreto 103 de 2015 art. 52), pqr-follow-up (Ley 1474 de 2011 art. 76) or dashboard",
    ),
    (
        "agent, supervisor, auditor, reporter o admin",
        "agent, supervisor, auditor, reporter or admin",
    ),
    (
        "email (correo), phone (teléfono) o address (dirección)",
        "email, phone or address",
    ),
    (
        "json, csv, csv-es (punto y coma y coma decimal, para una hoja de cálculo configurada para Colombia), xlsx o html",
        "json, csv, csv-es (semicolons and decimal comma, for a spreadsheet set up for Colombia), xlsx or html",
    ),
    (
        "pqrs — radicación de PQRS, términos de ley y auditoría para entidades colombianas",
        "pqrs — filing of PQRs, legal terms and audit for Colombian entities",
    ),
    (
        "Última fecha, AAAA-MM-DD",
        "Last date, YYYY-MM-DD",
    ),
    (
        "Último día del periodo, incluido",
        "Last day of the period, included",
    ),
    (
        "Último día, AAAA-MM-DD (Bogotá)",
        "Last day, YYYY-MM-DD (Bogotá)",
    ),
    (
        "Último día, AAAA-MM-DD (incluido)",
        "Last day, YYYY-MM-DD (included)",
    ),
];
