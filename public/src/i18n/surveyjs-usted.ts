// SurveyJS's Spanish translation (survey-core/i18n/spanish) mixes registers: most of it speaks to the respondent
// as "usted" ("Seleccione...", "Por favor conteste la pregunta."), as the studies' own texts and our catalog
// (messages-es.ts) do, but a part says "tú": the rating dropdown's "Toca aquí para calificar...", "Escribe para
// buscar...", "Inténtalo de nuevo." A page then switched register mid-sentence. This is the one table of the
// SurveyJS strings we override, each in the formal register; survey-locales.ts applies it. English has no
// register to mend; Arabic has a table of its own (surveyjs-arabic.ts).
//
// Every key of SurveyJS's Spanish strings that addressed the respondent as "tú" (survey-core 2.5.38) is here,
// visible to a respondent or not, so a study that adds a file upload, a signature or a timer stays formal too;
// tests/e2e/page-languages.test.ts checks the whole table SurveyJS ends up with, and the strings a Spanish
// page shows in the browser. Two strings wrong besides their register are mended on the way: timerSpentSurvey
// dropped its {0}, savingDataError said "saving" for a failure.

/** SurveyJS's Spanish interface strings in the "usted" register, by SurveyJS's key. */
export const SURVEYJS_SPANISH_USTED: Readonly<Record<string, string>> = {
  editText: 'Editar',
  startSurveyText: 'Comenzar',
  commentText: 'Deje un comentario',
  ratingOptionsCaption: 'Toque aquí para calificar...',
  incompletePatternError: 'Complete el valor para que coincida con el formato requerido.',
  exceedMaxFiles: 'El número máximo de archivos que puede subir es {0}.',
  confirmDelete: '¿Quiere borrar el registro?',
  savingDataError: 'Se produjo un error y no pudimos guardar los resultados.',
  saveAgainButton: 'Inténtelo de nuevo',
  timerSpentAll: 'Ha pasado {0} en esta página y {1} en total.',
  timerSpentSurvey: 'Ha pasado {0} en total.',
  timerLimitAll: 'Ha pasado {0} de {1} en esta página y {2} de {3} en total.',
  timerLimitPage: 'Ha pasado {0} de {1} en esta página.',
  signaturePlaceHolder: 'Firme aquí',
  removeFileCaption: 'Eliminar este archivo',
  confirmRemoveFile: '¿Está seguro de que quiere eliminar este archivo: {0}?',
  confirmRemoveAllFiles: '¿Está seguro de que quiere eliminar todos los archivos?',
  filterStringPlaceholder: 'Escriba para buscar...',
};
