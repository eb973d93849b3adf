# Expected values for tests/analysis/conjoint-groups.test.ts (found by the 2026-12-03 trial against R):
# 1. amce by a group in which the first declared level of a feature is never shown: cregg fits the group's own
#    model, where lm drops the unused level, so the reference is the first level present (vlab reported the
#    contrasts against another level under the absent level's name).
# 2. (data for the amce test only; the mm_diffs case is part 3)
# Usage, from the repository root: Rscript tests/analysis/r/conjoint-groups.R   (R 4.2.2, estimatr 1.0.0)
suppressMessages({ library(estimatr); library(jsonlite) })
set.seed(20261203)
n_resp <- 40
d <- expand.grid(side = 1:2, task = 1:3, id = sprintf("r%02d", 1:n_resp))[, c("id", "task", "side")]
d$party <- ifelse(as.integer(substr(d$id, 2, 3)) <= 16, "dem", "rep")
d$regime <- sample(c("democracy", "autocracy", "hybrid"), nrow(d), TRUE)
d$regime[d$party == "rep" & d$regime == "democracy"] <- "hybrid"   # rep never sees democracy
d$troops <- sample(c("none", "stationed"), nrow(d), TRUE)
d$rating <- pmin(7, pmax(1, round(4 + (d$regime == "autocracy") - 0.5 * (d$troops == "none") + rnorm(nrow(d)))))
d$rating[d$party == "dem" & d$regime == "hybrid"] <- 5                 # constant among dem for hybrid
write.csv(d, "tests/analysis/fixtures/conjoint_groups.csv", row.names = FALSE)
d <- read.csv("tests/analysis/fixtures/conjoint_groups.csv")
d$regime <- factor(d$regime, levels = c("democracy", "autocracy", "hybrid"))
d$troops <- factor(d$troops, levels = c("none", "stationed"))
rep <- lm_robust(rating ~ regime + troops, d[d$party == "rep", ], clusters = id, se_type = "CR2")
mm <- function(g) lm_robust(rating ~ 0 + regime, droplevels(d[d$party == g, ]), clusters = id, se_type = "CR2")
m_dem <- mm("dem"); m_rep <- mm("rep")
hy <- c(dem = unname(coef(m_dem)["regimehybrid"]), rep = unname(coef(m_rep)["regimehybrid"]))
se <- c(dem = unname(m_dem$std.error["regimehybrid"]), rep = unname(m_rep$std.error["regimehybrid"]))
out <- list(
  amce_rep = list(terms = names(coef(rep)), estimate = unname(coef(rep)), se = unname(rep$std.error), df = unname(rep$df)),
  mm_hybrid = list(dem_se = se[["dem"]], rep_df = unname(m_rep$df["regimehybrid"]),
    diff = hy[["rep"]] - hy[["dem"]], se = sqrt(se[["dem"]]^2 + se[["rep"]]^2))
)
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, pretty = FALSE))
# 3. The trial's own case (seed 80069 of its generator, conjoint_zero_variance.csv): every rep respondent who saw
#    'hybrid "new"' rated it 5, so rep's CR2 variance is exactly 0 and its df NaN.
z <- read.csv("tests/analysis/fixtures/conjoint_zero_variance.csv")
z$regime <- factor(z$regime, levels = c("democracy", "autocracy", 'hybrid "new"'))
zm <- function(g) lm_robust(rating ~ 0 + regime, droplevels(z[z$party == g & !is.na(z$rating), ]), clusters = id, se_type = "CR2")
zd <- zm("dem"); zr <- zm("rep"); k <- 'regimehybrid "new"'
writeLines(toJSON(list(dem = list(coef(zd)[[k]], zd$std.error[[k]], zd$df[[k]]), rep = list(coef(zr)[[k]], zr$std.error[[k]], zr$df[[k]])), digits = NA, auto_unbox = TRUE))
