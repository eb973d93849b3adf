import { r, rVector } from './r-source.ts';

// HC2/HC3 with a row of leverage 1 (the only respondent of a cell of the model, e.g. a moderated control): the
// row's residual is 0 in exact arithmetic and its weight e²/(1 − h) or e²/(1 − h)² is 0/0. lm_robust prints what
// the rounding leaves (an SE 100 times the right one, or NaN); the platform gives the row weight 0, as HC0 does
// (analysis/helpers/sandwich.ts, docs/analysis.md). replicate.R computes that sandwich by hand on lm's fit, so the
// package's check compares the same numbers instead of failing on estimatr's noise.

/** The same threshold as the platform's (sandwich.ts LEVERAGE_ONE): 1 − h ≤ 1e-10 is leverage 1 to rounding. */
const LEVERAGE_ONE = 1e-10;

/** The R function replicate.R defines when a hypothesis uses HC2 or HC3 without clusters. */
export const LEVERAGE_ONE_FUNCTION: readonly string[] = [
  '# HC2/HC3 with a row of leverage 1 (the only respondent of a cell): its weight e^2/(1 - h)^k is 0/0 and lm_robust',
  '# prints rounding noise there; the platform gives the row weight 0, as HC0 does (docs/analysis.md). By hand on lm.',
  '# fe: the plan\'s fixed effects, which lm fits as factor(g) after the intercept and lm_robust absorbs.',
  'with_leverage_one <- function(fit, m, hypothesis, outcome, fe = character(0)) {',
  '  if (!(fit$se_type %in% c("HC2", "HC3"))) return(fit)',
  '  # The columns lm_robust kept (lm may alias another of a dependent set), and the intercept and fixed-effect',
  '  # dummies it absorbed where lm kept them; leverages from their weighted QR.',
  '  X <- model.matrix(m)',
  '  absorbed <- rep(length(fe) > 0, ncol(X)) & colnames(X) == "(Intercept)"',
  '  for (g in fe) absorbed <- absorbed | startsWith(colnames(X), paste0("factor(", g, ")"))',
  '  kept <- colnames(X) %in% names(fit$coefficients)[!is.na(fit$coefficients)] | (absorbed & !is.na(coef(m)[colnames(X)]))',
  '  X <- X[, kept, drop = FALSE]',
  '  absorbed <- absorbed[kept]',
  '  w <- if (is.null(weights(m))) rep(1, nrow(X)) else weights(m)',
  '  hat <- rowSums(qr.Q(qr(X * sqrt(w)))^2)',
  `  one <- 1 - hat <= ${LEVERAGE_ONE}`,
  '  if (!any(one)) return(fit)',
  '  cat(sprintf("replicate.R: %s %s: %s of leverage 1, SEs by hand with weight 0 there\\n", hypothesis, outcome, count_of(sum(one), "row")))',
  '  terms <- colnames(X)[!absorbed]',
  '  # The residuals of the kept columns: lm\'s, whose columns span the same space (fit has no absorbed coefficients).',
  '  e <- if (length(fe)) as.vector(residuals(m)) else as.vector(model.response(model.frame(m)) - X %*% fit$coefficients[terms])',
  '  omega <- ifelse(one, 0, w^2 * e^2 / (1 - hat)^(if (fit$se_type == "HC3") 2 else 1))',
  '  bread <- solve(crossprod(X * sqrt(w)))',
  '  se <- sqrt(diag(bread %*% crossprod(X * sqrt(omega)) %*% bread))[!absorbed]',
  '  fit$std.error[terms] <- se',
  '  fit$statistic[terms] <- fit$coefficients[terms] / se',
  '  fit$p.value[terms] <- 2 * pt(abs(fit$statistic[terms]), fit$df[terms], lower.tail = FALSE)',
  '  q <- qt(1 - fit$alpha / 2, fit$df[terms])',
  '  fit$conf.low[terms] <- fit$coefficients[terms] - q * se',
  '  fit$conf.high[terms] <- fit$coefficients[terms] + q * se',
  '  fit',
  '}',
];

/**
 * The fit call of an unclustered lm_robust hypothesis, wrapped for leverage-1 rows when its se type is HC2 or HC3;
 * `fixedEffects` are the plan's (lmCall fits them as factor(g), lm_robust absorbs them).
 */
export function leverageAwareFit(call: string, lmCall: string, seType: string, hypothesis: string, outcome: string, fixedEffects?: readonly string[]): string {
  if (seType !== 'HC2' && seType !== 'HC3') return call;
  const fe = fixedEffects?.length ? `, fe = ${rVector(fixedEffects)}` : '';
  return `with_leverage_one(${call}, ${lmCall}, ${r(hypothesis)}, ${r(outcome)}${fe})`;
}
