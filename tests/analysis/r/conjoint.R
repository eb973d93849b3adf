# Expected values for tests/analysis/conjoint.test.ts: a small constrained conjoint with weights and missing
# values, written to tests/analysis/fixtures/conjoint_small.csv and conjoint_small.expected.json.
# cregg is not in Debian, so its computations are redone here with survey (as cregg calls it, cregg 0.3.7:
# svyglm on svydesign(ids = ~id, weights = ~w); the constrained AMCE averages the non-aliased pair coefficients,
# weights c(1, 1/n, ..., 1/n)); CR2 standard errors and Satterthwaite df of the same averages come from
# clubSandwich::linear_contrast (independent of estimatr and of our reparametrized fit).
# Usage, from the repository root: Rscript tests/analysis/r/conjoint.R   (survey 4.1, clubSandwich 0.5.8, jsonlite)
suppressMessages({ library(survey); library(clubSandwich); library(sandwich); library(jsonlite) })
set.seed(20261202)
out <- "tests/analysis/fixtures"
n_resp <- 150; tasks <- 3
d <- expand.grid(side = 1:2, task = 1:tasks, id = sprintf("r%03d", 1:n_resp))[, c("id", "task", "side")]
n <- nrow(d)
d$regime <- sample(c("democracy", "autocracy", "hybrid"), n, TRUE, prob = c(0.4, 0.3, 0.3))
d$troops <- sample(c("none", "stationed"), n, TRUE)
# evict is only shown to allies hosting troops: the restriction the constraint troops * behaviour describes
d$behaviour <- ifelse(d$troops == "stationed", sample(c("cooperate", "criticise", "evict"), n, TRUE),
                      sample(c("cooperate", "criticise"), n, TRUE))
u <- 0.3 * (d$regime == "autocracy") + 0.1 * (d$regime == "hybrid") + 0.2 * (d$troops == "stationed") +
  0.4 * (d$behaviour == "criticise") + 0.9 * (d$behaviour == "evict") + rnorm(n)
d$chosen <- as.integer(u > ave(u, d$id, d$task, FUN = max) - 1e-12)
d$rating <- pmin(5, pmax(1, round(3 + u)))
resp <- data.frame(id = unique(d$id), w = round(runif(n_resp, 0.5, 2), 3), party = sample(c("dem", "rep"), n_resp, TRUE))
d <- merge(d, resp, by = "id", sort = FALSE)
d$rating[sample(n, 8)] <- NA
d$regime[sample(n, 5)] <- NA
write.csv(d, file.path(out, "conjoint_small.csv"), row.names = FALSE, na = "NA")

lev <- list(regime = c("democracy", "autocracy", "hybrid"), troops = c("none", "stationed"),
            behaviour = c("cooperate", "criticise", "evict"), party = c("dem", "rep"))
for (v in names(lev)) d[[v]] <- factor(d[[v]], levels = lev[[v]])
z975 <- qnorm(0.975)
row <- function(feature, level, est, se, df = NULL) {
  stat <- est / se
  p <- if (is.null(df)) 2 * pnorm(-abs(stat)) else 2 * pt(-abs(stat), df)
  crit <- if (is.null(df)) z975 else qt(0.975, df)
  list(feature = feature, level = level, estimate = est, std_error = se, z = stat, p = p,
       lower = est - crit * se, upper = est + crit * se, df = if (is.null(df)) NA else df)
}

# cregg's constrained AMCE for rating ~ regime + troops * behaviour, from coefficients b (NA = aliased) and V.
cregg_amce <- function(b, V, se_fun) {
  rows <- list()
  for (l in lev$regime[-1]) rows[[length(rows) + 1]] <- se_fun("regime", l, paste0("regime", l), 1)
  for (l in lev$troops[-1]) {
    coefs <- c(paste0("troops", l), paste0("troops", l, ":behaviour", lev$behaviour[-1]))
    coefs <- coefs[!is.na(b[coefs])]
    rows[[length(rows) + 1]] <- se_fun("troops", l, coefs, c(1, rep(1 / length(coefs), length(coefs) - 1)))
  }
  for (l in lev$behaviour[-1]) {
    coefs <- c(paste0("behaviour", l), paste0("troops", lev$troops[-1], ":behaviour", l))
    coefs <- coefs[!is.na(b[coefs])]
    rows[[length(rows) + 1]] <- se_fun("behaviour", l, coefs, c(1, rep(1 / length(coefs), length(coefs) - 1)))
  }
  rows
}

used <- d[complete.cases(d[c("rating", "regime", "troops", "behaviour", "id", "w")]), ]
# Weighted, survey's linearization (cregg: amce(d, rating ~ regime + troops * behaviour, id = ~id, weights = ~w)).
des <- svydesign(ids = ~id, weights = ~w, data = used)
m <- svyglm(rating ~ regime + troops * behaviour, design = des)
b <- coef(m); V <- vcov(m)
amce_weighted <- cregg_amce(b, V, function(f, l, coefs, w) {
  row(f, l, sum(b[coefs] * w), sqrt(drop(t(w) %*% V[coefs, coefs, drop = FALSE] %*% w)))
})
# Unweighted, CR2 with Satterthwaite df (clubSandwich), on the columns glm keeps.
X <- model.matrix(rating ~ regime + troops * behaviour, used)
kept <- names(b)[!is.na(b)]
fit <- lm(used$rating ~ 0 + X[, kept])
names(fit$coefficients) <- kept
amce_cr2 <- cregg_amce(b, NULL, function(f, l, coefs, w) {
  k <- matrix(0, 1, length(kept)); k[1, match(coefs, kept)] <- w
  lc <- linear_contrast(fit, vcov = "CR2", cluster = used$id, contrasts = k, test = "Satterthwaite")
  row(f, l, lc$Est, lc$SE, lc$df)
})

# Weighted marginal means of each feature on its own complete rows (cregg::mm; svyglm(y ~ 0 + f) = svymean by f).
mm_for <- function(data) {
  rows <- list()
  for (f in c("regime", "behaviour")) {
    sub <- data[!is.na(data$rating) & !is.na(data[[f]]), ]
    fm <- svyglm(as.formula(paste("rating ~ 0 +", f)), design = svydesign(ids = ~id, weights = ~w, data = sub))
    for (k in seq_along(coef(fm))) rows[[length(rows) + 1]] <- row(f, levels(sub[[f]])[k], coef(fm)[[k]], sqrt(vcov(fm)[k, k]))
  }
  rows
}
mm_weighted <- mm_for(d)
dem <- mm_for(d[d$party == "dem", ]); rep <- mm_for(d[d$party == "rep", ])
mm_diffs_weighted <- Map(function(a, b) row(b$feature, b$level, b$estimate - a$estimate, sqrt(a$std_error^2 + b$std_error^2)), dem, rep)

# AMCEs within each party (cregg: cj(d, rating ~ regime + troops * behaviour, id = ~id, estimate = "amce", by = ~party)).
amce_by_party <- list()
for (g in lev$party) {
  sub <- used[used$party == g, ]
  mg <- svyglm(rating ~ regime + troops * behaviour, design = svydesign(ids = ~id, weights = ~1, data = sub))
  bg <- coef(mg); Vg <- vcov(mg)
  amce_by_party[[g]] <- cregg_amce(bg, Vg, function(f, l, coefs, w) {
    row(f, l, sum(bg[coefs] * w), sqrt(drop(t(w) %*% Vg[coefs, coefs, drop = FALSE] %*% w)))
  })
}
# Differences in AMCEs (cregg: amce_diffs(d, rating ~ regime + troops + behaviour, by = ~party, id = ~id)): glm with
# the party interaction, sandwich::vcovCL(cluster = id) (for a glm: G/(G-1) CR0, no (n-1)/(n-k)), z tests.
ud <- d[complete.cases(d[c("rating", "regime", "troops", "behaviour", "party", "id")]), ]
gd <- glm(rating ~ (regime + troops + behaviour) * party, data = ud)
vd <- vcovCL(gd, cluster = ~id)
amce_diffs <- list()
for (f in c("regime", "troops", "behaviour")) for (l in lev[[f]][-1]) {
  term <- paste0(f, l, ":partyrep")
  amce_diffs[[length(amce_diffs) + 1]] <- row(f, l, coef(gd)[[term]], sqrt(vd[term, term]))
}

# Displayed frequencies against the design: chisq.test with the design's probabilities.
ct <- chisq.test(table(factor(d$regime, levels = lev$regime)), p = c(0.4, 0.3, 0.3))
ct2 <- chisq.test(table(d$troops))
freqs <- list(regime = list(chisq = unname(ct$statistic), p = ct$p.value), troops = list(chisq = unname(ct2$statistic), p = ct2$p.value))

write_json(list(amce_weighted = amce_weighted, amce_cr2 = amce_cr2, mm_weighted = mm_weighted,
                mm_diffs_weighted = mm_diffs_weighted, amce_by_party = amce_by_party, amce_diffs = amce_diffs, freqs = freqs, nobs_amce = nrow(used)),
           file.path(out, "conjoint_small.expected.json"), auto_unbox = TRUE, digits = NA, pretty = TRUE, na = "null")
