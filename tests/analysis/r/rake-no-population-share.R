# R's answer for raking to a study's population-margins.json whose `noPopulationShare` lists answers with no
# population figure (tests/analysis/rake-no-population-share.test.ts). survey::rake itself refuses a sample level
# the population table lacks ("Strata in sample absent from population"), so R needs a target for it: the
# documented rule (README, raking-margins.ts, replicate.R) keeps the answer's share as the design estimates it,
# svymean on the design raking starts from (each row 1 without base weights, the base weights with them), and the
# margins' shares divide the rest. Base weights correlate with gender, so the weighted and unweighted shares of
# the unshared answers differ. Writes tests/analysis/fixtures/rake_unshared.csv (data) and
# rake_unshared.expected.csv (weights normalised to mean 1 from weight 1, and from the base weights).
# Usage, from the repository root: Rscript tests/analysis/r/rake-no-population-share.R   (R 4.2.2, survey 4.1-1)
suppressMessages(library(survey))
set.seed(20261206)
n <- 90
d <- data.frame(id = sprintf("r%02d", 1:n), gender = sample(c("female", "male", "nonbinary", "prefer_not_to_say"), n, TRUE, prob = c(0.45, 0.4, 0.07, 0.08)),
  education = sample(c("no_college", "college"), n, TRUE))
d$base <- round(ifelse(d$gender %in% c("nonbinary", "prefer_not_to_say"), 2.5, ifelse(d$gender == "female", 0.7, 1.2)) * runif(n, 0.6, 1.6), 4)
write.csv(d, "tests/analysis/fixtures/rake_unshared.csv", row.names = FALSE)
margins <- list(gender = c(female = 0.51, male = 0.49), education = c(no_college = 0.62, college = 0.38))
unshared <- c("nonbinary", "prefer_not_to_say")
raked <- function(des) {
  # The unshared answers keep the design's estimate of their share; female and male divide the rest 51:49.
  share <- coef(svymean(~gender, des))[paste0("gender", unshared)]
  g <- c(margins$gender * (1 - sum(share)), setNames(share, unshared))
  total <- sum(weights(des))
  pop <- list(data.frame(gender = names(g), Freq = g * total), data.frame(education = names(margins$education), Freq = margins$education * total))
  w <- weights(rake(des, list(~gender, ~education), pop, control = list(maxit = 1000, epsilon = 1e-12)))
  w / mean(w)
}
unit <- raked(svydesign(ids = ~1, data = d, weights = ~rep(1, n)))
base <- raked(svydesign(ids = ~1, data = d, weights = ~base))
write.csv(data.frame(id = d$id, weight = sprintf("%.15g", unit), weight_from_base = sprintf("%.15g", base)), "tests/analysis/fixtures/rake_unshared.expected.csv", row.names = FALSE)
u <- d$gender %in% unshared
cat("unshared share: unweighted", mean(u), "base-weighted", sum(d$base[u]) / sum(d$base), "\n")
