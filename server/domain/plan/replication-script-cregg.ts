import { PARTICIPANT_COLUMN } from './execute-plan.ts';
import { r } from './r-source.ts';

// The plan's se type "cregg" for a clustered lm_robust hypothesis (stacked, a repeated-vignette study, or the plan's
// `clusters` column) is survey::svyglm's linearization under svydesign(ids = ~participant) (or ~ that column), G/(G − 1)·CR0 with normal-theory tests, as
// cregg computes it (analysis/helpers/sandwich.ts). estimatr's lm_robust has no such se type, so replicate.R fits
// it with survey as a political scientist replicating cregg would: svydesign on the rows with a participant (and a
// weight), as cregg builds it on the data; svyglm then drops the rows with a missing model variable by subsetting the
// design, which keeps every participant in G, also one with no complete row (R trial 29; before, replicate.R dropped
// those rows before svydesign, and G counted only the participants left).

/** The R function replicate.R defines when a hypothesis uses se type "cregg": tidy()'s columns from svyglm. */
export const CREGG_FIT_FUNCTION: readonly string[] = [
  '# se type "cregg": survey::svyglm clustered by participant or the plan\'s clusters (G/(G - 1) CR0), z tests and normal intervals (df NA).',
  'suppressMessages(library(survey))',
  `svyglm_tidy <- function(f, x, outcome, alpha, weights = NULL, cluster = "${PARTICIPANT_COLUMN}") {`,
  '  x <- x[complete.cases(x[, c(cluster, weights), drop = FALSE]), ]',
  '  ids <- as.formula(paste0("~", cluster))',
  '  des <- suppressWarnings(if (is.null(weights)) svydesign(ids = ids, data = x) else svydesign(ids = ids, weights = as.formula(paste0("~", weights)), data = x))',
  '  fit <- svyglm(f, design = des)',
  '  # Every column of the model, an aliased one with NAs as lm_robust reports it (survey\'s coef() leaves it out).',
  '  b <- setNames(rep(NA_real_, ncol(model.matrix(fit))), colnames(model.matrix(fit)))',
  '  b[names(coef(fit))] <- coef(fit)',
  '  se <- setNames(rep(NA_real_, length(b)), names(b))',
  '  v <- vcov(fit)',
  '  se[rownames(v)] <- sqrt(pmax(0, diag(v)))',
  '  z <- b / se',
  '  q <- qnorm(1 - alpha / 2)',
  '  data.frame(outcome = outcome, term = names(b), estimate = unname(b), std.error = unname(se), statistic = unname(z),',
  '    p.value = unname(2 * pnorm(-abs(z))), conf.low = unname(b - q * se), conf.high = unname(b + q * se), df = NA_real_,',
  '    stringsAsFactors = FALSE)',
  '}',
];

/** The call that fits one outcome of a "cregg" hypothesis, clustered by `cluster`: a tidy data frame. */
export function creggFitCall(outcome: string, rightHandSide: string, alpha: number, weighted: boolean, cluster: string): string {
  const clusterArgument = cluster === PARTICIPANT_COLUMN ? '' : `, cluster = ${r(cluster)}`;
  return `svyglm_tidy(${outcome} ${rightHandSide}, h, ${r(outcome)}, ${alpha}${weighted ? ', "plan_weight"' : ''}${clusterArgument})`;
}
