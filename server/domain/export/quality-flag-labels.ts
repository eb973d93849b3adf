import { itemBatteries, SPEEDER_FRACTION, SPEEDER_MIN_COMPLETES, type QualityFlagName } from '../quality-flags.ts';
import type { StudyDefinition } from '../study-definition.ts';

/**
 * A quality flag's column label in the codebook: what sets it, in this study (its attention check, its batteries),
 * and what an empty cell or a column that can only read 0 means here. "Quality flag: attention_failed" over an empty
 * column of a study without an attention check, and "Quality flag: speeder" with no rule, left a newcomer asking
 * (walk-through 29). quality-flags.ts computes them.
 */
export function qualityFlagLabel(def: StudyDefinition, name: QualityFlagName): string {
  switch (name) {
    case 'duplicate_panel_id':
      return "Quality flag: the participant's panel ID had already taken part in another wave of this study when they completed (1), or not (0)";
    case 'speeder':
      return `Quality flag: completed in under ${fraction(SPEEDER_FRACTION)} of the median time of the wave's other completes (1), or not (0); empty while they are fewer than ${SPEEDER_MIN_COMPLETES}`;
    case 'straightlining': {
      const batteries = [...itemBatteries(def).keys()];
      return batteries.length
        ? `Quality flag: every item of a battery answered alike (1), or not (0); batteries: ${batteries.join(', ')}`
        : 'Quality flag: every item of a battery answered alike; always 0 here: the study has no battery of 3 or more single-choice items';
    }
    case 'honeypot':
      return 'Quality flag: the hidden field people never see was filled, as only a bot or a form filler would (1), or not (0)';
    case 'attention_failed': {
      const check = def.attentionCheck;
      return check
        ? `Quality flag: failed the attention check, an answer other than "${check.passValue}" to ${check.question} (1), or passed (0)`
        : 'Quality flag: failed the attention check; empty here: the study has no attention check';
    }
  }
}

function fraction(x: number): string {
  return Math.abs(x - 1 / 3) < 1e-12 ? 'a third' : String(x);
}
