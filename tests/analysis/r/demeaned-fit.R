# Expected values for tests/analysis/demeaned-fit.test.ts: 300 respondents × 4 tasks × 2 profiles (2,400 rows), a
# conjoint analysed with one fixed effect per respondent, as estimatr computes it (R 4.2.2, estimatr 1.0.0).
#   Rscript tests/analysis/r/demeaned-fit.R   (from the repository root; writes the two fixtures)
suppressMessages({ library(estimatr); library(jsonlite) })
set.seed(20261205)
n_resp <- 300
rows <- n_resp * 4 * 2
d <- data.frame(
  resp = rep(sprintf("r%03d", seq_len(n_resp)), each = 8),
  party = sample(c("dem", "green", "rep"), rows, replace = TRUE),
  age = sample(c("30s", "50s", "70s"), rows, replace = TRUE),
  x = round(runif(rows, 0, 10), 3),
  w = round(runif(rows, 0.3, 2.5), 3)
)
d$region <- paste0("reg", (as.integer(factor(d$resp)) %% 12) + 1)
effect <- rnorm(n_resp)[as.integer(factor(d$resp))]
d$y <- round(effect + 0.4 * (d$party == "green") - 0.2 * (d$age == "70s") + 0.05 * d$x + rnorm(rows), 4)
# Some respondents answered one task only (their two rows), one respondent one row: leverage 1 under HC2/HC3.
d <- d[!(d$resp %in% sprintf("r%03d", 1:20) & ave(seq_len(rows), d$resp, FUN = seq_along) > 2), ]
d <- d[!(d$resp == "r021" & ave(seq_len(nrow(d)), d$resp, FUN = seq_along) > 1), ]
write.csv(d, "tests/analysis/fixtures/fixed_effects_300.csv", row.names = FALSE)

f <- y ~ party + age + x
fit <- function(...) {
  m <- lm_robust(f, data = d, fixed_effects = ~ resp, ...)
  list(term = names(coef(m)), estimate = unname(coef(m)), std_error = unname(m$std.error), df = unname(m$df))
}
out <- list(
  HC2 = fit(se_type = "HC2"),
  HC0 = fit(se_type = "HC0"),
  HC1 = fit(se_type = "HC1"),
  HC3 = fit(se_type = "HC3"),
  classical = fit(se_type = "classical"),
  weighted_HC2 = fit(se_type = "HC2", weights = w),
  stata_resp = fit(se_type = "stata", clusters = resp),
  CR0_region = fit(se_type = "CR0", clusters = region),
  weighted_stata_region = fit(se_type = "stata", clusters = region, weights = w),
  CR2_resp = fit(se_type = "CR2", clusters = resp),
  CR2_region = fit(se_type = "CR2", clusters = region)
)
writeLines(toJSON(out, digits = NA, auto_unbox = FALSE), "tests/analysis/fixtures/fixed_effects_300.expected.json")
