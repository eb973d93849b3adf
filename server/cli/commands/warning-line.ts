import { withoutEstimatorName } from '../../../analysis/helpers/warning-text.ts';

/**
 * An estimator's warning as every verb prints it on stderr: `vlab amce: warning: feature "regime": …`, with `about`
 * (`vlab estimates: H3 (economic_sanctions): warning: …`) when one run fits several models. The verb names the
 * estimator already, so the message's own "amce: " / "lmRobust: " is left out (the dashboard's cards and
 * `vlab estimates`' table word it the same way).
 */
export function warningLine(verb: string, message: string, about?: string): string {
  return `vlab ${verb}: ${about === undefined ? '' : `${about}: `}warning: ${withoutEstimatorName(message)}\n`;
}
