# Expected values for tests/analysis/conjoint-numeric-features.test.ts: a conjoint feature coded as numbers
# (price 5, 10, 20) and a numeric subgroup (wave 5, 10). In R they are factors by factor(), whose levels sort
# numerically (5 < 10 < 20: 5 is the reference, wave 5 the first group); vlab sorted their labels as text
# ("10" < "20" < "5"), which changed the reference, every AMCE and the sign of mm_diffs.
# cregg's computations redone as tests/analysis/r/conjoint.R does: CR2 AMCEs with estimatr (clubSandwich-equal),
# marginal means with survey's svyglm on svydesign(ids = ~id).
# Usage, from the repository root: Rscript tests/analysis/r/conjoint-numeric-features.R   (R 4.2.2, estimatr 1.0.0, survey 4.1-1)
suppressMessages({ library(estimatr); library(survey); library(jsonlite) })
set.seed(20261208)
n_resp <- 60; tasks <- 2
d <- expand.grid(side = 1:2, task = 1:tasks, id = sprintf("r%02d", 1:n_resp))[, c("id", "task", "side")]
n <- nrow(d)
d$price <- sample(c(5, 10, 20), n, TRUE)
d$brand <- sample(c("x", "y"), n, TRUE)
d$wave <- c(5, 10)[1 + (as.integer(factor(d$id)) %% 2)]
d$rating <- round(3 + 0.5 * (d$price == 10) - 0.3 * (d$price == 20) + 0.2 * (d$brand == "y") + rnorm(n), 0)
write.csv(d, "tests/analysis/fixtures/conjoint_numeric_features.csv", row.names = FALSE)
d <- read.csv("tests/analysis/fixtures/conjoint_numeric_features.csv")
f <- d; f$price <- factor(f$price); f$brand <- factor(f$brand)
t <- tidy(lm_robust(rating ~ price + brand, data = f, clusters = id, se_type = "CR2"))
amce <- lapply(2:nrow(t), function(k) list(t$term[k], t$estimate[k], t$std.error[k], t$df[k]))
mm_of <- function(data) {
  m <- svyglm(rating ~ 0 + price, design = svydesign(ids = ~id, data = data))
  lapply(seq_along(coef(m)), function(k) list(levels(data$price)[k], coef(m)[[k]], sqrt(vcov(m)[k, k])))
}
mm <- mm_of(f)
first <- mm_of(f[f$wave == 5, ]); later <- mm_of(f[f$wave == 10, ])
mm_diff <- Map(function(a, b) list(b[[1]], b[[2]] - a[[2]], sqrt(a[[3]]^2 + b[[3]]^2)), first, later)
writeLines(toJSON(list(amce = amce, mm = mm, mm_diff = mm_diff), auto_unbox = TRUE, digits = NA, pretty = TRUE),
           "tests/analysis/fixtures/conjoint_numeric_features.expected.json")
