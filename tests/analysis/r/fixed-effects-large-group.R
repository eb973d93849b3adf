# R's numbers for tests/analysis/fixed-effects-large-group.test.ts (R 4.2.2, estimatr 1.0.0):
#   Rscript tests/analysis/r/fixed-effects-large-group.R
# The data are a formula of the row number i = 0 … 300,199 (no random draw; + − × / and %% only, exact or correctly
# rounded in R and in JavaScript alike): a fixed effect g with one group of 300,000 rows and ten of 20; a covariate near
# 1e7 with a trend along the rows (a date, say) and a wobble; an outcome that follows it.
suppressMessages(library(estimatr))
n <- 300200
i <- 0:(n - 1)
g <- ifelse(i < 300000, "big", paste0("s", (i - 300000) %/% 20))
x <- 1e7 + (1e3 * i) / n + ((i * 7919) %% 1000) / 100
y <- 3 + 0.002 * (x - 1e7) + ((i * 104729) %% 2001) / 1000 - 1
d <- data.frame(y, x, g)
show <- function(label, t) cat(label, format(unlist(t[t$term == "x", c("estimate", "std.error", "df")]), digits = 17), "\n")
show("fixed_effects HC1:", tidy(lm_robust(y ~ x, data = d, fixed_effects = ~ g, se_type = "HC1")))
show("fixed_effects HC2:", tidy(lm_robust(y ~ x, data = d, fixed_effects = ~ g, se_type = "HC2")))
show("factor(g) HC1:", tidy(lm_robust(y ~ x + factor(g), data = d, se_type = "HC1")))
