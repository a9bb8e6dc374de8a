//! The console in Spanish (es-CO), the default: usted, plain words, the article of the law
//! where a rule speaks.

use super::Texts;
use pqrs_domain::actor::Role;
use pqrs_domain::contact::Language;
use pqrs_domain::policy::{InProgressCases, TermUnit};
use pqrs_domain::Kind;
use pqrs_infrastructure::accounts::log::Kind as AccessKind;
use pqrs_infrastructure::accounts::password::Weakness;
use pqrs_infrastructure::audit::FindingKind;
use pqrs_infrastructure::outbox::deliver::Encryption;
use pqrs_projections::reports::{Lang as ReportLang, ReportKind};
use pqrs_projections::DeadlineState;

/// A language's name, as the accounts list and form show it.
fn language(l: Language) -> &'static str {
    match l {
        Language::Spanish => "Español",
        Language::English => "Inglés",
    }
}

/// The Spanish table.
pub static ES: Texts = Texts {
    console: "Consola",
    staff_console: "Consola de funcionarios",
    skip: "Saltar al contenido",
    nav_label: "Consola",
    sign_out: "Cerrar sesión",
    citizen_portal: "Portal ciudadano",
    change_password: "Cambiar su clave",
    switch_href: "?lang=en",
    switch_lang: "en",
    switch_text: "English",
    nav_bandeja: "Bandeja",
    nav_alerts: "Alertas",
    nav_reports: "Informes",
    nav_audit: "Auditoría",
    nav_privacy: "Protección de datos",
    nav_admin: "Administración",
    role: |r| match r {
        Role::Agent => "Gestor",
        Role::Supervisor => "Supervisor",
        Role::Auditor => "Auditor",
        Role::Reporter => "Reportes",
        Role::Admin => "Administrador",
        Role::Privacy => "Protección de datos",
    },
    error_prefix: "Error:",

    forbidden_title: "No tiene acceso a esta página",
    forbidden_text: "Su rol no permite abrir esta página de la consola.",
    session_ended_title: "Su sesión terminó",
    session_ended_text: "Su sesión venció o se cerró, y no se hizo ningún cambio. Vuelva a \
                         ingresar en /funcionarios e intente de nuevo.",
    change_first_title: "Cambie su clave primero",
    change_first_text: "Antes de trabajar en la consola debe cambiar la clave de un solo uso. \
                        Vaya a /funcionarios/clave.",
    unavailable_title: "Servicio no disponible",
    unavailable_session_text: "No pudimos consultar su sesión en este momento. Intente de nuevo \
                               en unos minutos.",
    back_to_console: "Volver a la consola",

    login_title: "Acceso funcionarios",
    login_failed: "No pudo ingresar",
    login_intro: "Ingrese con el correo y la clave de su cuenta en la consola. Si es su primer \
                  ingreso, use la clave de un solo uso que le entregó el administrador: \
                  enseguida le pediremos una nueva.",
    email_label: "Correo electrónico",
    password_label: "Clave",
    sign_in: "Ingresar",
    citizen_a: "¿Es ciudadano? Radique o consulte su solicitud en el",
    citizen_link: "portal ciudadano",
    citizen_b: ".",
    signed_out: "Cerró su sesión. Puede cerrar esta ventana.",
    login_empty: "Escriba su correo y su clave.",
    login_wrong: |failures, minutes| {
        format!(
            "El correo o la clave no son correctos. Después de {failures} intentos fallidos en \
             {minutes} minutos la cuenta se bloquea por un tiempo."
        )
    },
    login_throttled: |at, minutes| {
        format!(
            "Hubo demasiados intentos fallidos de ingreso con esta cuenta o desde esta conexión, \
             así que el ingreso está bloqueado por seguridad. Podrá intentar de nuevo desde el \
             {at} (en unos {minutes} minutos)."
        )
    },
    login_disabled: "Su cuenta está desactivada. Si cree que es un error, hable con el \
                     administrador de la consola de su entidad.",

    check_below: "Revise lo siguiente",
    password_first: "Antes de empezar, cambie la clave de un solo uso que recibió por una que \
                     solo usted conozca.",
    current_label: "Clave actual",
    new_label: "Clave nueva",
    new_hint: "Al menos 12 caracteres. Una frase de varias palabras es fácil de recordar y \
               difícil de adivinar.",
    again_label: "Repita la clave nueva",
    save_password: "Guardar la clave nueva",
    wrong_current: "La clave actual no es correcta.",
    same_as_current: "La clave nueva debe ser distinta de la actual.",
    mismatch: "Las dos claves nuevas no coinciden.",
    weakness: |w| match w {
        Weakness::TooShort => "La clave debe tener al menos 12 caracteres.",
        Weakness::TooLong => "La clave no puede tener más de 256 caracteres.",
        Weakness::Guessable => {
            "Elija una clave que no sea su correo ni un mismo carácter repetido."
        }
    },

    bandeja_title: "Bandeja de casos",
    cases_on: "Casos al",
    in_all: |n| format!("{n} en total"),
    file_for_citizen: "Radicar a nombre de un ciudadano",
    refresh: "Actualizar",
    status_label: "Estado",
    all_open: "Todos los abiertos",
    status_filed: "Radicada, sin asignar",
    status_in_progress: "En trámite",
    status_suspended: "Suspendida",
    kind_label: "Tipo",
    all: "Todos",
    kind_option: |k| match k {
        Kind::Petition => "Petición",
        Kind::InformationRequest => "Solicitud de información",
        Kind::Consultation => "Consulta",
        Kind::Complaint => "Queja",
        Kind::Claim => "Reclamo",
        Kind::Report => "Denuncia",
        Kind::Suggestion => "Sugerencia",
        Kind::Commendation => "Felicitación",
    },
    kind: Kind::spanish,
    dependency_label: "Dependencia",
    official_label: "Funcionario asignado",
    overdue_label: "Vencimiento",
    overdue_only: "Solo vencidos",
    not_overdue_only: "Solo no vencidos",
    sort_label: "Orden",
    sort_due_first: "Fecha límite, la más próxima primero",
    sort_due_last: "Fecha límite, la más lejana primero",
    sort_newest: "Recibidos, los más nuevos primero",
    sort_oldest: "Recibidos, los más antiguos primero",
    tier_label: "Nivel de atención",
    tier: "Nivel",
    page_size_label: "Casos por página",
    filter: "Filtrar",
    caption: "Casos, prioritarios primero (Ley 1755 de 2015, art. 20)",
    col_radicado: "Radicado",
    col_term: "Plazo",
    col_days: "Días hábiles",
    col_due: "Fecha límite",
    col_kind: "Tipo",
    col_subject: "Asunto",
    col_dependency: "Dependencia",
    col_official: "Funcionario",
    priority: "Prioritaria",
    unassigned: "Sin asignar",
    no_cases: "No hay casos con estos filtros.",
    pages_label: "Páginas",
    page_of: |page, pages| format!("Página {page} de {pages}."),
    previous_page: "Página anterior",
    next_page: "Página siguiente",
    light: |s| match s {
        DeadlineState::OnTime => "A tiempo",
        DeadlineState::DueSoon => "Por vencer",
        DeadlineState::Overdue => "Vencida",
        DeadlineState::Suspended => "Suspendida (art. 17)",
        DeadlineState::PositiveSilence => "Silencio positivo (art. 14)",
        DeadlineState::CopiesOverdue => "Copias vencidas (art. 14)",
        DeadlineState::Closed => "Cerrada",
    },
    days_left: |left| match left {
        1 => "1 día hábil".into(),
        0 => "vence hoy".into(),
        -1 => "vencida hace 1 día hábil".into(),
        n if n < 0 => format!("vencida hace {} días hábiles", -n),
        n => format!("{n} días hábiles"),
    },
    bad_filters: "Revise los filtros: alguno tiene un valor que no reconocemos.",
    check_filters: "Revise los filtros:",
    bandeja_unavailable: "No pudimos consultar la bandeja en este momento. Intente de nuevo en \
                          unos minutos.",
    new_one: "1 caso nuevo",
    new_many: "{n} casos nuevos",
    new_one_added: "1 caso nuevo, añadido a la tabla",
    new_many_added: "{n} casos nuevos, añadidos a la tabla",
    refresh_page: "actualizar la página",
    refresh_lower: "actualizar",

    back_to_bandeja: "Volver a la bandeja",
    case_title: |r| format!("Caso {r}"),
    case_not_found_title: "Caso no encontrado",
    case_not_found_text: "No hay ningún caso con ese radicado.",
    dt_status: "Estado",
    dt_received: "Recibida",
    dt_tier: "Nivel",
    dt_priority: "Prioridad (art. 20)",
    dt_forwarded_to: "Trasladada a",
    days_left_label: "Días hábiles restantes",
    elapsed_label: "Término transcurrido",
    term_label: "Término",
    term_with_article: |t| format!("{t} (Ley 1755 de 2015, art. 14)"),
    term_priority: "; prioritaria: término reducido (art. 20)",
    term_extended: "; prorrogado (art. 14 parágrafo)",
    request_heading: "Solicitud",
    petitioner_heading: "Peticionario",
    anonymous: "Solicitud anónima.",
    completion_heading: "Solicitud de completar (art. 17)",
    completion_line: |what, until, supplied| match supplied {
        Some(on) => {
            format!(
                "{what} — el peticionario puede entregarlo hasta el {until}; lo entregó el {on}."
            )
        }
        None => format!("{what} — el peticionario puede entregarlo hasta el {until}."),
    },
    answer_heading: "Respuesta",
    answer_line: |on, on_time| {
        let when = if on_time {
            "dentro del plazo"
        } else {
            "fuera del plazo"
        };
        format!(", del {on}, {when}.")
    },
    actions_heading: "Acciones",
    assign_heading: "Asignar",
    assign_hint: "Asignar a otra dependencia que la actual requiere un supervisor.",
    assign_official_label: "Funcionario (correo o identificador)",
    reason_optional_label: "Motivo (opcional)",
    classify_heading: "Clasificar",
    classify_hint: "Cambiar el tipo recalcula el término según la política vigente (art. 14).",
    no_change: "Sin cambio",
    topic_label: "Tema (opcional)",
    reason_label: "Motivo",
    escalate_heading: "Escalar",
    escalate_tier_label: "Nuevo nivel (mayor que el actual)",
    note_heading: "Nota interna",
    note_hint: "El peticionario nunca ve las notas internas.",
    note_label: "Nota",
    note_button: "Agregar la nota",
    ask_completion_heading: "Pedir completar la solicitud",
    ask_completion_limit: |until| {
        format!(
            "Puede pedirlo hasta el {until}, una sola vez; el plazo queda suspendido mientras el \
             peticionario completa (Ley 1755 de 2015, art. 17)."
        )
    },
    missing_label: "Lo que falta",
    ask_completion_button: "Pedir completar",
    supply_heading: "Registrar lo que entregó el peticionario",
    supply_limit: "El plazo sigue corriendo desde el día siguiente (art. 17).",
    supplied_label: "Lo que entregó",
    supply_button: "Registrar",
    extend_heading: "Prorrogar el plazo",
    extend_limit: |until, due| {
        format!(
            "Puede prorrogar hasta el {until}, una sola vez y antes de que venza el {due}, \
             informando los motivos al peticionario (Ley 1755 de 2015, art. 14 parágrafo)."
        )
    },
    new_due_label: "Nueva fecha límite",
    reasons_label: "Motivos",
    extend_button: "Prorrogar",
    forward_heading: "Trasladar por competencia",
    forward_limit: |until| {
        format!(
            "Debe trasladarse a más tardar el {until}, dentro de los 5 días hábiles siguientes a \
             la recepción (Ley 1755 de 2015, art. 21). Cierra el caso."
        )
    },
    authority_label: "Autoridad competente",
    forward_button: "Trasladar",
    priority_heading: "Marcar como prioritaria",
    priority_limit: "Cuando está en riesgo un derecho fundamental se aplica el término reducido \
                     (Ley 1755 de 2015, art. 20).",
    right_at_risk_label: "Derecho en riesgo",
    priority_button: "Marcar prioritaria",
    answer_limit: |due| {
        format!(
            "Debe responder a más tardar el {due} (Ley 1755 de 2015, art. 14). Responder cierra el \
             caso."
        )
    },
    answer_label: "Respuesta",
    outcome_label: "Sentido",
    documents_label: "¿Se entregaron los documentos?",
    yes: "Sí",
    no: "No",
    answer_button: "Responder",
    void_heading: "Anular el radicado",
    void_limit: "Solo para un radicado emitido por error (supervisor). El número queda \
                 registrado como anulado.",
    void_button: "Anular",
    notes_heading: "Notas internas",
    mails_heading: "Notificaciones al peticionario",
    no_mails: "No se le ha enviado ningún correo.",
    mail_accepted: "Entregado al servidor de correo",
    mail_failed: "No se pudo enviar",
    mail_other: "Mensaje de la entidad",
    history_heading: "Historia completa",
    channel_word: "canal",
    status: |s| match s {
        "filed" => "Radicada, sin asignar",
        "suspended" => "Suspendida: esperando que el peticionario complete (art. 17)",
        "answered" => "Respondida",
        "forwarded" => "Trasladada por competencia (art. 21)",
        "withdrawn" => "Desistida (art. 18)",
        "withdrawn_tacitly" => "Desistimiento tácito (art. 17)",
        "voided" => "Anulada",
        _ => "En trámite",
    },
    event: |e| match e {
        "PqrFiled" => "Radicada",
        "PqrClassified" => "Clasificada",
        "PqrAssigned" => "Asignada",
        "PqrEscalated" => "Escalada",
        "InternalNoteAdded" => "Nota interna",
        "CompletionRequested" => "Se pidió completar (art. 17)",
        "CompletionSupplied" => "El peticionario completó (art. 17)",
        "CompletionWindowExtended" => "Se amplió el plazo para completar (art. 17)",
        "TacitWithdrawalRecorded" => "Desistimiento tácito (art. 17)",
        "TermExtended" => "Prorrogada (art. 14 parágrafo)",
        "PqrForwarded" => "Trasladada por competencia (art. 21)",
        "PriorityFlagged" => "Marcada prioritaria (art. 20)",
        "PqrAnswered" => "Respondida",
        "ServiceRated" => "El peticionario calificó la atención",
        "PqrWithdrawn" => "Desistida (art. 18)",
        "RadicadoVoided" => "Radicado anulado",
        "PositiveSilenceReached" => "Silencio administrativo positivo (art. 14)",
        "DueDateMovedByClosure" => "Fecha límite movida por un cierre de la entidad",
        "PetitionerNotified" => "Se notificó al peticionario por correo",
        "NotificationFailed" => "Falló el correo al peticionario",
        _ => "Evento",
    },
    by_petitioner: "El peticionario",
    by_command_line: "Línea de comandos",
    by_system: "El sistema",
    channel: |c| match c {
        "web" => "web",
        "email" => "correo electrónico",
        "phone" => "teléfono",
        "in_person" => "presencial",
        "mail" => "correo postal",
        _ => "otro",
    },
    petitioner_field: |f| {
        Some(match f {
            "name" => "Nombre",
            "id_type" => "Tipo de documento",
            "id_number" => "Número de documento",
            "email" => "Correo electrónico",
            "phone" => "Teléfono",
            "address" => "Dirección",
            _ => return None,
        })
    },
    petitioner_choice: |f| {
        Some(match f {
            "preferred_reply_channel" => "Medio preferido de respuesta",
            "language" => "Idioma de los correos",
            _ => return None,
        })
    },
    consent_label: "Notificación por correo electrónico (Ley 1437 de 2011, art. 56)",
    consent_given: "Aceptada",
    consent_refused: "No aceptada",
    reply_channel: |c| match c {
        "email" => "Correo electrónico",
        "phone" => "Teléfono",
        "mail" => "Correo físico a su dirección",
        "in_person" => "En persona, en la oficina de la entidad",
        _ => "Sin preferencia",
    },
    mail_language: |l| match l {
        "en" => "Inglés, con el texto oficial en español",
        _ => "Español",
    },
    deliver_by_channel: |c| format!("por el medio que prefirió: {}", c.to_lowercase()),
    deliver_by_contact: "por uno de los datos de contacto que dio",
    delivery_refused: |by| {
        format!(
            "El peticionario no aceptó la notificación por correo electrónico (Ley 1437 de 2011, \
             art. 56): la respuesta no se le enviará por correo. Hágasela llegar {by}."
        )
    },
    delivery_by_email: "La respuesta se enviará al correo electrónico del peticionario, que \
                        aceptó esa notificación (Ley 1437 de 2011, art. 56).",
    delivery_not_sent: |by| {
        format!(
            "El peticionario aceptó la notificación por correo electrónico (Ley 1437 de 2011, art. \
             56), pero este servicio no envía las respuestas por correo: hágasela llegar {by}."
        )
    },
    done: |a| {
        Some(match a {
            "clasificar" => "Listo: el caso quedó clasificado.",
            "asignar" => "Listo: el caso quedó asignado.",
            "escalar" => "Listo: el caso quedó escalado.",
            "nota" => "Listo: se agregó la nota interna.",
            "pedir-completar" => {
                "Listo: se pidió al peticionario completar la solicitud; el plazo queda \
                 suspendido (art. 17)."
            }
            "completar" => {
                "Listo: se registró lo que entregó el peticionario; el plazo sigue corriendo."
            }
            "prorrogar" => "Listo: el plazo quedó prorrogado (art. 14 parágrafo).",
            "trasladar" => "Listo: el caso quedó trasladado por competencia (art. 21).",
            "prioridad" => "Listo: el caso quedó marcado como prioritario (art. 20).",
            "responder" => "Listo: el caso quedó respondido.",
            "anular" => "Listo: el radicado quedó anulado.",
            _ => return None,
        })
    },
    field: |f| {
        Some(match f {
            "kind" => "Tipo",
            "topic" => "Tema",
            "dependency" => "Dependencia",
            "official" => "Funcionario",
            "reason" | "reasons" => "Motivo",
            "tier" => "Nivel",
            "text" => "Texto",
            "what" => "Lo que falta",
            "new_due_date" => "Nueva fecha límite",
            "authority" => "Autoridad competente",
            "outcome" => "Sentido de la respuesta",
            _ => return None,
        })
    },
    refused_check: "No se hizo el cambio. Revise:",
    refused: "No se hizo el cambio:",
    form_expired_title: "No pudimos recibir el formulario",
    form_expired_text: "El formulario venció o llegó incompleto, y no se hizo ningún cambio. \
                        Vuelva a abrir el caso y envíelo de nuevo.",
    action_failed_text: "No pudimos registrar la acción en este momento, y no se hizo ningún \
                         cambio. Intente de nuevo en unos minutos.",
    file_intro:
        "Registre aquí una solicitud que llegó por teléfono, en persona, por correo postal \
                 o por correo electrónico. La fecha límite se cuenta desde el momento en que la \
                 entidad la recibió.",
    file_refused: "No se radicó: revise lo siguiente",
    channel_legend: "Canal por el que llegó",
    received_label: "Recibida el (hora de Colombia)",
    kind_legend: "Tipo de solicitud",
    description_label: "Descripción",
    anonymous_hint: "Déjelo vacío para una solicitud anónima.",
    id_number_label: "Cédula de ciudadanía",
    consent_data_label: "El ciudadano autorizó el tratamiento de sus datos personales (Ley 1581 \
                         de 2012)",
    reply_legend: "Medio por el que el ciudadano prefiere recibir la respuesta",
    no_preference: "Sin preferencia",
    notification_label: "El ciudadano acepta que se le notifiquen por correo electrónico las \
                         decisiones sobre su solicitud (Ley 1437 de 2011, art. 56)",
    language_legend: "Idioma de los correos al ciudadano",
    file_button: "Radicar",
    filing_channel: |c| match c {
        "phone" => "Teléfono",
        "in_person" => "Presencial",
        "mail" => "Correo postal",
        "email" => "Correo electrónico",
        _ => "Web",
    },
    desk_field: |f| {
        Some(match f {
            "kind" => "Tipo de solicitud",
            "subject" => "Asunto",
            "description" => "Descripción",
            "channel" => "Canal",
            "received_at" => "Recibida el",
            "petitioner" => "Peticionario",
            "consent_personal_data" => "Autorización de datos personales",
            _ => return None,
        })
    },
    notification_needs_email: "Notificación por correo electrónico: escriba el correo \
                               electrónico del ciudadano, o desmarque la casilla si no lo dio \
                               (Ley 1437 de 2011, art. 56).",
    reply_needs: |reply| {
        Some(match reply {
            "email" => {
                "Medio preferido de respuesta: para responder por correo electrónico escriba el \
                 correo electrónico del ciudadano, o elija otro medio."
            }
            "phone" => {
                "Medio preferido de respuesta: para responder por teléfono escriba el teléfono \
                 del ciudadano, o elija otro medio."
            }
            "mail" => {
                "Medio preferido de respuesta: para responder por correo físico escriba la \
                 dirección del ciudadano, o elija otro medio."
            }
            _ => return None,
        })
    },
    channel_missing: "Canal: elija por dónde llegó la solicitud.",
    language_invalid: "Idioma de los correos: elija español o inglés.",
    filing_expired_text: "El formulario venció o llegó incompleto, y no se radicó nada. Vuelva a \
                          abrir el formulario y envíelo de nuevo.",
    filing_failed_title: "No pudimos radicar la solicitud",
    filing_failed_text: "Tuvimos un problema y la solicitud no quedó radicada. Intente de nuevo \
                         en unos minutos.",
    filed_title: "Solicitud radicada",
    filed_notice: "La solicitud quedó radicada.",
    filed_intro: "Entregue estos datos al ciudadano: con ellos consulta su solicitud en el \
                  portal. El código de acceso se muestra solo esta vez.",
    access_code_label: "Código de acceso",
    answer_due_label: "Fecha límite para responder",
    open_case: "Abrir el caso",
    file_another: "Radicar otra solicitud",
    no_permission_title: "No tiene permiso",
    role_may_not: |role, what| {
        format!(
            "Su rol ({role}) no permite {what}. Si lo necesita para su trabajo, pídaselo a un \
             administrador de la consola."
        )
    },
    nothing_done_reopen: |back| {
        format!(
            "El formulario venció o llegó incompleto, y no se hizo nada. Vuelva a abrir {back} y \
             envíelo de nuevo."
        )
    },
    not_found_title: "No encontrado",
    not_found_text: "No hay nada con ese nombre o número. Revise lo que escribió.",
    record_unavailable_text: "No pudimos consultar el registro en este momento. Intente de \
                              nuevo en unos minutos.",
    check_data_title: "Revise los datos",
    unexpected_title: "Error inesperado",
    unexpected_text: "Ocurrió un error inesperado. Intente de nuevo más tarde.",

    alerts_title: "Alertas de vencimiento",
    alerts_intro: |today| {
        format!(
            "Casos abiertos que vencen pronto, ya vencieron, quedaron en silencio positivo o \
             están suspendidos, calculados al {today}. Primero los de atención prioritaria (Ley \
             1755 de 2015, art. 20), luego los que tienen menos días hábiles."
        )
    },
    alerts_filter: "Filtrar alertas",
    alert_class_label: "Clase de alerta",
    all_feminine: "Todas",
    alert_class: |s| match s {
        DeadlineState::Overdue => "Vencida",
        DeadlineState::DueSoon => "Por vencer",
        DeadlineState::PositiveSilence => "Silencio positivo (art. 14)",
        DeadlineState::CopiesOverdue => "Copias sin entregar (art. 14)",
        DeadlineState::Suspended => "Suspendida (art. 17)",
        _ => "Al día",
    },
    no_alerts: |d| {
        if d.is_empty() {
            "No hay alertas.".to_owned()
        } else {
            format!("No hay alertas para la dependencia «{d}».")
        }
    },
    alerts_count: |n| {
        if n == 1 {
            "1 alerta.".to_owned()
        } else {
            format!("{n} alertas.")
        }
    },
    alerts_caption: "Alertas, la más urgente primero",
    col_alert: "Alerta",
    col_expires: "Vence",
    priority_article: " · prioritaria (art. 20)",
    overdue_mark: "(vencida)",
    see_alerts: "ver las alertas de vencimiento",
    reports_intro: "Elija un informe y el periodo (fecha de recepción, hora de Bogotá). Puede \
                    leerlo aquí y descargarlo en CSV o XLSX con las mismas cifras.",
    check_form: "Revise el formulario",
    report_legend: "Informe",
    report_hint: "Cada informe dice la norma que lo pide.",
    from_label: "Desde",
    to_label: "Hasta",
    show_report: "Ver informe",
    report_table: "Tabla del informe",
    download: |f| match f {
        "csv-es" => "Descargar CSV para Excel en español (punto y coma)",
        "xlsx" => "Descargar XLSX (Excel)",
        _ => "Descargar CSV",
    },
    choose_report: "Elija un informe.",
    from_format: "Escriba la fecha inicial como AAAA-MM-DD, por ejemplo 2026-07-01.",
    to_format: "Escriba la fecha final como AAAA-MM-DD, por ejemplo 2026-12-31.",
    to_before_from: "La fecha final debe ser igual o posterior a la inicial.",
    see_reports: "ver los informes",
    download_reports: "descargar informes",
    report_basis: ReportKind::legal_basis,
    report_lang: ReportLang::Es,
    audit_intro: "Cada acción sobre un caso es un evento encadenado con una huella SHA-256 a los \
                  anteriores. Aquí puede comprobar que nadie los cambió, leer la historia completa \
                  de un caso, revisar que no falten radicados y descargar el registro.",
    accesses_link: "Ingresos y cambios de cuentas de funcionarios",
    chain_ok: "La cadena está íntegra",
    chain_broken: "La cadena NO está íntegra",
    dt_checked: "Eventos revisados",
    dt_position: "Posición alcanzada",
    dt_hash_at: "Huella en esa posición",
    dt_signature: "Firma",
    dt_findings: "Hallazgos",
    none_found: "Ninguno.",
    finding_at: |position, what, detail| format!("Posición {position}: {what}. {detail}"),
    finding: |k| match k {
        FindingKind::Modified => "un evento fue modificado (su huella no coincide)",
        FindingKind::Removed => "falta un evento",
        FindingKind::Inserted => "hay un evento que el registro no escribió",
        FindingKind::Reordered => "los eventos no están en el orden en que se registraron",
        FindingKind::Truncated => "falta el final del registro",
        FindingKind::HeadMismatch => "la cabeza del registro no coincide con el último evento",
        FindingKind::Signature => "el compendio no está firmado con la clave de la entidad",
        #[allow(unreachable_patterns)]
        _ => "el registro no verifica",
    },
    signed: "Firmado con la clave de la entidad.",
    not_signed: "No está firmado con la clave de la entidad.",
    verify_heading: "Verificar la cadena",
    verify_intro: "Recalcula la huella de todos los eventos, de la primera posición a la última. \
                   En un registro grande puede tardar.",
    history_of_case: "Historia de un caso",
    radicado_label: "Número de radicado",
    radicado_hint: "Por ejemplo, 2026-000123.",
    show_history: "Ver la historia",
    radicados_heading: "Radicados completos de un año",
    radicados_complete: |last, year| {
        format!("Completos: cada número de 1 a {last} de {year} está radicado una sola vez.")
    },
    radicados_incomplete: |year| format!("Incompletos: revise los hallazgos de {year}."),
    last_assigned: "Último número asignado:",
    filed_count: |filed, voided| format!("Radicados: {filed} (de ellos anulados: {voided})"),
    unfiled_numbers: "Números sin radicar:",
    none_lower: "ninguno",
    duplicates: "Duplicados:",
    times: |n| format!("({n} veces)"),
    beyond_counter: "Por encima del contador:",
    voided_unfiled: "Anulados sin radicar:",
    year_label: "Año",
    check_radicados: "Revisar los radicados",
    year_error: "Escriba un año entre 1984 y 2199, por ejemplo 2026.",
    export_heading: "Exportar el registro",
    export_intro: "Todos los eventos registrados entre dos días (hora de Bogotá), con cada campo \
                   tal como se encadenó, para recalcular las huellas fuera del sistema.",
    format_label: "Formato",
    download_button: "Descargar",
    digest_heading: "Verificar un compendio firmado",
    digest_intro: "Pegue el compendio de la cabeza del registro que entregó la entidad (lo \
                   escribe «pqrs audit digest»). Se comprueba su firma y que el registro todavía \
                   lo contiene.",
    digest_label: "Compendio (JSON)",
    digest_button: "Verificar el compendio",
    digest_error: "Pegue el compendio tal como lo escribió «pqrs audit digest»: un objeto JSON \
                   con format, position, hash, recorded_at, signed_at, public_key y signature.",
    use_audit: "usar las herramientas de auditoría",
    audit_page: "la página de auditoría",
    history_title: |r| format!("Historia del caso {r}"),
    history_intro: |n| {
        format!(
            "{n} eventos, en orden. Cada uno guarda la huella del anterior: si alguien cambia \
             uno, la verificación de la cadena lo encuentra."
        )
    },
    back_to_audit: "Volver a auditoría",
    dt_when: "Cuándo",
    dt_who: "Quién",
    dt_channel: "Canal",
    dt_log_position: "Posición en el registro",
    dt_hash: "Huella (SHA-256)",
    dt_prev_hash: "Huella anterior",
    event_content: "Contenido del evento",
    withheld: " (datos personales reservados)",
    actor_kind: |k| match k {
        "citizen" => "Ciudadano",
        "staff" => "Funcionario",
        "system" => "Sistema",
        "cli" => "Línea de comandos",
        _ => "Desconocido",
    },
    access_title: "Registro de accesos",
    access_intro: |total| {
        format!(
            "Inicios y cierres de sesión, intentos fallidos (con el correo intentado, nunca la \
             clave) y cambios de cuentas y tokens: quién, cuándo y desde dónde. {total} \
             registros; los más recientes primero."
        )
    },
    access_caption: |page, pages| format!("Registro de accesos, página {page} de {pages}"),
    col_when: "Cuándo",
    col_what: "Qué",
    col_account: "Cuenta",
    col_who: "Quién",
    col_from: "Desde",
    col_detail: "Detalle",
    access_pages: "Páginas del registro",
    newer: "Más recientes",
    older: "Anteriores",
    access_forbidden: "El registro de accesos es para auditores y administradores.",
    access_kind: AccessKind::spanish,
    privacy_title: "Protección de datos personales",
    privacy_intro: "Aquí se atienden las solicitudes de los titulares de datos personales (Ley \
                    1581 de 2012, art. 8). Cada solicitud queda registrada con quién la atendió \
                    y cuándo; los datos que se consultan o corrigen no quedan en los registros de \
                    la aplicación.",
    task_access: (
        "Consultar los datos de una persona",
        ": todo lo que la entidad guarda de ella, por número de identificación o correo \
         electrónico (art. 8 lit. a, derecho a conocer).",
    ),
    task_rectify: (
        "Rectificar un dato de contacto",
        ": correo electrónico, teléfono o dirección del peticionario de un caso (art. 8 lit. a; \
         Decreto 1377 de 2013, art. 22).",
    ),
    task_suppress: (
        "Suprimir los datos personales de un caso",
        ": cuando ningún deber legal obliga a conservarlos, o lo ordena una autoridad (art. 8 \
         lit. e).",
    ),
    task_retention: (
        "Informe de supresiones por retención",
        ": los casos cuyos datos se suprimieron al cumplirse su tiempo de retención (Ley 594 de \
         2000, art. 24).",
    ),
    privacy_also_api: "Las mismas solicitudes se pueden atender con la API",
    privacy_also_cli: "y con la línea de comandos",
    attend_privacy: "atender las solicitudes de protección de datos personales",
    privacy_page: "la página de protección de datos",
    nothing_changed: "No se cambió nada.",
    back_to_form: "Volver al formulario",
    dt_basis: "Fundamento",
    radicado_error: "Escriba el número de radicado como aparece en el caso, por ejemplo \
                     2026-000123.",
    no_case: |r| format!("No hay un caso con el radicado {r}. Revise el número."),
    supp_title: "Suprimir los datos personales de un caso",
    supp_done_heading: "Datos suprimidos",
    supp_done_after: "Desde ahora el caso muestra «dato suprimido» en lugar de los datos del \
                      peticionario, en la consulta del ciudadano, en la consola y en los \
                      informes. Para que no queden copias en los archivos de la base de datos, \
                      el administrador técnico debe seguir el procedimiento de docs/privacy.md.",
    supp_another: "Suprimir los datos de otro caso",
    supp_refused_heading: "No se suprimieron los datos",
    supp_confirm_heading: "Confirme la supresión",
    dt_closed_q: "¿Cerrado?",
    dt_order: "Orden de autoridad",
    no_order: "Ninguna",
    supp_warning_strong: "Esta acción no se puede deshacer.",
    supp_warning: "Se destruye la llave que cifra los datos personales del caso: nadie podrá \
                   volver a leerlos, ni la entidad ni el ciudadano. Queda constancia de quién la \
                   hizo, cuándo y con qué fundamento (Ley 1581 de 2012, art. 8 lit. e).",
    supp_button: "Suprimir los datos personales",
    supp_cancel: "No suprimir y volver",
    supp_intro: "La supresión destruye los datos personales de un caso: nombre, documento, datos \
                 de contacto y los textos que los contienen. Solo procede cuando ningún deber \
                 legal obliga a conservarlos: el caso debe estar cerrado y su tiempo de \
                 retención cumplido (Ley 1581 de 2012, art. 8 lit. e y art. 15; Decreto 1377 de \
                 2013, art. 9; Ley 594 de 2000, art. 24), salvo que una autoridad competente \
                 ordene suprimirlos.",
    supp_basis_hint: "La solicitud o el motivo, por ejemplo «Solicitud de la titular del 3 de \
                      marzo de 2027». Hasta 1000 caracteres.",
    order_label: "Orden de autoridad competente (opcional)",
    order_hint: "Solo si un juez u otra autoridad ordenó suprimir los datos antes de tiempo, por \
                 ejemplo «Auto 55 de 2027 del Juzgado 3 Civil Municipal». Déjelo vacío si no hay \
                 orden.",
    review_case: "Revisar el caso",
    supp_basis_error: "Escriba el fundamento de la supresión, de 1 a 1000 caracteres, por \
                       ejemplo «Solicitud de la titular del 3 de marzo de 2027».",
    order_error: "La orden de autoridad puede tener hasta 1000 caracteres.",
    closed_on: |d| format!("Sí, el {d}"),
    closed_yes: "Sí",
    still_open: "No: el caso sigue en trámite",
    confirm_first: "Revise el caso y confirme la supresión antes de hacerla.",
    suppressed: |r, at, position| {
        format!(
            "Se suprimieron los datos personales del caso {r} el {at}. La supresión quedó \
             registrada en la posición {position} del registro."
        )
    },
    suppress_what: "suprimir datos personales",
    access_req_title: "Consultar los datos de una persona",
    cases_found: |n| match n {
        0 => "No se encontraron casos".to_owned(),
        1 => "Se encontró 1 caso".to_owned(),
        n => format!("Se encontraron {n} casos"),
    },
    access_recorded: "La consulta quedó registrada (Ley 1581 de 2012, art. 8 lit. a). El \
                      titular tiene derecho a recibir esta información; la respuesta debe darse \
                      dentro de los diez días hábiles siguientes a la solicitud (art. 14).",
    case_heading: |r| format!("Radicado {r}"),
    dt_filed: "Recibido",
    dt_closed: "Cerrado",
    download_json: "Descargar JSON",
    download_json_hint: "El archivo tiene cada caso con todos sus eventos y los datos personales \
                         abiertos. La descarga también queda registrada.",
    new_query: "Nueva consulta",
    access_intro_a: "Escriba el número de identificación",
    access_or: "o",
    access_intro_b: "el correo electrónico de la persona (uno solo). La consulta queda \
                     registrada con su nombre; el dato que escriba no se guarda.",
    id_label: "Número de identificación",
    id_hint: "Sin puntos ni espacios, por ejemplo 1020304050.",
    email_hint: "Déjelo vacío si escribió el número de identificación.",
    consult: "Consultar",
    rectified_on: |what, when| format!("{what} (rectificado, {when})"),
    access_what: "consultar los datos personales de una persona",
    rect_title: "Rectificar un dato de contacto",
    rect_done_heading: "Dato rectificado",
    rect_another: "Rectificar otro dato",
    rect_refused_heading: "No se rectificó el dato",
    rect_refused_note: "No se cambió nada; la solicitud rechazada queda registrada.",
    rect_intro: "El titular puede pedir que se corrijan sus datos de contacto (Ley 1581 de 2012, \
                 art. 8 lit. a; Decreto 1377 de 2013, art. 22). El nombre y el documento de \
                 identidad no se rectifican aquí. La rectificación y su fundamento quedan \
                 registrados, y el valor anterior se conserva cifrado.",
    rect_field_label: "Dato que se rectifica",
    new_value_label: "Valor nuevo",
    new_value_hint: "Se revisa como al radicar: un correo válido, un teléfono de 7 a 15 dígitos \
                     o una dirección.",
    rect_basis_hint: "La solicitud y su soporte, por ejemplo «Solicitud de la titular del 3 de \
                      marzo de 2027, con copia de la cédula». Hasta 1000 caracteres.",
    rect_button: "Rectificar",
    rectified: |what, r, at| {
        format!(
            "{what} del peticionario del caso {r} quedó rectificado el {at}. Desde ahora la \
             consulta, la consola y los correos usan el valor nuevo; el anterior queda cifrado \
             en el registro."
        )
    },
    the_field: "El dato",
    rect_what: "rectificar datos personales",
    ret_title: "Informe de supresiones por retención",
    ret_intro: "Los casos cerrados cuyo tiempo de retención se cumplió (la tabla de retención \
                documental de la entidad, Ley 594 de 2000, art. 24) y a los que el sistema les \
                suprimió los datos personales (Ley 1581 de 2012, art. 15). El informe no \
                contiene datos personales.",
    ret_from_hint: "Fecha de la supresión, por ejemplo 2031-01-01.",
    ret_to_hint: "Incluido; no puede ser anterior a «Desde».",
    ret_show: "Ver el informe",
    ret_caption: |empty| {
        if empty {
            "Casos suprimidos por retención: ninguno en el periodo".to_owned()
        } else {
            "Casos suprimidos por retención".to_owned()
        }
    },
    col_closed_on: "Cerrado el",
    col_years: "Años de retención",
    col_kept_until: "Conservado hasta",
    col_suppressed_on: "Suprimido el",
    ret_what: "leer el informe de supresiones por retención",
    admin_nav_label: "Administración",
    admin_accounts: "Cuentas",
    admin_tokens: "Tokens",
    admin_closures: "Días de cierre",
    admin_policy: "Política de plazos",
    admin_mail: "Correo",
    admin_only: "Esta página es solo para administradores de la consola.",
    accounts_intro: "Las personas ingresan a la consola con su cuenta. Desactivar una cuenta \
                     cierra sus sesiones de inmediato. Cada funcionario elige su idioma con el \
                     enlace de la cabecera; la consola y sus correos le hablan en él.",
    accounts_caption: "Cuentas de la consola",
    col_name: "Nombre",
    col_email: "Correo",
    col_role: "Rol",
    col_state: "Estado",
    col_language: "Idioma",
    account_language: |l| l.map_or("Español (por defecto)", language),
    col_actions: "Acciones",
    account_disabled: "Desactivada",
    account_active: "Activa",
    enable: "Activar",
    disable: "Desactivar",
    of_account: |e| format!(" la cuenta de {e}"),
    reset_password: "Restablecer la clave",
    of_person: |e| format!(" de {e}"),
    create_account: "Crear una cuenta",
    create_account_intro: "La cuenta recibe una clave de un solo uso, que se muestra una vez y \
                           el funcionario cambia al primer ingreso.",
    name_label: "Nombre",
    role_label: "Rol",
    role_hint: "Gestor: trabaja los casos. Supervisor: además anula y reasigna. Auditor: lee y \
                verifica el historial. Reportes: informes. Protección de datos: las solicitudes \
                de los titulares de datos personales. Administrador: todo, incluidas las \
                cuentas.",
    dependency_optional: "Dependencia (opcional)",
    dependency_hint: "La oficina donde trabaja, por ejemplo «Atención al ciudadano».",
    create_account_button: "Crear la cuenta",
    email_invalid: |reason| format!("Escriba un correo válido: {reason}."),
    name_invalid: "Escriba el nombre del funcionario (hasta 200 caracteres).",
    choose_role: "Elija un rol.",
    account_language_label: "Idioma de la consola y de sus correos",
    account_language_hint: "El funcionario puede cambiarlo después con el enlace de la \
                            cabecera.",
    account_language_choice: |l| l.map_or("El de su primer ingreso", language),
    choose_language: "Elija un idioma de la lista.",
    account_created: "Cuenta creada",
    account_created_for: |name, email| format!("Cuenta creada para {name} ({email})"),
    one_time_shown: "Esta es la clave de un solo uso. Entréguela al funcionario por un medio \
                     seguro: no se volverá a mostrar. Al ingresar en /funcionarios se le pedirá \
                     una clave nueva.",
    back_to_accounts: "Volver a las cuentas",
    email_taken: |e| format!("Ya existe una cuenta con el correo {e}."),
    not_yourself: "No puede desactivar su propia cuenta.",
    account_not_found_title: "Cuenta no encontrada",
    account_not_found_text: "La cuenta que intentó cambiar no existe.",
    password_reset_title: "Clave restablecida",
    password_reset_shown: "Esta es la nueva clave de un solo uso. Entréguela al funcionario por \
                           un medio seguro: no se volverá a mostrar. Sus sesiones abiertas se \
                           cerraron.",
    tokens_intro: "Los tokens son para sistemas (integraciones, tareas programadas), no para \
                   personas. Un token revocado deja de funcionar de inmediato.",
    tokens_caption: "Tokens de la API",
    col_created_by: "Creado por",
    col_created: "Creado",
    col_last_used: "Último uso",
    never: "Nunca",
    revoked_on: |at| format!("Revocado el {at}"),
    revoke: "Revocar",
    of_token: |id| format!(" el token {id}"),
    create_token: "Crear un token",
    token_user_label: "Quién lo usará",
    token_user_hint: "Por ejemplo, «Integración con la ventanilla única».",
    create_token_button: "Crear el token",
    token_user_invalid: "Escriba quién usará el token (hasta 200 caracteres).",
    token_created: "Token creado",
    token_created_for: |name, id| format!("Token creado para {name} (id {id})"),
    token_shown: "Este es el token. Cópielo ahora en el sistema que lo usará (encabezado \
                  Authorization: Bearer): no se volverá a mostrar.",
    back_to_tokens: "Volver a los tokens",
    closures_intro: "Un día de cierre es un día en que la entidad cierra sus oficinas por un acto \
                     administrativo (por ejemplo, un día cívico). Desde que se declara, no cuenta \
                     como día hábil en los plazos (Ley 4 de 1913, art. 62): los casos radicados \
                     después lo saltan, y a los casos abiertos cuyo término lo incluye se les \
                     corre la fecha límite un día hábil, con constancia en su historia.",
    closures_whole: "Los días de cierre valen para toda la entidad: no hay cierres por \
                     dependencia. Un cierre declarado queda en el registro auditable y pudo haber \
                     corrido plazos, por eso no se puede retirar desde la consola ni desde la \
                     API.",
    closures_caption: "Días de cierre declarados",
    col_date: "Fecha",
    no_closures: "No hay días de cierre declarados.",
    calendar_version: "Versión del calendario en vigor (la registran las radicaciones):",
    declare_heading: "Declarar un día de cierre",
    closure_from_label: "Fecha del cierre (o primer día del rango)",
    closure_from_hint: "Hoy o una fecha posterior, por ejemplo 2026-12-24.",
    closure_to_label: "Último día del rango (opcional)",
    closure_to_hint: "Déjelo vacío para un solo día. En un rango se declaran solo sus días \
                      hábiles, hasta 31 días.",
    closure_basis_hint: "El acto que cierra las oficinas, por ejemplo «Resolución 123 de 2026 \
                         (día cívico)».",
    declare_button: "Declarar el cierre",
    declared: |n, m| {
        let mut text = match n {
            1 => "Se declaró 1 día de cierre.".to_owned(),
            n => format!("Se declararon {n} días de cierre."),
        };
        match m {
            0 => {}
            1 => text.push_str(" Se omitió 1 día del rango que ya no era hábil."),
            m => text.push_str(&format!(
                " Se omitieron {m} días del rango que ya no eran hábiles."
            )),
        }
        text
    },
    not_declared: |reason| format!("No se declaró: {reason} (Ley 4 de 1913, art. 62)."),
    closure_from_error: "Escriba la fecha del cierre como AAAA-MM-DD, por ejemplo 2026-12-24.",
    closure_to_error: "Escriba el último día del rango como AAAA-MM-DD, o déjelo vacío para un \
                       solo día.",
    closure_basis_error: "Escriba el acto que cierra las oficinas, por ejemplo «Resolución 123 \
                          de 2026 (día cívico)».",
    closure_order_error: "El último día del rango no puede ser anterior al primero.",
    closure_range_error: |max| {
        format!("Un rango puede tener hasta {max} días; declare el resto aparte.")
    },
    declared_before: |n| format!(" Antes de ese día se declararon {n}."),
    no_business_days: "El rango no tiene días hábiles: todos son fines de semana, festivos o ya \
                       están cerrados (Ley 4 de 1913, art. 62).",
    policy_default: "Está en vigor la política por defecto: los términos de la Ley 1755 de 2015 \
                     (art. 14), con la ventana del Decreto Legislativo 491 de 2020 (art. 5) para \
                     lo recibido entre el 28 de marzo de 2020 y el 17 de mayo de 2022.",
    policy_own: "Está en vigor una política propia de la entidad, cargada de un archivo de \
                 política. Junto a cada término que difiere se muestra el de la política por \
                 defecto.",
    policy_read_only: "Esta página solo muestra la política. La política la fija la \
                       configuración del servicio (policy_file o PQRS_POLICY_FILE) y se valida \
                       al iniciar. Si se carga un archivo propio: los casos recibidos desde \
                       entonces toman sus términos; los ya radicados conservan la política y la \
                       versión que registraron al radicarse (salvo que un periodo diga otra cosa \
                       de los casos en trámite); los umbrales de «por vencer» cambian de \
                       inmediato para los casos abiertos, porque no son un término legal y nunca \
                       mueven una fecha límite.",
    policy_horizon: |d| {
        format!(
            "Las alertas de vencimiento revisan los casos que vencen en los próximos {d} días \
             calendario."
        )
    },
    in_force_today: " (en vigor hoy)",
    dt_period_basis: "Fundamento del periodo",
    dt_policy: "Política",
    dt_in_progress: "Casos en trámite al iniciar",
    dt_priority_term: "Atención prioritaria (Ley 1755 de 2015, art. 20)",
    dt_due_soon: "«Por vencer»",
    dt_cutoff: "Hora de corte",
    cutoff: |t| format!("Lo recibido desde las {t} cuenta como recibido el día hábil siguiente"),
    no_cutoff: "Sin hora de corte",
    terms_caption: "Términos por tipo:",
    col_unit: "Unidad",
    col_article: "Artículo",
    col_default: "Por defecto",
    same: "Igual",
    unit: |u| match u {
        TermUnit::Business => "días hábiles",
        TermUnit::Calendar => "días calendario",
        TermUnit::Months => "meses",
    },
    no_legal_term: "Procedimiento de PQR de la entidad (la ley no fija término)",
    in_progress: |c| match c {
        InProgressCases::TermAtFilingStands => {
            "Los casos en trámite al iniciar el periodo conservan el término con que se radicaron."
        }
        InProgressCases::NewTermApplies => {
            "A los casos en trámite al iniciar el periodo se les aplica el nuevo término, \
             contado desde la misma fecha de recibo."
        }
    },
    period_always: "Siempre",
    period_until: |u| format!("Recibidas hasta el {u}"),
    period_from: |s| format!("Recibidas desde el {s} en adelante"),
    period_between: |s, u| format!("Recibidas del {s} al {u}"),
    due_soon_rule: |days, percent| {
        format!(
            "cuando le quedan {days} días hábiles o menos, o cuando ha transcurrido el {percent} \
             % del término, lo que ocurra primero"
        )
    },
    mail_title: "Correo a los peticionarios",
    mail_test_accepted: |r| format!("El servidor SMTP aceptó el correo de prueba: {r}."),
    mail_accepted_after: "Revise el buzón de destino (y su carpeta de correo no deseado).",
    mail_refused_after: "Revise el servidor, el cifrado (TLS), la clave y la autoridad de \
                         certificación en la configuración del servicio; mientras tanto, los \
                         mensajes esperan en la cola y se intentan de nuevo.",
    mail_clear_password_a: "La clave del servidor de correo viaja sin cifrar por la red: \
                            cualquiera en el camino puede leerla. Configure",
    mail_clear_password_b: "en",
    mail_on_a: "El correo a los peticionarios está",
    mail_on_word: "activado",
    mail_on_b: ": los avisos que la ley ordena (Ley 1755 de 2015; Ley 1437 de 2011, art. 56, \
                para la respuesta) se envían por este servidor.",
    dt_smtp_server: "Servidor SMTP",
    dt_encryption: "Cifrado",
    dt_own_authority: "Autoridad de certificación propia",
    own_authority_yes: "Sí: se confía también en la de",
    own_authority_no: "No: solo las autoridades públicas (raíces de Mozilla)",
    dt_sender: "Remitente",
    dt_reply_to: "Responder a",
    reply_to_sender: "El remitente",
    dt_messages_on: "Mensajes activos",
    mail_off_a: "El correo a los peticionarios está",
    mail_off_word: "desactivado",
    mail_off_b: ": nadie recibe avisos por correo y la entidad debe comunicar cada paso por \
                 otro medio. Para activarlo, configure",
    mail_off_c: "(o",
    mail_off_d: "en el archivo de configuración) y reinicie el servicio.",
    mail_waiting: "Mensajes en espera de envío:",
    mail_oldest: |s| format!("; el más antiguo, desde el {s}"),
    mail_read_only: "La configuración la fija quien administra el servicio y se valida al \
                     iniciar; esta página solo la muestra.",
    mail_test_heading: "Enviar un correo de prueba",
    mail_to_label: "Correo de destino",
    mail_to_hint: "Un buzón suyo o de la entidad. Se envía un mensaje de prueba con esta \
                   configuración; no queda en ningún caso.",
    mail_test_button: "Enviar la prueba",
    encryption: |e| match e {
        Encryption::Tls => "TLS desde el inicio de la conexión (smtps)",
        Encryption::StartTls => "STARTTLS obligatorio: sin cifrado no se envía nada",
        Encryption::StartTlsIfOffered => {
            "STARTTLS solo si el servidor lo ofrece: si no, los correos viajan sin cifrar"
        }
        Encryption::None => "Ninguno: los correos viajan sin cifrar",
    },
    mail_off_refusal: "El correo está apagado en este servicio: no hay con qué enviar la prueba.",
    mail_to_invalid: "Escriba un correo electrónico, por ejemplo nombre@entidad.gov.co.",
    mail_silent: |s| format!("El servidor SMTP no respondió en {s} segundos."),
};
