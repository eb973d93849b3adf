# R trial 39: cregg::amce and cregg::mm when a respondent has no complete profile (every profile misses the outcome
# or a feature). cregg builds svydesign(ids = ~respondent, weights = ~w, data) on all the data and svyglm drops the
# incomplete rows by subsetting the design, which keeps that respondent among the P clusters of P/(P − 1)
# (survey's domain estimation); dropping the rows first (the complete-case design) gives SEs 0.4 % larger here.
# Writes tests/analysis/fixtures/conjoint_absent_respondent.csv (12 respondents × 4 tasks, seed 39200100; R0 never
# shows a, R11 answers nothing) and prints the expected values of tests/analysis/conjoint-absent-respondent.test.ts.
# Usage, from the repository root: Rscript tests/analysis/r/conjoint-absent-respondent.R
suppressMessages(library(survey))
set.seed(39200100)
n <- 48
d <- data.frame(respondent = paste0("R", (seq_len(n) - 1) %/% 4), a = sample(c("x", "y", "z"), n, TRUE), b = sample(c("p", "q"), n, TRUE),
  w = 1 + ((seq_len(n) - 1) %/% 4 %% 3) / 2)
d$chosen <- rbinom(n, 1, 0.4 + 0.2 * (d$a == "x") + 0.1 * (d$b == "q"))
d$a[d$respondent == "R0" | runif(n) < 0.1] <- NA
d$chosen[d$respondent == "R11"] <- NA
write.csv(d[c("respondent", "a", "b", "chosen", "w")], "tests/analysis/fixtures/conjoint_absent_respondent.csv", row.names = FALSE)
d <- read.csv("tests/analysis/fixtures/conjoint_absent_respondent.csv", stringsAsFactors = TRUE)
des <- svydesign(ids = ~respondent, weights = ~w, data = d)
show <- function(label, m) { cat(label, "\n"); print(cbind(estimate = coef(m), se = sqrt(diag(vcov(m)))), digits = 15) }
show("cregg::amce(d, chosen ~ a + b, id = ~respondent, weights = ~w)", svyglm(chosen ~ a + b, design = des))
show("cregg::mm(d, chosen ~ a + b, id = ~respondent, weights = ~w): a", svyglm(chosen ~ 0 + a, design = des))
show("b", svyglm(chosen ~ 0 + b, design = des))
dc <- d[complete.cases(d), ]
show("the complete-case design (not cregg's)", svyglm(chosen ~ a + b, design = svydesign(ids = ~respondent, weights = ~w, data = dc)))
# With by (cregg::cj(..., by = ~g) splits the data and builds a design on each group's rows): g is even/odd
# respondent number, so R0 (never shows a) is in "even" and R11 (answers nothing) in "odd".
d$g <- ifelse(as.integer(sub("R", "", d$respondent)) %% 2 == 0, "even", "odd")
for (g in c("even", "odd")) {
  dg <- d[d$g == g, ]; des_g <- svydesign(ids = ~respondent, weights = ~w, data = dg)
  show(paste0("cregg::mm(d, chosen ~ a + b, id = ~respondent, weights = ~w, by = ~g), group ", g, ": a"), svyglm(chosen ~ 0 + a, design = des_g))
  show(paste0("cregg::amce(..., by = ~g), group ", g), svyglm(chosen ~ a + b, design = des_g))
}
