# Expected values for tests/analysis/aliasing.test.ts: which columns estimatr drops as aliased, and every estimate.
# Run from the repository root (R 4.2.2, estimatr 1.0.0 built against RcppEigen 0.3.3.9 / Eigen 3.3.9):
#   Rscript tests/analysis/r/aliasing.R [path/to/cregg/immigration.csv]
# With the path, it first rewrites tests/analysis/fixtures/immigration.csv.gz (cregg's `immigration` data, the columns
# the model uses). It always rewrites the expected files from the data in tests/analysis/fixtures/.
suppressMessages(library(estimatr))
fixtures <- "tests/analysis/fixtures"
args <- commandArgs(trailingOnly = TRUE)

tidy_out <- function(fit, id = NULL) {
  t <- tidy(fit)[, c("term", "estimate", "std.error", "statistic", "p.value", "conf.low", "conf.high", "df")]
  if (!is.null(id)) t <- cbind(design = id, t)
  t
}
write_expected <- function(t, file) {
  num <- vapply(t, is.numeric, logical(1))
  t[num] <- lapply(t[num], function(x) ifelse(is.na(x), NA, sprintf("%.17g", x)))
  write.csv(t, file.path(fixtures, file), row.names = FALSE, na = "NA", quote = which(!num))
}

# 1. cregg's immigration conjoint (Hainmueller, Hopkins & Yamamoto 2014): restricted randomization leaves
#    Education x Job and CountryOfOrigin x ReasonForApplication cells empty, and collinear only in sets.
columns <- c("CaseID", "ChosenImmigrant", "Gender", "Education", "Job", "LanguageSkills", "CountryOfOrigin",
             "ReasonForApplication", "JobExperience", "JobPlans", "PriorEntry")
if (length(args) >= 1) {
  source_data <- read.csv(args[1], stringsAsFactors = FALSE)[, columns]
  con <- gzfile(file.path(fixtures, "immigration.csv.gz"), "w")
  write.csv(source_data, con, row.names = FALSE)
  close(con)
}
d <- read.csv(file.path(fixtures, "immigration.csv.gz"), stringsAsFactors = FALSE)
levels_table <- read.csv(file.path(fixtures, "immigration_levels.csv"), stringsAsFactors = FALSE)
for (f in unique(levels_table$feature)) d[[f]] <- factor(d[[f]], levels = levels_table$level[levels_table$feature == f])
fit <- lm_robust(ChosenImmigrant ~ Gender + Education * Job + LanguageSkills + CountryOfOrigin * ReasonForApplication +
                   JobExperience + JobPlans + PriorEntry, data = d, clusters = CaseID)
write_expected(tidy_out(fit), "immigration_aliasing.expected.csv")

# 2. Designs built to hit ties: factors a (3-5 levels) and b (3-4 levels) where some levels of b occur only with
#    some levels of a, so that the a:b dummies of such a level of b sum to its main-effect dummy. After that dummy
#    is pivoted in, the remaining norms of two of them are equal in exact arithmetic and rounding decides which
#    one Eigen keeps. Rows come in random cluster order (estimatr sorts them), some fits are weighted (weights in
#    sixteenths, exact in decimal, so R and JavaScript read the same doubles) and some have no clusters.
set.seed(20261202)
designs <- list()
expected <- list()
calls <- list()
for (id in 1:60) {
  n <- sample(c(20:80, 100:900), 1)
  ka <- sample(3:5, 1)
  kb <- sample(3:4, 1)
  a <- sample(ka, n, replace = TRUE)
  b <- sample(kb, n, replace = TRUE)
  restricted <- sample(2:kb, sample(1:(kb - 1), 1))
  for (level in restricted) {
    allowed <- sample(ka, sample(2:(ka - 1), 1))
    hit <- b == level & !(a %in% allowed)
    a[hit] <- sample(allowed, sum(hit), replace = TRUE)
  }
  g <- sample(1:3, n, replace = TRUE)
  cluster <- sample(max(2, n %/% sample(1:8, 1)), n, replace = TRUE) * 7 + 100
  y <- round(rnorm(n) + 0.3 * a - 0.2 * b, 2)
  w <- sample(1:48, n, replace = TRUE) / 16
  design <- data.frame(design = id, y = y, a = paste0("a", a), b = paste0("b", b), g = paste0("g", g),
                       cluster = cluster, w = w)
  formula <- if (id %% 3 == 0) y ~ a * b + g else y ~ a * b + a:g
  args_fit <- list(formula = formula, data = design)
  # Without clusters, HC1: a cell with one row has leverage 1, where HC2 is 0/0 (estimatr prints NaN).
  if (id %% 4 != 0) args_fit$clusters <- quote(cluster) else args_fit$se_type <- "HC1"
  if (id %% 5 %in% c(1, 2)) args_fit$weights <- quote(w)
  fit <- suppressMessages(do.call(lm_robust, args_fit))
  designs[[id]] <- design
  expected[[id]] <- tidy_out(fit, id)
  calls[[id]] <- data.frame(design = id, formula = deparse(formula), clusters = !is.null(args_fit$clusters),
                            weights = !is.null(args_fit$weights), se_type = fit$se_type)
}
con <- gzfile(file.path(fixtures, "aliasing_ties.csv.gz"), "w")
write.csv(do.call(rbind, designs), con, row.names = FALSE)
close(con)
write_expected(do.call(rbind, expected), "aliasing_ties.expected.csv")
write.csv(do.call(rbind, calls), file.path(fixtures, "aliasing_ties.calls.csv"), row.names = FALSE)
