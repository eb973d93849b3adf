import type { RespondentMessages } from './messages.ts';

/**
 * What each refusal code of a completion means (docs/api.md), for refusalReason; any other: the server refused the
 * request. Words only: the code itself ("código invalid_input") was read aloud to the respondent (accessibility pass 19).
 */
const REFUSALS: Readonly<Record<string, string>> = {
  invalid_input: 'el servidor no aceptó una de sus respuestas',
  not_found: 'no encontramos su participación',
  payload_too_large: 'sus respuestas son demasiado largas para guardarlas',
  rate_limited: 'demasiadas solicitudes desde su red',
};

/** What each refusal code of a start means for the link (linkRefusalReason); any other: the survey refused it. */
const LINK_REFUSALS: Readonly<Record<string, string>> = {
  invalid_input: 'no tiene la forma que esta encuesta espera',
  payload_too_large: 'es demasiado larga',
};

export const es: RespondentMessages = {
  documentTitle: 'Encuesta',
  loading: 'Cargando la encuesta…',
  noScript: 'Esta encuesta necesita JavaScript. Actívelo y vuelva a cargar la página.',
  pageDocumentTitle: (page, study) => `${page} – ${study}`,
  pageOf: (page, pages) => `Página ${page} de ${pages}`,
  taskOf: (task, tasks) => `Tarea ${task} de ${tasks}`,
  progressLabel: 'Progreso de la encuesta',
  requiredNote: 'obligatoria',
  textLimit: (max) => `Hasta ${max.toLocaleString('es')} caracteres.`,
  textLimitReached: (max) => `Ha llegado al límite de ${max.toLocaleString('es')} caracteres; no se añade más.`,
  checkQuestions: (count) => `Revise ${count === 1 ? '1 pregunta' : `${count} preguntas`} de esta página.`,
  linkInvalidTitle: 'Este enlace de la encuesta no es válido',
  linkInvalidText: 'Compruebe el enlace que le dieron.',
  linkRefusedTitle: 'Este enlace de la encuesta no se puede usar',
  linkRefusedText: (reason) => `La encuesta no pudo aceptar una parte de su enlace (${reason}). Compruebe el enlace que le dieron o escriba a los investigadores.`,
  linkRefusalReason: (code) => LINK_REFUSALS[code] ?? 'la encuesta la rechazó',
  panelParamRefused: (param, value) => `${param}: se esperaban de 1 a 128 caracteres ASCII imprimibles (sin espacios ni acentos); se recibió ${value}`,
  panelParamTwice: (param, values) => `${param} aparece más de una vez, con valores distintos: ${values}`,
  previewTitle: 'Esta es una vista previa del HIT',
  previewText: 'Acepte el HIT para empezar la encuesta.',
  pausedTitle: 'Esta encuesta está en pausa',
  pausedText: 'Ahora mismo no admite nuevos participantes. Inténtelo de nuevo más tarde. Gracias por su interés.',
  closedTitle: 'Esta encuesta está cerrada',
  closedText: 'Ya no admite nuevos participantes. Gracias por su interés.',
  rateLimitedTitle: 'Demasiadas personas están empezando la encuesta desde su red',
  rateLimitedText: (minutes) =>
    `Espere ${minutes === 1 ? 'un minuto' : `unos ${minutes} minutos`} y vuelva a cargar esta página.`,
  busyTitle: 'La encuesta está muy ocupada en este momento',
  busyText: 'Espere un minuto y vuelva a cargar esta página.',
  busyReloadText: (from, to) => `No cierre esta página: se volverá a cargar sola dentro de ${from} a ${to} segundos.`,
  busyServerTitle: 'El servidor está muy ocupado en este momento',
  loadFailedTitle: 'No se pudo cargar la encuesta',
  loadFailedText: 'Compruebe su conexión y vuelva a cargar la página.',
  quotaUnreachable: 'No pudimos comunicarnos con el servidor. Compruebe su conexión e inténtelo de nuevo.',
  quotaWaiting: 'Un momento, por favor: esperando al servidor.',
  quotaWaitingButton: 'Un momento…',
  leaveStudy: 'Salir del estudio',
  rereadSummary: 'Volver a leer la situación',
  vignetteProgress: (position, count) => `Viñeta ${position} de ${count}`,
  aboutVignette: (title, position, count) => `${title} — viñeta ${position} de ${count}`,
  questionsAboutVignette: (position, count) => `Preguntas sobre la viñeta ${position} de ${count}`,
  backStaysPut: 'Esta encuesta no vuelve a las páginas anteriores. Sus respuestas hasta ahora están guardadas; continúe desde esta página.',
  saveRefused: 'No se pudo guardar su último cambio. Sus respuestas anteriores se conservan; continúe con la encuesta.',
  saveOffline: 'Parece que no tiene conexión: sus últimas respuestas aún no se han guardado. No cierre esta página; se guardarán cuando vuelva la conexión.',
  saveOnlineAgain: 'La conexión ha vuelto y sus respuestas están guardadas.',
  leaseWarningTitle: '¿Sigue ahí?',
  leaseWarningText: (minutes) =>
    `Sus respuestas hasta ahora están guardadas. Si no nos confirma que sigue aquí, su lugar en esta encuesta pasará a otra persona ${minutes === 1 ? 'en menos de un minuto' : `en menos de ${minutes} minutos`}.`,
  leaseWarningKeep: 'Conservar mi lugar',
  elsewhereTitle: 'Esta encuesta continuó en otra pestaña o ventana',
  elsewhereText: 'Vuelva a cargar esta página para seguir desde donde se quedó.',
  savingTitle: 'Guardando sus respuestas…',
  savingText: 'No cierre esta página.',
  savingRetryText: 'Todavía no pudimos comunicarnos con el servidor y lo estamos intentando de nuevo. No cierre esta página.',
  savingBusyText: 'La encuesta está muy ocupada en este momento y lo estamos intentando de nuevo. No cierre esta página.',
  saveFailedTitle: 'No se pudieron guardar sus respuestas',
  saveFailedText: (reason) => `Póngase en contacto con los investigadores (${reason}).`,
  refusalReason: (code) => REFUSALS[code] ?? 'el servidor rechazó la solicitud',
  answerOutOfLimits: (title) => `el servidor no aceptó su respuesta a «${title}»`,
  thanksTitle: '¡Muchas gracias!',
  redirectText: 'Le estamos llevando de vuelta al panel de encuestas…',
  returnToPanel: 'Volver al panel de encuestas',
  completionCodeLabel: 'Su código de finalización, si el panel se lo pide:',
  completeText: 'Sus respuestas han quedado registradas. Ya puede cerrar esta página.',
  overquotaTitle: 'Gracias por su interés',
  overquotaText: 'Ya tenemos todas las respuestas que necesitamos de personas como usted, así que la encuesta termina aquí. Ya puede cerrar esta página.',
  declinedTitle: 'Gracias por su tiempo',
  declinedText: 'Decidió no participar, así que la encuesta ha terminado. Ya puede cerrar esta página.',
};
