//! The console in Spanish (es-CO), the default: usted, plain words, the article of the law
//! where a rule speaks.

use super::Texts;
use pqrs_domain::actor::Role;
use pqrs_domain::Kind;
use pqrs_infrastructure::accounts::password::Weakness;
use pqrs_projections::DeadlineState;

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
};
