# R's side of the conjoint differential test: computes what cregg 0.3.7 computes for every case that
# write-inputs.ts wrote to INDIR, and stores it with each case's R call in OUTFILE (gzipped JSON keyed by case id).
# cregg itself is not installed here (nor on CRAN's reach of this machine): its computations are reproduced with
# the survey package it calls (tests/reference/cases/conjoint/README.md, checked against cregg's own output by
# tests/reference/conjoint-cregg.test.ts and conjoint-estimators.test.ts):
#   amce (se cregg): svyglm(y ~ features, svydesign(ids = ~respondent, weights = ~w or ~1)); a constraint a * b
#     averages the effect of each level over the levels of the other feature it is shown with (w'Vw for the SE)
#   amce (CR2):      estimatr::lm_robust(y ~ features, clusters = respondent, se_type = "CR2"[, weights = w])
#   mm:              per feature svyglm(y ~ 0 + feature, same design); z = (estimate − h0)/SE
#   mm_diffs:        mm within each group of `by` (a design on that group's rows), later minus first, SE₁² + SE₂²
#   amce_diffs:      glm(y ~ (features) * by) with sandwich::vcovCL(cluster = respondent), z tests (unweighted; the
#                    seventh trial), or estimatr's lm_robust CR2 on the same model; each later group's interactions
#   freqs:           counts of each level, chisq.test(counts, p = design probabilities); with weights or an id,
#                    svytable counts and survey::svygofchisq(~feature, p, svydesign(ids = ~id or ~1, weights = ~w or ~1)):
#                    Pearson's X² on the weighted totals, p from its design-based Satterthwaite scale and df
# Rows with a missing value in a used column are dropped first, except from cregg's design for amce (se cregg) and
# mm (each group's for mm_diffs), which keeps every row with an id and a weight as svyglm does (R trial 39).
# Undeclared levels sort in the C locale.
# Usage, from the repository root (R 4.2.2, survey 4.1-1, estimatr 1.0.0):
#   node --import tsx tests/reference/conjoint-differential/write-inputs.ts /tmp/cj-in
#   Rscript tests/reference/conjoint-differential/conjoint.R /tmp/cj-in tests/reference/conjoint-differential/expected.json.gz
suppressMessages({library(survey); library(estimatr); library(jsonlite)})
invisible(Sys.setlocale("LC_COLLATE", "C"))
args <- commandArgs(TRUE); indir <- args[1]; outfile <- args[2]
cases <- fromJSON(file.path(indir, "cases.json"), simplifyVector = FALSE)

prepare <- function(c) {
  d <- read.csv(file.path(indir, c$data_file), stringsAsFactors = FALSE, na.strings = "NA", encoding = "UTF-8")
  features <- unlist(c$features)
  outcome <- if (c$verb == "freqs") NULL else "chosen"
  # freqs counts each feature over the rows where it is present (table() per feature, cj_freqs): its features do
  # not drop rows (tests/analysis/freqs-missing-features.test.ts); the models drop incomplete rows, as svyglm does.
  # mm and mm_diffs reshape to long (cregg::mm): a profile missing one feature's level leaves that feature's means
  # only (R trial 39), so there the features do not drop rows either; mms() leaves out each feature's own NA.
  used <- c(outcome, if (!(c$verb %in% c("freqs", "mm", "mm-diff"))) features, c$id_column, c$weights, c$by)
  # cregg::amce and cregg::mm build svydesign on all the data, and svyglm drops incomplete rows by subsetting the
  # design: a respondent without a complete profile stays among its clusters (R trial 39). design_data holds those
  # rows (every row with an id, a weight and a group of by) for amce's cregg se, mm and mm_diffs.
  full <- d[complete.cases(d[, c(c$id_column, c$weights, c$by), drop = FALSE]), , drop = FALSE]
  d <- d[complete.cases(d[, used, drop = FALSE]), , drop = FALSE]
  # Levels nobody was shown are dropped, as model.frame(drop.unused.levels = TRUE) in svyglm and lm_robust does
  # (freqs sets its own levels: a design level never shown counts 0 there).
  for (f in features) {
    d[[f]] <- droplevels(factor(d[[f]], levels = if (is.null(c$levels)) sort(unique(d[[f]])) else unlist(c$levels[[f]])))
    full[[f]] <- factor(full[[f]], levels = levels(d[[f]]))
  }
  if (!is.null(c$by)) d[[c$by]] <- factor(d[[c$by]], levels = sort(unique(d[[c$by]])))
  if (c$verb %in% c("mm", "mm-diff") || (c$verb == "amce" && !identical(c$se_type, "CR2"))) attr(d, "design_data") <- full
  d
}
# The data of cregg's svydesign: all rows with an id and a weight where prepare() kept them, else the rows given.
design_data <- function(d) if (is.null(attr(d, "design_data"))) d else attr(d, "design_data")
# One group of by: its complete rows, and its design's rows (cj(by =) splits the data, then builds each design).
group_of <- function(d, by, g) {
  full <- design_data(d); out <- d[d[[by]] == g, , drop = FALSE]
  attr(out, "design_data") <- full[full[[by]] == as.character(g), , drop = FALSE]
  out
}
design_of <- function(d, c) svydesign(ids = as.formula(paste0("~", c$id_column)), weights = if (is.null(c$weights)) ~1 else as.formula(paste0("~", c$weights)), data = d)
z_row <- function(feature, level, est, se, h0 = 0) {
  z <- (est - h0) / se; q <- qnorm(0.975)
  list(feature, level, est, se, z, 2 * pnorm(-abs(z)), est - q * se, est + q * se)
}
ref_row <- function(feature, level) list(feature, level, 0, NA, NA, NA, NA, NA)

# cregg's AMCE of level j of a under the constraint a * b: mean over b's levels shown with a_j of the effect there
# (b's reference counts through β_aj alone). Weights over the estimable coefficients; NULL if β_aj itself is not.
interaction_name <- function(cf, x, y) if (paste0(x, ":", y) %in% names(cf)) paste0(x, ":", y) else paste0(y, ":", x)
constrained_weights <- function(cf, a, lj, b, levels_b) {
  est <- cf[!is.na(cf)]; main <- paste0(a, lj)
  if (!(main %in% names(est))) return(NULL)
  terms <- sapply(levels_b[-1], function(lk) interaction_name(cf, main, paste0(b, lk)))
  shown <- terms[terms %in% names(est)]
  w <- setNames(numeric(length(est)), names(est)); w[main] <- 1
  w[shown] <- 1 / (1 + length(shown))
  w
}
amce_cregg <- function(d, c) {
  m <- svyglm(as.formula(c$formula), design = design_of(design_data(d), c))
  cf <- coef(m); est <- cf[!is.na(cf)]; V <- vcov(m)[names(est), names(est), drop = FALSE]
  constraint <- unlist(c$constraint)
  rows <- list()
  for (f in unlist(c$features)) {
    lv <- levels(d[[f]]); rows[[length(rows) + 1]] <- ref_row(f, lv[1])
    for (l in lv[-1]) {
      w <- if (f %in% constraint) constrained_weights(cf, f, l, setdiff(constraint, f), levels(d[[setdiff(constraint, f)]]))
        else if (paste0(f, l) %in% names(est)) setNames(as.numeric(names(est) == paste0(f, l)), names(est)) else NULL
      # A level the data never show (or aliased): no AMCE, NA as svyglm's coefficient.
      rows[[length(rows) + 1]] <- if (is.null(w)) list(f, l, NA, NA, NA, NA, NA, NA) else z_row(f, l, sum(w * est), sqrt(drop(t(w) %*% V %*% w)))
    }
  }
  rows
}
amce_cr2 <- function(d, c) {
  fit <- if (is.null(c$weights)) lm_robust(as.formula(c$formula), data = d, clusters = d[[c$id_column]], se_type = "CR2")
    else lm_robust(as.formula(c$formula), data = d, clusters = d[[c$id_column]], weights = d[[c$weights]], se_type = "CR2")
  t <- tidy(fit); rows <- list()
  for (f in unlist(c$features)) {
    lv <- levels(d[[f]]); rows[[length(rows) + 1]] <- c(ref_row(f, lv[1]), NA)
    for (l in lv[-1]) {
      r <- t[t$term == paste0(f, l), ]
      # A level nobody in these rows was shown (a group of by, R trial 43): no term, NA as an aliased coefficient.
      rows[[length(rows) + 1]] <- if (nrow(r) == 0) list(f, l, NA, NA, NA, NA, NA, NA, NA) else list(f, l, r$estimate, r$std.error, r$statistic, r$p.value, r$conf.low, r$conf.high, r$df)
    }
  }
  rows
}
mms <- function(d, c, h0 = 0) {
  dd <- design_data(d); des <- design_of(dd, c); rows <- list()
  for (f in unlist(c$features)) {
    # One level shown in these rows (a small subgroup): its mean is the intercept (~ 0 + f stops on a one-level factor).
    shown <- unique(as.character(d[[f]][!is.na(d[[f]])]))
    # A feature's missing levels: its rows leave the design as a domain, as svyby(na.rm = TRUE) in cregg's long data.
    des_f <- if (anyNA(dd[[f]])) des[!is.na(dd[[f]]), ] else des
    m <- if (length(shown) == 1) svyglm(chosen ~ 1, design = des_f) else svyglm(as.formula(paste("chosen ~ 0 +", f)), design = des_f)
    cf <- coef(m); se <- sqrt(diag(vcov(m)))
    if (length(shown) == 1) names(cf) <- names(se) <- paste0(f, shown)
    # A level nobody in these rows was shown (a small subgroup) has no mean: NA, as svyglm's aliased coefficient.
    for (l in levels(d[[f]])) rows[[length(rows) + 1]] <- if (paste0(f, l) %in% names(se)) z_row(f, l, cf[[paste0(f, l)]], se[[paste0(f, l)]], h0) else list(f, l, NA, NA, NA, NA, NA, NA)
  }
  rows
}
# cregg::cj(estimate = "mm", by = ~g) (R trial 43): mm within each group of by, a design on that group's rows (as mm_diffs's).
mm_by <- function(d, c) {
  groups <- levels(d[[c$by]]); rows <- list()
  for (g in groups) for (r in mms(group_of(d, c$by, g), c, c$h0)) rows[[length(rows) + 1]] <- c(list(g), r)
  rows
}
# cregg::cj(estimate = "amce", by = ~g) (R trial 43): the AMCEs within each group, each on that group's rows (and design)
# as its own model (cj splits the data): a level the group never saw has no row, its reference is its first level present.
amce_by <- function(d, c) {
  groups <- levels(d[[c$by]]); rows <- list()
  for (g in groups) {
    gd <- group_of(d, c$by, g); full <- attr(gd, "design_data")
    for (f in unlist(c$features)) { gd[[f]] <- droplevels(gd[[f]]); full[[f]] <- factor(as.character(full[[f]]), levels = levels(gd[[f]])) }
    attr(gd, "design_data") <- full
    for (r in (if (identical(c$se_type, "CR2")) amce_cr2 else amce_cregg)(gd, c)) rows[[length(rows) + 1]] <- c(list(g), r)
  }
  rows
}
mm_diffs <- function(d, c) {
  groups <- levels(d[[c$by]])
  if (length(groups) < 2) stop("one group of by among the complete rows")
  base <- mms(group_of(d, c$by, groups[1]), c)
  rows <- list()
  for (g in groups[-1]) {
    other <- mms(group_of(d, c$by, g), c)
    for (k in seq_along(base)) {
      est <- other[[k]][[3]] - base[[k]][[3]]; se <- sqrt(other[[k]][[4]]^2 + base[[k]][[4]]^2)
      rows[[length(rows) + 1]] <- c(list(paste(g, "-", groups[1])), z_row(base[[k]][[1]], base[[k]][[2]], est, se))
    }
  }
  rows
}
# cregg::amce_diffs (0.3.7, unweighted): glm(y ~ (features) * by), sandwich::vcovCL(cluster = id) (HC0 for a glm,
# times G/(G − 1)), z tests; the default CR2: estimatr's lm_robust on the same model. Each later group's interaction
# f_l:by_g, the group's AMCE of l minus the first group's; an interaction no one in the group was shown is NA.
amce_diffs <- function(d, c) {
  features <- unlist(c$features); groups <- levels(d[[c$by]])
  if (length(groups) < 2) stop("one group of by among the complete rows")
  f <- as.formula(sprintf("chosen ~ (%s) * %s", paste(features, collapse = " + "), c$by))
  cregg <- identical(c$se_type, "cregg")
  if (cregg) {
    m <- glm(f, data = d); cf <- coef(m); V <- sandwich::vcovCL(m, cluster = d[[c$id_column]])
    cell <- function(term) if (term %in% rownames(V)) c(z_row("", "", cf[[term]], sqrt(V[term, term]))[3:8], NA) else as.list(rep(NA, 7))
  } else {
    fit <- if (is.null(c$weights)) lm_robust(f, data = d, clusters = d[[c$id_column]], se_type = "CR2")
      else lm_robust(f, data = d, clusters = d[[c$id_column]], weights = d[[c$weights]], se_type = "CR2")
    t <- tidy(fit)
    cell <- function(term) { r <- t[t$term == term, ]; if (nrow(r) == 0 || is.na(r$std.error)) as.list(rep(NA, 7)) else list(r$estimate, r$std.error, r$statistic, r$p.value, r$conf.low, r$conf.high, r$df) }
  }
  rows <- list()
  for (g in groups[-1]) for (ft in features) for (l in levels(d[[ft]])[-1]) {
    rows[[length(rows) + 1]] <- c(list(paste(g, "-", groups[1]), ft, l), cell(paste0(ft, l, ":", c$by, g)))
  }
  rows
}
# vlab's documented order for freqs: declared levels, else the order of the probabilities file; a level of the
# design nobody was shown counts 0 (cj_freqs leaves it out; a randomization check should show it).
freqs <- function(d, c) {
  rows <- list()
  for (f in unlist(c$features)) {
    d[[f]] <- factor(as.character(d[[f]]), levels = if (is.null(c$levels)) names(c$probabilities[[f]]) else unlist(c$levels[[f]]))
    counts <- if (is.null(c$weights)) table(d[[f]]) else tapply(d[[c$weights]], d[[f]], sum, default = 0)
    p <- unlist(c$probabilities[[f]])[levels(d[[f]])]
    test <- suppressWarnings(chisq.test(as.numeric(counts), p = p / sum(p)))
    for (l in levels(d[[f]])) rows[[length(rows) + 1]] <- list(f, l, as.numeric(counts[[l]]), as.numeric(counts[[l]]) / sum(counts), unname(test$statistic), unname(test$parameter), test$p.value)
  }
  rows
}
# Weighted (the R an analyst types with survey): the weighted totals, svygofchisq's design-based test, its scale.
freqs_weighted <- function(d, c) {
  rows <- list()
  des <- svydesign(ids = if (is.null(c$id_column)) ~1 else as.formula(paste0("~", c$id_column)), weights = if (is.null(c$weights)) ~1 else as.formula(paste0("~", c$weights)), data = d)
  for (f in unlist(c$features)) {
    des$variables[[f]] <- factor(as.character(des$variables[[f]]), levels = if (is.null(c$levels)) names(c$probabilities[[f]]) else unlist(c$levels[[f]]))
    lv <- levels(des$variables[[f]])
    # A feature's missing cells (R trial 39): its test on the rows showing it, subset(des, !is.na(f)) as an analyst
    # types it (survey keeps the design's clusters, a domain); on every row svygofchisq stops on the NA.
    des_f <- if (anyNA(des$variables[[f]])) des[!is.na(des$variables[[f]]), ] else des
    counts <- svytable(as.formula(paste0("~", f)), des_f)
    # survey 4.1-1's svygofchisq pairs the probabilities with the levels through split(), which sorts the names:
    # with levels not in sorted order its variance (not X²) takes another level's probability. The test does not
    # depend on the order, so R gets the levels sorted (as split sorts them) and the rows keep vlab's order.
    des_f$variables[[f]] <- factor(as.character(des_f$variables[[f]]), levels = sort(lv))
    p <- unlist(c$probabilities[[f]])[sort(lv)]
    test <- svygofchisq(as.formula(paste0("~", f)), p / sum(p), des_f)
    for (l in lv) rows[[length(rows) + 1]] <- list(f, l, as.numeric(counts[[l]]), as.numeric(counts[[l]]) / sum(counts), unname(test$statistic), unname(test$parameter[["df"]]), test$p.value, unname(test$parameter[["scale"]]))
  }
  rows
}
call_of <- function(c) if (c$verb == "amce" && !is.null(c$by)) sprintf("cregg::cj(d, %s, id = ~%s, estimate = \"amce\", by = ~%s%s)  # each group's %s", c$formula, c$id_column, c$by,
    if (is.null(c$weights)) "" else ", weights = ~w", if (identical(c$se_type, "CR2")) "lm_robust(clusters = respondent, se_type = 'CR2')" else "svyglm") else switch(c$verb,
  amce = if (identical(c$se_type, "CR2")) sprintf("lm_robust(%s, clusters = %s, se_type = 'CR2'%s)", c$formula, c$id_column, if (is.null(c$weights)) "" else ", weights = w")
    else sprintf("cregg::amce(d, %s, id = ~%s%s)", c$formula, c$id_column, if (is.null(c$weights)) "" else ", weights = ~w"),
  mm = sprintf("cregg::%s(d, %s, id = ~%s, h0 = %s%s%s)", if (is.null(c$by)) "mm" else "cj", c$formula, c$id_column, c$h0, if (is.null(c$weights)) "" else ", weights = ~w",
    if (is.null(c$by)) "" else sprintf(", estimate = \"mm\", by = ~%s", c$by)),
  `mm-diff` = sprintf("cregg::mm_diffs(d, %s, by = ~%s, id = ~%s%s)", c$formula, c$by, c$id_column, if (is.null(c$weights)) "" else ", weights = ~w"),
  `amce-diff` = if (identical(c$se_type, "cregg")) sprintf("cregg::amce_diffs(d, %s, by = ~%s, id = ~%s)", c$formula, c$by, c$id_column)
    else sprintf("lm_robust(%s with (features) * %s, clusters = %s, se_type = 'CR2'%s)", c$formula, c$by, c$id_column, if (is.null(c$weights)) "" else ", weights = w"),
  freqs = if (is.null(c$weights) && is.null(c$id_column)) sprintf("cregg::cj_freqs(d, %s) + chisq.test(counts, p = design probabilities)", c$formula)
    else sprintf("svytable(~feature, des) + svygofchisq(~feature, p, des <- svydesign(ids = ~%s, weights = ~%s, data = d)) for each feature of %s",
      if (is.null(c$id_column)) "1" else c$id_column, if (is.null(c$weights)) "1" else c$weights, c$formula))

# A case whose input hash equals the stored one keeps its stored result (two helpers adding cases merge by rerunning);
# VLAB_REFIT_ALL=1 refits every case.
stored <- if (file.exists(outfile) && Sys.getenv("VLAB_REFIT_ALL") != "1") fromJSON(gzfile(outfile), simplifyVector = FALSE) else list()
out <- list()
for (c in cases) {
  if (!is.null(stored[[c$id]]) && identical(stored[[c$id]]$input_hash, c$input_hash)) {
    out[[c$id]] <- stored[[c$id]]
    next
  }
  d <- prepare(c)
  rows <- tryCatch(switch(c$verb,
    amce = if (!is.null(c$by)) amce_by(d, c) else if (identical(c$se_type, "CR2")) amce_cr2(d, c) else amce_cregg(d, c),
    mm = if (is.null(c$by)) mms(d, c, c$h0) else mm_by(d, c), `mm-diff` = mm_diffs(d, c), `amce-diff` = amce_diffs(d, c), freqs = if (is.null(c$weights) && is.null(c$id_column)) freqs(d, c) else freqs_weighted(d, c)), error = function(e) conditionMessage(e))
  out[[c$id]] <- if (is.character(rows)) list(input_hash = c$input_hash, r_call = call_of(c), error = rows)
    else list(input_hash = c$input_hash, r_call = call_of(c), rows = rows)
}
# JSON has no Inf or NaN: stored as the strings R prints ("Inf", "-Inf", "NaN"); NA stays null.
special <- function(x) if (is.list(x)) lapply(x, special) else if (is.numeric(x) && length(x) == 1 && (is.nan(x) || is.infinite(x))) format(x) else x
out <- special(out)
con <- gzfile(outfile, "w"); writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, na = "null", null = "null"), con); close(con)
cat("conjoint.R:", length(out), "cases;", sum(sapply(out, function(o) !is.null(o$error))), "R errors\n")
