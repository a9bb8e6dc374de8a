//! The portal in Spanish (es-CO), the default: usted, plain words, the article of the law
//! where a rule speaks.

use super::Texts;
use pqrs_domain::policy::{Term, TermUnit};
use pqrs_domain::text::TextError;
use pqrs_domain::Kind;

/// The Spanish table.
pub static ES: Texts = Texts {
    skip: "Saltar al contenido",
    nav_label: "Principal",
    nav_file: "Radicar una solicitud",
    nav_follow: "Consultar su solicitud",
    switch_href: "?lang=en",
    switch_lang: "en",
    switch_text: "English",
    footer_address: "Dirección:",
    footer_hours: "Horario de atención:",
    footer_email: "Correo:",
    footer_phone: "Teléfono:",
    privacy_policy: "Política de tratamiento de datos personales",
    staff_access: "Acceso funcionarios",
    back_home: "Volver al inicio",
    error_prefix: "Error:",

    home_title: "Peticiones, quejas, reclamos y denuncias",
    home_intro_a: "Aquí puede presentar una solicitud a",
    home_intro_b: "y seguir su trámite. No necesita crear una cuenta.",
    home_follow: "Consultar una solicitud",
    home_what: "Qué puede presentar",
    home_what_p: "La entidad debe responderle dentro del plazo que fija la ley para cada tipo de \
                  solicitud. Los días hábiles son de lunes a viernes, sin contar festivos ni los \
                  días en que la entidad cierra.",
    home_term: "Plazo para responder:",
    home_how: "Cómo funciona",
    home_how_1: "Llene el formulario. Puede hacerlo de forma anónima o con sus datos.",
    home_how_2: "Al enviarlo recibe un número de radicado y un código de acceso. Guárdelos: el \
                 código se muestra una sola vez.",
    home_how_3: "Con esos dos datos consulta el estado, la fecha límite y la respuesta, y puede \
                 completar lo que la entidad le pida.",
    home_privacy: "Aviso de privacidad",
    home_privacy_a: "Si presenta su solicitud con sus datos,",
    home_privacy_b: "los usa solo para tramitarla y responderle, como lo exige la Ley 1581 de \
                     2012. Usted puede conocer, actualizar, rectificar y pedir que se supriman sus \
                     datos, y revocar su autorización.",
    home_privacy_read_a: "Lea la",
    home_privacy_read_b: " de la entidad.",
    home_privacy_contact: "Para ejercer estos derechos, comuníquese con la entidad por los medios \
                           que aparecen al pie de esta página.",

    form_error_title: "Error: revise su solicitud",
    form_summary: "Hay un problema con su solicitud",
    form_intro: "Los campos marcados como opcionales puede dejarlos en blanco. Todo lo demás es \
                 obligatorio.",
    kind_legend: "¿Qué quiere presentar?",
    kind_help: "Elija la opción que mejor describe su solicitud. Si se equivoca, la entidad la \
                clasifica bien.",
    kind_term: "Plazo:",
    subject_label: "Asunto",
    subject_hint: "Una frase corta, por ejemplo: «Poda del árbol frente a mi casa».",
    description_label: "Su solicitud",
    description_hint: "Cuente qué pasó o qué necesita, dónde y desde cuándo. Hasta 20 000 \
                       caracteres.",
    ident_legend: "¿Cómo quiere presentarla?",
    ident_hint: "Si la presenta de forma anónima, la entidad no podrá enviarle la respuesta: la \
                 consulta usted aquí con su radicado y su código.",
    ident_anonymous: "De forma anónima",
    ident_identified: "Con mis datos",
    data_legend: "Sus datos",
    data_hint: "Solo si eligió «Con mis datos». Escriba al menos un medio para responderle: \
                correo electrónico, teléfono o dirección.",
    name_label: "Nombre completo (opcional)",
    id_type_label: "Tipo de documento (opcional)",
    id_none: "Sin documento",
    id_types: [
        ("CC", "Cédula de ciudadanía"),
        ("CE", "Cédula de extranjería"),
        ("TI", "Tarjeta de identidad"),
        ("RC", "Registro civil"),
        ("PA", "Pasaporte"),
        ("NIT", "NIT"),
        ("PEP", "Permiso especial de permanencia"),
        ("PPT", "Permiso por protección temporal"),
    ],
    id_number_label: "Número de documento (opcional)",
    email_label: "Correo electrónico",
    phone_label: "Teléfono",
    address_label: "Dirección",
    consent_a: "Autorizo a",
    consent_b: "a tratar mis datos personales para tramitar y responder esta solicitud.",
    consent_hint_a: "Ley 1581 de 2012. Lea la",
    consent_hint_link: "política de tratamiento de datos personales",
    notif_legend: "¿Acepta ser notificado por correo electrónico?",
    notif_hint:
        "Si la marca, le enviaremos a su correo electrónico la respuesta y las demás \
                 decisiones sobre su solicitud, y esa será la notificación oficial (Ley 1437 de \
                 2011, art. 56). Si no la marca, le notificaremos por los otros medios que nos dio.",
    notif_label: "Sí, acepto que me notifiquen por correo electrónico",
    reply_legend: "¿Por qué medio prefiere recibir la respuesta? (opcional)",
    reply_hint: "Elija uno de los medios que escribió arriba. La entidad lo tendrá en cuenta al \
                 responderle.",
    reply_none: "Sin preferencia",
    reply_channel: |c| match c {
        "email" => "Correo electrónico",
        "phone" => "Teléfono",
        "mail" => "Correo físico a mi dirección",
        "in_person" => "En persona, en la oficina de la entidad",
        _ => "Sin preferencia",
    },
    honeypot_label: "Deje este campo vacío",
    form_submit: "Radicar la solicitud",

    err_kind: "Elija qué tipo de solicitud quiere presentar.",
    err_text: |subject, max, e| {
        let what = if subject { "el asunto" } else { "su solicitud" };
        match e {
            TextError::Empty => format!("Escriba {what}."),
            TextError::TooLong { .. } => {
                format!("Escriba {what} con {max} caracteres como máximo.")
            }
            TextError::ControlCharacters => {
                format!("Revise {what}: tiene caracteres no válidos.")
            }
        }
    },
    err_petitioner: |field| match field {
        "petitioner.name" => "Escriba su nombre con 200 caracteres como máximo.",
        "petitioner.id_type" => {
            "Si da su número de documento, elija también el tipo de documento, y al revés."
        }
        "petitioner.id_number" => "Escriba el número de documento: entre 3 y 20 letras o números.",
        "petitioner.email" => {
            "Escriba un correo electrónico válido, por ejemplo nombre@ejemplo.co."
        }
        "petitioner.phone" => "Escriba un número de teléfono válido, por ejemplo 601 555 1234.",
        "petitioner.address" => "Escriba la dirección con 300 caracteres como máximo.",
        _ => {
            "Escriba al menos un medio para responderle: correo electrónico, teléfono o \
             dirección."
        }
    },
    err_ident: "Indique si presenta la solicitud de forma anónima o con sus datos.",
    err_consent: "Para radicar con sus datos debe autorizar su tratamiento (Ley 1581 de 2012).",
    err_notif: "Para notificarle por correo electrónico escriba su correo electrónico, o \
                desmarque la casilla.",
    err_reply: |c| match c {
        "email" => {
            "Para recibir la respuesta por correo electrónico escriba su correo electrónico."
        }
        "phone" => "Para recibir la respuesta por teléfono escriba su número de teléfono.",
        "mail" => "Para recibir la respuesta por correo físico escriba su dirección.",
        "in_person" => "Para recibir la respuesta en persona presente la solicitud con sus datos.",
        _ => "Elija un medio de la lista para recibir la respuesta.",
    },

    confirm_title: "Su solicitud quedó radicada",
    radicado_label: "Número de radicado",
    constancia: "Constancia de radicación",
    dt_entity: "Entidad",
    dt_radicado: "Radicado",
    dt_kind: "Tipo",
    dt_received: "Recibida",
    dt_due: "Fecha límite para responderle",
    dt_filed_as: "Presentada",
    dt_reply: "Medio preferido para la respuesta",
    code_title: "Su código de acceso",
    code_keep: "Guárdelo ahora.",
    code_keep_text: "Este código se muestra una sola vez y no se puede recuperar. Lo necesita, \
                     junto con el radicado, para consultar su solicitud, completar información o \
                     calificar la respuesta. No lo comparta.",
    due_title: "Qué significa la fecha límite",
    due_meaning: |term, policy, due| {
        format!(
            "La entidad tiene {term} ({policy}) para responderle: a más tardar el {due}. Si la \
             entidad necesita que usted complete la información, el plazo se detiene mientras \
             usted la entrega (art. 17). Si no alcanza a responder a tiempo, puede ampliar el \
             plazo una sola vez, explicándole los motivos (art. 14, parágrafo)."
        )
    },
    reply_anonymous: "Como la presentó de forma anónima, la entidad no le enviará la respuesta: \
                      consúltela aquí.",
    reply_identified: "La entidad le enviará la respuesta por el medio de contacto que nos dio.",
    print_hint: "Para guardar esta constancia, use la opción Imprimir de su navegador (también \
                 puede guardarla como PDF).",

    lookup_error_title: "Error: consultar su solicitud",
    lookup_not_found: "No encontramos su solicitud",
    lookup_intro: "Escriba el número de radicado y el código de acceso que recibió al radicar.",
    radicado_hint: "Por ejemplo, 2026-000123.",
    code_label: "Código de acceso",
    code_hint: "Los 20 caracteres de su constancia. Puede escribirlos con o sin espacios.",
    lookup_submit: "Consultar",
    no_match: "No encontramos una solicitud con ese radicado y ese código de acceso. Revise los \
               dos datos en su constancia de radicación e intente de nuevo.",

    case_title: "Solicitud",
    dt_status: "Estado",
    dt_subject: "Asunto",
    overdue: "(vencida)",
    completion_title: "La entidad le pide completar su solicitud",
    completion_until_a: "Puede entregarlo hasta el",
    completion_until_b: "Mientras tanto el plazo para responderle está detenido. Si no lo \
                         entrega a tiempo, la entidad entiende que desistió (Ley 1755 de 2015, \
                         art. 17).",
    completion_label: "Lo que le pidieron",
    your_code: "Su código de acceso",
    retype_code: "Por seguridad, escríbalo de nuevo.",
    completion_send: "Enviar la información",
    more_time_title: "¿Necesita más tiempo?",
    more_time_text: "Puede pedir una sola vez un mes más para completar la información (art. 17).",
    more_time_send: "Pedir un mes más",
    answer_title: "Respuesta de la entidad",
    answer_of: "del",
    answer_on_time: "dentro del plazo",
    answer_late: "fuera del plazo",
    rate_title: "Califique la atención",
    rate_legend: "¿Cómo le pareció la atención?",
    rate_scores: [
        "1 – Muy mala",
        "2 – Mala",
        "3 – Regular",
        "4 – Buena",
        "5 – Muy buena",
    ],
    rate_comment: "Comentario (opcional)",
    rate_send: "Enviar la calificación",
    rated_a: "Usted calificó la atención con",
    rated_b: "de 5.",
    history_title: "Lo que ha pasado",
    mail_title: "Avisos por correo electrónico",
    mail_accepted: "Usted aceptó que le notifiquemos por correo electrónico: la respuesta y las \
                    demás decisiones sobre su solicitud le llegan a su correo, y esa es la \
                    notificación oficial (Ley 1437 de 2011, art. 56).",
    mail_refused: "Usted no aceptó que le notifiquemos por correo electrónico: la respuesta y las \
                   demás decisiones se le notifican por los otros medios (Ley 1437 de 2011, art. \
                   56).",
    mail_stopped_a: "El",
    mail_stopped_b: "usted pidió que no le escribamos más por correo electrónico sobre esta \
                     solicitud: no le enviaremos más correos, y la respuesta y las demás \
                     decisiones se le notifican por los otros medios que usted dio (Ley 1437 de \
                     2011, arts. 56 y 67).",
    mail_none: "Todavía no le hemos enviado ningún correo sobre esta solicitud.",
    mail_sent: "Enviado: el servidor de correo de la entidad lo entregó para su envío.",
    mail_failed: "No se pudo enviar: revise que su correo electrónico esté bien escrito.",
    mail_other: "Mensaje de la entidad",
    stop_summary: "No quiero recibir más correos sobre esta solicitud",
    stop_text: "Si lo pide, la entidad no le enviará más correos sobre esta solicitud y los que \
                estén pendientes no se enviarán. La respuesta y las demás decisiones se le \
                notificarán por los otros medios que usted dio, como su dirección (Ley 1437 de \
                2011, arts. 56 y 67).",
    stop_send: "No enviarme más correos",
    withdraw_summary: "Desistir de su solicitud",
    withdraw_text: "Si desiste, la entidad deja de tramitar su solicitud (Ley 1755 de 2015, art. \
                    18). Puede volver a presentarla después.",
    withdraw_reason: "Motivo (opcional)",
    withdraw_send: "Desistir de la solicitud",
    other_case: "Consultar otra solicitud",
    status: |s| match s {
        "filed" => "Radicada: la entidad la recibió y la va a asignar",
        "in_progress" => "En trámite: asignada a un área de la entidad",
        "suspended" => {
            "Suspendida mientras usted completa la información (Ley 1755 de 2015, art. 17)"
        }
        "answered" => "Respondida",
        "forwarded" => "Trasladada por competencia a otra autoridad (Ley 1755 de 2015, art. 21)",
        "withdrawn" => "Desistida por usted (Ley 1755 de 2015, art. 18)",
        "withdrawn_tacitly" => {
            "Desistida porque no se completó a tiempo (Ley 1755 de 2015, art. 17)"
        }
        "voided" => "Anulada: el radicado se emitió por error",
        _ => "En trámite",
    },
    step: |s| match s {
        "filed" => "Radicada",
        "reclassified" => "Reclasificada",
        "in_progress" => "Asignada a un área de la entidad",
        "completion_requested" => "Suspendida mientras usted completa la información (art. 17)",
        "completion_supplied" => "Usted completó la información; el plazo sigue corriendo",
        "completion_window_extended" => "Se amplió su plazo para completar (art. 17)",
        "withdrawn_tacitly" => "Desistimiento tácito: no se completó a tiempo (art. 17)",
        "term_extended" => "Prorrogada: la entidad amplió el plazo (art. 14)",
        "forwarded" => "Trasladada por competencia (art. 21)",
        "priority_flagged" => "Atención prioritaria (art. 20)",
        "positive_silence_reached" => "Silencio administrativo positivo",
        "answered" => "Respondida",
        "rated" => "Usted calificó la atención",
        "withdrawn" => "Desistida por usted (art. 18)",
        "voided" => "Anulada",
        "petitioner_notified" => "Le enviamos un correo electrónico",
        "notification_failed" => "No fue posible enviarle un correo electrónico",
        "notification_consent_withdrawn" => "Usted pidió no recibir más correos electrónicos",
        _ => "Actualizada",
    },
    from_to: |a, b| format!("De {a} a {b}"),
    asked_until: |w, d| format!("{w} (puede entregarlo hasta el {d})"),
    new_due_reasons: |d, r| format!("Nueva fecha límite: {d}. Motivos: {r}"),
    to_reasons: |a, r| format!("A: {a}. Motivos: {r}"),
    new_due: |d| format!("Nueva fecha límite: {d}"),

    bad_completion: "Escriba la información que le pidieron (hasta 20 000 caracteres).",
    bad_reason: "Revise el motivo: es demasiado largo o tiene caracteres no válidos.",
    bad_score: "Elija una calificación de 1 a 5.",
    bad_comment: "Revise el comentario: es demasiado largo o tiene caracteres no válidos.",
    bad_action: "No reconocemos esa acción.",
    refused: |a| match a {
        "completar" => {
            "No se pudo registrar la información: la entidad no tiene una solicitud de completar \
             abierta para este caso."
        }
        "ampliar" => {
            "No se pudo ampliar el plazo: solo se puede pedir una vez, por hasta un mes más, \
             antes de que venza (Ley 1755 de 2015, art. 17)."
        }
        "calificar" => {
            "No se pudo registrar la calificación: solo se puede calificar una vez, después de \
             la respuesta."
        }
        "sin_correo" => {
            "Usted ya había pedido que no le escribamos por correo electrónico sobre esta \
             solicitud."
        }
        _ => "No se pudo desistir: la solicitud ya está cerrada.",
    },
    done: |a| match a {
        "completar" => {
            "Recibimos la información. El plazo para responderle sigue corriendo desde mañana."
        }
        "ampliar" => "Listo: tiene un mes más para completar la información.",
        "calificar" => "Gracias: registramos su calificación.",
        "sin_correo" => {
            "Listo: no le enviaremos más correos sobre esta solicitud. La respuesta se le \
             notificará por los otros medios que usted dio."
        }
        _ => "Registramos su desistimiento: la entidad no seguirá tramitando su solicitud.",
    },

    kind_name: Kind::spanish,
    kind_hint: |k| match k {
        Kind::Petition => {
            "Pedir a la entidad que haga algo, que le reconozca un derecho o que resuelva una \
             situación, de interés suyo o de todos."
        }
        Kind::InformationRequest => {
            "Pedir información o copias de documentos que tiene la entidad."
        }
        Kind::Consultation => "Pedir la opinión de la entidad sobre un tema a su cargo.",
        Kind::Complaint => {
            "Expresar su inconformidad con la forma en que le atendió un servidor público."
        }
        Kind::Claim => "Exigir que se corrija un servicio que no se prestó o que se prestó mal.",
        Kind::Report => {
            "Informar de una conducta posiblemente irregular para que la entidad la revise."
        }
        Kind::Suggestion => "Proponer una mejora en un servicio o en un trámite.",
        Kind::Commendation => "Reconocer un buen servicio o el trabajo de un servidor público.",
    },
    entity_procedure: "procedimiento de PQRS de la entidad",
    term: |t: Term| {
        let n = t.days;
        match t.unit {
            TermUnit::Business if n == 1 => "1 día hábil".to_owned(),
            TermUnit::Business => format!("{n} días hábiles"),
            TermUnit::Calendar if n == 1 => "1 día calendario".to_owned(),
            TermUnit::Calendar => format!("{n} días calendario"),
            TermUnit::Months if n == 1 => "1 mes".to_owned(),
            TermUnit::Months => format!("{n} meses"),
        }
    },

    not_found_title: "Página no encontrada",
    not_found_text: "La dirección que abrió no existe en este portal.",
    unavailable_title: "Servicio no disponible",
    unavailable_text: "No pudimos consultar la información en este momento. Intente de nuevo en \
                       unos minutos.",
    csrf_title: "No pudimos recibir el formulario",
    csrf_text: |back| {
        format!(
            "El formulario venció o llegó incompleto, y no se hizo ningún cambio. Vuelva a abrir \
             el formulario en {back} y envíelo de nuevo."
        )
    },
    not_filed_title: "No pudimos radicar su solicitud",
    honeypot_text: "El formulario llegó con un campo que las personas no llenan, y no se radicó \
                    nada. Si usted es una persona, vuelva a abrir el formulario y envíelo de \
                    nuevo.",
    too_many_filings_title: "Demasiadas solicitudes seguidas",
    too_many_filings_text: "Desde esta conexión se enviaron muchas solicitudes en poco tiempo, y \
                            esta no se radicó. Espere un minuto y vuelva a enviarla.",
    filing_failed_text: "Tuvimos un problema y su solicitud no quedó radicada. Intente de nuevo \
                         en unos minutos.",
    too_many_attempts_title: "Demasiados intentos",
    too_many_attempts_text: |s| {
        format!(
            "Desde esta conexión se hicieron demasiados intentos con un radicado o un código que \
             no coinciden. Espere {s} segundos e intente de nuevo."
        )
    },
};
