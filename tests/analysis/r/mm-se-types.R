# Expected values for tests/analysis/mm-se-types.test.ts: marginal means (cregg::mm's `outcome ~ 0 + feature`
# per feature, clustered by respondent) under every se type mm accepts, on seeded designs, some with a level
# whose outcomes are all equal (survey's SE is exactly 0 there; estimatr's and clubSandwich's are rounding noise).
#   cregg: survey::svyby(~y, ~f, svydesign(ids = ~id, weights = ~w), svymean), as cregg::mm (z tests)
#   CR0, stata, CR2: estimatr::lm_robust(y ~ 0 + f, clusters = id, weights = w, se_type = ...)
#   CR2 also: clubSandwich::coef_test(lm(y ~ 0 + f, weights = w), "CR2", cluster = id) (Satterthwaite df)
# Each feature uses the rows where it is present (cregg's long reshape drops the others).
# Usage, from the repository root: Rscript tests/analysis/r/mm-se-types.R   (R 4.2.2, estimatr 1.0.0, survey 4.1-1)
suppressMessages({ library(estimatr); library(survey); library(clubSandwich); library(jsonlite) })
design <- function(seed, n_resp, weighted, constant, missing) {
  set.seed(seed)
  per <- sample(2:6, n_resp, TRUE)                      # unbalanced respondents (clusters)
  d <- data.frame(design = seed, id = rep(sprintf("r%02d", 1:n_resp), per))
  n <- nrow(d)
  d$f1 <- sample(c("a", "b", "c"), n, TRUE)
  d$f2 <- sample(c("x", "y"), n, TRUE)
  d$w <- if (weighted) round(runif(n_resp, 0.2, 3), 3)[match(d$id, unique(d$id))] else 1
  d$y <- rbinom(n, 1, 0.3 + 0.2 * (d$f1 == "b") + 0.3 * (d$f2 == "y"))
  if (constant) d$y[d$f1 == "a"] <- 1                  # every answer for level a is 1
  if (missing) d$f2[sample(n, 5)] <- NA
  d
}
d <- rbind(design(101, 14, TRUE, TRUE, FALSE), design(202, 9, FALSE, TRUE, TRUE),
           design(303, 20, TRUE, FALSE, TRUE), design(404, 6, TRUE, FALSE, FALSE))
write.csv(d, "tests/analysis/fixtures/mm_se_types.csv", row.names = FALSE, na = "")
d <- read.csv("tests/analysis/fixtures/mm_se_types.csv", stringsAsFactors = FALSE)
out <- list()
for (s in unique(d$design)) for (f in c("f1", "f2")) {
  sub <- d[d$design == s & !is.na(d[[f]]) & d[[f]] != "", ]
  sub$f <- factor(sub[[f]])
  key <- paste0(s, ":", f)
  sv <- svyby(~y, ~f, svydesign(ids = ~id, weights = ~w, data = sub), svymean)
  out[[key]] <- list(levels = levels(sub$f), cregg = list(estimate = unname(coef(sv)), se = unname(SE(sv))))
  for (t in c("CR0", "stata", "CR2")) {
    m <- lm_robust(y ~ 0 + f, data = sub, clusters = id, weights = w, se_type = t)
    out[[key]][[t]] <- list(estimate = unname(coef(m)), se = unname(m$std.error), df = unname(m$df))
  }
  cs <- coef_test(lm(y ~ 0 + f, data = sub, weights = w), vcov = "CR2", cluster = sub$id, test = "Satterthwaite")
  out[[key]]$clubSandwich <- list(se = cs$SE, df = cs$df_Satt)
}
writeLines(toJSON(out, digits = NA, auto_unbox = FALSE, pretty = TRUE), "tests/analysis/fixtures/mm_se_types.expected.json")
