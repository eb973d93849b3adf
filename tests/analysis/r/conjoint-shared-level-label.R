# cregg::mm when two features share a level label ("None" in a and in b), and cregg without an id (R trial 39).
# cregg::mm reshapes the data long (one row per profile × feature, the level in LEVEL) and runs
# svyby(~OUTCOME, ~LEVEL, svymean) on it: it groups by the label alone, so a's "None" and b's "None" become one
# mean over both features' rows, which merge() then prints under each feature. vlab gives each feature its own
# mean (svyglm(chosen ~ 0 + a) on the wide design, as tests/analysis/r/conjoint-absent-respondent.R checks it).
# Without id, cregg builds svydesign(ids = ~0, ...): every row its own cluster; vlab requires id, and a column of
# row numbers as id gives the same amce (se type cregg).
# Writes tests/analysis/fixtures/conjoint_shared_level_label.csv (10 respondents × 6 profiles, seed 39300100) and
# prints the expected values of tests/analysis/conjoint-shared-level-label.test.ts.
# Usage, from the repository root: Rscript tests/analysis/r/conjoint-shared-level-label.R
suppressMessages(library(survey))
set.seed(39300100)
n <- 60
d <- data.frame(respondent = paste0("R", (seq_len(n) - 1) %/% 6), row = seq_len(n),
  a = sample(c("None", "x", "y"), n, TRUE), b = sample(c("None", "p"), n, TRUE), w = 1 + ((seq_len(n) - 1) %/% 6 %% 3) / 2)
d$chosen <- rbinom(n, 1, 0.3 + 0.3 * (d$a == "None") + 0.2 * (d$b == "p"))
write.csv(d, "tests/analysis/fixtures/conjoint_shared_level_label.csv", row.names = FALSE)
d <- read.csv("tests/analysis/fixtures/conjoint_shared_level_label.csv", stringsAsFactors = TRUE)
show <- function(label, m) { cat(label, "\n"); print(cbind(estimate = coef(m), se = sqrt(diag(vcov(m)))), digits = 15) }
des <- svydesign(ids = ~respondent, weights = ~w, data = d)
show("per feature (vlab's mm): a", svyglm(chosen ~ 0 + a, design = des))
show("per feature (vlab's mm): b", svyglm(chosen ~ 0 + b, design = des))
# Anchor: these lines of cregg's R/mm.R (reshape long, svyby by LEVEL) give cregg 0.3.7's own mm on its immigration
# conjoint (tests/reference/cases/conjoint/immigration_mm.expected.csv): 17 of 17 rows, estimates to 6e-14, SEs to
# 1.6e-13 relative.
im <- read.csv(gzfile("tests/reference/cases/conjoint/immigration_conjoint.csv.gz"), stringsAsFactors = TRUE)
RHS <- c("Gender", "Education", "LanguageSkills", "JobPlans"); im$CREGG_WEIGHT <- 1
im_long <- stats::reshape(im[c("ChosenImmigrant", RHS, "CaseID", "CREGG_WEIGHT")], varying = list(RHS), v.names = "LEVEL",
  timevar = "Feature", times = RHS, idvar = "observation", direction = "long")
im_mm <- svyby(~ChosenImmigrant, ~LEVEL, FUN = svymean, design = svydesign(ids = ~CaseID, weights = ~CREGG_WEIGHT, data = im_long), vartype = "se")
im_expected <- merge(read.csv("tests/reference/cases/conjoint/immigration_mm.expected.csv"), im_mm, by.x = "level", by.y = "LEVEL")
cat("anchor on cregg's immigration mm:", nrow(im_expected), "rows; max |estimate diff|", max(abs(im_expected$estimate - im_expected$ChosenImmigrant)),
  "max |SE rel diff|", max(abs(im_expected$std_error / im_expected$se - 1)), "\n")
# cregg::mm(d, chosen ~ a + b, id = ~respondent, weights = ~w), its lines from R/mm.R (cregg 0.3.x):
d$CREGG_WEIGHT <- d$w
long <- stats::reshape(d[c("chosen", "a", "b", "respondent", "CREGG_WEIGHT")], varying = list(c("a", "b")),
  v.names = "LEVEL", timevar = "Feature", times = c("a", "b"), idvar = "observation", direction = "long")
names(long)[names(long) == "chosen"] <- "OUTCOME"
svylong <- svydesign(ids = ~respondent, weights = ~CREGG_WEIGHT, data = long)
cat("cregg::mm's svyby by LEVEL (None pooled over a and b)\n")
print(svyby(~OUTCOME, ~LEVEL, FUN = svymean, design = svylong, na.rm = TRUE, vartype = "se"), digits = 15)
# freqs per feature (cregg's cj_freqs tables LEVEL of the long reshape, so its None would count 20 + 29 = 49):
print(table(d$a)); print(table(d$b))
# cregg::amce(d, chosen ~ a + b, weights = ~w) without id: svydesign(ids = ~0, ...), every row its own cluster.
show("amce without id (ids = ~0)", svyglm(chosen ~ a + b, design = svydesign(ids = ~0, weights = ~w, data = d)))
show("the same with ids = ~row", svyglm(chosen ~ a + b, design = svydesign(ids = ~row, weights = ~w, data = d)))
# cregg::mm(d, chosen ~ a + b, weights = ~w) without id, b's None renamed q (labels unique, as cregg asks): its long
# design's clusters are the 120 stacked rows, where vlab's mm with id = row counts 60.
d$b <- factor(ifelse(d$b == "None", "q", "p"))
long <- stats::reshape(d[c("chosen", "a", "b", "w")], varying = list(c("a", "b")), v.names = "LEVEL", timevar = "Feature",
  times = c("a", "b"), idvar = "observation", direction = "long")
cat("cregg::mm without id (svydesign(ids = ~0) on the long reshape)\n")
print(svyby(~chosen, ~LEVEL, FUN = svymean, design = svydesign(ids = ~0, weights = ~w, data = long), na.rm = TRUE, vartype = "se"), digits = 15)
