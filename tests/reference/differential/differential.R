# R's side of the differential test: fits every case that write-inputs.ts wrote to INDIR and stores the
# expected values, with the R call of each case, in OUTFILE (gzipped JSON, keyed by case id).
# Usage (generate.R runs it): Rscript differential.R INDIR OUTFILE
# A case whose input hash equals the one stored in OUTFILE keeps its stored result (the big CR2 fits take
# minutes); VLAB_REFIT_ALL=1 refits every case (after an upgrade of R or estimatr).
# R 4.2.2, estimatr 1.0.0, survey 4.1-1, pwr 1.3-0. Undeclared factor levels sort as in the C locale (code points),
# which is vlab's deterministic order; a case that needs another order declares its levels.
suppressMessages({library(estimatr); library(survey); library(jsonlite); library(pwr)})
invisible(Sys.setlocale("LC_COLLATE", "C"))
args <- commandArgs(TRUE); indir <- args[1]; outfile <- args[2]
cases <- fromJSON(file.path(indir, "cases.json"), simplifyVector = FALSE)
cache <- new.env()
read_data <- function(file) {
  if (is.null(cache[[file]])) cache[[file]] <- read.csv(file.path(indir, file), stringsAsFactors = FALSE, na.strings = "NA")
  cache[[file]]
}
# Declared levels make a factor exactly as factor(x, levels = ...): other values become NA.
with_levels <- function(d, levels) {
  for (v in names(levels)) d[[v]] <- factor(d[[v]], levels = unlist(levels[[v]]))
  d
}
num <- function(x) if (is.null(x)) NA else x
rows_of <- function(term, estimate, se, statistic, p, low, high, df) {
  lapply(seq_along(term), function(i) list(term[i], estimate[i], se[i], statistic[i], p[i], low[i], high[i], df[i]))
}
# estimatr's tidy repeats a one-outcome fit's rows once per line of the outcome's deparse (an outcome expression past
# ~60 characters, as as.numeric(factor(likl, levels = c(…))) ~ …: R trial 40, 4 rows became 12, the outcome column
# holding the three lines): the same fit, kept once. A fit of several outcomes has a matrix of coefficients.
tidy_fit <- function(fit) {
  t <- tidy(fit)
  if (is.matrix(fit$coefficients)) t else t[seq_along(fit$coefficients), , drop = FALSE]
}
tidy_rows <- function(t) rows_of(t$term, t$estimate, t$std.error, t$statistic, t$p.value, t$conf.low, t$conf.high, if (is.null(t$df)) rep(NA, nrow(t)) else t$df)

# cregg's convention (cregg::cj, survey::svyglm on svydesign(ids = clusters)): z tests, no df. Rows with a
# missing cluster or weight are left out first (svydesign takes none); svyglm evaluates the formula's terms on every
# other row and then leaves out those with a missing value, as lm_robust does (R trial 22: dropping them first
# computed scale(), poly() and cut() on the fitted rows only, another model).
cregg_rows <- function(f, d, c, alpha) {
  used <- unique(c(c$clusters, c$weights))
  d <- d[complete.cases(d[, used, drop = FALSE]), , drop = FALSE]
  w <- if (is.null(c$weights)) ~1 else as.formula(paste0("~", c$weights))
  des <- svydesign(ids = as.formula(paste0("~", c$clusters)), weights = w, data = d)
  m <- svyglm(f, design = des)
  # Every model-matrix column, an aliased one (dropped from svyglm's coef) as NA in its place, as lm_robust's tidy.
  cf <- coef(m)[colnames(model.matrix(m))]; names(cf) <- colnames(model.matrix(m)); s <- summary(m)$coefficients
  se <- ifelse(names(cf) %in% rownames(s), s[match(names(cf), rownames(s)), 2], NA)
  est <- ifelse(is.na(se), NA, cf); z <- est / se; q <- qnorm(1 - alpha / 2)
  rows_of(names(cf), est, se, z, 2 * pnorm(-abs(z)), est - q * se, est + q * se, rep(NA, length(cf)))
}

fit_case <- function(c) {
  d <- with_levels(read_data(c$data_file), c$levels)
  extra <- paste(c(if (!is.null(c$clusters)) paste0(", clusters = ", c$clusters), if (!is.null(c$weights)) paste0(", weights = ", c$weights),
    if (!is.null(c$fixed_effects)) paste0(", fixed_effects = ", c$fixed_effects), if (!is.null(c$subset)) paste0(", subset = ", c$subset)), collapse = "")
  if (c$se_type == "cregg") {
    # With rake_margins (R trial 34): survey::rake's weights from the base weights (or 1) on every row first, then cregg's
    # svyglm with those weights as given (as cregg::cj(weights = ~w) takes them).
    raking <- ""
    if (!is.null(c$rake_margins)) {
      d$raked_ <- rake_weights(list(margins = c$rake_margins, base_weights = c$weights), d)
      raking <- sprintf("d$raked_ <- weights(rake(svydesign(ids = ~1, weights = ~%s, data = d), list(%s), population.margins)); ",
        if (is.null(c$weights)) "1" else c$weights, paste0("~", names(c$rake_margins), collapse = ", "))
      c$weights <- "raked_"
    }
    call <- sprintf("%ssvyglm(%s, design = svydesign(ids = ~%s, weights = %s, data = d))  # cregg: z tests, alpha %s",
      raking, c$formula, c$clusters, if (is.null(c$weights)) "~1" else paste0("~", c$weights), c$alpha)
    return(list(r_call = call, rows = cregg_rows(as.formula(c$formula), d, c, c$alpha)))
  }
  if (!is.null(c$outcome_shift)) return(shifted_fit(c, d, extra))
  if (!is.null(c$rake_margins)) return(raked_fit(c, d))
  call <- sprintf('lm_robust(%s, data = d, se_type = "%s", alpha = %s%s)', c$formula, c$se_type, c$alpha, extra)
  list(r_call = call, rows = tidy_rows(tidy_fit(eval(parse(text = call)))))
}

# rake_margins (case-types.ts, R trial 33): survey::rake from the base weights (or 1) to the margins, then lm_robust with
# the raked weights on every row (raking uses every row, as vlab's rake() does; the fit then drops its incomplete rows).
raked_fit <- function(c, d) {
  rc <- list(margins = c$rake_margins, base_weights = c$weights)
  d$raked_ <- rake_weights(rc, d)
  extra <- paste(c(if (!is.null(c$clusters)) paste0(", clusters = ", c$clusters), if (!is.null(c$fixed_effects)) paste0(", fixed_effects = ", c$fixed_effects)), collapse = "")
  call <- sprintf('lm_robust(%s, data = d, se_type = "%s", alpha = %s, weights = raked_%s)', c$formula, c$se_type, c$alpha, extra)
  list(r_call = sprintf("d$raked_ <- weights(rake(svydesign(ids = ~1, weights = ~%s, data = d), list(%s), population.margins)); %s",
    if (is.null(c$weights)) "1" else c$weights, paste0("~", names(c$rake_margins), collapse = ", "), call), rows = tidy_rows(tidy_fit(eval(parse(text = call)))))
}

# An outcome near outcome_shift (1e9 ± 1e-3): lm_robust of I(y - shift), exact there and fitted with every digit (on y
# itself estimatr loses up to 2e-4 of a slope), then the shift added back to the intercept and its interval.
shifted_fit <- function(c, d, extra) {
  f <- as.formula(c$formula)
  shifted <- sprintf("I(%s - %s) ~ %s", deparse(f[[2]]), format(c$outcome_shift, digits = 17), paste(deparse(f[[3]]), collapse = " "))
  call <- sprintf('lm_robust(%s, data = d, se_type = "%s", alpha = %s%s)', shifted, c$se_type, c$alpha, extra)
  t <- tidy_fit(eval(parse(text = call)))
  i <- t$term == "(Intercept)"
  # With fixed_effects estimatr prints no intercept: a constant shift of y is absorbed by them, the slopes are y's own.
  if (!any(i) && !is.null(c$fixed_effects)) return(list(r_call = paste0(call, "; the shift absorbed by the fixed effects"), rows = tidy_rows(t)))
  if (!any(i)) stop("outcome_shift needs an intercept")
  if (is.na(t$estimate[i])) return(aliased_intercept_shift(c, d, t, shifted, call))
  t$estimate[i] <- t$estimate[i] + c$outcome_shift; t$conf.low[i] <- t$conf.low[i] + c$outcome_shift; t$conf.high[i] <- t$conf.high[i] + c$outcome_shift
  t$statistic[i] <- t$estimate[i] / t$std.error[i]
  t$p.value[i] <- if (is.na(t$df[i])) 2 * pnorm(-abs(t$statistic[i])) else 2 * pt(-abs(t$statistic[i]), t$df[i])
  list(r_call = paste0(call, sprintf("; intercept, its interval + %s, t and p from them", format(c$outcome_shift, digits = 17))), rows = tidy_rows(t))
}

# The intercept aliased (x + 1000 beside poly(x), R trial 32): the constant lies in the span of the kept columns, so the
# shift moves them by shift · γ, γ their coefficients of a column of ones (an exact fit, checked), and not the intercept.
aliased_intercept_shift <- function(c, d, t, shifted, call) {
  if (!is.null(c$clusters)) d <- d[!is.na(d[[c$clusters]]), , drop = FALSE]
  m <- eval(parse(text = sprintf("lm(%s, data = d%s%s)", shifted, if (is.null(c$weights)) "" else paste0(", weights = ", c$weights),
    if (is.null(c$subset)) "" else paste0(", subset = ", c$subset))))
  kept <- t$term[!is.na(t$estimate)]
  X <- model.matrix(m)[, kept, drop = FALSE]
  gamma <- qr.coef(qr(X), rep(1, nrow(X)))
  if (max(abs(X %*% gamma - 1)) > 1e-9) stop("outcome_shift: the intercept is aliased but not in the span of the kept columns")
  k <- match(kept, t$term)
  move <- c$outcome_shift * gamma
  t$estimate[k] <- t$estimate[k] + move; t$conf.low[k] <- t$conf.low[k] + move; t$conf.high[k] <- t$conf.high[k] + move
  t$statistic[k] <- t$estimate[k] / t$std.error[k]
  t$p.value[k] <- if (all(is.na(t$df[k]))) 2 * pnorm(-abs(t$statistic[k])) else 2 * pt(-abs(t$statistic[k]), t$df[k])
  list(r_call = paste0(call, sprintf("; intercept aliased: the kept columns + %s × their fit of a column of ones (qr.coef of model.matrix(lm(...))), t and p from them", format(c$outcome_shift, digits = 17))),
    rows = tidy_rows(t))
}

dim_case <- function(c) {
  d <- with_levels(read_data(c$data_file), c$levels)
  # outcome_shift (case-types.ts): the outcome less it (exact there), which moves neither the difference nor its SE.
  if (!is.null(c$outcome_shift)) d[[c$outcome]] <- d[[c$outcome]] - c$outcome_shift
  # subset_conditions (case-types.ts): the two conditions' rows only (data = d[…, ] in the call), where estimatr stops on a third arm's.
  subset <- isTRUE(c$subset_conditions)
  extra <- paste(c(if (!is.null(c$blocks)) paste0(", blocks = ", c$blocks), if (!is.null(c$clusters)) paste0(", clusters = ", c$clusters),
    if (!is.null(c$weights)) paste0(", weights = ", c$weights),
    if (!is.null(c$condition1)) paste0(", condition1 = ", deparse(c$condition1)),
    if (!is.null(c$condition2)) paste0(", condition2 = ", deparse(c$condition2)), if (!is.null(c$subset)) paste0(", subset = ", c$subset)), collapse = "")
  call <- sprintf("difference_in_means(%s ~ %s, data = %s, alpha = %s%s)", c$outcome, c$treatment,
    if (subset) sprintf("d[d$%s %%in%% c(%s, %s), ]", c$treatment, deparse(c$condition1), deparse(c$condition2)) else "d", c$alpha, extra)
  if (!is.null(c$outcome_shift)) call <- paste0(call, sprintf("  # with d$%s less %s", c$outcome, format(c$outcome_shift, digits = 17)))
  list(r_call = call, rows = tidy_rows(tidy_fit(eval(parse(text = call)))))
}

p_adjust_case <- function(c) {
  p <- vapply(c$p, function(x) if (is.null(x)) NA_real_ else x, 0)
  # c[["n"]], not c$n (partial matching); R's default n (the number of p-values present) when the case gives none.
  n <- if (is.null(c[["n"]])) "" else sprintf(", n = %d", as.integer(c[["n"]]))
  call <- sprintf('p.adjust(c(%s), "%s"%s)', paste(ifelse(is.na(p), "NA", sprintf("%.17g", p)), collapse = ", "), c$method, n)
  list(r_call = call, values = as.list(eval(parse(text = call))))
}

# pwr::pwr.t2n.test, two arms of n1 and n2 (d = delta / sd; a two-sided test counts both regions, power.t.test's strict):
# pwr's own call first (where it stops, so does the case), then a solved n1, n2 or d refined by uniroot(tol = 1e-13) on
# pwr's power function (pwr.t2n.test's uniroot stops at ~1e-4), on pwr's interval for sizes.
t2n_case <- function(c) {
  alt <- if (identical(c[["alternative"]], "one.sided")) "greater" else "two.sided"
  d <- if (is.null(c[["effect"]])) NULL else c[["effect"]] / c[["sd"]]
  n2 <- if (identical(c[["n2"]], "solve")) NULL else c[["n2"]]
  arg <- function(x) if (is.null(x)) "NULL" else format(x, digits = 17)
  call <- sprintf('pwr.t2n.test(n1 = %s, n2 = %s, d = %s, sig.level = %s, power = %s, alternative = "%s")', arg(c[["n"]]), arg(n2), arg(d), arg(c[["alpha"]]), arg(c[["power"]]), alt)
  pwr_answer <- eval(parse(text = call))
  pw <- function(n1, n2, d) pwr.t2n.test(n1 = n1, n2 = n2, d = d, sig.level = c[["alpha"]], alternative = alt)$power
  root <- function(f, interval) uniroot(function(x) f(x) - c[["power"]], interval, tol = 1e-13)$root
  value <- switch(c$solve, power = pwr_answer$power,
    n = root(function(x) pw(x, n2, d), c(2 + 1e-10, 1e9)),
    n2 = root(function(x) pw(c[["n"]], x, d), c(2 + 1e-10, 1e9)),
    effect = c[["sd"]] * root(function(x) pw(c[["n"]], n2, x), c(1e-7, 10)))
  list(r_call = paste0(call, if (c$solve == "power") "" else "; refined by uniroot(tol = 1e-13) on its power"), value = value)
}

power_case <- function(c) {
  if (!is.null(c[["n2"]])) return(t2n_case(c))
  # [[ ]], not $: c$n would partially match a case's `note` when it has no n (R trial 18).
  a <- list(n = c[["n"]], delta = c[["effect"]], sd = c[["sd"]], sig.level = c[["alpha"]], power = c[["power"]], strict = c[["strict"]], tol = 1e-12,
    type = c[["type"]], alternative = c[["alternative"]])
  a <- a[!vapply(a, is.null, NA)]
  value <- function(x) if (is.character(x)) deparse(x) else format(x, digits = 17)
  call <- paste0("power.t.test(", paste(sprintf("%s = %s", names(a), vapply(a, value, "")), collapse = ", "), ")")
  r <- eval(parse(text = call))
  list(r_call = call, value = switch(c$solve, power = r$power, n = r$n, effect = r$delta))
}

# pwr::pwr.2p.test (no n2) or pwr.2p2n.test (vlab's powerCohenH, R trial 34): pwr's own call first (where it stops, so does
# the case), then a solved n, n2 or h refined by uniroot(tol = 1e-13) on pwr's power function, on pwr's own intervals.
power_h_case <- function(c) {
  # jsonlite reads 1000000 as an integer: n1 * n2 would overflow to NA (R's integer product), where an analyst's 1e6 is a double.
  for (k in c("h", "n", "n2", "power", "alpha")) if (is.numeric(c[[k]])) c[[k]] <- as.numeric(c[[k]])
  alt <- if (is.null(c[["alternative"]])) "two.sided" else c[["alternative"]]
  n2 <- if (identical(c[["n2"]], "solve")) NULL else c[["n2"]]
  two <- !is.null(c[["n2"]])
  arg <- function(x) if (is.null(x)) "NULL" else format(x, digits = 17)
  call <- if (two) sprintf('pwr.2p2n.test(h = %s, n1 = %s, n2 = %s, sig.level = %s, power = %s, alternative = "%s")', arg(c[["h"]]), arg(c[["n"]]), arg(n2), arg(c[["alpha"]]), arg(c[["power"]]), alt)
    else sprintf('pwr.2p.test(h = %s, n = %s, sig.level = %s, power = %s, alternative = "%s")', arg(c[["h"]]), arg(c[["n"]]), arg(c[["alpha"]]), arg(c[["power"]]), alt)
  pwr_answer <- eval(parse(text = call))
  pw <- function(h, n1, n2) if (two) pwr.2p2n.test(h = h, n1 = n1, n2 = n2, sig.level = c[["alpha"]], alternative = alt)$power else pwr.2p.test(h = h, n = n1, sig.level = c[["alpha"]], alternative = alt)$power
  root <- function(f, interval) uniroot(function(x) f(x) - c[["power"]], interval, tol = 1e-13)$root
  h_interval <- switch(alt, two.sided = c(1e-10, 10), less = c(-10, 5), greater = c(-5, 10))
  n_interval <- if (two) c(2 + 1e-10, 1e9) else c(2 + 1e-10, 1e9)
  value <- switch(c$solve, power = pwr_answer$power,
    n = root(function(x) pw(c[["h"]], x, n2), n_interval),
    n2 = root(function(x) pw(c[["h"]], c[["n"]], x), n_interval),
    h = root(function(x) pw(x, c[["n"]], n2), h_interval))
  list(r_call = paste0(call, if (c$solve == "power") "" else "; refined by uniroot(tol = 1e-13) on its power"), value = value)
}

# stats::power.prop.test (vlab's powerPropTest) at tol = 1e-12; the solved quantity or the power.
power_prop_case <- function(c) {
  a <- list(n = c[["n"]], p1 = c[["p1"]], p2 = c[["p2"]], power = c[["power"]], sig.level = c[["alpha"]], alternative = c[["alternative"]],
    strict = c[["strict"]], tol = 1e-12)
  a <- a[!vapply(a, is.null, NA)]
  value <- function(x) if (is.character(x)) deparse(x) else format(x, digits = 17)
  call <- paste0("power.prop.test(", paste(sprintf("%s = %s", names(a), vapply(a, value, "")), collapse = ", "), ")")
  r <- eval(parse(text = call))
  list(r_call = call, value = r[[c$solve]])
}

# survey::rake from the base weights (or 1) to margins scaled to their total; epsilon 1e-12 (below 1, survey takes it
# relative to the total weight). A warning (did not converge) is stored as R's error: vlab must refuse the case too.
rake_case <- function(c) {
  w <- rake_weights(c, read_data(c$data_file))
  call <- sprintf("rake(svydesign(ids = ~1, weights = ~%s, data = d), list(%s), population.margins, control = list(maxit = 1000, epsilon = 1e-12))",
    if (is.null(c$base_weights)) "1" else c$base_weights, paste0("~", names(c$margins), collapse = ", "))
  list(r_call = paste0(call, "; weights / mean(weights)"), values = as.list(w))
}
# survey::rake's weights (normalised to mean 1) for margins c$margins from c$base_weights (or 1).
rake_weights <- function(c, d) {
  vars <- names(c$margins)
  d$w0 <- if (is.null(c$base_weights)) rep(1, nrow(d)) else d[[c$base_weights]]
  for (v in vars) d[[v]] <- as.character(d[[v]])
  total <- sum(d$w0)
  pop <- lapply(vars, function(v) {
    m <- unlist(c$margins[[v]])
    s <- data.frame(names(m), m / sum(m) * total, stringsAsFactors = FALSE)
    names(s) <- c(v, "Freq")
    s
  })
  des <- svydesign(ids = ~1, weights = ~w0, data = d)
  warned <- NULL
  rk <- withCallingHandlers(
    rake(des, lapply(vars, function(v) as.formula(paste0("~", v))), pop, control = list(maxit = 1000, epsilon = 1e-12)),
    warning = function(w) { warned <<- conditionMessage(w); invokeRestart("muffleWarning") })
  if (!is.null(warned)) stop(warned)
  w <- weights(rk)
  unname(w / mean(w))
}

stored <- if (file.exists(outfile) && Sys.getenv("VLAB_REFIT_ALL") != "1") fromJSON(gzfile(outfile), simplifyVector = FALSE) else list()
expected <- list()
# R's warnings of lm_robust and difference_in_means (R trial 42): every distinct message of a fit or dim case, in order,
# stored as `warnings` (an empty list when R said nothing); the test compares them with vlab's (differential-warnings.ts).
# A stored case without them (stored before trial 42) is run again for its warnings only; its numbers stay as stored.
records_warnings <- function(c) c$kind %in% c("fit", "dim") && !identical(c$se_type, "cregg")
run_case <- function(c) {
  run <- switch(c$kind, fit = fit_case, dim = dim_case, p_adjust = p_adjust_case, power = power_case, power_prop = power_prop_case, power_h = power_h_case, rake = rake_case)
  warned <- character()
  result <- tryCatch(withCallingHandlers(suppressMessages(run(c)),
    warning = function(w) { warned <<- union(warned, conditionMessage(w)); invokeRestart("muffleWarning") }),
    error = function(e) list(error = conditionMessage(e)))
  if (records_warnings(c)) result$warnings <- as.list(warned)
  result
}
for (c in cases) {
  old <- stored[[c$id]]
  if (!is.null(old) && identical(old$input_hash, c$input_hash) && (!records_warnings(c) || !is.null(old$warnings))) {
    expected[[c$id]] <- old
    next
  }
  started <- proc.time()[["elapsed"]]
  result <- run_case(c)
  seconds <- proc.time()[["elapsed"]] - started
  if (seconds > 5) cat(sprintf("differential: %s took %.0f s\n", c$id, seconds))
  if (!is.null(old) && identical(old$input_hash, c$input_hash)) expected[[c$id]] <- c(old, list(warnings = result$warnings))
  else expected[[c$id]] <- c(list(input_hash = c$input_hash), result)
}
con <- gzfile(outfile, "w")
writeLines(toJSON(expected, auto_unbox = TRUE, na = "null", digits = NA, null = "null"), con)
close(con)
cat("differential:", length(expected), "cases,", sum(vapply(expected, function(e) !is.null(e$error), NA)), "R errors ->", outfile, "\n")
