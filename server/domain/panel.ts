import { z } from 'zod';

/**
 * Parameters that panels append to the survey link: Prolific (PROLIFIC_PID, STUDY_ID, SESSION_ID), MTurk
 * (workerId, assignmentId, hitId), Lucid-style (RID or rid). Kept with the participant and filled into the
 * wave's redirect URLs.
 */
export const PANEL_PARAMS = ['PROLIFIC_PID', 'STUDY_ID', 'SESSION_ID', 'workerId', 'assignmentId', 'hitId', 'RID', 'rid'] as const;
export type PanelParamName = (typeof PANEL_PARAMS)[number];
export type PanelParams = Partial<Record<PanelParamName, string>>;

const panelValue = z.string().regex(/^[\x21-\x7e]{1,128}$/, 'expected 1–128 printable ASCII characters');

/** Unknown parameters are dropped, not refused: links carry all sorts of tracking parameters. */
export const panelParamsSchema = z.object(
  Object.fromEntries(PANEL_PARAMS.map((name) => [name, panelValue.optional()])) as Record<PanelParamName, z.ZodOptional<typeof panelValue>>,
);

export type PanelSource = 'prolific' | 'mturk' | 'lucid';

/** Who this respondent is on their panel, if the link says: the key that makes a participant sticky. */
export function panelIdentity(params: PanelParams): { source: PanelSource; id: string } | null {
  if (params.PROLIFIC_PID) return { source: 'prolific', id: params.PROLIFIC_PID };
  if (params.workerId) return { source: 'mturk', id: params.workerId };
  const rid = params.RID ?? params.rid;
  if (rid) return { source: 'lucid', id: rid };
  return null;
}

/** `{participant}` plus every panel parameter may appear in a redirect URL. */
export const REDIRECT_PLACEHOLDERS = ['participant', ...PANEL_PARAMS] as const;

/** A reason the redirect URL template is unusable, or null. */
export function redirectTemplateProblem(template: string): string | null {
  let url: URL;
  try {
    url = new URL(template.replace(/\{[A-Za-z_]+\}/g, 'x'));
  } catch {
    return `"${template}" is not an absolute URL`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `"${template}" must be an http(s) URL`;
  for (const [, name] of template.matchAll(/\{([^}]*)\}/g)) {
    if (!(REDIRECT_PLACEHOLDERS as readonly string[]).includes(name!)) {
      return `unknown placeholder {${name}} in "${template}" (known: ${REDIRECT_PLACEHOLDERS.map((p) => `{${p}}`).join(', ')})`;
    }
  }
  return null;
}

/** The redirect URL with placeholders replaced by this participant's (URL-encoded) values; missing → empty. */
export function fillRedirectUrl(template: string, params: PanelParams, participantCode: string): string {
  return template.replace(/\{([A-Za-z_]+)\}/g, (_, name: string) => {
    const value = name === 'participant' ? participantCode : params[name as PanelParamName];
    return encodeURIComponent(value ?? '');
  });
}
