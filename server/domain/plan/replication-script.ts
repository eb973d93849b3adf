import type { StudyDefinition } from '../study-definition.ts';
import { codedOutcomeRLines } from './coded-outcomes.ts';
import { adjustmentFamilies, PARTICIPANT_COLUMN } from './execute-plan.ts';
import { planLevels } from './plan-columns.ts';
import { planAlpha, type Hypothesis } from './plan-schema.ts';
import { withFixedEffects } from '../../../analysis/helpers/fixed-effects.ts';
import { fixedEffectsFormula, modelRightHandSide } from './plan-terms.ts';
import { conjointReplicationLines } from './replication-script-conjoint.ts';
import { CREGG_FIT_FUNCTION, creggFitCall } from './replication-script-cregg.ts';
import { LEVERAGE_ONE_FUNCTION, leverageAwareFit } from './replication-script-leverage.ts';
import { clusterColumn } from './respondent-clusters.ts';
import { familyAdjustmentLines } from './family-adjustment-lines.ts';
import { r, rComment, rVector } from './r-source.ts';
import { codeColumns } from './code-columns.ts';
import { readCsvLines } from './replication-read-csv.ts';

/** File names inside a replication package. */
export const REPLICATION_FILES = {
  data: 'data.csv',
  codebook: 'codebook.json',
  estimates: 'estimates.csv',
  plan: 'analysis-plan.json',
  script: 'replicate.R',
  readme: 'README.md',
  /** A conjoint wave's profile rows (profiles-csv) of the same completes. */
  profiles: 'profiles.csv',
} as const;


/**
 * An R script that recomputes a plan's estimates from the package's data.csv with estimatr (and survey for
 * raking), in the same steps as executePlan: exclusions, weights, then per hypothesis the subset, the long
 * format, the derived treatment, the factor levels, the fit; then p.adjust per family. A conjoint plan's amce/mm
 * hypotheses are recomputed from profiles.csv (replication-script-conjoint.ts). It ends by comparing its table
 * with estimates.csv row by row and exits 1, naming the hypothesis and term, if any number differs by more than
 * the reference tolerance: relative 1e-6, absolute 1e-10 near zero; p-values relative 1e-6 wherever p > 1e-15,
 * else absolute 1e-15.
 */
export function replicationScript(def: StudyDefinition, meta: { wave: string; planHash: string }): string {
  const plan = def.analysisPlan;
  const alpha = planAlpha(plan);
  // As executeWavePlan: conjoint hypotheses run on a conjoint design's profile rows only.
  const conjoint = def.design?.kind === 'conjoint' ? (plan.conjoint ?? []) : [];
  const lines: string[] = [
    `# Replicates the estimates of wave ${meta.wave} (${def.id} v${def.version}) from ${REPLICATION_FILES.data}${conjoint.length ? ` and ${REPLICATION_FILES.profiles}` : ''}`,
    `# under its pre-registered analysis plan (${REPLICATION_FILES.plan}, plan hash ${meta.planHash}).`,
    `# Run in this folder: Rscript replicate.R   (needs the estimatr package; survey when the plan rakes${conjoint.length ? ' or has conjoint hypotheses' : ''})`,
    'suppressMessages(library(estimatr))',
    '# A count with its noun in agreement: "1 estimate", "2 estimates".',
    'count_of <- function(n, noun) sprintf("%d %s%s", n, noun, ifelse(n == 1, "", "s"))',
    // RStudio's working directory is rarely the package's folder: say so rather than read.csv's "cannot open file".
    `if (!file.exists(${r(REPLICATION_FILES.data)})) stop("no ${REPLICATION_FILES.data} in ", getwd(), ": run ${REPLICATION_FILES.script} in the replication package's folder (setwd() to it in R, or cd to it for Rscript)", call. = FALSE)`,
    ...readCsvLines('d', REPLICATION_FILES.data, codeColumns(def)),
    '# Factor levels in the order of the study definition: the first level is the reference.',
    'as_factors <- function(x, levels_of) {',
    '  for (v in intersect(names(levels_of), names(x))) x[[v]] <- factor(as.character(x[[v]]), levels = levels_of[[v]])',
    '  x',
    '}',
    'tidy_plan <- function(fit, hypothesis) {',
    '  t <- if (is.data.frame(fit)) fit else tidy(fit)',
    '  data.frame(hypothesis = hypothesis, outcome = t$outcome, term = t$term, estimate = t$estimate,',
    '    std_error = t$std.error, statistic = t$statistic, p_value = t$p.value, conf_low = t$conf.low,',
    '    conf_high = t$conf.high, df = t$df, stringsAsFactors = FALSE)',
    '}',
    '# A model the data cannot estimate yet (an early wave) is named and left out, as the platform leaves it out',
    '# of estimates.csv; the comparison below then checks that both left out the same ones.',
    'fit_or_note <- function(hypothesis, outcome, fit) tryCatch(tidy_plan(fit(), hypothesis), error = function(e) {',
    '  cat(sprintf("replicate.R: %s %s not estimable here: %s\\n", hypothesis, outcome, conditionMessage(e)))',
    '  NULL',
    '})',
    '# The rows of a list of fits as one table (none: an empty one), with the adjusted p-values still to fill.',
    'as_estimates <- function(rows) {',
    '  e <- do.call(rbind, rows)',
    '  if (is.null(e)) e <- data.frame(hypothesis = character(), outcome = character(), term = character(), estimate = numeric(),',
    '    std_error = numeric(), statistic = numeric(), p_value = numeric(), conf_low = numeric(), conf_high = numeric(), df = numeric())',
    '  e$p_adjusted <- rep(NA_real_, nrow(e))',
    '  e$adjust_method <- rep(NA_character_, nrow(e))',
    '  e',
    '}',
    'out <- list()',
    '',
  ];
  if (plan.hypotheses.some((h) => h.estimator === 'lm_robust' && !clusterColumn(def, h, PARTICIPANT_COLUMN))) lines.push(...LEVERAGE_ONE_FUNCTION, '');
  if (plan.hypotheses.some((h) => h.estimator === 'lm_robust' && h.seType === 'cregg')) lines.push(...CREGG_FIT_FUNCTION, '');
  lines.push(...codedOutcomeRLines(plan));
  for (const e of plan.exclusions ?? []) {
    lines.push(`# Exclusion: keep ${e.column} in ${rComment(e.keep.join(', '))}${e.reason ? ` (${rComment(e.reason)})` : ''}`);
    lines.push(`d <- d[!is.na(d[[${r(e.column)}]]) & as.character(d[[${r(e.column)}]]) %in% ${rVector(e.keep.map(String))}, ]`);
  }
  if (plan.weights === 'raking' && def.populationMargins) lines.push(...rakingLines(def));
  for (const h of plan.hypotheses) lines.push('', ...hypothesisLines(def, h, alpha, plan.weights === 'raking'));
  lines.push('', 'est <- as_estimates(out)', ...ZERO_VARIANCE_LINES, ...familyLines(plan.hypotheses));
  if (conjoint.length) lines.push(...conjointReplicationLines(def, conjoint, alpha, REPLICATION_FILES.profiles), 'est <- rbind(est, cj)');
  // Else the script's last word was "0 estimates, largest difference 0", as if something had been checked (walk-through 29).
  if (!plan.hypotheses.length && !conjoint.length) lines.push(`cat("replicate.R: the analysis plan pre-registers no hypotheses (\\"hypotheses\\": []): estimates.csv holds none, so there is nothing to recompute\\n")`);
  lines.push('', `write.csv(est, "estimates-r.csv", row.names = FALSE)`, ...comparisonLines());
  return lines.join('\n');
}

/**
 * A coefficient whose true variance is 0 (identified only by rows the fit matches exactly: an 8-complete raked wave
 * whose republican-sponsor rows all answer as the same cost's others) has an SE that is rounding on both sides: ~1e-16
 * or NaN here (the square root of a rounding below 0), ~1e-16 in estimates.csv. Its statistic, p and CI are then
 * rounding over rounding, and p.adjust would carry R's NaN (a family one smaller) against the platform's number,
 * moving every other p of the family. Only where BOTH SEs are rounding (NaN, or at most 1e-10 of the largest SE of
 * the same fit) does such a row take estimates.csv's SE, statistic, p and CI, and the script names it; its estimate
 * is compared as any other, and a real SE on either side is compared as any other, so a true mismatch still fails.
 */
const ZERO_VARIANCE_LINES: readonly string[] = [
  '# A coefficient of true variance 0: both SEs rounding (NaN or <= 1e-10 of its fit\'s largest) -> statistic, p, CI',
  `# are rounding over rounding; they are taken from ${REPLICATION_FILES.estimates} (named below), so the families' p.adjust compare.`,
  `ours0 <- read.csv(${r(REPLICATION_FILES.estimates)}, stringsAsFactors = FALSE, na.strings = c("", "NA"))`,
  'm <- match(paste(est$hypothesis, est$outcome, est$term), paste(ours0$hypothesis, ours0$outcome, ours0$term))',
  'rounding_se <- function(se, fit) {',
  '  top <- if (length(se)) ave(ifelse(is.finite(se), abs(se), 0), fit, FUN = max) else numeric(0)',
  '  is.nan(se) | (is.finite(se) & abs(se) <= 1e-10 * top)',
  '}',
  'fit_of <- paste(est$hypothesis, est$outcome)',
  'zero_var <- which(!is.na(m) & rounding_se(est$std_error, fit_of) & rounding_se(ours0$std_error[m], fit_of))',
  'for (i in zero_var) {',
  '  cat(sprintf("replicate.R: %s %s %s: SE is rounding on both sides (%.3g here, %.3g in estimates.csv; its true variance is 0): SE, statistic, p and CI taken from estimates.csv, not compared\\n",',
  '    est$hypothesis[i], est$outcome[i], est$term[i], est$std_error[i], ours0$std_error[m[i]]))',
  '  for (c in c("std_error", "statistic", "p_value", "conf_low", "conf_high")) est[[c]][i] <- ours0[[c]][m[i]]',
  '}',
];

/**
 * Compares the recomputed table with estimates.csv, row by row by (hypothesis, outcome, term): a row on one side
 * only, or a number past the tolerance, is named and fails the script.
 */
function comparisonLines(): string[] {
  return [
    '',
    `# Compare with the platform's ${REPLICATION_FILES.estimates}.`,
    `ours <- read.csv(${r(REPLICATION_FILES.estimates)}, stringsAsFactors = FALSE, na.strings = c("", "NA"))`,
    'key <- function(x) paste(x$hypothesis, x$outcome, x$term)',
    'only <- c(sprintf("%s: in estimates.csv, not recomputed here", setdiff(key(ours), key(est))),',
    '  sprintf("%s: recomputed here, not in estimates.csv", setdiff(key(est), key(ours))))',
    'if (length(only)) {',
    '  cat(sprintf("replicate.R: MISMATCH %s\\n", only), sep = "")',
    '  quit(status = 1)',
    '}',
    'ours <- ours[match(key(est), key(ours)), ]',
    '# Relative differences, as the reference tolerance: other numbers within 1e-6 relative or 1e-10 absolute;',
    '# p-values relative wherever p > 1e-15, else within 1e-15 absolute. Each is scaled so that 1e-6 is the limit.',
    'cols <- c("estimate", "std_error", "statistic", "p_value", "conf_low", "conf_high", "df", "p_adjusted")',
    'scale <- function(c, x) if (c %in% c("p_value", "p_adjusted")) ifelse(x > 1e-15, x, 1e-9) else pmax(1e-4, x)',
    'gaps <- matrix(vapply(cols, function(c) {',
    '  x <- abs(est[[c]] - ours[[c]]) / scale(c, abs(ours[[c]]))',
    '  x[is.na(est[[c]]) != is.na(ours[[c]])] <- Inf',
    '  x[is.na(x)] <- 0',
    '  x',
    '}, numeric(nrow(est))), nrow = nrow(est), ncol = length(cols), dimnames = list(NULL, cols))',
    'worst <- if (nrow(est)) apply(gaps, 1, max) else numeric(0)',
    'gap <- max(c(0, worst))',
    // Said before the figures: "largest difference 9.27e-13" alone did not say of what, nor where it fails (walk-through 28).
    'cat("replicate.R: each \\"largest difference\\" below is relative to estimates.csv\'s value (absolute for a value near 0); past 1e-6 a row is named and the script exits 1\\n")',
    'for (h in unique(est$hypothesis)) {',
    '  cat(sprintf("replicate.R: %s checked: %s, largest difference %.3g\\n", h, count_of(sum(est$hypothesis == h), "estimate"), max(worst[est$hypothesis == h])))',
    '}',
    'for (i in which(worst > 1e-6)) {',
    '  col <- cols[which.max(gaps[i, ])]',
    '  cat(sprintf("replicate.R: MISMATCH %s %s %s: %s %.10g here, %.10g in estimates.csv\\n", est$hypothesis[i], est$outcome[i], est$term[i], col, est[[col]][i], ours[[col]][i]))',
    '}',
    'cat(sprintf("replicate.R: %s, largest difference from estimates.csv %.3g\\n", count_of(nrow(est), "estimate"), gap))',
    'if (gap > 1e-6) quit(status = 1)',
    '',
  ];
}

function rakingLines(def: StudyDefinition): string[] {
  const margins = def.populationMargins!.margins;
  const entries = Object.entries(margins).map(
    ([v, shares]) => `  ${v} = c(${Object.entries(shares).map(([level, share]) => `${r(level)} = ${share}`).join(', ')})`,
  );
  // raking-margins.ts: answers without a population share keep the sample's share; the margins divide the rest.
  const unshared = Object.entries(def.populationMargins!.noPopulationShare ?? {}).flatMap(([v, answers]) => [
    `u <- as.character(d[[${r(v)}]]) %in% ${rVector(answers)}`,
    `margins[[${r(v)}]] <- c(margins[[${r(v)}]] * (1 - mean(u)), unlist(as.list(table(as.character(d[[${r(v)}]][u])) / nrow(d))))`,
  ]);
  return [
    '# Weights: raked to the population margins (population-margins.json), normalised to mean 1.',
    'suppressMessages(library(survey))',
    `margins <- list(\n${entries.join(',\n')}\n)`,
    ...(unshared.length ? ['# Answers with no population share (noPopulationShare) keep their share of the sample.', ...unshared] : []),
    'des <- svydesign(ids = ~1, data = d, weights = ~rep(1, nrow(d)))',
    'pop <- lapply(names(margins), function(v) { t <- data.frame(names(margins[[v]]), Freq = as.numeric(margins[[v]]) * nrow(d)); names(t)[1] <- v; t })',
    '# A margin level no kept row has (a small wave): survey stops, as the platform refuses to rake; every model is',
    '# then not estimable here, as estimates.csv has none, and the empty tables are compared.',
    'rk <- tryCatch(rake(des, sample.margins = lapply(names(margins), function(v) as.formula(paste0("~", v))), population.margins = pop,',
    '  control = list(maxit = 200, epsilon = 1e-12)), error = function(e) {',
    '  cat(sprintf("replicate.R: cannot rake this wave: %s\\n", conditionMessage(e)))',
    '  NULL',
    '})',
    'if (is.null(rk)) d <- d[0, ] else d$plan_weight <- weights(rk) / mean(weights(rk))',
    'if (is.null(rk)) d$plan_weight <- numeric(0)',
  ];
}

function hypothesisLines(def: StudyDefinition, h: Hypothesis, alpha: number, weighted: boolean): string[] {
  const lines = [`# ${h.id}: ${rComment(h.description)}`, 'h <- d'];
  for (const s of h.subset ?? []) lines.push(`h <- h[as.character(h[[${r(s.column)}]]) %in% ${rVector(s.in.map(String))}, ]`);
  if (h.stack) {
    const { items, itemColumn, valueColumn } = h.stack;
    lines.push(
      `# Long format: one row per participant and item, clustered by ${h.clusters ?? PARTICIPANT_COLUMN}.`,
      `h <- do.call(rbind, lapply(${rVector(items)}, function(item) { x <- h; x[[${r(itemColumn)}]] <- rep(item, nrow(x)); x[[${r(valueColumn)}]] <- x[[item]]; x }))`,
    );
  }
  const levels = planLevels(def, h);
  lines.push(`h <- as_factors(h, list(${Object.entries(levels).map(([k, v]) => `${k} = ${rVector(v)}`).join(', ')}))`);
  const cluster = clusterColumn(def, h, PARTICIPANT_COLUMN);
  const clustered = cluster !== undefined;
  const clusters = cluster ? `, clusters = ${cluster}` : '';
  const weights = weighted ? ', weights = plan_weight' : '';
  if (h.estimator === 'difference_in_means') {
    const { factor, control, treated, term } = h.treatment;
    const isTreated = treated ? `as.character(h[[${r(factor)}]]) %in% ${rVector(treated)}` : `!is.na(h[[${r(factor)}]])`;
    lines.push(
      `h[[${r(term)}]] <- ifelse(as.character(h[[${r(factor)}]]) %in% ${rVector(control)}, 0, ifelse(${isTreated}, 1, NA))`,
      `h <- h[is.na(h[[${r(factor)}]]) | !is.na(h[[${r(term)}]]), ]`,
    );
    const blocks = h.blocks ? `, blocks = ${h.blocks}` : '';
    for (const o of h.outcomes) {
      lines.push(`out[[length(out) + 1]] <- fit_or_note(${r(h.id)}, ${r(o)}, function() difference_in_means(${o} ~ ${term}, data = h${blocks}${clusters}${weights}, alpha = ${alpha}))`);
    }
  } else {
    const seType = h.seType ?? (clustered ? 'CR2' : 'HC2');
    // estimatr's fixed_effects; lm (for leverage-1 rows) fits the same model with factor(g) first, as lmRobust does.
    const fe = fixedEffectsFormula(h);
    const fixedEffects = fe ? `, fixed_effects = ${fe}` : '';
    for (const o of h.outcomes) {
      const call = `lm_robust(${o} ${modelRightHandSide(h)}, data = h${clusters}${weights}${fixedEffects}, se_type = ${r(seType)}, alpha = ${alpha})`;
      const lmCall = `lm(${withFixedEffects('plan', `${o} ${modelRightHandSide(h)}`, h.fixedEffects ?? [])}, data = h${weights})`;
      const fit = seType === 'cregg' ? creggFitCall(o, modelRightHandSide(h), alpha, weighted, cluster ?? PARTICIPANT_COLUMN) : clustered ? call : leverageAwareFit(call, lmCall, seType, h.id, o, h.fixedEffects);
      lines.push(`out[[length(out) + 1]] <- fit_or_note(${r(h.id)}, ${r(o)}, function() ${fit})`);
    }
  }
  return lines;
}

function familyLines(hypotheses: readonly Hypothesis[]): string[] {
  return adjustmentFamilies(hypotheses).flatMap((family) => {
    const tests = family.members.map((h) =>
      h.terms ? `(est$hypothesis == ${r(h.id)} & est$term %in% ${rVector(h.terms)})` : `(est$hypothesis == ${r(h.id)} & est$term != "(Intercept)")`,
    );
    return familyAdjustmentLines('est', family, tests.join(' | '));
  });
}
