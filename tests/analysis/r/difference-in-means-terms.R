# Expected values for tests/analysis/difference-in-means-terms.test.ts: a TRUE/FALSE outcome (1/0, as R's
# model.response reads it; with a missing value), and estimatr's term for each kind of treatment column (dim_like_return: the bare name when condition2 == 1 and condition1 == 0 in R's comparison,
# which a logical FALSE/TRUE treatment passes; else the name pasted to condition2 as R prints it, 1e+05).
# Usage, from the repository root: Rscript tests/analysis/r/difference-in-means-terms.R   (R 4.2.2, estimatr 1.0.0)
suppressMessages({ library(estimatr); library(jsonlite) })
set.seed(20261205)
n <- 24
z <- rep(0:1, n / 2)
d <- data.frame(y = round(1 + 0.5 * z + rnorm(n), 6), logical = z == 1, tf = ifelse(z == 1, "T", "F"),
                big = z * 1e5, two = ifelse(z == 1, 5, 2), text = ifelse(z == 1, "b", "a"))
d$arms <- ifelse(z == 1, rep(c("hi", "mid"), each = n / 4), "lo")
d$dose <- ifelse(z == 1, rep(c(2, 1), each = n / 4), 0)
d$chose <- d$y > 1.2
d$chose[3] <- NA
d$blk <- rep(c("p", "q", "r"), each = n / 3)
write.csv(d, "tests/analysis/fixtures/dim_terms.csv", row.names = FALSE)
d <- read.csv("tests/analysis/fixtures/dim_terms.csv")
one <- function(f, ...) { t <- tidy(difference_in_means(f, data = d, ...)); list(t$term, t$estimate, t$std.error, t$df) }
out <- list(
  logical = one(y ~ logical),
  tf = one(y ~ tf),
  logical_reversed = one(y ~ logical, condition1 = TRUE, condition2 = FALSE),
  big = one(y ~ big),
  two = one(y ~ two),
  text = one(y ~ text),
  # three arms, two compared (vlab dim --condition1 lo --condition2 hi)
  arms = one(y ~ arms, condition1 = "lo", condition2 = "hi"),
  arms_numeric = one(y ~ dose, condition1 = 0, condition2 = 2),
  # one condition named: the other value is condition1 (parse_conditions)
  two_condition2 = one(y ~ two, condition2 = 2),
  logical_outcome = one(chose ~ two),
  logical_outcome_blocked = one(chose ~ two, blocks = blk)
)
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, pretty = TRUE), "tests/analysis/fixtures/dim_terms.expected.json")
