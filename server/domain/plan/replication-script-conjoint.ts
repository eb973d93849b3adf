import { AnalysisError } from '../../../analysis/index.ts';
import type { StudyDefinition } from '../study-definition.ts';
import { profileCodeColumns } from './code-columns.ts';
import { conjointPlanFormula } from './conjoint-terms.ts';
import { readCsvLines } from './replication-read-csv.ts';
import { adjustmentFamilies, PARTICIPANT_COLUMN } from './execute-plan.ts';
import { planLevels } from './plan-columns.ts';
import type { ConjointHypothesis } from './plan-schema.ts';
import { familyAdjustmentLines } from './family-adjustment-lines.ts';
import { r, rComment, rVector } from './r-source.ts';


/**
 * The R functions that recompute conjoint estimates cregg's way without cregg (not in Debian): estimatr's
 * lm_robust and survey's svyglm / svymean, in the steps of analysis/conjoint (amce.ts, mm.ts, fit.ts). Emitted
 * once, before the conjoint hypotheses; `levels_cj` (the definition's level orders) is defined by the caller.
 */
const CONJOINT_FUNCTIONS = String.raw`
# The rows an estimate uses: profile rows with every used column present (R's na.omit), each factor in the
# definition's level order (first = reference) without the levels nobody shows, as R's model frame drops them.
cj_sample <- function(p, outcome, factors) {
  x <- p[complete.cases(p[, c("participant", outcome, factors)]), , drop = FALSE]
  for (v in factors) {
    lv <- if (is.null(levels_cj[[v]])) sort(unique(as.character(x[[v]])), method = "radix") else levels_cj[[v]]
    x[[v]] <- droplevels(factor(as.character(x[[v]]), levels = lv))
  }
  x
}

# Normal-theory tests and intervals, as cregg reports them (df NA).
cj_normal <- function(term, estimate, se, alpha) {
  z <- estimate / se
  q <- qnorm(1 - alpha / 2)
  data.frame(term = term, estimate = estimate, std_error = se, statistic = z, p_value = 2 * pnorm(-abs(z)),
    conf_low = estimate - q * se, conf_high = estimate + q * se, df = NA_real_, stringsAsFactors = FALSE)
}

# One regression of y on numeric design columns, clustered by participant (analysis/conjoint/fit.ts). se_type
# "cregg" is survey::svyglm's linearization (G/(G - 1) CR0) with z tests, as cregg::amce; the others lm_robust's.
cj_fit <- function(y, X, participant, intercept, se_type, alpha) {
  colnames(X) <- paste0("x", seq_len(ncol(X)))
  x <- data.frame(y = y, participant = participant, X)
  f <- as.formula(paste("y ~", paste(c(if (!intercept) "0", colnames(X)), collapse = " + ")))
  if (se_type == "cregg") {
    fit <- svyglm(f, design = suppressWarnings(svydesign(ids = ~participant, data = x)))
    return(cj_normal(names(coef(fit)), unname(coef(fit)), unname(SE(fit)), alpha))
  }
  t <- tidy(lm_robust(f, data = x, clusters = participant, se_type = se_type, alpha = alpha))
  data.frame(term = t$term, estimate = t$estimate, std_error = t$std.error, statistic = t$statistic,
    p_value = t$p.value, conf_low = t$conf.low, conf_high = t$conf.high, df = t$df, stringsAsFactors = FALSE)
}

# cregg's AMCEs (analysis/conjoint/amce.ts): one regression on every feature, clustered by participant. For a
# restricted pair a * b the model holds the a x b interaction, and the AMCE of level i of a is
# b_ai + (1/m) sum_j b_ai:bj over the pair coefficients lm can estimate (m = 1 + their number), as cregg averages
# them; the same for b over a. Refitting with each of those pair columns shifted by -x_ai / m makes the average
# one coefficient, so its standard error (and CR2's df) is the refit's own. One row per non-reference level.
cj_amce <- function(x, outcome, rhs, pairs, se_type, alpha) {
  f <- as.formula(paste(outcome, rhs))
  X <- model.matrix(f, x)
  kept <- !is.na(coef(lm(f, data = x)))  # the columns R's QR keeps; cregg averages exactly those pairs
  X <- X[, kept, drop = FALSE][, -1, drop = FALSE]
  features <- all.vars(f)[-1]
  rows <- list()
  for (side in if (length(pairs)) 1:2 else 1) {
    Xs <- X
    for (pair in pairs) {
      a <- pair[side]
      b <- pair[3 - side]
      for (main in paste0(a, levels(x[[a]])[-1])) {
        cols <- if (side == 1) paste0(main, ":", b, levels(x[[b]])[-1]) else paste0(b, levels(x[[b]])[-1], ":", main)
        cols <- intersect(cols, colnames(X))
        if (main %in% colnames(X)) for (col in cols) Xs[, col] <- X[, col] - X[, main] / (length(cols) + 1)
      }
    }
    fit <- cj_fit(x[[outcome]], Xs, x$participant, TRUE, se_type, alpha)
    fit$term <- c("(Intercept)", colnames(Xs))
    # Unrestricted features from the first fit (their columns are untouched); each pair's features from their side's.
    seconds <- vapply(pairs, function(pair) pair[2], "")
    mine <- if (side == 1) setdiff(features, seconds) else seconds
    for (v in mine) {
      lv <- levels(x[[v]])[-1]
      est <- fit[match(paste0(v, lv), fit$term), -1]  # a level lm leaves aliased: NA
      rows[[length(rows) + 1]] <- data.frame(feature = v, level = lv, est, row.names = NULL)
    }
  }
  do.call(rbind, rows)
}

# cregg's marginal means (analysis/conjoint/mm.ts): the mean outcome of the profiles showing each level of a feature.
# se_type "cregg" is cregg::mm's own (survey::svyby of svymean per level under svydesign(ids = ~participant), z tests);
# the others lm_robust(y ~ 0 + level), clustered by participant. Tests are against h0.
cj_mm <- function(x, outcome, feature, se_type, alpha, h0) {
  lv <- levels(x[[feature]])
  if (se_type == "cregg") {
    des <- suppressWarnings(svydesign(ids = ~participant, data = x))
    m <- svyby(as.formula(paste0("~", outcome)), as.formula(paste0("~", feature)), des, svymean)
    est <- cj_normal(names(coef(m)), unname(coef(m)), unname(SE(m)), alpha)
  } else {
    est <- cj_fit(x[[outcome]], 1 * outer(as.character(x[[feature]]), lv, "=="), x$participant, FALSE, se_type, alpha)
    est$term <- lv
  }
  est <- est[match(lv, est$term), ]  # a level absent here (within a group): NA
  est$statistic <- (est$estimate - h0) / est$std_error
  est$p_value <- ifelse(is.na(est$df), 2 * pnorm(-abs(est$statistic)), 2 * pt(-abs(est$statistic), est$df))
  data.frame(feature = feature, level = lv, est[, -1], row.names = NULL)
}

# Marginal means of every feature, each on its own complete rows (as cregg's long reshape), within each group of by.
cj_marginal_means <- function(p, outcome, features, by, se_type, alpha, h0) {
  samples <- lapply(features, function(v) cj_sample(p, outcome, c(v, by)))
  if (is.null(by)) return(do.call(rbind, Map(function(x, v) cj_mm(x, outcome, v, se_type, alpha, h0), samples, features)))
  groups <- unique(unlist(lapply(samples, function(x) levels(x[[by]]))))
  groups <- if (is.null(levels_cj[[by]])) sort(groups, method = "radix") else intersect(levels_cj[[by]], groups)
  do.call(rbind, lapply(groups, function(g) do.call(rbind, Map(function(x, v) {
    x <- x[x[[by]] == g, , drop = FALSE]
    if (nrow(x) > 0) cbind(group = g, cj_mm(x, outcome, v, se_type, alpha, h0))
  }, samples, features))))
}

# AMCEs within each group of by (cregg's cj(..., by = )): each group's rows, the features' levels kept.
cj_amce_by <- function(x, by, estimate) {
  do.call(rbind, lapply(levels(x[[by]]), function(g) cbind(group = g, estimate(x[x[[by]] == g, , drop = FALSE]))))
}

# One hypothesis x outcome as plan rows (terms feature, level[, :by group] as estimates.csv names them). An estimate
# the data cannot give is reported and left out, as the platform leaves it out of estimates.csv: the comparison
# below sees any difference.
cj_run <- function(out, hypothesis, outcome, by, compute) {
  e <- tryCatch({
    e <- compute()
    if (is.null(e) || nrow(e) == 0) stop("no complete profile rows")
    e
  }, error = function(err) {
    cat(sprintf("replicate.R: %s %s cannot be estimated (%s)\n", hypothesis, outcome, conditionMessage(err)))
    NULL
  })
  if (is.null(e)) return(out)
  term <- paste0(e$feature, e$level, if (is.null(by)) "" else paste0(":", by, e$group))
  c(out, list(data.frame(hypothesis = hypothesis, outcome = outcome, term = term, estimate = e$estimate,
    std_error = e$std_error, statistic = e$statistic, p_value = e$p_value, conf_low = e$conf_low,
    conf_high = e$conf_high, df = e$df, stringsAsFactors = FALSE)))
}`;

/**
 * The part of replicate.R that recomputes a plan's conjoint hypotheses from profiles.csv, as executeConjointPlan
 * does: the profiles of the participants the exclusions keep (`d`, already filtered), each `by` column taken from
 * the participant's wide row, then per hypothesis and outcome `cj_amce` or `cj_marginal_means`, then p.adjust per
 * family. Leaves the rows in `cj`, with the columns of `est`.
 */
export function conjointReplicationLines(def: StudyDefinition, hypotheses: readonly ConjointHypothesis[], alpha: number, profilesFile: string): string[] {
  const levels = planLevels(def);
  const byColumns = [...new Set(hypotheses.flatMap((h) => (h.by === undefined ? [] : [h.by])))];
  const declared = Object.entries(levels).map(([k, v]) => `  ${k} = ${rVector(v)}`);
  return [
    '',
    `# ---- Conjoint hypotheses: recomputed from ${profilesFile} (participant x task x profile) the way cregg does, ----`,
    '# ---- with estimatr and survey (cregg itself is not needed). ----',
    'suppressMessages(library(survey))',
    ...readCsvLines('p', profilesFile, profileCodeColumns(def)),
    '# The plan\'s exclusions, as for the wide rows: only the profiles of the participants kept above.',
    `p <- p[p$${PARTICIPANT_COLUMN} %in% d$${PARTICIPANT_COLUMN}, , drop = FALSE]`,
    ...byColumns.flatMap((by) => [
      `# by = ${by}: the participant's answer, from the wide rows.`,
      `p[[${r(by)}]] <- d[[${r(by)}]][match(p$${PARTICIPANT_COLUMN}, d$${PARTICIPANT_COLUMN})]`,
    ]),
    `levels_cj <- list(\n${declared.join(',\n')}\n)`,
    ...undeclaredLevelCheck(def),
    CONJOINT_FUNCTIONS,
    'cj_out <- list()',
    ...hypotheses.flatMap((h) => conjointHypothesisLines(def, h, alpha)),
    'cj <- as_estimates(cj_out)',
    ...conjointFamilyLines(hypotheses),
  ];
}

/**
 * Stops the script on a profile whose attribute has a level the design does not declare (profiles.csv edited or
 * damaged): the platform's estimators refuse such a value, and factor() would quietly make it a missing value
 * that the fits then drop.
 */
function undeclaredLevelCheck(def: StudyDefinition): string[] {
  return [
    '# Every attribute level in the profiles must be a declared one: factor() would turn any other into NA, dropped unseen.',
    `for (v in intersect(${rVector(def.factors.map((f) => f.name))}, names(p))) {`,
    '  bad <- setdiff(unique(as.character(na.omit(p[[v]]))), levels_cj[[v]])',
    '  if (length(bad) > 0) stop(sprintf("replicate.R: profiles.csv: feature %s has level \\"%s\\", which is not among its declared levels (%s)", v, bad[1], paste(levels_cj[[v]], collapse = ", ")), call. = FALSE)',
    '}',
  ];
}

/**
 * One hypothesis' cj_run calls. Its formula is read by the estimators' parser (conjointPlanFormula), so the
 * features and restricted pairs here are the ones amce/mm used. A formula that parser refuses never passes the
 * plan's validation; should a stored plan hold one anyway, the platform reports the hypothesis as a problem with
 * no estimates, and the script says so instead of recomputing it.
 */
function conjointHypothesisLines(def: StudyDefinition, h: ConjointHypothesis, alpha: number): string[] {
  const lines = ['', `# ${h.id}: ${rComment(h.description)}`];
  let features: string[];
  let pairs: [string, string][];
  try {
    ({ features, constraints: pairs } = conjointPlanFormula(h.id, def, h.outcomes[0]!, h.formula));
  } catch (error) {
    if (!(error instanceof AnalysisError)) throw error;
    const why = `not recomputed: its formula is refused (${error.message.replace(/\s+/g, ' ')})`;
    return [...lines, `# ${rComment(why)}`, `cat(${r(`replicate.R: ${h.id} ${why}\n`)})`];
  }
  const by = h.by === undefined ? 'NULL' : r(h.by);
  for (const outcome of h.outcomes) {
    let compute: string;
    if (h.estimator === 'amce') {
      const seType = h.seType ?? 'CR2';
      const pairList = `list(${pairs.map((pair) => rVector(pair)).join(', ')})`;
      const fit = `cj_amce(x, ${r(outcome)}, ${r(h.formula)}, ${pairList}, ${r(seType)}, ${alpha})`;
      const sample = `cj_sample(p, ${r(outcome)}, ${rVector(h.by === undefined ? features : [...features, h.by])})`;
      compute = h.by === undefined ? `{ x <- ${sample}; ${fit} }` : `cj_amce_by(${sample}, ${by}, function(x) ${fit})`;
    } else {
      compute = `cj_marginal_means(p, ${r(outcome)}, ${rVector(features)}, ${by}, ${r(h.seType ?? 'cregg')}, ${alpha}, ${h.h0 ?? 0})`;
    }
    lines.push(`cj_out <- cj_run(cj_out, ${r(h.id)}, ${r(outcome)}, ${by}, function() ${compute})`);
  }
  return lines;
}

/** p.adjust per family of conjoint hypotheses: their `terms`, else all their rows (execute-conjoint-plan.ts). */
function conjointFamilyLines(hypotheses: readonly ConjointHypothesis[]): string[] {
  return adjustmentFamilies(hypotheses).flatMap((family) => {
    const tests = family.members.map((h) => (h.terms ? `(cj$hypothesis == ${r(h.id)} & cj$term %in% ${rVector(h.terms)})` : `cj$hypothesis == ${r(h.id)}`));
    return familyAdjustmentLines('cj', family, tests.join(' | '), ' (conjoint)');
  });
}
