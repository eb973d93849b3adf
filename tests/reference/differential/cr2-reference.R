# A second, independent reference for the differential test's CR2 fits, for the few designs where estimatr
# itself loses digits (a covariate far from zero with little spread makes X'X ill-conditioned: on random-17,
# x1 ≈ 999.5 ± 0.3, estimatr's intercept SE is off by 3e-5 and its df by 10 %).
# Usage (generate.R runs it after differential.R): Rscript cr2-reference.R INDIR OUTFILE
# For every unweighted CR2 fit without aliased columns and with ≤ 20,000 rows, the model is refitted on the orthonormal
# design Q of X = QR (QR by Householder, well-conditioned whatever X is), and each coefficient of the original
# model is the contrast R⁻¹[j, ] of Q's coefficients. Two routes on Q:
#   1. clubSandwich::linear_contrast(lm(y ~ 0 + Q), vcov = "CR2", cluster, contrasts = R⁻¹,
#      test = "Satterthwaite") — SE and Bell–McCaffrey df of each original coefficient;
#   2. estimatr's lm_robust(y ~ 0 + Q, CR2) mapped back by V = R⁻¹ V_Q R⁻ᵀ — SE.
# (clubSandwich on the original X loses digits too: 4e-8 on random-17.) Where estimatr's SE or df on X differs
# from route 1 by more than 1e-6 (the test's tolerance) AND routes 1 and 2 agree on every SE to 1e-9, the case
# gets `cr2_reference`: the tidy rows with route 1's SE and df (t, p and the interval recomputed from them as
# lm_robust does), and the test compares vlab with those instead. Everywhere else estimatr stays the reference.
suppressMessages({library(estimatr); library(clubSandwich); library(jsonlite)})
invisible(Sys.setlocale("LC_COLLATE", "C"))
args <- commandArgs(TRUE); indir <- args[1]; outfile <- args[2]
cases <- fromJSON(file.path(indir, "cases.json"), simplifyVector = FALSE)
expected <- fromJSON(gzfile(outfile), simplifyVector = FALSE)
rel <- function(a, b) max(abs(a - b) / pmax(abs(b), 1e-300))
# A df estimatr stored as null (NA: JSON has no NaN) is NA_real_, so vapply keeps one number a row.
num <- function(x) if (is.null(x)) NA_real_ else x
added <- 0
for (c in cases) {
  stored <- expected[[c$id]]
  if (c$kind != "fit" || c$se_type != "CR2" || !is.null(stored$error)) next
  # Nearly collinear designs have their own reference on Q for every se type (q-reference.R).
  if (isTRUE(c$q_reference)) next
  # Weighted fits stay with estimatr: linear_contrast cannot take a weighted lm, and refitting √w·y on √w·X
  # does not reproduce estimatr's weighted CR2 df. (They all pass at 1e-6 against estimatr today.)
  if (!is.null(c$weights)) next
  # Fixed effects: estimatr's rows leave out the absorbed terms, which lm(formula) here would not have (another model;
  # the script stopped on R trial 16's first such fit, t16-fecl-crossed-CR2, until trial 18).
  if (!is.null(c$fixed_effects)) next
  # subset = (R trial 28): lm(formula) here would fit every row, another model. Until R trial 32 this script did, and a
  # rerun stored a reference for t28-subset-cr2-drop-cluster-rows and t29-alpha-cr2-five-clusters 3 % off estimatr's SE.
  if (!is.null(c$subset)) next
  # rake_margins (R trial 33): weighted by the raked weights, which lm(formula) here would not have (another model).
  if (!is.null(c$rake_margins)) next
  if (any(vapply(stored$rows, function(r) is.null(r[[3]]), NA))) next  # aliased columns: lm and estimatr may drop different ones
  d <- read.csv(file.path(indir, c$data_file), stringsAsFactors = FALSE, na.strings = "NA")
  for (v in names(c$levels)) d[[v]] <- factor(d[[v]], levels = unlist(c$levels[[v]]))
  f <- as.formula(c$formula)
  if (nrow(d) > 20000) next
  # estimatr's own output on X is the one differential.R stored: compared, not refitted.
  e <- list(coefficients = setNames(vapply(stored$rows, function(r) r[[2]], 0), vapply(stored$rows, function(r) r[[1]], "")),
    std.error = vapply(stored$rows, function(r) r[[3]], 0), df = vapply(stored$rows, function(r) num(r[[8]]), 0))
  # An SE or df estimatr gives as NA or NaN (a df of 0 clusters' worth): nothing to compare digits with; left to estimatr.
  if (anyNA(e$std.error) || anyNA(e$df)) next
  # lm evaluates the formula's terms on every row and only then leaves out the rows with a missing value, as lm_robust's
  # model frame does: scale(), poly(), cut() or mean() of a column whose other rows miss the outcome are computed on all
  # rows (R trial 22; before, the rows were dropped first, another model). A missing cluster goes by `subset`, which
  # model.frame applies after evaluating the terms too.
  has_cluster <- !is.na(d[[c$clusters]])
  m <- lm(f, data = d, subset = has_cluster)
  cl <- d[[c$clusters]][match(rownames(model.frame(m)), rownames(d))]
  X <- model.matrix(m); qx <- qr(X); Q <- qr.Q(qx); R <- qr.R(qx)
  if (any(qx$pivot != seq_len(ncol(X)))) next
  dq <- data.frame(y = model.response(model.frame(m)), Q)
  fq <- as.formula(paste("y ~ 0 +", paste(names(dq)[-1], collapse = " + ")))
  Rinv <- backsolve(R, diag(ncol(R)))
  cs <- tryCatch(linear_contrast(lm(fq, data = dq), vcov = "CR2", cluster = cl, contrasts = Rinv, test = "Satterthwaite"),
    error = function(err) { cat("cr2-reference:", c$id, "left to estimatr: clubSandwich:", conditionMessage(err), "\n"); NULL })
  if (is.null(cs)) next
  if (rel(e$std.error, cs$SE) <= 1e-6 && rel(e$df, cs$df) <= 1e-6) next
  eq <- lm_robust(fq, data = dq, clusters = cl, se_type = "CR2")
  se_q <- sqrt(diag(Rinv %*% vcov(eq) %*% t(Rinv)))
  if (rel(se_q, cs$SE) > 1e-9) next
  t <- e$coefficients / cs$SE; q <- qt(1 - c$alpha / 2, cs$df)
  rows <- lapply(seq_along(t), function(i) list(names(t)[i], e$coefficients[[i]], cs$SE[i], t[[i]], 2 * pt(-abs(t[[i]]), cs$df[i]),
    e$coefficients[[i]] - q[i] * cs$SE[i], e$coefficients[[i]] + q[i] * cs$SE[i], cs$df[i]))
  expected[[c$id]]$cr2_reference <- rows
  expected[[c$id]]$cr2_reference_call <- sprintf('linear_contrast(lm(y ~ 0 + Q), vcov = "CR2", cluster = d$%s, contrasts = solve(R), test = "Satterthwaite") with X = QR from %s; estimatr on X differs by %.1e (SE), %.1e (df)',
    c$clusters, c$formula, rel(e$std.error, cs$SE), rel(e$df, cs$df))
  added <- added + 1
  cat("cr2-reference:", c$id, "\n")
}
con <- gzfile(outfile, "w")
writeLines(toJSON(expected, auto_unbox = TRUE, na = "null", digits = NA, null = "null"), con)
close(con)
cat("cr2-reference:", added, "cases where estimatr loses digits ->", outfile, "\n")
