# Expected values for R trial 28's distribution cases of tests/analysis/distributions.test.ts (R 4.2.2, base R only).
# Run from the repository root:
#   Rscript tests/analysis/r/distribution-tails-28.R
# Writes tests/analysis/fixtures/distribution_tails_28.json: pt(t, df) at df below 1 and fractional (CR2's Satterthwaite
# df: 0.2 … 3.7) for t = -1 … -1e6, where p falls below 1e-12; pt at df 15 … 400 where p lies between 1e-30 and 1e-12;
# qt(p, df) for the interval quantiles of extreme levels (alpha / 2 = 5e-15 … 0.4995) at the same df; qnorm of those
# p; pnorm(z) for z where R's pnorm switches branch (-0.67449, -5.657, -37.5193). Every number with 17 digits.
dfs <- c(0.2, 0.5, 0.75, 0.999, 1.37, 2.5, 3.7)
ts <- c(-1, -3, -10, -1e2, -1e4, -1e6)
pt_small <- expand.grid(t = ts, df = dfs)
pt_small$p <- mapply(pt, pt_small$t, pt_small$df)
pt_mid <- expand.grid(t = c(-8, -10, -12, -15, -20), df = c(15, 17.25, 30, 61.5, 120, 400))
pt_mid$p <- mapply(pt, pt_mid$t, pt_mid$df)
ps <- c(5e-15, 5e-11, 5e-9, 5e-4, 0.4995)
qt_cases <- expand.grid(p = ps, df = c(dfs, 15, 61.5, 400))
qt_cases$q <- mapply(qt, qt_cases$p, qt_cases$df)
qnorm_cases <- data.frame(p = ps)
qnorm_cases$q <- qnorm(qnorm_cases$p)
pnorm_cases <- data.frame(z = c(-0.67449, -0.6745, -5.657, -5.6569, -37.5193, -38.4))
pnorm_cases$p <- pnorm(pnorm_cases$z)
rows <- function(d) paste0("[", apply(d, 1, function(r) paste(sprintf("%.17g", r), collapse = ",")), "]", collapse = ",\n")
writeLines(c("{\"pt_small_df\": [", rows(pt_small), "],\n\"pt_mid_df\": [", rows(pt_mid), "],\n\"qt\": [", rows(qt_cases),
  "],\n\"qnorm\": [", rows(qnorm_cases), "],\n\"pnorm\": [", rows(pnorm_cases), "]}"), "tests/analysis/fixtures/distribution_tails_28.json")
