# An independent reference for fixed-effect fits under HC2, HC3 and CR2 (R trial 33's `fe_reference` cases), whose only
# reference until then was estimatr itself (its fit on the demeaned design, with the hat values of the full model).
# Usage (generate.R runs it after q-reference.R): Rscript fe-reference.R INDIR OUTFILE
# The fixed effects join the model as dummies, lm(y ~ terms + factor(g), weights) on lm_robust's rows, and:
#   HC2, HC3: sandwich::vcovHC(type = "HC2" / "HC3") (its hat values those of the full model), t tests on n − p df
#     (p counting the dummies, as estimatr's df);
#   CR2:      clubSandwich::coef_test(vcov = "CR2", cluster, test = "Satterthwaite") on the same lm: SE and df.
# Only estimatr's rows (the formula's terms) are kept; the test compares vlab with them as well as with estimatr.
suppressMessages({library(sandwich); library(clubSandwich); library(jsonlite)})
invisible(Sys.setlocale("LC_COLLATE", "C"))
args <- commandArgs(TRUE); indir <- args[1]; outfile <- args[2]
cases <- fromJSON(file.path(indir, "cases.json"), simplifyVector = FALSE)
expected <- fromJSON(gzfile(outfile), simplifyVector = FALSE)

fe_rows <- function(c, d, terms) {
  used <- unique(c(c$clusters, c$weights))
  if (length(used)) d <- d[complete.cases(d[, used, drop = FALSE]), , drop = FALSE]
  f <- paste(c$formula, "+", paste0("factor(", all.vars(as.formula(c$fixed_effects)), ")", collapse = " + "))
  call <- sprintf("lm(%s, data = d%s)", f, if (is.null(c$weights)) "" else paste0(", weights = ", c$weights))
  m <- eval(parse(text = call))
  if (any(is.na(coef(m)[terms]))) stop(c$id, ": fe_reference on an aliased term")
  if (c$se_type == "CR2") {
    cl <- d[[c$clusters]][match(rownames(model.frame(m)), rownames(d))]
    ct <- coef_test(m, vcov = "CR2", cluster = cl, test = "Satterthwaite", coefs = terms)
    return(list(call = sprintf('clubSandwich::coef_test(%s, vcov = "CR2", cluster = %s, test = "Satterthwaite")', call, c$clusters),
      estimate = ct$beta, se = ct$SE, df = ct$df_Satt))
  }
  V <- vcovHC(m, type = c$se_type)
  list(call = sprintf('sandwich::vcovHC(%s, type = "%s"); t on n - p df', call, c$se_type),
    estimate = unname(coef(m)[terms]), se = unname(sqrt(diag(V)[terms])), df = rep(m$df.residual, length(terms)))
}

added <- 0
for (c in cases) {
  if (!isTRUE(c$fe_reference)) next
  stored <- expected[[c$id]]
  if (!is.null(stored$fe_reference)) next  # stored with unchanged inputs (differential.R kept the entry): kept as it is
  if (!is.null(stored$error)) stop(c$id, ": fe_reference on a fit R stops on")
  d <- read.csv(file.path(indir, c$data_file), stringsAsFactors = FALSE, na.strings = "NA")
  for (v in names(c$levels)) d[[v]] <- factor(d[[v]], levels = unlist(c$levels[[v]]))
  terms <- vapply(stored$rows, function(x) x[[1]], "")
  r <- fe_rows(c, d, terms)
  t <- r$estimate / r$se
  q <- qt(1 - c$alpha / 2, r$df)
  expected[[c$id]]$fe_reference <- lapply(seq_along(t), function(i) list(terms[i], r$estimate[i], r$se[i], t[i], 2 * pt(-abs(t[i]), r$df[i]),
    r$estimate[i] - q[i] * r$se[i], r$estimate[i] + q[i] * r$se[i], r$df[i]))
  expected[[c$id]]$fe_reference_call <- r$call
  added <- added + 1
}
con <- gzfile(outfile, "w")
writeLines(toJSON(expected, auto_unbox = TRUE, na = "null", digits = NA, null = "null"), con)
close(con)
cat("fe-reference:", added, "fixed-effect fits with dummies, sandwich and clubSandwich ->", outfile, "\n")
