/**
 * Parameters that panels append to the survey link: Prolific (PROLIFIC_PID, STUDY_ID, SESSION_ID), MTurk
 * (workerId, assignmentId, hitId), Lucid-style (RID or rid). Kept with the participant and filled into the
 * wave's redirect URLs. The respondent page (public/src, bundled for the browser) reads them from its URL with
 * this same list, so this file must stay free of imports.
 */
export const PANEL_PARAMS = ['PROLIFIC_PID', 'STUDY_ID', 'SESSION_ID', 'workerId', 'assignmentId', 'hitId', 'RID', 'rid'] as const;
