# Expected values for the far-tail cases of tests/analysis/distributions.test.ts (R 4.2.2, base R only). Run from the
# repository root:
#   Rscript tests/analysis/r/distribution-tails.R
# Writes tests/analysis/fixtures/distribution_tails.json: pt(t, df) for t = -3 ... -200 and qt(p, df) for p = 1e-3 ... 1e-100,
# over df from 1 to 1e5 (fractional ones too), and pnorm(z) down to z = -37.5 and qnorm(p) for the same p, every
# number with 17 significant digits. The same grid measured jstat against R (docs/analysis.md, "Distributions").
dfs <- c(1, 2.5, 5, 12.3, 30, 300, 1e4, 1e5)
ts <- c(-3, -6, -10, -20, -40, -80, -200)
ps <- c(1e-3, 1e-6, 1e-10, 1e-20, 1e-50, 1e-100)
pt_cases <- expand.grid(t = ts, df = dfs)
pt_cases$p <- mapply(function(t, df) pt(t, df), pt_cases$t, pt_cases$df)
qt_cases <- expand.grid(p = ps, df = dfs)
qt_cases$q <- mapply(function(p, df) qt(p, df), qt_cases$p, qt_cases$df)
pnorm_cases <- data.frame(z = c(-3, -6, -8, -9, -12, -20, -30, -37.5))
pnorm_cases$p <- pnorm(pnorm_cases$z)
qnorm_cases <- data.frame(p = ps)
qnorm_cases$q <- qnorm(qnorm_cases$p)
# jsonlite prints at most 15 significant digits; sprintf("%.17g") keeps every bit of R's doubles.
rows <- function(d) paste0("[", apply(d, 1, function(r) paste(sprintf("%.17g", r), collapse = ",")), "]", collapse = ",\n")
writeLines(c("{\"pt\": [", rows(pt_cases), "],\n\"qt\": [", rows(qt_cases), "],\n\"pnorm\": [", rows(pnorm_cases),
  "],\n\"qnorm\": [", rows(qnorm_cases), "]}"), "tests/analysis/fixtures/distribution_tails.json")
